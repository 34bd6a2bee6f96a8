//! canonym makes names comparable across scripts and spelling systems.
//!
//! The same person, place or organization is written many ways: *Lukashenka*, *Lukashenko*,
//! *Лукашэнка*, *Лукашенко*, *Łukaszenka*. canonym folds any name into a matching [`key`] under
//! which those spellings collide, and resolves whole names to canonical entity IDs with
//! [`lookup`], from tables compiled into the crate at build time.
//!
//! ```
//! let m = canonym::lookup("Łukaszenka").unwrap();
//! assert_eq!(m.entity().id(), "per:alyaksandr-lukashenka");
//! assert_eq!(m.entity().canonical(), "Alyaksandr Lukashenka");
//! assert_eq!(canonym::key("Zhodzina"), canonym::key("Жодино"));
//! ```
#![forbid(unsafe_code)]
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

mod builtin;
mod cluster;
mod entity;
#[doc(hidden)]
pub mod fold;
mod key;
mod lookup;
mod matcher;
// The table parser is shared with build.rs (which validates tables/ with it); the crate
// itself only needs its types until users load tables at run time.
#[allow(dead_code)]
mod table;
mod translit;

pub use crate::cluster::{Cluster, MAX_DISTANCE, cluster};
pub use crate::entity::{Entity, Name};
pub use crate::key::{key, key_into};
pub use crate::lookup::{How, Match, candidates, entities, entity, lookup};
pub use crate::matcher::{Matcher, Mention, Piece, matcher};
pub use crate::table::Kind;
pub use crate::translit::{Error, Lang, Scheme, Translit, TranslitBuilder, translit, translit_to};

/// The README's examples, run as doctests so that they cannot go stale.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
