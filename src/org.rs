//! Organization names across languages: the legal form is optional (`OJSC Naftan` is Naftan),
//! and the descriptive words translate (`Minsk Automotive Plant`, `Mińska Fabryka Traktorów`,
//! `Мінський завод колісних тягачів` are MAZ, MTZ and MZKT), while the proper words (Minsk,
//! Naftan, Belarusian) must be the same name. The words are data: `tables/org/legal_forms.tsv`
//! and `tables/org/words.tsv` (concepts such as *plant* with their stems per language); this
//! module reads a name as a set of concepts and a list of proper words, and compares.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::entity::Entity;
use crate::fold;
use crate::index::store::Store;
use crate::table::Kind;

const LEGAL_FORMS: &str = include_str!("../tables/org/legal_forms.tsv");
const WORDS: &str = include_str!("../tables/org/words.tsv");

/// At most this many letters may follow a stem (an ending: `тракторного`, `Traktorów`).
const MAX_ENDING: usize = 6;

struct Tables {
    /// Legal forms as lists of lowercase words without dots (`["sp", "z", "oo"]`).
    legal_forms: Vec<Vec<String>>,
    /// `(stem, concept)` by the stem's first character, longest stems first: a word is
    /// compared with the stems it could start with, not with all of them (bulk lookup asks
    /// this of every name it does not find).
    stems: HashMap<char, Vec<(String, &'static str)>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let rows = |text: &'static str| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').collect::<Vec<_>>())
        };
        let legal_forms = rows(LEGAL_FORMS)
            .filter_map(|f| f.get(1).map(|form| words(form)))
            .filter(|w| !w.is_empty())
            .collect();
        let mut stems: Vec<(String, &'static str)> = rows(WORDS)
            .filter_map(|f| Some((*f.first()?, *f.get(2)?)))
            .flat_map(|(concept, stems)| {
                stems
                    .split(' ')
                    .filter(|s| s.chars().count() >= 3)
                    .map(move |s| (s.to_lowercase(), concept))
            })
            .collect();
        stems.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let mut by_first: HashMap<char, Vec<(String, &'static str)>> = HashMap::new();
        for (stem, concept) in stems {
            if let Some(first) = stem.chars().next() {
                by_first.entry(first).or_default().push((stem, concept));
            }
        }
        Tables {
            legal_forms,
            stems: by_first,
        }
    })
}

/// The words of a name, lowercase, without dots, quotes and other punctuation: a dot is
/// dropped inside a word (`o.o.`), a hyphen kept, anything else not a letter or digit ends it.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let end = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() && word != "-" {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in name.chars() {
        if fold::is_alphanumeric(c) {
            word.extend(c.to_lowercase());
        } else if c == '-' {
            word.push(c);
        } else if c != '.' {
            end(&mut word, &mut out);
        }
    }
    end(&mut word, &mut out);
    out
}

/// `name` without a legal form at its start or end (`OJSC Naftan`, `Naftan OJSC`,
/// `ОАО «Нафтан»`), or `None` when it has none. Something must be left.
pub(crate) fn without_legal_form(name: &str) -> Option<String> {
    // Every legal form has a word, and a name is more than its legal form: one word is none.
    // Most names looked up in bulk are one word, told by a scan for what separates words
    // (see `words`) before they are lowercased into strings.
    let separates = |c: char| !fold::is_alphanumeric(c) && c != '.' && c != '-';
    if !name.chars().any(separates) {
        return None;
    }
    let all = words(name);
    if all.len() < 2 {
        return None;
    }
    for form in &tables().legal_forms {
        let n = form.len();
        if all.len() <= n {
            continue;
        }
        let (head, rest) = all.split_at(n);
        if head == form.as_slice() {
            return Some(rest.join(" "));
        }
        let (rest, tail) = all.split_at(all.len() - n);
        if tail == form.as_slice() {
            return Some(rest.join(" "));
        }
    }
    None
}

/// The concepts a word stands for: one (`тракторного`), two for a compound of two stems
/// (`automobilwerk`, `autoworks`), none for a proper word.
fn concepts_of(word: &str, out: &mut BTreeSet<&'static str>) -> bool {
    fn starts(w: &str) -> Option<(&str, &'static str)> {
        tables()
            .stems
            .get(&w.chars().next()?)?
            .iter()
            .find(|(s, _)| w.starts_with(s.as_str()))
            .and_then(|(s, c)| Some((w.get(s.len()..)?, *c)))
    }
    let Some((rest, concept)) = starts(word) else {
        return false;
    };
    if rest.chars().count() <= MAX_ENDING {
        out.insert(concept);
        return true;
    }
    match starts(rest) {
        Some((tail, second)) if tail.chars().count() <= MAX_ENDING => {
            out.insert(concept);
            out.insert(second);
            true
        }
        _ => false,
    }
}

/// A name read as the concepts of its descriptive words and the keys of its proper words.
#[derive(Debug, Default)]
struct Reading {
    concepts: BTreeSet<&'static str>,
    proper: Vec<String>,
}

fn read(name: &str) -> Reading {
    let mut r = Reading::default();
    let name = without_legal_form(name).unwrap_or_else(|| name.to_owned());
    for word in words(&name) {
        if !concepts_of(&word, &mut r.concepts) {
            r.proper.push(crate::key(&word));
        }
    }
    r
}

/// Whether two proper words' keys are one name in two grammatical forms: equal, or one the
/// other plus an ending (`mansk` / `manska` / `manskaga`: Minsk, Mińska, Минского;
/// `balaraski` / `balaraskaga`).
fn same_proper(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 4
        || a == b
        || common_prefix(a, b) >= 5 && a.len().abs_diff(b.len()) <= 3 && a.len().min(b.len()) >= 6
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The organizations of `entities` that `name` names in another language, with other
/// descriptive words or another legal form: the proper words are the same as those of one of
/// the entity's names (both read without their legal forms: `Olenek Joint Stock Company` is
/// `АО «Оленек»`), the name's descriptive concepts are among the query's, and every further
/// concept of the query is one the entity's names or description have (`Naftan Oil Refinery`:
/// Naftan is described as an oil refinery). A query without a proper word names nobody
/// (`Tractor Plant` is anybody's), nor one with neither a descriptive word nor a legal form
/// (plain lookup answers it).
pub(crate) fn translated<'g>(store: Store<'g>, name: &str) -> Vec<(&'g Entity, usize)> {
    let query = read(name);
    if query.proper.is_empty() || query.concepts.is_empty() && without_legal_form(name).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Only the organizations are read (a table of a million persons has none to read).
    for entity in store
        .organizations()
        .iter()
        .filter_map(|&i| store.entity(i))
    {
        if entity.kind() != Kind::Organization {
            continue;
        }
        let mut known = read(entity.description()).concepts;
        let readings: Vec<(usize, Reading)> = entity
            .names()
            .iter()
            .enumerate()
            .map(|(i, n)| (i, read(n.text())))
            .collect();
        known.extend(
            readings
                .iter()
                .flat_map(|(_, r)| r.concepts.iter().copied()),
        );
        let hit = readings.iter().find(|(_, r)| {
            r.proper.len() == query.proper.len()
                && r.proper
                    .iter()
                    .zip(&query.proper)
                    .all(|(a, b)| same_proper(a, b))
                && r.concepts.is_subset(&query.concepts)
                && query.concepts.is_subset(&known)
        });
        if let Some((i, _)) = hit {
            out.push((entity, *i));
        }
    }
    out
}

/// Whether `name` has a word that could make [`translated`] answer (a descriptive word of an
/// organization): a cheap test before reading every organization of a table.
pub(crate) fn may_translate(name: &str) -> bool {
    let mut concepts = BTreeSet::new();
    fold::Tokens::new(name).any(|w| concepts_of(&w.text.to_lowercase(), &mut concepts))
}
