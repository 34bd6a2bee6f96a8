//! Benchmarks of name-at-a-time work: `key` and `lookup`, beside the folds users would
//! otherwise reach for (deunicode, any_ascii, NFKC), over the same names in the same run.
//!
//! Input: `$CANONYM_BENCH_CORPUS/names.txt` (about 12,000 real person and place names, Latin and
//! Cyrillic, built by `../shared/corpus/build.sh DIR`), else `../shared/corpus/names.txt`, else
//! every name in the built-in tables. Run with `cargo bench --bench names`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_normalization::UnicodeNormalization;

fn names() -> (Vec<String>, String) {
    let candidates = [
        std::env::var_os("CANONYM_BENCH_CORPUS").map(|d| PathBuf::from(d).join("names.txt")),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/names.txt")),
    ];
    for path in candidates.into_iter().flatten() {
        if let Ok(text) = std::fs::read_to_string(&path) {
            let names: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect();
            return (names, path.display().to_string());
        }
    }
    eprintln!("note: no names.txt found (set CANONYM_BENCH_CORPUS); using the names in tables/");
    let names = canonym::entities()
        .iter()
        .flat_map(|e| e.names().iter().map(|n| n.text().to_owned()))
        .collect();
    (names, "tables/".into())
}

fn bench_key(c: &mut Criterion) {
    let (names, source) = names();
    let bytes: usize = names.iter().map(String::len).sum();
    // Check the output before timing, so a fast but wrong change fails here.
    let mut buf = String::new();
    for n in &names {
        buf.clear();
        canonym::key_into(n, &mut buf);
        assert!(buf.is_ascii(), "key of {n:?} is not ASCII: {buf:?}");
        assert_eq!(canonym::key(&buf), buf, "key of {n:?} is not idempotent");
    }
    assert_eq!(canonym::key("Лукашэнка"), canonym::key("Łukaszenka"));

    let mut group = c.benchmark_group(format!("key ({} names from {source})", names.len()));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("canonym::key_into", |b| {
        let mut buf = String::with_capacity(256);
        b.iter(|| {
            for n in &names {
                buf.clear();
                canonym::key_into(black_box(n), &mut buf);
                black_box(&buf);
            }
        })
    });
    group.bench_function("canonym::key", |b| {
        b.iter(|| {
            for n in &names {
                black_box(canonym::key(black_box(n)));
            }
        })
    });
    group.bench_function("deunicode+lowercase", |b| {
        b.iter(|| {
            for n in &names {
                black_box(deunicode::deunicode(black_box(n)).to_lowercase());
            }
        })
    });
    group.bench_function("any_ascii+lowercase", |b| {
        b.iter(|| {
            for n in &names {
                black_box(any_ascii::any_ascii(black_box(n)).to_lowercase());
            }
        })
    });
    group.bench_function("nfkc+lowercase", |b| {
        b.iter(|| {
            for n in &names {
                black_box(black_box(n).nfkc().collect::<String>().to_lowercase());
            }
        })
    });
    group.finish();
}

fn bench_lookup(c: &mut Criterion) {
    let (names, source) = names();
    let bytes: usize = names.iter().map(String::len).sum();
    let hits = names
        .iter()
        .filter(|n| canonym::lookup(n).is_some())
        .count();
    assert!(
        hits > 0 && hits < names.len(),
        "a mix of hits and misses: {hits} of {}",
        names.len()
    );
    assert_eq!(
        canonym::lookup("Мінск").map(|m| m.entity().id()),
        Some("loc:minsk")
    );
    eprintln!("lookup: {hits} of {} names are known entities", names.len());

    let mut group = c.benchmark_group(format!(
        "lookup ({} names from {source}, {hits} hits)",
        names.len()
    ));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("canonym::lookup", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for n in &names {
                found += usize::from(canonym::lookup(black_box(n)).is_some());
            }
            assert_eq!(found, hits);
        })
    });
    group.finish();
}

criterion_group!(benches, bench_key, bench_lookup);
criterion_main!(benches);
