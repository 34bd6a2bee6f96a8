//! The pattern search: the runs of words that fill a whole pattern of the index, the longest
//! at the leftmost word, and the choice among the entities they could be.

use std::borrow::Cow;

use super::document::{self, Document};
use super::language;
use super::marks;
use super::mention::{Found, Mention};
use super::modifier;
use super::words::{SEEN_MAX, Word, WordScratch, is_patronymic, words_of};
use crate::how::How;
use crate::index::format::{
    entry, entry_cyrillic, entry_inflected, entry_pattern, entry_pos, lexeme_ref, occurrence,
    ref_lexeme,
};
use crate::index::store::Store;
use crate::inflect;
use crate::str_map::Map;
use crate::table::Kind;
use crate::why::{Why, intern, score_of, verify_entity};

/// Buffers reused over a whole text.
#[derive(Default)]
pub(super) struct Scratch<'g> {
    /// The words of the text.
    words: WordScratch<'g>,
    /// The admissible keyed references of the current word (see `find_in`).
    keys: Vec<u32>,
    /// The later-position groups of the next word's lexemes (see `start_longer`): those that
    /// end a pattern of two words, and the others.
    next_side: [Vec<&'g [u32]>; 2],
    /// The entries `starts` gathered, per word form and group.
    starts: Gathered<StartsKey>,
    /// The entries `starts` gathered of patterns of several words, per word form and the forms
    /// after it.
    followed: Gathered<FollowedKey>,
    /// Entries gathered by key (see `gather_starts`).
    keyed_entries: Vec<u32>,
    /// Entries gathered from several lexemes.
    entries: Vec<u32>,
    /// The entries put aside among them, through the fold and by key (see `Sort::Aside`).
    aside: [Vec<(u32, u32)>; 2],
    /// The later-position groups of the words that may fill a pattern's third place (see
    /// `start_longer`).
    third_side: Vec<&'g [u32]>,
    /// The lexeme of each of `next_side`'s groups that end a pattern of two words (see
    /// `gather`'s `Next`).
    next_lexemes: Vec<u32>,
    /// The lexemes of a word and of the words after it that may fill a pattern's first
    /// places (see `Starting`).
    starting: Starting,
    /// What the start filter tells of a pair of words and the gap between them (see
    /// `Starting::shape`).
    shapes: Map<FollowedKey, Shape>,
    /// The entries of the patterns of three words or more that a pair of words starts, per
    /// the words after them (see `gather_longer`), and the buffers they are gathered in.
    filled: Map<FilledKey, [Box<[u32]>; 2]>,
    longer: [Vec<u32>; 2],
    candidates: Vec<Candidate>,
    /// The verifier's verdict on each distinct spelling found by its key, per entity (see
    /// `verify_keyed`): a document repeats its words.
    verdicts: Verdicts,
    /// Whether a name several entities could be is reported with its candidates (see
    /// `Matcher::ambiguous`); its span is recorded either way.
    pub(super) ambiguous: bool,
}

/// The verifier's verdicts per spelling and entity: the score and the systems, or `None` for
/// a refusal.
type Verdicts = Map<Box<str>, Vec<(usize, Option<(f32, &'static str)>)>>;

#[derive(Clone, Copy)]
struct Candidate {
    /// The pattern's entity and flags, copied out of it.
    entity: usize,
    derived: bool,
    surname: bool,
    latent: bool,
    person: bool,
    /// A description (`ctx`): it names the entity only in a document about its scope.
    context: bool,
    /// Index of the last word.
    last: usize,
    end: usize,
    keyed: bool,
    inflected: bool,
    homoglyph: bool,
    /// A patronymic the pattern does not have was stepped over (see `extend`).
    skipped: bool,
    /// For a candidate found by its key: the verifier's score and the systems that write it.
    verified: Option<(f32, &'static str)>,
}

impl Candidate {
    /// Lower is better: a spelling the tables (or the declension rules) produce exactly
    /// before one found by its key, a nominative before a case form, a listed name before a
    /// derived form, and a name whose every word the pattern has before one that steps over
    /// a patronymic: `Иван Иванович Петров` is the namesake the tables list with that
    /// patronymic, not every `Иван Петров`.
    fn rank(&self) -> (bool, bool, bool, bool) {
        (self.keyed, self.inflected, self.derived, self.skipped)
    }
}

/// Up to how many patterns of several words a word may start for each to be looked up on the
/// next word's side rather than all intersected with it (see `start_longer`): the built-in
/// tables' words start at most a few dozen.
const FEW_PATTERNS: usize = 64;

/// Whether a word may fill a position through `entry`, found by its key (`keyed`) or its
/// light fold. A key merges different spellings of one name, so it is trusted less in running
/// text than in whole-name lookup: only for capitalized words (a lowercase word is a proper
/// name only when spelled as listed), only within one script (across scripts the tables list
/// the spellings), and for case forms only in Cyrillic, where Russian, Belarusian and
/// Ukrainian spell one form several ways.
fn admissible(word: &Word<'_>, entry: u32, keyed: bool) -> bool {
    if !keyed {
        return true;
    }
    word.capital
        && word.cyrillic == entry_cyrillic(entry)
        && (!entry_inflected(entry) || word.cyrillic)
}

/// Whether `got` is written as the case-sensitive `want` is: exactly or with a lowercase
/// ending (МАЗе), or — for words of four letters or more — with the nominative's letters up to
/// its last two as written, then a lowercase ending (Radą, Koordynacyjną).
fn case_ok(got: &str, want: &str) -> bool {
    let lowercase = |rest: &str| rest.chars().all(char::is_lowercase);
    if let Some(rest) = got.strip_prefix(want) {
        return lowercase(rest);
    }
    let len = want.chars().count();
    if len < 4 {
        return false;
    }
    let common = got
        .char_indices()
        .zip(want.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8());
    got.get(..common)
        .is_some_and(|c| c.chars().count() >= len - 2)
        && got.get(common..).is_some_and(lowercase)
}

/// How `word` fills position `pos` of `pattern`: `(keyed, inflected)`, or `None`.
fn fills(
    store: Store<'_>,
    text: &str,
    word: &Word<'_>,
    pattern: usize,
    pos: usize,
) -> Option<(bool, bool)> {
    let p = store.pattern(pattern)?;
    let o = occurrence(pattern, pos);
    // The best-ranked entry (a nominative before a case form) through any of the lexemes.
    let find = |refs: &[u32], keyed: bool| {
        refs.iter()
            .filter(|&&r| occurs(store, r, o, p.len))
            .map(|&r| entry(o, r))
            .filter(|&e| admissible(word, e, keyed))
            .min()
    };
    let (e, keyed) = match find(word.folds, false) {
        Some(e) => (e, false),
        None => (find(word.keys, true)?, true),
    };
    let inflected = entry_inflected(e);
    if let Some(want) = store.string(p.case_sensitive, pos) {
        if !case_ok(text.get(word.start..word.end)?, want) {
            return None;
        }
    }
    Some((keyed, inflected))
}

/// Whether the text between two words is what a pattern wants there.
fn gap_ok(text: &str, from: usize, to: usize, want: &str) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    let mut got = gap.chars().filter(|c| !c.is_whitespace());
    let mut want = want.chars();
    loop {
        match (got.next(), want.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Tries to match `pattern` with its first word at `words[first]`.
fn extend(
    store: Store<'_>,
    text: &str,
    words: &[Word<'_>],
    first: usize,
    pattern: usize,
    keyed: bool,
    inflected: bool,
) -> Option<Candidate> {
    let p = store.pattern(pattern)?;
    let w0 = words.get(first)?;
    let mut c = Candidate {
        entity: p.entity as usize,
        last: first,
        end: w0.end,
        keyed,
        inflected,
        homoglyph: w0.homoglyph,
        derived: p.derived,
        surname: p.surname,
        latent: p.latent,
        person: p.person,
        context: p.context,
        skipped: false,
        verified: None,
    };
    let mut pos = 1;
    let len = p.len as usize;
    while pos < len {
        let prev = words.get(c.last)?;
        let next = words.get(c.last + 1)?;
        let want = store.string(p.gaps, pos - 1).unwrap_or_default();
        if next.excluded || !gap_ok(text, prev.end, next.start, want) {
            return None;
        }
        match fills(store, text, next, pattern, pos) {
            Some((k, i)) => {
                c.keyed |= k;
                c.inflected |= i;
                c.homoglyph |= next.homoglyph;
                c.last += 1;
                c.end = next.end;
                pos += 1;
            }
            None => {
                // A patronymic the tables do not list, between given name and surname.
                if p.person
                    && !c.skipped
                    && pos + 1 == len
                    && want.is_empty()
                    && is_patronymic(text, next)
                {
                    c.skipped = true;
                    c.last += 1;
                    c.homoglyph |= next.homoglyph;
                    continue;
                }
                return None;
            }
        }
    }
    let tail = store.text(p.tail);
    if let Some(after) = text
        .get(c.end..)
        .and_then(|rest| rest.strip_prefix(tail))
        .filter(|_| !tail.is_empty())
    {
        // A dotted acronym that goes on (`E.U.A.-17` is not `E.U.`) is another acronym.
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        c.end += tail.len();
    }
    Some(c)
}

/// Finds the mentions in `text` that start before `stop`, appending them (offsets plus
/// `base`) to `out`.
pub(super) fn find_in<'g>(
    store: Store<'g>,
    text: &str,
    base: usize,
    stop: usize,
    doc: &mut Document,
    scratch: &mut Scratch<'g>,
    out: &mut Vec<Found<'g>>,
) {
    words_of(store, text, &mut scratch.words);
    let words = std::mem::take(&mut scratch.words.words);
    let mut i = 0;
    // What the window writes of marks, read before its words are (see `Document::wrote_mark`).
    doc.read_marks(text, base, stop);
    while let Some(w) = words.get(i) {
        if w.start >= stop {
            break;
        }
        doc.at = base + w.start;
        if w.excluded || w.glued_before || (w.folds.is_empty() && w.keys.is_empty()) {
            i += 1;
            continue;
        }
        // Whether a key match is admissible depends only on the word and the flags a
        // reference carries (see `admissible`): the keyed references that cannot be admitted
        // (a Latin word's Cyrillic lexemes, say) are left out before their patterns are
        // gathered. A common surname's key reaches dozens of them.
        let mut keys = std::mem::take(&mut scratch.keys);
        keys.clear();
        keys.extend(w.keys.iter().copied().filter(|&r| admissible(w, r, true)));
        if w.folds.is_empty() && keys.is_empty() {
            scratch.keys = keys;
            i += 1;
            continue;
        }
        scratch.candidates.clear();
        let mut entries = std::mem::take(&mut scratch.entries);
        let mut keyed_entries = std::mem::take(&mut scratch.keyed_entries);
        let start = |e: u32, keyed: bool, candidates: &mut Vec<Candidate>| {
            if let Some(c) = try_start(store, text, &words, i, e, keyed, doc) {
                candidates.push(c);
            }
        };
        let [latent, latent_keyed] = &mut scratch.aside;
        starts(
            store,
            (&mut scratch.starts, (word_form(w), Group::Single)),
            (w, &keys),
            (Group::Single, None, |_| Sort::Keep),
            ([&mut entries, &mut keyed_entries], [latent, latent_keyed]),
        );
        // A bare surname is a latent pattern (see `Sort::Aside`): in a large table a common
        // word is one of thousands of people's, and what is tried of them is those named in
        // the document before. Their entities are in the index beside them (see
        // `format::Lexeme`): reading each of their patterns to learn whose they are was most
        // of the search, and paged in most of a large file's patterns.
        let entities = std::cell::OnceCell::new();
        let latent_of = |e: u32| {
            let entities = entities.get_or_init(|| latent_entities(store, w.folds, &keys));
            match entities.binary_search_by_key(&entry_pattern(e), |&(p, _)| p) {
                Ok(i) => entities
                    .get(i)
                    .map_or(Sort::Keep, |&(_, entity)| Sort::Aside(entity)),
                Err(_) => Sort::Keep,
            }
        };
        let [kept, kept_keyed] = &mut scratch.longer;
        starts(
            store,
            (&mut scratch.starts, (word_form(w), Group::Latent)),
            (w, &keys),
            (Group::Latent, None, latent_of),
            ([&mut *kept, &mut *kept_keyed], [latent, latent_keyed]),
        );
        // (A latent occurrence whose entity the index does not give, which only a damaged
        // file could hold, is tried as a pattern that is not latent would be: `try_start`
        // reads it.)
        merge_into(&mut entries, kept.iter().copied());
        merge_into(&mut keyed_entries, kept_keyed.iter().copied());
        for (list, latent, keyed) in [
            (&mut entries, &*latent, false),
            (&mut keyed_entries, &*latent_keyed, true),
        ] {
            let named = latent
                .iter()
                .filter(|&&(entity, _)| doc.recency(entity as usize).is_some())
                .map(|&(_, e)| e);
            merge_into(list, named);
            for &e in list.iter() {
                start(e, keyed, &mut scratch.candidates);
            }
        }
        // Most words that are in the index start no pattern of several words (they are later
        // words of one, or single-word names): nothing to look up on the next side.
        let multi: usize = w
            .folds
            .iter()
            .chain(&keys)
            .map(|&r| group(store, r, Group::Multi).len())
            .sum();
        if multi > 0 {
            start_longer(
                (store, text, &words, i),
                (&keys, multi, &*doc),
                scratch,
                [&mut entries, &mut keyed_entries],
            );
        }
        scratch.entries = entries;
        scratch.keyed_entries = keyed_entries;
        scratch.keys = keys;
        i = decide(store, text, &words, scratch, doc, (base, i), out);
    }
    doc.catch_up_marks(true);
    keep_word_before_next(text, &words, (base, stop), doc, out);
    scratch.words.words = words;
}

/// The candidates among the patterns of several words that word `i` starts, appended to
/// `scratch.candidates` (`keys`: the word's admissible keyed references; `multi`: how many
/// patterns of several words they start; `out`: buffers). Kept apart from [`find_in`]'s loop
/// over every word, which is the hot path: few words start such a pattern.
#[inline(never)]
fn start_longer<'g>(
    (store, text, words, i): (Store<'g>, &str, &[Word<'g>], usize),
    (keys, multi, doc): (&[u32], usize, &Document),
    scratch: &mut Scratch<'g>,
    out: [&mut Vec<u32>; 2],
) {
    let Some(w) = words.get(i) else { return };
    let [entries, keyed_entries] = out;
    entries.clear();
    keyed_entries.clear();
    // Patterns of two or more words. A common word (an initial, a shared given name) may
    // start tens of thousands of them in a large table, and the word after it (or after a
    // patronymic) must fill their second position: then only the patterns in both this
    // word's groups and the next word's are tried, found by intersecting the sorted groups
    // (and remembered for the pair of words). The few patterns a word starts in a small
    // table are each looked up on the next side instead: intersecting would cost more.
    let [mut next_two, mut next_inner] = std::mem::take(&mut scratch.next_side);
    next_two.clear();
    next_inner.clear();
    let mut third_side = std::mem::take(&mut scratch.third_side);
    let next_words = if next_is_patronymic(text, words, i) {
        2
    } else {
        1
    };
    let mut next_forms = [WordForm::default(); 2];
    for (form, n) in next_forms
        .iter_mut()
        .zip(words.iter().skip(i + 1).take(next_words))
    {
        *form = word_form(n);
    }
    let next = [i + 1, i + 2];
    let next = next.get(..next_words).unwrap_or_default();
    later_groups(store, words, next, Group::Second, &mut next_two);
    later_groups(store, words, next, Group::Inner, &mut next_inner);
    // No pattern's second place can be filled (most words after a name's first word are
    // in no name at all): nothing to try.
    if next_two.iter().chain(&next_inner).any(|l| !l.is_empty()) {
        if multi > FEW_PATTERNS {
            // The text between this word and the next is the first gap of every pattern that
            // matches here (`extend` checks it first): patterns that want another are left
            // out once for the pair of words and that gap. A one-letter word followed by a
            // preposition (`а в`, `и в`) starts every pattern of two initials, all of which
            // want a full stop.
            let gap = words
                .get(i + 1)
                .map(|n| GapKey::of(text.get(w.end..n.start).unwrap_or_default()))
                .unwrap_or_default();
            let key = (word_form(w), next_forms, gap);
            let shape = match scratch.shapes.get(&key) {
                Some(&shape) => shape,
                None => {
                    let starting = &mut scratch.starting;
                    starting.read(store, words, (i, keys, next_words));
                    let shape = starting.shape(store, gap);
                    if scratch.shapes.len() >= SEEN_MAX {
                        scratch.shapes.clear();
                    }
                    scratch.shapes.insert(key, shape);
                    shape
                }
            };
            // Patterns of two words: those in the word's group and the next word's, less
            // those that want another gap, remembered for the pair of words and the gap.
            if shape == Shape::Any {
                let cache = (&mut scratch.followed, key);
                let sort = |e: u32| match store.pattern(entry_pattern(e)) {
                    Some(p)
                        if !gap.is_long()
                            && !gap.matches(store.string(p.gaps, 0).unwrap_or_default()) =>
                    {
                        Sort::Drop
                    }
                    _ => Sort::Keep,
                };
                // Each later group's lexeme, for the start filter (`sort` drops the patterns
                // that want another gap, so only a gap kept whole is asked about).
                let lexemes = &mut scratch.next_lexemes;
                lexemes.clear();
                lexemes.extend(refs_at(words, next).map(|r| ref_lexeme(r) as u32));
                let next = Some(Next {
                    groups: &next_two,
                    lexemes,
                    gap: gap.text(),
                });
                let [aside, aside_keyed] = &mut scratch.aside;
                let out = ([&mut *entries, &mut *keyed_entries], [aside, aside_keyed]);
                starts(store, cache, (w, keys), (Group::Two, next, sort), out);
            }
            // Patterns of three words or more, found from their third place, which the word
            // after the next fills (or, a patronymic the tables do not list skipped at the end
            // of a name, the one after that): two initials (`А. В.`) start the names of tens
            // of thousands of people in a large table, and the surname after them is one of
            // few of them. Remembered for the words that fill the three places.
            if shape != Shape::None {
                let thirds =
                    [i + 2, i + 3].map(|j| words.get(j).map(word_form).unwrap_or_default());
                let key = (key, thirds);
                let [longer, longer_keyed] = &mut scratch.longer;
                longer.clear();
                longer_keyed.clear();
                if let Some([folds, keyed]) = scratch.filled.get(&key) {
                    longer.extend_from_slice(folds);
                    longer_keyed.extend_from_slice(keyed);
                } else {
                    let starting = &mut scratch.starting;
                    starting.read(store, words, (i, keys, next_words));
                    if starting.may_start_longer(store, gap) {
                        third_side.clear();
                        let thirds = &[i + 2, i + 3];
                        later_groups(store, words, thirds, Group::Inner, &mut third_side);
                        let sides = (next_inner.as_slice(), third_side.as_slice());
                        let out = [&mut *longer, &mut *longer_keyed];
                        gather_longer(store, [w.folds, keys], sides, gap, out);
                    }
                    if scratch.filled.len() >= SEEN_MAX {
                        scratch.filled.clear();
                    }
                    let filled = [longer.as_slice().into(), longer_keyed.as_slice().into()];
                    scratch.filled.insert(key, filled);
                }
                merge_into(entries, longer.iter().copied());
                merge_into(keyed_entries, longer_keyed.iter().copied());
            }
        } else {
            let cache = (&mut scratch.starts, (word_form(w), Group::Multi));
            let [aside, aside_keyed] = &mut scratch.aside;
            let out = ([&mut *entries, &mut *keyed_entries], [aside, aside_keyed]);
            starts(
                store,
                cache,
                (w, keys),
                (Group::Multi, None, |_| Sort::Keep),
                out,
            );
            // The few patterns, each looked up on the next side.
            for list in [&mut *entries, &mut *keyed_entries] {
                list.retain(|&e| {
                    let second = occurrence(entry_pattern(e), 1);
                    (next_two.iter().chain(&next_inner)).any(|l| l.binary_search(&second).is_ok())
                });
            }
        }
        for (list, keyed) in [(&*entries, false), (&*keyed_entries, true)] {
            for &e in list {
                if let Some(c) = try_start(store, text, words, i, e, keyed, doc) {
                    scratch.candidates.push(c);
                }
            }
        }
    }
    scratch.next_side = [next_two, next_inner];
    scratch.third_side = third_side;
}

/// Which patterns of several words a pair of words of running text may start, as the index's
/// start filter (see `Compiled::start_filter`) tells: exact but for the filter's few false
/// positives, which make it say more may start than do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// None, whatever follows the pair.
    None,
    /// None of two words, and maybe some longer ones: the word after the next must fill their
    /// third place, so they are found from there (see [`gather_longer`]).
    Longer,
    /// Maybe some of two words (or the filter cannot tell: the gap is too long to key, the
    /// words have too many lexemes to ask about each pair).
    Any,
}

/// At most this many questions to the start filter per pair (or triple) of words: the filter
/// is out of cache in a large table, and a word with dozens of lexemes by key is rare.
const MOST_QUESTIONS: usize = 512;

/// The lexemes that may fill the first places of a pattern of several words at a word of
/// running text, each list sorted: those of the word that start a pattern of two words, and
/// those of the word after it (or after a patronymic) that end one; those of the word that
/// start a longer pattern, and those of the words after it that are later words of one.
/// Only those are asked about in the start filter: a Latin word's key reaches dozens of
/// lexemes, most of which are in no such place, and each question is a cache miss in a
/// large table.
#[derive(Default)]
struct Starting {
    two: [Vec<u32>; 2],
    longer: [Vec<u32>; 3],
}

impl Starting {
    /// Reads the lexemes of word `i` (`keys`: its admissible keyed references), of the words
    /// that may fill a pattern's second place after it (the next, or `next_words` being 2,
    /// also the one after a patronymic) and of those that may fill its third (the two after
    /// the next), as [`start_longer`] reads them.
    fn read(
        &mut self,
        store: Store<'_>,
        words: &[Word<'_>],
        (i, keys, next_words): (usize, &[u32], usize),
    ) {
        let [first_two, second_two] = &mut self.two;
        let [first_longer, second_longer, thirds] = &mut self.longer;
        for list in [&mut *first_two, &mut *first_longer] {
            list.clear();
            if let Some(w) = words.get(i) {
                list.extend(w.folds.iter().chain(keys).map(|&r| ref_lexeme(r) as u32));
            }
        }
        let next = [i + 1, i + 2];
        let next = next.get(..next_words).unwrap_or_default();
        lexemes_at(words, next, second_two);
        lexemes_at(words, next, second_longer);
        lexemes_at(words, &[i + 2, i + 3], thirds);
        let has = |g: Group| {
            move |&l: &u32| {
                let r = lexeme_ref(l as usize, false, false);
                !group(store, r, g).is_empty()
            }
        };
        first_two.retain(has(Group::Two));
        second_two.retain(has(Group::Second));
        first_longer.retain(has(Group::Longer));
        second_longer.retain(has(Group::Inner));
        thirds.retain(has(Group::Inner));
        for list in self.two.iter_mut().chain(&mut self.longer) {
            list.sort_unstable();
            list.dedup();
        }
    }

    /// The [`Shape`] of the patterns the words may start, with `gap` between the first two as
    /// [`start_longer`] compares it.
    fn shape(&self, store: Store<'_>, gap: GapKey) -> Shape {
        let Some(gap) = gap.text() else {
            return Shape::Any;
        };
        let may = |[firsts, seconds]: [&Vec<u32>; 2], longer: bool| {
            firsts.len() * seconds.len() > MOST_QUESTIONS
                || firsts.iter().any(|&a| {
                    seconds
                        .iter()
                        .any(|&b| store.may_start(&[a, b], longer, gap))
                })
        };
        let [first_two, second_two] = &self.two;
        let [first_longer, second_longer, _] = &self.longer;
        if may([first_two, second_two], false) {
            Shape::Any
        } else if may([first_longer, second_longer], true) {
            Shape::Longer
        } else {
            Shape::None
        }
    }

    /// Whether some pattern longer than two words may start with the words, with `gap`
    /// between the first two: never false when one does.
    fn may_start_longer(&self, store: Store<'_>, gap: GapKey) -> bool {
        let [firsts, seconds, thirds] = &self.longer;
        let Some(gap) = gap.text() else {
            return true;
        };
        if firsts.len() * seconds.len() * thirds.len() > MOST_QUESTIONS {
            return true;
        }
        firsts.iter().any(|&a| {
            seconds.iter().any(|&b| {
                thirds
                    .iter()
                    .any(|&c| store.may_start(&[a, b, c], true, gap))
            })
        })
    }
}

/// The entries of the patterns of three words or more that a word starts (through its fold
/// references and its admissible keyed ones, `refs`) whose second place the words after it
/// fill and whose third place the words after those fill (`sides`: their later-position
/// groups), with the text's gap. They are found from the third place: the first two words
/// (two initials, `А. А.`; a given name and a patronymic) start the names of tens of
/// thousands of people in a large table, and their occurrences intersected cost tens of
/// milliseconds for each pair; the surname after them is in the names of a few.
fn gather_longer(
    store: Store<'_>,
    refs: [&[u32]; 2],
    (next, third): (&[&[u32]], &[&[u32]]),
    gap: GapKey,
    out: [&mut Vec<u32>; 2],
) {
    let [folds, keys] = refs;
    let [fold_out, key_out] = out;
    fold_out.clear();
    key_out.clear();
    let mut patterns: Vec<usize> = third
        .iter()
        .flat_map(|l| l.iter())
        .filter(|&&o| entry_pos(o) == 2)
        .map(|&o| entry_pattern(o))
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    // As `gather_starts` keeps them: one entry per occurrence, the first of its sorted entries
    // that is not a case form, else the first; none by key where the fold has the occurrence.
    let best = |refs: &[u32], first: u32| {
        refs.iter()
            .filter(|&&r| group(store, r, Group::Longer).binary_search(&first).is_ok())
            .map(|&r| entry(first, r))
            .min_by_key(|&e| (entry_inflected(e), e))
    };
    for p in patterns {
        let (first, second) = (occurrence(p, 0), occurrence(p, 1));
        if !next.iter().any(|l| l.binary_search(&second).is_ok()) {
            continue;
        }
        let (list, e) = match (best(folds, first), best(keys, first)) {
            (Some(e), _) => (&mut *fold_out, e),
            (None, Some(e)) => (&mut *key_out, e),
            (None, None) => continue,
        };
        // The gap, as `start_longer`'s sort drops a pattern that wants another.
        let gap_ok = store.pattern(p).is_some_and(|p| {
            gap.is_long() || gap.matches(store.string(p.gaps, 0).unwrap_or_default())
        });
        if gap_ok {
            list.push(e);
        }
    }
}

/// The lexemes of `words[at]` for each of `at`, through their fold references and their
/// admissible keyed ones (those of [`later_groups`]), into `out`.
fn lexemes_at(words: &[Word<'_>], at: &[usize], out: &mut Vec<u32>) {
    out.clear();
    out.extend(refs_at(words, at).map(|r| ref_lexeme(r) as u32));
}

/// Appends later-position group `g` of the lexemes of `words[at]` for each of `at` (through
/// their fold references and their admissible keyed ones) to `out`: where a pattern's next
/// place may be.
fn later_groups<'g>(
    store: Store<'g>,
    words: &[Word<'g>],
    at: &[usize],
    g: Group,
    out: &mut Vec<&'g [u32]>,
) {
    out.extend(refs_at(words, at).map(|r| group(store, r, g)));
}

/// The fold references and the admissible keyed ones of `words[at]` for each of `at`: the
/// lexemes through which those words may fill a later place of a pattern.
fn refs_at<'w>(words: &'w [Word<'_>], at: &'w [usize]) -> impl Iterator<Item = u32> + 'w {
    at.iter()
        .filter_map(|&j| words.get(j))
        .flat_map(|n| {
            n.folds
                .iter()
                .chain(n.keys.iter().filter(|&&r| admissible(n, r, true)))
        })
        .copied()
}

/// The word before word `i` of the window at byte offset `base`, and the text between them:
/// from the window, or for its first word from what the window before kept (see
/// [`keep_word_before_next`]). `None` when there is none (the start of a document, a window
/// that starts after bytes that were not UTF-8).
fn previous_word<'t>(
    text: &'t str,
    words: &[Word<'_>],
    (base, i): (usize, usize),
    doc: &'t Document,
) -> Option<(Cow<'t, str>, Cow<'t, str>)> {
    let w = words.get(i)?;
    if let Some(p) = i.checked_sub(1).and_then(|p| words.get(p)) {
        return Some((
            Cow::Borrowed(text.get(p.start..p.end)?),
            Cow::Borrowed(text.get(p.end..w.start)?),
        ));
    }
    if doc.before_next != Some(base) || doc.before.is_empty() {
        return None;
    }
    let gap = format!("{}{}", doc.before_gap, text.get(..w.start)?);
    Some((Cow::Borrowed(doc.before.as_str()), Cow::Owned(gap)))
}

/// Keeps in `doc` the last word before where the next window will start — after `stop`, or
/// after the last mention found (`out`) when that ends later, as the callers resume — and the
/// text between them (see [`previous_word`]).
fn keep_word_before_next(
    text: &str,
    words: &[Word<'_>],
    (base, stop): (usize, usize),
    doc: &mut Document,
    out: &[Found<'_>],
) {
    let next = out
        .last()
        .map_or(stop, |f| stop.max(f.end().saturating_sub(base)))
        .min(text.len());
    let last = words.iter().rev().find(|w| w.end <= next);
    match last {
        Some(w) => {
            doc.before.clear();
            doc.before
                .push_str(text.get(w.start..w.end).unwrap_or_default());
            doc.before_gap.clear();
            doc.before_gap
                .push_str(text.get(w.end..next).unwrap_or_default());
        }
        // A window of no word before its end: the word before it is still the one before.
        None if doc.before_next == Some(base) => {
            doc.before_gap
                .push_str(text.get(..next).unwrap_or_default());
        }
        None => doc.before.clear(),
    }
    // The text before the next window: this window's up to there, after the tail kept
    // before it when the two are contiguous.
    let kept = document::last_bytes(text.get(..next).unwrap_or_default(), document::TAIL);
    if doc.before_next != Some(base) || kept.len() == document::TAIL {
        doc.tail.clear();
    }
    doc.tail.push_str(kept);
    let excess = doc.tail.len() - document::last_bytes(&doc.tail, document::TAIL).len();
    doc.tail.drain(..excess);
    doc.before_next = Some(base + next);
}

/// How many words after a mention the search may read to settle it (whether the sentence
/// writes the marks a name has): a stream is cut with at least these after any mention that
/// starts before the cut, so what is read does not depend on where the cut falls.
pub(super) const LOOKAHEAD: usize = 6;

/// The language of the text around a mention that starts at word `i` and ends at word `last`,
/// byte `end` (see [`language::tell`]): the text before it, with what the document kept before
/// the window, and the [`LOOKAHEAD`] words after it, which a stream always has.
fn language_around(
    text: &str,
    words: &[Word<'_>],
    doc: &Document,
    (base, i): (usize, usize),
    (last, end): (usize, usize),
) -> Option<whatlang::Lang> {
    let start = words.get(i).map_or(0, |w| w.start);
    let before = text.get(..start).unwrap_or_default();
    let tail = if doc.before_next == Some(base) && before.len() < document::TAIL {
        doc.tail.as_str()
    } else {
        ""
    };
    let after = words
        .get(..=last + LOOKAHEAD)
        .unwrap_or(words)
        .last()
        .and_then(|x| text.get(end..x.end.max(end)))
        .unwrap_or_default();
    language::tell([tail, before], after)
}

/// Settles the candidates starting at word `i` (`w`): a key hit the verifier does not align
/// is dropped, so is the other gender's nominative read as a case form, and the best of the
/// rest is recorded. Says which word to go on from.
fn decide<'g>(
    store: Store<'g>,
    text: &str,
    words: &[Word<'g>],
    scratch: &mut Scratch<'g>,
    doc: &mut Document,
    (base, i): (usize, usize),
    out: &mut Vec<Found<'g>>,
) -> usize {
    let Some(w) = words.get(i) else {
        return i + 1;
    };
    // New Britain, East Germany, Нижний Новгород: a place's name after a capitalised
    // toponymic modifier is another place's name, unless the tables list the whole name (then
    // its match started at the modifier and this word was never reached).
    if !scratch.candidates.is_empty()
        && previous_word(text, words, (base, i), doc)
            .is_some_and(|(before, gap)| modifier::precedes(&before, &gap))
    {
        scratch.candidates.retain(|c| {
            store
                .entity(c.entity as u32)
                .is_none_or(|e| e.kind() != Kind::Place)
        });
    }
    // Marks written on both sides must agree: a mention word spelled with other diacritics
    // than every listed word of the same letters is another name (Andrášik, Andrašík).
    // (The entity is read only when a word writes marks: most words of most texts do not, and
    // a common name's namesakes are read from all over a large file.)
    let writes_marks = |c: &Candidate| {
        (i..=c.last).filter_map(|j| words.get(j)).any(|word| {
            text.get(word.start..word.end)
                .is_some_and(marks::may_contradict)
        })
    };
    if !scratch.candidates.is_empty() {
        scratch.candidates.retain(|c| {
            if !writes_marks(c) {
                return true;
            }
            let Some(entity) = store.entity(c.entity as u32) else {
                return true;
            };
            (i..=c.last).filter_map(|j| words.get(j)).all(|word| {
                text.get(word.start..word.end)
                    .is_none_or(|t| !marks::contradicts(t, entity, |m| store.writes_mark(m)))
            })
        });
    }
    // A word written without marks is not a listed word that has them when the document
    // writes those marks (before the word, or in the words just after the mention): `Ochal`
    // in a Polish text that writes `ł` is another surname than `Ochał`.
    doc.catch_up_marks(false);
    let marks_near = || {
        doc.wrote_marks()
            || (i + 1..=i + store.max_words() + LOOKAHEAD)
                .filter_map(|j| words.get(j))
                .any(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(marks::has_marked_letter)
                })
    };
    if !scratch.candidates.is_empty() && marks_near() {
        // The text's language, told only when a bare word is not contradicted by the marks the
        // text wrote: a Slovak text writes `ľ` in `Bobuľa`, though this one wrote only `š`.
        let mut alphabet: Option<&str> = None;
        let span = scratch
            .candidates
            .iter()
            .map(|c| (c.last, c.end))
            .fold((i, w.end), |a, b| (a.0.max(b.0), a.1.max(b.1)));
        scratch.candidates.retain(|c| {
            // (Read only when a word may be contradicted: see `marks::may_contradict_bare`.)
            let bare = (i..=c.last).filter_map(|j| words.get(j)).any(|word| {
                !word.cyrillic
                    && text
                        .get(word.start..word.end)
                        .is_some_and(marks::may_contradict_bare)
            });
            if !bare {
                return true;
            }
            let Some(entity) = store.entity(c.entity as u32) else {
                return true;
            };
            let ahead = |m: char| {
                (c.last + 1..=c.last + LOOKAHEAD)
                    .filter_map(|j| words.get(j))
                    .filter_map(|w| text.get(w.start..w.end))
                    .any(|t| marks::marked_letters(t).any(|x| x == m))
            };
            let written = |m: char| doc.wrote_mark(m) || ahead(m);
            (i..=c.last).filter_map(|j| words.get(j)).all(|word| {
                word.cyrillic
                    || text.get(word.start..word.end).is_none_or(|t| {
                        // (`|_| true`: whether a listed word could be contradicted at all.)
                        let contradicted = marks::contradicts_bare(t, entity, written)
                            || marks::contradicts_bare(t, entity, |_| true) && {
                                let letters = *alphabet.get_or_insert_with(|| {
                                    language_around(text, words, doc, (base, i), span)
                                        .map_or("", language::alphabet)
                                });
                                !letters.is_empty()
                                    && marks::contradicts_bare(t, entity, |m| letters.contains(m))
                            };
                        !contradicted || marks::renders_cyrillic(t, entity)
                    })
            })
        });
    }
    // A person's surname right after a given name in the nominative is in the nominative too
    // (`Ján Bilka povedal`, `Іван Дейнека сказав`): it is no case form of another surname
    // (Bilko, Дейнеко), however the declension reads it.
    let person = |c: &Candidate| {
        store
            .entity(c.entity as u32)
            .is_some_and(|e| e.kind() == Kind::Person)
    };
    if scratch.candidates.iter().any(|c| c.inflected && person(c)) {
        let nominative = previous_word(text, words, (base, i), doc).is_some_and(|(g, gap)| {
            gap.chars().all(char::is_whitespace)
                && !gap.is_empty()
                && g.chars().next().is_some_and(char::is_uppercase)
                && crate::given_name::is_nominative(&g)
        });
        if nominative {
            scratch.candidates.retain(|c| !(c.inflected && person(c)));
        }
    }
    // A description names its entity only where the document is about the entity's scope.
    if scratch.candidates.iter().any(|c| c.context) {
        scratch
            .candidates
            .retain(|c| !c.context || doc.is_about(store, c.entity));
    }
    verify_keyed(
        store,
        text,
        w,
        &mut scratch.candidates,
        &mut scratch.verdicts,
    );
    drop_counterparts(store, text, w, &mut scratch.candidates, doc);
    // A case form of a name in Latin letters (`Tondera`, `Ďurka`) is read only in text of a
    // language that declines names: in English `Tondera said` is the nominative of another
    // surname, not a case of `Tonder` (see `language`). Asked last, of the few that are left:
    // telling a language is dear.
    // (Only where it changes the choice: `Lukashenka` is a listed name, and a case form of
    // `Lukashenko` besides.)
    let read_as_case_only = |c: &Candidate| {
        c.inflected
            && !scratch
                .candidates
                .iter()
                .any(|d| !d.inflected && d.entity == c.entity && d.end >= c.end)
    };
    if !w.cyrillic && scratch.candidates.iter().any(read_as_case_only) {
        let last = scratch.candidates.iter().map(|c| c.last).max().unwrap_or(i);
        let end = scratch
            .candidates
            .iter()
            .map(|c| c.end)
            .max()
            .unwrap_or(w.end);
        let lang = language_around(text, words, doc, (base, i), (last, end));
        if lang.is_some_and(|l| !language::declines_names(l)) {
            scratch.candidates.retain(|c| !c.inflected);
        }
    }
    let wanted = scratch.ambiguous;
    pick(
        &scratch.candidates,
        doc,
        store,
        (text, w),
        (base, i),
        wanted,
        out,
    )
}

/// Chooses among the candidates starting at word `i` (`w`), records the mention (or the
/// ambiguous name, with its candidates when they are `wanted`), and says which word to go on
/// from.
fn pick<'g>(
    candidates: &[Candidate],
    doc: &mut Document,
    store: Store<'g>,
    (text, w): (&str, &Word<'g>),
    (base, i): (usize, usize),
    wanted: bool,
    out: &mut Vec<Found<'g>>,
) -> usize {
    let (c, how) = match choose(candidates, doc) {
        None => return i + 1,
        Some(Choice::One(c, how)) => (c, how),
        Some(Choice::Several(several)) => {
            // The words of a name no entity is picked for are still that name: none of them
            // is read again as a shorter name (the `Петров` of an ambiguous `Иван Петров` is
            // not a bare surname of a third person).
            let last = several.iter().map(|c| c.last).max().unwrap_or(i);
            let end = several.iter().map(|c| c.end).max().unwrap_or(w.end);
            let candidates = if wanted {
                ranked(store, text.get(w.start..end).unwrap_or_default(), &several)
            } else {
                Vec::new()
            };
            out.push(Found::Ambiguous {
                start: base + w.start,
                end: base + end,
                candidates,
            });
            return last + 1;
        }
    };
    let Some(entity) = store.entity(c.entity as u32) else {
        return i + 1;
    };
    doc.note(c.entity, c.person);
    let (score, why) = scored(&c, how);
    out.push(Found::Mention(Mention {
        start: base + w.start,
        end: base + c.end,
        entity,
        how,
        homoglyph: c.homoglyph,
        score: Mention::millis(score),
        why,
    }));
    c.last + 1
}

/// The score and why of a candidate found in the way `how`.
fn scored(c: &Candidate, how: How) -> (f32, Why) {
    match c.verified {
        Some((score, systems)) => (score, Why::keyed(how, systems)),
        None => (score_of(how), Why::of(how)),
    }
}

/// The entities of an ambiguous name spelled `spelled`, one match each (the best scored of its
/// candidates), ranked as lookup ranks namesakes.
fn ranked<'g>(store: Store<'g>, spelled: &str, several: &[Candidate]) -> Vec<crate::Match<'g>> {
    let mut out: Vec<crate::Match<'g>> = Vec::with_capacity(several.len());
    let mut declined = crate::lookup::Declined::new(spelled);
    for c in several {
        let how = how(c);
        let scored = scored(c, how);
        let Some(m) = store
            .entity(c.entity as u32)
            .and_then(|e| crate::lookup::candidate(e, &mut declined, how, c.homoglyph, scored))
        else {
            continue;
        };
        match out
            .iter_mut()
            .find(|o| std::ptr::eq(o.entity(), m.entity()))
        {
            Some(o) if o.score() < m.score() => *o = m,
            Some(_) => {}
            None => out.push(m),
        }
    }
    crate::lookup::rank(&mut out);
    out
}

/// The key only proposes: a candidate that some word filled through its key stays only when
/// the verifier aligns every word of its span with a word of one of the entity's listed names
/// (or a case form of one), and carries the verifier's score. Verdicts are remembered per
/// spelling and entity.
fn verify_keyed(
    store: Store<'_>,
    text: &str,
    w: &Word<'_>,
    candidates: &mut Vec<Candidate>,
    verdicts: &mut Verdicts,
) {
    candidates.retain_mut(|c| {
        if !c.keyed {
            return true;
        }
        let Some(spelled) = text.get(w.start..c.end) else {
            return false;
        };
        let known = verdicts
            .get(spelled)
            .and_then(|v| v.iter().find(|(e, _)| *e == c.entity))
            .map(|&(_, v)| v);
        let verdict = match known {
            Some(v) => v,
            None => {
                let v = store.entity(c.entity as u32).and_then(|e| {
                    let v = verify_entity(e, spelled, (c.inflected, true, false), |word| {
                        c.person && inflect::is_patronymic(word)
                    })?;
                    Some((v.score, intern(v.systems)))
                });
                if verdicts.len() >= SEEN_MAX {
                    verdicts.clear();
                }
                verdicts
                    .entry(spelled.into())
                    .or_default()
                    .push((c.entity, v));
                v
            }
        };
        c.verified = verdict;
        verdict.is_some()
    });
}

/// Drops a bare surname read as a case form when the word is the other gender's nominative
/// (`Абрамова`, `Zakharova` for a listed `Абрамов`, `Zakharov`): a woman of that surname is
/// another person, and the genitive of the man's is the rarer reading — unless the document
/// named him in full before.
fn drop_counterparts(
    store: Store<'_>,
    text: &str,
    w: &Word<'_>,
    candidates: &mut Vec<Candidate>,
    doc: &Document,
) {
    const MASCULINE: &[&str] = &[
        "ov", "ev", "in", "yn", "ов", "ев", "ёв", "ин", "ын", "оў", "еў", "ін",
    ];
    candidates.retain(|c| {
        let person = store
            .entity(c.entity as u32)
            .is_some_and(|e| e.kind() == crate::table::Kind::Person);
        if !(c.inflected && person && c.end == w.end) || doc.recency(c.entity).is_some() {
            return true;
        }
        let Some(word) = text.get(w.start..w.end) else {
            return true;
        };
        let lower = word.to_lowercase();
        let Some(stem) = lower.strip_suffix(['a', 'а']) else {
            return true;
        };
        if !MASCULINE.iter().any(|m| stem.ends_with(m)) {
            return true;
        }
        let counterpart = store.entity(c.entity as u32).is_some_and(|e| {
            e.names().iter().any(|n| {
                crate::index::word_forms::pattern_words(n.text())
                    .any(|lw| lw.to_lowercase() == stem)
            })
        });
        !counterpart
    });
}

/// A candidate mention of the pattern of `e`, whose first word is `words[i]`, found by its key
/// (`keyed`) or its light fold.
fn try_start(
    store: Store<'_>,
    text: &str,
    words: &[Word<'_>],
    i: usize,
    e: u32,
    keyed: bool,
    doc: &Document,
) -> Option<Candidate> {
    let w = words.get(i)?;
    let pattern = entry_pattern(e);
    let p = store.pattern(pattern)?;
    if p.latent && doc.recency(p.entity as usize).is_none() {
        return None;
    }
    if !admissible(w, e, keyed) {
        return None;
    }
    // A name is capitalized: a lowercase word that is a case form of one is a common word
    // (`путина`, the fishing season; `восточной Европы`, of the east of Europe). A name
    // listed in lowercase (`obwód brzeski`) is found so, in any case form.
    if entry_inflected(e) && !w.capital && !p.lowercase {
        return None;
    }
    if let Some(want) = store.string(p.case_sensitive, 0) {
        if !case_ok(text.get(w.start..w.end)?, want) {
            return None;
        }
    }
    let c = extend(store, text, words, i, pattern, keyed, entry_inflected(e))?;
    (!words.get(c.last).is_some_and(|last| last.glued_after)).then_some(c)
}

/// The groups of a lexeme's occurrences, in the order of [`lexeme_layout`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    /// Those that start a single-word pattern that is not latent.
    Single,
    /// Those that start a latent one (a bare surname).
    Latent,
    /// Those that start a pattern of two words.
    Two,
    /// Those that start a longer pattern.
    Longer,
    /// Both of those: two sorted runs, not one.
    Multi,
    /// Those that end a pattern of two words.
    Second,
    /// Those at the later positions of a longer pattern.
    Inner,
}

/// One group of the occurrences of a reference's lexeme, sorted (but [`Group::Multi`], which
/// is two groups).
fn group<'g>(store: Store<'g>, r: u32, g: Group) -> &'g [u32] {
    let (pool, l) = store.lexeme(r);
    let range = match g {
        Group::Single => l.start as usize..l.latent as usize,
        Group::Latent => l.latent_halves().0,
        Group::Two => l.multi as usize..l.longer as usize,
        Group::Longer => l.longer as usize..l.later as usize,
        Group::Multi => l.multi as usize..l.later as usize,
        Group::Second => l.later as usize..l.inner as usize,
        Group::Inner => l.inner as usize..l.end as usize,
    };
    pool.get(range).unwrap_or_default()
}

/// The entries of one group of the lexemes of `refs`, each with its reference's flags, sorted
/// and without repeats, into `out`. With `next` (the later-position groups of the words that
/// may fill a pattern's second position), only the patterns whose second position is in one of
/// them: see [`followed`].
fn gather(store: Store<'_>, refs: &[u32], g: Group, next: Option<Next<'_>>, out: &mut Vec<u32>) {
    out.clear();
    for &r in refs {
        let own = group(store, r, g);
        match next {
            None => out.extend(own.iter().map(|&o| entry(o, r))),
            Some(next) => {
                for (k, later) in next.groups.iter().enumerate() {
                    // A pair of lexemes that starts no name with the text's gap between them
                    // gives nothing that is kept (the caller drops the patterns that want
                    // another gap): the start filter says so in one read, where intersecting a
                    // common given name's names with a common surname's walked thousands.
                    if let (Some(gap), Some(&b)) = (next.gap, next.lexemes.get(k)) {
                        if !store.may_start(&[ref_lexeme(r) as u32, b], false, gap) {
                            continue;
                        }
                    }
                    followed(own, later, |o| out.push(entry(o, r)));
                }
            }
        }
    }
    // One reference's group is sorted; several, or one met through several later groups (a
    // pattern's second position is in one lexeme's group, but a patronymic's and the word
    // after it may share a lexeme), are merged, and so are the two groups of `Multi`.
    if refs.len() > 1 || next.is_some_and(|n| n.groups.len() > 1) || g == Group::Multi {
        out.sort_unstable();
        out.dedup();
    }
}

/// The words that may fill a pattern's second place, for [`gather`]: their lexemes'
/// later-position groups, and to ask the start filter about each pair before intersecting,
/// each group's lexeme and the gap the kept patterns must want (`None`: any, nothing asked).
#[derive(Clone, Copy)]
struct Next<'a> {
    groups: &'a [&'a [u32]],
    lexemes: &'a [u32],
    gap: Option<&'a str>,
}

/// Calls `hit`, in order, with each occurrence of `firsts` (pattern starts, sorted) whose
/// pattern has its second position in `later` (occurrences, sorted): a galloping
/// intersection, which walks the shorter list and leaps through the longer one, so that a
/// given name that starts a hundred thousand patterns costs little against a rare surname.
fn followed(firsts: &[u32], later: &[u32], mut hit: impl FnMut(u32)) {
    if firsts.len() <= later.len() {
        let mut rest = later;
        for &o in firsts {
            let want = occurrence(entry_pattern(o), 1);
            rest = leap(rest, want);
            if rest.first() == Some(&want) {
                hit(o);
            }
        }
    } else {
        let mut rest = firsts;
        for &l in later.iter().filter(|&&l| entry_pos(l) == 1) {
            let want = occurrence(entry_pattern(l), 0);
            rest = leap(rest, want);
            if rest.first() == Some(&want) {
                hit(want);
            }
        }
    }
}

/// The part of sorted `list` from its first element not less than `want`, found by doubling
/// steps and then a binary search within the last step.
fn leap(list: &[u32], want: u32) -> &[u32] {
    let mut step = 1;
    while list.get(step - 1).is_some_and(|&x| x < want) {
        step *= 2;
    }
    let lo = step / 2;
    let hi = step.min(list.len());
    let within = list.get(lo..hi).unwrap_or_default();
    let at = lo + within.partition_point(|&x| x < want);
    list.get(at..).unwrap_or_default()
}

/// Which word forms and group [`starts`] gathered entries for: the identity of the word's
/// reference slices (they are the store's, so the same slices are the same forms), the flags
/// its keys were filtered by, and the group.
type StartsKey = (WordForm, Group);

/// The entries [`starts`] gathered (through the fold references, through the keyed ones), by
/// what they were gathered for.
type Gathered<K> = Map<K, ([Box<[u32]>; 2], [Box<[(u32, u32)]>; 2])>;

/// Where [`starts`] writes what it gathered: the entries kept, through the fold and by key,
/// and those put aside, with their numbers (see [`Sort`]).
type StartsOut<'a> = ([&'a mut Vec<u32>; 2], [&'a mut Vec<(u32, u32)>; 2]);

/// What [`starts`] does with an entry it gathered.
enum Sort {
    /// Tried wherever the word occurs.
    Keep,
    /// Never tried after this word (the caller's filter depends only on the cache key).
    Drop,
    /// Tried only where a condition of the caller's holds, with a number it reads: a latent
    /// pattern's (a bare surname's) entity, which the document must have named in full (see
    /// `try_start`).
    Aside(u32),
}

/// Merges the entries of `extra` (sorted) into `list` (sorted): candidates are tried in
/// entry order.
fn merge_into(list: &mut Vec<u32>, extra: impl Iterator<Item = u32>) {
    let before = list.len();
    list.extend(extra);
    if list.len() > before {
        list.sort_unstable();
    }
}

/// As [`StartsKey`], for the patterns of several words a word starts that the words after it
/// can continue: the forms of those words (one, or a patronymic and the word after it), and
/// the gap before the next.
type FollowedKey = (WordForm, [WordForm; 2], GapKey);

/// As [`FollowedKey`], for the patterns of three words or more: with the forms of the two
/// words after the next (see `gather_longer`).
type FilledKey = (FollowedKey, [WordForm; 2]);

/// The text between two words as [`gap_ok`] compares it with a pattern's gap: its characters
/// but whitespace, kept when they are few (a full stop, a hyphen, an apostrophe).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
struct GapKey {
    /// The length in bytes, or [`GapKey::LONG`] for a gap of more than `bytes` holds.
    len: u8,
    bytes: [u8; 15],
}

impl GapKey {
    const LONG: u8 = u8::MAX;

    fn of(gap: &str) -> GapKey {
        let mut key = GapKey::default();
        for c in gap.chars().filter(|c| !c.is_whitespace()) {
            let mut buf = [0; 4];
            let c = c.encode_utf8(&mut buf).as_bytes();
            let at = usize::from(key.len);
            match key.bytes.get_mut(at..at + c.len()) {
                Some(slot) => slot.copy_from_slice(c),
                None => {
                    return GapKey {
                        len: Self::LONG,
                        bytes: [0; 15],
                    };
                }
            }
            key.len += c.len() as u8;
        }
        key
    }

    /// Whether the gap is too long to be kept (then it is not compared here: `extend` does).
    fn is_long(self) -> bool {
        self.len == Self::LONG
    }

    /// The gap's characters but whitespace, as a pattern's gap is written; `None` when it is
    /// too long to be kept.
    fn text(&self) -> Option<&str> {
        if self.is_long() {
            return None;
        }
        std::str::from_utf8(self.bytes.get(..usize::from(self.len))?).ok()
    }

    /// Whether a pattern that wants `want` between its words accepts this gap, as
    /// [`gap_ok`] decides.
    fn matches(self, want: &str) -> bool {
        self.bytes.get(..usize::from(self.len)) == Some(want.as_bytes())
    }
}

/// A word's forms as [`starts`] keys them: its reference slices' identity and the two flags
/// that decide which of its keyed references are admissible. All zeros for no word.
type WordForm = (usize, usize, usize, usize, bool, bool);

fn word_form(w: &Word<'_>) -> WordForm {
    (
        w.folds.as_ptr() as usize,
        w.folds.len(),
        w.keys.as_ptr() as usize,
        w.keys.len(),
        w.capital,
        w.cyrillic,
    )
}

/// [`gather_starts`] for word `w` (`keys`: its admissible keyed references; `next`: the
/// later-position groups of the words that may fill a pattern's second place), kept, dropped
/// or put aside by `sort`, remembered in `cache` under `key` (the word form and group, or the
/// word form and what follows it; `sort` must depend on nothing else): a document names its
/// people over and over, and a common surname's key reaches dozens of lexemes whose
/// occurrences are gathered, sorted and merged each time. `sort` reads a pattern once for
/// the key, where trying it read it at every occurrence.
fn starts<K: std::hash::Hash + Eq>(
    store: Store<'_>,
    (cache, key): (&mut Gathered<K>, K),
    (w, keys): (&Word<'_>, &[u32]),
    (g, next, sort): (Group, Option<Next<'_>>, impl Fn(u32) -> Sort),
    (out, aside_out): StartsOut<'_>,
) {
    let [fold_out, key_out] = out;
    if let Some(([folds, keyed], aside)) = cache.get(&key) {
        fold_out.clear();
        fold_out.extend_from_slice(folds);
        key_out.clear();
        key_out.extend_from_slice(keyed);
        for (to, from) in aside_out.into_iter().zip(aside) {
            to.clear();
            to.extend_from_slice(from);
        }
        return;
    }
    gather_starts(
        store,
        [w.folds, keys],
        g,
        next,
        [&mut *fold_out, &mut *key_out],
    );
    let [aside, aside_keyed] = aside_out;
    for (list, aside) in [&mut *fold_out, &mut *key_out]
        .into_iter()
        .zip([&mut *aside, &mut *aside_keyed])
    {
        aside.clear();
        list.retain(|&e| match sort(e) {
            Sort::Keep => true,
            Sort::Drop => false,
            Sort::Aside(number) => {
                aside.push((number, e));
                false
            }
        });
    }
    if cache.len() >= SEEN_MAX {
        cache.clear();
    }
    cache.insert(
        key,
        (
            [fold_out.as_slice().into(), key_out.as_slice().into()],
            [aside.as_slice().into(), aside_keyed.as_slice().into()],
        ),
    );
}

/// The entries of group `g` through a word's fold references and its admissible keyed ones,
/// into `out` (sorted): one per occurrence, the one that is not a case form where there is
/// one, and none by key where the fold has the occurrence. Candidates of one pattern differ
/// only in rank (found by key, through a case form), and `choose` always prefers the better
/// ranked of a pattern's candidates, so the others could never be chosen.
fn gather_starts(
    store: Store<'_>,
    refs: [&[u32]; 2],
    g: Group,
    next: Option<Next<'_>>,
    out: [&mut Vec<u32>; 2],
) {
    let [folds, keys] = refs;
    let [fold_out, key_out] = out;
    gather(store, folds, g, next, fold_out);
    best_per_occurrence(fold_out);
    gather(store, keys, g, next, key_out);
    best_per_occurrence(key_out);
    if !fold_out.is_empty() {
        key_out.retain(|&e| {
            fold_out
                .binary_search_by_key(&(e & !3), |&f| f & !3)
                .is_err()
        });
    }
}

/// Keeps one of each run of sorted entries of one occurrence: the first that is not a case
/// form, else the first.
fn best_per_occurrence(entries: &mut Vec<u32>) {
    let mut kept: usize = 0;
    for i in 0..entries.len() {
        let Some(&e) = entries.get(i) else {
            break;
        };
        match kept.checked_sub(1).and_then(|k| entries.get_mut(k)) {
            Some(last) if *last & !3 == e & !3 => {
                if entry_inflected(*last) && !entry_inflected(e) {
                    *last = e;
                }
            }
            _ => {
                if let Some(slot) = entries.get_mut(kept) {
                    *slot = e;
                }
                kept += 1;
            }
        }
    }
    entries.truncate(kept);
}

/// The patterns (with their entities) of the latent occurrences of the lexemes of `folds` and
/// `keys`, sorted by pattern.
fn latent_entities(store: Store<'_>, folds: &[u32], keys: &[u32]) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for &r in folds.iter().chain(keys) {
        let (pool, l) = store.lexeme(r);
        let (occurrences, entities) = l.latent_halves();
        let occurrences = pool.get(occurrences).unwrap_or_default();
        let entities = pool.get(entities).unwrap_or_default();
        out.extend(
            occurrences
                .iter()
                .zip(entities)
                .map(|(&o, &entity)| (entry_pattern(o), entity)),
        );
    }
    out.sort_unstable();
    out.dedup_by_key(|&mut (p, _)| p);
    out
}

/// Whether the lexeme of `r` occurs at `o` (an occurrence of a pattern of `len` words).
fn occurs(store: Store<'_>, r: u32, o: u32, len: u32) -> bool {
    let g = match (entry_pos(o), len) {
        (0, 1) if group(store, r, Group::Latent).binary_search(&o).is_ok() => return true,
        (0, 1) => Group::Single,
        (0, 2) => Group::Two,
        (0, _) => Group::Longer,
        (_, 2) => Group::Second,
        _ => Group::Inner,
    };
    group(store, r, g).binary_search(&o).is_ok()
}

/// Whether the word after `words[i]` could be a patronymic that a pattern skips.
fn next_is_patronymic(text: &str, words: &[Word<'_>], i: usize) -> bool {
    words.get(i + 1).is_some_and(|n| is_patronymic(text, n))
}

/// What [`choose`] decides.
enum Choice {
    /// One entity.
    One(Candidate, How),
    /// Several entities, equally good, and the document does not say which: the best-ranked
    /// candidate of each.
    Several(Vec<Candidate>),
}

/// The best of the candidates starting at one word: the longest; for a bare surname, the
/// bearer named in full most recently; otherwise the best-ranked, if it names one entity (or
/// one the document has mentioned before). Several entities the document does not tell apart
/// are [`Choice::Several`]: ambiguity is never guessed.
fn choose(candidates: &[Candidate], doc: &Document) -> Option<Choice> {
    let end = candidates.iter().map(|c| c.end).max()?;
    let longest = candidates.iter().filter(|c| c.end == end);
    // A bare surname: the person named in full most recently, if any shares it.
    let surname = longest
        .clone()
        .filter(|c| c.surname)
        .filter_map(|c| Some((doc.recency(c.entity)?, c)))
        .max_by_key(|(r, c)| (*r, std::cmp::Reverse(c.rank())));
    if let Some((_, c)) = surname {
        return Some(Choice::One(
            *c,
            if c.latent { How::Coreference } else { how(c) },
        ));
    }
    let settled = longest.filter(|c| !c.latent);
    let best = settled.clone().map(Candidate::rank).min()?;
    let mut top = settled.filter(|c| c.rank() == best);
    let first = top.next()?;
    if top.clone().all(|c| c.entity == first.entity) {
        return Some(Choice::One(*first, how(first)));
    }
    // Several entities: the one the document spoke of lately, if exactly one candidate is.
    let all = std::iter::once(first).chain(top);
    let mut known = all.clone().filter(|c| doc.mentioned(c.entity));
    if let Some(only) = known.next() {
        if known.all(|c| c.entity == only.entity) {
            return Some(Choice::One(*only, how(only)));
        }
    }
    Some(Choice::Several(all.copied().collect()))
}

fn how(c: &Candidate) -> How {
    if c.inflected {
        How::Inflection
    } else if c.keyed {
        How::Key
    } else if c.derived {
        How::Words
    } else {
        How::Alias
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `followed` must find, by brute force: each first-position occurrence whose
    /// pattern has its second position among `later`.
    fn followed_by_hand(firsts: &[u32], later: &[u32]) -> Vec<u32> {
        firsts
            .iter()
            .copied()
            .filter(|&o| later.contains(&occurrence(entry_pattern(o), 1)))
            .collect()
    }

    /// Sorted, distinct occurrences of patterns below `patterns` at positions below `positions`.
    fn occurrences(patterns: u32, positions: u32) -> impl Strategy<Value = Vec<u32>> {
        prop::collection::btree_set((0..patterns, 0..positions), 0..200).prop_map(|set| {
            set.into_iter()
                .map(|(p, pos)| occurrence(p as usize, pos as usize))
                .collect()
        })
    }

    proptest! {
        // Both walks (the shorter list may be either) and every ratio of lengths, including
        // empty lists and lists of one pattern.
        #[test]
        fn followed_finds_what_a_search_by_hand_finds(
            firsts in occurrences(400, 1),
            later in occurrences(400, 4),
        ) {
            let mut got = Vec::new();
            followed(&firsts, &later, |o| got.push(o));
            prop_assert_eq!(got, followed_by_hand(&firsts, &later));
        }

        #[test]
        fn leap_stops_at_the_first_element_not_less(
            list in prop::collection::btree_set(0u32..1000, 0..300),
            want in 0u32..1100,
        ) {
            let list: Vec<u32> = list.into_iter().collect();
            let at = list.partition_point(|&x| x < want);
            prop_assert_eq!(leap(&list, want), &list[at..]);
        }
    }
}
