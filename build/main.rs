//! Build script: validates `tables/` and compiles it into `$OUT_DIR/*.rs`.
//!
//! The folding, table and compiling code it relies on is the crate's own (`src/fold/`,
//! `src/table.rs`, `src/inflect.rs`, `src/index/`, compiled in here with `#[path]`), so that
//! the built-in tables and tables loaded at run time can never be compiled differently; the
//! modules here only write the results out as Rust.

// The index format and its compiler, as the crate has them in `src/index/`; their `super::`
// paths resolve to the crate root here, where `compile` gathers what `entities.rs` reads.
#[allow(dead_code)]
#[path = "../src/index/compile.rs"]
mod compiler;
#[allow(dead_code)]
#[path = "../src/index/filter.rs"]
mod filter;
#[allow(dead_code)]
#[path = "../src/index/format.rs"]
mod format;
#[allow(dead_code)]
#[path = "../src/index/word_forms.rs"]
mod word_forms;
/// The compiler and the format of what it writes, under the one name `entities.rs` reads them by.
mod compile {
    pub use super::compiler::compile;
    pub use super::format::{Compiled, Form, Pattern, Span};
}
// `canonym_fold_tables` is set for the crate, once this script has generated the table.
#[allow(dead_code, unexpected_cfgs)]
#[path = "../src/fold/mod.rs"]
mod fold;
#[allow(dead_code)]
#[path = "../src/inflect.rs"]
mod inflect;
#[allow(dead_code)]
#[path = "../src/str_map.rs"]
mod str_map;
#[allow(dead_code)]
#[path = "../src/table.rs"]
mod table;

mod codegen;
mod entities;
mod fold_tables;
mod translit;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=tables");
    println!("cargo::rerun-if-changed=build");
    // Every file compiled in above through `#[path]` (all of `src/fold/`, whose submodules
    // come with it).
    for path in [
        "src/fold",
        "src/table.rs",
        "src/inflect.rs",
        "src/str_map.rs",
        "src/index/filter.rs",
        "src/index/format.rs",
        "src/index/compile.rs",
        "src/index/word_forms.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    // The built-in tables are static data full of pointers (each name's `&'static str`s, the
    // phf maps' keys): in a position-independent executable each is a dynamic relocation the
    // loader writes at every start (117,000 with the region's towns built in: 5-10 ms of an
    // 11 ms start-up, on pages copied for the writes). Linked at a fixed address, `canonym` has
    // none and starts in 2-3 ms. Only the binary is linked so: programs using the library are
    // linked as their authors choose.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set: run the build through cargo");
        return ExitCode::FAILURE;
    };
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let tables_dir = manifest.join("tables");
    // Read and validate the tables once, then compile them with the crate's own compiler.
    let (tables, table_errors) = table::Tables::read_dir(&tables_dir, &entities::display);
    let mut errors: Vec<String> = table_errors.iter().map(ToString::to_string).collect();
    // Namesakes are refused here: two built-in entities that share a listed spelling or key
    // are a mistake in the curated tables, to be fixed or marked `exact`.
    let (compiled, compile_errors) = compile::compile(&tables, true);
    errors.extend(compile_errors.iter().map(ToString::to_string));
    if errors.is_empty() {
        let mut sources = vec![tables_dir.join("entities.tsv")];
        sources.extend(table::Tables::names_files(&tables_dir));
        if let Err(e) = entities::generate(&tables, &compiled, &tables_dir, &sources, &out_dir) {
            errors.extend(e);
        }
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
