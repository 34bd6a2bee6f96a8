//! Writing generated Rust: the one writer of `static` arrays and `phf` maps that the code
//! generators (`entities`, `fold_tables`, `translit`) share, so that each of them says only
//! what goes into a table, not again how a table is spelled.
//!
//! Every writer ends its item with `;` and a line break; a caller that wants a blank line
//! after it pushes one, so that each generated file keeps its own layout.

use std::fmt::{Debug, Write as _};
use std::path::Path;

/// Writes `{decl}: [{ty}; N] = [`, then `row` for each of `items` (each row writes its own
/// line or lines, indented, with the trailing comma), then `];`. N is the number of items, so
/// the declared length always agrees with the rows written.
pub fn array_rows<I>(
    code: &mut String,
    decl: &str,
    ty: &str,
    items: I,
    mut row: impl FnMut(&mut String, I::Item),
) where
    I: IntoIterator,
    I::IntoIter: ExactSizeIterator,
{
    let items = items.into_iter();
    let _ = writeln!(code, "{decl}: [{ty}; {}] = [", items.len());
    for item in items {
        row(code, item);
    }
    code.push_str("];\n");
}

/// Writes `{decl}: [{ty}; N] = [a, b, …];` on one line, each item as its `Debug` form: for
/// arrays of numbers and tuples, which nobody reads row by row.
pub fn array_inline<T: Debug>(code: &mut String, decl: &str, ty: &str, items: &[T]) {
    let _ = writeln!(code, "{decl}: [{ty}; {}] = {items:?};", items.len());
}

/// Writes `{decl}: phf::Map<&'static str, {ty}> = …;` holding `entries` (a key and the Rust
/// expression of its value). Entries go into the map in the order given, which callers keep
/// sorted so that the generated code, and phf's search for a hash seed, are reproducible.
pub fn phf_map<'a>(
    code: &mut String,
    decl: &str,
    ty: &str,
    entries: impl IntoIterator<Item = (&'a str, String)>,
) {
    let mut builder = phf_codegen::Map::new();
    for (key, value) in entries {
        builder.entry(key, &value);
    }
    let _ = writeln!(
        code,
        "{decl}: phf::Map<&'static str, {ty}> = {};",
        builder.build()
    );
}

/// Writes `code` to `out_dir/name`; the error names the directory, as the build's other
/// errors name their file.
pub fn write_file(out_dir: &Path, name: &str, code: String) -> Result<(), Vec<String>> {
    std::fs::write(out_dir.join(name), code)
        .map_err(|e| vec![format!("{}: {e}", out_dir.display())])
}
