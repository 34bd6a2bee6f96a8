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
    // The two good lines come out: two answers, two keys, two groups.
    for cmd in ["lookup", "key", "cluster"] {
        let out = canonym()
            .arg(cmd)
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr("canonym: <stdin>:2: invalid UTF-8 at byte 8; line skipped\n")
            .get_output()
            .stdout
            .clone();
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 2, "{cmd}");
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
fn invalid_utf8_in_a_file_names_the_byte() {
    let bad = temp_file("bad.txt", b"Minsk \xff Pinsk\n");
    let name = bad.display().to_string();
    canonym()
        .args(["annotate", "--format", "jsonl"])
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "canonym: {name}: invalid UTF-8 at byte 6; file skipped\n"
        ));
    canonym()
        .arg("translit")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(format!("canonym: {name}: invalid UTF-8 at byte 6\n"));
}

#[test]
fn inline_markup_in_the_input_needs_escape() {
    canonym()
        .arg("annotate")
        .write_stdin("see [[Minsk]]")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("the input contains `[[` at byte 4")
                .and(predicate::str::contains("--escape")),
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
