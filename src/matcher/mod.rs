//! Mention finding: the built-in names in running text.
//!
//! The text is cut into words once (the same tokenizer as keys use), each word is folded into a
//! reused buffer — light fold and key — and looked up in two maps that `build.rs` filled with
//! every case form of every word of every name, each pointing at the lexemes it is a form of
//! and through them at the pattern positions it can fill. A mention is then a run of words that
//! fills a whole pattern, the words separated by white space (or by the punctuation the name
//! itself has, as in `RFE/RL`); the longest run starting at the leftmost word wins.
//!
//! One concept per file: this one is the public face ([`Matcher`]); `mention` holds what it
//! finds, `stream` reads text in chunks, `words` cuts and folds the words, `search` fills the
//! patterns and chooses among them, and `document` remembers what the text said before.

use std::io::{self, Read};

use crate::index::store::Store;

mod document;
mod language;
mod marks;
mod mention;
mod modifier;
mod search;
pub(crate) mod stream;
mod words;

pub use document::DOCUMENT_MIN;
pub use mention::{Mention, Piece};

/// Where the first document of `bytes` ends, if it ends inside them: just after the first
/// blank line that ends at least [`DOCUMENT_MIN`] bytes (1 MiB) in.
///
/// A stream or a long text is read as documents: a bare surname refers back to a full name,
/// and an ambiguous name to an entity spoken of, in its own document only. A file under a
/// megabyte is one document; a longer one is cut at the first paragraph break after each
/// megabyte. The rule reads bytes only, so a caller may cut a stream at these places and
/// search the pieces apart — on several threads — and get the mentions [`Matcher::scan`]
/// finds in the whole (as `canonym annotate -j N` does).
///
/// # Examples
///
/// ```
/// let text = format!("{}\n\nЛукашэнка", "Minsk. ".repeat(200_000));
/// let end = canonym::document_end(text.as_bytes()).unwrap();
/// assert_eq!(&text[end..], "Лукашэнка");
/// assert_eq!(canonym::document_end(b"Minsk\n\nBrest"), None);
/// ```
pub fn document_end(bytes: &[u8]) -> Option<usize> {
    document::blank_line_end(bytes, 0, DOCUMENT_MIN, [0; 2])
}

/// Finds mentions of a gazetteer's entities in running text.
///
/// A `Matcher` borrows its tables — the built-in ones, compiled into the crate, from
/// [`crate::matcher`], or a [`crate::Gazetteer`]'s from [`crate::Gazetteer::matcher`] — so it
/// is free to create, `Copy`, `Send` and `Sync`.
///
/// What counts as a mention:
/// - whole words only: nothing is found inside `Minsky` or `#LukashenkoGoAway`;
/// - the longest name starting at the leftmost word: `Minsk Tractor Works` is one mention of
///   MTZ, `Alexander Grigoryevich Lukashenko` one of Lukashenka (a patronymic the tables do not
///   list is allowed between given name and surname);
/// - the span is the name only: possessives (`Lukashenka's`), quotes, a leading `#`, a
///   hyphenated prefix (`pro-Lukashenka`) stay outside;
/// - any case, except for names the tables mark case-sensitive (`AP`, `Bild`, `Current Time`);
///   words may be separated by several spaces or a line break;
/// - any grammatical case of Russian, Belarusian, Polish, Czech and Lithuanian names
///   (`Тихановской`, `Лукашэнкі`, `Минске`, `МАЗе`, `Łukaszenki`) and the German genitive;
/// - words that mix Latin and Cyrillic look-alike letters (the mention says so);
/// - a bare surname is the person named in full earlier in the same text when that person
///   bears it, and otherwise the tables' default bearer;
/// - never inside an @handle, an e-mail address or a URL.
///
/// # Examples
///
/// ```
/// let text = "Svetlana Tikhanovskaya met Lukashenka's rivals in Мінску.";
/// let found: Vec<_> = canonym::matcher()
///     .find_iter(text)
///     .map(|m| (m.entity().id(), &text[m.range()]))
///     .collect();
/// assert_eq!(found, [
///     ("per:sviatlana-tsikhanouskaya", "Svetlana Tikhanovskaya"),
///     ("per:alyaksandr-lukashenka", "Lukashenka"),
///     ("loc:minsk", "Мінску"),
/// ]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Matcher<'g> {
    store: Store<'g>,
    /// Whether `scan` hands out ambiguous names (see [`Matcher::ambiguous`]).
    ambiguous: bool,
}

/// The built-in [`Matcher`]: the one way to get it (a [`crate::Gazetteer`]'s is
/// [`crate::Gazetteer::matcher`]).
///
/// # Examples
///
/// ```
/// let m = canonym::matcher().find_iter("MINSK (AP) —").next().unwrap();
/// assert_eq!((m.start(), m.end()), (0, 5));
/// assert_eq!(m.entity().id(), "loc:minsk");
/// ```
pub fn matcher() -> Matcher<'static> {
    Matcher {
        store: Store::BUILTIN,
        ambiguous: false,
    }
}

impl<'g> Matcher<'g> {
    pub(crate) fn over(store: Store<'g>) -> Matcher<'g> {
        Matcher {
            store,
            ambiguous: false,
        }
    }

    /// Whether [`Matcher::scan`] also hands out the names that several entities could be
    /// ([`Piece::Ambiguous`], with the candidates ranked), or leaves them as plain text, as
    /// [`Matcher::find_iter`] and [`Matcher::replace_all`] always do. Default: no, so that every
    /// mention a matcher gives has its one entity.
    ///
    /// A name is ambiguous when entities of the tables share it (namesakes: two people called
    /// Ivan Petrov, eight towns called Springfield) and the document has not said which one it
    /// means: it is settled — a [`Piece::Mention`] of that entity — when the document named
    /// one of them before, by any of its names (the full *Иван Иванович Петров* before a bare
    /// *Иван Петров*), or, for a bare surname, named its bearer in full. One entity is never
    /// guessed. Its words are not read again as shorter names either way.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::{Gazetteer, Kind, Piece};
    ///
    /// let g = Gazetteer::builder()
    ///     .builtin(false)
    ///     .entity("loc:springfield-il", Kind::Place, "Springfield")
    ///     .weight("loc:springfield-il", 114_394.0)
    ///     .entity("loc:springfield-mo", Kind::Place, "Springfield")
    ///     .weight("loc:springfield-mo", 170_188.0)
    ///     .build()
    ///     .unwrap();
    /// let mut found = Vec::new();
    /// g.matcher().ambiguous(true).scan(&b"Flights to Springfield"[..], |piece| {
    ///     if let Piece::Ambiguous { offset, text, candidates } = piece {
    ///         let ids: Vec<_> = candidates.iter().map(|c| c.entity().id()).collect();
    ///         found.push((offset, text.to_owned(), ids));
    ///     }
    ///     Ok(())
    /// }).unwrap();
    /// // No single ID: both cities, the more populous first.
    /// assert_eq!(found, [(11, "Springfield".to_owned(), vec!["loc:springfield-mo", "loc:springfield-il"])]);
    /// // A mention always names one entity: the ambiguous name is not one.
    /// assert_eq!(g.matcher().find_iter("Flights to Springfield").count(), 0);
    /// ```
    #[must_use]
    pub fn ambiguous(self, yes: bool) -> Matcher<'g> {
        Matcher {
            ambiguous: yes,
            ..self
        }
    }

    /// The mentions in `text`, in order, with byte offsets into `text`.
    ///
    /// A bare surname refers back to full names earlier in the same document: the whole text,
    /// or past a megabyte the stretches [`document_end`] cuts it into. Each mention names one
    /// entity; a name several entities could be is left out (scan the text with a matcher set
    /// to [`Matcher::ambiguous`] to get it, with its candidates).
    ///
    /// # Examples
    ///
    /// ```
    /// let text = "Viktar Lukashenka, the son. Lukashenka said…";
    /// let ids: Vec<_> = canonym::matcher().find_iter(text).map(|m| m.entity().id()).collect();
    /// assert_eq!(ids, ["per:viktar-lukashenka", "per:viktar-lukashenka"]);
    /// ```
    pub fn find_iter(&self, text: &str) -> FindIter<'g> {
        FindIter {
            mentions: stream::find_all(self.store, text).into_iter(),
        }
    }

    /// Reads `reader` to the end in chunks and hands every piece of it — text, mentions, and
    /// bytes that are not UTF-8 — to `visit`, in order. Memory stays bounded whatever the
    /// input size; a mention that straddles two chunks is found once. Mentions never span
    /// invalid bytes. The stream is one document (for bare surnames), or past a megabyte the
    /// stretches [`document_end`] cuts it into.
    ///
    /// # Errors
    ///
    /// A read error, or the first error `visit` returns.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Piece;
    /// let mut ids = Vec::new();
    /// canonym::matcher().scan(&b"Workers at BelAZ in \xFF Zhodzina"[..], |piece| {
    ///     if let Piece::Mention { mention, .. } = piece {
    ///         ids.push((mention.start(), mention.entity().id()));
    ///     }
    ///     Ok(())
    /// }).unwrap();
    /// assert_eq!(ids, [(11, "org:belaz"), (22, "loc:zhodzina")]);
    /// ```
    pub fn scan<R: Read>(
        &self,
        reader: R,
        visit: impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
    ) -> io::Result<()> {
        self.scan_chunked(reader, stream::CHUNK, visit)
    }

    /// Copies `reader` to `writer` with each mention replaced by what `replace` returns for
    /// it (given the mention and its text); every other byte — invalid UTF-8 included — is
    /// copied unchanged. Streams in bounded memory like [`Matcher::scan`]. Returns the number
    /// of mentions replaced.
    ///
    /// # Errors
    ///
    /// A read or write error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut out = Vec::new();
    /// let text = "Lukashenko's visit to Мінск";
    /// let n = canonym::matcher()
    ///     .replace_all(text.as_bytes(), &mut out, |m, _| m.entity().canonical().into())
    ///     .unwrap();
    /// assert_eq!(n, 2);
    /// assert_eq!(String::from_utf8(out).unwrap(), "Alyaksandr Lukashenka's visit to Minsk");
    /// ```
    pub fn replace_all<'r, R: Read, W: io::Write>(
        &self,
        reader: R,
        mut writer: W,
        mut replace: impl FnMut(&Mention<'g>, &str) -> std::borrow::Cow<'r, str>,
    ) -> io::Result<usize> {
        let mut count = 0;
        self.scan(reader, |piece| match piece {
            Piece::Text { text, .. } | Piece::Ambiguous { text, .. } => {
                writer.write_all(text.as_bytes())
            }
            Piece::Invalid { bytes, .. } => writer.write_all(bytes),
            Piece::Mention { mention, text } => {
                count += 1;
                writer.write_all(replace(&mention, text).as_bytes())
            }
        })?;
        writer.flush()?;
        Ok(count)
    }

    /// [`Matcher::scan`] with a given chunk size, for tests of chunk boundaries.
    #[doc(hidden)]
    pub fn scan_chunked<R: Read>(
        &self,
        reader: R,
        chunk: usize,
        visit: impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
    ) -> io::Result<()> {
        stream::scan(self.store, reader, (chunk, self.ambiguous), visit)
    }
}

/// The mentions of a text, in order: what [`Matcher::find_iter`] returns.
///
/// # Examples
///
/// ```
/// let mut it = canonym::matcher().find_iter("Лукашенко и Минск");
/// assert_eq!(it.len(), 2);
/// assert_eq!(it.next().unwrap().entity().id(), "per:alyaksandr-lukashenka");
/// assert_eq!(it.next().unwrap().entity().id(), "loc:minsk");
/// assert_eq!(it.next(), None);
/// ```
#[derive(Clone, Debug)]
pub struct FindIter<'g> {
    // The whole text is searched at once, so that a bare surname can refer back to a full
    // name before it; the iterator hands out what was found.
    mentions: std::vec::IntoIter<Mention<'g>>,
}

impl<'g> Iterator for FindIter<'g> {
    type Item = Mention<'g>;

    fn next(&mut self) -> Option<Mention<'g>> {
        self.mentions.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.mentions.size_hint()
    }
}

impl ExactSizeIterator for FindIter<'_> {}

impl std::iter::FusedIterator for FindIter<'_> {}
