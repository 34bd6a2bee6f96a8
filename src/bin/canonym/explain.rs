//! `explain`: why two spellings meet or not.

use std::io::{self, Write};

use anyhow::Result;
use clap::Args;

use crate::Outcome;

/// Explain why a spelling is, or is not, a rendering of a listed name.
///
/// Prints the verifier's alignment of SPELLING with LISTED: each correspondence with the
/// transliteration scheme, press orthography or rule that produces it and its cost, the score,
/// and what blocked a match (`vowel u≠у at 1`). LISTED is read in the language of a built-in
/// name spelled so, else by its script. Exits 0 on a match, 1 otherwise.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The spelling to explain (`Lukashenko`).
    spelling: String,
    /// The listed name to align it with (`Лукашэнка`).
    listed: String,
}

pub fn run(args: &ExplainArgs) -> Result<Outcome> {
    let text = canonym::explain(&args.spelling, &args.listed);
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::of(true, text.contains("(match)")))
}
