//! The `canonym translit` command: streams, files, errors and exit codes.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use assert_cmd::Command as Cmd;

fn canonym() -> Cmd {
    Cmd::cargo_bin("canonym").expect("the canonym binary is built")
}

fn stdout_of(args: &[&str], stdin: &[u8]) -> String {
    let out = canonym()
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn stdin_dash_and_files() {
    let dir = std::env::temp_dir().join(format!("canonym-translit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, "Жодзіна\n").expect("write");
    std::fs::write(&b, "Салігорск").expect("write");
    assert_eq!(
        stdout_of(&["translit"], "Гродна і Ліда\n".as_bytes()),
        "Hrodna i Lida\n"
    );
    assert_eq!(
        stdout_of(&["translit", "-"], "Гродна\n".as_bytes()),
        "Grodna\n",
        "a word without a telling letter in a text without one is taken to be Russian"
    );
    let (a, b) = (
        a.to_str().expect("UTF-8 path"),
        b.to_str().expect("UTF-8 path"),
    );
    assert_eq!(
        stdout_of(&["translit", a, "-", b], "Нясвіж\n".as_bytes()),
        "Žodzina\nNiasviž\nSalihorsk"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn line_endings_bom_and_missing_final_newline_are_kept() {
    let input = "\u{feff}Лагойск\r\nБабруйск\r\n\r\nLatin “text”";
    assert_eq!(
        stdout_of(&["translit", "--lang", "be"], input.as_bytes()),
        "\u{feff}Lahojsk\r\nBabrujsk\r\n\r\nLatin “text”"
    );
    assert_eq!(stdout_of(&["translit"], b""), "");
}

#[test]
fn options_scheme_lang_ascii() {
    let input = "Аляксандр Лукашэнка, Александр Лукашенко\n".as_bytes();
    assert_eq!(
        stdout_of(&["translit", "--scheme", "be-icao", "--lang", "be"], input),
        "Aliaksandr Lukashenka, Aleksandr Lukashenko\n"
    );
    assert_eq!(
        stdout_of(
            &["translit", "--lang", "ru", "--scheme", "ru-wikipedia"],
            input
        ),
        "Alyaksandr Lukashenka, Aleksandr Lukashenko\n"
    );
    // A scheme alone reads the text in its language; --lang auto detects per word.
    assert_eq!(
        stdout_of(
            &["translit", "--scheme", "uk-national"],
            "Біла Церква\n".as_bytes()
        ),
        "Bila Tserkva\n"
    );
    assert_eq!(
        stdout_of(
            &["translit", "--scheme", "uk-national", "--lang", "auto"],
            "Біла Церква\n".as_bytes()
        ),
        "Bila Cierkva\n"
    );
    assert_eq!(
        stdout_of(&["translit", "--scheme", "ru-iso9"], "Грозный\n".as_bytes()),
        "Groznyj\n"
    );
    assert_eq!(
        stdout_of(&["translit", "--ascii"], "Ціханоўская — Αθήνα\n".as_bytes()),
        "Cichanouskaja -- Athena\n"
    );
}

#[test]
fn list_prints_every_scheme() {
    let out = stdout_of(&["translit", "--list"], b"");
    for s in canonym::Scheme::all() {
        // Name, language, year, title: standard (scope).
        let year = s.year().to_string();
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().next() == Some(s.name())
                    && l.contains(s.language().name())
                    && l.contains(&year)
                    && l.contains(s.standard())
                    && l.ends_with(&format!("({})", s.scope()))),
            "{s}"
        );
    }
    assert!(canonym::Scheme::all().len() >= 40);
}

#[test]
fn unknown_scheme_lists_the_valid_names() {
    let out = canonym()
        .args(["translit", "--scheme", "be-natinal"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("unknown scheme `be-natinal`; valid schemes: be-ala-lc,"),
        "{err}"
    );
}

#[test]
fn missing_file_is_reported_and_the_others_still_run() {
    let assert = canonym()
        .args(["translit", "/nonexistent/canonym.txt", "-"])
        .write_stdin("Гродна і Ліда")
        .assert();
    let out = assert
        .code(2)
        .stdout("Hrodna i Lida")
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.starts_with("canonym: /nonexistent/canonym.txt: "),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_copied_and_named_by_line_and_offset_unless_lossy() {
    let mut input = "Ліда\n".repeat(3).into_bytes();
    input.extend_from_slice(b"ab\xffcd\n");
    let mut want = "Lida\n".repeat(3).into_bytes();
    want.extend_from_slice(b"ab\xffcd\n");
    canonym()
        .arg("translit")
        .write_stdin(input.clone())
        .assert()
        .code(2)
        .stdout(want)
        .stderr("canonym: <stdin>:4: invalid UTF-8 at byte 29; copied as is\n");
    let out = stdout_of(&["translit", "--lossy"], &input);
    assert_eq!(out, format!("{}ab\u{fffd}cd\n", "Lida\n".repeat(3)));
}

#[test]
fn large_input_streams_and_matches_the_library() {
    let text = "Беларуськалій у Салігорску; Belaruskali in Salihorsk.\n".repeat(60_000);
    assert!(text.len() > 3 << 20);
    let out = stdout_of(&["translit"], text.as_bytes());
    assert_eq!(out, canonym::Translit::new().translit(&text));
}

#[test]
fn closed_pipe_exits_quietly() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("canonym"))
        .arg("translit")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn canonym");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let line = "Лукашэнка\n".repeat(1000);
        for _ in 0..2000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // Dropping stdout closes the pipe while canonym is still writing.
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer thread");
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn two_schemes_for_one_language_is_an_error() {
    let out = canonym()
        .args(["translit", "--scheme", "ru-icao", "--scheme", "ru-iso9"])
        .write_stdin("Москва")
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("--scheme ru-icao and --scheme ru-iso9 are both for Russian"),
        "{err}"
    );
}

#[test]
fn unknown_letters_are_romanized_and_reported_once() {
    let out = canonym()
        .args(["translit", "--lang", "ru", "-", "-"])
        .write_stdin("Київ Єнакієве\nТјумењ Қазан\n")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Kiyiv Yenakiyeve\nTjumenj Kazan\n"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("canonym: 6 letters the scheme does not define"),
        "{err}"
    );
    assert!(err.contains("ї ×1, є ×2, ј ×1, њ ×1, қ ×1"), "{err}");
    let out = canonym()
        .args(["translit", "--lang", "ru", "--keep-unknown"])
        .write_stdin("Київ Тјумењ\n")
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Kiїv Tјumeњ\n");
    assert!(out.stderr.is_empty());
}

#[test]
fn reverse_reads_a_reversible_scheme_back() {
    assert_eq!(
        stdout_of(
            &["translit", "--reverse", "--scheme", "be-lacinka"],
            "Łukašenka, Smalavičy, Lidzija\n".as_bytes()
        ),
        "Лукашэнка, Смалявічы, Лідзія\n"
    );
    assert_eq!(
        stdout_of(
            &["translit", "--reverse", "--scheme", "be-national"],
            "Vierabjovičy ŽODZINA Homieĺ\n".as_bytes()
        ),
        "Вераб'ёвічы ЖОДЗІНА Гомель\n"
    );
    canonym()
        .args(["translit", "--reverse", "--scheme", "ru-bgn-pcgn"])
        .write_stdin("Moskva")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "scheme `ru-bgn-pcgn` is not reversible",
        ));
    canonym()
        .args(["translit", "--reverse"])
        .write_stdin("Moskva")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("exactly one --scheme"));
}
