//! Reading romanized text back into Cyrillic, for the schemes whose standard is reversible.
//!
//! The reverse rules are the scheme's own forward rules turned round: a Latin sequence, the
//! Cyrillic letters it stands for, and the context the forward rule required before them
//! (which, read back, is the Cyrillic letter just written). At each position the longest
//! Latin sequence whose context holds wins; among equally long ones, the forward table's
//! order, the scheme's own language first. Approximate rules (letters the scheme does not
//! define) are not used.

use std::borrow::Cow;

use super::data::{APOSTROPHE, Ctx, SchemeData};
use super::lang::Lang;

/// The letters of each language (lowercase; `'` the apostrophe), as in the build's check.
fn alphabet(lang: Lang) -> &'static str {
    match lang {
        Lang::Be => "абвгдеёжзійклмнопрстуўфхцчшыьэюя'",
        Lang::Ru => "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        Lang::Uk => "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    }
}

/// One reverse rule: lowercase Latin, the Cyrillic slots it stands for, and the context the
/// forward rule required before its first letter.
struct Rev {
    latin: Vec<char>,
    slots: Vec<u8>,
    /// Whether the letters are of the scheme's own language (not from its fallbacks).
    own: bool,
    /// The letters before that the forward rule applies after: its own context less those of
    /// the rules before it for the same letter (ё is jo only where it is not io, after a
    /// consonant).
    prev: Ctx,
    next: &'static Ctx,
    /// The letters that may not follow: those after which an earlier rule for the same letter
    /// would have applied (Łacinka writes л as l before я, so ł is never л before я).
    excl: [u64; 4],
}

fn cyrillic(slot: u8) -> char {
    if slot == APOSTROPHE {
        return '\'';
    }
    char::from_u32(0x400 + u32::from(slot)).unwrap_or('\u{fffd}')
}

/// Whether a context admits everything (`*`).
fn is_any(c: &Ctx) -> bool {
    c.edge && c.bits.iter().all(|&b| b == u64::MAX)
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn rules(table: &'static SchemeData) -> Vec<Rev> {
    let letters: Vec<char> = alphabet(table.lang).chars().collect();
    let mut out = Vec::new();
    for first in 0..=255u8 {
        let mut excl = [0u64; 4];
        let mut taken = Ctx {
            bits: [0; 4],
            edge: false,
        };
        for r in table.rules(first) {
            let this_excl = excl;
            let prev = Ctx {
                bits: std::array::from_fn(|k| {
                    r.prev.bits.get(k).copied().unwrap_or(0)
                        & !taken.bits.get(k).copied().unwrap_or(0)
                }),
                edge: r.prev.edge && !taken.edge,
            };
            if r.rest.is_empty() && is_any(&r.next) && !is_any(&r.prev) {
                for (a, b) in taken.bits.iter_mut().zip(r.prev.bits) {
                    *a |= b;
                }
                taken.edge |= r.prev.edge;
            }
            if r.rest.is_empty() && is_any(&r.prev) && !is_any(&r.next) {
                for (a, b) in excl.iter_mut().zip(r.next.bits) {
                    *a |= b;
                }
            }
            let bytes = r.packed[0].to_le_bytes();
            let Some(latin) = bytes
                .get(..usize::from(r.lens[0]))
                .and_then(|b| std::str::from_utf8(b).ok())
            else {
                continue;
            };
            let mut slots = vec![first];
            slots.extend_from_slice(r.rest);
            if r.approx || latin.is_empty() {
                continue;
            }
            out.push(Rev {
                own: slots.iter().all(|&s| letters.contains(&cyrillic(s))),
                latin: latin.chars().collect(),
                slots,
                prev,
                next: &r.next,
                excl: this_excl,
            });
        }
    }
    // The scheme's own language before its fallbacks' letters (Belarusian šč is ш + ч, not
    // щ); then the longest Latin first; among equals, rules with a condition on the letter before first
    // (as in the forward table), then the fewest Cyrillic letters (Łacinka's l is л before a
    // soft vowel, ль elsewhere); the sort is stable, so the forward order decides the rest.
    out.sort_by_key(|r| {
        (
            !r.own,
            std::cmp::Reverse(r.latin.len()),
            is_any(&r.prev),
            r.slots.len(),
        )
    });
    out
}

/// The first rule that reads `chars[i..]` after the Cyrillic letter `prev` (or, when the
/// scheme drops the `apostrophe`, after an apostrophe it dropped). With `look`, a
/// rule whose forward form required a following letter (л → l before я) is taken only when
/// the rule read next gives one.
fn pick<'r>(
    rules: &'r [Rev],
    chars: &[char],
    i: usize,
    prev: Option<u8>,
    excl: [u64; 4],
    apostrophe: bool,
    look: bool,
) -> Option<&'r Rev> {
    rules.iter().find(|r| {
        let at = chars
            .get(i..i + r.latin.len())
            .is_some_and(|s| s.iter().zip(&r.latin).all(|(&a, &b)| lower(a) == b));
        let first = r.slots.first().copied().unwrap_or(0);
        let excluded = excl
            .get(usize::from(first >> 6))
            .is_some_and(|w| w >> (first & 63) & 1 == 1);
        // After a letter, a rule that reads only after the apostrophe stands for a dropped
        // one (Vierabjovičy: б, then jo, which after a consonant only follows an apostrophe).
        let after_apostrophe = apostrophe && prev.is_some() && r.prev.has(Some(APOSTROPHE));
        if !at || !(r.prev.has(prev) || after_apostrophe) || excluded {
            return false;
        }
        if !look || is_any(r.next) {
            return true;
        }
        let next = pick(
            rules,
            chars,
            i + r.latin.len(),
            r.slots.last().copied(),
            r.excl,
            apostrophe,
            false,
        );
        r.next.has(next.and_then(|n| n.slots.first().copied()))
    })
}

/// Reads `text`, romanized by `table`'s scheme, back into Cyrillic.
pub(crate) fn reverse<'a>(table: &'static SchemeData, text: &'a str) -> Cow<'a, str> {
    let rules = rules(table);
    // Whether the scheme writes the apostrophe as nothing, so that reading back must restore it.
    let apostrophe = table
        .rules(APOSTROPHE)
        .iter()
        .any(|r| r.rest.is_empty() && r.lens[0] == 0);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut changed = false;
    let mut prev: Option<u8> = None;
    let mut excl = [0u64; 4];
    let mut prev_upper = false;
    let mut i = 0;
    while i < chars.len() {
        let hit = pick(&rules, &chars, i, prev, excl, apostrophe, true);
        if let Some(r) = hit {
            if apostrophe && prev.is_some() && !r.prev.has(prev) {
                out.push('\'');
            }
        }
        let Some(r) = hit else {
            let c = chars.get(i).copied().unwrap_or_default();
            out.push(c);
            prev = None;
            excl = [0; 4];
            prev_upper = c.is_uppercase();
            i += 1;
            continue;
        };
        changed = true;
        let span = chars.get(i..i + r.latin.len()).unwrap_or_default();
        let after = chars.get(i + r.latin.len()).copied();
        // A sequence without cased letters (ʺ, ’) takes the case of its neighbours.
        let cased = span.iter().any(|c| c.is_uppercase() || c.is_lowercase());
        let first_upper = if cased {
            span.first().is_some_and(|c| c.is_uppercase())
        } else {
            prev_upper && !after.is_some_and(char::is_lowercase)
        };
        // ALL CAPS when another letter of the sequence is a capital too, or a neighbouring
        // letter is: ZH → Ж in ZHODINO, Zh → Ж in Zhodino.
        let caps = first_upper
            && (span.iter().skip(1).any(|c| c.is_uppercase())
                || after.is_some_and(char::is_uppercase)
                || (prev_upper && !after.is_some_and(char::is_lowercase)));
        for (k, &s) in r.slots.iter().enumerate() {
            let c = cyrillic(s);
            if (k == 0 && first_upper) || caps {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
        prev = r.slots.last().copied();
        excl = r.excl;
        prev_upper = first_upper;
        i += r.latin.len();
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}
