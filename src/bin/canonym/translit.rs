//! `canonym translit`: argument parsing and streams; the work is the library's.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use canonym::{Lang, Scheme, Translit};

use crate::Outcome;
use crate::input::{CHUNK_SIZE, Failure, Source, each_source};

/// Transliterate Cyrillic text into Latin script by a published standard.
///
/// Each Cyrillic word is romanized by the scheme of its language: Belarusian, Russian or
/// Ukrainian, detected per word from its letters (ў, і, ї, є, ґ, ы, э, ъ, …) with the rest of the
/// input as fallback. Latin text, punctuation, line endings and a byte order mark pass through
/// unchanged; so do other scripts unless --ascii is given. Output is streamed with bounded
/// memory.
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

    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    pub lossy: bool,

    /// List the schemes (name, language, standard) and exit.
    #[arg(long)]
    pub list: bool,

    /// Files to read; `-` or none reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

fn parse_scheme(s: &str) -> Result<Scheme, String> {
    s.parse::<Scheme>().map_err(|e| e.to_string())
}

/// Runs `canonym translit`: 0 when every input was transliterated, 2 when an input failed
/// (it is reported and the others still run).
pub fn run(args: &TranslitArgs) -> Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
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
    let clean = each_source(&Source::all(&args.files), &mut out, |source, out| {
        let mut chunks = source
            .chunks(args.lossy, CHUNK_SIZE)
            .map_err(Failure::Input)?;
        while let Some(text) = chunks.next_chunk().map_err(Failure::Input)? {
            translit
                .translit_to(&text, &mut *out)
                .map_err(Failure::Output)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(Outcome::of(clean, true))
}
