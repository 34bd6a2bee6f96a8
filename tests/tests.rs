//! canonym's integration tests: one binary, one module per concept, data under `tests/data/`.

mod adversarial;
mod annotate;
mod cli;
mod cluster;
mod common;
mod compiled;
mod conventions;
mod errors;
mod gazetteer;
mod key;
mod lookup;
mod matcher;
mod memory;
mod open_world;
mod translit;
