//! The `canonym` command: a thin client of the library.
//!
//! Exit codes: 0 success, 2 error. Errors are printed once, as `canonym: {err:#}`; a closed
//! output pipe (`canonym … | head`) ends the run quietly with 0.

mod input;
mod translit;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Make names comparable across scripts and spelling systems.
#[derive(Parser, Debug)]
#[command(name = "canonym", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Translit(translit::TranslitArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Translit(args) => translit::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("canonym: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an `io::ErrorKind::BrokenPipe` is anywhere in the error's chain.
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
}
