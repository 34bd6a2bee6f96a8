//! `annotate`: the mentions of known entities in running text, marked inline, as JSON Lines or
//! TSV, or summed up per entity.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use anyhow::{Context, Result, anyhow};
use clap::{Args, ValueEnum};
use serde::Serialize;

use canonym::{Gazetteer, Matcher, Mention, Piece};

use crate::Outcome;
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
/// other files are still processed). The formats are described in docs/annotate.md.
#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Output format: `inline` copies the text with each mention written `[[text|id]]`;
    /// `jsonl` prints one JSON object per mention (file, start, end, text, id, canonical,
    /// kind, match, homoglyph); `tsv` prints `file<TAB>start<TAB>end<TAB>id<TAB>match<TAB>text`.
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
    #[command(flatten)]
    tables: TableArgs,
    /// Bytes read at a time (for testing mentions across chunk boundaries).
    #[arg(long, hide = true, default_value_t = 64 * 1024)]
    pub(crate) chunk_size: usize,
    /// Files to read; none, or `-`, reads standard input.
    files: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Inline,
    Jsonl,
    Tsv,
}

/// One input: a file, or standard input.
pub(crate) struct Input {
    /// The name used in messages and output: the path, or `<stdin>`.
    pub name: String,
    /// The path, when it is a file.
    pub path: Option<String>,
}

/// The inputs named on the command line: standard input when there are none.
pub(crate) fn inputs(files: &[String]) -> Vec<Input> {
    if files.is_empty() {
        return vec![stdin_input()];
    }
    files
        .iter()
        .map(|f| {
            if f == "-" {
                stdin_input()
            } else {
                Input {
                    name: f.clone(),
                    path: Some(f.clone()),
                }
            }
        })
        .collect()
}

fn stdin_input() -> Input {
    Input {
        name: "<stdin>".into(),
        path: None,
    }
}

/// Opens an input for reading.
pub(crate) fn open(input: &Input) -> Result<Box<dyn Read>> {
    match &input.path {
        Some(path) => {
            let file = File::open(path).with_context(|| format!("{path}: cannot open"))?;
            Ok(Box::new(file))
        }
        None => Ok(Box::new(io::stdin().lock())),
    }
}

/// The byte offset of the first byte of `path` that is not part of valid UTF-8, read in
/// 64 KiB blocks (a character split between two blocks is carried over).
fn first_invalid_utf8(path: &str) -> io::Result<Option<u64>> {
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    let (mut carry, mut base) = (0usize, 0u64);
    loop {
        let n = file.read(buf.get_mut(carry..).unwrap_or_default())?;
        let len = carry + n;
        let block = buf.get(..len).unwrap_or_default();
        match std::str::from_utf8(block) {
            Ok(_) => carry = 0,
            // A sequence cut off by the end of the block: carry it over, unless the file ended.
            Err(e) if e.error_len().is_none() && n > 0 => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..len, 0);
                carry = len - valid;
                base += valid as u64;
                continue;
            }
            Err(e) => return Ok(Some(base + e.valid_up_to() as u64)),
        }
        if n == 0 {
            return Ok(None);
        }
        base += len as u64;
    }
}

/// A failure while scanning one input: reading it (reported, and the run goes on) or writing
/// the output (fatal).
pub(crate) enum Failure {
    Input(anyhow::Error),
    Output(io::Error),
}

/// Runs `scan` over `reader`, telling read errors (of this input) from the failures `visit`
/// returns.
pub(crate) fn scan_input(
    matcher: Matcher<'static>,
    name: &str,
    reader: impl Read,
    chunk: usize,
    mut visit: impl FnMut(Piece<'_, 'static>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut failure = None;
    let result = matcher.scan_chunked(reader, chunk, |piece| {
        visit(piece).map_err(|f| {
            failure = Some(f);
            io::Error::other("stopped")
        })
    });
    match (result, failure) {
        (_, Some(f)) => Err(f),
        (Ok(()), None) => Ok(()),
        (Err(e), None) => Err(Failure::Input(
            anyhow::Error::new(e).context(format!("{name}: cannot read")),
        )),
    }
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
    let mut failed = false;
    let mut stats = Stats::default();
    for input in inputs(&args.files) {
        let reader = match open(&input) {
            Ok(r) => r,
            Err(e) => {
                crate::report(&e);
                failed = true;
                continue;
            }
        };
        // Offsets in jsonl/tsv output only make sense for a valid file, so an invalid named
        // file is skipped whole, before any of its mentions is printed (a validation pass in
        // bounded memory). Standard input cannot be read twice: it stops at the bad byte.
        if args.jsonl_field.is_none() && !args.stats && args.format != Format::Inline {
            if let Some(path) = &input.path {
                match first_invalid_utf8(path) {
                    Ok(None) => {}
                    Ok(Some(at)) => {
                        crate::report(&anyhow!(
                            "{}: invalid UTF-8 at byte {at}; file skipped",
                            input.name
                        ));
                        failed = true;
                        continue;
                    }
                    Err(e) => {
                        crate::report(
                            &anyhow::Error::new(e).context(format!("{}: cannot read", input.name)),
                        );
                        failed = true;
                        continue;
                    }
                }
            }
        }
        let result = if let Some(field) = &args.jsonl_field {
            annotate_jsonl_field(matcher, &input, reader, field, &mut out, &mut found)
        } else {
            annotate_text(
                args, matcher, &input, reader, &mut out, &mut stats, &mut found,
            )
        };
        match result {
            Ok(()) => {}
            Err(Failure::Output(e)) => return Err(e.into()),
            Err(Failure::Input(e)) => {
                out.flush()?;
                crate::report(&e);
                failed = true;
            }
        }
    }
    if args.stats {
        stats.print(gazetteer, &mut out)?;
    }
    out.flush()?;
    Ok(Outcome::of(failed, found))
}

/// `--format inline`: the text with mentions marked (the library's [`canonym::Inline`]).
fn annotate_inline(
    args: &AnnotateArgs,
    matcher: Matcher<'static>,
    input: &Input,
    reader: Box<dyn Read>,
    out: &mut impl Write,
    found: &mut bool,
) -> Result<(), Failure> {
    let mut inline = canonym::Inline::new(out, args.escape);
    scan_input(matcher, &input.name, reader, args.chunk_size, |piece| {
        *found |= matches!(piece, Piece::Mention { .. });
        inline.write(piece).map_err(|e| match e {
            canonym::InlineError::Io(e) => Failure::Output(e),
            // The library says what and where; the flag that avoids it is the CLI's to name.
            e @ canonym::InlineError::Markup { .. } => Failure::Input(anyhow!(
                "{}: {e}; pass --escape to write it as `[[|]]`",
                input.name
            )),
            e => Failure::Input(anyhow!("{}: {e}", input.name)),
        })
    })
}

fn annotate_text(
    args: &AnnotateArgs,
    matcher: Matcher<'static>,
    input: &Input,
    reader: Box<dyn Read>,
    out: &mut impl Write,
    stats: &mut Stats,
    found: &mut bool,
) -> Result<(), Failure> {
    if args.format == Format::Inline && !args.stats {
        return annotate_inline(args, matcher, input, reader, out, found);
    }
    let file = input.path.as_deref();
    scan_input(matcher, &input.name, reader, args.chunk_size, |piece| {
        let w = |r: io::Result<()>| r.map_err(Failure::Output);
        match piece {
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
                        input.name,
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
            Piece::Invalid { offset, .. } => match args.format {
                _ if args.stats => Ok(()),
                Format::Inline | Format::Jsonl | Format::Tsv => Err(Failure::Input(anyhow!(
                    "{}: invalid UTF-8 at byte {offset}",
                    input.name
                ))),
            },
        }
    })
}

/// `--jsonl-field`: each line of the input is a JSON object; annotate one string field.
fn annotate_jsonl_field(
    matcher: Matcher<'static>,
    input: &Input,
    reader: Box<dyn Read>,
    field: &str,
    out: &mut impl Write,
    found: &mut bool,
) -> Result<(), Failure> {
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    let mut number = 0;
    let mut bad = None;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(|e| {
            Failure::Input(anyhow::Error::new(e).context(format!("{}: cannot read", input.name)))
        })?;
        if n == 0 {
            break;
        }
        number += 1;
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut doc: serde_json::Value = match serde_json::from_slice(text) {
            Ok(v) => v,
            Err(e) => {
                crate::report(&anyhow!("{}:{number}: not a JSON object: {e}", input.name));
                bad = Some(number);
                continue;
            }
        };
        let Some(object) = doc.as_object_mut() else {
            crate::report(&anyhow!("{}:{number}: not a JSON object", input.name));
            bad = Some(number);
            continue;
        };
        let entities: Vec<serde_json::Value> = match object.get(field) {
            Some(serde_json::Value::String(s)) => matcher
                .find_iter(s)
                .map(|m| {
                    let text = s.get(m.range()).unwrap_or_default();
                    serde_json::to_value(JsonMention::new(None, &m, text))
                        .unwrap_or(serde_json::Value::Null)
                })
                .collect(),
            Some(serde_json::Value::Null) | None => Vec::new(),
            Some(_) => {
                crate::report(&anyhow!(
                    "{}:{number}: field {field:?} is not a string",
                    input.name
                ));
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
            input.name
        ))),
        None => Ok(()),
    }
}
