//! The compiled scheme tables: types the generated code fills in, and the generated code.
//!
//! `build/translit.rs` turns `tables/translit/*.tsv` into `$OUT_DIR/translit.rs`, included
//! here and nowhere else.

use super::{Lang, Scheme};

/// The slot of the in-word apostrophe (`'`, `’`, `ʼ` between two Cyrillic letters). Slot 0
/// would be the lowercase of U+0400 `Ѐ`, which is U+0450, so no letter uses it.
pub(crate) const APOSTROPHE: u8 = 0;

/// A set of letter slots that may stand next to a match, and whether a word boundary may.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) bits: [u64; 4],
    pub(crate) edge: bool,
}

impl Ctx {
    /// Whether `slot` (`None` = word boundary) is in the set.
    #[inline]
    pub(crate) fn has(&self, slot: Option<u8>) -> bool {
        match slot {
            None => self.edge,
            Some(s) => self
                .bits
                .get(usize::from(s >> 6))
                .is_some_and(|w| w >> (s & 63) & 1 == 1),
        }
    }
}

/// One row of a scheme table: the letters after the first one, both contexts, and the
/// output in lower, title and upper case, then the same three folded to ASCII, each packed
/// as up to 8 UTF-8 bytes in a little-endian `u64` with its length beside it.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) rest: &'static [u8],
    pub(crate) prev: Ctx,
    pub(crate) next: Ctx,
    pub(crate) packed: [u64; 6],
    pub(crate) lens: [u8; 6],
    /// A letter the scheme and its declared fallbacks do not define, romanized by a sister
    /// language's rule of the same system or a general fold: counted, or kept on request.
    pub(crate) approx: bool,
}

/// A compiled scheme: metadata and its rules grouped by first letter slot.
#[derive(Debug)]
pub(crate) struct SchemeData {
    pub(crate) name: &'static str,
    pub(crate) lang: Lang,
    pub(crate) title: &'static str,
    pub(crate) standard: &'static str,
    pub(crate) year: u16,
    pub(crate) scope: &'static str,
    pub(crate) source: &'static str,
    /// Whether the standard can be read back (`@reversible yes`).
    pub(crate) reversible: bool,
    /// `rules[index[s]..index[s + 1]]` are the rules starting with slot `s`.
    pub(crate) index: &'static [u16; 257],
    /// The fast path's tables (see [`Fast`]), indexed by code point − U+0400: `fast[0]`
    /// native, `fast[1]` folded to ASCII.
    pub(crate) fast: [&'static [Fast; 256]; 2],
    /// The fast-path context bits of a word boundary (no letter before the first one).
    pub(crate) edge_bits: u8,
    /// The fast-path context bits of an in-word apostrophe.
    pub(crate) apostrophe_bits: u8,
    pub(crate) rules: &'static [Rule],
}

impl SchemeData {
    /// The fast-path context bits of the unit before a letter: a letter's slot, the
    /// apostrophe, or `None` for a word boundary.
    #[inline]
    pub(crate) fn bits_of(&self, prev: Option<u8>) -> u8 {
        match prev {
            None => self.edge_bits,
            Some(APOSTROPHE) => self.apostrophe_bits,
            // A lowercase letter's slot is its own index in the table.
            Some(s) => self.fast[0].get(usize::from(s)).map_or(0, |f| f.bits),
        }
    }

    /// The rules whose first letter is `slot`, longest sequences first.
    #[inline]
    pub(crate) fn rules(&self, slot: u8) -> &'static [Rule] {
        let s = usize::from(slot);
        let (Some(&a), Some(&b)) = (self.index.get(s), self.index.get(s + 1)) else {
            return &[];
        };
        self.rules
            .get(usize::from(a)..usize::from(b))
            .unwrap_or(&[])
    }
}

/// The fast path's entry for one code point of U+0400..=U+04FF.
///
/// A letter is on the fast path (`fast`) when its rules look at most at the previous letter:
/// an alternative output when the previous unit's context `bits` meet `alt`, else the
/// default; and a next letter whose `bits` meet `unless` (the second letter of a
/// multi-letter rule) sends the engine to the full rule search. Every letter has its `bits`:
/// which of the scheme's fast-path contexts (at most 8, numbered at build time) it belongs
/// to, so that each context test is one AND. The outputs are packed as in [`Rule`]:
/// `[default, default in capitals, alternative, alternative in capitals]`, where for an
/// uppercase letter the first of each pair is title case and for a lowercase letter both are
/// lowercase.
#[derive(Debug)]
pub(crate) struct Fast {
    pub(crate) out: [u64; 4],
    pub(crate) len: [u8; 4],
    pub(crate) bits: u8,
    pub(crate) alt: u8,
    pub(crate) unless: u8,
    /// The lowercase slot.
    pub(crate) slot: u8,
    /// Whether the letter before this one is in capitals, by whether that one is uppercase
    /// (bit 1) or not (bit 0): always for an uppercase letter (`0b11`), never for a lowercase
    /// one (`0b00`), and after an uppercase one when this is no letter at all (`0b10`).
    pub(crate) case: u8,
    pub(crate) upper: bool,
    pub(crate) fast: bool,
}

impl Fast {
    /// Anything that is not a Cyrillic letter.
    pub(crate) const NO: Fast = Fast {
        out: [0; 4],
        len: [0; 4],
        bits: 0,
        alt: 0,
        unless: 0,
        slot: 0,
        case: 0b10,
        upper: false,
        fast: false,
    };
}

include!(concat!(env!("OUT_DIR"), "/translit.rs"));
