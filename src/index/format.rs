//! The compiled index: the format that lookup and mention finding read, whoever wrote it —
//! `build.rs` as static arrays and `phf` maps for the built-in tables, or the compiler at run
//! time (`super::compile`) into a [`Compiled`] for a gazetteer built from a user's tables.
//!
//! Strings of the patterns live in one text pool and are referred to by spans, so the compiled
//! data has the same shape whether it is a static array or a `Vec`. The packed integers that
//! tie word forms to pattern positions (lexeme references, occurrences, entries) are written
//! and read through the functions here only.
//!
//! This module is compiled into `build.rs` too (through `#[path]`), with the compiler.

use crate::str_map::StrMap;
use crate::table::Derivation;

/// A range of a pool: `start..end`.
pub type Span = (u32, u32);

/// What a folded form points to: one entity, or several when a derived form is ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    /// The entities (indices into the entity list), a span of [`Compiled::form_entities`].
    pub entities: Span,
    /// The name row the form came from: `(entity index, position among its names)`.
    pub name: (u32, u32),
    /// How the form was obtained from that row.
    pub derivation: Derivation,
}

/// One name of one entity, as a sequence of words, for running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Index into the entity list.
    pub entity: u32,
    /// Number of words.
    pub len: u32,
    /// The non-space characters between consecutive words (`/` in `RFE/RL`): a span of
    /// [`Compiled::spans`], each of which is a span of [`Compiled::text`].
    pub gaps: Span,
    /// The dots that end an abbreviated name (`E.U.`): a span of [`Compiled::text`].
    pub tail: Span,
    /// For a case-sensitive name, its words as they must be written (a span of
    /// [`Compiled::spans`]); empty otherwise.
    pub case_sensitive: Span,
    /// A derived form (other word order, no patronymic, an initial) rather than a listed name.
    pub derived: bool,
    /// A surname alone.
    pub surname: bool,
    /// A surname alone that stands for its bearer only after the full name was read.
    pub latent: bool,
    /// A person's full name: a later bare surname may refer back to it.
    pub person: bool,
    /// A description (`ctx` flag): it names the entity only in a document about its scope.
    pub context: bool,
    /// The name starts with a lowercase letter as listed (`obwód brzeski`): running text may
    /// write its case forms in lowercase too (`w obwodzie brzeskim`), where a capitalized name's
    /// lowercase case form is a common word.
    pub lowercase: bool,
}

/// The compiled tables.
#[derive(Clone, Debug, Default)]
pub struct Compiled {
    /// Each entity's name rows (indices into [`Tables::names`]), in table order.
    pub entity_names: Vec<Vec<usize>>,
    /// Light folds of listed and derived names.
    pub aliases: StrMap<Form>,
    /// Keys of listed and derived names, and of names written without spaces.
    pub keys: StrMap<Form>,
    /// Persons' name keys as sorted word sets.
    pub token_sets: StrMap<Form>,
    /// The same with given names stemmed.
    pub stem_sets: StrMap<Form>,
    /// The lookup-only names (`notext`) of up to three words by their first word's stem (see
    /// [`super::word_forms::stem_key`]). Case forms come from the text patterns, which such a
    /// name has none of (the towns of a gazetteer named like a word or a surname): whole-name
    /// lookup finds theirs (`w Lublinie`, `у Львові`) by cutting the name looked up to stems
    /// and letting the declension rules of each name found there decide.
    pub stems: StrMap<Form>,
    /// The entity lists of the forms.
    pub form_entities: Vec<u32>,
    /// The most words any indexed form has.
    pub max_name_words: usize,
    /// The marked letters (lowercase, sorted) that the names of the users' tables write, not
    /// those of the built-in tables: a table that writes `á` in some names writes `a` on
    /// purpose in the others (see `matcher::marks::contradicts`).
    pub written_marks: Vec<char>,
    /// The text patterns.
    pub patterns: Vec<Pattern>,
    /// Spans of [`Compiled::text`], referred to by patterns.
    pub spans: Vec<Span>,
    /// Every string the patterns refer to.
    pub text: String,
    /// The most words a pattern has.
    pub max_words: usize,
    /// Each lexeme's occurrences in the patterns (see [`occurrence`]), in the layout the
    /// matcher searches (see [`lexeme_layout`]).
    pub lexemes: Vec<Lexeme>,
    /// The occurrences of all lexemes.
    pub occurrences: Vec<u32>,
    /// Light fold of a word form → the lexemes it is a form of (see [`lexeme_ref`]): a span of
    /// [`Compiled::refs`].
    pub fold_index: StrMap<Span>,
    /// Key of a word form → the lexemes it is a form of.
    pub key_index: StrMap<Span>,
    /// The lexeme references of both indexes.
    pub refs: Vec<u32>,
    /// Bloom filters over the keys of [`Compiled::fold_index`] and [`Compiled::key_index`]
    /// (see [`filter_of`]).
    pub fold_filter: Vec<u64>,
    pub key_filter: Vec<u64>,
    /// A Bloom filter over the words of the keys of [`Compiled::token_sets`] and
    /// [`Compiled::stem_sets`]: a name with a word in no set is in none, and whole-name lookup
    /// tells so without joining, sorting and hashing its words (most names looked up in bulk
    /// are in no table).
    pub set_word_filter: Vec<u64>,
    /// A Bloom filter over the starts of the patterns of several words: the lexemes of the
    /// first two words and the first gap of every such pattern, and of the first three words of
    /// the longer ones (see [`super::filter::start_place`]). Most pairs of words of running text
    /// whose first starts patterns and whose second is a word of some pattern start none
    /// together (`и т`, a preposition after a one-letter word that is also an initial): the
    /// matcher asks the filter before it intersects the two words' occurrences, which in a
    /// table of a million persons are lists of a hundred thousand. Empty: no filter (ask
    /// nothing of it).
    pub start_filter: Vec<u64>,
    /// The indices of the organizations and media outlets among the entities, found on first
    /// use by organization-name lookup (`crate::org`), which reads only these.
    pub organizations: std::sync::OnceLock<Vec<u32>>,
}

/// Where a lexeme's occurrences are in [`Compiled::occurrences`], each group sorted: those that
/// start a single-word pattern at `start..latent`; those that start a latent one (a bare
/// surname that matches only in a document that named its bearer, see `Pattern::latent`) in
/// the first half of `latent..multi`, and their patterns' entities, in the same order, in the
/// second half (so that the matcher learns whose surname it is without reading the pattern: a
/// common word is the surname of thousands of people of a large table); those that start a
/// pattern of two words at `multi..longer`, a longer one at `longer..later`; those that end a
/// pattern of two words at `later..inner`; those at the other later positions (of longer
/// patterns) at `inner..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lexeme {
    pub start: u32,
    pub latent: u32,
    pub multi: u32,
    pub longer: u32,
    pub later: u32,
    pub inner: u32,
    pub end: u32,
}

impl Lexeme {
    /// Where the latent occurrences are, and where their entities (see [`Lexeme`]): the two
    /// halves of `latent..multi` (an odd last element, which only a damaged file could hold,
    /// in neither).
    pub fn latent_halves(&self) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let (at, n) = (
            self.latent as usize,
            (self.multi.saturating_sub(self.latent) / 2) as usize,
        );
        (at..at + n, at + n..at + 2 * n)
    }
}

impl Compiled {
    /// The references of an index span.
    pub fn refs_of(&self, span: Span) -> &[u32] {
        self.refs
            .get(span.0 as usize..span.1 as usize)
            .unwrap_or_default()
    }
}

/// The most patterns the entry encoding can address.
pub const MAX_PATTERNS: usize = 1 << 24;
/// The most words a pattern may have.
pub const MAX_PATTERN_WORDS: usize = 60;

/// The most lexemes the reference encoding can address.
pub const MAX_LEXEMES: usize = 1 << 30;

/// The word index is two-level. A *lexeme* is a pattern word together with what its case forms
/// depend on (its language, whether it ends its name, how the name is flagged); a folded word
/// form points to the lexemes it is a form of, and each lexeme lists its *occurrences*, the
/// pattern positions it fills. Many patterns share words (given names above all), so this
/// stores each case form once per lexeme instead of once per pattern.
///
/// An occurrence packs the pattern and the word's position: `pattern << 8 | position << 2`.
pub fn occurrence(pattern: usize, position: usize) -> u32 {
    ((pattern as u32) << 8) | ((position as u32) << 2)
}

/// A lexeme reference packs the lexeme, whether the form is Cyrillic and whether it is a case
/// form rather than the nominative: `lexeme << 2 | cyrillic << 1 | inflected`.
pub fn lexeme_ref(lexeme: usize, cyrillic: bool, inflected: bool) -> u32 {
    ((lexeme as u32) << 2) | (u32::from(cyrillic) << 1) | u32::from(inflected)
}

/// The lexeme of a reference.
pub fn ref_lexeme(r: u32) -> usize {
    (r >> 2) as usize
}

/// An *entry* is an occurrence reached through a reference: the occurrence with the
/// reference's two flags, `pattern << 8 | position << 2 | cyrillic << 1 | inflected`.
pub fn entry(occurrence: u32, r: u32) -> u32 {
    occurrence | (r & 3)
}

/// The pattern of an entry.
pub fn entry_pattern(e: u32) -> usize {
    (e >> 8) as usize
}

/// The word position of an entry.
pub fn entry_pos(e: u32) -> usize {
    ((e >> 2) & 0x3f) as usize
}

/// Whether an entry's form is Cyrillic.
pub fn entry_cyrillic(e: u32) -> bool {
    e & 2 == 2
}

/// Whether an entry's form is a case form rather than the nominative.
pub fn entry_inflected(e: u32) -> bool {
    e & 1 == 1
}

/// The order of a lexeme's occurrences, which the matcher relies on: those that start a
/// single-word pattern, then those that start a latent one, then those that start a pattern
/// of two words, then those that start a longer one, then those that end a pattern of two
/// words, then those at the other later positions (the group, 0 to 5, returned first), each
/// group in pattern order, so that it can be searched. `words`: how many words the pattern
/// has; `latent`: whether it is latent.
pub fn lexeme_layout(occurrence: u32, words: usize, latent: bool) -> (u8, u32) {
    let group = match (entry_pos(occurrence), words) {
        (0, 0 | 1) if latent => 1,
        (0, 0 | 1) => 0,
        (0, 2) => 2,
        (0, _) => 3,
        (_, 2) => 4,
        _ => 5,
    };
    (group, occurrence)
}
