//! Cutting names and texts into tokens: the one place the rules of tokens are written, used by
//! [`Tokens`] and, reading the characters as they cut, by keys and light folds.

use super::chars::Part;
use super::class_table::{Entry, LATIN, NON_LATIN, PART_MASK, char_at, entry_flags};

/// A token of a name: a run of letters (with their marks and apostrophes), or of digits.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    /// The token's text, exactly as in the input (ignorable characters included).
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub start: usize,
    /// Whether this is a run of digits rather than letters.
    // Keying cuts its own tokens in the same pass that reads them (`key_with`).
    #[allow(dead_code)]
    pub digits: bool,
    /// Whether the token mixes Latin letters with Cyrillic or Greek ones.
    pub mixed: bool,
    /// Whether the token has marks, apostrophes or invisible characters in it, not only
    /// letters (or digits): without them, `inflect::name_part` is the whole token.
    pub joined: bool,
    /// Whether the token is ASCII letters only.
    pub ascii: bool,
}

/// The tokens of a name or text, in order.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Tokens of `text`.
    pub fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    // Inlined into its callers: the matcher calls it once per word of running text, and
    // out of line the call and the `Token` it returns through memory cost a tenth of the cut.
    #[inline(always)]
    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let Some((start, kind)) = token_start(text, self.pos) else {
            self.pos = text.len();
            return None;
        };
        let cut = take_token::<false>(text, start, kind, |_, _| {});
        self.pos = cut.end;
        Some(Token {
            text: text.get(start..cut.end)?,
            start,
            digits: kind == Part::Digit as u8,
            mixed: cut.mixed(),
            joined: cut.joined,
            ascii: cut.ascii,
        })
    }
}

/// Where the next token of `text` starts at or after byte `from` (the first letter or digit),
/// and its kind (`Part::Letter` or `Part::Digit`). This and [`take_token`] are the one place
/// the rules of tokens are written: [`Tokens`], keys and light folds all cut with them.
#[inline(always)]
pub(super) fn token_start(text: &str, from: usize) -> Option<(usize, u8)> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        // ASCII punctuation and spaces are skipped a byte at a time; other characters are
        // read through the class table.
        if let Some(&b) = bytes.get(i)
            && b.is_ascii()
            && !b.is_ascii_alphanumeric()
        {
            i += 1;
            continue;
        }
        let (_, width, entry) = char_at(text, i)?;
        let p = entry_flags(entry) & PART_MASK;
        if p == Part::Letter as u8 || p == Part::Digit as u8 {
            return Some((i, p));
        }
        i += width;
    }
}

/// A token as [`take_token`] took it.
pub(super) struct Cut {
    /// Byte offset just past the token.
    pub(super) end: usize,
    /// The script flags of its letters.
    scripts: u8,
    /// Whether it has marks, apostrophes or invisible characters in it.
    joined: bool,
    /// Whether it is ASCII letters only.
    ascii: bool,
}

impl Cut {
    /// Whether the token mixes Latin letters with Cyrillic or Greek ones.
    #[inline(always)]
    pub(super) fn mixed(&self) -> bool {
        self.scripts & (LATIN | NON_LATIN) == LATIN | NON_LATIN
    }
}

/// Takes the characters of the token of `kind` that starts at byte `start` of `text`, while
/// they continue it. With `DECODE`, every character is decoded and handed to `each` with its
/// class-table entry, for callers that read the characters as they cut (keys, light folds).
/// Without it (cutting only), the letters of running text — ASCII ones, and Cyrillic
/// U+0400–U+047F, whose lead byte is 0xD0 or 0xD1 — are taken without decoding (their
/// class-table entries are all Letter, with one script).
#[inline(always)]
pub(super) fn take_token<const DECODE: bool>(
    text: &str,
    start: usize,
    kind: u8,
    mut each: impl FnMut(u32, Entry),
) -> Cut {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut scripts = 0u8;
    let mut joined = false;
    // Whether anything but an ASCII letter has been taken.
    let mut other = kind != Part::Letter as u8;
    loop {
        if !DECODE && kind == Part::Letter as u8 {
            match bytes.get(end) {
                Some(b) if b.is_ascii_alphabetic() => {
                    scripts |= LATIN;
                    // The letters from here, eight bytes at a time: most of an English word.
                    end += bytes
                        .get(end..)
                        .and_then(|rest| rest.first_chunk::<8>())
                        .map_or(1, |&chunk| ascii_letters(chunk));
                    continue;
                }
                Some(0xD0 | 0xD1) => {
                    scripts |= NON_LATIN;
                    other = true;
                    end += 2;
                    continue;
                }
                // The other ASCII characters that continue a letter token are the two
                // apostrophes (joiners); anything else ends it, with no table lookup.
                Some(&b) if b.is_ascii() && b != b'\'' && b != b'`' => break,
                None => break,
                _ => {}
            }
        }
        let Some((cp, width, entry)) = char_at(text, end) else {
            break;
        };
        let flags = entry_flags(entry);
        let p = flags & PART_MASK;
        if end > start && !continues(p, kind) {
            break;
        }
        if p == Part::Letter as u8 {
            scripts |= flags;
        }
        joined |= p == Part::Joiner as u8;
        other |= !(p == Part::Letter as u8 && cp < 0x80);
        each(cp, entry);
        end += width;
    }
    Cut {
        end,
        scripts,
        joined,
        ascii: !other,
    }
}

/// How many of the eight bytes `chunk` starts with are ASCII letters, tested all at once
/// (SWAR): each byte is lowercased with its high bit cleared, then compared with `a` and `z`
/// by adding what carries it past 0x80, so no byte carries into the next.
#[inline(always)]
fn ascii_letters(chunk: [u8; 8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    let w = u64::from_le_bytes(chunk);
    let x = (w | (0x20 * ONES)) & (0x7F * ONES);
    let at_least_a = x + (0x80 - u64::from(b'a')) * ONES;
    let past_z = x + (0x80 - u64::from(b'z') - 1) * ONES;
    let letters = at_least_a & !past_z & !w & HIGH;
    (!letters & HIGH).trailing_zeros() as usize / 8
}

/// Whether a character of part `p` continues a token of `kind` (letters or digits): marks,
/// apostrophes and ignorables join any token, and a letter after digits (or a digit after
/// letters) starts a new one.
#[inline(always)]
pub(super) fn continues(p: u8, kind: u8) -> bool {
    p == kind || p == Part::Joiner as u8
}

#[cfg(test)]
mod tests {
    use super::super::chars::part;
    use super::super::class_table::script_flags;
    use super::*;

    /// Tokens as they are defined, a character at a time by [`part`]: a letter or digit
    /// starts one; letters (or digits) and joiners continue it.
    fn tokens_reference(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut tokens = Vec::new();
        let mut current: Option<(Part, usize, u8, bool)> = None;
        let mut close = |from: Option<(Part, usize, u8, bool)>, end: usize| {
            if let Some((kind, start, scripts, joined)) = from {
                let mixed = scripts & (LATIN | NON_LATIN) == LATIN | NON_LATIN;
                tokens.push((start, end, kind == Part::Digit, mixed, joined));
            }
        };
        for (i, c) in text.char_indices() {
            let p = part(c);
            match current.as_mut() {
                Some((kind, _, scripts, joined)) if p == *kind || p == Part::Joiner => {
                    if p == Part::Letter {
                        *scripts |= script_flags(c);
                    }
                    *joined |= p == Part::Joiner;
                }
                _ => {
                    close(current.take(), i);
                    if p == Part::Letter || p == Part::Digit {
                        let scripts = if p == Part::Letter {
                            script_flags(c)
                        } else {
                            0
                        };
                        current = Some((p, i, scripts, false));
                    }
                }
            }
        }
        close(current, text.len());
        tokens
    }

    fn tokens(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        Tokens::new(text)
            .inspect(|t| {
                let ascii = t.text.bytes().all(|b| b.is_ascii_alphabetic());
                assert_eq!(t.ascii, ascii, "{:?}", t.text);
            })
            .map(|t| (t.start, t.start + t.text.len(), t.digits, t.mixed, t.joined))
            .collect()
    }

    #[test]
    fn ascii_letters_counts_the_leading_letters() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdWXYZ";
                chunk[at] = b;
                let want = if b.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(ascii_letters(chunk), want, "{b:#04x} at {at}");
            }
        }
    }

    #[test]
    fn tokens_examples() {
        for text in [
            "",
            "Lukashenka's visit to Мінск.",
            "Lukаshenka ѓ Ѐ ҁ ҂ ҃ Ґ 12ab٣ 'x' ``",
            "e\u{0301}x\u{200B}y",
            "Ԁԁ ǅ \u{4E00}\u{4E01} 𝐀𝐁 Ωμέγα",
            "Internationalization's Lukashenkaaaaaaaaaaaaaaaaaaaaaaaaaa Lukashenkaovichйй abcdefgh.",
            "abcdefgh'ijklmnopqrstuvwxyz@ZYXWVUTSRQPONMLKJIHGFEDCBAàbcdefghijk zyxwvutsr`ééé",
            // Around the Cyrillic fast path: U+0482 is a sign, U+0483 a combining mark.
            "а҂б а҃б я\u{0482}\u{0483}ѐ ѿҀ",
        ] {
            assert_eq!(tokens(text), tokens_reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_the_reference_tokens(
            text in "([a-zA-Z0-9 '`.,-]|[\\u{0300}-\\u{0301}\\u{0400}-\\u{04FF}\\u{00C0}-\\u{024F}\\u{200B}\\u{00AD}\\u{2019}\\u{0660}-\\u{0669}\\u{4E00}-\\u{4E05}\\u{1D400}-\\u{1D405}]){0,24}"
        ) {
            proptest::prop_assert_eq!(tokens(&text), tokens_reference(&text));
        }
    }

    /// White space never joins a token, so the tokens of a text are those of its
    /// white-space-delimited pieces, in order (the matcher relies on it).
    #[test]
    fn white_space_separates_tokens() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            assert!(part(c) == Part::Separator, "U+{:04X}", u32::from(c));
        }
    }
}
