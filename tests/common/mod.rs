//! Helpers shared by the test modules: reading `tests/data/` files and reporting every failure.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// A mention as tests compare them: `(entity id, start, end)`.
pub type Span = (String, usize, usize);

/// The path of a file under `tests/data/`.
pub fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The seed articles in `seeds/`, sorted by name.
pub fn seed_paths() -> Vec<PathBuf> {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("{}: {e}", seeds.display()))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .collect();
    paths.sort();
    paths
}

/// The data rows of a TSV file under `tests/data/`: `(line number, fields)`, comments and
/// blank lines skipped.
pub fn tsv(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = data_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_owned).collect()))
        .collect()
}

/// Collects failures and reports them all at once, with their file and line.
#[derive(Default)]
pub struct Failures {
    list: Vec<String>,
    checked: usize,
}

impl Failures {
    /// Counts one check, recording `message` if it failed.
    pub fn check(&mut self, ok: bool, message: impl FnOnce() -> String) {
        self.checked += 1;
        if !ok {
            self.list.push(message());
        }
    }

    /// Panics with every failure, if there were any.
    pub fn assert_none(self, what: &str) {
        assert!(self.checked > 0, "{what}: no cases were checked");
        assert!(
            self.list.is_empty(),
            "{what}: {} of {} cases failed:\n{}",
            self.list.len(),
            self.checked,
            self.list.join("\n")
        );
    }
}

/// Removes `[[surface|id]]` markup, returning the text and the marked spans.
pub fn parse_marked(marked: &str) -> (String, BTreeSet<Span>) {
    let mut text = String::new();
    let mut spans = BTreeSet::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("unclosed [[");
        let (surface, id) = after[..close].rsplit_once('|').expect("no | in markup");
        spans.insert((id.to_owned(), text.len(), text.len() + surface.len()));
        text.push_str(surface);
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, spans)
}
