//! `--table`, `--no-builtin`, `--on-conflict`: the gazetteer a command reads.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, ValueEnum};

use canonym::{Gazetteer, OnConflict};

use crate::input::Source;

#[derive(Debug, Args)]
pub struct TableArgs {
    /// Add the entities of a table of your own (repeatable): a names file in the TSV format of
    /// tables/names/ (id, name, lang, source[, flags]), a .jsonl file with one entity per line
    /// ({"id","kind","canonical","names":[...]}), or a directory laid out like tables/; `-`
    /// reads standard input (JSON Lines when it starts with `{`), or a file written by
    /// `canonym compile`, used as it is. See the README, "Your own tables".
    #[arg(long = "table", value_name = "FILE")]
    pub(crate) tables: Vec<PathBuf>,
    /// Use only the tables given with --table, not the built-in ones.
    #[arg(long, requires = "tables")]
    pub(crate) no_builtin: bool,
    /// What to do when a table defines an entity ID that an earlier table (the built-in ones
    /// come first) defines too, or lists a name that folds like another entity's name there:
    /// fail naming both rows, let the later table win, or skip the later row.
    #[arg(long, value_enum, value_name = "RULE", default_value_t = Rule::Error)]
    pub(crate) on_conflict: Rule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Rule {
    Error,
    PreferUser,
    Skip,
}

impl TableArgs {
    /// The inputs named by `files` (see [`Source::all`]), unless standard input is both one of
    /// them and a table.
    ///
    /// # Errors
    ///
    /// `--table -` and standard input as an input.
    pub fn inputs(&self, files: &[PathBuf]) -> Result<Vec<Source>> {
        let sources = Source::all(files);
        if self.reads_stdin() && sources.iter().any(|s| s.path().is_none()) {
            bail!(
                "--table - reads standard input, so the input must be given as files, not read from standard input too"
            );
        }
        Ok(sources)
    }

    /// Whether a table is read from standard input (`--table -`).
    pub fn reads_stdin(&self) -> bool {
        self.tables.iter().any(|p| p == Path::new("-"))
    }

    /// The built-in gazetteer, or one built from the tables given. Conflicts that a rule
    /// resolved are reported on standard error as warnings.
    pub fn gazetteer(&self) -> Result<&'static Gazetteer> {
        if self.tables.is_empty() {
            return Ok(Gazetteer::builtin());
        }
        let mut builder = Gazetteer::builder();
        builder
            .builtin(!self.no_builtin)
            .on_conflict(match self.on_conflict {
                Rule::Error => OnConflict::Error,
                Rule::PreferUser => OnConflict::PreferUser,
                Rule::Skip => OnConflict::Skip,
            });
        for path in &self.tables {
            if path == Path::new("-") {
                let mut text = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut text)
                    .context("<stdin>: cannot read")?;
                let first = text.iter().find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') {
                    builder.read_jsonl("<stdin>", &text[..]);
                } else {
                    builder.read_names("<stdin>", &text[..]);
                }
            } else {
                builder.read_path(path);
            }
        }
        let gazetteer = builder.build().map_err(|e| {
            let hint = if e.conflicts() > 0 {
                "\n(--on-conflict prefer-user or skip resolves conflicts between tables)"
            } else {
                ""
            };
            anyhow!("cannot load the tables:\n{e}{hint}")
        })?;
        let mut stderr = std::io::stderr().lock();
        for w in gazetteer.warnings() {
            let _ = writeln!(stderr, "canonym: warning: {w}");
        }
        // The gazetteer lives as long as the process: leaking it gives every borrower of it
        // (matchers, mentions) a `'static` lifetime at the cost of nothing.
        Ok(Box::leak(Box::new(gazetteer)))
    }
}
