//! What the benches share: the fallback input when no corpus directory is given.

use std::path::PathBuf;

/// The seed articles, joined and repeated to at least 4 MB (empty if `seeds/` is unreadable).
pub fn seeds_repeated() -> String {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let one: String = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::new();
    while text.len() < 4 << 20 && !one.is_empty() {
        text.push_str(&one);
        text.push('\n');
    }
    text
}
