//! The language of the text around a mention, where a rule needs it: a name's case forms are
//! read only in a language that declines names.
//!
//! The tables decline a Latin-script name by the rules of its language (Polish `Tonderą`,
//! Czech `Hanákovi`, German `Lukaschenkos`), and a form that is a case of one name there is
//! often the nominative of another elsewhere: in English `Tondera said` names a Mr Tondera,
//! not the genitive of `Tonder`. Which language a stretch of text is in is told by `whatlang`'s
//! trigram statistics; the rule acts only on a reliable answer, so a name alone (a lookup) or a
//! short fragment keeps its case forms.

use whatlang::Lang;

/// How many bytes before a mention are read to tell the language: a sentence.
const AROUND: usize = super::document::TAIL;

/// The languages whose running text declines personal and place names written in Latin
/// letters, so that a case form of a listed name may be a mention there: the Slavic and Baltic
/// languages, German (genitive -s), the Finnic languages and Hungarian (case suffixes), Latin.
const DECLINING: [Lang; 13] = [
    Lang::Pol,
    Lang::Ces,
    Lang::Slk,
    Lang::Slv,
    Lang::Hrv,
    Lang::Srp,
    Lang::Lit,
    Lang::Lav,
    Lang::Deu,
    Lang::Fin,
    Lang::Est,
    Lang::Hun,
    Lang::Lat,
];

/// The confidence from which a language `whatlang` tells is taken. Its own "reliable" (0.9) is
/// for whole documents; a sentence of English reads 0.3 to 1. On the sentences of
/// `tests/data/sentences.tsv` with their names taken out, no Polish, German or Belarusian one
/// read as a language that declines no names above 0.2 (Turkish 0.2, Spanish 0.0).
const MIN_CONFIDENCE: f64 = 0.25;

/// The language of the text around a mention — `before` it (in pieces, the last [`AROUND`]
/// bytes of them read, back to a blank line) and the few words `after` it — when it is in
/// Latin letters and told with confidence. The mention's own words are left out (a Polish name does not make an
/// English sentence Polish), and what is read does not depend on where a stream was cut (the
/// search keeps the text before a window, and cuts a stream with the words after a mention).
pub(super) fn tell(before: [&str; 2], after: &str) -> Option<Lang> {
    let mut around = String::with_capacity(AROUND + after.len() + 1);
    for piece in before {
        around.push_str(piece);
    }
    let mut excess = around.len() - super::document::last_bytes(&around, AROUND).len();
    // A paragraph is read in its own language: a blank line ends what came before.
    if let Some(k) = around.get(excess..).and_then(|t| t.rfind("\n\n")) {
        excess += k + 2;
    }
    around.drain(..excess);
    around.push(' ');
    around.push_str(after);
    whatlang::detect(&around)
        .filter(|info| {
            info.script() == whatlang::Script::Latin && info.confidence() >= MIN_CONFIDENCE
        })
        .map(|info| info.lang())
}

/// Whether running text in `lang` declines names: a case form found in a language that does
/// not (English, French, Spanish, ...) is another name's nominative.
pub(super) fn declines_names(lang: Lang) -> bool {
    DECLINING.contains(&lang)
}

/// The alphabets of the Latin-script languages: `code<TAB>locale<TAB>marked letters`.
const ALPHABETS: &str = include_str!("../../tables/alphabets.tsv");

/// The marked letters of `lang`'s alphabet (`tables/alphabets.tsv`, from CLDR's exemplar
/// characters): a text in that language writes them in names too, as Slovak writes `ľ` in
/// `Bobuľa`. Empty for a language that writes none (English) or that the table lacks.
pub(super) fn alphabet(lang: Lang) -> &'static str {
    ALPHABETS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.nth(1)?))
        })
        .find(|&(code, _)| code == lang.code())
        .map_or("", |(_, letters)| letters.trim_start_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_declines_no_names_and_writes_no_marks() {
        let english = [
            tell(["", ""], " said on Monday that the talks"),
            tell(["Speaking to reporters in Warsaw, ", ""], " told them that"),
        ];
        assert_eq!(english, [Some(Lang::Eng); 2]);
        assert!(!declines_names(Lang::Eng) && alphabet(Lang::Eng).is_empty());
    }

    #[test]
    fn polish_and_german_prose_decline_names() {
        let polish = tell(["Spotkanie z", ""], " przebiegło spokojnie, a potem");
        assert_eq!(polish, Some(Lang::Pol));
        let german = tell(
            ["Die Präsidentschaftswahl ", "in Belarus: "],
            " Angstgegnerin tritt an.",
        );
        assert_eq!(german, Some(Lang::Deu));
        assert!(declines_names(Lang::Pol) && declines_names(Lang::Deu));
        assert_eq!(alphabet(Lang::Pol), "óąćęłńśźż");
    }

    #[test]
    fn a_name_alone_keeps_its_case_forms() {
        assert_eq!(tell(["", ""], ""), None);
        assert_eq!(tell(["", ""], " Regime"), None);
    }
}

/// Every row of `tables/alphabets.tsv` is a language `whatlang` tells, with marked letters
/// only, and every Latin-script language it tells has a row.
#[cfg(test)]
#[test]
fn the_alphabets_table_is_well_formed() {
    let mut codes = Vec::new();
    for line in ALPHABETS.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 3, "{line}");
        let lang = Lang::from_code(f[0]).unwrap_or_else(|| panic!("{line}: no such language"));
        assert!(
            f[2] == "-" || f[2].chars().all(crate::fold::is_marked),
            "{line}"
        );
        codes.push(lang);
    }
    for lang in whatlang::Script::Latin.langs() {
        assert!(codes.contains(lang), "{lang:?} has no row");
    }
}
