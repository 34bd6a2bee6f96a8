//! The key: ASCII, idempotent, and the same with or without look-alike resolution on text
//! that mixes no scripts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let key = canonym::key(text);
    assert!(key.is_ascii(), "key of {text:?} is not ASCII: {key:?}");
    assert_eq!(canonym::key(&key), key, "key of {text:?} is not idempotent");
    assert!(
        !key.starts_with(' ') && !key.ends_with(' ') && !key.contains("  "),
        "{key:?}"
    );
});
