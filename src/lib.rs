//! canonym makes names comparable across scripts and spelling systems.
//!
//! The same person, place or organization is written many ways: *Lukashenka*, *Lukashenko*,
//! *Лукашэнка*, *Лукашенко*, *Łukaszenka*. canonym does four things with names:
//!
//! - [`key`] folds any name, known or not, into a matching key under which its romanizations,
//!   Cyrillic spellings, diacritics, case and look-alike letters collide, and [`cluster`] groups
//!   a list of names by it;
//! - [`lookup`] resolves a whole name to a canonical [`Entity`] from the tables compiled into
//!   the crate at build time;
//! - [`matcher`] finds every mention of a known entity in running text, in any grammatical
//!   case, as byte offsets into the caller's text, streaming if need be;
//! - [`translit`] romanizes Belarusian, Russian and Ukrainian Cyrillic under a named,
//!   published [`Scheme`], detecting the language of each word with [`Translit`].
//!
//! ```
//! let m = canonym::lookup("Łukaszenka").unwrap();
//! assert_eq!(m.entity().id(), "per:alyaksandr-lukashenka");
//! assert_eq!(m.entity().canonical(), "Alyaksandr Lukashenka");
//! assert_eq!(canonym::key("Zhodzina"), canonym::key("Жодино"));
//!
//! let text = "Тихановская встретилась с рабочими в Солигорске.";
//! let ids: Vec<&str> = canonym::matcher().find_iter(text).map(|m| m.entity().id()).collect();
//! assert_eq!(ids, ["per:sviatlana-tsikhanouskaya", "loc:salihorsk"]);
//!
//! assert_eq!(canonym::translit("Жодзіна", canonym::Scheme::BE_NATIONAL), "Žodzina");
//! ```
//!
//! Library users who do not need the command-line tool build with `default-features = false`
//! and never compile its dependencies.
// One `unsafe` block in the crate, with its reason: mapping a compiled gazetteer file
// (`index::file`).
#![deny(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cluster;
mod distance;
mod entity;
mod fold;
mod gazetteer;
mod given_name;
mod how;
mod index;
mod inflect;
mod inline;
#[cfg(feature = "json")]
mod jsonl;
mod key;
mod lookup;
mod matcher;
mod org;
#[cfg(feature = "serde")]
mod serialize;
mod state_form;
mod str_map;
mod table;
mod title;
mod translit;
mod verify;
mod why;

pub use crate::cluster::{Cluster, MAX_DISTANCE, cluster};
pub use crate::entity::{Entity, Name};
pub use crate::gazetteer::{Gazetteer, GazetteerBuilder, GazetteerError, OnConflict};
pub use crate::how::How;
pub use crate::inline::{Inline, InlineError, strip_inline};
pub use crate::key::{key, key_into};
pub use crate::lookup::{Match, candidates, entities, entity, explain, explain_lookup, lookup};
pub use crate::matcher::{DOCUMENT_MIN, FindIter, Matcher, Mention, Piece, document_end, matcher};
pub use crate::table::{Kind, TableError, TableErrorKind};
pub use crate::translit::{
    Error as TranslitError, Lang, Scheme, Translit, TranslitBuilder, Unknown, translit,
    translit_reverse, translit_to,
};
pub use crate::why::Why;

/// The README's examples, run as doctests so that they cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
