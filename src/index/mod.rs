//! The compiled index of a set of tables: its format ([`format`], with the Bloom filters of its
//! word indexes in [`filter`] and the word forms it holds in [`word_forms`]), the compiler that
//! writes it from tables at run time ([`compile`]; `build.rs` runs the same code for the
//! built-in tables, whose output is [`builtin`]), its file on disk, written once and read in
//! place ([`file`]), and the one view that lookup and mention finding read it through
//! ([`store`]).
//!
//! Run time reads the index only through `store`, and calls the compiler only to build a
//! gazetteer; the compiler knows nothing of who reads what it writes.

pub(crate) mod builtin;
pub(crate) mod compile;
pub(crate) mod file;
pub(crate) mod filter;
pub(crate) mod format;
pub(crate) mod store;
pub(crate) mod word_forms;
