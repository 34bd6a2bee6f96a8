//! canonym makes names comparable across scripts and spelling systems.
#![forbid(unsafe_code)]

mod translit;

pub use translit::{Error, Lang, Scheme, Translit, TranslitBuilder, translit, translit_to};
