//! Every call into the `canonym` crate, and nothing else.
//!
//! The rest of the binding (the Python classes in `lib.rs`, the Polars plugin in `polars.rs`)
//! sees only the plain owned values and functions of this file, so that a change to the crate's
//! public API — a renamed accessor, an iterator type, accessors instead of public fields — is a
//! change here alone. No rule of matching, folding or transliteration is written here: each
//! function calls the library and copies out what it answered.

use std::borrow::Cow;
use std::path::Path;

use canonym::{Entity, Gazetteer, Lang, OnConflict, Scheme, Translit};

/// The tables a lookup or a matcher reads: the built-in ones, or a gazetteer built at run time.
pub type Tables = Gazetteer;

/// The built-in tables, compiled into the crate.
pub fn builtin() -> &'static Tables {
    Gazetteer::builtin()
}

/// The matching key of a name.
pub fn key(name: &str) -> String {
    canonym::key(name)
}

/// Appends the matching key of `name` to `out` (for columns: one buffer for many names).
#[cfg(feature = "polars")]
pub fn key_into(name: &str, out: &mut String) {
    canonym::key_into(name, out);
}

/// A configured transliterator, from the Python arguments: `scheme` alone applies that scheme
/// to every Cyrillic word (the crate's `translit(text, scheme)`); `lang` forces the language;
/// neither detects the language per word with each language's default scheme.
#[derive(Clone, Copy, Debug)]
pub struct Romanizer(Translit);

impl Romanizer {
    /// Parses the scheme and language names.
    ///
    /// # Errors
    ///
    /// The crate's message for an unknown scheme or language.
    pub fn new(scheme: Option<&str>, lang: Option<&str>, ascii: bool) -> Result<Romanizer, String> {
        let scheme = scheme
            .map(str::parse::<Scheme>)
            .transpose()
            .map_err(|e| e.to_string())?;
        let lang = match lang {
            None | Some("auto") => None,
            Some(code) => Some(code.parse::<Lang>().map_err(|e| e.to_string())?),
        };
        let mut builder = Translit::builder();
        builder.ascii(ascii);
        if let Some(scheme) = scheme {
            builder.scheme(scheme);
            // A scheme alone means its language for every word, as `canonym::translit` does.
            builder.lang(Some(lang.unwrap_or(scheme.language())));
        } else {
            builder.lang(lang);
        }
        Ok(Romanizer(builder.build()))
    }

    /// `text` transliterated; borrowed when nothing changed.
    pub fn translit<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.0.translit(text)
    }
}

/// One transliteration scheme, described.
#[derive(Clone, Debug)]
pub struct SchemeInfo {
    pub name: &'static str,
    pub lang: &'static str,
    pub title: &'static str,
    pub standard: &'static str,
    pub source: &'static str,
}

/// Every scheme, sorted by name.
pub fn schemes() -> Vec<SchemeInfo> {
    Scheme::all()
        .map(|s| SchemeInfo {
            name: s.name(),
            lang: s.language().code(),
            title: s.title(),
            standard: s.standard(),
            source: s.source(),
        })
        .collect()
}

/// One listed name of an entity.
#[derive(Clone, Debug)]
pub struct NameData {
    pub text: String,
    pub lang: String,
    pub source: String,
}

/// An entity, copied out of its tables (its names are fetched when asked: see [`names`]).
#[derive(Clone, Debug)]
pub struct EntityData {
    pub id: String,
    pub kind: &'static str,
    pub canonical: String,
    pub qid: Option<String>,
    pub description: String,
}

fn entity_data(e: &Entity) -> EntityData {
    EntityData {
        id: e.id().to_owned(),
        kind: e.kind().as_str(),
        canonical: e.canonical().to_owned(),
        qid: e.qid().map(str::to_owned),
        description: e.description().to_owned(),
    }
}

/// Every listed name of the entity with this ID, in table order.
pub fn names(tables: &Tables, id: &str) -> Vec<NameData> {
    tables.entity(id).map_or_else(Vec::new, |e| {
        e.names()
            .iter()
            .map(|n| NameData {
                text: n.text().to_owned(),
                lang: n.lang().to_owned(),
                source: n.source().to_owned(),
            })
            .collect()
    })
}

/// A whole name recognised as an entity.
#[derive(Clone, Debug)]
pub struct MatchData {
    pub entity: EntityData,
    /// The listed name the input was recognised as.
    pub name: NameData,
    /// `alias`, `key`, `words`, `given-name`, `inflection` or `coreference`.
    pub how: &'static str,
    pub homoglyph: bool,
    /// How sure the match is, in [0, 1].
    pub score: f32,
    /// Why it was accepted (`alias`, `words`, `key:be-national+press-de`, ...).
    pub why: &'static str,
}

/// The entity a whole name is, if exactly one.
pub fn lookup(tables: &Tables, name: &str) -> Option<MatchData> {
    tables.lookup(name).as_ref().map(match_data)
}

fn match_data(m: &canonym::Match<'_>) -> MatchData {
    let listed = m.name();
    MatchData {
        entity: entity_data(m.entity()),
        name: NameData {
            text: listed.text().to_owned(),
            lang: listed.lang().to_owned(),
            source: listed.source().to_owned(),
        },
        how: m.how().as_str(),
        homoglyph: m.is_homoglyph(),
        score: m.score(),
        why: m.why().as_str(),
    }
}

/// The ID of the entity a whole name is, if exactly one (for columns: nothing else copied).
pub fn lookup_id<'g>(tables: &'g Tables, name: &str) -> Option<&'g str> {
    tables.lookup(name).map(|m| m.entity().id())
}

/// Every entity a name could be.
pub fn candidates(tables: &Tables, name: &str) -> Vec<EntityData> {
    tables
        .candidates(name)
        .into_iter()
        .map(entity_data)
        .collect()
}

/// The entity with this ID.
pub fn entity(tables: &Tables, id: &str) -> Option<EntityData> {
    tables.entity(id).map(entity_data)
}

/// Every entity, sorted by ID.
pub fn entities(tables: &Tables) -> Vec<EntityData> {
    tables.entities().iter().map(entity_data).collect()
}

/// How many entities the tables have.
pub fn entity_count(tables: &Tables) -> usize {
    tables.entities().len()
}

/// The conflicts a build resolved by its rule, one message each (`path:line: message`).
pub fn warnings(tables: &Tables) -> Vec<String> {
    tables.warnings().iter().map(ToString::to_string).collect()
}

/// One mention in a text, with byte offsets into it.
#[derive(Clone, Copy, Debug)]
pub struct Found<'g> {
    pub start: usize,
    pub end: usize,
    pub id: &'g str,
    pub canonical: &'g str,
    pub kind: &'static str,
    pub how: &'static str,
    pub homoglyph: bool,
    pub score: f32,
    pub why: &'static str,
}

/// The mentions in `text`, in order, non-overlapping, with byte offsets.
pub fn find<'g>(tables: &'g Tables, text: &str) -> Vec<Found<'g>> {
    tables
        .matcher()
        .find_iter(text)
        .map(|m| found(&m))
        .collect()
}

fn found<'g>(m: &canonym::Mention<'g>) -> Found<'g> {
    Found {
        start: m.start(),
        end: m.end(),
        id: m.entity().id(),
        canonical: m.entity().canonical(),
        kind: m.entity().kind().as_str(),
        how: m.how().as_str(),
        homoglyph: m.is_homoglyph(),
        score: m.score(),
        why: m.why().as_str(),
    }
}

/// A mention of one entity, or a name several entities could be (namesakes the text does not
/// tell apart), with byte offsets.
#[derive(Clone, Debug)]
pub enum Finding<'g> {
    Mention(Found<'g>),
    Ambiguous {
        start: usize,
        end: usize,
        /// The entities it could be, ranked as lookup ranks namesakes.
        candidates: Vec<MatchData>,
    },
}

/// The mentions in `text` and the names in it that several entities could be, in order.
pub fn find_ambiguous<'g>(tables: &'g Tables, text: &str) -> Vec<Finding<'g>> {
    let mut out = Vec::new();
    let read = tables
        .matcher()
        .ambiguous(true)
        .scan(text.as_bytes(), |piece| {
            match piece {
                canonym::Piece::Mention { mention, .. } => {
                    out.push(Finding::Mention(found(&mention)));
                }
                canonym::Piece::Ambiguous {
                    offset,
                    text,
                    candidates,
                } => out.push(Finding::Ambiguous {
                    start: offset,
                    end: offset + text.len(),
                    candidates: candidates.iter().map(match_data).collect(),
                }),
                canonym::Piece::Text { .. } | canonym::Piece::Invalid { .. } => {}
            }
            Ok(())
        });
    // Reading a string in memory cannot fail, and the visitor never does.
    debug_assert!(read.is_ok());
    out
}

/// What `rewrite` writes for a mention.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    Canonical,
    Id,
    Scheme(Scheme),
}

impl Target {
    /// `canonical`, `id` or a scheme name, as the CLI's `rewrite --to`.
    ///
    /// # Errors
    ///
    /// Anything else, with the crate's list of schemes.
    pub fn parse(to: &str) -> Result<Target, String> {
        match to {
            "canonical" => Ok(Target::Canonical),
            "id" => Ok(Target::Id),
            other => other
                .parse::<Scheme>()
                .map(Target::Scheme)
                .map_err(|e| format!("to={other:?}: expected canonical, id or a scheme: {e}")),
        }
    }
}

/// `text` with every mention replaced by its entity's canonical name, ID or romanized name.
pub fn rewrite(tables: &Tables, text: &str, to: Target) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Reading from a slice and writing into a Vec cannot fail.
    let _ = tables
        .matcher()
        .replace_all(text.as_bytes(), &mut out, |m, _| {
            let e = m.entity();
            match to {
                Target::Canonical => Cow::Owned(e.canonical().to_owned()),
                Target::Id => Cow::Owned(e.id().to_owned()),
                Target::Scheme(s) => Cow::Owned(e.romanized(s).into_owned()),
            }
        });
    // The input is UTF-8 and every replacement is, so the output is.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A group of spellings of one name.
#[derive(Clone, Debug)]
pub struct ClusterData {
    pub key: String,
    pub canonical: String,
    pub spellings: Vec<(String, usize)>,
}

/// Groups names into spellings of one name, largest group first.
pub fn cluster<S: AsRef<str>>(names: &[S]) -> Vec<ClusterData> {
    canonym::cluster(names.iter().map(AsRef::as_ref))
        .into_iter()
        .map(|c| ClusterData {
            key: c.key().to_owned(),
            canonical: c.canonical().to_owned(),
            spellings: c.spellings().to_vec(),
        })
        .collect()
}

/// Where a user's tables come from.
pub enum Source<'a> {
    /// JSON Lines text, labelled for errors.
    Jsonl { label: &'a str, text: &'a str },
    /// A file (TSV names file, `.jsonl`/`.ndjson`) or a `tables/`-like directory.
    Path(&'a Path),
}

/// Builds a gazetteer from the user's tables, with or without the built-in ones.
///
/// # Errors
///
/// An unknown conflict rule, or every problem the build found, one `path:line: message` a line.
pub fn build(sources: &[Source<'_>], builtin: bool, on_conflict: &str) -> Result<Tables, String> {
    let rule: OnConflict = on_conflict.parse()?;
    let mut builder = Gazetteer::builder();
    builder.builtin(builtin).on_conflict(rule);
    for source in sources {
        match source {
            Source::Jsonl { label, text } => builder.read_jsonl(label, text.as_bytes()),
            Source::Path(path) => builder.read_path(path),
        };
    }
    builder.build().map_err(|e| e.to_string())
}
