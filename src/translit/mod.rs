//! Transliteration of Belarusian, Russian and Ukrainian Cyrillic into Latin script by the
//! published standards, with their context rules, and folding of other scripts to ASCII.
//!
//! The schemes are data (`tables/translit/*.tsv`), compiled at build time; see
//! `tables/translit/README.md` for the format and `docs/translit.md` for the overview.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod data;
mod engine;
mod lang;
mod parse;

use std::borrow::Cow;
use std::io;

pub use data::Scheme;
use engine::Config;
pub use lang::Lang;
pub use parse::Error;

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
    use super::data::SCHEMES;
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
