//! Streaming over arbitrary bytes (the first byte picks the chunk size): the pieces are the
//! input byte for byte, a rewrite that writes each mention's own text back changes nothing,
//! and on valid UTF-8 the mentions are those `find_iter` finds in the whole text.
#![no_main]

use canonym::Piece;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let matcher = canonym::matcher();
    let chunk = 1 + usize::from(pick) * 7;
    let mut rebuilt = Vec::with_capacity(input.len());
    let mut mentions = Vec::new();
    matcher
        .scan_chunked(input, chunk, |piece| {
            match piece {
                Piece::Text { text, .. } | Piece::Ambiguous { text, .. } => {
                    rebuilt.extend_from_slice(text.as_bytes())
                }
                Piece::Mention { mention, text } => {
                    assert_eq!(mention.end() - mention.start(), text.len());
                    mentions.push((mention.start(), mention.end(), mention.entity().id()));
                    rebuilt.extend_from_slice(text.as_bytes());
                }
                Piece::Invalid { bytes, .. } => rebuilt.extend_from_slice(bytes),
            }
            Ok(())
        })
        .expect("reading a slice cannot fail");
    assert_eq!(rebuilt, input, "the pieces are not the input");

    let mut identity = Vec::new();
    matcher
        .replace_all(input, &mut identity, |_, text| text.to_owned().into())
        .expect("writing to a Vec cannot fail");
    assert_eq!(identity, input, "an identity rewrite changed the input");

    if let Ok(text) = std::str::from_utf8(input) {
        let whole: Vec<_> = matcher
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.entity().id()))
            .collect();
        // Chunked scanning may cut at different white space than one pass, but only where a
        // chunk has no white space for a megabyte; inputs here are far smaller.
        assert_eq!(mentions, whole, "chunked scan and find_iter disagree");
    }
});
