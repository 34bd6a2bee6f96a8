//! Inline markup over arbitrary bytes (the first byte picks the chunk size and whether to
//! escape): stripping the markup gives back the input exactly; without escaping, the only
//! refusal is a literal `[[`.
#![no_main]

use canonym::{Inline, strip_inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let escape = pick & 1 == 1;
    let chunk = 1 + usize::from(pick >> 1) * 5;
    let mut out = Vec::new();
    let mut inline = Inline::new(&mut out, escape);
    let mut refused = None;
    let result = canonym::matcher().scan_chunked(input, chunk, |piece| {
        inline.write(piece).map_err(|e| match e.offset() {
            Some(offset) => {
                refused = Some(offset);
                std::io::Error::other("refused")
            }
            None => e.into(),
        })
    });
    match refused {
        Some(offset) => {
            assert!(!escape, "escaping never refuses");
            assert_eq!(
                input.get(offset..offset + 2),
                Some(&b"[["[..]),
                "refused at {offset} without a [["
            );
        }
        None => {
            result.expect("writing to a Vec cannot fail");
            assert_eq!(strip_inline(&out), input, "strip(inline(x)) != x");
        }
    }
});
