//! The languages canonym transliterates.

use std::fmt;

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
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
