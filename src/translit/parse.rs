//! Parsing scheme and language names (`FromStr` for [`Scheme`] and [`Lang`]), and the
//! [`Error`] they return for a name that is neither, which lists the valid ones;
//! [`translit_reverse`](crate::translit_reverse) returns it too, for a scheme that is not
//! reversible.

use std::fmt;
use std::str::FromStr;

use super::data::Scheme;
use super::lang::Lang;

impl FromStr for Scheme {
    type Err = Error;

    /// Parses a stable scheme name; the error lists the valid ones.
    fn from_str(s: &str) -> Result<Scheme, Error> {
        Scheme::all().find(|x| x.name() == s).ok_or_else(|| Error {
            kind: ErrorKind::UnknownScheme(s.to_owned()),
        })
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
    NotReversible(Scheme),
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
            ErrorKind::NotReversible(s) => {
                write!(f, "scheme `{s}` is not reversible; reversible schemes: ")?;
                for (i, x) in Scheme::all().filter(|x| x.is_reversible()).enumerate() {
                    write!(f, "{}{x}", if i > 0 { ", " } else { "" })?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The error [`translit_reverse`](crate::translit_reverse) returns for a scheme that is
    /// not reversible.
    pub(super) fn not_reversible(scheme: Scheme) -> Error {
        Error {
            kind: ErrorKind::NotReversible(scheme),
        }
    }
}
