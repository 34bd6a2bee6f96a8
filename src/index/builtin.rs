//! The built-in tables, compiled from `tables/` by `build.rs`.

use std::borrow::Cow;

use super::format::{Form, Lexeme, Pattern};
use crate::entity::{Entity, Name, Text};
use crate::fold::Homoglyphs;
use crate::table::{Derivation, Flags, Kind, Weight};

include!(concat!(env!("OUT_DIR"), "/entities.rs"));

/// The look-alike tables from `tables/homoglyphs.tsv`.
pub(crate) const HOMOGLYPHS: Homoglyphs<'static> = Homoglyphs {
    to_latin: &HOMOGLYPHS_TO_LATIN,
    to_cyrillic: &HOMOGLYPHS_TO_CYRILLIC,
};
