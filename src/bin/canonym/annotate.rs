//! `annotate`: the mentions of known entities in running text, marked inline, as JSON Lines or
//! TSV, or summed up per entity.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::{Args, ValueEnum};
use serde::Serialize;

use canonym::{Gazetteer, Matcher, Mention, Piece};

use crate::Outcome;
use crate::input::{Failure, Source, Tracker, each_source};
use crate::output::{Output, json_line};
use crate::parallel::Start;
use crate::tables::TableArgs;

/// Find the mentions of known people, places, organizations and media in running text.
///
/// Reads each FILE (or standard input when there is none, or for `-`) in bounded memory and
/// finds every mention of a built-in entity: any spelling, script, case or grammatical case
/// (`Lukashenka's`, `Лукашэнкі`, `в Минске`, `MINSK`, `Łukaszenki`), whole words only, the
/// longest name winning (`Minsk Tractor Works` is one mention). Bare surnames refer back to the
/// person named in full earlier in the same document: a file, or past a megabyte the stretch up
/// to the first blank line after it (documents are searched on every core, see `-j`).
///
/// A name that several entities of the tables share (namesakes: two people called Ivan Petrov)
/// is linked only when the file named one of them before; otherwise JSON output reports it
/// with `"id": null` and its `candidates`, ranked as `lookup --json` ranks them, and the
/// inline and TSV output leave it as written.
///
/// A line that is not UTF-8 is reported (`FILE:LINE: invalid UTF-8 at byte N`): the inline
/// output copies it as is, the others skip its mentions. Exits 0 when a mention of one entity
/// was found, 1 when none was (a name left ambiguous does not count, as for lookup), 2 when an
/// input could not be read whole (the others are still processed). The README describes the
/// formats.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Output format: `inline` copies the text with each mention written `[[text|id]]` (and a
    /// literal `[[` written `[[|]]`); `jsonl` prints one JSON object per mention (file, start,
    /// end, char_start, char_end, text, id, canonical, kind, match, homoglyph, score, why), and
    /// per ambiguous name one with a null id and its `candidates`; `tsv` prints
    /// `file<TAB>start<TAB>end<TAB>id<TAB>match<TAB>text` (byte offsets). The JSON fields are
    /// described in docs/json.md.
    #[arg(long, value_enum, default_value_t = Format::Inline)]
    format: Format,
    /// The same as `--format jsonl`, as `--json` is for lookup, entities and cluster.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// The offsets that JSON output gives, comma-separated: `bytes` (start, end: UTF-8 bytes),
    /// `chars` (char_start, char_end: Unicode scalar values, as Python's str indexes), `utf16`
    /// (utf16_start, utf16_end: UTF-16 code units, as JavaScript's String indexes).
    #[arg(
        long,
        value_enum,
        value_name = "UNITS",
        value_delimiter = ',',
        default_value = "bytes,chars",
        conflicts_with = "stats"
    )]
    offsets: Vec<Unit>,
    /// Accepted for compatibility: a literal `[[` of the input is always written `[[|]]` in
    /// inline output.
    #[arg(long, hide = true)]
    escape: bool,
    /// Print a summary instead: per entity, the number of mentions and the spellings used,
    /// most mentioned first.
    #[arg(long, conflicts_with_all = ["jsonl_field", "format", "json"])]
    stats: bool,
    /// The input is JSON Lines: annotate the string field NAME of each object, and print the
    /// object with an `entities` array added (offsets into that field); other fields are kept.
    #[arg(long, value_name = "NAME", conflicts_with = "format")]
    jsonl_field: Option<String>,
    /// Leave out mentions scored below this (0 to 1): a listed spelling scores 1, a case form
    /// or another word order 0.95, a spelling the verifier aligned through a transliteration
    /// system its score (at least 0.7). An ambiguous name's candidates below it are left out,
    /// and the name when none is left; it stays without an ID.
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

/// A unit of the offsets in JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Unit {
    Bytes,
    Chars,
    Utf16,
}

/// Where a mention starts and ends, in the units asked for.
#[derive(Clone, Copy, Default)]
struct Span {
    bytes: Option<(usize, usize)>,
    chars: Option<(usize, usize)>,
    utf16: Option<(usize, usize)>,
}

/// A position in a text counted in every unit: advanced over the text before a mention, it
/// gives the mention's offsets in each. A byte that is not UTF-8 counts as one character and
/// one UTF-16 unit (as Python's `surrogateescape` and a decoder's U+FFFD per byte do).
#[derive(Clone, Copy, Default)]
struct Position {
    chars: usize,
    utf16: usize,
}

impl Position {
    fn advance(&mut self, text: &str, utf16: bool) {
        self.chars += text.chars().count();
        if utf16 {
            self.utf16 += text.chars().map(char::len_utf16).sum::<usize>();
        }
    }

    fn advance_bytes(&mut self, n: usize) {
        self.chars += n;
        self.utf16 += n;
    }
}

/// The offsets of a JSON output (`--offsets`).
#[derive(Clone, Copy)]
struct Units {
    bytes: bool,
    chars: bool,
    utf16: bool,
}

impl Units {
    fn of(list: &[Unit]) -> Units {
        Units {
            bytes: list.contains(&Unit::Bytes),
            chars: list.contains(&Unit::Chars),
            utf16: list.contains(&Unit::Utf16),
        }
    }

    /// The span of a mention at bytes `start..end` whose text is `text`, which starts at `at`.
    fn span(self, start: usize, end: usize, at: Position, text: &str) -> Span {
        let mut after = at;
        after.advance(text, self.utf16);
        Span {
            bytes: self.bytes.then_some((start, end)),
            chars: self.chars.then_some((at.chars, after.chars)),
            utf16: self.utf16.then_some((at.utf16, after.utf16)),
        }
    }
}

#[derive(Serialize)]
struct JsonMention<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    utf16_end: Option<usize>,
    text: &'a str,
    /// The entity's ID, canonical name and kind and how it was found: `null` for a name
    /// several entities could be (as `lookup --json` writes an ambiguous name).
    id: Option<&'a str>,
    canonical: Option<&'a str>,
    kind: Option<&'a str>,
    #[serde(rename = "match")]
    how: Option<&'a str>,
    homoglyph: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'static str>,
    /// The entities an ambiguous name could be, ranked (the library's serialized matches).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    candidates: &'a [canonym::Match<'a>],
}

impl<'a> JsonMention<'a> {
    fn new(file: Option<&'a str>, m: &Mention<'a>, span: Span, text: &'a str) -> Self {
        JsonMention {
            id: Some(m.entity().id()),
            canonical: Some(m.entity().canonical()),
            kind: Some(m.entity().kind().as_str()),
            how: Some(m.how().as_str()),
            homoglyph: m.is_homoglyph(),
            score: Some(m.score()),
            why: Some(m.why().as_str()),
            ..JsonMention::span(file, span, text)
        }
    }

    /// A name several entities could be: no ID, and the candidates.
    fn ambiguous(
        file: Option<&'a str>,
        candidates: &'a [canonym::Match<'a>],
        span: Span,
        text: &'a str,
    ) -> Self {
        JsonMention {
            homoglyph: candidates.iter().any(canonym::Match::is_homoglyph),
            candidates,
            ..JsonMention::span(file, span, text)
        }
    }

    fn span(file: Option<&'a str>, span: Span, text: &'a str) -> Self {
        JsonMention {
            file,
            start: span.bytes.map(|s| s.0),
            end: span.bytes.map(|s| s.1),
            char_start: span.chars.map(|s| s.0),
            char_end: span.chars.map(|s| s.1),
            utf16_start: span.utf16.map(|s| s.0),
            utf16_end: span.utf16.map(|s| s.1),
            text,
            id: None,
            canonical: None,
            kind: None,
            how: None,
            homoglyph: false,
            score: None,
            why: None,
            candidates: &[],
        }
    }
}

/// Per entity: mentions and spellings.
#[derive(Default)]
struct Stats {
    entities: BTreeMap<&'static str, (usize, BTreeMap<String, usize>)>,
}

impl Stats {
    /// Adds the counts of another part of the input.
    fn merge(&mut self, other: Stats) {
        for (id, (count, spellings)) in other.entities {
            let (n, mine) = self.entities.entry(id).or_default();
            *n += count;
            for (text, k) in spellings {
                *mine.entry(text).or_default() += k;
            }
        }
    }

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
    let sources = args.tables.inputs(&args.files)?;
    let gazetteer = args.tables.gazetteer()?;
    let matcher = gazetteer.matcher();
    let mut out = Output::open_for(&sources)?;
    let mut found = false;
    let mut stats = Stats::default();
    let format = if args.json {
        Format::Jsonl
    } else {
        args.format
    };
    let units = Units::of(&args.offsets);
    // JSON reports a name several entities could be, with its candidates and no ID; the
    // other formats have no place for candidates and leave it as text.
    let json = args.jsonl_field.is_some() || (format == Format::Jsonl && !args.stats);
    let matcher = matcher.ambiguous(json);
    let chunk = args.chunk_size;
    // Past a megabyte, an input is cut into documents (`canonym::document_end`) that are
    // searched on every core; the output is the same whatever the number of threads.
    let parallel = crate::global().jobs() > 1 && !crate::global().line_buffered();
    let clean = if parallel && args.jsonl_field.is_none() {
        let inline = format == Format::Inline && !args.stats;
        let work = |source: &Source,
                    reader: &mut dyn Read,
                    start: Start,
                    tracker: &mut Tracker<'_>,
                    out: &mut dyn Write|
         -> Result<(bool, Stats), Failure> {
            let scan = |visit: &mut Visit<'_>| {
                let base = usize::try_from(start.offset).unwrap_or(usize::MAX);
                source.scan_from(matcher, chunk, reader, base, visit)
            };
            let (mut found, mut stats) = (false, Stats::default());
            if inline {
                annotate_inline(args, source, tracker, out, &mut found, scan)?;
            } else {
                let at = Position {
                    chars: start.chars,
                    utf16: start.utf16,
                };
                let sinks = (&mut stats, &mut found);
                annotate_lines(args, format, units, source, tracker, at, out, sinks, scan)?;
            }
            Ok((found, stats))
        };
        // Only JSON gives character offsets: count characters before each document then.
        let chars = format == Format::Jsonl && !args.stats && (units.chars || units.utf16);
        crate::parallel::sources_in_order(&sources, chars, &mut out, &work, &mut |(f, part)| {
            found |= f;
            stats.merge(part);
        })?
    } else {
        each_source(&sources, &mut out, |source, out| match &args.jsonl_field {
            Some(field) => annotate_jsonl_field(
                matcher,
                source,
                field,
                (units, args.min_score),
                out,
                &mut found,
            ),
            None => {
                let mut tracker = Tracker::new(source);
                let scan = |visit: &mut Visit<'_>| source.scan(matcher, chunk, visit);
                if format == Format::Inline && !args.stats {
                    annotate_inline(args, source, &mut tracker, out, &mut found, scan)?;
                } else {
                    let at = Position::default();
                    let sinks = (&mut stats, &mut found);
                    annotate_lines(
                        args,
                        format,
                        units,
                        source,
                        &mut tracker,
                        at,
                        out,
                        sinks,
                        scan,
                    )?;
                }
                tracker.finish()
            }
        })?
    };
    if args.stats {
        stats.print(gazetteer, &mut out)?;
    }
    out.flush()?;
    Ok(Outcome::of(clean, found))
}

/// What the scanner hands each piece to: the offset of the document it belongs to, and the
/// piece.
type Visit<'v> = dyn FnMut(usize, Piece<'_, 'static>) -> Result<(), Failure> + 'v;

/// `--format inline`: the text with mentions marked (the library's [`canonym::Inline`]), a
/// literal `[[` escaped, bytes that are not UTF-8 copied and reported. `scan` streams the
/// input (or a part of it) through the library's scanner.
fn annotate_inline(
    args: &AnnotateArgs,
    source: &Source,
    tracker: &mut Tracker<'_>,
    out: &mut dyn Write,
    found: &mut bool,
    scan: impl FnOnce(&mut Visit<'_>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut inline = canonym::Inline::new(out, true);
    scan(&mut |base, piece| {
        // A mention scored below --min-score is written as the text it is.
        let piece = match piece {
            Piece::Mention { mention, text } if mention.score() < args.min_score => Piece::Text {
                offset: mention.start(),
                text,
            },
            piece => piece,
        };
        match piece {
            Piece::Mention { text, .. } => {
                *found = true;
                tracker.pass(text.as_bytes());
            }
            Piece::Text { text, .. } | Piece::Ambiguous { text, .. } => {
                tracker.pass(text.as_bytes());
            }
            Piece::Invalid { offset, .. } => tracker.invalid(base + offset, "copied as is"),
        }
        inline.write(piece).map_err(|e| match e.offset() {
            Some(_) => Failure::Input(anyhow!("{}: {e}", source.name())),
            None => Failure::Output(e.into()),
        })
    })
}

/// The records of the current line, held until the line is known to be UTF-8 to its end:
/// the output already formatted (no allocation per mention), or for `--stats` the mentions.
#[derive(Default)]
struct Held {
    records: Vec<u8>,
    mentions: Vec<(Mention<'static>, String)>,
    count: usize,
}

impl Held {
    fn len(&self) -> usize {
        self.records.len() + self.mentions.len() * 64
    }

    fn clear(&mut self) {
        self.records.clear();
        self.mentions.clear();
        self.count = 0;
    }
}

/// Records held past this many bytes are let go: on a line this long, a bad byte further on
/// drops only the mentions after the last release (memory stays bounded).
const MAX_HELD: usize = 1 << 20;

/// `--format jsonl|tsv` and `--stats`: one record per mention. The mentions of a line that is
/// not UTF-8 are dropped (the line is reported); those of every other line are kept.
#[allow(clippy::too_many_arguments)]
fn annotate_lines(
    args: &AnnotateArgs,
    format: Format,
    units: Units,
    source: &Source,
    tracker: &mut Tracker<'_>,
    mut at: Position,
    out: &mut dyn Write,
    (stats, found): (&mut Stats, &mut bool),
    scan: impl FnOnce(&mut Visit<'_>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let file = source.path().map(|_| source.name());
    let mut held = Held::default();
    // Whether the current line has bytes that are not UTF-8: its mentions are dropped.
    let mut bad = false;
    let mut release = |held: &mut Held, out: &mut dyn Write| -> Result<(), Failure> {
        *found |= held.count > 0;
        for (mention, text) in held.mentions.drain(..) {
            stats.add(&mention, &text);
        }
        out.write_all(&held.records).map_err(Failure::Output)?;
        held.clear();
        Ok(())
    };
    scan(&mut |base, piece| {
        match piece {
            Piece::Mention { mention, text } => {
                let (start, end) = (base + mention.start(), base + mention.end());
                // A mention scored below --min-score is text like any other.
                if !bad && mention.score() >= args.min_score {
                    held.count += 1;
                    let records = &mut held.records;
                    let r = match format {
                        _ if args.stats => {
                            held.mentions.push((mention, text.to_owned()));
                            Ok(())
                        }
                        Format::Jsonl => {
                            let span = units.span(start, end, at, text);
                            json_line(records, &JsonMention::new(file, &mention, span, text))
                        }
                        Format::Inline | Format::Tsv => writeln!(
                            records,
                            "{}\t{start}\t{end}\t{}\t{}\t{}",
                            source.name(),
                            mention.entity().id(),
                            mention.how().as_str(),
                            tsv_field(text)
                        ),
                    };
                    r.map_err(Failure::Output)?;
                }
                at.advance(text, units.utf16);
                // A name broken by a line break ends its line with it.
                if tracker.pass(text.as_bytes()) > 0 {
                    bad = false;
                    release(&mut held, out)?;
                }
            }
            Piece::Ambiguous {
                offset,
                text,
                candidates,
            } => {
                // Only JSON asks for these (see `annotate`). A candidate scored below
                // --min-score is left out, and so is the name when none is left; what is left
                // stays without an ID, even one candidate: the table has namesakes there.
                let kept = scored(candidates, args.min_score);
                if !bad && format == Format::Jsonl && !kept.is_empty() {
                    let (start, end) = (base + offset, base + offset + text.len());
                    let span = units.span(start, end, at, text);
                    json_line(
                        &mut held.records,
                        &JsonMention::ambiguous(file, &kept, span, text),
                    )
                    .map_err(Failure::Output)?;
                }
                at.advance(text, units.utf16);
                if tracker.pass(text.as_bytes()) > 0 {
                    bad = false;
                    release(&mut held, out)?;
                }
            }
            Piece::Text { text, .. } => {
                at.advance(text, units.utf16);
                if tracker.pass(text.as_bytes()) > 0 {
                    bad = false;
                    release(&mut held, out)?;
                }
            }
            Piece::Invalid { offset, bytes } => {
                at.advance_bytes(bytes.len());
                tracker.invalid(base + offset, "line skipped");
                bad = true;
                held.clear();
            }
        }
        if held.len() > MAX_HELD {
            release(&mut held, out)?;
        }
        Ok(())
    })?;
    if !bad {
        release(&mut held, out)?;
    }
    Ok(())
}

/// `--jsonl-field`: each line of the input is a JSON object; annotate one string field.
fn annotate_jsonl_field(
    matcher: Matcher<'static>,
    source: &Source,
    field: &str,
    (units, min_score): (Units, f32),
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
        if let Err(e) = simdutf8::compat::from_utf8(line.bytes) {
            let at = line.offset + e.valid_up_to() as u64;
            crate::report(&source.at_line(
                number,
                format_args!("invalid UTF-8 at byte {at}; line skipped"),
            ));
            bad = Some(number);
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
            Some(serde_json::Value::String(s)) => {
                // Scanned rather than searched with `find_iter`, so that the names several
                // entities could be come in their place among the mentions.
                let mut at = Position::default();
                let mut values = Vec::new();
                let value =
                    |m: JsonMention<'_>| serde_json::to_value(m).unwrap_or(serde_json::Value::Null);
                matcher
                    .scan(s.as_bytes(), |piece| {
                        let text = match piece {
                            Piece::Mention { mention, text } => {
                                if mention.score() >= min_score {
                                    *found = true;
                                    let span = units.span(mention.start(), mention.end(), at, text);
                                    values
                                        .push(value(JsonMention::new(None, &mention, span, text)));
                                }
                                text
                            }
                            Piece::Ambiguous {
                                offset,
                                text,
                                candidates,
                            } => {
                                let kept = scored(candidates, min_score);
                                if !kept.is_empty() {
                                    let span = units.span(offset, offset + text.len(), at, text);
                                    values.push(value(JsonMention::ambiguous(
                                        None, &kept, span, text,
                                    )));
                                }
                                text
                            }
                            Piece::Text { text, .. } => text,
                            // A JSON string is UTF-8.
                            Piece::Invalid { .. } => "",
                        };
                        at.advance(text, units.utf16);
                        Ok(())
                    })
                    .map_err(|e| Failure::Input(anyhow!("{}: {e}", source.name())))?;
                values
            }
            Some(serde_json::Value::Null) | None => Vec::new(),
            Some(_) => {
                crate::report(
                    &source.at_line(number, format_args!("field {field:?} is not a string")),
                );
                bad = Some(number);
                Vec::new()
            }
        };
        object.insert("entities".into(), serde_json::Value::Array(entities));
        json_line(out, &doc).map_err(Failure::Output)?;
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

/// The candidates of an ambiguous name that `--min-score` keeps, in their order.
fn scored<'g>(candidates: &[canonym::Match<'g>], min_score: f32) -> Vec<canonym::Match<'g>> {
    candidates
        .iter()
        .filter(|c| c.score() >= min_score)
        .copied()
        .collect()
}
