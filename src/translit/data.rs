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
}

/// A compiled scheme: metadata and its rules grouped by first letter slot.
#[derive(Debug)]
pub(crate) struct SchemeData {
    pub(crate) name: &'static str,
    pub(crate) lang: Lang,
    pub(crate) title: &'static str,
    pub(crate) standard: &'static str,
    pub(crate) source: &'static str,
    /// `rules[index[s]..index[s + 1]]` are the rules starting with slot `s`.
    pub(crate) index: &'static [u16; 257],
    /// By code point − U+0400: how to write a lowercase letter whose rules are simple enough
    /// (see [`Fast`]), native and ASCII-folded.
    /// `fast[0]` native, `fast[1]` folded to ASCII.
    pub(crate) fast: [&'static [Fast; 256]; 2],
    /// The context sets the fast path refers to.
    pub(crate) ctxs: &'static [Ctx],
    pub(crate) rules: &'static [Rule],
}

impl SchemeData {
    /// Whether `slot` is in fast-path context `id` (the empty set for an unknown id).
    #[inline]
    pub(crate) fn in_ctx(&self, id: u8, slot: Option<u8>) -> bool {
        id != 0 && self.ctxs.get(usize::from(id)).is_some_and(|c| c.has(slot))
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

/// The fast path's entry for one code point: see [`SchemeData::fast`]. `kind` is 0 (not on
/// the fast path), 1 (a lowercase letter) or 2 (an uppercase one, whose outputs are `[title,
/// upper]`). The output is `alt` when the previous letter is in context `alt_prev`, else
/// `out`; a next letter in context `unless` (the second letter of a multi-letter rule) sends
/// the engine to the full rule search. Contexts are indices into [`SchemeData::ctxs`], 0
/// being the empty set; `slot` is the lowercase slot.
#[derive(Debug)]
pub(crate) struct Fast {
    pub(crate) out: [u64; 2],
    pub(crate) alt: [u64; 2],
    pub(crate) len: [u8; 2],
    pub(crate) alt_len: [u8; 2],
    pub(crate) alt_prev: u8,
    pub(crate) unless: u8,
    pub(crate) slot: u8,
    pub(crate) kind: u8,
}

impl Fast {
    pub(crate) const NO: Fast = Fast {
        out: [0; 2],
        alt: [0; 2],
        len: [0; 2],
        alt_len: [0; 2],
        alt_prev: 0,
        unless: 0,
        slot: 0,
        kind: 0,
    };
}

include!(concat!(env!("OUT_DIR"), "/translit.rs"));
