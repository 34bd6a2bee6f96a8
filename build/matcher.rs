//! Code generation for mention finding: `$OUT_DIR/matcher.rs`.
//!
//! Every name that may appear in running text (not `notext`) becomes one or more *patterns*:
//! the listed name and its derived forms (`table::variants`), as a sequence of words. Each word
//! of a pattern is expanded into its case forms (`inflect::inflections`), and every form is
//! folded twice — light fold and key — into two maps from a folded word to the pattern
//! positions it may fill. The matcher then folds each word of the text once, looks it up in
//! the maps and extends multi-word patterns word by word: all the expansion work happens here.
//!
//! A bare surname that the tables do not list with the `surname` flag (the last word of a
//! person's full name, such as *Walker* of *Shaun Walker*) becomes a *latent* pattern: it only
//! matches in a document that has named its bearer in full before.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::fold;
use crate::inflect;
use crate::table::{self, Derivation, Kind, NameRow};

/// A pattern while it is being built.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pattern {
    entity: usize,
    /// Each word: its text as listed.
    words: Vec<String>,
    /// The non-space characters between consecutive words (`-` in Grodno-Azot, `/` in
    /// RFE/RL, `.` in A. Lukashenka), empty for plain white space.
    gaps: Vec<String>,
    /// What the name has after its last word (the final `.` of `E.U.`).
    tail: String,
    case_sensitive: bool,
    exact: bool,
    derived: bool,
    surname: bool,
    latent: bool,
    person: bool,
    lang: String,
}

/// Reads the tables under `tables_dir` and writes `out_dir/matcher.rs`. Malformed rows are
/// reported by `entities::generate`; this generator skips them.
pub fn generate(tables_dir: &Path, out_dir: &Path) -> Result<(), Vec<String>> {
    let entities_text = std::fs::read_to_string(tables_dir.join("entities.tsv"))
        .map_err(|e| vec![format!("tables/entities.tsv: {e}")])?;
    let (entities, _) = table::parse_entities("tables/entities.tsv", &entities_text);
    let ids: BTreeSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let index: BTreeMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(tables_dir.join("names"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut names: Vec<NameRow> = Vec::new();
    for path in &files {
        if let Ok(text) = std::fs::read_to_string(path) {
            let (rows, _) = table::parse_names(&path.display().to_string(), &text, Some(&ids));
            names.extend(rows);
        }
    }
    for e in &entities {
        let canonical = fold::fold_plain(&e.canonical);
        if names
            .iter()
            .any(|n| n.id == e.id && fold::fold_plain(&n.name) == canonical)
        {
            continue;
        }
        names.push(NameRow {
            id: e.id.clone(),
            name: e.canonical.clone(),
            lang: "und".into(),
            source: "canonical".into(),
            flags: table::Flags::default(),
            path: "tables/entities.tsv".into(),
            line: e.line,
        });
    }

    let mut patterns: BTreeSet<Pattern> = BTreeSet::new();
    // Surname keys that some entity lists with the `surname` flag, per entity.
    let mut listed_surnames: BTreeSet<(usize, String)> = BTreeSet::new();
    for row in &names {
        if row.flags.surname {
            if let Some(&e) = index.get(row.id.as_str()) {
                listed_surnames.insert((e, fold::key_plain(&row.name)));
            }
        }
    }
    for row in names.iter().filter(|r| !r.flags.no_text) {
        let Some(&e) = index.get(row.id.as_str()) else {
            continue;
        };
        let kind = entities[e].kind;
        for (text, derivation) in table::variants(kind, row) {
            let Some((words, gaps, tail)) = split(&text) else {
                continue;
            };
            let person_name = kind == Kind::Person && words.len() > 1;
            if person_name && derivation == Derivation::Listed {
                // The surname alone stands for this person once the full name was read.
                if let Some(last) = words.last() {
                    let key = fold::key_plain(last);
                    if !listed_surnames.contains(&(e, key)) && is_capitalized(last) {
                        patterns.insert(Pattern {
                            entity: e,
                            words: vec![last.clone()],
                            gaps: Vec::new(),
                            tail: String::new(),
                            case_sensitive: row.flags.case_sensitive,
                            exact: row.flags.exact,
                            derived: true,
                            surname: true,
                            latent: true,
                            person: false,
                            lang: row.lang.clone(),
                        });
                    }
                }
            }
            patterns.insert(Pattern {
                entity: e,
                words,
                gaps,
                tail,
                case_sensitive: row.flags.case_sensitive,
                exact: row.flags.exact,
                derived: derivation != Derivation::Listed,
                surname: row.flags.surname,
                latent: false,
                person: person_name,
                lang: row.lang.clone(),
            });
        }
    }

    // Index every form of every word of every pattern.
    let mut folds: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut keys: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut code = String::from("// @generated by build/matcher.rs from tables/ — do not edit\n\n");
    let mut max_words = 1;
    let _ = writeln!(
        code,
        "pub(crate) static PATTERNS: [Pattern; {}] = [",
        patterns.len()
    );
    let mut forms = Vec::new();
    for (p, pat) in patterns.iter().enumerate() {
        max_words = max_words.max(pat.words.len());
        let n = pat.words.len();
        for (pos, word) in pat.words.iter().enumerate() {
            forms.clear();
            inflect::inflections(word, &pat.lang, pos + 1 == n, &mut forms);
            if borrowed_by_west_slavic(pat, word) {
                inflect::inflections(word, "pl", pos + 1 == n, &mut forms);
                inflect::inflections(word, "cs", pos + 1 == n, &mut forms);
                forms.sort();
                forms.dedup();
            }
            for (i, form) in std::iter::once(word).chain(forms.iter()).enumerate() {
                // An entry packs the pattern, the word's position, whether the form is
                // Cyrillic and whether it is inflected:
                // pattern << 8 | position << 2 | cyrillic << 1 | inflected.
                let cyrillic = form
                    .chars()
                    .any(|c| fold::script(c) == fold::Script::Cyrillic);
                let entry = ((p as u32) << 8)
                    | ((pos as u32) << 2)
                    | (u32::from(cyrillic) << 1)
                    | u32::from(i > 0);
                let f = fold::fold_plain(form);
                if !f.is_empty() && !f.contains(' ') {
                    folds.entry(f).or_default().insert(entry);
                }
                if !pat.exact {
                    let k = fold::key_plain(form);
                    if !k.is_empty() && !k.contains(' ') {
                        keys.entry(k).or_default().insert(entry);
                    }
                }
            }
        }
        let cs: Vec<&str> = if pat.case_sensitive {
            pat.words.iter().map(String::as_str).collect()
        } else {
            Vec::new()
        };
        let _ = writeln!(
            code,
            "    Pattern {{ entity: {}, len: {}, gaps: &{:?}, tail: {:?}, case_sensitive: &{:?}, derived: {}, surname: {}, latent: {}, person: {} }},",
            pat.entity, n, pat.gaps, pat.tail, cs, pat.derived, pat.surname, pat.latent, pat.person
        );
    }
    code.push_str("];\n\n");
    let _ = writeln!(
        code,
        "/// The most words a pattern has.\npub(crate) const MAX_WORDS: usize = {max_words};\n"
    );
    for (name, map) in [("FOLD_INDEX", &folds), ("KEY_INDEX", &keys)] {
        let mut builder = phf_codegen::Map::new();
        for (k, entries) in map {
            // A position-0 entry first, so a word that can only continue a pattern is skipped
            // quickly; within that, pattern order.
            let mut v: Vec<u32> = entries.iter().copied().collect();
            v.sort_by_key(|e| (((e >> 2) & 0x3f) != 0, *e));
            builder.entry(k.as_str(), &format!("&{v:?}"));
        }
        let _ = writeln!(
            code,
            "pub(crate) static {name}: phf::Map<&'static str, &'static [u32]> = {};\n",
            builder.build()
        );
    }
    std::fs::write(out_dir.join("matcher.rs"), code)
        .map_err(|e| vec![format!("{}: {e}", out_dir.display())])
}

/// The words of a name, the non-space characters between them, and the characters after the
/// last word when they are dots (`E.U.`); `None` for a name of no words.
fn split(name: &str) -> Option<(Vec<String>, Vec<String>, String)> {
    let mut words = Vec::new();
    let mut gaps = Vec::new();
    let mut prev_end = None;
    for t in fold::Tokens::new(name) {
        let part = inflect::name_part(t.text);
        let (start, end) = (t.start + part.start, t.start + part.end);
        if let Some(prev) = prev_end {
            let gap: String = name
                .get(prev..start)
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            gaps.push(gap);
        }
        words.push(name.get(start..end).unwrap_or_default().to_owned());
        prev_end = Some(end);
    }
    if words.is_empty() || words.len() > 60 {
        return None;
    }
    let tail = name.get(prev_end.unwrap_or_default()..).unwrap_or_default();
    let tail = if !tail.is_empty() && tail.chars().all(|c| c == '.') {
        tail.to_owned()
    } else {
        String::new()
    };
    Some((words, gaps, tail))
}

/// Whether Polish and Czech texts decline this word as their own: Latin-script names in
/// English or in a romanization of Belarusian or Russian (`Grodno` → `w Grodnie`,
/// `Kolesnikova` → `Kolesnikovou`), which the tables do not list again for every language.
/// Case-sensitive and exact names (short acronyms, ordinary words) keep to their own forms.
fn borrowed_by_west_slavic(pat: &Pattern, word: &str) -> bool {
    let latin_lang = matches!(pat.lang.as_str(), "en" | "und" | "be-Latn" | "ru-Latn");
    latin_lang
        && !pat.case_sensitive
        && !pat.exact
        && word.chars().count() >= 4
        && word.chars().all(|c| fold::script(c) == fold::Script::Latin)
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
