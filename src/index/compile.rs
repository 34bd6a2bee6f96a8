//! Compiling entity tables into the indexes that whole-name lookup and mention finding read.
//!
//! This is the one place where table rows become lookup forms and text patterns. It is
//! compiled into `build.rs` (through `#[path]`), which writes the result out as `phf` maps and
//! static arrays for the built-in tables, and into the crate, where [`crate::Gazetteer`] keeps
//! the result in hash maps for tables loaded at run time — so the two cannot disagree.
//!
//! Two indexes come out:
//! - *forms* for whole-name lookup: every listed name and its derived forms
//!   (`table::shapes`), folded (light fold and key) and, for persons, as word sets;
//! - *patterns* for running text: every name that may appear in text as a sequence of words,
//!   each word expanded into its case forms ([`inflect::inflections`]), and two maps from a
//!   folded word form to the pattern positions it may fill, through lexemes (see
//!   [`occurrence`]).
//!
//! What comes out is the format of `super::format`, which run time reads; this module is only
//! the writer, and nothing at run time but a gazetteer's builder calls it.

use std::collections::BTreeSet;
use std::collections::hash_map::Entry;

use super::filter::{filter_insert, filter_of, filter_words, start_place};
use super::format::{
    Compiled, Form, Lexeme, MAX_LEXEMES, MAX_PATTERN_WORDS, MAX_PATTERNS, Pattern, Span,
    entry_pattern, lexeme_layout, lexeme_ref, occurrence,
};
use super::word_forms::{
    FormWork, WordForm, borrowed_by_west_slavic, final_word_forms, word_forms,
};
use crate::fold;
use crate::inflect;
use crate::str_map::{Map, StrMap};
use crate::table::{
    Derivation, Kind, NameRow, Part, Shape, TableError, TableErrorKind, Tables, is_capitalized,
};

/// The error for two listed names of different entities that fold alike, when namesakes are
/// refused (the built-in tables: see [`compile`]): it names both rows and is placed at the later.
fn namesake_error(
    names: &[NameRow],
    first: usize,
    later: usize,
    what: &str,
    form: &str,
) -> Option<TableError> {
    let (a, b) = (names.get(first)?, names.get(later)?);
    Some(TableError {
        path: b.path.to_string(),
        line: b.line,
        kind: TableErrorKind::Conflict,
        message: format!(
            "{what} of {:?} ({}) is {form:?}, the same as that of {:?} ({}) at {}:{}; make one of them `exact`, or tell them apart",
            b.name, b.id, a.name, a.id, a.path, a.line
        ),
    })
}

/// What one folded form points to while the maps are being built. There are millions of
/// slots in a large table and few have a second entity, so the others are kept aside
/// ([`Forms::more`]) and a slot is sixteen bytes.
struct Slot {
    /// The first entity; most forms have no other.
    first: u32,
    /// The other distinct entities, in order of first appearance: 1 + their list's index in
    /// [`Forms::more`], or 0 for none.
    more: u32,
    /// The name row of the first entry, for provenance and error messages.
    row: u32,
    derivation: Derivation,
}

impl Slot {
    fn new(entity: u32, row: usize, derivation: Derivation) -> Slot {
        Slot {
            first: entity,
            more: 0,
            // More rows than that do not fit in memory: the slot would only lose its row.
            row: u32::try_from(row).unwrap_or(u32::MAX),
            derivation,
        }
    }

    /// Where the slot's other entities are in the lists kept aside, if it has any.
    fn list(&self) -> Option<usize> {
        (self.more as usize).checked_sub(1)
    }

    /// The slot's other entities, from the lists kept aside.
    fn more<'m>(&self, more: &'m [Vec<u32>]) -> &'m [u32] {
        let list = self.list().and_then(|i| more.get(i));
        list.map_or(&[], Vec::as_slice)
    }

    fn has(&self, entity: u32, more: &[Vec<u32>]) -> bool {
        self.first == entity || self.more(more).contains(&entity)
    }

    fn add(&mut self, entity: u32, more: &mut Vec<Vec<u32>>) {
        match self.list().and_then(|i| more.get_mut(i)) {
            Some(list) => list.push(entity),
            None => {
                more.push(vec![entity]);
                self.more = more.len() as u32;
            }
        }
    }
}

/// Compiles `tables` (already validated row by row).
///
/// Listed names of different entities that fold to the same spelling or key are *namesakes*:
/// the form keeps every entity, and lookup reports it as ambiguous (as it does derived forms
/// that collide). With `refuse_namesakes` they are an error naming both rows instead: the
/// built-in tables are curated, and there a shared name is a mistake to fix (or a name to mark
/// `exact`), not data — `build.rs` compiles them so.
pub fn compile(tables: &Tables, refuse_namesakes: bool) -> (Compiled, Vec<TableError>) {
    let mut out = Compiled::default();
    let mut errors = Vec::new();
    let index = tables.index();
    // Each name row's entity, or None for a row whose ID is unknown (reported when parsed).
    let row_entity: Vec<Option<usize>> = tables
        .names
        .iter()
        .map(|r| index.get(&*r.id).copied())
        .collect();
    out.entity_names = vec![Vec::new(); tables.entities.len()];
    let mut position = vec![(0u32, 0u32); tables.names.len()];
    for (r, e) in row_entity.iter().enumerate() {
        if let Some(names) = e.and_then(|e| out.entity_names.get_mut(e)) {
            if let (Some(p), Some(e)) = (position.get_mut(r), e) {
                *p = (*e as u32, names.len() as u32);
            }
            names.push(r);
        }
    }
    // The lookup forms and the text patterns are independent: compile them at once.
    let (text, text_errors) = std::thread::scope(|scope| {
        let text = scope.spawn(|| {
            let mut text = Compiled::default();
            let mut errors = Vec::new();
            patterns(tables, &row_entity, &mut text, &mut errors);
            (text, errors)
        });
        lookup_forms(
            tables,
            &row_entity,
            &position,
            &mut out,
            &mut errors,
            refuse_namesakes,
        );
        // A panic in the other half is a bug; re-raise it here.
        text.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    errors.extend(text_errors);
    out.patterns = text.patterns;
    out.spans = text.spans;
    out.text = text.text;
    out.max_words = text.max_words;
    out.lexemes = text.lexemes;
    out.occurrences = text.occurrences;
    out.fold_index = text.fold_index;
    out.key_index = text.key_index;
    out.refs = text.refs;
    out.fold_filter = text.fold_filter;
    out.key_filter = text.key_filter;
    out.start_filter = text.start_filter;
    out.written_marks = written_marks(tables);
    (out, errors)
}

/// The marked letters the name rows of the users' tables write (origin 0 is the built-in
/// tables when they are loaded, and the canonical names no row lists), lowercase and sorted.
fn written_marks(tables: &Tables) -> Vec<char> {
    let mut marks: Vec<char> = tables
        .names
        .iter()
        .filter(|r| r.origin > 0)
        .flat_map(|r| r.name.chars().flat_map(char::to_lowercase))
        .filter(|&c| fold::is_marked(c))
        .collect();
    marks.sort_unstable();
    marks.dedup();
    marks
}

/// Fills the maps of whole-name lookup and their entity lists.
fn lookup_forms(
    tables: &Tables,
    row_entity: &[Option<usize>],
    position: &[(u32, u32)],
    out: &mut Compiled,
    errors: &mut Vec<TableError>,
    refuse_namesakes: bool,
) {
    let mut forms = Forms {
        names: &tables.names,
        errors,
        refuse_namesakes,
        maps: Default::default(),
        more: Vec::new(),
    };
    forms.collect(tables, row_entity);
    let [aliases, keys, token_sets, stem_sets, stems] = forms.maps;
    let more = forms.more;
    out.max_name_words = keys
        .keys()
        .chain(token_sets.keys())
        .map(|k| k.split(' ').count())
        .max()
        .unwrap_or(0);
    let form_entities = &mut out.form_entities;
    let mut form = |_: &str, slot: Slot| {
        let start = form_entities.len() as u32;
        form_entities.push(slot.first);
        form_entities.extend(slot.more(&more));
        Form {
            entities: (start, form_entities.len() as u32),
            name: position.get(slot.row as usize).copied().unwrap_or_default(),
            derivation: slot.derivation,
        }
    };
    let set_words: std::collections::HashSet<&str> = token_sets
        .keys()
        .chain(stem_sets.keys())
        .flat_map(|k| k.split(' '))
        .collect();
    out.set_word_filter = filter_of(set_words.into_iter());
    out.aliases = aliases.map_values(&mut form);
    out.keys = keys.map_values(&mut form);
    out.token_sets = token_sets.map_values(&mut form);
    out.stem_sets = stem_sets.map_values(&mut form);
    out.stems = stems.map_values(&mut form);
}

/// The lookup forms while they are collected: aliases, keys, token sets, stem sets.
struct Forms<'t, 'e> {
    names: &'t [NameRow],
    errors: &'e mut Vec<TableError>,
    /// Listed names of different entities that fold alike are errors (see [`compile`]).
    refuse_namesakes: bool,
    maps: [StrMap<Slot>; 5],
    /// The lists of other entities of the slots that have any (see [`Slot::more`]).
    more: Vec<Vec<u32>>,
}

const ALIASES: usize = 0;
const KEYS: usize = 1;
const TOKEN_SETS: usize = 2;
const STEM_SETS: usize = 3;
const STEMS: usize = 4;

impl Forms<'_, '_> {
    /// Folds every listed and derived form. Forms of different entities that collide are kept
    /// as ambiguous (listed names too, unless namesakes are refused), so a lookup of them says
    /// so instead of guessing.
    ///
    /// The forms of a name are its words in other orders ([`Shape`]), and the light fold and
    /// the key of a name are those of its words joined by spaces (no token crosses a space),
    /// so each word is folded and keyed once and the forms are joined from the pieces.
    fn collect(&mut self, tables: &Tables, row_entity: &[Option<usize>]) {
        // Buffers reused over all names: a form is copied only when it is new.
        let mut pieces = Pieces::default();
        let (mut form, mut key, mut bare) = (String::new(), String::new(), String::new());
        for (r, row) in tables.names.iter().enumerate() {
            let Some(e) = row_entity.get(r).copied().flatten() else {
                continue;
            };
            let Some((kind, canonical)) = tables.entities.get(e).map(|e| (e.kind, &e.canonical))
            else {
                continue;
            };
            if row.flags.no_text && super::word_forms::declined_in_lookup(&row.name, canonical) {
                // A lookup-only name by its first word's stem (see `Compiled::stems`). Several
                // entities may share a stem: that is no conflict, their declension decides.
                if super::word_forms::stem_key(&row.name, &mut form) {
                    self.insert(STEMS, &form, e, r, Derivation::Reordered, "stem");
                }
            }
            let words: Vec<&str> = crate::table::words(&row.name).collect();
            let shapes = crate::table::shapes(kind, row, &words);
            let initials = shapes.iter().any(|s| s.has_initials());
            pieces.fold_words(&words, initials, row.flags.exact);
            for &shape in shapes {
                let derivation = shape.derivation();
                pieces.join(shape, words.len(), false, &mut form);
                self.insert(ALIASES, &form, e, r, derivation, "spelling");
                if row.flags.exact {
                    continue;
                }
                pieces.join(shape, words.len(), true, &mut key);
                // The word sets of the other orders are those of the listed name and of the
                // first order without the patronymic.
                // A name with a nasab keeps its order (`crate::table::has_nasab`).
                let new_set = matches!(shape, Shape::Listed | Shape::FirstLast)
                    && !crate::table::has_nasab(&words);
                if kind == Kind::Person && key.contains(' ') && new_set {
                    for (map, stem) in [(TOKEN_SETS, false), (STEM_SETS, true)] {
                        form.clear();
                        fold::word_set_into(&key, stem, &mut form);
                        self.insert(map, &form, e, r, Derivation::Reordered, "key");
                    }
                }
                // The name written without spaces or punctuation (a hashtag, a URL slug).
                pieces.join_bare(shape, words.len(), &mut bare);
                form.clear();
                fold::key_into(&bare, fold::Homoglyphs::NONE, &mut form);
                if form != key {
                    self.insert(KEYS, &form, e, r, Derivation::Reordered, "key");
                }
                self.insert(KEYS, &key, e, r, derivation, "key");
            }
        }
    }

    fn insert(
        &mut self,
        map: usize,
        form: &str,
        entity: usize,
        row: usize,
        derivation: Derivation,
        what: &'static str,
    ) {
        let Forms {
            names,
            errors,
            refuse_namesakes,
            maps,
            more,
        } = self;
        let Some(map) = maps.get_mut(map) else {
            return;
        };
        if form.is_empty() {
            return;
        }
        let entity = entity as u32;
        let (i, inserted) = map.index_or_insert(form, || Slot::new(entity, row, derivation));
        let Some(slot) = map.value_at_mut(i).filter(|_| !inserted) else {
            return;
        };
        if slot.has(entity, more) {
            if derivation < slot.derivation {
                slot.derivation = derivation;
                slot.row = u32::try_from(row).unwrap_or(u32::MAX);
            }
            return;
        }
        match (
            derivation == Derivation::Listed,
            slot.derivation == Derivation::Listed,
        ) {
            (true, true)
                if *refuse_namesakes
                    && ![slot.row as usize, row]
                        .iter()
                        .any(|&r| names.get(r).is_some_and(|n| n.flags.shared)) =>
            {
                errors.extend(namesake_error(names, slot.row as usize, row, what, form));
            }
            // Namesakes: one form, ambiguous between them.
            (true, true) => slot.add(entity, more),
            // A listed name wins over forms derived for other entities.
            (true, false) => *slot = Slot::new(entity, row, derivation),
            (false, true) => {}
            (false, false) => slot.add(entity, more),
        }
    }
}

/// The light folds and keys of a name's words, and of each word's initial, from which the
/// folds and keys of its forms are joined (see [`Forms::collect`]).
#[derive(Default)]
struct Pieces {
    /// Each word's initial and a dot (`А.`), one after another, when the name has a shape
    /// with initials.
    initials: String,
    /// Where each initial is in `initials`.
    initial_spans: Vec<(usize, usize)>,
    /// Folds (then keys) of the words, one after another, each followed by the initials'.
    text: String,
    folds: Vec<Span>,
    keys: Vec<Span>,
    /// The letters and digits of each word, and of each initial.
    bare: Vec<Span>,
    /// Where each piece is written first (folding appends a space to a non-empty buffer).
    scratch: String,
}

impl Pieces {
    fn fold_words(&mut self, words: &[&str], initials: bool, exact: bool) {
        self.text.clear();
        self.folds.clear();
        self.keys.clear();
        self.bare.clear();
        self.initials.clear();
        self.initial_spans.clear();
        for word in words {
            let start = self.initials.len();
            if let Some(c) = word.chars().next().filter(|_| initials) {
                self.initials.push(c);
                self.initials.push('.');
            }
            self.initial_spans.push((start, self.initials.len()));
        }
        let initial = |i: usize| -> &str {
            self.initial_spans
                .get(i)
                .and_then(|&(a, b)| self.initials.get(a..b))
                .unwrap_or_default()
        };
        let all: Vec<&str> = words
            .iter()
            .copied()
            .chain((0..words.len()).map(initial))
            .collect();
        for word in &all {
            self.scratch.clear();
            fold::fold_into(word, fold::Homoglyphs::NONE, &mut self.scratch);
            self.folds.push(push_text(&mut self.text, &self.scratch));
        }
        for word in &all {
            self.scratch.clear();
            if !exact {
                fold::key_into(word, fold::Homoglyphs::NONE, &mut self.scratch);
            }
            self.keys.push(push_text(&mut self.text, &self.scratch));
        }
        for word in &all {
            let start = self.text.len() as u32;
            self.text
                .extend(word.chars().filter(|c| c.is_alphanumeric()));
            self.bare.push((start, self.text.len() as u32));
        }
    }

    /// Writes `shape` of the name of `n` words without spaces or punctuation into `out`.
    fn join_bare(&self, shape: Shape, n: usize, out: &mut String) {
        out.clear();
        for part in shape.parts(n) {
            out.push_str(self.piece(&self.bare, part, n));
        }
    }

    /// Writes the fold (or the key) of `shape` of the name of `n` words into `out`: the
    /// pieces of its parts, the empty ones left out, joined by spaces.
    fn join(&self, shape: Shape, n: usize, key: bool, out: &mut String) {
        out.clear();
        let spans = if key { &self.keys } else { &self.folds };
        for part in shape.parts(n) {
            let piece = self.piece(spans, part, n);
            if piece.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(piece);
        }
    }

    /// The piece of `part` of a name of `n` words, from `spans` (one per word, then one per
    /// word's initial).
    fn piece(&self, spans: &[Span], part: Part, n: usize) -> &str {
        let at = match part {
            Part::Word(i) => i,
            Part::Initial(i) => n + i,
        };
        spans
            .get(at)
            .and_then(|&(a, b)| self.text.get(a as usize..b as usize))
            .unwrap_or_default()
    }
}

/// A pattern while it is being built. Its strings are spans of a [`DraftPool`], so that two
/// million drafts are not two million sets of allocations; [`Draft::order`] is the order of
/// the patterns.
#[derive(Clone, Copy)]
struct Draft {
    entity: u32,
    /// Its words, as listed: `n` spans of [`DraftPool::spans`] from `first` (see
    /// [`Draft::words`]); when `gapped`, the `n - 1` spans after them are its gaps, the
    /// non-space characters between consecutive words (`-` in Grodno-Azot, `/` in RFE/RL, `.`
    /// in A. Lukashenka), empty for plain white space (see [`Draft::gaps`]). Three numbers
    /// rather than two ranges: ten million drafts are held at compile's peak.
    first: u32,
    n: u8,
    gapped: bool,
    /// What the name has after its last word (the final `.` of `E.U.`): a span of
    /// [`DraftPool::text`].
    tail: Span,
    case_sensitive: bool,
    exact: bool,
    derived: bool,
    surname: bool,
    latent: bool,
    person: bool,
    context: bool,
    /// The name row it comes from (whose language tag it has). A row index and a byte range
    /// rather than two `&str`: a million persons make some ten million drafts, and their size
    /// is most of a large table's peak memory while they are all held.
    row: u32,
    /// The surname of a person's name (`crate::table::surname_word`), which declines by its
    /// own paradigm: a byte range of the row's name, empty for none.
    surname_word: (u32, u32),
}

/// The strings of the drafts: the words, gaps and tails of all name variants (each piece once
/// per row, see [`DraftPool::piece`]), and the spans of each variant's words and gaps.
#[derive(Default)]
struct DraftPool {
    text: String,
    spans: Vec<Span>,
    /// The words and gaps of the name being split, reused from name to name.
    words: Vec<Span>,
    gaps: Vec<Span>,
    /// The pieces of the current row's names in `text`: the orders of a name share their
    /// words, which are kept once (a million persons' names in all their orders were some
    /// hundreds of megabytes of text held at compile's peak).
    row_pieces: Vec<Span>,
}

impl DraftPool {
    fn str(&self, (start, end): Span) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The strings of a range of [`DraftPool::spans`].
    fn strs(&self, (start, end): Span) -> impl ExactSizeIterator<Item = &str> + '_ {
        let spans = self
            .spans
            .get(start as usize..end as usize)
            .unwrap_or_default();
        spans.iter().map(|&s| self.str(s))
    }

    /// Cuts `name` into words and keeps them: the ranges of its words and gaps and the span of
    /// its tail (see [`Draft`]); `None` for a name of no words (or too many).
    fn split(&mut self, name: &str) -> Option<(Span, Span, Span)> {
        let (mut words, mut gaps) = (
            std::mem::take(&mut self.words),
            std::mem::take(&mut self.gaps),
        );
        words.clear();
        gaps.clear();
        let mut prev_end = None;
        let mut spaced = String::new();
        for t in fold::Tokens::new(name) {
            let part = inflect::name_part(t.text);
            let (start, end) = (t.start + part.start, t.start + part.end);
            if let Some(prev) = prev_end {
                let gap = name.get(prev..start).unwrap_or_default();
                if gap.chars().any(char::is_whitespace) {
                    // Only its non-space characters count: they are written out after the
                    // names.
                    spaced.clear();
                    spaced.extend(gap.chars().filter(|c| !c.is_whitespace()));
                    gaps.push(self.piece(&spaced));
                } else {
                    gaps.push(self.piece(gap));
                }
            }
            words.push(self.piece(name.get(start..end).unwrap_or_default()));
            prev_end = Some(end);
        }
        let n = words.len();
        let first = self.spans.len() as u32;
        self.spans.extend(&words);
        let middle = self.spans.len() as u32;
        self.spans.extend(&gaps);
        (self.words, self.gaps) = (words, gaps);
        if n == 0 || n > MAX_PATTERN_WORDS {
            self.spans.truncate(first as usize);
            return None;
        }
        let end = prev_end.unwrap_or_default();
        let tail = name.get(end..).unwrap_or_default();
        let tail = if !tail.is_empty() && tail.chars().all(|c| c == '.') {
            self.piece(tail)
        } else {
            (0, 0)
        };
        Some(((first, middle), (middle, self.spans.len() as u32), tail))
    }

    /// The span of `s` in the text: a piece of the current row's names kept before (the other
    /// orders of a name repeat its words), else `s` added. The empty string is `(0, 0)`.
    fn piece(&mut self, s: &str) -> Span {
        if s.is_empty() {
            return (0, 0);
        }
        if let Some(&span) = self.row_pieces.iter().find(|&&span| self.str(span) == s) {
            return span;
        }
        let from = self.text.len() as u32;
        self.text.push_str(s);
        let span = (from, self.text.len() as u32);
        if self.row_pieces.len() < 32 {
            self.row_pieces.push(span);
        }
        span
    }

    /// Starts the pieces of another row (see [`DraftPool::piece`]).
    fn next_row(&mut self) {
        self.row_pieces.clear();
    }
}

impl Draft {
    /// The order of the patterns: by entity, then by words, gaps, tail and flags — whatever
    /// the order of the rows.
    fn order(&self, other: &Draft, pool: &DraftPool, names: &[NameRow]) -> std::cmp::Ordering {
        self.entity
            .cmp(&other.entity)
            .then_with(|| pool.strs(self.words()).cmp(pool.strs(other.words())))
            .then_with(|| pool.strs(self.gaps()).cmp(pool.strs(other.gaps())))
            .then_with(|| pool.str(self.tail).cmp(pool.str(other.tail)))
            .then_with(|| {
                let flags = |d: &Draft| {
                    (
                        d.case_sensitive,
                        d.exact,
                        d.derived,
                        d.surname,
                        d.latent,
                        d.person,
                        d.context,
                    )
                };
                flags(self).cmp(&flags(other))
            })
            .then_with(|| self.lang(names).cmp(other.lang(names)))
    }

    /// The language tag of its row.
    fn lang<'t>(&self, names: &'t [NameRow]) -> &'t str {
        names.get(self.row as usize).map_or("", |r| &*r.lang)
    }

    /// Its surname word, if any (see [`Draft::surname_word`]).
    fn surname<'t>(&self, names: &'t [NameRow]) -> Option<&'t str> {
        let (start, end) = self.surname_word;
        let row = names.get(self.row as usize)?;
        (start < end).then(|| row.name.get(start as usize..end as usize))?
    }

    fn len(&self) -> usize {
        usize::from(self.n)
    }

    /// Its words: a range of [`DraftPool::spans`].
    fn words(&self) -> Span {
        (self.first, self.first + u32::from(self.n))
    }

    /// Its gaps: the range of [`DraftPool::spans`] after its words, or an empty one.
    fn gaps(&self) -> Span {
        let end = self.first + u32::from(self.n);
        let gaps = if self.gapped {
            u32::from(self.n).saturating_sub(1)
        } else {
            0
        };
        (end, end + gaps)
    }
}

/// Sorts `drafts` in pattern order ([`Draft::order`]) and drops repeats: by entity first (a
/// stable sort of numbers, nearly linear since rows come grouped by entity), then each
/// entity's few drafts by their strings, which touches far less memory than one sort of them
/// all by strings.
fn sort_drafts(drafts: &mut Vec<Draft>, pool: &DraftPool, names: &[NameRow]) {
    drafts.sort_by_key(|d| d.entity);
    for group in drafts.chunk_by_mut(|a, b| a.entity == b.entity) {
        group.sort_unstable_by(|x, y| x.order(y, pool, names));
    }
    drafts.dedup_by(|x, y| x.order(y, pool, names).is_eq());
}

/// Builds the text patterns and their word indexes. Every name that may appear in running
/// text (not `notext`) becomes one or more patterns: the listed name and its derived forms.
/// A bare surname that the tables do not list with the `surname` flag (the last word of a
/// person's full name, such as *Walker* of *Shaun Walker*) becomes a *latent* pattern: it only
/// matches in a document that has named its bearer in full before.
fn patterns(
    tables: &Tables,
    row_entity: &[Option<usize>],
    out: &mut Compiled,
    errors: &mut Vec<TableError>,
) {
    let names = &tables.names;
    // Surname keys that some entity lists with the `surname` flag, per entity: few have any.
    let mut listed_surnames: BTreeSet<(usize, String)> = BTreeSet::new();
    for (r, row) in names.iter().enumerate() {
        if row.flags.surname {
            if let Some(e) = row_entity.get(r).copied().flatten() {
                listed_surnames.insert((e, fold::key_plain(&row.name)));
            }
        }
    }
    let lists_surnames = |e: usize| {
        let from = (e, String::new());
        listed_surnames
            .range(from..)
            .next()
            .is_some_and(|s| s.0 == e)
    };
    let mut pool = DraftPool::default();
    let mut drafts: Vec<Draft> = Vec::new();
    // The text of one variant (see `table::shapes`), reused.
    let mut text = String::new();
    for (r, row) in names.iter().enumerate() {
        if row.flags.no_text {
            continue;
        }
        let Some(e) = row_entity.get(r).copied().flatten() else {
            continue;
        };
        let Some(kind) = tables.entities.get(e).map(|e| e.kind) else {
            continue;
        };
        let row_words: Vec<&str> = crate::table::words(&row.name).collect();
        pool.next_row();
        // The surname's byte range in the row's name (its words are slices of it).
        let surname_word = crate::table::surname_word(kind, &row_words).map_or((0, 0), |w| {
            let start = w.as_ptr() as usize - row.name.as_ptr() as usize;
            (start as u32, (start + w.len()) as u32)
        });
        let row_index = u32::try_from(r).unwrap_or(u32::MAX);
        for &shape in crate::table::shapes(kind, row, &row_words)
            .iter()
            .filter(|s| s.in_text())
        {
            shape.render_into(&row.name, &row_words, &mut text);
            let derivation = shape.derivation();
            let Some((words, gaps, tail)) = pool.split(&text) else {
                continue;
            };
            let n = (words.1 - words.0) as usize;
            let person_name = kind == Kind::Person && n > 1;
            // The surname is the last word of the name as listed, or of its given-name-first
            // order when the table writes it first (`Ротенберг Аркадий Романович`).
            let surname_last = match shape {
                Shape::Listed => !crate::table::is_surname_first(&row_words),
                Shape::GivenFirst => true,
                _ => false,
            };
            if person_name && surname_last {
                // The surname alone stands for this person once the full name was read.
                let last = words.1 - 1;
                let word = pool.spans.get(last as usize).map(|&s| pool.str(s));
                if let Some(word) = word {
                    let listed =
                        lists_surnames(e) && listed_surnames.contains(&(e, fold::key_plain(word)));
                    if !listed && is_capitalized(word) {
                        drafts.push(Draft {
                            entity: e as u32,
                            first: last,
                            n: 1,
                            gapped: false,
                            tail: (0, 0),
                            case_sensitive: row.flags.case_sensitive,
                            exact: row.flags.exact,
                            derived: true,
                            surname: true,
                            latent: true,
                            person: false,
                            context: row.flags.context,
                            row: row_index,
                            surname_word,
                        });
                    }
                }
            }
            // `split` keeps a name's gaps right after its words.
            debug_assert_eq!(
                gaps,
                (words.1, words.1 + (words.1 - words.0).saturating_sub(1))
            );
            drafts.push(Draft {
                entity: e as u32,
                first: words.0,
                n: u8::try_from(n).unwrap_or(u8::MAX),
                gapped: true,
                tail,
                case_sensitive: row.flags.case_sensitive,
                exact: row.flags.exact,
                derived: derivation != Derivation::Listed,
                surname: row.flags.surname,
                latent: false,
                person: person_name,
                context: row.flags.context,
                row: row_index,
                surname_word,
            });
        }
    }
    sort_drafts(&mut drafts, &pool, names);
    if drafts.len() > MAX_PATTERNS {
        errors.push(TableError {
            path: String::from("(tables)"),
            line: 0,
            kind: TableErrorKind::TooLarge,
            message: format!(
                "{} text patterns, more than the {MAX_PATTERNS} the matcher can address",
                drafts.len()
            ),
        });
        return;
    }

    // The case forms of a word depend only on the word, its language, whether it ends its name
    // and how the name is flagged: each such lexeme is expanded and folded once.
    let mut lexemes: Map<LexemeKey<'_>, u32> = Map::default();
    // The lexemes in the order of their numbers, expanded when all are known.
    let mut listed: Vec<LexemeKey<'_>> = Vec::new();
    // Each lexeme's occurrences with their layout, packed to sort as numbers
    // ([`layout_key`]).
    let mut occurrences: Vec<u64> = Vec::new();
    out.max_words = 1;
    out.patterns.reserve(drafts.len());
    // The drafts of one entity repeat their words (each name in several orders, the surname
    // alone): their lexemes are remembered until the next entity, which spares most words
    // the analysis and the lookup in the large map.
    type Recent<'d> = (&'d str, &'d str, bool, bool, bool, bool, u32);
    let (mut recent, mut recent_entity): (Vec<Recent<'_>>, _) = (Vec::new(), None);
    let start_words = filter_words(drafts.len());
    out.start_filter = vec![0u64; start_words];
    for (p, draft) in drafts.iter().enumerate() {
        let n = draft.len();
        out.max_words = out.max_words.max(n);
        let mut firsts = [0u32; 3];
        if recent_entity != Some(draft.entity) {
            recent.clear();
            recent_entity = Some(draft.entity);
        }
        for (pos, word) in pool.strs(draft.words()).enumerate() {
            let (lang, is_last, exact, cs) = (
                draft.lang(names),
                pos + 1 == n,
                draft.exact,
                draft.case_sensitive,
            );
            let surname = draft.surname(names) == Some(word);
            let seen = recent.iter().find(|r| {
                (r.0, r.1, r.2, r.3, r.4, r.5) == (word, lang, is_last, exact, cs, surname)
            });
            let lexeme = match seen {
                Some(r) => r.6,
                None => {
                    let lexeme = lexeme_of(
                        (word, lang),
                        draft,
                        (is_last, surname),
                        &mut lexemes,
                        &mut listed,
                    );
                    if recent.len() < 64 {
                        recent.push((word, lang, is_last, exact, cs, surname, lexeme));
                    }
                    lexeme
                }
            };
            occurrences.push(layout_key(lexeme, occurrence(p, pos), n, draft.latent));
            if let Some(slot) = firsts.get_mut(pos) {
                *slot = lexeme;
            }
        }
        if n > 1 {
            let gap = pool.strs(draft.gaps()).next().unwrap_or_default();
            let pair = firsts.get(..2).unwrap_or_default();
            let place = start_place(start_words, pair, n > 2, gap);
            filter_insert(&mut out.start_filter, place);
            if n > 2 {
                let place = start_place(start_words, &firsts, true, gap);
                filter_insert(&mut out.start_filter, place);
            }
        }
        let gaps = push_strings(out, pool.strs(draft.gaps()));
        let tail = push_text(&mut out.text, pool.str(draft.tail));
        let case_sensitive = if draft.case_sensitive {
            push_strings(out, pool.strs(draft.words()))
        } else {
            let at = out.spans.len() as u32;
            (at, at)
        };
        out.patterns.push(Pattern {
            entity: draft.entity,
            len: n as u32,
            gaps,
            tail,
            case_sensitive,
            derived: draft.derived,
            surname: draft.surname,
            latent: draft.latent,
            person: draft.person,
            context: draft.context,
            lowercase: pool
                .strs(draft.words())
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_lowercase),
        });
    }
    // The drafts (about 70 bytes for each of some ten million variants of a million persons'
    // names) are done with: freed before the case forms are expanded, which is the phase that
    // sets a large table's peak memory.
    drop(recent);
    drop(drafts);
    if lexemes.len() > MAX_LEXEMES {
        errors.push(TableError {
            path: String::from("(tables)"),
            line: 0,
            kind: TableErrorKind::TooLarge,
            message: format!(
                "{} distinct pattern words, more than the {MAX_LEXEMES} the matcher can address",
                lexemes.len()
            ),
        });
        return;
    }
    // A Latin word that ends one name and not another is two lexemes whose forms differ only
    // by the final forms (see `inflect::final_forms`): the second reuses the first's.
    let siblings: Vec<Option<u32>> = listed
        .iter()
        .map(|&(word, lang, last, west, exact)| {
            let sibling = (word, lang, false, west, exact);
            last.then(|| lexemes.get(&sibling).copied()).flatten()
        })
        .collect();
    let (folds, keys) = expand(&listed, &siblings);
    out.fold_index = folds.finish(&mut out.refs);
    out.key_index = keys.finish(&mut out.refs);
    out.fold_filter = filter_of(out.fold_index.keys());
    out.key_filter = filter_of(out.key_index.keys());
    occurrences.sort_unstable();
    occurrences.dedup();
    out.lexemes = vec![Lexeme::default(); lexemes.len()];
    out.occurrences.reserve(occurrences.len());
    let mut current = None;
    let mut latent_entities = Vec::new();
    for k in occurrences {
        let (lexeme, o) = (
            (k >> (OCCURRENCE_BITS + 3)) as u32,
            ((k & ((1 << OCCURRENCE_BITS) - 1)) << 2) as u32,
        );
        let group = k >> OCCURRENCE_BITS & 7;
        if current != Some(lexeme) || group != 1 {
            flush_latent(out, current, &mut latent_entities);
        }
        let at = out.occurrences.len() as u32;
        out.occurrences.push(o);
        if group == 1 {
            // A latent occurrence: its pattern's entity follows the group (see `Lexeme`).
            let entity = out.patterns.get(entry_pattern(o)).map_or(0, |p| p.entity);
            latent_entities.push(entity);
        }
        let end = at + 1;
        let Some(l) = out.lexemes.get_mut(lexeme as usize) else {
            continue;
        };
        if current != Some(lexeme) {
            current = Some(lexeme);
            *l = Lexeme {
                start: at,
                latent: at,
                multi: at,
                longer: at,
                later: at,
                inner: at,
                end: at,
            };
        }
        // Each group ends after its last occurrence, and the groups before it with it.
        l.end = end;
        if group <= 4 {
            l.inner = end;
        }
        if group <= 3 {
            l.later = end;
        }
        if group <= 2 {
            l.longer = end;
        }
        if group <= 1 {
            l.multi = end;
        }
        if group == 0 {
            l.latent = end;
        }
    }
    flush_latent(out, current, &mut latent_entities);
}

/// Appends the entities of lexeme `current`'s latent occurrences (just written) after them,
/// and moves the ends of the groups after them past them (see [`Lexeme`]).
fn flush_latent(out: &mut Compiled, current: Option<u32>, entities: &mut Vec<u32>) {
    if entities.is_empty() {
        return;
    }
    out.occurrences.append(entities);
    let end = out.occurrences.len() as u32;
    if let Some(l) = current.and_then(|c| out.lexemes.get_mut(c as usize)) {
        l.multi = end;
        l.longer = end;
        l.later = end;
        l.inner = end;
        l.end = end;
    }
}

/// A lexeme: a pattern word with what its case forms depend on (see [`occurrence`]).
type LexemeKey<'d> = (&'d str, &'d str, bool, bool, bool);

/// The lexeme of `word` (in language `lang`) in `draft` (at the end of it when `last`; the
/// person's surname when `surname`): found in `lexemes`, or numbered and added to `listed`.
fn lexeme_of<'d>(
    (word, lang): (&'d str, &'d str),
    draft: &Draft,
    (last, surname): (bool, bool),
    lexemes: &mut Map<LexemeKey<'d>, u32>,
    listed: &mut Vec<LexemeKey<'d>>,
) -> u32 {
    let west = borrowed_by_west_slavic(lang, draft.case_sensitive, draft.exact, word);
    // Words that decline alike share a lexeme, whatever their language tag.
    let (lang, last) = inflect::paradigm(word, lang, last, surname);
    let key = (word, lang, last, west, draft.exact);
    let next = lexemes.len() as u32;
    match lexemes.entry(key) {
        Entry::Occupied(o) => *o.get(),
        Entry::Vacant(v) => {
            listed.push(key);
            *v.insert(next)
        }
    }
}

/// The fold and key postings of the case forms of every lexeme (`lexemes` in the order of
/// their numbers; `siblings` of each, the lexeme of the same word that does not end its name,
/// if any). Expanding and folding them is most of a large table's pattern work and each
/// lexeme's forms are its own, so the two halves of the list are expanded at once and their
/// postings merged.
fn expand(lexemes: &[LexemeKey<'_>], siblings: &[Option<u32>]) -> (Postings, Postings) {
    let half = lexemes.len() / 2;
    let expand_from = |range: std::ops::Range<usize>| {
        let mut out = Expansion::default();
        let mut work = FormWork::default();
        // Where each lexeme's postings are in `out`, to be copied to its siblings.
        let mut spans: Vec<(Span, Span)> = Vec::with_capacity(range.len());
        // Lexemes whose sibling comes later in the range.
        let mut deferred = Vec::new();
        for i in range.clone() {
            let sibling = siblings.get(i).copied().flatten().map(|s| s as usize);
            match sibling.filter(|s| range.contains(s)) {
                Some(s) if s < i => out.reuse(i, s - range.start, &spans, lexemes, &mut work),
                Some(_) => deferred.push(i),
                None => {
                    if let Some(&(word, lang, last, west, exact)) = lexemes.get(i) {
                        word_forms(word, lang, last, west, exact, &mut work, |f| out.push(i, f));
                    }
                }
            }
            spans.push(out.end_of_lexeme());
        }
        for i in deferred {
            let sibling = siblings.get(i).copied().flatten().map(|s| s as usize);
            if let Some(s) = sibling {
                out.reuse(i, s - range.start, &spans, lexemes, &mut work);
            }
        }
        (out.folds, out.keys)
    };
    let ((mut folds, mut keys), (more_folds, more_keys)) = if lexemes.len() - half < 1000 {
        // A small table: a thread costs more than it saves.
        let whole = expand_from(0..lexemes.len());
        (whole, Default::default())
    } else {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| expand_from(half..lexemes.len()));
            let mine = expand_from(0..half);
            // A panic in the other half is a bug; re-raise it here.
            (
                mine,
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        })
    };
    folds.append(more_folds);
    keys.append(more_keys);
    (folds, keys)
}

/// The postings of a run of lexemes while they are expanded.
#[derive(Default)]
struct Expansion {
    folds: Postings,
    keys: Postings,
    /// Where the current lexeme's postings start.
    start: (u32, u32),
}

impl Expansion {
    /// Posts one form of lexeme `lexeme`.
    fn push(&mut self, lexeme: usize, f: WordForm<'_>) {
        let r = lexeme_ref(lexeme, f.cyrillic, f.inflected);
        if !f.fold.is_empty() && !f.fold.contains(' ') {
            self.folds.push(f.fold, r);
        }
        if !f.key.is_empty() && !f.key.contains(' ') {
            self.keys.push(f.key, r);
        }
    }

    /// Closes the current lexeme: the spans of its fold and key postings.
    fn end_of_lexeme(&mut self) -> (Span, Span) {
        let end = (self.folds.pairs.len() as u32, self.keys.pairs.len() as u32);
        let spans = ((self.start.0, end.0), (self.start.1, end.1));
        self.start = end;
        spans
    }

    /// Posts the forms of `lexeme`, whose sibling (the `sibling`th of the run, with postings at
    /// `spans`) has them all but the final forms: its postings, then those.
    fn reuse(
        &mut self,
        lexeme: usize,
        sibling: usize,
        spans: &[(Span, Span)],
        lexemes: &[LexemeKey<'_>],
        work: &mut FormWork,
    ) {
        let (Some(&(folds, keys)), Some(&(word, lang, _, _, exact))) =
            (spans.get(sibling), lexemes.get(lexeme))
        else {
            return;
        };
        let retarget = |r: u32| lexeme_ref(lexeme, r & 2 == 2, r & 1 == 1);
        self.folds.copy(folds, retarget);
        self.keys.copy(keys, retarget);
        final_word_forms(word, lang, exact, work, |f| self.push(lexeme, f));
    }
}

/// A lexeme's occurrence packed so that numeric order is the order of the lexemes and, within
/// each, [`lexeme_layout`]: `lexeme << 33 | group << 30 | occurrence >> 2` (`words`: how many
/// words the pattern has; an occurrence's two low bits are zero, and a lexeme has at most 30).
fn layout_key(lexeme: u32, occurrence: u32, words: usize, latent: bool) -> u64 {
    let (group, o) = lexeme_layout(occurrence, words, latent);
    u64::from(lexeme) << (OCCURRENCE_BITS + 3)
        | u64::from(group) << OCCURRENCE_BITS
        | u64::from(o >> 2)
}

/// The bits of an occurrence without its two low ones, which are zero (see [`layout_key`]).
const OCCURRENCE_BITS: u32 = 30;

/// Word forms and the lexeme references they point to, collected as pairs and laid out at the
/// end as one pool: no list is allocated per form. Most forms recur (the same case form of a
/// word under several lexemes, the same key of several spellings), so a form is looked up
/// before it is copied.
#[derive(Default)]
struct Postings {
    ids: StrMap<Span>,
    pairs: Vec<(u32, u32)>,
}

impl Postings {
    fn push(&mut self, form: &str, r: u32) {
        let (id, _) = self.ids.index_or_insert(form, || (0, 0));
        self.pairs.push((id as u32, r));
    }

    /// Posts again the forms of the postings at `span`, each to the reference `retarget` makes
    /// of its own.
    fn copy(&mut self, (start, end): Span, retarget: impl Fn(u32) -> u32) {
        for i in start as usize..end as usize {
            if let Some(&(id, r)) = self.pairs.get(i) {
                self.pairs.push((id, retarget(r)));
            }
        }
    }

    /// Adds the postings of `other`.
    fn append(&mut self, other: Postings) {
        // The two halves of a large table share few forms: make room for all of the other's.
        self.ids.reserve(other.ids.len());
        self.pairs.reserve(other.pairs.len());
        let ids: Vec<u32> = other
            .ids
            .keys()
            .map(|form| self.ids.index_or_insert(form, || (0, 0)).0 as u32)
            .collect();
        self.pairs.extend(
            other
                .pairs
                .into_iter()
                .filter_map(|(id, r)| Some((*ids.get(id as usize)?, r))),
        );
    }

    /// The map from each form to its references, sorted and without repeats, in `pool`.
    fn finish(mut self, pool: &mut Vec<u32>) -> StrMap<Span> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut spans = vec![(0u32, 0u32); self.ids.len()];
        for (id, r) in self.pairs {
            let at = pool.len() as u32;
            if let Some(span) = spans.get_mut(id as usize) {
                if span.1 != at {
                    *span = (at, at);
                }
                span.1 += 1;
            }
            pool.push(r);
        }
        // The map is reused as it is, its values (in ID order) turned into spans: no form is
        // hashed again.
        for (value, span) in self.ids.values_mut().zip(spans) {
            *value = span;
        }
        self.ids
    }
}

fn push_text(text: &mut String, s: &str) -> Span {
    let start = text.len() as u32;
    text.push_str(s);
    (start, text.len() as u32)
}

fn push_strings<'s>(out: &mut Compiled, strings: impl Iterator<Item = &'s str>) -> Span {
    let start = out.spans.len() as u32;
    for s in strings {
        let span = push_text(&mut out.text, s);
        out.spans.push(span);
    }
    (start, out.spans.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fold, key and bare letters of every form of a name, joined from its words' pieces,
    /// are those of the form's text: on every row of the built-in tables and on names with odd spacing and
    /// punctuation.
    #[test]
    fn forms_joined_from_pieces_are_folded_as_written() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tables");
        let (tables, errors) = Tables::read_dir(&dir, &|p| p.display().to_string());
        assert!(errors.is_empty(), "{errors:?}");
        let odd = [
            "  Аляксандр   Рыгоравіч Лукашэнка ",
            "Jean-Luc O'Neil",
            "A.-B. Kowalski-Nowak",
            "Ёжык , Ёжыкаў",
            "Łukasz 2nd Łukaszenka",
            "- Name",
            "D'Artagnan d'Artagnan’s",
        ];
        let mut rows: Vec<NameRow> = tables.names.clone();
        rows.extend(odd.iter().map(|name| NameRow {
            name: (*name).into(),
            ..tables.names.first().cloned().unwrap()
        }));
        let mut pieces = Pieces::default();
        let mut joined = String::new();
        let mut checked = 0;
        for row in &rows {
            let words: Vec<&str> = crate::table::words(&row.name).collect();
            let shapes = crate::table::shapes(Kind::Person, row, &words);
            let initials = shapes.iter().any(|s| s.has_initials());
            pieces.fold_words(&words, initials, false);
            assert!(!shapes.is_empty(), "no shape of {:?}", row.name);
            for &shape in shapes {
                let text = shape.render(&row.name, &words);
                pieces.join(shape, words.len(), false, &mut joined);
                assert_eq!(joined, fold::fold_plain(&text), "fold of {text:?}");
                pieces.join(shape, words.len(), true, &mut joined);
                assert_eq!(joined, fold::key_plain(&text), "key of {text:?}");
                pieces.join_bare(shape, words.len(), &mut joined);
                let bare: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
                assert_eq!(joined, bare, "{text:?} without spaces and punctuation");
                checked += 1;
            }
        }
        // Every row is checked in one shape at least, and names of several words in more (the
        // generated tables' one-word town names make most rows one-shape).
        assert!(checked > rows.len(), "{checked}");
    }
}
