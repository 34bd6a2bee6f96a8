//! The built-in tables, compiled from `tables/` by `build.rs`.

use crate::entity::{Entity, Name};
use crate::fold::Homoglyphs;
use crate::table::{Derivation, Flags, Kind};

/// What a folded form points to: one entity, or several when a derived form is ambiguous.
#[derive(Debug)]
pub(crate) struct Form {
    /// Indices into `ENTITIES`; more than one when a derived form is shared.
    pub entities: &'static [usize],
    /// The name row the form came from: `(entity index, position in its names)`.
    pub name: (usize, usize),
    pub derivation: Derivation,
}

include!(concat!(env!("OUT_DIR"), "/entities.rs"));

/// The look-alike tables from `tables/homoglyphs.tsv`.
pub(crate) const HOMOGLYPHS: Homoglyphs<'static> = Homoglyphs {
    to_latin: &HOMOGLYPHS_TO_LATIN,
    to_cyrillic: &HOMOGLYPHS_TO_CYRILLIC,
};
