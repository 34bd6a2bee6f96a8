//! Transliteration: conformance files per scheme, detection, streaming, and the CLI.

mod cli;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use canonym::{Lang, Scheme, Translit};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/translit");

/// The letters each language's conformance file must show in lower and upper case.
const ALPHABETS: [(Lang, &str); 3] = [
    (Lang::Be, "абвгдеёжзійклмнопрстуўфхцчшыьэюя"),
    (Lang::Ru, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    (Lang::Uk, "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
];

struct Case {
    line: usize,
    input: String,
    want: String,
    /// A known gap: the row is expected to fail, for the documented reason (a third column
    /// `gap: <reason>`). A gap that starts passing is reported, so that the mark is removed.
    gap: Option<String>,
    /// Where the row comes from, by the `# source:` line above it: `iuliia`, `interscript`,
    /// `icu` (ICU's own output for a CLDR transform, `uconv -x`),
    /// `table` (canonym's own table read back: a regression check, not a reference), or
    /// `standard` (the standard's own text and examples, as canonym first vendored them).
    origin: &'static str,
}

/// Reads `input<TAB>expected[<TAB>gap: reason]` rows; `#` lines are comments; `\n` in a field is
/// a newline.
fn read_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        text.contains("# source:"),
        "{}: no `# source:` header",
        path.display()
    );
    let mut cases = Vec::new();
    let mut origin = "standard";
    for (i, line) in text.lines().enumerate() {
        if let Some(src) = line.strip_prefix("# source:") {
            origin = if src.contains("canonym's own table") {
                "table"
            } else if src.contains("uconv -x") {
                "icu"
            } else if src.contains("iuliia") {
                "iuliia"
            } else if src.contains("interscript") {
                "interscript"
            } else {
                "standard"
            };
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(input), Some(want)) = (fields.next(), fields.next()) else {
            panic!("{}:{}: expected input<TAB>expected", path.display(), i + 1);
        };
        let gap = fields.next().map(|g| {
            g.strip_prefix("gap: ")
                .unwrap_or_else(|| {
                    panic!(
                        "{}:{}: third column is `gap: <reason>`",
                        path.display(),
                        i + 1
                    )
                })
                .to_owned()
        });
        cases.push(Case {
            line: i + 1,
            input: input.replace("\\n", "\n"),
            want: want.replace("\\n", "\n"),
            gap,
            origin,
        });
    }
    cases
}

fn conformance_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(DATA)
        .expect("tests/data/translit exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files
}

/// Every scheme passes its conformance file; all failures are reported, not just the first.
#[test]
fn conformance() {
    let mut failures = Vec::new();
    let mut total = 0;
    for path in conformance_files() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Ok(scheme) = stem.parse::<Scheme>() else {
            failures.push(format!("{}: no scheme named `{stem}`", path.display()));
            continue;
        };
        for c in read_cases(&path) {
            total += 1;
            let got = canonym::translit(&c.input, scheme);
            if let Some(reason) = &c.gap {
                if got == c.want {
                    failures.push(format!(
                        "{}:{}: {}: known gap ({reason}) now passes: remove the mark",
                        path.display(),
                        c.line,
                        c.input
                    ));
                }
            } else if got != c.want {
                failures.push(format!(
                    "{}:{}: {}: want {}, got {}",
                    path.display(),
                    c.line,
                    c.input,
                    c.want,
                    got
                ));
            }
            let mut streamed = Vec::new();
            canonym::translit_to(&c.input, scheme, &mut streamed).expect("writing to a Vec");
            if streamed != got.as_bytes() {
                failures.push(format!(
                    "{}:{}: {}: translit_to differs from translit",
                    path.display(),
                    c.line,
                    c.input
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The conformance figures by origin of the rows (run with `--nocapture` to see them): with
/// the language given, with the scheme alone, and with detection per word. The scheme alone
/// must do exactly as well as the language given.
#[test]
fn conformance_with_and_without_the_language() {
    // origin -> [rows, with --lang, scheme alone, auto]
    let mut figures: std::collections::BTreeMap<&str, [usize; 4]> = Default::default();
    let mut differ = Vec::new();
    for path in conformance_files() {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Ok(scheme) = stem.parse::<Scheme>() else {
            continue;
        };
        let alone = Translit::builder().scheme(scheme).build();
        let auto = Translit::builder().scheme(scheme).lang(None).build();
        for c in read_cases(&path) {
            let forced = canonym::translit(&c.input, scheme);
            let a = alone.translit(&c.input);
            if a != forced {
                differ.push(format!("{}:{}: {}", path.display(), c.line, c.input));
            }
            let f = figures.entry(c.origin).or_default();
            f[0] += 1;
            f[1] += usize::from(forced == c.want);
            f[2] += usize::from(a == c.want);
            f[3] += usize::from(auto.translit(&c.input) == c.want);
        }
    }
    for (origin, [n, forced, alone, auto]) in &figures {
        let pct = |k: &usize| 100.0 * *k as f64 / *n as f64;
        println!(
            "{origin:<12} {n:>5} rows: with --lang {forced} ({:.1}%), scheme alone {alone} ({:.1}%), --lang auto {auto} ({:.1}%)",
            pct(forced),
            pct(alone),
            pct(auto)
        );
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Each scheme has a conformance file, and it shows every letter of the scheme's language in
/// lower and upper case.
#[test]
fn conformance_covers_every_scheme_and_letter() {
    let mut problems = Vec::new();
    for scheme in Scheme::all() {
        let path = Path::new(DATA).join(format!("{}.tsv", scheme.name()));
        if !path.exists() {
            problems.push(format!("{}: missing", path.display()));
            continue;
        }
        let inputs: String = read_cases(&path).into_iter().map(|c| c.input).collect();
        let (_, alphabet) = ALPHABETS
            .iter()
            .find(|(l, _)| *l == scheme.language())
            .expect("three languages");
        for c in alphabet.chars() {
            for form in [c.to_string(), c.to_uppercase().to_string()] {
                // The soft and hard signs never start a word, so their capitals occur only in
                // ALL-CAPS words.
                if !inputs.contains(&form) {
                    problems.push(format!("{}: no input contains `{form}`", path.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn latin_and_punctuation_pass_through_borrowed() {
    let t = Translit::new();
    for s in [
        "",
        "Lukashenka",
        "Łukašenka, “Ž” — 100 %\r\n",
        "\u{feff}BOM",
        "Ἀθῆναι 北京",
    ] {
        assert!(matches!(t.translit(s), Cow::Borrowed(_)), "{s:?}");
    }
}

#[test]
fn other_scripts_fold_to_ascii_on_request() {
    let t = Translit::builder().ascii(true).build();
    assert_eq!(t.translit("Αθήνα, Łódź"), "Athena, Lodz");
    assert_eq!(t.translit("Ціханоўская"), "Cichanouskaja");
    assert_eq!(t.translit("\u{feff}Мінск"), "\u{feff}Minsk");
    assert!(matches!(t.translit("plain ASCII"), Cow::Borrowed(_)));
}

#[test]
fn language_is_detected_per_word_with_the_document_as_fallback() {
    let t = Translit::new();
    // Belarusian and Russian in one text: each word by its own letters.
    assert_eq!(
        t.translit("Ціханоўская заявіла, што Лукашэнка"),
        "Cichanoŭskaja zajavila, što Lukašenka"
    );
    // A word without telling letters follows the last telling word on its line, then the
    // document: протесты (ы: Russian or Belarusian) follows Минске (и: Russian or
    // Ukrainian) on a Russian line of a Belarusian text.
    assert_eq!(
        t.translit("Мінск — сталіца Беларусі.\nВ Минске прошли протесты."),
        "Minsk — stalica Bielarusi.\nV Minske proshli protesty."
    );
    // Words without telling letters follow the document.
    assert_eq!(t.translit("Гродна і Бабруйск"), "Hrodna i Babrujsk");
    assert_eq!(t.translit("Гродно и Бобруйск"), "Grodno i Bobruysk");
    assert_eq!(t.translit("Київ і Харків"), "Kyiv i Kharkiv");
    // A Russian word on a Belarusian line is Russian, not Ukrainian: и is Russian or
    // Ukrainian, і Belarusian or Ukrainian, and nothing on the line is Ukrainian only.
    assert_eq!(t.translit("Мінск і Минск"), "Minsk i Minsk");
    // е, ё, ю, я, ь after ж, ш, ч, р, т, д are not Belarusian (Лукашенко, Юрьевна, Артём).
    assert_eq!(
        t.translit("Лукашэнка і Лукашенко, Юрьевна, Артём"),
        "Lukašenka i Lukashenko, Yur’yevna, Artëm"
    );
    // A word no letter decides at the start of a line looks ahead to the next word that
    // tells: Александр opens a Russian sentence in a Belarusian text.
    assert_eq!(
        t.translit("Ціханоўская заявіла, што Лукашэнка.\nАлександр Лукашенко сказал."),
        "Cichanoŭskaja zajavila, što Lukašenka.\nAleksandr Lukashenko skazal."
    );
    // Only strong evidence decides another word: э after a consonant says Belarusian, but
    // Russian loanwords write it too (кэш), so Загрузка keeps to the Russian document.
    assert_eq!(
        t.translit("Объявлен съезд.\nЗагрузка кэша."),
        "Ob”yavlen s”yezd.\nZagruzka keša."
    );
    assert_eq!(Lang::detect("Дмитрий Юрьевич"), Some(Lang::Ru));
    assert_eq!(Lang::detect("Лукашэнка"), Some(Lang::Be));
    assert_eq!(Lang::detect("Lukashenka"), None);
}

#[test]
fn forced_language_and_scheme_override() {
    let t = Translit::builder().lang(Some(Lang::Ru)).build();
    assert_eq!(t.translit("Жодзіна"), "Zhodzina");
    // Detection per word, asked for explicitly beside a scheme.
    let t = Translit::builder()
        .scheme(Scheme::RU_ICAO)
        .lang(None)
        .build();
    assert_eq!(t.translit("Ельцин и Лукашэнка"), "Eltsin i Lukašenka");
}

/// A scheme names its language: the text is read in it unless `lang` says otherwise.
#[test]
fn a_scheme_sets_the_language() {
    let t = Translit::builder().scheme(Scheme::UK_NATIONAL).build();
    assert_eq!(t.translit("Біла Церква Гадяч"), "Bila Tserkva Hadiach");
    let t = Translit::builder().scheme(Scheme::RU_WIKIPEDIA).build();
    assert_eq!(t.translit("Грозный"), "Grozny");
    let t = Translit::builder().scheme(Scheme::RU_ICAO).build();
    assert_eq!(t.translit("Ельцин и Лукашэнка"), "Eltsin i Lukashenka");
    // Two languages named: each word is detected.
    let t = Translit::builder()
        .scheme(Scheme::BE_LACINKA)
        .scheme(Scheme::RU_WIKIPEDIA)
        .build();
    assert_eq!(t.translit("Смалявічы Юрьевна"), "Smalavičy Yuryevna");
    // An explicit language wins over the scheme's.
    let t = Translit::builder()
        .lang(Some(Lang::Ru))
        .scheme(Scheme::UK_NATIONAL)
        .build();
    assert_eq!(t.translit("Гадяч"), "Gadyach");
}

#[test]
fn case_rules() {
    let s = Scheme::BE_BGN_PCGN;
    assert_eq!(canonym::translit("ЖОДЗІНА", s), "ZHODZINA");
    assert_eq!(canonym::translit("Жодзіна", s), "Zhodzina");
    assert_eq!(
        canonym::translit("Ж. Шчучын ШЧУЧЫН", s),
        "Zh. Shchuchyn SHCHUCHYN"
    );
    assert_eq!(canonym::translit("ЁЖ Ёж", Scheme::RU_BGN_PCGN), "YËZH Yëzh");
    assert_eq!(canonym::translit("Якутск", Scheme::RU_ALA_LC), "I͡Akutsk");
    assert_eq!(canonym::translit("ЯКУТСК", Scheme::RU_ALA_LC), "I͡AKUTSK");
}

#[test]
fn decomposed_letters_are_composed() {
    // й as и + U+0306, ё as е + U+0308, ў as у + U+0306.
    assert_eq!(
        canonym::translit("Бабру\u{0438}\u{0306}ск", Scheme::BE_NATIONAL),
        "Babrujsk"
    );
    assert_eq!(
        canonym::translit("е\u{0308}лка", Scheme::RU_BGN_PCGN),
        "yëlka"
    );
    assert_eq!(
        canonym::translit("Ціханоу\u{0306}ская", Scheme::BE_NATIONAL),
        "Cichanoŭskaja"
    );
}

#[test]
fn apostrophes_inside_words_only() {
    let s = Scheme::UK_NATIONAL;
    assert_eq!(
        canonym::translit("Знам'янка Знам’янка Знамʼянка", s),
        "Znamianka Znamianka Znamianka"
    );
    assert_eq!(canonym::translit("'Київ'", s), "'Kyiv'");
    assert_eq!(canonym::translit("ОБ'ЄКТ", s), "OBIEKT");
    // Inside an ALL-CAPS word the letter after the apostrophe is in capitals too.
    assert_eq!(canonym::translit("ІМ'Я Ім'я", s), "IMIA Imia");
    assert_eq!(canonym::translit("КОРОП’Є", s), "KOROPIE");
    assert_eq!(
        canonym::translit("САМ'Я Сям'я", Scheme::BE_NATIONAL),
        "SAMJA Siamja"
    );
    // U+00B4 is read as an apostrophe between letters, and left alone elsewhere.
    assert_eq!(canonym::translit("Знам´янка ´Київ´", s), "Znamianka ´Kyiv´");
}

#[test]
fn streaming_equals_cow_on_a_long_mixed_text() {
    let text = "Аляксандр Лукашэнка; Lukashenka “quoted” Ціханоўская\r\n".repeat(5000);
    for t in [Translit::new(), Translit::builder().ascii(true).build()] {
        let mut out = Vec::new();
        t.translit_to(&text, &mut out).expect("writing to a Vec");
        assert_eq!(String::from_utf8(out).expect("UTF-8"), t.translit(&text));
    }
}

/// No Cyrillic letter is left in the output unless asked: every scheme, every letter of
/// U+0400..=U+04FF, in lower and upper case, forced and detected.
#[test]
fn no_cyrillic_is_left_unless_asked() {
    let letters: String = (0x400..=0x4ff)
        .filter_map(char::from_u32)
        .filter(|c| c.is_alphabetic())
        .flat_map(|c| [c, ' '])
        .collect();
    let mut left = Vec::new();
    for scheme in Scheme::all() {
        for t in [
            Translit::builder().scheme(scheme).build(),
            Translit::builder().scheme(scheme).lang(None).build(),
            Translit::builder().scheme(scheme).ascii(true).build(),
        ] {
            let out = t.translit(&letters);
            let cyr: String = out
                .chars()
                .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
                .collect();
            if !cyr.is_empty() {
                left.push(format!("{scheme}: {cyr}"));
            }
        }
    }
    assert!(left.is_empty(), "{}", left.join("\n"));
    let t = Translit::builder()
        .lang(Some(Lang::Ru))
        .keep_unknown(true)
        .build();
    assert_eq!(t.translit("Київ Қазан"), "Kiїv Қazan");
}

/// The reversible schemes read their own output back: Latin → Cyrillic → Latin gives the
/// Latin again on every conformance row, and Cyrillic → Latin → Cyrillic the Cyrillic again
/// except where the forward direction drops a letter (the figures print with --nocapture).
#[test]
fn reversible_schemes_round_trip() {
    let mut failures = Vec::new();
    for scheme in Scheme::all().filter(|s| s.is_reversible()) {
        let path = Path::new(DATA).join(format!("{}.tsv", scheme.name()));
        let (mut n, mut back) = (0, 0);
        for c in read_cases(&path).into_iter().filter(|c| c.gap.is_none()) {
            let latin = canonym::translit(&c.input, scheme);
            let cyr = canonym::translit_reverse(&latin, scheme).expect("reversible");
            let again = canonym::translit(&cyr, scheme);
            if again != latin {
                failures.push(format!(
                    "{}:{}: {latin} → {cyr} → {again}",
                    path.display(),
                    c.line
                ));
            }
            n += 1;
            back += usize::from(cyr == c.input);
        }
        println!("{scheme}: Cyrillic → Latin → Cyrillic exact on {back} of {n} rows");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
