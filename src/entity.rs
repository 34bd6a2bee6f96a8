//! Entities and their names.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::table::{Flags, Kind, Weight};
use crate::translit::Scheme;

/// A known entity: a person, place, organization or media outlet, with its names.
///
/// The built-in entities come from `tables/` and borrow their strings from the binary; the
/// entities of a [`crate::Gazetteer`] built at run time own theirs.
///
/// # Examples
///
/// ```
/// let m = canonym::lookup("Лукашэнка").unwrap();
/// let e = m.entity();
/// assert_eq!(e.id(), "per:alyaksandr-lukashenka");
/// assert_eq!(e.canonical(), "Alyaksandr Lukashenka");
/// assert_eq!(e.kind(), canonym::Kind::Person);
/// assert!(e.names().iter().any(|n| n.text() == "Лукашенко"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    pub(crate) id: Text,
    pub(crate) kind: Kind,
    pub(crate) canonical: Text,
    pub(crate) qid: Option<Text>,
    pub(crate) description: Text,
    pub(crate) names: Cow<'static, [Name]>,
    /// The extra fields of the entity's JSON Lines row: `(name, value as JSON text)`.
    pub(crate) properties: Cow<'static, [(Text, Text)]>,
    pub(crate) weight: Option<Weight>,
}

impl Entity {
    /// The stable ID, such as `per:alyaksandr-lukashenka` or `loc:zhodzina`.
    ///
    /// # Examples
    ///
    /// ```
    /// let e = canonym::lookup("Лукашенко").unwrap().entity();
    /// assert_eq!(e.id(), "per:alyaksandr-lukashenka");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The entity's kind.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Kind;
    /// assert_eq!(canonym::lookup("Лукашенко").unwrap().entity().kind(), Kind::Person);
    /// ```
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The canonical name: the entity's own or official Latin spelling.
    ///
    /// # Examples
    ///
    /// ```
    /// let e = canonym::lookup("Лукашенко").unwrap().entity();
    /// assert_eq!(e.canonical(), "Alyaksandr Lukashenka");
    /// ```
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// The Wikidata QID (`Q184` for Belarus), when the tables know one.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::entity("loc:belarus").unwrap().qid(), Some("Q184"));
    /// ```
    pub fn qid(&self) -> Option<&str> {
        self.qid.as_deref()
    }

    /// A one-line description that tells same-named entities apart.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The fields of the entity's JSON Lines row that canonym does not read itself
    /// (`population`, `country`, a link to your own records), in the row's order: each field's
    /// name and its value as compact JSON text (`15000`, `"BY"`, `["a","b"]`), so that any
    /// value comes back as it was given, whatever its type. Empty for the built-in entities and
    /// those of TSV tables. Lookup and annotate print them with the entity (docs/json.md).
    ///
    /// # Examples
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// let row = r#"{"id": "Q2280", "kind": "place", "canonical": "Minsk", "population": 1995471, "country": "BY"}"#;
    /// let g = canonym::Gazetteer::builder()
    ///     .builtin(false)
    ///     .read_jsonl("cities.jsonl", row.as_bytes())
    ///     .build()
    ///     .unwrap();
    /// let minsk = g.lookup("Мінск").unwrap().entity();
    /// assert_eq!(minsk.id(), "Q2280");
    /// let props: Vec<_> = minsk.properties().collect();
    /// assert_eq!(props, [("population", "1995471"), ("country", "\"BY\"")]);
    /// assert_eq!(minsk.property("country"), Some("\"BY\""));
    /// # }
    /// // The built-in tables give an entity's scope (entities.tsv's sixth column).
    /// let props: Vec<_> = canonym::entity("loc:minsk").unwrap().properties().collect();
    /// assert_eq!(props, [("scope", "\"loc:belarus\"")]);
    /// ```
    pub fn properties(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.properties.iter().map(|(k, v)| (&**k, &**v))
    }

    /// The ID of the entity's scope (the `scope` property: a JSON string), within which its
    /// descriptions (`ctx` names such as `Interior Ministry`) are understood.
    pub(crate) fn scope(&self) -> Option<String> {
        let text = self.property(crate::table::SCOPE)?;
        let inner = text.strip_prefix('"')?.strip_suffix('"')?;
        let mut id = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => id.push(chars.next()?),
                c => id.push(c),
            }
        }
        Some(id)
    }

    /// The value of the property `name` as JSON text (see [`Entity::properties`]).
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// How prominent the entity is, as its table gives it (a population, a count of
    /// mentions): it ranks the entity among namesakes, the heaviest first (see
    /// [`crate::Gazetteer::matches`]). `None` when the table gives no weight, as for the
    /// hand-written built-in entities; the built-in cities of the region weigh their population.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("loc:bindura", Kind::Place, "Bindura")
    ///     .weight("loc:bindura", 46_275.0)
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(g.entity("loc:bindura").unwrap().weight(), Some(46_275.0));
    /// assert_eq!(canonym::entity("loc:minsk").unwrap().weight(), None);
    /// // Namesakes: Donetsk in Ukraine and in Russia; the more populous is the first candidate.
    /// let ranked = canonym::Gazetteer::builtin().matches("Donetsk");
    /// assert_eq!(ranked[0].entity().id(), "loc:donetsk-ua");
    /// assert!(ranked[0].entity().weight() > ranked[1].entity().weight());
    /// ```
    pub fn weight(&self) -> Option<f64> {
        self.weight.map(Weight::get)
    }

    /// Every listed name of the entity, in table order.
    ///
    /// # Examples
    ///
    /// ```
    /// let e = canonym::entity("per:alyaksandr-lukashenka").unwrap();
    /// assert!(e.names().iter().any(|n| n.text() == "Лукашэнка" && n.lang() == "be-Cyrl"));
    /// ```
    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// The entity's name romanized by `scheme`: of its listed names in the scheme's language
    /// and Cyrillic script (`be-Cyrl` for a Belarusian scheme), the one whose romanization is
    /// nearest the canonical name (so the full modern name wins over a surname alone, a form
    /// with patronymic or a historic name), transliterated; the canonical name when the tables
    /// list no name in that language.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Scheme;
    /// let e = canonym::lookup("Lukashenko").unwrap().entity();
    /// assert_eq!(e.romanized(Scheme::BE_NATIONAL), "Aliaksandr Lukašenka");
    /// assert_eq!(e.romanized(Scheme::RU_BGN_PCGN), "Aleksandr Lukashenko");
    /// let minsk = canonym::entity("loc:minsk").unwrap();
    /// assert_eq!(minsk.romanized(Scheme::BE_NATIONAL), "Minsk"); // not the historic Менск
    /// ```
    pub fn romanized(&self, scheme: Scheme) -> Cow<'_, str> {
        let tag = scheme.language().code();
        let canonical = ascii_reading(&self.canonical);
        self.names
            .iter()
            .filter(|n| n.lang.strip_suffix("-Cyrl") == Some(tag))
            .map(|n| crate::translit::translit(&n.text, scheme))
            .min_by_key(|r| crate::distance::edit_distance(&ascii_reading(r), &canonical))
            .unwrap_or(Cow::Borrowed(&self.canonical))
    }
}

/// Lowercase ASCII letters and spaces of a name, for comparing spellings.
fn ascii_reading(name: &str) -> Vec<u8> {
    deunicode::deunicode(name)
        .bytes()
        .filter(|b| b.is_ascii_alphabetic() || *b == b' ')
        .map(|b| b.to_ascii_lowercase())
        .collect()
}

/// One listed name of an entity, with its language tag, source and flags.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    pub(crate) text: Text,
    pub(crate) lang: Text,
    pub(crate) source: Text,
    pub(crate) flags: Flags,
}

impl Name {
    /// The name exactly as listed.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::lookup("ЛУКАШЕНКО").unwrap();
    /// assert_eq!(m.name().text(), "Лукашенко");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its language/script tag, such as `be-Cyrl`, `ru-Cyrl`, `en`, `pl`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::lookup("Лукашэнка").unwrap().name().lang(), "be-Cyrl");
    /// ```
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Where the spelling comes from: a romanization scheme (`be-national`), `seed`,
    /// `wikipedia:de`, `official`, `press`, or `canonical`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether running text matches it only as written (it is also an ordinary word).
    pub fn is_case_sensitive(&self) -> bool {
        self.flags.case_sensitive
    }

    /// Whether it is matched only by its exact (case- and diacritic-folded) spelling.
    pub fn is_exact(&self) -> bool {
        self.flags.exact
    }

    /// Whether it is used by whole-name lookup only, never in running text.
    pub fn is_lookup_only(&self) -> bool {
        self.flags.no_text
    }

    /// Whether it is a surname alone, standing for this entity as its default bearer.
    pub fn is_surname(&self) -> bool {
        self.flags.surname
    }

    /// Whether it is a description rather than a name (`ctx`: `Interior Ministry`, `state
    /// television`): running text takes it for this entity only where the document has
    /// mentioned the entity's scope (its country, city or parent body) or anything within it.
    ///
    /// # Examples
    ///
    /// ```
    /// let ministry = canonym::entity("org:interior-ministry-belarus").unwrap();
    /// let name = ministry.names().iter().find(|n| n.text() == "Interior Ministry").unwrap();
    /// assert!(name.is_description());
    /// let found = |text: &str| canonym::matcher().find_iter(text).count();
    /// assert_eq!(found("The Interior Ministry said."), 0);
    /// assert_eq!(found("In Minsk, the Interior Ministry said."), 2);
    /// ```
    pub fn is_description(&self) -> bool {
        self.flags.context
    }

    /// Whether another entity really bears this name too (`shared`: the river Dnieper and the
    /// city of Dnipro are both `Днепр`): lookup gives both as candidates and no single match.
    ///
    /// # Examples
    ///
    /// ```
    /// let river = canonym::entity("loc:dnieper").unwrap();
    /// let name = river.names().iter().find(|n| n.text() == "Днепр").unwrap();
    /// assert!(name.is_shared());
    /// assert!(canonym::lookup("Днепр").is_none());
    /// assert_eq!(canonym::lookup("Dnieper").unwrap().entity().id(), "loc:dnieper");
    /// ```
    pub fn is_shared(&self) -> bool {
        self.flags.shared
    }

    /// The row's flags, for writing the name out as a table row would (`cs,exact`).
    #[cfg(feature = "serde")]
    pub(crate) fn flags(&self) -> Flags {
        self.flags
    }
}

/// A string of an entity: in the compiled tables, or shared with the row of a table loaded at
/// run time that it comes from, so that making the entities of a large table copies no string.
#[derive(Clone)]
pub(crate) enum Text {
    Static(&'static str),
    Shared(Arc<str>),
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
        }
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Text {
        Text::Shared(s)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        **self == **other
    }
}

impl Eq for Text {}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}
