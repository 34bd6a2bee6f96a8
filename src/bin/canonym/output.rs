//! Where every subcommand writes: standard output or `-o FILE`, buffered, flushed line by
//! line with `--line-buffered` or when standard output is a terminal, or nothing at all with
//! `-q`.

use std::fs::{self, File};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::input::Source;

/// The output of a run (see the module docs).
pub struct Output {
    inner: BufWriter<Box<dyn Write>>,
    /// Flush after every write that ends a line.
    line_buffered: bool,
}

impl Output {
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

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
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
