//! The correspondences the verifier aligns with, read once from the tables: every scheme of
//! `tables/translit/`, the press orthographies (`tables/verify/press.tsv`), the letter
//! correspondences between the Belarusian, Russian and Ukrainian forms of a name
//! (`tables/verify/cross.tsv`) and the Latin spelling equivalences (`tables/verify/latin.tsv`).
//!
//! The scheme files are read in the format `tables/translit/README.md` describes, with the same
//! matching order as the transliteration engine (longer sequences first, then file order, the
//! first rule whose contexts hold wins, fallback schemes for letters a scheme lacks), so that
//! the rendering a scheme gives a letter here is the one `canonym::translit` writes.

use super::{FOLDED, LOSSY_FOLD};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The scheme files, by name, as `build/translit.rs` lists them. A test checks that this list is
/// [`crate::Scheme::all`].
const SCHEME_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/scheme_sources.rs"));

const PRESS: &str = include_str!("../../tables/verify/press.tsv");
const CROSS: &str = include_str!("../../tables/verify/cross.tsv");
const LATIN: &str = include_str!("../../tables/verify/latin.tsv");
const HOMOGLYPHS: &str = include_str!("../../tables/homoglyphs.tsv");

/// Every lowercase letter of the three alphabets, and the apostrophe.
pub(super) const ALPHABET: &str = "абвгґдеёжзийіїклмнопрстуўфхцчшщъыьэюяє'";

/// A context column: `*`, or `#`, class names and letters separated by `|`, maybe negated.
/// The letters are a bit set over U+0400..U+04FF, with bit 256 for the apostrophe.
#[derive(Debug, Clone)]
pub(super) struct Ctx {
    pub(super) any: bool,
    neg: bool,
    edge: bool,
    bits: [u64; 5],
}

/// The bit of a letter in [`Ctx::bits`].
fn bit(c: char) -> Option<usize> {
    match c {
        '\'' => Some(256),
        '\u{0400}'..='\u{04FF}' => usize::try_from(u32::from(c) - 0x400).ok(),
        _ => None,
    }
}

impl Ctx {
    const ANY: Ctx = Ctx {
        any: true,
        neg: false,
        edge: true,
        bits: [0; 5],
    };

    fn parse(s: &str, classes: &HashMap<String, String>) -> Ctx {
        if s.is_empty() || s == "*" {
            return Ctx::ANY;
        }
        let (neg, body) = match s.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut ctx = Ctx {
            any: false,
            neg,
            edge: false,
            bits: [0; 5],
        };
        for alt in body.split('|') {
            if alt == "#" {
                ctx.edge = true;
                continue;
            }
            let letters = classes.get(alt).map_or(alt, String::as_str);
            for c in letters.chars() {
                if let Some(b) = bit(c) {
                    if let Some(word) = ctx.bits.get_mut(b / 64) {
                        *word |= 1 << (b % 64);
                    }
                }
            }
        }
        ctx
    }

    /// Whether no letter is in the set (only, maybe, the word boundary).
    pub(super) fn no_letters(&self) -> bool {
        self.bits == [0; 5]
    }

    /// Whether it is the word boundary alone (`#`).
    pub(super) fn edge_only(&self) -> bool {
        self.edge && !self.neg && self.no_letters()
    }

    /// Whether the letter `c` (`None`: a word boundary) is in the context.
    pub(super) fn has(&self, c: Option<char>) -> bool {
        if self.any {
            return true;
        }
        let hit = match c {
            None => self.edge,
            Some(c) => bit(c)
                .and_then(|b| self.bits.get(b / 64).map(|w| w >> (b % 64) & 1 == 1))
                .unwrap_or(false),
        };
        hit != self.neg
    }
}

/// The rules of `rules` (sorted by first letter) that start with `c`.
pub(super) fn starting_with(rules: &[Rule], c: char) -> &[Rule] {
    rules.get(letter_range(rules, c)).unwrap_or(&[])
}

/// Where the rules that start with `c` lie in `rules` (sorted by first letter).
fn letter_range(rules: &[Rule], c: char) -> std::ops::Range<usize> {
    let first = |r: &Rule| r.from.first().copied().unwrap_or('\0');
    rules.partition_point(|r| first(r) < c)..rules.partition_point(|r| first(r) <= c)
}

/// One row: Cyrillic letters, what they are written as, both contexts, and its system.
#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub(super) from: Vec<char>,
    /// The rendering, normalized as spellings are ([`norm_char`]); Cyrillic for cross rows.
    pub(super) to: Vec<char>,
    pub(super) prev: Ctx,
    pub(super) next: Ctx,
    /// Index into [`Tables::systems`].
    pub(super) sys: u8,
    /// The rendering folded to ASCII when that differs, and what the fold costs: [`FOLDED`],
    /// or [`LOSSY_FOLD`] for a lone vowel (ISO 9's â for я without its accent is а's
    /// rendering, as ICU's `Any-Latin; Latin-ASCII` writes it).
    pub(super) folded: Option<(Vec<char>, f32)>,
    /// For cross rows: whether two Latin spellings may meet through it (not the vowel rows).
    pub(super) open_between_latin: bool,
    /// For cross rows: the languages of the listed names it applies to (empty: all).
    pub(super) listed: Vec<String>,
}

/// Whether a folded rendering is a single plain vowel: ISO 9's â (я) or ê (є) without the
/// accent is another letter's rendering, so the fold costs [`LOSSY_FOLD`].
pub(super) fn lone_vowel(folded: &[char]) -> bool {
    matches!(folded, [c] if "aeiouy".contains(*c))
}

impl Rule {
    /// The correspondence a cross row makes, as a why writes it: `а~о`, `ь~-`.
    pub(super) fn correspondence(&self) -> String {
        let to: String = if self.to.is_empty() {
            "-".to_owned()
        } else {
            self.to.iter().collect()
        };
        format!("{}~{to}", self.from.iter().collect::<String>())
    }

    /// A scheme's or a press orthography's row: the Cyrillic letters, their Latin rendering
    /// (with its ASCII fold), the contexts, and the system that writes it.
    fn rendering((from, to, prev, next): (Vec<char>, String, Ctx, Ctx), sys: u8) -> Rule {
        Rule {
            from,
            to: latin_of(&to),
            prev,
            next,
            sys,
            folded: None,
            open_between_latin: false,
            listed: Vec::new(),
        }
        .with_folded()
    }

    /// Whether a cross row applies to a name listed in `lang`.
    pub(super) fn for_listed(&self, lang: &str) -> bool {
        self.listed.is_empty() || self.listed.iter().any(|l| l == lang)
    }

    /// Whether the rule applies at `j` of `word`.
    fn with_folded(mut self) -> Rule {
        let f = ascii_fold(&self.to);
        let cost = if lone_vowel(&f) { LOSSY_FOLD } else { FOLDED };
        self.folded = (f != self.to).then_some((f, cost));
        self
    }

    pub(super) fn matches(&self, word: &[char], j: usize) -> bool {
        let end = j + self.from.len();
        word.get(j..end) == Some(&self.from[..])
            && self
                .prev
                .has(j.checked_sub(1).and_then(|p| word.get(p).copied()))
            && self.next.has(word.get(end).copied())
    }
}

/// What kind of system a rule comes from, which sets its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A published scheme of `tables/translit/` for the language `lang`.
    Scheme,
    /// A press orthography.
    Press,
    /// Correspondences between the forms of one name in related languages.
    Cross,
    /// Latin spelling equivalences, and ASCII folding.
    Latin,
}

/// A system: a scheme, an orthography or a class of correspondences.
#[derive(Debug)]
pub(super) struct System {
    pub(super) name: String,
    pub(super) lang: String,
    pub(super) kind: Kind,
    /// A press orthography that writes every letter (`@complete`).
    pub(super) complete: bool,
}

/// A scheme's rules in matching order, the fallback schemes' single-letter rows included for
/// the letters it has none for.
#[derive(Debug)]
pub(super) struct SchemeRules {
    pub(super) sys: u8,
    pub(super) rules: Vec<Rule>,
    /// The range of `rules` that start with each letter of the Cyrillic block (U+0400..U+04FF):
    /// the verifier asks every scheme for the rule at each letter of a listed name, and two
    /// binary searches per question were a fifth of a first lookup's alignments.
    cyrillic: Vec<(u16, u16)>,
}

impl SchemeRules {
    fn new(sys: u8, rules: Vec<Rule>) -> SchemeRules {
        let cyrillic = ('\u{400}'..='\u{4FF}')
            .map(|c| {
                let r = letter_range(&rules, c);
                // A range past what u16 holds is left to the search (an empty, reversed one).
                match (u16::try_from(r.start), u16::try_from(r.end)) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => (1, 0),
                }
            })
            .collect();
        SchemeRules {
            sys,
            rules,
            cyrillic,
        }
    }

    /// The rules that start with `c`, as [`starting_with`] finds them.
    fn starting_with(&self, c: char) -> &[Rule] {
        let Some(&(a, b)) = (c as usize)
            .checked_sub(0x400)
            .and_then(|i| self.cyrillic.get(i))
        else {
            return starting_with(&self.rules, c);
        };
        // `get` is `None` for the reversed range of a letter the table could not hold.
        self.rules
            .get(usize::from(a)..usize::from(b))
            .unwrap_or_else(|| starting_with(&self.rules, c))
    }

    /// The rule the scheme applies at `j` of `word`, as the engine picks it.
    pub(super) fn at(&self, word: &[char], j: usize) -> Option<&Rule> {
        let c = word.get(j).copied()?;
        self.starting_with(c).iter().find(|r| r.matches(word, j))
    }

    /// The rule the scheme applies at `j`, among those that end by `end`.
    pub(super) fn within(&self, word: &[char], j: usize, end: usize) -> Option<&Rule> {
        let c = word.get(j).copied()?;
        self.starting_with(c)
            .iter()
            .find(|r| j + r.from.len() <= end && r.matches(word, j))
    }
}

/// All correspondences.
#[derive(Debug)]
pub(super) struct Tables {
    pub(super) systems: Vec<System>,
    pub(super) schemes: Vec<SchemeRules>,
    pub(super) press: Vec<Rule>,
    pub(super) cross: Vec<Rule>,
    /// Cyrillic the spelling may have where the listed name has nothing (`-` rows of cross).
    pub(super) cross_insert: Vec<(Vec<char>, u8)>,
    pub(super) latin: Vec<(Vec<char>, Vec<char>)>,
    /// The system index of Latin equivalences and ASCII folding.
    pub(super) latin_sys: u8,
    /// For a Latin string any rule writes: the Cyrillic units it may stand for, as a bit set
    /// over [`Tables::units`], the units their cross rows lead to, and those only the
    /// closed-syllable alternation leads to (see [`Crossing::ClosedFinal`]).
    pub(super) vocab: HashMap<Vec<char>, (u128, u128, u128)>,
    /// For each string of `vocab`: the other strings that render one of its units, and how
    /// the units meet.
    pub(super) equiv: HashMap<Vec<char>, Vec<(Vec<char>, Crossing)>>,
    pub(super) longest_vocab: usize,
    /// Look-alike letters (`tables/homoglyphs.tsv`), lowercase: Cyrillic or Greek → Latin.
    pub(super) to_latin: HashMap<char, char>,
    /// The reverse, Latin → Cyrillic, from the Cyrillic rows.
    pub(super) to_cyrillic: HashMap<char, char>,
}

/// The one normalization of spellings and renderings: apostrophe look-alikes become `'`.
pub(super) fn norm_char(c: char) -> char {
    match c {
        '’' | 'ʼ' | '′' | '‘' => '\'',
        c => c,
    }
}

/// A rendering folded to ASCII, as the engine's `--ascii` output writes it.
pub(super) fn ascii_fold(s: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        if c.is_ascii() {
            out.push(c);
        } else {
            match deunicode::deunicode_char(c) {
                Some(f) => out.extend(f.chars().flat_map(char::to_lowercase).map(norm_char)),
                None => out.push(c),
            }
        }
    }
    out
}

fn latin_of(s: &str) -> Vec<char> {
    if s == "-" {
        return Vec::new();
    }
    s.chars()
        .flat_map(char::to_lowercase)
        .map(norm_char)
        .collect()
}

/// Reads a file of rows (`cyrillic latin prev next`) with `@system`, `@class`, `@scheme`,
/// `@lang` and `@fallback` directives. Returns the sections (one per
/// `@system`, or the whole file); a malformed row is skipped (the scheme files are validated by the build, the
/// verifier's own by the `tables_are_well_formed` test).
struct Section {
    name: String,
    lang: String,
    fallback: Option<String>,
    complete: bool,
    rows: Vec<(Vec<char>, String, Ctx, Ctx)>,
    /// Per row: the `@listed` languages in force (empty: all).
    listed: Vec<Vec<String>>,
}

impl Section {
    fn new(name: &str) -> Section {
        Section {
            name: name.to_owned(),
            lang: String::new(),
            fallback: None,
            complete: false,
            rows: Vec::new(),
            listed: Vec::new(),
        }
    }
}

fn parse(text: &str, default_name: &str) -> Vec<Section> {
    let mut classes: HashMap<String, String> = HashMap::new();
    let mut sections: Vec<Section> = vec![Section::new(default_name)];
    let mut listed: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("");
        if let Some(d) = col(0).strip_prefix('@') {
            match d {
                "class" => {
                    classes.insert(col(1).to_owned(), col(2).to_owned());
                }
                "system" => {
                    listed.clear();
                    sections.push(Section::new(col(1)));
                }
                "listed" => listed = col(1).split('|').map(str::to_owned).collect(),
                "lang" => {
                    if let Some(s) = sections.last_mut() {
                        s.lang = col(1).to_owned();
                    }
                }
                "fallback" => {
                    if let Some(s) = sections.last_mut() {
                        s.fallback = Some(col(1).to_owned());
                    }
                }
                "complete" => {
                    if let Some(s) = sections.last_mut() {
                        s.complete = true;
                    }
                }
                _ => {}
            }
            continue;
        }
        let from: Vec<char> = if col(0) == "-" {
            Vec::new()
        } else {
            col(0)
                .chars()
                .flat_map(char::to_lowercase)
                .map(norm_char)
                .collect()
        };
        let prev = Ctx::parse(col(2), &classes);
        let next = Ctx::parse(col(3), &classes);
        if let Some(s) = sections.last_mut() {
            s.rows.push((from, col(1).to_owned(), prev, next));
            s.listed.push(listed.clone());
        }
    }
    sections.retain(|s| !s.rows.is_empty());
    sections
}

fn build() -> Tables {
    let mut systems: Vec<System> = Vec::new();
    let add_system = |systems: &mut Vec<System>, name: &str, lang: &str, kind: Kind| -> u8 {
        systems.push(System {
            name: name.to_owned(),
            lang: lang.to_owned(),
            kind,
            complete: false,
        });
        u8::try_from(systems.len() - 1).unwrap_or(u8::MAX)
    };
    // The schemes, each with its own rules in matching order.
    let mut own: Vec<(String, Option<String>, Vec<Rule>)> = Vec::new();
    let mut scheme_sys = Vec::new();
    for (name, text) in SCHEME_FILES {
        for Section {
            lang,
            fallback,
            rows,
            ..
        } in parse(text, name)
        {
            let sys = add_system(&mut systems, name, &lang, Kind::Scheme);
            let mut rules: Vec<Rule> = rows
                .into_iter()
                .map(|row| Rule::rendering(row, sys))
                .collect();
            // Longer sequences first, then file order (a stable sort).
            rules.sort_by_key(|r| std::cmp::Reverse(r.from.len()));
            own.push(((*name).to_owned(), fallback, rules));
            scheme_sys.push(sys);
        }
    }
    let mut schemes = Vec::new();
    for (i, (_, fallback, rules)) in own.iter().enumerate() {
        let mut all = rules.clone();
        let mut next = fallback.clone();
        let mut hops = 0;
        while let Some(f) = next.take() {
            hops += 1;
            let Some((_, ff, frules)) = own.iter().find(|(n, _, _)| *n == f) else {
                break;
            };
            for c in ALPHABET.chars() {
                if all.iter().any(|r| r.from.first() == Some(&c)) {
                    continue;
                }
                all.extend(frules.iter().filter(|r| r.from == [c]).map(|r| Rule {
                    sys: scheme_sys.get(i).copied().unwrap_or(0),
                    ..r.clone()
                }));
            }
            if hops < 8 {
                next = ff.clone();
            }
        }
        // By first letter, then longer sequences first, then file order (a stable sort), as
        // the engine tries them; [`starting_with`] finds a letter's rules.
        all.sort_by_key(|r| (r.from.first().copied(), std::cmp::Reverse(r.from.len())));
        schemes.push(SchemeRules::new(
            scheme_sys.get(i).copied().unwrap_or(0),
            all,
        ));
    }
    let mut press = Vec::new();
    for Section {
        name,
        complete,
        rows,
        ..
    } in parse(PRESS, "press")
    {
        let sys = add_system(&mut systems, &name, &name, Kind::Press);
        if let Some(s) = systems.get_mut(usize::from(sys)) {
            s.complete = complete;
        }
        press.extend(rows.into_iter().map(|row| Rule::rendering(row, sys)));
    }
    let mut cross = Vec::new();
    let mut cross_insert = Vec::new();
    for Section {
        name, rows, listed, ..
    } in parse(CROSS, "cross")
    {
        let sys = add_system(&mut systems, &name, "", Kind::Cross);
        for ((from, to, prev, next), listed) in rows.into_iter().zip(listed) {
            let to = latin_of(&to);
            if from.is_empty() {
                cross_insert.push((to, sys));
            } else {
                cross.push(Rule {
                    from,
                    to,
                    prev,
                    next,
                    sys,
                    folded: None,
                    open_between_latin: name != "vowels",
                    listed,
                });
            }
        }
    }
    press.sort_by_key(|r| r.from.first().copied());
    cross.sort_by_key(|r| r.from.first().copied());
    let latin_sys = add_system(&mut systems, "latin", "", Kind::Latin);
    let mut latin = Vec::new();
    for line in LATIN.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        if let (Some(a), Some(b)) = (cols.next(), cols.next()) {
            latin.push((latin_of(a), latin_of(b)));
            latin.push((latin_of(b), latin_of(a)));
        }
    }
    let complete: Vec<u8> = (0..systems.len())
        .filter(|&i| systems.get(i).is_some_and(|s| s.complete))
        .filter_map(|i| u8::try_from(i).ok())
        .collect();
    let ikavism = systems
        .iter()
        .position(|s| s.name == "ikavism")
        .and_then(|i| u8::try_from(i).ok());
    let (vocab, equiv, longest_vocab) = vocabulary(&schemes, &press, &complete, (&cross, ikavism));
    let mut to_latin = HashMap::new();
    let mut to_cyrillic = HashMap::new();
    for line in HOMOGLYPHS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(a), Some(b)) = (cols.next(), cols.next()) else {
            continue;
        };
        let (Some(a), Some(b)) = (a.chars().next(), b.chars().next()) else {
            continue;
        };
        for (a, b) in a.to_lowercase().zip(b.to_lowercase()) {
            to_latin.insert(a, b);
            if ('\u{0400}'..='\u{04FF}').contains(&a) {
                to_cyrillic.entry(b).or_insert(a);
            }
        }
    }
    Tables {
        to_latin,
        to_cyrillic,
        systems,
        schemes,
        press,
        cross,
        cross_insert,
        latin,
        latin_sys,
        vocab,
        equiv,
        longest_vocab,
    }
}

type Vocab = HashMap<Vec<char>, (u128, u128, u128)>;
type Equiv = HashMap<Vec<char>, Vec<(Vec<char>, Crossing)>>;

/// How two Latin strings of [`Tables::equiv`] stand for related Cyrillic letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Crossing {
    /// Renderings of one letter.
    Same,
    /// Letters a cross row leads between: the be/ru/uk forms of one name.
    Cross,
    /// Letters only the Ukrainian closed-syllable alternation leads between (Kharkiv,
    /// Kharkov): as between Cyrillic spellings, only where consonants alone follow. Anywhere
    /// else it would let i meet o (Smilavichy, Smolevichi: two towns).
    ClosedFinal,
}

/// Every Latin string a rule writes, with the Cyrillic units it stands for; and for each, the
/// strings that render the same unit or one a cross row leads to.
fn vocabulary(
    schemes: &[SchemeRules],
    press: &[Rule],
    complete: &[u8],
    (cross, ikavism): (&[Rule], Option<u8>),
) -> (Vocab, Equiv, usize) {
    let mut units: Vec<Vec<char>> = Vec::new();
    let mut unit = |from: &[char]| -> usize {
        if let Some(i) = units.iter().position(|u| u == from) {
            return i;
        }
        units.push(from.to_vec());
        units.len() - 1
    };
    let mut vocab: Vocab = HashMap::new();
    // Only what a rule writes whatever the letters around it: a rendering its context limits
    // (ё as o after ж, я as a after л) would otherwise stand for the letter everywhere.
    // Word-edge rules (ий as y at the end) are kept. The complete press orthographies are left
    // out: without the Cyrillic to check them against, German s for з would let Zakharov meet
    // Sakharov.
    let edge_only = |c: &Ctx| c.any || c.edge_only();
    let rules = schemes
        .iter()
        .flat_map(|s| s.rules.iter())
        .chain(press.iter().filter(|r| !complete.contains(&r.sys)))
        .filter(|r| edge_only(&r.prev) && edge_only(&r.next));
    for r in rules {
        let u = unit(&r.from);
        if u >= 128 {
            continue;
        }
        for s in [r.to.clone(), ascii_fold(&r.to)] {
            vocab.entry(s).or_insert((0, 0, 0)).0 |= 1u128 << u;
        }
    }
    // The units a unit's cross rows lead to, anywhere and (the closed-syllable alternation)
    // in a closed final syllable only.
    let mut reach = vec![0u128; units.len()];
    let mut reach_final = vec![0u128; units.len()];
    // Vowel correspondences other than akanne are left out: between two Latin spellings they
    // would let e meet i (Semenov, Simonov) with nothing to check them against.
    for r in cross.iter().filter(|r| r.open_between_latin) {
        if let (Some(a), Some(b)) = (
            units.iter().position(|u| *u == r.from),
            units.iter().position(|u| *u == r.to),
        ) {
            let reach = if Some(r.sys) == ikavism {
                &mut reach_final
            } else {
                &mut reach
            };
            if let Some(slot) = reach.get_mut(a) {
                if b < 128 {
                    *slot |= 1u128 << b;
                }
            }
        }
    }
    for (mask, crossed, crossed_final) in vocab.values_mut() {
        for (u, (r, f)) in reach.iter().zip(&reach_final).enumerate() {
            if u < 128 && *mask >> u & 1 == 1 {
                *crossed |= r;
                *crossed_final |= f;
            }
        }
    }
    let mut equiv: Equiv = HashMap::new();
    for (a, (ma, ca, fa)) in &vocab {
        let mut list = Vec::new();
        for (b, (mb, _, _)) in &vocab {
            if a == b {
                continue;
            }
            if ma & mb != 0 {
                list.push((b.clone(), Crossing::Same));
            } else if ca & mb != 0 {
                list.push((b.clone(), Crossing::Cross));
            } else if fa & mb != 0 {
                list.push((b.clone(), Crossing::ClosedFinal));
            }
        }
        list.sort();
        equiv.insert(a.clone(), list);
    }
    let longest = vocab.keys().map(Vec::len).max().unwrap_or(1);
    (vocab, equiv, longest)
}

/// The tables, read on first use.
pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build)
}

#[cfg(test)]
pub(super) fn scheme_file_names() -> impl Iterator<Item = &'static str> {
    SCHEME_FILES.iter().map(|(n, _)| *n)
}

#[cfg(test)]
pub(super) fn own_tables() -> [(&'static str, &'static str); 3] {
    [
        ("tables/verify/press.tsv", PRESS),
        ("tables/verify/cross.tsv", CROSS),
        ("tables/verify/latin.tsv", LATIN),
    ]
}
