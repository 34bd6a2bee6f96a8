//! The inputs of every subcommand: files, or standard input for `-` or no file at all; how
//! they are opened and read (as the library's scan, as UTF-8 chunks of bounded size, or line
//! by line); and how a failure to read one is worded, reported and counted.
//!
//! Every message names the input, and the line and byte where that helps:
//! `FILE: cannot open: …`, `FILE: cannot read: …`, `FILE: binary file (NUL at byte N)
//! skipped; -a/--text reads it`, and for bytes that are not UTF-8, whatever the subcommand,
//! `FILE:LINE: invalid UTF-8 at byte N; line skipped` (outputs made of lines: the bad line
//! gives no answer) or `…; copied as is` (outputs that copy the text: its bytes pass through).
//! Either way the run goes on and ends with status 2.

use std::borrow::Cow;
use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use canonym::{Matcher, Piece};

/// The default upper bound on a chunk: large enough that a chunk is a fair "document" for
/// language detection, small enough to keep memory flat on inputs of any size.
pub const CHUNK_SIZE: usize = 1 << 20;

/// How much of an input is looked at for a NUL byte, the sign of a binary file (as grep and
/// ripgrep do).
const BINARY_PEEK: usize = 8 * 1024;

/// One input: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path, when it is a file.
    path: Option<PathBuf>,
    /// The name used in messages and output: the path, or `<stdin>`.
    name: String,
}

/// A failure while reading one input: of the input (reported, and the run goes on with the
/// next) or of the output (it ends the run).
pub enum Failure {
    Input(anyhow::Error),
    /// The input's problems were reported as they were met (see [`Tracker`]); the run goes on.
    Reported,
    Output(io::Error),
}

/// Runs `each` over every source in turn, handing it `out`. A failure of an input is reported
/// after the output written before it, and the run goes on; a failure to write the output
/// ends the run.
///
/// Returns whether every input was read whole.
///
/// # Errors
///
/// Writing to `out` failed.
pub fn each_source<W: Write>(
    sources: &[Source],
    out: &mut W,
    mut each: impl FnMut(&Source, &mut W) -> Result<(), Failure>,
) -> Result<bool> {
    let mut clean = true;
    for source in sources {
        match each(source, out) {
            Ok(()) => {}
            Err(Failure::Output(e)) => return Err(e.into()),
            Err(Failure::Reported) => clean = false,
            Err(Failure::Input(e)) => {
                out.flush()?;
                crate::report(&e);
                clean = false;
            }
        }
    }
    Ok(clean)
}

impl Source {
    /// Standard input.
    pub fn stdin() -> Source {
        Source {
            path: None,
            name: "<stdin>".to_owned(),
        }
    }

    /// The source named by a command-line argument: `-` is standard input.
    pub fn new(arg: &Path) -> Source {
        if arg == Path::new("-") {
            return Source::stdin();
        }
        Source {
            path: Some(arg.to_owned()),
            name: arg.display().to_string(),
        }
    }

    /// The sources named by command-line arguments; no arguments at all mean standard input.
    pub fn all(args: &[PathBuf]) -> Vec<Source> {
        if args.is_empty() {
            return vec![Source::stdin()];
        }
        args.iter().map(|a| Source::new(a)).collect()
    }

    /// The name used in messages and output: the path, or `<stdin>`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The path, when the source is a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Opens the source for reading. Unless `-a/--text` was given, an input with a NUL byte
    /// in its first 8 KiB is refused as binary (on standard input with `--line-buffered` or
    /// from a terminal, in what the first read returns, so that a line typed is not held back).
    ///
    /// # Errors
    ///
    /// `FILE: cannot open: …`, `FILE: cannot read: …`, or `FILE: binary file (NUL at byte
    /// N) skipped; -a/--text reads it`.
    pub fn open(&self) -> Result<Box<dyn Read>> {
        let mut reader: Box<dyn Read> = match &self.path {
            None => Box::new(io::stdin().lock()),
            Some(path) => Box::new(File::open(path).map_err(|e| self.cannot_open(e))?),
        };
        if crate::global().text() {
            return Ok(reader);
        }
        let mut head = vec![0; BINARY_PEEK];
        let mut len = 0;
        while len < head.len() {
            match reader.read(&mut head[len..]) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(self.cannot_read(e)),
            }
            // Standard input that a person types into, or that is read line by line, is
            // judged by its first read: waiting for 8 KiB would hold back the first answers.
            if self.path.is_none() && (crate::global().line_buffered() || io::stdin().is_terminal())
            {
                break;
            }
        }
        head.truncate(len);
        if let Some(at) = head.iter().position(|&b| b == 0) {
            return Err(anyhow!(
                "{}: binary file (NUL at byte {at}) skipped; -a/--text reads it",
                self.name
            ));
        }
        Ok(Box::new(io::Cursor::new(head).chain(reader)))
    }

    /// Streams the source through the library's scanner, handing each piece to `visit` with
    /// the offset of the document it belongs to, and tells a failure to read this input from
    /// the failures `visit` returns. The whole input is one document, except with
    /// `--line-buffered`, where each line is one (scanned and answered before the next is
    /// read: a mention then never spans two lines, and a bare surname refers back only to a
    /// full name on its own line).
    pub fn scan<'g>(
        &self,
        matcher: Matcher<'g>,
        chunk: usize,
        mut visit: impl FnMut(usize, Piece<'_, 'g>) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        if crate::global().line_buffered() {
            let mut lines = self.lines().map_err(Failure::Input)?;
            while let Some(line) = lines.next_line().map_err(Failure::Input)? {
                let base = usize::try_from(line.offset).unwrap_or(usize::MAX);
                self.scan_from(matcher, chunk, &mut { line.raw }, base, &mut visit)?;
            }
            return Ok(());
        }
        let mut reader = self.open().map_err(Failure::Input)?;
        self.scan_from(matcher, chunk, &mut reader, 0, &mut visit)
    }

    /// Streams `reader`, a part of this source that starts a document at byte `base`, through
    /// the library's scanner (see [`Source::scan`]).
    pub fn scan_from<'g>(
        &self,
        matcher: Matcher<'g>,
        chunk: usize,
        reader: &mut dyn Read,
        base: usize,
        visit: &mut dyn FnMut(usize, Piece<'_, 'g>) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        let mut failure = None;
        let result = matcher.scan_chunked(reader, chunk, |piece| {
            visit(base, piece).map_err(|f| {
                failure = Some(f);
                io::Error::other("stopped")
            })
        });
        match (result, failure) {
            (_, Some(f)) => Err(f),
            (Ok(()), None) => Ok(()),
            (Err(e), None) => Err(Failure::Input(self.cannot_read(e))),
        }
    }

    /// The source as UTF-8 chunks of at most `max` bytes; `lossy` replaces invalid UTF-8 with
    /// U+FFFD instead of failing.
    ///
    /// # Errors
    ///
    /// The source cannot be opened.
    pub fn chunks(&self, lossy: bool, max: usize) -> Result<Chunks<'_, Box<dyn Read>>> {
        Ok(Chunks::new(self, self.open()?, lossy, max))
    }

    /// The source line by line.
    ///
    /// # Errors
    ///
    /// The source cannot be opened.
    pub fn lines(&self) -> Result<Lines<'_>> {
        Ok(Lines {
            source: self,
            reader: BufReader::new(self.open()?),
            buf: Vec::new(),
            number: 0,
            offset: 0,
        })
    }

    /// Calls `each` with every line (without its line ending), or with `None` for a line
    /// that is not UTF-8, reported as `FILE:LINE: invalid UTF-8 at byte N; line skipped` (N
    /// counted from the start of the input): a caller that answers line by line still
    /// answers it, so that answers stay beside their questions.
    ///
    /// Returns whether every line was read.
    ///
    /// # Errors
    ///
    /// The source cannot be opened or read, or `each` failed.
    pub fn for_each_line(&self, mut each: impl FnMut(Option<&str>) -> Result<()>) -> Result<bool> {
        // Read in blocks, each checked as UTF-8 at once up to its last line end, and cut into
        // lines in place: a read, a copy and a check per line were a fifth of `key` on a list
        // of names. A block that is not UTF-8 is checked line by line, to report each line.
        const BLOCK: usize = 64 * 1024;
        let mut reader = self.open()?;
        // `buf` is zeroed once, and again only where a long line makes it grow: the bytes held
        // over from one read to the next are `buf[..held]`.
        let mut buf: Vec<u8> = vec![0; BLOCK];
        let mut held = 0;
        let (mut number, mut offset, mut clean) = (0usize, 0u64, true);
        loop {
            if buf.len() < held + BLOCK {
                buf.resize(held + BLOCK, 0);
            }
            let n = loop {
                // One read, not a full block: a line typed or piped in is answered at once.
                match reader.read(buf.get_mut(held..).unwrap_or_default()) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(self.cannot_read(e)),
                }
            };
            let filled = held + n;
            // The bytes held from before are part of one line (they follow the last line end):
            // only the new ones are searched, so a line of any length is read in linear time.
            let end = if n == 0 {
                filled
            } else {
                let new = buf.get(held..filled).unwrap_or_default();
                match memchr::memrchr(b'\n', new) {
                    Some(i) => held + i + 1,
                    None => {
                        held = filled;
                        continue;
                    }
                }
            };
            let whole = buf.get(..end).unwrap_or_default();
            let mut visit = |raw: &[u8], text: Option<&str>| -> Result<()> {
                number += 1;
                let at = offset;
                offset += raw.len() as u64;
                let text = match text {
                    Some(t) => {
                        let t = t.strip_suffix('\n').unwrap_or(t);
                        Some(t.strip_suffix('\r').unwrap_or(t))
                    }
                    // `text_of` reads the line without its ending.
                    None => {
                        let bytes = raw.strip_suffix(b"\n").unwrap_or(raw);
                        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
                        let line = Line {
                            raw,
                            number,
                            offset: at,
                            bytes,
                        };
                        self.text_of(&line)
                    }
                };
                clean &= text.is_some();
                each(text)
            };
            match simdutf8::compat::from_utf8(whole) {
                Ok(text) => {
                    // `memchr_iter` finds the line ends of the whole block, a word or a
                    // vector at a time (a byte loop was a twentieth of keying a name list).
                    let mut start = 0;
                    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
                        let line = text.get(start..=i).unwrap_or_default();
                        visit(line.as_bytes(), Some(line))?;
                        start = i + 1;
                    }
                    if let Some(last) = text.get(start..).filter(|t| !t.is_empty()) {
                        visit(last.as_bytes(), Some(last))?;
                    }
                }
                Err(_) => {
                    for raw in whole.split_inclusive(|&b| b == b'\n') {
                        visit(raw, None)?;
                    }
                }
            }
            if n == 0 {
                return Ok(clean);
            }
            buf.copy_within(end..filled, 0);
            held = filled - end;
        }
    }

    /// The text of a line of this source, or `None` when it is not UTF-8, reported as
    /// `FILE:LINE: invalid UTF-8 at byte N; line skipped`.
    pub fn text_of<'a>(&self, line: &Line<'a>) -> Option<&'a str> {
        match simdutf8::compat::from_utf8(line.bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                let at = line.offset + e.valid_up_to() as u64;
                crate::report(&self.at_line(
                    line.number,
                    format_args!("invalid UTF-8 at byte {at}; line skipped"),
                ));
                None
            }
        }
    }

    /// `FILE:LINE: what`, for a line of this source that could not be used.
    pub fn at_line(&self, number: usize, what: impl Display) -> anyhow::Error {
        anyhow!("{}:{number}: {what}", self.name)
    }

    /// `FILE: invalid UTF-8 at byte N`, where the input stops being readable as text.
    pub fn invalid_utf8(&self, at: impl Display) -> anyhow::Error {
        anyhow!("{}: invalid UTF-8 at byte {at}", self.name)
    }

    /// `FILE: cannot open: …`.
    pub fn cannot_open(&self, e: io::Error) -> anyhow::Error {
        anyhow::Error::new(e).context(format!("{}: cannot open", self.name))
    }

    /// `FILE: cannot read: …`.
    pub fn cannot_read(&self, e: io::Error) -> anyhow::Error {
        anyhow::Error::new(e).context(format!("{}: cannot read", self.name))
    }
}

/// Follows the lines of a streamed input to report its bytes that are not UTF-8 as
/// `FILE:LINE: invalid UTF-8 at byte N; WHAT`, once per line.
pub struct Tracker<'s> {
    source: &'s Source,
    /// The current line, from 1.
    line: usize,
    /// The last line reported (0: none).
    reported: usize,
    /// The line this tracker started at.
    first: usize,
    /// The reports, when they are held to be printed in input order (`-j`), not printed
    /// as they are met: each line's number, counted from this tracker's first line, and
    /// what is wrong with it.
    held: Option<Vec<(usize, String)>>,
}

impl<'s> Tracker<'s> {
    pub fn new(source: &'s Source) -> Self {
        Tracker::at_line(source, 1, false)
    }

    /// A tracker of a part of `source` that starts at line `line`; `hold` keeps its reports
    /// for [`Tracker::take_reports`] instead of printing them.
    pub fn at_line(source: &'s Source, line: usize, hold: bool) -> Self {
        Tracker {
            source,
            line,
            reported: 0,
            first: line,
            held: hold.then(Vec::new),
        }
    }

    /// The reports held so far: for each, the line, counted from 1 at this tracker's first
    /// line, and what is wrong with it (see [`Source::at_line`]).
    pub fn take_reports(&mut self) -> Vec<(usize, String)> {
        self.held.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The line ends passed so far.
    pub fn lines_passed(&self) -> usize {
        self.line - self.first
    }

    /// Counts the line ends of text passed; returns how many there were.
    pub fn pass(&mut self, text: &[u8]) -> usize {
        // memchr counts a vector at a time: a byte loop was a tenth of transliterating.
        let n = memchr::memchr_iter(b'\n', text).count();
        self.line += n;
        n
    }

    /// Reports bytes that are not UTF-8 at absolute offset `at` (unless their line was
    /// reported already); `what` says what became of them.
    pub fn invalid(&mut self, at: impl Display, what: &str) {
        if self.reported != self.line {
            self.reported = self.line;
            let what = format!("invalid UTF-8 at byte {at}; {what}");
            match &mut self.held {
                Some(held) => held.push((self.line - self.first + 1, what)),
                None => crate::report(&self.source.at_line(self.line, what)),
            }
        }
    }

    /// The input's outcome: [`Failure::Reported`] when some of it was not UTF-8.
    pub fn finish(&self) -> Result<(), Failure> {
        if self.reported == 0 {
            Ok(())
        } else {
            Err(Failure::Reported)
        }
    }
}

/// Why a chunk could not be read.
enum ReadError {
    Io(io::Error),
    /// The input is not UTF-8 at this byte offset.
    Utf8(u64),
}

/// Reads an input as UTF-8 chunks of at most `max` bytes that end at a line end where
/// possible (a longer line is split at the last white space, or else at a character
/// boundary), never inside a character.
pub struct Chunks<'s, R> {
    source: &'s Source,
    reader: R,
    lossy: bool,
    buf: Vec<u8>,
    len: usize,
    /// Bytes at the front of `buf` handed out by the previous call.
    consumed: usize,
    /// The absolute offset of `buf[0]`.
    offset: u64,
    eof: bool,
}

impl<'s, R: Read> Chunks<'s, R> {
    /// Chunks of `reader`, which is `source`; `max` is clamped to at least 4 bytes (one
    /// character).
    fn new(source: &'s Source, reader: R, lossy: bool, max: usize) -> Self {
        Chunks {
            source,
            reader,
            lossy,
            buf: vec![0; max.max(4)],
            len: 0,
            consumed: 0,
            offset: 0,
            eof: false,
        }
    }

    /// The next chunk, or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// `FILE: cannot read: …`, or (unless lossy) `FILE: invalid UTF-8 at byte N` with the
    /// absolute offset of the first invalid byte.
    pub fn next_chunk(&mut self) -> Result<Option<Cow<'_, str>>> {
        let source = self.source;
        self.next_raw().map_err(|e| match e {
            ReadError::Io(e) => source.cannot_read(e),
            ReadError::Utf8(at) => source.invalid_utf8(at),
        })
    }

    /// The next chunk as bytes, which may not be UTF-8, with the absolute offset of its
    /// first byte; `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// `FILE: cannot read: …`.
    pub fn next_bytes(&mut self) -> Result<Option<(u64, &[u8])>> {
        let source = self.source;
        match self.fill() {
            Ok(0) => Ok(None),
            Ok(split) => Ok(self.buf.get(..split).map(|b| (self.offset, b))),
            Err(e) => Err(source.cannot_read(e)),
        }
    }

    fn next_raw(&mut self) -> Result<Option<Cow<'_, str>>, ReadError> {
        let split = self.fill().map_err(ReadError::Io)?;
        if split == 0 {
            return Ok(None);
        }
        let piece = &self.buf[..split];
        match simdutf8::compat::from_utf8(piece) {
            Ok(s) => Ok(Some(Cow::Borrowed(s))),
            Err(_) if self.lossy => Ok(Some(String::from_utf8_lossy(piece))),
            Err(e) => Err(ReadError::Utf8(self.offset + e.valid_up_to() as u64)),
        }
    }

    /// Reads the next chunk into the front of the buffer; returns its length (0 at the end).
    fn fill(&mut self) -> io::Result<usize> {
        if self.consumed > 0 {
            self.buf.copy_within(self.consumed..self.len, 0);
            self.len -= self.consumed;
            self.offset += self.consumed as u64;
            self.consumed = 0;
        }
        while self.len < self.buf.len() && !self.eof {
            match self.reader.read(&mut self.buf[self.len..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if self.len == 0 {
            return Ok(0);
        }
        let data = &self.buf[..self.len];
        let split = if self.eof {
            data.len()
        } else {
            split_point(data)
        };
        self.consumed = split;
        Ok(split)
    }
}

/// Where to end a full buffer: after its last line end, else after its last ASCII white
/// space, else before its last (possibly incomplete) character.
fn split_point(data: &[u8]) -> usize {
    if let Some(p) = data.iter().rposition(|&b| b == b'\n') {
        return p + 1;
    }
    if let Some(p) = data.iter().rposition(|b| b.is_ascii_whitespace()) {
        return p + 1;
    }
    // Back up over continuation bytes to the start of the last character.
    let mut s = data.len();
    while s > 0 && data.len() - s < 4 && data[s - 1] & 0xc0 == 0x80 {
        s -= 1;
    }
    match s.checked_sub(1) {
        Some(lead) if data[lead] >= 0xc0 && lead > 0 => lead,
        _ => data.len(),
    }
}

/// Reads an input line by line (see [`Source::lines`]).
pub struct Lines<'s> {
    source: &'s Source,
    reader: BufReader<Box<dyn Read>>,
    buf: Vec<u8>,
    /// The number of the last line read (1-based).
    number: usize,
    /// The absolute offset of the next line.
    offset: u64,
}

/// One line of an input, without its line ending (`\n` or `\r\n`).
pub struct Line<'a> {
    /// Its bytes with the line ending.
    pub raw: &'a [u8],
    /// The line's number, from 1.
    pub number: usize,
    /// The absolute byte offset of its first byte.
    pub offset: u64,
    /// Its bytes, which may not be UTF-8.
    pub bytes: &'a [u8],
}

impl Lines<'_> {
    /// The next line, or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// `FILE: cannot read: …`.
    pub fn next_line(&mut self) -> Result<Option<Line<'_>>> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| self.source.cannot_read(e))?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        let offset = self.offset;
        self.offset += n as u64;
        let bytes = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        Ok(Some(Line {
            raw: &self.buf,
            number: self.number,
            offset,
            bytes,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], lossy: bool, max: usize) -> Result<Vec<String>> {
        let source = Source::new(Path::new("t"));
        let mut c = Chunks::new(&source, input, lossy, max);
        let mut out = Vec::new();
        while let Some(text) = c.next_chunk()? {
            out.push(text.into_owned());
        }
        Ok(out)
    }

    #[test]
    fn chunks_end_at_lines_then_spaces_then_characters() {
        let got = collect("аб\nвг\nд".as_bytes(), false, 8).unwrap();
        assert_eq!(got, ["аб\n", "вг\nд"]);
        let got = collect("аб вгд".as_bytes(), false, 8).unwrap();
        assert_eq!(got, ["аб ", "вгд"]);
        let got = collect("абвгд".as_bytes(), false, 5).unwrap();
        assert_eq!(got, ["аб", "вг", "д"]);
    }

    #[test]
    fn every_byte_comes_back_once() {
        let text = "Лукашэнка\r\nLukashenka ".repeat(100);
        for max in [4, 5, 7, 64, 1000] {
            let got: String = collect(text.as_bytes(), false, max).unwrap().concat();
            assert_eq!(got, text, "max {max}");
        }
    }

    #[test]
    fn invalid_utf8_names_the_absolute_offset() {
        let mut input = "ok\n".repeat(10).into_bytes();
        input.extend_from_slice(b"ab\xffcd\n");
        let err = collect(&input, false, 8).unwrap_err();
        assert_eq!(format!("{err:#}"), "t: invalid UTF-8 at byte 32");
        let got = collect(&input, true, 8).unwrap().concat();
        assert!(got.ends_with("ab\u{fffd}cd\n"));
        // A character cut off by the end of the input is invalid too.
        assert!(collect(b"ab\xd0", false, 8).is_err());
    }

    #[test]
    fn tracker_counts_lines_and_fails_the_input_once_bad_bytes_are_met() {
        let source = Source::new(Path::new("t"));
        let mut tracker = Tracker::new(&source);
        assert_eq!(tracker.pass(b"a\nb\n"), 2);
        assert!(tracker.finish().is_ok());
        tracker.invalid(4, "copied as is");
        assert_eq!(tracker.reported, 3);
        // A second bad byte on the same line is not reported again.
        tracker.invalid(5, "copied as is");
        assert_eq!(tracker.reported, 3);
        assert!(matches!(tracker.finish(), Err(Failure::Reported)));
    }

    #[test]
    fn sources_from_arguments() {
        assert_eq!(Source::all(&[]), [Source::stdin()]);
        let got = Source::all(&["-".into(), "a.txt".into()]);
        assert_eq!(got[0].name(), "<stdin>");
        assert_eq!(got[0].path(), None);
        assert_eq!(got[1].name(), "a.txt");
        assert_eq!(got[1].path(), Some(Path::new("a.txt")));
    }
}
