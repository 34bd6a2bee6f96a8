//! `cluster`: group a list of names into spellings of the same name.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::Outcome;
use crate::input::Source;

/// Group a list of names into spellings of the same name.
///
/// Reads one name per line (from FILE, or standard input when FILE is absent or `-`) and
/// prints the groups of names that are spellings of one name, largest first: names are
/// bucketed by their matching key, and a bucket is split where the ASCII readings of its
/// spellings differ in more than 45% of their letters (an accidental collision). Works on
/// names no table knows.
///
/// Text output: one line per group, `SIZE<TAB>CANONICAL<TAB>SPELLING (COUNT) | …`, where
/// CANONICAL is the suggested canonical form (the most frequent spelling, Latin preferred).
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Print one JSON object per group: size, canonical, key, spellings [{name, count}].
    #[arg(long)]
    json: bool,
    /// The list of names, one per line; `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

pub fn run(args: &ClusterArgs) -> Result<Outcome> {
    let source = args.file.as_deref().map_or_else(Source::stdin, Source::new);
    let mut names = Vec::new();
    let clean = source.for_each_line(|name| {
        names.push(name.to_owned());
        Ok(())
    })?;
    let groups = canonym::cluster(&names);
    let mut out = BufWriter::new(io::stdout().lock());
    for g in &groups {
        if args.json {
            serde_json::to_writer(&mut out, g)?;
            writeln!(out)?;
        } else {
            write!(out, "{}\t{}\t", g.len(), g.canonical())?;
            for (i, (name, count)) in g.spellings().iter().enumerate() {
                let sep = if i == 0 { "" } else { " | " };
                write!(out, "{sep}{name} ({count})")?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::of(clean, !groups.is_empty()))
}
