//! Clustering names no table knows: `tests/data/cluster.txt`.

use std::collections::BTreeSet;

use crate::common::data_path;

#[test]
fn cluster_finds_the_expected_groups() {
    let path = data_path("cluster.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let expected: BTreeSet<BTreeSet<String>> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(str::to_owned)
                .collect::<BTreeSet<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    let names: Vec<&String> = expected.iter().flatten().collect();
    let got: BTreeSet<BTreeSet<String>> = canonym::cluster(names)
        .into_iter()
        .map(|c| c.spellings().iter().map(|(s, _)| s.clone()).collect())
        .collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "expected groups not found: {missing:?}\ngroups found instead: {extra:?}"
    );
}

#[test]
fn cluster_counts_repeats_and_suggests_the_most_frequent_latin_spelling() {
    let groups = canonym::cluster([
        "Лукашенко",
        "Лукашенко",
        "Lukashenko",
        "Lukashenka",
        "Lukashenka",
        "",
        "  ",
    ]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].len(), 5);
    assert_eq!(groups[0].canonical(), "Lukashenka");
}
