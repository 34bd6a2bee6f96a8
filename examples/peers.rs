//! The peers canonym is compared with in `benches/whole/run.sh`: what a user would pick instead,
//! run as a whole process over the same file as canonym, so that both pay for reading, writing
//! and start-up alike.
//!
//! ```sh
//! cargo build --release --example peers
//! canonym entities --json > names.jsonl
//! target/release/examples/peers aho-nfa names.jsonl < en.txt        # prints the match count
//! target/release/examples/peers aho-dfa names.jsonl < en.txt
//! target/release/examples/peers aho-dfa-replace names.jsonl < en.txt > out.txt
//! target/release/examples/peers deunicode < ru.txt > out.txt
//! target/release/examples/peers deunicode-lines < names.txt > keys.txt
//! ```
//!
//! - `aho-nfa`, `aho-dfa`: aho-corasick 1.x, leftmost-longest and ASCII case-insensitive (as
//!   benches/text.rs), over every listed name that `canonym entities --json` prints and that may
//!   appear in running text (not flagged `notext`), as a noncontiguous NFA or a DFA; prints how
//!   many matches it found in standard input (read whole, as the text must be searched whole).
//! - `aho-dfa-replace`: the DFA's `replace_all` of each match by its entity's ID, from standard
//!   input (read whole: aho-corasick streams only the standard match kind) to standard output:
//!   the peer of `canonym rewrite`.
//! - `deunicode`: standard input transliterated to ASCII, streamed in 64 KiB pieces cut at line
//!   ends: the peer of `canonym translit`.
//! - `deunicode-lines`: each line transliterated and lowercased: the peer of `canonym key`.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// The names of `canonym entities --json` that running text may hold, with their entity IDs.
fn patterns(path: &str) -> io::Result<(Vec<String>, Vec<String>)> {
    let text = std::fs::read_to_string(path)?;
    let (mut names, mut ids) = (Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let entity: serde_json::Value = serde_json::from_str(line).map_err(io::Error::other)?;
        let id = entity["id"].as_str().unwrap_or_default();
        for name in entity["names"].as_array().into_iter().flatten() {
            let flags = name["flags"].as_str().unwrap_or_default();
            if flags.split(',').any(|f| f == "notext") {
                continue;
            }
            if let Some(text) = name["name"].as_str() {
                names.push(text.to_owned());
                ids.push(id.to_owned());
            }
        }
    }
    Ok((names, ids))
}

fn automaton(names: &[String], kind: AhoCorasickKind) -> io::Result<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(names)
        .map_err(io::Error::other)
}

fn run(args: &[String]) -> io::Result<()> {
    let peer = args.first().map(String::as_str).unwrap_or_default();
    let stdin = io::stdin().lock();
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    match peer {
        "aho-nfa" | "aho-dfa" => {
            let path = args
                .get(1)
                .ok_or_else(|| io::Error::other("names file missing"))?;
            let (names, _) = patterns(path)?;
            let kind = if peer == "aho-nfa" {
                AhoCorasickKind::NoncontiguousNFA
            } else {
                AhoCorasickKind::DFA
            };
            let ac = automaton(&names, kind)?;
            let mut text = Vec::new();
            { stdin }.read_to_end(&mut text)?;
            writeln!(out, "{}", ac.find_iter(&text).count())?;
        }
        "aho-dfa-replace" => {
            let path = args
                .get(1)
                .ok_or_else(|| io::Error::other("names file missing"))?;
            let (names, ids) = patterns(path)?;
            let ac = automaton(&names, AhoCorasickKind::DFA)?;
            // Stream replacing supports only the standard match kind: the file is read whole.
            let mut text = Vec::new();
            { stdin }.read_to_end(&mut text)?;
            let ids: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
            out.write_all(
                &ac.try_replace_all_bytes(&text, &ids)
                    .map_err(io::Error::other)?,
            )?;
        }
        "deunicode" => {
            let mut reader = io::BufReader::with_capacity(64 * 1024, stdin);
            let mut piece = Vec::new();
            let mut ascii = String::new();
            loop {
                piece.clear();
                // Whole lines up to about 64 KiB: never a character cut in two.
                while piece.len() < 64 * 1024 {
                    if reader.read_until(b'\n', &mut piece)? == 0 {
                        break;
                    }
                }
                if piece.is_empty() {
                    break;
                }
                ascii.clear();
                ascii.push_str(&deunicode::deunicode(&String::from_utf8_lossy(&piece)));
                out.write_all(ascii.as_bytes())?;
            }
        }
        "deunicode-lines" => {
            for line in stdin.lines() {
                let line = line?;
                let mut key = deunicode::deunicode(&line);
                key.make_ascii_lowercase();
                writeln!(out, "{key}")?;
            }
        }
        _ => {
            return Err(io::Error::other(
                "usage: peers aho-nfa|aho-dfa|aho-dfa-replace NAMES.jsonl | deunicode | deunicode-lines",
            ));
        }
    }
    out.flush()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peers: {e}");
            ExitCode::from(2)
        }
    }
}
