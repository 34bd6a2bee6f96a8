//! JSON Lines tables: one entity per line, for programs that write their lists out.
//!
//! ```text
//! {"id": "per:ivan-petrov", "kind": "person", "canonical": "Ivan Petrov",
//!  "names": ["Іван Пятроў", {"name": "Иван Петров", "lang": "ru-Cyrl", "flags": "surname"}]}
//! ```
//!
//! (one line in the file). `kind` may be left out when the ID's prefix says it; `qid`,
//! `description` and `weight` (a number zero or more, such as a population, that ranks the
//! entity among namesakes) are optional. A name written as a bare string gets the language tag `und` and
//! the source `user`. Each field is checked by the same validation as the TSV tables.

use serde_json::{Map, Value};

use crate::table::{self, EntityRow, Kind, NameRow, TableError};

/// Parses JSON Lines; blank lines are skipped. Every problem is reported with its line.
pub(crate) fn parse(path: &str, text: &str) -> ((Vec<EntityRow>, Vec<NameRow>), Vec<TableError>) {
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
        match parse_line(&mut strings, path, line_no, line) {
            Ok((entity, entity_names)) => {
                entities.push(entity);
                names.extend(entity_names);
            }
            Err(e) => errors.push(e),
        }
    }
    ((entities, names), errors)
}

fn parse_line(
    strings: &mut table::Strings,
    path: &str,
    line: usize,
    text: &str,
) -> Result<(EntityRow, Vec<NameRow>), TableError> {
    let fail = |message: String| TableError {
        path: path.to_owned(),
        line,
        message,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(format!(
            "not a JSON object: {e} (column {}; expected one entity per line)",
            e.column()
        ))
    })?;
    let Value::Object(object) = value else {
        return Err(fail(
            "expected a JSON object with id, kind, canonical and names".into(),
        ));
    };
    if let Some(unknown) = object.keys().find(|k| {
        !matches!(
            k.as_str(),
            "id" | "kind" | "canonical" | "names" | "qid" | "description" | "weight"
        )
    }) {
        return Err(fail(format!(
            "unknown field {unknown:?} (expected id, kind, canonical, names, qid, description, weight)"
        )));
    }
    let id = string(&object, "id", true).map_err(&fail)?;
    let kind = match string(&object, "kind", false).map_err(&fail)? {
        "" => Kind::of_id(id).map_or("", Kind::as_str),
        kind => kind,
    };
    let canonical = string(&object, "canonical", true).map_err(&fail)?;
    let qid = string(&object, "qid", false).map_err(&fail)?;
    let description = string(&object, "description", false).map_err(&fail)?;
    let mut entity = table::entity_row(path, line, id, kind, canonical, qid, description)?;
    entity.path = path.into();
    entity.weight = match object.get("weight") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64().and_then(table::Weight::new) {
            Some(w) => Some(w),
            None => {
                return Err(fail(format!(
                    "field \"weight\" must be zero or more, not {n}"
                )));
            }
        },
        Some(other) => {
            return Err(fail(format!(
                "field \"weight\" must be a number, not {other}"
            )));
        }
    };
    let mut names = Vec::new();
    let list = match object.get("names") {
        None | Some(Value::Null) => &Vec::new(),
        Some(Value::Array(list)) => list,
        Some(_) => return Err(fail("field \"names\" must be an array".into())),
    };
    for (n, item) in list.iter().enumerate() {
        let row = match item {
            Value::String(name) => {
                table::name_row(strings, path, line, id, name, "und", "user", "-")
            }
            Value::Object(fields) => {
                if let Some(unknown) = fields
                    .keys()
                    .find(|k| !matches!(k.as_str(), "name" | "lang" | "source" | "flags"))
                {
                    return Err(fail(format!(
                        "names[{n}]: unknown field {unknown:?} (expected name, lang, source, flags)"
                    )));
                }
                let field = |key, required| {
                    string(fields, key, required).map_err(|m| fail(format!("names[{n}]: {m}")))
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
                table::name_row(strings, path, line, id, name, lang, source, flags)
            }
            _ => {
                return Err(fail(format!(
                    "names[{n}] must be a string or an object with \"name\""
                )));
            }
        };
        names.push(row.map_err(|e| fail(format!("names[{n}]: {}", e.message)))?);
    }
    Ok((entity, names))
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
