//! JSON Lines tables: one entity per line, for programs that write their lists out.
//!
//! ```text
//! {"id": "Q7747", "kind": "person", "canonical": "Ivan Petrov", "born": 1971,
//!  "names": ["Іван Пятроў", {"name": "Иван Петров", "lang": "ru-Cyrl", "flags": "surname"}]}
//! ```
//!
//! (one line in the file). The ID is any non-empty string without control characters; `kind`
//! may be left out when the ID starts with a kind prefix (`per:`, `loc:`, …); `canonical`
//! when the entity has names (the first of them is its canonical name); `qid`,
//! `description` and `weight` (a number zero or more, such as a population, that ranks the
//! entity among namesakes) are optional. A name written as a bare string gets the language tag `und` and
//! the source `user`. Every other field (`born` above) is a property of the entity, kept as
//! JSON ([`crate::Entity::properties`]), and so is every field of an object `properties` (as
//! `canonym entities --json` writes them), except a field that looks like a misspelling of one
//! canonym reads (`nmaes`, `Kind`), which is an error. Each field is checked by the same
//! validation as the TSV tables, and dirty names are repaired or left out with a warning
//! ([`table::name_row`]).

use serde_json::{Map, Value};

use crate::table::{self, EntityRow, Kind, NameRow, Rules, TableError, TableErrorKind};

/// The fields canonym reads.
const FIELDS: [&str; 8] = [
    "id",
    "weight",
    "kind",
    "canonical",
    "names",
    "qid",
    "description",
    "properties",
];

/// Parses JSON Lines; blank lines are skipped. Every problem is reported with its line;
/// warnings about dirty rows are among them ([`TableErrorKind::Repaired`],
/// [`TableErrorKind::Skipped`]).
pub(crate) fn parse(
    rules: Rules<'_>,
    path: &str,
    text: &str,
) -> ((Vec<EntityRow>, Vec<NameRow>), Vec<TableError>) {
    let mut entities = Vec::new();
    let mut names = Vec::new();
    let mut errors = Vec::new();
    let mut strings = table::Strings::default();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut warnings = Vec::new();
        match parse_line(&mut strings, rules, path, line_no, line, &mut warnings) {
            Ok((entity, entity_names)) => {
                entities.push(entity);
                names.extend(entity_names);
                errors.append(&mut warnings);
            }
            Err(e) => errors.push(e),
        }
    }
    ((entities, names), errors)
}

fn parse_line(
    strings: &mut table::Strings,
    rules: Rules<'_>,
    path: &str,
    line: usize,
    text: &str,
    warnings: &mut Vec<TableError>,
) -> Result<(EntityRow, Vec<NameRow>), TableError> {
    use TableErrorKind::Malformed;
    let fail = |kind: TableErrorKind, message: String| TableError::new(path, line, kind, message);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(
            Malformed("row"),
            format!(
                "not a JSON object: {e} (column {}; expected one entity per line)",
                e.column()
            ),
        )
    })?;
    let Value::Object(object) = value else {
        return Err(fail(
            Malformed("row"),
            "expected a JSON object with id, kind, canonical and names".into(),
        ));
    };
    let mut properties = Vec::new();
    for (key, value) in &object {
        if FIELDS.contains(&key.as_str()) {
            continue;
        }
        if let Some(known) = misspelt(key) {
            return Err(fail(
                Malformed("row"),
                format!(
                    "unknown field {key:?}: is it {known:?}? (other fields are kept as properties; canonym reads id, kind, canonical, names, qid, description, weight, properties)"
                ),
            ));
        }
        properties.push((key.as_str(), value));
    }
    match object.get("properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(more)) => properties.extend(more.iter().map(|(k, v)| (k.as_str(), v))),
        Some(other) => {
            return Err(fail(
                Malformed("properties"),
                format!("field \"properties\" must be an object, not {other}"),
            ));
        }
    }
    let field = |key: &'static str, required| {
        string(&object, key, required).map_err(|m| fail(Malformed(key), m))
    };
    let id = field("id", true)?;
    let kind = match field("kind", false)? {
        "" => match Kind::of_id(id) {
            Some(kind) => kind.as_str(),
            None => {
                return Err(fail(
                    Malformed("kind"),
                    format!(
                        "missing field \"kind\" (person, place, organization, media or other): the ID {id:?} does not say it"
                    ),
                ));
            }
        },
        kind => kind,
    };
    // A list written by another program (GeoNames' cities, a sanctions export) often has no
    // display name apart from its names: the first of them is the canonical one.
    let canonical = match object.get("canonical") {
        None | Some(Value::Null) => first_name(&object).ok_or_else(|| {
            fail(
                Malformed("canonical"),
                "missing field \"canonical\", and no name to take it from (the first of \"names\" is used when it is left out)".into(),
            )
        })?,
        _ => field("canonical", true)?,
    };
    let qid = field("qid", false)?;
    let description = field("description", false)?;
    let mut entity = table::entity_row(
        rules,
        path,
        line,
        id,
        kind,
        canonical,
        qid,
        description,
        warnings,
    )?;
    entity.properties = properties
        .into_iter()
        .map(|(k, v)| (k.into(), v.to_string().into()))
        .collect();
    entity.weight = match object.get("weight") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64().and_then(table::Weight::new) {
            Some(w) => Some(w),
            None => {
                return Err(fail(
                    Malformed("weight"),
                    format!("field \"weight\" must be zero or more, not {n}"),
                ));
            }
        },
        Some(other) => {
            return Err(fail(
                Malformed("weight"),
                format!("field \"weight\" must be a number, not {other}"),
            ));
        }
    };
    let mut names = Vec::new();
    let list = match object.get("names") {
        None | Some(Value::Null) => &Vec::new(),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(fail(
                Malformed("names"),
                "field \"names\" must be an array".into(),
            ));
        }
    };
    let mut name_warnings = Vec::new();
    for (n, item) in list.iter().enumerate() {
        let in_names = |e: TableError| fail(e.kind(), format!("names[{n}]: {}", e.message()));
        let row = match item {
            Value::String(name) => table::name_row(
                strings,
                rules,
                path,
                line,
                id,
                name,
                "und",
                "user",
                "-",
                &mut name_warnings,
            ),
            Value::Object(fields) => {
                if let Some(unknown) = fields
                    .keys()
                    .find(|k| !matches!(k.as_str(), "name" | "lang" | "source" | "flags"))
                {
                    return Err(fail(
                        Malformed("names"),
                        format!(
                            "names[{n}]: unknown field {unknown:?} (expected name, lang, source, flags)"
                        ),
                    ));
                }
                let field = |key: &'static str, required| {
                    string(fields, key, required)
                        .map_err(|m| fail(Malformed(key), format!("names[{n}]: {m}")))
                };
                let name = field("name", true)?;
                let lang = match field("lang", false)? {
                    "" => "und",
                    l => l,
                };
                let source = match field("source", false)? {
                    "" => "user",
                    s => s,
                };
                let flags = field("flags", false)?;
                table::name_row(
                    strings,
                    rules,
                    path,
                    line,
                    id,
                    name,
                    lang,
                    source,
                    flags,
                    &mut name_warnings,
                )
            }
            _ => {
                return Err(fail(
                    Malformed("names"),
                    format!("names[{n}] must be a string or an object with \"name\""),
                ));
            }
        };
        warnings.extend(name_warnings.drain(..).map(in_names));
        if let Some(row) = row.map_err(in_names)? {
            names.push(row);
        }
    }
    Ok((entity, names))
}

/// The field canonym reads that `key` looks like a misspelling of: the same but for letter
/// case, or, for the longer names, the same letters in another order or one letter off. Such a
/// field is refused rather than kept as a property, where the data it holds would be lost to
/// matching without a word.
fn misspelt(key: &str) -> Option<&'static str> {
    let lower = key.to_lowercase();
    let sorted = |s: &str| {
        let mut b = s.as_bytes().to_vec();
        b.sort_unstable();
        b
    };
    FIELDS.into_iter().find(|&known| {
        lower == known
            || (known.len() >= 4
                && (sorted(&lower) == sorted(known)
                    || crate::distance::edit_distance(lower.as_bytes(), known.as_bytes()) <= 1))
    })
}

/// The text of the first of an object's `names`, written as a string or as an object's `name`.
fn first_name(object: &Map<String, Value>) -> Option<&str> {
    match object.get("names")?.as_array()?.first()? {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("name")?.as_str(),
        _ => None,
    }
}

/// The string field `key` of `object`: an error if it is missing (when `required`) or not a
/// string; `""` when it is missing and optional.
fn string<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    required: bool,
) -> Result<&'v str, String> {
    match object.get(key) {
        Some(Value::String(s)) => Ok(s),
        None | Some(Value::Null) if !required => Ok(""),
        None => Err(format!("missing field {key:?}")),
        Some(other) => Err(format!("field {key:?} must be a string, not {other}")),
    }
}
