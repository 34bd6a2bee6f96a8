//! Where every subcommand writes: standard output or `-o FILE`, buffered, flushed line by
//! line with `--line-buffered` or when standard output is a terminal, or nothing at all with
//! `-q`.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use canonym::{Gazetteer, GazetteerError};

use crate::input::Source;

/// The output of a run (see the module docs).
pub struct Output {
    inner: BufWriter<Box<dyn Write>>,
    /// Flush after every write that ends a line.
    line_buffered: bool,
}

impl Output {
    /// Whether each line is written as soon as it is answered (`--line-buffered`, or a
    /// terminal), so that callers that batch their lines know not to.
    pub fn line_buffered(&self) -> bool {
        self.line_buffered
    }

    /// Opens the output that the global options name, for a run that reads `inputs`.
    ///
    /// # Errors
    ///
    /// `-o FILE` names one of the inputs (creating it would empty it before it is read), or
    /// `FILE: cannot create: …`.
    pub fn open_for(inputs: &[Source]) -> Result<Output> {
        if let Some(out) = crate::global().output_file() {
            let same = |p: &Path| match (fs::canonicalize(p), fs::canonicalize(out)) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            };
            if let Some(input) = inputs.iter().find(|s| s.path().is_some_and(same)) {
                bail!(
                    "-o {}: it is also an input, which writing would empty before it is read; write elsewhere, or use rewrite --in-place",
                    input.name()
                );
            }
        }
        Output::open()
    }

    /// Opens the output that the global options name.
    ///
    /// # Errors
    ///
    /// `FILE: cannot create: …` for `-o FILE`.
    pub fn open() -> Result<Output> {
        let g = crate::global();
        let (inner, terminal): (Box<dyn Write>, bool) = if g.quiet {
            (Box::new(io::sink()), false)
        } else {
            match g.output_file() {
                Some(path) => (
                    Box::new(
                        File::create(path)
                            .with_context(|| format!("{}: cannot create", path.display()))?,
                    ),
                    false,
                ),
                None => {
                    let stdout = io::stdout();
                    let terminal = stdout.is_terminal();
                    (Box::new(stdout.lock()), terminal)
                }
            }
        };
        Ok(Output {
            inner: BufWriter::with_capacity(64 * 1024, inner),
            line_buffered: g.line_buffered || terminal,
        })
    }
}

/// The gazetteer of the run, whose compiled file (if any) is checked block by block as the
/// answers read it (`Gazetteer::damage`).
static WATCHED: OnceLock<&'static Gazetteer> = OnceLock::new();

/// Makes every later write check `gazetteer` for damage first.
pub fn watch(gazetteer: &'static Gazetteer) {
    let _ = WATCHED.set(gazetteer);
}

/// The damage found so far in the run's compiled table file.
pub fn damage() -> Option<GazetteerError> {
    WATCHED.get()?.damage()
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // A damaged block of a compiled file reads as absent: an answer made after one was
        // found may lack what it held, so none is written (the run stops with the damage).
        if let Some(d) = damage() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, d.to_string()));
        }
        self.inner.write_all(buf)?;
        if self.line_buffered && buf.contains(&b'\n') {
            self.inner.flush()?;
        }
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.write(buf).map(|_| ())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` as one line of JSON. A write error comes back as the `io::Error` it is, so
/// that a closed pipe is recognized as one (serde_json wraps it otherwise).
pub fn json_line<W: Write + ?Sized>(out: &mut W, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
