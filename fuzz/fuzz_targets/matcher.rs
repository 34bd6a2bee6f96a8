//! Mentions: inside the text, on character boundaries, non-empty, sorted and non-overlapping.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last_end = 0;
    for m in canonym::matcher().find_iter(text) {
        let (start, end) = (m.start(), m.end());
        assert!(
            start < end && end <= text.len(),
            "{start}..{end} in {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "{start}..{end}"
        );
        assert!(
            start >= last_end,
            "mentions overlap or are unsorted at {start}"
        );
        last_end = end;
    }
});
