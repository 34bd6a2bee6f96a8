//! `--table`, `--no-builtin`, `--on-conflict`, `--strict`, `--warnings`: the gazetteer a
//! command reads.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, ValueEnum};

use canonym::{Gazetteer, OnConflict, TableError, TableErrorKind};

use crate::input::Source;

#[derive(Debug, Args)]
pub struct TableArgs {
    /// Add the entities of a table of your own (repeatable): a names file in the TSV format of
    /// tables/names/ (id, name, lang, source[, flags]; a `# kind: place` line gives the kind of
    /// the entities of the rows below it), a .jsonl file with one entity per line
    /// ({"id","kind","canonical","names":[...]}, other fields kept as properties), a directory
    /// laid out like tables/, or a file written by `canonym compile`, used as it is; `-` reads
    /// standard input (JSON Lines when it starts with `{`). IDs are yours: any string without
    /// tabs or control characters. See the README, "Your own tables".
    #[arg(long = "table", value_name = "FILE")]
    pub(crate) tables: Vec<PathBuf>,
    /// Use only the tables given with --table, not the built-in ones.
    #[arg(long, requires = "tables")]
    pub(crate) no_builtin: bool,
    /// What to do when a table defines an entity ID that an earlier table (the built-in ones
    /// come first) defines too: fail naming both rows, let the later table win, or skip the
    /// later row. Names shared by several entities are never a conflict: they are namesakes,
    /// and lookup lists them as candidates.
    #[arg(long, value_enum, value_name = "RULE", default_value_t = Rule::Error)]
    pub(crate) on_conflict: Rule,
    /// Refuse a table with dirty rows instead of repairing them: a name with stray spaces or
    /// with Latin and Cyrillic letters in one word (read through the look-alike table
    /// otherwise), an empty name (left out otherwise).
    #[arg(long, requires = "tables")]
    pub(crate) strict: bool,
    /// List every dirty row that was repaired or left out (and every error, when a load
    /// fails), not only the first few.
    #[arg(long, requires = "tables")]
    pub(crate) warnings: bool,
}

/// How many warnings about dirty rows are listed without `--warnings`.
const FIRST_WARNINGS: usize = 5;

/// How many errors that stop a load are listed without `--warnings`.
const FIRST_ERRORS: usize = 20;

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
            .strict(self.strict)
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
            // A table written in another shape fails on every row: the first errors say
            // what is wrong, and thousands more would bury them (and the hint).
            let errors = e.errors();
            let shown = if self.warnings {
                errors.len()
            } else {
                FIRST_ERRORS
            };
            let mut listed = errors
                .iter()
                .take(shown)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n");
            if errors.len() > shown {
                listed.push_str(&format!(
                    "\n… and {} more ({} errors; --warnings lists them all)",
                    thousands(errors.len() - shown),
                    thousands(errors.len())
                ));
            }
            anyhow!("cannot load the tables:\n{listed}{hint}")
        })?;
        self.report(&gazetteer);
        // The gazetteer lives as long as the process: leaking it gives every borrower of it
        // (matchers, mentions) a `'static` lifetime at the cost of nothing.
        let gazetteer = Box::leak(Box::new(gazetteer));
        crate::output::watch(gazetteer);
        Ok(gazetteer)
    }

    /// Reports the build's warnings on standard error: every conflict a rule resolved; for
    /// dirty rows, a summary, the first few and, with `--warnings`, all of them.
    fn report(&self, gazetteer: &Gazetteer) {
        let mut stderr = std::io::stderr().lock();
        let (dirty, others): (Vec<&TableError>, Vec<&TableError>) = gazetteer
            .warnings()
            .iter()
            .partition(|w| matches!(w.kind(), TableErrorKind::Repaired | TableErrorKind::Skipped));
        for w in others {
            let _ = writeln!(stderr, "canonym: warning: {w}");
        }
        if dirty.is_empty() {
            return;
        }
        let count = |kind| dirty.iter().filter(|w| w.kind() == kind).count();
        let (repaired, skipped) = (
            count(TableErrorKind::Repaired),
            count(TableErrorKind::Skipped),
        );
        // What the tables added: everything but the built-in entities and their names (a
        // built-in entity that a table defines again counts as built-in).
        let builtin = Gazetteer::builtin().entities();
        let (mut entities, mut names) = (gazetteer.entities().len(), 0);
        names += gazetteer
            .entities()
            .iter()
            .map(|e| e.names().len())
            .sum::<usize>();
        if !self.no_builtin {
            entities = entities.saturating_sub(builtin.len());
            names = names.saturating_sub(builtin.iter().map(|e| e.names().len()).sum());
        }
        let from = match self.tables.as_slice() {
            [one] => one.display().to_string(),
            all => format!("{} tables", all.len()),
        };
        let _ = writeln!(
            stderr,
            "canonym: loaded {} {} and {} {} from {from}; {} {} repaired, {} skipped",
            thousands(entities),
            plural(entities, "entity", "entities"),
            thousands(names),
            plural(names, "name", "names"),
            thousands(repaired),
            plural(repaired, "name", "names"),
            thousands(skipped),
        );
        let shown = if self.warnings {
            dirty.len()
        } else {
            FIRST_WARNINGS
        };
        for w in dirty.iter().take(shown) {
            let _ = writeln!(stderr, "canonym: warning: {w}");
        }
        if dirty.len() > shown {
            let _ = writeln!(
                stderr,
                "canonym: … and {} more (--warnings lists them all, --strict refuses them)",
                thousands(dirty.len() - shown)
            );
        }
    }
}

/// `n` with a comma between groups of three digits: `32,006`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
