//! The matching key: `tests/data/key.tsv` (pairs that must and must not collide), and
//! idempotence.

use crate::common::{Failures, tsv};

#[test]
fn key_pairs() {
    let mut failures = Failures::default();
    for (line, f) in tsv("key.tsv") {
        let [a, rel, b] = f.as_slice() else {
            panic!("key.tsv:{line}: expected 3 fields, found {}", f.len());
        };
        let (ka, kb) = (canonym::key(a), canonym::key(b));
        let ok = match rel.as_str() {
            "=" => ka == kb,
            "!=" => ka != kb,
            other => panic!("key.tsv:{line}: relation must be = or !=, found {other:?}"),
        };
        failures.check(ok, || {
            format!("key.tsv:{line}: {a} {rel} {b}: keys are {ka:?} and {kb:?}")
        });
    }
    failures.assert_none("key.tsv");
}

#[test]
fn key_is_idempotent_on_data() {
    let mut failures = Failures::default();
    for (line, f) in tsv("lookup.tsv") {
        let k = canonym::key(&f[0]);
        let kk = canonym::key(&k);
        failures.check(k == kk, || {
            format!(
                "lookup.tsv:{line}: key({:?}) = {k:?} but key of that = {kk:?}",
                f[0]
            )
        });
    }
    failures.assert_none("idempotence");
}

/// Inputs the fuzzer found (fuzz/fuzz_targets/key.rs), kept as regressions.
#[test]
fn key_is_idempotent_on_fuzz_findings() {
    // Seven x (k+s each) and ttst overflowed a fixed 16-slot consonant stack, which was
    // written out early and so missed merges the second reading made.
    for input in [
        "XXXXXXXttst",
        " date 4040/t\u{15}off\0\0\0\0\0\0\0nXXXX1XXXXX*XXXтердбевв, httXXXXXXXttst:.co/020",
    ] {
        let k = canonym::key(input);
        assert_eq!(canonym::key(&k), k, "{input:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// Keys are a fixed point of themselves, for any text at all.
    #[test]
    fn key_is_idempotent(s in "\\PC{0,40}") {
        let k = canonym::key(&s);
        proptest::prop_assert_eq!(canonym::key(&k), k.clone());
        proptest::prop_assert!(k.is_ascii());
    }

    /// Long runs of consonants that merge (x = ks, t s d z h c, дз, шч) are fixed points.
    #[test]
    fn key_is_idempotent_on_consonant_runs(s in "[xtsdzhcXTSDZHCкстдзшчщц]{0,60}") {
        let k = canonym::key(&s);
        proptest::prop_assert_eq!(canonym::key(&k), k);
    }

    /// Names built from the letters romanizations use, mixed with Cyrillic, are fixed points too.
    #[test]
    fn key_is_idempotent_on_name_like_text(s in "[a-zA-ZłŁšžčśźżćńŭąęóéïАаБбВвГгДдЕеЁёЖжЗзИиІіЙйКкЛлМмНнОоПпРрСсТтУуЎўФфХхЦцЧчШшЩщЪъЫыЬьЭэЮюЯя' -]{0,30}") {
        let k = canonym::key(&s);
        proptest::prop_assert_eq!(canonym::key(&k), k);
    }
}
