//! Build script: validates `tables/` and compiles it into `$OUT_DIR/*.rs`.
//!
//! Each concept's code generator is a module of its own; the folding code they rely on is the
//! crate's own `src/` module, compiled in here with `#[path]`, so that keys computed at build
//! time and at run time can never disagree.

mod translit;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=tables");
    println!("cargo::rerun-if-changed=build");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut errors = Vec::new();
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
