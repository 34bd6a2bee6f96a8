//! What a document has said so far: the state that carries from one mention to the next, so
//! that a bare surname can stand for the person named in full before it (coreference) and an
//! ambiguous name for the entity already spoken of.

use crate::index::store::Store;
use crate::str_map::Map;

/// How far back (in bytes) a person's full name lets a bare surname stand for them, and a
/// mention of an entity settles a name it shares with namesakes. A stream or a file may hold
/// many documents (a corpus, a log): a surname far from the full name is read in another
/// document, where `Walker` is anybody, and an `Иван Петров` far from `Иван Иванович Петров`
/// may be the other Ivan Petrov. An article names its people and places again well within
/// this.
pub(super) const COREFERENCE_WINDOW: usize = 16 * 1024;

/// A stream or a long text is read as documents of at least this many bytes: a document ends
/// at the first blank line (a line end right after another, or after `\r` after another) that
/// ends this far from its start, and the next one starts with nothing said. The rule reads
/// bytes only, never the mentions, so that a stream cut at these places and its pieces
/// searched apart (on several threads) gives the same mentions as the whole searched at once.
/// A bare surname already reads back no further than 16 KiB: over a megabyte,
/// a reset at a paragraph break is a reset between articles, or one no surname notices.
pub const DOCUMENT_MIN: usize = 1 << 20;

/// Whether `x` may lead a marked Latin letter in UTF-8: U+00C0–U+027F (0xC3–0xC9) or
/// U+1000–U+1FFF (0xE1, Latin Extended Additional among them). No Cyrillic letter and no
/// continuation byte is one.
fn marked_lead(x: u8) -> bool {
    x.wrapping_sub(0xC3) < 7 || x == 0xE1
}

/// Where the document that starts `bytes` ends (see [`DOCUMENT_MIN`]), if it ends inside them.
/// `from` is where to start looking (a caller that looked at a shorter prefix of `bytes`
/// before passes its length); `before` are the two bytes before `bytes` (for a stream read in
/// pieces), and `min` the offset in `bytes` the document may end at first.
pub(crate) fn blank_line_end(
    bytes: &[u8],
    from: usize,
    min: usize,
    before: [u8; 2],
) -> Option<usize> {
    let at = |i: usize, back: usize| -> u8 {
        match i.checked_sub(back) {
            Some(k) => bytes.get(k).copied().unwrap_or(0),
            None => before.get((2 + i).wrapping_sub(back)).copied().unwrap_or(0),
        }
    };
    let start = from.max(min.saturating_sub(1));
    let mut i = start;
    while let Some(rel) = bytes.get(i..)?.iter().position(|&b| b == b'\n') {
        let j = i + rel;
        if at(j, 1) == b'\n' || (at(j, 1) == b'\r' && at(j, 2) == b'\n') {
            return Some(j + 1);
        }
        i = j + 1;
    }
    None
}

/// What a document has said so far, for bare surnames and ambiguous names.
#[derive(Default)]
pub(super) struct Document {
    /// Persons named in full, each with the number of full names before its latest one (a
    /// larger number is more recent) and the byte offset where it was named.
    full: Map<usize, (usize, usize)>,
    /// The byte offset of the word being read.
    pub(super) at: usize,
    /// Full names so far.
    clock: usize,
    /// Every entity mentioned, with the byte offset of its latest mention.
    seen: Map<usize, usize>,
    /// The marked Latin letters the document wrote (lowercase: `ł`, `š`), each with the byte
    /// offset of its latest word: a writer who writes a mark writes it in names too (see
    /// `marks::contradicts_bare`).
    marks: Map<char, usize>,
    /// The marked letters of the window being searched, with their byte offsets, in order.
    window_marks: Vec<(usize, char)>,
    /// How many of `window_marks` are in `marks` already.
    marks_taken: usize,
    /// The last word before the window being searched and the text between it and the
    /// window, kept when the previous window ended (see `search::find_in`): a rule that reads
    /// the word before a name (a toponymic modifier, a given name) reads it at a window's first
    /// word too, so that a stream reads the same however it is cut. `before_next` is where the
    /// next window was to start; a window that starts elsewhere has no word before it here.
    pub(super) before: String,
    pub(super) before_gap: String,
    pub(super) before_next: Option<usize>,
    /// The last [`TAIL`] bytes (or fewer, to a character boundary) of the document before
    /// `before_next`: what a rule that reads the text before a mention (its language, see
    /// `language`) reads at a window's start too.
    pub(super) tail: String,
}

/// How many bytes of the text before a window [`Document::tail`] keeps.
pub(super) const TAIL: usize = 160;

/// `s` without its first bytes, so that at most `n` are left, cut at a character boundary.
pub(super) fn last_bytes(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    s.get(from..).unwrap_or_default()
}

impl Document {
    pub(super) fn note(&mut self, entity: usize, full: bool) {
        if full {
            self.full.insert(entity, (self.clock, self.at));
            self.clock += 1;
        }
        self.seen.insert(entity, self.at);
    }

    /// Reads the marked letters of `text[..stop]` (a window at byte offset `base`) into
    /// `window_marks`: a search in the window sees those before the word it is at.
    /// One pass over the bytes, most of them only tested in blocks: a block without a lead
    /// byte of a marked letter (English, Cyrillic) is skipped.
    pub(super) fn read_marks(&mut self, text: &str, base: usize, stop: usize) {
        self.window_marks.clear();
        self.marks_taken = 0;
        let bytes = text.as_bytes().get(..stop).unwrap_or(text.as_bytes());
        const BLOCK: usize = 64;
        for (b, block) in bytes.chunks(BLOCK).enumerate() {
            // Written as a branch-free reduction over bytes, which compiles to vector code.
            let mut hit = 0u8;
            for &x in block {
                hit |= u8::from(marked_lead(x));
            }
            if hit == 0 {
                continue;
            }
            for (k, &x) in block.iter().enumerate() {
                if !marked_lead(x) {
                    continue;
                }
                let at = b * BLOCK + k;
                let Some(c) = text.get(at..).and_then(|t| t.chars().next()) else {
                    continue;
                };
                for c in c.to_lowercase().filter(|&c| super::marks::is_marked(c)) {
                    self.window_marks.push((base + at, c));
                }
            }
        }
    }

    /// Takes the marks of the window (see [`Document::read_marks`]) written before the word
    /// the document is at, or all of them (`all`, when the window is done).
    pub(super) fn catch_up_marks(&mut self, all: bool) {
        while let Some(&(at, c)) = self.window_marks.get(self.marks_taken) {
            if !all && at >= self.at {
                break;
            }
            self.marks.insert(c, at);
            self.marks_taken += 1;
        }
        if all {
            self.window_marks.clear();
            self.marks_taken = 0;
        }
    }

    /// Whether the document wrote the marked letter `c` before the word it is at, within the
    /// last [`COREFERENCE_WINDOW`] bytes (a file of many documents mixes languages).
    pub(super) fn wrote_mark(&self, c: char) -> bool {
        let recent = |at: usize| at < self.at && self.at - at <= COREFERENCE_WINDOW;
        self.marks.get(&c).is_some_and(|&at| recent(at))
    }

    /// Whether the document wrote any marked letter within the last [`COREFERENCE_WINDOW`]
    /// bytes.
    pub(super) fn wrote_marks(&self) -> bool {
        let recent = |at: usize| at < self.at && self.at - at <= COREFERENCE_WINDOW;
        self.marks.values().any(|&at| recent(at))
    }

    /// Whether `entity` was mentioned within the last [`COREFERENCE_WINDOW`] bytes: a name it
    /// shares with namesakes is then taken for it.
    pub(super) fn mentioned(&self, entity: usize) -> bool {
        self.seen
            .get(&entity)
            .is_some_and(|&at| self.at.saturating_sub(at) <= COREFERENCE_WINDOW)
    }

    /// Whether the document so far is about the scope of `entity` (entity index), so that a
    /// description of it (`Interior Ministry`, `state television`: a `ctx` name) names it: the
    /// entity itself was mentioned, or its scope, or an entity within that scope (Minsk or
    /// Lukashenka for the scope Belarus; scopes chain: Victory Park is within Minsk), within
    /// the last [`COREFERENCE_WINDOW`] bytes — a corpus in one file is many documents.
    pub(super) fn is_about(&self, store: Store<'_>, entity: usize) -> bool {
        let recent = |at: usize| self.at.saturating_sub(at) <= COREFERENCE_WINDOW;
        if self.seen.get(&entity).is_some_and(|&at| recent(at)) {
            return true;
        }
        let Some(scope) = store.entity(entity as u32).and_then(|e| e.scope()) else {
            return false;
        };
        // Scopes are a handful of levels deep (a park, its city, its country); the bound keeps
        // a table whose scopes form a cycle from looping.
        const DEPTH: usize = 4;
        self.seen
            .iter()
            .filter(|&(_, &at)| recent(at))
            .any(|(&seen, _)| {
                let mut at = store.entity(seen as u32);
                for _ in 0..DEPTH {
                    let Some(e) = at else { return false };
                    if e.id() == scope {
                        return true;
                    }
                    at = e.scope().and_then(|s| store.entity_by_id(&s));
                }
                false
            })
    }

    /// How recently `entity` was named in full, if it was, within the last
    /// [`COREFERENCE_WINDOW`] bytes: larger is more recent.
    pub(super) fn recency(&self, entity: usize) -> Option<usize> {
        let &(clock, at) = self.full.get(&entity)?;
        (self.at.saturating_sub(at) <= COREFERENCE_WINDOW).then_some(clock)
    }
}
