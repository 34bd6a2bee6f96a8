//! canonym's integration tests: one binary, one module per concept, data under `tests/data/`.

mod annotate;
mod cli;
mod common;
mod key;
mod lookup;
mod matcher;
