use super::*;

/// `tests/data/verify.tsv`: every row, all failures collected.
#[test]
fn verify_tsv() {
    let file = "tests/data/verify.tsv";
    let text = include_str!("../../tests/data/verify.tsv");
    let mut failures = Vec::new();
    let (mut rows, mut met, mut apart, mut gaps) = (0, 0, 0, 0);
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [spelling, listed, lang, expect, rest @ ..] = cols.as_slice() else {
            failures.push(format!("{file}:{}: malformed row", n + 1));
            continue;
        };
        rows += 1;
        let want = match *expect {
            "=" => true,
            "!=" => false,
            other => {
                failures.push(format!("{file}:{}: unknown expectation {other}", n + 1));
                continue;
            }
        };
        let gap = rest.first().is_some_and(|g| g.starts_with("known gap"));
        let v = verify(spelling, listed, lang);
        let got = v.is_match();
        if gap {
            gaps += 1;
            if got == want {
                failures.push(format!(
                    "{file}:{}: {spelling} / {listed}: a known gap now passes ({:.2}, {}): drop the mark",
                    n + 1,
                    v.score,
                    v.why
                ));
            }
            continue;
        }
        if got != want {
            failures.push(format!(
                "{file}:{}: {spelling} / {listed} ({lang}): want {}, got {} ({:.2}, {})",
                n + 1,
                if want { "=" } else { "!=" },
                if got { "=" } else { "!=" },
                v.score,
                v.why
            ));
        } else if want {
            met += 1;
        } else {
            apart += 1;
        }
    }
    eprintln!("{file}: {rows} rows: {met} met, {apart} kept apart, {gaps} known gaps");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The surnames of `tests/data/verify_surnames.tsv`: (lang, surname).
fn surnames() -> Vec<(&'static str, &'static str)> {
    include_str!("../../tests/data/verify_surnames.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let lang = cols.next()?;
            let _gender = cols.next()?;
            Some((lang, cols.next()?))
        })
        .collect()
}

/// Real surnames (Faker's ru_RU and uk_UA lists): every romanization of a surname by a scheme
/// of its language is accepted against it, and different surnames that share a key are not
/// accepted for one another. The figures are printed; the assertions are floors at today's
/// values, so that a change that loses either shows up.
#[test]
fn surnames_faker_sample() {
    // Every seventh surname, so that the suite stays quick; `surnames_faker` measures all.
    let names: Vec<_> = surnames().into_iter().step_by(7).collect();
    let (native, folded, wrong, wrong_roman) = measure(&names, false);
    assert_eq!(
        native.0, native.1,
        "every scheme's romanization is accepted"
    );
    assert!(folded.1 * 100 >= folded.0 * 97, "ASCII-folded: {folded:?}");
    assert!(wrong <= 1 && wrong_roman <= 2, "{wrong} {wrong_roman}");
}

/// The measurement on every surname: `cargo test --release --lib surnames_faker -- --ignored
/// --nocapture`.
#[test]
#[ignore = "a measurement; takes a minute in a debug build"]
fn surnames_faker() {
    let names = surnames();
    let (native, folded, wrong, wrong_roman) = measure(&names, true);
    // Floors at the values of the commit that added this test.
    assert_eq!(native.0, native.1);
    assert!(folded.1 * 1000 >= folded.0 * 980, "{folded:?}");
    assert!(wrong <= 2 && wrong_roman <= 7, "{wrong} {wrong_roman}");
}

type Count = (usize, usize);

/// Romanizations (as written, folded to ASCII) and accepted; then the pairs of different
/// surnames under one key accepted as written and romanized.
fn measure(names: &[(&str, &str)], print: bool) -> (Count, Count, usize, usize) {
    use crate::translit::{Lang, Scheme, Translit};
    // Romanizations.
    // [native, folded to ASCII]: (romanizations, accepted)
    let mut counts = [(0usize, 0usize); 2];
    let mut misses = Vec::new();
    for &(lang, name) in names {
        for scheme in Scheme::all().filter(|s| s.language().code() == lang) {
            for ascii in [false, true] {
                let t = Translit::builder()
                    .lang(Some(scheme.language()))
                    .scheme(scheme)
                    .ascii(ascii)
                    .build();
                let roman = t.translit(name);
                let count = &mut counts[usize::from(ascii)];
                count.0 += 1;
                let v = verify(&roman, name, lang);
                if v.is_match() {
                    count.1 += 1;
                } else if misses.len() < 40 {
                    misses.push(format!(
                        "{roman} / {name} ({scheme}): {:.2} {}",
                        v.score, v.why
                    ));
                }
            }
        }
    }
    // Different surnames under one key.
    let mut by_key: std::collections::BTreeMap<String, Vec<(&str, &str)>> = Default::default();
    for &(lang, name) in names {
        let group = by_key.entry(crate::key::key(name)).or_default();
        if !group.iter().any(|(_, n)| *n == name) {
            group.push((lang, name));
        }
    }
    let (mut pairs, mut same_lang, mut wrong, mut wrong_same_lang, mut wrong_roman) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut wrongs = Vec::new();
    let mut wrong_romans = Vec::new();
    for group in by_key.values() {
        for (x, &(la, a)) in group.iter().enumerate() {
            for &(lb, b) in group.iter().skip(x + 1) {
                pairs += 1;
                let same = la == lb;
                same_lang += usize::from(same);
                // Both directions, as written and romanized by the default scheme.
                let lang_a = la.parse::<Lang>().unwrap_or(Lang::Ru);
                let roman_a = crate::translit::translit(a, Scheme::default_for(lang_a));
                let as_written = verify(a, b, lb).is_match() || verify(b, a, la).is_match();
                let romanized = verify(&roman_a, b, lb).is_match();
                if as_written {
                    wrong += 1;
                    wrong_same_lang += usize::from(same);
                    if wrongs.len() < 60 {
                        wrongs.push(format!("{a} ({la}) = {b} ({lb})"));
                    }
                }
                if romanized {
                    wrong_roman += 1;
                    wrong_romans.push(format!("{roman_a} = {b} ({lb})"));
                }
            }
        }
    }
    if !print {
        return (counts[0], counts[1], wrong, wrong_roman);
    }
    let pct = |(n, a): (usize, usize)| 100.0 * a as f64 / n.max(1) as f64;
    eprintln!(
        "surnames: {} ({} keys); romanizations accepted: {}/{} ({:.1}%) as the schemes write them, \
         {}/{} ({:.1}%) folded to ASCII",
        names.len(),
        by_key.len(),
        counts[0].1,
        counts[0].0,
        pct(counts[0]),
        counts[1].1,
        counts[1].0,
        pct(counts[1]),
    );
    eprintln!(
        "same key, different surname: {pairs} pairs ({same_lang} within one language); \
         accepted as written {wrong} ({wrong_same_lang} within one language), \
         romanized {wrong_roman}"
    );
    for m in &misses {
        eprintln!("  missed: {m}");
    }
    for w in &wrongs {
        eprintln!("  accepted: {w}");
    }
    for w in &wrong_romans {
        eprintln!("  accepted romanized: {w}");
    }
    (counts[0], counts[1], wrong, wrong_roman)
}
