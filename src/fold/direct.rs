//! Keys read straight from a name's bytes: the common case of keying, in one pass.
//!
//! Nearly every name is written in one- and two-byte characters (ASCII, Latin-1 and Latin
//! Extended, Cyrillic), each token in one script, with no digits and no combining marks. For
//! such a name the key is the class-table symbols of each token's letters, its Latin digraphs
//! resolved, rendered: this module does exactly that, reading each byte once, with no decoding
//! beyond the table index and no cutting of tokens apart from reading them. Anything else — a
//! digit, a combining mark, a token mixing scripts, a character of three bytes or more other
//! than General Punctuation — is left to the general path (`key_with`), which the differential
//! tests below hold this one to.

use super::chars::Part;
use super::class_table::{
    LATIN, LEN_SHIFT, LOWER, NON_LATIN, PART_MASK, SLOW, char_at, table_entry,
};
use super::sounds::{Reading, render, resolve_digraphs};

/// Appends the key of `name` in `reading` to `out` (after what it held, as `key_with`) and says
/// true, or leaves `out` as it was and says false when the name needs the general path.
pub(super) fn key_direct(name: &str, reading: Reading, out: &mut String) -> bool {
    /// The most raw symbols a token keyed here may have (a longer one takes the general path):
    /// they are kept on the stack, written three at a time, and the count moved on by how many
    /// a character has, with no branch per symbol.
    const MAX: usize = 64;
    let bytes = name.as_bytes();
    let base = out.len();
    let mut i = 0;
    let mut raw = [0u8; MAX + 3];
    while i < bytes.len() {
        let mut n = 0;
        // The flags of the token's characters: scripts, and whether any gave a raw Latin letter.
        let mut seen = 0u8;
        // Whether a letter has started a token (a letter may give no symbol: ъ, ь).
        let mut in_token = false;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if b.is_ascii_alphabetic() {
                    let Some(slot) = raw.get_mut(n) else {
                        return give_up(out, base);
                    };
                    *slot = b.to_ascii_lowercase();
                    n += 1;
                    seen |= LATIN | LOWER;
                    in_token = true;
                    i += 1;
                    continue;
                }
                if b.is_ascii_digit() {
                    return give_up(out, base);
                }
                i += 1;
                // Apostrophes join the letters around them and start nothing; anything else
                // ends a token.
                if b == b'\'' || b == b'`' || !in_token {
                    continue;
                }
                break;
            }
            let (cp, width) = match b {
                0xC2..=0xDF => {
                    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
                    ((u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F), 2)
                }
                // General Punctuation, as `char_at` reads it: the curly apostrophe and the
                // invisible characters join (no symbols), the dashes and quotes separate.
                0xE2 => match char_at(name, i) {
                    Some((0x2000..0x2070, width, [flags, ..])) => {
                        i += width;
                        if flags & PART_MASK == Part::Joiner as u8 || !in_token {
                            continue;
                        }
                        break;
                    }
                    _ => return give_up(out, base),
                },
                _ => return give_up(out, base),
            };
            let [flags, s0, s1, s2] = table_entry(cp);
            if flags & SLOW != 0 {
                return give_up(out, base);
            }
            i += width;
            match flags & PART_MASK {
                p if p == Part::Letter as u8 => {
                    seen |= flags;
                    in_token = true;
                    let Some(slots) = raw.get_mut(n..n + 3) else {
                        return give_up(out, base);
                    };
                    slots.copy_from_slice(&[s0, s1, s2]);
                    n += usize::from(flags >> LEN_SHIFT & 0b11);
                }
                // Invisible characters and apostrophes of two bytes: no symbols.
                p if p == Part::Joiner as u8 => {}
                p if p == Part::Digit as u8 => return give_up(out, base),
                _ if in_token => break,
                _ => {}
            }
        }
        if !in_token {
            continue;
        }
        if seen & (LATIN | NON_LATIN) == LATIN | NON_LATIN {
            // A token mixing scripts is read through the look-alike table.
            return give_up(out, base);
        }
        if n > MAX {
            return give_up(out, base);
        }
        let raw = raw.get(..n).unwrap_or_default();
        if seen & LOWER != 0 {
            super::with_scratch(|syms, _| {
                syms.clear();
                resolve_digraphs(raw, reading, syms);
                super::append_word(out, base, |out| render(syms, out));
            });
        } else {
            super::append_word(out, base, |out| render(raw, out));
        }
    }
    true
}

fn give_up(out: &mut String, base: usize) -> bool {
    out.truncate(base);
    false
}

#[cfg(test)]
mod tests {
    use super::super::{Homoglyphs, key_with};
    use super::*;

    /// The key of `name` from the general path alone.
    fn general(name: &str, reading: Reading) -> String {
        let mut out = String::from("held\n");
        key_with(
            name,
            Homoglyphs::NONE,
            reading,
            [&mut Vec::new(), &mut Vec::new()],
            &mut out,
        );
        out
    }

    /// Whether the direct path took `name`, and if it did, that it wrote what the general
    /// path writes, in every reading, after what the buffer held.
    fn agrees(name: &str) -> Result<bool, String> {
        let mut took = false;
        for reading in std::iter::once(Reading::Common).chain(Reading::FALLBACKS) {
            let mut out = String::from("held\n");
            let direct = key_direct(name, reading, &mut out);
            if !direct {
                if out != "held\n" {
                    return Err(format!("{name:?}: gave up having written {out:?}"));
                }
                continue;
            }
            took = true;
            let want = general(name, reading);
            if out != want {
                return Err(format!("{name:?} {reading:?}: {out:?}, general {want:?}"));
            }
        }
        Ok(took)
    }

    /// Every name and word of the tables and the test data (all the scripts and spellings
    /// canonym deals with): the direct path agrees with the general one, and takes nearly
    /// all of them (so that it cannot quietly become a path that never runs).
    #[test]
    fn direct_keys_are_the_general_keys_on_every_listed_name() {
        fn files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, found);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "tsv" || e == "txt" || e == "jsonl")
                {
                    found.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("tables"), &mut paths);
        files(&root.join("tests/data"), &mut paths);
        let (mut names, mut taken) = (0usize, 0usize);
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for field in text.lines().flat_map(|l| l.split(['\t', '"'])) {
                names += 1;
                match agrees(field) {
                    Ok(took) => taken += usize::from(took),
                    Err(e) => panic!("{}: {e}", path.display()),
                }
            }
        }
        assert!(names > 50_000, "{names} names read");
        // 80% at the time of writing: the rest are mostly numbers, codes and JSON fields.
        assert!(taken * 4 > names * 3, "direct path took {taken} of {names}");
    }

    #[test]
    fn direct_keys_examples() {
        for name in [
            "",
            " ",
            "Лукашэнка",
            "Łukaszenka",
            "Tsikhanouskaya",
            "O'Brien",
            "O\u{2019}Brien – Smith",
            "Грыгор\u{2019}евіч",
            "Мінскъ ь",
            "Jean-Luc Ménard",
            "Schtschedrin",
            "d'Artagnan ``x``",
            "Lukаshenka",
            "Minsk 2",
            "e\u{0301}",
            "ab\u{00AD}cd\u{00A0}ef",
            "Ωμέγα",
            "\u{4E00}",
            "AЀ",
        ] {
            if let Err(e) = agrees(name) {
                panic!("{e}");
            }
        }
        // What the general path must take.
        // "AЀ" (Latin A, Cyrillic Ѐ) is a case proptest once shrank a fold failure to.
        for name in ["Lukаshenka", "Minsk 2", "e\u{0301}", "\u{4E00}", "AЀ"] {
            assert_eq!(agrees(name), Ok(false), "{name:?}");
        }
        for name in ["Лукашэнка", "O\u{2019}Brien – Smith", "Мінскъ ь", "Ωμέγα"]
        {
            assert_eq!(agrees(name), Ok(true), "{name:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn direct_keys_are_the_general_keys(
            name in "([a-zA-Z0-9 '`.,-]|[\\u{0300}-\\u{0301}\\u{0400}-\\u{04FF}\\u{00A0}-\\u{024F}\\u{0370}-\\u{03FF}\\u{200B}\\u{2010}-\\u{2030}\\u{4E00}-\\u{4E02}]){0,20}"
        ) {
            if let Err(e) = agrees(&name) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }
}
