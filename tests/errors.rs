//! The README's table of errors: each row, its message and its exit code.

use assert_cmd::Command;
use predicates::prelude::*;

fn canonym() -> Command {
    Command::cargo_bin("canonym").unwrap_or_else(|e| panic!("the canonym binary: {e}"))
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("canonym-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

#[test]
fn unopenable_file_is_reported_and_the_others_still_run() {
    let good = temp_file("good.txt", b"Hrodna\n");
    canonym()
        .args(["annotate", "--format", "tsv", "no/such/file.txt"])
        .arg(&good)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("loc:hrodna"))
        .stderr(predicate::str::starts_with(
            "canonym: no/such/file.txt: cannot open: ",
        ));
}

#[test]
fn every_subcommand_words_a_missing_file_alike() {
    for args in [
        &["annotate"][..],
        &["annotate", "--format", "jsonl"],
        &["annotate", "--jsonl-field", "text"],
        &["rewrite"],
        &["rewrite", "--in-place"],
        &["translit"],
        &["cluster"],
    ] {
        canonym()
            .args(args)
            .arg("no/such/file.txt")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "canonym: no/such/file.txt: cannot open: ",
            ));
    }
}

#[test]
fn a_line_that_is_not_utf8_is_named_by_line_and_byte_and_skipped() {
    let input = &b"Minsk\nPi\xffnsk\nHrodna\n"[..];
    // lookup and key answer every line (`-`, an empty key), so that answers stay beside their
    // names; cluster groups the two good ones.
    for (cmd, lines) in [("lookup", 3), ("key", 3), ("cluster", 2)] {
        let out = canonym()
            .arg(cmd)
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr("canonym: <stdin>:2: invalid UTF-8 at byte 8; line skipped\n")
            .get_output()
            .stdout
            .clone();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), lines, "{cmd}");
    }
}

/// Names are read in blocks of 64 KiB (`input::Source::for_each_line`): lines that straddle
/// a block, a line longer than a block, CRLF endings, a bad line far from the start and a last
/// line without its end are each still one answer, and the bad line is named by its line and
/// absolute byte offset.
#[test]
fn names_read_in_blocks_keep_every_line_and_name_the_bad_one() {
    let mut input = Vec::new();
    let mut expected = Vec::new();
    for i in 0..12_000 {
        let name = if i % 3 == 0 {
            "Minsk"
        } else {
            "Лукашэнка"
        };
        input.extend_from_slice(name.as_bytes());
        input.extend_from_slice(if i % 2 == 0 { b"\r\n" } else { b"\n" });
        expected.push(name.to_owned());
    }
    let long = "Hrodna ".repeat(20_000);
    input.extend_from_slice(long.as_bytes());
    input.push(b'\n');
    expected.push(long.clone());
    let bad_line = expected.len() + 1;
    let bad_at = input.len() + 2;
    input.extend_from_slice(b"Pi\xffnsk\n");
    input.extend_from_slice("Жодзіна".as_bytes());
    let mut want: Vec<String> = expected.iter().map(|n| canonym::key(n)).collect();
    want.push(String::new());
    want.push(canonym::key("Жодзіна"));
    // One core reads in blocks; several cut the input into parts by lines.
    for jobs in ["-j1", "-j2"] {
        let out = canonym()
            .args(["key", jobs])
            .write_stdin(input.clone())
            .assert()
            .code(2)
            .stderr(format!(
                "canonym: <stdin>:{bad_line}: invalid UTF-8 at byte {bad_at}; line skipped\n"
            ))
            .get_output()
            .stdout
            .clone();
        let got = String::from_utf8(out).unwrap_or_else(|e| panic!("key {jobs} output: {e}"));
        let got: Vec<&str> = got.lines().collect();
        assert_eq!(got.len(), want.len(), "key {jobs}");
        assert!(
            got.iter().zip(&want).all(|(g, w)| g == w),
            "key {jobs}: keys differ"
        );
    }
}

/// Only the line's own ending is taken off, in a block that is UTF-8 and in one that is not:
/// `Minsk\r\r\n` is the name `Minsk\r`, as the line reader before the block reader read it.
#[test]
fn only_one_line_ending_is_taken_off_a_name() {
    for input in [
        &b"Minsk\r\r\nHrodna\r\n"[..],
        b"Minsk\r\r\nPi\xffnsk\nHrodna\r\n",
    ] {
        let out = canonym()
            .args(["lookup", "--json", "-j1"])
            .write_stdin(input)
            .output()
            .unwrap_or_else(|e| panic!("lookup: {e}"));
        let out = String::from_utf8_lossy(&out.stdout);
        let first = out.lines().next().unwrap_or_default();
        assert!(first.starts_with(r#"{"input":"Minsk\r","#), "{first}");
        assert!(
            out.lines()
                .last()
                .unwrap_or_default()
                .starts_with(r#"{"input":"Hrodna","#)
        );
    }
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = std::env::temp_dir();
    for cmd in ["annotate", "rewrite", "translit", "cluster"] {
        canonym().arg(cmd).arg(&dir).assert().code(2).stderr(
            predicate::str::contains(": cannot read: ")
                .and(predicate::str::starts_with("canonym: ")),
        );
    }
}

#[test]
fn invalid_utf8_in_a_file_costs_its_line_only_in_every_subcommand() {
    let bad = temp_file("bad.txt", b"Minsk \xff Atlantis\nHrodna\n");
    let name = bad.display().to_string();
    // Outputs made of records skip the bad line and keep the others.
    for args in [
        &["annotate", "--format", "jsonl"][..],
        &["annotate", "--format", "tsv"],
    ] {
        canonym()
            .args(args)
            .arg(&bad)
            .assert()
            .code(2)
            .stdout(
                predicate::str::contains("loc:hrodna")
                    .and(predicate::str::contains("loc:minsk").not()),
            )
            .stderr(format!(
                "canonym: {name}:1: invalid UTF-8 at byte 6; line skipped\n"
            ));
    }
    // Outputs that copy the text copy the bad bytes too.
    for (args, want) in [
        (
            &["annotate"][..],
            &b"[[Minsk|loc:minsk]] \xff Atlantis\n[[Hrodna|loc:hrodna]]\n"[..],
        ),
        (
            &["rewrite", "--to", "id"],
            b"loc:minsk \xff Atlantis\nloc:hrodna\n",
        ),
        (&["translit"], b"Minsk \xff Atlantis\nHrodna\n"),
    ] {
        canonym()
            .args(args)
            .arg(&bad)
            .assert()
            .code(2)
            .stdout(want)
            .stderr(format!(
                "canonym: {name}:1: invalid UTF-8 at byte 6; copied as is\n"
            ));
    }
    // rewrite --in-place writes the file all the same, bad bytes kept.
    let copy = temp_file("bad-in-place.txt", b"Minsk \xff Atlantis\nHrodna\n");
    canonym()
        .args(["rewrite", "-i", "--to", "id"])
        .arg(&copy)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "canonym: {}:1: invalid UTF-8 at byte 6; copied as is\n",
            copy.display()
        ));
    assert_eq!(
        std::fs::read(&copy).unwrap_or_default(),
        b"loc:minsk \xff Atlantis\nloc:hrodna\n"
    );
    // Standard input is read the same way as a file.
    canonym()
        .args(["annotate", "--json"])
        .write_stdin(&b"Minsk \xff Atlantis\nHrodna\n"[..])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("loc:hrodna"))
        .stderr("canonym: <stdin>:1: invalid UTF-8 at byte 6; line skipped\n");
}

#[test]
fn inline_markup_in_the_input_is_escaped() {
    // Markdown and MediaWiki text is full of `[[`: it is written `[[|]]`, never refused.
    let out = canonym()
        .arg("annotate")
        .write_stdin("Lukashenko met Putin.\nSee [[Minsk]].\n")
        .assert()
        .success()
        .stdout(
            "[[Lukashenko|per:alyaksandr-lukashenka]] met [[Putin|per:vladimir-putin]].\n\
             See [[|]][[Minsk|loc:minsk]]]].\n",
        )
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        canonym::strip_inline(&out),
        b"Lukashenko met Putin.\nSee [[Minsk]].\n"
    );
}

#[test]
fn unknown_schemes_and_targets_list_the_valid_names() {
    canonym()
        .args(["translit", "--scheme", "klingon"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown scheme").and(predicate::str::contains("be-national")),
        );
    canonym()
        .args(["rewrite", "--to", "klingon"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "canonym: --to klingon: expected canonical, id or a scheme",
        ));
}

#[test]
fn bad_flag_combinations_say_what_is_wrong() {
    canonym()
        .args(["translit", "--scheme", "be-national", "--scheme", "be-icao"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr("canonym: --scheme be-national and --scheme be-icao are both for Belarusian; give one scheme per language\n");
    canonym()
        .args(["rewrite", "--in-place"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr("canonym: --in-place needs file names; it cannot rewrite standard input\n");
    canonym()
        .args(["annotate", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: invalid value 'xml' for '--format <FORMAT>'",
        ));
}

#[test]
fn an_output_file_that_cannot_be_created_is_named() {
    canonym()
        .args(["lookup", "-o", "/no/such/dir/out.txt", "Minsk"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "canonym: /no/such/dir/out.txt: cannot create: ",
        ));
}

#[test]
fn a_binary_file_and_contradicting_flags_are_refused_with_a_message() {
    // The rows of the README's table that tests/conventions.rs checks in full.
    canonym()
        .arg("annotate")
        .write_stdin(&b"\x89PNG\0\0"[..])
        .assert()
        .code(2)
        .stderr("canonym: <stdin>: binary file (NUL at byte 4) skipped; -a/--text reads it\n");
    canonym()
        .args(["annotate", "--stats", "--format", "jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: the argument '--stats' cannot be used with '--format <FORMAT>'",
        ));
    canonym()
        .args(["rewrite", "-i", "a.txt", "-o", "b.txt"])
        .assert()
        .code(2)
        .stderr("canonym: --in-place writes each file over itself; it cannot take -o too\n");
}

#[test]
fn an_output_that_cannot_be_written_is_an_error() {
    use std::io::Write;
    use std::process::{Command as Std, Stdio};
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not Linux: there is no device that is always full.
    };
    for cmd in ["annotate", "translit", "lookup"] {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("canonym"))
            .arg(cmd)
            .stdin(Stdio::piped())
            .stdout(
                full.try_clone()
                    .unwrap_or_else(|e| panic!("/dev/full: {e}")),
            )
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(b"Minsk\n");
        }
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait: {e}"));
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "canonym: <stdout>: cannot write: No space left on device (os error 28)\n",
            "{cmd}"
        );
    }
}
