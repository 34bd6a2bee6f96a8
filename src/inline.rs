//! Inline markup: text with each mention written `[[TEXT|ID]]`, and its exact inverse.

use std::fmt;
use std::io::{self, Write};

use crate::matcher::Piece;

/// Writes scanned text with each mention marked inline as `[[TEXT|ID]]`.
///
/// `TEXT` is the mention exactly as in the input (it never contains `[`, `]` or `|`) and `ID`
/// the entity ID. Every other byte is written as it came, invalid UTF-8 included, so
/// [`strip_inline`] gives back the input exactly. A literal `[[` in the input would make the
/// markup ambiguous: it is an error, or with `escape` it is written `[[|]]`.
///
/// # Examples
///
/// ```
/// use canonym::{Inline, strip_inline};
/// let input = "Лукашэнка ў Мінску [[sic]]";
/// let mut out = Vec::new();
/// let mut inline = Inline::new(&mut out, true);
/// canonym::matcher().scan(input.as_bytes(), |piece| inline.write(piece).map_err(std::io::Error::other))?;
/// assert_eq!(
///     String::from_utf8_lossy(&out),
///     "[[Лукашэнка|per:alyaksandr-lukashenka]] ў [[Мінску|loc:minsk]] [[|]]sic]]"
/// );
/// assert_eq!(strip_inline(&out), input.as_bytes());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Inline<W> {
    out: W,
    escape: bool,
    /// Whether the last input byte written was a `[` (a `[[` may straddle two pieces).
    bracket: bool,
}

/// Why [`Inline::write`] stopped: a literal `[[` in the input (without escaping), or a write
/// error.
///
/// # Examples
///
/// ```
/// use canonym::{Inline, Piece};
/// let mut inline = Inline::new(Vec::new(), false);
/// let err = inline.write(Piece::Text { offset: 10, text: "Лукашенко [[sic]]" }).unwrap_err();
/// assert_eq!(err.offset(), Some(29));
/// assert_eq!(err.to_string(), "the input contains `[[` at byte 29, which inline markup uses");
/// ```
#[derive(Debug)]
pub struct InlineError {
    kind: InlineErrorKind,
}

#[derive(Debug)]
enum InlineErrorKind {
    /// The input contains `[[` at this byte offset, and escaping was not asked for.
    Markup { offset: usize },
    /// Writing failed.
    Io(io::Error),
}

impl InlineError {
    /// The byte offset in the stream of the first `[` of a literal `[[` that the input
    /// contains and escaping was not asked for; `None` when writing failed instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Inline, Piece};
    /// let mut inline = Inline::new(Vec::new(), false);
    /// let err = inline.write(Piece::Text { offset: 0, text: "[[Lukashenka]]" }).unwrap_err();
    /// assert_eq!(err.offset(), Some(0));
    /// ```
    pub fn offset(&self) -> Option<usize> {
        match self.kind {
            InlineErrorKind::Markup { offset } => Some(offset),
            InlineErrorKind::Io(_) => None,
        }
    }
}

/// The write error itself, or for a literal `[[` an [`io::ErrorKind::InvalidData`] error
/// saying where it is.
impl From<InlineError> for io::Error {
    fn from(e: InlineError) -> io::Error {
        match e.kind {
            InlineErrorKind::Io(e) => e,
            InlineErrorKind::Markup { .. } => io::Error::new(io::ErrorKind::InvalidData, e),
        }
    }
}

impl fmt::Display for InlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            InlineErrorKind::Markup { offset } => write!(
                f,
                "the input contains `[[` at byte {offset}, which inline markup uses"
            ),
            InlineErrorKind::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InlineError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InlineErrorKind::Io(e) => Some(e),
            InlineErrorKind::Markup { .. } => None,
        }
    }
}

impl<W: Write> Inline<W> {
    /// A writer into `out`; `escape` writes a literal `[[` as `[[|]]` instead of failing.
    pub fn new(out: W, escape: bool) -> Self {
        Inline {
            out,
            escape,
            bracket: false,
        }
    }

    /// Writes the next piece of a scanned stream (see [`Matcher::scan`](crate::Matcher::scan)).
    ///
    /// # Errors
    ///
    /// An [`InlineError`] for a literal `[[` without escaping (its
    /// [`offset`](InlineError::offset) says where), or when writing fails.
    pub fn write(&mut self, piece: Piece<'_, '_>) -> Result<(), InlineError> {
        let io = |e| InlineError {
            kind: InlineErrorKind::Io(e),
        };
        match piece {
            Piece::Mention { mention, text } => {
                self.bracket = false;
                write!(self.out, "[[{text}|{}]]", mention.entity().id()).map_err(io)
            }
            Piece::Invalid { bytes, .. } => {
                self.bracket = false;
                self.out.write_all(bytes).map_err(io)
            }
            // No entity to write: the name is left as the text it is.
            Piece::Ambiguous { offset, text, .. } => self.write(Piece::Text { offset, text }),
            Piece::Text { offset, text } => {
                let mut from = 0;
                for (i, b) in text.bytes().enumerate() {
                    if b != b'[' {
                        self.bracket = false;
                        continue;
                    }
                    if !self.bracket {
                        self.bracket = true;
                        continue;
                    }
                    // A literal `[[` (its first `[` may end the previous piece).
                    if !self.escape {
                        return Err(InlineError {
                            kind: InlineErrorKind::Markup {
                                offset: (offset + i).saturating_sub(1),
                            },
                        });
                    }
                    self.out
                        .write_all(text.get(from..=i).unwrap_or_default().as_bytes())
                        .map_err(io)?;
                    self.out.write_all(b"|]]").map_err(io)?;
                    from = i + 1;
                    self.bracket = false;
                }
                self.out
                    .write_all(text.get(from..).unwrap_or_default().as_bytes())
                    .map_err(io)
            }
        }
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

/// Removes inline markup, giving back the input exactly: scanning left to right, `[[|]]` stands
/// for a literal `[[`, `[[TEXT|ID]]` for `TEXT` (TEXT without `[`, `]`, `|`; ID of lowercase
/// ASCII letters, digits, `:` and `-`), and every other byte for itself.
///
/// # Examples
///
/// ```
/// let marked = b"[[Minsk|loc:minsk]], [[|]]x]] and [[not markup]]";
/// assert_eq!(canonym::strip_inline(marked), b"Minsk, [[x]] and [[not markup]]");
/// ```
pub fn strip_inline(marked: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(marked.len());
    let mut i = 0;
    while let Some(rest) = marked.get(i..).filter(|r| !r.is_empty()) {
        if rest.starts_with(b"[[|]]") {
            out.extend_from_slice(b"[[");
            i += 5;
            continue;
        }
        if let Some(inner) = rest.strip_prefix(b"[[") {
            let surface = inner.iter().take_while(|b| !b"[]|".contains(b)).count();
            if surface > 0 && inner.get(surface) == Some(&b'|') {
                let id = inner.get(surface + 1..).unwrap_or_default();
                let len = id
                    .iter()
                    .take_while(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b"-:".contains(b)
                    })
                    .count();
                if len > 0 && id.get(len..).is_some_and(|r| r.starts_with(b"]]")) {
                    out.extend_from_slice(inner.get(..surface).unwrap_or_default());
                    i += 2 + surface + 1 + len + 2;
                    continue;
                }
            }
        }
        out.extend(rest.first());
        i += 1;
    }
    out
}
