//! The words of a text as the matcher reads them: cut once with the tokenizer keys use, each
//! folded (light fold and key) and looked up in the word indexes, with what its place in the
//! text says (inside an address, glued to a digit, capitalized).

use std::cell::Cell;
use std::ops::Range;

use crate::fold::{self, Tokens};
use crate::index::builtin::HOMOGLYPHS;
use crate::index::filter;
use crate::index::store::Store;
use crate::inflect;
use crate::str_map::Map;

/// The words of a text and the buffers that cut them, reused over a whole text.
#[derive(Default)]
pub(super) struct WordScratch<'g> {
    pub(super) words: Vec<Word<'g>>,
    /// A word's light fold and key, written in place.
    fold: String,
    key: String,
    /// The facts of each distinct word met so far. Running text repeats its words (in a
    /// megabyte of news, one word in ten is new), so most words are folded, keyed and looked
    /// up once, and found here afterwards.
    seen: Map<Box<str>, Facts<'g>>,
    /// The lowercase words whose place in the fold filter is still to be tested: their index
    /// in `words` and the place (see `words_of`).
    pending: Vec<(usize, (usize, u64))>,
}

/// One word of the text.
#[derive(Clone)]
pub(super) struct Word<'g> {
    /// Byte range in the text, possessive and elision left out.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The lexemes the word is a form of, by its light fold and by its key.
    pub(super) folds: &'g [u32],
    pub(super) keys: &'g [u32],
    pub(super) homoglyph: bool,
    /// Mostly Cyrillic letters.
    pub(super) cyrillic: bool,
    /// Starts with a capital letter.
    pub(super) capital: bool,
    /// Looks like a patronymic (`inflect::is_patronymic`): worked out when first asked (a
    /// word after a common given name is asked once per pattern that name starts).
    pub(super) patronymic: Cell<Option<bool>>,
    /// Inside a URL, e-mail address or @handle: never part of a mention.
    pub(super) excluded: bool,
    /// A letter or digit touches the word before it / after it (`0Minsk9`): the word cannot
    /// begin / end a mention.
    pub(super) glued_before: bool,
    pub(super) glued_after: bool,
}

impl Word<'_> {
    /// A word that is in no name (or inside an address, `excluded`): it only separates others.
    fn bare(range: Range<usize>, excluded: bool, glued_before: bool, glued_after: bool) -> Self {
        Word {
            start: range.start,
            end: range.end,
            folds: &[],
            keys: &[],
            homoglyph: false,
            cyrillic: false,
            capital: false,
            patronymic: Cell::new(Some(false)),
            excluded,
            glued_before,
            glued_after,
        }
    }
}

/// What a word's text alone says about it: the part of [`Word`] that does not depend on where
/// it stands, remembered per distinct word (see [`WordScratch::seen`]).
#[derive(Clone, Copy)]
struct Facts<'g> {
    folds: &'g [u32],
    keys: &'g [u32],
    homoglyph: bool,
    cyrillic: bool,
    capital: bool,
}

/// How many distinct words [`Scratch::seen`] holds before it starts over: enough for the
/// vocabulary of a long document, bounded for an endless stream.
pub(super) const SEEN_MAX: usize = 1 << 16;

/// Whether a white-space-delimited word is a URL, an e-mail address or an @handle: names
/// inside those are not mentions (`t.co/…`, `@tutby`, `themoscowtimes.com/…lukashenko…`).
fn is_address(word: &str) -> bool {
    // Every address below has an `@` or a `/`, or starts with `www.`; running text's words
    // mostly have none, and one byte scan says so.
    if !word.starts_with("www.") && !word.bytes().any(|b| b == b'@' || b == b'/') {
        return false;
    }
    if word.contains("://") || word.starts_with("www.") {
        return true;
    }
    let trimmed = word.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    if trimmed.starts_with('@') {
        return true;
    }
    if let Some(at) = trimmed.find('@') {
        // user@host.tld
        return trimmed.get(at + 1..).is_some_and(|h| h.contains('.'));
    }
    let Some(slash) = trimmed.find('/') else {
        return false;
    };
    let host = trimmed.get(..slash).unwrap_or_default();
    host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// The size in bytes of a fold filter that is tested word by word (see `words_of`): the
/// first-level data cache of common x86 and ARM cores.
const FILTER_IN_CACHE: usize = 32 << 10;

/// Cuts `text` into words and folds each once.
pub(super) fn words_of<'g>(store: Store<'g>, text: &str, scratch: &mut WordScratch<'g>) {
    scratch.words.clear();
    let filter = store.fold_filter();
    // A filter that fits in the first-level cache is tested at once; a larger one (a large
    // table's) after the loop, with all the lowercase words, so that its reads overlap.
    let defer = filter.len() * 8 > FILTER_IN_CACHE;
    // The white-space-delimited piece of text the current token is in (an address is a whole
    // piece): found when a token starts past the end of the last one. White space never joins
    // a token (a `fold` test checks it), so one pass of `Tokens` over the whole text gives the
    // tokens of every piece.
    let (mut piece_end, mut excluded) = (0, false);
    for t in Tokens::new(text) {
        if t.start >= piece_end {
            let piece_start = piece_start(text, piece_end, t.start);
            let (end, marked) = next_space(text, t.start + t.text.len());
            piece_end = end;
            // Every address has an `@` or a `/`, or starts with `www.` (see `is_address`).
            excluded = text.get(piece_start..piece_end).is_some_and(|piece| {
                (marked
                    || piece.starts_with("www.")
                    || text
                        .get(piece_start..t.start)
                        .is_some_and(|head| head.bytes().any(|b| b == b'@' || b == b'/')))
                    && is_address(piece)
            });
        }
        // A possessive or an elision needs an apostrophe, which `Tokens` notes as a joiner.
        let range = if t.joined {
            inflect::name_part(t.text)
        } else {
            0..t.text.len()
        };
        let Some(word) = t.text.get(range.clone()) else {
            continue;
        };
        let start = t.start + range.start;
        let end = t.start + range.end;
        let before = match t.start.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text.get(..t.start).and_then(|b| b.chars().next_back()),
        };
        let handle = before == Some('@');
        // Unicode word boundaries (UAX #29) do not fall between letters and digits: a token
        // glued to a digit (`Lukashenka2020`, `0Minsk9`) can only be inside a mention whose
        // own name spans the digit (`Belarus24`), never at its edge. (White space around the
        // piece is not alphanumeric, so looking past the piece changes nothing.)
        let after = match text.as_bytes().get(t.start + t.text.len()) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text
                .get(t.start + t.text.len()..)
                .and_then(|a| a.chars().next()),
        };
        let glued_before = before.is_some_and(is_alphanumeric);
        let glued_after = after.is_some_and(is_alphanumeric);
        if excluded || handle {
            scratch
                .words
                .push(Word::bare(start..end, true, glued_before, glued_after));
            continue;
        }
        // A word that does not start with a capital letter is never keyed (see `facts_of`),
        // so when its light fold (read from tables) is not in the index's filter, it is in no
        // name. That settles most words faster than the map of words seen, whose entries are
        // mostly out of cache; the rest (common words that are in some name, such as `the`)
        // are looked up there.
        let lowercase = !starts_upper(word);
        if lowercase {
            // (Without joiners the word is the whole token.)
            let place = if t.ascii && !t.joined {
                Some(filter::filter_place_lowercased(filter.len(), word))
            } else {
                filter::filter_place_light(filter.len(), word)
            };
            let may = match place {
                Some(place) if !defer => filter::filter_test(filter, place),
                Some(place) => {
                    scratch.pending.push((scratch.words.len(), place));
                    false
                }
                None => {
                    light_fold(word, &mut scratch.fold);
                    store.may_fold(scratch.fold.as_str())
                }
            };
            if !may {
                scratch
                    .words
                    .push(Word::bare(start..end, false, glued_before, glued_after));
                continue;
            }
        }
        let word = word_of(store, scratch, word, start..end, glued_before, glued_after);
        scratch.words.push(word);
    }
    // The filter tests of the lowercase words, in one loop: when the filter is out of cache
    // (a large table's), its reads overlap instead of each stalling the cut of the text.
    let mut pending = std::mem::take(&mut scratch.pending);
    pending.retain(|&(_, place)| filter::filter_test(filter, place));
    for &(i, _) in &pending {
        let Some(bare) = scratch.words.get(i) else {
            continue;
        };
        let (range, before, after) = (bare.start..bare.end, bare.glued_before, bare.glued_after);
        let Some(word) = text.get(range.clone()) else {
            continue;
        };
        let word = word_of(store, scratch, word, range, before, after);
        if let Some(slot) = scratch.words.get_mut(i) {
            *slot = word;
        }
    }
    pending.clear();
    scratch.pending = pending;
}

/// The word `word` of the text at `range`, from the facts of its text (looked up once per
/// distinct word).
fn word_of<'g>(
    store: Store<'g>,
    scratch: &mut WordScratch<'g>,
    word: &str,
    range: Range<usize>,
    glued_before: bool,
    glued_after: bool,
) -> Word<'g> {
    let facts = match scratch.seen.get(word) {
        Some(&facts) => facts,
        None => {
            let facts = facts_of(store, word, &mut scratch.fold, &mut scratch.key);
            if scratch.seen.len() >= SEEN_MAX {
                scratch.seen.clear();
            }
            scratch.seen.insert(word.into(), facts);
            facts
        }
    };
    Word {
        start: range.start,
        end: range.end,
        folds: facts.folds,
        keys: facts.keys,
        homoglyph: facts.homoglyph,
        cyrillic: facts.cyrillic,
        capital: facts.capital,
        patronymic: Cell::new(if facts.capital { None } else { Some(false) }),
        excluded: false,
        glued_before,
        glued_after,
    }
}

/// Where the white-space-delimited piece that ends at `to` starts, after the last white-space
/// character of `text[from..to]` (or at `from`). The gap before a word is mostly ASCII (a
/// space, perhaps a bracket): it is read byte by byte from its end, and characters are decoded
/// only once a byte outside ASCII is met.
#[inline]
fn piece_start(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = to;
    while i > from {
        match bytes.get(i - 1) {
            // The white space of ASCII (`char::is_whitespace`).
            Some(b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') => return i,
            Some(b) if b.is_ascii() => i -= 1,
            // `i` follows a character outside ASCII, so it is a character boundary.
            _ => {
                return text
                    .get(from..i)
                    .and_then(|gap| {
                        gap.char_indices()
                            .rev()
                            .find(|(_, c)| c.is_whitespace())
                            .map(|(j, c)| from + j + c.len_utf8())
                    })
                    .unwrap_or(from);
            }
        }
    }
    from
}

/// The byte offset of the first white-space character at or after `from` (or the end), and
/// whether an `@` or a `/` came before it.
fn next_space(text: &str, from: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut marked = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return (i, marked),
            b'@' | b'/' => {
                marked = true;
                i += 1;
            }
            // The lead bytes of every white-space character outside ASCII (U+0085, U+00A0,
            // U+1680, U+2000–U+205F, U+3000); continuation bytes never match them.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace)
                {
                    return (i, marked);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    (bytes.len(), marked)
}

/// Whether `word` starts with an uppercase letter (`char::is_uppercase`), without the table
/// search for ASCII and the basic Cyrillic letters (А–Я, Ѐ–Џ upper; а–я, ѐ–џ lower).
#[inline]
fn starts_upper(word: &str) -> bool {
    match *word.as_bytes() {
        [b, ..] if b.is_ascii() => b.is_ascii_uppercase(),
        // U+0400–U+042F.
        [0xD0, b, ..] if (0x80..0xB0).contains(&b) => true,
        // U+0430–U+045F.
        [0xD0, b, ..] if b >= 0xB0 => false,
        [0xD1, b, ..] if b < 0xA0 => false,
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// `char::is_alphanumeric`, without its table search for ASCII and the other characters
/// around words of running text (see [`fold::is_alphanumeric`]).
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        fold::is_alphanumeric(c)
    }
}

/// Writes the light fold of `word` to `fold` (cleared first), and says whether it read the word
/// through the look-alike table.
fn light_fold(word: &str, fold: &mut String) -> bool {
    fold.clear();
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        // The ASCII fast path: the light fold of a word of ASCII letters is the word,
        // lowercased.
        fold.push_str(word);
        fold.make_ascii_lowercase();
        false
    } else {
        fold::fold_into(word, HOMOGLYPHS, fold).homoglyph
    }
}

/// Folds and keys one word (`fold` and `key` are scratch buffers) and looks it up.
fn facts_of<'g>(store: Store<'g>, word: &str, fold: &mut String, key: &mut String) -> Facts<'g> {
    let homoglyph = light_fold(word, fold);
    let folds = store.fold_refs(fold.as_str());
    let capital = starts_upper(word);
    // A key match is admissible only for a capitalized word (see `admissible`), so most
    // words of running text are never keyed.
    let keys = if capital {
        key.clear();
        fold::key_into(word, HOMOGLYPHS, key);
        store.key_refs(key.as_str())
    } else {
        &[]
    };
    Facts {
        folds,
        keys,
        homoglyph,
        cyrillic: is_cyrillic(word),
        capital,
    }
}

/// Whether a mention could start at the start of `text`: `false` when none can, because
/// `text` has no word there or its first word is a form of no lexeme (by its light fold, or,
/// capitalized, by its key), so that `find_in` passes over it. A cheap test for whole-name
/// lookup, which reads every name it does not know as a text, and keeps only a mention of all
/// of it (see `lookup::case_form`).
pub(super) fn may_start_at_zero(store: Store<'_>, text: &str) -> bool {
    let Some(t) = Tokens::new(text).next() else {
        return false;
    };
    // Every word starts at or after its token, and every mention at a word.
    if t.start != 0 {
        return false;
    }
    // A token with joiners may lose a part of it (`inflect::name_part`): not settled here.
    if t.joined {
        return true;
    }
    let (mut fold, mut key) = (String::new(), String::new());
    let facts = facts_of(store, t.text, &mut fold, &mut key);
    !facts.folds.is_empty() || !facts.keys.is_empty()
}

fn is_cyrillic(word: &str) -> bool {
    let (mut cyrillic, mut other) = (0usize, 0usize);
    for c in word.chars() {
        match fold::script(c) {
            fold::Script::Cyrillic => cyrillic += 1,
            fold::Script::Latin | fold::Script::Greek => other += 1,
            fold::Script::Other => {}
        }
    }
    cyrillic > other
}

/// Whether `word` looks like a patronymic, worked out once.
pub(super) fn is_patronymic(text: &str, word: &Word<'_>) -> bool {
    if let Some(known) = word.patronymic.get() {
        return known;
    }
    let found = text
        .get(word.start..word.end)
        .is_some_and(inflect::is_patronymic);
    word.patronymic.set(Some(found));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every white-space character is ASCII or starts with one of the lead bytes `next_space`
    /// decodes.
    #[test]
    fn next_space_knows_every_white_space_lead_byte() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let s = c.to_string();
            assert_eq!(next_space(&s, 0), (0, false), "U+{:04X}", u32::from(c));
        }
    }

    /// The words of a text as they are defined: its white-space-delimited pieces, each cut
    /// into tokens on its own. `words_of` cuts the whole text in one pass and must agree.
    fn words_reference(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut words = Vec::new();
        let mut offset = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let piece_start = offset;
            offset += piece.len();
            let trimmed = piece.trim_end_matches(char::is_whitespace);
            if trimmed.is_empty() {
                continue;
            }
            let excluded = is_address(trimmed);
            for t in Tokens::new(trimmed) {
                let range = inflect::name_part(t.text);
                let before = trimmed.get(..t.start).and_then(|b| b.chars().next_back());
                let after = trimmed
                    .get(t.start + t.text.len()..)
                    .and_then(|a| a.chars().next());
                words.push((
                    piece_start + t.start + range.start,
                    piece_start + t.start + range.end,
                    excluded || before == Some('@'),
                    before.is_some_and(char::is_alphanumeric),
                    after.is_some_and(char::is_alphanumeric),
                ));
            }
        }
        words
    }

    /// With a table whose fold filter is out of cache, the lowercase words are tested after
    /// the cut (see `words_of`): every word still gets the facts its text has on its own.
    #[test]
    fn words_of_a_large_table_have_their_facts() {
        const SYLLABLES: [&str; 12] = [
            "ба", "ве", "го", "да", "жу", "зо", "ки", "ло", "ма", "не", "по", "ру",
        ];
        let word = |mut n: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(SYLLABLES[n % SYLLABLES.len()]);
                n /= SYLLABLES.len();
            }
            w
        };
        let capitalized = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let mut builder = crate::Gazetteer::builder();
        for i in 0..1700 {
            let name = format!("{} {}ов", capitalized(&word(i)), capitalized(&word(i + 7)));
            builder.name(&format!("per:t-{i}"), &name, "ru-Cyrl");
        }
        let gazetteer = builder.build().unwrap_or_else(|e| panic!("{e}"));
        let store = gazetteer.store();
        assert!(
            store.fold_filter().len() * 8 > FILTER_IN_CACHE,
            "the filter is small"
        );
        let mut text = String::new();
        for i in (0..1800).step_by(7) {
            // Capitalized and lowercase names, their case forms, and words of no name.
            text.push_str(&format!(
                "{} {}ову и {}а видели {}ов, sure {}. ",
                capitalized(&word(i)),
                capitalized(&word(i + 7)),
                word(i),
                word(i + 3),
                word(i + 1),
            ));
        }
        let mut scratch = WordScratch::default();
        words_of(store, &text, &mut scratch);
        let (mut fold, mut key) = (String::new(), String::new());
        let mut found = 0;
        for w in &scratch.words {
            let Some(text) = text.get(w.start..w.end) else {
                panic!("a word out of the text");
            };
            let facts = facts_of(store, text, &mut fold, &mut key);
            assert_eq!((w.folds, w.keys), (facts.folds, facts.keys), "{text}");
            assert_eq!(w.capital, facts.capital, "{text}");
            found += usize::from(!w.capital && !w.folds.is_empty());
        }
        assert!(found > 100, "only {found} lowercase words in the table");
    }

    fn words(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut scratch = WordScratch::default();
        words_of(Store::BUILTIN, text, &mut scratch);
        scratch
            .words
            .iter()
            .map(|w| (w.start, w.end, w.excluded, w.glued_before, w.glued_after))
            .collect()
    }

    #[test]
    fn piece_start_is_after_the_last_white_space() {
        for gap in [
            "",
            " ",
            "x",
            " (",
            "\n«",
            "\u{00A0}“",
            " \u{2003}\u{201C}",
            "a\u{3000}b",
            "\u{0085}",
            "\t\r",
            "«»",
            "— ",
            " —",
        ] {
            let text = format!("{gap}Minsk");
            let want = gap
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            assert_eq!(piece_start(&text, 0, gap.len()), want, "{gap:?}");
        }
    }

    #[test]
    fn starts_upper_is_char_is_uppercase() {
        for c in (0..0x800).filter_map(char::from_u32) {
            let word = format!("{c}x");
            assert_eq!(
                starts_upper(&word),
                c.is_uppercase(),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(!starts_upper(""));
    }

    #[test]
    fn words_of_examples() {
        for text in [
            "",
            " ",
            "Lukashenka's visit to Мінск.",
            "see t.co/x @tutby and user@host.by or www.x.by/Lukashenka",
            "l'Biélorussie d'Minsk Мар’я 0Minsk9 Lukashenka2020",
            "a\u{00A0}b\u{2003}c\u{3000}d\u{1680}e\u{0085}f\u{202F}g",
            "\u{200B}Luka\u{200B}shenka\u{202E}Minsk\u{202C} «Гродноазот»",
        ] {
            assert_eq!(words(text), words_reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_of_is_the_reference_cut(
            text in "([a-zA-Zа-яА-ЯіўІЎ0-9@/.:'’`« -]|\u{00A0}|\u{2003}|\u{200B}|\u{0301}|\n|www\\.){0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_reference(&text));
        }
    }
}
