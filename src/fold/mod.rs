//! Name folding: the keys that make competing spellings of one name collide.
//!
//! This module is compiled twice: into the crate, and into `build.rs` (through `#[path]`), so
//! that the keys stored in the generated tables and the keys computed at run time come from the
//! very same code. It therefore depends on nothing but `std`, `unicode-normalization` and
//! `deunicode`, and on no other module of the crate.
//!
//! # How the key is built
//!
//! A name is cut into tokens (letters, digits and the marks on them; apostrophes and invisible
//! format characters are skipped, everything else separates tokens). Each token is turned into a
//! stream of *sound classes*, from whatever script it is written in, and the classes are written
//! out in a small ASCII alphabet. The classes are chosen from how the spelling systems that
//! canonym deals with actually disagree:
//!
//! | class | Cyrillic | Latin spellings it absorbs | key |
//! |---|---|---|---|
//! | vowel run | а о е э ы и і у я ю ё є ї й | a o e i y j u, with any diacritic | `a` (final: see below) |
//! | H | г ґ х ч | g h kh ch gh č cz tch tsch ç | `g` |
//! | Š | ж ш щ (and шч) | zh sh sch sz szcz shch schtsch ž š ż ş | `zh` |
//! | C (ц) | ц | ts tz c (before e i y a o u) | `s`, or `t` before *i* (Belarusian ці = Russian ти) |
//! | S | с з | s z ś ź ß | `s` |
//! | D | д, дз, дж | d dz dź dž ds | `d` |
//! | V | в ў, *u* after a/o/e before a consonant | v w ŭ | `v` |
//!
//! and every other consonant is itself (`b p f m n l r k t`). Vowels in a run all fold to one
//! `a`, because akanne and yakanne (Lukashenk**a**/Lukashenk**o**, Sv**ia**tlana/Sv**e**tlana) and
//! the many ways of writing iotated vowels (ya/ia/ja/ä) make vowel quality the least reliable
//! part of a romanized name. What *is* kept is the class of the token's final vowel run —
//! `a` (а о я), `i` (и ы й і, -ий -ый, -ei), `aj` (-ой -ай -oj), `u`, `e` (a lone *e*), or
//! nothing (a consonant) — because that is where Slavic names carry gender and case:
//! Tsikhanouskay**a** ≠ Tsikhanousk**i** ≠ Тихановск**ой**, Kalesnikav**a** ≠ Kalesnika**u**.
//!
//! Tokens that mix Latin and Cyrillic letters (a homoglyph trick, or a keyboard accident) have
//! their minority-script letters replaced by their look-alikes in the majority script first;
//! the look-alike table is data (`tables/homoglyphs.tsv`) handed in by the caller.
//!
//! The key is idempotent: `key(key(x)) == key(x)` (a property test checks it), so keys can be
//! stored and compared without knowing whether they were folded twice.
//!
//! This file holds the two folds (keys and light folds); the folder holds what they are made
//! of: `chars` (what a character is), `tokens` (cutting), `homoglyphs` (look-alikes),
//! `sounds` (sound classes and readings), `class_table` (the per-character table) and
//! `direct` (the common case of keying, straight from a name's bytes, held by tests to the
//! general path written here).

mod chars;
mod class_table;
mod direct;
mod homoglyphs;
mod sounds;
mod tokens;

pub use chars::{Script, is_apostrophe, script};
pub use class_table::light_pieces;
// Read by the matcher; `build.rs` has no use for it.
#[allow(unused_imports)]
pub use class_table::{is_alphabetic, is_alphanumeric};
// What `build/fold_tables.rs` writes the class table with; the crate reads the table instead.
#[allow(unused_imports)]
pub use class_table::{TABLE_CHARS, char_entry, light_entry};
pub use homoglyphs::Homoglyphs;
pub use sounds::Reading;
pub use tokens::Tokens;

use chars::Part;
use class_table::{LOWER, SLOW, entry_flags, push_entry, push_light, push_light_cp};
use homoglyphs::{lookup_pair, mixed_swap, token_swap};
use sounds::{push_raw, render, resolve_digraphs};
use tokens::{take_token, token_start};

/// What folding a name noticed, beyond the key itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FoldNotes {
    /// A token mixed Latin and Cyrillic letters and was read in its majority script.
    pub homoglyph: bool,
}

/// Appends the matching key of `name` to `out` (see the module docs), and says what it noticed.
/// What `out` held is kept as it was, with no separator after it.
pub fn key_into(name: &str, homoglyphs: Homoglyphs<'_>, out: &mut String) -> FoldNotes {
    key_in_reading(name, homoglyphs, Reading::Common, out)
}

/// Like [`key_into`], reading Latin letters in the orthography `reading`.
pub fn key_in_reading(
    name: &str,
    homoglyphs: Homoglyphs<'_>,
    reading: Reading,
    out: &mut String,
) -> FoldNotes {
    // Nearly every name is keyed straight from its bytes; `key_with` takes the rest.
    if direct::key_direct(name, reading, out) {
        return FoldNotes::default();
    }
    with_scratch(|raw, syms| key_with(name, homoglyphs, reading, [raw, syms], out))
}

/// Calls `f` with this thread's two scratch buffers (see `BUFFERS`).
fn with_scratch<R>(f: impl FnOnce(&mut Vec<u8>, &mut Vec<u8>) -> R) -> R {
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let (a, b) = &mut *bufs;
            f(a, b)
        }
        // Re-entered (cannot happen: nothing here calls back); fresh buffers are still right.
        Err(_) => f(&mut Vec::new(), &mut Vec::new()),
    })
}

thread_local! {
    /// Scratch buffers reused from one name to the next: keying is called once per name over
    /// lists of millions, and two allocations per call were a measurable share of its time.
    static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

fn key_with(
    name: &str,
    homoglyphs: Homoglyphs<'_>,
    reading: Reading,
    [raw, syms]: [&mut Vec<u8>; 2],
    out: &mut String,
) -> FoldNotes {
    let mut notes = FoldNotes::default();
    // Where this name's key starts: what `out` held before is left alone, with no separator.
    let base = out.len();
    // One pass over the name cuts it into tokens (with the rules `Tokens` uses) and turns each
    // letter token's characters into raw symbols as it goes.
    let mut i = 0;
    while let Some((start, kind)) = token_start(name, i) {
        // Flags of all the token's characters (whether any gave raw Latin letters).
        let mut seen = 0u8;
        raw.clear();
        let cut = take_token::<true>(name, start, kind, |cp, entry| {
            if kind == Part::Digit as u8 {
                // Digit tokens keep their ASCII digits (and nothing else: no marks).
                if let Ok(d @ b'0'..=b'9') = u8::try_from(cp) {
                    raw.push(d);
                }
            } else {
                seen |= entry_flags(entry);
                push_entry(cp, entry, raw);
            }
        });
        i = cut.end;
        if kind == Part::Digit as u8 {
            append_word(out, base, |out| {
                out.extend(raw.iter().map(|&d| char::from(d)))
            });
            continue;
        }
        if cut.mixed() {
            // A mixed token is read again, through the look-alike table.
            let text = name.get(start..i).unwrap_or_default();
            if let Some(table) = mixed_swap(text, homoglyphs) {
                notes.homoglyph = true;
                seen |= SLOW;
                raw.clear();
                for c in text.chars() {
                    push_raw(lookup_pair(table, c).unwrap_or(c), raw);
                }
            }
        }
        // Digraphs are spellings in raw Latin letters (lowercase symbols); a token without any,
        // such as every Cyrillic one, is already its classes. (Characters whose symbols the
        // table does not give may have given Latin letters.)
        let syms = if seen & (LOWER | SLOW) != 0 {
            syms.clear();
            resolve_digraphs(raw, reading, syms);
            &*syms
        } else {
            &*raw
        };
        append_word(out, base, |out| render(syms, out));
    }
    notes
}

/// Appends one word of a key or fold after a separating space (unless it is the first word, the
/// key starting at `base`), or nothing at all when the word writes nothing (a word of marks or
/// invisible characters leaves no stray space).
fn append_word(out: &mut String, base: usize, write: impl FnOnce(&mut String)) {
    let mark = out.len();
    if mark > base {
        out.push(' ');
    }
    let before = out.len();
    write(out);
    if out.len() == before {
        out.truncate(mark);
    }
}

/// The matching key of `name` (see the module docs), without look-alike resolution.
pub fn key_plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, Homoglyphs::NONE, &mut out);
    out
}

/// Appends the light fold of `name` to `out` (after what it held, with no separator):
/// lowercase, no diacritics, no apostrophes or invisible characters, look-alikes resolved,
/// tokens separated by one space. Two spellings with the same light fold are the *same*
/// spelling written differently (case, NFC/NFD, width, `ł`/`l`, punctuation), unlike keys,
/// which also merge different spellings of one name.
pub fn fold_into(name: &str, homoglyphs: Homoglyphs<'_>, out: &mut String) -> FoldNotes {
    let mut notes = FoldNotes::default();
    let base = out.len();
    // One pass, as in `key_with`: cut the tokens and append each character's light fold, from
    // the table for one- and two-byte characters. A token that turns out to mix scripts is
    // folded again through the look-alike table.
    let mut i = 0;
    while let Some((start, kind)) = token_start(name, i) {
        let mark = out.len();
        if mark > base {
            out.push(' ');
        }
        let before = out.len();
        let cut = take_token::<true>(name, start, kind, |cp, _| push_light_cp(cp, out));
        i = cut.end;
        if cut.mixed() {
            let text = name.get(start..i).unwrap_or_default();
            if let Some(table) = mixed_swap(text, homoglyphs) {
                notes.homoglyph = true;
                out.truncate(before);
                for c in text.chars() {
                    push_light(lookup_pair(table, c).unwrap_or(c), out);
                }
            }
        }
        // A token of marks or invisible characters leaves no stray space (`append_word`).
        if out.len() == before {
            out.truncate(mark);
        }
    }
    notes
}

/// `name` with each token that mixes Latin and Cyrillic (or Greek) letters written in its
/// majority script, its minority letters replaced by their look-alikes, as keys and light folds
/// read it (`Жодзiна` with a Latin `i` → `Жодзіна`); everything else as written. A letter the
/// table has no look-alike for stays, so the token may still mix scripts. Borrows when no
/// token mixes scripts.
pub fn unmix<'n>(name: &'n str, homoglyphs: Homoglyphs<'_>) -> std::borrow::Cow<'n, str> {
    let mut out = String::new();
    // Up to where `name` has been copied into `out`.
    let mut copied = 0;
    for token in Tokens::new(name) {
        let Some(table) = token_swap(&token, homoglyphs) else {
            continue;
        };
        out.push_str(name.get(copied..token.start).unwrap_or_default());
        out.extend(
            token
                .text
                .chars()
                .map(|c| lookup_pair(table, c).unwrap_or(c)),
        );
        copied = token.start + token.text.len();
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(name);
    }
    out.push_str(name.get(copied..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// A Latin letter with a mark (`á`, `š`, `ł`), which a writer who writes marks writes on
/// purpose (see `matcher::marks`; the compiler records which of them a user's tables write).
pub fn is_marked(c: char) -> bool {
    c.is_alphabetic()
        && !c.is_ascii()
        && matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// The light fold of `name` (see [`fold_into`]), without look-alike resolution.
pub fn fold_plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, Homoglyphs::NONE, &mut out);
    out
}

/// The words of a key as a set: sorted, and with `stem`, without the final `i` or `e` of each
/// word. Word sets match a person's name in any order (`Lukashenka Alyaksandr`); stems let a
/// given name match its short or foreign form (`Valer`/`Valery`, `Anatol`/`Anatoly`,
/// `Alexandre`/`Aleksandr`) while keeping the feminine `a` that tells a wife from a husband.
pub fn word_set(key: &str, stem: bool) -> String {
    let mut out = String::with_capacity(key.len());
    word_set_into(key, stem, &mut out);
    out
}

/// A word of a stemmed word set (see [`word_set`]): a given name's key without its last `i` or
/// `e`, in a word of three letters or more.
pub fn word_set_stem(w: &str) -> &str {
    if w.len() > 2 {
        w.strip_suffix(['i', 'e']).unwrap_or(w)
    } else {
        w
    }
}

/// Like [`word_set`], appending to `out`.
pub fn word_set_into(key: &str, stem: bool, out: &mut String) {
    // Names have a few words: sort them on the stack.
    let mut words: [&str; 8] = [""; 8];
    let mut n = 0;
    let mut spill: Vec<&str> = Vec::new();
    for w in key.split(' ').filter(|w| !w.is_empty()) {
        let w = if stem { word_set_stem(w) } else { w };
        match words.get_mut(n) {
            Some(slot) => {
                *slot = w;
                n += 1;
            }
            None => spill.push(w),
        }
    }
    let words: &mut [&str] = if spill.is_empty() {
        words.get_mut(..n).unwrap_or_default()
    } else {
        spill.extend(words.iter().take(n));
        &mut spill
    };
    words.sort_unstable();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Diacritics and optional vowel points go; the vowel signs and viramas of the scripts that
    /// write vowels as marks stay (GeoNames' Hindi names of Madurai and Madera, of Gardena and
    /// Hrodna, folded alike when they went).
    #[test]
    fn only_marks_that_are_not_letters_are_dropped() {
        for (a, b) in [
            ("Café", "cafe"),
            ("Łódź", "lodz"),
            ("Ўладзімір", "уладзімір"),
            ("مُحَمَّد", "محمد"),
            ("שָׁלוֹם", "שלום"),
        ] {
            assert_eq!(fold_plain(a), fold_plain(b), "{a} / {b}");
        }
        for (a, b) in [
            ("मदुरै", "माडेरा"),
            ("गार्डना", "ग्रोडनो"),
            ("लोमे", "लिमा"),
            ("কলকাতা", "কলকত"),
            ("กรุงเทพ", "กรงเทพ"),
        ] {
            assert_ne!(fold_plain(a), fold_plain(b), "{a} / {b}");
        }
    }

    /// The light fold as it is defined: token by token (`Tokens`), each character through
    /// the rules (`push_light`), a mixed token through the look-alike table. The one-pass,
    /// table-driven `fold_into` must agree with it.
    fn fold_reference(name: &str, homoglyphs: Homoglyphs<'_>) -> (String, bool) {
        let (mut out, mut homoglyph) = (String::new(), false);
        for token in Tokens::new(name) {
            let swap = token_swap(&token, homoglyphs);
            homoglyph |= swap.is_some();
            append_word(&mut out, 0, |out| {
                for c in token.text.chars() {
                    push_light(swap.and_then(|t| lookup_pair(t, c)).unwrap_or(c), out);
                }
            });
        }
        (out, homoglyph)
    }

    const LOOK_ALIKES: Homoglyphs<'static> = Homoglyphs {
        to_latin: &[('а', 'a'), ('е', 'e'), ('о', 'o'), ('с', 'c')],
        to_cyrillic: &[('a', 'а'), ('c', 'с'), ('e', 'е'), ('o', 'о')],
    };

    proptest::proptest! {
        #[test]
        fn fold_into_is_the_reference_fold(
            name in "[a-zA-Z0-9 '`.,-]{0,6}([\\u{0300}-\\u{0301}\\u{0400}-\\u{04FF}\\u{00C0}-\\u{024F}\\u{200B}\\u{00AD}\\u{2019}\\u{0660}-\\u{0669}\\u{1E00}-\\u{1E10}\\u{4E00}-\\u{4E05}a-zA-Z0-9 '-]{0,12})"
        ) {
            let mut fast = String::new();
            let notes = fold_into(&name, LOOK_ALIKES, &mut fast);
            proptest::prop_assert_eq!((fast, notes.homoglyph), fold_reference(&name, LOOK_ALIKES));
        }
    }

    #[test]
    fn fold_into_examples() {
        for name in [
            "Łukaszenka",
            "Лукашэнка's",
            "Lukаshenka",
            "Мінскъ",
            "e\u{0301}",
            "\u{0301}",
            "A \u{200B} b",
            "ǆ ŉ ß Æ",
            "٣٤ 12ab",
            "",
            "  ",
            "Тихановская-Ціханоўская",
        ] {
            let mut fast = String::new();
            let notes = fold_into(name, LOOK_ALIKES, &mut fast);
            assert_eq!(
                (fast, notes.homoglyph),
                fold_reference(name, LOOK_ALIKES),
                "{name:?}"
            );
        }
    }
}
