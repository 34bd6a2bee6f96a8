//! The class table: what keying and light folding need to know of each one- and two-byte
//! character, computed by the rules at build time and read at run time.
//!
//! Keying reads names a character at a time; the characters names are written in (ASCII,
//! Latin-1 and Latin Extended, combining marks, Greek, Cyrillic) are all one or two bytes of
//! UTF-8, and for each of them everything keying needs to know — how it takes part in a token,
//! its script, and the raw symbols `push_raw` appends for it — is computed once, at build time,
//! by running the rules on it (`build/fold_tables.rs` calls [`char_entry`]). Keying then decodes
//! those characters straight from their bytes and reads one table entry, with no decomposition
//! or range tests on the way; longer characters take the rules directly.

use unicode_normalization::char::decompose_compatible;

use super::chars::{Part, Script, is_apostrophe, is_dropped_mark, is_ignorable, part, script};
use super::sounds::{latin_special, push_raw};

/// Code points below this have a class-table entry: every one- and two-byte UTF-8 sequence.
pub const TABLE_CHARS: u32 = 0x800;

/// A class-table entry: flags (see below), then up to three raw symbols.
pub type Entry = [u8; 4];

/// The entry's [`Part`], in its low bits.
pub(super) const PART_MASK: u8 = 0b11;
/// A Latin letter ([`script`]).
pub(super) const LATIN: u8 = 1 << 2;
/// A Cyrillic or Greek letter ([`script`]).
pub(super) const NON_LATIN: u8 = 1 << 3;
/// The number of raw symbols in the entry, 0 to 3.
pub(super) const LEN_SHIFT: u8 = 4;
/// The raw symbols include a lowercase (unresolved Latin) letter.
pub(super) const LOWER: u8 = 1 << 6;
/// The raw symbols depend on the symbol before (a combining mark), or there are more than
/// three: `push_raw` itself is called.
pub(super) const SLOW: u8 = 1 << 7;

pub(super) fn script_flags(c: char) -> u8 {
    match script(c) {
        Script::Latin => LATIN,
        Script::Cyrillic | Script::Greek => NON_LATIN,
        Script::Other => 0,
    }
}

/// The class-table entry of `c`, from the rules themselves: its part in a token, its script,
/// and what [`push_raw`] appends for it, when that is at most three symbols and the same
/// whatever comes before (checked against every ASCII symbol before it); otherwise the entry
/// says [`SLOW`].
// The crate reads the generated table instead; `build.rs` and the tests call this.
#[allow(dead_code)]
pub fn char_entry(c: char) -> Entry {
    let mut alone = Vec::new();
    push_raw(c, &mut alone);
    let lower = if alone.iter().any(u8::is_ascii_lowercase) {
        LOWER
    } else {
        0
    };
    let flags = part(c) as u8 | script_flags(c) | lower;
    let context_free = (0..=0x7Fu8).all(|before| {
        let mut raw = vec![b'a', before];
        push_raw(c, &mut raw);
        raw.get(..2) == Some(&[b'a', before]) && raw.get(2..) == Some(alone.as_slice())
    });
    match (context_free, alone.as_slice()) {
        (true, []) => [flags, 0, 0, 0],
        (true, [a]) => [flags | 1 << LEN_SHIFT, *a, 0, 0],
        (true, [a, b]) => [flags | 2 << LEN_SHIFT, *a, *b, 0],
        (true, [a, b, c]) => [flags | 3 << LEN_SHIFT, *a, *b, *c],
        _ => [flags | SLOW, 0, 0, 0],
    }
}

#[cfg(canonym_fold_tables)]
mod tables {
    include!(concat!(env!("OUT_DIR"), "/fold_tables.rs"));
    const _: () = assert!(CHARS.len() == super::TABLE_CHARS as usize);
    const _: () = assert!(LIGHT.len() == super::TABLE_CHARS as usize);
}

/// The class-table entry of a code point below [`TABLE_CHARS`].
#[cfg(canonym_fold_tables)]
#[inline(always)]
pub(super) fn table_entry(cp: u32) -> Entry {
    tables::CHARS
        .get(cp as usize)
        .copied()
        .unwrap_or([SLOW, 0, 0, 0])
}

/// Without the generated table (in `build.rs`, which generates it), the entry is computed.
#[cfg(not(canonym_fold_tables))]
pub(super) fn table_entry(cp: u32) -> Entry {
    char::from_u32(cp).map_or([SLOW, 0, 0, 0], char_entry)
}

#[inline(always)]
pub(super) fn entry_flags(entry: Entry) -> u8 {
    entry[0]
}

/// The character at byte `i` of `text` (a character boundary): its code point, its length in
/// bytes, and its class-table entry. One- and two-byte characters are decoded from their bytes
/// and read from the table; longer ones get their part and script from the rules and are
/// marked [`SLOW`].
#[inline(always)]
pub(super) fn char_at(text: &str, i: usize) -> Option<(u32, usize, Entry)> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(i)?;
    if b0 < 0x80 {
        return Some((u32::from(b0), 1, table_entry(u32::from(b0))));
    }
    if b0 < 0xE0 {
        let b1 = bytes.get(i + 1).copied().unwrap_or(0);
        let cp = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
        return Some((cp, 2, table_entry(cp)));
    }
    // General Punctuation, U+2000–U+206F (lead bytes E2 80 and E2 81 up to AF): the dashes,
    // curly quotes and ellipses of running text, between most words of English news. None is
    // a letter, a digit or a mark, or of a script; the apostrophes and format characters
    // among them join tokens, the rest separate. Decoded here without the general rules,
    // whose Unicode table searches were a tenth of annotating English
    // (`general_punctuation_is_read_by_the_rules` checks every one).
    if b0 == 0xE2
        && let Some(&[b1, b2]) = bytes.get(i + 1..i + 3)
        && (b1 == 0x80 || (b1 == 0x81 && b2 < 0xB0))
    {
        let cp = 0x2000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        let joiner = char::from_u32(cp).is_some_and(|c| is_apostrophe(c) || is_ignorable(c));
        let p = if joiner {
            Part::Joiner
        } else {
            Part::Separator
        };
        return Some((cp, 3, [p as u8 | SLOW, 0, 0, 0]));
    }
    let c = text.get(i..)?.chars().next()?;
    let flags = part(c) as u8 | script_flags(c) | SLOW;
    Some((u32::from(c), c.len_utf8(), [flags, 0, 0, 0]))
}

/// `char::is_alphanumeric`, without its Unicode table search for one- and two-byte characters
/// (read from the class table, whose letters and digits are exactly those) and General
/// Punctuation (none is): the characters around the words of running text.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    let cp = u32::from(c);
    if cp < TABLE_CHARS {
        let p = entry_flags(table_entry(cp)) & PART_MASK;
        return p == Part::Letter as u8 || p == Part::Digit as u8;
    }
    if (0x2000..0x2070).contains(&cp) {
        return false;
    }
    c.is_alphanumeric()
}

/// `char::is_alphabetic`, read from the class table for one- and two-byte characters (its
/// letters are exactly those): names' letters without the Unicode table search.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    let cp = u32::from(c);
    if cp < TABLE_CHARS {
        return entry_flags(table_entry(cp)) & PART_MASK == Part::Letter as u8;
    }
    c.is_alphabetic()
}

/// Appends the raw symbols of the character `cp` with class-table entry `entry`: the same as
/// `push_raw`, read from the table.
#[inline(always)]
pub(super) fn push_entry(cp: u32, entry: Entry, raw: &mut Vec<u8>) {
    let [flags, a, b, c] = entry;
    if flags & SLOW != 0 {
        if let Some(ch) = char::from_u32(cp) {
            push_raw(ch, raw);
        }
        return;
    }
    let len = flags >> LEN_SHIFT & 0b11;
    if len >= 1 {
        raw.push(a);
    }
    if len >= 2 {
        raw.push(b);
    }
    if len >= 3 {
        raw.push(c);
    }
}

/// The light fold of a character (what [`push_light`] appends for it): an entry of the
/// generated light-fold table, which caches it for every code point below [`TABLE_CHARS`].
// The crate reads the generated table instead; `build.rs` and the tests call this.
#[allow(dead_code)]
pub fn light_entry(c: char) -> String {
    let mut s = String::new();
    push_light(c, &mut s);
    s
}

/// Hands the light fold of each character of `token` to `f`, in order, and says whether it
/// could: for a token of one- and two-byte characters that does not mix scripts, the light
/// fold (see [`fold_into`]) is those pieces end to end. Otherwise (or without the generated
/// table) it stops, having handed over part of the token at most, and says so; the caller then
/// folds the token with [`fold_into`].
pub fn light_pieces(token: &str, mut f: impl FnMut(&[u8])) -> bool {
    let mut scripts = 0u8;
    let mut i = 0;
    while let Some((cp, width, entry)) = char_at(token, i) {
        if entry_flags(entry) & PART_MASK == Part::Letter as u8 {
            scripts |= entry_flags(entry);
        }
        if let Ok(b) = u8::try_from(cp)
            && b.is_ascii()
        {
            if b.is_ascii_alphanumeric() {
                f(&[b.to_ascii_lowercase()]);
            }
        } else {
            match light_of(cp) {
                Some(s) => f(s.as_bytes()),
                None => return false,
            }
        }
        i += width;
    }
    scripts & (LATIN | NON_LATIN) != LATIN | NON_LATIN
}

/// The light fold of a code point below [`TABLE_CHARS`], from the generated table.
#[cfg(canonym_fold_tables)]
#[inline(always)]
pub(super) fn light_of(cp: u32) -> Option<&'static str> {
    tables::LIGHT.get(cp as usize).copied()
}

/// Without the generated table (in `build.rs`), the slow path folds every character.
#[cfg(not(canonym_fold_tables))]
#[inline(always)]
pub(super) fn light_of(_cp: u32) -> Option<&'static str> {
    None
}

/// Appends the light fold of the code point `cp`: ASCII inline, other one- and two-byte
/// characters from the table, the rest through the rules ([`push_light`]).
#[inline(always)]
pub(super) fn push_light_cp(cp: u32, out: &mut String) {
    if let Ok(b) = u8::try_from(cp)
        && b.is_ascii()
    {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        }
        return;
    }
    match light_of(cp) {
        Some(s) => out.push_str(s),
        None => {
            if let Some(c) = char::from_u32(cp) {
                push_light(c, out);
            }
        }
    }
}

/// Appends the light fold of one character (see [`fold_into`]).
pub(super) fn push_light(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if is_ignorable(c) || is_apostrophe(c) || is_dropped_mark(c) {
        return;
    }
    if let Some(s) = latin_special(c) {
        out.push_str(if s == "V" { "u" } else { s });
        return;
    }
    decompose_compatible(c, |d| {
        if !is_dropped_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated class table is the rules' own result for every code point it covers, and
    /// reading a name through it gives what the rules give character by character.
    #[test]
    fn class_table_is_the_rules() {
        for cp in 0..TABLE_CHARS {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            assert_eq!(table_entry(cp), char_entry(c), "U+{cp:04X}");
            let mut s = String::new();
            s.push(c);
            let (decoded, width, _) = char_at(&s, 0).unwrap_or_default();
            assert_eq!((decoded, width), (cp, c.len_utf8()), "U+{cp:04X}");
            let (mut light, mut rules) = (String::new(), String::new());
            push_light_cp(cp, &mut light);
            push_light(c, &mut rules);
            assert_eq!(light, rules, "light fold of U+{cp:04X}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{cp:04X}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{cp:04X}");
        }
    }

    /// `char_at` reads General Punctuation as the rules do, and `is_alphanumeric` knows none
    /// of it is.
    #[test]
    fn general_punctuation_is_read_by_the_rules() {
        for cp in 0x1FF0..0x2090 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = format!("{c}x");
            let flags = part(c) as u8 | script_flags(c) | SLOW;
            assert_eq!(
                char_at(&s, 0),
                Some((cp, c.len_utf8(), [flags, 0, 0, 0])),
                "U+{cp:04X}"
            );
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{cp:04X}");
        }
        // At the end of the text.
        assert_eq!(
            char_at("\u{2019}", 0).map(|(cp, w, _)| (cp, w)),
            Some((0x2019, 3))
        );
    }
}
