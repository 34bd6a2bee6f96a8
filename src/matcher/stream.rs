//! Reading text in chunks: a stream in bounded memory, cut where no mention can straddle the
//! cut, and a long text in windows the same way; the search runs on each piece with one
//! document state for the whole.

use std::io::{self, Read};

use super::document::{DOCUMENT_MIN, Document, blank_line_end};
use super::mention::{Found, Mention, Piece};
use super::search::{Scratch, find_in};
use crate::index::store::Store;

/// How much a stream is read at a time.
pub(super) const CHUNK: usize = 64 * 1024;

/// A chunk grows up to this size looking for white space to cut at; past it, it is cut
/// anywhere (between characters), so that memory stays bounded on input without spaces.
const HARD_CAP: usize = 1024 * 1024;

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

/// Where the next window starts, as an offset into the window that starts at stream offset
/// `base` and was searched up to `stop` (mentions that start before it were found): at the
/// cut, or after the last mention found if that ends later.
fn resume(found: &[Found<'_>], base: usize, stop: usize, len: usize) -> usize {
    found
        .last()
        .map_or(stop, |m| stop.max(m.end() - base))
        .min(len)
}

/// Words a cut leaves after the longest mention that may start before it: a patronymic stepped
/// over and the words the search reads after a mention ([`super::search::LOOKAHEAD`]).
const CUT_MARGIN: usize = 3 + super::search::LOOKAHEAD;

/// A place to cut `bytes` (at the start of a word, after white space) with at least `words`
/// complete words after it, so that any mention starting before the cut ends inside `bytes`.
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
    found: &mut Vec<Found<'g>>,
    visit: &mut impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
) -> io::Result<usize> {
    let region = buf.get(..complete).unwrap_or_default();
    let mut pos = 0;
    while pos < cut {
        let rest = region.get(pos..).unwrap_or_default();
        let (valid, invalid) = match simdutf8::compat::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => {
                let s =
                    simdutf8::compat::from_utf8(rest.get(..e.valid_up_to()).unwrap_or_default())
                        .unwrap_or_default();
                let len = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                (s, Some(len))
            }
        };
        let stop = (cut - pos).min(valid.len());
        found.clear();
        find_in(store, valid, pos + base, stop, doc, scratch, found);
        // Bad bytes end the text the words are read in only when they come before the cut;
        // past it, the mentions after the cut are searched again from the next window (found
        // here, they would start past `stop` and be lost), as if the bytes were not there.
        let upto = if (invalid.is_some() && valid.len() <= cut - pos) || eof {
            valid.len()
        } else {
            resume(found, base + pos, stop, valid.len())
        };
        let mut at = 0;
        for f in found.iter() {
            let (s, e) = (f.start() - base - pos, f.end() - base - pos);
            let text = valid.get(s..e).unwrap_or_default();
            let piece = match f {
                Found::Mention(m) => Piece::Mention { mention: *m, text },
                // A matcher that does not report ambiguous names was given no candidates:
                // the name is text like any other.
                Found::Ambiguous { candidates, .. } if candidates.is_empty() => continue,
                Found::Ambiguous {
                    start, candidates, ..
                } => Piece::Ambiguous {
                    offset: *start,
                    text,
                    candidates,
                },
            };
            if s > at {
                visit(Piece::Text {
                    offset: base + pos + at,
                    text: valid.get(at..s).unwrap_or_default(),
                })?;
            }
            visit(piece)?;
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

/// Whether a mention could start at byte 0 of `text`: `false` only when [`find_all`] would
/// find none there (see `words::may_start_at_zero`).
pub(crate) fn may_start_at_zero(store: Store<'_>, text: &str) -> bool {
    super::words::may_start_at_zero(store, text)
}

/// The mentions in `text`, in order, with byte offsets into `text` (see `Matcher::find_iter`).
pub(crate) fn find_all<'g>(store: Store<'g>, text: &str) -> Vec<Mention<'g>> {
    // A long text is read in windows, as a stream is (see `scan`, whose cuts and resumes
    // these are): the words of a window stay in cache, where the words of a whole 20 MB
    // text (tens of bytes each, millions of them) cost page faults and cache misses (the
    // profile showed a sixth of the time in the kernel). Unlike a stream, the text is
    // known to be UTF-8, so it is not validated again.
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let mut found = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        // One document at a time (see `DOCUMENT_MIN`), each with nothing said before it.
        let end =
            blank_line_end(text.as_bytes(), pos, pos + DOCUMENT_MIN, [0; 2]).unwrap_or(text.len());
        let mut doc = Document::default();
        find_document(
            store,
            text,
            pos,
            end,
            &mut doc,
            &mut scratch,
            &mut found,
            &mut out,
        );
        pos = end;
    }
    out
}

/// Finds the mentions of `text[pos..end]`, one document, in windows.
#[allow(clippy::too_many_arguments)]
fn find_document<'g>(
    store: Store<'g>,
    text: &str,
    mut pos: usize,
    end: usize,
    doc: &mut Document,
    scratch: &mut Scratch<'g>,
    found: &mut Vec<Found<'g>>,
    out: &mut Vec<Mention<'g>>,
) {
    while let Some(rest) = text.get(pos..end).filter(|r| !r.is_empty()) {
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
            match find_cut(window.as_bytes(), store.max_words() + CUT_MARGIN) {
                Some(cut) if cut > 0 => break (window, cut),
                _ => len *= 2,
            }
        };
        found.clear();
        find_in(store, window, pos, stop, doc, scratch, found);
        let upto = if window.len() == rest.len() {
            rest.len()
        } else {
            resume(found, pos, stop, window.len())
        };
        out.extend(found.drain(..).filter_map(|f| match f {
            Found::Mention(m) => Some(m),
            Found::Ambiguous { .. } => None,
        }));
        pos += upto.max(1);
    }
}

/// Reads `reader` in chunks of `chunk` bytes and hands every piece of it to `visit` (see
/// `Matcher::scan`).
pub(super) fn scan<'g, R: Read>(
    store: Store<'g>,
    mut reader: R,
    (chunk, ambiguous): (usize, bool),
    mut visit: impl FnMut(Piece<'_, 'g>) -> io::Result<()>,
) -> io::Result<()> {
    let chunk = chunk.max(1);
    let mut buf: Vec<u8> = Vec::with_capacity(chunk * 2);
    let mut base = 0usize;
    let mut eof = false;
    let mut doc = Document::default();
    let mut scratch = Scratch::default();
    scratch.ambiguous = ambiguous;
    let mut found = Vec::new();
    let mut read_buf = vec![0u8; chunk];
    // Where the current document started, the two bytes before `buf`, and how much of `buf`
    // was looked at for the document's end.
    let mut doc_start = 0usize;
    let mut before = [0u8; 2];
    let mut looked = 0usize;
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
        // The document ends inside what was read: everything up to its end is searched as
        // the end of a stream is, and the next document starts with nothing said.
        let region = buf.get(..complete).unwrap_or_default();
        let min = (doc_start + DOCUMENT_MIN).saturating_sub(base);
        if let Some(end) = blank_line_end(region, looked.min(complete), min, before) {
            let done = emit(
                store,
                &buf,
                base,
                end,
                end,
                true,
                &mut doc,
                &mut scratch,
                &mut found,
                &mut visit,
            )?;
            drain(&mut buf, done, &mut before);
            base += done;
            looked = 0;
            doc = Document::default();
            doc_start = base;
            continue;
        }
        looked = complete;
        let cut = if eof {
            Some(complete)
        } else {
            find_cut(
                buf.get(..complete).unwrap_or_default(),
                store.max_words() + CUT_MARGIN,
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
            store,
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
        drain(&mut buf, done, &mut before);
        base += done;
        looked = looked.saturating_sub(done);
        if eof && buf.is_empty() {
            return Ok(());
        }
    }
}

/// Drops the first `done` bytes of `buf`, keeping the last two of them in `before`.
fn drain(buf: &mut Vec<u8>, done: usize, before: &mut [u8; 2]) {
    for &b in buf.get(done.saturating_sub(2)..done).unwrap_or_default() {
        *before = [before[1], b];
    }
    buf.drain(..done);
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
