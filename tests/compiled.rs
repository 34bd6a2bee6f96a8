//! Compiled gazetteer files (`Gazetteer::write_to`, `Gazetteer::open`, `canonym compile`): a
//! gazetteer read back from its file answers exactly as the one it was written from, and a
//! truncated, damaged or foreign file is refused with a message, never a panic or an answer.

use assert_cmd::Command;
use canonym::Gazetteer;

use crate::common::{data_path, parse_marked, seed_paths, tsv};

/// The built-in tables and `people.tsv`, built from the tables.
fn built() -> Gazetteer {
    Gazetteer::builder()
        .read_path(&data_path("gazetteer/people.tsv"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn bytes_of(g: &Gazetteer) -> Vec<u8> {
    let mut bytes = Vec::new();
    g.write_to(&mut bytes).expect("writes");
    bytes
}

/// Written section by section into a seekable writer (as `canonym compile` writes), the file
/// is byte for byte the one written whole: a few megabytes, so many blocks of block sums, and
/// the header written last over the zeros at the start.
#[test]
fn a_file_streamed_is_the_file_written_whole() {
    let g = built();
    let whole = bytes_of(&g);
    let mut streamed = std::io::Cursor::new(Vec::new());
    g.write_to_seekable(&mut streamed).expect("writes");
    assert_eq!(streamed.position(), whole.len() as u64, "left at the end");
    let streamed = streamed.into_inner();
    assert!(whole.len() > 20 * 64 * 1024, "{} bytes", whole.len());
    assert!(streamed == whole, "the streamed file differs");
    // Read back from the streamed bytes, it is sound.
    let back = Gazetteer::from_bytes(&streamed).unwrap_or_else(|e| panic!("{e}"));
    back.verify().unwrap_or_else(|e| panic!("{e}"));
}

/// Everything a gazetteer answers about `names` and `texts`, as text.
fn answers(g: &Gazetteer, names: &[String], texts: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for n in names {
        out.push(format!("{n}: {:?}", g.lookup(n)));
        let ids: Vec<&str> = g.candidates(n).iter().map(|e| e.id()).collect();
        out.push(format!("{n}: {ids:?}"));
    }
    for t in texts {
        let found: Vec<String> = g.matcher().find_iter(t).map(|m| format!("{m:?}")).collect();
        out.push(found.join("\n"));
    }
    out
}

/// Every listed name of every entity, the queries and sentences of `tests/data/gazetteer/`,
/// and the seed documents: the answers of the file are those of the tables, byte for byte.
#[test]
fn a_compiled_file_answers_as_its_tables() {
    let g = built();
    let bytes = bytes_of(&g);
    let path = std::env::temp_dir().join(format!("canonym-test-{}.gaz", std::process::id()));
    std::fs::write(&path, &bytes).expect("writes");
    let mapped = Gazetteer::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let copied = Gazetteer::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<String> = g
        .entities()
        .iter()
        .flat_map(|e| e.names().iter().map(|n| n.text().to_owned()))
        .collect();
    names.extend(
        tsv("gazetteer/queries.tsv")
            .into_iter()
            .filter_map(|(_, f)| f.first().cloned()),
    );
    names.extend([
        "Lukashenka".into(),
        "Pinsk".into(),
        "V. Tsapkala".into(),
        String::new(),
    ]);
    let mut texts: Vec<String> = tsv("gazetteer/sentences.tsv")
        .into_iter()
        .filter_map(|(_, f)| f.get(1).map(|s| parse_marked(s).0))
        .collect();
    texts.extend(
        seed_paths()
            .iter()
            .take(40)
            .filter_map(|p| std::fs::read_to_string(p).ok()),
    );
    let want = answers(&g, &names, &texts);
    assert_eq!(answers(&mapped, &names, &texts), want);
    assert_eq!(answers(&copied, &names, &texts), want);
    assert_eq!(mapped.entities(), g.entities());
    let id = "per:raman-pratasevich";
    assert_eq!(mapped.entity(id), g.entity(id));
    assert!(mapped.entity("per:nobody").is_none());
    // Written again, the file is the same file.
    assert_eq!(bytes_of(&mapped), bytes);
    let _ = std::fs::remove_file(&path);
}

/// Cut short anywhere, or with any byte changed, the file is refused with a message naming
/// what is wrong, or (a byte under a block checksum) opens, finds the damage when it reads the
/// block, and `verify` names it; never a panic, never an answer made from a damaged byte.
#[test]
fn a_truncated_or_damaged_file_is_refused_with_a_message() {
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&data_path("gazetteer/people.tsv"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = bytes_of(&g);
    assert!(Gazetteer::from_bytes(&bytes).is_ok());
    let names: Vec<String> = ["Roman Protasevich", "Пратасевіч", "Ivan Petrov", "x"]
        .map(String::from)
        .to_vec();
    let good = answers(&g, &names, &[]);
    let mut failures = Vec::new();
    let mut check = |what: String, damaged: &[u8], want: &[&str]| {
        let message = match Gazetteer::from_bytes(damaged) {
            Err(e) => e.to_string(),
            Ok(g) => {
                if g.damage().is_some() {
                    failures.push(format!("{what}: damage found before any read"));
                }
                let got = answers(&g, &names, &[]);
                if g.damage().is_none() && got != good {
                    failures.push(format!("{what}: other answers, and no damage reported"));
                }
                match g.verify() {
                    Ok(()) => {
                        failures.push(format!("{what}: accepted"));
                        return;
                    }
                    Err(e) => e.to_string(),
                }
            }
        };
        if !want.iter().any(|w| message.contains(w)) {
            failures.push(format!("{what}: {message}"));
        }
    };
    let step = (bytes.len() / 3000).max(1);
    for len in (0..bytes.len()).step_by(step).chain(0..200) {
        check(
            format!("cut to {len} bytes"),
            &bytes[..len],
            &["truncated", "no magic bytes"],
        );
    }
    for at in (0..bytes.len()).step_by(step).chain(0..200) {
        for flip in [0x01, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[at] ^= flip;
            check(
                format!("byte {at} ^ {flip:#x}"),
                &damaged,
                &[
                    "corrupt",
                    "checksum",
                    "magic",
                    "version",
                    "truncated",
                    "trailing",
                    "sections",
                    "directory",
                ],
            );
        }
    }
    let mut longer = bytes.clone();
    longer.push(0);
    check("one byte more".into(), &longer, &["trailing bytes"]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A file of many checksum blocks (the built-in tables compiled in): a damaged byte anywhere
/// is found only when a read reaches its block, and until then the answers are the file's own.
#[test]
fn a_damaged_block_is_found_when_read_and_never_answers() {
    let g = built();
    let bytes = bytes_of(&g);
    assert!(
        bytes.len() > 20 * 65536,
        "{} bytes: too few blocks",
        bytes.len()
    );
    let names: Vec<String> = [
        "Roman Protasevich",
        "Лукашенко",
        "Minsk",
        "Pinsk",
        "Zhodino",
    ]
    .map(String::from)
    .to_vec();
    let texts = vec!["Лукашенко встретился с Путиным в Сочи; Tsikhanouskaya in Vilnius.".into()];
    let good = answers(&g, &names, &texts);
    let (mut found_later, mut failures) = (0, Vec::new());
    for at in (64 * 40..bytes.len()).step_by(bytes.len() / 150) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        let Ok(g) = Gazetteer::from_bytes(&damaged) else {
            continue;
        };
        let got = answers(&g, &names, &texts);
        match g.damage() {
            None if got != good => failures.push(format!("byte {at}: other answers, no damage")),
            None => found_later += 1,
            Some(_) => {}
        }
        match g.verify() {
            Err(e) if e.to_string().contains("checksum mismatch in section") => {}
            other => failures.push(format!("byte {at}: verify gave {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Most blocks are not read by a few answers: the file was not checked whole at open.
    assert!(
        found_later > 10,
        "{found_later} of 150 damaged blocks went unread"
    );
}

/// The messages of the README's error table for compiled files, through the command line.
#[test]
fn compiled_files_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("canonym-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates");
    let file = dir.join("people.gaz");
    let people = data_path("gazetteer/people.tsv");
    Command::cargo_bin("canonym")
        .expect("binary")
        .args(["compile", "--no-builtin"])
        .arg(&people)
        .arg("-o")
        .arg(&file)
        .assert()
        .success();
    let lookup = |table: &std::path::Path, builtin: bool| {
        let mut cmd = Command::cargo_bin("canonym").expect("binary");
        cmd.arg("lookup");
        if !builtin {
            cmd.arg("--no-builtin");
        }
        cmd.arg("--table")
            .arg(table)
            .arg("Roman Protasevich")
            .assert()
    };
    lookup(&file, false)
        .success()
        .stdout("per:raman-pratasevich\tRaman Pratasevich\n");
    let stderr = |a: assert_cmd::assert::Assert| {
        String::from_utf8_lossy(&a.failure().code(2).get_output().stderr).into_owned()
    };
    let e = stderr(lookup(&file, true));
    assert!(e.contains("compiled without the built-in tables"), "{e}");
    let bytes = std::fs::read(&file).expect("reads");
    let cut = dir.join("cut.gaz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("writes");
    let e = stderr(lookup(&cut, false));
    assert!(
        e.contains("cut.gaz: truncated: the header (byte offset 32) gives the file"),
        "{e}"
    );
    let mut damaged = bytes.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    let bad = dir.join("bad.gaz");
    std::fs::write(&bad, &damaged).expect("writes");
    let e = stderr(lookup(&bad, false));
    // The last bytes are the block sums, checked when the file is opened.
    assert!(
        e.contains("bad.gaz: checksum mismatch in section `block sums`"),
        "{e}"
    );
    // A damaged byte of the text: the file opens, the lookup reads the damaged block and
    // stops, writing no answer; `compile --verify` finds it up front.
    let mut damaged = bytes.clone();
    let at = damaged
        .windows(17)
        .position(|w| w == "Raman Pratasevich".as_bytes())
        .expect("the text holds the name");
    damaged[at] ^= 1;
    std::fs::write(&bad, &damaged).expect("writes");
    let a = lookup(&bad, false).failure().code(2);
    assert!(a.get_output().stdout.is_empty(), "{a:?}");
    let e = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        e.contains("bad.gaz: checksum mismatch in section") && e.contains("the file is corrupt"),
        "{e}"
    );
    let verify = |file: &std::path::Path| {
        Command::cargo_bin("canonym")
            .expect("binary")
            .args(["compile", "--verify"])
            .arg(file)
            .assert()
    };
    let e = stderr(verify(&bad));
    assert!(e.contains("bad.gaz: checksum mismatch in section"), "{e}");
    let a = verify(&file).success();
    let e = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(e.contains("people.gaz: sound ("), "{e}");
    let mut newer = bytes.clone();
    newer[16] = 12;
    std::fs::write(&bad, &newer).expect("writes");
    let e = stderr(lookup(&bad, false));
    assert!(e.contains("format version 12 at byte offset 16"), "{e}");
    // A file whose words were folded and declined by other rules (another canonym's build),
    // its header otherwise sound: refused, not read with words that would not meet.
    let mut other_rules = bytes.clone();
    other_rules[40] ^= 1;
    let count = u32::from_le_bytes(other_rules[24..28].try_into().expect("4 bytes")) as usize;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&other_rules[..56]);
    h.update(&other_rules[64..64 + 32 * count]);
    let sum = h.digest().to_le_bytes();
    other_rules[56..64].copy_from_slice(&sum);
    std::fs::write(&bad, &other_rules).expect("writes");
    let e = stderr(lookup(&bad, false));
    assert!(
        e.contains("made by other folding and declension rules")
            && e.contains("compile the tables again"),
        "{e}"
    );
    let e = stderr(
        Command::cargo_bin("canonym")
            .expect("binary")
            .args(["lookup", "--no-builtin", "--table"])
            .arg(&file)
            .arg("--table")
            .arg(&people)
            .arg("X")
            .assert(),
    );
    assert!(e.contains("cannot be combined with other tables"), "{e}");
    let e = stderr(
        Command::cargo_bin("canonym")
            .expect("binary")
            .arg("compile")
            .arg(&people)
            .assert(),
    );
    assert!(
        e.contains("compile writes a binary file: name it with -o FILE"),
        "{e}"
    );
    let e = Gazetteer::open(&people).unwrap_err().to_string();
    assert!(
        e.ends_with(
            "people.tsv: not a compiled canonym gazetteer (no magic bytes at byte offset 0)"
        ),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Namesakes, their weights and the entities' properties come back from the file as they were
/// built: the same candidates in the same order, the same entities.
#[test]
fn namesakes_weights_and_properties_survive_the_file() {
    let table = std::fs::read(data_path("gazetteer/namesakes.jsonl")).expect("reads");
    let extra = r#"{"id": "Q2280", "kind": "place", "canonical": "Minsk", "weight": 1995471, "population": 1995471, "country": "BY", "names": ["Мінск"]}"#;
    let g = Gazetteer::builder()
        .builtin(false)
        .read_jsonl("namesakes.jsonl", &table[..])
        .read_jsonl("extra.jsonl", extra.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let file = Gazetteer::from_bytes(&bytes_of(&g)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(g.entities(), file.entities());
    let minsk = file.entity("Q2280").expect("kept");
    assert_eq!(minsk.weight(), Some(1_995_471.0));
    assert_eq!(minsk.property("country"), Some("\"BY\""));
    for e in g.entities() {
        for n in e.names() {
            let ranked = |g: &Gazetteer| -> Vec<String> {
                g.matches(n.text())
                    .iter()
                    .map(|m| format!("{} {} {}", m.entity().id(), m.score(), m.why()))
                    .collect()
            };
            assert_eq!(ranked(&g), ranked(&file), "{}", n.text());
        }
    }
    assert!(
        g.entities()
            .iter()
            .any(|e| g.matches(e.canonical()).len() > 1),
        "the table has namesakes"
    );
}

/// A table that writes marks in some names writes the others without them on purpose (Faker's
/// `sk_SK` surnames list both `Hanák` and `Hanak`): which marks its names write is part of
/// the file, so the file reads `Hanák` as the table does — not as its `Hanak` — while a table
/// in ASCII, which may have dropped the marks, still takes it.
#[test]
fn the_marks_a_table_writes_survive_the_file() {
    let slovak = r#"{"id": "sk:1", "kind": "person", "canonical": "Hanak", "names": ["Hanak"]}
{"id": "sk:2", "kind": "person", "canonical": "Mácka", "names": ["Mácka"]}"#;
    let ascii = r#"{"id": "sk:1", "kind": "person", "canonical": "Hanak", "names": ["Hanak"]}"#;
    let text = "Ján Hanák povedal, že je všetko v poriadku.";
    for (table, want) in [(slovak, 0), (ascii, 1)] {
        let g = Gazetteer::builder()
            .builtin(false)
            .read_jsonl("surnames.jsonl", table.as_bytes())
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let file = Gazetteer::from_bytes(&bytes_of(&g)).unwrap_or_else(|e| panic!("{e}"));
        for g in [&g, &file] {
            assert_eq!(g.matcher().find_iter(text).count(), want, "{table}");
            assert_eq!(g.matcher().find_iter("Ján Hanak povedal.").count(), 1);
        }
    }
}
