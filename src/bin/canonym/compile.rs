//! `canonym compile`: tables compiled once into a gazetteer file that later runs map.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::Outcome;
use crate::tables::{Rule, TableArgs};

/// Compile tables into a gazetteer file, which every `--table` then uses as it is.
///
/// Reads the tables as `--table` does (names files, .jsonl files, tables/ directories), builds
/// the gazetteer once, and writes it to the file of `-o FILE`. Later runs given `--table FILE`
/// recognise it by its first bytes and map it into memory instead of building anything: a
/// table of 100,000 entities is ready in milliseconds instead of seconds. The file is written
/// next to FILE and renamed over it, so that a run reading the old file is not disturbed.
///
/// The file is a whole gazetteer: use it alone, with --no-builtin exactly when it was compiled
/// with --no-builtin. It carries a format version and checksums; a file that another version
/// of canonym wrote, or that was truncated or damaged, is refused with a message that says
/// what and where. Opening it checks its header and layout; every 4 KiB block of the rest is
/// checked against its checksum when an answer first reads it, and a run that meets a damaged
/// block stops there (exit 2) without writing answers that read it. `--verify FILE...` checks
/// whole files up front.
#[derive(Debug, clap::Args)]
pub struct CompileArgs {
    /// The tables to compile, in order (as with --table).
    #[arg(required = true, value_name = "TABLE")]
    tables: Vec<PathBuf>,
    /// Compile only the tables given, not the built-in ones.
    #[arg(long)]
    no_builtin: bool,
    /// What to do when tables conflict (see `canonym lookup --help`).
    #[arg(long, value_enum, value_name = "RULE", default_value_t = Rule::Error)]
    on_conflict: Rule,
    /// Refuse tables with dirty rows instead of repairing them (see `canonym lookup --help`).
    #[arg(long)]
    strict: bool,
    /// List every dirty row that was repaired or left out, not only the first few.
    #[arg(long)]
    warnings: bool,
    /// Compile nothing: check every byte of the compiled files given against their checksums
    /// (exit 0 when all are sound, 2 naming the first damage of each that is not).
    #[arg(long, conflicts_with_all = ["no_builtin", "strict", "warnings"])]
    verify: bool,
}

/// `canonym compile TABLE... -o FILE`.
pub fn run(args: &CompileArgs) -> Result<Outcome> {
    if args.verify {
        return verify(&args.tables);
    }
    let Some(out) = crate::global().output_file() else {
        bail!("compile writes a binary file: name it with -o FILE");
    };
    let start = Instant::now();
    let tables = TableArgs {
        tables: args.tables.clone(),
        no_builtin: args.no_builtin,
        on_conflict: args.on_conflict,
        strict: args.strict,
        warnings: args.warnings,
    };
    let gazetteer = tables.gazetteer()?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = out.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        // Streamed: the file (nearly 2 GB for a million persons) is never held in memory whole.
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        gazetteer.write_to_seekable(&mut file)?;
        file.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .sync_all()?;
        std::fs::rename(&tmp, out)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("{}: cannot write", out.display()));
    }
    let size = std::fs::metadata(out).map_or(0, |m| m.len());
    let _ = writeln!(
        std::io::stderr().lock(),
        "canonym: compiled {} entities into {} ({:.1} MB) in {:.1} s",
        gazetteer.entities().len(),
        out.display(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(Outcome::Found)
}

/// `canonym compile --verify FILE...`: every block of each file against its checksum.
fn verify(files: &[PathBuf]) -> Result<Outcome> {
    if crate::global().output_file().is_some() {
        bail!("compile --verify checks files and writes none: leave out -o");
    }
    let mut sound = true;
    for path in files {
        let start = Instant::now();
        let checked = canonym::Gazetteer::open(path).and_then(|g| g.verify());
        match checked {
            Ok(()) => {
                let size = std::fs::metadata(path).map_or(0, |m| m.len());
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "canonym: {}: sound ({:.1} MB checked in {:.2} s)",
                    path.display(),
                    size as f64 / 1e6,
                    start.elapsed().as_secs_f64()
                );
            }
            Err(e) => {
                sound = false;
                crate::report(&anyhow::anyhow!("{e}"));
            }
        }
    }
    Ok(Outcome::of(sound, true))
}
