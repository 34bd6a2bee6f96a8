//! `canonym translit`: argument parsing and streams; the work is the library's.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use canonym::{Lang, Scheme, Translit};

use crate::Outcome;
use crate::input::{CHUNK_SIZE, Failure, Source, Tracker, each_source};
use crate::output::Output;

/// Transliterate Cyrillic text into Latin script by a published standard.
///
/// Each Cyrillic word is romanized by the scheme of its language: Belarusian, Russian or
/// Ukrainian, detected per word from its letters (ў, і, ї, є, ґ, ы, э, ъ, …) with the rest of the
/// input as fallback. Latin text, punctuation, line endings and a byte order mark pass through
/// unchanged; so do other scripts unless --ascii is given. Output is streamed with bounded
/// memory. Bytes that are not UTF-8 are copied as they are, and each line that has some is
/// reported (`FILE:LINE: invalid UTF-8 at byte N`); the run goes on and exits 2.
#[derive(clap::Args, Debug)]
pub struct TranslitArgs {
    /// Use scheme NAME for its language (repeat for several languages); see --list.
    /// Defaults: be-national, ru-bgn-pcgn, uk-national.
    #[arg(long = "scheme", value_name = "NAME", value_parser = parse_scheme)]
    pub schemes: Vec<Scheme>,

    /// Language of the Cyrillic text: auto (detect per word), be, ru or uk.
    #[arg(long, value_name = "LANG", default_value = "auto", value_parser = ["auto", "be", "ru", "uk"])]
    pub lang: String,

    /// Fold the output to ASCII: strip diacritics from the romanization and transliterate
    /// other scripts (Greek, Armenian, Georgian, Arabic, CJK, …) with deunicode.
    #[arg(long)]
    pub ascii: bool,

    /// Replace invalid UTF-8 with U+FFFD, quietly, instead of copying it and reporting it.
    #[arg(long)]
    pub lossy: bool,

    /// List the schemes (name, language, standard) and exit.
    #[arg(long)]
    pub list: bool,

    /// Files to read; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Transliterates `bytes` (which start at byte `offset` of the input): a chunk that is
/// UTF-8 is one document; in one that is not, each stretch of valid text between the bad
/// bytes is transliterated on its own and the bad bytes are copied (or replaced by U+FFFD
/// when `lossy`) and reported, once per line.
fn translit_bytes(
    translit: &Translit,
    lossy: bool,
    bytes: &[u8],
    offset: u64,
    tracker: &mut Tracker<'_>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        tracker.pass(bytes);
        return translit
            .translit_to(text, &mut *out)
            .map_err(Failure::Output);
    }
    let mut at = offset;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        translit
            .translit_to(valid, &mut *out)
            .map_err(Failure::Output)?;
        tracker.pass(valid.as_bytes());
        at += valid.len() as u64;
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            if lossy {
                out.write_all("\u{FFFD}".as_bytes())
            } else {
                tracker.invalid(at, "copied as is");
                out.write_all(invalid)
            }
            .map_err(Failure::Output)?;
            at += invalid.len() as u64;
        }
    }
    Ok(())
}

fn parse_scheme(s: &str) -> Result<Scheme, String> {
    s.parse::<Scheme>().map_err(|e| e.to_string())
}

/// Runs `canonym translit`: 0 when every input was transliterated, 2 when an input failed
/// (it is reported and the others still run).
pub fn run(args: &TranslitArgs) -> Result<Outcome> {
    let sources = Source::all(&args.files);
    let mut out = Output::open_for(&sources)?;
    if args.list {
        for s in Scheme::all() {
            writeln!(
                out,
                "{:<18} {:<10} {}: {}",
                s.name(),
                s.language().name(),
                s.title(),
                s.standard()
            )?;
        }
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let mut builder = Translit::builder();
    builder.ascii(args.ascii);
    if args.lang != "auto" {
        builder.lang(Some(args.lang.parse::<Lang>()?));
    }
    for (k, &s) in args.schemes.iter().enumerate() {
        if let Some(&other) = args.schemes[..k]
            .iter()
            .find(|o| o.language() == s.language())
        {
            anyhow::bail!(
                "--scheme {other} and --scheme {s} are both for {}; give one scheme per language",
                s.language().name()
            );
        }
        builder.scheme(s);
    }
    let translit = builder.build();
    let clean = each_source(&sources, &mut out, |source, out| {
        if crate::global().line_buffered() {
            // Each line is a document of its own, written before the next line is read.
            let mut tracker = Tracker::new(source);
            let mut lines = source.lines().map_err(Failure::Input)?;
            while let Some(line) = lines.next_line().map_err(Failure::Input)? {
                let offset = line.offset;
                translit_bytes(&translit, args.lossy, line.raw, offset, &mut tracker, out)?;
            }
            return tracker.finish();
        }
        if args.lossy {
            let mut chunks = source.chunks(true, CHUNK_SIZE).map_err(Failure::Input)?;
            while let Some(text) = chunks.next_chunk().map_err(Failure::Input)? {
                translit
                    .translit_to(&text, &mut *out)
                    .map_err(Failure::Output)?;
            }
            return Ok(());
        }
        let mut tracker = Tracker::new(source);
        let mut chunks = source.chunks(false, CHUNK_SIZE).map_err(Failure::Input)?;
        while let Some((offset, bytes)) = chunks.next_bytes().map_err(Failure::Input)? {
            translit_bytes(&translit, false, bytes, offset, &mut tracker, out)?;
        }
        tracker.finish()
    })?;
    out.flush()?;
    Ok(Outcome::of(clean, true))
}
