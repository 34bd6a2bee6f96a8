//! Titles and honorifics before a person's name (`Dr.`, `Sir`, `Colonel`, `господин`, `пан`):
//! not part of the name, so whole-name lookup tries the name without one. The words are data,
//! `tables/titles.tsv`.

use std::collections::HashSet;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../tables/titles.tsv");

fn titles() -> &'static HashSet<String> {
    static TITLES: OnceLock<HashSet<String>> = OnceLock::new();
    TITLES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(1))
            .map(str::to_lowercase)
            .collect()
    })
}

/// `name` without its leading titles (`Dr. Rami Makhlouf` → `Rami Makhlouf`, `Colonel Dr.
/// Ivanov` → `Ivanov`), or `None` when it starts with none. A name must be left.
pub(crate) fn without_title(name: &str) -> Option<&str> {
    let mut rest = name.trim_start();
    let mut stripped = false;
    loop {
        let Some(end) = rest.find(char::is_whitespace) else {
            return stripped.then_some(rest);
        };
        let (word, after) = rest.split_at(end);
        let word = word.strip_suffix('.').unwrap_or(word).to_lowercase();
        let after = after.trim_start();
        if after.is_empty() || !titles().contains(&word) {
            return stripped.then_some(rest);
        }
        rest = after;
        stripped = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_titles_are_left_out() {
        assert_eq!(without_title("Dr. Rami Makhlouf"), Some("Rami Makhlouf"));
        assert_eq!(without_title("Colonel Dr Ivanov"), Some("Ivanov"));
        assert_eq!(without_title("President Lukashenka"), Some("Lukashenka"));
        assert_eq!(without_title("господин Лукашенко"), Some("Лукашенко"));
        assert_eq!(without_title("Rami Makhlouf"), None);
        assert_eq!(without_title("Sir"), None);
        assert_eq!(without_title("Mr."), None);
    }
}
