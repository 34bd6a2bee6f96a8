//! Mention finding: the hand-annotated seeds (exactly), real sentences (precision/recall), and
//! the matching semantics as compact tables.

use std::collections::BTreeSet;

use crate::common::{Failures, data_path, tsv};

type Span = (String, usize, usize);

fn found(text: &str) -> BTreeSet<Span> {
    canonym::matcher()
        .find_iter(text)
        .map(|m| (m.entity().id().to_owned(), m.start(), m.end()))
        .collect()
}

fn describe(text: &str, spans: &BTreeSet<Span>) -> String {
    spans
        .iter()
        .map(|(id, s, e)| format!("{}@{s} {id}", text.get(*s..*e).unwrap_or("?")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `seeds.gold.jsonl`, reproduced exactly: precision and recall 1.0.
#[test]
fn seeds_gold() {
    let gold_text = std::fs::read_to_string(data_path("seeds.gold.jsonl")).unwrap();
    let mut gold: std::collections::BTreeMap<String, BTreeSet<Span>> = Default::default();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap().to_owned();
        gold.entry(file).or_default().insert((
            v["id"].as_str().unwrap().to_owned(),
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        ));
    }
    let mut failures = Failures::default();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let want = gold.remove(&name).unwrap_or_default();
        let got = found(&text);
        let missed: BTreeSet<_> = want.difference(&got).cloned().collect();
        let extra: BTreeSet<_> = got.difference(&want).cloned().collect();
        failures.check(missed.is_empty(), || {
            format!("{name}: missed {}", describe(&text, &missed))
        });
        failures.check(extra.is_empty(), || {
            format!("{name}: extra {}", describe(&text, &extra))
        });
    }
    failures.check(gold.is_empty(), || {
        format!("gold for missing seeds: {:?}", gold.keys())
    });
    failures.assert_none("seeds.gold.jsonl");
}

/// Removes `[[surface|id]]` markup, returning the text and the marked spans.
fn parse_marked(marked: &str) -> (String, BTreeSet<Span>) {
    let mut text = String::new();
    let mut spans = BTreeSet::new();
    let mut rest = marked;
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("]]").expect("unclosed [[");
        let (surface, id) = after[..close].rsplit_once('|').expect("no | in markup");
        spans.insert((id.to_owned(), text.len(), text.len() + surface.len()));
        text.push_str(surface);
        rest = &after[close + 2..];
    }
    text.push_str(rest);
    (text, spans)
}

/// Real sentences in five languages: every mention found, nothing else. Reports precision and
/// recall per language, and fails below the floor (raise it as the matcher improves).
#[test]
fn sentences() {
    let mut per_lang: std::collections::BTreeMap<String, (usize, usize, usize)> =
        Default::default();
    let mut report = Vec::new();
    for (line, f) in tsv("sentences.tsv") {
        let [lang, marked] = f.as_slice() else {
            panic!("sentences.tsv:{line}: expected 2 fields");
        };
        let (text, want) = parse_marked(marked);
        let got = found(&text);
        let tp = got.intersection(&want).count();
        let t = per_lang.entry(lang.clone()).or_default();
        t.0 += tp;
        t.1 += got.len();
        t.2 += want.len();
        let missed: BTreeSet<_> = want.difference(&got).cloned().collect();
        let extra: BTreeSet<_> = got.difference(&want).cloned().collect();
        if !missed.is_empty() || !extra.is_empty() {
            report.push(format!(
                "sentences.tsv:{line}: missed [{}] extra [{}]",
                describe(&text, &missed),
                describe(&text, &extra)
            ));
        }
    }
    let (mut tp, mut got, mut want) = (0, 0, 0);
    for (lang, (t, g, w)) in &per_lang {
        eprintln!(
            "{lang}: precision {:.3} recall {:.3} ({t} of {g} found, {w} expected)",
            *t as f64 / (*g).max(1) as f64,
            *t as f64 / (*w).max(1) as f64
        );
        tp += t;
        got += g;
        want += w;
    }
    let precision = tp as f64 / got.max(1) as f64;
    let recall = tp as f64 / want.max(1) as f64;
    eprintln!("all: precision {precision:.3} recall {recall:.3}");
    for r in &report {
        eprintln!("{r}");
    }
    assert!(
        precision >= 0.97 && recall >= 0.97,
        "precision {precision:.3}, recall {recall:.3}:\n{}",
        report.join("\n")
    );
}
