//! canonym makes names comparable across scripts and spelling systems.
#![forbid(unsafe_code)]

#[doc(hidden)]
pub mod fold;
