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

/// Whether the text around a mention — `before` it (in pieces, the last [`AROUND`] bytes of
/// them read) and the few words `after` it — is in Latin letters and in a language that does
/// not decline names (English, French, Spanish, ...): a case form found there is another
/// name's nominative. The mention's own words are left out (a Polish name does not make an
/// English sentence Polish), and what is read does not depend on where a stream was cut (the
/// search keeps the text before a window, and cuts a stream with the words after a mention).
pub(super) fn declines_no_names(before: [&str; 2], after: &str) -> bool {
    let mut around = String::with_capacity(AROUND + after.len() + 1);
    for piece in before {
        around.push_str(piece);
    }
    let excess = around.len() - super::document::last_bytes(&around, AROUND).len();
    around.drain(..excess);
    around.push(' ');
    around.push_str(after);
    whatlang::detect(&around).is_some_and(|info| {
        info.script() == whatlang::Script::Latin
            && info.confidence() >= MIN_CONFIDENCE
            && !DECLINING.contains(&info.lang())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_declines_no_names() {
        assert!(declines_no_names(
            ["", ""],
            " said on Monday that the talks"
        ));
        assert!(declines_no_names(
            ["Speaking to reporters in Warsaw, ", ""],
            " told them that"
        ));
    }

    #[test]
    fn polish_and_german_prose_decline_names() {
        assert!(!declines_no_names(
            ["Spotkanie z", ""],
            " przebiegło spokojnie, a potem"
        ));
        assert!(!declines_no_names(
            ["Die Präsidentschaftswahl ", "in Belarus: "],
            " Angstgegnerin tritt an."
        ));
    }

    #[test]
    fn a_name_alone_keeps_its_case_forms() {
        assert!(!declines_no_names(["", ""], ""));
        assert!(!declines_no_names(["", ""], " Regime"));
    }
}
