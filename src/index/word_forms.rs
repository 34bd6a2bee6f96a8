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
