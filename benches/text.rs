//! Benchmarks of running-text work: `annotate` (finding mentions) and `rewrite`, beside
//! aho-corasick (leftmost-longest, ASCII case-insensitive) searching the same listed names, on
//! the same input in the same run.
//!
//! Input: `$CANONYM_BENCH_CORPUS/{en,ru,be,dense}.txt` (about 20 MB each of real text, built by
//! `../shared/corpus/build.sh DIR`), or, without it, the seed articles repeated to 4 MB (with a
//! note). Run with `cargo bench --bench text`.

use std::hint::black_box;
use std::path::PathBuf;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

/// The corpora to measure: `(name, text)`.
fn corpora() -> Vec<(String, String)> {
    if let Some(dir) = std::env::var_os("CANONYM_BENCH_CORPUS").map(PathBuf::from) {
        let found: Vec<(String, String)> = ["en", "ru", "be", "dense"]
            .iter()
            .filter_map(|name| {
                let text = std::fs::read(dir.join(format!("{name}.txt"))).ok()?;
                Some((
                    name.to_string(),
                    String::from_utf8_lossy(&text).into_owned(),
                ))
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    eprintln!(
        "note: CANONYM_BENCH_CORPUS is not set (or has no en/ru/be/dense.txt); using the seeds repeated to 4 MB"
    );
    let text = common::seeds_repeated();
    vec![("seeds".into(), text)]
}

/// Every listed name that may appear in running text: aho-corasick's pattern set.
fn patterns() -> Vec<&'static str> {
    canonym::entities()
        .iter()
        .flat_map(|e| e.names())
        .filter(|n| !n.is_lookup_only())
        .map(|n| n.text())
        .collect()
}

fn bench_annotate(c: &mut Criterion) {
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(patterns())
        .unwrap_or_else(|e| panic!("aho-corasick: {e}"));
    let matcher = canonym::matcher();
    for (name, text) in corpora() {
        // The expected counts, checked in every timed iteration: a fast but wrong change fails.
        let mentions = matcher.find_iter(&text).count();
        let ac_matches = ac.find_iter(&text).count();
        eprintln!(
            "{name}: {} bytes, canonym {mentions} mentions, aho-corasick {ac_matches} matches",
            text.len()
        );

        let mut group = c.benchmark_group(format!("annotate/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function("canonym::Matcher::find_iter", |b| {
            b.iter(|| assert_eq!(matcher.find_iter(black_box(&text)).count(), mentions))
        });
        group.bench_function("aho-corasick (listed names)", |b| {
            b.iter(|| assert_eq!(ac.find_iter(black_box(&text)).count(), ac_matches))
        });
        group.bench_function("memchr-free floor: bytes.iter().count(b'\\n')", |b| {
            b.iter(|| black_box(black_box(&text).bytes().filter(|&b| b == b'\n').count()))
        });
        group.finish();

        let mut group = c.benchmark_group(format!("rewrite/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        let mut out = Vec::with_capacity(text.len() * 2);
        group.bench_function("canonym::Matcher::replace_all (canonical)", |b| {
            b.iter(|| {
                out.clear();
                let n = matcher
                    .replace_all(black_box(text.as_bytes()), &mut out, |m, _| {
                        m.entity().canonical().into()
                    })
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(n, mentions);
            })
        });
        group.bench_function("aho-corasick replace_all (canonical)", |b| {
            let canon: Vec<&str> = patterns()
                .iter()
                .map(|p| canonym::lookup(p).map_or(*p, |m| m.entity().canonical()))
                .collect();
            b.iter(|| black_box(ac.replace_all(black_box(&text), &canon)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_annotate);
criterion_main!(benches);
