//! Mention finding: the built-in names in running text.
//!
//! The text is cut into words once (the same tokenizer as keys use), each word is folded into a
//! reused buffer — light fold and key — and looked up in two maps that `build.rs` filled with
//! every case form of every word of every name, each pointing at the lexemes it is a form of
//! and through them at the pattern positions it can fill. A mention is then a run of words that
//! fills a whole pattern, the words separated by white space (or by the punctuation the name
//! itself has, as in `RFE/RL`); the longest run starting at the leftmost word wins.

use std::cell::Cell;
use std::io::{self, Read};
use std::ops::Range;

use crate::entity::Entity;
use crate::fold::{self, Tokens};
use crate::how::How;
use crate::index::builtin::HOMOGLYPHS;
use crate::index::filter;
use crate::index::format::{
    entry, entry_cyrillic, entry_inflected, entry_pattern, entry_pos, occurrence, ref_lexeme,
};
use crate::index::store::Store;
use crate::inflect;
use crate::str_map::Map;

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
}

impl Default for Matcher<'static> {
    fn default() -> Self {
        Matcher::new()
    }
}

/// The built-in [`Matcher`].
///
/// # Examples
///
/// ```
/// let m = canonym::matcher().find_iter("MINSK (AP) —").next().unwrap();
/// assert_eq!((m.start(), m.end()), (0, 5));
/// assert_eq!(m.entity().id(), "loc:minsk");
/// ```
pub fn matcher() -> Matcher<'static> {
    Matcher::new()
}

/// One mention of an entity in a text: where it is, what it is and how it was recognised.
///
/// # Examples
///
/// ```
/// use canonym::How;
/// let text = "«Гродноазот» и Лукашэнкі";
/// let found: Vec<_> = canonym::matcher().find_iter(text).collect();
/// assert_eq!(&text[found[0].range()], "Гродноазот");
/// assert_eq!(found[0].how(), How::Alias);
/// assert_eq!(found[1].entity().id(), "per:alyaksandr-lukashenka");
/// assert_eq!(found[1].how(), How::Inflection);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention<'g> {
    start: usize,
    end: usize,
    entity: &'g Entity,
    how: How,
    homoglyph: bool,
}

impl<'g> Mention<'g> {
    /// Byte offset of the first byte of the mention in the text (or stream).
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the mention.
    pub fn end(&self) -> usize {
        self.end
    }

    /// `start()..end()`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The entity mentioned.
    pub fn entity(&self) -> &'g Entity {
        self.entity
    }

    /// How the mention was recognised: [`How::Alias`] (a listed spelling), [`How::Key`]
    /// (another romanization of one), [`How::Words`] (a listed name in another order, or
    /// with an initial or a patronymic), [`How::Inflection`] (a case form), or
    /// [`How::Coreference`] (a bare surname of a person named in full before).
    pub fn how(&self) -> How {
        self.how
    }

    /// Whether a word of the mention mixed Latin and Cyrillic look-alike letters.
    pub fn is_homoglyph(&self) -> bool {
        self.homoglyph
    }
}

/// A piece of a stream read by [`Matcher::scan`]: plain text, a mention, or bytes that are not
/// UTF-8. The pieces, in order, are the whole input, byte for byte. Text borrows from the
/// matcher's buffer (`'a`), entities from its gazetteer (`'g`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a, 'g> {
    /// Text without mentions, starting at byte `offset` of the stream.
    Text {
        /// Byte offset in the stream.
        offset: usize,
        /// The text.
        text: &'a str,
    },
    /// A mention (with offsets into the stream) and its text.
    Mention {
        /// The mention.
        mention: Mention<'g>,
        /// Its text, exactly as in the input.
        text: &'a str,
    },
    /// Bytes that are not valid UTF-8, starting at byte `offset`.
    Invalid {
        /// Byte offset in the stream.
        offset: usize,
        /// The bytes.
        bytes: &'a [u8],
    },
}

/// How much a stream is read at a time.
const CHUNK: usize = 64 * 1024;
/// A chunk grows up to this size looking for white space to cut at; past it, it is cut
/// anywhere (between characters), so that memory stays bounded on input without spaces.
const HARD_CAP: usize = 1024 * 1024;

impl Matcher<'static> {
    /// The built-in matcher (the same as [`crate::matcher`]).
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::Matcher::new();
    /// assert_eq!(m.find_iter("Minsk Tractor Works").count(), 1);
    /// ```
    pub fn new() -> Matcher<'static> {
        Matcher {
            store: Store::BUILTIN,
        }
    }
}

impl<'g> Matcher<'g> {
    pub(crate) fn over(store: Store<'g>) -> Matcher<'g> {
        Matcher { store }
    }

    /// The mentions in `text`, in order, with byte offsets into `text`.
    ///
    /// The text is one document: a bare surname refers back to full names earlier in it.
    ///
    /// # Examples
    ///
    /// ```
    /// let text = "Viktar Lukashenka, the son. Lukashenka said…";
    /// let ids: Vec<_> = canonym::matcher().find_iter(text).map(|m| m.entity().id()).collect();
    /// assert_eq!(ids, ["per:viktar-lukashenka", "per:viktar-lukashenka"]);
    /// ```
    pub fn find_iter(&self, text: &str) -> std::vec::IntoIter<Mention<'g>> {
        // A long text is read in windows, as a stream is (see `scan`, whose cuts and resumes
        // these are): the words of a window stay in cache, where the words of a whole 20 MB
        // text (tens of bytes each, millions of them) cost page faults and cache misses (the
        // profile showed a sixth of the time in the kernel). Unlike a stream, the text is
        // known to be UTF-8, so it is not validated again.
        let mut doc = Document::default();
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(rest) = text.get(pos..).filter(|r| !r.is_empty()) {
            // A window of about CHUNK bytes, grown until it has a place to cut (a word
            // boundary with enough words after it that no mention straddles it), or the end.
            let mut len = CHUNK;
            let (window, stop) = loop {
                if len >= rest.len() {
                    break (rest, rest.len());
                }
                let end = (0..=len)
                    .rev()
                    .find(|&e| rest.is_char_boundary(e))
                    .unwrap_or(0);
                let window = rest.get(..end).unwrap_or_default();
                match find_cut(window.as_bytes(), self.store.max_words() + 3) {
                    Some(cut) if cut > 0 => break (window, cut),
                    _ => len *= 2,
                }
            };
            found.clear();
            find_in(
                self.store,
                window,
                pos,
                stop,
                &mut doc,
                &mut scratch,
                &mut found,
            );
            let upto = if window.len() == rest.len() {
                rest.len()
            } else {
                resume(&found, pos, stop, window.len())
            };
            out.append(&mut found);
            pos += upto.max(1);
        }
        out.into_iter()
    }

    /// Reads `reader` to the end in chunks and hands every piece of it — text, mentions, and
    /// bytes that are not UTF-8 — to `visit`, in order. Memory stays bounded whatever the
    /// input size; a mention that straddles two chunks is found once. Mentions never span
    /// invalid bytes. The whole stream is one document (for bare surnames).
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
        self.scan_chunked(reader, CHUNK, visit)
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
            Piece::Text { text, .. } => writer.write_all(text.as_bytes()),
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
        mut reader: R,
        chunk: usize,
        mut visit: impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
    ) -> io::Result<()> {
        let chunk = chunk.max(1);
        let mut buf: Vec<u8> = Vec::with_capacity(chunk * 2);
        let mut base = 0usize;
        let mut eof = false;
        let mut doc = Document::default();
        let mut scratch = Scratch::default();
        let mut found = Vec::new();
        let mut read_buf = vec![0u8; chunk];
        loop {
            while !eof && buf.len() < chunk {
                match reader.read(&mut read_buf) {
                    Ok(0) => eof = true,
                    Ok(n) => buf.extend_from_slice(read_buf.get(..n).unwrap_or_default()),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if buf.is_empty() {
                return Ok(());
            }
            // Up to where the bytes are complete characters (or known to be invalid).
            let complete = if eof {
                buf.len()
            } else {
                complete_prefix(&buf)
            };
            let cut = if eof {
                Some(complete)
            } else {
                find_cut(
                    buf.get(..complete).unwrap_or_default(),
                    self.store.max_words() + 3,
                )
            };
            let cut = match cut {
                Some(c) if c > 0 => c,
                _ if buf.len() < HARD_CAP.max(chunk * 2) && !eof => {
                    // No safe place to cut yet: read more.
                    let mut more = vec![0u8; chunk];
                    match reader.read(&mut more) {
                        Ok(0) => eof = true,
                        Ok(n) => buf.extend_from_slice(more.get(..n).unwrap_or_default()),
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => return Err(e),
                    }
                    continue;
                }
                _ => complete.max(1).min(buf.len()),
            };
            let done = emit(
                self.store,
                &buf,
                base,
                complete,
                cut,
                eof,
                &mut doc,
                &mut scratch,
                &mut found,
                &mut visit,
            )?;
            buf.drain(..done);
            base += done;
            if eof && buf.is_empty() {
                return Ok(());
            }
        }
    }
}

/// Length of the longest prefix of `buf` that does not end inside a character.
fn complete_prefix(buf: &[u8]) -> usize {
    // Only the last character can be incomplete: the last three bytes decide. (Validating the
    // whole buffer here, before `emit` validates it, was a fifth of the time of a Cyrillic
    // stream.) An incomplete character at the very end waits for more input; an invalid one
    // elsewhere is complete (it will be reported as invalid).
    let mut end = buf.len();
    for back in 1..=3.min(buf.len()) {
        let i = buf.len() - back;
        if let Some(&b) = buf.get(i) {
            if b & 0xC0 != 0x80 {
                let need = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else if b >= 0xC0 {
                    2
                } else {
                    1
                };
                if need > back {
                    end = i;
                }
                break;
            }
        }
    }
    end
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C')
}

/// A place to cut `bytes` (at the start of a word, after white space) with at least `words`
/// complete words after it, so that any mention starting before the cut ends inside `bytes`.
/// Where the next window starts, as an offset into the window that starts at stream offset
/// `base` and was searched up to `stop` (mentions that start before it were found): at the
/// cut, or after the last mention found if that ends later.
fn resume(found: &[Mention<'_>], base: usize, stop: usize, len: usize) -> usize {
    found
        .last()
        .map_or(stop, |m| stop.max(m.end - base))
        .min(len)
}

fn find_cut(bytes: &[u8], words: usize) -> Option<usize> {
    let mut i = bytes.len();
    // The last word may continue in the next chunk: it does not count.
    while i > 0 && !bytes.get(i - 1).copied().is_some_and(is_space) {
        i -= 1;
    }
    let mut count = 0;
    loop {
        while i > 0 && bytes.get(i - 1).copied().is_some_and(is_space) {
            i -= 1;
        }
        if i == 0 {
            return None;
        }
        while i > 0 && !bytes.get(i - 1).copied().is_some_and(is_space) {
            i -= 1;
        }
        count += 1;
        if count >= words {
            return (i > 0).then_some(i);
        }
    }
}

/// Finds mentions in `buf[..complete]`, starting before `cut`, and hands the pieces up to the
/// end of the last of them (at least up to `cut`) to `visit`. Returns how many bytes were
/// handed over.
#[allow(clippy::too_many_arguments)]
fn emit<'g>(
    store: Store<'g>,
    buf: &[u8],
    base: usize,
    complete: usize,
    cut: usize,
    eof: bool,
    doc: &mut Document,
    scratch: &mut Scratch<'g>,
    found: &mut Vec<Mention<'g>>,
    visit: &mut impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
) -> io::Result<usize> {
    let region = buf.get(..complete).unwrap_or_default();
    let mut pos = 0;
    while pos < cut {
        let rest = region.get(pos..).unwrap_or_default();
        let (valid, invalid) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => {
                let s = std::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default();
                let len = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                (s, Some(len))
            }
        };
        let stop = (cut - pos).min(valid.len());
        found.clear();
        find_in(store, valid, pos + base, stop, doc, scratch, found);
        let upto = if invalid.is_some() || eof {
            valid.len()
        } else {
            resume(found, base + pos, stop, valid.len())
        };
        let mut at = 0;
        for m in found.iter() {
            let (s, e) = (m.start - base - pos, m.end - base - pos);
            if s > at {
                visit(Piece::Text {
                    offset: base + pos + at,
                    text: valid.get(at..s).unwrap_or_default(),
                })?;
            }
            visit(Piece::Mention {
                mention: *m,
                text: valid.get(s..e).unwrap_or_default(),
            })?;
            at = e;
        }
        if upto > at {
            visit(Piece::Text {
                offset: base + pos + at,
                text: valid.get(at..upto).unwrap_or_default(),
            })?;
        }
        pos += upto;
        if upto < valid.len() {
            break;
        }
        if let Some(len) = invalid {
            if pos >= complete && !eof {
                break;
            }
            let len = len.max(1);
            visit(Piece::Invalid {
                offset: base + pos,
                bytes: region.get(pos..pos + len).unwrap_or_default(),
            })?;
            pos += len;
        } else {
            break;
        }
    }
    Ok(pos.max(1).min(buf.len()))
}

/// What a document has said so far, for bare surnames and ambiguous names.
#[derive(Default)]
struct Document {
    /// Persons named in full, each with the number of full names before its latest one (a
    /// larger number is more recent).
    full: Map<usize, usize>,
    /// Full names so far.
    clock: usize,
    /// Every entity mentioned.
    seen: std::collections::HashSet<usize, foldhash::fast::RandomState>,
}

impl Document {
    fn note(&mut self, entity: usize, full: bool) {
        if full {
            self.full.insert(entity, self.clock);
            self.clock += 1;
        }
        self.seen.insert(entity);
    }

    /// How recently `entity` was named in full, if it was: larger is more recent.
    fn recency(&self, entity: usize) -> Option<usize> {
        self.full.get(&entity).copied()
    }
}

/// One word of the text.
#[derive(Clone)]
struct Word<'g> {
    /// Byte range in the text, possessive and elision left out.
    start: usize,
    end: usize,
    /// The lexemes the word is a form of, by its light fold and by its key.
    folds: &'g [u32],
    keys: &'g [u32],
    homoglyph: bool,
    /// Mostly Cyrillic letters.
    cyrillic: bool,
    /// Starts with a capital letter.
    capital: bool,
    /// Looks like a patronymic (`inflect::is_patronymic`): worked out when first asked (a
    /// word after a common given name is asked once per pattern that name starts).
    patronymic: Cell<Option<bool>>,
    /// Inside a URL, e-mail address or @handle: never part of a mention.
    excluded: bool,
    /// A letter or digit touches the word before it / after it (`0Minsk9`): the word cannot
    /// begin / end a mention.
    glued_before: bool,
    glued_after: bool,
}

impl Word<'_> {
    /// A word that is in no name (or inside an address, `excluded`): it only separates others.
    fn bare(range: Range<usize>, excluded: bool, glued_before: bool, glued_after: bool) -> Self {
        Word {
            start: range.start,
            end: range.end,
            folds: &[],
            keys: &[],
            homoglyph: false,
            cyrillic: false,
            capital: false,
            patronymic: Cell::new(Some(false)),
            excluded,
            glued_before,
            glued_after,
        }
    }
}

/// What a word's text alone says about it: the part of [`Word`] that does not depend on where
/// it stands, remembered per distinct word (see [`Scratch::seen`]).
#[derive(Clone, Copy)]
struct Facts<'g> {
    folds: &'g [u32],
    keys: &'g [u32],
    homoglyph: bool,
    cyrillic: bool,
    capital: bool,
}

/// How many distinct words [`Scratch::seen`] holds before it starts over: enough for the
/// vocabulary of a long document, bounded for an endless stream.
const SEEN_MAX: usize = 1 << 16;

/// Buffers reused over a whole text.
#[derive(Default)]
struct Scratch<'g> {
    words: Vec<Word<'g>>,
    /// Patterns already tried from the next word's side.
    patterns: Vec<usize>,
    fold: String,
    key: String,
    /// The facts of each distinct word met so far. Running text repeats its words (in a
    /// megabyte of news, one word in ten is new), so most words are folded, keyed and looked
    /// up once, and found here afterwards.
    seen: Map<Box<str>, Facts<'g>>,
    /// The lowercase words whose place in the fold filter is still to be tested: their index
    /// in `words` and the place (see `words_of`).
    pending: Vec<(usize, (usize, u64))>,
    /// The admissible keyed references of the current word (see `find_in`).
    keys: Vec<u32>,
    /// The later-position groups of the next word's lexemes (see `find_in`).
    next_side: Vec<&'g [u32]>,
    /// The entries `starts` gathered, per word form and group.
    starts: Map<StartsKey, [Box<[u32]>; 2]>,
    /// Entries gathered by key (see `gather_starts`).
    keyed_entries: Vec<u32>,
    /// Entries gathered from several lexemes.
    entries: Vec<u32>,
    candidates: Vec<Candidate>,
}

#[derive(Clone, Copy)]
struct Candidate {
    /// The pattern's entity and flags, copied out of it.
    entity: usize,
    derived: bool,
    surname: bool,
    latent: bool,
    person: bool,
    /// Index of the last word.
    last: usize,
    end: usize,
    keyed: bool,
    inflected: bool,
    homoglyph: bool,
}

impl Candidate {
    /// Lower is better: a spelling the tables (or the declension rules) produce exactly
    /// before one found by its key, a nominative before a case form, a listed name before a
    /// derived form.
    fn rank(&self) -> (bool, bool, bool) {
        (self.keyed, self.inflected, self.derived)
    }
}

/// Whether a white-space-delimited word is a URL, an e-mail address or an @handle: names
/// inside those are not mentions (`t.co/…`, `@tutby`, `themoscowtimes.com/…lukashenko…`).
fn is_address(word: &str) -> bool {
    // Every address below has an `@` or a `/`, or starts with `www.`; running text's words
    // mostly have none, and one byte scan says so.
    if !word.starts_with("www.") && !word.bytes().any(|b| b == b'@' || b == b'/') {
        return false;
    }
    if word.contains("://") || word.starts_with("www.") {
        return true;
    }
    let trimmed = word.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    if trimmed.starts_with('@') {
        return true;
    }
    if let Some(at) = trimmed.find('@') {
        // user@host.tld
        return trimmed.get(at + 1..).is_some_and(|h| h.contains('.'));
    }
    let Some(slash) = trimmed.find('/') else {
        return false;
    };
    let host = trimmed.get(..slash).unwrap_or_default();
    host.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// The size in bytes of a fold filter that is tested word by word (see `words_of`): the
/// first-level data cache of common x86 and ARM cores.
const FILTER_IN_CACHE: usize = 32 << 10;

/// Cuts `text` into words and folds each once.
fn words_of<'g>(store: Store<'g>, text: &str, scratch: &mut Scratch<'g>) {
    scratch.words.clear();
    let filter = store.fold_filter();
    // A filter that fits in the first-level cache is tested at once; a larger one (a large
    // table's) after the loop, with all the lowercase words, so that its reads overlap.
    let defer = filter.len() * 8 > FILTER_IN_CACHE;
    // The white-space-delimited piece of text the current token is in (an address is a whole
    // piece): found when a token starts past the end of the last one. White space never joins
    // a token (a `fold` test checks it), so one pass of `Tokens` over the whole text gives the
    // tokens of every piece.
    let (mut piece_end, mut excluded) = (0, false);
    for t in Tokens::new(text) {
        if t.start >= piece_end {
            let piece_start = text
                .get(piece_end..t.start)
                .and_then(|gap| {
                    gap.char_indices()
                        .rev()
                        .find(|(_, c)| c.is_whitespace())
                        .map(|(i, c)| piece_end + i + c.len_utf8())
                })
                .unwrap_or(piece_end);
            let (end, marked) = next_space(text, t.start + t.text.len());
            piece_end = end;
            // Every address has an `@` or a `/`, or starts with `www.` (see `is_address`).
            excluded = text.get(piece_start..piece_end).is_some_and(|piece| {
                (marked
                    || piece.starts_with("www.")
                    || text
                        .get(piece_start..t.start)
                        .is_some_and(|head| head.bytes().any(|b| b == b'@' || b == b'/')))
                    && is_address(piece)
            });
        }
        // A possessive or an elision needs an apostrophe, which `Tokens` notes as a joiner.
        let range = if t.joined {
            inflect::name_part(t.text)
        } else {
            0..t.text.len()
        };
        let Some(word) = t.text.get(range.clone()) else {
            continue;
        };
        let start = t.start + range.start;
        let end = t.start + range.end;
        let before = match t.start.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text.get(..t.start).and_then(|b| b.chars().next_back()),
        };
        let handle = before == Some('@');
        // Unicode word boundaries (UAX #29) do not fall between letters and digits: a token
        // glued to a digit (`Lukashenka2020`, `0Minsk9`) can only be inside a mention whose
        // own name spans the digit (`Belarus24`), never at its edge. (White space around the
        // piece is not alphanumeric, so looking past the piece changes nothing.)
        let after = match text.as_bytes().get(t.start + t.text.len()) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => text
                .get(t.start + t.text.len()..)
                .and_then(|a| a.chars().next()),
        };
        let glued_before = before.is_some_and(is_alphanumeric);
        let glued_after = after.is_some_and(is_alphanumeric);
        if excluded || handle {
            scratch
                .words
                .push(Word::bare(start..end, true, glued_before, glued_after));
            continue;
        }
        // A word that does not start with a capital letter is never keyed (see `facts_of`),
        // so when its light fold (read from tables) is not in the index's filter, it is in no
        // name. That settles most words faster than the map of words seen, whose entries are
        // mostly out of cache; the rest (common words that are in some name, such as `the`)
        // are looked up there.
        let lowercase = !starts_upper(word);
        if lowercase {
            // (Without joiners the word is the whole token.)
            let place = if t.ascii && !t.joined {
                Some(filter::filter_place_lowercased(filter.len(), word))
            } else {
                filter::filter_place_light(filter.len(), word)
            };
            let may = match place {
                Some(place) if !defer => filter::filter_test(filter, place),
                Some(place) => {
                    scratch.pending.push((scratch.words.len(), place));
                    false
                }
                None => {
                    light_fold(word, &mut scratch.fold);
                    store.may_fold(scratch.fold.as_str())
                }
            };
            if !may {
                scratch
                    .words
                    .push(Word::bare(start..end, false, glued_before, glued_after));
                continue;
            }
        }
        let word = word_of(store, scratch, word, start..end, glued_before, glued_after);
        scratch.words.push(word);
    }
    // The filter tests of the lowercase words, in one loop: when the filter is out of cache
    // (a large table's), its reads overlap instead of each stalling the cut of the text.
    let mut pending = std::mem::take(&mut scratch.pending);
    pending.retain(|&(_, place)| filter::filter_test(filter, place));
    for &(i, _) in &pending {
        let Some(bare) = scratch.words.get(i) else {
            continue;
        };
        let (range, before, after) = (bare.start..bare.end, bare.glued_before, bare.glued_after);
        let Some(word) = text.get(range.clone()) else {
            continue;
        };
        let word = word_of(store, scratch, word, range, before, after);
        if let Some(slot) = scratch.words.get_mut(i) {
            *slot = word;
        }
    }
    pending.clear();
    scratch.pending = pending;
}

/// The word `word` of the text at `range`, from the facts of its text (looked up once per
/// distinct word).
fn word_of<'g>(
    store: Store<'g>,
    scratch: &mut Scratch<'g>,
    word: &str,
    range: Range<usize>,
    glued_before: bool,
    glued_after: bool,
) -> Word<'g> {
    let facts = match scratch.seen.get(word) {
        Some(&facts) => facts,
        None => {
            let facts = facts_of(store, word, &mut scratch.fold, &mut scratch.key);
            if scratch.seen.len() >= SEEN_MAX {
                scratch.seen.clear();
            }
            scratch.seen.insert(word.into(), facts);
            facts
        }
    };
    Word {
        start: range.start,
        end: range.end,
        folds: facts.folds,
        keys: facts.keys,
        homoglyph: facts.homoglyph,
        cyrillic: facts.cyrillic,
        capital: facts.capital,
        patronymic: Cell::new(if facts.capital { None } else { Some(false) }),
        excluded: false,
        glued_before,
        glued_after,
    }
}

/// The byte offset of the first white-space character at or after `from` (or the end), and
/// whether an `@` or a `/` came before it.
fn next_space(text: &str, from: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut marked = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return (i, marked),
            b'@' | b'/' => {
                marked = true;
                i += 1;
            }
            // The lead bytes of every white-space character outside ASCII (U+0085, U+00A0,
            // U+1680, U+2000–U+205F, U+3000); continuation bytes never match them.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if text
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_whitespace)
                {
                    return (i, marked);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    (bytes.len(), marked)
}

/// Whether `word` starts with an uppercase letter (`char::is_uppercase`), without the table
/// search for ASCII and the basic Cyrillic letters (А–Я, Ѐ–Џ upper; а–я, ѐ–џ lower).
fn starts_upper(word: &str) -> bool {
    match *word.as_bytes() {
        [b, ..] if b.is_ascii() => b.is_ascii_uppercase(),
        // U+0400–U+042F.
        [0xD0, b, ..] if (0x80..0xB0).contains(&b) => true,
        // U+0430–U+045F.
        [0xD0, b, ..] if b >= 0xB0 => false,
        [0xD1, b, ..] if b < 0xA0 => false,
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// `char::is_alphanumeric`, without its table search for ASCII.
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Writes the light fold of `word` to `fold` (cleared first), and says whether it read the word
/// through the look-alike table.
fn light_fold(word: &str, fold: &mut String) -> bool {
    fold.clear();
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        // The ASCII fast path: the light fold of a word of ASCII letters is the word,
        // lowercased.
        fold.push_str(word);
        fold.make_ascii_lowercase();
        false
    } else {
        fold::fold_into(word, HOMOGLYPHS, fold).homoglyph
    }
}

/// Folds and keys one word (`fold` and `key` are scratch buffers) and looks it up.
fn facts_of<'g>(store: Store<'g>, word: &str, fold: &mut String, key: &mut String) -> Facts<'g> {
    let homoglyph = light_fold(word, fold);
    let folds = store.fold_refs(fold.as_str());
    let capital = starts_upper(word);
    // A key match is admissible only for a capitalized word (see `admissible`), so most
    // words of running text are never keyed.
    let keys = if capital {
        key.clear();
        fold::key_into(word, HOMOGLYPHS, key);
        store.key_refs(key.as_str())
    } else {
        &[]
    };
    Facts {
        folds,
        keys,
        homoglyph,
        cyrillic: is_cyrillic(word),
        capital,
    }
}

fn is_cyrillic(word: &str) -> bool {
    let (mut cyrillic, mut other) = (0usize, 0usize);
    for c in word.chars() {
        match fold::script(c) {
            fold::Script::Cyrillic => cyrillic += 1,
            fold::Script::Latin | fold::Script::Greek => other += 1,
            fold::Script::Other => {}
        }
    }
    cyrillic > other
}

/// Whether a word may fill a position through `entry`, found by its key (`keyed`) or its
/// light fold. A key merges different spellings of one name, so it is trusted less in running
/// text than in whole-name lookup: only for capitalized words (a lowercase word is a proper
/// name only when spelled as listed), only within one script (across scripts the tables list
/// the spellings), and for case forms only in Cyrillic, where Russian, Belarusian and
/// Ukrainian spell one form several ways.
fn admissible(word: &Word<'_>, entry: u32, keyed: bool) -> bool {
    if !keyed {
        return true;
    }
    word.capital
        && word.cyrillic == entry_cyrillic(entry)
        && (!entry_inflected(entry) || word.cyrillic)
}

/// Whether `got` is written as the case-sensitive `want` is: exactly or with a lowercase
/// ending (МАЗе), or — for words of four letters or more — with the nominative's letters up to
/// its last two as written, then a lowercase ending (Radą, Koordynacyjną).
fn case_ok(got: &str, want: &str) -> bool {
    let lowercase = |rest: &str| rest.chars().all(char::is_lowercase);
    if let Some(rest) = got.strip_prefix(want) {
        return lowercase(rest);
    }
    let len = want.chars().count();
    if len < 4 {
        return false;
    }
    let common = got
        .char_indices()
        .zip(want.chars())
        .take_while(|((_, a), b)| a == b)
        .last()
        .map_or(0, |((i, a), _)| i + a.len_utf8());
    got.get(..common)
        .is_some_and(|c| c.chars().count() >= len - 2)
        && got.get(common..).is_some_and(lowercase)
}

/// How `word` fills position `pos` of `pattern`: `(keyed, inflected)`, or `None`.
fn fills(
    store: Store<'_>,
    text: &str,
    word: &Word<'_>,
    pattern: usize,
    pos: usize,
) -> Option<(bool, bool)> {
    let p = store.pattern(pattern)?;
    let o = occurrence(pattern, pos);
    // The best-ranked entry (a nominative before a case form) through any of the lexemes.
    let find = |refs: &[u32], keyed: bool| {
        refs.iter()
            .filter(|&&r| occurs(store, r, o))
            .map(|&r| entry(o, r))
            .filter(|&e| admissible(word, e, keyed))
            .min()
    };
    let (e, keyed) = match find(word.folds, false) {
        Some(e) => (e, false),
        None => (find(word.keys, true)?, true),
    };
    let inflected = entry_inflected(e);
    if let Some(want) = store.string(p.case_sensitive, pos) {
        if !case_ok(text.get(word.start..word.end)?, want) {
            return None;
        }
    }
    Some((keyed, inflected))
}

/// Whether the text between two words is what a pattern wants there.
fn gap_ok(text: &str, from: usize, to: usize, want: &str) -> bool {
    let Some(gap) = text.get(from..to) else {
        return false;
    };
    let mut got = gap.chars().filter(|c| !c.is_whitespace());
    let mut want = want.chars();
    loop {
        match (got.next(), want.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Tries to match `pattern` with its first word at `words[first]`.
fn extend(
    store: Store<'_>,
    text: &str,
    words: &[Word<'_>],
    first: usize,
    pattern: usize,
    keyed: bool,
    inflected: bool,
) -> Option<Candidate> {
    let p = store.pattern(pattern)?;
    let w0 = words.get(first)?;
    let mut c = Candidate {
        entity: p.entity as usize,
        last: first,
        end: w0.end,
        keyed,
        inflected,
        homoglyph: w0.homoglyph,
        derived: p.derived,
        surname: p.surname,
        latent: p.latent,
        person: p.person,
    };
    let mut skipped_patronymic = false;
    let mut pos = 1;
    let len = p.len as usize;
    while pos < len {
        let prev = words.get(c.last)?;
        let next = words.get(c.last + 1)?;
        let want = store.string(p.gaps, pos - 1).unwrap_or_default();
        if next.excluded || !gap_ok(text, prev.end, next.start, want) {
            return None;
        }
        match fills(store, text, next, pattern, pos) {
            Some((k, i)) => {
                c.keyed |= k;
                c.inflected |= i;
                c.homoglyph |= next.homoglyph;
                c.last += 1;
                c.end = next.end;
                pos += 1;
            }
            None => {
                // A patronymic the tables do not list, between given name and surname.
                if p.person
                    && !skipped_patronymic
                    && pos + 1 == len
                    && want.is_empty()
                    && is_patronymic(text, next)
                {
                    skipped_patronymic = true;
                    c.last += 1;
                    c.homoglyph |= next.homoglyph;
                    continue;
                }
                return None;
            }
        }
    }
    let tail = store.text(p.tail);
    if !tail.is_empty() && text.get(c.end..).is_some_and(|rest| rest.starts_with(tail)) {
        c.end += tail.len();
    }
    Some(c)
}

/// Finds the mentions in `text` that start before `stop`, appending them (offsets plus
/// `base`) to `out`.
fn find_in<'g>(
    store: Store<'g>,
    text: &str,
    base: usize,
    stop: usize,
    doc: &mut Document,
    scratch: &mut Scratch<'g>,
    out: &mut Vec<Mention<'g>>,
) {
    words_of(store, text, scratch);
    let words = std::mem::take(&mut scratch.words);
    let mut i = 0;
    while let Some(w) = words.get(i) {
        if w.start >= stop {
            break;
        }
        if w.excluded || w.glued_before || (w.folds.is_empty() && w.keys.is_empty()) {
            i += 1;
            continue;
        }
        // Whether a key match is admissible depends only on the word and the flags a
        // reference carries (see `admissible`): the keyed references that cannot be admitted
        // (a Latin word's Cyrillic lexemes, say) are left out before their patterns are
        // gathered. A common surname's key reaches dozens of them.
        let mut keys = std::mem::take(&mut scratch.keys);
        keys.clear();
        keys.extend(w.keys.iter().copied().filter(|&r| admissible(w, r, true)));
        if w.folds.is_empty() && keys.is_empty() {
            scratch.keys = keys;
            i += 1;
            continue;
        }
        scratch.candidates.clear();
        let mut entries = std::mem::take(&mut scratch.entries);
        let mut keyed_entries = std::mem::take(&mut scratch.keyed_entries);
        let start = |e: u32, keyed: bool, candidates: &mut Vec<Candidate>| {
            if let Some(c) = try_start(store, text, &words, i, e, keyed, doc) {
                candidates.push(c);
            }
        };
        starts(
            store,
            &mut scratch.starts,
            w,
            &keys,
            Group::Single,
            [&mut entries, &mut keyed_entries],
        );
        for (list, keyed) in [(&entries, false), (&keyed_entries, true)] {
            for &e in list {
                start(e, keyed, &mut scratch.candidates);
            }
        }
        // Patterns of two or more words. A common word (an initial, a shared given name) may
        // start tens of thousands of them in a large table; the word after it (or after a
        // patronymic) must fill their second position, so when that side is smaller, the
        // patterns are found from it and kept when their first lexeme is one of this word's.
        let multi_len: usize = w
            .folds
            .iter()
            .chain(&keys)
            .map(|&r| group(store, r, Group::Multi).len())
            .sum();
        if multi_len == 0 {
            // Most words that are in the index start no pattern of several words (they are
            // later words of one, or single-word names): nothing to look up on the next side.
            scratch.entries = entries;
            scratch.keyed_entries = keyed_entries;
            scratch.keys = keys;
            i = pick(&scratch.candidates, doc, store, w, base, i, out);
            continue;
        }
        let mut next_side = std::mem::take(&mut scratch.next_side);
        next_side.clear();
        next_side.extend(
            [i + 1, i + 2]
                .into_iter()
                .take(if next_is_patronymic(text, &words, i) {
                    2
                } else {
                    1
                })
                .filter_map(|j| words.get(j))
                .flat_map(|n| {
                    n.folds
                        .iter()
                        .chain(n.keys.iter().filter(|&&r| admissible(n, r, true)))
                })
                .map(|&r| group(store, r, Group::Later)),
        );
        let next_len: usize = next_side.iter().map(|l| l.len()).sum();
        if next_len >= multi_len {
            starts(
                store,
                &mut scratch.starts,
                w,
                &keys,
                Group::Multi,
                [&mut entries, &mut keyed_entries],
            );
            for (list, keyed) in [(&entries, false), (&keyed_entries, true)] {
                for &e in list {
                    start(e, keyed, &mut scratch.candidates);
                }
            }
        } else {
            scratch.patterns.clear();
            scratch.patterns.extend(
                next_side
                    .iter()
                    .flat_map(|l| l.iter())
                    .filter(|&&n| entry_pos(n) == 1)
                    .map(|&n| entry_pattern(n)),
            );
            scratch.patterns.sort_unstable();
            scratch.patterns.dedup();
            for (refs, keyed) in [(w.folds, false), (keys.as_slice(), true)] {
                // This word fills the first position of a pattern exactly when it is a form
                // of the pattern's first lexeme.
                entries.clear();
                for &pattern in &scratch.patterns {
                    let Some(first) = store.pattern_first(pattern).map(|f| f as usize) else {
                        continue;
                    };
                    let o = occurrence(pattern, 0);
                    entries.extend(
                        refs.iter()
                            .filter(|&&r| ref_lexeme(r) == first)
                            .map(|&r| entry(o, r)),
                    );
                }
                entries.sort_unstable();
                entries.dedup();
                for &e in &entries {
                    // A form found both ways counts as found by its light fold.
                    let folded = || {
                        w.folds
                            .iter()
                            .any(|&f| f & 3 == e & 3 && occurs(store, f, e & !3))
                    };
                    if keyed && folded() {
                        continue;
                    }
                    start(e, keyed, &mut scratch.candidates);
                }
            }
        }
        scratch.entries = entries;
        scratch.keyed_entries = keyed_entries;
        scratch.next_side = next_side;
        scratch.keys = keys;
        i = pick(&scratch.candidates, doc, store, w, base, i, out);
    }
    scratch.words = words;
}

/// Chooses among the candidates starting at word `i` (`w`), records the mention, and says
/// which word to go on from.
fn pick<'g>(
    candidates: &[Candidate],
    doc: &mut Document,
    store: Store<'g>,
    w: &Word<'g>,
    base: usize,
    i: usize,
    out: &mut Vec<Mention<'g>>,
) -> usize {
    let Some((c, how)) = choose(candidates, doc) else {
        return i + 1;
    };
    let Some(entity) = store.entities().get(c.entity) else {
        return i + 1;
    };
    doc.note(c.entity, c.person);
    out.push(Mention {
        start: base + w.start,
        end: base + c.end,
        entity,
        how,
        homoglyph: c.homoglyph,
    });
    c.last + 1
}

/// A candidate mention of the pattern of `e`, whose first word is `words[i]`, found by its key
/// (`keyed`) or its light fold.
fn try_start(
    store: Store<'_>,
    text: &str,
    words: &[Word<'_>],
    i: usize,
    e: u32,
    keyed: bool,
    doc: &Document,
) -> Option<Candidate> {
    let w = words.get(i)?;
    let pattern = entry_pattern(e);
    let p = store.pattern(pattern)?;
    if p.latent && doc.recency(p.entity as usize).is_none() {
        return None;
    }
    if !admissible(w, e, keyed) {
        return None;
    }
    if let Some(want) = store.string(p.case_sensitive, 0) {
        if !case_ok(text.get(w.start..w.end)?, want) {
            return None;
        }
    }
    let c = extend(store, text, words, i, pattern, keyed, entry_inflected(e))?;
    (!words.get(c.last).is_some_and(|last| last.glued_after)).then_some(c)
}

/// The three groups of a lexeme's occurrences, in the order of [`lexeme_layout`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Group {
    /// Those that start a single-word pattern.
    Single,
    /// Those that start a longer pattern.
    Multi,
    /// Those at later positions.
    Later,
}

/// One group of the occurrences of a reference's lexeme, sorted.
fn group<'g>(store: Store<'g>, r: u32, g: Group) -> &'g [u32] {
    let (pool, l) = store.lexeme(r);
    let range = match g {
        Group::Single => l.start..l.multi,
        Group::Multi => l.multi..l.later,
        Group::Later => l.later..l.end,
    };
    pool.get(range.start as usize..range.end as usize)
        .unwrap_or_default()
}

/// The entries of one group of the lexemes of `refs`, each with its reference's flags, sorted
/// and without repeats, into `out`.
fn gather(store: Store<'_>, refs: &[u32], g: Group, out: &mut Vec<u32>) {
    out.clear();
    for &r in refs {
        out.extend(group(store, r, g).iter().map(|&o| entry(o, r)));
    }
    if refs.len() > 1 {
        out.sort_unstable();
        out.dedup();
    }
}

/// Whether the lexeme of `r` occurs at `o` (an occurrence).
/// Which word forms and group [`starts`] gathered entries for: the identity of the word's
/// reference slices (they are the store's, so the same slices are the same forms), the flags
/// its keys were filtered by, and the group.
type StartsKey = (usize, usize, usize, usize, bool, bool, Group);

/// [`gather_starts`] for word `w` (`keys`: its admissible keyed references), remembered per
/// word form: a document names its people over and over, and a common surname's key reaches
/// dozens of lexemes whose occurrences are gathered, sorted and merged each time.
fn starts(
    store: Store<'_>,
    cache: &mut Map<StartsKey, [Box<[u32]>; 2]>,
    w: &Word<'_>,
    keys: &[u32],
    g: Group,
    out: [&mut Vec<u32>; 2],
) {
    let key = (
        w.folds.as_ptr() as usize,
        w.folds.len(),
        w.keys.as_ptr() as usize,
        w.keys.len(),
        w.capital,
        w.cyrillic,
        g,
    );
    let [fold_out, key_out] = out;
    if let Some([folds, keyed]) = cache.get(&key) {
        fold_out.clear();
        fold_out.extend_from_slice(folds);
        key_out.clear();
        key_out.extend_from_slice(keyed);
        return;
    }
    gather_starts(store, [w.folds, keys], g, [&mut *fold_out, &mut *key_out]);
    if cache.len() >= SEEN_MAX {
        cache.clear();
    }
    cache.insert(key, [fold_out.as_slice().into(), key_out.as_slice().into()]);
}

/// The entries of group `g` through a word's fold references and its admissible keyed ones,
/// into `out` (sorted): one per occurrence, the one that is not a case form where there is
/// one, and none by key where the fold has the occurrence. Candidates of one pattern differ
/// only in rank (found by key, through a case form), and `choose` always prefers the better
/// ranked of a pattern's candidates, so the others could never be chosen.
fn gather_starts(store: Store<'_>, refs: [&[u32]; 2], g: Group, out: [&mut Vec<u32>; 2]) {
    let [folds, keys] = refs;
    let [fold_out, key_out] = out;
    gather(store, folds, g, fold_out);
    best_per_occurrence(fold_out);
    gather(store, keys, g, key_out);
    best_per_occurrence(key_out);
    if !fold_out.is_empty() {
        key_out.retain(|&e| {
            fold_out
                .binary_search_by_key(&(e & !3), |&f| f & !3)
                .is_err()
        });
    }
}

/// Keeps one of each run of sorted entries of one occurrence: the first that is not a case
/// form, else the first.
fn best_per_occurrence(entries: &mut Vec<u32>) {
    let mut kept: usize = 0;
    for i in 0..entries.len() {
        let Some(&e) = entries.get(i) else {
            break;
        };
        match kept.checked_sub(1).and_then(|k| entries.get_mut(k)) {
            Some(last) if *last & !3 == e & !3 => {
                if entry_inflected(*last) && !entry_inflected(e) {
                    *last = e;
                }
            }
            _ => {
                if let Some(slot) = entries.get_mut(kept) {
                    *slot = e;
                }
                kept += 1;
            }
        }
    }
    entries.truncate(kept);
}

fn occurs(store: Store<'_>, r: u32, o: u32) -> bool {
    let g = if entry_pos(o) != 0 {
        Group::Later
    } else if entry_len_one(store, o) {
        Group::Single
    } else {
        Group::Multi
    };
    group(store, r, g).binary_search(&o).is_ok()
}

fn entry_len_one(store: Store<'_>, e: u32) -> bool {
    store.pattern(entry_pattern(e)).is_some_and(|p| p.len == 1)
}

/// Whether the word after `words[i]` could be a patronymic that a pattern skips.
fn next_is_patronymic(text: &str, words: &[Word<'_>], i: usize) -> bool {
    words.get(i + 1).is_some_and(|n| is_patronymic(text, n))
}

/// Whether `word` looks like a patronymic, worked out once.
fn is_patronymic(text: &str, word: &Word<'_>) -> bool {
    if let Some(known) = word.patronymic.get() {
        return known;
    }
    let found = text
        .get(word.start..word.end)
        .is_some_and(inflect::is_patronymic);
    word.patronymic.set(Some(found));
    found
}

/// The best of the candidates starting at one word: the longest; for a bare surname, the
/// bearer named in full most recently; otherwise the best-ranked, if it names one entity (or
/// one the document has mentioned before).
fn choose(candidates: &[Candidate], doc: &Document) -> Option<(Candidate, How)> {
    let end = candidates.iter().map(|c| c.end).max()?;
    let longest = candidates.iter().filter(|c| c.end == end);
    // A bare surname: the person named in full most recently, if any shares it.
    let surname = longest
        .clone()
        .filter(|c| c.surname)
        .filter_map(|c| Some((doc.recency(c.entity)?, c)))
        .max_by_key(|(r, c)| (*r, std::cmp::Reverse(c.rank())));
    if let Some((_, c)) = surname {
        return Some((*c, if c.latent { How::Coreference } else { how(c) }));
    }
    let settled = longest.filter(|c| !c.latent);
    let best = settled.clone().map(Candidate::rank).min()?;
    let mut top = settled.filter(|c| c.rank() == best);
    let first = top.next()?;
    if top.clone().all(|c| c.entity == first.entity) {
        return Some((*first, how(first)));
    }
    // Several entities: the one the document already spoke of, if exactly one candidate is.
    let mut known = std::iter::once(first)
        .chain(top)
        .filter(|c| doc.seen.contains(&c.entity));
    let only = known.next()?;
    known.next().is_none().then(|| (*only, how(only)))
}

fn how(c: &Candidate) -> How {
    if c.inflected {
        How::Inflection
    } else if c.keyed {
        How::Key
    } else if c.derived {
        How::Words
    } else {
        How::Alias
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every white-space character is ASCII or starts with one of the lead bytes `next_space`
    /// decodes.
    #[test]
    fn next_space_knows_every_white_space_lead_byte() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let s = c.to_string();
            assert_eq!(next_space(&s, 0), (0, false), "U+{:04X}", u32::from(c));
        }
    }

    /// The words of a text as they are defined: its white-space-delimited pieces, each cut
    /// into tokens on its own. `words_of` cuts the whole text in one pass and must agree.
    fn words_reference(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut words = Vec::new();
        let mut offset = 0;
        for piece in text.split_inclusive(char::is_whitespace) {
            let piece_start = offset;
            offset += piece.len();
            let trimmed = piece.trim_end_matches(char::is_whitespace);
            if trimmed.is_empty() {
                continue;
            }
            let excluded = is_address(trimmed);
            for t in Tokens::new(trimmed) {
                let range = inflect::name_part(t.text);
                let before = trimmed.get(..t.start).and_then(|b| b.chars().next_back());
                let after = trimmed
                    .get(t.start + t.text.len()..)
                    .and_then(|a| a.chars().next());
                words.push((
                    piece_start + t.start + range.start,
                    piece_start + t.start + range.end,
                    excluded || before == Some('@'),
                    before.is_some_and(char::is_alphanumeric),
                    after.is_some_and(char::is_alphanumeric),
                ));
            }
        }
        words
    }

    /// With a table whose fold filter is out of cache, the lowercase words are tested after
    /// the cut (see `words_of`): every word still gets the facts its text has on its own.
    #[test]
    fn words_of_a_large_table_have_their_facts() {
        const SYLLABLES: [&str; 12] = [
            "ба", "ве", "го", "да", "жу", "зо", "ки", "ло", "ма", "не", "по", "ру",
        ];
        let word = |mut n: usize| {
            let mut w = String::new();
            for _ in 0..3 {
                w.push_str(SYLLABLES[n % SYLLABLES.len()]);
                n /= SYLLABLES.len();
            }
            w
        };
        let capitalized = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let mut builder = crate::Gazetteer::builder();
        for i in 0..1700 {
            let name = format!("{} {}ов", capitalized(&word(i)), capitalized(&word(i + 7)));
            builder.name(&format!("per:t-{i}"), &name, "ru-Cyrl");
        }
        let gazetteer = builder.build().unwrap_or_else(|e| panic!("{e}"));
        let store = gazetteer.store();
        assert!(
            store.fold_filter().len() * 8 > FILTER_IN_CACHE,
            "the filter is small"
        );
        let mut text = String::new();
        for i in (0..1800).step_by(7) {
            // Capitalized and lowercase names, their case forms, and words of no name.
            text.push_str(&format!(
                "{} {}ову и {}а видели {}ов, sure {}. ",
                capitalized(&word(i)),
                capitalized(&word(i + 7)),
                word(i),
                word(i + 3),
                word(i + 1),
            ));
        }
        let mut scratch = Scratch::default();
        words_of(store, &text, &mut scratch);
        let (mut fold, mut key) = (String::new(), String::new());
        let mut found = 0;
        for w in &scratch.words {
            let Some(text) = text.get(w.start..w.end) else {
                panic!("a word out of the text");
            };
            let facts = facts_of(store, text, &mut fold, &mut key);
            assert_eq!((w.folds, w.keys), (facts.folds, facts.keys), "{text}");
            assert_eq!(w.capital, facts.capital, "{text}");
            found += usize::from(!w.capital && !w.folds.is_empty());
        }
        assert!(found > 100, "only {found} lowercase words in the table");
    }

    fn words(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut scratch = Scratch::default();
        words_of(Matcher::new().store, text, &mut scratch);
        scratch
            .words
            .iter()
            .map(|w| (w.start, w.end, w.excluded, w.glued_before, w.glued_after))
            .collect()
    }

    proptest::proptest! {
        /// `complete_prefix` looks at the last bytes only; where the buffer is valid UTF-8 it is
        /// all complete, and otherwise only an unfinished last character is held back.
        #[test]
        fn complete_prefix_holds_back_only_an_unfinished_last_character(
            text in "[a-zа-яё€😀]{0,12}",
            cut in 0usize..4,
            junk in proptest::collection::vec(proptest::num::u8::ANY, 0..3),
        ) {
            let mut buf = text.as_bytes().to_vec();
            buf.extend_from_slice(&junk);
            let buf = &buf[..buf.len().saturating_sub(cut)];
            let end = complete_prefix(buf);
            match std::str::from_utf8(buf) {
                Ok(_) => proptest::prop_assert_eq!(end, buf.len()),
                Err(e) if e.error_len().is_none() => proptest::prop_assert_eq!(end, e.valid_up_to()),
                Err(_) => proptest::prop_assert!(end >= buf.len().saturating_sub(3)),
            }
        }
    }

    #[test]
    fn starts_upper_is_char_is_uppercase() {
        for c in (0..0x800).filter_map(char::from_u32) {
            let word = format!("{c}x");
            assert_eq!(
                starts_upper(&word),
                c.is_uppercase(),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(!starts_upper(""));
    }

    #[test]
    fn words_of_examples() {
        for text in [
            "",
            " ",
            "Lukashenka's visit to Мінск.",
            "see t.co/x @tutby and user@host.by or www.x.by/Lukashenka",
            "l'Biélorussie d'Minsk Мар’я 0Minsk9 Lukashenka2020",
            "a\u{00A0}b\u{2003}c\u{3000}d\u{1680}e\u{0085}f\u{202F}g",
            "\u{200B}Luka\u{200B}shenka\u{202E}Minsk\u{202C} «Гродноазот»",
        ] {
            assert_eq!(words(text), words_reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_of_is_the_reference_cut(
            text in "([a-zA-Zа-яА-ЯіўІЎ0-9@/.:'’`« -]|\u{00A0}|\u{2003}|\u{200B}|\u{0301}|\n|www\\.){0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text), words_reference(&text));
        }
    }
}
