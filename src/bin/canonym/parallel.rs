//! `-j N`: the lines of an input answered on every core, the answers written in input order.

use std::io::Write;
use std::ops::Range;

use anyhow::Result;
use rayon::prelude::*;

use crate::input::Source;

/// Lines read before they are answered together: enough that every thread has many tasks, few
/// enough that memory stays flat (a few hundred KB) on inputs of any length.
const BATCH_LINES: usize = 8192;

/// Lines one task answers into one buffer: long enough that scheduling costs nothing beside
/// the lookups, short enough that the threads finish a batch together.
const TASK_LINES: usize = 128;

/// A batch of lines: their bytes one after another, and each line's range (`None` for a line
/// that is not UTF-8).
#[derive(Default)]
struct Batch {
    text: String,
    lines: Vec<Option<Range<usize>>>,
}

/// Calls `answer` with every line of `source`, as [`Source::for_each_line`] does, but on the
/// threads of rayon's pool (`-j`): each task writes the answers of a run of lines into a
/// buffer of its own, and the buffers are written to `out` in input order — the bytes one
/// thread would write answering line after line. `answer` returns whether the name was found.
///
/// Returns whether every line was read, and whether any line was found.
///
/// # Errors
///
/// The source cannot be opened or read, `answer` failed, or writing to `out` failed.
pub fn answer_lines<W: Write + ?Sized>(
    source: &Source,
    out: &mut W,
    answer: impl Fn(Option<&str>, &mut Vec<u8>) -> Result<bool> + Sync,
) -> Result<(bool, bool)> {
    let (mut clean, mut any_found) = (true, false);
    let mut lines = source.lines()?;
    let mut batch = Batch::default();
    loop {
        batch.text.clear();
        batch.lines.clear();
        while batch.lines.len() < BATCH_LINES {
            let Some(line) = lines.next_line()? else {
                break;
            };
            // Lines that are not UTF-8 are reported here, in input order.
            let range = source.text_of(&line).map(|text| {
                let start = batch.text.len();
                batch.text.push_str(text);
                start..batch.text.len()
            });
            clean &= range.is_some();
            batch.lines.push(range);
        }
        if batch.lines.is_empty() {
            return Ok((clean, any_found));
        }
        let text = batch.text.as_str();
        let answers: Vec<Result<(Vec<u8>, bool)>> = batch
            .lines
            .par_chunks(TASK_LINES)
            .map(|task| {
                let mut buf = Vec::new();
                let mut found = false;
                for range in task {
                    let name = range.clone().and_then(|r| text.get(r));
                    found |= answer(name, &mut buf)?;
                }
                Ok((buf, found))
            })
            .collect();
        for task in answers {
            let (buf, found) = task?;
            out.write_all(&buf)?;
            any_found |= found;
        }
    }
}
