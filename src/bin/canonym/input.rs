//! Reading the inputs of a subcommand: files, or standard input for `-` or no file at all,
//! streamed in chunks of bounded size that end at a line end where possible and never inside
//! a UTF-8 character, each with its absolute byte offset in the input.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The default upper bound on a chunk: large enough that a chunk is a fair "document" for
/// language detection, small enough to keep memory flat on inputs of any size.
pub const CHUNK_SIZE: usize = 1 << 20;

/// One input: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-` or no file argument).
    Stdin,
    /// A file path as given.
    File(PathBuf),
}

impl Source {
    /// The sources named by command-line arguments: `-` is standard input, and no
    /// arguments at all mean standard input alone.
    pub fn from_args(args: &[PathBuf]) -> Vec<Source> {
        if args.is_empty() {
            return vec![Source::Stdin];
        }
        args.iter()
            .map(|a| {
                if a == Path::new("-") {
                    Source::Stdin
                } else {
                    Source::File(a.clone())
                }
            })
            .collect()
    }

    /// The name used in messages: the path, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Opens the source for reading.
    pub fn open(&self) -> io::Result<Box<dyn Read>> {
        Ok(match self {
            Source::Stdin => Box::new(io::stdin().lock()),
            Source::File(p) => Box::new(File::open(p)?),
        })
    }
}

/// A piece of text read from an input, and where it starts.
#[derive(Debug)]
pub struct Chunk<'a> {
    /// The absolute byte offset of the chunk's first byte in the input (for subcommands
    /// that report positions; `translit` only streams).
    #[allow(dead_code)]
    pub offset: u64,
    /// The text; owned only when invalid UTF-8 was replaced in lossy mode.
    pub text: Cow<'a, str>,
}

/// Reads an input as UTF-8 chunks of at most `max` bytes (a longer line is split at the last
/// white space, or else at a character boundary).
pub struct Chunks<R> {
    reader: R,
    name: String,
    lossy: bool,
    buf: Vec<u8>,
    len: usize,
    /// Bytes at the front of `buf` handed out by the previous call.
    consumed: usize,
    /// The absolute offset of `buf[0]`.
    offset: u64,
    eof: bool,
}

impl<R: Read> Chunks<R> {
    /// Chunks of `reader`, named `name` in errors; `lossy` replaces invalid UTF-8 with
    /// U+FFFD instead of failing. `max` is clamped to at least 4 bytes (one character).
    pub fn new(reader: R, name: impl Into<String>, lossy: bool, max: usize) -> Self {
        Chunks {
            reader,
            name: name.into(),
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
    /// A read error, or (unless lossy) invalid UTF-8, reported as `InvalidData` with the
    /// input's name and the absolute byte offset of the first invalid byte.
    pub fn next_chunk(&mut self) -> io::Result<Option<Chunk<'_>>> {
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
                Err(e) => {
                    return Err(io::Error::new(
                        e.kind(),
                        format!("{}: cannot read: {e}", self.name),
                    ));
                }
            }
        }
        if self.len == 0 {
            return Ok(None);
        }
        let data = &self.buf[..self.len];
        let split = if self.eof {
            data.len()
        } else {
            split_point(data)
        };
        let piece = &self.buf[..split];
        let offset = self.offset;
        self.consumed = split;
        let text = match std::str::from_utf8(piece) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) if self.lossy => String::from_utf8_lossy(piece),
            Err(e) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{}: invalid UTF-8 at byte {}",
                        self.name,
                        offset + e.valid_up_to() as u64
                    ),
                ));
            }
        };
        Ok(Some(Chunk { offset, text }))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &[u8], lossy: bool, max: usize) -> io::Result<Vec<(u64, String)>> {
        let mut c = Chunks::new(input, "t", lossy, max);
        let mut out = Vec::new();
        while let Some(ch) = c.next_chunk()? {
            out.push((ch.offset, ch.text.into_owned()));
        }
        Ok(out)
    }

    #[test]
    fn chunks_end_at_lines_then_spaces_then_characters() {
        let got = collect("аб\nвг\nд".as_bytes(), false, 8).unwrap();
        assert_eq!(got, [(0, "аб\n".to_owned()), (5, "вг\nд".to_owned())]);
        let got = collect("аб вгд".as_bytes(), false, 8).unwrap();
        assert_eq!(got, [(0, "аб ".to_owned()), (5, "вгд".to_owned())]);
        let got = collect("абвгд".as_bytes(), false, 5).unwrap();
        assert_eq!(
            got,
            [
                (0, "аб".to_owned()),
                (4, "вг".to_owned()),
                (8, "д".to_owned())
            ]
        );
    }

    #[test]
    fn every_byte_comes_back_once() {
        let text = "Лукашэнка\r\nLukashenka ".repeat(100);
        for max in [4, 5, 7, 64, 1000] {
            let got: String = collect(text.as_bytes(), false, max)
                .unwrap()
                .into_iter()
                .map(|c| c.1)
                .collect();
            assert_eq!(got, text, "max {max}");
        }
    }

    #[test]
    fn invalid_utf8_names_the_absolute_offset() {
        let mut input = "ok\n".repeat(10).into_bytes();
        input.extend_from_slice(b"ab\xffcd\n");
        let err = collect(&input, false, 8).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(err.to_string(), "t: invalid UTF-8 at byte 32");
        let got: String = collect(&input, true, 8)
            .unwrap()
            .into_iter()
            .map(|c| c.1)
            .collect();
        assert!(got.ends_with("ab\u{fffd}cd\n"));
        // A character cut off by the end of the input is invalid too.
        assert!(collect(b"ab\xd0", false, 8).is_err());
    }
}
