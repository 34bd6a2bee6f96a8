//! `canonym translit`: argument parsing and streams; the work is the library's.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::Result;
use canonym::{Lang, Scheme, Translit, Unknown, translit_reverse};

use crate::Outcome;
use crate::input::{CHUNK_SIZE, Failure, Source, Tracker, each_source};
use crate::output::Output;
use crate::parallel::Start;

/// Transliterate Cyrillic text into Latin script by a published standard.
///
/// With --scheme for one language, the text is read in that language. Otherwise each Cyrillic
/// word is romanized by the scheme of its language: Belarusian, Russian or Ukrainian, detected
/// per word from its letters (ў, і, ї, є, ґ, ы, э, ъ, …) with the rest of the input as fallback. Latin text, punctuation, line endings and a byte order mark pass through
/// unchanged; so do other scripts unless --ascii is given. Output is streamed with bounded
/// memory. Bytes that are not UTF-8 are copied as they are, and each line that has some is
/// reported (`FILE:LINE: invalid UTF-8 at byte N`); the run goes on and exits 2.
#[derive(clap::Args, Debug)]
pub struct TranslitArgs {
    /// Use scheme NAME for its language (repeat for several languages); see --list.
    /// Defaults: be-national, ru-bgn-pcgn, uk-national.
    #[arg(long = "scheme", value_name = "NAME", value_parser = parse_scheme)]
    pub schemes: Vec<Scheme>,

    /// Language of the Cyrillic text: auto (detect per word), be, ru or uk. Default: the
    /// scheme's language when the schemes named are all for one language, else auto.
    #[arg(long, value_name = "LANG", value_parser = ["auto", "be", "ru", "uk"])]
    pub lang: Option<String>,

    /// Fold the output to ASCII: strip diacritics from the romanization and transliterate
    /// other scripts (Greek, Armenian, Georgian, Arabic, CJK, …) with deunicode.
    #[arg(long)]
    pub ascii: bool,

    /// Copy Cyrillic letters the scheme does not define (Ukrainian ї under a Russian scheme,
    /// Serbian ј, …) unchanged. By default they are romanized by the nearest rule and
    /// reported once on standard error.
    #[arg(long)]
    pub keep_unknown: bool,

    /// Read Latin text written by --scheme back into Cyrillic (reversible schemes only:
    /// be-lacinka, be-national, ru-iso9, uk-iso9, ru-gost-7.79-a).
    #[arg(long)]
    pub reverse: bool,

    /// Replace invalid UTF-8 with U+FFFD, quietly, instead of copying it and reporting it.
    #[arg(long)]
    pub lossy: bool,

    /// List the schemes (name, language, year, title: standard (scope)) and exit.
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
    job: &mut Job<'_>,
    lossy: bool,
    bytes: &[u8],
    offset: u64,
    tracker: &mut Tracker<'_>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Ok(text) = simdutf8::compat::from_utf8(bytes) {
        tracker.pass(bytes);
        return job.write(text, &mut *out).map_err(Failure::Output);
    }
    let mut at = offset;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        job.write(valid, &mut *out).map_err(Failure::Output)?;
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

/// What one run does to each stretch of text: romanize it, noting the letters the scheme does
/// not define, or read it back with a reversible scheme.
struct Job<'a> {
    translit: &'a Translit,
    reverse: Option<Scheme>,
    unknown: Unknown,
}

impl Job<'_> {
    fn write(&mut self, text: &str, out: &mut impl Write) -> std::io::Result<()> {
        match self.reverse {
            // Only reversible schemes get here (checked in `run`).
            Some(scheme) => {
                let back = translit_reverse(text, scheme).unwrap_or(Cow::Borrowed(text));
                out.write_all(back.as_bytes())
            }
            None => self
                .translit
                .translit_to_noting(text, &mut *out, &mut self.unknown),
        }
    }
}

/// `-j N`: the chunks of `source` (each one document for language detection, cut as one
/// thread cuts them) transliterated on every core, and written in order.
fn translit_parallel(
    translit: &Translit,
    reverse: Option<Scheme>,
    lossy: bool,
    source: &Source,
    out: &mut dyn Write,
    unknown: &mut Unknown,
) -> Result<(), Failure> {
    let work =
        |reader: &mut dyn Read, start: Start, tracker: &mut Tracker<'_>, out: &mut dyn Write| {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes).map_err(Failure::Output)?;
            let mut job = Job {
                translit,
                reverse,
                unknown: Unknown::new(),
            };
            if lossy {
                let text = String::from_utf8_lossy(&bytes);
                job.write(&text, &mut &mut *out).map_err(Failure::Output)?;
            } else {
                translit_bytes(
                    &mut job,
                    false,
                    &bytes,
                    start.offset,
                    tracker,
                    &mut &mut *out,
                )?;
            }
            Ok(job.unknown)
        };
    let mut chunks = source.chunks(lossy, CHUNK_SIZE).map_err(Failure::Input)?;
    let next = || -> Result<Option<Vec<u8>>, Failure> {
        let chunk = chunks.next_bytes().map_err(Failure::Input)?;
        Ok(chunk.map(|(_, bytes)| bytes.to_vec()))
    };
    let reported = crate::parallel::work_in_order(
        source,
        &mut Start::default(),
        false,
        out,
        next,
        &work,
        &mut |part| unknown.merge(&part),
    )?;
    if reported {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
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
                "{:<20} {:<10} {} {}: {} ({})",
                s.name(),
                s.language().name(),
                s.year(),
                s.title(),
                s.standard(),
                s.scope()
            )?;
        }
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let mut builder = Translit::builder();
    builder.ascii(args.ascii).keep_unknown(args.keep_unknown);
    match args.lang.as_deref() {
        None => {}
        Some("auto") => {
            builder.lang(None);
        }
        Some(code) => {
            builder.lang(Some(code.parse::<Lang>()?));
        }
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
    let reverse = match (args.reverse, args.schemes.as_slice()) {
        (false, _) => None,
        (true, &[s]) if s.is_reversible() => Some(s),
        (true, &[s]) => anyhow::bail!(
            "{}",
            translit_reverse("", s)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        ),
        (true, _) => anyhow::bail!("--reverse reads one scheme back: give exactly one --scheme"),
    };
    let translit = builder.build();
    let mut job = Job {
        translit: &translit,
        reverse,
        unknown: Unknown::new(),
    };
    let clean = each_source(&sources, &mut out, |source, out| {
        if crate::global().line_buffered() {
            // Each line is a document of its own, written before the next line is read.
            let mut tracker = Tracker::new(source);
            let mut lines = source.lines().map_err(Failure::Input)?;
            while let Some(line) = lines.next_line().map_err(Failure::Input)? {
                let offset = line.offset;
                translit_bytes(&mut job, args.lossy, line.raw, offset, &mut tracker, out)?;
            }
            return tracker.finish();
        }
        if crate::global().jobs() > 1 {
            return translit_parallel(
                &translit,
                reverse,
                args.lossy,
                source,
                out,
                &mut job.unknown,
            );
        }
        if args.lossy {
            let mut chunks = source.chunks(true, CHUNK_SIZE).map_err(Failure::Input)?;
            while let Some(text) = chunks.next_chunk().map_err(Failure::Input)? {
                job.write(&text, &mut *out).map_err(Failure::Output)?;
            }
            return Ok(());
        }
        let mut tracker = Tracker::new(source);
        let mut chunks = source.chunks(false, CHUNK_SIZE).map_err(Failure::Input)?;
        while let Some((offset, bytes)) = chunks.next_bytes().map_err(Failure::Input)? {
            translit_bytes(&mut job, false, bytes, offset, &mut tracker, out)?;
        }
        tracker.finish()
    })?;
    out.flush()?;
    if !job.unknown.is_empty() {
        eprintln!(
            "canonym: {} letters the scheme does not define were romanized by the nearest rule \
             ({}); --keep-unknown copies them",
            job.unknown.total(),
            job.unknown
        );
    }
    Ok(Outcome::of(clean, true))
}
