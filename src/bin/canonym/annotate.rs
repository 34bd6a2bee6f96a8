//! `annotate`: the mentions of known entities in running text, marked inline, as JSON Lines or
//! TSV, or summed up per entity.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::{Args, ValueEnum};
use serde::Serialize;

use canonym::{Gazetteer, Matcher, Mention, Piece};

use crate::Outcome;
use crate::input::{Failure, Source, each_source};
use crate::tables::TableArgs;

/// Find the mentions of known people, places, organizations and media in running text.
///
/// Reads each FILE (or standard input when there is none, or for `-`) in bounded memory and
/// finds every mention of a built-in entity: any spelling, script, case or grammatical case
/// (`Lukashenka's`, `Лукашэнкі`, `в Минске`, `MINSK`, `Łukaszenki`), whole words only, the
/// longest name winning (`Minsk Tractor Works` is one mention). Bare surnames refer back to the
/// person named in full earlier in the same file.
///
/// Exits 0 when a mention was found, 1 when none was, 2 when a file could not be read (the
/// other files are still processed). The README describes the formats.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Output format: `inline` copies the text with each mention written `[[text|id]]`;
    /// `jsonl` prints one JSON object per mention (file, start, end, text, id, canonical,
    /// kind, match, homoglyph, score, why); `tsv` prints `file<TAB>start<TAB>end<TAB>id<TAB>match<TAB>text`.
    #[arg(long, value_enum, default_value_t = Format::Inline)]
    format: Format,
    /// With `--format inline`: write a literal `[[` of the input as `[[|]]`, so that the
    /// markup stays unambiguous. Without it, input containing `[[` is refused.
    #[arg(long)]
    escape: bool,
    /// Print a summary instead: per entity, the number of mentions and the spellings used,
    /// most mentioned first.
    #[arg(long, conflicts_with = "jsonl_field")]
    stats: bool,
    /// The input is JSON Lines: annotate the string field NAME of each object, and print the
    /// object with an `entities` array added (offsets into that field); other fields are kept.
    #[arg(long, value_name = "NAME")]
    jsonl_field: Option<String>,
    /// Leave out mentions scored below this (0 to 1): a listed spelling scores 1, a case form
    /// or another word order 0.95, a spelling the verifier aligned through a transliteration
    /// system its score (at least 0.7).
    #[arg(long, value_name = "SCORE", default_value_t = 0.0)]
    min_score: f32,
    #[command(flatten)]
    tables: TableArgs,
    /// Bytes read at a time (for testing mentions across chunk boundaries).
    #[arg(long, hide = true, default_value_t = 64 * 1024)]
    chunk_size: usize,
    /// Files to read; none, or `-`, reads standard input.
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Inline,
    Jsonl,
    Tsv,
}

#[derive(Serialize)]
struct JsonMention<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    id: &'a str,
    canonical: &'a str,
    kind: &'a str,
    #[serde(rename = "match")]
    how: &'a str,
    homoglyph: bool,
    score: f32,
    why: &'static str,
}

impl<'a> JsonMention<'a> {
    fn new(file: Option<&'a str>, m: &Mention<'a>, text: &'a str) -> Self {
        JsonMention {
            file,
            start: m.start(),
            end: m.end(),
            text,
            id: m.entity().id(),
            canonical: m.entity().canonical(),
            kind: m.entity().kind().as_str(),
            how: m.how().as_str(),
            homoglyph: m.is_homoglyph(),
            score: m.score(),
            why: m.why().as_str(),
        }
    }
}

/// Per entity: mentions and spellings.
#[derive(Default)]
struct Stats {
    entities: BTreeMap<&'static str, (usize, BTreeMap<String, usize>)>,
}

impl Stats {
    fn add(&mut self, m: &Mention<'static>, text: &str) {
        let (count, spellings) = self.entities.entry(m.entity().id()).or_default();
        *count += 1;
        *spellings.entry(text.to_owned()).or_default() += 1;
    }

    fn print(&self, gazetteer: &Gazetteer, out: &mut impl Write) -> io::Result<()> {
        let mut rows: Vec<_> = self.entities.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        for (id, (count, spellings)) in rows {
            let canonical = gazetteer.entity(id).map_or("", |e| e.canonical());
            let mut sp: Vec<_> = spellings.iter().collect();
            sp.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let list: Vec<String> = sp
                .iter()
                .map(|(s, n)| format!("{} ×{n}", s.replace(['\n', '\r', '\t'], " ")))
                .collect();
            writeln!(out, "{count}\t{id}\t{canonical}\t{}", list.join(", "))?;
        }
        Ok(())
    }
}

/// Escapes a mention's text for a TSV field (a name may be broken by a line break).
fn tsv_field(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Runs `canonym annotate`.
pub fn annotate(args: &AnnotateArgs) -> Result<Outcome> {
    let gazetteer = args.tables.gazetteer()?;
    let matcher = gazetteer.matcher();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut found = false;
    let mut stats = Stats::default();
    // Offsets in jsonl/tsv output only make sense for a valid file, so an invalid named file
    // is skipped whole, before any of its mentions is printed (a validation pass in bounded
    // memory). Standard input cannot be read twice: it stops at the bad byte.
    let check = args.jsonl_field.is_none() && !args.stats && args.format != Format::Inline;
    let clean = each_source(&Source::all(&args.files), &mut out, |source, out| {
        if check && source.path().is_some() {
            source.check_utf8().map_err(Failure::Input)?;
        }
        match &args.jsonl_field {
            Some(field) => {
                annotate_jsonl_field(matcher, source, field, args.min_score, out, &mut found)
            }
            None => annotate_text(args, matcher, source, out, &mut stats, &mut found),
        }
    })?;
    if args.stats {
        stats.print(gazetteer, &mut out)?;
    }
    out.flush()?;
    Ok(Outcome::of(clean, found))
}

/// `--format inline`: the text with mentions marked (the library's [`canonym::Inline`]).
fn annotate_inline(
    args: &AnnotateArgs,
    matcher: Matcher<'static>,
    source: &Source,
    out: &mut impl Write,
    found: &mut bool,
) -> Result<(), Failure> {
    let mut inline = canonym::Inline::new(out, args.escape);
    source.scan(matcher, args.chunk_size, |piece| {
        *found |= matches!(piece, Piece::Mention { .. });
        inline.write(piece).map_err(|e| match e {
            canonym::InlineError::Io(e) => Failure::Output(e),
            // The library says what and where; the flag that avoids it is the CLI's to name.
            e @ canonym::InlineError::Markup { .. } => Failure::Input(anyhow!(
                "{}: {e}; pass --escape to write it as `[[|]]`",
                source.name()
            )),
            e => Failure::Input(anyhow!("{}: {e}", source.name())),
        })
    })
}

fn annotate_text(
    args: &AnnotateArgs,
    matcher: Matcher<'static>,
    source: &Source,
    out: &mut impl Write,
    stats: &mut Stats,
    found: &mut bool,
) -> Result<(), Failure> {
    if args.format == Format::Inline && !args.stats {
        return annotate_inline(args, matcher, source, out, found);
    }
    let file = source.path().map(|_| source.name());
    source.scan(matcher, args.chunk_size, |piece| {
        let w = |r: io::Result<()>| r.map_err(Failure::Output);
        match piece {
            Piece::Mention { mention, .. } if mention.score() < args.min_score => Ok(()),
            Piece::Mention { mention, text } => {
                *found = true;
                if args.stats {
                    stats.add(&mention, text);
                    return Ok(());
                }
                match args.format {
                    Format::Jsonl => {
                        let json = serde_json::to_string(&JsonMention::new(file, &mention, text))
                            .map_err(|e| Failure::Output(io::Error::other(e)))?;
                        w(writeln!(out, "{json}"))
                    }
                    Format::Inline | Format::Tsv => w(writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        source.name(),
                        mention.start(),
                        mention.end(),
                        mention.entity().id(),
                        mention.how().as_str(),
                        tsv_field(text)
                    )),
                }
            }
            // Outside inline output (see annotate_inline), text between mentions is not written.
            Piece::Text { .. } => Ok(()),
            Piece::Invalid { .. } if args.stats => Ok(()),
            Piece::Invalid { offset, .. } => Err(Failure::Input(source.invalid_utf8(offset))),
        }
    })
}

/// `--jsonl-field`: each line of the input is a JSON object; annotate one string field.
fn annotate_jsonl_field(
    matcher: Matcher<'static>,
    source: &Source,
    field: &str,
    min_score: f32,
    out: &mut impl Write,
    found: &mut bool,
) -> Result<(), Failure> {
    let mut lines = source.lines().map_err(Failure::Input)?;
    let mut bad = None;
    while let Some(line) = lines.next_line().map_err(Failure::Input)? {
        let number = line.number;
        if line.bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut doc: serde_json::Value = match serde_json::from_slice(line.bytes) {
            Ok(v) => v,
            Err(e) => {
                crate::report(&source.at_line(number, format_args!("not a JSON object: {e}")));
                bad = Some(number);
                continue;
            }
        };
        let Some(object) = doc.as_object_mut() else {
            crate::report(&source.at_line(number, "not a JSON object"));
            bad = Some(number);
            continue;
        };
        let entities: Vec<serde_json::Value> = match object.get(field) {
            Some(serde_json::Value::String(s)) => matcher
                .find_iter(s)
                .filter(|m| m.score() >= min_score)
                .map(|m| {
                    let text = s.get(m.range()).unwrap_or_default();
                    serde_json::to_value(JsonMention::new(None, &m, text))
                        .unwrap_or(serde_json::Value::Null)
                })
                .collect(),
            Some(serde_json::Value::Null) | None => Vec::new(),
            Some(_) => {
                crate::report(
                    &source.at_line(number, format_args!("field {field:?} is not a string")),
                );
                bad = Some(number);
                Vec::new()
            }
        };
        *found |= !entities.is_empty();
        object.insert("entities".into(), serde_json::Value::Array(entities));
        let json = serde_json::to_string(&doc).map_err(|e| Failure::Output(io::Error::other(e)))?;
        writeln!(out, "{json}").map_err(Failure::Output)?;
    }
    match bad {
        // The bad lines were reported one by one; the file as a whole failed.
        Some(line) => Err(Failure::Input(anyhow!(
            "{}: line {line} and maybe others could not be annotated",
            source.name()
        ))),
        None => Ok(()),
    }
}
