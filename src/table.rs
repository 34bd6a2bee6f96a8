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
                other => {
                    return Err(format!(
                        "unknown flag {other:?} (expected cs, exact, notext or surname)"
                    ));
                }
            }
        }
        Ok(flags)
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
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Weight(f64);

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
    /// The file the row came from.
    pub path: Shared,
    /// 1-based line number in its file.
    pub line: usize,
    /// Which table the row came from, in loading order (0 for the first, the built-in tables
    /// when they are loaded).
    pub origin: u32,
}

/// A problem in a table, reported as `path:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) message: String,
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
        errors.push(TableError {
            path: path.to_owned(),
            line: 0,
            message: "missing a `# source:` header line naming where the rows come from".into(),
        });
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .collect()
}

fn err(path: &str, line: usize, message: String) -> TableError {
    TableError {
        path: path.to_owned(),
        line,
        message,
    }
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

/// Validates the fields of one entity row (of `entities.tsv`, or of a JSON Lines table).
#[allow(clippy::too_many_arguments)]
pub fn entity_row(
    path: &str,
    line: usize,
    id: &str,
    kind: &str,
    canonical: &str,
    qid: &str,
    description: &str,
) -> Result<EntityRow, TableError> {
    let fail = |message: String| Err(err(path, line, message));
    let Some(kind) = Kind::parse(kind) else {
        return fail(format!(
            "unknown kind {kind:?} (expected person, place, organization, media or other)"
        ));
    };
    if !valid_id(id) {
        return fail(format!(
            "malformed ID {id:?} (expected a prefix and a lowercase ASCII slug, like per:alyaksandr-lukashenka)"
        ));
    }
    if !id.starts_with(kind.prefix()) {
        return fail(format!(
            "ID {id:?} does not start with {:?}, the prefix of kind {kind}",
            kind.prefix()
        ));
    }
    if canonical.trim().is_empty() {
        return fail(format!("empty canonical name for {id}"));
    }
    let qid = match qid {
        "-" | "" => None,
        q if q.starts_with('Q') && q.len() > 1 && q.bytes().skip(1).all(|b| b.is_ascii_digit()) => {
            Some(q.into())
        }
        q => {
            return fail(format!(
                "malformed Wikidata QID {q:?} (expected Q followed by digits, or -)"
            ));
        }
    };
    Ok(EntityRow {
        id: id.into(),
        kind,
        canonical: canonical.into(),
        qid,
        description: description.into(),
        path: path.into(),
        line,
        origin: 0,
        weight: None,
    })
}

/// Parses `entities.tsv`. Every problem is reported, not just the first.
pub fn parse_entities(path: &str, text: &str) -> (Vec<EntityRow>, Vec<TableError>) {
    let mut errors = Vec::new();
    let mut out: Vec<EntityRow> = Vec::new();
    let mut seen: BTreeMap<Shared, usize> = BTreeMap::new();
    for (line, f) in rows(path, text, &mut errors) {
        let [id, kind, canonical, qid, description] = f.as_slice() else {
            errors.push(err(path, line, format!("expected 5 TAB-separated fields (id, kind, canonical, qid, description), found {}", f.len())));
            continue;
        };
        let row = match entity_row(path, line, id, kind, canonical, qid, description) {
            Ok(row) => row,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(first) = seen.insert(row.id.clone(), line) {
            errors.push(err(
                path,
                line,
                format!("duplicate ID {id:?} (first defined on line {first})"),
            ));
            continue;
        }
        if let Some(prev) = out.last() {
            if prev.id > row.id {
                errors.push(err(
                    path,
                    line,
                    format!("rows are not sorted: {id} comes after {}", prev.id),
                ));
            }
        }
        out.push(row);
    }
    (out, errors)
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
#[allow(clippy::too_many_arguments)]
pub fn name_row(
    strings: &mut Strings,
    path: &str,
    line: usize,
    id: &str,
    name: &str,
    lang: &str,
    source: &str,
    flags: &str,
) -> Result<NameRow, TableError> {
    let fail = |message: String| Err(err(path, line, message));
    if name.trim().is_empty() || name.trim() != name {
        return fail(format!(
            "name {name:?} is empty or has leading/trailing space"
        ));
    }
    if fold::key_plain(name).is_empty() {
        return fail(format!("name {name:?} has no letters or digits"));
    }
    if !valid_lang(lang) {
        return fail(format!(
            "malformed language tag {lang:?} (expected like en, be-Cyrl, ru-Latn)"
        ));
    }
    if source.is_empty() {
        return fail("empty source".into());
    }
    let flags = match Flags::parse(flags) {
        Ok(flags) => flags,
        Err(message) => return fail(message),
    };
    if let Some(token) = fold::Tokens::new(name).find(|t| mixes_scripts(t.text)) {
        return fail(format!(
            "token {:?} mixes Latin and Cyrillic letters; write each name in one script (look-alikes are resolved at run time)",
            token.text
        ));
    }
    Ok(NameRow {
        id: strings.id(id),
        name: name.into(),
        lang: strings.common(lang),
        source: strings.common(source),
        flags,
        path: strings.common(path),
        line,
        origin: 0,
    })
}

/// Parses one names file. IDs are checked against `ids` when given.
pub fn parse_names(
    path: &str,
    text: &str,
    ids: Option<&BTreeSet<&str>>,
) -> (Vec<NameRow>, Vec<TableError>) {
    let mut errors = Vec::new();
    let lines = row_lines(path, text, &mut errors);
    // Rows are independent: a large table is parsed in two halves at once (validation keys
    // every name, which is most of the time), and the halves joined in line order.
    let (mut out, more) = match lines.split_at_checked(lines.len() / 2) {
        Some((first, second)) if lines.len() >= PARALLEL_ROWS => std::thread::scope(|scope| {
            let other = scope.spawn(|| parse_name_lines(path, second, ids));
            let mine = parse_name_lines(path, first, ids);
            // A panic in the other half is a bug; re-raise it here.
            let theirs = other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (mine, Some(theirs))
        }),
        _ => (parse_name_lines(path, &lines, ids), None),
    };
    errors.append(&mut out.1);
    if let Some((rows, mut errs)) = more {
        out.0.extend(rows);
        errors.append(&mut errs);
    }
    (out.0, errors)
}

/// Fewer rows than this are parsed on one thread: a thread costs more than it saves.
const PARALLEL_ROWS: usize = 20_000;

/// Parses the rows of a names file (see [`row_lines`]).
fn parse_name_lines(
    path: &str,
    lines: &[(usize, &str)],
    ids: Option<&BTreeSet<&str>>,
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
                errors.push(err(path, line, format!("expected 4 or 5 TAB-separated fields (id, name, lang, source[, flags]), found {found}")));
                continue;
            }
        };
        if let Some(ids) = ids {
            if !ids.contains(id) {
                errors.push(err(
                    path,
                    line,
                    format!("unknown entity ID {id:?} (not in entities.tsv)"),
                ));
                continue;
            }
        }
        match name_row(&mut strings, path, line, id, name, lang, source, flags) {
            Ok(row) => out.push(row),
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
}

/// One part of a [`Shape`]: a word of the name, or the initial of its first word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Word(usize),
    Initial,
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
    if middle.is_empty() {
        &[Listed, Reordered, Initial]
    } else {
        &[Listed, Reordered, FirstLast, LastFirst, Initial]
    }
}

impl Shape {
    pub fn derivation(self) -> Derivation {
        match self {
            Shape::Listed => Derivation::Listed,
            Shape::Reordered => Derivation::Reordered,
            Shape::FirstLast | Shape::LastFirst => Derivation::NoPatronymic,
            Shape::Initial => Derivation::Initial,
        }
    }

    /// The parts of this shape of a name of `n` words, in order. Written out with a space
    /// between parts, they are the variant ([`Shape::render`]), but for a listed name, which
    /// is kept as it is written.
    pub fn parts(self, n: usize) -> impl Iterator<Item = Part> {
        let last = n.saturating_sub(1);
        // A leading part, then a run of words in order.
        let (lead, rest) = match self {
            Shape::Listed => (None, 0..n),
            Shape::Reordered => (Some(Part::Word(last)), 0..last),
            Shape::FirstLast => (Some(Part::Word(0)), last..n),
            Shape::LastFirst => (Some(Part::Word(last)), 0..last.min(1)),
            Shape::Initial => (Some(Part::Initial), last..n),
        };
        lead.into_iter().chain(rest.map(Part::Word))
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
                Part::Initial => {
                    if let Some(c) = words.first().and_then(|w| w.chars().next()) {
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
            _ => errors.push(err(path, line, "expected a Cyrillic or Greek letter, a TAB, and the one Latin letter it looks like".into())),
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
                format!("expected 3 TAB-separated fields, found {}", f.len()),
            ));
            continue;
        };
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            errors.push(err(
                path,
                line,
                format!("bad ID {id:?}: lowercase ASCII letters and `-`"),
            ));
            continue;
        }
        if out.iter().any(|g| g.id == *id) {
            errors.push(err(path, line, format!("duplicate ID {id:?}")));
            continue;
        }
        let feminine = match *gender {
            "m" => false,
            "f" => true,
            _ => {
                errors.push(err(
                    path,
                    line,
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
    /// Reads `dir/entities.tsv` and `dir/names/*.tsv`. Paths in errors are written by `label`.
    /// Malformed rows are reported and left out; the rest is returned.
    pub fn read_dir(dir: &Path, label: &dyn Fn(&Path) -> String) -> (Tables, Vec<TableError>) {
        let mut errors = Vec::new();
        let mut read = |path: &Path| match std::fs::read_to_string(path) {
            Ok(text) => Some((label(path), text)),
            Err(e) => {
                errors.push(err(&label(path), 0, format!("cannot read: {e}")));
                None
            }
        };
        let entities = read(&dir.join("entities.tsv"));
        let names: Vec<(String, String)> = Tables::names_files(dir)
            .iter()
            .filter_map(|p| read(p))
            .collect();
        let (tables, errs) = Tables::parse(
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
        entities: Option<(&str, &str)>,
        names: impl IntoIterator<Item = (&'t str, &'t str)>,
    ) -> (Tables, Vec<TableError>) {
        let mut errors = Vec::new();
        let entities = match entities {
            Some((label, text)) => {
                let (rows, errs) = parse_entities(label, text);
                errors.extend(errs);
                rows
            }
            None => Vec::new(),
        };
        let ids: BTreeSet<&str> = entities.iter().map(|e| &*e.id).collect();
        let mut all = Vec::new();
        for (label, text) in names {
            let (rows, errs) = parse_names(label, text, Some(&ids));
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
        let (rows, errors) = parse_entities("tables/entities.tsv", &text);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            messages(&errors),
            [
                "tables/entities.tsv:3: duplicate ID \"per:a\" (first defined on line 2)",
                "tables/entities.tsv:4: ID \"loc:b\" does not start with \"per:\", the prefix of kind person",
                "tables/entities.tsv:5: malformed Wikidata QID \"Q12x\" (expected Q followed by digits, or -)",
                "tables/entities.tsv:6: malformed ID \"Per:D\" (expected a prefix and a lowercase ASCII slug, like per:alyaksandr-lukashenka)",
                "tables/entities.tsv:7: expected 5 TAB-separated fields (id, kind, canonical, qid, description), found 3",
            ]
        );
    }

    #[test]
    fn name_rows_are_validated_with_path_and_line() {
        let ids: BTreeSet<&str> = ["per:a"].into_iter().collect();
        let text = format!(
            "{HEADER}per:a\tLukashenka\ten\tseed\tsurname\nper:x\tNobody\ten\tseed\nper:a\tLukаshenka\ten\tseed\nper:a\tLukashenka\tEN\tseed\nper:a\tLukashenka\ten\tseed\tloud\nper:a\t--\ten\tseed\n"
        );
        let (rows, errors) = parse_names("tables/names/x.tsv", &text, Some(&ids));
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
        let (rows, errors) = parse_names("big.tsv", &text, None);
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

    #[test]
    fn a_file_without_a_source_line_is_refused() {
        let (_, errors) = parse_entities("e.tsv", "per:a\tperson\tA\t-\tok\n");
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
                "А. Лукашэнка"
            ]
        );
        assert_eq!(variants(Kind::Place, &row).len(), 1);
    }
}
