//! `rewrite`: every mention replaced by its canonical name or ID; every other byte copied.

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use canonym::Piece;

use crate::Outcome;
use crate::input::{Failure, Source, Tracker, each_source};
use crate::output::Output;
use crate::parallel::Start;
use crate::tables::TableArgs;

/// Replace each mention of a known entity by its canonical name, its ID, or its name
/// romanized by a transliteration scheme.
///
/// Reads each FILE (or standard input when there is none, or for `-`) in bounded memory and
/// writes it to standard output with every mention (as `canonym annotate` finds them)
/// replaced. Every byte outside the mentions is copied unchanged: possessive endings
/// (`Lukashenko's` → `Alyaksandr Lukashenka's`), line endings, a BOM, and bytes that are not
/// UTF-8 (each line that has some is reported: `FILE:LINE: invalid UTF-8 at byte N`).
///
/// Exits 0 when it ran, whether or not a mention was found (a filter, as sed), 2 when an input
/// could not be read whole or written (the other files are still processed).
#[derive(Debug, Args)]
pub struct RewriteArgs {
    /// What to write for a mention: `canonical` (the entity's canonical name), `id`, or a
    /// transliteration scheme (`be-national`, `ru-bgn-pcgn`, …; see `canonym translit --list`):
    /// the entity's Cyrillic name in the scheme's language, romanized by it (the canonical
    /// name when the tables list none).
    #[arg(long, value_name = "canonical|id|SCHEME", default_value = "canonical")]
    to: String,
    /// Rewrite each FILE in place: write a temporary file next to it, then rename it over the
    /// original, so that an interrupted run never leaves a half-written file.
    #[arg(long, short = 'i')]
    in_place: bool,
    #[command(flatten)]
    tables: TableArgs,
    /// Bytes read at a time (for testing mentions across chunk boundaries).
    #[arg(long, hide = true, default_value_t = 64 * 1024)]
    chunk_size: usize,
    /// Files to read; none, or `-`, reads standard input.
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy)]
enum Target {
    Canonical,
    Id,
    Scheme(canonym::Scheme),
}

/// Runs `canonym rewrite`.
pub fn rewrite(args: &RewriteArgs) -> Result<Outcome> {
    let target = match args.to.as_str() {
        "canonical" => Target::Canonical,
        "id" => Target::Id,
        other => match other.parse::<canonym::Scheme>() {
            Ok(scheme) => Target::Scheme(scheme),
            Err(e) => bail!("--to {other}: expected canonical, id or a scheme: {e}"),
        },
    };
    let sources = args.tables.inputs(&args.files)?;
    let matcher = args.tables.gazetteer()?.matcher();
    if args.in_place && sources.iter().any(|s| s.path().is_none()) {
        bail!("--in-place needs file names; it cannot rewrite standard input");
    }
    if args.in_place && crate::global().output_file().is_some() {
        bail!("--in-place writes each file over itself; it cannot take -o too");
    }
    let mut stdout = Output::open_for(&sources)?;
    let chunk = args.chunk_size;
    // Past a megabyte, an input is cut into documents (`canonym::document_end`) rewritten on
    // every core; the output is the same whatever the number of threads.
    let parallel = crate::global().jobs() > 1 && !crate::global().line_buffered();
    if parallel && !args.in_place {
        // Every input's documents on every core, one input after another without a pause.
        let work = |source: &Source,
                    reader: &mut dyn Read,
                    start: Start,
                    tracker: &mut Tracker<'_>,
                    out: &mut dyn Write| {
            let base = usize::try_from(start.offset).unwrap_or(usize::MAX);
            rewrite_one(tracker, out, target, |visit| {
                source.scan_from(matcher, chunk, reader, base, visit)
            })
        };
        let clean =
            crate::parallel::sources_in_order(&sources, false, &mut stdout, &work, &mut |()| {})?;
        stdout.flush()?;
        return Ok(Outcome::of(clean, true));
    }
    let clean = each_source(&sources, &mut stdout, |source, stdout| {
        let rewrite = |out: &mut dyn Write| {
            if parallel {
                let work = |reader: &mut dyn Read,
                            start: Start,
                            tracker: &mut Tracker<'_>,
                            out: &mut dyn Write| {
                    let base = usize::try_from(start.offset).unwrap_or(usize::MAX);
                    rewrite_one(tracker, out, target, |visit| {
                        source.scan_from(matcher, chunk, reader, base, visit)
                    })
                };
                return crate::parallel::documents(source, false, out, &work, &mut |()| {});
            }
            let mut tracker = Tracker::new(source);
            rewrite_one(&mut tracker, out, target, |visit| {
                source.scan(matcher, chunk, visit)
            })?;
            tracker.finish()
        };
        match source.path() {
            // Writing a file in place fails that file alone; the run goes on.
            // Bytes that are not UTF-8 are copied like any other, so the file is still written
            // whole; that they were met (and reported) still makes the run exit 2.
            Some(path) if args.in_place => {
                let mut reported = false;
                in_place(source, path, |out| match rewrite(out) {
                    Err(Failure::Reported) => {
                        reported = true;
                        Ok(())
                    }
                    r => r,
                })?;
                if reported {
                    Err(Failure::Reported)
                } else {
                    Ok(())
                }
            }
            _ => rewrite(stdout),
        }
    })?;
    stdout.flush()?;
    Ok(Outcome::of(clean, true))
}

/// What the scanner hands each piece to: the offset of the document it belongs to, and the
/// piece.
type Visit<'v> = dyn FnMut(usize, Piece<'_, 'static>) -> Result<(), Failure> + 'v;

/// Writes the pieces `scan` hands over (an input, or a part of it) with each mention replaced.
fn rewrite_one(
    tracker: &mut Tracker<'_>,
    out: &mut dyn Write,
    target: Target,
    scan: impl FnOnce(&mut Visit<'_>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    scan(&mut |base, piece| {
        let r = match piece {
            // The matcher here does not hand out ambiguous names; one would be left as written.
            Piece::Text { text, .. } | Piece::Ambiguous { text, .. } => {
                tracker.pass(text.as_bytes());
                out.write_all(text.as_bytes())
            }
            Piece::Invalid { offset, bytes } => {
                tracker.invalid(base + offset, "copied as is");
                out.write_all(bytes)
            }
            Piece::Mention { mention, text } => {
                tracker.pass(text.as_bytes());
                let e = mention.entity();
                match target {
                    Target::Canonical => out.write_all(e.canonical().as_bytes()),
                    Target::Id => out.write_all(e.id().as_bytes()),
                    Target::Scheme(scheme) => out.write_all(e.romanized(scheme).as_bytes()),
                }
            }
        };
        r.map_err(Failure::Output)
    })
}

/// Writes `target` (the file `source`) anew through a temporary file in the same directory,
/// renamed over it only when `write` succeeded; the original's permissions are kept. Failing
/// to write it fails this input alone (there is no standard output to lose), as
/// `FILE: cannot write: …`.
fn in_place(
    source: &Source,
    target: &Path,
    write: impl FnOnce(&mut BufWriter<fs::File>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.canonym-{}.tmp", std::process::id()));
    let metadata = fs::metadata(target).map_err(|e| Failure::Input(source.cannot_open(e)))?;
    let file = fs::File::create(&tmp)
        .with_context(|| format!("{}: cannot create", tmp.display()))
        .map_err(Failure::Input)?;
    let mut out = BufWriter::new(file);
    let result = write(&mut out).and_then(|()| {
        let file = out
            .into_inner()
            .map_err(|e| Failure::Output(e.into_error()))?;
        file.sync_all().map_err(Failure::Output)?;
        fs::set_permissions(&tmp, metadata.permissions()).map_err(Failure::Output)?;
        fs::rename(&tmp, target).map_err(Failure::Output)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|f| match f {
        Failure::Output(e) => {
            Failure::Input(anyhow!(e).context(format!("{}: cannot write", source.name())))
        }
        f => f,
    })
}
