//! What a character is to folding: its script, and how it takes part in a token.

use unicode_normalization::char::is_combining_mark;

/// Which script a letter belongs to, as far as look-alikes are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Latin letters, with or without diacritics.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters (they look like Latin ones and are resolved like Cyrillic).
    Greek,
    /// Anything else, digits and marks included.
    Other,
}

/// The script of `c`.
pub fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        '\u{00C0}'..='\u{024F}' if c != '\u{00D7}' && c != '\u{00F7}' => Script::Latin,
        '\u{1E00}'..='\u{1EFF}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            Script::Latin
        }
        '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{A640}'..='\u{A69F}' => {
            Script::Cyrillic
        }
        '\u{0370}'..='\u{03FF}' => Script::Greek,
        _ => Script::Other,
    }
}

/// Characters that are skipped inside a token: they change nothing a reader sees (format
/// characters: zero-width spaces and joiners, soft hyphen, bidi controls, BOM, variation
/// selectors), so `Luka\u{200B}shenka` is read as `Lukashenka`.
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Whether the light fold drops the combining mark `c`: a diacritic (`é` is `e`, `ў` is `у`),
/// or a vowel point that Arabic and Hebrew write only sometimes. The signs of the Brahmic and
/// Southeast Asian scripts are combining marks too, but they write vowels and consonant
/// clusters that are always written (Devanagari मदुरै, Madurai, and माडेरा, Madera, differ only
/// in them), so they are letters of the name and stay.
pub fn is_dropped_mark(c: char) -> bool {
    is_combining_mark(c) && !is_abugida_sign(c)
}

/// A sign of a script whose vowels are written as marks on consonants: Devanagari to Sinhala,
/// Thai, Lao, Tibetan, Myanmar, Khmer, Tai scripts, Balinese to Batak, and their extensions.
fn is_abugida_sign(c: char) -> bool {
    matches!(c,
        '\u{0900}'..='\u{0DFF}' | '\u{0E00}'..='\u{0FFF}' | '\u{1000}'..='\u{109F}'
        | '\u{1700}'..='\u{17FF}' | '\u{1900}'..='\u{1AAF}' | '\u{1B00}'..='\u{1BFF}'
        | '\u{A800}'..='\u{A8FF}' | '\u{A900}'..='\u{A9FF}' | '\u{AA00}'..='\u{AAFF}'
        | '\u{ABC0}'..='\u{ABFF}' | '\u{11000}'..='\u{11FFF}')
}

/// Apostrophes of every kind: Belarusian and Ukrainian write one inside words (Мар'я,
/// Мар’я), romanizations write one for ь/ъ (Il'ya), and none of them separates words.
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '\u{02B9}' | '\u{02BB}' | '\u{2032}' | '`' | '\u{00B4}'
    )
}

/// How a character takes part in a token. The discriminants are the low bits of a class-table
/// entry (see [`char_entry`]).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Part {
    Separator = 0,
    Letter = 1,
    Digit = 2,
    /// Marks, apostrophes and ignorables: part of a token, never its start.
    Joiner = 3,
}

pub(super) fn part(c: char) -> Part {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Part::Letter,
            '0'..='9' => Part::Digit,
            '\'' | '`' => Part::Joiner,
            _ => Part::Separator,
        };
    }
    // Letters of the scripts names are written in are known by range: the general
    // `is_alphabetic` table search is the slowest step of keying Cyrillic text otherwise.
    match c {
        '\u{0483}'..='\u{0489}' => return Part::Joiner,
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => return Part::Letter,
        '\u{00C0}'..='\u{024F}' if c != '\u{00D7}' && c != '\u{00F7}' => return Part::Letter,
        _ => {}
    }
    if c.is_alphabetic() {
        Part::Letter
    } else if c.is_numeric() {
        Part::Digit
    } else if is_combining_mark(c) || is_apostrophe(c) || is_ignorable(c) {
        Part::Joiner
    } else {
        Part::Separator
    }
}
