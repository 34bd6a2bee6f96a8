//! Toponymic modifiers: a capitalised *New*, *East*, *Нижний*, *Nowa* written right before a
//! place's name makes the two words the name of another place — New Britain is not Britain,
//! East Germany is not Germany, Нижний Новгород is not Новгород. The words are data
//! (`tables/modifiers.tsv`: stems and the adjective endings of each language); this module reads
//! them once and answers whether a word of the text is one.

use std::collections::HashSet;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../tables/modifiers.tsv");

/// Every form of every modifier, lowercase.
fn forms() -> &'static HashSet<String> {
    static FORMS: OnceLock<HashSet<String>> = OnceLock::new();
    FORMS.get_or_init(|| parse(TABLE))
}

/// Reads the table: `@endings NAME e1 e2 …` declares a set of endings (`-` is the empty one),
/// and each row `lang<TAB>stem<TAB>set` gives the stem with each ending of the set. A row the
/// table gets wrong (an unknown set) adds nothing; `tests::the_table_is_well_formed` catches it.
fn parse(table: &str) -> HashSet<String> {
    let mut endings: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut forms = HashSet::new();
    for line in table.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["@endings", name, list] => endings.push((
                name,
                list.split(' ')
                    .map(|e| if e == "-" { "" } else { e })
                    .collect(),
            )),
            [_, stem, set] if !line.starts_with('#') => {
                if let Some((_, list)) = endings.iter().find(|(name, _)| name == set) {
                    forms.extend(list.iter().map(|e| format!("{stem}{e}").to_lowercase()));
                }
            }
            _ => {}
        }
    }
    forms
}

/// Whether a word follows a capitalised toponymic modifier: the word `before` it is one, and
/// only white space or a hyphen (`gap`) stands between them (`Nowa Wilejka`, `Neu-Ulm`, not
/// `… the New. Britain …`).
pub(super) fn precedes(before: &str, gap: &str) -> bool {
    let gap_ok = gap == "-" || (!gap.is_empty() && gap.chars().all(char::is_whitespace));
    gap_ok
        && before.chars().next().is_some_and(char::is_uppercase)
        && forms().contains(&before.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed() {
        let mut sets = vec![];
        for (n, line) in TABLE.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "tables/modifiers.tsv:{}: {line:?}", n + 1);
            if fields[0] == "@endings" {
                sets.push(fields[1]);
            } else {
                assert!(
                    sets.contains(&fields[2]),
                    "tables/modifiers.tsv:{}: unknown endings {:?}",
                    n + 1,
                    fields[2]
                );
            }
        }
    }

    #[test]
    fn forms_come_from_stems_and_endings() {
        let f = forms();
        for word in [
            "new",
            "новая",
            "новай",
            "нижнем",
            "nowej",
            "zachodni",
            "neuen",
            "nová",
        ] {
            assert!(f.contains(word), "{word}");
        }
        for word in ["great", "вялікая", "news", "нов", "now"] {
            assert!(!f.contains(word), "{word}");
        }
    }

    /// The rule as the matcher applies it: the modifier blocks the place, a listed longer name
    /// or a lowercase adjective does not, and `Great` is no modifier.
    #[test]
    fn a_place_after_a_modifier_is_another_place() {
        let found = |text: &str| -> Vec<String> {
            crate::matcher()
                .find_iter(text)
                .map(|m| format!("{}={}", &text[m.range()], m.entity().id()))
                .collect()
        };
        for text in [
            "New Britain",
            "Новай Брытаніі",
            "East Germany",
            "Neu-Minsk",
            "Nowy Mińsk",
        ] {
            assert_eq!(found(text), Vec::<String>::new(), "{text}");
        }
        for (text, want) in [
            ("eastern Belarus", "Belarus=loc:belarus"),
            ("Great Britain", "Great Britain=loc:united-kingdom"),
            ("Вялікая Брытанія", "Брытанія=loc:united-kingdom"),
            ("the New. Minsk", "Minsk=loc:minsk"),
            ("New Lukashenka", "Lukashenka=per:alyaksandr-lukashenka"),
        ] {
            assert_eq!(found(text), [want], "{text}");
        }
    }
}
