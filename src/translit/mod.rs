//! Transliteration of Belarusian, Russian and Ukrainian Cyrillic into Latin script by the
//! published standards, with their context rules, and folding of other scripts to ASCII.
//!
//! The schemes are data (`tables/translit/*.tsv`), compiled at build time; see
//! `tables/translit/README.md` for the file format and the README's "Transliteration" section
//! for the schemes, language detection and the command line.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod data;
mod engine;

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::str::FromStr;

use data::{SCHEMES, SchemeData};
use engine::Config;

/// A transliteration scheme: one standard applied to one language.
///
/// Schemes have stable names (`be-national`, `ru-bgn-pcgn`, …) for configuration files and
/// the command line; [`Scheme::from_str`] parses them, [`Scheme::all`] lists them. Each
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
    /// assert_eq!(names.len(), 18);
    /// assert_eq!(names[0], "be-ala-lc");
    /// ```
    pub fn all() -> impl ExactSizeIterator<Item = Scheme> + Clone {
        (0..u8::try_from(SCHEMES.len()).unwrap_or(u8::MAX)).map(Scheme)
    }

    fn data(self) -> &'static SchemeData {
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

impl FromStr for Scheme {
    type Err = Error;

    /// Parses a stable scheme name; the error lists the valid ones.
    fn from_str(s: &str) -> Result<Scheme, Error> {
        Scheme::all().find(|x| x.name() == s).ok_or_else(|| Error {
            kind: ErrorKind::UnknownScheme(s.to_owned()),
        })
    }
}

/// A language written in Cyrillic that canonym transliterates.
///
/// # Examples
///
/// ```
/// use canonym::Lang;
///
/// assert_eq!("be".parse::<Lang>().unwrap(), Lang::Be);
/// assert_eq!(Lang::detect("Аляксандр Лукашэнка"), Some(Lang::Be));
/// assert_eq!(Lang::detect("Александр Лукашенко — президент"), Some(Lang::Ru));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
#[non_exhaustive]
pub enum Lang {
    /// Belarusian (`be`).
    Be,
    /// Russian (`ru`).
    Ru,
    /// Ukrainian (`uk`).
    Uk,
}

impl Lang {
    /// All languages.
    pub const ALL: [Lang; 3] = [Lang::Be, Lang::Ru, Lang::Uk];

    /// The ISO 639-1 code: `be`, `ru` or `uk`.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Lang::Uk.code(), "uk");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Lang::Be => "be",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
        }
    }

    /// The English name of the language.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(canonym::Lang::Be.name(), "Belarusian");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Lang::Be => "Belarusian",
            Lang::Ru => "Russian",
            Lang::Uk => "Ukrainian",
        }
    }

    /// The language of a text's Cyrillic words, by the letters only one or two of the
    /// languages use (ў; і; ї, є, ґ; и, щ; ы, э, ё; ъ; the apostrophe), or `None` when no
    /// word gives a hint. This is the document fallback of automatic detection.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Lang;
    /// assert_eq!(Lang::detect("Київ"), Some(Lang::Uk));
    /// assert_eq!(Lang::detect("Гродна"), None);
    /// ```
    pub fn detect(text: &str) -> Option<Lang> {
        engine::document_lang(text)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// Parses `be`, `ru` or `uk`.
    fn from_str(s: &str) -> Result<Lang, Error> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| Error {
                kind: ErrorKind::UnknownLang(s.to_owned()),
            })
    }
}

/// An error parsing a [`Scheme`] or [`Lang`] name.
///
/// # Examples
///
/// ```
/// let err = "be-natinal".parse::<canonym::Scheme>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown scheme `be-natinal`; valid schemes: be-ala-lc,"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
enum ErrorKind {
    UnknownScheme(String),
    UnknownLang(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownScheme(s) => {
                write!(f, "unknown scheme `{s}`; valid schemes: ")?;
                for (i, x) in Scheme::all().enumerate() {
                    write!(f, "{}{x}", if i > 0 { ", " } else { "" })?;
                }
                Ok(())
            }
            ErrorKind::UnknownLang(s) => {
                write!(f, "unknown language `{s}`; valid languages: be, ru, uk")
            }
        }
    }
}

impl std::error::Error for Error {}

/// A configured transliterator: a scheme per language, automatic or forced language, and
/// optional ASCII folding. Cheap to copy; build it once and reuse it.
///
/// With automatic detection (the default), each Cyrillic word is given the language its
/// letters admit (ў → Belarusian, ї → Ukrainian, ъ → Russian, …); a word that could be more
/// than one takes the document's language ([`Lang::detect`]) when possible, and Russian when
/// the document gives no hint.
///
/// # Examples
///
/// ```
/// use canonym::{Lang, Scheme, Translit};
///
/// let t = Translit::new();
/// assert_eq!(t.translit("Ціханоўская і Лукашэнка"), "Cichanoŭskaja i Lukašenka");
/// assert_eq!(t.translit("Тихановская и Лукашенко"), "Tikhanovskaya i Lukashenko");
///
/// let t = Translit::builder().lang(Some(Lang::Be)).scheme(Scheme::BE_ICAO).build();
/// assert_eq!(t.translit("Аляксандр Лукашэнка"), "Aliaksandr Lukashenka");
///
/// let t = Translit::builder().ascii(true).build();
/// assert_eq!(t.translit("Жодзіна, Αθήνα"), "Zodzina, Athena");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Translit {
    schemes: [Scheme; 3],
    lang: Option<Lang>,
    ascii: bool,
}

impl Default for Translit {
    fn default() -> Self {
        Translit::new()
    }
}

impl Translit {
    /// Automatic language detection, the default scheme of each language, no ASCII folding.
    pub fn new() -> Translit {
        TranslitBuilder::new().build()
    }

    /// A builder to configure a transliterator.
    pub fn builder() -> TranslitBuilder {
        TranslitBuilder::new()
    }

    /// The scheme used for words in `lang`.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Scheme, Translit};
    /// assert_eq!(Translit::new().scheme(Lang::Ru), Scheme::RU_BGN_PCGN);
    /// ```
    pub fn scheme(&self, lang: Lang) -> Scheme {
        self.schemes
            .get(lang as usize)
            .copied()
            .unwrap_or_else(|| Scheme::default_for(lang))
    }

    fn config(&self) -> Config {
        Config {
            tables: self.schemes.map(Scheme::data),
            forced: self.lang,
            fallback: Lang::Ru,
            ascii: self.ascii,
            reference: false,
        }
    }

    /// Transliterates `text`, borrowing it when nothing changes (no Cyrillic letters, and
    /// with ASCII folding nothing outside ASCII).
    ///
    /// Everything that is not a Cyrillic word — Latin text, digits, punctuation, white
    /// space, other scripts — is copied byte for byte, unless ASCII folding is on.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use canonym::Translit;
    ///
    /// let t = Translit::new();
    /// assert!(matches!(t.translit("Lukashenka, 2020"), Cow::Borrowed(_)));
    /// assert_eq!(t.translit("ЖОДЗІНА"), "ŽODZINA");
    /// ```
    pub fn translit<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let cfg = self.config();
        let Some(start) = engine::first_change(&cfg, text) else {
            return Cow::Borrowed(text);
        };
        let mut out = engine::VecOut(Vec::with_capacity(text.len() + text.len() / 4 + 8));
        out.0
            .extend_from_slice(text.as_bytes().get(..start).unwrap_or_default());
        engine::infallible(engine::run(&cfg, text, start, &mut out));
        // The engine writes whole characters only (verbatim runs cut at character
        // boundaries, table outputs that are valid UTF-8), so this never falls back.
        Cow::Owned(
            String::from_utf8(out.0)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }

    /// Transliterates `text` into `out`, as [`Translit::translit`] does, in one pass with a
    /// small fixed buffer.
    ///
    /// # Errors
    ///
    /// Any error from writing to `out`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut out = Vec::new();
    /// canonym::Translit::new().translit_to("Нясвіж\n", &mut out).unwrap();
    /// assert_eq!(out, "Niasviž\n".as_bytes());
    /// ```
    pub fn translit_to<W: io::Write>(&self, text: &str, out: W) -> io::Result<()> {
        let mut w = engine::IoOut::new(out);
        engine::run(&self.config(), text, 0, &mut w)?;
        w.finish()
    }
}

/// Configures a [`Translit`].
///
/// # Examples
///
/// ```
/// use canonym::{Lang, Scheme, Translit};
///
/// let t = Translit::builder()
///     .scheme(Scheme::BE_LACINKA)
///     .scheme(Scheme::RU_WIKIPEDIA)
///     .build();
/// assert_eq!(t.translit("Смалявічы"), "Smalavičy");
/// assert_eq!(t.translit("Елена Юрьевна"), "Yelena Yuryevna");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct TranslitBuilder {
    inner: Translit,
}

impl Default for TranslitBuilder {
    fn default() -> Self {
        TranslitBuilder::new()
    }
}

impl TranslitBuilder {
    /// Automatic language detection, [`Scheme::default_for`] each language, no folding.
    pub fn new() -> TranslitBuilder {
        TranslitBuilder {
            inner: Translit {
                schemes: Lang::ALL.map(Scheme::default_for),
                lang: None,
                ascii: false,
            },
        }
    }

    /// `None` (the default) detects the language of each word; `Some(lang)` treats every
    /// Cyrillic word as `lang`.
    pub fn lang(&mut self, lang: Option<Lang>) -> &mut TranslitBuilder {
        self.inner.lang = lang;
        self
    }

    /// Uses `scheme` for words in the scheme's language (default: [`Scheme::default_for`]).
    pub fn scheme(&mut self, scheme: Scheme) -> &mut TranslitBuilder {
        if let Some(slot) = self.inner.schemes.get_mut(scheme.language() as usize) {
            *slot = scheme;
        }
        self
    }

    /// Folds the output to ASCII (default: no): diacritics are removed from the Latin
    /// output and other scripts are transliterated with `deunicode`. The byte order mark
    /// is kept.
    pub fn ascii(&mut self, yes: bool) -> &mut TranslitBuilder {
        self.inner.ascii = yes;
        self
    }

    /// The configured transliterator.
    pub fn build(&self) -> Translit {
        self.inner
    }
}

/// Transliterates the Cyrillic words of `text` by `scheme`, all of them taken to be in the
/// scheme's language; borrows `text` when nothing changes.
///
/// For automatic language detection use [`Translit`].
///
/// # Examples
///
/// ```
/// use canonym::{Scheme, translit};
///
/// assert_eq!(translit("Аляксандр Лукашэнка", Scheme::BE_NATIONAL), "Aliaksandr Lukašenka");
/// assert_eq!(translit("Елена", Scheme::RU_BGN_PCGN), "Yelena");
/// assert_eq!(translit("ЖОДИНО", Scheme::RU_BGN_PCGN), "ZHODINO");
/// ```
pub fn translit(text: &str, scheme: Scheme) -> Cow<'_, str> {
    forced(scheme).translit(text)
}

/// Writes `text` transliterated by `scheme` into `out`; see [`translit`].
///
/// # Errors
///
/// Any error from writing to `out`.
///
/// # Examples
///
/// ```
/// use canonym::{Scheme, translit_to};
///
/// let mut out = Vec::new();
/// translit_to("Салігорск", Scheme::BE_BGN_PCGN, &mut out).unwrap();
/// assert_eq!(out, b"Salihorsk");
/// ```
pub fn translit_to<W: io::Write>(text: &str, scheme: Scheme, out: W) -> io::Result<()> {
    forced(scheme).translit_to(text, out)
}

fn forced(scheme: Scheme) -> Translit {
    Translit::builder()
        .lang(Some(scheme.language()))
        .scheme(scheme)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scheme_has_data() {
        assert_eq!(Scheme::all().len(), SCHEMES.len());
        for s in Scheme::all() {
            assert_eq!(s.name().parse::<Scheme>(), Ok(s));
            assert!(!s.source().is_empty());
        }
    }
}
