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
        // A name another entity shares (`shared`: the Dnieper's and the city of Dnipro's
        // `Днепр`) resolves to none of them and lists this one among its candidates.
        let mut check = |name: &str, what: String| {
            let got = canonym::lookup(name).map(|m| m.entity().id());
            let candidates = canonym::Gazetteer::builtin().candidates(name);
            let shared = got.is_none()
                && candidates.len() > 1
                && candidates.iter().any(|c| c.id() == e.id())
                && candidates
                    .iter()
                    .any(|c| c.names().iter().any(|n| n.is_shared()));
            failures.check(got == Some(e.id()) || shared, || {
                format!("{what}: want {}, got {got:?}", e.id())
            });
        };
        for n in e.names() {
            check(n.text(), format!("{} ({})", n.text(), n.lang()));
        }
        check(e.canonical(), format!("canonical {}", e.canonical()));
    }
    failures.assert_none("tables/");
}
