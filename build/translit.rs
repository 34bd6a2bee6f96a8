//! Code generation for transliteration schemes (`tables/translit/*.tsv`).
//!
//! Every scheme file is parsed and validated here; errors are collected (not just the first)
//! as `path:line: message`. The output, `$OUT_DIR/translit.rs`, holds for each scheme a rule
//! array grouped by the lowercase Cyrillic letter a rule starts with, an index into it, the
//! context sets resolved to bitsets, and every output precomputed in lower, title and upper
//! case, each also folded to ASCII. Nothing is parsed at run time.
//!
//! The file format is described in `tables/translit/README.md`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::codegen;

/// The Cyrillic block the engine handles: U+0400..=U+04FF, indexed by `cp - 0x400`.
const BASE: u32 = 0x400;

/// The slot of the in-word apostrophe. Slot 0 would be the lowercase of U+0400 `Ѐ`, which
/// is U+0450, so no lowercase letter ever uses it.
const APOSTROPHE_SLOT: u8 = 0;

/// The letters each language's own scheme must cover (lowercase, `'` = apostrophe).
const ALPHABETS: [(&str, &str); 3] = [
    ("be", "абвгдеёжзійклмнопрстуўфхцчшыьэюя'"),
    ("ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    ("uk", "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"),
];

/// A context: the set of letter slots that may stand before (or after) a match, and whether
/// a word boundary (no letter) may.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Ctx {
    bits: [u64; 4],
    edge: bool,
}

impl Ctx {
    const ANY: Ctx = Ctx {
        bits: [u64::MAX; 4],
        edge: true,
    };
    const NONE: Ctx = Ctx {
        bits: [0; 4],
        edge: false,
    };

    fn insert(&mut self, slot: u8) {
        self.bits[usize::from(slot >> 6)] |= 1 << (slot & 63);
    }

    fn has(&self, slot: u8) -> bool {
        self.bits[usize::from(slot >> 6)] >> (slot & 63) & 1 == 1
    }

    fn negate(self) -> Ctx {
        Ctx {
            bits: self.bits.map(|b| !b),
            edge: !self.edge,
        }
    }
}

#[derive(Clone, Debug)]
struct Row {
    line: usize,
    /// The lowercase slots of the Cyrillic sequence, first letter included.
    from: Vec<u8>,
    from_text: String,
    latin: String,
    prev: Ctx,
    next: Ctx,
    unconditional: bool,
    /// Not the scheme's own rule nor one of its declared fallbacks: a sister scheme's rule or
    /// a general fold (see `resolved`). The engine counts these letters and copies them
    /// unchanged when asked to keep unknown letters.
    approx: bool,
}

#[derive(Debug)]
struct SchemeFile {
    path: PathBuf,
    name: String,
    lang: String,
    title: String,
    standard: String,
    year: String,
    scope: String,
    source: String,
    fallback: Option<String>,
    reversible: bool,
    rows: Vec<Row>,
}

/// Writes `$OUT_DIR/translit.rs`. Errors are `path:line: message` strings.
pub fn generate(out_dir: &Path) -> Result<(), Vec<String>> {
    let dir = Path::new("tables/translit");
    let mut errors = Vec::new();
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .collect(),
        Err(e) => return Err(vec![format!("{}: {e}", dir.display())]),
    };
    paths.sort();
    let mut schemes = Vec::new();
    for path in &paths {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                if let Some(s) = parse(path, &text, &mut errors) {
                    schemes.push(s);
                }
            }
            Err(e) => errors.push(format!("{}: {e}", path.display())),
        }
    }
    // Listed by name: `be-national` before `be-national-ascii`, whatever the file order.
    schemes.sort_by(|a, b| a.name.cmp(&b.name));
    let names: BTreeSet<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
    for s in &schemes {
        if let Some(f) = &s.fallback {
            if !names.contains(f.as_str()) {
                errors.push(format!(
                    "{}:1: unknown fallback scheme `{f}`",
                    s.path.display()
                ));
            }
        }
    }
    if schemes.is_empty() {
        errors.push(format!("{}: no scheme files", dir.display()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    codegen::write_file(out_dir, "scheme_sources.rs", sources(&paths))?;
    codegen::write_file(out_dir, "translit.rs", emit(&schemes))
}

/// The slot of a lowercase Cyrillic letter or the apostrophe.
fn slot_of(c: char) -> Option<u8> {
    if c == '\'' {
        return Some(APOSTROPHE_SLOT);
    }
    let cp = u32::from(c);
    if !(BASE..BASE + 256).contains(&cp) || !c.is_lowercase() {
        return None;
    }
    u8::try_from(cp - BASE)
        .ok()
        .filter(|&s| s != APOSTROPHE_SLOT)
}

fn parse(path: &Path, text: &str, errors: &mut Vec<String>) -> Option<SchemeFile> {
    let p = path.display().to_string();
    let before = errors.len();
    let mut err = |line: usize, msg: String| errors.push(format!("{p}:{line}: {msg}"));
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    let mut file = SchemeFile {
        path: path.to_owned(),
        name: String::new(),
        lang: String::new(),
        title: String::new(),
        standard: String::new(),
        year: String::new(),
        scope: String::new(),
        source: String::new(),
        fallback: None,
        reversible: false,
        rows: Vec::new(),
    };
    let mut classes: HashMap<String, Ctx> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if raw.nfc().ne(raw.chars()) {
            err(line, "line is not in Unicode NFC".into());
        }
        if let Some(c) = raw.strip_prefix('#') {
            if let Some(src) = c.trim_start().strip_prefix("source:") {
                file.source = src.trim().to_owned();
            }
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if let Some(key) = fields[0].strip_prefix('@') {
            let value = fields.get(1).copied().unwrap_or_default().trim();
            if value.is_empty() {
                err(
                    line,
                    format!("directive `@{key}` needs a value after a TAB"),
                );
                continue;
            }
            match key {
                "scheme" => file.name = value.to_owned(),
                "lang" => file.lang = value.to_owned(),
                "title" => file.title = value.to_owned(),
                "standard" => file.standard = value.to_owned(),
                "year" => file.year = value.to_owned(),
                "scope" => file.scope = value.to_owned(),
                "fallback" => file.fallback = Some(value.to_owned()),
                "reversible" if value == "yes" => file.reversible = true,
                "reversible" => err(line, format!("`@reversible` takes `yes`, found `{value}`")),
                "class" => {
                    let (name, members) = (value, fields.get(2).copied().unwrap_or_default());
                    if !name.bytes().all(|b| b.is_ascii_uppercase()) {
                        err(line, format!("class name `{name}` must be ASCII capitals"));
                    }
                    match parse_ctx(members, &classes) {
                        Ok(ctx) => {
                            classes.insert(name.to_owned(), ctx);
                        }
                        Err(m) => err(line, m),
                    }
                }
                _ => err(line, format!("unknown directive `@{key}`")),
            }
            continue;
        }
        if !(2..=4).contains(&fields.len()) {
            err(
                line,
                format!(
                    "expected 2 to 4 TAB-separated fields, found {}",
                    fields.len()
                ),
            );
            continue;
        }
        let from_text = fields[0];
        let mut from = Vec::new();
        for c in from_text.chars() {
            match slot_of(c) {
                Some(s) => from.push(s),
                None => err(
                    line,
                    format!("`{c}` in `{from_text}` is not a lowercase Cyrillic letter or `'`"),
                ),
            }
        }
        if from.is_empty() || from.len() > 3 {
            err(
                line,
                format!("`{from_text}`: a rule matches 1 to 3 letters"),
            );
            continue;
        }
        if fields[1].len() > 8 || ascii(fields[1]).len() > 8 {
            err(
                line,
                format!("output `{}` is longer than 8 bytes", fields[1]),
            );
        }
        let latin = match fields[1] {
            "-" => String::new(),
            l if l.chars().any(|c| c.is_whitespace()) => {
                err(line, format!("output `{l}` contains white space"));
                continue;
            }
            l => l.to_owned(),
        };
        if latin.chars().any(char::is_uppercase) {
            err(
                line,
                format!("output `{latin}` must be lowercase; case is applied by the engine"),
            );
        }
        let ctx = |i: usize| parse_ctx(fields.get(i).copied().unwrap_or("*"), &classes);
        let (prev, next) = match (ctx(2), ctx(3)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(m), _) | (_, Err(m)) => {
                err(line, m);
                continue;
            }
        };
        file.rows.push(Row {
            line,
            from,
            from_text: from_text.to_owned(),
            latin,
            prev,
            next,
            unconditional: prev == Ctx::ANY && next == Ctx::ANY,
            approx: false,
        });
    }
    if file.name != stem {
        err(
            1,
            format!("`@scheme {}` must match the file name `{stem}`", file.name),
        );
    }
    if !file.year.is_empty() && !file.year.bytes().all(|b| b.is_ascii_digit()) {
        err(1, format!("`@year` must be a year, found `{}`", file.year));
    }
    if !ALPHABETS.iter().any(|(l, _)| *l == file.lang) {
        err(
            1,
            format!("`@lang` must be one of be, ru, uk; found `{}`", file.lang),
        );
    }
    for (what, v) in [
        ("@title", &file.title),
        ("@standard", &file.standard),
        ("@year", &file.year),
        ("@scope", &file.scope),
        ("# source:", &file.source),
    ] {
        if v.is_empty() {
            err(1, format!("missing `{what}` header line"));
        }
    }
    // Rows sorted by their Cyrillic column; within one, the first matching row wins, so an
    // unconditional row must come last and nothing may follow it.
    for w in file.rows.windows(2) {
        if w[1].from_text < w[0].from_text {
            err(
                w[1].line,
                format!(
                    "row `{}` is out of order: it sorts before `{}`",
                    w[1].from_text, w[0].from_text
                ),
            );
        }
        if w[0].from == w[1].from {
            if w[0].unconditional {
                err(
                    w[1].line,
                    format!(
                        "row for `{}` is unreachable: line {} matches always",
                        w[1].from_text, w[0].line
                    ),
                );
            } else if w[0].prev == w[1].prev && w[0].next == w[1].next {
                err(
                    w[1].line,
                    format!(
                        "duplicate context for `{}` (see line {})",
                        w[1].from_text, w[0].line
                    ),
                );
            }
        }
    }
    let mut last: BTreeMap<&[u8], &Row> = BTreeMap::new();
    for r in &file.rows {
        last.insert(&r.from, r);
    }
    for (from, r) in &last {
        if from.len() == 1 && !r.unconditional {
            err(
                r.line,
                format!(
                    "`{}` has no unconditional row (`*` contexts) as its last row",
                    r.from_text
                ),
            );
        }
    }
    if let Some((_, alphabet)) = ALPHABETS.iter().find(|(l, _)| *l == file.lang) {
        for c in alphabet.chars() {
            let s = slot_of(c);
            if !file
                .rows
                .iter()
                .any(|r| r.from.len() == 1 && Some(r.from[0]) == s)
            {
                err(1, format!("letter `{c}` of `{}` has no row", file.lang));
            }
        }
    }
    (errors.len() == before).then_some(file)
}

/// Parses `*`, or `!`-negatable alternatives separated by `|`: `#` (word boundary), a class
/// name, or literal letters (each one a member).
fn parse_ctx(s: &str, classes: &HashMap<String, Ctx>) -> Result<Ctx, String> {
    let s = s.trim();
    if s == "*" {
        return Ok(Ctx::ANY);
    }
    let (neg, body) = match s.strip_prefix('!') {
        Some(b) => (true, b),
        None => (false, s),
    };
    if body.is_empty() {
        return Err(format!("empty context `{s}`"));
    }
    let mut ctx = Ctx::NONE;
    for item in body.split('|') {
        if item == "#" {
            ctx.edge = true;
        } else if item.bytes().all(|b| b.is_ascii_uppercase()) && !item.is_empty() {
            let c = classes
                .get(item)
                .ok_or_else(|| format!("unknown class `{item}`"))?;
            for (a, b) in ctx.bits.iter_mut().zip(c.bits) {
                *a |= b;
            }
            ctx.edge |= c.edge;
        } else {
            for c in item.chars() {
                let slot = slot_of(c).ok_or_else(|| format!("`{c}` in context `{s}` is not a lowercase Cyrillic letter, `'`, `#` or a class"))?;
                ctx.insert(slot);
            }
        }
    }
    Ok(if neg { ctx.negate() } else { ctx })
}

/// Title case: the first cased character upper, and for ALA-LC ligatures (`i͡a`) the letter
/// after the tie too, as the Library of Congress writes `I͡Akutsk`.
fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut done = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            if chars.get(i + 1) == Some(&'\u{361}') {
                out.push('\u{361}');
                if let Some(n) = chars.get(i + 2) {
                    out.extend(n.to_uppercase());
                }
                i += 2;
            }
            done = true;
        } else {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// ASCII folding of an output: diacritics dropped, the optional BGN/PCGN separator `·`
/// dropped, anything else through `deunicode`.
fn ascii(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' | '·' => {}
            c if c.is_ascii() => out.push(c),
            c => out.push_str(deunicode::deunicode_char(c).unwrap_or("")),
        }
    }
    out
}

fn ctx_code(c: &Ctx) -> String {
    format!(
        "Ctx {{ bits: [{:#x}, {:#x}, {:#x}, {:#x}], edge: {} }}",
        c.bits[0], c.bits[1], c.bits[2], c.bits[3], c.edge
    )
}

fn const_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn lang_code(l: &str) -> &'static str {
    match l {
        "be" => "Lang::Be",
        "ru" => "Lang::Ru",
        _ => "Lang::Uk",
    }
}

/// The rows of a scheme with those of its fallback chain appended for letters the scheme
/// itself does not cover (single-letter rules only), in slot order; then, marked `approx`,
/// for letters still uncovered, the rules of the same system for the sister languages
/// (`be-icao` for `ru-icao`), and last a general fold (`deunicode`) of every other lowercase
/// letter of U+0400..=U+04FF (Serbian ј, Kazakh қ, …), so that no Cyrillic letter is left.
fn resolved(s: &SchemeFile, all: &[SchemeFile]) -> Vec<Row> {
    let mut rows: Vec<Row> = s.rows.clone();
    let mut seen = BTreeSet::from([s.name.as_str()]);
    let mut covered: BTreeSet<u8> = s.rows.iter().map(|r| r.from[0]).collect();
    let mut cur = s.fallback.as_deref();
    while let Some(name) = cur {
        if !seen.insert(name) {
            break;
        }
        let Some(f) = all.iter().find(|x| x.name == name) else {
            break;
        };
        let mut added = BTreeSet::new();
        for r in &f.rows {
            if r.from.len() == 1 && !covered.contains(&r.from[0]) {
                rows.push(r.clone());
                added.insert(r.from[0]);
            }
        }
        covered.extend(added);
        cur = f.fallback.as_deref();
    }
    // The same system for the sister languages: the name after the language code.
    let system = s.name.split_once('-').map_or("", |(_, rest)| rest);
    for (lang, _) in ALPHABETS {
        let sister = format!("{lang}-{system}");
        let Some(f) = all.iter().find(|x| x.name == sister && x.name != s.name) else {
            continue;
        };
        let mut added = BTreeSet::new();
        for r in &f.rows {
            if r.from.len() == 1 && !covered.contains(&r.from[0]) {
                rows.push(Row {
                    approx: true,
                    ..r.clone()
                });
                added.insert(r.from[0]);
            }
        }
        covered.extend(added);
    }
    for slot in 1..=255u8 {
        let Some(c) = char::from_u32(BASE + u32::from(slot)) else {
            continue;
        };
        if covered.contains(&slot) || !c.is_lowercase() || !c.is_alphabetic() {
            continue;
        }
        // Letters only: deunicode marks some letters with an apostrophe (қ → K'), which
        // would read as a separator here, and writes the schwa ә as `@`. A letter that folds
        // to nothing (the semisoft sign ҍ) is written as nothing, as the soft sign is.
        let latin: String = match c {
            'ә' | 'ӛ' => "a".to_owned(),
            _ => deunicode::deunicode_char(c)
                .unwrap_or("")
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_lowercase(),
        };
        if latin.len() > 8 {
            continue;
        }
        rows.push(Row {
            line: 0,
            from: vec![slot],
            from_text: c.to_string(),
            latin,
            prev: Ctx::ANY,
            next: Ctx::ANY,
            unconditional: true,
            approx: true,
        });
    }
    // Group by first letter, longer sequences first, file order otherwise: the engine takes
    // the first row whose letters and contexts match.
    rows.sort_by_key(|r| (r.from[0], std::cmp::Reverse(r.from.len())));
    rows
}

/// How a letter's rules fit the engine's fast path (see [`fast_entry`]); rules are offsets in
/// the letter's group.
struct FastEntry {
    /// The alternative single-letter rule and the previous letters it applies after.
    alt: Option<(usize, Ctx)>,
    /// The unconditional single-letter rule.
    default: usize,
    /// An unconditional two-letter rule the fast path applies itself, and its second letter
    /// (be-national `зь → ź`): without it every such pair left the fast path.
    pair: Option<(usize, u8)>,
    /// The letters after this one that need the full search.
    unless: Ctx,
}

/// Whether a letter's rules fit the engine's fast path, and how: at most two single-letter
/// rules that look only backwards (an alternative for some previous letters, then an
/// unconditional default), plus any multi-letter rules and any single-letter rules that look
/// at the next letter (ICU's `ы}[ауэ] → y·`), whose second or next letters send the engine to
/// the full rule search — except one unconditional two-letter rule whose second letter
/// starts no other multi-letter rule, which the fast path writes itself.
fn fast_entry(group: &[Row]) -> Option<FastEntry> {
    // Approximate rules are counted, which only the full search does.
    if group.iter().any(|r| r.approx) {
        return None;
    }
    // Rules are in the engine's order, longer first, so the pair rule wins over any
    // single-letter rule that looks at its second letter.
    let multi: Vec<usize> = (0..group.len())
        .filter(|&k| group[k].from.len() > 1)
        .collect();
    let pair = multi.iter().copied().find(|&k| {
        let r = &group[k];
        r.from.len() == 2
            && r.unconditional
            && r.from[1] != APOSTROPHE_SLOT
            && multi
                .iter()
                .all(|&j| j == k || group[j].from[1] != r.from[1])
    });
    let mut unless = Ctx::NONE;
    for &k in multi.iter().filter(|&&k| Some(k) != pair) {
        unless.insert(group[k].from[1]);
    }
    // A rule that looks ahead applies only before one of its next letters, where the engine
    // leaves the fast path; elsewhere the other rules decide as if it were not there. The
    // fast path sees neither the end of a word nor an apostrophe as a next letter, so a rule
    // that looks for either stays off it.
    let mut singles = Vec::new();
    for (k, r) in group.iter().enumerate().filter(|(_, r)| r.from.len() == 1) {
        if r.next == Ctx::ANY {
            singles.push(k);
        } else if r.next.edge || r.next.has(APOSTROPHE_SLOT) {
            return None;
        } else {
            for (a, b) in unless.bits.iter_mut().zip(r.next.bits) {
                *a |= b;
            }
        }
    }
    let pair = pair.map(|k| (k, group[k].from[1]));
    if let Some((_, second)) = pair {
        unless.bits[usize::from(second >> 6)] &= !(1 << (second & 63));
    }
    let (alt, default) = match singles.as_slice() {
        [d] if group[*d].unconditional => (None, *d),
        [a, d] if group[*d].unconditional => (Some((*a, group[*a].prev)), *d),
        _ => return None,
    };
    Some(FastEntry {
        alt,
        default,
        pair,
        unless,
    })
}

fn emit(schemes: &[SchemeFile]) -> String {
    let mut o = String::new();
    o.push_str("// @generated by build/translit.rs from tables/translit/*.tsv — do not edit\n\n");
    // Letter classes of U+0400..=U+04FF: 0 not a letter, 1 lowercase, 2 uppercase; and the
    // lowercase slot of each.
    let mut class = Vec::new();
    let mut lower = Vec::new();
    for i in 0..256u32 {
        let c = char::from_u32(BASE + i).unwrap_or('\0');
        let l = c.to_lowercase().next().unwrap_or(c);
        let slot = u32::from(l)
            .checked_sub(BASE)
            .filter(|&s| s < 256)
            .unwrap_or(i);
        class.push(if !c.is_alphabetic() {
            0
        } else if c.is_uppercase() {
            2
        } else {
            1
        });
        lower.push(slot);
    }
    let _ = writeln!(
        o,
        "/// Letter class of U+0400 + i: 0 not a letter, 1 lowercase, 2 uppercase."
    );
    codegen::array_inline(&mut o, "pub(crate) static CLASS", "u8", &class);
    let _ = writeln!(o, "/// Lowercase slot (code point − U+0400) of U+0400 + i.");
    codegen::array_inline(&mut o, "pub(crate) static LOWER", "u8", &lower);
    o.push('\n');
    let _ = writeln!(o, "impl Scheme {{");
    for (i, s) in schemes.iter().enumerate() {
        let _ = writeln!(
            o,
            "    #[doc = {:?}]",
            format!("`{}`: {} — {}.", s.name, s.title, s.standard)
        );
        let _ = writeln!(
            o,
            "    pub const {}: Scheme = Scheme({i});",
            const_name(&s.name)
        );
    }
    let _ = writeln!(o, "}}\n");
    for (i, s) in schemes.iter().enumerate() {
        let rows = resolved(s, schemes);
        let mut index = vec![0u16; 257];
        for r in &rows {
            index[usize::from(r.from[0]) + 1] += 1;
        }
        for k in 1..257 {
            index[k] += index[k - 1];
        }
        let mut all_outs = Vec::new();
        codegen::array_rows(
            &mut o,
            &format!("static RULES_{i}"),
            "Rule",
            &rows,
            |o, r| {
                // Case mapping can decompose (ı̀ → I + U+0300): the outputs are composed again.
                let t: String = title(&r.latin).nfc().collect();
                let u: String = r.latin.to_uppercase().nfc().collect();
                let outs = [
                    r.latin.clone(),
                    t.clone(),
                    u.clone(),
                    ascii(&r.latin),
                    ascii(&t),
                    ascii(&u),
                ];
                // Outputs are packed into a u64 each (little-endian bytes) beside their length, so
                // that the engine writes them with one fixed-size copy.
                let packed = outs.clone().map(|x| {
                    let mut b = [0u8; 8];
                    let n = x.len().min(8);
                    b[..n].copy_from_slice(&x.as_bytes()[..n]);
                    u64::from_le_bytes(b)
                });
                let lens = outs.clone().map(|x| x.len());
                all_outs.push((packed, lens));
                let _ = writeln!(
                    o,
                    "    // {}:{}: {} → {:?}\n    Rule {{ rest: &{:?}, prev: {}, next: {}, packed: {:?}, lens: {:?}, approx: {} }},",
                    s.path.display(),
                    r.line,
                    r.from_text,
                    outs,
                    &r.from[1..],
                    ctx_code(&r.prev),
                    ctx_code(&r.next),
                    packed,
                    lens,
                    r.approx
                );
            },
        );
        o.push('\n');
        codegen::array_inline(&mut o, &format!("static INDEX_{i}"), "u16", &index);
        o.push('\n');
        // The fast path's table, indexed by code point − U+0400 (the second UTF-8 byte of a
        // two-byte Cyrillic character, with two bits of the first): for each letter whose
        // rules fit (see `fast_entry`) its outputs, and for every letter the context bits the
        // engine tests its neighbours against. The contexts the fast path tests (previous
        // letters for an alternative output, second letters of multi-letter rules) are
        // numbered, at most 8 per scheme, and each letter carries a byte saying which of
        // them it belongs to; a test is then one AND instead of a set lookup.
        let mut ctxs: Vec<Ctx> = Vec::new();
        // The bit of context `c`: 0 for the empty set, `None` when all 8 are taken (the letter
        // then stays off the fast path, which is always correct).
        let mut ctx_bit = |c: Ctx| -> Option<u8> {
            if c == Ctx::NONE {
                return Some(0);
            }
            let k = match ctxs.iter().position(|x| *x == c) {
                Some(k) => k,
                None if ctxs.len() < 8 => {
                    ctxs.push(c);
                    ctxs.len() - 1
                }
                None => return None,
            };
            Some(1 << k)
        };
        // Per lowercase slot: (entry, alternative's bit, unless bit, pair's bit).
        let mut fast_rules: BTreeMap<usize, (FastEntry, u8, u8, u8)> = BTreeMap::new();
        for slot in 0..256 {
            let group = &rows[usize::from(index[slot])..usize::from(index[slot + 1])];
            let Some(mut entry) = fast_entry(group) else {
                continue;
            };
            // The engine reads the next letter without a combining mark after it, so a
            // second letter that a mark could make (и + ̆ → й, у + ̆ → ў, е + ̈ → ё,
            // і + ̈ → ї) sends the letter to the full search too.
            let pair_second = entry.pair.map(|(_, s)| s);
            for (base, composed) in [('и', 'й'), ('у', 'ў'), ('е', 'ё'), ('і', 'ї')] {
                if let (Some(b), Some(c)) = (slot_of(base), slot_of(composed)) {
                    if entry.unless.has(c) || pair_second == Some(c) {
                        entry.unless.insert(b);
                    }
                }
            }
            let mut pair_ctx = Ctx::NONE;
            if let Some(s) = pair_second {
                pair_ctx.insert(s);
            }
            let alt_prev = entry.alt.map_or(Ctx::NONE, |(_, prev)| prev);
            if let (Some(a), Some(u), Some(p)) =
                (ctx_bit(alt_prev), ctx_bit(entry.unless), ctx_bit(pair_ctx))
            {
                fast_rules.insert(slot, (entry, a, u, p));
            }
        }
        let bits_of = |has: &dyn Fn(&Ctx) -> bool| -> u8 {
            ctxs.iter()
                .enumerate()
                .filter(|(_, c)| has(c))
                .fold(0, |acc, (k, _)| acc | 1 << k)
        };
        let edge_bits = bits_of(&|c| c.edge);
        let apostrophe_bits = bits_of(&|c| c.has(APOSTROPHE_SLOT));
        let mut entries = [Vec::new(), Vec::new()];
        for idx in 0..256 {
            let kind = class[idx];
            // An uppercase letter uses its lowercase's rules and context bits.
            let slot = lower[idx] as usize;
            let base = usize::from(index[slot]);
            let bits = if kind == 0 {
                0
            } else {
                bits_of(&|c| c.has(slot as u8))
            };
            for (fold, list) in entries.iter_mut().enumerate() {
                // Output columns: lower, title, upper; +3 folded. A lowercase letter's capital
                // forms are its lowercase one.
                let cols = if kind == 2 { [1, 2] } else { [0, 0] }.map(|c| c + 3 * fold);
                let pick = |k: usize| {
                    let (p, l) = &all_outs[base + k];
                    (cols.map(|c| p[c]), cols.map(|c| l[c]))
                };
                let no_pair = ([0; 2], [0; 2], 0);
                let (out, len, alt, unless, (pair_out, pair_len, pair), fast) =
                    match fast_rules.get(&slot) {
                        Some((entry, alt_bit, unless_bit, pair_bit)) if kind != 0 => {
                            let (p, l) = pick(entry.default);
                            let (q, m) = entry.alt.map_or(([0, 0], [0, 0]), |(a, _)| pick(a));
                            let pair = entry.pair.map_or(no_pair, |(k, _)| {
                                let (p, l) = pick(k);
                                (p, l, *pair_bit)
                            });
                            (
                                [p[0], p[1], q[0], q[1]],
                                [l[0], l[1], m[0], m[1]],
                                *alt_bit,
                                *unless_bit,
                                pair,
                                true,
                            )
                        }
                        _ => ([0; 4], [0; 4], 0, 0, no_pair, false),
                    };
                list.push(format!(
                    "Fast {{ out: [{:#x}, {:#x}, {:#x}, {:#x}], len: {len:?}, pair_out: [{:#x}, {:#x}], pair_len: {pair_len:?}, bits: {bits:#x}, alt: {alt:#x}, unless: {unless:#x}, pair: {pair:#x}, slot: {slot}, case: {:#b}, upper: {}, fast: {fast} }}",
                    out[0],
                    out[1],
                    out[2],
                    out[3],
                    pair_out[0],
                    pair_out[1],
                    [0b10, 0b00, 0b11][kind as usize],
                    kind == 2,
                ));
            }
        }
        for (fold, list) in entries.iter().enumerate() {
            codegen::array_rows(
                &mut o,
                &format!("static FAST_{i}_{fold}"),
                "Fast",
                list,
                |o, e| {
                    let _ = writeln!(o, "    {e},");
                },
            );
            o.push('\n');
        }
        let _ = writeln!(
            o,
            "const EDGE_BITS_{i}: u8 = {edge_bits:#x};\nconst APOSTROPHE_BITS_{i}: u8 = {apostrophe_bits:#x};\n"
        );
    }
    let all = schemes.iter().enumerate();
    codegen::array_rows(
        &mut o,
        "pub(crate) static SCHEMES",
        "SchemeData",
        all,
        |o, (i, s)| {
            let _ = writeln!(
                o,
                "    SchemeData {{ name: {:?}, lang: {}, title: {:?}, standard: {:?}, year: {}, scope: {:?}, source: {:?}, reversible: {}, index: &INDEX_{i}, fast: [&FAST_{i}_0, &FAST_{i}_1], edge_bits: EDGE_BITS_{i}, apostrophe_bits: APOSTROPHE_BITS_{i}, rules: &RULES_{i} }},",
                s.name,
                lang_code(&s.lang),
                s.title,
                s.standard,
                s.year,
                s.scope,
                s.source,
                s.reversible
            );
        },
    );
    o
}

/// Every scheme file's name and text (`include_str!`), in file order: the verifier learns its
/// letter correspondences from the same files the engine is compiled from, and a new scheme
/// reaches both without a list to keep in step.
fn sources(paths: &[PathBuf]) -> String {
    let mut code = String::from("// @generated by build/translit.rs; do not edit\n&[\n");
    for path in paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            full.display().to_string()
        ));
    }
    code.push_str("]\n");
    code
}
