//! Compiled gazetteer files: a gazetteer written once (`canonym compile`,
//! [`crate::Gazetteer::write_to`]) and read in place by every later run, mapped rather than
//! rebuilt from its tables.
//!
//! # Layout (version 11, little-endian)
//!
//! ```text
//! 0   16  magic  \x89 "canonym-gaz" \r \n \x1a \n
//! 16   4  format version (11)
//! 20   4  flags: bit 0 = the built-in tables are part of it
//! 24   4  number of sections (SECTIONS.len())
//! 28   4  zero
//! 32   8  length of the whole file
//! 40   8  the rules' fingerprint (`RULES_FINGERPRINT`: the folding, declension and table
//!         rules that made the stored words; a file made by other rules is refused)
//! 48   8  zero
//! 56   8  XXH3-64 of bytes 0..56 and the directory
//! 64      directory: per section 32 bytes: id, element size (u32), offset, length, checksum
//!         (u64: XXH3-64 of the block sums, zero for every other section)
//!         then the sections, each at an offset that is a multiple of 8, zeros between them
//! ```
//!
//! The sections are those of [`Compiled`], flat: arrays of little-endian `u32` (patterns, spans,
//! lexemes as fixed-width records), `u64` (the Bloom filters), UTF-8 text, and per string map
//! four sections: an open-addressing hash table of `(hash tag, entry + 1)` pairs over the
//! entries, where each key ends in the map's key text, and the entries' values. Entities are
//! records (see [`write_entity`]) found through an offset array, and become [`Entity`] values
//! only when an answer needs one. The last section, the block sums, holds the XXH3-64 of every
//! [`BLOCK`] bytes from the end of the directory to the block sums themselves.
//!
//! # Checks
//!
//! Opening a file checks what does not grow with it: the header, the directory, every
//! section's bounds and alignment, the zeros between sections, the block sums' own checksum and
//! the few numbers the reads rely on. Every other byte is checked when it is first read: each
//! read names its bytes, and the blocks under them are hashed and compared with their sums the
//! first time (a bit per block remembers it). So a lookup in a file of gigabytes costs what its
//! answer touches, not a pass over the file, and still no answer is ever made from a byte that
//! did not match its checksum: a damaged block reads as absent, and the damage is kept for
//! [`GazFile::damage`], which the command line checks before it writes any answer.
//! [`GazFile::verify`] checks every block at once. Every read is bounds-checked too, so a file
//! crafted to pass the checks can make answers wrong but never make canonym panic or read out
//! of bounds. Big-endian hosts refuse the file (the arrays are read in place as native
//! integers).

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::format::{Compiled, Form, Lexeme, Pattern, Span};
use crate::entity::{Entity, Name, Text};
use crate::str_map::StrMap;
use crate::table::{Derivation, Flags, Kind};

/// The first bytes of every compiled gazetteer file. As PNG's: a non-ASCII first byte, and the
/// line endings and end-of-file byte that a text-mode transfer would mangle.
pub(crate) const MAGIC: [u8; 16] = *b"\x89canonym-gaz\r\n\x1a\n";
/// The format version this crate writes and reads.
pub(crate) const VERSION: u32 = 11;

include!(concat!(env!("OUT_DIR"), "/rules_fingerprint.rs"));
/// The bytes under one block sum: a page. Reads of a large file are scattered (a pattern here,
/// an entity record there), and each first read of a block hashes all of it. The sums of a
/// 1.8 GB file are then 3.4 MB, hashed once when the file is opened.
const BLOCK: usize = 4 * 1024;
const HEADER: usize = 64;
const DIR_ENTRY: usize = 32;
/// The header flag: the built-in tables were compiled in.
const FLAG_BUILTIN: u32 = 1;

/// The sections, in file order: name and element size in bytes.
const SECTIONS: [(&str, usize); 43] = [
    ("meta", 4),
    ("entity offsets", 8),
    ("entity records", 1),
    ("form entities", 4),
    ("patterns", 4 * PATTERN_WORDS),
    ("spans", 8),
    ("text", 1),
    ("lexemes", 4 * LEXEME_WORDS),
    ("occurrences", 4),
    ("refs", 4),
    ("fold filter", 8),
    ("key filter", 8),
    ("set word filter", 8),
    ("start filter", 8),
    ("aliases: slots", 8),
    ("aliases: key ends", 4),
    ("aliases: keys", 1),
    ("aliases: values", 4 * FORM_WORDS),
    ("keys: slots", 8),
    ("keys: key ends", 4),
    ("keys: keys", 1),
    ("keys: values", 4 * FORM_WORDS),
    ("token sets: slots", 8),
    ("token sets: key ends", 4),
    ("token sets: keys", 1),
    ("token sets: values", 4 * FORM_WORDS),
    ("stem sets: slots", 8),
    ("stem sets: key ends", 4),
    ("stem sets: keys", 1),
    ("stem sets: values", 4 * FORM_WORDS),
    ("stems: slots", 8),
    ("stems: key ends", 4),
    ("stems: keys", 1),
    ("stems: values", 4 * FORM_WORDS),
    ("fold index: slots", 8),
    ("fold index: key ends", 4),
    ("fold index: keys", 1),
    ("fold index: values", 8),
    ("key index: slots", 8),
    ("key index: key ends", 4),
    ("key index: keys", 1),
    ("key index: values", 8),
    ("block sums", 8),
];

const META: usize = 0;
const ENTITY_OFFSETS: usize = 1;
const ENTITY_RECORDS: usize = 2;
const FORM_ENTITIES: usize = 3;
const PATTERNS: usize = 4;
const SPANS: usize = 5;
const TEXT: usize = 6;
const LEXEMES: usize = 7;
const OCCURRENCES: usize = 8;
const REFS: usize = 9;
const FOLD_FILTER: usize = 10;
const KEY_FILTER: usize = 11;
const SET_WORD_FILTER: usize = 12;
const START_FILTER: usize = 13;
/// The first section of each string map (slots, key ends, keys, values follow in that order).
const ALIASES: usize = 14;
const KEYS: usize = 18;
const TOKEN_SETS: usize = 22;
const STEM_SETS: usize = 26;
const STEMS: usize = 30;
const FOLD_INDEX: usize = 34;
const KEY_INDEX: usize = 38;
const BLOCK_SUMS: usize = 42;
const MAPS: [usize; 7] = [
    ALIASES, KEYS, TOKEN_SETS, STEM_SETS, STEMS, FOLD_INDEX, KEY_INDEX,
];

const PATTERN_WORDS: usize = 9;
/// A lexeme's record: where its six groups begin, and where the last ends (see [`Lexeme`]).
const LEXEME_WORDS: usize = 7;
const FORM_WORDS: usize = 5;

/// Why a file is not a gazetteer this crate can read: what, and where in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileError(String);

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(message: String) -> FileError {
    FileError(message)
}

/// Whether `bytes` start as a compiled gazetteer file does.
pub(crate) fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The compiled file of `entities` and `compiled`, in memory (see [`write_into`]).
pub(crate) fn write(
    entities: &[Entity],
    compiled: &Compiled,
    builtin: bool,
) -> std::io::Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    write_into(entities, compiled, builtin, &mut out)?;
    Ok(out.into_inner())
}

/// Writes the compiled file of `entities` and `compiled` into `out`, section by section, then
/// goes back to the start for the header and directory, which only then are known. Nothing
/// holds the whole file: a table of a million persons (nearly 2 GB of file) is written with no more
/// memory than its largest section takes. A table too large for the format (a map's keys over
/// 4 GiB) is an error of kind [`std::io::ErrorKind::InvalidInput`].
pub(crate) fn write_into<W: std::io::Write + std::io::Seek>(
    entities: &[Entity],
    compiled: &Compiled,
    builtin: bool,
    out: W,
) -> std::io::Result<()> {
    let mut w = Writer::new(out)?;
    let words = |n: usize| u32::try_from(n).map_err(|_| too_large(format!("{n} is too large")));
    // Three numbers, then the marked letters the users' tables write (as code points).
    let mut meta = vec![
        words(compiled.max_name_words)?,
        words(compiled.max_words)?,
        words(entities.len())?,
    ];
    meta.extend(compiled.written_marks.iter().map(|&c| u32::from(c)));
    w.u32s(&meta)?;
    let mut records = Vec::new();
    let mut offsets = Vec::with_capacity(entities.len() + 1);
    offsets.push(0u64);
    for e in entities {
        write_entity(e, &mut records);
        offsets.push(records.len() as u64);
    }
    w.u64s(&offsets)?;
    drop(offsets);
    w.bytes(&records)?;
    drop(records);
    w.u32s(&compiled.form_entities)?;
    let mut flat = Vec::with_capacity(compiled.patterns.len() * PATTERN_WORDS);
    for p in &compiled.patterns {
        flat.extend_from_slice(&pattern_words(p));
    }
    w.u32s(&flat)?;
    flat.clear();
    for &(a, b) in &compiled.spans {
        flat.extend_from_slice(&[a, b]);
    }
    w.u32s(&flat)?;
    w.bytes(compiled.text.as_bytes())?;
    flat.clear();
    for l in &compiled.lexemes {
        flat.extend_from_slice(&[
            l.start, l.latent, l.multi, l.longer, l.later, l.inner, l.end,
        ]);
    }
    w.u32s(&flat)?;
    drop(flat);
    w.u32s(&compiled.occurrences)?;
    w.u32s(&compiled.refs)?;
    w.u64s(&compiled.fold_filter)?;
    w.u64s(&compiled.key_filter)?;
    w.u64s(&compiled.set_word_filter)?;
    w.u64s(&compiled.start_filter)?;
    for map in [
        &compiled.aliases,
        &compiled.keys,
        &compiled.token_sets,
        &compiled.stem_sets,
        &compiled.stems,
    ] {
        w.map(map, |f| form_words(f).to_vec())?;
    }
    for map in [&compiled.fold_index, &compiled.key_index] {
        w.map(map, |&(a, b)| vec![a, b])?;
    }
    w.block_sums()?;
    w.finish(builtin)
}

/// A table too large for the format, as an error of writing.
fn too_large(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidInput, err(message).to_string())
}

/// Writes sections one after another, hashing each [`BLOCK`] after the directory as it goes
/// (see [`Writer::block_sums`]).
struct Writer<W> {
    out: W,
    /// Bytes written so far: the offset of the next one.
    pos: usize,
    /// Offset and length of each section written.
    dir: Vec<(usize, usize)>,
    /// The hash of the block being written, and how many of its bytes it has had.
    block: Xxh3,
    in_block: usize,
    /// The sums of the blocks written, until [`Writer::block_sums`] writes them.
    sums: Vec<u64>,
    summing: bool,
    /// Little-endian bytes of an array on their way out, a piece at a time.
    piece: Vec<u8>,
}

impl<W: std::io::Write + std::io::Seek> Writer<W> {
    /// Starts the file with zeros where the header and directory go.
    fn new(out: W) -> std::io::Result<Self> {
        let mut w = Writer {
            out,
            pos: 0,
            dir: Vec::with_capacity(SECTIONS.len()),
            block: Xxh3::new(),
            in_block: 0,
            sums: Vec::new(),
            summing: false,
            piece: Vec::new(),
        };
        w.put(&[0; HEADER + DIR_ENTRY * SECTIONS.len()])?;
        w.summing = true;
        Ok(w)
    }

    fn put(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.pos += bytes.len();
        while self.summing && !bytes.is_empty() {
            let (now, rest) = bytes.split_at(bytes.len().min(BLOCK - self.in_block));
            self.block.update(now);
            self.in_block += now.len();
            if self.in_block == BLOCK {
                self.sums.push(self.block.digest());
                self.block.reset();
                self.in_block = 0;
            }
            bytes = rest;
        }
        Ok(())
    }

    /// Zeros up to the next multiple of 8, where every section starts.
    fn align(&mut self) -> std::io::Result<()> {
        let pad = (8 - self.pos % 8) % 8;
        self.put([0; 8].get(..pad).unwrap_or_default())
    }

    fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.align()?;
        self.dir.push((self.pos, bytes.len()));
        self.put(bytes)
    }

    /// An array of little-endian numbers, `size` bytes each, converted a piece at a time.
    fn numbers<T: Copy, const N: usize>(
        &mut self,
        items: &[T],
        to_le: impl Fn(T) -> [u8; N],
    ) -> std::io::Result<()> {
        self.align()?;
        self.dir.push((self.pos, items.len() * N));
        let mut piece = std::mem::take(&mut self.piece);
        for chunk in items.chunks(BLOCK / N) {
            piece.clear();
            for &x in chunk {
                piece.extend_from_slice(&to_le(x));
            }
            self.put(&piece)?;
        }
        self.piece = piece;
        Ok(())
    }

    fn u32s(&mut self, words: &[u32]) -> std::io::Result<()> {
        self.numbers(words, u32::to_le_bytes)
    }

    fn u64s(&mut self, words: &[u64]) -> std::io::Result<()> {
        self.numbers(words, u64::to_le_bytes)
    }

    /// A string map as four sections: slots, key ends, keys, values (see the module docs).
    fn map<V>(&mut self, map: &StrMap<V>, value: impl Fn(&V) -> Vec<u32>) -> std::io::Result<()> {
        let slots_len = (map.len() * 2).max(1).next_power_of_two();
        let mut slots = vec![0u32; slots_len * 2];
        let mut ends = Vec::with_capacity(map.len());
        let mut keys = String::new();
        let mut values = Vec::new();
        for (i, (key, v)) in map.iter().enumerate() {
            keys.push_str(key);
            ends.push(
                u32::try_from(keys.len())
                    .map_err(|_| too_large("the keys of a map exceed 4 GiB".into()))?,
            );
            values.extend(value(v));
            let (tag, mut at) = slot_of(key.as_bytes(), slots_len);
            // At most half the slots are full, so a free one is found.
            while slots.get(at * 2 + 1).is_some_and(|&e| e != 0) {
                at = (at + 1) & (slots_len - 1);
            }
            if let Some(s) = slots.get_mut(at * 2..at * 2 + 2) {
                s.copy_from_slice(&[tag, i as u32 + 1]);
            }
        }
        self.u32s(&slots)?;
        drop(slots);
        self.u32s(&ends)?;
        drop(ends);
        self.bytes(keys.as_bytes())?;
        drop(keys);
        self.u32s(&values)?;
        Ok(())
    }

    /// The last section: the sums of every [`BLOCK`] bytes after the directory, up to this
    /// section (the zeros that align it included).
    fn block_sums(&mut self) -> std::io::Result<()> {
        self.align()?;
        if self.in_block > 0 {
            self.sums.push(self.block.digest());
        }
        self.summing = false;
        let sums = std::mem::take(&mut self.sums);
        self.u64s(&sums)?;
        self.sums = sums;
        Ok(())
    }

    /// The header and directory, written over the zeros at the start.
    fn finish(mut self, builtin: bool) -> std::io::Result<()> {
        let len = self.pos as u64;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(&MAGIC);
        header.extend_from_slice(&VERSION.to_le_bytes());
        let flags = if builtin { FLAG_BUILTIN } else { 0 };
        header.extend_from_slice(&flags.to_le_bytes());
        header.extend_from_slice(&(SECTIONS.len() as u32).to_le_bytes());
        header.extend_from_slice(&0u32.to_le_bytes());
        header.extend_from_slice(&len.to_le_bytes());
        header.extend_from_slice(&RULES_FINGERPRINT.to_le_bytes());
        header.resize(56, 0);
        // The block sums cover every other section; their own checksum is in the directory.
        let mut sums = Xxh3::new();
        for s in &self.sums {
            sums.update(&s.to_le_bytes());
        }
        let mut dir = Vec::with_capacity(DIR_ENTRY * SECTIONS.len());
        for (id, (&(offset, len), (_, size))) in self.dir.iter().zip(SECTIONS).enumerate() {
            let sum = if id == BLOCK_SUMS { sums.digest() } else { 0 };
            dir.extend_from_slice(&(id as u32).to_le_bytes());
            dir.extend_from_slice(&(size as u32).to_le_bytes());
            dir.extend_from_slice(&(offset as u64).to_le_bytes());
            dir.extend_from_slice(&(len as u64).to_le_bytes());
            dir.extend_from_slice(&sum.to_le_bytes());
        }
        let mut h = Xxh3::new();
        h.update(&header);
        h.update(&dir);
        header.extend_from_slice(&h.digest().to_le_bytes());
        header.extend_from_slice(&dir);
        self.out.seek(std::io::SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.seek(std::io::SeekFrom::Start(len))?;
        self.out.flush()
    }
}

/// The hash tag and first slot of a key in a table of `slots` slots (a power of two). XXH3 is
/// specified, so the files of every build and platform agree.
#[inline]
fn slot_of(key: &[u8], slots: usize) -> (u32, usize) {
    let h = xxh3_64(key);
    ((h >> 32) as u32, h as usize & (slots - 1))
}

fn form_words(f: &Form) -> [u32; FORM_WORDS] {
    let derivation = match f.derivation {
        Derivation::Listed => 0,
        Derivation::Reordered => 1,
        Derivation::NoPatronymic => 2,
        Derivation::Initial => 3,
    };
    [f.entities.0, f.entities.1, f.name.0, f.name.1, derivation]
}

fn form_of(w: &[u32]) -> Option<Form> {
    let &[a, b, e, n, d] = w else { return None };
    let derivation = match d {
        0 => Derivation::Listed,
        1 => Derivation::Reordered,
        2 => Derivation::NoPatronymic,
        3 => Derivation::Initial,
        _ => return None,
    };
    Some(Form {
        entities: (a, b),
        name: (e, n),
        derivation,
    })
}

fn pattern_words(p: &Pattern) -> [u32; PATTERN_WORDS] {
    let flags = u32::from(p.derived)
        | u32::from(p.surname) << 1
        | u32::from(p.latent) << 2
        | u32::from(p.person) << 3
        | u32::from(p.context) << 4
        | u32::from(p.lowercase) << 5;
    [
        p.entity,
        p.len,
        p.gaps.0,
        p.gaps.1,
        p.tail.0,
        p.tail.1,
        p.case_sensitive.0,
        p.case_sensitive.1,
        flags,
    ]
}

fn pattern_of(w: &[u32]) -> Option<Pattern> {
    let &[entity, len, g0, g1, t0, t1, c0, c1, flags] = w else {
        return None;
    };
    Some(Pattern {
        entity,
        len,
        gaps: (g0, g1),
        tail: (t0, t1),
        case_sensitive: (c0, c1),
        derived: flags & 1 != 0,
        surname: flags & 2 != 0,
        latent: flags & 4 != 0,
        person: flags & 8 != 0,
        context: flags & 16 != 0,
        lowercase: flags & 32 != 0,
    })
}

/// Appends an entity's record: every field, in order, through [`Record`]. The one place that
/// knows an entity's fields on disk, with [`read_entity`]: a new field is added to both.
pub(crate) fn write_entity(e: &Entity, out: &mut Vec<u8>) {
    let mut r = RecordWriter(out);
    r.str(e.id());
    r.str(e.kind().as_str());
    r.str(e.canonical());
    match e.qid() {
        Some(q) => {
            r.0.push(1);
            r.str(q);
        }
        None => r.0.push(0),
    }
    r.str(e.description());
    r.len(e.names().len());
    for n in e.names() {
        r.str(n.text());
        r.str(n.lang());
        r.str(n.source());
        let f = n.flags;
        r.0.push(
            u8::from(f.case_sensitive)
                | u8::from(f.exact) << 1
                | u8::from(f.no_text) << 2
                | u8::from(f.surname) << 3
                | u8::from(f.context) << 4
                | u8::from(f.shared) << 5,
        );
    }
    match e.weight() {
        Some(w) => {
            r.0.push(1);
            r.0.extend_from_slice(&w.to_le_bytes());
        }
        None => r.0.push(0),
    }
    r.len(e.properties().len());
    for (k, v) in e.properties() {
        r.str(k);
        r.str(v);
    }
}

/// The entity of a record written by [`write_entity`]; `None` when the record is malformed.
pub(crate) fn read_entity(bytes: &[u8]) -> Option<Entity> {
    let mut r = Record(bytes);
    let id = r.text()?;
    let kind = r.str()?;
    let kind = [
        Kind::Person,
        Kind::Place,
        Kind::Organization,
        Kind::Media,
        Kind::Other,
    ]
    .into_iter()
    .find(|k| k.as_str() == kind)?;
    let canonical = r.text()?;
    let qid = match r.byte()? {
        0 => None,
        1 => Some(r.text()?),
        _ => return None,
    };
    let description = r.text()?;
    let n = r.len()?;
    // Each name takes at least four bytes: a count beyond that is a lie, not an allocation.
    if n > r.0.len() / 4 {
        return None;
    }
    let mut names = Vec::with_capacity(n);
    for _ in 0..n {
        let text = r.text()?;
        let lang = r.text()?;
        let source = r.text()?;
        let f = r.byte()?;
        if f > 63 {
            return None;
        }
        names.push(Name {
            text,
            lang,
            source,
            flags: Flags {
                case_sensitive: f & 1 != 0,
                exact: f & 2 != 0,
                no_text: f & 4 != 0,
                surname: f & 8 != 0,
                context: f & 16 != 0,
                shared: f & 32 != 0,
            },
        });
    }
    let weight = match r.byte()? {
        0 => None,
        1 => {
            let mut bytes = [0u8; 8];
            for b in &mut bytes {
                *b = r.byte()?;
            }
            Some(crate::table::Weight::new(f64::from_le_bytes(bytes))?)
        }
        _ => return None,
    };
    let n = r.len()?;
    // Each property takes at least two bytes.
    if n > r.0.len() / 2 {
        return None;
    }
    let mut properties = Vec::with_capacity(n);
    for _ in 0..n {
        properties.push((r.text()?, r.text()?));
    }
    if !r.0.is_empty() {
        return None;
    }
    Some(Entity {
        id,
        kind,
        canonical,
        qid,
        description,
        names: names.into(),
        properties: properties.into(),
        weight,
    })
}

/// The ID of a record: its first field, read without the rest.
fn record_id(bytes: &[u8]) -> Option<&str> {
    Record(bytes).str()
}

struct RecordWriter<'a>(&'a mut Vec<u8>);

impl RecordWriter<'_> {
    /// A LEB128 length.
    fn len(&mut self, mut n: usize) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// A record being read: what is left of it.
struct Record<'a>(&'a [u8]);

impl<'a> Record<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn len(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        let s = self.0.get(..n)?;
        self.0 = self.0.get(n..)?;
        std::str::from_utf8(s).ok()
    }

    fn text(&mut self) -> Option<Text> {
        self.str().map(|s| Text::from(Arc::<str>::from(s)))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// A compiled gazetteer file, checked, read in place.
pub(crate) struct GazFile {
    data: Data,
    /// Each section's byte range, checked against the file's length and alignment.
    sections: [Range<usize>; SECTIONS.len()],
    builtin: bool,
    /// The path it was read from (`<bytes>` for a copy), for messages.
    label: String,
    max_name_words: usize,
    max_words: usize,
    entity_count: usize,
    /// See [`Compiled::written_marks`].
    written_marks: Vec<char>,
    /// Where the blocks under the block sums begin (the end of the directory) and end (the
    /// start of the block sums).
    blocks: Range<usize>,
    /// A bit per block: its bytes matched their sum.
    verified: Box<[AtomicU64]>,
    /// A bit per lexeme: its groups are in order and their occurrences checked (see
    /// [`GazFile::lexeme`]). A common word's occurrences span dozens of blocks, and the matcher
    /// asks for its groups once for every pattern it tries.
    lexemes_checked: Box<[AtomicU64]>,
    /// Per section: every block of it matched (for the sections read whole, such as the
    /// filters, which are read for every word of running text).
    whole: [AtomicBool; SECTIONS.len()],
    /// The first block that did not match its sum.
    damage: OnceLock<FileError>,
    /// The entities materialised so far, in chunks made on first use: a lookup of one name in
    /// a file of a million entities makes one entity, not a million.
    cache: Vec<OnceLock<Chunk>>,
    /// All the entities, for [`GazFile::entities`].
    all: OnceLock<Vec<Entity>>,
    /// The indices of the organizations and media, for [`GazFile::organizations`].
    organizations: OnceLock<Vec<u32>>,
}

const CHUNK: usize = 256;

/// [`CHUNK`] entities, each made on first use (`None`: a malformed record). Boxed: a mention
/// search in a large table reads a few entities of each chunk (namesakes are scattered over
/// the IDs), and a chunk of entities held in place was 45 KB to allocate and write for each
/// of them, 9% of annotating text with a million persons; a chunk of boxes is 4 KB.
type Chunk = Box<[OnceLock<Option<Box<Entity>>>]>;

enum Data {
    Mapped(memmap2::Mmap),
    /// A copy in `u64`s, so that its sections are aligned as in a mapped file; and its length.
    Owned(Vec<u64>, usize),
}

impl fmt::Debug for GazFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GazFile")
            .field("bytes", &self.bytes().len())
            .field("entities", &self.entity_count)
            .field("builtin", &self.builtin)
            .finish_non_exhaustive()
    }
}

impl GazFile {
    /// Maps the file at `path` and checks its header and layout (see the module docs).
    ///
    /// # Errors
    ///
    /// The file cannot be read, or is not a valid compiled gazetteer (see [`GazFile::check`]).
    pub(crate) fn open(path: &Path) -> Result<GazFile, FileError> {
        let file = std::fs::File::open(path).map_err(|e| err(format!("cannot read: {e}")))?;
        // SAFETY: the mapping is valid for reads as long as the file is not changed while it
        // is mapped; canonym never writes to it, and documents that a gazetteer file must not
        // be rewritten in place while a gazetteer reads it (write a new file and rename it
        // over, as `canonym compile` does). Every byte is read through bounds-checked slices
        // of the map, each checked against its block's sum first. Mapping, not reading, is
        // what makes opening a large file cost what the answers touch (README: "Compiled
        // table files" has the figures).
        #[allow(unsafe_code)]
        let map =
            unsafe { memmap2::Mmap::map(&file) }.map_err(|e| err(format!("cannot map: {e}")))?;
        GazFile::check(Data::Mapped(map), path.display().to_string())
    }

    /// Checks a copy of `bytes`.
    ///
    /// # Errors
    ///
    /// As [`GazFile::check`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<GazFile, FileError> {
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        if let Some(dst) = bytemuck::cast_slice_mut::<u64, u8>(&mut words).get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        GazFile::check(Data::Owned(words, bytes.len()), "<bytes>".into())
    }

    fn bytes(&self) -> &[u8] {
        data_bytes(&self.data)
    }

    /// The bytes of the file, as written, once every block matched its sum.
    ///
    /// # Errors
    ///
    /// As [`GazFile::verify`].
    pub(crate) fn as_bytes(&self) -> Result<&[u8], FileError> {
        self.verify()?;
        Ok(self.bytes())
    }

    /// Checks the header, the directory, every section's bounds and alignment, the block sums
    /// and what the reads rely on (table sizes, the ends of the offset arrays); the rest of
    /// the file is checked block by block as it is read (see the module docs).
    fn check(data: Data, label: String) -> Result<GazFile, FileError> {
        let bytes = data_bytes(&data);
        if !is_compiled(bytes) {
            return Err(err(
                "not a compiled canonym gazetteer (no magic bytes at byte offset 0)".into(),
            ));
        }
        if bytes.len() < HEADER {
            return Err(err(format!(
                "truncated: {} bytes, shorter than the {HEADER}-byte header",
                bytes.len()
            )));
        }
        let version = u32_at(bytes, 16);
        if version != VERSION {
            return Err(err(format!(
                "format version {version} at byte offset 16, but this canonym reads version \
                 {VERSION}: compile the tables again with this canonym"
            )));
        }
        if cfg!(target_endian = "big") {
            return Err(err(
                "compiled gazetteer files are little-endian and read in place, which this \
                 big-endian machine cannot do: load the tables themselves"
                    .into(),
            ));
        }
        let flags = u32_at(bytes, 20);
        let count = u32_at(bytes, 24) as usize;
        let len = u64_at(bytes, 32);
        if count != SECTIONS.len() {
            return Err(err(format!(
                "{count} sections at byte offset 24, expected {}",
                SECTIONS.len()
            )));
        }
        if len != bytes.len() as u64 {
            let what = if len > bytes.len() as u64 {
                "truncated"
            } else {
                "trailing bytes"
            };
            return Err(err(format!(
                "{what}: the header (byte offset 32) gives the file {len} bytes, it has {}",
                bytes.len()
            )));
        }
        let dir_end = HEADER + DIR_ENTRY * count;
        let dir = bytes.get(HEADER..dir_end).ok_or_else(|| {
            err(format!(
                "truncated: the section directory ends at byte offset {dir_end}, past the end \
                 of the file ({} bytes)",
                bytes.len()
            ))
        })?;
        let mut h = Xxh3::new();
        h.update(bytes.get(..56).unwrap_or_default());
        h.update(dir);
        if h.digest() != u64_at(bytes, 56) {
            return Err(err(
                "checksum mismatch in the header (byte offsets 0..64) or the section directory: \
                 the file is corrupt"
                    .into(),
            ));
        }
        // After the header's checksum: a damaged byte here is damage, not other rules.
        let rules = u64_at(bytes, 40);
        if rules != RULES_FINGERPRINT {
            return Err(err(format!(
                "made by other folding and declension rules (fingerprint {rules:016x} at byte \
                 offset 40; this canonym's is {RULES_FINGERPRINT:016x}): its stored words would \
                 not meet this canonym's, so compile the tables again with this canonym"
            )));
        }
        let mut sections: [Range<usize>; SECTIONS.len()] = std::array::from_fn(|_| 0..0);
        // The sections follow one another, each at the next multiple of 8, with zeros between:
        // so every byte of the file is under a checksum or must be zero, and no flipped bit
        // goes unnoticed.
        let mut next = dir_end;
        for (i, ((name, size), range)) in SECTIONS.iter().zip(&mut sections).enumerate() {
            let at = HEADER + DIR_ENTRY * i;
            let id = u32_at(bytes, at) as usize;
            let elem = u32_at(bytes, at + 4) as usize;
            let offset = u64_at(bytes, at + 8);
            let length = u64_at(bytes, at + 16);
            let sum = u64_at(bytes, at + 24);
            if id != i || elem != *size {
                return Err(err(format!(
                    "the section directory entry at byte offset {at} is for section {id} of \
                     {elem}-byte elements, expected section {i} (`{name}`) of {size}-byte elements"
                )));
            }
            let end = offset.saturating_add(length);
            if offset < dir_end as u64 || end > bytes.len() as u64 {
                return Err(err(format!(
                    "truncated: section `{name}` at byte offset {offset} ({length} bytes) runs \
                     past the end of the file ({} bytes)",
                    bytes.len()
                )));
            }
            if offset % 8 != 0 || length % *size as u64 != 0 {
                return Err(err(format!(
                    "section `{name}` at byte offset {offset} ({length} bytes) is not aligned to \
                     8 bytes or not a whole number of {size}-byte elements"
                )));
            }
            let r = offset as usize..end as usize;
            if r.start != next.next_multiple_of(8)
                || bytes
                    .get(next..r.start)
                    .is_none_or(|pad| pad.iter().any(|&b| b != 0))
            {
                return Err(err(format!(
                    "section `{name}` at byte offset {offset} does not follow the previous one \
                     (which ends at byte offset {next}) at the next multiple of 8 after zeros: \
                     the file is corrupt"
                )));
            }
            next = r.end;
            let expected = if i == BLOCK_SUMS {
                xxh3_64(bytes.get(r.clone()).unwrap_or_default())
            } else {
                0
            };
            if sum != expected {
                return Err(err(format!(
                    "checksum mismatch in section `{name}` (byte offsets {}..{}): the file is \
                     corrupt",
                    r.start, r.end
                )));
            }
            *range = r;
        }
        if next != bytes.len() {
            return Err(err(format!(
                "trailing bytes: the last section ends at byte offset {next}, the file at {}",
                bytes.len()
            )));
        }
        let sums = sections.get(BLOCK_SUMS).cloned().unwrap_or_default();
        let blocks = dir_end..sums.start;
        let block_count = blocks.len().div_ceil(BLOCK);
        if sums.len() != block_count * 8 {
            return Err(err(format!(
                "section `block sums` (byte offsets {}..{}) has {} sums, but the {} bytes \
                 before it make {block_count} blocks: the file is corrupt",
                sums.start,
                sums.end,
                sums.len() / 8,
                blocks.len()
            )));
        }
        let lexeme_count = sections
            .get(LEXEMES)
            .map_or(0, |r| r.len() / (4 * LEXEME_WORDS));
        let mut file = GazFile {
            sections,
            builtin: flags & FLAG_BUILTIN != 0,
            label,
            max_name_words: 0,
            max_words: 0,
            written_marks: Vec::new(),
            entity_count: 0,
            blocks,
            verified: (0..block_count.div_ceil(64))
                .map(|_| AtomicU64::new(0))
                .collect(),
            lexemes_checked: (0..lexeme_count.div_ceil(64))
                .map(|_| AtomicU64::new(0))
                .collect(),
            whole: std::array::from_fn(|_| AtomicBool::new(false)),
            damage: OnceLock::new(),
            cache: Vec::new(),
            all: OnceLock::new(),
            organizations: OnceLock::new(),
            data,
        };
        file.check_layout()?;
        Ok(file)
    }

    /// The checks of [`GazFile::check`] that read the sections: the numbers of the meta
    /// section, the ends of the entity offsets, the sizes of the string maps.
    fn check_layout(&mut self) -> Result<(), FileError> {
        let invalid = |file: &GazFile, i: usize, what: &str| {
            if let Some(damage) = file.damage() {
                return damage.clone();
            }
            let r = file.sections.get(i).cloned().unwrap_or_default();
            let name = SECTIONS.get(i).map_or("?", |s| s.0);
            err(format!(
                "section `{name}` (byte offsets {}..{}) {what}: the file is corrupt",
                r.start, r.end
            ))
        };
        let &[max_name_words, max_words, entity_count, ref marks @ ..] = self.whole::<u32>(META)
        else {
            return Err(invalid(self, META, "is not 3 numbers and marked letters"));
        };
        let Some(marks) = marks
            .iter()
            .map(|&c| char::from_u32(c).filter(|&c| crate::fold::is_marked(c)))
            .collect::<Option<Vec<char>>>()
            .filter(|m| m.is_sorted())
        else {
            return Err(invalid(
                self,
                META,
                "lists a letter that is not a marked one",
            ));
        };
        let records = self.raw(ENTITY_RECORDS).len() as u64;
        let offsets = self.raw(ENTITY_OFFSETS).len() / 8;
        let first = self.item::<u64>(ENTITY_OFFSETS, 0);
        let last = self.item::<u64>(ENTITY_OFFSETS, offsets.wrapping_sub(1));
        // The offsets between are checked where they are read: a record whose end comes
        // before its start is a malformed record.
        if offsets != entity_count as usize + 1 || first != Some(0) || last != Some(records) {
            return Err(invalid(
                self,
                ENTITY_OFFSETS,
                "does not index the entity records",
            ));
        }
        for m in MAPS {
            let slots = self.raw(m).len() / 8;
            let ends = self.raw(m + 1).len() / 4;
            let width = SECTIONS.get(m + 3).map_or(1, |s| s.1 / 4);
            if !slots.is_power_of_two() || ends * 2 > slots {
                return Err(invalid(
                    self,
                    m,
                    "is not a power-of-two table twice its entries",
                ));
            }
            if self.raw(m + 3).len() / 4 != ends * width {
                return Err(invalid(self, m + 3, "has not one value per key"));
            }
            let keys = self.raw(m + 2).len();
            let end = match ends.checked_sub(1) {
                Some(last) => self.item::<u32>(m + 1, last).map(|e| e as usize),
                None => Some(0),
            };
            if end != Some(keys) {
                return Err(invalid(self, m + 1, "does not end at the end of the keys"));
            }
        }
        self.max_name_words = max_name_words as usize;
        self.max_words = max_words as usize;
        self.written_marks = marks;
        self.entity_count = entity_count as usize;
        self.cache = (0..self.entity_count.div_ceil(CHUNK))
            .map(|_| OnceLock::new())
            .collect();
        Ok(())
    }

    /// The first damage found by the reads so far: a block that did not match its sum (its
    /// bytes were read as absent).
    pub(crate) fn damage(&self) -> Option<&FileError> {
        self.damage.get()
    }

    /// Checks every block now.
    ///
    /// # Errors
    ///
    /// The first block that does not match its sum.
    pub(crate) fn verify(&self) -> Result<(), FileError> {
        for i in 0..SECTIONS.len() {
            if i != BLOCK_SUMS && self.whole::<u8>(i).len() != self.raw(i).len() {
                break;
            }
        }
        self.damage().map_or(Ok(()), |d| Err(d.clone()))
    }

    /// Whether the blocks under the file's bytes `r` matched their sums: each block is hashed
    /// on its first read ([`GazFile::check_block`]); after that a read costs a bit test, which
    /// the matcher does for every pattern it reads.
    #[inline]
    fn verified(&self, r: Range<usize>) -> bool {
        if r.start >= r.end {
            return true;
        }
        if r.start < self.blocks.start || r.end > self.blocks.end {
            return false;
        }
        let (first, last) = (
            (r.start - self.blocks.start) / BLOCK,
            (r.end - 1 - self.blocks.start) / BLOCK,
        );
        (first..=last).all(|b| {
            // The bytes never change, so the bit only remembers a result: any order will do.
            self.verified
                .get(b / 64)
                .is_some_and(|w| w.load(Ordering::Relaxed) & 1 << (b % 64) != 0)
                || self.check_block(b)
        })
    }

    /// Hashes block `b` and compares it with its sum: remembered when it matches, kept as the
    /// file's damage when it does not.
    #[cold]
    #[inline(never)]
    fn check_block(&self, b: usize) -> bool {
        let Some(word) = self.verified.get(b / 64) else {
            return false;
        };
        let start = self.blocks.start + b * BLOCK;
        let end = (start + BLOCK).min(self.blocks.end);
        let sum = self.raw(BLOCK_SUMS).get(b * 8..b * 8 + 8).map(|s| {
            let mut w = [0u8; 8];
            w.copy_from_slice(s);
            u64::from_le_bytes(w)
        });
        if sum.is_some() && self.bytes().get(start..end).map(xxh3_64) == sum {
            word.fetch_or(1 << (b % 64), Ordering::Relaxed);
            return true;
        }
        self.damage.get_or_init(|| {
            // The sections the block holds bytes of, for the message.
            let held: Vec<&str> = self
                .sections
                .iter()
                .zip(SECTIONS)
                .filter(|(r, _)| r.start < end && start < r.end)
                .map(|(_, (name, _))| name)
                .collect();
            let what = match held.as_slice() {
                [] => "between sections".to_owned(),
                [one] => format!("in section `{one}`"),
                [first, .., last] => format!("in sections `{first}` to `{last}`"),
            };
            err(format!(
                "checksum mismatch {what} (block at byte offsets {start}..{end}): the file is \
                 corrupt"
            ))
        });
        false
    }

    /// Section `i` as it is in the file, unchecked: for its length, and for the block sums,
    /// which were checked when the file was opened.
    fn raw(&self, i: usize) -> &[u8] {
        self.sections
            .get(i)
            .and_then(|r| self.bytes().get(r.clone()))
            .unwrap_or_default()
    }

    /// The bytes `r` of section `i`, checked; `None` out of bounds or damaged.
    #[inline]
    fn read(&self, i: usize, r: Range<usize>) -> Option<&[u8]> {
        let s = self.sections.get(i)?;
        let (start, end) = (s.start.checked_add(r.start)?, s.start.checked_add(r.end)?);
        if start > end || end > s.end || !self.verified(start..end) {
            return None;
        }
        self.bytes().get(start..end)
    }

    /// The elements `r` of section `i`, checked.
    #[inline]
    fn items<T: bytemuck::Pod>(&self, i: usize, r: Range<usize>) -> Option<&[T]> {
        let size = size_of::<T>();
        let bytes = self.read(i, r.start.checked_mul(size)?..r.end.checked_mul(size)?)?;
        bytemuck::try_cast_slice(bytes).ok()
    }

    /// Element `at` of section `i`, checked.
    #[inline]
    fn item<T: bytemuck::Pod>(&self, i: usize, at: usize) -> Option<T> {
        self.items::<T>(i, at..at.checked_add(1)?)?.first().copied()
    }

    /// The whole of section `i`, checked once; empty when damaged.
    fn whole<T: bytemuck::Pod>(&self, i: usize) -> &[T] {
        let Some(flag) = self.whole.get(i) else {
            return &[];
        };
        if !flag.load(Ordering::Relaxed) {
            let r = self.sections.get(i).cloned().unwrap_or_default();
            if !self.verified(r) {
                return &[];
            }
            flag.store(true, Ordering::Relaxed);
        }
        bytemuck::try_cast_slice(self.raw(i)).unwrap_or_default()
    }

    /// The path the file was read from (`<bytes>` for a copy).
    pub(crate) fn label(&self) -> &str {
        &self.label
    }

    /// Whether the built-in tables were compiled in.
    pub(crate) fn has_builtin(&self) -> bool {
        self.builtin
    }

    /// The value words of `key` in the string map whose sections begin at `m`.
    #[inline]
    fn find(&self, m: usize, key: &str) -> Option<&[u32]> {
        let n = self.raw(m).len() / 8;
        if n == 0 {
            return None;
        }
        let (tag, mut at) = slot_of(key.as_bytes(), n);
        // A table that passed the checks has a free slot; the bound keeps a crafted full one
        // from looping.
        for _ in 0..n {
            let &[t, entry] = self.items::<u32>(m, at * 2..at * 2 + 2)? else {
                return None;
            };
            if entry == 0 {
                return None;
            }
            let i = entry as usize - 1;
            if t == tag {
                let start = match i.checked_sub(1) {
                    Some(p) => self.item::<u32>(m + 1, p)? as usize,
                    None => 0,
                };
                let end = self.item::<u32>(m + 1, i)? as usize;
                if self.read(m + 2, start..end)? == key.as_bytes() {
                    let width = SECTIONS.get(m + 3).map_or(1, |s| s.1 / 4);
                    return self.items(m + 3, i * width..(i + 1) * width);
                }
            }
            at = (at + 1) & (n - 1);
        }
        None
    }

    fn form(&self, m: usize, key: &str) -> Option<Form> {
        self.find(m, key).and_then(form_of)
    }

    pub(crate) fn alias(&self, key: &str) -> Option<Form> {
        self.form(ALIASES, key)
    }

    pub(crate) fn key(&self, key: &str) -> Option<Form> {
        self.form(KEYS, key)
    }

    pub(crate) fn word_set(&self, key: &str, stemmed: bool) -> Option<Form> {
        self.form(if stemmed { STEM_SETS } else { TOKEN_SETS }, key)
    }

    pub(crate) fn stem(&self, key: &str) -> Option<Form> {
        self.form(STEMS, key)
    }

    /// The references of a word index (`FOLD_INDEX` or `KEY_INDEX`) for `key`.
    fn refs(&self, m: usize, key: &str) -> &[u32] {
        match self.find(m, key) {
            Some(&[a, b]) => self.items(REFS, a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    pub(crate) fn fold_refs(&self, fold: &str) -> &[u32] {
        self.refs(FOLD_INDEX, fold)
    }

    pub(crate) fn key_refs(&self, key: &str) -> &[u32] {
        self.refs(KEY_INDEX, key)
    }

    pub(crate) fn fold_filter(&self) -> &[u64] {
        self.whole(FOLD_FILTER)
    }

    pub(crate) fn key_filter(&self) -> &[u64] {
        self.whole(KEY_FILTER)
    }

    pub(crate) fn set_word_filter(&self) -> &[u64] {
        self.whole(SET_WORD_FILTER)
    }

    pub(crate) fn start_filter(&self) -> &[u64] {
        self.whole(START_FILTER)
    }

    /// The entities of a form: the span `(start, end)` of the form-entities pool.
    pub(crate) fn form_entities(&self, (start, end): (u32, u32)) -> &[u32] {
        self.items(FORM_ENTITIES, start as usize..end as usize)
            .unwrap_or_default()
    }

    pub(crate) fn max_name_words(&self) -> usize {
        self.max_name_words
    }

    pub(crate) fn written_marks(&self) -> &[char] {
        &self.written_marks
    }

    pub(crate) fn max_words(&self) -> usize {
        self.max_words
    }

    pub(crate) fn pattern(&self, i: usize) -> Option<Pattern> {
        pattern_of(self.items(PATTERNS, i * PATTERN_WORDS..(i + 1) * PATTERN_WORDS)?)
    }

    /// A lexeme and the occurrence pool its groups index. Only the lexeme's own occurrences
    /// are checked, and a lexeme whose groups are not in order within them is empty: so the
    /// groups that callers read from the pool are checked bytes.
    pub(crate) fn lexeme(&self, lexeme: usize) -> (&[u32], Lexeme) {
        let l = match self.items::<u32>(LEXEMES, lexeme * LEXEME_WORDS..(lexeme + 1) * LEXEME_WORDS)
        {
            Some(&[start, latent, multi, longer, later, inner, end]) => Lexeme {
                start,
                latent,
                multi,
                longer,
                later,
                inner,
                end,
            },
            _ => Lexeme::default(),
        };
        let pool = || bytemuck::try_cast_slice(self.raw(OCCURRENCES)).unwrap_or_default();
        // The bit only remembers a result (the bytes never change): any order will do.
        let (word, bit) = (self.lexemes_checked.get(lexeme / 64), 1u64 << (lexeme % 64));
        if word.is_some_and(|w| w.load(Ordering::Relaxed) & bit != 0) {
            return (pool(), l);
        }
        let ordered = [
            l.start, l.latent, l.multi, l.longer, l.later, l.inner, l.end,
        ]
        .is_sorted();
        if !ordered
            || self
                .items::<u32>(OCCURRENCES, l.start as usize..l.end as usize)
                .is_none()
        {
            return (&[], Lexeme::default());
        }
        if let Some(w) = word {
            w.fetch_or(bit, Ordering::Relaxed);
        }
        (pool(), l)
    }

    /// The text pool's bytes `range` as a string (`None` when they are not UTF-8 on their
    /// own: only the span is checked, not the pool of hundreds of megabytes).
    pub(crate) fn text_at(&self, range: Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.read(TEXT, range)?).ok()
    }

    pub(crate) fn span(&self, i: usize) -> Option<Span> {
        match self.items::<u32>(SPANS, i * 2..i * 2 + 2)? {
            &[a, b] => Some((a, b)),
            _ => None,
        }
    }

    fn record(&self, i: usize) -> Option<&[u8]> {
        let &[a, b] = self.items::<u64>(ENTITY_OFFSETS, i..i.checked_add(2)?)? else {
            return None;
        };
        self.read(
            ENTITY_RECORDS,
            usize::try_from(a).ok()?..usize::try_from(b).ok()?,
        )
    }

    /// Entity `i`, materialised on first use; `None` past the end or for a malformed record.
    pub(crate) fn entity(&self, i: usize) -> Option<&Entity> {
        let chunk = self
            .cache
            .get(i / CHUNK)?
            .get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        chunk
            .get(i % CHUNK)?
            .get_or_init(|| self.record(i).and_then(read_entity).map(Box::new))
            .as_deref()
    }

    /// The index of the entity with this ID (the records are sorted by ID).
    pub(crate) fn entity_index(&self, id: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.entity_count);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.record(mid).and_then(record_id)?.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The indices of the organizations and media outlets, read once from the records' kinds
    /// (no entity is materialised): organization-name lookup reads only these.
    pub(crate) fn organizations(&self) -> &[u32] {
        self.organizations.get_or_init(|| {
            (0..self.entity_count)
                .filter(|&i| {
                    self.record(i).is_some_and(|b| {
                        // A record starts with the ID, then the kind.
                        let mut r = Record(b);
                        let kind = r.str().and_then(|_id| r.str());
                        matches!(kind, Some("organization" | "media"))
                    })
                })
                .filter_map(|i| u32::try_from(i).ok())
                .collect()
        })
    }

    /// Every entity, materialised on first call.
    pub(crate) fn entities(&self) -> &[Entity] {
        self.all.get_or_init(|| {
            (0..self.entity_count)
                .filter_map(|i| self.record(i).and_then(read_entity))
                .collect()
        })
    }
}

fn data_bytes(data: &Data) -> &[u8] {
    match data {
        Data::Mapped(m) => m,
        Data::Owned(words, len) => bytemuck::cast_slice::<u64, u8>(words)
            .get(..*len)
            .unwrap_or_default(),
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entity's record reads back as the entity; cut short anywhere, or with a length
    /// that lies, it reads as nothing.
    #[test]
    fn entity_records_round_trip_and_refuse_damage() {
        for e in crate::lookup::entities().iter().take(50) {
            let mut bytes = Vec::new();
            write_entity(e, &mut bytes);
            assert_eq!(read_entity(&bytes).as_ref(), Some(e), "{}", e.id());
            assert_eq!(record_id(&bytes), Some(e.id()));
            for len in 0..bytes.len() {
                assert_eq!(read_entity(&bytes[..len]), None, "{} cut to {len}", e.id());
            }
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(read_entity(&longer), None, "{} with a byte more", e.id());
        }
        assert_eq!(read_entity(&[0xff; 12]), None);
    }
}
