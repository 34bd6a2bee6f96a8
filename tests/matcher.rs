//! Mention finding: the hand-annotated seeds (exactly), real sentences (precision/recall), and
//! the matching semantics as compact tables.

use std::collections::BTreeSet;

use crate::common::{Failures, Span, data_path, parse_marked, seed_paths, tsv};

fn found(text: &str) -> BTreeSet<Span> {
    canonym::matcher()
        .find_iter(text)
        .map(|m| (m.entity().id().to_owned(), m.start(), m.end()))
        .collect()
}

fn describe(text: &str, spans: &BTreeSet<Span>) -> String {
    spans
        .iter()
        .map(|(id, s, e)| format!("{}@{s} {id}", text.get(*s..*e).unwrap_or("?")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A text longer than `find_iter`'s window (64 KB) is read in windows; the mentions are those
/// of the whole text read in one window (a scan whose chunk is larger than the text), with a
/// mention at every cut position the windows could fall on.
#[test]
fn find_iter_windows_find_what_one_window_finds() {
    let one: String = seed_paths()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    // Names of several words over and over, most of the text (so that every window ends
    // before, inside or after one), the seeds now and then, and a last run of text with no
    // white space at all.
    let mut text = one.clone();
    let mut i = 0;
    while text.len() < 300_000 {
        if i % 100 == 0 {
            text.push_str(&one);
        }
        text.push_str(&" x".repeat(i % 3));
        text.push_str(if i % 5 == 0 {
            " Alexander Grigoryevich Lukashenko і Лукашэнка"
        } else {
            " Minsk Tractor Works"
        });
        i += 1;
    }
    text.push_str(&"Минск".repeat(20_000));
    let spans = |ms: Vec<canonym::Mention<'_>>| -> Vec<(usize, usize, String)> {
        ms.into_iter()
            .map(|m| (m.start(), m.end(), m.entity().id().to_owned()))
            .collect()
    };
    // Shifted by a few bytes, the windows end at other places in the names.
    for shift in [0, 7, 13] {
        let text = format!("{}{text}", "-".repeat(shift));
        let windowed = spans(canonym::matcher().find_iter(&text).collect());
        let mut whole = Vec::new();
        canonym::matcher()
            .scan_chunked(text.as_bytes(), text.len() + 1, |piece| {
                if let canonym::Piece::Mention { mention, .. } = piece {
                    whole.push(mention);
                }
                Ok(())
            })
            .unwrap();
        let whole = spans(whole);
        assert!(windowed.len() > 1000, "{} mentions", windowed.len());
        assert_eq!(windowed, whole, "shifted by {shift}");
    }
}

/// A stream past a megabyte is read as documents cut at paragraph breaks
/// (`canonym::document_end`): a bare surname after the cut does not refer back across it,
/// and the mentions of the whole — by `find_iter`, or by `scan` in chunks of any size — are
/// those of its documents searched apart, which is what lets `annotate -j` split a stream.
#[test]
fn documents_are_cut_at_paragraph_breaks_past_a_megabyte() {
    let filler = "Minsk is a city. ".repeat(canonym::DOCUMENT_MIN / 17 + 1);
    // The full name just before the first paragraph break past the minimum, the bare surname
    // just after it; and the same pair inside one paragraph of the next document.
    let first = format!("{filler}Viktar Lukashenka, the son.\n\n");
    let second = "Lukashenka spoke. Viktar Lukashenka said: Lukashenka.\r\n\r\nМінск\n";
    let text = format!("{first}{second}");
    assert_eq!(canonym::document_end(text.as_bytes()), Some(first.len()));
    assert_eq!(canonym::document_end(second.as_bytes()), None);
    let spans = |ms: &mut dyn Iterator<Item = canonym::Mention<'_>>, shift: usize| {
        ms.map(|m| {
            (
                m.start() + shift,
                m.end() + shift,
                m.entity().id().to_owned(),
            )
        })
        .collect::<Vec<_>>()
    };
    let mut apart = spans(&mut canonym::matcher().find_iter(&first), 0);
    apart.extend(spans(
        &mut canonym::matcher().find_iter(second),
        first.len(),
    ));
    let whole = spans(&mut canonym::matcher().find_iter(&text), 0);
    assert_eq!(whole, apart);
    // The surname after the cut is not the son's by coreference but its default bearer's,
    // the father; the one after the son's full name in the second document is the son's.
    let id_at = |at: usize| whole.iter().find(|m| m.0 == at).map(|m| m.2.as_str());
    assert_eq!(id_at(first.len()), Some("per:alyaksandr-lukashenka"));
    let last = first.len() + second.find(": Lukashenka").unwrap_or(0) + 2;
    assert_eq!(id_at(last), Some("per:viktar-lukashenka"));
    for chunk in [4096, 65536, 1 << 20, 3 << 20] {
        let mut streamed = Vec::new();
        canonym::matcher()
            .scan_chunked(text.as_bytes(), chunk, |piece| {
                if let canonym::Piece::Mention { mention, .. } = piece {
                    streamed.push(mention);
                }
                Ok(())
            })
            .unwrap();
        assert_eq!(spans(&mut streamed.into_iter(), 0), apart, "chunk {chunk}");
    }
}

/// A stream with bytes that are not UTF-8 gives the same mentions whatever the chunks it is
/// read in: bad bytes past a chunk's cut once lost the mentions between the cut and them.
#[test]
fn bad_bytes_do_not_make_mentions_depend_on_chunks() {
    let mut text = Vec::new();
    for seed in seed_paths() {
        text.extend_from_slice(&std::fs::read(seed).unwrap());
        text.extend_from_slice("\nViktar Lukashenka, the son. Лукашэнка в ".as_bytes());
        text.extend_from_slice(b"\xff ");
        text.extend_from_slice("Минске\r\n\n".as_bytes());
    }
    let scan = |chunk: usize| {
        let mut found = Vec::new();
        canonym::matcher()
            .scan_chunked(&text[..], chunk, |piece| {
                if let canonym::Piece::Mention { mention, .. } = piece {
                    found.push((mention.start(), mention.end(), mention.entity().id()));
                }
                Ok(())
            })
            .unwrap();
        found
    };
    let whole = scan(text.len() + 1);
    assert!(whole.len() > 100, "{} mentions", whole.len());
    for chunk in [7, 100, 1000, 4096] {
        assert_eq!(scan(chunk), whole, "chunk {chunk}");
    }
}

/// `seeds.gold.jsonl`, reproduced exactly: precision and recall 1.0.
#[test]
fn seeds_gold() {
    let gold_text = std::fs::read_to_string(data_path("seeds.gold.jsonl")).unwrap();
    let mut gold: std::collections::BTreeMap<String, BTreeSet<Span>> = Default::default();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap().to_owned();
        gold.entry(file).or_default().insert((
            v["id"].as_str().unwrap().to_owned(),
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        ));
    }
    let mut failures = Failures::default();
    for path in seed_paths() {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let want = gold.remove(&name).unwrap_or_default();
        let got = found(&text);
        let missed: BTreeSet<_> = want.difference(&got).cloned().collect();
        let extra: BTreeSet<_> = got.difference(&want).cloned().collect();
        failures.check(missed.is_empty(), || {
            format!("{name}: missed {}", describe(&text, &missed))
        });
        failures.check(extra.is_empty(), || {
            format!("{name}: extra {}", describe(&text, &extra))
        });
    }
    failures.check(gold.is_empty(), || {
        format!("gold for missing seeds: {:?}", gold.keys())
    });
    failures.assert_none("seeds.gold.jsonl");
}

/// Real sentences in five languages: every mention found, nothing else, row by row. A row
/// with a third column is a known gap and must still be wrong (when it starts passing, the
/// note goes). Reports precision and recall per language.
#[test]
fn sentences() {
    let mut per_lang: std::collections::BTreeMap<String, (usize, usize, usize)> =
        Default::default();
    let mut failures = Failures::default();
    for (line, f) in tsv("sentences.tsv") {
        let (lang, marked, gap) = match f.as_slice() {
            [lang, marked] => (lang, marked, None),
            [lang, marked, gap] => (lang, marked, Some(gap)),
            _ => panic!("sentences.tsv:{line}: expected 2 or 3 fields"),
        };
        let (text, want) = parse_marked(marked);
        let got = found(&text);
        let tp = got.intersection(&want).count();
        let t = per_lang.entry(lang.clone()).or_default();
        t.0 += tp;
        t.1 += got.len();
        t.2 += want.len();
        let missed: BTreeSet<_> = want.difference(&got).cloned().collect();
        let extra: BTreeSet<_> = got.difference(&want).cloned().collect();
        match gap {
            None => failures.check(missed.is_empty() && extra.is_empty(), || {
                format!(
                    "sentences.tsv:{line}: missed [{}] extra [{}]",
                    describe(&text, &missed),
                    describe(&text, &extra)
                )
            }),
            Some(gap) => failures.check(!missed.is_empty() || !extra.is_empty(), || {
                format!("sentences.tsv:{line}: now exact; drop the note {gap:?}")
            }),
        }
    }
    let (mut tp, mut got, mut want) = (0, 0, 0);
    for (lang, (t, g, w)) in &per_lang {
        eprintln!(
            "{lang}: precision {:.3} recall {:.3} ({t} of {g} found, {w} expected)",
            *t as f64 / (*g).max(1) as f64,
            *t as f64 / (*w).max(1) as f64
        );
        tp += t;
        got += g;
        want += w;
    }
    let precision = tp as f64 / got.max(1) as f64;
    let recall = tp as f64 / want.max(1) as f64;
    eprintln!("all: precision {precision:.3} recall {recall:.3}");
    failures.assert_none("sentences.tsv");
}

/// Text on other subjects (software manuals, fortunes, dictionary stems in en/ru/be) gives no
/// mention: each line once met an entity by its key, a case form or a bare surname.
#[test]
fn off_topic_text_mentions_nobody() {
    let mut failures = Failures::default();
    for (line, f) in tsv("off_topic.tsv") {
        let [_lang, text] = f.as_slice() else {
            panic!("off_topic.tsv:{line}: expected 2 fields");
        };
        let got = found(text);
        failures.check(got.is_empty(), || {
            format!(
                "off_topic.tsv:{line}: {text}: found {}",
                describe(text, &got)
            )
        });
    }
    failures.assert_none("off_topic.tsv");
}

/// Matching semantics: `(text, [(id, surface)])`, each surface looked up after the previous
/// one, so the rows stay readable while the comparison is on byte offsets.
#[test]
fn semantics() {
    #[rustfmt::skip]
    let rows: &[(&str, &[(&str, &str)])] = &[
        // Whole words only.
        ("a Minsky moment", &[]),
        ("Belazovich and Minskers", &[]),
        // Letters and digits make one word (UAX #29): no name inside an identifier.
        ("Lukashenka2020 0Minsk9 MAZ-5440 Belarus", &[("org:maz", "MAZ"), ("loc:belarus", "Belarus")]),
        ("#LukashenkoGoAway #ЛукашенкоУходи", &[]),
        // Longest match at the leftmost word.
        ("the Minsk Tractor Works strike", &[("org:mtz", "Minsk Tractor Works")]),
        ("Viktar Lukashenka spoke", &[("per:viktar-lukashenka", "Viktar Lukashenka")]),
        ("Alexander Grigoryevich Lukashenko said", &[("per:alyaksandr-lukashenka", "Alexander Grigoryevich Lukashenko")]),
        ("Minsk Automobile Plant (MAZ)", &[("org:maz", "Minsk Automobile Plant"), ("org:maz", "MAZ")]),
        // Possessives, clitics, quotes, hashtags, hyphenated compounds outside the span.
        ("Lukashenka's and Lukashenko’s men", &[("per:alyaksandr-lukashenka", "Lukashenka"), ("per:alyaksandr-lukashenka", "Lukashenko")]),
        ("pro-Lukashenka rally", &[("per:alyaksandr-lukashenka", "Lukashenka")]),
        ("«Гродноазот» и #Lukashenko", &[("org:grodno-azot", "Гродноазот"), ("per:alyaksandr-lukashenka", "Lukashenko")]),
        ("Belarus' future", &[("loc:belarus", "Belarus")]),
        // Case, line breaks, several spaces.
        ("MINSK, minsk", &[("loc:minsk", "MINSK"), ("loc:minsk", "minsk")]),
        ("Minsk\nTractor   Works", &[("org:mtz", "Minsk\nTractor   Works")]),
        // Case-sensitive names stay quiet in ordinary prose.
        ("the ap style; current time; a bild", &[]),
        // A leading article is part of a name only as the name writes it.
        ("told the Moscow Times. The Moscow Times said", &[("med:the-moscow-times", "Moscow Times"), ("med:the-moscow-times", "The Moscow Times")]),
        ("AP, Current Time and Bild", &[("med:ap", "AP"), ("med:current-time", "Current Time"), ("med:bild", "Bild")]),
        ("телеграм-канал и Telegram-канал", &[("org:telegram", "Telegram")]),
        // Inflected forms.
        ("встреча с Тихановской в Минске", &[("per:sviatlana-tsikhanouskaya", "Тихановской"), ("loc:minsk", "Минске")]),
        ("супраць Лукашэнкі у Салігорску", &[("per:alyaksandr-lukashenka", "Лукашэнкі"), ("loc:salihorsk", "Салігорску")]),
        ("на МАЗе, у Беларуськалия", &[("org:maz", "МАЗе"), ("org:belaruskali", "Беларуськалия")]),
        ("rząd Łukaszenki w Mińsku", &[("per:alyaksandr-lukashenka", "Łukaszenki"), ("loc:minsk", "Mińsku")]),
        ("Lukaschenkos Regime", &[("per:alyaksandr-lukashenka", "Lukaschenkos")]),
        ("рабочие Минского тракторного завода", &[("org:mtz", "Минского тракторного завода")]),
        // Homoglyphs: a Cyrillic а inside a Latin name.
        ("Lukаshenka", &[("per:alyaksandr-lukashenka", "Lukаshenka")]),
        // Coreference: a bare surname is the person named in full before, else the default.
        ("Siarhei Tsikhanouski was jailed. Tsikhanouski", &[("per:siarhei-tsikhanouski", "Siarhei Tsikhanouski"), ("per:siarhei-tsikhanouski", "Tsikhanouski")]),
        ("Lukashenka said", &[("per:alyaksandr-lukashenka", "Lukashenka")]),
        ("Viktar Lukashenka. Then Lukashenka", &[("per:viktar-lukashenka", "Viktar Lukashenka"), ("per:viktar-lukashenka", "Lukashenka")]),
        ("Shaun Walker wrote. Walker", &[("per:shaun-walker", "Shaun Walker"), ("per:shaun-walker", "Walker")]),
        ("Walker wrote", &[]),
        // Handles and URLs are not mentions.
        ("@tutby t.co/Lukashenka https://x.com/Minsk", &[]),
    ];
    let mut failures = Failures::default();
    for (text, want) in rows {
        let mut spans = BTreeSet::new();
        let mut from = 0;
        for (id, surface) in *want {
            let at = text[from..].find(surface).map(|i| i + from).expect(surface);
            spans.insert(((*id).to_owned(), at, at + surface.len()));
            from = at + surface.len();
        }
        let got = found(text);
        failures.check(got == spans, || {
            format!(
                "{text:?}: want [{}], got [{}]",
                describe(text, &spans),
                describe(text, &got)
            )
        });
    }
    failures.assert_none("semantics");
}

#[test]
fn homoglyph_mentions_say_so() {
    // The second letter of the first name is a Cyrillic а.
    let text = "Lukаshenka and Lukashenka";
    let flags: Vec<bool> = canonym::matcher()
        .find_iter(text)
        .map(|m| m.is_homoglyph())
        .collect();
    assert_eq!(flags, [true, false]);
}

mod properties {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    /// Every name that may appear in text, as listed; descriptions (`Interior Ministry`) only
    /// when asked, for text that is about their scope.
    fn names_with(descriptions: bool) -> Vec<String> {
        let shared: Vec<&str> = canonym::entities()
            .iter()
            .flat_map(|e| e.names())
            .filter(|n| n.is_shared())
            .map(|n| n.text())
            .collect();
        let e_shares = |text: &str| shared.contains(&text);
        canonym::entities()
            .iter()
            .flat_map(|e| e.names())
            .filter(|n| !n.is_lookup_only() && (descriptions || !n.is_description()))
            // A shared name is no mention of one entity: text reports it as ambiguous, and so
            // is a spelling that folds like one (`Dnipró`, the city's, like the river's
            // `Dnipro`): whole-name lookup, which shares the rule, gives it no single entity.
            .filter(|n| !e_shares(n.text()) && canonym::lookup(n.text()).is_some())
            .map(|n| n.text().to_owned())
            .collect()
    }

    const FILLER: &[&str] = &[
        "the", "and", "workers", "said", "in", "of", "strike", "—", "(", ")",
    ];

    /// The naive reference: plain search for every listed name as written, whole words only,
    /// leftmost-longest, no overlaps.
    fn naive(text: &str, names: &[String]) -> BTreeSet<(usize, usize)> {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for name in names {
            for (at, _) in text.match_indices(name.as_str()) {
                let end = at + name.len();
                // Handles (@shaunwalker7) are not mentions.
                let before = text[..at].chars().next_back();
                if boundary(before) && before != Some('@') && boundary(text[end..].chars().next()) {
                    hits.push((at, end));
                }
            }
        }
        hits.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        let mut out = BTreeSet::new();
        let mut pos = 0;
        for (s, e) in hits {
            if s >= pos {
                out.insert((s, e));
                pos = e;
            }
        }
        out
    }

    fn fast(text: &str) -> BTreeSet<(usize, usize)> {
        canonym::matcher()
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Names separated by ordinary words: the fast matcher finds exactly what plain search
        /// over the listed names finds.
        #[test]
        fn agrees_with_naive_reference(picks in prop::collection::vec((any::<prop::sample::Index>(), 0..FILLER.len()), 1..8)) {
            let names = names_with(false);
            let mut text = String::new();
            for (name, filler) in picks {
                text.push_str(&names[name.index(names.len())]);
                text.push(' ');
                text.push_str(FILLER[filler]);
                text.push(' ');
            }
            prop_assert_eq!(fast(&text), naive(&text, &names), "{}", text);
        }

        /// Streaming hands over every byte, in order, whatever the chunk size and however
        /// invalid the input, and finds the same mentions in the valid text as `find_iter`.
        #[test]
        fn scan_is_lossless_and_chunk_independent(
            parts in prop::collection::vec(prop_oneof![
                Just(b"Lukashenka's ".to_vec()), Just("Минске ".as_bytes().to_vec()),
                Just(b"Minsk Tractor\n Works ".to_vec()), Just(b"\xff\xfe".to_vec()),
                Just(b"[[".to_vec()), Just(b"\r\n".to_vec()), Just("Лу".as_bytes().to_vec()),
                Just(b"and ".to_vec()), Just(b"Svetlana Tikhanovskaya ".to_vec()),
                prop::collection::vec(any::<u8>(), 0..6),
            ], 0..80),
            chunk in 1usize..40,
        ) {
            let input: Vec<u8> = parts.concat();
            let mut copy = Vec::new();
            let mut mentions = Vec::new();
            canonym::matcher().scan_chunked(&input[..], chunk, |p| {
                match p {
                    canonym::Piece::Text { offset, text } | canonym::Piece::Ambiguous { offset, text, .. } => { assert_eq!(offset, copy.len()); copy.extend_from_slice(text.as_bytes()) }
                    canonym::Piece::Invalid { offset, bytes } => { assert_eq!(offset, copy.len()); copy.extend_from_slice(bytes) }
                    canonym::Piece::Mention { mention, text } => {
                        assert_eq!(mention.start(), copy.len());
                        mentions.push((mention.start(), mention.end(), mention.entity().id()));
                        copy.extend_from_slice(text.as_bytes());
                    }
                }
                Ok(())
            }).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&copy, &input);
            if let Ok(text) = std::str::from_utf8(&input) {
                let whole: Vec<_> = canonym::matcher().find_iter(text).map(|m| (m.start(), m.end(), m.entity().id())).collect();
                prop_assert_eq!(mentions, whole);
            }
        }
    }

    /// The seeds: everything plain search over the listed names finds, the matcher finds too.
    #[test]
    fn seeds_cover_naive_reference() {
        // The seeds are about Belarus: their descriptions are in context.
        let names = names_with(true);
        for path in crate::common::seed_paths() {
            let text = std::fs::read_to_string(&path).unwrap();
            let fast = fast(&text);
            let missing: Vec<_> = naive(&text, &names)
                .into_iter()
                .filter(|s| !fast.contains(s))
                .map(|(s, e)| &text[s..e])
                .collect();
            assert!(missing.is_empty(), "{}: {missing:?}", path.display());
        }
    }
}

/// Rules that read the word before a name — a given name in the nominative before a surname
/// (`Ján Bilka` is no genitive of the listed `Bilko`), a toponymic modifier before a place (`New
/// Britain`) — and the marks a text writes read the same at every place a stream or a long
/// text is cut: `find_iter`'s windows, and `scan` in chunks of any size, give the mentions of
/// the whole text read in one window.
#[test]
fn the_word_before_a_name_is_read_across_cuts() {
    let g = canonym::Gazetteer::builder()
        .read_path(&data_path("gazetteer/surnames.tsv"))
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let m = g.matcher();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 300_000 {
        text.push_str(&" x".repeat(i % 5));
        text.push_str(match i % 4 {
            0 => " Ján Bilka povedal, že je všetko v poriadku.",
            1 => " List od Bilka prišiel ráno. Іван Дейнека сказав.",
            2 => " New Britain is not Britain; Jan Ochal powiedział.",
            _ => " Ochal said so.",
        });
        i += 1;
    }
    let spans = |ms: Vec<canonym::Mention<'_>>| -> Vec<(usize, usize, String)> {
        ms.into_iter()
            .map(|m| (m.start(), m.end(), m.entity().id().to_owned()))
            .collect()
    };
    let scan = |text: &str, chunk: usize| {
        let mut out = Vec::new();
        m.scan_chunked(text.as_bytes(), chunk, |piece| {
            if let canonym::Piece::Mention { mention, .. } = piece {
                out.push(mention);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        spans(out)
    };
    for shift in [0, 3, 11] {
        let text = format!("{}{text}", "-".repeat(shift));
        let whole = scan(&text, text.len() + 1);
        assert!(
            whole.iter().any(|s| s.2 == "per:sk-bilko"),
            "the genitive after `od` is found"
        );
        assert_eq!(spans(m.find_iter(&text).collect()), whole, "shift {shift}");
        for chunk in [4096, 10_000] {
            assert_eq!(scan(&text, chunk), whole, "shift {shift}, chunk {chunk}");
        }
    }
}
