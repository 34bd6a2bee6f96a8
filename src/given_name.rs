//! Given names in their other forms: the same name as Belarusian, Russian, Ukrainian, Polish
//! and Western languages write it (`Мікалай`, `Николай`, `Микола`, `Mikołaj`, `Nicholas`), from
//! `tables/given_names.tsv`, compiled by `build.rs`.
//!
//! Transliteration keys already make the romanizations of one form meet (`Mikalai`,
//! `Mikalaj`); these are the forms no romanization turns into one another (`Мікола` and
//! `Мікалай`, `Katerina` and `Ekaterina`, `Eduard` and `Edvard`). Whole-name lookup tries them
//! when a person's name matches no listed name as written.

use crate::index::builtin::{GIVEN_NAME_FORMS, GIVEN_NAMES};

/// The keys of the other forms of the given name whose key is `key` (one word of a
/// [`crate::key`]); empty when it is no known given name.
pub(crate) fn alternatives(key: &str) -> &'static [&'static str] {
    GIVEN_NAMES.get(key).copied().unwrap_or_default()
}

/// When `word` is a given name as the table writes it (a nominative, up to case and
/// diacritics: `Aleksandra`, `Александра`, not `Александру`), the keys of every form of every
/// name written so, this one's included; else empty.
pub(crate) fn names_written(word: &str) -> &'static [&'static str] {
    let mut folded = String::new();
    crate::fold::fold_into(word, crate::fold::Homoglyphs::NONE, &mut folded);
    GIVEN_NAME_FORMS.get(&folded).copied().unwrap_or_default()
}

/// Whether `word` is a given name in the nominative and in no other case: written as the table
/// writes one of its forms (`Jan`, `Іван`, `Anna`), and no case form of another (`Jana` is a
/// woman's name and the genitive of `Jan`; `Ивана` a woman's and the genitive of `Иван`).
/// The word after it, a surname, is then in the nominative too.
pub(crate) fn is_nominative(word: &str) -> bool {
    let mut folded = String::new();
    crate::fold::fold_into(word, crate::fold::Homoglyphs::NONE, &mut folded);
    GIVEN_NAME_FORMS.contains_key(folded.as_str()) && !case_forms().contains(folded.as_str())
}

/// The light folds of the case forms of every given name of the table (Polish and Czech
/// declension for its Latin forms, East Slavic for its Cyrillic ones), made once.
fn case_forms() -> &'static std::collections::HashSet<String> {
    static FORMS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        let mut forms = crate::inflect::FormList::default();
        let mut folded = String::new();
        for name in GIVEN_NAME_FORMS.keys() {
            let cyrillic = name
                .chars()
                .any(|c| crate::fold::script(c) == crate::fold::Script::Cyrillic);
            let langs: &[&str] = if cyrillic { &["ru"] } else { &["pl", "cs"] };
            for lang in langs {
                forms.clear();
                crate::inflect::inflections(name, lang, true, &mut forms);
                for f in forms.iter() {
                    folded.clear();
                    crate::fold::fold_into(f, crate::fold::Homoglyphs::NONE, &mut folded);
                    set.insert(folded.clone());
                }
            }
        }
        set
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Forms of one name in any script key to each other's alternatives; feminine and
    /// masculine names, and different names, do not.
    #[test]
    fn forms_of_one_name_meet() {
        let key = |name: &str| crate::key(name);
        let meets = |a: &str, b: &str| alternatives(&key(a)).contains(&key(b).as_str());
        for (a, b) in [
            ("Мікола", "Mikalai"),
            ("Mykola", "Nikolai"),
            ("Katarzyna", "Yekaterina"),
            ("Edvard", "Eduard"),
            ("Алесь", "Aliaksandr"),
            ("Volha", "Olga"),
            ("Sergiusz", "Siarhei"),
            ("Józef", "Язэп"),
        ] {
            assert!(meets(a, b), "{a} / {b}");
            assert!(meets(b, a), "{b} / {a}");
        }
        for (a, b) in [
            ("Aliaksandr", "Aliaksandra"),
            ("Ivan", "Yan"),
            ("Yuri", "Georgy"),
            // Keys merge vowels: a key two names share (`ana`: Anna, Inna, Yana; `ala`:
            // Alla, Ilya) stands for neither.
            ("Yana", "Hanna"),
            ("Alla", "Ilya"),
            // Katsiaryna keys like Russian Катерина, a name of its own beside Екатерина.
            ("Ekaterina", "Katsiaryna"),
            ("Lukashenka", "Lukashenko"),
        ] {
            assert!(!meets(a, b), "{a} / {b}");
        }
        assert!(alternatives("").is_empty());
    }

    /// The table's malformed rows are reported at their lines (they fail the build).
    /// A given name as written (a nominative, in any of its listed spellings) knows the keys of
    /// its name's forms; its case forms are not given names as written.
    #[test]
    fn names_written_are_the_listed_nominatives() {
        let key = |name: &str| crate::key(name);
        for (written, form_of) in [
            ("Aleksandra", "Аляксандра"),
            ("АЛЕКСАНДРА", "Alexandra"),
            ("Mikołaj", "Мікалай"),
            ("Марыя", "Maria"),
        ] {
            let keys = names_written(written);
            assert!(keys.contains(&key(form_of).as_str()), "{written}: {keys:?}");
        }
        for word in ["Александру", "Марии", "Віктара", "Lukashenka", ""] {
            assert!(names_written(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn malformed_rows_are_reported_at_their_lines() {
        let text = "# source: test\n\
                    nikolai\tm\tbe:Мікалай | uk:Микола\n\
                    Bad\tm\tbe:Мікалай\n\
                    olga\tx\tbe:Вольга\n\
                    anna\tf\tАнна\n\
                    nikolai\tm\tru:Николай\n\
                    ivan\tm\n";
        let (names, errors) = crate::table::parse_given_names("g.tsv", text);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7], "{errors:?}");
        assert!(errors.iter().all(|e| e.path == "g.tsv"));
        assert_eq!(names.first().map(|g| g.forms.len()), Some(2));
    }
}
