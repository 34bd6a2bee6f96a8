//! The `annotate` and `rewrite` commands: golden files `tests/data/cli/<case>.in` → `.out`
//! (set `CANONYM_BLESS=1` to rewrite the `.out` files after checking a change by eye), exit
//! codes and messages, in-place rewriting, broken pipes, and the inline markup round trip.

use std::path::PathBuf;

use assert_cmd::Command;
use proptest::prelude::*;

fn canonym() -> Command {
    Command::cargo_bin("canonym").unwrap_or_else(|e| panic!("the canonym binary: {e}"))
}

fn cli_path(name: &str) -> PathBuf {
    crate::common::data_path("cli").join(name)
}

/// A golden case: the arguments (`{in}` stands for the case's `.in` file; without it the
/// `.in` file is standard input), the exit code, and a piece of the expected stderr.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    code: i32,
    stderr: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "inline",
        args: &["annotate", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "jsonl",
        args: &["annotate", "--format", "jsonl", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "tsv",
        args: &["annotate", "--format", "tsv", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "stdin",
        args: &["annotate", "--format", "jsonl"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "dash",
        args: &["annotate", "-"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "several",
        args: &["annotate", "--format", "tsv", "{in}", "{dir}/unreadable.in"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "unreadable",
        args: &["annotate", "--format", "tsv", "{dir}/missing.txt", "{in}"],
        code: 2,
        stderr: "canonym: {dir}/missing.txt: cannot open: ",
    },
    Case {
        name: "invalid-jsonl",
        args: &["annotate", "--format", "jsonl", "{in}"],
        code: 2,
        stderr: "canonym: {in}:1: invalid UTF-8 at byte 18; line skipped\n",
    },
    Case {
        name: "invalid-inline",
        args: &["annotate", "{in}"],
        code: 2,
        stderr: "canonym: {in}:1: invalid UTF-8 at byte 18; copied as is\n",
    },
    Case {
        name: "crlf-rewrite",
        args: &["rewrite", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "empty",
        args: &["annotate"],
        code: 1,
        stderr: "",
    },
    Case {
        name: "chunk",
        args: &["annotate", "--format", "tsv", "--chunk-size", "7", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "rewrite-id",
        args: &["rewrite", "--to", "id"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "stats",
        args: &["annotate", "--stats", "{in}"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "jsonl-field",
        args: &["annotate", "--jsonl-field", "body"],
        code: 0,
        stderr: "",
    },
    Case {
        name: "escape",
        args: &["annotate", "--escape"],
        code: 0,
        stderr: "",
    },
    // Namesakes of a user table (tests/data/gazetteer/namesakes.jsonl): JSON reports a name
    // several entities could be with its candidates and no ID, unless the same file named one
    // of them before (each file is one document); inline output leaves it as written; only
    // settled mentions count for the exit code, as only a resolved name does for lookup.
    Case {
        name: "namesakes",
        args: &[
            "annotate",
            "--no-builtin",
            "--table",
            "../gazetteer/namesakes.jsonl",
            "--format",
            "jsonl",
            "{in}",
            "{dir}/namesakes-other.in",
        ],
        code: 0,
        stderr: "",
    },
    Case {
        name: "namesakes-inline",
        args: &[
            "annotate",
            "--no-builtin",
            "--table",
            "../gazetteer/namesakes.jsonl",
            "{in}",
        ],
        code: 0,
        stderr: "",
    },
    Case {
        name: "namesakes-only",
        args: &[
            "annotate",
            "--no-builtin",
            "--table",
            "../gazetteer/namesakes.jsonl",
            "--json",
            "--offsets",
            "chars",
            "{in}",
        ],
        code: 1,
        stderr: "",
    },
    Case {
        name: "namesakes-field",
        args: &[
            "annotate",
            "--no-builtin",
            "--table",
            "../gazetteer/namesakes.jsonl",
            "--jsonl-field",
            "body",
        ],
        code: 0,
        stderr: "",
    },
    Case {
        // A literal `[[` is escaped by default (`--escape` is a no-op kept for old scripts).
        name: "refuse",
        args: &["annotate", "{in}"],
        code: 0,
        stderr: "",
    },
];

#[test]
fn golden_files() {
    // Run in tests/data/cli, so that file names in the output are short and portable.
    let cwd = crate::common::data_path("cli");
    let dir = ".";
    let bless = std::env::var_os("CANONYM_BLESS").is_some();
    let mut failures = crate::common::Failures::default();
    for case in CASES {
        let input = &format!("{}.in", case.name);
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| a.replace("{in}", input).replace("{dir}", dir))
            .collect();
        let mut cmd = canonym();
        cmd.current_dir(&cwd).args(&args);
        if !case.args.contains(&"{in}") {
            cmd.write_stdin(std::fs::read(cwd.join(input)).unwrap());
        }
        let out = cmd.output().unwrap();
        let golden = cli_path(&format!("{}.out", case.name));
        if bless {
            std::fs::write(&golden, &out.stdout).unwrap();
        }
        let want = std::fs::read(&golden).unwrap_or_default();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let want_err = case.stderr.replace("{in}", input).replace("{dir}", dir);
        failures.check(out.stdout == want, || {
            format!(
                "{}: stdout differs from {}:\n--- want\n{}\n--- got\n{}",
                case.name,
                golden.display(),
                String::from_utf8_lossy(&want),
                String::from_utf8_lossy(&out.stdout)
            )
        });
        failures.check(out.status.code() == Some(case.code), || {
            format!(
                "{}: exit {:?}, want {} ({stderr})",
                case.name,
                out.status.code(),
                case.code
            )
        });
        failures.check(
            if want_err.is_empty() {
                stderr.is_empty()
            } else {
                stderr.contains(&want_err)
            },
            || format!("{}: stderr {stderr:?}, want {want_err:?}", case.name),
        );
    }
    failures.assert_none("tests/data/cli");
}

/// Across several chunk sizes the output is the same as in one chunk: the mentions, and the
/// names of namesakes, reported as ambiguous or settled by what the document said before.
#[test]
fn chunk_size_does_not_change_output() {
    let table = crate::common::data_path("gazetteer/namesakes.jsonl");
    let table = table.to_str().unwrap();
    let namesakes = ["--no-builtin", "--table", table, "--json"];
    for (input, args) in [("chunk.in", &[][..]), ("namesakes.in", &namesakes[..])] {
        let input = std::fs::read(cli_path(input)).unwrap();
        let whole = canonym()
            .arg("annotate")
            .args(args)
            .write_stdin(input.clone())
            .output()
            .unwrap();
        assert!(!whole.stdout.is_empty());
        for chunk in ["1", "5", "13", "64"] {
            let out = canonym()
                .args(["annotate", "--chunk-size", chunk])
                .args(args)
                .write_stdin(input.clone())
                .output()
                .unwrap();
            assert_eq!(out.stdout, whole.stdout, "{args:?} --chunk-size {chunk}");
        }
    }
}

#[test]
fn rewrite_in_place_replaces_the_file() {
    let dir = std::env::temp_dir().join(format!("canonym-in-place-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.txt");
    std::fs::write(&path, "Лукашенко в Минске\n").unwrap();
    canonym()
        .args(["rewrite", "--in-place", "--to", "id"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "per:alyaksandr-lukashenka в loc:minsk\n"
    );
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "the temporary file is gone");
    std::fs::remove_dir_all(&dir).unwrap();
    canonym()
        .args(["rewrite", "--in-place"])
        .write_stdin("Minsk")
        .assert()
        .code(2)
        .stderr("canonym: --in-place needs file names; it cannot rewrite standard input\n");
}

#[test]
fn rewrite_to_an_unknown_scheme_is_an_error() {
    canonym()
        .args(["rewrite", "--to", "klingon"])
        .write_stdin("Minsk")
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn broken_pipe_exits_quietly() {
    use std::io::Write;
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("canonym");
    let mut child = Std::new(bin)
        .args(["annotate"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of its stdout before it writes anything.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let text = "Lukashenko in Minsk. ".repeat(20_000);
    let _ = stdin.write_all(text.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// `canonym::strip_inline(inline(x)) == x` and an identity rewrite (`rewrite` of a text without mentions'
    /// changes) — for arbitrary bytes, invalid UTF-8 and brackets included.
    #[test]
    fn inline_markup_strips_back_to_the_input(
        parts in prop::collection::vec(prop_oneof![
            Just(b"Lukashenka's ".to_vec()), Just("Мінску ".as_bytes().to_vec()), Just(b"[".to_vec()),
            Just(b"[[".to_vec()), Just(b"]]".to_vec()), Just(b"|".to_vec()), Just(b"\xff".to_vec()),
            Just(b"[[Minsk|loc:minsk]]".to_vec()), Just(b"\r\n".to_vec()),
            prop::collection::vec(any::<u8>(), 0..5),
        ], 0..16),
    ) {
        let input: Vec<u8> = parts.concat();
        // `-a`: the bytes may include NUL, which would make the input binary.
        let out = canonym().args(["annotate", "-a"]).write_stdin(input.clone()).output().unwrap();
        prop_assert_eq!(canonym::strip_inline(&out.stdout), input);
    }
}
