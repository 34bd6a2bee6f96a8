//! The words of a name as its text patterns have them, and the forms of each word that the
//! word indexes hold: the word itself and its case forms, folded. The compiler indexes them;
//! lookup asks of one word whether a spelling is one of them, by the same rules.
//!
//! This module is compiled into `build.rs` too (through `#[path]`), with the compiler.

use crate::fold;
use crate::inflect;
use crate::table::Flags;

/// Buffers reused over every lexeme's forms.
#[derive(Default)]
pub struct FormWork {
    inflected: inflect::FormList,
    fold: String,
    key: String,
}

/// One form of a pattern word, folded: what the two word indexes store.
pub struct WordForm<'w> {
    pub fold: &'w str,
    pub key: &'w str,
    pub cyrillic: bool,
    pub inflected: bool,
}

/// The word itself and its case forms, folded, each given to `each`. A Latin case form gets
/// no key: the matcher accepts a case form found by its key only in Cyrillic (see
/// `admissible` in the matcher).
pub fn word_forms(
    word: &str,
    lang: &str,
    last: bool,
    west_slavic: bool,
    exact: bool,
    work: &mut FormWork,
    each: impl FnMut(WordForm<'_>),
) {
    work.inflected.clear();
    inflect::inflections(word, lang, last, &mut work.inflected);
    if west_slavic {
        inflect::inflections(word, "pl", last, &mut work.inflected);
        inflect::inflections(word, "cs", last, &mut work.inflected);
        work.inflected.sort_dedup();
    }
    fold_forms(Some(word), exact, work, each);
}

/// The final forms of a word (see `inflect::final_forms`), folded as [`word_forms`] folds
/// them.
pub fn final_word_forms(
    word: &str,
    lang: &str,
    exact: bool,
    work: &mut FormWork,
    each: impl FnMut(WordForm<'_>),
) {
    work.inflected.clear();
    inflect::final_forms(word, lang, &mut work.inflected);
    fold_forms(None, exact, work, each);
}

/// Folds `word` (the nominative), if given, and the case forms in `work`.
fn fold_forms(
    word: Option<&str>,
    exact: bool,
    work: &mut FormWork,
    mut each: impl FnMut(WordForm<'_>),
) {
    let FormWork {
        inflected: forms,
        fold,
        key,
    } = work;
    let nominative = word.map(|w| (w, false));
    for (form, inflected) in nominative
        .into_iter()
        .chain(forms.iter().map(|f| (f, true)))
    {
        let cyrillic = form
            .chars()
            .any(|c| fold::script(c) == fold::Script::Cyrillic);
        fold.clear();
        fold::fold_into(form, fold::Homoglyphs::NONE, fold);
        key.clear();
        if !(exact || (inflected && !cyrillic)) {
            fold::key_into(form, fold::Homoglyphs::NONE, key);
        }
        each(WordForm {
            fold,
            key,
            cyrillic,
            inflected,
        });
    }
}

/// How many characters the stem of a word of a lookup-only name leaves out (see
/// [`stem_key`]): the nominative's ending, or what a case form changes before its own
/// (Kraków → Krakowie, Polska → Polsce, Львів → Львові).
pub const STEM_CUT: usize = 2;
/// How many characters a word looked up may lose to reach a stem: its case ending.
pub const ENDING_CUT: usize = 4;
/// The fewest characters a stem has (a word shorter than this and [`STEM_CUT`] is its own).
pub const STEM_MIN: usize = 2;

/// The most words a lookup-only name declined in lookup has (see `Compiled::stems`).
pub const STEM_NAME_WORDS: usize = 3;

/// Writes into `out` the stem key of a lookup-only name: its first word's light fold without
/// the last [`STEM_CUT`] characters (a word too short to keep [`STEM_MIN`] whole), and the
/// number of its words (see [`push_word_count`]). Says false (and leaves `out` unspecified)
/// for a name of no words or more than [`STEM_NAME_WORDS`]. The first word alone is the key, so that lookup asks the map a handful of times for any
/// name (one question per stem of its first word); the declension rules decide the rest.
pub fn stem_key(name: &str, out: &mut String) -> bool {
    out.clear();
    let mut words = pattern_words(name);
    let Some(first) = words.next() else {
        return false;
    };
    let n = words.count() + 1;
    if n > STEM_NAME_WORDS {
        return false;
    }
    let mut fold = String::new();
    fold::fold_into(first, fold::Homoglyphs::NONE, &mut fold);
    let len = fold.chars().count();
    let keep = if len >= STEM_MIN + STEM_CUT {
        len - STEM_CUT
    } else {
        len
    };
    out.extend(fold.chars().take(keep));
    push_word_count(out, n);
    true
}

/// Appends to a stem the number of words of its name, after a space (a fold has none within a
/// word): a name of two words looked up (most are a person's given name and surname) asks only
/// about the towns of two words.
pub fn push_word_count(out: &mut String, words: usize) {
    out.push(' ');
    out.push(char::from(b'0' + (words.min(9) as u8)));
}

/// Whether whole-name lookup reads case forms of the lookup-only name `name` of an entity whose
/// canonical name is `canonical` (see `Compiled::stems`). A gazetteer's other names are noisy —
/// GeoNames lists other languages' forms and fragments under a town (`Lec`, `Loj`, `Kalisa`,
/// `Beruna` for Polish towns) — and their case forms are other places' names (Loja, Elche,
/// Kalisi, Greek for Greece). So only a name of five letters or more is declined, and a
/// Latin one only when it is the entity's own name, spelled with or without its marks
/// (Lublin, Białystok); a Cyrillic one is the place's name in the region's script, unless it
/// is shaped like a surname.
pub fn declined_in_lookup(name: &str, canonical: &str) -> bool {
    const FEWEST_LETTERS: usize = 5;
    // The endings of Russian surnames (-ов, -ин, -ич) and of the towns named after a person
    // or a family (-ово, -ино): every case form of such a name is a surname's too
    // (Пугачёва, Лермонтовым, Васильева), and a bare surname is a person before it is a town.
    const SURNAME_SHAPED: [&str; 11] = [
        "ов", "ев", "ёв", "ин", "ын", "ово", "ево", "ёво", "ино", "ыно", "ич",
    ];
    let letters = name.chars().filter(|&c| fold::is_alphabetic(c)).count();
    if letters < FEWEST_LETTERS {
        return false;
    }
    let cyrillic = name
        .chars()
        .any(|c| fold::script(c) == fold::Script::Cyrillic);
    let last = name.split(' ').next_back().unwrap_or(name).to_lowercase();
    if cyrillic && SURNAME_SHAPED.iter().any(|s| last.ends_with(s)) {
        return false;
    }
    cyrillic || fold::fold_plain(name) == fold::fold_plain(canonical)
}

/// The stems a folded word looked up may have (see [`stem_key`]): the word without its last
/// zero to [`ENDING_CUT`] characters, as long as [`STEM_MIN`] are left, longest first.
pub fn stems_of(fold: &str) -> impl Iterator<Item = &str> {
    let chars = fold.chars().count();
    let mut ends = fold.char_indices().rev().map(|(i, _)| i);
    let mut end = fold.len();
    (0..=ENDING_CUT)
        .take_while(move |&cut| chars >= STEM_MIN + cut)
        .map(move |cut| {
            if cut > 0 {
                end = ends.next().unwrap_or(0);
            }
            fold.get(..end).unwrap_or_default()
        })
}

/// The words of a name as its text patterns have them (see `DraftPool::split` in the
/// compiler).
pub fn pattern_words(name: &str) -> impl Iterator<Item = &str> {
    fold::Tokens::new(name)
        .filter_map(|t| t.text.get(inflect::name_part(t.text)))
        .filter(|w| !w.is_empty())
}

/// Whether `fold` (a light fold) is the fold of `word` or of one of the case forms that the
/// text patterns of a name in `lang` with `flags` have for it (`last`: the word ends the name;
/// `surname`: it is a person's surname, see `inflect::paradigm`).
/// With `borrowed` false, the forms that Polish and Czech give a foreign name
/// ([`borrowed_by_west_slavic`]) are left out: they are read in running text, whose language
/// makes them likely, not in a name looked up alone.
pub fn is_form_of(
    fold: &str,
    word: &str,
    lang: &str,
    flags: Flags,
    (last, surname, borrowed): (bool, bool, bool),
) -> bool {
    let west = borrowed && borrowed_by_west_slavic(lang, flags.case_sensitive, flags.exact, word);
    let (lang, last) = inflect::paradigm(word, lang, last, surname);
    let mut found = false;
    word_forms(
        word,
        lang,
        last,
        west,
        flags.exact,
        &mut FormWork::default(),
        |f| {
            found |= f.fold == fold;
        },
    );
    found
}

/// Whether Polish and Czech texts decline this word as their own: Latin-script names in
/// English or in a romanization of Belarusian or Russian (`Grodno` → `w Grodnie`,
/// `Kolesnikova` → `Kolesnikovou`), which the tables do not list again for every language.
/// A German spelling that Polish writes alike is one too: German and Polish both write
/// Belarusian в as `w` (`Kalesnikawa` → `Kalesnikawej`, `Zapkala` → `Zapkali`); one with letters
/// or digraphs Polish does not use (`v`, `q`, `x`, `sch`, umlauts: `Lukaschenko`) is not.
/// Case-sensitive and exact names (short acronyms, ordinary words) keep to their own forms.
pub fn borrowed_by_west_slavic(lang: &str, case_sensitive: bool, exact: bool, word: &str) -> bool {
    let latin_lang = match lang {
        "en" | "und" | "be-Latn" | "ru-Latn" => true,
        "de" => written_alike_in_polish(word),
        _ => false,
    };
    latin_lang
        && !case_sensitive
        && !exact
        && word.chars().count() >= 4
        && word.chars().all(|c| fold::script(c) == fold::Script::Latin)
}

/// Whether a German spelling is one Polish orthography writes alike: ASCII letters of the
/// Polish alphabet (no `q`, `v`, `x`) and no German `sch`.
fn written_alike_in_polish(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes
        .iter()
        .all(|b| b.is_ascii_alphabetic() && !matches!(b.to_ascii_lowercase(), b'q' | b'v' | b'x'))
        && !bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"sch"))
}
