//! `cluster`: group a list of names into spellings of the same name.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::Outcome;
use crate::input::{Failure, Source, each_source};
use crate::output::{Output, json_line};

/// Group a list of names into spellings of the same name.
///
/// Reads one name per line (from each FILE, all of them pooled, or standard input when there
/// is none or for `-`) and prints the groups of names that are spellings of one name, largest
/// first: names are bucketed by their matching key, and a bucket is split where the vowel
/// signatures of its spellings (one class per vowel run of their ASCII readings: a=o, e=ya=ia,
/// i=y, u) differ in more than a third of the runs (an accidental collision: Uman / Oman).
/// Works on names no table knows. Exits 0 when it ran (even on no names), 2 when an input
/// could not be read whole.
///
/// Text output: one line per group, `SIZE<TAB>CANONICAL<TAB>SPELLING (COUNT) | …`, where
/// CANONICAL is the suggested canonical form (the most frequent spelling, Latin preferred).
#[derive(Debug, Args)]
pub struct ClusterArgs {
    /// Print one JSON object per group: size, canonical, key, spellings [{name, count}]
    /// (docs/json.md).
    #[arg(long)]
    json: bool,
    /// Lists of names, one per line, clustered together; `-` or nothing reads standard input.
    files: Vec<PathBuf>,
}

pub fn run(args: &ClusterArgs) -> Result<Outcome> {
    let mut names = Vec::new();
    let sources = Source::all(&args.files);
    let mut out = Output::open_for(&sources)?;
    let clean = each_source(&sources, &mut out, |source, _| {
        let read = source.for_each_line(|name| {
            names.extend(name.map(str::to_owned));
            Ok(())
        });
        match read {
            Ok(true) => Ok(()),
            Ok(false) => Err(Failure::Reported),
            Err(e) => Err(Failure::Input(e)),
        }
    })?;
    let groups = canonym::cluster(&names);
    for g in &groups {
        if args.json {
            json_line(&mut out, g)?;
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
    Ok(Outcome::of(clean, true))
}
