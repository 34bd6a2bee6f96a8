//! `canonym`: names made comparable across scripts and spelling systems.
//!
//! A thin client of the library: this binary parses arguments, opens streams and calls
//! `canonym`; every concept lives in the library.

mod annotate;
mod cluster;
mod explain;
mod input;
mod names;
mod rewrite;
mod tables;
mod translit;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Make names comparable across scripts and spelling systems.
///
/// canonym resolves any spelling of a known person, place, organization or media outlet
/// (Lukashenka, Лукашенко, Łukaszenka, Lukaschenko, …) to one canonical entity ID, and folds
/// any name into a matching key.
///
/// Exit status: 0 when everything asked for was found, 1 when something was not, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "canonym", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Lookup(names::LookupArgs),
    Key(names::KeyArgs),
    Entities(names::EntitiesArgs),
    Annotate(annotate::AnnotateArgs),
    Rewrite(rewrite::RewriteArgs),
    Cluster(cluster::ClusterArgs),
    Translit(translit::TranslitArgs),
    Explain(explain::ExplainArgs),
}

/// What a subcommand reports: whether it found what it was asked for.
pub enum Outcome {
    /// Everything asked for was found (exit 0).
    Found,
    /// Some of it was not (exit 1).
    NotFound,
    /// An error was reported on stderr, and the run went on (exit 2).
    Failed,
}

impl Outcome {
    /// The outcome of a run: failed when some input could not be read whole, else found
    /// when anything asked for was found.
    pub fn of(read_all: bool, found: bool) -> Outcome {
        match (read_all, found) {
            (false, _) => Outcome::Failed,
            (true, true) => Outcome::Found,
            (true, false) => Outcome::NotFound,
        }
    }

    fn code(self) -> ExitCode {
        match self {
            Outcome::Found => ExitCode::SUCCESS,
            Outcome::NotFound => ExitCode::from(1),
            Outcome::Failed => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Lookup(args) => names::lookup(args),
        Command::Key(args) => names::key(args),
        Command::Entities(args) => names::entities(args),
        Command::Annotate(args) => annotate::annotate(args),
        Command::Rewrite(args) => rewrite::rewrite(args),
        Command::Cluster(args) => cluster::run(args),
        Command::Translit(args) => translit::run(args),
        Command::Explain(args) => explain::run(args),
    };
    match result {
        Ok(outcome) => outcome.code(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Every input error carries its file name; a bare I/O error is the output's.
            let err = if err.chain().count() == 1 && err.downcast_ref::<io::Error>().is_some() {
                err.context("<stdout>: cannot write")
            } else {
                err
            };
            report(&err);
            ExitCode::from(2)
        }
    }
}

/// Prints an error once, as `canonym: message: cause`.
pub fn report(err: &anyhow::Error) {
    let _ = writeln!(io::stderr().lock(), "canonym: {err:#}");
}

/// Whether the error comes from writing to a closed pipe (`canonym … | head`): not an error
/// the user needs to hear about.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    /// `--help` may point the reader to a file of the repository (`tables/README.md`), never to
    /// one that does not exist.
    #[test]
    fn help_cites_only_files_that_exist() {
        let mut cmd = super::Cli::command();
        let mut help = cmd.render_long_help().to_string();
        for sub in cmd.get_subcommands_mut() {
            help.push_str(&sub.render_long_help().to_string());
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let missing: Vec<&str> = help
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.ends_with(".md") && !root.join(w).exists())
            .collect();
        assert!(missing.is_empty(), "--help cites {missing:?}");
    }
}
