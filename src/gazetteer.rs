//! Gazetteers: the tables that lookup and mention finding read — the built-in ones, compiled
//! into the crate, or ones built at run time from a user's own lists (with or without the
//! built-in ones).

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::entity::{Entity, Name};
use crate::index::builtin;
use crate::index::compile;
use crate::index::file::{self, GazFile};
use crate::index::format::Compiled;
use crate::index::store::Store;
use crate::lookup::{self, Match};
use crate::matcher::Matcher;
use crate::str_map::Map;
use crate::table::{self, EntityRow, Kind, NameRow, Rules, TableError, TableErrorKind, Tables};

/// A set of entities and their names, compiled for [`Gazetteer::lookup`] and
/// [`Gazetteer::matcher`].
///
/// [`Gazetteer::builtin`] is the tables compiled into the crate (what [`crate::lookup`] and
/// [`crate::matcher`] use): nothing is built at run time. [`Gazetteer::builder`] builds one at
/// run time from a user's own lists — TSV tables in the format of the crate's `tables/`, JSON
/// Lines, or entities added one by one — merged with the built-in tables or on their own. A
/// built gazetteer behaves exactly as the built-in one would if its rows were in `tables/`:
/// the same validation, keys, derived forms, case forms and matching rules, from the same code.
///
/// # Examples
///
/// ```
/// use canonym::{Gazetteer, Kind};
///
/// let g = Gazetteer::builder()
///     .entity("per:ihar-losik", Kind::Person, "Ihar Losik")
///     .name("per:ihar-losik", "Игорь Лосик", "ru-Cyrl")
///     .build()
///     .unwrap();
/// // Other spellings, and the built-in tables alongside.
/// assert_eq!(g.lookup("Igor Losik").unwrap().entity().id(), "per:ihar-losik");
/// assert_eq!(g.lookup("Ігар Лосік").unwrap().entity().id(), "per:ihar-losik");
/// assert_eq!(g.lookup("Лукашенко").unwrap().entity().id(), "per:alyaksandr-lukashenka");
/// // In running text, in any case form.
/// let text = "Встреча с Игорем Лосиком в Минске.";
/// let ids: Vec<_> = g.matcher().find_iter(text).map(|m| m.entity().id()).collect();
/// assert_eq!(ids, ["per:ihar-losik", "loc:minsk"]);
/// ```
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// `None` for the built-in tables.
    index: Option<Box<Index>>,
    /// A compiled gazetteer file, read in place (then `index` is `None`).
    file: Option<Box<GazFile>>,
}

/// The built-in gazetteer: nothing to build, nothing to drop.
static BUILTIN: Gazetteer = Gazetteer {
    index: None,
    file: None,
};

/// A gazetteer built at run time.
#[derive(Debug)]
struct Index {
    entities: Vec<Entity>,
    compiled: Compiled,
    warnings: Vec<TableError>,
    /// Whether the built-in tables are part of it.
    builtin: bool,
}

impl Gazetteer {
    /// The built-in tables, compiled into the crate.
    ///
    /// # Examples
    ///
    /// ```
    /// let g = canonym::Gazetteer::builtin();
    /// assert_eq!(g.lookup("Zhodino").unwrap().entity().id(), "loc:zhodzina");
    /// ```
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    /// A builder for a gazetteer of a user's own entities; see [`GazetteerBuilder`].
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(g.lookup("Ivan Petrov").unwrap().entity().id(), "per:ivan-petrov");
    /// assert_eq!(g.lookup("Лукашенко").unwrap().entity().id(), "per:alyaksandr-lukashenka");
    /// ```
    pub fn builder() -> GazetteerBuilder {
        GazetteerBuilder::new()
    }

    /// Recognises a whole name as one of the gazetteer's entities: see [`crate::lookup`].
    ///
    /// # Examples
    ///
    /// ```
    /// let g = canonym::Gazetteer::builtin();
    /// assert_eq!(g.lookup("Лукашенко").unwrap().entity().canonical(), "Alyaksandr Lukashenka");
    ///
    /// // Two to four capitals are a code or an acronym, found only as listed: GeoNames lists
    /// // Akkr for Accra, and IATA's AKR (Akure, Nigeria) keys like it but is not a spelling.
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("loc:accra", Kind::Place, "Accra")
    ///     .name("loc:accra", "Akkr", "und")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(canonym::key("AKR"), canonym::key("Akkr"));
    /// assert!(g.lookup("AKR").is_none());
    /// assert_eq!(g.lookup("AKKR").unwrap().entity().id(), "loc:accra");
    ///
    /// // A place's words are all its name: none is read as a given name in another spelling.
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("loc:ajman", Kind::Place, "Ajman")
    ///     .name("loc:ajman", "Al Ajman", "und")
    ///     .name("loc:ajman", "Ajman City", "und")
    ///     .build()
    ///     .unwrap();
    /// assert!(g.lookup("Al Jumun").is_none()); // a town of Palestine
    /// assert_eq!(g.lookup("Al-Ajman").unwrap().entity().id(), "loc:ajman");
    /// ```
    pub fn lookup(&self, name: &str) -> Option<Match<'_>> {
        lookup::lookup_in(self.store(), name)
    }

    /// Every entity a name could be: see [`crate::candidates`].
    ///
    /// # Examples
    ///
    /// ```
    /// let g = canonym::Gazetteer::builtin();
    /// let ids: Vec<_> = g.candidates("Лукашенко").iter().map(|e| e.id()).collect();
    /// assert!(ids.contains(&"per:alyaksandr-lukashenka"));
    /// ```
    pub fn candidates(&self, name: &str) -> Vec<&Entity> {
        lookup::candidates_in(self.store(), name)
    }

    /// Every entity a whole name could be, as matches ranked best first: one for a
    /// recognised name, several for a name that namesakes share (or an ambiguous form such as
    /// an initial two people share), none for an unknown name. [`Gazetteer::lookup`] is the
    /// answer when there is exactly one.
    ///
    /// Namesakes are ranked by their [weight](crate::Entity::weight) (the heaviest first,
    /// those without one last), then by score, then by ID. Each candidate passes what a lone
    /// entity would: a spelling found by its key is verified against that entity's names, so
    /// a name reached only by key is no candidate unless the verifier aligns it, and an exact
    /// spelling of one entity (`Bindura`) is not ambiguous with another entity whose name
    /// only shares its key (`Bundoora`).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov-1970", Kind::Person, "Ivan Petrov")
    ///     .entity("per:ivan-petrov-1985", Kind::Person, "Ivan Petrov")
    ///     .weight("per:ivan-petrov-1985", 12.0)
    ///     .entity("loc:bindura", Kind::Place, "Bindura")
    ///     .entity("loc:bundoora", Kind::Place, "Bundoora")
    ///     .build()
    ///     .unwrap();
    /// // Namesakes: no single answer, both candidates, the weighted one first.
    /// assert!(g.lookup("Иван Петров").is_none());
    /// let ids: Vec<_> = g.matches("Иван Петров").iter().map(|m| m.entity().id()).collect();
    /// assert_eq!(ids, ["per:ivan-petrov-1985", "per:ivan-petrov-1970"]);
    /// // One key, two spellings: each spelling is its own town.
    /// assert_eq!(canonym::key("Bindura"), canonym::key("Bundoora"));
    /// assert_eq!(g.lookup("Bindura").unwrap().entity().id(), "loc:bindura");
    /// assert_eq!(g.lookup("Bundoora").unwrap().entity().id(), "loc:bundoora");
    /// ```
    pub fn matches(&self, name: &str) -> Vec<Match<'_>> {
        lookup::matches_in(self.store(), name)
    }

    /// Why `name` resolves (or not) in this gazetteer's tables: [`crate::explain_lookup`] for
    /// the user's tables as well as the built-in ones. For `canonym lookup --explain`.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("user:izyum", Kind::Place, "Izyum")
    ///     .build()
    ///     .unwrap();
    /// assert!(g.explain("Izyum").contains("user:izyum"));
    /// assert!(!canonym::explain_lookup("Izyum").contains("user:izyum"));
    /// ```
    pub fn explain(&self, name: &str) -> String {
        lookup::explain_lookup_in(self.store(), name)
    }

    /// The entity with this ID.
    ///
    /// # Examples
    ///
    /// ```
    /// let g = canonym::Gazetteer::builtin();
    /// let e = g.entity("per:alyaksandr-lukashenka").unwrap();
    /// assert_eq!(e.canonical(), "Alyaksandr Lukashenka");
    /// assert!(g.entity("per:nobody").is_none());
    /// ```
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.store().entity_by_id(id)
    }

    /// Every entity, sorted by ID.
    ///
    /// # Examples
    ///
    /// ```
    /// let g = canonym::Gazetteer::builtin();
    /// assert!(g.entities().iter().any(|e| e.canonical() == "Alyaksandr Lukashenka"));
    /// assert!(g.entities().windows(2).all(|w| w[0].id() < w[1].id()));
    /// ```
    pub fn entities(&self) -> &[Entity] {
        self.store().entities()
    }

    /// A matcher that finds mentions of the gazetteer's entities in running text: see
    /// [`Matcher`]. The built-in tables' is also [`crate::matcher`].
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap();
    /// let ids: Vec<_> = g
    ///     .matcher()
    ///     .find_iter("Ivan Petrov met Lukashenka")
    ///     .map(|m| m.entity().id())
    ///     .collect();
    /// assert_eq!(ids, ["per:ivan-petrov", "per:alyaksandr-lukashenka"]);
    /// ```
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher::over(self.store())
    }

    /// What the build repaired or left out without failing, each placed at its row: dirty rows
    /// of the tables ([`TableErrorKind::Repaired`], [`TableErrorKind::Skipped`]: a name with
    /// stray spaces or letters of two scripts, an empty name; see
    /// [`GazetteerBuilder::strict`]), in the order read, then conflicts between tables that the
    /// build resolved by its [`OnConflict`] rule ([`TableErrorKind::Conflict`]). Empty for the
    /// built-in tables.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind, OnConflict};
    /// let g = Gazetteer::builder()
    ///     .on_conflict(OnConflict::Skip)
    ///     .entity("per:alyaksandr-lukashenka", Kind::Person, "Alexander Lukashenko")
    ///     .build()
    ///     .unwrap();
    /// assert!(!g.warnings().is_empty());
    /// assert!(Gazetteer::builtin().warnings().is_empty());
    ///
    /// // A name with a Latin `i` among Cyrillic letters, read as the Cyrillic `і`.
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .read_names("towns.tsv", "# source: a test\n# kind: place\n1\tЖодзiна\tbe-Cyrl\tme\n".as_bytes())
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(g.entity("1").unwrap().canonical(), "Жодзіна");
    /// assert_eq!(
    ///     g.warnings()[0].to_string(),
    ///     "towns.tsv:3: name \"Жодзiна\" mixes Latin and Cyrillic letters in \"Жодзiна\"; read as \"Жодзіна\""
    /// );
    /// ```
    pub fn warnings(&self) -> &[TableError] {
        self.index.as_ref().map_or(&[], |i| &i.warnings)
    }

    /// Opens a compiled gazetteer file (written by [`Gazetteer::write_to`] or
    /// `canonym compile`): the file is mapped into memory and read in place, so opening it
    /// costs a check of its checksums, not a build, and the entities a lookup needs are made
    /// when it needs them. The file must not be changed while the gazetteer is in use (write a
    /// new one and rename it over the old).
    ///
    /// [`GazetteerBuilder::read_path`] recognises such a file too.
    ///
    /// # Errors
    ///
    /// The file cannot be read, is not a compiled gazetteer, was written by an incompatible
    /// version, or is truncated or corrupt in its header or layout: the error says what, and
    /// where (byte offset, section). The rest of the file is checked as it is read (see
    /// [`Gazetteer::verify`] and [`Gazetteer::damage`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap();
    /// let path = std::env::temp_dir().join("canonym-doctest-open.gaz");
    /// g.write_to(std::fs::File::create(&path).unwrap()).unwrap();
    /// let g = Gazetteer::open(&path).unwrap();
    /// assert_eq!(g.lookup("Петров Иван").unwrap().entity().id(), "per:ivan-petrov");
    ///
    /// let err = Gazetteer::open("Cargo.toml").unwrap_err();
    /// assert!(err.to_string().contains("not a compiled canonym gazetteer"));
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let path = path.as_ref();
        GazFile::open(path)
            .map(Gazetteer::of_file)
            .map_err(|e| file_error(&path.display().to_string(), e.to_string()))
    }

    /// A compiled gazetteer from its bytes (as [`Gazetteer::open`] reads a file; they are
    /// copied).
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::open`].
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let mut bytes = Vec::new();
    /// Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap()
    ///     .write_to(&mut bytes)
    ///     .unwrap();
    /// let g = Gazetteer::from_bytes(&bytes).unwrap();
    /// assert_eq!(g.lookup("Петров Иван").unwrap().entity().id(), "per:ivan-petrov");
    ///
    /// let err = Gazetteer::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    /// assert!(err.to_string().starts_with("<bytes>: truncated"));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        GazFile::from_bytes(bytes)
            .map(Gazetteer::of_file)
            .map_err(|e| file_error("<bytes>", e.to_string()))
    }

    fn of_file(file: GazFile) -> Gazetteer {
        Gazetteer {
            index: None,
            file: Some(Box::new(file)),
        }
    }

    /// Checks every byte of a compiled file against its checksums now (a gazetteer built at
    /// run time, or the built-in one, has nothing to check).
    ///
    /// [`Gazetteer::open`] checks a file's header and layout only, and each 4 KiB block of
    /// the rest the first time an answer reads it: opening a file of gigabytes costs what the
    /// answers touch. Call `verify` to check it all up front, as `canonym compile --verify`
    /// does.
    ///
    /// # Errors
    ///
    /// The first damaged block: which section, at which byte offsets.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let mut bytes = Vec::new();
    /// Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap()
    ///     .write_to(&mut bytes)
    ///     .unwrap();
    /// assert!(Gazetteer::from_bytes(&bytes).unwrap().verify().is_ok());
    /// // A byte of the text pool damaged: opening finds it when the block also holds what
    /// // opening reads (as in a file this small), verify in any case.
    /// let at = bytes.windows(11).position(|w| w == b"Ivan Petrov").unwrap();
    /// bytes[at] ^= 1;
    /// let e = Gazetteer::from_bytes(&bytes).and_then(|g| g.verify()).unwrap_err();
    /// assert!(e.to_string().contains("checksum mismatch in section"), "{e}");
    /// ```
    pub fn verify(&self) -> Result<(), GazetteerError> {
        match &self.file {
            Some(f) => f.verify().map_err(|e| file_error(f.label(), e.to_string())),
            None => Ok(()),
        }
    }

    /// The damage that the answers so far found in a compiled file: a block of it that did not
    /// match its checksum. A damaged block is read as absent, never as data, so an answer
    /// given before this says `Some` did not read it; one given after may lack what the block
    /// held (a name, a candidate). A program that answers many queries from one file checks
    /// this before it gives each answer out, as the command line does.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let mut bytes = Vec::new();
    /// Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap()
    ///     .write_to(&mut bytes)
    ///     .unwrap();
    /// let g = Gazetteer::from_bytes(&bytes).unwrap();
    /// assert!(g.lookup("Ivan Petrov").is_some());
    /// assert!(g.damage().is_none());
    /// ```
    pub fn damage(&self) -> Option<GazetteerError> {
        let f = self.file.as_ref()?;
        f.damage().map(|e| file_error(f.label(), e.to_string()))
    }

    /// Writes the gazetteer as a compiled file, which [`Gazetteer::open`] reads back without
    /// building anything (the format is described in the README, "Compiled table files").
    ///
    /// # Errors
    ///
    /// Writing fails; or the gazetteer is the built-in one, which is part of canonym and has
    /// no file (an error of kind [`io::ErrorKind::InvalidInput`]); or it is too large for the
    /// format (more than 4 GiB of keys in one index).
    pub fn write_to<W: io::Write>(&self, mut writer: W) -> io::Result<()> {
        let bytes = match (&self.file, &self.index) {
            (Some(f), _) => Cow::Borrowed(f.as_bytes().map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidData, format!("{}: {e}", f.label()))
            })?),
            (None, Some(i)) => Cow::Owned(file::write(&i.entities, &i.compiled, i.builtin)?),
            (None, None) => return Err(builtin_not_written()),
        };
        writer.write_all(&bytes)?;
        writer.flush()
    }

    /// Writes the same file as [`Gazetteer::write_to`] into a writer that can seek, such as a
    /// [`std::fs::File`], section by section: the file is never held in memory whole (a table
    /// of a million persons makes a file of nearly 2 GB), and its header is written last, at the
    /// start. The writer is left at the end of the file.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::write_to`].
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// use std::io::Cursor;
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap();
    /// let (mut whole, mut streamed) = (Vec::new(), Cursor::new(Vec::new()));
    /// g.write_to(&mut whole).unwrap();
    /// g.write_to_seekable(&mut streamed).unwrap();
    /// assert_eq!(whole, streamed.into_inner());
    /// ```
    pub fn write_to_seekable<W: io::Write + io::Seek>(&self, mut writer: W) -> io::Result<()> {
        match (&self.file, &self.index) {
            (Some(_), _) => self.write_to(writer),
            (None, Some(i)) => {
                file::write_into(&i.entities, &i.compiled, i.builtin, &mut writer)?;
                writer.flush()
            }
            (None, None) => Err(builtin_not_written()),
        }
    }

    pub(crate) fn store(&self) -> Store<'_> {
        if let Some(f) = &self.file {
            return Store::file(f);
        }
        match self.index.as_deref() {
            None => Store::BUILTIN,
            Some(i) => Store::built(&i.compiled, &i.entities),
        }
    }
}

/// The error of writing the built-in gazetteer, which has no file.
fn builtin_not_written() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "the built-in gazetteer is part of canonym and is not written to a file",
    )
}

/// What to do when tables conflict: a table defines an entity ID that an earlier table (the
/// built-in tables come first) defines too.
///
/// Names never conflict. Entities that share a listed name or its key — in one table or
/// across tables, any number of them — are *namesakes*: the name stays ambiguous, and lookup
/// lists them all as candidates instead of picking one ([`Gazetteer::matches`]). An entity ID
/// defined twice in one table is always an error, whatever the rule: two rows would say
/// different things about one entity, and which one the table meant cannot be told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnConflict {
    /// The build fails with an error naming both rows (`path:line`). The default.
    #[default]
    Error,
    /// The later table wins: its entity row replaces the earlier one (kind, canonical name,
    /// QID, description, weight; the names of both are kept).
    PreferUser,
    /// The earlier table wins: a later entity row with a known ID is left out with its names
    /// from that table.
    Skip,
}

impl OnConflict {
    /// `error`, `prefer-user` or `skip`.
    pub fn as_str(self) -> &'static str {
        match self {
            OnConflict::Error => "error",
            OnConflict::PreferUser => "prefer-user",
            OnConflict::Skip => "skip",
        }
    }
}

impl std::str::FromStr for OnConflict {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(OnConflict::Error),
            "prefer-user" => Ok(OnConflict::PreferUser),
            "skip" => Ok(OnConflict::Skip),
            other => Err(format!(
                "unknown conflict rule {other:?} (expected error, prefer-user or skip)"
            )),
        }
    }
}

/// Why a gazetteer could not be built: every problem found, each with its file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    errors: Vec<TableError>,
    conflicts: usize,
}

impl GazetteerError {
    /// The problems, in the order found.
    pub fn errors(&self) -> &[TableError] {
        &self.errors
    }

    /// How many of them are conflicts between tables, which a rule other than
    /// [`OnConflict::Error`] would resolve.
    pub fn conflicts(&self) -> usize {
        self.conflicts
    }
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for GazetteerError {}

/// Builds a [`Gazetteer`] from a user's own tables, merged with the built-in ones unless told
/// otherwise.
///
/// Tables are read in the order given, after the built-in tables; each is validated row by row
/// with the same checks as the crate's `tables/` (every problem is collected, and
/// [`GazetteerBuilder::build`] reports them all). The formats:
///
/// - a **directory** laid out as the crate's `tables/`: `entities.tsv` and `names/*.tsv`
///   ([`GazetteerBuilder::read_dir`]);
/// - a **names file**, one TSV file of rows `id, name, lang, source[, flags]` as in
///   `tables/names/` ([`GazetteerBuilder::read_names`]). A row may add a name to an entity of
///   an earlier table (a built-in one, say); an ID that no table defines makes a new entity,
///   of the kind its prefix says (`per:`, `loc:`, `org:`, `med:`, `oth:`), named canonically
///   by its first row;
/// - **JSON Lines**, one entity per line: `{"id": …, "kind": …, "canonical": …, "names": […]}`
///   with optional `qid` and `description`; a name is a string or an object with `name` and
///   optional `lang`, `source` and `flags` (feature `json`, on by default through `cli`);
/// - entities and names added one by one ([`GazetteerBuilder::entity`],
///   [`GazetteerBuilder::name`]), which count as one table read after all the others.
///
/// Entities may share names, in one table or across tables: a shared name is ambiguous, and
/// [`Gazetteer::matches`] lists its entities ranked by weight (see [`OnConflict`] for what a
/// conflict still is). An entity ID defined by two tables follows [`OnConflict`]; defined
/// twice in one table, it is an error.
///
/// # Examples
///
/// ```
/// use canonym::{Gazetteer, OnConflict};
///
/// let tsv = "# source: our newsroom's people database\n\
///            per:ivan-petrov\tIvan Petrov\ten\tnewsroom\n\
///            per:ivan-petrov\tІван Пятроў\tbe-Cyrl\tnewsroom\n";
/// let g = Gazetteer::builder()
///     .builtin(false)
///     .on_conflict(OnConflict::Skip)
///     .read_names("people.tsv", tsv.as_bytes())
///     .build()
///     .unwrap();
/// assert_eq!(g.lookup("Petrov Ivan").unwrap().entity().canonical(), "Ivan Petrov");
/// assert!(g.lookup("Lukashenka").is_none()); // no built-in tables
///
/// // A malformed row is reported with its file and line.
/// let err = Gazetteer::builder()
///     .read_names("bad.tsv", "# source: x\nper:x\tX\tEnglish\tme\n".as_bytes())
///     .build()
///     .unwrap_err();
/// assert!(err.to_string().starts_with("bad.tsv:2: malformed language tag \"English\""));
/// ```
#[derive(Clone, Debug)]
pub struct GazetteerBuilder {
    builtin: bool,
    strict: bool,
    on_conflict: OnConflict,
    sources: Vec<Source>,
    /// Compiled gazetteer files given to [`GazetteerBuilder::read_path`].
    files: Vec<PathBuf>,
    /// What [`GazetteerBuilder::entity`] and [`GazetteerBuilder::name`] added: one table,
    /// after all the tables read.
    added: Source,
    /// Every problem found while reading, dirty rows among them (errors when `strict`).
    errors: Vec<TableError>,
}

/// One table as read: its entity rows (none for a names file) and name rows.
#[derive(Clone, Debug, Default)]
struct Source {
    entities: Vec<EntityRow>,
    names: Vec<NameRow>,
    /// Names may refer to entities that no table defines (a names file, JSON Lines): they
    /// make new entities. A `tables/` directory must define its own.
    implies_entities: bool,
}

/// How users' tables are read: IDs are the user's own, and names whose words mix scripts are
/// read through the built-in look-alike table, as running text is.
const USER: Rules<'static> = Rules {
    prefixed_ids: false,
    homoglyphs: builtin::HOMOGLYPHS,
};

/// The label of rows added with [`GazetteerBuilder::entity`] and [`GazetteerBuilder::name`].
const ADDED: &str = "(added)";

impl Default for GazetteerBuilder {
    fn default() -> Self {
        GazetteerBuilder::new()
    }
}

impl GazetteerBuilder {
    /// A builder with the built-in tables, no user tables, and [`OnConflict::Error`].
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder {
            builtin: true,
            strict: false,
            on_conflict: OnConflict::Error,
            sources: Vec::new(),
            files: Vec::new(),
            added: Source {
                implies_entities: true,
                ..Source::default()
            },
            errors: Vec::new(),
        }
    }

    /// Whether the built-in tables are part of the gazetteer (they are by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .build()
    ///     .unwrap();
    /// assert!(g.lookup("Lukashenka").is_none());
    /// assert_eq!(g.entities().len(), 1);
    /// ```
    pub fn builtin(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.builtin = yes;
        self
    }

    /// Whether a dirty row is an error (it is not by default). Without `strict`, a name with
    /// stray spaces (leading, trailing, doubled, no-break) is read with them trimmed and
    /// collapsed, a word that mixes Latin and Cyrillic letters is read through the look-alike
    /// table as running text is (`Жодзiна` with a Latin `i` is `Жодзіна`), and a name row with
    /// nothing to read (an empty name, no letters or digits, or scripts mixed beyond what
    /// look-alikes explain) is left out — each reported in [`Gazetteer::warnings`] with its
    /// file and line. With `strict`, each of them fails the build, as it fails the build of the
    /// crate's own tables. A malformed field (a language tag, a flag, an ID) is an error either
    /// way: it says the table is not what canonym takes it for.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, TableErrorKind};
    /// let tsv = "# source: a test\nloc:zhodzina\t Žodzinas\tlt\twikipedia:lt\n";
    /// let g = Gazetteer::builder().read_names("extra.tsv", tsv.as_bytes()).build().unwrap();
    /// assert_eq!(g.lookup("Žodzinas").unwrap().entity().id(), "loc:zhodzina");
    /// assert_eq!(g.warnings()[0].kind(), TableErrorKind::Repaired);
    ///
    /// let err = Gazetteer::builder()
    ///     .strict(true)
    ///     .read_names("extra.tsv", tsv.as_bytes())
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "extra.tsv:2: name \" Žodzinas\" has stray spaces; read as \"Žodzinas\""
    /// );
    /// ```
    pub fn strict(&mut self, yes: bool) -> &mut GazetteerBuilder {
        self.strict = yes;
        self
    }

    /// How conflicts between tables are resolved ([`OnConflict::Error`] by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind, OnConflict};
    /// // Defines a built-in entity again.
    /// let build = |rule| {
    ///     Gazetteer::builder()
    ///         .on_conflict(rule)
    ///         .entity("per:alyaksandr-lukashenka", Kind::Person, "Alexander Lukashenko")
    ///         .build()
    /// };
    /// assert!(build(OnConflict::Error).is_err());
    /// let g = build(OnConflict::Skip).unwrap();
    /// assert_eq!(
    ///     g.entity("per:alyaksandr-lukashenka").unwrap().canonical(),
    ///     "Alyaksandr Lukashenka"
    /// );
    /// ```
    pub fn on_conflict(&mut self, rule: OnConflict) -> &mut GazetteerBuilder {
        self.on_conflict = rule;
        self
    }

    /// Reads a names file (TSV, the format of `tables/names/*.tsv`) from `reader`; `label`
    /// names it in errors. A read error or invalid UTF-8 is reported by `build`.
    pub fn read_names<R: Read>(&mut self, label: &str, reader: R) -> &mut GazetteerBuilder {
        if let Some(text) = self.read_text(label, reader) {
            let (names, errors) = table::parse_names(USER, label, &text, None);
            self.errors.extend(errors);
            self.sources.push(Source {
                entities: Vec::new(),
                names,
                implies_entities: true,
            });
        }
        self
    }

    /// Reads a directory laid out as the crate's `tables/`: `entities.tsv` and
    /// `names/*.tsv`, with the same rules (every name's ID defined in `entities.tsv`).
    pub fn read_dir(&mut self, dir: &Path) -> &mut GazetteerBuilder {
        let (tables, errors) = Tables::read_dir_with(USER, dir, &|p| p.display().to_string());
        self.errors.extend(errors);
        self.sources.push(Source {
            entities: tables.entities,
            names: tables.names,
            implies_entities: false,
        });
        self
    }

    /// Reads JSON Lines from `reader`, one entity per line (see the type's docs); `label`
    /// names it in errors.
    #[cfg(feature = "json")]
    pub fn read_jsonl<R: Read>(&mut self, label: &str, reader: R) -> &mut GazetteerBuilder {
        if let Some(text) = self.read_text(label, reader) {
            let (source, errors) = crate::jsonl::parse(USER, label, &text);
            self.errors.extend(errors);
            self.sources.push(source_of(source));
        }
        self
    }

    /// Reads the table at `path`, by what it is: a directory ([`GazetteerBuilder::read_dir`]),
    /// a compiled gazetteer file (recognised by its first bytes; see [`Gazetteer::open`]),
    /// a `.jsonl` or `.ndjson` file (JSON Lines, with the `json` feature), or else a names
    /// file ([`GazetteerBuilder::read_names`]).
    ///
    /// A compiled file is a whole gazetteer: it is used as it is, without rebuilding, and so
    /// cannot be combined with other tables, and must have been compiled with the built-in
    /// tables if and only if the builder uses them ([`GazetteerBuilder::builtin`]);
    /// [`GazetteerBuilder::build`] reports otherwise.
    pub fn read_path(&mut self, path: &Path) -> &mut GazetteerBuilder {
        let label = path.display().to_string();
        if path.is_dir() {
            return self.read_dir(path);
        }
        if starts_compiled(path) {
            self.files.push(path.to_owned());
            return self;
        }
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                self.errors.push(TableError::new(
                    &label,
                    0,
                    TableErrorKind::Unreadable,
                    format!("cannot read: {e}"),
                ));
                return self;
            }
        };
        let jsonl = path
            .extension()
            .is_some_and(|x| x == "jsonl" || x == "ndjson");
        #[cfg(feature = "json")]
        if jsonl {
            return self.read_jsonl(&label, std::io::BufReader::new(file));
        }
        #[cfg(not(feature = "json"))]
        if jsonl {
            self.errors.push(TableError::new(
                &label,
                0,
                TableErrorKind::Unsupported,
                "JSON Lines tables need canonym's `json` feature".into(),
            ));
            return self;
        }
        self.read_names(&label, std::io::BufReader::new(file))
    }

    /// Adds an entity. Its canonical name is one of its names; add more with
    /// [`GazetteerBuilder::name`].
    pub fn entity(&mut self, id: &str, kind: Kind, canonical: &str) -> &mut GazetteerBuilder {
        let line = self.added_line();
        match table::entity_row(
            USER,
            ADDED,
            line,
            id,
            kind.as_str(),
            canonical,
            "-",
            "",
            &mut self.errors,
        ) {
            Ok(row) => self.added.entities.push(row),
            Err(e) => self.errors.push(e),
        }
        self
    }

    /// Gives an entity added before its weight (a population, a count of mentions, `≥ 0`):
    /// it ranks the entity among namesakes, the heaviest first (see [`Gazetteer::matches`]).
    /// An unknown ID or a weight that is negative, infinite or NaN is reported by `build`.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("loc:springfield-il", Kind::Place, "Springfield")
    ///     .weight("loc:springfield-il", 114_394.0)
    ///     .entity("loc:springfield-mo", Kind::Place, "Springfield")
    ///     .weight("loc:springfield-mo", 169_176.0)
    ///     .build()
    ///     .unwrap();
    /// let ids: Vec<_> = g.matches("Springfield").iter().map(|m| m.entity().id()).collect();
    /// assert_eq!(ids, ["loc:springfield-mo", "loc:springfield-il"]);
    /// assert!(Gazetteer::builder().weight("loc:minsk", -1.0).build().is_err());
    /// ```
    pub fn weight(&mut self, id: &str, weight: f64) -> &mut GazetteerBuilder {
        let line = self.added_line();
        let row = self.added.entities.iter_mut().rev().find(|e| &*e.id == id);
        let message = match (row, table::Weight::new(weight)) {
            (Some(row), Some(w)) => {
                row.weight = Some(w);
                return self;
            }
            (None, _) => format!("weight for {id:?}, which no entity added before has"),
            (Some(_), None) => {
                format!("weight {weight} of {id} is not a number zero or more")
            }
        };
        self.errors.push(TableError {
            path: ADDED.into(),
            line,
            kind: TableErrorKind::Malformed("weight"),
            message,
        });
        self
    }

    /// Adds a name (written as it is written, with its language/script tag such as `ru-Cyrl`
    /// or `en`) to an entity added before or to one of the built-in entities.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind};
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("per:ivan-petrov", Kind::Person, "Ivan Petrov")
    ///     .name("per:ivan-petrov", "Іван Пятроў", "be-Cyrl")
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(g.lookup("Пятроў Іван").unwrap().entity().canonical(), "Ivan Petrov");
    /// ```
    pub fn name(&mut self, id: &str, name: &str, lang: &str) -> &mut GazetteerBuilder {
        let line = self.added_line();
        match table::name_row(
            &mut Default::default(),
            USER,
            ADDED,
            line,
            id,
            name,
            lang,
            "user",
            "-",
            &mut self.errors,
        ) {
            Ok(Some(row)) => self.added.names.push(row),
            Ok(None) => {}
            Err(e) => self.errors.push(e),
        }
        self
    }

    /// The "line" of the next row added one by one: its number among them, for errors.
    fn added_line(&self) -> usize {
        self.added.entities.len() + self.added.names.len() + 1
    }

    fn read_text<R: Read>(&mut self, label: &str, mut reader: R) -> Option<String> {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            self.errors.push(TableError::new(
                label,
                0,
                TableErrorKind::Unreadable,
                format!("cannot read: {e}"),
            ));
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.as_bytes();
                let line = bytes.iter().take(offset).filter(|&&b| b == b'\n').count() + 1;
                self.errors.push(TableError::new(
                    label,
                    line,
                    TableErrorKind::InvalidUtf8,
                    format!("invalid UTF-8 at byte offset {offset}"),
                ));
                None
            }
        }
    }

    /// Validates, merges and compiles the tables.
    ///
    /// # Errors
    ///
    /// Every malformed row, unreadable file, entity ID defined twice in one table, and
    /// conflict between tables that the [`OnConflict`] rule leaves unresolved, each with its
    /// file and line; with [`GazetteerBuilder::strict`], every dirty row too.
    pub fn build(&self) -> Result<Gazetteer, GazetteerError> {
        if let Some(path) = self.files.first() {
            return self.build_file(path);
        }
        let (mut errors, mut warnings): (Vec<TableError>, Vec<TableError>) = self
            .errors
            .iter()
            .cloned()
            .partition(|e| self.strict || !e.kind().is_dirty_row());
        let mut conflicts = 0;
        let tables = self.merge(&mut errors, &mut warnings, &mut conflicts);
        // Namesakes are data here: names that several entities share stay ambiguous.
        let (compiled, errs) = compile::compile(&tables, false);
        errors.extend(errs);
        if !errors.is_empty() {
            return Err(GazetteerError { errors, conflicts });
        }
        let entities = entities_of(&tables, &compiled);
        Ok(Gazetteer {
            index: Some(Box::new(Index {
                entities,
                compiled,
                warnings,
                builtin: self.builtin,
            })),
            file: None,
        })
    }

    /// The gazetteer of a compiled file given to [`GazetteerBuilder::read_path`]: alone, and
    /// with the built-in tables as the builder asks.
    fn build_file(&self, path: &Path) -> Result<Gazetteer, GazetteerError> {
        let label = path.display().to_string();
        let others = self.files.len() > 1
            || !self.sources.is_empty()
            || !self.added.entities.is_empty()
            || !self.added.names.is_empty();
        let fail = |message: String| {
            let mut e = file_error(&label, message);
            e.errors.splice(0..0, self.errors.iter().cloned());
            e
        };
        if others {
            return Err(fail(
                "a compiled gazetteer file is used as it is and cannot be combined with other \
                 tables: compile them together (`canonym compile`)"
                    .into(),
            ));
        }
        let file = GazFile::open(path).map_err(|e| fail(e.to_string()))?;
        if file.has_builtin() != self.builtin {
            return Err(fail(if self.builtin {
                "compiled without the built-in tables, but they were asked for: use it with \
                 --no-builtin (`builtin(false)`), or compile it with them"
                    .into()
            } else {
                "compiled with the built-in tables, but they were not asked for: use it \
                 without --no-builtin (`builtin(true)`), or compile it with --no-builtin"
                    .into()
            }));
        }
        if !self.errors.is_empty() {
            return Err(GazetteerError {
                errors: self.errors.clone(),
                conflicts: 0,
            });
        }
        Ok(Gazetteer::of_file(file))
    }

    /// The built-in tables (if any) and every source, in order, as one set of tables with
    /// the entity conflicts resolved.
    fn merge(
        &self,
        errors: &mut Vec<TableError>,
        warnings: &mut Vec<TableError>,
        conflicts: &mut usize,
    ) -> Tables {
        let mut tables = Tables::default();
        if self.builtin {
            let mut sources = builtin::SOURCES.iter();
            let entities = sources.next().copied();
            let (t, errs) = Tables::parse(Rules::BUILTIN, entities, sources.copied());
            errors.extend(errs);
            tables = t;
        }
        // Only looked up: a hash map (the entities are sorted by ID at the end).
        let mut by_id: Map<table::Shared, usize> = tables
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        for (k, source) in self.sources.iter().chain([&self.added]).enumerate() {
            let origin = k as u32 + 1;
            let mut skipped: Vec<table::Shared> = Vec::new();
            for row in &source.entities {
                let mut row = row.clone();
                row.origin = origin;
                match by_id.get(&row.id).copied() {
                    None => {
                        by_id.insert(row.id.clone(), tables.entities.len());
                        tables.entities.push(row);
                    }
                    Some(i) => {
                        let Some(earlier) = tables.entities.get_mut(i) else {
                            continue;
                        };
                        if earlier.origin == origin {
                            errors.push(TableError {
                                path: row.path.to_string(),
                                line: row.line,
                                kind: TableErrorKind::DuplicateId,
                                message: format!(
                                    "duplicate ID {:?} (first defined on line {})",
                                    row.id, earlier.line
                                ),
                            });
                            continue;
                        }
                        let message = format!(
                            "entity {} is also defined at {}:{}",
                            row.id, earlier.path, earlier.line
                        );
                        match self.on_conflict {
                            OnConflict::Error => {
                                *conflicts += 1;
                                errors.push(TableError {
                                    path: row.path.to_string(),
                                    line: row.line,
                                    kind: TableErrorKind::Conflict,
                                    message: format!("{message}; make the IDs differ"),
                                });
                            }
                            OnConflict::PreferUser => {
                                warnings.push(TableError {
                                    path: earlier.path.to_string(),
                                    line: earlier.line,
                                    kind: TableErrorKind::Conflict,
                                    message: format!(
                                        "replaced by {}:{} by the `prefer-user` rule: entity {}",
                                        row.path, row.line, row.id
                                    ),
                                });
                                *earlier = row;
                            }
                            OnConflict::Skip => {
                                warnings.push(TableError {
                                    path: row.path.to_string(),
                                    line: row.line,
                                    kind: TableErrorKind::Conflict,
                                    message: format!(
                                        "left out with its names by the `skip` rule: {message}"
                                    ),
                                });
                                skipped.push(row.id.clone());
                            }
                        }
                    }
                }
            }
            for row in &source.names {
                if skipped.contains(&row.id) {
                    continue;
                }
                if !by_id.contains_key(&row.id) {
                    if !source.implies_entities {
                        // A tables directory's own parser has reported it.
                        continue;
                    }
                    match implied_entity(row, origin) {
                        Ok(entity) => {
                            by_id.insert(entity.id.clone(), tables.entities.len());
                            tables.entities.push(entity);
                        }
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    }
                }
                let mut row = row.clone();
                row.origin = origin;
                tables.names.push(row);
            }
        }
        tables.entities.sort_by(|a, b| a.id.cmp(&b.id));
        tables.add_canonical_names(0);
        tables
    }
}

/// An error about a compiled gazetteer file, which has no lines.
fn file_error(label: &str, message: String) -> GazetteerError {
    GazetteerError {
        errors: vec![TableError {
            path: label.to_owned(),
            line: 0,
            kind: TableErrorKind::BadFile,
            message,
        }],
        conflicts: 0,
    }
}

/// Whether the file at `path` starts as a compiled gazetteer file does.
fn starts_compiled(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && file::is_compiled(&head)
}

#[cfg(feature = "json")]
fn source_of((entities, names): (Vec<EntityRow>, Vec<NameRow>)) -> Source {
    Source {
        entities,
        names,
        implies_entities: false,
    }
}

/// The entity a names-file row makes when no table defines its ID: of the kind a `# kind:`
/// line above the row gives, or else its ID's prefix (`per:`, `loc:`, …), named canonically by
/// the row's name.
fn implied_entity(row: &NameRow, origin: u32) -> Result<EntityRow, TableError> {
    let Some(kind) = row.kind.or_else(|| Kind::of_id(&row.id)) else {
        return Err(TableError::new(
            &row.path,
            row.line,
            TableErrorKind::UnknownId,
            format!(
                "unknown entity ID {:?}: no table defines it, and nothing says its kind (a `# kind: person` line above the row, or a prefix per:, loc:, org:, med:, oth:)",
                row.id
            ),
        ));
    };
    // The row's name is clean already: nothing to warn about twice.
    let mut entity = table::entity_row(
        USER,
        &row.path,
        row.line,
        &row.id,
        kind.as_str(),
        &row.name,
        "-",
        "",
        &mut Vec::new(),
    )?;
    entity.origin = origin;
    Ok(entity)
}

/// The entities of compiled tables, owning their strings.
fn entities_of(tables: &Tables, compiled: &Compiled) -> Vec<Entity> {
    tables
        .entities
        .iter()
        .zip(&compiled.entity_names)
        .map(|(e, rows)| Entity {
            id: e.id.clone().into(),
            kind: e.kind,
            canonical: e.canonical.clone().into(),
            qid: e.qid.clone().map(Into::into),
            description: e.description.clone().into(),
            weight: e.weight,
            names: rows
                .iter()
                .filter_map(|&r| tables.names.get(r))
                .map(|n| Name {
                    text: n.name.clone().into(),
                    lang: n.lang.clone().into(),
                    source: n.source.clone().into(),
                    flags: n.flags,
                })
                .collect::<Vec<_>>()
                .into(),
            properties: e
                .properties
                .iter()
                .map(|(k, v)| (k.clone().into(), v.clone().into()))
                .collect::<Vec<_>>()
                .into(),
        })
        .collect()
}
