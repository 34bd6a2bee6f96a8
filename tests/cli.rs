//! The command-line tool: arguments, stdin, `--json`, exit codes, empty and invalid input,
//! broken pipes.

use assert_cmd::Command;
use predicates::prelude::*;

fn canonym() -> Command {
    Command::cargo_bin("canonym").unwrap_or_else(|e| panic!("the canonym binary: {e}"))
}

#[test]
fn lookup_arguments_print_id_and_canonical() {
    canonym()
        .args(["lookup", "Лукашэнка", "Tsikhanouski", "Soligorsk"])
        .assert()
        .success()
        .stdout(
            "per:alyaksandr-lukashenka\tAlyaksandr Lukashenka\n\
             per:siarhei-tsikhanouski\tSiarhei Tsikhanouski\n\
             loc:salihorsk\tSalihorsk\n",
        );
}

#[test]
fn lookup_exits_1_only_when_no_name_is_known() {
    // grep's convention: found something → 0, found nothing → 1.
    canonym()
        .args(["lookup", "Minsk", "Atlantis"])
        .assert()
        .code(0)
        .stdout("loc:minsk\tMinsk\n-\n");
    canonym()
        .args(["lookup", "Ivyanets", "Atlantis"])
        .assert()
        .code(1)
        .stdout("-\n-\n");
}

#[test]
fn lookup_reads_stdin_lines_when_no_names_or_dash() {
    for args in [&["lookup"][..], &["lookup", "-"][..]] {
        canonym()
            .args(args)
            .write_stdin("Жодино\r\nŁukaszenka's\n")
            .assert()
            .success()
            .stdout("loc:zhodzina\tŽodzina\nper:alyaksandr-lukashenka\tAlyaksandr Lukashenka\n");
    }
}

#[test]
fn lookup_json_has_one_object_per_input_in_order() {
    let out = canonym()
        .args([
            "lookup",
            "--json",
            "Tikhanovskaya",
            "Atlantis",
            "V. Tsapkala",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["input"], "Tikhanovskaya");
    assert_eq!(lines[0]["id"], "per:sviatlana-tsikhanouskaya");
    assert_eq!(lines[0]["kind"], "person");
    assert_eq!(lines[0]["canonical"], "Sviatlana Tsikhanouskaya");
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert_eq!(lines[2]["id"], serde_json::Value::Null);
    // Each candidate as a match: same score, so in ID order.
    let candidates = lines[2]["candidates"].as_array().unwrap();
    let ids: Vec<_> = candidates.iter().map(|c| c["id"].clone()).collect();
    assert_eq!(ids, ["per:valery-tsapkala", "per:veronika-tsapkala"]);
    assert_eq!(candidates[0]["canonical"], "Valery Tsapkala");
    assert_eq!(candidates[0]["kind"], "person");
    assert!(candidates[0]["score"].is_number() && candidates[0]["why"].is_string());
}

#[test]
fn empty_input_prints_nothing() {
    // The searches found nothing (1, as grep on empty input); the filters ran (0).
    for (args, code) in [
        (&["lookup"][..], 1),
        (&["key"], 0),
        (&["translit"], 0),
        (&["annotate"], 1),
        (&["annotate", "--format", "jsonl"], 1),
        (&["annotate", "--jsonl-field", "text"], 1),
        (&["annotate", "--stats"], 1),
        (&["rewrite"], 0),
        (&["cluster"], 0),
    ] {
        canonym()
            .args(args)
            .write_stdin("")
            .assert()
            .code(code)
            .stdout("")
            .stderr("");
    }
}

#[test]
fn invalid_utf8_line_is_reported_with_line_and_byte_and_exits_2() {
    canonym()
        .arg("lookup")
        .write_stdin(&b"Minsk\nLuka\xffshenka\nHrodna\n"[..])
        .assert()
        .code(2)
        .stdout("loc:minsk\tMinsk\n-\nloc:hrodna\tHrodna\n")
        .stderr("canonym: <stdin>:2: invalid UTF-8 at byte 10; line skipped\n");
}

#[test]
fn key_prints_one_key_per_name() {
    let out = canonym()
        .args(["key", "Lukashenka", "Лукашенко", "Łukaszenka"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let keys: Vec<&str> = text.lines().collect();
    assert_eq!(keys.len(), 3);
    assert!(keys.iter().all(|k| *k == canonym::key("Lukashenka")));
}

#[test]
fn entities_json_lists_every_entity() {
    let out = canonym()
        .args(["entities", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert_eq!(text.lines().count(), canonym::entities().len());
    let first: serde_json::Value =
        serde_json::from_str(text.lines().next().unwrap_or("")).unwrap_or_default();
    assert!(first["names"].as_array().is_some_and(|n| !n.is_empty()));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    canonym().arg("frobnicate").assert().code(2);
}

#[test]
fn broken_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("canonym");
    let mut child = Std::new(bin)
        .args(["entities"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let mut first = [0u8; 1];
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read(&mut first);
        // Dropping the read end closes the pipe while canonym is still writing.
    }
    let output = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(output.status.success(), "status {:?}", output.status);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn cluster_reads_stdin_and_prints_groups_largest_first() {
    canonym()
        .args(["cluster", "-"])
        .write_stdin("Pinsk\nLukashenko\nЛукашэнка\nTsikhanouski\n")
        .assert()
        .success()
        .stdout("2\tLukashenko\tLukashenko (1) | Лукашэнка (1)\n1\tPinsk\tPinsk (1)\n1\tTsikhanouski\tTsikhanouski (1)\n");
}

#[test]
fn cluster_missing_file_is_an_error_naming_it() {
    canonym()
        .args(["cluster", "no/such/names.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "canonym: no/such/names.txt: cannot open:",
        ));
}

#[test]
fn rewrite_to_a_scheme_romanizes_the_name_in_that_language() {
    canonym()
        .args(["rewrite", "--to", "be-national"])
        .write_stdin("Лукашенко в Минске; Lukashenka's Zhodzina.\n")
        .assert()
        .success()
        .stdout("Aliaksandr Lukašenka в Minsk; Aliaksandr Lukašenka's Žodzina.\n");
    canonym()
        .args(["rewrite", "--to", "ru-bgn-pcgn", "-"])
        .write_stdin("Тихановская")
        .assert()
        .success()
        .stdout("Svetlana Tikhanovskaya");
}

#[test]
fn rewrite_to_an_unknown_target_lists_the_schemes() {
    canonym()
        .args(["rewrite", "--to", "klingon"])
        .write_stdin("Minsk")
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("--to klingon: expected canonical, id or a scheme")
                .and(predicates::str::contains("be-national")),
        );
}

fn data(name: &str) -> String {
    crate::common::data_path(name).display().to_string()
}

#[test]
fn table_adds_a_users_entities_to_lookup_annotate_and_rewrite() {
    let people = data("gazetteer/people.tsv");
    canonym()
        .args([
            "lookup",
            "--table",
            &people,
            "Roman Protasevich",
            "Lukashenko",
        ])
        .assert()
        .success()
        .stdout(
            "per:raman-pratasevich\tRaman Pratasevich\n\
             per:alyaksandr-lukashenka\tAlyaksandr Lukashenka\n",
        );
    canonym()
        .args(["annotate", "--table", &people, "--format", "tsv"])
        .write_stdin("Задержан Роман Протасевич.")
        .assert()
        .success()
        .stdout("<stdin>\t17\t48\tper:raman-pratasevich\talias\tРоман Протасевич\n");
    canonym()
        .args(["rewrite", "--table", &people, "--table", &data("gazetteer/people.jsonl"), "--on-conflict", "skip", "--to", "id"])
        .write_stdin("Igor Losik, Ляхавічы\n")
        .assert()
        .success()
        .stdout("per:ihar-losik, loc:lyakhavichy\n")
        .stderr(predicate::str::contains("people.jsonl:1: left out with its names by the `skip` rule: entity per:ales-bialiatski is also defined at"));
}

#[test]
fn no_builtin_uses_only_the_users_tables_and_needs_one() {
    canonym()
        .args([
            "lookup",
            "--no-builtin",
            "--table",
            &data("gazetteer/people.jsonl"),
            "Lukashenka",
        ])
        .assert()
        .code(1)
        .stdout("-\n");
    canonym()
        .args(["lookup", "--no-builtin", "Lukashenka"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--table"));
}

#[test]
fn a_malformed_table_is_an_error_with_file_and_line() {
    let bad = data("gazetteer/bad.tsv");
    canonym()
        .args(["annotate", "--table", &bad])
        .write_stdin("Minsk")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(format!(
            "canonym: cannot load the tables:\n{bad}:4: malformed language tag \"English\""
        )));
}

#[test]
fn conflicts_name_both_rows_and_the_rule_that_resolves_them() {
    let dir = tempfile_dir();
    let table = dir.join("redefined.jsonl");
    std::fs::write(
        &table,
        r#"{"id": "loc:minsk", "kind": "place", "canonical": "Minsk City", "names": ["Mensk"]}"#,
    )
    .unwrap();
    let table = table.display().to_string();
    canonym()
        .args(["lookup", "--table", &table, "Minsk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{table}:1: entity loc:minsk is also defined at tables/entities.tsv:"
        )))
        .stderr(predicate::str::contains(
            "--on-conflict prefer-user or skip",
        ));
    canonym()
        .args([
            "lookup",
            "--table",
            &table,
            "--on-conflict",
            "prefer-user",
            "Minsk",
        ])
        .assert()
        .success()
        .stdout("loc:minsk\tMinsk City\n")
        .stderr(predicate::str::contains("warning: tables/entities.tsv:"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// A table written in another shape fails on every row: the first errors are listed, then a
/// count of the rest (all with `--warnings`), so that thousands of lines do not bury them.
#[test]
fn a_table_wrong_on_every_row_lists_the_first_errors() {
    let dir = tempfile_dir();
    let path = dir.join("other_shape.jsonl");
    let rows: String = (1..=30)
        .map(|i| format!("{{\"kind\":\"place\",\"names\":[\"Town {i}\"]}}\n"))
        .collect();
    std::fs::write(&path, rows).unwrap();
    let path = path.to_string_lossy().into_owned();
    let first: String = (1..=20)
        .map(|i| format!("{path}:{i}: missing field \"id\"\n"))
        .collect();
    canonym()
        .args(["lookup", "--table", &path, "Minsk"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "canonym: cannot load the tables:\n{first}… and 10 more (30 errors; --warnings lists them all)\n"
        ));
    let all = canonym()
        .args(["lookup", "--warnings", "--table", &path, "Minsk"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&all.get_output().stderr).into_owned();
    assert!(
        stderr.contains(&format!("{path}:30: missing field")),
        "{stderr}"
    );
    assert!(!stderr.contains("more ("), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A fresh directory under the target directory (no temp-file crate needed for one test).
fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Dirty rows of a table are repaired or left out, summarised on standard error with the first
/// few warnings (all with `--warnings`); `--strict` refuses them (README, "Errors").
#[test]
fn dirty_rows_are_summarised_and_strict_refuses_them() {
    let dirty = data("gazetteer/dirty.jsonl");
    let warnings: Vec<String> = std::fs::read_to_string(data("gazetteer/dirty.tsv"))
        .unwrap_or_else(|e| panic!("dirty.tsv: {e}"))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let line = f.next()?;
            Some(format!("{dirty}:{line}: {}", f.nth(1)?))
        })
        .collect();
    assert_eq!(warnings.len(), 7);
    let summary = format!(
        "canonym: loaded 6 entities and 17 names from {dirty}; 4 names repaired, 3 skipped\n"
    );
    let listed = |n: usize| -> String {
        warnings
            .iter()
            .take(n)
            .map(|w| format!("canonym: warning: {w}\n"))
            .collect()
    };
    canonym()
        .args(["lookup", "--no-builtin", "--table", &dirty, "Жодино"])
        .assert()
        .code(0)
        .stdout("618800\tHorad Zhodzina\n")
        .stderr(format!(
            "{summary}{}canonym: … and 2 more (--warnings lists them all, --strict refuses them)\n",
            listed(5)
        ));
    canonym()
        .args([
            "lookup",
            "--no-builtin",
            "--warnings",
            "--table",
            &dirty,
            "Жодино",
        ])
        .assert()
        .code(0)
        .stderr(format!("{summary}{}", listed(7)));
    canonym()
        .args([
            "lookup",
            "--no-builtin",
            "--strict",
            "--table",
            &dirty,
            "Жодино",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "canonym: cannot load the tables:\n{}\n",
            warnings.join("\n")
        ));
}

/// `canonym entities --json > t.jsonl; canonym lookup --no-builtin --table t.jsonl …` answers
/// as the built-in tables do.
#[test]
fn exported_entities_are_a_table() {
    let dir = tempfile_dir();
    let table = dir.join("entities.jsonl");
    let out = canonym()
        .args(["entities", "--json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    std::fs::write(&table, out).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    let names = [
        "Minsk",
        "Лукашэнка",
        "Tsikhanouskaya",
        "Жодино",
        "Nobody Atall",
    ];
    let builtin = canonym()
        .args(["lookup", "--json"])
        .args(names)
        .assert()
        .get_output()
        .stdout
        .clone();
    canonym()
        .args(["lookup", "--json", "--no-builtin", "--table"])
        .arg(&table)
        .args(names)
        .assert()
        .code(0)
        .stderr("")
        .stdout(builtin);
}

/// `-j N` answers names from standard input on N threads, in input order: the same bytes,
/// messages and exit status as one thread. The input spans several batches of the parallel
/// loop, with lines that are not UTF-8 and blank lines among the names of the tables.
#[test]
fn lookup_on_several_threads_answers_as_one_thread() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tables/names");
    let mut names: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let rows = text.lines().filter(|l| !l.starts_with('#'));
        names.extend(
            rows.filter_map(|r| r.split('\t').nth(1))
                .map(|n| n.as_bytes().to_vec()),
        );
    }
    names.sort();
    assert!(names.len() > 500, "{} names", names.len());
    let mut input = Vec::new();
    // More lines than one batch of the parallel loop (8192).
    for round in 0..14 {
        for (i, name) in names.iter().enumerate() {
            input.extend_from_slice(name);
            if i % 997 == round {
                input.extend_from_slice(b" \xff");
            }
            input.extend_from_slice(if i % 500 == 0 { b"\n\r\n" } else { b"\n" });
        }
    }
    for json in [false, true] {
        let run = |jobs: &str| {
            let mut cmd = canonym();
            cmd.args(["-j", jobs, "lookup"]);
            if json {
                cmd.arg("--json");
            }
            cmd.write_stdin(input.clone()).output().unwrap()
        };
        let one = run("1");
        assert_eq!(
            one.status.code(),
            Some(2),
            "lines that are not UTF-8 exit 2"
        );
        assert!(one.stdout.len() > 200_000, "{} bytes", one.stdout.len());
        for jobs in ["2", "3"] {
            let many = run(jobs);
            assert_eq!(many.status.code(), one.status.code(), "-j {jobs}");
            assert!(
                many.stdout == one.stdout,
                "-j {jobs}, json {json}: stdout differs"
            );
            assert_eq!(
                String::from_utf8_lossy(&many.stderr),
                String::from_utf8_lossy(&one.stderr),
                "-j {jobs}"
            );
        }
    }
}

/// `-j N` cuts an input past a megabyte into documents (`canonym::document_end`) and works them
/// on N threads: `annotate` in every format, `rewrite`, `translit` and `key` write the same
/// bytes, messages and exit status as one thread. The input is the seeds (real news, whose bare
/// surnames refer back to full names) over and over, several documents long, with lines that
/// are not UTF-8, a full name and its bare surname on both sides of paragraph breaks, and a
/// second file.
#[test]
fn documents_on_several_threads_give_what_one_thread_gives() {
    let mut input = Vec::new();
    let seeds: Vec<Vec<u8>> = crate::common::seed_paths()
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let mut round = 0;
    // Past two megabytes: two documents and the start of a third, and a second file of one.
    while input.len() < 2_300_000 {
        for seed in &seeds {
            input.extend_from_slice(seed);
            input.extend_from_slice(b"\n\nViktar Lukashenka, the son.\n\nLukashenka said\n");
            if round % 7 == 0 {
                input.extend_from_slice("Лукашэнка \u{1F600} в ".as_bytes());
                input.extend_from_slice(b"\xff ");
                input.extend_from_slice("Минске\r\n\n".as_bytes());
            }
            round += 1;
        }
    }
    let dir = tempfile_dir();
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, &input).unwrap();
    std::fs::write(&b, &input[..input.len() / 3]).unwrap();
    // Small files, which are worked side by side, a missing one and a binary one among them.
    let mut files = vec![a.clone()];
    for (k, cut) in [(0, 5_000), (1, 70_000), (2, 300)].into_iter().enumerate() {
        let path = dir.join(format!("small{k}.txt"));
        std::fs::write(&path, &input[cut.0 * 1000..cut.0 * 1000 + cut.1]).unwrap();
        files.push(path);
    }
    files.push(dir.join("missing.txt"));
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, b"Minsk\0").unwrap();
    files.push(binary);
    files.push(b.clone());
    let jobs: &[&[&str]] = &[
        &["annotate"],
        &[
            "annotate",
            "--format",
            "jsonl",
            "--offsets",
            "bytes,chars,utf16",
        ],
        &["annotate", "--format", "tsv", "--chunk-size", "1000"],
        &["annotate", "--stats"],
        &["rewrite", "--to", "id"],
        &["translit"],
    ];
    for args in jobs {
        let run = |j: &str| {
            canonym()
                .args(["-j", j])
                .args(*args)
                .args(&files)
                .output()
                .unwrap()
        };
        let one = run("1");
        assert_eq!(one.status.code(), Some(2), "{args:?}: bad bytes exit 2");
        assert!(
            one.stdout.len() > 1000,
            "{args:?}: {} bytes",
            one.stdout.len()
        );
        if args.contains(&"jsonl") {
            let text = String::from_utf8_lossy(&one.stdout);
            assert!(text.contains("\"match\":\"coreference\""), "no coreference");
        }
        let many = run("2");
        assert_eq!(many.status.code(), one.status.code(), "{args:?}");
        assert!(many.stdout == one.stdout, "{args:?}: stdout differs");
        assert_eq!(
            String::from_utf8_lossy(&many.stderr),
            String::from_utf8_lossy(&one.stderr),
            "{args:?}"
        );
    }
    // Names on standard input.
    let names: Vec<u8> = input.iter().copied().take(400_000).collect();
    let key = |j: &str| {
        canonym()
            .args(["-j", j, "key"])
            .write_stdin(names.clone())
            .output()
            .unwrap()
    };
    let (one, many) = (key("1"), key("3"));
    assert!(one.stdout == many.stdout && one.stderr == many.stderr);
    assert_eq!(one.status.code(), many.status.code());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `canonym bench` runs every job on one thread and on all, over the built-in text or the
/// files given, and `--json` says so in one object (no timing is asserted: only that each job
/// ran and reported a rate).
#[test]
fn bench_reports_every_job_as_json() {
    let dir = tempfile_dir();
    let file = dir.join("bench.txt");
    std::fs::write(
        &file,
        "Лукашэнка ў Мінску.\n\nSviatlana Tsikhanouskaya\n".repeat(2000),
    )
    .unwrap();
    for with_file in [false, true] {
        let mut cmd = canonym();
        cmd.args(["-j", "2", "bench", "--json", "--runs", "1", "--size", "1"]);
        if with_file {
            cmd.arg(&file);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let jobs: Vec<&str> = report["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|j| j["job"].as_str())
            .collect();
        assert_eq!(jobs, ["key", "lookup", "translit", "annotate", "rewrite"]);
        for job in report["jobs"].as_array().unwrap() {
            for setting in ["one_core", "all_cores"] {
                assert!(job[setting]["mb_per_s"].as_f64().unwrap() > 0.0, "{job}");
            }
        }
        assert!(report["tables"]["entities"].as_u64().unwrap() > 10);
        assert_eq!(report["machine"]["threads"], 2);
        let annotate = &report["jobs"][3];
        assert!(annotate["count"].as_u64().unwrap() > 1000, "{annotate}");
        if with_file {
            assert_eq!(report["input"]["lines"], 6000);
        }
    }
    // The text report: a row per job.
    let out = canonym()
        .args(["bench", "--runs", "1"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for job in ["key", "lookup", "translit", "annotate", "rewrite"] {
        assert!(text.lines().any(|l| l.starts_with(job)), "{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `lookup` remembers the answers of a run, so a name that a list repeats is answered once:
/// the answers to a list twice over are its answers twice, on one thread and on several, as
/// text and as JSON (names of `tests/data/lookup.tsv`: found, ambiguous and unknown ones).
#[test]
fn lookup_answers_a_repeated_name_as_it_did_the_first_time() {
    let data = std::fs::read_to_string(crate::common::data_path("lookup.tsv")).unwrap();
    let names: String = data
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(|n| format!("{n}\n"))
        .collect();
    assert!(names.lines().count() > 500);
    for json in [false, true] {
        for jobs in ["1", "2"] {
            let run = |input: String| {
                let mut cmd = canonym();
                cmd.args(["-j", jobs, "lookup"]);
                if json {
                    cmd.arg("--json");
                }
                cmd.write_stdin(input).output().unwrap().stdout
            };
            let once = run(names.clone());
            let twice = run(names.repeat(2));
            assert!(
                twice == [once.as_slice(), once.as_slice()].concat(),
                "-j {jobs}, json {json}"
            );
        }
    }
}
