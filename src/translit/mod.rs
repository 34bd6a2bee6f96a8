//! Transliteration of Belarusian, Russian and Ukrainian Cyrillic into Latin script by the
//! published standards, with their context rules, and folding of other scripts to ASCII.
//!
//! The schemes are data (`tables/translit/*.tsv`), compiled at build time; see
//! `tables/translit/README.md` for the file format and the README's "Transliteration" section
//! for the schemes, language detection and the command line.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod data;
mod engine;
mod lang;
mod parse;
mod reverse;

use std::borrow::Cow;
use std::fmt;
use std::io;

pub use data::Scheme;
use engine::{Config, Tally};
pub use lang::Lang;
pub use parse::Error;

/// A configured transliterator: a scheme per language, automatic or forced language, and
/// optional ASCII folding. Cheap to copy; build it once and reuse it.
///
/// With automatic detection (the default when no scheme, or schemes of several languages,
/// were named; see [`TranslitBuilder::lang`]), each Cyrillic word is given the language its
/// letters admit (ў → Belarusian, ї → Ukrainian, ъ → Russian, е after ш → not Belarusian,
/// …); a word that could be more than one takes the language the telling words before it on
/// its line agree on, or at the start of a line the next telling word's, else the document's
/// language ([`Lang::detect`]) when possible, and Russian when
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
    keep_unknown: bool,
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
            keep_unknown: self.keep_unknown,
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
        engine::infallible(engine::run(
            &cfg,
            text,
            start,
            &mut out,
            &mut Tally::default(),
        ));
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
        self.translit_to_noting(text, out, &mut Unknown::new())
    }

    /// Transliterates `text` into `out`, as [`Translit::translit_to`] does, and adds to
    /// `unknown` the letters the schemes do not define (see [`Unknown`]). Pass the same
    /// `Unknown` for every piece of a stream and report it once at the end.
    ///
    /// # Errors
    ///
    /// Any error from writing to `out`.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Translit, Unknown};
    ///
    /// let t = Translit::builder().lang(Some(Lang::Ru)).build();
    /// let mut unknown = Unknown::new();
    /// let mut out = Vec::new();
    /// t.translit_to_noting("Київ Єнакієве", &mut out, &mut unknown).unwrap();
    /// assert_eq!(out, "Kiyiv Yenakiyeve".as_bytes());
    /// assert_eq!(unknown.total(), 3);
    /// assert_eq!(unknown.to_string(), "ї ×1, є ×2");
    /// ```
    pub fn translit_to_noting<W: io::Write>(
        &self,
        text: &str,
        out: W,
        unknown: &mut Unknown,
    ) -> io::Result<()> {
        let mut w = engine::IoOut::new(out);
        engine::run(&self.config(), text, 0, &mut w, &mut unknown.tally)?;
        w.finish()
    }
}

/// The Cyrillic letters a transliteration met that its schemes do not define (Ukrainian ї
/// under a Russian scheme, Serbian ј, Kazakh қ, …), each with how often it occurred.
///
/// Such a letter is romanized by the nearest rule: the same system's rule for a sister
/// language (`uk-bgn-pcgn` for ї under `ru-bgn-pcgn`), else a general fold (`deunicode`);
/// or copied unchanged with [`TranslitBuilder::keep_unknown`]. Letters of the other two
/// languages that a scheme takes from its declared fallback (ў under `ru-bgn-pcgn`) are
/// defined and not counted.
///
/// # Examples
///
/// ```
/// use canonym::{Lang, Translit, Unknown};
///
/// let t = Translit::builder().lang(Some(Lang::Ru)).build();
/// let mut unknown = Unknown::new();
/// let mut out = Vec::new();
/// t.translit_to_noting("Тјумењ Қазан", &mut out, &mut unknown).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "Tjumenj Kazan");
/// assert_eq!(unknown.letters().collect::<Vec<_>>(), [('ј', 1), ('њ', 1), ('қ', 1)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unknown {
    tally: Tally,
}

impl Unknown {
    /// No letters yet.
    pub fn new() -> Unknown {
        Unknown::default()
    }

    /// Whether no unknown letter was met.
    pub fn is_empty(&self) -> bool {
        self.tally.counts.is_empty()
    }

    /// How many unknown letters were met, counting repeats.
    pub fn total(&self) -> u64 {
        self.tally.counts.iter().map(|&(_, n)| n).sum()
    }

    /// Each unknown letter (lowercase) with its count, in the order first met.
    pub fn letters(&self) -> impl Iterator<Item = (char, u64)> + '_ {
        self.tally.counts.iter().copied()
    }

    /// Adds the letters of `other`, met after these (the tallies of the parts of a text
    /// transliterated apart, on several threads, merged in order).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Translit, Unknown};
    /// let t = Translit::builder().lang(Some(Lang::Ru)).build();
    /// let (mut a, mut b) = (Unknown::new(), Unknown::new());
    /// t.translit_to_noting("Тјумењ", &mut Vec::new(), &mut a).unwrap();
    /// t.translit_to_noting("Қазан Ѓ ј", &mut Vec::new(), &mut b).unwrap();
    /// a.merge(&b);
    /// assert_eq!(a.to_string(), "ј ×2, њ ×1, қ ×1, ѓ ×1");
    /// ```
    pub fn merge(&mut self, other: &Unknown) {
        for &(c, n) in &other.tally.counts {
            match self.tally.counts.iter_mut().find(|(x, _)| *x == c) {
                Some((_, m)) => *m += n,
                None => self.tally.counts.push((c, n)),
            }
        }
    }
}

impl fmt::Display for Unknown {
    /// `ї ×1, є ×2`: each letter with its count, in the order first met.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (c, n)) in self.letters().enumerate() {
            write!(f, "{}{c} ×{n}", if i > 0 { ", " } else { "" })?;
        }
        Ok(())
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
    /// Whether [`TranslitBuilder::lang`] was called: then the language is the caller's.
    lang_set: bool,
    /// The languages of the schemes named with [`TranslitBuilder::scheme`], as a bit set.
    named: u8,
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
                keep_unknown: false,
            },
            lang_set: false,
            named: 0,
        }
    }

    /// `None` detects the language of each word; `Some(lang)` treats every Cyrillic word as
    /// `lang`.
    ///
    /// Default: the scheme's language when schemes of exactly one language were named with
    /// [`TranslitBuilder::scheme`] (a user who names a Ukrainian scheme has Ukrainian text),
    /// else detection per word. Calling this method, with `None` too, overrides that.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Scheme, Translit};
    ///
    /// // The scheme alone reads the text as Ukrainian.
    /// let t = Translit::builder().scheme(Scheme::UK_NATIONAL).build();
    /// assert_eq!(t.translit("Біла Церква"), "Bila Tserkva");
    /// // Detection per word asked for explicitly: Біла is read as Belarusian.
    /// let t = Translit::builder().scheme(Scheme::UK_NATIONAL).lang(None).build();
    /// assert_eq!(t.translit("Біла Церква"), "Bila Cierkva");
    /// ```
    pub fn lang(&mut self, lang: Option<Lang>) -> &mut TranslitBuilder {
        self.inner.lang = lang;
        self.lang_set = true;
        self
    }

    /// Uses `scheme` for words in the scheme's language (default: [`Scheme::default_for`]).
    ///
    /// Unless [`TranslitBuilder::lang`] says otherwise, naming schemes of one language only
    /// reads all Cyrillic text in that language; schemes of two or three languages leave the
    /// choice to detection per word.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Scheme, Translit};
    ///
    /// let t = Translit::builder().scheme(Scheme::RU_WIKIPEDIA).build();
    /// assert_eq!(t.translit("Грозный"), "Grozny");
    /// ```
    pub fn scheme(&mut self, scheme: Scheme) -> &mut TranslitBuilder {
        if let Some(slot) = self.inner.schemes.get_mut(scheme.language() as usize) {
            *slot = scheme;
            self.named |= 1 << (scheme.language() as u8);
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

    /// Copies the Cyrillic letters the schemes do not define unchanged (default: no, they
    /// are romanized by the nearest rule; see [`Unknown`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Lang, Translit};
    ///
    /// let t = Translit::builder().lang(Some(Lang::Ru)).keep_unknown(true).build();
    /// assert_eq!(t.translit("Київ"), "Kiїv");
    /// ```
    pub fn keep_unknown(&mut self, yes: bool) -> &mut TranslitBuilder {
        self.inner.keep_unknown = yes;
        self
    }

    /// The configured transliterator.
    pub fn build(&self) -> Translit {
        let mut t = self.inner;
        if !self.lang_set && self.named.count_ones() == 1 {
            t.lang = Lang::ALL
                .into_iter()
                .find(|&l| self.named == 1 << (l as u8));
        }
        t
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
    forced(scheme, false).translit(text)
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
    forced(scheme, false).translit_to(text, out)
}

/// Reads Latin text romanized by `scheme` back into Cyrillic, for the schemes whose standard
/// is reversible ([`Scheme::is_reversible`]); borrows `text` when nothing changes.
///
/// The scheme's own rules are turned round: at each position the longest Latin sequence the
/// scheme writes, given the Cyrillic letter just read (je after a vowel, ie after a
/// consonant), and capitals as in the Latin. Text the scheme does not write (other Latin
/// letters, digits, punctuation) is copied. Letters the forward direction drops (the
/// Belarusian soft sign after a consonant other than з л н с ц, the apostrophe in the
/// national systems) cannot come back.
///
/// # Errors
///
/// The scheme is not reversible.
///
/// # Examples
///
/// ```
/// use canonym::{Scheme, translit_reverse};
///
/// assert_eq!(translit_reverse("Łukašenka", Scheme::BE_LACINKA).unwrap(), "Лукашэнка");
/// assert_eq!(translit_reverse("Žodzina, Niasviž", Scheme::BE_NATIONAL).unwrap(), "Жодзіна, Нясвіж");
/// assert_eq!(translit_reverse("Ŝëkino", Scheme::RU_ISO9).unwrap(), "Щёкино");
/// assert!(translit_reverse("Moskva", Scheme::RU_BGN_PCGN).is_err());
/// ```
pub fn translit_reverse(text: &str, scheme: Scheme) -> Result<Cow<'_, str>, Error> {
    if !scheme.is_reversible() {
        return Err(Error::not_reversible(scheme));
    }
    Ok(reverse::reverse(scheme.data(), text))
}

/// A transliterator of the language of `scheme` by `scheme`, folded to ASCII or not.
pub(crate) fn forced(scheme: Scheme, ascii: bool) -> Translit {
    Translit::builder()
        .lang(Some(scheme.language()))
        .scheme(scheme)
        .ascii(ascii)
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
