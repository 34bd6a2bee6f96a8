//! Code generation for the entity tables (`tables/entities.tsv`, `tables/names/*.tsv`,
//! `tables/homoglyphs.tsv`).
//!
//! Every name is validated and expanded (reordered, without patronymic, with an initial) by the
//! crate's own `table` module, folded by the crate's own `fold` module, and the results are
//! written as `phf` maps into `$OUT_DIR/entities.rs`, which `src/builtin.rs` includes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::fold;
use crate::table::{self, Derivation, EntityRow, Kind, NameRow, TableError};

/// What one folded form points to while the maps are being built.
struct Slot {
    /// Distinct entities (indices into the entity list), in order of first appearance.
    entities: Vec<usize>,
    /// The name row of the first entry, for provenance and error messages.
    row: usize,
    derivation: Derivation,
}

/// Reads, validates and compiles the tables under `tables_dir` into `out_dir/entities.rs`.
pub fn generate(tables_dir: &Path, out_dir: &Path) -> Result<(), Vec<String>> {
    let mut errors: Vec<TableError> = Vec::new();
    let read = |path: &Path, errors: &mut Vec<TableError>| match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(e) => {
            errors.push(TableError {
                path: path.display().to_string(),
                line: 0,
                message: format!("cannot read: {e}"),
            });
            None
        }
    };

    let entities_path = tables_dir.join("entities.tsv");
    let entities_name = display(&entities_path);
    let entities: Vec<EntityRow> = match read(&entities_path, &mut errors) {
        Some(text) => {
            let (rows, errs) = table::parse_entities(&entities_name, &text);
            errors.extend(errs);
            rows
        }
        None => Vec::new(),
    };
    let ids: BTreeSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let index: BTreeMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();

    let mut names: Vec<NameRow> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(tables_dir.join("names"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for path in &files {
        if let Some(text) = read(path, &mut errors) {
            let (rows, errs) = table::parse_names(&display(path), &text, Some(&ids));
            errors.extend(errs);
            names.extend(rows);
        }
    }
    // The canonical name is a name of its entity even when no names file lists it.
    for e in &entities {
        let canonical = fold::fold_plain(&e.canonical);
        if !names
            .iter()
            .any(|n| n.id == e.id && fold::fold_plain(&n.name) == canonical)
        {
            names.push(NameRow {
                id: e.id.clone(),
                name: e.canonical.clone(),
                lang: "und".into(),
                source: "canonical".into(),
                flags: table::Flags::default(),
                path: entities_name.clone(),
                line: e.line,
            });
        }
    }

    let homoglyphs_path = tables_dir.join("homoglyphs.tsv");
    let (mut to_latin, errs) = match read(&homoglyphs_path, &mut errors) {
        Some(text) => table::parse_homoglyphs(&display(&homoglyphs_path), &text),
        None => (Vec::new(), Vec::new()),
    };
    errors.extend(errs);
    to_latin.sort_unstable();
    to_latin.dedup_by_key(|p| p.0);
    let mut to_cyrillic: Vec<(char, char)> = to_latin
        .iter()
        .filter(|(c, _)| fold::script(*c) == fold::Script::Cyrillic)
        .map(|&(c, l)| (l, c))
        .collect();
    to_cyrillic.sort_unstable();
    to_cyrillic.dedup_by_key(|p| p.0);

    // Fold every listed and derived form. Listed names must not collide across entities (that
    // is an error naming both rows); derived forms that collide are kept as ambiguous, so a
    // lookup of them says so instead of guessing.
    let mut aliases: BTreeMap<String, Slot> = BTreeMap::new();
    let mut keys: BTreeMap<String, Slot> = BTreeMap::new();
    let mut token_sets: BTreeMap<String, Slot> = BTreeMap::new();
    let mut stem_sets: BTreeMap<String, Slot> = BTreeMap::new();
    for (r, row) in names.iter().enumerate() {
        let Some(&e) = index.get(row.id.as_str()) else {
            continue;
        };
        let kind = entities[e].kind;
        for (text, derivation) in table::variants(kind, row) {
            let alias = fold::fold_plain(&text);
            insert(
                &mut aliases,
                alias,
                e,
                r,
                derivation,
                &names,
                "spelling",
                &mut errors,
            );
            if row.flags.exact {
                continue;
            }
            let key = fold::key_plain(&text);
            if kind == Kind::Person && key.contains(' ') && derivation != Derivation::Initial {
                for (map, stem) in [(&mut token_sets, false), (&mut stem_sets, true)] {
                    let words = fold::word_set(&key, stem);
                    insert(
                        map,
                        words,
                        e,
                        r,
                        Derivation::Reordered,
                        &names,
                        "key",
                        &mut errors,
                    );
                }
            }
            let joined = fold::key_plain(&text.replace(|c: char| !c.is_alphanumeric(), ""));
            if joined != key {
                insert(
                    &mut keys,
                    joined,
                    e,
                    r,
                    Derivation::Reordered,
                    &names,
                    "key",
                    &mut errors,
                );
            }
            insert(&mut keys, key, e, r, derivation, &names, "key", &mut errors);
        }
    }

    if !errors.is_empty() {
        return Err(errors.iter().map(ToString::to_string).collect());
    }

    // Each entity's names are one static array, so an `Entity` can carry its names as a slice.
    let mut code =
        String::from("// @generated by build/entities.rs from tables/ — do not edit\n\n");
    let mut name_slot = vec![(0usize, 0usize); names.len()];
    for (e, entity) in entities.iter().enumerate() {
        let own: Vec<(usize, &NameRow)> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.id == entity.id)
            .collect();
        let _ = writeln!(code, "static NAMES_{e}: [Name<'static>; {}] = [", own.len());
        for (pos, (r, n)) in own.iter().enumerate() {
            name_slot[*r] = (e, pos);
            let f = n.flags;
            let _ = writeln!(
                code,
                "    Name {{ text: {:?}, lang: {:?}, source: {:?}, flags: Flags {{ case_sensitive: {}, exact: {}, no_text: {}, surname: {} }} }},",
                n.name, n.lang, n.source, f.case_sensitive, f.exact, f.no_text, f.surname
            );
        }
        code.push_str("];\n");
    }
    let _ = writeln!(
        code,
        "\npub(crate) static ENTITIES: [Entity<'static>; {}] = [",
        entities.len()
    );
    for (i, e) in entities.iter().enumerate() {
        let _ = writeln!(
            code,
            "    Entity {{ id: {:?}, kind: Kind::{:?}, canonical: {:?}, qid: {:?}, description: {:?}, names: &NAMES_{i} }},",
            e.id,
            e.kind,
            e.canonical,
            e.qid.as_deref(),
            e.description
        );
    }
    code.push_str("];\n\n");
    for (name, pairs) in [
        ("HOMOGLYPHS_TO_LATIN", &to_latin),
        ("HOMOGLYPHS_TO_CYRILLIC", &to_cyrillic),
    ] {
        let _ = writeln!(
            code,
            "pub(crate) static {name}: [(char, char); {}] = {pairs:?};\n",
            pairs.len()
        );
    }
    for (name, map) in [
        ("ALIASES", &aliases),
        ("KEYS", &keys),
        ("TOKEN_SETS", &token_sets),
        ("STEM_SETS", &stem_sets),
    ] {
        let mut builder = phf_codegen::Map::new();
        for (k, slot) in map {
            builder.entry(
                k.as_str(),
                &format!(
                    "Form {{ entities: &{:?}, name: {:?}, derivation: Derivation::{:?} }}",
                    slot.entities, name_slot[slot.row], slot.derivation
                ),
            );
        }
        let _ = writeln!(
            code,
            "pub(crate) static {name}: phf::Map<&'static str, Form> = {};\n",
            builder.build()
        );
    }
    std::fs::write(out_dir.join("entities.rs"), code)
        .map_err(|e| vec![format!("{}: {e}", out_dir.display())])
}

#[allow(clippy::too_many_arguments)]
fn insert(
    map: &mut BTreeMap<String, Slot>,
    form: String,
    entity: usize,
    row: usize,
    derivation: Derivation,
    names: &[NameRow],
    what: &str,
    errors: &mut Vec<TableError>,
) {
    if form.is_empty() {
        return;
    }
    let slot = map.entry(form.clone()).or_insert_with(|| Slot {
        entities: Vec::new(),
        row,
        derivation,
    });
    if slot.entities.contains(&entity) {
        if derivation < slot.derivation {
            slot.derivation = derivation;
            slot.row = row;
        }
        return;
    }
    if slot.entities.is_empty() {
        slot.entities.push(entity);
        return;
    }
    match (
        derivation == Derivation::Listed,
        slot.derivation == Derivation::Listed,
    ) {
        (true, true) => {
            let (a, b) = (&names[slot.row], &names[row]);
            errors.push(TableError {
                path: b.path.clone(),
                line: b.line,
                message: format!(
                    "{what} of {:?} ({}) is {form:?}, the same as that of {:?} ({}) at {}:{}; make one of them `exact`, or tell them apart",
                    b.name, b.id, a.name, a.id, a.path, a.line
                ),
            });
        }
        // A listed name wins over forms derived for other entities.
        (true, false) => {
            *slot = Slot {
                entities: vec![entity],
                row,
                derivation,
            }
        }
        (false, true) => {}
        (false, false) => slot.entities.push(entity),
    }
}

fn display(path: &Path) -> String {
    // Paths in messages are relative to the package, as a user would type them.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    path.strip_prefix(&manifest)
        .unwrap_or(path)
        .display()
        .to_string()
}
