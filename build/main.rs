//! Build script: validates `tables/` and compiles it into `$OUT_DIR/*.rs`.
//!
//! Each concept's code generator is a module of its own; the folding and table code they rely
//! on is the crate's own (`src/fold.rs`, `src/table.rs`, compiled in here with `#[path]`), so
//! that keys computed at build time and at run time can never disagree.

// `canonym_fold_tables` is set for the crate, once this script has generated the table.
#[allow(dead_code, unexpected_cfgs)]
#[path = "../src/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "../src/inflect.rs"]
mod inflect;
#[allow(dead_code)]
#[path = "../src/table.rs"]
mod table;

mod entities;
mod fold_tables;
mod matcher;
mod translit;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=tables");
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=src/fold.rs");
    println!("cargo::rerun-if-changed=src/table.rs");
    println!("cargo::rerun-if-changed=src/inflect.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set: run the build through cargo");
        return ExitCode::FAILURE;
    };
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let tables_dir = manifest.join("tables");
    // Read and validate the tables once; each generator works from the same rows.
    let (tables, table_errors) = table::Tables::read_dir(&tables_dir, &entities::display);
    let mut errors: Vec<String> = table_errors.iter().map(ToString::to_string).collect();
    if let Err(e) = entities::generate(&tables, &tables_dir, &out_dir) {
        errors.extend(e);
    }
    if let Err(e) = matcher::generate(&tables, &out_dir) {
        errors.extend(e);
    }
    if let Err(e) = fold_tables::generate(&out_dir) {
        errors.extend(e);
    }
    if let Err(e) = translit::generate(&out_dir) {
        errors.extend(e);
    }
    if errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    for e in &errors {
        // `cargo::error` shows each message once, without the build script's noise around it.
        println!("cargo::error={e}");
    }
    ExitCode::FAILURE
}
