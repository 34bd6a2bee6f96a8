//! The one read-side view of a compiled index: the built-in tables or a gazetteer built at run
//! time, behind one set of accessors, so that lookup and the matcher run the same code over
//! either and know nothing of who wrote the index.

use super::builtin;
use super::filter::filter_has;
use super::format::{Compiled, Form, Lexeme, Pattern, Span, ref_lexeme};
use crate::entity::{Entity, Name};

/// What a lookup or a matcher reads: the built-in tables or a built index, behind one set of
/// accessors, so that both run the same code.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Store<'g> {
    index: Option<(&'g Compiled, &'g [Entity])>,
}

impl<'g> Store<'g> {
    /// The built-in tables.
    pub(crate) const BUILTIN: Store<'static> = Store { index: None };

    /// A gazetteer's index, compiled at run time, and its entities.
    pub(crate) fn built(compiled: &'g Compiled, entities: &'g [Entity]) -> Store<'g> {
        Store {
            index: Some((compiled, entities)),
        }
    }

    pub(crate) fn entities(self) -> &'g [Entity] {
        match self.index {
            None => &builtin::ENTITIES,
            Some((_, e)) => e,
        }
    }

    pub(crate) fn entity(self, i: u32) -> Option<&'g Entity> {
        self.entities().get(i as usize)
    }

    /// The entity with this ID (the entities are sorted by ID).
    pub(crate) fn entity_by_id(self, id: &str) -> Option<&'g Entity> {
        let entities = self.entities();
        entities
            .binary_search_by(|e| e.id().cmp(id))
            .ok()
            .and_then(|i| entities.get(i))
    }

    /// The listed name a form came from.
    pub(crate) fn name(self, form: &Form) -> Option<&'g Name> {
        let (e, pos) = form.name;
        self.entity(e)?.names.get(pos as usize)
    }

    pub(crate) fn alias(self, key: &str) -> Option<&'g Form> {
        match self.index {
            None => builtin::ALIASES.get(key),
            Some((c, _)) => c.aliases.get(key),
        }
    }

    pub(crate) fn key(self, key: &str) -> Option<&'g Form> {
        match self.index {
            None => builtin::KEYS.get(key),
            Some((c, _)) => c.keys.get(key),
        }
    }

    /// A person's name as a word set, given names stemmed or not.
    pub(crate) fn word_set(self, key: &str, stemmed: bool) -> Option<&'g Form> {
        match (self.index, stemmed) {
            (None, false) => builtin::TOKEN_SETS.get(key),
            (None, true) => builtin::STEM_SETS.get(key),
            (Some((c, _)), false) => c.token_sets.get(key),
            (Some((c, _)), true) => c.stem_sets.get(key),
        }
    }

    /// The entities of a form.
    pub(crate) fn form_entities(self, form: &Form) -> &'g [u32] {
        let pool: &'g [u32] = match self.index {
            None => &builtin::FORM_ENTITIES,
            Some((c, _)) => &c.form_entities,
        };
        pool.get(form.entities.0 as usize..form.entities.1 as usize)
            .unwrap_or_default()
    }

    pub(crate) fn max_name_words(self) -> usize {
        match self.index {
            None => builtin::MAX_NAME_WORDS,
            Some((c, _)) => c.max_name_words,
        }
    }

    pub(crate) fn max_words(self) -> usize {
        match self.index {
            None => builtin::MAX_WORDS,
            Some((c, _)) => c.max_words,
        }
    }

    pub(crate) fn pattern(self, i: usize) -> Option<&'g Pattern> {
        match self.index {
            None => builtin::PATTERNS.get(i),
            Some((c, _)) => c.patterns.get(i),
        }
    }

    /// The lexeme of a pattern's first word (`Pattern::first`), from a dense array in a large
    /// table: the matcher asks it of many patterns in a row, and reading whole pattern records
    /// scattered over tens of megabytes missed the cache each time.
    pub(crate) fn pattern_first(self, i: usize) -> Option<u32> {
        match self.index {
            None => builtin::PATTERNS.get(i).map(|p| p.first),
            Some((c, _)) => c.firsts.get(i).copied(),
        }
    }

    /// Whether a light fold may be in the index (see `super::filter::filter_of`): never false when
    /// it is.
    pub(crate) fn may_fold(self, fold: &str) -> bool {
        match self.index {
            None => filter_has(&builtin::FOLD_FILTER, fold),
            Some((c, _)) => filter_has(&c.fold_filter, fold),
        }
    }

    /// The filter of the light-fold index (see `super::filter::filter_of`).
    pub(crate) fn fold_filter(self) -> &'g [u64] {
        match self.index {
            None => &builtin::FOLD_FILTER,
            Some((c, _)) => &c.fold_filter,
        }
    }

    /// The lexemes a word form is a form of, by its light fold (see `super::format::lexeme_ref`).
    pub(crate) fn fold_refs(self, fold: &str) -> &'g [u32] {
        // The filter turns most words of running text away before they are hashed into the
        // index (see `super::filter::filter_of`).
        match self.index {
            None if !filter_has(&builtin::FOLD_FILTER, fold) => &[],
            None => builtin::FOLD_INDEX.get(fold).copied().unwrap_or_default(),
            Some((c, _)) if !filter_has(&c.fold_filter, fold) => &[],
            Some((c, _)) => c.fold_index.get(fold).map_or(&[], |&s| c.refs_of(s)),
        }
    }

    /// The lexemes a word form is a form of, by its key.
    pub(crate) fn key_refs(self, key: &str) -> &'g [u32] {
        match self.index {
            None if !filter_has(&builtin::KEY_FILTER, key) => &[],
            None => builtin::KEY_INDEX.get(key).copied().unwrap_or_default(),
            Some((c, _)) if !filter_has(&c.key_filter, key) => &[],
            Some((c, _)) => c.key_index.get(key).map_or(&[], |&s| c.refs_of(s)),
        }
    }

    /// The occurrences of the lexeme of a reference, in the layout of
    /// `super::format::lexeme_layout`, and where its groups begin.
    pub(crate) fn lexeme(self, r: u32) -> (&'g [u32], Lexeme) {
        let (lexemes, pool): (&'g [Lexeme], &'g [u32]) = match self.index {
            None => (&builtin::LEXEMES, &builtin::OCCURRENCES),
            Some((c, _)) => (&c.lexemes, &c.occurrences),
        };
        let lexeme = lexemes.get(ref_lexeme(r)).copied().unwrap_or_default();
        (pool, lexeme)
    }

    /// A string of the text pool.
    pub(crate) fn text(self, span: Span) -> &'g str {
        let text: &'g str = match self.index {
            None => builtin::TEXT,
            Some((c, _)) => &c.text,
        };
        text.get(span.0 as usize..span.1 as usize)
            .unwrap_or_default()
    }

    /// The `i`-th string of a list of strings (a span of the span pool).
    pub(crate) fn string(self, list: Span, i: usize) -> Option<&'g str> {
        let spans: &'g [Span] = match self.index {
            None => &builtin::SPANS,
            Some((c, _)) => &c.spans,
        };
        let at = (list.0 as usize).checked_add(i)?;
        if at >= list.1 as usize {
            return None;
        }
        spans.get(at).map(|&s| self.text(s))
    }
}
