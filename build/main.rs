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
    println!("cargo::rerun-if-changed=src/index/file.rs");
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
    if let Err(e) = write_rules_fingerprint(&manifest, &out_dir) {
        errors.push(e);
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

/// The sources whose rules decide what a compiled gazetteer file holds: the folds and keys of
/// its words, the case forms generated for them, the tables' reading and the built-in tables
/// (see [`write_rules_fingerprint`]).
const RULE_SOURCES: [&str; 9] = [
    "src/fold",
    "src/table.rs",
    "src/inflect.rs",
    "src/index/filter.rs",
    "src/index/format.rs",
    "src/index/compile.rs",
    "src/index/word_forms.rs",
    "src/index/file.rs",
    "tables",
];

/// Writes `rules_fingerprint.rs`: `RULES_FINGERPRINT`, a 64-bit FNV-1a hash of every file of
/// [`RULE_SOURCES`] (path and bytes, in path order). A compiled gazetteer file records the
/// fingerprint of the canonym that wrote it, and one with another is refused (compile it again):
/// its stored folds and case forms were made by other rules, and a query folded by these
/// would silently miss them.
fn write_rules_fingerprint(
    manifest: &std::path::Path,
    out_dir: &std::path::Path,
) -> Result<(), String> {
    fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        if dir.is_file() {
            out.push(dir.to_path_buf());
            return Ok(());
        }
        for entry in std::fs::read_dir(dir)? {
            files(&entry?.path(), out)?;
        }
        Ok(())
    }
    let mut paths = Vec::new();
    for source in RULE_SOURCES {
        files(&manifest.join(source), &mut paths)
            .map_err(|e| format!("{}: {e}", manifest.join(source).display()))?;
    }
    paths.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for path in &paths {
        let rel = path.strip_prefix(manifest).unwrap_or(path);
        // Paths with `/` on every system, so that a checkout anywhere gives one fingerprint.
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        feed(rel.join("/").as_bytes());
        feed(&[0]);
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // Line ends as committed, whatever a checkout made of them.
        let text: Vec<u8> = bytes.iter().copied().filter(|&b| b != b'\r').collect();
        feed(&text);
        feed(&[0]);
    }
    let code = format!(
        "/// The fingerprint of the rules that make a compiled gazetteer file (`build/main.rs`).\n\
         pub(crate) const RULES_FINGERPRINT: u64 = 0x{hash:016x};\n"
    );
    std::fs::write(out_dir.join("rules_fingerprint.rs"), code)
        .map_err(|e| format!("rules_fingerprint.rs: {e}"))
}
