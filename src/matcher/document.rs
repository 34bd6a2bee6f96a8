//! What a document has said so far: the state that carries from one mention to the next, so
//! that a bare surname can stand for the person named in full before it (coreference) and an
//! ambiguous name for the entity already spoken of.

use crate::str_map::Map;

/// How far back (in bytes) a person's full name lets a bare surname stand for them. A stream
/// or a file may hold many documents (a corpus, a log): a surname far from the full name is
/// read in another document, where `Walker` is anybody. An article names its people again well
/// within this.
pub(super) const COREFERENCE_WINDOW: usize = 16 * 1024;

/// What a document has said so far, for bare surnames and ambiguous names.
#[derive(Default)]
pub(super) struct Document {
    /// Persons named in full, each with the number of full names before its latest one (a
    /// larger number is more recent) and the byte offset where it was named.
    full: Map<usize, (usize, usize)>,
    /// The byte offset of the word being read.
    pub(super) at: usize,
    /// Full names so far.
    clock: usize,
    /// Every entity mentioned.
    pub(super) seen: std::collections::HashSet<usize, foldhash::fast::RandomState>,
}

impl Document {
    pub(super) fn note(&mut self, entity: usize, full: bool) {
        if full {
            self.full.insert(entity, (self.clock, self.at));
            self.clock += 1;
        }
        self.seen.insert(entity);
    }

    /// How recently `entity` was named in full, if it was, within the last
    /// [`COREFERENCE_WINDOW`] bytes: larger is more recent.
    pub(super) fn recency(&self, entity: usize) -> Option<usize> {
        let &(clock, at) = self.full.get(&entity)?;
        (self.at.saturating_sub(at) <= COREFERENCE_WINDOW).then_some(clock)
    }
}
