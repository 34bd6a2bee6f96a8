//! Written diacritics must agree. A text that drops diacritics (`Lukasenka`, `Andrasik`) may be
//! any of the names they were dropped from, so the light fold ignores them; but two spellings
//! that both write them, with the same letters and different marks, are two names — Slovak
//! `Andrášik` and `Andrašík`, Czech `Hanák` and `Haňák` are different surnames, and a writer
//! who puts a mark on a letter puts the right one.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::entity::Entity;
use crate::fold;

pub(super) use crate::fold::is_marked;

/// A vowel letter, with or without marks (`a`, `á`, `ą`, `y`).
fn is_vowel(c: char) -> bool {
    bare(c.encode_utf8(&mut [0; 4]))
        .chars()
        .next()
        .is_some_and(|b| matches!(b, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// The word's letters without their marks, lowercase: `Andrášik` → `andrasik`, and the letters
/// whose mark is no combining one as the light fold writes them: `Łabuś` → `labus`.
fn bare(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if let Some(u) = is_marked(c).then(|| unmarked(c)).flatten() {
            out.push(u);
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(d);
            }
        });
    }
    out
}

/// Whether `bare(word)` is `letters`, worked out letter by letter: most listed words differ
/// from a mention word in their first letter, and this is asked of every word of every name of
/// every candidate (hundreds of namesakes in a large table).
fn bare_eq(word: &str, letters: &str) -> bool {
    let mut want = letters.chars();
    for c in word.chars().flat_map(char::to_lowercase) {
        if let Some(u) = is_marked(c).then(|| unmarked(c)).flatten() {
            if want.next() != Some(u) {
                return false;
            }
            continue;
        }
        let mut same = true;
        decompose_canonical(c, |d| {
            if same && !is_combining_mark(d) && want.next() != Some(d) {
                same = false;
            }
        });
        if !same {
            return false;
        }
    }
    want.next().is_none()
}

/// The letter a marked one is written as without its mark (`ł` → `l`, `š` → `s`), when the
/// light fold writes it as one letter.
fn unmarked(l: char) -> Option<char> {
    let mut folded = crate::fold::fold_plain(l.encode_utf8(&mut [0; 4])).into_bytes();
    (folded.len() == 1).then(|| char::from(folded.remove(0)))
}

/// Whether `word` (a word of a mention) contradicts every listed word of `entity` with the
/// same letters: it writes a mark where that listed word, which writes marks itself, has the
/// letter bare or with another mark, or it writes one of that word's marks and leaves another
/// bare (`Danková` is not `Daňková`). A last vowel is not compared (endings are grammar:
/// Polish `Łukaszenką`, Czech `Cichanouská`), nor a letter the text leaves bare when it shares
/// no mark with the listed word (Polish `Cichanouską` for Łacinka `Cichanoŭską`: other
/// orthographies' marks). A word without marks contradicts nothing.
///
/// A listed word without marks is compared too when its table writes marks (`writes`, see
/// `Store::writes_mark`): a table that writes `á` in other names writes `Hanak` without it on
/// purpose, so the text's `Hanák` is another surname; a table in ASCII (a sanctions list) may
/// have dropped the marks, and its `Hanak` still stands for `Hanák`.
pub(super) fn contradicts(word: &str, entity: &Entity, writes: impl Fn(char) -> bool) -> bool {
    if !may_contradict(word) {
        return false;
    }
    let text: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let letters = bare(word);
    let mut compared = false;
    for name in entity.names() {
        for listed in name.text().split(|c: char| !fold::is_alphanumeric(c)) {
            if !bare_eq(listed, &letters) {
                continue;
            }
            let marked = listed.chars().any(is_marked);
            let listed: Vec<char> = listed.chars().flat_map(char::to_lowercase).collect();
            if listed.len() != text.len() {
                continue;
            }
            // A final vowel is grammar (Cichanouská, Łukaszenką); a final consonant is the
            // name's own (Kráľ is not Král, Kúš not Kús).
            let ending = text.last().is_some_and(|&c| is_vowel(c));
            let stem = text.len() - usize::from(ending);
            if !marked {
                let differs = text
                    .iter()
                    .zip(&listed)
                    .take(stem)
                    .any(|(&t, &l)| t != l && writes(t));
                if !differs {
                    return false;
                }
                compared = true;
                continue;
            }
            // A letter left bare where the listed word marks it is a contradiction only when
            // the word writes one of the listed word's own marks elsewhere (Danková for
            // Daňková: a writer of that orthography), not when its marks are of another one.
            let shares = text
                .iter()
                .zip(&listed)
                .any(|(&t, &l)| t == l && is_marked(t));
            let differs = text
                .iter()
                .zip(&listed)
                .take(stem)
                .any(|(&t, &l)| t != l && (is_marked(t) || (shares && is_marked(l))));
            if !differs {
                return false;
            }
            compared = true;
        }
    }
    compared
}

/// The marked letters of `word`, lowercase.
pub(super) fn marked_letters(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter(|&c| is_marked(c))
}

/// Whether `word` writes a marked letter (`marked_letters(word)` is not empty), settled by its
/// bytes for most words: only a character led by one of [`may_lead_marked`]'s bytes is or
/// lowercases to a marked letter (a unit test checks every character), so a word in ASCII or
/// Cyrillic is read no further. The matcher asks this of the words after every candidate in
/// dense text, where lowercasing each was a fifth of `annotate`.
pub(super) fn has_marked_letter(word: &str) -> bool {
    word.bytes().any(may_lead_marked) && marked_letters(word).next().is_some()
}

/// Whether `x` leads a character that is, or lowercases to, a marked letter: U+00C0–U+027F
/// (0xC3–0xC9), U+1000–U+1FFF (0xE1: Latin Extended Additional), U+2000–U+2FFF (0xE2: the
/// Angstrom sign lowercases to `å`) and U+A000–U+AFFF (0xEA: capitals of Latin Extended-D
/// such as U+A7DC lowercase to letters of Latin Extended-B).
fn may_lead_marked(x: u8) -> bool {
    x.wrapping_sub(0xC3) < 7 || matches!(x, 0xE1 | 0xE2 | 0xEA)
}

/// Whether [`contradicts`] may say yes of `word` for some entity: it writes a mark. Asked
/// before an entity is read (in a large table, a name's namesakes are read from all over the
/// file).
pub(super) fn may_contradict(word: &str) -> bool {
    word.chars().any(is_marked)
}

/// Whether [`contradicts_bare`] may say yes of `word` for some entity: it has letters and
/// writes no mark.
pub(super) fn may_contradict_bare(word: &str) -> bool {
    !word.chars().any(is_marked) && word.chars().any(fold::is_alphabetic)
}

/// Whether `word`, written without marks, stands for none of the listed words of `entity` with
/// its letters, because each writes a mark that the text writes elsewhere (`written`): a
/// Polish text that writes `ł` in `powiedział` writes it in `Ochał` too, so its `Ochal` is
/// another surname, and a Slovak one that writes `š` its `Kus` is not `Kúš`. A text that
/// writes no such mark (English, a list in ASCII) may have dropped them, and still means any
/// of the names. A last vowel is not compared (grammar), and a listed word with these letters
/// and no marks (or the marks left off it) makes the word that name.
pub(super) fn contradicts_bare(
    word: &str,
    entity: &Entity,
    written: impl Fn(char) -> bool,
) -> bool {
    if !may_contradict_bare(word) {
        return false;
    }
    let text: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut compared = false;
    for name in entity.names() {
        for listed in name.text().split(|c: char| !fold::is_alphanumeric(c)) {
            // The same letters, compared as they come (most words differ in the first).
            let mut lower = listed.chars().flat_map(char::to_lowercase);
            let same_letters = text.iter().all(|&t| {
                lower
                    .next()
                    .is_some_and(|l| t == l || (is_marked(l) && unmarked(l) == Some(t)))
            }) && lower.next().is_none();
            if !same_letters {
                continue;
            }
            let listed: Vec<char> = listed.chars().flat_map(char::to_lowercase).collect();
            let ending = listed.last().is_some_and(|&c| is_vowel(c));
            let stem = listed.len() - usize::from(ending);
            let differs = listed
                .iter()
                .take(stem)
                .any(|&l| is_marked(l) && written(l));
            if !differs {
                return false;
            }
            compared = true;
        }
    }
    compared
}

/// Whether `word` renders, by a scheme or a press orthography the verifier knows, a word of one
/// of `entity`'s Cyrillic names: then it is that name's spelling whatever marks another of its
/// names writes (Polish `Lukaszenka` without its `Ł` still writes `Лукашэнка` with `sz` for
/// `ш`), and [`contradicts_bare`] does not make it another name.
pub(super) fn renders_cyrillic(word: &str, entity: &Entity) -> bool {
    let cyrillic = |s: &str| {
        s.chars()
            .any(|c| crate::fold::script(c) == crate::fold::Script::Cyrillic)
    };
    let cross = crate::why::reconstructs(entity.names());
    entity
        .names()
        .iter()
        .filter(|n| cyrillic(n.text()))
        .any(|n| {
            crate::index::word_forms::pattern_words(n.text())
                .any(|listed| crate::verify::accepts(word, listed, n.lang(), cross).is_some())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `bare_eq` is `bare` compared, letter by letter: on words that differ by a mark, by case,
    /// by a letter whose mark does not decompose (`ł`), by a ligature's lowercase (`İ`), or
    /// in length.
    #[test]
    fn bare_eq_is_bare_compared() {
        let words = [
            "Andrášik",
            "Andrašík",
            "ANDRASIK",
            "Andrasi",
            "Łukaszenka",
            "Lukaszenka",
            "Лукашэнка",
            "Лукашенка",
            "Ёлкин",
            "Елкин",
            "Йошкар",
            "Иошкар",
            "İzmir",
            "izmir",
            "Straße",
            "Strasse",
            "Kúš",
            "Kus",
            "",
            "ё",
        ];
        for a in words {
            for b in words {
                let letters = bare(b);
                assert_eq!(bare_eq(a, &letters), bare(a) == letters, "{a} / {b}");
            }
        }
        assert!(bare_eq("Andrášik", "andrasik") && !bare_eq("Andrášik", "andrasi"));
    }

    /// `has_marked_letter`'s byte test never turns away a character that `marked_letters`
    /// reads as marked.
    #[test]
    fn only_the_listed_lead_bytes_lead_marked_letters() {
        let mut marked = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let reads = marked_letters(&s).next().is_some();
            assert_eq!(has_marked_letter(&s), reads, "U+{:04X}", u32::from(c));
            marked += usize::from(reads);
        }
        assert!(marked > 300, "{marked} marked characters");
    }

    /// A table of one person named `name` (in language `lang`).
    fn one_person(name: &str, lang: &str) -> crate::Gazetteer {
        let mut b = crate::Gazetteer::builder();
        b.builtin(false)
            .entity("x:1", crate::Kind::Person, name)
            .name("x:1", name, lang);
        b.build().unwrap_or_else(|e| panic!("{e}"))
    }

    fn the_person(g: &crate::Gazetteer) -> &Entity {
        g.entity("x:1").unwrap_or_else(|| panic!("no person"))
    }

    #[test]
    fn marks_written_on_both_sides_must_agree() {
        let none = |_: char| false;
        let mut b = crate::Gazetteer::builder();
        b.builtin(false)
            .entity("sk:1", crate::Kind::Person, "Andrašík")
            .name("sk:1", "Andrašík", "sk")
            .entity("cs:1", crate::Kind::Person, "Daňková")
            .name("cs:1", "Daňková", "cs");
        let g = b.build().unwrap_or_else(|e| panic!("{e}"));
        let (a, d) = (
            g.entity("sk:1").unwrap_or_else(|| panic!()),
            g.entity("cs:1").unwrap_or_else(|| panic!()),
        );
        assert!(contradicts("Andrášik", a, none));
        assert!(contradicts("ANDRÁŠIK", a, none));
        assert!(!contradicts("Andrašík", a, none));
        assert!(!contradicts("ANDRAŠÍK", a, none));
        assert!(
            !contradicts("Andrasik", a, none),
            "marks dropped: any of the names"
        );
        assert!(
            !contradicts("Andrašíka", a, none),
            "another word: not judged here"
        );
        assert!(
            contradicts("Danková", d, none),
            "writes á as listed, so ň left bare is another name"
        );
        assert!(contradicts("Dáňková", d, none));
        let g = one_person("Kráľ", "sk");
        let k = the_person(&g);
        assert!(
            contradicts("Král", k, none),
            "a final consonant is the name's own"
        );
        assert!(!contradicts("Kral", k, none));
        assert!(!contradicts("Dankova", d, none));
    }

    /// Slovak surnames of Faker's `sk_SK` list: `Hanák` and `Hanak` are both there, and so are
    /// `Krúpa` and `Krupa`.
    #[test]
    fn a_table_that_writes_marks_leaves_them_off_on_purpose() {
        let g = one_person("Hanak", "sk");
        let h = the_person(&g);
        let slovak = |m: char| "áčďéíľňóôšťúýž".contains(m);
        assert!(contradicts("Hanák", h, slovak));
        assert!(contradicts("Haňák", h, slovak));
        assert!(!contradicts("Hanak", h, slovak));
        assert!(!contradicts("Hanáka", h, slovak), "another word");
        assert!(
            !contradicts("Hanák", h, |_| false),
            "a table in ASCII may have dropped the marks"
        );
        assert!(
            !contradicts("Hanák", h, |m| m == 'ł'),
            "a table that writes other marks only"
        );
        // Letters whose mark does not decompose (ł, ø, đ) are the same letters too.
        let g = one_person("Labus", "pl");
        let l = the_person(&g);
        let polish = |m: char| "óąćęłńśźż".contains(m);
        assert!(contradicts("Łabuś", l, polish));
        assert!(contradicts("Łabus", l, polish));
        assert!(!contradicts("Łabuś", l, |_| false));
    }
}
