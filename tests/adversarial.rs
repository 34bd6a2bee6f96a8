//! Odd input is normal input: invisible characters inside names, floods of combining marks,
//! every kind of white space, huge words. Nothing panics, and the documented outcome holds.

fn id(name: &str) -> Option<&'static str> {
    canonym::lookup(name).map(|m| m.entity().id())
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<canonym::Entity>();
    check::<canonym::Name>();
    check::<canonym::Match<'static>>();
    check::<canonym::Gazetteer>();
    check::<canonym::Matcher<'static>>();
    check::<canonym::Mention<'static>>();
    check::<canonym::Cluster>();
    check::<canonym::Kind>();
    check::<canonym::How>();
}

/// Zero-width and bidi controls inside a name are read through (documented in
/// tables/README.md and the README): a reader sees the name, so does canonym.
#[test]
fn invisible_characters_inside_names_are_read_through() {
    for spoof in [
        "Luka\u{200B}shenka",         // zero-width space
        "Luka\u{200D}shenka",         // zero-width joiner
        "Luka\u{00AD}shenka",         // soft hyphen
        "\u{202E}Lukashenka\u{202C}", // right-to-left override ... pop
        "\u{2066}Lukashenka\u{2069}", // isolate
        "\u{FEFF}Lukashenka",         // byte order mark
        "Lukashenka\u{FE0F}",         // variation selector
    ] {
        assert_eq!(id(spoof), Some("per:alyaksandr-lukashenka"), "{spoof:?}");
    }
}

#[test]
fn every_unicode_space_separates_words() {
    for space in [
        '\t', '\n', '\r', '\u{A0}', '\u{1680}', '\u{2002}', '\u{2003}', '\u{2009}', '\u{200A}',
        '\u{202F}', '\u{205F}', '\u{3000}', '\u{2028}', '\u{2029}',
    ] {
        let name = format!("Viktar{space}Lukashenka");
        assert_eq!(id(&name), Some("per:viktar-lukashenka"), "{name:?}");
    }
}

#[test]
fn combining_mark_floods_do_not_break_keys() {
    let zalgo: String = std::iter::once('L')
        .chain(std::iter::repeat_n('\u{0301}', 500))
        .chain("ukashenka".chars())
        .collect();
    assert_eq!(canonym::key(&zalgo), canonym::key("Lukashenka"));
    let marks_only: String = std::iter::repeat_n('\u{0301}', 500).collect();
    assert_eq!(canonym::key(&marks_only), "");
    assert_eq!(id(&marks_only), None);
}

#[test]
fn empty_and_blank_names_match_nothing() {
    for blank in ["", " ", "\t\n", "'s", "«»", "#", "---", "\u{200B}"] {
        // A lone possessive is a word to the key, but nothing to lookup.
        if blank != "'s" {
            assert_eq!(canonym::key(blank), "", "{blank:?}");
        }
        assert_eq!(id(blank), None, "{blank:?}");
        assert!(canonym::candidates(blank).is_empty(), "{blank:?}");
    }
}

#[test]
fn a_megabyte_word_is_keyed_without_trouble() {
    let word = "Лукашэнка".repeat(1 << 17);
    let key = canonym::key(&word);
    assert!(key.is_ascii() && !key.is_empty());
    assert_eq!(id(&word), None);
}

#[test]
fn mixed_scripts_are_read_in_the_majority_script_and_say_so() {
    // Latin name with a Cyrillic "а", "о" and "Р"; Cyrillic name with a Latin "a".
    for (spoof, want) in [
        ("Lukаshenka", "per:alyaksandr-lukashenka"),
        ("Рutin", "per:vladimir-putin"),
        ("Minsk", "loc:minsk"),
        ("Лукaшенко", "per:alyaksandr-lukashenka"),
    ] {
        let m = canonym::lookup(spoof).unwrap_or_else(|| panic!("{spoof:?} did not resolve"));
        assert_eq!(m.entity().id(), want, "{spoof:?}");
        assert_eq!(
            m.is_homoglyph(),
            !spoof.is_ascii() && spoof.chars().any(|c| c.is_ascii_alphabetic()),
            "{spoof:?}"
        );
    }
}

/// A whole article is not a name. Found by fuzzing: its lookup retried the text without each
/// of its ~400 words in every orthographic reading, and took 21 s.
#[test]
fn a_whole_article_is_not_a_name() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_0a528b9a199c7f0b.txt");
    let article =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(id(&article), None);
    assert!(canonym::candidates(&article).is_empty());
}

mod files {
    //! The files of `tests/data/adversarial/` (see its README) through the command line.

    use assert_cmd::Command;

    use crate::common::data_path;

    fn canonym() -> Command {
        Command::cargo_bin("canonym").unwrap_or_else(|e| panic!("the canonym binary: {e}"))
    }

    /// Each file with the entity IDs it mentions, in order.
    const EXPECTED: &[(&str, &[&str])] = &[
        ("overlong.in", &["loc:minsk", "per:alyaksandr-lukashenka"]),
        (
            "surrogate.in",
            &["loc:hrodna", "loc:pinsk-by", "loc:zhodzina"],
        ),
        (
            "truncated-end.in",
            &["per:alyaksandr-lukashenka", "loc:minsk"],
        ),
        ("truncated-mid.in", &["loc:salihorsk", "org:maz"]),
        (
            "nul.in",
            &[
                "per:alyaksandr-lukashenka",
                "loc:minsk",
                "per:sviatlana-tsikhanouskaya",
            ],
        ),
        ("crlf.in", &["per:alyaksandr-lukashenka", "loc:minsk"]),
        ("cr-only.in", &["per:alyaksandr-lukashenka", "loc:minsk"]),
        ("bom.in", &["per:alyaksandr-lukashenka", "loc:minsk"]),
        ("empty.in", &[]),
        ("zalgo.in", &["per:alyaksandr-lukashenka", "loc:minsk"]),
        (
            "invisible.in",
            &[
                "per:alyaksandr-lukashenka",
                "loc:minsk",
                "per:sviatlana-tsikhanouskaya",
                "loc:hrodna",
            ],
        ),
        ("spaces.in", &["per:viktar-lukashenka"; 4]),
        (
            "homoglyphs.in",
            &[
                "per:alyaksandr-lukashenka",
                "per:vladimir-putin",
                "loc:belarus",
                "per:alyaksandr-lukashenka",
            ],
        ),
        ("no-newline.in", &["loc:zhodzina", "loc:salihorsk"]),
    ];

    fn read(name: &str) -> Vec<u8> {
        let path = data_path(&format!("adversarial/{name}"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The rewrite the library's streaming scan implies: mentions replaced by their IDs, every
    /// other byte (invalid ones included) as it was.
    fn expected_rewrite(input: &[u8]) -> (Vec<u8>, Vec<&'static str>) {
        let mut out = Vec::new();
        let mut ids = Vec::new();
        canonym::matcher()
            .scan(input, |piece| {
                match piece {
                    canonym::Piece::Text { text, .. } | canonym::Piece::Ambiguous { text, .. } => {
                        out.extend_from_slice(text.as_bytes())
                    }
                    canonym::Piece::Invalid { bytes, .. } => out.extend_from_slice(bytes),
                    canonym::Piece::Mention { mention, .. } => {
                        ids.push(mention.entity().id());
                        out.extend_from_slice(mention.entity().id().as_bytes());
                    }
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        (out, ids)
    }

    #[test]
    fn every_file_keeps_its_bytes_and_finds_its_mentions() {
        let mut failures = crate::common::Failures::default();
        for (name, want) in EXPECTED {
            let input = read(name);
            let (rewritten, ids) = expected_rewrite(&input);
            failures.check(ids == *want, || {
                format!("{name}: mentions {ids:?}, want {want:?}")
            });
            let found = if want.is_empty() { 1 } else { 0 };
            // A line that is not UTF-8 is reported (with its line and byte) and the run exits 2;
            // every other byte still comes through. `-a`: nul.in is read as text, not skipped.
            let bad = std::str::from_utf8(&input).err().map(|e| e.valid_up_to());
            let status = |ok: i32| if bad.is_some() { 2 } else { ok };

            let inline = canonym()
                .args(["annotate", "-a", "-"])
                .write_stdin(input.clone())
                .assert()
                .code(status(found));
            let marked = inline.get_output().stdout.clone();
            failures.check(canonym::strip_inline(&marked) == input, || {
                format!("{name}: annotate (inline) changed bytes outside mentions")
            });

            let out = canonym()
                .args(["rewrite", "-a", "--to", "id"])
                .write_stdin(input.clone())
                .assert()
                .code(status(0));
            failures.check(out.get_output().stdout == rewritten, || {
                format!("{name}: rewrite --to id differs from the scan")
            });

            let jsonl = canonym()
                .args(["annotate", "-a", "--format", "jsonl"])
                .write_stdin(input.clone())
                .assert();
            let translit = canonym()
                .args(["translit", "-a"])
                .write_stdin(input.clone())
                .assert();
            match bad {
                Some(at) => {
                    let line = input[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    let message = format!("canonym: <stdin>:{line}: invalid UTF-8 at byte {at}; ");
                    for (cmd, out) in [
                        ("annotate --format jsonl", jsonl.get_output()),
                        ("translit", translit.get_output()),
                    ] {
                        let stderr = String::from_utf8_lossy(&out.stderr);
                        failures.check(out.status.code() == Some(2) && stderr.starts_with(&message), || {
                            format!("{name}: {cmd}: status {:?}, stderr {stderr:?}, want {message:?}", out.status.code())
                        });
                    }
                    // translit copies the bad bytes: the input's bytes that are not Cyrillic
                    // letters all come back (here: its length at least).
                    failures.check(
                        translit.get_output().stdout.len()
                            >= input.iter().filter(|b| b.is_ascii()).count(),
                        || format!("{name}: translit lost bytes"),
                    );
                }
                None => {
                    let out = translit.get_output();
                    let text = String::from_utf8_lossy(&out.stdout);
                    failures.check(
                        out.status.success()
                            && !text.chars().any(|c| {
                                ('\u{0400}'..='\u{04FF}').contains(&c)
                                    && c != '\u{0430}'
                                    && c != '\u{0420}'
                            }),
                        || format!("{name}: translit left Cyrillic or failed: {text:?}"),
                    );
                    failures.check(jsonl.get_output().status.code() == Some(found), || {
                        format!("{name}: jsonl exit status")
                    });
                }
            }
        }
        failures.assert_none("tests/data/adversarial");
    }

    #[test]
    fn a_ten_megabyte_line_without_spaces_and_a_megabyte_word_pass_through() {
        // A 10 MB line of letters and digits without a single separator (a base64 blob), and a
        // 1 MB word of Cyrillic letters: each is one word, never a name, so it comes back
        // unchanged, in bounded chunks (cut between characters past 1 MB).
        let blob: String = "Lukashenka0Minsk9".repeat((10 << 20) / 17);
        let word = "Лукашэнка".repeat((1 << 20) / "Лукашэнка".len());
        for input in [blob, word] {
            let out = canonym()
                .arg("rewrite")
                .write_stdin(input.clone())
                .assert()
                .code(0);
            assert!(
                out.get_output().stdout == input.as_bytes(),
                "a {}-byte word changed",
                input.len()
            );
        }
    }
}
