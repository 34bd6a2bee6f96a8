//! The one read-side view of a compiled index: the built-in tables, a gazetteer built at run
//! time, or a compiled gazetteer file read in place, behind one set of accessors, so that
//! lookup and the matcher run the same code over any of them and know nothing of who wrote
//! the index.

use super::builtin;
use super::file::GazFile;
use super::filter::{filter_has, filter_test, start_place};
use super::format::{Compiled, Form, Lexeme, Pattern, Span, ref_lexeme};
use std::sync::OnceLock;

use crate::entity::{Entity, Name};
use crate::table::Kind;

/// What a lookup or a matcher reads: the built-in tables, a built index or a compiled file,
/// behind one set of accessors, so that all run the same code.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Store<'g> {
    index: Index<'g>,
}

#[derive(Clone, Copy, Debug)]
enum Index<'g> {
    Builtin,
    Built(&'g Compiled, &'g [Entity]),
    File(&'g GazFile),
}

impl<'g> Store<'g> {
    /// The built-in tables.
    pub(crate) const BUILTIN: Store<'static> = Store {
        index: Index::Builtin,
    };

    /// A gazetteer's index, compiled at run time, and its entities.
    pub(crate) fn built(compiled: &'g Compiled, entities: &'g [Entity]) -> Store<'g> {
        Store {
            index: Index::Built(compiled, entities),
        }
    }

    /// A compiled gazetteer file.
    pub(crate) fn file(file: &'g GazFile) -> Store<'g> {
        Store {
            index: Index::File(file),
        }
    }

    /// Every entity, sorted by ID (a file's are all materialised: for listing them only).
    pub(crate) fn entities(self) -> &'g [Entity] {
        match self.index {
            Index::Builtin => &builtin::ENTITIES,
            Index::Built(_, e) => e,
            Index::File(f) => f.entities(),
        }
    }

    /// The indices of the organizations and media outlets, found once per index.
    pub(crate) fn organizations(self) -> &'g [u32] {
        fn of(entities: &[Entity]) -> Vec<u32> {
            (0..entities.len())
                .filter(|&i| {
                    entities
                        .get(i)
                        .is_some_and(|e| matches!(e.kind(), Kind::Organization | Kind::Media))
                })
                .filter_map(|i| u32::try_from(i).ok())
                .collect()
        }
        match self.index {
            Index::Builtin => {
                static BUILTIN: OnceLock<Vec<u32>> = OnceLock::new();
                BUILTIN.get_or_init(|| of(&builtin::ENTITIES))
            }
            Index::Built(c, e) => c.organizations.get_or_init(|| of(e)),
            Index::File(f) => f.organizations(),
        }
    }

    pub(crate) fn entity(self, i: u32) -> Option<&'g Entity> {
        match self.index {
            Index::File(f) => f.entity(i as usize),
            _ => self.entities().get(i as usize),
        }
    }

    /// The entity with this ID (the entities are sorted by ID).
    pub(crate) fn entity_by_id(self, id: &str) -> Option<&'g Entity> {
        if let Index::File(f) = self.index {
            return f.entity(f.entity_index(id)?);
        }
        let entities = self.entities();
        entities
            .binary_search_by(|e| e.id().cmp(id))
            .ok()
            .and_then(|i| entities.get(i))
    }

    /// The listed name a form came from.
    pub(crate) fn name(self, form: Form) -> Option<&'g Name> {
        let (e, pos) = form.name;
        self.entity(e)?.names.get(pos as usize)
    }

    pub(crate) fn alias(self, key: &str) -> Option<Form> {
        match self.index {
            Index::Builtin => builtin::ALIASES.get(key).copied(),
            Index::Built(c, _) => c.aliases.get(key).copied(),
            Index::File(f) => f.alias(key),
        }
    }

    pub(crate) fn key(self, key: &str) -> Option<Form> {
        match self.index {
            Index::Builtin => builtin::KEYS.get(key).copied(),
            Index::Built(c, _) => c.keys.get(key).copied(),
            Index::File(f) => f.key(key),
        }
    }

    /// A person's name as a word set, given names stemmed or not.
    pub(crate) fn word_set(self, key: &str, stemmed: bool) -> Option<Form> {
        match (self.index, stemmed) {
            (Index::Builtin, false) => builtin::TOKEN_SETS.get(key).copied(),
            (Index::Builtin, true) => builtin::STEM_SETS.get(key).copied(),
            (Index::Built(c, _), false) => c.token_sets.get(key).copied(),
            (Index::Built(c, _), true) => c.stem_sets.get(key).copied(),
            (Index::File(f), _) => f.word_set(key, stemmed),
        }
    }

    /// The lookup-only names whose words have the stems `key` (see `Compiled::stems`).
    pub(crate) fn stem(self, key: &str) -> Option<Form> {
        match self.index {
            Index::Builtin => builtin::STEMS.get(key).copied(),
            Index::Built(c, _) => c.stems.get(key).copied(),
            Index::File(f) => f.stem(key),
        }
    }

    /// The entities of a form.
    pub(crate) fn form_entities(self, form: Form) -> &'g [u32] {
        let pool: &'g [u32] = match self.index {
            Index::Builtin => &builtin::FORM_ENTITIES,
            Index::Built(c, _) => &c.form_entities,
            Index::File(f) => return f.form_entities(form.entities),
        };
        pool.get(form.entities.0 as usize..form.entities.1 as usize)
            .unwrap_or_default()
    }

    pub(crate) fn max_name_words(self) -> usize {
        match self.index {
            Index::Builtin => builtin::MAX_NAME_WORDS,
            Index::Built(c, _) => c.max_name_words,
            Index::File(f) => f.max_name_words(),
        }
    }

    /// Whether the users' tables write the marked letter `c` (lowercase) in a name (see
    /// [`crate::index::format::Compiled::written_marks`]); never for the built-in tables, which
    /// gather the spellings of many writers.
    pub(crate) fn writes_mark(self, c: char) -> bool {
        match self.index {
            Index::Builtin => false,
            Index::Built(compiled, _) => compiled.written_marks.binary_search(&c).is_ok(),
            Index::File(f) => f.written_marks().binary_search(&c).is_ok(),
        }
    }

    pub(crate) fn max_words(self) -> usize {
        match self.index {
            Index::Builtin => builtin::MAX_WORDS,
            Index::Built(c, _) => c.max_words,
            Index::File(f) => f.max_words(),
        }
    }

    pub(crate) fn pattern(self, i: usize) -> Option<Pattern> {
        match self.index {
            Index::Builtin => builtin::PATTERNS.get(i).copied(),
            Index::Built(c, _) => c.patterns.get(i).copied(),
            Index::File(f) => f.pattern(i),
        }
    }

    /// Whether a light fold may be in the index (see `super::filter::filter_of`): never false when
    /// it is.
    pub(crate) fn may_fold(self, fold: &str) -> bool {
        filter_has(self.fold_filter(), fold)
    }

    /// The filter of the light-fold index (see `super::filter::filter_of`).
    pub(crate) fn fold_filter(self) -> &'g [u64] {
        match self.index {
            Index::Builtin => &builtin::FOLD_FILTER,
            Index::Built(c, _) => &c.fold_filter,
            Index::File(f) => f.fold_filter(),
        }
    }

    /// Whether `word` may be a word of a key of the word-set maps (see [`Store::word_set`]):
    /// never false when it is.
    pub(crate) fn may_be_set_word(self, word: &str) -> bool {
        let filter: &'g [u64] = match self.index {
            Index::Builtin => &builtin::SET_WORD_FILTER,
            Index::Built(c, _) => &c.set_word_filter,
            Index::File(f) => f.set_word_filter(),
        };
        filter_has(filter, word)
    }

    /// Whether some pattern of several words starts with the lexemes of `lexemes` (two, or
    /// three for a pattern longer than two words; `longer` for a pattern of more words than
    /// that) with `gap` between its first two words: never false when one does (see
    /// `super::format::Compiled::start_filter`). An index without the filter says yes.
    pub(crate) fn may_start(self, lexemes: &[u32], longer: bool, gap: &str) -> bool {
        let filter: &'g [u64] = match self.index {
            Index::Builtin => &builtin::START_FILTER,
            Index::Built(c, _) => &c.start_filter,
            Index::File(f) => f.start_filter(),
        };
        filter.is_empty() || filter_test(filter, start_place(filter.len(), lexemes, longer, gap))
    }

    /// The filter of the key index.
    fn key_filter(self) -> &'g [u64] {
        match self.index {
            Index::Builtin => &builtin::KEY_FILTER,
            Index::Built(c, _) => &c.key_filter,
            Index::File(f) => f.key_filter(),
        }
    }

    /// The lexemes a word form is a form of, by its light fold (see `super::format::lexeme_ref`).
    pub(crate) fn fold_refs(self, fold: &str) -> &'g [u32] {
        // The filter turns most words of running text away before they are hashed into the
        // index (see `super::filter::filter_of`).
        if !filter_has(self.fold_filter(), fold) {
            return &[];
        }
        match self.index {
            Index::Builtin => builtin::FOLD_INDEX.get(fold).copied().unwrap_or_default(),
            Index::Built(c, _) => c.fold_index.get(fold).map_or(&[], |&s| c.refs_of(s)),
            Index::File(f) => f.fold_refs(fold),
        }
    }

    /// The lexemes a word form is a form of, by its key.
    pub(crate) fn key_refs(self, key: &str) -> &'g [u32] {
        if !filter_has(self.key_filter(), key) {
            return &[];
        }
        match self.index {
            Index::Builtin => builtin::KEY_INDEX.get(key).copied().unwrap_or_default(),
            Index::Built(c, _) => c.key_index.get(key).map_or(&[], |&s| c.refs_of(s)),
            Index::File(f) => f.key_refs(key),
        }
    }

    /// The occurrences of the lexeme of a reference, in the layout of
    /// `super::format::lexeme_layout`, and where its groups begin.
    pub(crate) fn lexeme(self, r: u32) -> (&'g [u32], Lexeme) {
        let (lexemes, pool): (&'g [Lexeme], &'g [u32]) = match self.index {
            Index::Builtin => (&builtin::LEXEMES, &builtin::OCCURRENCES),
            Index::Built(c, _) => (&c.lexemes, &c.occurrences),
            Index::File(f) => return f.lexeme(ref_lexeme(r)),
        };
        let lexeme = lexemes.get(ref_lexeme(r)).copied().unwrap_or_default();
        (pool, lexeme)
    }

    /// A string of the text pool.
    pub(crate) fn text(self, span: Span) -> &'g str {
        let range = span.0 as usize..span.1 as usize;
        let text: &'g str = match self.index {
            Index::Builtin => builtin::TEXT,
            Index::Built(c, _) => &c.text,
            // Only the span is checked, not the whole pool: a file of a million entities has a
            // pool of hundreds of megabytes (checking it whole on every call made each lookup
            // take a tenth of a second).
            Index::File(f) => return f.text_at(range).unwrap_or_default(),
        };
        text.get(range).unwrap_or_default()
    }

    /// The `i`-th string of a list of strings (a span of the span pool).
    pub(crate) fn string(self, list: Span, i: usize) -> Option<&'g str> {
        let at = (list.0 as usize).checked_add(i)?;
        if at >= list.1 as usize {
            return None;
        }
        let span = match self.index {
            Index::Builtin => builtin::SPANS.get(at).copied(),
            Index::Built(c, _) => c.spans.get(at).copied(),
            Index::File(f) => f.span(at),
        };
        span.map(|s| self.text(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::{entry_pattern, entry_pos, lexeme_ref};
    use crate::str_map::Map;

    /// The word-set filter may let absent words through, never keep a present one out: every
    /// word of every built-in word set passes it (lookup skips a set the filter refuses).
    #[test]
    fn every_word_of_a_word_set_passes_the_set_word_filter() {
        let store = Store::BUILTIN;
        let sets = builtin::TOKEN_SETS.keys().chain(builtin::STEM_SETS.keys());
        let mut words = 0;
        for word in sets.flat_map(|k| k.split(' ')) {
            assert!(store.may_be_set_word(word), "{word:?}");
            words += 1;
        }
        assert!(words > 100, "only {words} words in the built-in word sets");
        // And it turns most other words away (a filter that passes everything tests nothing).
        let absent = (0..1000)
            .filter(|i| !store.may_be_set_word(&format!("qz{i}x")))
            .count();
        assert!(absent > 900, "{absent} of 1000 absent words refused");
    }

    /// The lexeme at each position of each built-in pattern, read back from the lexemes'
    /// groups, which must hold what their names say: the first word of a pattern of one word
    /// (not latent; latent, followed by the patterns' entities), of two, of more, the last of
    /// two words, a later one of more; each group sorted.
    fn positions() -> Map<(usize, usize), u32> {
        let store = Store::BUILTIN;
        let mut at = Map::default();
        for lexeme in 0..builtin::LEXEMES.len() {
            let (pool, l) = store.lexeme(lexeme_ref(lexeme, false, false));
            // The latent occurrences, then their entities.
            let (latent, entities) = l.latent_halves();
            assert_eq!(
                entities.end, l.multi as usize,
                "lexeme {lexeme}: latent group"
            );
            let (latent, entities) = (&pool[latent], &pool[entities]);
            for (&o, &entity) in latent.iter().zip(entities) {
                let p = store.pattern(entry_pattern(o)).unwrap();
                assert!(
                    p.latent,
                    "lexeme {lexeme}: pattern {} is not latent",
                    entry_pattern(o)
                );
                assert_eq!(
                    p.entity,
                    entity,
                    "lexeme {lexeme}, pattern {}",
                    entry_pattern(o)
                );
            }
            // Each group: whether its occurrences start their patterns, and how many words
            // those have (0: more than two).
            let groups = [
                (l.start..l.latent, true, 1),
                (l.latent..l.latent + latent.len() as u32, true, 1),
                (l.multi..l.longer, true, 2),
                (l.longer..l.later, true, 0),
                (l.later..l.inner, false, 2),
                (l.inner..l.end, false, 0),
            ];
            for (g, (range, first, words)) in groups.into_iter().enumerate() {
                let group = &pool[range.start as usize..range.end as usize];
                assert!(group.is_sorted(), "lexeme {lexeme}, group {g}");
                for &o in group {
                    let (p, pos) = (entry_pattern(o), entry_pos(o));
                    let pattern = store.pattern(p).unwrap();
                    let len = pattern.len as usize;
                    assert_eq!(pos == 0, first, "lexeme {lexeme}, group {g}, pattern {p}");
                    if words == 1 {
                        assert_eq!(pattern.latent, g == 1, "lexeme {lexeme}, group {g}");
                    }
                    if words == 0 {
                        assert!(len > 2, "lexeme {lexeme}, group {g}, pattern {p}");
                    } else {
                        assert_eq!(len, words, "lexeme {lexeme}, group {g}, pattern {p}");
                    }
                    assert_eq!(at.insert((p, pos), lexeme as u32), None, "({p}, {pos})");
                }
            }
        }
        at
    }

    /// The start filter may let absent starts through, never keep a present one out: the first
    /// two words of every built-in pattern of several words and its first gap pass it, and the
    /// first three of every longer one. And it turns most other pairs away.
    #[test]
    fn every_pattern_start_passes_the_start_filter() {
        let store = Store::BUILTIN;
        let at = positions();
        let mut starts = 0;
        for p in 0..builtin::PATTERNS.len() {
            let pattern = store.pattern(p).unwrap();
            let n = pattern.len as usize;
            if n < 2 {
                continue;
            }
            let gap = store.string(pattern.gaps, 0).unwrap_or_default();
            let lexemes: Vec<u32> = (0..n.min(3)).map(|pos| at[&(p, pos)]).collect();
            assert!(store.may_start(&lexemes[..2], n > 2, gap), "pattern {p}");
            if n > 2 {
                assert!(store.may_start(&lexemes, true, gap), "pattern {p}");
            }
            starts += 1;
        }
        assert!(starts > 1000, "only {starts} patterns of several words");
        let lexemes = builtin::LEXEMES.len() as u32;
        let passed = (0..2000u32)
            .filter(|&k| store.may_start(&[k % lexemes, (k * 7919 + 13) % lexemes], false, ""))
            .count();
        assert!(passed < 200, "{passed} of 2,000 pairs of lexemes passed");
    }
}
