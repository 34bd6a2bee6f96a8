//! The Bloom filters of the word indexes: the matcher tells that a word of running text is in
//! no name without hashing it into the index.
//!
//! This module is compiled into `build.rs` too (through `#[path]`), which writes the built-in
//! tables' filters with it, so that the crate tests words with the very same hash.

use crate::fold;

/// A Bloom filter over the strings of an index (the light folds, or the keys, of every word
/// form the patterns can match), so that the matcher can tell that a word of running text is
/// in no name without hashing it into the index: most words are in none. Blocked: both bits of
/// a string are in one `u64`, so a test is one memory access. It has 16 to 32 bits per string,
/// so that about one absent string in a hundred passes and is then looked up for nothing.
/// The hash is this module's own, so `build.rs` (which writes the built-in tables' filters)
/// and the crate agree on it.
pub fn filter_of<'a>(strings: impl ExactSizeIterator<Item = &'a str>) -> Vec<u64> {
    let words = filter_words(strings.len());
    let mut filter = vec![0u64; words];
    for s in strings {
        let mut h = FilterHash::default();
        h.write(s.as_bytes(), 0);
        filter_insert(&mut filter, h.place(words));
    }
    filter
}

/// The size in words of a filter of `n` strings (16 to 32 bits per string).
pub fn filter_words(n: usize) -> usize {
    (n / 4).max(1).next_power_of_two()
}

/// Where the start of a pattern of several words goes in a filter of `words` words (see
/// `Compiled::start_filter`): the lexemes of its first words, how many words the pattern
/// has beyond them (`longer`), and the non-space text of its first gap.
#[inline]
pub fn start_place(words: usize, lexemes: &[u32], longer: bool, gap: &str) -> (usize, u64) {
    let mut h = FilterHash::default();
    // The count and the flag first, so that no two starts of different shapes hash alike.
    h.write(&[lexemes.len() as u8, u8::from(longer)], 0);
    for l in lexemes {
        h.write(&l.to_le_bytes(), 0);
    }
    h.write(gap.as_bytes(), 0);
    h.place(words)
}

/// Sets the bits of a place (found by [`start_place`], or for a string by `filter_of`) in
/// `filter`.
#[inline]
pub fn filter_insert(filter: &mut [u64], (word, bits): (usize, u64)) {
    if let Some(w) = filter.get_mut(word) {
        *w |= bits;
    }
}

/// Whether `s` may be one of the strings `filter` was made of (never false when it is).
#[inline]
pub fn filter_has(filter: &[u64], s: &str) -> bool {
    let mut h = FilterHash::default();
    h.write(s.as_bytes(), 0);
    h.test(filter)
}

/// Where [`filter_has`] would look for `word` lowercased, in a filter of `words` words: the
/// filter word and its bits, for a word of ASCII letters only (the caller checks). Each byte
/// is lowercased as it is hashed (`| 0x20`), so the lowercased word is never written out. A
/// caller with many strings to test finds all their places first and then tests them in one
/// tight loop, whose memory reads overlap (a large table's filter is out of cache).
#[inline]
pub fn filter_place_lowercased(words: usize, word: &str) -> (usize, u64) {
    let mut h = FilterHash::default();
    h.write(word.as_bytes(), 0x20);
    h.place(words)
}

/// Where [`filter_has`] would look for the light fold of `token`, one token that does not mix
/// scripts, hashed as it is folded (see [`fold::light_pieces`]); `None` when the token needs
/// the general fold.
#[inline]
pub fn filter_place_light(words: usize, token: &str) -> Option<(usize, u64)> {
    let mut h = FilterHash::default();
    fold::light_pieces(token, |piece| h.write(piece, 0)).then(|| h.place(words))
}

/// Whether a place found by [`filter_place_lowercased`] or [`filter_place_light`] has all its
/// bits in `filter`.
#[inline]
pub fn filter_test(filter: &[u64], (word, bits): (usize, u64)) -> bool {
    filter.get(word).is_some_and(|&w| w & bits == bits)
}

/// The hash of the filters, fed a piece at a time: FxHash over eight-byte chunks, then the
/// length and MurmurHash3's finalizer, so that every bit depends on every byte. The bits are
/// taken from its low twelve bits and the filter word from the high ones.
#[derive(Default)]
struct FilterHash {
    h: u64,
    /// Bytes of the chunk being filled, and how many.
    pending: u64,
    filled: u32,
    len: u64,
}

impl FilterHash {
    #[inline]
    fn mix(&mut self, chunk: u64) {
        self.h = (self.h.rotate_left(5) ^ chunk).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    /// Appends `bytes`, each ORed with `or`. Whole chunks are read at once when the hash is
    /// at a chunk boundary; the rest a byte at a time (a copy into a buffer read back as a
    /// `u64` stalls on store forwarding: the profile showed it).
    #[inline]
    fn write(&mut self, bytes: &[u8], or: u8) {
        if self.filled == 0 {
            let or8 = u64::from_le_bytes([or; 8]);
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                self.mix(u64::from_le_bytes(w) | or8);
            }
            // Fewer than eight bytes are left: they start the next chunk.
            let rest = chunks.remainder();
            for (i, &b) in rest.iter().enumerate() {
                self.pending |= u64::from(b | or) << (8 * i);
            }
            self.filled = rest.len() as u32;
            self.len += bytes.len() as u64;
            return;
        }
        for &b in bytes {
            self.pending |= u64::from(b | or) << (8 * self.filled);
            self.filled += 1;
            self.len += 1;
            if self.filled == 8 {
                let chunk = self.pending;
                self.mix(chunk);
                self.pending = 0;
                self.filled = 0;
            }
        }
    }

    /// The filter word (of `words`, a power of two) and its two bits.
    #[inline]
    fn place(mut self, words: usize) -> (usize, u64) {
        if self.filled > 0 {
            let chunk = self.pending;
            self.mix(chunk);
        }
        let mut h = self.h ^ self.len;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        // An empty filter (a damaged section reads as one) has no word: `filter_test` says no.
        let word = (h >> 32) as usize & words.saturating_sub(1);
        (word, 1 << (h & 63) | 1 << (h >> 6 & 63))
    }

    #[inline]
    fn test(self, filter: &[u64]) -> bool {
        filter_test(filter, self.place(filter.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A filter never turns away a string it was made of, and lets few others through.
    #[test]
    fn filter_has_every_string_and_few_others() {
        let strings: Vec<String> = (0..5000).map(|i| format!("лукашэнка{i}")).collect();
        let filter = filter_of(strings.iter().map(String::as_str));
        assert!(strings.iter().all(|s| filter_has(&filter, s)));
        let passed = (0..10_000)
            .filter(|i| filter_has(&filter, &format!("lukashenka{i}")))
            .count();
        assert!(passed < 300, "{passed} of 10,000 absent strings passed");
        let place = |pieces: &[&str], or: u8| {
            let mut h = FilterHash::default();
            for piece in pieces {
                h.write(piece.as_bytes(), or);
            }
            h.place(64)
        };
        for word in ["Lukashenka", "MINSK", "minsk", "aBcDeFgHiJkLmNoPqR", ""] {
            let lower = word.to_ascii_lowercase();
            let filter = filter_of([lower.as_str()].into_iter());
            let at = filter_place_lowercased(filter.len(), word);
            assert!(filter_test(&filter, at), "{word}");
            assert_eq!(place(&[word], 0x20), place(&[&lower], 0), "{word}");
        }
        // Fed in pieces or whole, a string hashes the same.
        for (pieces, whole) in [
            (&["лука", "шэнка"][..], "лукашэнка"),
            (&["a", "bcdefgh", "ijklmnopq", "r"], "abcdefghijklmnopqr"),
            (&["", "x", ""], "x"),
        ] {
            assert_eq!(place(pieces, 0), place(&[whole], 0), "{whole}");
        }
        assert_ne!(place(&["a"], 0), place(&["a\0"], 0));
        for word in [
            "Лукашэнкі",
            "Мінску",
            "Жодзіна",
            "ёлка",
            "Łukaszenki",
            "Грыгор'евіч",
        ] {
            let mut fold = String::new();
            fold::fold_into(word, fold::Homoglyphs::NONE, &mut fold);
            let filter = filter_of([fold.as_str()].into_iter());
            let at = filter_place_light(filter.len(), word);
            assert_eq!(at.map(|p| filter_test(&filter, p)), Some(true), "{word}");
        }
        assert_eq!(filter_place_light(1, "Lukаshenka"), None, "mixes scripts");
        assert_eq!(filter_place_light(1, "東京"), None, "not in the table");
        let empty = filter_of(std::iter::empty());
        assert!(!filter_has(&empty, "minsk") && !filter_has(&empty, ""));
    }
}
