//! The `canonym._canonym` extension module: the crate's API as Python classes and functions.
//!
//! This file converts types only: Python arguments in, `calls` (the one file that calls the
//! crate) in the middle, Python objects out. Character offsets are computed from the crate's
//! byte offsets in `offsets`. Calls on long inputs release the GIL.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;

mod calls;
mod handle;
mod offsets;
#[cfg(feature = "polars")]
mod polars;

use calls::{EntityData, Finding, Romanizer, Target};
use handle::Handle;
use offsets::CharOffsets;

create_exception!(
    canonym,
    GazetteerError,
    PyValueError,
    "A gazetteer could not be built: the message lists every problem, one `path:line: message` a line."
);

/// Inputs at least this long (in bytes) are worked on with the GIL released; shorter ones cost
/// less than releasing and taking it back.
const DETACH_AT: usize = 4096;

fn run<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len >= DETACH_AT {
        py.detach(f)
    } else {
        f()
    }
}

fn value_error(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// An entity of the tables: a person, place, organization, media outlet or other.
#[pyclass(frozen, module = "canonym")]
pub struct Entity {
    handle: Handle,
    data: EntityData,
}

#[pymethods]
impl Entity {
    /// The stable ID, such as ``per:alyaksandr-lukashenka``.
    #[getter]
    fn id(&self) -> &str {
        &self.data.id
    }
    /// ``person``, ``place``, ``organization``, ``media`` or ``other``.
    #[getter]
    fn kind(&self) -> &str {
        self.data.kind
    }
    /// The canonical name: the entity's own or official Latin spelling.
    #[getter]
    fn canonical(&self) -> &str {
        &self.data.canonical
    }
    /// The Wikidata QID, or None.
    #[getter]
    fn qid(&self) -> Option<&str> {
        self.data.qid.as_deref()
    }
    /// A one-line description that tells same-named entities apart.
    #[getter]
    fn description(&self) -> &str {
        &self.data.description
    }
    /// Every listed name as ``(text, lang, source)``, in table order.
    #[getter]
    fn names(&self) -> Vec<(String, String, String)> {
        calls::names(self.handle.tables(), &self.data.id)
            .into_iter()
            .map(|n| (n.text, n.lang, n.source))
            .collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "Entity(id={:?}, kind={:?}, canonical={:?})",
            self.data.id, self.data.kind, self.data.canonical
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Entity>()
            .is_ok_and(|o| o.get().data.id == self.data.id)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.data.id.hash(&mut h);
        h.finish()
    }
}

fn entity_object(handle: &Handle, data: EntityData) -> Entity {
    Entity {
        handle: handle.clone(),
        data,
    }
}

/// A whole name recognised as one entity: what :func:`lookup` returns.
#[pyclass(frozen, module = "canonym")]
pub struct Match {
    handle: Handle,
    input: String,
    data: calls::MatchData,
}

#[pymethods]
impl Match {
    /// The entity's ID.
    #[getter]
    fn id(&self) -> &str {
        &self.data.entity.id
    }
    /// The entity's canonical name.
    #[getter]
    fn canonical(&self) -> &str {
        &self.data.entity.canonical
    }
    /// The entity's kind.
    #[getter]
    fn kind(&self) -> &str {
        self.data.entity.kind
    }
    /// How the name was recognised: ``alias``, ``key``, ``words``, ``given-name``,
    /// ``inflection`` or ``coreference``.
    #[getter]
    fn how(&self) -> &str {
        self.data.how
    }
    /// The listed name the input was recognised as (the evidence for the match).
    #[getter]
    fn name(&self) -> &str {
        &self.data.name.text
    }
    /// The language tag of that listed name, such as ``ru-Cyrl``.
    #[getter]
    fn name_lang(&self) -> &str {
        &self.data.name.lang
    }
    /// Whether the input mixed Latin and Cyrillic look-alike letters in one word.
    #[getter]
    fn homoglyph(&self) -> bool {
        self.data.homoglyph
    }
    /// How sure the match is, in [0, 1]: 1 for a listed spelling, a little less for another
    /// word order, a case form or another language's form of a given name; for a spelling
    /// found by its key, the verifier's score.
    #[getter]
    fn score(&self) -> f32 {
        self.data.score
    }
    /// Why the name was accepted, a short machine-readable string: ``alias``, ``words``,
    /// ``key:be-national+press-de``, ``inflection``...
    #[getter]
    fn why(&self) -> &str {
        self.data.why
    }
    /// The entity.
    #[getter]
    fn entity(&self) -> Entity {
        entity_object(&self.handle, self.data.entity.clone())
    }
    /// Every entity the input name could be, as :func:`candidates` gives them (computed when
    /// asked).
    #[getter]
    fn candidates(&self, py: Python<'_>) -> Vec<Entity> {
        let found = run(py, self.input.len(), || {
            calls::candidates(self.handle.tables(), &self.input)
        });
        found
            .into_iter()
            .map(|e| entity_object(&self.handle, e))
            .collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "Match(id={:?}, canonical={:?}, how={:?})",
            self.data.entity.id, self.data.entity.canonical, self.data.how
        )
    }
}

/// One mention of an entity in a text. ``start`` and ``end`` are Python string indices:
/// ``text[m.start:m.end]`` is the mention.
///
/// With ``annotate(text, ambiguous=True)``, a name several entities could be (namesakes the
/// text does not tell apart) is a mention too: its ``id``, ``canonical``, ``kind``, ``how``,
/// ``score`` and ``why`` are None and ``candidates`` lists the entities, ranked.
#[pyclass(frozen, module = "canonym")]
pub struct Mention {
    handle: Handle,
    /// Character offset of the mention's first character.
    #[pyo3(get)]
    start: usize,
    /// Character offset just past the mention.
    #[pyo3(get)]
    end: usize,
    /// Byte offset of the mention in the UTF-8 encoding of the text.
    #[pyo3(get)]
    byte_start: usize,
    /// Byte offset just past the mention in the UTF-8 encoding of the text.
    #[pyo3(get)]
    byte_end: usize,
    /// The mention as written in the text.
    #[pyo3(get)]
    text: String,
    /// The entity's ID; None for an ambiguous name.
    #[pyo3(get)]
    id: Option<String>,
    /// The entity's canonical name; None for an ambiguous name.
    #[pyo3(get)]
    canonical: Option<String>,
    /// The entity's kind; None for an ambiguous name.
    #[pyo3(get)]
    kind: Option<&'static str>,
    /// How the mention was recognised (see :attr:`Match.how`); None for an ambiguous name.
    #[pyo3(get)]
    how: Option<&'static str>,
    /// Whether a word of the mention mixed Latin and Cyrillic look-alike letters.
    #[pyo3(get)]
    homoglyph: bool,
    /// How sure the mention is, in [0, 1] (see :attr:`Match.score`); None for an ambiguous
    /// name.
    #[pyo3(get)]
    score: Option<f32>,
    /// Why the mention was accepted (see :attr:`Match.why`); None for an ambiguous name.
    #[pyo3(get)]
    why: Option<&'static str>,
    /// The entities an ambiguous name could be; empty for a mention of one entity.
    ambiguous: Vec<calls::MatchData>,
}

#[pymethods]
impl Mention {
    /// The entity mentioned; None for an ambiguous name.
    #[getter]
    fn entity(&self) -> Option<Entity> {
        let id = self.id.as_deref()?;
        calls::entity(self.handle.tables(), id).map(|e| entity_object(&self.handle, e))
    }
    /// The entities an ambiguous name could be, as :class:`Match` objects ranked as
    /// :func:`lookup` ranks namesakes (by the table's weight, then score, then ID); empty for
    /// a mention of one entity.
    #[getter]
    fn candidates(&self) -> Vec<Match> {
        self.ambiguous
            .iter()
            .map(|data| Match {
                handle: self.handle.clone(),
                input: self.text.clone(),
                data: data.clone(),
            })
            .collect()
    }
    fn __repr__(&self) -> String {
        match (&self.id, self.how) {
            (Some(id), Some(how)) => format!(
                "Mention(start={}, end={}, text={:?}, id={id:?}, how={how:?})",
                self.start, self.end, self.text
            ),
            _ => format!(
                "Mention(start={}, end={}, text={:?}, id=None, candidates={:?})",
                self.start,
                self.end,
                self.text,
                self.ambiguous
                    .iter()
                    .map(|c| c.entity.id.as_str())
                    .collect::<Vec<_>>()
            ),
        }
    }
}

/// A group of spellings of one name, as :func:`cluster` finds them.
#[pyclass(frozen, module = "canonym")]
pub struct Cluster {
    /// The matching key the spellings share.
    #[pyo3(get)]
    key: String,
    /// The suggested canonical form: the most frequent spelling, Latin preferred.
    #[pyo3(get)]
    canonical: String,
    /// Each distinct spelling with how often it occurred, most frequent first.
    #[pyo3(get)]
    spellings: Vec<(String, usize)>,
}

#[pymethods]
impl Cluster {
    /// How many names of the input fell into this group, with repeats.
    fn __len__(&self) -> usize {
        self.spellings.iter().map(|(_, n)| n).sum()
    }
    fn __repr__(&self) -> String {
        format!(
            "Cluster(canonical={:?}, key={:?}, spellings={:?})",
            self.canonical, self.key, self.spellings
        )
    }
}

/// A transliteration scheme: one published standard applied to one language.
#[pyclass(frozen, module = "canonym")]
pub struct Scheme {
    /// The stable name, such as ``be-national``: what ``scheme=`` takes.
    #[pyo3(get)]
    name: &'static str,
    /// ``be``, ``ru`` or ``uk``.
    #[pyo3(get)]
    lang: &'static str,
    /// A short title.
    #[pyo3(get)]
    title: &'static str,
    /// The standard it implements.
    #[pyo3(get)]
    standard: &'static str,
    /// Where the standard is published.
    #[pyo3(get)]
    source: &'static str,
}

#[pymethods]
impl Scheme {
    fn __repr__(&self) -> String {
        format!("Scheme({:?}, lang={:?})", self.name, self.lang)
    }
}

/// The tables that lookup and mention finding read: the built-in ones, or a user's own built
/// at run time (merged with the built-in ones unless ``builtin=False``). Building costs time in
/// proportion to the names; build once and reuse. Safe to share between threads.
#[pyclass(frozen, module = "canonym")]
pub struct Gazetteer {
    handle: Handle,
    /// The number the Polars plugin finds it by (0: the built-in tables).
    id: u64,
}

impl Drop for Gazetteer {
    fn drop(&mut self) {
        if self.id != 0 {
            handle::unregister(self.id);
        }
    }
}

fn built(tables: calls::Tables) -> Gazetteer {
    let tables = Arc::new(tables);
    let id = handle::register(&tables);
    Gazetteer {
        handle: Handle::Built(tables),
        id,
    }
}

/// One path, or a list of paths.
fn paths_of(arg: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(path) = arg.extract::<PathBuf>() {
        return Ok(vec![path]);
    }
    if arg.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("expected a path or a list of paths"));
    }
    arg.try_iter()?
        .map(|p| p?.extract::<PathBuf>())
        .collect::<PyResult<Vec<_>>>()
}

#[pymethods]
impl Gazetteer {
    /// The built-in tables (the same as :meth:`Gazetteer.builtin`).
    #[new]
    fn new() -> Gazetteer {
        Gazetteer {
            handle: Handle::Builtin,
            id: 0,
        }
    }

    /// The built-in tables, compiled into the package: nothing is built.
    #[staticmethod]
    fn builtin() -> Gazetteer {
        Gazetteer::new()
    }

    /// Builds a gazetteer from records: each a dict ``{"id", "kind", "canonical", "names",
    /// "qid", "description"}`` as one line of a JSON Lines table (``kind`` may be left out when
    /// the ID's prefix says it; a name is a string or a dict with ``name``, ``lang``,
    /// ``source``, ``flags``). Errors name the record as ``records:N`` (N counted from 1).
    #[staticmethod]
    #[pyo3(signature = (records, builtin = true, on_conflict = "error"))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        builtin: bool,
        on_conflict: &str,
    ) -> PyResult<Gazetteer> {
        let dumps = py.import("json")?.getattr("dumps")?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("ensure_ascii", false)?;
        let mut text = String::new();
        for record in records.try_iter()? {
            let line: String = dumps.call((record?,), Some(&kwargs))?.extract()?;
            text.push_str(&line);
            text.push('\n');
        }
        let on_conflict = on_conflict.to_owned();
        let tables = py.detach(|| {
            calls::build(
                &[calls::Source::Jsonl {
                    label: "records",
                    text: &text,
                }],
                builtin,
                &on_conflict,
            )
        });
        tables.map(built).map_err(GazetteerError::new_err)
    }

    /// Builds a gazetteer from a table file — a TSV names file, JSON Lines (``.jsonl``,
    /// ``.ndjson``) — or a directory laid out like the crate's ``tables/``; or from a list of
    /// them, read in order.
    #[staticmethod]
    #[pyo3(signature = (path, builtin = true, on_conflict = "error"))]
    fn from_path(
        py: Python<'_>,
        path: &Bound<'_, PyAny>,
        builtin: bool,
        on_conflict: &str,
    ) -> PyResult<Gazetteer> {
        let paths = paths_of(path)?;
        let on_conflict = on_conflict.to_owned();
        let tables = py.detach(|| {
            let sources: Vec<_> = paths
                .iter()
                .map(|p| calls::Source::Path(p.as_path()))
                .collect();
            calls::build(&sources, builtin, &on_conflict)
        });
        tables.map(built).map_err(GazetteerError::new_err)
    }

    /// See :func:`canonym.lookup`.
    fn lookup(&self, py: Python<'_>, name: PyBackedStr) -> Option<Match> {
        lookup_in(py, &self.handle, name)
    }

    /// See :func:`canonym.candidates`.
    fn candidates(&self, py: Python<'_>, name: PyBackedStr) -> Vec<Entity> {
        candidates_in(py, &self.handle, &name)
    }

    /// The entity with this ID, or None.
    fn entity(&self, id: &str) -> Option<Entity> {
        calls::entity(self.handle.tables(), id).map(|e| entity_object(&self.handle, e))
    }

    /// See :func:`canonym.annotate`.
    #[pyo3(signature = (text, ambiguous = false))]
    fn annotate(&self, py: Python<'_>, text: PyBackedStr, ambiguous: bool) -> Vec<Mention> {
        annotate_in(py, &self.handle, &text, ambiguous)
    }

    /// See :func:`canonym.rewrite`.
    #[pyo3(signature = (text, to = "canonical"))]
    fn rewrite(&self, py: Python<'_>, text: PyBackedStr, to: &str) -> PyResult<String> {
        rewrite_in(py, &self.handle, &text, to)
    }

    /// Every entity, sorted by ID.
    fn entities(&self) -> Vec<Entity> {
        entities_in(&self.handle)
    }

    /// Conflicts between tables that the build resolved by its ``on_conflict`` rule, one
    /// ``path:line: message`` each.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        calls::warnings(self.handle.tables())
    }

    /// The number the Polars plugin finds this gazetteer by (0: the built-in tables).
    #[getter]
    fn _id(&self) -> u64 {
        self.id
    }

    /// How many entities the gazetteer has.
    fn __len__(&self) -> usize {
        calls::entity_count(self.handle.tables())
    }

    fn __repr__(&self) -> String {
        let what = if self.id == 0 { "builtin" } else { "built" };
        format!("Gazetteer({what}, {} entities)", self.__len__())
    }
}

fn entities_in(handle: &Handle) -> Vec<Entity> {
    calls::entities(handle.tables())
        .into_iter()
        .map(|e| entity_object(handle, e))
        .collect()
}

fn lookup_in(py: Python<'_>, handle: &Handle, name: PyBackedStr) -> Option<Match> {
    let data = run(py, name.len(), || calls::lookup(handle.tables(), &name))?;
    Some(Match {
        handle: handle.clone(),
        input: (*name).to_owned(),
        data,
    })
}

fn candidates_in(py: Python<'_>, handle: &Handle, name: &str) -> Vec<Entity> {
    run(py, name.len(), || calls::candidates(handle.tables(), name))
        .into_iter()
        .map(|e| entity_object(handle, e))
        .collect()
}

/// The mentions with character offsets; the text is walked once for all of them. With
/// `ambiguous`, the names several entities could be too.
fn annotate_in(py: Python<'_>, handle: &Handle, text: &str, ambiguous: bool) -> Vec<Mention> {
    let found = run(py, text.len(), || {
        if ambiguous {
            calls::find_ambiguous(handle.tables(), text)
        } else {
            calls::find(handle.tables(), text)
                .into_iter()
                .map(Finding::Mention)
                .collect()
        }
    });
    let mut chars = CharOffsets::new(text);
    found
        .into_iter()
        .map(|f| {
            let (start, end) = match &f {
                Finding::Mention(m) => (m.start, m.end),
                Finding::Ambiguous { start, end, .. } => (*start, *end),
            };
            let mention = Mention {
                handle: handle.clone(),
                start: chars.at(start),
                end: chars.at(end),
                byte_start: start,
                byte_end: end,
                text: text.get(start..end).unwrap_or_default().to_owned(),
                id: None,
                canonical: None,
                kind: None,
                how: None,
                homoglyph: false,
                score: None,
                why: None,
                ambiguous: Vec::new(),
            };
            match f {
                Finding::Mention(m) => Mention {
                    id: Some(m.id.to_owned()),
                    canonical: Some(m.canonical.to_owned()),
                    kind: Some(m.kind),
                    how: Some(m.how),
                    homoglyph: m.homoglyph,
                    score: Some(m.score),
                    why: Some(m.why),
                    ..mention
                },
                Finding::Ambiguous { candidates, .. } => Mention {
                    homoglyph: candidates.iter().any(|c| c.homoglyph),
                    ambiguous: candidates,
                    ..mention
                },
            }
        })
        .collect()
}

fn rewrite_in(py: Python<'_>, handle: &Handle, text: &str, to: &str) -> PyResult<String> {
    let target = Target::parse(to).map_err(value_error)?;
    Ok(run(py, text.len(), || {
        calls::rewrite(handle.tables(), text, target)
    }))
}

/// The matching key of a name, known or not: romanizations, Cyrillic spellings, diacritics,
/// case, width and Latin/Cyrillic look-alikes of the same name get the same key, different
/// names different keys. Keys are opaque ASCII strings.
///
/// >>> key("Lukashenka") == key("Лукашенко")
/// True
#[pyfunction]
fn key(py: Python<'_>, name: PyBackedStr) -> String {
    run(py, name.len(), || calls::key(&name))
}

/// Transliterates the Cyrillic words of ``text`` into Latin script.
///
/// With neither ``scheme`` nor ``lang``, the language of each word is detected (Belarusian,
/// Russian, Ukrainian) and romanized by that language's default scheme. ``scheme`` (a name
/// from :func:`schemes`, such as ``be-national``) romanizes every Cyrillic word as that
/// scheme's language; ``lang`` (``be``, ``ru``, ``uk`` or ``auto``) forces the language.
/// ``ascii=True`` folds the output to ASCII. Raises ValueError for an unknown scheme or language.
///
/// >>> translit("Аляксандр Лукашэнка", scheme="be-national")
/// 'Aliaksandr Lukašenka'
#[pyfunction]
#[pyo3(signature = (text, scheme = None, lang = None, *, ascii = false))]
fn translit(
    py: Python<'_>,
    text: PyBackedStr,
    scheme: Option<&str>,
    lang: Option<&str>,
    ascii: bool,
) -> PyResult<String> {
    let romanizer = Romanizer::new(scheme, lang, ascii).map_err(value_error)?;
    Ok(run(py, text.len(), || {
        romanizer.translit(&text).into_owned()
    }))
}

/// Every transliteration scheme, sorted by name.
#[pyfunction]
fn schemes() -> Vec<Scheme> {
    calls::schemes()
        .into_iter()
        .map(|s| Scheme {
            name: s.name,
            lang: s.lang,
            title: s.title,
            standard: s.standard,
            source: s.source,
        })
        .collect()
}

/// Recognises a whole name in the built-in tables: a :class:`Match`, or None when the name is
/// unknown or several entities could equally be meant (see :func:`candidates`).
#[pyfunction]
fn lookup(py: Python<'_>, name: PyBackedStr) -> Option<Match> {
    lookup_in(py, &Handle::Builtin, name)
}

/// Every built-in entity a name could be: one for a recognised name, several for an
/// ambiguous one, none for an unknown one.
#[pyfunction]
fn candidates(py: Python<'_>, name: PyBackedStr) -> Vec<Entity> {
    candidates_in(py, &Handle::Builtin, &name)
}

/// The built-in entity with this ID, or None.
#[pyfunction]
fn entity(id: &str) -> Option<Entity> {
    calls::entity(calls::builtin(), id).map(|e| entity_object(&Handle::Builtin, e))
}

/// Every built-in entity, sorted by ID.
#[pyfunction]
fn entities() -> Vec<Entity> {
    entities_in(&Handle::Builtin)
}

/// The mentions of built-in entities in ``text``, in order. Offsets are Python string
/// indices: ``text[m.start:m.end] == m.text``. With ``ambiguous=True``, a name several
/// entities could be (namesakes the text does not tell apart; the built-in tables have none,
/// a user's :class:`Gazetteer` may) is given too, with ``id`` None and its ``candidates``.
#[pyfunction]
#[pyo3(signature = (text, ambiguous = false))]
fn annotate(py: Python<'_>, text: PyBackedStr, ambiguous: bool) -> Vec<Mention> {
    annotate_in(py, &Handle::Builtin, &text, ambiguous)
}

/// ``text`` with every mention of a built-in entity replaced: ``to="canonical"`` (the
/// canonical name), ``"id"``, or a scheme name (the entity's name romanized by it).
#[pyfunction]
#[pyo3(signature = (text, to = "canonical"))]
fn rewrite(py: Python<'_>, text: PyBackedStr, to: &str) -> PyResult<String> {
    rewrite_in(py, &Handle::Builtin, &text, to)
}

/// Groups names into spellings of one name, largest group first; blank names are skipped.
#[pyfunction]
fn cluster(py: Python<'_>, names: &Bound<'_, PyAny>) -> PyResult<Vec<Cluster>> {
    let names = names
        .try_iter()?
        .map(|n| n?.extract::<PyBackedStr>())
        .collect::<PyResult<Vec<_>>>()?;
    let groups = py.detach(|| calls::cluster(&names));
    Ok(groups
        .into_iter()
        .map(|c| Cluster {
            key: c.key,
            canonical: c.canonical,
            spellings: c.spellings,
        })
        .collect())
}

/// The handle of a gazetteer argument: None for the built-in tables.
fn handle_of(gazetteer: Option<&Bound<'_, Gazetteer>>) -> Handle {
    gazetteer.map_or(Handle::Builtin, |g| g.get().handle.clone())
}

/// Keys of a batch of names (None stays None), with the GIL released: for dataframe engines.
#[pyfunction]
fn _key_batch(py: Python<'_>, names: Vec<Option<PyBackedStr>>) -> Vec<Option<String>> {
    py.detach(|| names.iter().map(|n| n.as_deref().map(calls::key)).collect())
}

/// Transliterations of a batch of texts (None stays None), with the GIL released.
#[pyfunction]
#[pyo3(signature = (texts, scheme = None, lang = None, ascii = false))]
fn _translit_batch(
    py: Python<'_>,
    texts: Vec<Option<PyBackedStr>>,
    scheme: Option<&str>,
    lang: Option<&str>,
    ascii: bool,
) -> PyResult<Vec<Option<String>>> {
    let romanizer = Romanizer::new(scheme, lang, ascii).map_err(value_error)?;
    Ok(py.detach(|| {
        texts
            .iter()
            .map(|t| t.as_deref().map(|t| romanizer.translit(t).into_owned()))
            .collect()
    }))
}

/// Entity IDs of a batch of names (None when unknown or ambiguous), with the GIL released.
#[pyfunction]
#[pyo3(signature = (names, gazetteer = None))]
fn _lookup_id_batch(
    py: Python<'_>,
    names: Vec<Option<PyBackedStr>>,
    gazetteer: Option<&Bound<'_, Gazetteer>>,
) -> Vec<Option<String>> {
    let handle = handle_of(gazetteer);
    py.detach(|| {
        names
            .iter()
            .map(|n| {
                n.as_deref()
                    .and_then(|n| calls::lookup_id(handle.tables(), n))
                    .map(str::to_owned)
            })
            .collect()
    })
}

/// Mentions of a batch of texts as ``(start, end, id)`` character offsets (None stays None),
/// with the GIL released.
#[allow(clippy::type_complexity)]
#[pyfunction]
#[pyo3(signature = (texts, gazetteer = None))]
fn _annotate_batch(
    py: Python<'_>,
    texts: Vec<Option<PyBackedStr>>,
    gazetteer: Option<&Bound<'_, Gazetteer>>,
) -> Vec<Option<Vec<(usize, usize, String)>>> {
    let handle = handle_of(gazetteer);
    py.detach(|| {
        texts
            .iter()
            .map(|t| {
                t.as_deref().map(|t| {
                    let mut chars = CharOffsets::new(t);
                    calls::find(handle.tables(), t)
                        .into_iter()
                        .map(|f| (chars.at(f.start), chars.at(f.end), f.id.to_owned()))
                        .collect()
                })
            })
            .collect()
    })
}

#[pymodule]
fn _canonym(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Entity>()?;
    m.add_class::<Match>()?;
    m.add_class::<Mention>()?;
    m.add_class::<Cluster>()?;
    m.add_class::<Scheme>()?;
    m.add_class::<Gazetteer>()?;
    m.add("GazetteerError", py.get_type::<GazetteerError>())?;
    // Whether the native Polars plugin is compiled in; `canonym.polars` falls back to
    // `map_batches` over the batch functions below when it is not.
    m.add("_POLARS_PLUGIN", cfg!(feature = "polars"))?;
    m.add_function(wrap_pyfunction!(key, m)?)?;
    m.add_function(wrap_pyfunction!(translit, m)?)?;
    m.add_function(wrap_pyfunction!(schemes, m)?)?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(candidates, m)?)?;
    m.add_function(wrap_pyfunction!(entity, m)?)?;
    m.add_function(wrap_pyfunction!(entities, m)?)?;
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(rewrite, m)?)?;
    m.add_function(wrap_pyfunction!(cluster, m)?)?;
    m.add_function(wrap_pyfunction!(_key_batch, m)?)?;
    m.add_function(wrap_pyfunction!(_translit_batch, m)?)?;
    m.add_function(wrap_pyfunction!(_lookup_id_batch, m)?)?;
    m.add_function(wrap_pyfunction!(_annotate_batch, m)?)?;
    Ok(())
}
