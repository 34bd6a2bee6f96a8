//! Whole-name lookup: `tests/data/lookup.tsv`, and every row of `tables/`.

use crate::common::{Failures, tsv};

#[test]
fn lookup_cases() {
    let mut failures = Failures::default();
    for (line, f) in tsv("lookup.tsv") {
        let (input, want, gap) = match f.as_slice() {
            [input, want] => (input, want, None),
            [input, want, gap] => (input, want, Some(gap)),
            _ => panic!(
                "lookup.tsv:{line}: expected 2 or 3 fields, found {}",
                f.len()
            ),
        };
        let got = canonym::lookup(input)
            .map(|m| m.entity().id())
            .unwrap_or("-");
        match gap {
            None => failures.check(got == want, || {
                format!("lookup.tsv:{line}: {input}: want {want}, got {got}")
            }),
            // A known gap must still fail: when it starts passing, the note goes.
            Some(gap) => failures.check(got != want, || {
                format!("lookup.tsv:{line}: {input}: now resolves to {want}; drop the note {gap:?}")
            }),
        }
    }
    failures.assert_none("lookup.tsv");
}

#[test]
fn every_listed_name_resolves_to_its_entity() {
    let mut failures = Failures::default();
    for e in canonym::entities() {
        for n in e.names() {
            let got = canonym::lookup(n.text()).map(|m| m.entity().id());
            failures.check(got == Some(e.id()), || {
                format!("{} ({}): want {}, got {got:?}", n.text(), n.lang(), e.id())
            });
        }
        let got = canonym::lookup(e.canonical()).map(|m| m.entity().id());
        failures.check(got == Some(e.id()), || {
            format!("canonical {}: want {}, got {got:?}", e.canonical(), e.id())
        });
    }
    failures.assert_none("tables/");
}
