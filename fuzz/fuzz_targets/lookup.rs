//! Lookup: never panics; a match is a known entity and is among the candidates.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = canonym::lookup(text);
    let candidates = canonym::candidates(text);
    if let Some(m) = found {
        let id = m.entity().id();
        assert!(canonym::entity(id).is_some(), "{text:?} -> unknown {id}");
        assert_eq!(
            candidates.iter().map(|e| e.id()).collect::<Vec<_>>(),
            [id],
            "{text:?}"
        );
    }
});
