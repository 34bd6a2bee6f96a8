//! `-j N`: an input worked on every core, the output written in input order — the lines of
//! `lookup` and `key`, the documents of `annotate` and `rewrite`, the chunks of `translit`.
//! Each piece is worked into a buffer of its own, with its reports held, and the buffers and
//! reports are written in input order: the bytes one thread would write, whatever N.

use std::io::{self, Read, Write};
use std::ops::Range;

use anyhow::Result;
use rayon::prelude::*;

use crate::input::{Failure, Source, Tracker};

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
    let mut any_found = false;
    let mut batch = Batch::default();
    // The lines are read as `for_each_line` reads them (blocks, one UTF-8 check each; a line
    // that is not UTF-8 is reported there, in input order), and answered a batch at a time.
    let clean = source.for_each_line(|text| {
        let range = text.map(|text| {
            let start = batch.text.len();
            batch.text.push_str(text);
            start..batch.text.len()
        });
        batch.lines.push(range);
        if batch.lines.len() >= BATCH_LINES {
            any_found |= batch.answer(&mut *out, &answer)?;
        }
        Ok(())
    })?;
    any_found |= batch.answer(out, &answer)?;
    Ok((clean, any_found))
}

impl Batch {
    /// Answers the lines of the batch on rayon's threads, writes the answers to `out` in
    /// input order, empties the batch, and says whether any line was found.
    fn answer<W: Write + ?Sized>(
        &mut self,
        out: &mut W,
        answer: &(impl Fn(Option<&str>, &mut Vec<u8>) -> Result<bool> + Sync),
    ) -> Result<bool> {
        let text = self.text.as_str();
        let answers: Vec<Result<(Vec<u8>, bool)>> = self
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
        let mut any_found = false;
        for task in answers {
            let (buf, found) = task?;
            out.write_all(&buf)?;
            any_found |= found;
        }
        self.text.clear();
        self.lines.clear();
        Ok(any_found)
    }
}

/// Where a piece of an input starts: what a thread working on it alone needs to know of the
/// input before it.
#[derive(Clone, Copy, Debug)]
pub struct Start {
    /// The byte offset.
    pub offset: u64,
    /// The line number, from 1.
    pub line: usize,
    /// Characters before it (a byte that is not UTF-8 counts as one), when counted.
    pub chars: usize,
    /// UTF-16 code units before it (a byte that is not UTF-8 counts as one), when counted.
    pub utf16: usize,
}

impl Default for Start {
    fn default() -> Self {
        Start {
            offset: 0,
            line: 1,
            chars: 0,
            utf16: 0,
        }
    }
}

impl Start {
    /// Where the piece after `bytes`, which start here, starts; `chars` counts characters and
    /// UTF-16 units too.
    fn after(self, bytes: &[u8], chars: bool) -> Start {
        // The line is counted by the thread that works the piece (see `work_in_order`).
        let mut next = Start {
            offset: self.offset + bytes.len() as u64,
            ..self
        };
        if chars {
            // Bytes that start a character, and characters outside the BMP (two units); one
            // pass, which the compiler vectorizes.
            let count = |valid: &[u8]| {
                valid.iter().fold((0usize, 0usize), |(n, astral), &b| {
                    (
                        n + usize::from(b & 0xC0 != 0x80),
                        astral + usize::from(b >= 0xF0),
                    )
                })
            };
            if simdutf8::compat::from_utf8(bytes).is_ok() {
                let (n, astral) = count(bytes);
                next.chars += n;
                next.utf16 += n + astral;
            } else {
                for chunk in bytes.utf8_chunks() {
                    let (n, astral) = count(chunk.valid().as_bytes());
                    let invalid = chunk.invalid().len();
                    next.chars += n + invalid;
                    next.utf16 += n + astral + invalid;
                }
            }
        }
        next
    }
}

/// The work on one piece of an input: it reads the piece from the reader, which starts at
/// `Start`, notes bad bytes in the tracker, writes its output, and returns what it found.
pub type Work<'a, T> = dyn Fn(&mut dyn Read, Start, &mut Tracker<'_>, &mut dyn Write) -> Result<T, Failure>
    + Sync
    + 'a;

/// What became of one piece: its output, its held reports (lines counted from its first),
/// the line ends it has, and what it found.
type Worked<T> = (Vec<u8>, Vec<(usize, String)>, usize, Result<T, Failure>);

/// Works the pieces that `next` hands out (consecutive pieces of `source`, the first at
/// `start`) on rayon's pool, while this thread reads the next ones and writes the outputs
/// and prints the reports of those done, in input order, handing what each found to
/// `merge`. At most two pieces per thread are in flight, so that memory stays bounded and no
/// thread waits for a batch to end. Moves `start` past the pieces.
///
/// Returns whether bytes that are not UTF-8 were reported.
///
/// # Errors
///
/// `next` failed, or the first failure of a piece, after the output of the pieces before.
pub fn work_in_order<T: Send>(
    source: &Source,
    start: &mut Start,
    chars: bool,
    out: &mut dyn Write,
    mut next: impl FnMut() -> Result<Option<Vec<u8>>, Failure>,
    work: &Work<'_, T>,
    merge: &mut dyn FnMut(T),
) -> Result<bool, Failure> {
    let in_flight = 2 * crate::global().jobs();
    let mut reported = false;
    // The line the next piece to write starts at: each piece counts its own lines.
    let mut line = start.line;
    let mut write = |worked: Worked<T>| -> Result<(), Failure> {
        let (buf, reports, lines, result) = worked;
        out.write_all(&buf).map_err(Failure::Output)?;
        reported |= !reports.is_empty();
        for (n, what) in reports {
            crate::report(&source.at_line(line + n - 1, what));
        }
        line += lines;
        match result {
            Ok(found) => merge(found),
            Err(Failure::Reported) => reported = true,
            Err(f) => return Err(f),
        }
        Ok(())
    };
    rayon::in_place_scope(|scope| -> Result<(), Failure> {
        let mut pending: std::collections::VecDeque<std::sync::mpsc::Receiver<Worked<T>>> =
            std::collections::VecDeque::new();
        loop {
            // Write what is done, in order; wait for the oldest piece when enough are
            // in flight.
            while let Some(rx) = pending.front() {
                let worked = if pending.len() >= in_flight {
                    rx.recv().ok()
                } else {
                    rx.try_recv().ok()
                };
                let Some(worked) = worked else { break };
                pending.pop_front();
                write(worked)?;
            }
            let Some(piece) = next()? else { break };
            let at = *start;
            *start = at.after(&piece, chars);
            let (tx, rx) = std::sync::mpsc::sync_channel::<Worked<T>>(1);
            pending.push_back(rx);
            scope.spawn(move |_| {
                let mut buf = Vec::with_capacity(piece.len() + piece.len() / 4);
                let mut tracker = Tracker::at_line(source, 1, true);
                let result = work(&mut &piece[..], at, &mut tracker, &mut buf);
                let lines = tracker.lines_passed();
                let _ = tx.send((buf, tracker.take_reports(), lines, result));
            });
        }
        for rx in pending {
            // A piece that panicked sends nothing; the scope passes its panic on.
            if let Ok(worked) = rx.recv() {
                write(worked)?;
            }
        }
        Ok(())
    })?;
    start.line = line;
    Ok(reported)
}

/// Bytes read at a time while looking for the end of a document.
const READ: usize = 1 << 20;

/// A document longer than this is not held in memory: the rest of the input is worked on one
/// thread, streamed.
const MAX_DOCUMENT: usize = 8 << 20;

/// Works the documents of `source` (see `canonym::document_end`) on every core, as
/// [`work_in_order`] does; a document longer than 8 MiB and everything after it is streamed
/// through `work` on this thread.
///
/// # Errors
///
/// The source cannot be opened or read (after the output of the documents before), or a
/// document failed.
pub fn documents<T: Send>(
    source: &Source,
    chars: bool,
    out: &mut dyn Write,
    work: &Work<'_, T>,
    merge: &mut dyn FnMut(T),
) -> Result<(), Failure> {
    let mut reader = source.open().map_err(Failure::Input)?;
    let mut start = Start::default();
    let mut pending: Vec<u8> = Vec::new();
    let mut eof = false;
    let mut long = false;
    let next = || -> Result<Option<Vec<u8>>, Failure> {
        loop {
            if eof && pending.is_empty() {
                return Ok(None);
            }
            match canonym::document_end(&pending) {
                Some(end) => {
                    let rest = pending.split_off(end);
                    return Ok(Some(std::mem::replace(&mut pending, rest)));
                }
                None if eof => return Ok(Some(std::mem::take(&mut pending))),
                None if pending.len() >= MAX_DOCUMENT => {
                    long = true;
                    return Ok(None);
                }
                None => {
                    eof = read_more(&mut reader, &mut pending, READ)
                        .map_err(|e| Failure::Input(source.cannot_read(e)))?;
                }
            }
        }
    };
    let mut reported = work_in_order(source, &mut start, chars, out, next, work, merge)?;
    if long {
        let mut tracker = Tracker::at_line(source, start.line, false);
        let mut rest = io::Cursor::new(pending).chain(reader);
        let result = work(&mut rest, start, &mut tracker, out);
        reported |= tracker.finish().is_err();
        match result {
            Ok(found) => merge(found),
            Err(Failure::Reported) => reported = true,
            Err(f) => return Err(f),
        }
    }
    if reported {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// Reads up to `n` more bytes into `buf` (fewer while it is small: a small file should not
/// cost a megabyte zeroed); returns whether the input ended.
fn read_more(reader: &mut dyn Read, buf: &mut Vec<u8>, n: usize) -> io::Result<bool> {
    let len = buf.len();
    let n = n.min(len.max(64 * 1024));
    buf.resize(len + n, 0);
    let mut filled = len;
    let result = loop {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break Ok(true),
            Ok(k) => {
                filled += k;
                if filled == buf.len() {
                    break Ok(false);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => break Err(e),
        }
    };
    buf.truncate(filled);
    result
}

/// The work on one piece of one of several inputs (see [`Work`]).
pub type SourceWork<'a, T> = dyn Fn(&Source, &mut dyn Read, Start, &mut Tracker<'_>, &mut dyn Write) -> Result<T, Failure>
    + Sync
    + 'a;

/// Work for a thread of the pool: a piece of input `k` at `Start`, or the end of an input
/// (with the failure that ended it early, if any), passed through to keep its place.
enum Job {
    Piece(usize, Vec<u8>, Start),
    End(Option<Failure>),
}

/// What became of a [`Job`].
enum Done<T> {
    Piece(usize, Worked<T>),
    End(Option<Failure>),
}

/// Pieces are handed to the pool in groups of at least this many bytes: a small file alone
/// costs less to work than to hand to another thread.
const GROUP: usize = 256 * 1024;

/// Works the documents of every input (see `canonym::document_end`) on every core, as
/// [`work_in_order`] does for one, without waiting for one input to end before the next
/// starts: small files are worked in groups, several groups at once. Inputs fail one by one
/// as with [`crate::input::each_source`]: a failure to open or read one is reported after the
/// output before it, and the run goes on. A document longer than 8 MiB and the rest of its
/// input are streamed on this thread once the pieces before are written.
///
/// Returns whether every input was read whole.
///
/// # Errors
///
/// Writing to `out` failed, or a piece failed to write (an output error).
pub fn sources_in_order<T: Send>(
    sources: &[Source],
    chars: bool,
    out: &mut dyn Write,
    work: &SourceWork<'_, T>,
    merge: &mut dyn FnMut(T),
) -> Result<bool> {
    let in_flight = 2 * crate::global().jobs();
    let mut state = Written {
        clean: true,
        source: usize::MAX,
        line: 1,
    };
    let write = |state: &mut Written,
                 done: Done<T>,
                 out: &mut dyn Write,
                 merge: &mut dyn FnMut(T)|
     -> Result<()> {
        let (k, worked) = match done {
            Done::End(None) => return Ok(()),
            Done::End(Some(failure)) => {
                state.clean = false;
                return match failure {
                    Failure::Input(e) => {
                        out.flush()?;
                        crate::report(&e);
                        Ok(())
                    }
                    Failure::Reported => Ok(()),
                    Failure::Output(e) => Err(e.into()),
                };
            }
            Done::Piece(k, worked) => (k, worked),
        };
        if k != state.source {
            (state.source, state.line) = (k, 1);
        }
        let (buf, reports, lines, result) = worked;
        out.write_all(&buf)?;
        state.clean &= reports.is_empty();
        for (n, what) in reports {
            crate::report(&sources[k].at_line(state.line + n - 1, what));
        }
        state.line += lines;
        match result {
            Ok(found) => merge(found),
            Err(Failure::Reported) => state.clean = false,
            Err(Failure::Input(e)) => {
                state.clean = false;
                out.flush()?;
                crate::report(&e);
            }
            Err(Failure::Output(e)) => return Err(e.into()),
        }
        Ok(())
    };
    let work_one = |k: usize, piece: Vec<u8>, at: Start| -> Worked<T> {
        let source = &sources[k];
        let mut buf = Vec::with_capacity(piece.len() + piece.len() / 4);
        let mut tracker = Tracker::at_line(source, 1, true);
        let result = work(source, &mut &piece[..], at, &mut tracker, &mut buf);
        let lines = tracker.lines_passed();
        (buf, tracker.take_reports(), lines, result)
    };
    type Queue<T> = std::collections::VecDeque<std::sync::mpsc::Receiver<Vec<Done<T>>>>;
    rayon::in_place_scope(|scope| -> Result<()> {
        let mut queue: Queue<T> = std::collections::VecDeque::new();
        let (mut group, mut group_bytes): (Vec<Job>, usize) = (Vec::new(), 0);
        // Hands the group to the pool.
        let hand = |group: &mut Vec<Job>, queue: &mut Queue<T>| {
            if group.is_empty() {
                return;
            }
            let jobs = std::mem::take(group);
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            queue.push_back(rx);
            let work_one = &work_one;
            scope.spawn(move |_| {
                let done = jobs
                    .into_iter()
                    .map(|job| match job {
                        Job::Piece(k, piece, at) => Done::Piece(k, work_one(k, piece, at)),
                        Job::End(failure) => Done::End(failure),
                    })
                    .collect();
                let _ = tx.send(done);
            });
        };
        // Writes what is done, in order; waits for the oldest group when enough are in
        // flight (or, with `all`, for every group).
        let drain = |queue: &mut Queue<T>,
                     all: bool,
                     state: &mut Written,
                     out: &mut dyn Write,
                     merge: &mut dyn FnMut(T)|
         -> Result<()> {
            while let Some(rx) = queue.front() {
                let done = if all || queue.len() >= in_flight {
                    // A group that panicked sends nothing; the scope passes its panic on.
                    rx.recv().unwrap_or_default()
                } else {
                    match rx.try_recv() {
                        Ok(done) => done,
                        Err(_) => break,
                    }
                };
                queue.pop_front();
                for d in done {
                    write(state, d, out, merge)?;
                }
            }
            Ok(())
        };
        for (k, source) in sources.iter().enumerate() {
            let mut reader = match source.open() {
                Ok(reader) => reader,
                Err(e) => {
                    group.push(Job::End(Some(Failure::Input(e))));
                    continue;
                }
            };
            let (mut start, mut pending, mut eof) = (Start::default(), Vec::new(), false);
            let end = loop {
                if group_bytes >= GROUP {
                    hand(&mut group, &mut queue);
                    group_bytes = 0;
                }
                drain(&mut queue, false, &mut state, out, merge)?;
                if eof && pending.is_empty() {
                    break None;
                }
                let piece = match canonym::document_end(&pending) {
                    Some(end) => {
                        let rest = pending.split_off(end);
                        std::mem::replace(&mut pending, rest)
                    }
                    None if eof => std::mem::take(&mut pending),
                    None if pending.len() >= MAX_DOCUMENT => break Some(None),
                    None => {
                        match read_more(&mut reader, &mut pending, READ) {
                            Ok(end) => eof = end,
                            Err(e) => break Some(Some(Failure::Input(source.cannot_read(e)))),
                        }
                        continue;
                    }
                };
                let at = start;
                start = at.after(&piece, chars);
                group_bytes += piece.len();
                group.push(Job::Piece(k, piece, at));
            };
            match end {
                None => group.push(Job::End(None)),
                Some(Some(failure)) => group.push(Job::End(Some(failure))),
                // A document too long to hold: the pieces before it are written, then the
                // rest of this input is streamed on this thread.
                Some(None) => {
                    hand(&mut group, &mut queue);
                    group_bytes = 0;
                    drain(&mut queue, true, &mut state, out, merge)?;
                    let first = if state.source == k { state.line } else { 1 };
                    let mut tracker = Tracker::at_line(source, first, false);
                    let mut rest = io::Cursor::new(pending).chain(reader);
                    let result = work(source, &mut rest, start, &mut tracker, out);
                    let failure = match (result, tracker.finish()) {
                        (Ok(found), Ok(())) => {
                            merge(found);
                            None
                        }
                        (Ok(found), Err(f)) => {
                            merge(found);
                            Some(f)
                        }
                        (Err(f), _) => Some(f),
                    };
                    write(&mut state, Done::End(failure), out, merge)?;
                }
            }
        }
        hand(&mut group, &mut queue);
        drain(&mut queue, true, &mut state, out, merge)
    })?;
    Ok(state.clean)
}

/// What the writing of [`sources_in_order`] knows: whether every input was read whole, and
/// the input and line the next piece written starts at.
struct Written {
    clean: bool,
    source: usize,
    line: usize,
}
