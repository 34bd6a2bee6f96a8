//! Transliteration throughput, with deunicode, any_ascii and a plain copy measured on the
//! same input in the same run.
//!
//! Corpora (each repeated to at least 4 MB):
//! - Belarusian and Russian: `$CANONYM_BENCH_CORPUS/{be,ru}.txt` (about 20 MB each of real
//!   text, built by `../shared/corpus/build.sh DIR`) when that variable is set; else the
//!   translated messages (`msgstr`) of the gettext catalogues that
//!   Debian packages install under `/usr/share/locale/{be,ru}/LC_MESSAGES/*.mo` (coreutils,
//!   glibc, iso-codes, glib, …): real running text with place names, written by the
//!   packages' translators. The group is skipped, with a note, when a machine has none.
//! - English: the seed documents in `seeds/` (with their curly quotes, dashes and a Russian
//!   quotation), and `ascii`: the seeds' lines that are pure ASCII.
//!
//! Run: `CANONYM_BENCH_CORPUS=/tmp/corpus cargo bench --bench translit` (criterion prints
//! MB/s per function).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use canonym::{Scheme, Translit};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const MIN_LEN: usize = 4_000_000;

/// The translated strings of a GNU `.mo` catalogue (little- or big-endian), the header
/// entry left out.
fn mo_strings(data: &[u8]) -> Vec<String> {
    let word = |at: usize, le: bool| -> Option<usize> {
        let b: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        } as usize)
    };
    let le = match data.get(..4) {
        Some([0xde, 0x12, 0x04, 0x95]) => true,
        Some([0x95, 0x04, 0x12, 0xde]) => false,
        _ => return Vec::new(),
    };
    let (Some(n), Some(trans)) = (word(8, le), word(16, le)) else {
        return Vec::new();
    };
    (1..n)
        .filter_map(|i| {
            let len = word(trans + 8 * i, le)?;
            let off = word(trans + 8 * i + 4, le)?;
            let s = std::str::from_utf8(data.get(off..off + len)?).ok()?;
            // Plural forms are NUL-separated.
            Some(s.replace('\0', "\n"))
        })
        .collect()
}

/// `$CANONYM_BENCH_CORPUS/{lang}.txt` if set and present, else [`locale_corpus`].
fn cyrillic_corpus(lang: &str) -> Option<String> {
    let from_env = std::env::var_os("CANONYM_BENCH_CORPUS")
        .map(|d| PathBuf::from(d).join(format!("{lang}.txt")))
        .and_then(|p| std::fs::read(p).ok())
        .map(|t| String::from_utf8_lossy(&t).into_owned());
    match from_env {
        Some(text) => repeat(text),
        None => {
            eprintln!(
                "translit/{lang}: CANONYM_BENCH_CORPUS is not set (or has no {lang}.txt); using /usr/share/locale"
            );
            locale_corpus(lang)
        }
    }
}

fn locale_corpus(lang: &str) -> Option<String> {
    let dir = Path::new("/usr/share/locale")
        .join(lang)
        .join("LC_MESSAGES");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "mo"))
    {
        for s in std::fs::read(f).map(|d| mo_strings(&d)).unwrap_or_default() {
            text.push_str(&s);
            text.push('\n');
        }
    }
    repeat(text)
}

fn seeds_corpus() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let text: String = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    repeat(text)
}

/// The seeds' lines that are pure ASCII: English text for the plain-copy comparison.
fn ascii_corpus() -> Option<String> {
    let text = seeds_corpus()?;
    let ascii: String = text
        .lines()
        .filter(|l| l.is_ascii())
        .flat_map(|l| [l, "\n"])
        .collect();
    repeat(ascii)
}

fn repeat(text: String) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let n = MIN_LEN.div_ceil(text.len());
    Some(text.repeat(n))
}

fn bench(c: &mut Criterion) {
    let corpora = [
        (
            "be",
            cyrillic_corpus("be"),
            // be-mvd-2010: a vendored scheme (interscript), to keep it on the fast path.
            vec![Scheme::BE_NATIONAL, Scheme::BE_ICAO, Scheme::BE_MVD_2010],
        ),
        (
            "ru",
            cyrillic_corpus("ru"),
            // ru-mvd-782: a vendored scheme (iuliia) with many context rules; ru-icu-bgn: one
            // converted from ICU, whose ы and й look at the next letter.
            vec![
                Scheme::RU_BGN_PCGN,
                Scheme::RU_ICAO,
                Scheme::RU_MVD_782,
                Scheme::RU_ICU_BGN,
            ],
        ),
        ("en", seeds_corpus(), vec![]),
        ("ascii", ascii_corpus(), vec![]),
    ];
    let mut g = c.benchmark_group("translit");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(3));
    g.warm_up_time(std::time::Duration::from_secs(1));
    let auto = Translit::new();
    for (name, text, schemes) in &corpora {
        let Some(text) = text else {
            eprintln!("translit/{name}: no corpus on this machine, skipped");
            continue;
        };
        // A fast but wrong change must not pass: every Belarusian/Russian letter is gone.
        let out = auto.translit(text);
        let left = out
            .chars()
            .filter(|c| ('\u{410}'..='\u{44f}').contains(c) || "ёіўЁІЎ".contains(*c))
            .count();
        assert_eq!(left, 0, "{name}: Cyrillic letters left in the output");
        eprintln!(
            "translit/{name}: {} bytes in, {} bytes out",
            text.len(),
            out.len()
        );
        g.throughput(Throughput::BytesDecimal(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("canonym-auto", name), text, |b, t| {
            b.iter(|| black_box(auto.translit(black_box(t))).len())
        });
        for s in schemes {
            g.bench_with_input(
                BenchmarkId::new(format!("canonym-{s}"), name),
                text,
                |b, t| b.iter(|| black_box(canonym::translit(black_box(t), *s)).len()),
            );
        }
        let mut buf = Vec::with_capacity(text.len() * 2);
        g.bench_with_input(
            BenchmarkId::new("canonym-auto-to-vec", name),
            text,
            |b, t| {
                b.iter(|| {
                    buf.clear();
                    auto.translit_to(black_box(t), &mut buf)
                        .map(|()| buf.len())
                        .unwrap_or_default()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("deunicode", name), text, |b, t| {
            b.iter(|| black_box(deunicode::deunicode(black_box(t))).len())
        });
        g.bench_with_input(BenchmarkId::new("any_ascii", name), text, |b, t| {
            b.iter(|| black_box(any_ascii::any_ascii(black_box(t))).len())
        });
        let mut copy = Vec::with_capacity(text.len());
        g.bench_with_input(BenchmarkId::new("memcpy", name), text, |b, t| {
            b.iter(|| {
                copy.clear();
                copy.extend_from_slice(black_box(t).as_bytes());
                black_box(copy.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
