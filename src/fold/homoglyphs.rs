//! Look-alike letters: a token that mixes Latin with Cyrillic (or Greek) letters is read in its
//! majority script, through a table the caller hands in (`tables/homoglyphs.tsv`).

use super::chars::{Script, script};
use super::tokens::Token;

/// Look-alike letters, as two sorted tables of `(from, to)`: Cyrillic letters that look like
/// Latin ones, and Latin letters that look like Cyrillic ones.
#[derive(Clone, Copy, Debug)]
pub struct Homoglyphs<'a> {
    /// Cyrillic (or Greek) letter → the Latin letter it looks like, sorted by `from`.
    pub to_latin: &'a [(char, char)],
    /// Latin letter → the Cyrillic letter it looks like, sorted by `from`.
    pub to_cyrillic: &'a [(char, char)],
}

impl Homoglyphs<'_> {
    /// No look-alikes: mixed tokens are keyed letter by letter.
    pub const NONE: Homoglyphs<'static> = Homoglyphs {
        to_latin: &[],
        to_cyrillic: &[],
    };
}

/// For a token that mixes Latin with Cyrillic/Greek letters, the table that rewrites its
/// minority letters into the majority script.
pub(super) fn token_swap<'h>(
    token: &Token<'_>,
    homoglyphs: Homoglyphs<'h>,
) -> Option<&'h [(char, char)]> {
    if !token.mixed {
        return None;
    }
    let (mut latin, mut other) = (0usize, 0usize);
    for c in token.text.chars() {
        match script(c) {
            Script::Latin => latin += 1,
            Script::Cyrillic | Script::Greek => other += 1,
            Script::Other => {}
        }
    }
    let table = if latin >= other {
        homoglyphs.to_latin
    } else {
        homoglyphs.to_cyrillic
    };
    (!table.is_empty()).then_some(table)
}

/// [`token_swap`] of a token `text` known to mix scripts.
pub(super) fn mixed_swap<'h>(text: &str, homoglyphs: Homoglyphs<'h>) -> Option<&'h [(char, char)]> {
    let token = Token {
        text,
        start: 0,
        digits: false,
        mixed: true,
        joined: false,
        ascii: false,
    };
    token_swap(&token, homoglyphs)
}

pub(super) fn lookup_pair(table: &[(char, char)], c: char) -> Option<char> {
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .and_then(|i| table.get(i))
        .map(|&(_, to)| to)
}
