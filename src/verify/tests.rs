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
    assert!(wrong <= 2 && wrong_roman <= 5, "{wrong} {wrong_roman}");
}

type Count = (usize, usize);

/// Romanizations (as written, folded to ASCII) and accepted; then the pairs of different
/// surnames under one key accepted as written and romanized.
fn measure(names: &[(&str, &str)], print: bool) -> (Count, Count, usize, usize) {
    use crate::translit::{Lang, Scheme};
    // Romanizations.
    // [native, folded to ASCII]: (romanizations, accepted)
    let mut counts = [(0usize, 0usize); 2];
    let mut misses = Vec::new();
    for &(lang, name) in names {
        for scheme in Scheme::all().filter(|s| s.language().code() == lang) {
            for ascii in [false, true] {
                let t = crate::translit::forced(scheme, ascii);
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

/// The scheme files the verifier reads are exactly the schemes the crate has.
#[test]
fn reads_every_scheme() {
    let mut ours: Vec<&str> = rules::scheme_file_names().collect();
    ours.sort_unstable();
    let mut crate_schemes: Vec<&str> = crate::Scheme::all().map(|s| s.name()).collect();
    crate_schemes.sort_unstable();
    assert_eq!(
        ours, crate_schemes,
        "build/translit.rs lists every scheme file"
    );
    // Every system must have its own bit in a mask (`align::Mask`): one shared by two would
    // let one system's rendering pass for the other's.
    assert!(
        rules::tables().systems.len() <= align::MASK_BITS,
        "{} systems do not fit a mask of {} bits",
        rules::tables().systems.len(),
        align::MASK_BITS
    );
}

/// Every row of the verifier's own tables: Cyrillic letters where Cyrillic is due, contexts
/// made of `*`, `#`, declared classes and Cyrillic letters, a `# source:` line.
#[test]
fn tables_are_well_formed() {
    let cyrillic = |s: &str| s == "-" || s.chars().all(|c| rules::ALPHABET.contains(c));
    let mut errors = Vec::new();
    for (path, text) in rules::own_tables() {
        if !text.lines().any(|l| l.starts_with("# source:")) {
            errors.push(format!("{path}: no `# source:` line"));
        }
        let mut classes: Vec<&str> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let at = format!("{path}:{}", n + 1);
            match cols.first().copied() {
                Some("@class") => classes.extend(cols.get(1)),
                Some(d) if d.starts_with('@') => {}
                Some(first)
                    if path.ends_with("latin.tsv")
                        && (cols.len() != 2
                            || first.is_empty()
                            || cols.iter().any(|c| cyrillic(c))) =>
                {
                    errors.push(format!("{at}: want two Latin spellings"));
                }
                Some(_) if path.ends_with("latin.tsv") => {}
                Some(first) => {
                    if !cyrillic(first) || first == "-" && !path.ends_with("cross.tsv") {
                        errors.push(format!("{at}: `{first}` is not Cyrillic letters"));
                    }
                    let second = cols.get(1).copied().unwrap_or("");
                    let latin =
                        !second.is_empty() && !second.chars().any(|c| rules::ALPHABET.contains(c));
                    let fits = if path.ends_with("cross.tsv") {
                        cyrillic(second)
                    } else {
                        latin || second == "-"
                    };
                    if !fits || second.is_empty() {
                        errors.push(format!("{at}: `{second}` is not what the file holds"));
                    }
                    for ctx in cols.iter().skip(2) {
                        let body = ctx.strip_prefix('!').unwrap_or(ctx);
                        let ok = *ctx == "*"
                            || body
                                .split('|')
                                .all(|alt| alt == "#" || classes.contains(&alt) || cyrillic(alt));
                        if !ok {
                            errors.push(format!("{at}: bad context `{ctx}`"));
                        }
                    }
                }
                None => {}
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// The why of a refusal names what blocked it, with its position in the spelling.
#[test]
fn why_names_the_difference() {
    let cases = [
        ("Neftekumsk", "Нефтекамск", "ru", "vowel u≠а at 6"),
        ("Zakharova", "Захаров", "ru", "ending -a≠-"),
        ("Tsikhanouski", "Ціханоўская", "be", "ending -i≠-ая"),
        ("Spin", "Spain", "en", "missing a at 2"),
        (
            "Sergey Viktorovich Lavrov",
            "Сергей Борисович Лавров",
            "ru",
            "at 7",
        ),
    ];
    for (s, l, lang, want) in cases {
        let v = verify(s, l, lang);
        assert!(!v.is_match(), "{s} / {l}: {}", v.explain());
        assert!(
            v.why.contains(want),
            "{s} / {l}: want `{want}` in `{}`",
            v.why
        );
    }
}

/// The why of a match names the systems and the correspondences that cost something; the
/// score is 1 for a plain rendering by a scheme of the listed language.
#[test]
fn why_names_the_systems() {
    let v = verify("Lukašenka", "Лукашэнка", "be");
    assert_eq!(v.score, 1.0, "{}", v.explain());
    assert!(v.why.contains("be-national"), "{}", v.why);
    let v = verify("Lukashenko", "Лукашэнка", "be");
    assert!(v.is_match() && v.score < 1.0, "{}", v.explain());
    assert!(v.why.contains("а~о"), "{}", v.why);
    let v = verify("Schostakowitsch", "Шостакович", "ru");
    assert!(v.why.starts_with("systems=de"), "{}", v.why);
    // A German s for з with an English kh for х is two orthographies in one word.
    let v = verify("Sakharov", "Захаров", "ru");
    assert!(
        !v.is_match() && v.why.contains("mixed orthographies"),
        "{}",
        v.explain()
    );
}

/// Romanized case forms meet the case forms inflect.rs generates.
#[test]
fn case_forms() {
    for (s, l) in [
        ("Lukashenki", "Лукашэнкі"),
        ("Łukaszenki", "Лукашэнкі"),
        ("Lukashenku", "Лукашэнку"),
        ("Tsikhanouskai", "Ціханоўскай"),
        ("Tsikhanouskaj", "Ціханоўскай"),
        ("Zhodzine", "Жодзіне"),
        ("Minsku", "Мінску"),
    ] {
        let v = verify(s, l, "be");
        assert!(v.is_match(), "{s} / {l}: {}", v.explain());
    }
    assert!(!verify("Lukashenki", "Лукашэнка", "be").is_match());
}

/// Extra or missing words are skipped at a cost and named; the alignment lists every step.
#[test]
fn words_and_explain() {
    let v = verify("Sergey Lavrov", "Сергей Викторович Лавров", "ru");
    assert!(v.is_match(), "{}", v.explain());
    assert!(v.why.contains("missing word 2"), "{}", v.why);
    let text = verify("Tsapkala", "Цапкала", "be").explain();
    assert!(text.starts_with("score 1.00 (match)"), "{text}");
    assert!(text.contains("ts       ц"), "{text}");
    assert_eq!(verify("", "Цапкала", "be").score, 0.0);
    assert_eq!(verify("Tsapkala", "  ", "be").score, 0.0);
}

/// Time per verification, for the README: `cargo test --release --lib verify_speed --
/// --ignored --nocapture`.
#[test]
#[ignore = "a measurement"]
fn verify_speed() {
    let text = include_str!("../../tests/data/verify.tsv");
    let rows: Vec<[&str; 3]> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some([c.next()?, c.next()?, c.next()?])
        })
        .collect();
    let start = std::time::Instant::now();
    for [s, l, lang] in &rows {
        let _ = verify(s, l, lang);
    }
    let cold = start.elapsed().as_secs_f64() * 1e6 / rows.len() as f64;
    eprintln!("first time a listed name is seen: {cold:.1} µs a pair");
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..20 {
        for [s, l, lang] in &rows {
            n += usize::from(verify(s, l, lang).is_match());
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / (20 * rows.len()) as f64;
    eprintln!(
        "{} pairs × 20: {per:.1} µs a pair ({n} matches)",
        rows.len()
    );
}

/// The best of several listed names: the case form or language form that explains the spelling.
#[test]
fn best_of_names() {
    let names = [
        ("Лукашэнка", "be"),
        ("Лукашенко", "ru"),
        ("Lukashenka", "en"),
        ("Лукашэнкі", "be"),
    ];
    let (i, v) = best("Lukaschenko", names).unwrap();
    assert_eq!((i, v.is_match()), (1, true), "{}", v.explain());
    let (i, v) = best("Łukaszenki", names).unwrap();
    assert_eq!((i, v.is_match()), (3, true), "{}", v.explain());
    let (_, v) = best("Lukashevich", names).unwrap();
    assert!(!v.is_match(), "{}", v.explain());
    assert!(best("Lukashenka", []).is_none());
}

/// Calls `check` with each row of `tests/data/verify.tsv` (matches, pairs kept apart, known
/// gaps), read both ways, with and without the be/ru/uk correspondences: spelling, listed
/// name, language, `cross`.
fn each_verify_case(mut check: impl FnMut(&str, &str, &str, bool)) {
    let text = include_str!("../../tests/data/verify.tsv");
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [spelling, listed, lang, ..] = cols.as_slice() else {
            continue;
        };
        for (a, b) in [(spelling, listed), (listed, spelling)] {
            for cross in [false, true] {
                check(a, b, lang, cross);
            }
        }
    }
}

/// The brief verdict (`verify_brief`'s first pass, with no steps and no why) gives the full
/// verdict's score to the bit, both with and without the be/ru/uk correspondences: on every
/// row of `tests/data/verify.tsv`, read both ways.
#[test]
fn brief_score_is_the_full_score() {
    let mut compared = 0;
    each_verify_case(|a, b, lang, cross| {
        let full = verify_as(a, b, lang, cross);
        let brief = verify_with(a, b, lang, (cross, true), f32::INFINITY);
        assert_eq!(
            brief.score.to_bits(),
            full.score.to_bits(),
            "{a} / {b} ({lang}, cross {cross}): brief {} full {} ({})",
            brief.score,
            full.score,
            full.why
        );
        assert!(brief.why.is_empty() && brief.steps.is_empty());
        compared += 1;
    });
    assert!(compared > 1000, "{compared} verdicts");
}

/// [`accepts`], which abandons an alignment once it costs more than an accepted one can,
/// accepts exactly the pairs the full verdict accepts, with the same score to the bit and the
/// same why: on every row of `tests/data/verify.tsv`, read both ways, with and without the
/// be/ru/uk correspondences (and again from memory, after the full verdict was remembered).
#[test]
fn accepts_is_the_full_verdict() {
    let (mut accepted, mut refused) = (0, 0);
    each_verify_case(|a, b, lang, cross| {
        let full = verify_as(a, b, lang, cross);
        let want = full
            .is_match()
            .then(|| (full.score.to_bits(), full.why.clone()));
        for _ in 0..2 {
            let got = accepts(a, b, lang, cross).map(|(s, w)| (s.to_bits(), w.to_string()));
            assert_eq!(got, want, "{a} / {b} ({lang}, cross {cross})");
            // verify_brief after accepts gives the exact refused score, not a mark.
            let (score, _) = verify_brief(a, b, lang, cross);
            assert_eq!(score.to_bits(), full.score.to_bits(), "{a} / {b}");
        }
        if want.is_some() {
            accepted += 1;
        } else {
            refused += 1;
        }
    });
    assert!(
        accepted > 300 && refused > 300,
        "{accepted} accepted, {refused} refused"
    );
}
