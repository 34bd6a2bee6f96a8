//! The transliteration loop: one pass over the text, ASCII skipped in 16-byte blocks, each
//! Cyrillic word decoded once into a reusable buffer, its language chosen, then rewritten
//! with the first matching rule of its scheme at each letter.

use std::convert::Infallible;
use std::io;

use super::data::{APOSTROPHE, CLASS, Fast, LOWER, SchemeData};
use super::lang::Lang;

/// Where the output goes: a byte buffer the engine appends to, which a stream drains into
/// its writer between words.
pub(crate) trait Out {
    type Error;
    /// The buffer to append to.
    fn buf(&mut self) -> &mut Vec<u8>;
    /// Appends a verbatim run of the input (whole characters).
    fn put(&mut self, s: &[u8]) -> Result<(), Self::Error>;
    /// Called after each word: a stream writes out a full buffer here.
    fn flush_full(&mut self) -> Result<(), Self::Error>;
}

/// Appends a packed output (up to 8 bytes in a little-endian `u64`) with one fixed-size copy.
#[inline]
fn put_packed(buf: &mut Vec<u8>, packed: u64, len: u8) {
    buf.extend_from_slice(&packed.to_le_bytes());
    buf.truncate(buf.len() - (8 - usize::from(len)));
}

/// Output into memory, for [`super::Translit::translit`].
pub(crate) struct VecOut(pub(crate) Vec<u8>);

impl Out for VecOut {
    type Error = Infallible;
    #[inline]
    fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
    #[inline]
    fn put(&mut self, s: &[u8]) -> Result<(), Infallible> {
        self.0.extend_from_slice(s);
        Ok(())
    }
    #[inline]
    fn flush_full(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
}

/// A writer with a buffer for the many small pieces of transliterated text; long verbatim
/// runs (Latin text) go to the writer directly.
pub(crate) struct IoOut<W: io::Write> {
    w: W,
    buf: Vec<u8>,
}

const IO_BUF: usize = 32 * 1024;

impl<W: io::Write> IoOut<W> {
    pub(crate) fn new(w: W) -> Self {
        IoOut {
            w,
            buf: Vec::with_capacity(IO_BUF + 64),
        }
    }

    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.w.write_all(&self.buf)?;
        self.buf.clear();
        self.w.flush()
    }
}

impl<W: io::Write> Out for IoOut<W> {
    type Error = io::Error;
    #[inline]
    fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }
    #[inline]
    fn put(&mut self, s: &[u8]) -> io::Result<()> {
        if s.len() >= IO_BUF / 4 {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
            return self.w.write_all(s);
        }
        self.buf.extend_from_slice(s);
        self.flush_full()
    }
    #[inline]
    fn flush_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= IO_BUF {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// The letters a run romanized approximately (see `Rule::approx`), with how often each
/// occurred (few distinct letters, so a short list), and where the ones of the current call
/// of [`word`] were, so that a word written again in another language is not counted twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) counts: Vec<(char, u64)>,
    recent: Vec<(usize, char)>,
}

impl Tally {
    fn add(&mut self, at: usize, s: &str) {
        for c in s.chars() {
            let c = c.to_lowercase().next().unwrap_or(c);
            self.recent.push((at, c));
            match self.counts.iter_mut().find(|(x, _)| *x == c) {
                Some((_, n)) => *n += 1,
                None => self.counts.push((c, 1)),
            }
        }
    }

    /// Forgets the letters counted at or after `from` in the current call.
    fn undo(&mut self, from: usize) {
        for &(at, c) in &self.recent {
            if at >= from {
                if let Some((_, n)) = self.counts.iter_mut().find(|(x, _)| *x == c) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        self.counts.retain(|&(_, n)| n > 0);
        self.recent.clear();
    }
}

/// What the engine needs to know: a scheme per language, the forced language if any, and
/// whether to fold to ASCII.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Config {
    pub(crate) tables: [&'static SchemeData; 3],
    pub(crate) forced: Option<Lang>,
    pub(crate) fallback: Lang,
    pub(crate) ascii: bool,
    /// Copy letters the scheme does not define instead of romanizing them approximately.
    pub(crate) keep_unknown: bool,
    /// Skip the fast path: every letter through the full rule search. Only the tests set it,
    /// to check that the fast path agrees with the rules it was compiled from.
    pub(crate) reference: bool,
}

impl Config {
    /// The scheme table for `lang`.
    fn table(&self, lang: Lang) -> &'static SchemeData {
        let [be, ru, uk] = self.tables;
        match lang {
            Lang::Be => be,
            Lang::Ru => ru,
            Lang::Uk => uk,
        }
    }
}

/// One letter of a word: its lowercase slot, whether it was uppercase, its length in bytes.
#[derive(Clone, Copy, Debug)]
struct Unit {
    slot: u8,
    upper: bool,
    len: u8,
}

const BE: u8 = 1;
const RU: u8 = 2;
const UK: u8 = 4;
const ALL: u8 = BE | RU | UK;

/// The languages a letter can belong to (0 = any): ў is Belarusian only; і Belarusian or
/// Ukrainian; ї, є, ґ Ukrainian; и, щ Russian or Ukrainian; ы, э, ё Russian or Belarusian;
/// ъ Russian; the apostrophe Belarusian or Ukrainian. Two spellings after a consonant are
/// Belarusian only: э (Лукашэнка, Russian Лукашенко) and ы after ж, ч, ш (Шчучын, Russian
/// Щучин); Russian writes them only in a few loanwords (мэр). And е, ё, ю, я, ь after ж, ш,
/// ч, р, т, д are not Belarusian (see below).
#[inline]
fn marks(prev: Option<u8>, slot: u8) -> u8 {
    // One lookup for the previous letter's class, one for the answer: no branch on the
    // frequent е, ы, ь, я, which the rule below tells apart by the letter before them.
    let class = PREV_CLASS
        .get(usize::from(prev.unwrap_or(APOSTROPHE)))
        .copied()
        .unwrap_or(0);
    MARKS_AFTER
        .get(usize::from(class))
        .and_then(|t| t.get(usize::from(slot)))
        .copied()
        .unwrap_or(ALL)
}

/// The rule [`marks`] tabulates.
// Indexing here runs in the compiler (the tables below): out of range fails the build.
#[allow(clippy::indexing_slicing)]
const fn marks_rule(prev: Option<u8>, slot: u8) -> u8 {
    let m = MARKS[slot as usize];
    if m & BIGRAM == 0 {
        return m;
    }
    match (prev, slot) {
        // э and ы: Belarusian after the consonants above, else Russian or Belarusian.
        (Some(p), 0x4d) if is_consonant(p) => BE,
        (Some(0x36 | 0x47 | 0x48), 0x4b) => BE,
        (_, 0x4d | 0x4b) => RU | BE,
        // ж, ш, ч, р are always hard in Belarusian, and soft т, д are written ц, дз: so е, ё,
        // ю, я, ь after one of them are not Belarusian (Лукашенко, Юрьевна, Артём; Belarusian
        // Лукашэнка, Юр'еўна, Арцём). One Belarusian word in a thousand breaks the rule,
        // loanwords and compounds mostly (дзяржюрвыдавецтва).
        (Some(0x34 | 0x36 | 0x40 | 0x42 | 0x47 | 0x48), _) => m & !BE & ALL,
        _ => m & ALL,
    }
}

/// What [`marks_rule`] asks of the previous letter, as a class: 0 none of the below (no
/// letter, the apostrophe, a vowel, й), 1 another consonant, 2 ж ч ш, 3 д р т. The letters
/// of a class have the same marks before every letter (a test checks all pairs).
#[allow(clippy::indexing_slicing)]
static PREV_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut p = 0;
    while p < 256 {
        t[p] = match p as u8 {
            0x36 | 0x47 | 0x48 => 2,
            0x34 | 0x40 | 0x42 => 3,
            s if is_consonant(s) => 1,
            _ => 0,
        };
        p += 1;
    }
    t
};

/// [`marks_rule`] by the previous letter's class ([`PREV_CLASS`]) and the letter.
#[allow(clippy::indexing_slicing)]
static MARKS_AFTER: [[u8; 256]; 4] = {
    // A letter of each class.
    const OF_CLASS: [Option<u8>; 4] = [None, Some(0x31), Some(0x36), Some(0x34)];
    let mut t = [[ALL; 256]; 4];
    let mut c = 0;
    while c < 4 {
        let mut s = 0;
        while s < 256 {
            t[c][s] = marks_rule(OF_CLASS[c], s as u8);
            s += 1;
        }
        c += 1;
    }
    t
};

/// Set in [`MARKS`] for the letters whose marks depend on the previous letter.
const BIGRAM: u8 = 0x80;

/// The marks of each slot (`ALL` for letters every language uses), so that a word's marks
/// are an AND over its letters.
static MARKS: [u8; 256] = {
    let mut t = [ALL; 256];
    t[0x5e] = BE;
    t[0x56] = BE | UK;
    t[0x57] = UK;
    t[0x54] = UK;
    t[0x91] = UK;
    t[0x38] = RU | UK;
    t[0x49] = RU | UK;
    t[0x51] = RU | BE;
    t[0x4b] = BIGRAM;
    t[0x4d] = BIGRAM;
    t[0x35] = ALL | BIGRAM;
    t[0x51] = RU | BE | BIGRAM;
    t[0x4c] = ALL | BIGRAM;
    t[0x4e] = ALL | BIGRAM;
    t[0x4f] = ALL | BIGRAM;
    t[0x4a] = RU;
    t[0] = BE | UK; // APOSTROPHE (slot 0: checked below)
    t
};

// The apostrophe's marks are set at index 0 above, a literal index in a constant table.
const _: () = assert!(APOSTROPHE == 0);

/// б в г д ж з к л м н п р с т ф х ц ч ш щ (slots 0x31..=0x49 less the vowels and й).
const fn is_consonant(slot: u8) -> bool {
    matches!(slot, 0x31..=0x34 | 0x36 | 0x37 | 0x3a..=0x3d | 0x3f..=0x42 | 0x44..=0x49)
}

const ORDER: [(u8, Lang); 3] = [(BE, Lang::Be), (RU, Lang::Ru), (UK, Lang::Uk)];

/// The index into the 256-entry letter tables of a two-byte Cyrillic character. It is a `u8`
/// so that the compiler knows every `get` on those tables is in range and drops the check.
#[inline(always)]
fn slot_index(lead: u8, cont: u8) -> u8 {
    (lead & 0x03) << 6 | (cont & 0x3f)
}

/// The Cyrillic letter at `i`, if any; a following combining breve or diaeresis is composed
/// (й → й, ў, ё, ї) so that decomposed input reads like composed input.
#[inline(always)]
fn letter_at(b: &[u8], i: usize) -> Option<Unit> {
    let lead = *b.get(i)?;
    if !(0xd0..=0xd3).contains(&lead) {
        return None;
    }
    let cont = *b.get(i + 1)?;
    let idx = usize::from(slot_index(lead, cont));
    let (Some(&class), Some(&slot)) = (CLASS.get(idx), LOWER.get(idx)) else {
        return None;
    };
    if class == 0 {
        return None;
    }
    let mut u = Unit {
        slot,
        upper: class == 2,
        len: 2,
    };
    if b.get(i + 2) == Some(&0xcc) {
        let composed = match (u.slot, b.get(i + 3)) {
            (0x38, Some(0x86)) => Some(0x39), // и + U+0306 → й
            (0x43, Some(0x86)) => Some(0x5e), // у + U+0306 → ў
            (0x35, Some(0x88)) => Some(0x51), // е + U+0308 → ё
            (0x56, Some(0x88)) => Some(0x57), // і + U+0308 → ї
            _ => None,
        };
        if let Some(s) = composed {
            u.slot = s;
            u.len = 4;
        }
    }
    Some(u)
}

/// The length of an apostrophe (`'`, `’` U+2019, `ʼ` U+02BC, or `´` U+00B4, which keyboards
/// without an apostrophe key leave in Belarusian and Ukrainian text) at `i` that stands
/// between letters, given that a letter precedes it.
#[inline]
fn apostrophe_at(b: &[u8], i: usize) -> Option<u8> {
    let len = match b.get(i..)? {
        [b'\'', ..] => 1,
        [0xe2, 0x80, 0x99, ..] => 3,
        [0xca, 0xbc, ..] | [0xc2, 0xb4, ..] => 2,
        _ => return None,
    };
    letter_at(b, i + usize::from(len)).map(|_| len)
}

/// The index of the first non-ASCII byte at or after `i`, or `b.len()`.
#[inline]
pub(crate) fn skip_ascii(b: &[u8], mut i: usize) -> usize {
    const HIGH: u128 = 0x8080_8080_8080_8080_8080_8080_8080_8080;
    // 64 bytes per step while all ASCII (Latin text costs a few instructions per block).
    while let Some(block) = b.get(i..).and_then(|s| s.first_chunk::<64>()) {
        let mut acc = 0u128;
        for c in block.chunks_exact(16) {
            let mut w = [0u8; 16];
            w.copy_from_slice(c);
            acc |= u128::from_le_bytes(w);
        }
        if acc & HIGH != 0 {
            break;
        }
        i += 64;
    }
    while let Some(chunk) = b.get(i..).and_then(|s| s.first_chunk::<16>()) {
        let w = u128::from_le_bytes(*chunk) & HIGH;
        if w != 0 {
            return i + (w.trailing_zeros() / 8) as usize;
        }
        i += 16;
    }
    while b.get(i).is_some_and(|&c| c < 0x80) {
        i += 1;
    }
    i
}

/// The length of the UTF-8 sequence starting with `lead` (valid UTF-8 assumed).
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0x80..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// The byte offset of the first character the output would change, or `None` when the
/// output equals the input.
pub(crate) fn first_change(cfg: &Config, text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        i = skip_ascii(b, i);
        let lead = *b.get(i)?;
        if cfg.ascii && !text[i..].starts_with('\u{feff}') {
            return Some(i);
        }
        if letter_at(b, i).is_some() {
            return Some(i);
        }
        i += utf8_len(lead);
    }
}

/// The languages the word at `*i` allows (see [`marks`]); `*i` is moved past it. With
/// `STRONG`, э and ы after a consonant do not count as Belarusian, nor the apostrophe as
/// Belarusian or Ukrainian: Russian loanwords and names write them (кэш, мэр, Валле-д’Аоста),
/// so they are too weak to decide another word (see [`ahead`]).
fn word_marks<const STRONG: bool>(b: &[u8], i: &mut usize) -> u8 {
    let mut m = ALL;
    let mut prev = None;
    let mut p = *i;
    loop {
        // Most letters take two bytes and have neither a combining mark nor an apostrophe
        // after them: read those straight from the tables; `letter_at` does the rest.
        if let Some(&[lead, cont, after]) = b.get(p..p + 3) {
            let idx = usize::from(slot_index(lead, cont));
            if lead & 0xfc == 0xd0 && after != 0xcc && !matches!(after, b'\'' | 0xe2 | 0xca | 0xc2)
            {
                let (Some(&class), Some(&slot)) = (CLASS.get(idx), LOWER.get(idx)) else {
                    break;
                };
                if class == 0 {
                    break;
                }
                m &= if STRONG && matches!(slot, 0x4b | 0x4d) {
                    RU | BE
                } else {
                    marks(prev, slot)
                };
                prev = Some(slot);
                p += 2;
                continue;
            }
        }
        let Some(u) = letter_at(b, p) else { break };
        m &= if STRONG && matches!(u.slot, 0x4b | 0x4d) {
            RU | BE
        } else {
            marks(prev, u.slot)
        };
        prev = Some(u.slot);
        p += usize::from(u.len);
        if let Some(l) = apostrophe_at(b, p) {
            if !STRONG {
                m &= BE | UK;
            }
            prev = Some(APOSTROPHE);
            p += usize::from(l);
        }
    }
    *i = p;
    m
}

/// How far [`ahead`] looks: words, and bytes.
const AHEAD_WORDS: usize = 4;
const AHEAD_BYTES: usize = 256;

/// The languages the next telling word on the line after `i` allows, within a few words, or
/// `ALL` when there is none. A word no letter decides at the start of a line takes its
/// language from here: `Александр Лукашенко` opening a line of a Belarusian text is Russian.
fn ahead(b: &[u8], from: usize, cache: &mut Ahead) -> u8 {
    if (cache.from..=cache.until).contains(&from) {
        return cache.m;
    }
    let mut i = from;
    let end = b.len().min(i + AHEAD_BYTES);
    let mut words = 0;
    while i < end && words < AHEAD_WORDS {
        let Some(&c) = b.get(i) else { break };
        if c == b'\n' {
            // Nothing tells up to the line end: the same for every word before it.
            *cache = Ahead {
                from,
                until: i,
                m: ALL,
            };
            return ALL;
        }
        if letter_at(b, i).is_none() {
            i += utf8_len(c);
            continue;
        }
        let start = i;
        let m = word_marks::<true>(b, &mut i);
        if m != ALL && m != 0 {
            // The same answer for every word that ends before this one starts.
            *cache = Ahead {
                from,
                until: start,
                m,
            };
            return m;
        }
        words += 1;
    }
    ALL
}

/// The last answer of [`ahead`]: `m` for every position from `from` to `until`, where a telling
/// word or the line end was found. Words at the start of a line ask in turn, so the line is
/// read ahead once.
#[derive(Clone, Copy, Debug)]
struct Ahead {
    from: usize,
    until: usize,
    m: u8,
}

impl Ahead {
    const NONE: Ahead = Ahead {
        from: 1,
        until: 0,
        m: ALL,
    };
}

/// How many points of evidence [`document_lang`] collects before it stops reading.
const DOC_SAMPLE: u32 = 8192;

impl Lang {
    /// The language of a text's Cyrillic words, by the letters only one or two of the
    /// languages use (ў; і; ї, є, ґ; и, щ; ы, э, ё; ъ; the apostrophe), or `None` when no
    /// word gives a hint. This is the document fallback of automatic detection.
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::Lang;
    /// assert_eq!(Lang::detect("Київ"), Some(Lang::Uk));
    /// assert_eq!(Lang::detect("Гродна"), None);
    /// ```
    pub fn detect(text: &str) -> Option<Lang> {
        document_lang(text)
    }
}

/// Scores the document's words by language (see the weights below); `None` when no word
/// says anything.
pub(crate) fn document_lang(text: &str) -> Option<Lang> {
    let b = text.as_bytes();
    let (mut only, mut shared) = ([0u32; 3], [0u32; 3]);
    let mut i = 0;
    while i < b.len() {
        i = skip_ascii(b, i);
        let Some(&lead) = b.get(i) else { break };
        if letter_at(b, i).is_none() {
            i += utf8_len(lead);
            continue;
        }
        let m = word_marks::<false>(b, &mut i);
        match m.count_ones() {
            1 => {
                for ((bit, _), n) in ORDER.iter().zip(only.iter_mut()) {
                    if m & bit != 0 {
                        *n += 1;
                    }
                }
            }
            2 => {
                for ((bit, _), n) in ORDER.iter().zip(shared.iter_mut()) {
                    if m & bit != 0 {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
        // A few thousand telling words settle the document's language; reading on would only
        // cost time on long inputs.
        if only.iter().chain(&shared).sum::<u32>() >= DOC_SAMPLE {
            break;
        }
    }
    // A word only one language writes counts four times a word two may write. Ukrainian
    // shares і with Belarusian and и, щ with Russian, so a Belarusian text with Russian
    // quotations looks Ukrainian by shared letters alone; real Ukrainian text soon shows ї, є
    // or ґ, so without one its shared letters count half.
    let scored = ORDER
        .iter()
        .zip(only)
        .zip(shared)
        .map(|((&(_, lang), only), shared)| {
            let half = lang == Lang::Uk && only == 0;
            (8 * only + if half { shared } else { 2 * shared }, lang)
        });
    // Ties go to the first language in ORDER.
    let (score, lang) = scored
        .enumerate()
        .max_by_key(|&(k, (score, _))| (score, std::cmp::Reverse(k)))
        .map(|(_, best)| best)?;
    (score > 0).then_some(lang)
}

/// The longest verbatim run scanned before it is written out.
const VERBATIM_BLOCK: usize = 64 * 1024;

/// Transliterates `text[start..]` into `out`; `text[..start]` is the caller's business, and
/// `start` must not fall inside a word.
///
/// With automatic detection every word is first written in the document's language while
/// its letters are checked; a word whose letters rule that language out is rewritten in its
/// own (a Russian quotation in Belarusian text, say). So each letter is decoded and looked up
/// once in the common case, with no buffer per word.
pub(crate) fn run<O: Out>(
    cfg: &Config,
    text: &str,
    start: usize,
    out: &mut O,
    tally: &mut Tally,
) -> Result<(), O::Error> {
    let b = text.as_bytes();
    // The document's language, read at the first Cyrillic word (Latin text never pays).
    let mut doc = cfg.forced;
    // The languages the telling words of this line so far agree on: the first fallback for a
    // word whose letters leave the choice open (a Russian sentence quoted in a Belarusian
    // text keeps to Russian).
    let mut line = ALL;
    let mut peek = Ahead::NONE;
    let mut last_end = start;
    let mut lit = start; // start of the pending verbatim run
    let mut i = start;
    loop {
        // Long ASCII runs are handed on in blocks, so that a stream copies each block while
        // it is still in cache from the scan.
        i = skip_ascii(b.get(..b.len().min(i + VERBATIM_BLOCK)).unwrap_or(b), i);
        if i - lit >= VERBATIM_BLOCK {
            out.put(b.get(lit..i).unwrap_or_default())?;
            lit = i;
        }
        let Some(&lead) = b.get(i) else { break };
        if i < b.len() && lead < 0x80 {
            continue;
        }
        if peek_slot(b, i).is_none() {
            let n = utf8_len(lead);
            if cfg.ascii {
                let c = text[i..].chars().next().unwrap_or_default();
                if c != '\u{feff}' {
                    out.put(b.get(lit..i).unwrap_or_default())?;
                    out.put(deunicode::deunicode_char(c).unwrap_or("[?]").as_bytes())?;
                    lit = i + n;
                }
            }
            i += n;
            continue;
        }
        out.put(b.get(lit..i).unwrap_or_default())?;
        let doc = *doc.get_or_insert_with(|| document_lang(text).unwrap_or(cfg.fallback));
        let end = if cfg.forced.is_some() {
            // Words in one language need nothing between them.
            tally.recent.clear();
            word::<false>(cfg, cfg.table(doc), text, i, out.buf(), tally, |_, _, _| {
                true
            })
            .end
        } else {
            if b.get(last_end..i).is_some_and(|s| s.contains(&b'\n')) {
                line = ALL;
            }
            let guess = choose(ALL, line, doc);
            // The run goes on past a word when that word keeps to the guessed language and
            // leaves the guess for the next word as it was; else it stops there and the word
            // is settled below.
            let more = |m: u8, newline: bool, end: usize| {
                let telling = m != ALL && m != 0;
                // A word that tells nothing on a line that has told nothing yet looks ahead.
                let decided = if !telling && line == ALL {
                    ahead(b, end, &mut peek)
                } else {
                    m
                };
                if decided != ALL && decided != 0 && choose(decided, line, doc) != guess {
                    return false;
                }
                let mut next = line;
                if telling {
                    next = if line & m != 0 { line & m } else { m };
                }
                if newline {
                    next = ALL;
                }
                if next != line && choose(ALL, next, doc) != guess {
                    return false;
                }
                line = next;
                true
            };
            tally.recent.clear();
            let w = word::<true>(cfg, cfg.table(guess), text, i, out.buf(), tally, more);
            let m = w.m;
            let telling = m != ALL && m != 0;
            let decided = if !telling && line == ALL {
                ahead(b, w.end, &mut peek)
            } else {
                m
            };
            let lang = choose(decided, line, doc);
            if lang != guess {
                out.buf().truncate(w.mark);
                // The last word is written again, and its letters counted again.
                tally.undo(w.start);
                word::<false>(
                    cfg,
                    cfg.table(lang),
                    text,
                    w.start,
                    out.buf(),
                    tally,
                    |_, _, _| false,
                );
            }
            if telling {
                line = if line & m != 0 { line & m } else { m };
            }
            w.end
        };
        out.flush_full()?;
        i = end;
        lit = end;
        last_end = end;
    }
    out.put(b.get(lit..).unwrap_or_default())
}

/// The language of a word from the languages its letters allow (`m`): narrowed by what the
/// line's telling words agree on (`line`), then the only one left, else the document's if
/// allowed, else the first allowed (Belarusian, Russian, Ukrainian).
fn choose(m: u8, line: u8, doc: Lang) -> Lang {
    // Every argument is a set of the three languages (`m & 7`, `line & 7` change nothing),
    // so the answer is a lookup in a table the compiler fills from the rule below.
    CHOSEN
        .get(doc as usize)
        .and_then(|t| t.get(usize::from(line & ALL)))
        .and_then(|t| t.get(usize::from(m & ALL)))
        .copied()
        .unwrap_or(doc)
}

/// [`choose`] for every word, line and document language, so that choosing at each word end
/// costs a lookup.
// Indexing here runs in the compiler: an index out of range fails the build, never a run.
#[allow(clippy::indexing_slicing)]
static CHOSEN: [[[Lang; 8]; 8]; 3] = {
    let mut t = [[[Lang::Be; 8]; 8]; 3];
    let mut d = 0;
    while d < 3 {
        let doc = ORDER[d].1;
        let mut line = 0;
        while line < 8 {
            let mut m = 0;
            while m < 8 {
                t[doc as usize][line][m] = choose_rule(m as u8, line as u8, doc);
                m += 1;
            }
            line += 1;
        }
        d += 1;
    }
    t
};

/// The rule [`choose`] tabulates.
const fn choose_rule(m: u8, line: u8, doc: Lang) -> Lang {
    let mut m = if m == 0 { ALL } else { m };
    // Ukrainian shares і with Belarusian and и with Russian, so a Russian word (Минск) in a
    // Belarusian line (Мінск і …) would intersect to Ukrainian without a single Ukrainian
    // letter; the line narrows a word to Ukrainian only when the line itself is Ukrainian.
    let narrowed = m & line;
    if narrowed != 0 && !(narrowed == UK && line != UK) {
        m = narrowed;
    }
    // The only one left, else the document's if allowed, else the first allowed in ORDER.
    let mut rest: &[(u8, Lang)] = &ORDER;
    while let [(bit, lang), tail @ ..] = rest {
        if m == *bit {
            return *lang;
        }
        rest = tail;
    }
    if m & bit(doc) != 0 {
        return doc;
    }
    let mut rest: &[(u8, Lang)] = &ORDER;
    while let [(bit, lang), tail @ ..] = rest {
        if m & *bit != 0 {
            return *lang;
        }
        rest = tail;
    }
    doc
}

const fn bit(l: Lang) -> u8 {
    match l {
        Lang::Be => BE,
        Lang::Ru => RU,
        Lang::Uk => UK,
    }
}

/// The slot of the Cyrillic letter at `p`, if any, for a quick look ahead (a combining mark
/// after it is not considered: the full search decides then).
#[inline]
fn peek_slot(b: &[u8], p: usize) -> Option<u8> {
    let (&lead, &cont) = (b.get(p)?, b.get(p + 1)?);
    if lead & 0xfc != 0xd0 {
        return None;
    }
    let idx = usize::from(slot_index(lead, cont));
    match (CLASS.get(idx), LOWER.get(idx)) {
        (Some(&class), Some(&slot)) if class != 0 => Some(slot),
        _ => None,
    }
}

/// The letter, or in-word apostrophe, at `p` inside a word.
#[inline]
fn unit_after(b: &[u8], p: usize) -> Option<Unit> {
    letter_at(b, p).or_else(|| {
        apostrophe_at(b, p).map(|len| Unit {
            slot: APOSTROPHE,
            upper: false,
            len,
        })
    })
}

/// Where [`fast_run`] stopped.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stop {
    /// At the end of the word: an ASCII character other than the apostrophe follows.
    End,
    /// At a letter, apostrophe or mark the full rule search must decide.
    Slow,
}

/// Where [`word`] stopped: it writes one word, or several separated by short ASCII gaps when
/// its caller allows.
#[derive(Clone, Copy, Debug)]
struct Words {
    /// The end of the last word written.
    end: usize,
    /// The start of the last word, in the text and in the output buffer.
    start: usize,
    mark: usize,
    /// The languages the last word's letters allow (see [`marks`]; `ALL` unless `AUTO`).
    m: u8,
}

/// The output of [`fast_run`] is gathered here and appended to the buffer in one fixed-size
/// copy per `STAGE` bytes, so that a letter costs one store and an add.
const STAGE: usize = 64;

/// The longest gap between two words that [`fast_run`] copies itself: one 8-byte load.
const GAP: usize = 8;

/// How much text one call of [`word`] covers at most, so that a stream's buffer stays small.
const SPAN: usize = 8 * 1024;

/// The fast path: writes the letters from `w.end` on while each one's rules look at most at
/// the previous letter, it has no combining mark after it, and the next letter starts no
/// multi-letter rule with it but the one unconditional pair the table carries (зь → ź); most
/// letters of running text qualify. Returns why it stopped
/// and the last letter written (or `prev` unchanged); `w` says where.
///
/// Each step looks the next letter up in the scheme's table by its two UTF-8 bytes, then
/// writes the current one from its entry, choosing among four packed outputs by two bits:
/// the previous unit's context bits meet the entry's `alt`, and the letter is in capitals.
/// The next letter's entry becomes the current one, so every letter is decoded once.
///
/// At the end of a word followed by fewer than [`GAP`] ASCII characters and another word,
/// it asks `more` (given the word's marks) whether to go on; if so it copies the gap and
/// carries on with the next word, so that running text costs no call per word.
#[inline(always)]
fn fast_run<const AUTO: bool>(
    table: &SchemeData,
    fast: &[Fast; 256],
    b: &[u8],
    w: &mut Words,
    mut prev: Option<Unit>,
    buf: &mut Vec<u8>,
    more: &mut impl FnMut(u8, bool, usize) -> bool,
) -> (Option<Unit>, Stop) {
    let mut stop = Stop::Slow;
    let mut pos = w.end;
    let origin = pos;
    let Some(&[lead, cont]) = b.get(pos..pos + 2) else {
        return (prev, stop);
    };
    if lead & 0xfc != 0xd0 {
        return (prev, stop);
    }
    // `u8` indices into 256-entry tables: the compiler drops the checks.
    let mut f = fast
        .get(usize::from(slot_index(lead, cont)))
        .unwrap_or(&Fast::NO);
    let mut prev_bits = table.bits_of(prev.map(|p| p.slot));
    let mut stage = [0u8; STAGE + 8];
    let mut n = 0;
    let mut m = w.m;
    while f.fast {
        let Some(&[next_lead, next_cont]) = b.get(pos + 2..pos + 4) else {
            break;
        };
        let mut next = if next_lead & 0xfc == 0xd0 {
            fast.get(usize::from(slot_index(next_lead, next_cont)))
                .unwrap_or(&Fast::NO)
        } else if next_lead == 0xcc {
            // A combining mark on this letter: the full search composes it.
            break;
        } else {
            &Fast::NO
        };
        if f.unless & next.bits != 0 {
            break;
        }
        let mut next_lead = next_lead;
        if f.pair & next.bits != 0 {
            // The letter's two-letter rule (зь → ź), in the full search's case: title or
            // capitals by the second letter when the first is uppercase. The letter after
            // the pair must be in the text and carry no combining mark, else the full search
            // decides.
            let Some(&[after_lead, after_cont]) = b.get(pos + 4..pos + 6) else {
                break;
            };
            if after_lead == 0xcc {
                break;
            }
            let k = usize::from(next.case & 1);
            if let (Some(&packed), Some(&len), Some(dst)) = (
                f.pair_out.get(k),
                f.pair_len.get(k),
                stage.get_mut(n..n + 8),
            ) {
                dst.copy_from_slice(&packed.to_le_bytes());
                n += usize::from(len);
            }
            if AUTO {
                m &= marks(prev.map(|p| p.slot), f.slot) & marks(Some(f.slot), next.slot);
            }
            prev = Some(next.unit());
            prev_bits = next.bits;
            pos += 4;
            next_lead = after_lead;
            next = if after_lead & 0xfc == 0xd0 {
                fast.get(usize::from(slot_index(after_lead, after_cont)))
                    .unwrap_or(&Fast::NO)
            } else {
                &Fast::NO
            };
        } else {
            // An uppercase letter is all caps before an uppercase letter, or at the end of a
            // word after one; else title case (see the full search). A lowercase letter's two
            // forms are the same.
            let prev_upper = prev.is_some_and(|p| p.upper);
            let caps = next.case >> u8::from(prev_upper) & 1;
            let k = usize::from(f.alt & prev_bits != 0) << 1 | usize::from(caps);
            if let (Some(&packed), Some(&len), Some(dst)) =
                (f.out.get(k), f.len.get(k), stage.get_mut(n..n + 8))
            {
                dst.copy_from_slice(&packed.to_le_bytes());
                n += usize::from(len);
            }
            if AUTO {
                m &= marks(prev.map(|p| p.slot), f.slot);
            }
            prev = Some(f.unit());
            prev_bits = f.bits;
            pos += 2;
        }
        if n >= STAGE {
            flush_stage(buf, &stage, n);
            n = 0;
        }
        if next.fast {
            f = next;
            continue;
        }
        // The apostrophe is the only ASCII character inside a word.
        if next_lead >= 0x80 || next_lead == b'\'' {
            break;
        }
        stop = Stop::End;
        // A short ASCII gap and a word on the fast path: go on if the caller agrees.
        let Some((gap, len, first)) = gap_then_word(b, pos, fast) else {
            break;
        };
        let newline = AUTO && gap.get(..len).is_some_and(|g| g.contains(&b'\n'));
        if pos - origin >= SPAN || !more(m, newline, pos) {
            break;
        }
        if let Some(dst) = stage.get_mut(n..n + 8) {
            dst.copy_from_slice(gap);
            n += len;
        }
        if n >= STAGE {
            flush_stage(buf, &stage, n);
            n = 0;
        }
        pos += len;
        w.start = pos;
        w.mark = buf.len() + n;
        m = ALL;
        prev = None;
        prev_bits = table.edge_bits;
        stop = Stop::Slow;
        f = first;
    }
    flush_stage(buf, &stage, n);
    w.end = pos;
    w.m = m;
    (prev, stop)
}

/// At the end of a word at `pos`: the next [`GAP`] bytes, the length of the ASCII gap they
/// start with, and the table entry of the word after it, if it is that close and its first
/// letter is on the fast path.
#[inline(always)]
fn gap_then_word<'b, 't>(
    b: &'b [u8],
    pos: usize,
    fast: &'t [Fast; 256],
) -> Option<(&'b [u8; GAP], usize, &'t Fast)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let gap = b.get(pos..pos + GAP)?.first_chunk::<GAP>()?;
    let len = (u64::from_le_bytes(*gap) & HIGH).trailing_zeros() as usize / 8;
    let &[lead, cont] = b.get(pos + len..pos + len + 2)? else {
        return None;
    };
    if lead & 0xfc != 0xd0 {
        return None;
    }
    let first = fast.get(usize::from(slot_index(lead, cont)))?;
    first.fast.then_some((gap, len, first))
}

impl Fast {
    /// The letter as a unit of the text (every letter on the fast path takes two bytes).
    #[inline(always)]
    fn unit(&self) -> Unit {
        Unit {
            slot: self.slot,
            upper: self.upper,
            len: 2,
        }
    }
}

/// Appends `stage[..n]` to `buf` with one fixed-size copy.
#[inline(always)]
fn flush_stage(buf: &mut Vec<u8>, stage: &[u8; STAGE + 8], n: usize) {
    buf.extend_from_slice(stage);
    buf.truncate(buf.len() - (STAGE + 8 - n.min(STAGE + 8)));
}

/// Writes the word that starts at byte `i` by `table`, and the words after it while `more`
/// agrees (see [`fast_run`]); returns where the last one starts and ends and the languages
/// its letters allow (see [`marks`]).
#[inline]
fn word<const AUTO: bool>(
    cfg: &Config,
    table: &SchemeData,
    text: &str,
    i: usize,
    buf: &mut Vec<u8>,
    tally: &mut Tally,
    mut more: impl FnMut(u8, bool, usize) -> bool,
) -> Words {
    let b = text.as_bytes();
    let fold = usize::from(cfg.ascii);
    let [plain, folded] = table.fast;
    let fast = if cfg.ascii { folded } else { plain };
    let mut w = Words {
        end: i,
        start: i,
        mark: buf.len(),
        m: ALL,
    };
    let mut prev: Option<Unit> = None;
    loop {
        if !cfg.reference {
            let stop;
            (prev, stop) = fast_run::<AUTO>(table, fast, b, &mut w, prev, buf, &mut more);
            if stop == Stop::End {
                return w;
            }
        }
        let pos = w.end;
        let cur = match prev {
            None => letter_at(b, pos),
            Some(_) => unit_after(b, pos),
        };
        let Some(mut cur) = cur else {
            // The end of the word, after a letter the full search wrote: go on to the next
            // word as the fast path does.
            let next = gap_then_word(b, pos, fast).filter(|_| !cfg.reference);
            let Some((gap, len, _)) = next else { return w };
            let newline = AUTO && gap.get(..len).is_some_and(|g| g.contains(&b'\n'));
            if pos - i >= SPAN || !more(w.m, newline, pos) {
                return w;
            }
            buf.extend_from_slice(gap.get(..len).unwrap_or_default());
            w = Words {
                end: pos + len,
                start: pos + len,
                mark: buf.len(),
                m: ALL,
            };
            prev = None;
            continue;
        };
        if AUTO {
            w.m &= marks(prev.map(|p| p.slot), cur.slot);
        }
        if cur.slot == APOSTROPHE {
            // The apostrophe takes the case of the letter before it, so that the letter after
            // it is in capitals inside an ALL-CAPS word (ІМ'Я → IMIA) and title case nowhere.
            cur.upper = prev.is_some_and(|p| p.upper);
        }
        let after = pos + usize::from(cur.len);
        let next = unit_after(b, after);
        // The letters a rule may span: this one and the next two.
        let next2 = next.and_then(|n| unit_after(b, after + usize::from(n.len)));
        let window = [Some(cur), next, next2];
        let mut hit = None;
        for r in table.rules(cur.slot) {
            let len = 1 + r.rest.len();
            let spanned = r.rest.iter().enumerate().all(|(j, &s)| {
                window
                    .get(j + 1)
                    .copied()
                    .flatten()
                    .is_some_and(|u| u.slot == s)
            });
            if !spanned || !r.prev.has(prev.map(|p| p.slot)) {
                continue;
            }
            let follow = match window.get(len) {
                Some(u) => u.map(|u| u.slot),
                None => next2.and_then(|n| {
                    let p = after + usize::from(next.map_or(0, |x| x.len)) + usize::from(n.len);
                    unit_after(b, p).map(|u| u.slot)
                }),
            };
            if r.next.has(follow) {
                hit = Some((r, len));
                break;
            }
        }
        let hit = match hit {
            Some((r, _)) if r.approx => {
                if cfg.keep_unknown {
                    None
                } else {
                    tally.add(pos, &text[pos..after]);
                    hit
                }
            }
            _ => hit,
        };
        let Some((r, len)) = hit else {
            // No rule for this letter, or one the caller does not want: copy it (or fold it).
            let s = &text[pos..after];
            if cfg.ascii {
                for c in s.chars() {
                    buf.extend_from_slice(deunicode::deunicode_char(c).unwrap_or("[?]").as_bytes());
                }
            } else {
                buf.extend_from_slice(s.as_bytes());
            }
            prev = Some(cur);
            w.end = after;
            continue;
        };
        // An uppercase letter followed by an uppercase one, or ending a word whose previous
        // letter is uppercase, is part of an ALL-CAPS word: ЖОДИНО → ZHODINO, but Жодино →
        // Zhodino.
        let form = if !cur.upper {
            0
        } else {
            match next {
                Some(n) if n.slot != APOSTROPHE => 1 + usize::from(n.upper),
                _ => 1 + usize::from(prev.is_some_and(|p| p.upper)),
            }
        };
        let out = form + 3 * fold;
        if let (Some(&packed), Some(&len)) = (r.packed.get(out), r.lens.get(out)) {
            put_packed(buf, packed, len);
        }
        // Step over the letters the rule spanned, noting their marks.
        let mut last = cur;
        let mut end = after;
        for u in window.iter().take(len).skip(1).flatten() {
            if AUTO {
                w.m &= marks(Some(last.slot), u.slot);
            }
            last = *u;
            end += usize::from(u.len);
        }
        prev = Some(last);
        w.end = end;
    }
}

/// Unwraps a result that cannot fail.
pub(crate) fn infallible<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(v) => v,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, Translit, forced};
    use super::*;
    use proptest::prelude::*;

    fn render(cfg: &Config, text: &str) -> String {
        let mut out = VecOut(Vec::new());
        infallible(run(cfg, text, 0, &mut out, &mut Tally::default()));
        String::from_utf8_lossy(&out.0).into_owned()
    }

    /// Letters of all three alphabets in both cases, apostrophes, a combining breve, Latin,
    /// spaces and punctuation: every path of the engine.
    const PIECES: &[&str] = &[
        "а", "б", "в", "г", "д", "е", "ё", "ж", "з", "и", "й", "к", "л", "м", "н", "о", "п", "р",
        "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ъ", "ы", "ь", "э", "ю", "я", "і", "ї", "є",
        "ґ", "ў", "Е", "Ё", "Ж", "З", "Л", "Ц", "Ш", "Щ", "Ъ", "Ь", "Ю", "Я", "І", "Ў", "Є", "'",
        "’", "\u{306}", " ", "-", "a", "Ł", ",", "\n",
    ];

    /// The fast path covers every scheme's frequent letters: vendored schemes must not fall
    /// back to the full rule search on running text (a letter leaves the fast path when a
    /// rule looks at the next letter or a scheme needs more than 8 contexts).
    #[test]
    fn fast_path_covers_the_frequent_letters_of_every_scheme() {
        let mut slow = Vec::new();
        for s in Scheme::all() {
            let d = s.data();
            for c in "абвдзклмнопрстуы".chars() {
                // Łacinka writes л as ł or l by the letter after it.
                if (s, c) == (Scheme::BE_LACINKA, 'л') {
                    continue;
                }
                let k = (u32::from(c) - 0x400) as usize;
                if !d.fast[0][k].fast || !d.fast[1][k].fast {
                    slow.push(format!("{s}: {c}"));
                }
            }
        }
        assert!(slow.is_empty(), "{}", slow.join(", "));
        // be-national writes з, л, н, с, ц before ь as one letter (зь → ź), a twelfth of
        // Belarusian letters: the fast path writes those pairs itself.
        let d = Scheme::BE_NATIONAL.data();
        for (c, soft) in "злнсцЗЛНСЦ".chars().zip("ьььььЬЬЬЬЬ".chars()) {
            let [k, s] = [c, soft].map(|x| (u32::from(x) - 0x400) as usize);
            assert!(d.fast[0][k].pair & d.fast[0][s].bits != 0, "{c}{soft}");
        }
    }

    /// The fast path agrees with the full rule search on the standards' examples (every
    /// vendored scheme on every example, so pairs, capitals and apostrophes of real names).
    #[test]
    fn fast_path_agrees_with_the_full_rule_search_on_the_standards_examples() -> io::Result<()> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/translit");
        let mut text = String::new();
        for entry in std::fs::read_dir(&dir)? {
            text.push_str(&std::fs::read_to_string(entry?.path())?);
        }
        assert!(text.len() > 100_000, "{} bytes of examples", text.len());
        // Upper case too: the examples are mostly title case.
        text.push_str(&text.to_uppercase());
        for scheme in Scheme::all() {
            for ascii in [false, true] {
                let fast = forced(scheme, ascii).config();
                let reference = Config {
                    reference: true,
                    ..fast
                };
                let (got, want) = (render(&fast, &text), render(&reference, &text));
                // Lines pass through, so the first line that differs shows the case.
                let diff = text
                    .lines()
                    .zip(got.lines().zip(want.lines()))
                    .find(|(_, (g, w))| g != w);
                assert!(
                    diff.is_none() && got == want,
                    "{scheme} ascii {ascii}: {diff:?}"
                );
            }
        }
        Ok(())
    }

    /// The tables answer as the rule does for every pair of letters.
    #[test]
    fn marks_tables_follow_the_rule() {
        for slot in 0..=255 {
            assert_eq!(marks(None, slot), marks_rule(None, slot), "{slot:#x}");
            for prev in 0..=255 {
                assert_eq!(
                    marks(Some(prev), slot),
                    marks_rule(Some(prev), slot),
                    "{prev:#x} {slot:#x}"
                );
            }
        }
    }

    /// [`word_marks`] letter by letter through `letter_at`, as it was before its two-byte
    /// shortcut.
    fn word_marks_reference(b: &[u8], i: &mut usize, strong: bool) -> u8 {
        let mut m = ALL;
        let mut prev = None;
        while let Some(u) = letter_at(b, *i) {
            m &= if strong && matches!(u.slot, 0x4b | 0x4d) {
                RU | BE
            } else {
                marks(prev, u.slot)
            };
            prev = Some(u.slot);
            *i += usize::from(u.len);
            if let Some(l) = apostrophe_at(b, *i) {
                if !strong {
                    m &= BE | UK;
                }
                prev = Some(APOSTROPHE);
                *i += usize::from(l);
            }
        }
        m
    }

    /// Every word start of `text`: what [`word_marks`] and the reference say, and where each
    /// stops.
    fn word_marks_both(text: &str) -> Vec<((u8, usize), (u8, usize))> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        for start in (0..b.len()).filter(|&i| text.is_char_boundary(i)) {
            for strong in [false, true] {
                let (mut i, mut j) = (start, start);
                let got = if strong {
                    word_marks::<true>(b, &mut i)
                } else {
                    word_marks::<false>(b, &mut i)
                };
                let want = word_marks_reference(b, &mut j, strong);
                out.push(((got, i), (want, j)));
            }
        }
        out
    }

    #[test]
    fn word_marks_agrees_with_its_reference_on_the_standards_examples() -> io::Result<()> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/translit");
        for entry in std::fs::read_dir(&dir)? {
            let text = std::fs::read_to_string(entry?.path())?;
            for line in text.lines() {
                for (got, want) in word_marks_both(line) {
                    assert_eq!(got, want, "{line}");
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn word_marks_agrees_with_its_reference(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
        ) {
            let text: String = parts.concat();
            for (got, want) in word_marks_both(&text) {
                prop_assert_eq!(got, want, "{:?}", text);
            }
        }

        #[test]
        fn fast_path_agrees_with_the_full_rule_search(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            ascii in any::<bool>(),
        ) {
            let text: String = parts.concat();
            for scheme in Scheme::all() {
                let fast = forced(scheme, ascii).config();
                let reference = Config { reference: true, ..fast };
                prop_assert_eq!(render(&fast, &text), render(&reference, &text), "{}", scheme);
            }
            let auto = Translit::builder().ascii(ascii).build().config();
            prop_assert_eq!(render(&auto, &text), render(&Config { reference: true, ..auto }, &text));
        }
    }
}
