//! Transliteration under every scheme (the first byte picks one): text without Cyrillic passes
//! through byte for byte, and the streaming form writes exactly what the `Cow` form returns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let schemes: Vec<canonym::Scheme> = canonym::Scheme::all().collect();
    let scheme = schemes[usize::from(pick) % schemes.len()];
    let out = canonym::translit(text, scheme);
    let cyrillic = text.chars().any(|c| ('\u{0400}'..='\u{052F}').contains(&c));
    if !cyrillic {
        assert_eq!(out, text, "{scheme:?} changed non-Cyrillic text");
    }
    let mut streamed = Vec::new();
    canonym::translit_to(text, scheme, &mut streamed).expect("writing to a Vec cannot fail");
    assert_eq!(
        streamed,
        out.as_bytes(),
        "{scheme:?}: translit_to differs from translit"
    );
    // Automatic language detection must not panic either.
    let _ = canonym::Translit::new().translit(text);
});
