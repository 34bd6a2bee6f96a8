//! The table format of `tables/`: parsing, validation and name variants.
//!
//! Like [`crate::fold`], this module is compiled into `build.rs` as well as into the crate, so
//! that the built-in tables and the tables users load at run time are read, checked and
//! expanded by the same code. It uses only `std`, `foldhash` and [`crate::fold`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::fold;

/// The kind of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// A person (`per:` IDs).
    Person,
    /// A place: a country, region, city or landmark (`loc:` IDs).
    Place,
    /// An organization: a company, body, party or alliance (`org:` IDs).
    Organization,
    /// A media outlet or news agency (`med:` IDs).
    Media,
    /// Anything else (`oth:` IDs).
    Other,
}

impl Kind {
    /// The name used in tables and output: `person`, `place`, `organization`, `media`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organization => "organization",
            Kind::Media => "media",
            Kind::Other => "other",
        }
    }

    /// The ID prefix of this kind, such as `per:`.
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Person => "per:",
            Kind::Place => "loc:",
            Kind::Organization => "org:",
            Kind::Media => "med:",
            Kind::Other => "oth:",
        }
    }

    /// The kind an ID's prefix names (`per:` is a person), if any.
    pub fn of_id(id: &str) -> Option<Kind> {
        [
            Kind::Person,
            Kind::Place,
            Kind::Organization,
            Kind::Media,
            Kind::Other,
        ]
        .into_iter()
        .find(|k| id.starts_with(k.prefix()))
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "person" => Kind::Person,
            "place" => Kind::Place,
            "organization" => Kind::Organization,
            "media" => Kind::Media,
            "other" => Kind::Other,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Flags of a name row (see `tables/README.md`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    /// Matched in running text only as written (it is also an ordinary word or acronym).
    pub case_sensitive: bool,
    /// Never matched by its phonetic key, only by its light fold.
    pub exact: bool,
    /// Used by whole-name lookup only, never searched for in running text.
    pub no_text: bool,
    /// A surname alone, standing for its default bearer.
    pub surname: bool,
    /// A description rather than a name (`Interior Ministry`, `state television`): it names
    /// the entity in running text only where the document is about the entity's scope.
    pub context: bool,
    /// A name other entities really bear too (the Dnieper and the city of Dnipro are both
    /// `Днепр`): the built-in tables, which refuse namesakes as mistakes, take it as one.
    pub shared: bool,
}

impl Flags {
    fn parse(s: &str) -> Result<Flags, String> {
        let mut flags = Flags::default();
        if s.is_empty() || s == "-" {
            return Ok(flags);
        }
        for flag in s.split(',') {
            match flag.trim() {
                "cs" => flags.case_sensitive = true,
                "exact" => flags.exact = true,
                "notext" => flags.no_text = true,
                "surname" => flags.surname = true,
                "ctx" => flags.context = true,
                "shared" => flags.shared = true,
                other => {
                    return Err(format!(
                        "unknown flag {other:?} (expected cs, exact, notext, surname, ctx or shared)"
                    ));
                }
            }
        }
        Ok(flags)
    }
}

impl fmt::Display for Flags {
    /// The flags as a table writes them, such as `cs,exact`; nothing for none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (self.case_sensitive, "cs"),
            (self.exact, "exact"),
            (self.no_text, "notext"),
            (self.surname, "surname"),
            (self.context, "ctx"),
            (self.shared, "shared"),
        ];
        let mut first = true;
        for (_, name) in names.iter().filter(|(set, _)| *set) {
            if !first {
                f.write_str(",")?;
            }
            f.write_str(name)?;
            first = false;
        }
        Ok(())
    }
}

/// One row of `entities.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRow {
    /// Stable ID with a kind prefix, such as `per:alyaksandr-lukashenka`.
    pub id: Shared,
    /// The entity's kind.
    pub kind: Kind,
    /// The canonical name.
    pub canonical: Shared,
    /// The Wikidata QID, if any.
    pub qid: Option<Shared>,
    /// A one-line description.
    pub description: Shared,
    /// The fields of a JSON Lines row that canonym does not read itself, in the row's order:
    /// each name with its value as compact JSON text.
    pub properties: Vec<(Shared, Shared)>,
    /// The file the row came from.
    pub path: Shared,
    /// 1-based line number in its file.
    pub line: usize,
    /// Which table the row came from (see [`NameRow::origin`]).
    pub origin: u32,
    /// How prominent the entity is (a population, a count of mentions), to rank it among
    /// namesakes; `None` when the table gives none.
    pub weight: Option<Weight>,
}

/// An entity's weight: a finite number, zero or more. It never holds NaN, so it is `Eq`.
/// (Made by [`Weight::new`]; the field is visible in the crate only so that the code `build.rs`
/// generates can write the weights it has checked as constants.)
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Weight(pub(crate) f64);

impl Weight {
    /// `weight`, when it is finite and not negative (`-0` reads as `0`).
    pub fn new(weight: f64) -> Option<Weight> {
        (weight.is_finite() && weight >= 0.0).then_some(Weight(weight + 0.0))
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

// Never NaN (see `Weight::new`), so equality is reflexive.
impl Eq for Weight {}

impl std::hash::Hash for Weight {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

/// A string of a table row. Rows are copied when tables are merged and their strings end up in
/// the entities: shared, a copy is a count, not an allocation (see also [`Strings`]).
pub type Shared = Arc<str>;

/// One row of a `names/*.tsv` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRow {
    /// The entity's ID.
    pub id: Shared,
    /// The name as written.
    pub name: Shared,
    /// Language/script tag, such as `be-Cyrl` or `en`.
    pub lang: Shared,
    /// Where the spelling comes from.
    pub source: Shared,
    /// The row's flags.
    pub flags: Flags,
    /// The kind of the entity the row makes when no table defines its ID: from a `# kind:`
    /// line above it in a names file.
    pub kind: Option<Kind>,
    /// The file the row came from.
    pub path: Shared,
    /// 1-based line number in its file.
    pub line: usize,
    /// Which table the row came from, in loading order (0 for the first, the built-in tables
    /// when they are loaded).
    pub origin: u32,
}

/// A problem in a table, reported as `path:line: message`: an error, or a warning about a
/// dirty row that was repaired or left out (see [`TableErrorKind`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) kind: TableErrorKind,
    pub(crate) message: String,
}

/// What kind of problem a [`TableError`] is.
///
/// [`TableErrorKind::Repaired`] and [`TableErrorKind::Skipped`] are warnings about dirty rows
/// of a user's table ([`crate::Gazetteer::warnings`]); they are errors only when the builder is
/// [strict](crate::GazetteerBuilder::strict), and in the built-in tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableErrorKind {
    /// The file could not be read: it is missing, a directory, or a read failed.
    Unreadable,
    /// The file is not UTF-8; the line and byte offset are in the message.
    InvalidUtf8,
    /// A TSV file has no `# source:` header line.
    MissingSource,
    /// A row, or one of its fields, does not parse. The field is named as in the tables (`id`,
    /// `kind`, `canonical`, `qid`, `names`, `name`, `lang`, `source`, `flags`), or `row` for the
    /// row as a whole (the wrong number of fields, not a JSON object, an unknown field).
    Malformed(&'static str),
    /// One table defines an entity ID twice.
    DuplicateId,
    /// A name's entity ID that no table defines (and whose kind nothing says).
    UnknownId,
    /// The rows of an `entities.tsv` are not sorted by ID.
    Unsorted,
    /// Two tables define one entity ID (see [`crate::OnConflict`]), or two entities of the
    /// built-in tables have names that fold alike; a warning when a rule resolved it.
    Conflict,
    /// The tables are larger than the compiled index can address.
    TooLarge,
    /// A table format this build of the crate cannot read (JSON Lines without the `json`
    /// feature).
    Unsupported,
    /// A compiled gazetteer file (`canonym compile`) that is truncated, damaged, of another
    /// format version or byte order, or used with other tables: the message says what and where.
    BadFile,
    /// A dirty name was read in a clean form: stray spaces trimmed or collapsed, letters of the
    /// other script in a word read as their look-alikes (`Жодзiна` with a Latin `i`).
    Repaired,
    /// A name row was left out: its name is empty, has no letters or digits, or mixes scripts
    /// in a way no look-alike resolves.
    Skipped,
}

impl TableErrorKind {
    /// Whether this is about a dirty row that a lenient load repairs or leaves out.
    pub(crate) fn is_dirty_row(self) -> bool {
        matches!(self, TableErrorKind::Repaired | TableErrorKind::Skipped)
    }
}

impl TableError {
    /// The file, as the caller named it.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = canonym::Gazetteer::builder()
    ///     .read_names("people.tsv", "per:alyaksandr-lukashenka\tЛукашенко\n".as_bytes())
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.errors()[0].path(), "people.tsv");
    /// assert_eq!(err.errors()[0].line(), 0);
    /// ```
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based line number, or 0 when the problem is with the whole file.
    ///
    /// # Examples
    ///
    /// ```
    /// let tsv = "# source: a test\nper:alyaksandr-lukashenka\tLukashenka\n";
    /// let err = canonym::Gazetteer::builder()
    ///     .read_names("people.tsv", tsv.as_bytes())
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.errors()[0].line(), 2);
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong, naming the offending value, without the file and line.
    ///
    /// # Examples
    ///
    /// ```
    /// let err = canonym::Gazetteer::builder()
    ///     .read_names("people.tsv", "per:alyaksandr-lukashenka\tЛукашенко\n".as_bytes())
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.errors()[0].message(),
    ///     "missing a `# source:` header line naming where the rows come from"
    /// );
    /// assert_eq!(err.errors()[0].to_string(), format!("people.tsv: {}", err.errors()[0].message()));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What kind of problem it is.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::TableErrorKind;
    /// let tsv = "# source: a test\nper:ivan-petrov\tIvan Petrov\tEnglish\tme\n";
    /// let err = canonym::Gazetteer::builder()
    ///     .read_names("people.tsv", tsv.as_bytes())
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), TableErrorKind::Malformed("lang"));
    /// ```
    pub fn kind(&self) -> TableErrorKind {
        self.kind
    }

    /// A problem of `kind` at `path:line` (line 0: the whole file).
    pub(crate) fn new(path: &str, line: usize, kind: TableErrorKind, message: String) -> Self {
        TableError {
            path: path.to_owned(),
            line,
            kind,
            message,
        }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        }
    }
}

impl std::error::Error for TableError {}

/// The data rows of a TSV table: `(line number, fields)`, skipping comments and blank lines.
/// A file must carry a `# source:` line.
fn rows<'t>(path: &str, text: &'t str, errors: &mut Vec<TableError>) -> Vec<(usize, Vec<&'t str>)> {
    row_lines(path, text, errors)
        .into_iter()
        .map(|(i, l)| (i, l.split('\t').collect()))
        .collect()
}

/// The rows of a table (neither blank nor comments), each with its 1-based line number and
/// without the line ending; reports a missing `# source:` header.
fn row_lines<'t>(path: &str, text: &'t str, errors: &mut Vec<TableError>) -> Vec<(usize, &'t str)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.lines().any(|l| l.starts_with("# source:")) {
        errors.push(TableError::new(
            path,
            0,
            TableErrorKind::MissingSource,
            "missing a `# source:` header line naming where the rows come from".into(),
        ));
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .collect()
}

fn err(path: &str, line: usize, kind: TableErrorKind, message: String) -> TableError {
    TableError::new(path, line, kind, message)
}

fn valid_id(id: &str) -> bool {
    let Some((prefix, slug)) = id.split_once(':') else {
        return false;
    };
    prefix.len() == 3
        && !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn valid_lang(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    let script_ok = match parts.next() {
        None => true,
        Some(s) => {
            s.len() == 4
                && s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && s.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        }
    };
    lang_ok && script_ok && parts.next().is_none()
}

/// How a table's rows are read: by the rules of the built-in tables, or of a user's.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'h> {
    /// IDs are a kind prefix and a lowercase ASCII slug that agrees with the kind
    /// (`per:alyaksandr-lukashenka`), as in `tables/`. Otherwise an ID is any non-empty string
    /// without control characters (`Q7747`, `NK-2eC4j`, `user:1`).
    pub prefixed_ids: bool,
    /// The look-alike table that a name whose words mix scripts is read through
    /// ([`fold::unmix`]); with none, such a name is left out.
    pub homoglyphs: fold::Homoglyphs<'h>,
}

impl Rules<'static> {
    /// The rules of `tables/`: prefixed IDs, and no name read through look-alikes (the build
    /// refuses every dirty row anyway).
    pub const BUILTIN: Rules<'static> = Rules {
        prefixed_ids: true,
        homoglyphs: fold::Homoglyphs::NONE,
    };
}

/// Whether `id` is an ID under `rules`; the message saying why not.
fn check_id(rules: Rules<'_>, id: &str) -> Result<(), String> {
    if rules.prefixed_ids {
        if valid_id(id) {
            return Ok(());
        }
        return Err(format!(
            "malformed ID {id:?} (expected a prefix and a lowercase ASCII slug, like per:alyaksandr-lukashenka)"
        ));
    }
    if id.is_empty() || id.chars().any(char::is_control) {
        return Err(format!(
            "malformed ID {id:?} (expected a non-empty string without tabs, line breaks or control characters)"
        ));
    }
    Ok(())
}

/// A name as a dirty row may write it, read clean: runs of spaces of any kind (NBSP, tabs,
/// line breaks) collapsed to one space and trimmed at both ends, and words that mix Latin with
/// Cyrillic letters read through the look-alike table, as running text is. `Ok(name)` and,
/// when anything changed, what was repaired; `Err` says why the name cannot be read at all.
fn clean_name<'n>(
    rules: Rules<'_>,
    name: &'n str,
) -> Result<(std::borrow::Cow<'n, str>, Option<String>), String> {
    use std::borrow::Cow;
    let mut repairs: Vec<String> = Vec::new();
    let spaced = name.chars().any(|c| c.is_whitespace() && c != ' ')
        || name.starts_with(' ')
        || name.ends_with(' ')
        || name.contains("  ");
    let mut clean: Cow<'n, str> = if spaced {
        let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
        repairs.push("has stray spaces".into());
        Cow::Owned(joined)
    } else {
        Cow::Borrowed(name)
    };
    if clean.is_empty() {
        return Err("empty name".into());
    }
    if fold::key_plain(&clean).is_empty() {
        return Err(format!("name {name:?} has no letters or digits"));
    }
    if let Some(token) = fold::Tokens::new(&clean).find(|t| mixes_scripts(t.text)) {
        let token = token.text.to_owned();
        let unmixed = fold::unmix(&clean, rules.homoglyphs).into_owned();
        if rules.homoglyphs.to_latin.is_empty() {
            return Err(format!(
                "token {token:?} mixes Latin and Cyrillic letters; write each name in one script (look-alikes are resolved at run time)"
            ));
        }
        if let Some(left) = fold::Tokens::new(&unmixed).find(|t| mixes_scripts(t.text)) {
            return Err(format!(
                "token {:?} mixes Latin and Cyrillic letters, and not all of them have a look-alike in the other script",
                left.text
            ));
        }
        repairs.push(format!("mixes Latin and Cyrillic letters in {token:?}"));
        clean = Cow::Owned(unmixed);
    }
    if repairs.is_empty() {
        return Ok((clean, None));
    }
    let repaired = format!(
        "name {name:?} {}; read as {:?}",
        repairs.join(" and "),
        clean
    );
    Ok((clean, Some(repaired)))
}

/// Validates the fields of one entity row (of `entities.tsv`, or of a JSON Lines table). A
/// dirty canonical name is repaired (see [`clean_name`]), with a warning pushed on `warnings`.
#[allow(clippy::too_many_arguments)]
pub fn entity_row(
    rules: Rules<'_>,
    path: &str,
    line: usize,
    id: &str,
    kind: &str,
    canonical: &str,
    qid: &str,
    description: &str,
    warnings: &mut Vec<TableError>,
) -> Result<EntityRow, TableError> {
    use TableErrorKind::Malformed;
    let fail = |kind: TableErrorKind, message: String| Err(err(path, line, kind, message));
    let Some(kind) = Kind::parse(kind) else {
        return fail(
            Malformed("kind"),
            format!("unknown kind {kind:?} (expected person, place, organization, media or other)"),
        );
    };
    if let Err(message) = check_id(rules, id) {
        return fail(Malformed("id"), message);
    }
    if rules.prefixed_ids && !id.starts_with(kind.prefix()) {
        return fail(
            Malformed("id"),
            format!(
                "ID {id:?} does not start with {:?}, the prefix of kind {kind}",
                kind.prefix()
            ),
        );
    }
    let canonical = match clean_name(rules, canonical) {
        Ok((clean, repaired)) => {
            if let Some(message) = repaired {
                warnings.push(err(
                    path,
                    line,
                    TableErrorKind::Repaired,
                    format!("canonical {message}"),
                ));
            }
            clean
        }
        Err(_) if canonical.trim().is_empty() => {
            return fail(
                Malformed("canonical"),
                format!("empty canonical name for {id}"),
            );
        }
        Err(message) => return fail(Malformed("canonical"), format!("canonical {message}")),
    };
    let qid = match qid {
        "-" | "" => None,
        q if q.starts_with('Q') && q.len() > 1 && q.bytes().skip(1).all(|b| b.is_ascii_digit()) => {
            Some(q.into())
        }
        q => {
            return fail(
                Malformed("qid"),
                format!("malformed Wikidata QID {q:?} (expected Q followed by digits, or -)"),
            );
        }
    };
    Ok(EntityRow {
        id: id.into(),
        kind,
        canonical: (*canonical).into(),
        qid,
        description: description.into(),
        properties: Vec::new(),
        path: path.into(),
        line,
        origin: 0,
        weight: None,
    })
}

/// Parses `entities.tsv`. Every problem is reported, not just the first.
pub fn parse_entities(
    rules: Rules<'_>,
    path: &str,
    text: &str,
) -> (Vec<EntityRow>, Vec<TableError>) {
    let mut errors = Vec::new();
    let mut out: Vec<EntityRow> = Vec::new();
    let mut seen: BTreeMap<Shared, usize> = BTreeMap::new();
    for (line, f) in rows(path, text, &mut errors) {
        let (id, kind, canonical, qid, description, scope, weight) = match f.as_slice() {
            [id, kind, canonical, qid, description] => {
                (id, kind, canonical, qid, description, None, None)
            }
            [id, kind, canonical, qid, description, scope] => {
                (id, kind, canonical, qid, description, Some(*scope), None)
            }
            [id, kind, canonical, qid, description, scope, weight] => (
                id,
                kind,
                canonical,
                qid,
                description,
                Some(*scope),
                Some(*weight),
            ),
            _ => {
                errors.push(err(path, line, TableErrorKind::Malformed("row"), format!("expected 5 to 7 TAB-separated fields (id, kind, canonical, qid, description[, scope[, weight]]), found {}", f.len())));
                continue;
            }
        };
        let row = match entity_row(
            rules,
            path,
            line,
            id,
            kind,
            canonical,
            qid,
            description,
            &mut errors,
        ) {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let mut row = row;
        match weight.map(str::trim) {
            None | Some("" | "-") => {}
            Some(w) => match w.parse::<f64>().ok().and_then(Weight::new) {
                Some(w) => row.weight = Some(w),
                None => {
                    errors.push(err(
                        path,
                        line,
                        TableErrorKind::Malformed("weight"),
                        format!("weight {w:?} is not a number of zero or more"),
                    ));
                    continue;
                }
            },
        }
        match scope.map(str::trim) {
            None | Some("" | "-") => {}
            Some(scope) if scope.chars().any(char::is_control) => {
                errors.push(err(
                    path,
                    line,
                    TableErrorKind::Malformed("scope"),
                    format!("scope {scope:?} has a control character"),
                ));
                continue;
            }
            Some(scope) => row
                .properties
                .push((SCOPE.into(), json_string(scope).into())),
        }
        if let Some(first) = seen.insert(row.id.clone(), line) {
            errors.push(err(
                path,
                line,
                TableErrorKind::DuplicateId,
                format!("duplicate ID {id:?} (first defined on line {first})"),
            ));
            continue;
        }
        if let Some(prev) = out.last() {
            if prev.id > row.id {
                errors.push(err(
                    path,
                    line,
                    TableErrorKind::Unsorted,
                    format!("rows are not sorted: {id} comes after {}", prev.id),
                ));
            }
        }
        out.push(row);
    }
    (out, errors)
}

/// The property that holds an entity's scope: the entity (a country, city, parent body)
/// within which its descriptions are understood (`entities.tsv`'s sixth column, or a JSON Lines
/// field). Its value is JSON text, like every property's.
pub const SCOPE: &str = "scope";

/// `s` as a JSON string.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The strings that repeat from row to row of a table: its path, its language tags and
/// sources, and the ID of an entity's consecutive rows. Rows made with one `Strings` share
/// them, so that a table of half a million rows does not hold two million copies.
#[derive(Default)]
pub struct Strings {
    /// The last few language tags, sources and paths.
    common: Vec<Shared>,
    /// The last ID.
    id: Option<Shared>,
}

impl Strings {
    /// How many recent tags, sources and paths are kept.
    const RECENT: usize = 16;

    fn common(&mut self, s: &str) -> Shared {
        if let Some(c) = self.common.iter().find(|c| ***c == *s) {
            return c.clone();
        }
        let shared: Shared = s.into();
        if self.common.len() == Self::RECENT {
            self.common.remove(0);
        }
        self.common.push(shared.clone());
        shared
    }

    fn id(&mut self, s: &str) -> Shared {
        match &self.id {
            Some(id) if &**id == s => id.clone(),
            _ => self.id.insert(s.into()).clone(),
        }
    }
}

/// Validates the fields of one name row (of a `names/*.tsv` file, or of a JSON Lines table);
/// `flags` as written in the table (`cs,exact`, `-` or empty for none). The row shares its
/// repeated strings with the other rows made with `strings`.
///
/// A dirty name is repaired (see [`clean_name`]) or, when there is nothing to read (an empty
/// name, no letters), left out: `Ok(None)`. Either way a warning is pushed on `warnings`
/// ([`TableErrorKind::Repaired`], [`TableErrorKind::Skipped`]). A malformed field is an error.
#[allow(clippy::too_many_arguments)]
pub fn name_row(
    strings: &mut Strings,
    rules: Rules<'_>,
    path: &str,
    line: usize,
    id: &str,
    name: &str,
    lang: &str,
    source: &str,
    flags: &str,
    warnings: &mut Vec<TableError>,
) -> Result<Option<NameRow>, TableError> {
    use TableErrorKind::Malformed;
    let fail = |kind: TableErrorKind, message: String| Err(err(path, line, kind, message));
    if !valid_lang(lang) {
        return fail(
            Malformed("lang"),
            format!("malformed language tag {lang:?} (expected like en, be-Cyrl, ru-Latn)"),
        );
    }
    if source.is_empty() {
        return fail(Malformed("source"), "empty source".into());
    }
    let flags = match Flags::parse(flags) {
        Ok(flags) => flags,
        Err(message) => return fail(Malformed("flags"), message),
    };
    let name = match clean_name(rules, name) {
        Ok((clean, repaired)) => {
            if let Some(message) = repaired {
                warnings.push(err(path, line, TableErrorKind::Repaired, message));
            }
            clean
        }
        Err(message) => {
            warnings.push(err(
                path,
                line,
                TableErrorKind::Skipped,
                format!("{message}; left out"),
            ));
            return Ok(None);
        }
    };
    Ok(Some(NameRow {
        id: strings.id(id),
        name: (*name).into(),
        lang: strings.common(lang),
        source: strings.common(source),
        flags,
        kind: None,
        path: strings.common(path),
        line,
        origin: 0,
    }))
}

/// Parses one names file. IDs are checked against `ids` when given.
///
/// A comment line `# kind: person` (or `place`, `organization`, `media`, `other`) gives the
/// kind of the entities that the rows below it make when no table defines their IDs, up to the
/// next such line ([`NameRow::kind`]).
pub fn parse_names(
    rules: Rules<'_>,
    path: &str,
    text: &str,
    ids: Option<&BTreeSet<&str>>,
) -> (Vec<NameRow>, Vec<TableError>) {
    let mut errors = Vec::new();
    let lines = row_lines(path, text, &mut errors);
    let kinds = kind_lines(path, text, &mut errors);
    // Rows are independent: a large table is parsed in two halves at once (validation keys
    // every name, which is most of the time), and the halves joined in line order.
    let parse = |lines| parse_name_lines(rules, path, lines, ids, &kinds);
    let (mut out, more) = match lines.split_at_checked(lines.len() / 2) {
        Some((first, second)) if lines.len() >= PARALLEL_ROWS => std::thread::scope(|scope| {
            let other = scope.spawn(|| parse(second));
            let mine = parse(first);
            // A panic in the other half is a bug; re-raise it here.
            let theirs = other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (mine, Some(theirs))
        }),
        _ => (parse(&lines), None),
    };
    errors.append(&mut out.1);
    if let Some((rows, mut errs)) = more {
        out.0.extend(rows);
        errors.append(&mut errs);
    }
    (out.0, errors)
}

/// The `# kind:` lines of a names file: `(line number, kind)`, in order.
fn kind_lines(path: &str, text: &str, errors: &mut Vec<TableError>) -> Vec<(usize, Kind)> {
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let Some(kind) = l.strip_prefix("# kind:") else {
            continue;
        };
        let kind = kind.trim();
        match Kind::parse(kind) {
            Some(k) => out.push((i + 1, k)),
            None => errors.push(err(
                path,
                i + 1,
                TableErrorKind::Malformed("kind"),
                format!(
                    "unknown kind {kind:?} (expected person, place, organization, media or other)"
                ),
            )),
        }
    }
    out
}

/// Fewer rows than this are parsed on one thread: a thread costs more than it saves.
const PARALLEL_ROWS: usize = 20_000;

/// Parses the rows of a names file (see [`row_lines`]); `kinds` are its `# kind:` lines.
fn parse_name_lines(
    rules: Rules<'_>,
    path: &str,
    lines: &[(usize, &str)],
    ids: Option<&BTreeSet<&str>>,
    kinds: &[(usize, Kind)],
) -> (Vec<NameRow>, Vec<TableError>) {
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    let mut strings = Strings::default();
    for &(line, text) in lines {
        let mut fields = text.split('\t');
        let f: [Option<&str>; 6] = std::array::from_fn(|_| fields.next());
        let (id, name, lang, source, flags) = match f {
            [Some(id), Some(name), Some(lang), Some(source), flags, None] => {
                (id, name, lang, source, flags.unwrap_or("-"))
            }
            _ => {
                let found = text.split('\t').count();
                errors.push(err(path, line, TableErrorKind::Malformed("row"), format!("expected 4 or 5 TAB-separated fields (id, name, lang, source[, flags]), found {found}")));
                continue;
            }
        };
        if let Some(ids) = ids {
            if !ids.contains(id) {
                errors.push(err(
                    path,
                    line,
                    TableErrorKind::UnknownId,
                    format!("unknown entity ID {id:?} (not in entities.tsv)"),
                ));
                continue;
            }
        }
        match name_row(
            &mut strings,
            rules,
            path,
            line,
            id,
            name,
            lang,
            source,
            flags,
            &mut errors,
        ) {
            Ok(Some(mut row)) => {
                // The last `# kind:` line above the row.
                let above = kinds.partition_point(|&(l, _)| l < line);
                row.kind = above
                    .checked_sub(1)
                    .and_then(|i| kinds.get(i))
                    .map(|&(_, k)| k);
                out.push(row);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

fn mixes_scripts(token: &str) -> bool {
    let mut latin = false;
    let mut other = false;
    for c in token.chars() {
        match fold::script(c) {
            fold::Script::Latin => latin = true,
            fold::Script::Cyrillic | fold::Script::Greek => other = true,
            fold::Script::Other => {}
        }
    }
    latin && other
}

/// How a form of a name was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derivation {
    /// The name as listed.
    Listed,
    /// A person's name with the surname first (`Lukashenka Alyaksandr`).
    Reordered,
    /// A person's name without the patronymic (`Alyaksandr Lukashenka` from
    /// `Alyaksandr Ryhoravich Lukashenka`), in either order.
    NoPatronymic,
    /// A person's name with the given name reduced to an initial (`A. Lukashenka`).
    Initial,
}

/// The forms of a listed name that a reader would take for the same name: for a person's
/// multi-word name, the surname-first order, the form without the patronymic, and the form
/// with an initial. Derived forms never need listing; they yield to listed names on conflict.
// The compiler renders the shapes into a reused buffer (`Shape::render_into`); the tests read
// the forms whole.
#[cfg(test)]
pub fn variants(kind: Kind, row: &NameRow) -> Vec<(String, Derivation)> {
    let words: Vec<&str> = words(&row.name).collect();
    shapes(kind, row, &words)
        .iter()
        .map(|&shape| (shape.render(&row.name, &words), shape.derivation()))
        .collect()
}

/// The words of a name as [`variants`] reorders them: cut at spaces only, so that a word may
/// hold several tokens (`Grodno-Azot`).
pub fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(' ').filter(|t| !t.is_empty())
}

/// How one of the [`variants`] of a name is made from the name's [`words`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The name as listed.
    Listed,
    /// The last word, then the others in order.
    Reordered,
    /// The first and the last word.
    FirstLast,
    /// The last and the first word.
    LastFirst,
    /// The first word's initial and a dot, then the last word.
    Initial,
    /// Of a name written surname first (`Ротенберг Аркадий Романович`, as registers and
    /// sanctions lists write Russian names): the words after the first, then the first
    /// (`Аркадий Романович Ротенберг`).
    GivenFirst,
    /// The second word, then the first (`Аркадий Ротенберг`).
    SecondFirst,
    /// The first two words (`Ротенберг Аркадий`).
    FirstSecond,
    /// The initials of every word but the last, then the last (`Е. Л. Шарова`, `J. F. Kennedy`).
    Initials,
    /// The last word, then the initials of the others (`Шарова Е. Л.`, as Russian documents
    /// write a name).
    LastInitials,
    /// Of a name written surname first: the initials of the words after the first, then the
    /// first (`А. Р. Ротенберг`).
    OthersInitialsFirst,
    /// Of a name written surname first: the first word, then the initials of the others
    /// (`Ротенберг А. Р.`).
    FirstInitials,
}

/// One part of a [`Shape`]: a word of the name, or the initial of a word and a dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Word(usize),
    Initial(usize),
}

/// The shapes of the [`variants`] of `row`, whose [`words`] are `words`.
pub fn shapes(kind: Kind, row: &NameRow, words: &[&str]) -> &'static [Shape] {
    use Shape::*;
    if kind != Kind::Person || row.flags.surname {
        return &[Listed];
    }
    let [first, middle @ .., last] = words else {
        return &[Listed];
    };
    if !is_capitalized(first) || !is_capitalized(last) {
        return &[Listed];
    }
    if has_nasab(words) {
        return &[Listed];
    }
    if is_surname_first(words) {
        return &[
            Listed,
            GivenFirst,
            SecondFirst,
            FirstSecond,
            OthersInitialsFirst,
            FirstInitials,
        ];
    }
    if middle.is_empty() {
        &[Listed, Reordered, Initial, LastInitials]
    } else {
        &[
            Listed,
            Reordered,
            FirstLast,
            LastFirst,
            Initial,
            Initials,
            LastInitials,
        ]
    }
}

/// Whether a person's name has a nasab (`Muhammad bin Salman`, `Turki ibn Ibrahim`, `Mohamed
/// ould Abdel Aziz`): its order says who is whose son or daughter, so the name is matched in
/// its own order only — `Salman bin Muhammad` is his father's name pattern reversed, another
/// person. `Ben` and `Ap` capitalised are given names and surnames, not particles.
pub fn has_nasab(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "bin" | "ibn" | "bint" | "binti" | "ibnu" | "ibni"
        ) || matches!(*w, "ben" | "ould" | "ap" | "bat")
    })
}

/// The word of a person's name that is the surname: the first of a name written surname first
/// ([`is_surname_first`]), else the last (`Мария Колесникова`, or a name of one word). `None`
/// for other kinds. The declension reads it (`crate::inflect::paradigm`).
pub fn surname_word<'w>(kind: Kind, words: &[&'w str]) -> Option<&'w str> {
    if kind != Kind::Person {
        return None;
    }
    if is_surname_first(words) {
        words.first().copied()
    } else {
        words.last().copied()
    }
}

/// Whether a person's name of three words is written surname first: its last word is a
/// patronymic and its second is not (`Ротенберг Аркадий Романович`, `Abramovich Roman
/// Arkadyevich`; not `Roman Arkadyevich Abramovich`). Lithuanian surnames in -vičius look
/// like patronymics and are none.
pub fn is_surname_first(words: &[&str]) -> bool {
    let [_, given, patronymic] = words else {
        return false;
    };
    crate::inflect::is_patronymic(patronymic)
        && !crate::inflect::is_patronymic(given)
        && !patronymic.ends_with("ius")
        && !patronymic.ends_with("is")
}

impl Shape {
    pub fn derivation(self) -> Derivation {
        match self {
            Shape::Listed => Derivation::Listed,
            Shape::Reordered | Shape::GivenFirst => Derivation::Reordered,
            Shape::FirstLast | Shape::LastFirst | Shape::SecondFirst | Shape::FirstSecond => {
                Derivation::NoPatronymic
            }
            Shape::Initial
            | Shape::Initials
            | Shape::LastInitials
            | Shape::OthersInitialsFirst
            | Shape::FirstInitials => Derivation::Initial,
        }
    }

    /// Whether this shape writes initials.
    pub fn has_initials(self) -> bool {
        self.derivation() == Derivation::Initial
    }

    /// Whether running text is searched for this shape. Not for those that end in initials
    /// (`Шарова Е. Л.`, a register's style): the dot after a last word is optional in text,
    /// so any one-letter word after a surname would fill them (`Lukashenka a`, `Лукашенко в`).
    pub fn in_text(self) -> bool {
        !matches!(self, Shape::LastInitials | Shape::FirstInitials)
    }

    /// The parts of this shape of a name of `n` words, in order. Written out with a space
    /// between parts, they are the variant ([`Shape::render`]), but for a listed name, which
    /// is kept as it is written.
    pub fn parts(self, n: usize) -> impl Iterator<Item = Part> {
        let last = n.saturating_sub(1);
        let first = 1.min(n);
        // A leading word, a run of initials, a run of words in order, a trailing word.
        let none = 0..0;
        let (lead, initials, rest, trail) = match self {
            Shape::Listed => (None, none.clone(), 0..n, None),
            Shape::Reordered => (Some(Part::Word(last)), none.clone(), 0..last, None),
            Shape::FirstLast => (Some(Part::Word(0)), none.clone(), last..n, None),
            Shape::LastFirst => (Some(Part::Word(last)), none.clone(), 0..last.min(1), None),
            Shape::Initial => (None, 0..first, last..n, None),
            Shape::GivenFirst => (None, none.clone(), first..n, Some(Part::Word(0))),
            Shape::SecondFirst => (Some(Part::Word(1.min(last))), none.clone(), 0..first, None),
            Shape::FirstSecond => (None, none.clone(), 0..2.min(n), None),
            Shape::Initials => (None, 0..last, last..n, None),
            Shape::LastInitials => (Some(Part::Word(last)), 0..last, none.clone(), None),
            Shape::OthersInitialsFirst => (None, first..n, 0..first, None),
            Shape::FirstInitials => (Some(Part::Word(0)), first..n, none, None),
        };
        lead.into_iter()
            .chain(initials.map(Part::Initial))
            .chain(rest.map(Part::Word))
            .chain(trail)
    }

    /// The text of this shape of `name`, whose [`words`] are `words`.
    // For tests; the compiler renders into a reused buffer (`Shape::render_into`).
    #[cfg(test)]
    pub fn render(self, name: &str, words: &[&str]) -> String {
        let mut out = String::with_capacity(name.len());
        self.render_into(name, words, &mut out);
        out
    }

    /// Writes [`Shape::render`] into `out` (cleared first), so that a caller with many names
    /// reuses one buffer.
    pub fn render_into(self, name: &str, words: &[&str], out: &mut String) {
        out.clear();
        if self == Shape::Listed {
            out.push_str(name);
            return;
        }
        for part in self.parts(words.len()) {
            if !out.is_empty() {
                out.push(' ');
            }
            match part {
                Part::Word(i) => out.push_str(words.get(i).copied().unwrap_or_default()),
                Part::Initial(i) => {
                    if let Some(c) = words.get(i).and_then(|w| w.chars().next()) {
                        out.push(c);
                    }
                    out.push('.');
                }
            }
        }
    }
}

/// Whether `token` starts with a capital letter.
pub fn is_capitalized(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_uppercase)
}

/// One row of `homoglyphs.tsv`: a letter and the letter of the other script it looks like.
// Only build.rs reads this table: the crate gets it compiled (`index::builtin::HOMOGLYPHS`).
#[allow(dead_code)]
pub fn parse_homoglyphs(path: &str, text: &str) -> (Vec<(char, char)>, Vec<TableError>) {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (line, f) in rows(path, text, &mut errors) {
        let pair = match f.as_slice() {
            [a, b, ..] => {
                let (mut a, mut b) = (a.chars(), b.chars());
                match (a.next(), a.next(), b.next(), b.next()) {
                    (Some(x), None, Some(y), None) => Some((x, y)),
                    _ => None,
                }
            }
            _ => None,
        };
        match pair {
            Some((x, y)) if fold::script(y) == fold::Script::Latin && matches!(fold::script(x), fold::Script::Cyrillic | fold::Script::Greek) => out.push((x, y)),
            _ => errors.push(err(path, line, TableErrorKind::Malformed("row"), "expected a Cyrillic or Greek letter, a TAB, and the one Latin letter it looks like".into())),
        }
    }
    (out, errors)
}

/// One given name in its forms across languages: a row of `tables/given_names.tsv`.
// Only build.rs reads this table (and a test): the crate gets it compiled (`given_name`).
#[allow(dead_code)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenName {
    /// A lowercase ASCII ID, such as `nikolai`.
    pub id: String,
    /// Feminine names are classes of their own: a wife's name never stands for her husband's.
    pub feminine: bool,
    /// The forms, each with its language tag: `("be", "Мікалай")`, `("pl", "Mikołaj")`.
    pub forms: Vec<(String, String)>,
}

/// Reads `tables/given_names.tsv`: `id<TAB>m|f<TAB>lang:Form | lang:Form | …`.
// Only build.rs reads this table (and a test): the crate gets it compiled (`given_name`).
#[allow(dead_code)]
pub fn parse_given_names(path: &str, text: &str) -> (Vec<GivenName>, Vec<TableError>) {
    let mut errors = Vec::new();
    let mut out: Vec<GivenName> = Vec::new();
    for (line, f) in rows(path, text, &mut errors) {
        let [id, gender, forms] = f.as_slice() else {
            errors.push(err(
                path,
                line,
                TableErrorKind::Malformed("row"),
                format!("expected 3 TAB-separated fields, found {}", f.len()),
            ));
            continue;
        };
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            errors.push(err(
                path,
                line,
                TableErrorKind::Malformed("id"),
                format!("bad ID {id:?}: lowercase ASCII letters and `-`"),
            ));
            continue;
        }
        if out.iter().any(|g| g.id == *id) {
            errors.push(err(
                path,
                line,
                TableErrorKind::DuplicateId,
                format!("duplicate ID {id:?}"),
            ));
            continue;
        }
        let feminine = match *gender {
            "m" => false,
            "f" => true,
            _ => {
                errors.push(err(
                    path,
                    line,
                    TableErrorKind::Malformed("gender"),
                    format!("bad gender {gender:?}: `m` or `f`"),
                ));
                continue;
            }
        };
        let mut parsed = Vec::new();
        for form in forms.split('|').map(str::trim) {
            match form.split_once(':') {
                Some((lang, name))
                    if valid_lang(lang)
                        && words(name).count() == 1
                        && !fold::key_plain(name).is_empty() =>
                {
                    parsed.push((lang.to_owned(), name.to_owned()));
                }
                _ => errors.push(err(
                    path,
                    line,
                    TableErrorKind::Malformed("forms"),
                    format!("bad form {form:?}: a language tag, `:`, and one word (`be:Мікалай`)"),
                )),
            }
        }
        out.push(GivenName {
            id: (*id).to_owned(),
            feminine,
            forms: parsed,
        });
    }
    (out, errors)
}

/// The entity tables of one directory — `entities.tsv` and `names/*.tsv` — read and validated
/// row by row. Every entity's canonical name is among its names, listed or not.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// The entities, in file order.
    pub entities: Vec<EntityRow>,
    /// Every name row of every names file (files in name order), then the canonical names that
    /// no file lists.
    pub names: Vec<NameRow>,
}

impl Tables {
    /// Reads `dir/entities.tsv` and `dir/names/*.tsv` by the rules of the built-in tables
    /// ([`Rules::BUILTIN`]). Paths in errors are written by `label`. Malformed rows are
    /// reported and left out; the rest is returned.
    // build.rs reads `tables/` with it (and a test); the crate reads users' tables by their
    // own rules (`read_dir_with`).
    #[allow(dead_code)]
    pub fn read_dir(dir: &Path, label: &dyn Fn(&Path) -> String) -> (Tables, Vec<TableError>) {
        Tables::read_dir_with(Rules::BUILTIN, dir, label)
    }

    /// [`Tables::read_dir`] by `rules`.
    pub fn read_dir_with(
        rules: Rules<'_>,
        dir: &Path,
        label: &dyn Fn(&Path) -> String,
    ) -> (Tables, Vec<TableError>) {
        let mut errors = Vec::new();
        let mut read = |path: &Path| match std::fs::read_to_string(path) {
            Ok(text) => Some((label(path), text)),
            Err(e) => {
                errors.push(err(
                    &label(path),
                    0,
                    TableErrorKind::Unreadable,
                    format!("cannot read: {e}"),
                ));
                None
            }
        };
        let entities = read(&dir.join("entities.tsv"));
        let names: Vec<(String, String)> = Tables::names_files(dir)
            .iter()
            .filter_map(|p| read(p))
            .collect();
        let (tables, errs) = Tables::parse(
            rules,
            entities.as_ref().map(|(l, t)| (l.as_str(), t.as_str())),
            names.iter().map(|(l, t)| (l.as_str(), t.as_str())),
        );
        errors.extend(errs);
        (tables, errors)
    }

    /// The names files of a tables directory, `dir/names/*.tsv`, in name order.
    pub fn names_files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir.join("names"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// Parses an `entities.tsv` and the names files that go with it, each given as
    /// `(label, text)`: the same checks as [`Tables::read_dir`], on text already read.
    pub fn parse<'t>(
        rules: Rules<'_>,
        entities: Option<(&str, &str)>,
        names: impl IntoIterator<Item = (&'t str, &'t str)>,
    ) -> (Tables, Vec<TableError>) {
        let mut errors = Vec::new();
        let entities = match entities {
            Some((label, text)) => {
                let (rows, errs) = parse_entities(rules, label, text);
                errors.extend(errs);
                rows
            }
            None => Vec::new(),
        };
        let ids: BTreeSet<&str> = entities.iter().map(|e| &*e.id).collect();
        let mut all = Vec::new();
        for (label, text) in names {
            let (rows, errs) = parse_names(rules, label, text, Some(&ids));
            errors.extend(errs);
            all.extend(rows);
        }
        let mut tables = Tables {
            entities,
            names: all,
        };
        tables.add_canonical_names(0);
        (tables, errors)
    }

    /// Lists each canonical name of `entities[from..]` that its entity's names do not (up to
    /// light folding), as a name row at the end: every entity's canonical name is among its
    /// names.
    pub fn add_canonical_names(&mut self, from: usize) {
        // The entities to check, by ID, each with its canonical name folded; a name row of the
        // entity that is written (or folds) the same settles it.
        let mut wanted: HashMap<&str, Vec<(usize, String)>, foldhash::fast::RandomState> =
            HashMap::default();
        for (i, e) in self.entities.iter().enumerate().skip(from) {
            let folded = fold::fold_plain(&e.canonical);
            wanted.entry(&*e.id).or_default().push((i, folded));
        }
        let mut listed = vec![false; self.entities.len()];
        let mut folded = String::new();
        for n in &self.names {
            let Some(list) = wanted.get(&*n.id) else {
                continue;
            };
            folded.clear();
            for (i, canonical) in list {
                let Some(seen) = listed.get_mut(*i) else {
                    continue;
                };
                if *seen {
                    continue;
                }
                let same = self.entities.get(*i).is_some_and(|e| e.canonical == n.name) || {
                    if folded.is_empty() {
                        fold::fold_into(&n.name, fold::Homoglyphs::NONE, &mut folded);
                    }
                    folded == *canonical
                };
                *seen = same;
            }
        }
        let mut extra = Vec::new();
        for (e, _) in self
            .entities
            .iter()
            .zip(&listed)
            .skip(from)
            .filter(|(_, listed)| !**listed)
        {
            extra.push(NameRow {
                id: e.id.clone(),
                name: e.canonical.clone(),
                lang: "und".into(),
                source: "canonical".into(),
                flags: Flags::default(),
                kind: None,
                path: e.path.clone(),
                line: e.line,
                origin: e.origin,
            });
        }
        self.names.extend(extra);
    }

    /// Each entity's position in [`Tables::entities`], by ID.
    pub fn index(&self) -> BTreeMap<&str, usize> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (&*e.id, i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "# source: test\n";

    fn messages(errors: &[TableError]) -> Vec<String> {
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn entity_rows_are_validated_with_path_and_line() {
        let text = format!(
            "{HEADER}per:a\tperson\tA\t-\tok\nper:a\tperson\tA\t-\tdup\nloc:b\tperson\tB\t-\twrong prefix\nper:c\tperson\tC\tQ12x\tbad qid\nPer:D\tperson\tD\t-\tbad id\nper:e\tperson\tE\n"
        );
        let (rows, errors) = parse_entities(Rules::BUILTIN, "tables/entities.tsv", &text);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            messages(&errors),
            [
                "tables/entities.tsv:3: duplicate ID \"per:a\" (first defined on line 2)",
                "tables/entities.tsv:4: ID \"loc:b\" does not start with \"per:\", the prefix of kind person",
                "tables/entities.tsv:5: malformed Wikidata QID \"Q12x\" (expected Q followed by digits, or -)",
                "tables/entities.tsv:6: malformed ID \"Per:D\" (expected a prefix and a lowercase ASCII slug, like per:alyaksandr-lukashenka)",
                "tables/entities.tsv:7: expected 5 to 7 TAB-separated fields (id, kind, canonical, qid, description[, scope[, weight]]), found 3",
            ]
        );
    }

    #[test]
    fn an_entity_weight_is_a_number_of_zero_or_more() {
        let text = format!(
            "{HEADER}loc:a\tplace\tA\t-\tcity\t-\t50850\nloc:b\tplace\tB\t-\tcity\tloc:a\t-\nloc:c\tplace\tC\t-\tcity\t-\tmany\nloc:d\tplace\tD\t-\tcity\t-\t-3\n"
        );
        let (rows, errors) = parse_entities(Rules::BUILTIN, "tables/entities.tsv", &text);
        let weights: Vec<_> = rows.iter().map(|r| r.weight.map(Weight::get)).collect();
        assert_eq!(weights, [Some(50850.0), None]);
        assert_eq!(
            messages(&errors),
            [
                "tables/entities.tsv:4: weight \"many\" is not a number of zero or more",
                "tables/entities.tsv:5: weight \"-3\" is not a number of zero or more",
            ]
        );
    }

    #[test]
    fn name_rows_are_validated_with_path_and_line() {
        let ids: BTreeSet<&str> = ["per:a"].into_iter().collect();
        let text = format!(
            "{HEADER}per:a\tLukashenka\ten\tseed\tsurname\nper:x\tNobody\ten\tseed\nper:a\tLukаshenka\ten\tseed\nper:a\tLukashenka\tEN\tseed\nper:a\tLukashenka\ten\tseed\tloud\nper:a\t--\ten\tseed\n"
        );
        let (rows, errors) = parse_names(Rules::BUILTIN, "tables/names/x.tsv", &text, Some(&ids));
        assert_eq!(rows.len(), 1);
        assert!(rows[0].flags.surname);
        let m = messages(&errors);
        assert_eq!(
            m[0],
            "tables/names/x.tsv:3: unknown entity ID \"per:x\" (not in entities.tsv)"
        );
        assert!(
            m[1].starts_with("tables/names/x.tsv:4: token \"Lukаshenka\" mixes Latin and Cyrillic"),
            "{}",
            m[1]
        );
        assert!(
            m[2].starts_with("tables/names/x.tsv:5: malformed language tag \"EN\""),
            "{}",
            m[2]
        );
        assert!(
            m[3].starts_with("tables/names/x.tsv:6: unknown flag \"loud\""),
            "{}",
            m[3]
        );
        assert!(
            m[4].starts_with("tables/names/x.tsv:7: name \"--\" has no letters or digits"),
            "{}",
            m[4]
        );
        assert_eq!(m.len(), 5);
    }

    #[test]
    fn a_large_names_file_keeps_its_rows_and_errors_in_line_order() {
        // Enough rows to be parsed in two halves, with bad rows in both and one field count
        // error; lines are numbered from the header (line 1) and the blank line.
        let n = PARALLEL_ROWS * 2 + 3;
        let mut text = format!("{HEADER}\n");
        for i in 0..n {
            let row = match i % 9_000 {
                17 => format!("per:p{i}\t--\ten\tseed\n"),
                18 => format!("per:p{i}\tName{i}\ten\n"),
                _ => format!("per:p{i}\tName{i}\ten\tseed\n"),
            };
            text.push_str(&row);
        }
        let (rows, errors) = parse_names(Rules::BUILTIN, "big.tsv", &text, None);
        let bad: Vec<usize> = (0..n).filter(|i| matches!(i % 9_000, 17 | 18)).collect();
        assert_eq!(rows.len(), n - bad.len());
        assert!(rows.windows(2).all(|w| w[0].line < w[1].line));
        assert_eq!(rows.first().map(|r| (r.line, &*r.id)), Some((3, "per:p0")));
        let last = format!("per:p{}", n - 1);
        assert_eq!(rows.last().map(|r| (r.line, &*r.id)), Some((n + 2, &*last)));
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, bad.iter().map(|i| i + 3).collect::<Vec<_>>());
        assert!(
            errors[1].message.contains("found 3"),
            "{}",
            errors[1].message
        );
    }

    /// Dirty names of users' tables: what each is read as, or why it is left out.
    #[test]
    fn dirty_names_are_read_clean_or_left_out() {
        let rules = Rules {
            prefixed_ids: false,
            homoglyphs: fold::Homoglyphs {
                to_latin: &[('о', 'o'), ('і', 'i')],
                to_cyrillic: &[('i', 'і'), ('o', 'о')],
            },
        };
        let cases: [(&str, Result<&str, &str>); 9] = [
            ("Minsk", Ok("Minsk")),
            (" Minsk", Ok("Minsk")),
            ("Minsk ", Ok("Minsk")),
            ("São  Paulo", Ok("São Paulo")),
            ("São\u{a0}Paulo", Ok("São Paulo")),
            ("Жодзiна", Ok("Жодзіна")),
            ("Minsk Мiнск", Ok("Minsk Мінск")),
            ("", Err("empty name")),
            (" \u{a0} ", Err("empty name")),
        ];
        for (name, want) in cases {
            let got = clean_name(rules, name).map(|(clean, _)| clean.into_owned());
            let want = want.map(str::to_owned).map_err(str::to_owned);
            assert_eq!(got, want, "{name:?}");
        }
        assert!(clean_name(rules, "Minsk").is_ok_and(|(_, repair)| repair.is_none()));
        assert_eq!(
            clean_name(rules, "--"),
            Err("name \"--\" has no letters or digits".into())
        );
        // `ă` has no look-alike: the word still mixes scripts.
        assert!(clean_name(rules, "Пăва").is_err());
        assert!(check_id(rules, "NK-2eC4j").is_ok() && check_id(rules, "a\nb").is_err());
        assert!(check_id(Rules::BUILTIN, "Q7747").is_err());
    }

    #[test]
    fn a_file_without_a_source_line_is_refused() {
        let (_, errors) = parse_entities(Rules::BUILTIN, "e.tsv", "per:a\tperson\tA\t-\tok\n");
        assert_eq!(
            messages(&errors),
            ["e.tsv: missing a `# source:` header line naming where the rows come from"]
        );
    }

    #[test]
    fn person_names_get_reordered_patronymic_free_and_initial_forms() {
        let row = NameRow {
            id: "per:a".into(),
            name: "Аляксандр Рыгоравіч Лукашэнка".into(),
            lang: "be-Cyrl".into(),
            source: "test".into(),
            flags: Flags::default(),
            kind: None,
            path: "".into(),
            line: 1,
            origin: 0,
        };
        let forms: Vec<String> = variants(Kind::Person, &row)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            forms,
            [
                "Аляксандр Рыгоравіч Лукашэнка",
                "Лукашэнка Аляксандр Рыгоравіч",
                "Аляксандр Лукашэнка",
                "Лукашэнка Аляксандр",
                "А. Лукашэнка",
                "А. Р. Лукашэнка",
                "Лукашэнка А. Р."
            ]
        );
        let row = NameRow {
            name: "Ротенберг Аркадий Романович".into(),
            ..row
        };
        let forms: Vec<String> = variants(Kind::Person, &row)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            forms,
            [
                "Ротенберг Аркадий Романович",
                "Аркадий Романович Ротенберг",
                "Аркадий Ротенберг",
                "Ротенберг Аркадий",
                "А. Р. Ротенберг",
                "Ротенберг А. Р."
            ]
        );
        assert_eq!(variants(Kind::Place, &row).len(), 1);
    }
}
