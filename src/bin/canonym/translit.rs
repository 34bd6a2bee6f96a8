//! `canonym translit`: argument parsing and streams; the work is the library's.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use canonym::{Lang, Scheme, Translit, Unknown, translit_reverse};

use crate::input::{CHUNK_SIZE, Chunks, Source};

/// Transliterate Cyrillic text into Latin script by a published standard.
///
/// With --scheme for one language, the text is read in that language. Otherwise each Cyrillic
/// word is romanized by the scheme of its language: Belarusian, Russian or Ukrainian, detected
/// per word from its letters (ў, і, ї, є, ґ, ы, э, ъ, …) with the rest of the input as fallback. Latin text, punctuation, line endings and a byte order mark pass through
/// unchanged; so do other scripts unless --ascii is given. Output is streamed with bounded
/// memory.
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

    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    pub lossy: bool,

    /// List the schemes (name, language, year, title: standard (scope)) and exit.
    #[arg(long)]
    pub list: bool,

    /// Files to read; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_scheme(s: &str) -> Result<Scheme, String> {
    s.parse::<Scheme>().map_err(|e| e.to_string())
}

/// Runs the subcommand: 0 when every input was transliterated, 2 when an input failed (it
/// is reported and the others still run).
///
/// # Errors
///
/// Writing to standard output failed.
pub fn run(args: &TranslitArgs) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
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
        return Ok(ExitCode::SUCCESS);
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
    let mut failed = false;
    let mut unknown = Unknown::new();
    for source in Source::from_args(&args.files) {
        if let Err(err) = run_one(
            &translit,
            reverse,
            &source,
            args.lossy,
            &mut out,
            &mut unknown,
        ) {
            // Output errors end the run (a closed pipe is no failure); input errors are
            // reported and the next input still runs.
            if err.downcast_ref::<OutputError>().is_some() {
                return Err(err);
            }
            out.flush()?;
            eprintln!("canonym: {err:#}");
            failed = true;
        }
    }
    out.flush()?;
    if !unknown.is_empty() {
        eprintln!(
            "canonym: {} letters the scheme does not define were romanized by the nearest rule \
             ({unknown}); --keep-unknown copies them",
            unknown.total()
        );
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Marks an error as one of writing the output.
#[derive(Debug)]
struct OutputError(io::Error);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<stdout>: cannot write")
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

fn run_one(
    translit: &Translit,
    reverse: Option<Scheme>,
    source: &Source,
    lossy: bool,
    out: &mut impl Write,
    unknown: &mut Unknown,
) -> anyhow::Result<()> {
    let name = source.name();
    let reader = source
        .open()
        .with_context(|| format!("{name}: cannot open"))?;
    let mut chunks = Chunks::new(reader, name.as_str(), lossy, CHUNK_SIZE);
    while let Some(chunk) = chunks.next_chunk()? {
        if let Some(scheme) = reverse {
            // Only reversible schemes get here (checked in `run`).
            let text = translit_reverse(&chunk.text, scheme).unwrap_or(Cow::Borrowed(""));
            out.write_all(text.as_bytes()).map_err(OutputError)?;
            continue;
        }
        translit
            .translit_to_noting(&chunk.text, &mut *out, unknown)
            .map_err(OutputError)?;
    }
    Ok(())
}
