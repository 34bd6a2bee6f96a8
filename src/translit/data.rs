//! The schemes: the [`Scheme`] handle, and the compiled tables it names — types the generated
//! code fills in, and the generated code.
//!
//! `build/translit.rs` turns `tables/translit/*.tsv` into `$OUT_DIR/translit.rs`, included
//! here and nowhere else; it numbers the schemes (`Scheme(i)`) and writes their constants.

use std::fmt;

use super::lang::Lang;

/// A transliteration scheme: one standard applied to one language.
///
/// Schemes have stable names (`be-national`, `ru-bgn-pcgn`, …) for configuration files and
/// the command line; [`Scheme::from_str`](std::str::FromStr::from_str) parses them,
/// [`Scheme::all`] lists them. Each
/// scheme also covers the letters of the other two languages, with the values of a related
/// scheme, so that a Belarusian name in Russian text never comes out half Cyrillic.
///
/// # Examples
///
/// ```
/// use canonym::{Lang, Scheme};
///
/// let s: Scheme = "be-national".parse().unwrap();
/// assert_eq!(s, Scheme::BE_NATIONAL);
/// assert_eq!(s.name(), "be-national");
/// assert_eq!(s.language(), Lang::Be);
/// assert_eq!(canonym::translit("Жодзіна", s), "Žodzina");
/// assert!(Scheme::all().any(|s| s.name() == "ru-icao"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Scheme(u8);

impl Scheme {
    /// All schemes, sorted by name (so grouped by language).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Scheme;
    ///
    /// let names: Vec<&str> = Scheme::all().map(|s| s.name()).collect();
    /// assert!(names.len() >= 40);
    /// assert_eq!(names[0], "be-ala-lc");
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Scheme> + Clone {
        (0..u8::try_from(SCHEMES.len()).unwrap_or(u8::MAX)).map(Scheme)
    }

    pub(crate) fn data(self) -> &'static SchemeData {
        // `Scheme` values exist only as the generated constants and through `all()`, so the
        // index is in range (the `every_scheme_has_data` test lists them all).
        SCHEMES.get(usize::from(self.0)).unwrap_or(&SCHEMES[0])
    }

    /// The stable name, e.g. `be-national`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Scheme::RU_BGN_PCGN.name(), "ru-bgn-pcgn");
    /// ```
    pub fn name(self) -> &'static str {
        self.data().name
    }

    /// The language the scheme is for.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Scheme};
    /// assert_eq!(Scheme::UK_NATIONAL.language(), Lang::Uk);
    /// ```
    pub fn language(self) -> Lang {
        self.data().lang
    }

    /// A short human title, e.g. `BGN/PCGN (1947)`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Scheme::RU_BGN_PCGN.title(), "BGN/PCGN (1947)");
    /// ```
    pub fn title(self) -> &'static str {
        self.data().title
    }

    /// The standard the scheme implements, with its year.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(canonym::Scheme::RU_ICAO.standard().contains("9303"));
    /// ```
    pub fn standard(self) -> &'static str {
        self.data().standard
    }

    /// The year of the standard's edition the scheme implements.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Scheme::UK_NATIONAL.year(), 2010);
    /// ```
    pub fn year(self) -> u16 {
        self.data().year
    }

    /// What the standard is for, e.g. `passports` or `geographic names`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Scheme::RU_ICAO.scope(), "passports");
    /// ```
    pub fn scope(self) -> &'static str {
        self.data().scope
    }

    /// Whether the standard is reversible, so that [`translit_reverse`](crate::translit_reverse) reads its Latin
    /// back into Cyrillic: Łacinka, the Belarusian and Ukrainian national systems, ISO 9 and
    /// GOST 7.79 system A.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Scheme;
    /// assert!(Scheme::BE_LACINKA.is_reversible());
    /// assert!(!Scheme::RU_BGN_PCGN.is_reversible());
    /// ```
    pub fn is_reversible(self) -> bool {
        self.data().reversible
    }

    /// Where the table comes from: the document, its year and the table used.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(canonym::Scheme::UK_NATIONAL.source().contains("no. 55"));
    /// ```
    pub fn source(self) -> &'static str {
        self.data().source
    }

    /// The scheme used for `lang` unless configured otherwise: the Belarusian national
    /// system, BGN/PCGN for Russian, the Ukrainian national system.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Scheme};
    /// assert_eq!(Scheme::default_for(Lang::Be), Scheme::BE_NATIONAL);
    /// ```
    pub fn default_for(lang: Lang) -> Scheme {
        match lang {
            Lang::Be => Scheme::BE_NATIONAL,
            Lang::Ru => Scheme::RU_BGN_PCGN,
            Lang::Uk => Scheme::UK_NATIONAL,
        }
    }
}

impl fmt::Debug for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Scheme({})", self.name())
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The slot of the in-word apostrophe (`'`, `’`, `ʼ` between two Cyrillic letters). Slot 0
/// would be the lowercase of U+0400 `Ѐ`, which is U+0450, so no letter uses it.
pub(crate) const APOSTROPHE: u8 = 0;

/// A set of letter slots that may stand next to a match, and whether a word boundary may.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) bits: [u64; 4],
    pub(crate) edge: bool,
}

impl Ctx {
    /// Whether `slot` (`None` = word boundary) is in the set.
    #[inline]
    pub(crate) fn has(&self, slot: Option<u8>) -> bool {
        match slot {
            None => self.edge,
            Some(s) => self
                .bits
                .get(usize::from(s >> 6))
                .is_some_and(|w| w >> (s & 63) & 1 == 1),
        }
    }
}

/// One row of a scheme table: the letters after the first one, both contexts, and the
/// output in lower, title and upper case, then the same three folded to ASCII, each packed
/// as up to 8 UTF-8 bytes in a little-endian `u64` with its length beside it.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) rest: &'static [u8],
    pub(crate) prev: Ctx,
    pub(crate) next: Ctx,
    pub(crate) packed: [u64; 6],
    pub(crate) lens: [u8; 6],
    /// A letter the scheme and its declared fallbacks do not define, romanized by a sister
    /// language's rule of the same system or a general fold: counted, or kept on request.
    pub(crate) approx: bool,
}

/// A compiled scheme: metadata and its rules grouped by first letter slot.
#[derive(Debug)]
pub(crate) struct SchemeData {
    pub(crate) name: &'static str,
    pub(crate) lang: Lang,
    pub(crate) title: &'static str,
    pub(crate) standard: &'static str,
    pub(crate) year: u16,
    pub(crate) scope: &'static str,
    pub(crate) source: &'static str,
    /// Whether the standard can be read back (`@reversible yes`).
    pub(crate) reversible: bool,
    /// `rules[index[s]..index[s + 1]]` are the rules starting with slot `s`.
    pub(crate) index: &'static [u16; 257],
    /// The fast path's tables (see [`Fast`]), indexed by code point − U+0400: `fast[0]`
    /// native, `fast[1]` folded to ASCII.
    pub(crate) fast: [&'static [Fast; 256]; 2],
    /// The fast-path context bits of a word boundary (no letter before the first one).
    pub(crate) edge_bits: u8,
    /// The fast-path context bits of an in-word apostrophe.
    pub(crate) apostrophe_bits: u8,
    pub(crate) rules: &'static [Rule],
}

impl SchemeData {
    /// The fast-path context bits of the unit before a letter: a letter's slot, the
    /// apostrophe, or `None` for a word boundary.
    #[inline]
    pub(crate) fn bits_of(&self, prev: Option<u8>) -> u8 {
        match prev {
            None => self.edge_bits,
            Some(APOSTROPHE) => self.apostrophe_bits,
            // A lowercase letter's slot is its own index in the table.
            Some(s) => self.fast[0].get(usize::from(s)).map_or(0, |f| f.bits),
        }
    }

    /// The rules whose first letter is `slot`, longest sequences first.
    #[inline]
    pub(crate) fn rules(&self, slot: u8) -> &'static [Rule] {
        let s = usize::from(slot);
        let (Some(&a), Some(&b)) = (self.index.get(s), self.index.get(s + 1)) else {
            return &[];
        };
        self.rules
            .get(usize::from(a)..usize::from(b))
            .unwrap_or(&[])
    }
}

/// The fast path's entry for one code point of U+0400..=U+04FF.
///
/// A letter is on the fast path (`fast`) when its rules look at most at the previous letter:
/// an alternative output when the previous unit's context `bits` meet `alt`, else the
/// default; and a next letter whose `bits` meet `unless` (the second letter of a
/// multi-letter rule) sends the engine to the full rule search, except the second letter of
/// the one two-letter rule the fast path writes itself (`pair`). Every letter has its `bits`:
/// which of the scheme's fast-path contexts (at most 8, numbered at build time) it belongs
/// to, so that each context test is one AND. The outputs are packed as in [`Rule`]:
/// `[default, default in capitals, alternative, alternative in capitals]`, where for an
/// uppercase letter the first of each pair is title case and for a lowercase letter both are
/// lowercase.
#[derive(Debug)]
pub(crate) struct Fast {
    pub(crate) out: [u64; 4],
    pub(crate) len: [u8; 4],
    /// The output of the letter's two-letter rule, lowercase or title case and capitals.
    pub(crate) pair_out: [u64; 2],
    pub(crate) pair_len: [u8; 2],
    pub(crate) bits: u8,
    pub(crate) alt: u8,
    pub(crate) unless: u8,
    /// The context bit of the second letter of the two-letter rule, if any.
    pub(crate) pair: u8,
    /// The lowercase slot.
    pub(crate) slot: u8,
    /// Whether the letter before this one is in capitals, by whether that one is uppercase
    /// (bit 1) or not (bit 0): always for an uppercase letter (`0b11`), never for a lowercase
    /// one (`0b00`), and after an uppercase one when this is no letter at all (`0b10`).
    pub(crate) case: u8,
    pub(crate) upper: bool,
    pub(crate) fast: bool,
}

impl Fast {
    /// Anything that is not a Cyrillic letter.
    pub(crate) const NO: Fast = Fast {
        out: [0; 4],
        len: [0; 4],
        pair_out: [0; 2],
        pair_len: [0; 2],
        bits: 0,
        alt: 0,
        unless: 0,
        pair: 0,
        slot: 0,
        case: 0b10,
        upper: false,
        fast: false,
    };
}

include!(concat!(env!("OUT_DIR"), "/translit.rs"));
