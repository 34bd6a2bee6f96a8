//! `canonym`: names made comparable across scripts and spelling systems.
//!
//! A thin client of the library: this binary parses arguments, opens streams and calls
//! `canonym`; every concept lives in the library.

mod annotate;
mod bench;
mod cluster;
mod compile;
mod explain;
mod input;
mod names;
mod output;
mod parallel;
mod rewrite;
mod tables;
mod translit;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use clap::{CommandFactory, Parser, Subcommand};

/// Make names comparable across scripts and spelling systems.
///
/// canonym resolves any spelling of a known person, place, organization or media outlet
/// (Lukashenka, Лукашенко, Łukaszenka, Lukaschenko, …) to one canonical entity ID, and folds
/// any name into a matching key.
///
/// Exit status, as grep's: the searches (lookup, annotate) exit 0 when they found something
/// and 1 when they found nothing; the filters and transforms (rewrite, translit, key, cluster,
/// entities) exit 0 when they ran. Any error (a file that cannot be read, a line that is not
/// UTF-8, a binary file) is reported, the run goes on, and it exits 2.
#[derive(Debug, Parser)]
#[command(name = "canonym", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

/// The options every subcommand takes.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Global {
    /// Write the output to FILE instead of standard output (`-` is standard output).
    #[arg(short, long, global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print nothing on standard output; only the exit status (and errors) tell.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Read binary files too: without it, an input with a NUL byte in its first 8 KiB is
    /// skipped with a message.
    #[arg(short = 'a', long, global = true)]
    text: bool,
    /// Flush the output after every line, and read line by line: each input line is answered
    /// before the next is read (for pipes, `tail -f`, helper processes). Output is flushed
    /// line by line anyway when it is a terminal.
    #[arg(long, global = true)]
    line_buffered: bool,
    /// Use at most N threads (default: one per core; `-j1` for one). The work splits where
    /// the output does not depend on it: the names `lookup` and `key` read from standard
    /// input, the chunks `translit` reads, and the documents of `annotate` and `rewrite` (each
    /// file is one; a file past a megabyte is cut at the first blank line after each; a bare
    /// surname refers back within its document only). Output and messages come in input
    /// order: the same bytes whatever N. `--line-buffered` works on one thread.
    #[arg(short = 'j', long, global = true, value_name = "N")]
    jobs: Option<std::num::NonZeroUsize>,
}

impl Global {
    /// The file of `-o FILE`, unless it is `-`.
    pub fn output_file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|p| *p != Path::new("-"))
    }

    /// The output's name in messages.
    fn output_name(&self) -> String {
        self.output_file()
            .map_or_else(|| "<stdout>".to_owned(), |p| p.display().to_string())
    }

    /// Whether inputs with a NUL byte are read (`-a`).
    pub fn text(&self) -> bool {
        self.text
    }

    /// Whether input is read and answered line by line (`--line-buffered`).
    pub fn line_buffered(&self) -> bool {
        self.line_buffered
    }

    /// How many threads may work at once (`-j N`; by default one per core).
    pub fn jobs(&self) -> usize {
        self.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |n| n.get(),
        )
    }
}

static GLOBAL: OnceLock<Global> = OnceLock::new();

/// The global options of this run (the defaults before they are parsed, as in unit tests).
pub fn global() -> &'static Global {
    GLOBAL.get_or_init(Global::default)
}

#[derive(Debug, Subcommand)]
enum Command {
    Lookup(names::LookupArgs),
    Key(names::KeyArgs),
    Entities(names::EntitiesArgs),
    Annotate(annotate::AnnotateArgs),
    Rewrite(rewrite::RewriteArgs),
    Cluster(cluster::ClusterArgs),
    Compile(compile::CompileArgs),
    Translit(translit::TranslitArgs),
    Completions(CompletionsArgs),
    Man(ManArgs),
    Explain(explain::ExplainArgs),
    Bench(bench::BenchArgs),
}

/// Print a shell completion script.
///
/// For bash: `canonym completions bash > ~/.local/share/bash-completion/completions/canonym`;
/// zsh: into a directory of `$fpath` as `_canonym`; fish: `~/.config/fish/completions/canonym.fish`;
/// PowerShell: `canonym completions powershell | Out-String | Invoke-Expression` in `$PROFILE`.
#[derive(Debug, clap::Args)]
struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Print a manual page (roff).
///
/// The page of canonym: `canonym man > ~/.local/share/man/man1/canonym.1`; one page per
/// subcommand: `canonym man annotate > ~/.local/share/man/man1/canonym-annotate.1`.
#[derive(Debug, clap::Args)]
struct ManArgs {
    /// The subcommand whose page to print; none prints the page of canonym itself.
    subcommand: Option<String>,
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
    /// when anything was found (a filter, which finds nothing, passes `true`).
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
    let cli = &*Box::leak(Box::new(cli));
    let _ = GLOBAL.set(cli.global.clone());
    // Every parallel step runs on rayon's global pool, so `-j` limits them all at once. It can only fail if a pool was built
    // already, which nothing does before this line.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(global().jobs())
        .build_global();
    let result = match &cli.command {
        Command::Lookup(args) => names::lookup(args),
        Command::Key(args) => names::key(args),
        Command::Entities(args) => names::entities(args),
        Command::Annotate(args) => annotate::annotate(args),
        Command::Rewrite(args) => rewrite::rewrite(args),
        Command::Cluster(args) => cluster::run(args),
        Command::Compile(args) => compile::run(args),
        Command::Translit(args) => translit::run(args),
        Command::Completions(args) => completions(args),
        Command::Man(args) => man(args),
        Command::Explain(args) => explain::run(args),
        Command::Bench(args) => bench::bench(args),
    };
    // A damaged block of a compiled table file stops the run: what was written before it
    // was found did not read it.
    if let Some(damage) = output::damage() {
        report(&anyhow::anyhow!("{damage}"));
        return ExitCode::from(2);
    }
    match result {
        Ok(outcome) => outcome.code(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Every input error carries its file name; a bare I/O error is the output's.
            let err = if err.chain().count() == 1 && err.downcast_ref::<io::Error>().is_some() {
                err.context(format!("{}: cannot write", global().output_name()))
            } else {
                err
            };
            report(&err);
            ExitCode::from(2)
        }
    }
}

/// `canonym completions SHELL`.
fn completions(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = output::Output::open()?;
    clap_complete::generate(args.shell, &mut Cli::command(), "canonym", &mut out);
    out.flush()?;
    Ok(Outcome::Found)
}

/// `canonym man [SUBCOMMAND]`: the page of canonym, or of `canonym-SUBCOMMAND`.
fn man(args: &ManArgs) -> anyhow::Result<Outcome> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match &args.subcommand {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name) else {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                anyhow::bail!(
                    "man {name}: no such subcommand; the subcommands are {}",
                    names.join(", ")
                );
            };
            // clap wants a static name; this runs once per process.
            let page_name: &'static str = Box::leak(format!("canonym-{name}").into_boxed_str());
            sub.clone().name(page_name)
        }
    };
    let mut out = output::Output::open()?;
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(Outcome::Found)
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
