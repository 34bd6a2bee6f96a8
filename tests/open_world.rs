//! Names of other things resolve to nothing, or to what they name: every country and territory
//! name CLDR has in any locale (`tests/data/open_world/cldr_countries.tsv`) must resolve to the
//! entity of its region or to none (issue 20's target; `benches/open_world/` measures the
//! GeoNames cities too, whose target is not met yet). 38,643 lookups: about 3 s in a debug
//! build.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{Failures, tsv};

#[test]
fn open_world_cldr_country_names_never_resolve_to_another_entity() {
    // Each place entity mapped to its region codes (none for an entity that is no region).
    let mut places: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, f) in tsv("open_world/entity_places.tsv") {
        if let [id, codes, ..] = f.as_slice() {
            let codes = codes.split(',').filter(|c| *c != "-").map(str::to_owned);
            places.insert(id.clone(), codes.collect());
        }
    }
    let mut truth: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, f) in tsv("open_world/cldr_countries.tsv") {
        if let [name, code, ..] = f.as_slice() {
            truth.entry(name.clone()).or_default().insert(code.clone());
        }
    }
    let mut failures = Failures::default();
    for (name, codes) in &truth {
        let Some(m) = canonym::lookup(name) else {
            continue;
        };
        let id = m.entity().id();
        let right = places.get(id).is_some_and(|p| !p.is_disjoint(codes));
        failures.check(right, || {
            format!("{name} ({codes:?}) resolves to {id} ({})", m.why())
        });
    }
    failures.assert_none("open_world/cldr_countries.tsv");
}
