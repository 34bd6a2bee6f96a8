//! What a document has said so far: the state that carries from one mention to the next, so
//! that a bare surname can stand for the person named in full before it (coreference) and an
//! ambiguous name for the entity already spoken of.

use crate::str_map::Map;

/// What a document has said so far, for bare surnames and ambiguous names.
#[derive(Default)]
pub(super) struct Document {
    /// Persons named in full, each with the number of full names before its latest one (a
    /// larger number is more recent).
    full: Map<usize, usize>,
    /// Full names so far.
    clock: usize,
    /// Every entity mentioned.
    pub(super) seen: std::collections::HashSet<usize, foldhash::fast::RandomState>,
}

impl Document {
    pub(super) fn note(&mut self, entity: usize, full: bool) {
        if full {
            self.full.insert(entity, self.clock);
            self.clock += 1;
        }
        self.seen.insert(entity);
    }

    /// How recently `entity` was named in full, if it was: larger is more recent.
    pub(super) fn recency(&self, entity: usize) -> Option<usize> {
        self.full.get(&entity).copied()
    }
}
