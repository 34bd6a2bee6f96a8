//! `lookup`, `key` and `entities`: whole names, one at a time.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::sync::Mutex;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::Outcome;
use crate::input::Source;
use crate::output::{Output, json_line};
use crate::tables::TableArgs;

/// Resolve whole names to canonical entity IDs.
///
/// Names come from the arguments, or one per line from standard input when there are none
/// (or the only argument is `-`). Any spelling, script, letter case, word order or
/// grammatical case works: `Lukashenko`, `Лукашэнка`, `Łukaszenka's`, `ЛУКАШЕНКО Александр
/// Григорьевич`, `Светланы Тихановской`.
///
/// Prints one line per name: `ID<TAB>canonical name`, or `-` when the name is not known,
/// could be several entities (namesakes: `--json` lists them), or (on standard input) is a
/// line that is not UTF-8. Exits 0 when
/// a name matched, 1 when none did (as grep), 2 when a line could not be read.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Print one JSON object per name: input, id (null when none), canonical, kind, qid,
    /// match (alias, key, words, given-name or inflection), homoglyph, score and why (for a
    /// match), and the candidates of an ambiguous name, each with these fields, heaviest
    /// (the table's `weight`) and best first (docs/json.md).
    #[arg(long)]
    json: bool,
    /// Treat a match scored below this (0 to 1) as no match: a listed spelling scores 1,
    /// another word order or a case form 0.95, a spelling the verifier aligned through a
    /// transliteration system its score (at least 0.7).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    min_score: f32,
    /// After each name, print why it matched or not: the candidates its key proposed, and
    /// for each the verifier's alignment with the entity's closest name.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    tables: TableArgs,
    /// Names to resolve; none, or `-`, reads them from standard input, one per line.
    names: Vec<String>,
}

/// Print the matching key of each name, one per line.
///
/// Names come from the arguments, or one per line from standard input when there are none
/// (or the only argument is `-`). Spellings of one name share a key: `Lukashenka`,
/// `Лукашенко` and `Łukaszenka` all print the same line.
#[derive(Debug, Args)]
pub struct KeyArgs {
    /// Names to fold; none, or `-`, reads them from standard input, one per line.
    names: Vec<String>,
}

/// List every entity with its names: the built-in ones, or those of the tables given.
///
/// Text output: a line `ID<TAB>kind<TAB>canonical<TAB>QID<TAB>description` per entity,
/// followed by one indented line per name: `<TAB>name<TAB>lang<TAB>source`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Print one JSON object per entity, with its names (docs/json.md).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    tables: TableArgs,
}

/// Calls `each` with every name: the arguments, or the lines of standard input (`None` for
/// a line that is not UTF-8). Returns whether every name was read (see
/// [`Source::for_each_line`]).
fn for_each_name(
    names: &[String],
    mut each: impl FnMut(Option<&str>) -> Result<()>,
) -> Result<bool> {
    if !(names.is_empty() || names == ["-"]) {
        for name in names {
            each(Some(name))?;
        }
        return Ok(true);
    }
    Source::stdin().for_each_line(each)
}

/// A lookup answer as JSON: the library's [`canonym::Match`] with the input before it and the
/// candidates of an ambiguous name after it.
#[derive(Serialize)]
struct LookupJson<'a> {
    /// Null for a line of standard input that is not UTF-8.
    input: Option<&'a str>,
    #[serde(flatten)]
    found: Found<'a>,
    /// Each entity an ambiguous name could be (namesakes), best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<canonym::Match<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Found<'a> {
    Match(canonym::Match<'a>),
    /// The fields of a match, each `null`, so that every line has the same keys.
    None {
        id: (),
        canonical: (),
        kind: (),
        qid: (),
        #[serde(rename = "match")]
        how: (),
        homoglyph: bool,
    },
}

impl Found<'_> {
    const NONE: Self = Found::None {
        id: (),
        canonical: (),
        kind: (),
        qid: (),
        how: (),
        homoglyph: false,
    };
}

pub fn lookup(args: &LookupArgs) -> Result<Outcome> {
    if args.tables.reads_stdin() && (args.names.is_empty() || args.names == ["-"]) {
        anyhow::bail!(
            "--table - reads standard input, so the names must be given as arguments, not read from standard input too"
        );
    }
    let gazetteer = args.tables.gazetteer()?;
    let mut out = Output::open()?;
    // The answer to one name, written into `out`; whether it was found.
    let answer = |name: Option<&str>, out: &mut dyn Write| -> Result<bool> {
        let Some(name) = name else {
            // A line that could not be read still gets its answer line.
            if args.json {
                let record = LookupJson {
                    input: None,
                    found: Found::NONE,
                    candidates: Vec::new(),
                };
                json_line(out, &record)?;
            } else {
                writeln!(out, "-")?;
            }
            return Ok(false);
        };
        let found = gazetteer
            .lookup(name)
            .filter(|m| m.score() >= args.min_score);
        let any = found.is_some();
        if args.json {
            let candidates = if found.is_none() {
                gazetteer.matches(name)
            } else {
                Vec::new()
            };
            let record = LookupJson {
                input: Some(name),
                found: found.map_or(Found::NONE, Found::Match),
                candidates,
            };
            json_line(out, &record)?;
        } else {
            match found {
                Some(m) => writeln!(out, "{}\t{}", m.entity().id(), m.entity().canonical())?,
                None => writeln!(out, "-")?,
            }
        }
        if args.explain {
            write!(out, "{}", gazetteer.explain(name))?;
        }
        Ok(any)
    };
    let from_stdin = args.names.is_empty() || args.names == ["-"];
    let memo = Memo::default();
    let (clean, any_found) =
        if from_stdin && crate::global().jobs() > 1 && !crate::global().line_buffered() {
            // Names read from standard input are answered on every core, in input order.
            crate::parallel::answer_lines(&Source::stdin(), &mut out, |name, buf| {
                memo.answer(name, buf, |name, buf| answer(name, buf))
            })?
        } else {
            let mut any_found = false;
            let mut buf = Vec::new();
            let clean = for_each_name(&args.names, |name| {
                buf.clear();
                any_found |= memo.answer(name, &mut buf, |name, buf| answer(name, buf))?;
                out.write_all(&buf)?;
                Ok(())
            })?;
            (clean, any_found)
        };
    out.flush()?;
    Ok(Outcome::of(clean, any_found))
}

/// Names and the bytes written for each, with whether it was found.
type Answers = HashMap<Box<str>, (Box<[u8]>, bool)>;

/// The answers written for the names of this run, so that a name a list repeats (a column of
/// a dataframe, the names of a log) is answered once: an answer depends on the name alone.
/// Sharded by the name's hash, so that the threads rarely wait for one another, and bounded: a
/// shard that is full is emptied (a list of distinct names pays one hash and one lock a name).
struct Memo {
    shards: Vec<Mutex<Answers>>,
    hasher: RandomState,
}

impl Memo {
    const SHARDS: usize = 16;
    /// Entries per shard: 16 × 8,192 answers of a few dozen bytes (a few hundred with --json)
    /// hold a few megabytes.
    const PER_SHARD: usize = 8192;

    /// Appends the answer to `name` to `buf`: the one written before, or `answer`'s, which
    /// is then kept. A line that could not be read is answered afresh.
    fn answer(
        &self,
        name: Option<&str>,
        buf: &mut Vec<u8>,
        answer: impl FnOnce(Option<&str>, &mut Vec<u8>) -> Result<bool>,
    ) -> Result<bool> {
        let Some(text) = name else {
            return answer(name, buf);
        };
        let shard = self.hasher.hash_one(text) as usize % Self::SHARDS;
        let Some(shard) = self.shards.get(shard) else {
            return answer(name, buf);
        };
        if let Ok(m) = shard.lock() {
            if let Some((bytes, found)) = m.get(text) {
                buf.extend_from_slice(bytes);
                return Ok(*found);
            }
        }
        let start = buf.len();
        let found = answer(name, buf)?;
        if let (Ok(mut m), Some(bytes)) = (shard.lock(), buf.get(start..)) {
            if m.len() >= Self::PER_SHARD {
                m.clear();
            }
            m.insert(text.into(), (bytes.into(), found));
        }
        Ok(found)
    }
}

impl Default for Memo {
    fn default() -> Self {
        Memo {
            shards: (0..Self::SHARDS).map(|_| Mutex::default()).collect(),
            hasher: RandomState::new(),
        }
    }
}

pub fn key(args: &KeyArgs) -> Result<Outcome> {
    let mut out = Output::open()?;
    let from_stdin = args.names.is_empty() || args.names == ["-"];
    let clean = if from_stdin && crate::global().jobs() > 1 && !crate::global().line_buffered() {
        // Names read from standard input are folded on every core, in input order.
        let answer = |name: Option<&str>, out: &mut Vec<u8>| {
            let key = canonym::key(name.unwrap_or_default());
            out.extend_from_slice(key.as_bytes());
            out.push(b'\n');
            Ok(true)
        };
        crate::parallel::answer_lines(&Source::stdin(), &mut out, answer)?.0
    } else {
        // Keys are appended to one batch, written every 32 KiB (a write per line was a twentieth
        // of keying a list), or at once on a terminal or with --line-buffered.
        const BATCH: usize = 32 * 1024;
        let line_buffered = out.line_buffered();
        let mut batch = String::with_capacity(BATCH + 1024);
        let clean = for_each_name(&args.names, |name| {
            canonym::key_into(name.unwrap_or_default(), &mut batch);
            batch.push('\n');
            if line_buffered || batch.len() >= BATCH {
                out.write_all(batch.as_bytes())?;
                batch.clear();
            }
            Ok(())
        })?;
        out.write_all(batch.as_bytes())?;
        clean
    };
    out.flush()?;
    Ok(Outcome::of(clean, true))
}

pub fn entities(args: &EntitiesArgs) -> Result<Outcome> {
    let gazetteer = args.tables.gazetteer()?;
    let mut out = Output::open()?;
    for e in gazetteer.entities() {
        if args.json {
            json_line(&mut out, e)?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                e.id(),
                e.kind(),
                e.canonical(),
                e.qid().unwrap_or("-"),
                e.description()
            )?;
            for n in e.names() {
                writeln!(out, "\t{}\t{}\t{}", n.text(), n.lang(), n.source())?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}
