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
