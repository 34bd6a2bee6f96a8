//! `lookup`, `key` and `entities`: whole names, one at a time.

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use crate::Outcome;
use crate::input::Source;
use crate::tables::TableArgs;

/// Resolve whole names to canonical entity IDs.
///
/// Names come from the arguments, or one per line from standard input when there are none
/// (or the only argument is `-`). Any spelling, script, letter case, word order or
/// grammatical case works: `Lukashenko`, `Лукашэнка`, `Łukaszenka's`, `ЛУКАШЕНКО Александр
/// Григорьевич`, `Светланы Тихановской`.
///
/// Prints one line per name: `ID<TAB>canonical name`, or `-` when the name is not known or
/// could be several entities. Exits 0 when every name matched, 1 when some did not.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Print one JSON object per name: input, id (null when none), canonical, kind, qid,
    /// match (alias, key, words, given-name or inflection), homoglyph, score, why, and the
    /// candidates of an ambiguous name.
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
    /// Print one JSON object per entity, with its names.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    tables: TableArgs,
}

/// Calls `each` with every name: the arguments, or the lines of standard input. Returns
/// whether every name was read (see [`Source::for_each_line`]).
fn for_each_name(names: &[String], mut each: impl FnMut(&str) -> Result<()>) -> Result<bool> {
    if !(names.is_empty() || names == ["-"]) {
        for name in names {
            each(name)?;
        }
        return Ok(true);
    }
    Source::stdin().for_each_line(each)
}

#[derive(Serialize)]
struct LookupJson<'a> {
    input: &'a str,
    id: Option<&'a str>,
    canonical: Option<&'a str>,
    kind: Option<canonym::Kind>,
    qid: Option<&'a str>,
    #[serde(rename = "match")]
    how: Option<&'a str>,
    homoglyph: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<&'a str>,
}

pub fn lookup(args: &LookupArgs) -> Result<Outcome> {
    let gazetteer = args.tables.gazetteer()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_found = true;
    let clean = for_each_name(&args.names, |name| {
        let found = gazetteer
            .lookup(name)
            .filter(|m| m.score() >= args.min_score);
        all_found &= found.is_some();
        if args.json {
            let candidates = if found.is_none() {
                gazetteer.candidates(name).iter().map(|e| e.id()).collect()
            } else {
                Vec::new()
            };
            let entity = found.map(|m| m.entity());
            let record = LookupJson {
                input: name,
                id: entity.map(|e| e.id()),
                canonical: entity.map(|e| e.canonical()),
                kind: entity.map(|e| e.kind()),
                qid: entity.and_then(|e| e.qid()),
                how: found.map(|m| m.how().as_str()),
                homoglyph: found.is_some_and(|m| m.homoglyph()),
                score: found.map(|m| m.score()),
                why: found.map(|m| m.why().as_str()),
                candidates,
            };
            serde_json::to_writer(&mut out, &record)?;
            writeln!(out)?;
        } else {
            match found {
                Some(m) => writeln!(out, "{}\t{}", m.entity().id(), m.entity().canonical())?,
                None => writeln!(out, "-")?,
            }
        }
        if args.explain {
            write!(out, "{}", canonym::explain_lookup(name))?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(Outcome::of(clean, all_found))
}

pub fn key(args: &KeyArgs) -> Result<Outcome> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = String::new();
    let clean = for_each_name(&args.names, |name| {
        buf.clear();
        canonym::key_into(name, &mut buf);
        writeln!(out, "{buf}")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(Outcome::of(clean, true))
}

#[derive(Serialize)]
struct EntityJson<'a> {
    id: &'a str,
    kind: canonym::Kind,
    canonical: &'a str,
    qid: Option<&'a str>,
    description: &'a str,
    names: Vec<NameJson<'a>>,
}

#[derive(Serialize)]
struct NameJson<'a> {
    name: &'a str,
    lang: &'a str,
    source: &'a str,
}

pub fn entities(args: &EntitiesArgs) -> Result<Outcome> {
    let gazetteer = args.tables.gazetteer()?;
    let mut out = BufWriter::new(io::stdout().lock());
    for e in gazetteer.entities() {
        if args.json {
            let record = EntityJson {
                id: e.id(),
                kind: e.kind(),
                canonical: e.canonical(),
                qid: e.qid(),
                description: e.description(),
                names: e
                    .names()
                    .iter()
                    .map(|n| NameJson {
                        name: n.text(),
                        lang: n.lang(),
                        source: n.source(),
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut out, &record)?;
            writeln!(out)?;
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
