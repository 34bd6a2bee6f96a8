//! The conventions of issue 22, one test each: exit status by grep's convention, character
//! offsets, line buffering, completions and man page, `-o`, `-q`, `--json`, `-` everywhere,
//! several files for cluster, binary input, conflicting flags, broken pipes under `--json`,
//! and the README's quick start.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;

fn canonym() -> Command {
    Command::cargo_bin("canonym").unwrap_or_else(|e| panic!("the canonym binary: {e}"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("conventions-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

#[test]
fn filters_exit_0_when_nothing_matched_and_searches_exit_1() {
    for args in [&["rewrite"][..], &["translit"], &["key"], &["cluster"]] {
        canonym()
            .args(args)
            .write_stdin("nothing\n")
            .assert()
            .code(0);
    }
    for args in [&["annotate"][..], &["annotate", "--json"], &["lookup"]] {
        canonym()
            .args(args)
            .write_stdin("nothing\n")
            .assert()
            .code(1);
    }
    // rewrite -i on a file without names: ran fine, so 0, and the file is unchanged.
    let dir = temp_dir("rewrite");
    let file = dir.join("plain.txt");
    std::fs::write(&file, "no names here\n").unwrap_or_else(|e| panic!("{e}"));
    canonym()
        .args(["rewrite", "-i"])
        .arg(&file)
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        "no names here\n"
    );
}

#[test]
fn jsonl_gives_byte_and_character_offsets_and_utf16_on_request() {
    let text = "Тихановская 🙂 встретилась с Лукашенко";
    let out = canonym()
        .args(["annotate", "--json", "--offsets", "bytes,chars,utf16"])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let chars: Vec<char> = text.chars().collect();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(lines.len(), 2);
    for m in &lines {
        let get = |k: &str| m[k].as_u64().unwrap_or_else(|| panic!("{k} in {m}")) as usize;
        let want = m["text"].as_str().unwrap_or_default();
        assert_eq!(&text[get("start")..get("end")], want);
        let by_chars: String = chars[get("char_start")..get("char_end")].iter().collect();
        assert_eq!(by_chars, want, "Python's t[char_start:char_end]");
        let by_utf16 = String::from_utf16_lossy(&utf16[get("utf16_start")..get("utf16_end")]);
        assert_eq!(
            by_utf16, want,
            "JavaScript's t.slice(utf16_start, utf16_end)"
        );
    }
    // The emoji is one character but two UTF-16 units.
    assert_eq!(lines[1]["char_start"], 28);
    assert_eq!(lines[1]["utf16_start"], 29);
    // The default: bytes and characters; one unit alone gives only its fields.
    let default = canonym()
        .args(["annotate", "--format", "jsonl"])
        .write_stdin("Тихановская")
        .assert()
        .success();
    default.stdout(predicate::str::starts_with(
        r#"{"start":0,"end":22,"char_start":0,"char_end":11,"text":"Тихановская""#,
    ));
    canonym()
        .args(["annotate", "--json", "--offsets", "chars"])
        .write_stdin("Тихановская")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            r#"{"char_start":0,"char_end":11,"text""#,
        ));
    // --jsonl-field counts in the field's string.
    canonym()
        .args(["annotate", "--jsonl-field", "t"])
        .write_stdin("{\"t\": \"в Минске\"}\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#""start":3,"end":15,"char_start":2,"char_end":8"#,
        ));
}

/// Starts `canonym ARGS`, writes `first`, and returns the first line of output read while
/// standard input is still open, with how long it took.
fn first_answer(args: &[&str], first: &str) -> (String, Duration) {
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("canonym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
    let started = Instant::now();
    stdin
        .write_all(first.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    // A watchdog closes standard input after a while, so that a canonym that waits for the
    // end of its input still ends (and the test fails on the time instead of hanging).
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(5));
        drop(stdin);
    });
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    let took = started.elapsed();
    let _ = watchdog.join();
    let _ = child.wait();
    (line, took)
}

#[test]
fn line_buffered_answers_each_line_before_the_next_is_read() {
    let key = format!("{}\n", canonym::key("Минск"));
    for (args, input, want) in [
        (
            &["lookup", "--line-buffered"][..],
            "Минск\n",
            "loc:minsk\tMinsk\n",
        ),
        (&["key", "--line-buffered"], "Минск\n", key.as_str()),
        (
            &[
                "annotate",
                "--line-buffered",
                "--json",
                "--offsets",
                "bytes",
            ],
            "x Минск\n",
            "{\"start\":2,\"end\":12,",
        ),
        (
            &["annotate", "--line-buffered"],
            "Минск\n",
            "[[Минск|loc:minsk]]\n",
        ),
        (&["rewrite", "--line-buffered"], "Минск\n", "Minsk\n"),
        (&["translit", "--line-buffered"], "Мінск\n", "Minsk\n"),
    ] {
        let (line, took) = first_answer(args, input);
        assert!(line.starts_with(want), "{args:?}: {line:?}, want {want:?}");
        assert!(
            took < Duration::from_secs(4),
            "{args:?}: answered after {took:?}"
        );
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        canonym()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("annotate").and(predicate::str::contains("line-buffered")),
            );
    }
    canonym().arg("man").assert().success().stdout(
        predicate::str::contains(".TH canonym 1").and(predicate::str::contains("annotate")),
    );
    canonym()
        .args(["man", "annotate"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(".TH canonym-annotate 1")
                .and(predicate::str::contains("offsets")),
        );
    canonym()
        .args(["man", "frobnicate"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such subcommand"));
}

#[test]
fn output_file_and_quiet() {
    let dir = temp_dir("output");
    let file = dir.join("out.txt");
    canonym()
        .args(["lookup", "Minsk", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        "loc:minsk\tMinsk\n"
    );
    canonym()
        .args(["annotate", "--output", "-", "--json"])
        .write_stdin("Minsk")
        .assert()
        .success()
        .stdout(predicate::str::contains("loc:minsk"));
    // -q: nothing printed, the status answers.
    canonym()
        .args(["-q", "lookup", "Minsk"])
        .assert()
        .code(0)
        .stdout("");
    canonym()
        .args(["lookup", "-q", "Atlantis"])
        .assert()
        .code(1)
        .stdout("");
    canonym()
        .args(["annotate", "-q"])
        .write_stdin("Minsk")
        .assert()
        .code(0)
        .stdout("");
    // -o naming an input would empty it before it is read: refused, the file untouched.
    let input = dir.join("in.txt");
    std::fs::write(&input, "Minsk\n").unwrap_or_else(|e| panic!("{e}"));
    for cmd in ["annotate", "rewrite", "translit", "cluster"] {
        canonym()
            .arg(cmd)
            .arg(&input)
            .arg("-o")
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("it is also an input"));
    }
    assert_eq!(
        std::fs::read_to_string(&input).unwrap_or_default(),
        "Minsk\n"
    );
    canonym()
        .args(["rewrite", "-i", "-o"])
        .arg(&file)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot take -o"));
}

#[test]
fn annotate_json_is_format_jsonl() {
    let input = "Лукашенко в Минске.\n";
    let json = canonym()
        .args(["annotate", "--json"])
        .write_stdin(input)
        .output();
    let jsonl = canonym()
        .args(["annotate", "--format", "jsonl"])
        .write_stdin(input)
        .output();
    let (json, jsonl) = (
        json.unwrap_or_else(|e| panic!("{e}")),
        jsonl.unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(json.stdout, jsonl.stdout);
    assert!(!json.stdout.is_empty());
}

#[test]
fn dash_is_standard_input_everywhere_a_file_is_taken() {
    canonym()
        .args(["cluster", "-"])
        .write_stdin("Lukashenko\nЛукашэнка\n")
        .assert()
        .success()
        .stdout("2\tLukashenko\tLukashenko (1) | Лукашэнка (1)\n");
    canonym()
        .args(["translit", "-"])
        .write_stdin("Мінск")
        .assert()
        .success()
        .stdout("Minsk");
    // A table from standard input, TSV or JSON Lines.
    canonym()
        .args(["lookup", "--table", "-", "Roman Protasevich"])
        .write_stdin("# source: a test\nper:raman-pratasevich\tРаман Пратасевіч\tbe\ttest\nper:raman-pratasevich\tRoman Protasevich\ten\ttest\n")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("per:raman-pratasevich\t"));
    canonym()
        .args(["lookup", "--table", "-", "Roman Protasevich"])
        .write_stdin(r#"{"id": "per:raman-pratasevich", "kind": "person", "canonical": "Raman Pratasevich", "names": ["Roman Protasevich"]}"#)
        .assert()
        .success()
        .stdout("per:raman-pratasevich\tRaman Pratasevich\n");
    // Standard input cannot be both a table and the input.
    canonym()
        .args(["annotate", "--table", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--table - reads standard input"));
}

#[test]
fn cluster_pools_several_files() {
    let dir = temp_dir("cluster");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "Lukashenko\nPinsk\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&b, "Лукашэнка\n").unwrap_or_else(|e| panic!("{e}"));
    canonym()
        .arg("cluster")
        .arg(&a)
        .arg(&b)
        .arg("no/such/names.txt")
        .assert()
        .code(2)
        .stdout("2\tLukashenko\tLukashenko (1) | Лукашэнка (1)\n1\tPinsk\tPinsk (1)\n")
        .stderr(predicate::str::starts_with(
            "canonym: no/such/names.txt: cannot open:",
        ));
}

#[test]
fn binary_input_is_skipped_unless_text() {
    let dir = temp_dir("binary");
    let bin = dir.join("blob.bin");
    std::fs::write(&bin, b"Minsk\0\x01\x02 Minsk\n").unwrap_or_else(|e| panic!("{e}"));
    let name = bin.display().to_string();
    for args in [
        &["annotate"][..],
        &["annotate", "--json"],
        &["rewrite"],
        &["translit"],
        &["cluster"],
    ] {
        canonym()
            .args(args)
            .arg(&bin)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!(
                "canonym: {name}: binary file (NUL at byte 5) skipped; -a/--text reads it\n"
            ));
    }
    canonym()
        .args(["annotate", "-a", "--format", "tsv"])
        .arg(&bin)
        .assert()
        .success()
        .stdout(predicate::str::contains("\t0\t5\tloc:minsk"));
    canonym()
        .args(["annotate", "--text"])
        .write_stdin(&b"Minsk\0"[..])
        .assert()
        .success()
        .stdout(&b"[[Minsk|loc:minsk]]\0"[..]);
}

#[test]
fn conflicting_flags_are_refused() {
    for args in [
        &["annotate", "--stats", "--format", "jsonl"][..],
        &["annotate", "--jsonl-field", "text", "--format", "tsv"],
        &["annotate", "--json", "--format", "tsv"],
        &["annotate", "--stats", "--json"],
        &["annotate", "--stats", "--offsets", "chars"],
    ] {
        canonym()
            .args(args)
            .write_stdin("Minsk")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("cannot be used with"));
    }
}

#[test]
fn broken_pipe_under_json_exits_quietly() {
    use std::io::Read;
    let names = "Minsk\n".repeat(200_000);
    for args in [
        &["lookup", "--json"][..],
        &["entities", "--json"],
        &["cluster", "--json"],
    ] {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("canonym"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("stdin"));
        let input = if args[0] == "cluster" {
            // Many groups: distinct names.
            (0..100_000)
                .map(|i| format!("Name{i}x\n"))
                .collect::<String>()
        } else {
            names.clone()
        };
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        if let Some(mut out) = child.stdout.take() {
            let mut first = [0u8; 1];
            let _ = out.read(&mut first);
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("wait: {e}"));
        let _ = writer.join();
        assert!(
            output.status.success(),
            "{args:?}: status {:?}",
            output.status
        );
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
    }
}

#[test]
fn cluster_help_says_what_the_code_does() {
    let out = canonym()
        .args(["cluster", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // --help wraps lines: compare with white space folded.
    let help = String::from_utf8_lossy(&out);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("in more than a third of the runs"), "{help}");
    assert!(!help.contains("45%"), "{help}");
}

/// The README's quick start shows what the command prints: each line of output it shows is
/// the start of the real line (the README cuts long lines with `…`).
#[test]
fn readme_quick_start_shows_the_real_output() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let quick = readme
        .split("## Quick start")
        .nth(1)
        .and_then(|s| s.split("```console\n").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap_or_else(|| panic!("no quick start console block"));
    let mut lines = quick.lines();
    let command = lines.next().unwrap_or_default();
    assert_eq!(command, "$ cargo run --release -- annotate seeds/*.txt");
    // Cargo's own lines go to standard error; the rest is canonym's output.
    let shown: Vec<&str> = lines.skip_while(|l| l.starts_with("  ")).collect();
    assert!(shown.len() >= 2, "quick start shows no output");
    let mut seeds: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .unwrap_or_else(|e| panic!("seeds: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let out = canonym()
        .current_dir(root)
        .arg("annotate")
        .args(&seeds)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    for (want, got) in shown.iter().zip(text.lines()) {
        match want.strip_suffix('…') {
            Some(prefix) => assert!(got.starts_with(prefix), "README: {want:?}\nreal: {got:?}"),
            None => assert_eq!(got, *want),
        }
    }
}

/// Every `canonym` command the README shows in a console block prints what the README shows
/// under it: each line shown is the real line, or its start when the README cuts it with `…`
/// (a block may show only the first lines). Commands that mention `people.tsv` run in
/// `tests/data/gazetteer`, as the README says; `cargo` commands are left to the quick start test.
#[test]
fn readme_console_examples_print_what_they_show() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let bin = assert_cmd::cargo::cargo_bin("canonym");
    let bin_dir = bin.parent().unwrap_or(root);
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // (command, lines shown) for every `$ ` line of every console block.
    let mut examples: Vec<(String, Vec<String>)> = Vec::new();
    let mut indent: Option<usize> = None;
    for line in readme.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```console") {
            indent = Some(line.len() - trimmed.len());
            continue;
        }
        let Some(n) = indent else { continue };
        if trimmed.starts_with("```") {
            indent = None;
            continue;
        }
        let line = line.get(n..).unwrap_or(line);
        match line.strip_prefix("$ ") {
            Some(cmd) => examples.push((cmd.to_owned(), Vec::new())),
            None => {
                if let Some((_, shown)) = examples.last_mut() {
                    shown.push(line.to_owned());
                }
            }
        }
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for (cmd, shown) in &examples {
        if cmd.starts_with("cargo ") {
            continue;
        }
        let cwd = if cmd.contains("people.tsv") {
            root.join("tests/data/gazetteer")
        } else {
            root.to_path_buf()
        };
        let out = Std::new("bash")
            .arg("-c")
            .arg(cmd)
            .current_dir(&cwd)
            .env("PATH", &path)
            .output()
            .unwrap_or_else(|e| panic!("bash: {e}"));
        let text = String::from_utf8_lossy(&out.stdout);
        let got: Vec<&str> = text.lines().collect();
        checked += 1;
        if got.len() < shown.len() {
            failures.push(format!(
                "{cmd}: shows {} lines, prints {}",
                shown.len(),
                got.len()
            ));
            continue;
        }
        for (want, got) in shown.iter().zip(&got) {
            let ok = match want.strip_suffix('…') {
                Some(prefix) => got.starts_with(prefix),
                None => got == want,
            };
            if !ok {
                failures.push(format!("{cmd}:\n  README: {want}\n  real:   {got}"));
            }
        }
    }
    assert!(checked >= 10, "only {checked} README examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
