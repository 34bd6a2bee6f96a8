//! Gazetteers built at run time: the built-in tables loaded through the builder behave as the
//! compiled ones; a user's table resolves spellings it does not list; every malformed row and
//! every conflict is reported with its file and line, and the conflict rules do what they say.

use canonym::{Gazetteer, Kind, OnConflict, TableErrorKind};

use crate::common::{Failures, data_path, parse_marked, tsv};

fn tables_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tables")
}

/// `tables/` read at run time, without the compiled tables.
fn runtime_builtin() -> Gazetteer {
    Gazetteer::builder()
        .builtin(false)
        .read_dir(&tables_dir())
        .build()
        .unwrap_or_else(|e| panic!("tables/ does not load at run time:\n{e}"))
}

fn with_people(rule: OnConflict) -> Gazetteer {
    Gazetteer::builder()
        .on_conflict(rule)
        .read_path(&data_path("gazetteer/people.tsv"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

type Found = Vec<(usize, usize, String, &'static str, bool)>;

/// The ID and text of each mention.
fn spans<'t>(g: &Gazetteer, text: &'t str) -> Vec<(String, &'t str)> {
    g.matcher()
        .find_iter(text)
        .map(|m| (m.entity().id().to_owned(), &text[m.range()]))
        .collect()
}

/// A table of people without the built-in tables.
fn people_only(table: &str) -> Gazetteer {
    Gazetteer::builder()
        .builtin(false)
        .read_names("people.tsv", table.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn mentions(g: &Gazetteer, text: &str) -> Found {
    g.matcher()
        .find_iter(text)
        .map(|m| {
            (
                m.start(),
                m.end(),
                m.entity().id().to_owned(),
                m.how().as_str(),
                m.is_homoglyph(),
            )
        })
        .collect()
}

#[test]
fn builtin_tables_loaded_at_run_time_annotate_the_seeds_as_the_compiled_ones() {
    let runtime = runtime_builtin();
    let merged = Gazetteer::builder().build().unwrap();
    let mut total = 0;
    for path in crate::common::seed_paths() {
        let text = std::fs::read_to_string(&path).unwrap();
        let compiled = mentions(Gazetteer::builtin(), &text);
        assert!(!compiled.is_empty(), "{}: no mentions", path.display());
        total += compiled.len();
        assert_eq!(mentions(&runtime, &text), compiled, "{}", path.display());
        assert_eq!(mentions(&merged, &text), compiled, "{}", path.display());
    }
    assert!(total > 200, "only {total} mentions in the seeds");
    assert_eq!(runtime.entities(), Gazetteer::builtin().entities());
}

#[test]
fn builtin_tables_loaded_at_run_time_look_up_as_the_compiled_ones() {
    let runtime = runtime_builtin();
    let mut failures = Failures::default();
    let answer = |g: &Gazetteer, name: &str| {
        g.lookup(name).map(|m| {
            (
                m.entity().id().to_owned(),
                m.how(),
                m.name().text().to_owned(),
            )
        })
    };
    for (line, f) in tsv("lookup.tsv") {
        let input = &f[0];
        let (a, b) = (answer(Gazetteer::builtin(), input), answer(&runtime, input));
        failures.check(a == b, || {
            format!("lookup.tsv:{line}: {input}: compiled {a:?}, run time {b:?}")
        });
        let (a, b) = (
            canonym::candidates(input)
                .iter()
                .map(|e| e.id().to_owned())
                .collect::<Vec<_>>(),
            runtime
                .candidates(input)
                .iter()
                .map(|e| e.id().to_owned())
                .collect::<Vec<_>>(),
        );
        failures.check(a == b, || {
            format!("lookup.tsv:{line}: {input}: candidates {a:?} vs {b:?}")
        });
    }
    failures.assert_none("lookup.tsv at run time");
}

#[test]
fn a_user_table_resolves_spellings_it_does_not_list() {
    let tsv_table = with_people(OnConflict::Error);
    let jsonl_table = Gazetteer::builder()
        .read_path(&data_path("gazetteer/people.jsonl"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Failures::default();
    for (line, f) in tsv("gazetteer/queries.tsv") {
        let (query, want, gap) = match f.as_slice() {
            [query, want] => (query, want, None),
            [query, want, gap] => (query, want, Some(gap)),
            _ => panic!("queries.tsv:{line}: expected 2 or 3 fields"),
        };
        for (format, g) in [("tsv", &tsv_table), ("jsonl", &jsonl_table)] {
            let got = g.lookup(query).map_or("-", |m| m.entity().id());
            match gap {
                None => failures.check(got == want, || {
                    format!("queries.tsv:{line} ({format}): {query}: want {want}, got {got}")
                }),
                Some(gap) => failures.check(got != want, || {
                    format!("queries.tsv:{line}: {query} now resolves; drop the note {gap:?}")
                }),
            }
        }
    }
    failures.assert_none("gazetteer/queries.tsv");
    let bialiatski = jsonl_table.entity("per:ales-bialiatski").unwrap();
    assert_eq!(bialiatski.qid(), Some("Q1290530"));
    assert_eq!(
        bialiatski.names().len(),
        3,
        "canonical name plus two listed"
    );
}

#[test]
fn a_user_table_finds_mentions_in_any_case_form() {
    let g = with_people(OnConflict::Error);
    marked_sentences(&g, "gazetteer/sentences.tsv");
}

/// Surnames with real namesakes a mark, a letter or an ending away are found as themselves and
/// their case forms, and the namesakes are not.
#[test]
fn a_namesake_one_mark_or_ending_away_is_not_a_mention() {
    let g = Gazetteer::builder()
        .read_path(&data_path("gazetteer/surnames.tsv"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    marked_sentences(&g, "gazetteer/surname_sentences.tsv");
}

/// Checks each marked sentence of `file` (`lang<TAB>sentence`, mentions as `[[surface|id]]`):
/// exactly the marked mentions are found.
fn marked_sentences(g: &Gazetteer, file: &str) {
    let mut failures = Failures::default();
    for (line, f) in tsv(file) {
        let [_, marked] = f.as_slice() else {
            panic!("{file}:{line}: expected 2 fields");
        };
        let (text, want) = parse_marked(marked);
        let got: std::collections::BTreeSet<_> = g
            .matcher()
            .find_iter(&text)
            .map(|m| (m.entity().id().to_owned(), m.start(), m.end()))
            .collect();
        failures.check(got == want, || {
            format!("{file}:{line}: {text}\n  want {want:?}\n  got  {got:?}")
        });
    }
    failures.assert_none(file);
}

#[test]
fn a_names_row_can_add_a_spelling_to_a_builtin_entity() {
    let g = Gazetteer::builder()
        .read_names(
            "extra.tsv",
            "# source: test\nloc:zhodzina\tŽodzinas\tlt\twikipedia:lt\n".as_bytes(),
        )
        .build()
        .unwrap();
    // Lithuanian Žodzinas is a known gap of the built-in tables (tests/data/lookup.tsv).
    assert!(canonym::lookup("Žodzinas").is_none());
    assert_eq!(g.lookup("Žodzinas").unwrap().entity().id(), "loc:zhodzina");
    assert!(g.warnings().is_empty());
}

/// Every malformed row is reported, each with its file and line.
#[test]
fn malformed_rows_are_reported_with_file_and_line() {
    let path = data_path("gazetteer/bad.tsv");
    let label = path.display().to_string();
    // Line 6 mixes scripts: a dirty row, an error only with `strict`. The look-alike table
    // reads a Latin `s` among Cyrillic letters as the Cyrillic `ѕ` (U+0455) it is drawn like.
    let dirty = format!(
        "{label}:6: name \"Игорь Лоsик\" mixes Latin and Cyrillic letters in \"Лоsик\"; read as \"Игорь Ло\u{455}ик\""
    );
    for strict in [false, true] {
        let err = Gazetteer::builder()
            .strict(strict)
            .read_path(&path)
            .build()
            .unwrap_err();
        let got: Vec<(String, TableErrorKind)> = err
            .errors()
            .iter()
            .map(|e| (e.to_string(), e.kind()))
            .collect();
        let mut want = vec![
            (
                format!(
                    "{label}:4: malformed language tag \"English\" (expected like en, be-Cyrl, ru-Latn)"
                ),
                TableErrorKind::Malformed("lang"),
            ),
            (
                format!(
                    "{label}:7: expected 4 or 5 TAB-separated fields (id, name, lang, source[, flags]), found 2"
                ),
                TableErrorKind::Malformed("row"),
            ),
            (
                format!(
                    "{label}:8: unknown flag \"loud\" (expected cs, exact, notext, surname, ctx or shared)"
                ),
                TableErrorKind::Malformed("flags"),
            ),
            (
                format!(
                    "{label}:5: unknown entity ID \"xyz:someone\": no table defines it, and nothing says its kind (a `# kind: person` line above the row, or a prefix per:, loc:, org:, med:, oth:)"
                ),
                TableErrorKind::UnknownId,
            ),
        ];
        if strict {
            want.insert(1, (dirty.clone(), TableErrorKind::Repaired));
        }
        assert_eq!(got, want, "strict: {strict}");
    }

    let path = data_path("gazetteer/invalid-utf8.tsv");
    let err = Gazetteer::builder().read_path(&path).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}:3: invalid UTF-8 at byte offset 47", path.display())
    );
    assert_eq!(err.errors()[0].kind(), TableErrorKind::InvalidUtf8);

    let missing = data_path("gazetteer/no-such-table.tsv");
    let err = Gazetteer::builder()
        .read_path(&missing)
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read:", missing.display())),
        "{err}"
    );
    assert_eq!(err.errors()[0].kind(), TableErrorKind::Unreadable);
}

#[test]
fn malformed_json_lines_are_reported_with_file_and_line() {
    let path = data_path("gazetteer/bad.jsonl");
    let label = path.display().to_string();
    let err = Gazetteer::builder().read_path(&path).build().unwrap_err();
    let got: Vec<String> = err.errors().iter().map(|e| e.to_string()).collect();
    let want = [
        "3: unknown kind \"persn\" (expected person, place, organization, media or other)".to_owned(),
        "4: field \"names\" must be an array".to_owned(),
        "5: unknown field \"nmaes\": is it \"names\"? (other fields are kept as properties; canonym reads id, kind, canonical, names, qid, description, weight, properties)".to_owned(),
        "6: expected a JSON object with id, kind, canonical and names".to_owned(),
        "7: names[0]: malformed language tag \"Eng\" (expected like en, be-Cyrl, ru-Latn)".to_owned(),
        "8: not a JSON object: EOF while parsing a value at line 1 column 33 (column 33; expected one entity per line)".to_owned(),
        "9: field \"weight\" must be zero or more, not -5".to_owned(),
        "2: duplicate ID \"per:ihar-losik\" (first defined on line 1)".to_owned(),
    ]
    .map(|m| format!("{label}:{m}"));
    assert_eq!(got, want);
}

/// A JSON Lines table that defines a built-in entity again, and a names file with a namesake
/// of a built-in person: the same spelling, and a key like another built-in name's.
fn conflicting(rule: OnConflict) -> Result<Gazetteer, canonym::GazetteerError> {
    let redefined = r#"{"id": "per:alyaksandr-lukashenka", "kind": "person", "canonical": "Alexander Lukashenko", "names": ["Aleksandr Lukashenko"]}"#;
    let namesake = "# source: test\nper:viktor-lukashenko-kyiv\tViktor Lukashenko\ten\tpress\n";
    Gazetteer::builder()
        .on_conflict(rule)
        .read_jsonl("redefined.jsonl", redefined.as_bytes())
        .read_names("namesake.tsv", namesake.as_bytes())
        .build()
}

/// The IDs of every entity a name could be, best first.
/// The mentions `g` finds in `text` streamed in chunks of `chunk` bytes, as `(id, start, end)`,
/// a name several entities could be as `(?ID,ID,…, start, end)`.
fn scanned(
    g: &Gazetteer,
    text: &str,
    chunk: usize,
) -> std::collections::BTreeSet<(String, usize, usize)> {
    let mut got = std::collections::BTreeSet::new();
    let chunk = chunk.min(text.len().max(1));
    g.matcher()
        .ambiguous(true)
        .scan_chunked(text.as_bytes(), chunk, |piece| {
            match piece {
                canonym::Piece::Mention { mention, .. } => {
                    got.insert((
                        mention.entity().id().to_owned(),
                        mention.start(),
                        mention.end(),
                    ));
                }
                canonym::Piece::Ambiguous {
                    offset,
                    text,
                    candidates,
                } => {
                    let ids: Vec<_> = candidates.iter().map(|c| c.entity().id()).collect();
                    got.insert((format!("?{}", ids.join(",")), offset, offset + text.len()));
                }
                canonym::Piece::Text { .. } | canonym::Piece::Invalid { .. } => {}
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    got
}

fn candidate_ids(g: &Gazetteer, name: &str) -> Vec<String> {
    g.matches(name)
        .iter()
        .map(|m| m.entity().id().to_owned())
        .collect()
}

/// A namesake of a built-in person, in a later table: whatever the rule, the shared name is
/// ambiguous, with both as candidates, and never a conflict.
fn assert_namesake_kept(g: &Gazetteer) {
    // The built-in tables list "Viktor Lukashenko" for Viktar Lukashenka: the same spelling.
    assert!(g.lookup("Viktor Lukashenko").is_none());
    assert_eq!(
        candidate_ids(g, "Viktor Lukashenko"),
        ["per:viktar-lukashenka", "per:viktor-lukashenko-kyiv"]
    );
    // Their other names still tell them apart.
    assert_eq!(
        g.lookup("Віктар Лукашэнка").unwrap().entity().id(),
        "per:viktar-lukashenka"
    );
    assert!(
        g.warnings()
            .iter()
            .all(|w| !w.to_string().contains("namesake.tsv")),
        "{:#?}",
        g.warnings()
    );
}

#[test]
fn an_entity_defined_again_fails_by_default_naming_both_rows() {
    let err = conflicting(OnConflict::Error).unwrap_err();
    let got: Vec<String> = err.errors().iter().map(|e| e.to_string()).collect();
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(err.conflicts(), 1);
    assert!(
        got[0].starts_with("redefined.jsonl:1: entity per:alyaksandr-lukashenka is also defined at tables/entities.tsv:"),
        "{}",
        got[0]
    );
}

#[test]
fn prefer_user_lets_the_later_table_win() {
    let g = conflicting(OnConflict::PreferUser).unwrap();
    let lukashenka = g.entity("per:alyaksandr-lukashenka").unwrap();
    assert_eq!(lukashenka.canonical(), "Alexander Lukashenko");
    // The built-in names are kept with the user's.
    assert_eq!(
        g.lookup("Лукашэнка").unwrap().entity().id(),
        "per:alyaksandr-lukashenka"
    );
    assert_namesake_kept(&g);
    let warnings: Vec<String> = g.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("tables/entities.tsv:")
                && w.contains("replaced by redefined.jsonl:1")),
        "{warnings:#?}"
    );
}

#[test]
fn skip_keeps_the_earlier_table() {
    let g = conflicting(OnConflict::Skip).unwrap();
    assert_eq!(
        g.entity("per:alyaksandr-lukashenka").unwrap().canonical(),
        "Alyaksandr Lukashenka"
    );
    assert_namesake_kept(&g);
    let warnings: Vec<String> = g.warnings().iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("redefined.jsonl:1: left out with its names")),
        "{warnings:#?}"
    );
}

/// Two entities of one table whose names share a key are namesakes whatever the rule: each
/// listed spelling is its own entity's, and a third spelling the key and the verifier accept
/// for both is ambiguous between them.
#[test]
fn namesakes_of_one_table_are_kept() {
    let table = "# source: test\nper:a-petrov\tAleksandr Petrov\ten\tpress\nper:b-petrov\tAlyaksandr Piatrou\ten\tpress\n";
    for rule in [OnConflict::Error, OnConflict::PreferUser, OnConflict::Skip] {
        let g = Gazetteer::builder()
            .builtin(false)
            .on_conflict(rule)
            .read_names("two.tsv", table.as_bytes())
            .build()
            .unwrap_or_else(|e| panic!("{rule:?}: {e}"));
        assert_eq!(
            canonym::key("Aleksandr Petrov"),
            canonym::key("Alyaksandr Piatrou")
        );
        assert!(g.warnings().is_empty(), "{rule:?}: {:?}", g.warnings());
        let id = |name| g.lookup(name).map(|m| m.entity().id().to_owned());
        assert_eq!(
            id("Aleksandr Petrov").as_deref(),
            Some("per:a-petrov"),
            "{rule:?}"
        );
        assert_eq!(
            id("Alyaksandr Piatrou").as_deref(),
            Some("per:b-petrov"),
            "{rule:?}"
        );
        // The verifier tells a key's namesakes apart where the spelling says which.
        assert_eq!(
            id("Alexandr Petrov").as_deref(),
            Some("per:a-petrov"),
            "{rule:?}"
        );
        assert_eq!(id("Александр Петров"), None, "{rule:?}");
        assert_eq!(
            candidate_ids(&g, "Александр Петров"),
            ["per:a-petrov", "per:b-petrov"],
            "{rule:?}"
        );
    }
}

/// The same entity ID defined twice in one table is an error whatever the rule: which of the
/// two rows the table means cannot be told.
#[test]
fn an_entity_defined_twice_in_one_table_is_an_error() {
    let jsonl = "{\"id\": \"per:ivan-petrov\", \"canonical\": \"Ivan Petrov\"}\n\
                 {\"id\": \"per:ivan-petrov\", \"canonical\": \"Ivan Petrov\", \"weight\": 3}\n";
    for rule in [OnConflict::Error, OnConflict::PreferUser, OnConflict::Skip] {
        let err = Gazetteer::builder()
            .builtin(false)
            .on_conflict(rule)
            .read_jsonl("twice.jsonl", jsonl.as_bytes())
            .build()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "twice.jsonl:2: duplicate ID \"per:ivan-petrov\" (first defined on line 1)",
            "{rule:?}"
        );
    }
}

/// `gazetteer/namesakes.tsv` over the table `gazetteer/namesakes.jsonl`: a name one entity has
/// resolves to it, a name several share lists them all, heaviest first, and in running text an
/// ambiguous name stays unlinked unless the document named one of them before.
#[test]
fn namesakes_are_candidates_ranked_by_weight() {
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&data_path("gazetteer/namesakes.jsonl"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Failures::default();
    for (line, f) in tsv("gazetteer/namesakes.tsv") {
        match f.as_slice() {
            [what, query, want] if what == "lookup" => {
                let found = g
                    .lookup(query)
                    .map_or("-".to_owned(), |m| m.entity().id().to_owned());
                let candidates = candidate_ids(&g, query);
                let got = if found == "-" && candidates.len() > 1 {
                    format!("?{}", candidates.join(","))
                } else {
                    found
                };
                failures.check(&got == want, || {
                    format!("namesakes.tsv:{line}: {query}: want {want}, got {got}")
                });
            }
            [what, marked] if what == "annotate" => {
                let (text, want) = parse_marked(marked);
                // Read whole, and streamed in chunks of every size up to a few words: where a
                // chunk ends never changes what is found, nor whether a name is settled.
                for chunk in [usize::MAX, 1, 2, 3, 5, 8, 13, 21, 34] {
                    let got = scanned(&g, &text, chunk);
                    failures.check(got == want, || {
                        format!(
                            "namesakes.tsv:{line} (chunk {chunk}): {text}\n  want {want:?}\n  got  {got:?}"
                        )
                    });
                }
                // A matcher that is not asked for ambiguous names gives the settled ones only.
                let settled: std::collections::BTreeSet<_> = want
                    .iter()
                    .filter(|(id, ..)| !id.starts_with('?'))
                    .cloned()
                    .collect();
                let got: std::collections::BTreeSet<_> = g
                    .matcher()
                    .find_iter(&text)
                    .map(|m| (m.entity().id().to_owned(), m.start(), m.end()))
                    .collect();
                failures.check(got == settled, || {
                    format!("namesakes.tsv:{line} (find_iter): {text}\n  want {settled:?}\n  got  {got:?}")
                });
            }
            _ => panic!("namesakes.tsv:{line}: expected lookup or annotate and its fields"),
        }
    }
    failures.assert_none("gazetteer/namesakes.tsv");
    let springfield = g.entity("loc:springfield-mo").unwrap();
    assert_eq!(springfield.weight(), Some(170_188.0));
    assert_eq!(g.entity("per:ivan-petrov-bass").unwrap().weight(), None);
}

/// What settles a namesake is the same document: one call of the matcher (one file for the
/// CLI), and in a long stream — a corpus of many documents — only a mention within the
/// coreference window before it, as for a bare surname.
#[test]
fn a_namesake_is_settled_only_within_its_document() {
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&data_path("gazetteer/namesakes.jsonl"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let first = "Иван Иванович Петров спел Бориса.";
    let later = "Иван Петров ушёл со сцены.";
    let last = |text: &str| {
        let found = scanned(&g, text, usize::MAX);
        let petrov = text.rfind("Иван Петров").unwrap();
        found
            .into_iter()
            .find(|(_, start, _)| *start == petrov)
            .map(|(id, ..)| id)
    };
    let ambiguous = Some("?per:ivan-petrov-bass,per:ivan-petrov-other".to_owned());
    // Another call is another document.
    let settled: Vec<_> = scanned(&g, first, usize::MAX)
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    assert_eq!(settled, ["per:ivan-petrov-bass"]);
    assert_eq!(last(later), ambiguous);
    // In one text, settled when near; read as another document's when 16 KiB of other
    // articles come between.
    let near = format!("{first} {}{later}", "Другая статья. ".repeat(100));
    assert_eq!(last(&near), Some("per:ivan-petrov-bass".to_owned()));
    let far = format!("{first} {}{later}", "Другая статья. ".repeat(1000));
    assert_eq!(last(&far), ambiguous);
}

/// The words of a name several entities could be are that name: a word of it is not read
/// again as a shorter name of another entity (Petrov, a village in Moravia, is not in
/// `Иван Петров`), whether or not the ambiguous name is reported.
#[test]
fn the_words_of_an_ambiguous_name_are_not_another_name() {
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&data_path("gazetteer/namesakes.jsonl"))
        .entity("loc:petrov-cz", Kind::Place, "Petrov")
        .name("loc:petrov-cz", "Петров", "ru-Cyrl")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = "Иван Петров приехал в Петров.";
    let got = scanned(&g, text, usize::MAX);
    let village = text.rfind("Петров").unwrap();
    let want: std::collections::BTreeSet<_> = [
        (
            "?per:ivan-petrov-bass,per:ivan-petrov-other".to_owned(),
            0,
            "Иван Петров".len(),
        ),
        ("loc:petrov-cz".to_owned(), village, text.len() - 1),
    ]
    .into();
    assert_eq!(got, want);
    let ids: Vec<_> = g.matcher().find_iter(text).map(|m| m.start()).collect();
    assert_eq!(ids, [village]);
}

#[test]
fn without_the_builtin_tables_only_the_users_entities_are_known() {
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&data_path("gazetteer/people.tsv"))
        .build()
        .unwrap();
    assert_eq!(g.entities().len(), 8);
    assert!(g.lookup("Lukashenka").is_none());
    assert_eq!(mentions(&g, "Lukashenka in Minsk"), Vec::new());
    assert_eq!(
        g.lookup("Protasevich").map(|m| m.entity().id()),
        None,
        "a bare surname needs the surname flag"
    );
    assert_eq!(
        g.lookup("Roman Protasevich").unwrap().entity().id(),
        "per:raman-pratasevich"
    );
}

/// A word that starts many patterns (a given name shared by many people, an initial) is matched
/// from the side of the word after it: the result is the same as trying every pattern.
#[test]
fn a_shared_given_name_starting_many_patterns_still_matches_exactly() {
    let stems = [
        "Bor", "Dub", "Kal", "Lys", "Mar", "Nov", "Pav", "Rud", "Sem", "Tar",
    ];
    let endings = ["ovich", "enko", "ski", "yuk"];
    let mut table = String::from("# source: test\n");
    for stem in stems {
        for ending in endings {
            let id = format!("per:ivan-{}{ending}", stem.to_lowercase());
            table.push_str(&format!("{id}\tIvan {stem}{ending}\ten\ttest\n"));
        }
    }
    let g = people_only(&table);
    let text = "Ivan Rudenko met Ivan Ivanovich Tarski, then I. Kalyuk; Ivan alone is nobody, \
                and Sem Ivan is not a name. Rudenko came back.";
    assert_eq!(
        spans(&g, text),
        [
            ("per:ivan-rudenko".to_owned(), "Ivan Rudenko"),
            ("per:ivan-tarski".to_owned(), "Ivan Ivanovich Tarski"),
            ("per:ivan-kalyuk".to_owned(), "I. Kalyuk"),
            ("per:ivan-rudenko".to_owned(), "Rudenko"),
        ]
    );
}

/// The same from a case form: the given name is found through its declined form's lexeme, and
/// a key match (another spelling of the case form) still needs the pattern's first lexeme.
#[test]
fn a_shared_given_name_in_a_case_form_starting_many_patterns_still_matches_exactly() {
    let stems = ["Бор", "Дуб", "Кал", "Лис", "Мар", "Нов", "Пав", "Руд"];
    let endings = ["ович", "енко", "ский", "юк"];
    let mut table = String::from("# source: test\n");
    for (i, stem) in stems.iter().enumerate() {
        for (j, ending) in endings.iter().enumerate() {
            let id = format!("per:ivan-{i}-{j}");
            table.push_str(&format!("{id}\tИван {stem}{ending}\tru-Cyrl\ttest\n"));
        }
    }
    let g = people_only(&table);
    // Іван Кальюк is the Ukrainian spelling of Иван Калюк: found by its key.
    let text = "Вчера с Иваном Руденко встретился Ивана Новского брат, а с ними Іван Кальюк; \
                Иван и Павлюк порознь не имя.";
    assert_eq!(
        spans(&g, text),
        [
            ("per:ivan-7-1".to_owned(), "Иваном Руденко"),
            ("per:ivan-5-2".to_owned(), "Ивана Новского"),
            ("per:ivan-2-3".to_owned(), "Іван Кальюк"),
        ]
    );
}

/// The built-in entities written out as JSON Lines (what `canonym entities --json` prints).
fn builtin_as_jsonl() -> String {
    Gazetteer::builtin()
        .entities()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_else(|err| panic!("{}: {err}", e.id())) + "\n")
        .collect()
}

/// `canonym entities --json` loads back as a table (flags and all) and, on its own, answers
/// every listed name and every lookup case exactly as the built-in tables do.
#[test]
fn exported_entities_load_back_and_answer_identically() {
    let jsonl = builtin_as_jsonl();
    let g = Gazetteer::builder()
        .builtin(false)
        .read_jsonl("builtin.jsonl", jsonl.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("the export does not load back:\n{e}"));
    assert!(g.warnings().is_empty(), "{:#?}", g.warnings());
    let builtin = Gazetteer::builtin();
    assert_eq!(g.entities(), builtin.entities());
    // Written out again, the same lines.
    let again: String = g
        .entities()
        .iter()
        .map(|e| serde_json::to_string(e).unwrap_or_default() + "\n")
        .collect();
    assert_eq!(again, jsonl);

    let mut names: Vec<String> = builtin
        .entities()
        .iter()
        .flat_map(|e| e.names().iter().map(|n| n.text().to_owned()))
        .collect();
    names.extend(
        tsv("lookup.tsv")
            .into_iter()
            .filter_map(|(_, f)| f.into_iter().next()),
    );
    assert!(names.len() > 1_000, "{}", names.len());
    let mut failures = Failures::default();
    for name in &names {
        let answer = |g: &Gazetteer| {
            let found = serde_json::to_string(&g.lookup(name)).unwrap_or_default();
            let candidates: Vec<&str> = g.candidates(name).iter().map(|e| e.id()).collect();
            format!("{found} {candidates:?}")
        };
        let (want, got) = (answer(builtin), answer(&g));
        failures.check(want == got, || {
            format!("{name}:\n  built-in {want}\n  reloaded {got}")
        });
    }
    failures.assert_none("exported entities reloaded");
}

/// A user's own IDs, the kind from a `# kind:` line or a `kind` field, and JSON Lines
/// properties returned with the entity.
#[test]
fn users_ids_kinds_and_properties() {
    let tsv = "# source: a test\n# kind: person\nQ7747\tVladimir Putin\ten\twikidata\nNK-2eC4jHfWQ6vVEUagrRG3Yp\tІван Пятроў\tbe-Cyrl\tme\n# kind: place\nuser:1\tЖодзіна\tbe-Cyrl\tme\n";
    let jsonl = r#"{"id": "ID 7 (ours)", "kind": "organization", "canonical": "Belaruskali", "founded": 1970, "tags": ["potash"], "properties": {"weight": 5}}"#;
    let g = Gazetteer::builder()
        .builtin(false)
        .read_names("mine.tsv", tsv.as_bytes())
        .read_jsonl("mine.jsonl", jsonl.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    for (name, id, kind) in [
        ("Путин Владимир", "Q7747", Kind::Person),
        ("Ivan Piatrou", "NK-2eC4jHfWQ6vVEUagrRG3Yp", Kind::Person),
        ("Zhodino", "user:1", Kind::Place),
        ("Беларуськалий", "ID 7 (ours)", Kind::Organization),
    ] {
        let e = g.lookup(name).map(|m| m.entity());
        assert_eq!(e.map(|e| (e.id(), e.kind())), Some((id, kind)), "{name}");
    }
    let e = g
        .entity("ID 7 (ours)")
        .unwrap_or_else(|| panic!("no entity"));
    let props: Vec<_> = e.properties().collect();
    assert_eq!(
        props,
        [
            ("founded", "1970"),
            ("tags", r#"["potash"]"#),
            ("weight", "5")
        ]
    );
    let json = serde_json::to_string(&g.lookup("Belaruskali")).unwrap_or_default();
    assert!(
        json.ends_with(r#","properties":{"founded":1970,"tags":["potash"],"weight":5}}"#),
        "{json}"
    );

    // The prefix rule stays for the built-in tables; a user's ID only has no control characters.
    for (row, want) in [
        (
            r#"{"id": "a\tb", "kind": "person", "canonical": "A"}"#,
            "t.jsonl:1: malformed ID \"a\\tb\" (expected a non-empty string without tabs, line breaks or control characters)",
        ),
        (
            r#"{"id": "", "kind": "person", "canonical": "A"}"#,
            "t.jsonl:1: malformed ID \"\" (expected a non-empty string without tabs, line breaks or control characters)",
        ),
        (
            r#"{"id": "Q1", "canonical": "A"}"#,
            "t.jsonl:1: missing field \"kind\" (person, place, organization, media or other): the ID \"Q1\" does not say it",
        ),
        (
            r#"{"id": "Q1", "Kind": "person", "canonical": "A"}"#,
            "t.jsonl:1: unknown field \"Kind\": is it \"kind\"? (other fields are kept as properties; canonym reads id, kind, canonical, names, qid, description, weight, properties)",
        ),
        (
            r#"{"id": "Q1", "kind": "place", "names": []}"#,
            "t.jsonl:1: missing field \"canonical\", and no name to take it from (the first of \"names\" is used when it is left out)",
        ),
    ] {
        let err = Gazetteer::builder()
            .read_jsonl("t.jsonl", row.as_bytes())
            .build()
            .err()
            .map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some(want), "{row}");
    }
}

/// A row without `canonical` takes its first name as the canonical one, written as a string or
/// as an object (lists that other programs write, such as GeoNames' cities, have no other).
#[test]
fn the_first_name_is_canonical_when_a_row_gives_none() {
    let rows = concat!(
        r#"{"id": "geonames:627145", "kind": "place", "names": ["Žodzina", "Жодзіна", "Zhodino"]}"#,
        "\n",
        r#"{"id": "geonames:622794", "kind": "place", "names": [{"name": "Smilavičy", "lang": "be-Latn"}]}"#,
        "\n",
    );
    let g = Gazetteer::builder()
        .builtin(false)
        .read_jsonl("t.jsonl", rows.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    for (name, id, canonical) in [
        ("Жодино", "geonames:627145", "Žodzina"),
        ("Smilavichy", "geonames:622794", "Smilavičy"),
    ] {
        let m = g.lookup(name).unwrap_or_else(|| panic!("{name}: no match"));
        assert_eq!(
            (m.entity().id(), m.entity().canonical()),
            (id, canonical),
            "{name}"
        );
    }
}

/// Dirty rows of real lists: each repaired or left out with a warning at its line, and each an
/// error under `strict`.
#[test]
fn dirty_rows_are_repaired_or_left_out_with_a_warning() {
    let path = data_path("gazetteer/dirty.jsonl");
    let label = path.display().to_string();
    let g = Gazetteer::builder()
        .builtin(false)
        .read_path(&path)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(String, TableErrorKind)> = g
        .warnings()
        .iter()
        .map(|w| (w.to_string(), w.kind()))
        .collect();
    let want: Vec<(String, TableErrorKind)> = tsv("gazetteer/dirty.tsv")
        .into_iter()
        .map(|(line, f)| match f.as_slice() {
            [at, kind, message] => (
                format!("{label}:{at}: {message}"),
                match kind.as_str() {
                    "repaired" => TableErrorKind::Repaired,
                    "skipped" => TableErrorKind::Skipped,
                    other => panic!("dirty.tsv:{line}: kind {other:?}"),
                },
            ),
            _ => panic!("dirty.tsv:{line}: expected 3 fields"),
        })
        .collect();
    assert_eq!(got, want);
    // The repaired names resolve; a city whose only name is empty keeps its canonical name.
    for (name, id) in [
        ("Жодзіна", "618800"),
        ("Zhodino", "618800"),
        ("Бобруйск", "630468"),
        ("Вологда", "472459"),
        ("bwyynsk tatarstan", "571155"),
    ] {
        let found = g.lookup(name).map(|m| m.entity().id());
        assert_eq!(found, Some(id), "{name}");
    }
    assert_eq!(
        g.lookup("Lebowakgomo").map(|m| m.entity().id()),
        Some("12718813")
    );
    assert_eq!(
        g.entity("472459").and_then(|e| e.property("population")),
        Some("312420")
    );

    let err = Gazetteer::builder()
        .builtin(false)
        .strict(true)
        .read_path(&path)
        .build()
        .unwrap_err();
    let strict: Vec<(String, TableErrorKind)> = err
        .errors()
        .iter()
        .map(|e| (e.to_string(), e.kind()))
        .collect();
    assert_eq!(strict, want);
}

/// A name of no known language (`und`: a bare string in JSON Lines) is not declined: another
/// place's name is no case form of it (GeoNames: Abbas, Iran, is not the genitive of Abba,
/// Nigeria), while a name tagged German still takes its genitive -s.
#[test]
fn names_of_unknown_language_are_not_declined() {
    let rows = r#"{"id": "2390694", "kind": "place", "canonical": "Abba", "names": ["Abba"]}
{"id": "de:1", "kind": "place", "canonical": "Lenzen", "names": [{"name": "Lenzkirch", "lang": "de"}]}"#;
    let g = Gazetteer::builder()
        .builtin(false)
        .read_jsonl("cities.jsonl", rows.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(g.lookup("Abbas").is_none());
    assert_eq!(g.lookup("Abba").map(|m| m.entity().id()), Some("2390694"));
    assert_eq!(
        g.lookup("Lenzkirchs").map(|m| m.entity().id()),
        Some("de:1")
    );
}

/// A description (`ctx`) names its entity only where the document is about the entity's
/// scope (`scope`, a JSON Lines field): two countries' interior ministries share the
/// description *Interior Ministry*, and the document's country decides; with neither
/// mentioned, it is nobody's.
#[test]
fn descriptions_need_their_scope_in_the_document() {
    // The scope is a built-in entity (Ukraine, from the region's tables).
    let rows = r#"{"id": "Q1364704", "kind": "organization", "canonical": "Ministry of Internal Affairs of Ukraine", "scope": "loc:ukraine", "names": ["Ministry of Internal Affairs of Ukraine", {"name": "Interior Ministry", "lang": "en", "flags": "ctx"}]}"#;
    let g = Gazetteer::builder()
        .read_jsonl("ministries.jsonl", rows.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let found = |text: &str| -> Vec<String> {
        g.matcher()
            .find_iter(text)
            .map(|m| m.entity().id().to_owned())
            .collect()
    };
    assert_eq!(found("The Interior Ministry said."), Vec::<String>::new());
    assert_eq!(
        found("In Ukraine, the Interior Ministry said."),
        ["loc:ukraine", "Q1364704"]
    );
    assert_eq!(
        found("In Minsk, the Interior Ministry said."),
        ["loc:minsk", "org:interior-ministry-belarus"]
    );
    // Whole-name lookup has no document: a shared description lists both.
    assert!(g.lookup("Interior Ministry").is_none());
}

/// A nasab's order says who is whose son: `Muhammad bin Salman` is not `Salman bin Muhammad`,
/// while `ibn` and `bin` are one particle (pairs from benches/pairs/data/generated.tsv, families
/// bin-order-swapped and bin-ibn).
#[test]
fn a_nasab_keeps_its_order_and_its_particle_may_be_spelled_either_way() {
    let rows = r#"{"id": "a", "kind": "person", "canonical": "Salman bin Muhammad", "names": ["Salman bin Muhammad"]}
{"id": "b", "kind": "person", "canonical": "Turki ibn Ibrahim", "names": ["Turki ibn Ibrahim"]}"#;
    let g = Gazetteer::builder()
        .builtin(false)
        .read_jsonl("nasab.jsonl", rows.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let id = |name: &str| g.lookup(name).map(|m| m.entity().id().to_owned());
    assert_eq!(id("Salman bin Muhammad").as_deref(), Some("a"));
    assert_eq!(id("Salman ibn Muhammad").as_deref(), Some("a"));
    assert_eq!(id("Turki bin Ibrahim").as_deref(), Some("b"));
    assert_eq!(id("Muhammad bin Salman"), None);
    assert_eq!(id("Ibrahim ibn Turki"), None);
    assert_eq!(id("Muhammad Salman"), None);
}

/// The people of `people.tsv` among crowds of namesakes by given name: each given name of
/// theirs, in each script, also borne by 150 other persons with real surnames (Faker's, of
/// `open_world/surnames.tsv`, none that keys like a word of theirs). A word that starts that
/// many patterns has them intersected with the next word's rather than tried one by one
/// (`matcher::search`), and the sentences must give exactly the same mentions.
#[test]
fn a_crowd_of_namesakes_by_given_name_changes_no_mention() {
    let people = std::fs::read_to_string(data_path("gazetteer/people.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = people
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let keys: std::collections::HashSet<String> = rows
        .iter()
        .flat_map(|r| r[1].split(' '))
        .map(canonym::key)
        .collect();
    let cyrillic = |w: &str| w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let surnames: Vec<(String, bool)> = tsv("open_world/surnames.tsv")
        .into_iter()
        .filter(|(_, f)| f[1] == "surname" && f[2] != "f")
        .map(|(_, f)| f[0].clone())
        .filter(|s| !keys.contains(&canonym::key(s)))
        .map(|s| {
            let c = cyrillic(&s);
            (s, c)
        })
        .collect();
    let mut crowd = people.clone();
    let mut n = 0;
    for r in rows.iter().filter(|r| r[0].starts_with("per:")) {
        let given = r[1].split(' ').next().unwrap();
        for (surname, _) in surnames
            .iter()
            .filter(|(_, c)| *c == cyrillic(given))
            .take(150)
        {
            n += 1;
            crowd.push_str(&format!(
                "per:crowd-{n}\t{given} {surname}\t{}\ttest\n",
                r[2]
            ));
        }
    }
    assert!(n > 1000, "only {n} namesakes");
    let g = Gazetteer::builder()
        .read_names("people.tsv", crowd.as_bytes())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    marked_sentences(&g, "gazetteer/sentences.tsv");
}

/// A crowd of namesakes changes nothing that the text settles. Two hundred people who share
/// a person's given name and patronymic (so his initials start more than 64 patterns of three
/// words, and `а в` or `и в` start every pattern of two initials), and two hundred who share
/// his surname (so the bare surname is a latent pattern of two hundred and one entities):
/// the mentions of him and of a Polish woman are those the table of the two alone finds —
/// the full name, the initials with his surname, the bare surname once he was named.
#[test]
fn a_crowd_of_namesakes_changes_no_mention_the_text_settles() {
    const STEMS: [&str; 25] = [
        "Сокол",
        "Волк",
        "Медвед",
        "Зайц",
        "Гусь",
        "Лебед",
        "Орл",
        "Ястреб",
        "Щегл",
        "Дрозд",
        "Кузнец",
        "Мельник",
        "Гончар",
        "Коваль",
        "Бондар",
        "Шевч",
        "Ткач",
        "Рыбак",
        "Пастух",
        "Плотник",
        "Столяр",
        "Сапож",
        "Портн",
        "Пекар",
        "Мясник",
    ];
    const ENDINGS: [&str; 8] = ["ов", "ин", "ский", "енко", "ич", "ук", "ев", "иков"];
    const GIVEN: [&str; 10] = [
        "Алексей",
        "Борис",
        "Виктор",
        "Григорий",
        "Дмитрий",
        "Евгений",
        "Захар",
        "Кирилл",
        "Леонид",
        "Михаил",
    ];
    let two = "# source: test\nper:ivan-petrov\tИван Сергеевич Петров\tru\tpress\n\
               per:anna-kowalska\tAnna Kowalska\tpl\tpress\n\
               per:olga-sidorova\tОльга Сидорова\tru\tpress\n";
    let mut crowd = String::from(two);
    for (k, (stem, ending)) in STEMS
        .iter()
        .flat_map(|s| ENDINGS.iter().map(move |e| (s, e)))
        .enumerate()
    {
        crowd += &format!("per:crowd-{k}\tИван Сергеевич {stem}{ending}\tru\tpress\n");
    }
    for (k, (given, patronymic)) in GIVEN
        .iter()
        .flat_map(|g| ["Олегович", "Павлович"].map(move |p| (g, p)))
        .cycle()
        .take(200)
        .enumerate()
    {
        crowd += &format!("per:petrov-{k}\t{given} {patronymic} Петров\tru\tpress\n");
    }
    // Namesakes of the given name, with and without a patronymic: `Ольга` starts hundreds of
    // patterns of two words and of three, and `О. Н.` hundreds of three.
    for (k, (stem, ending)) in STEMS
        .iter()
        .flat_map(|s| ENDINGS.iter().map(move |e| (s, e)))
        .enumerate()
    {
        let patronymic = if k % 2 == 0 {
            "Николаевна "
        } else {
            ""
        };
        crowd += &format!("per:olga-{k}\tОльга {patronymic}{stem}{ending}\tru\tpress\n");
    }
    let text = "Иван Сергеевич Петров приехал в Минск. Петров сказал, а в И. С. Петров \
                и в И.С. Петров — одно лицо. И. С. Неизвестный не пришёл.\n\n\
                Anna Kowalska, a potem Kowalska i A. Kowalska.\n\n\
                Ольга Петровна Сидорова выступила; Ольга Сидорова и О. Сидорова, \
                а также О. П. Сидорова и О. Н. Сидорова.";
    let few = spans(&people_only(two), text);
    let many = spans(&people_only(&crowd), text);
    assert!(few.len() >= 12, "{few:?}");
    let ours: Vec<_> = many
        .iter()
        .filter(|(id, _)| {
            ["per:ivan-petrov", "per:anna-kowalska", "per:olga-sidorova"].contains(&id.as_str())
        })
        .cloned()
        .collect();
    assert_eq!(ours, few);
}
