//! Why a name or a mention was accepted, with a score: the key only proposes candidates, and
//! a candidate found by its key is accepted only when the verifier ([`crate::verify`]) aligns
//! every word of it with a word of one of the entity's listed names, or with a case form of
//! one, through correspondences that real systems produce. Below lookup and the matcher, so
//! that both decide by the same rule.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::entity::{Entity, Name};
use crate::fold;
use crate::how::How;
use crate::index::word_forms::pattern_words;
use crate::inflect;
use crate::verify::{THRESHOLD, accepts};

/// Why a name or mention was accepted: how it was recognised and, for a key match, the
/// systems that write it, as a short machine-readable string (`alias`, `words`,
/// `key:be-national+press-de`, `inflection`, `inflection+key:ru-gost`, `coreference`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Why {
    text: &'static str,
}

impl Why {
    /// The reason as a short machine-readable string.
    pub fn as_str(&self) -> &'static str {
        self.text
    }

    /// The reason for a match made without the key: its [`How`].
    pub(crate) fn of(how: How) -> Why {
        Why { text: how.as_str() }
    }

    /// The reason for a match of `name` with a typing slip undone: `typo+` and the reason
    /// the name so respelled was found (`typo+alias`, `typo+key:ru-bgn-pcgn`).
    pub(crate) fn typo(respelled: Why) -> Why {
        Why {
            text: intern(format!("{}+{}", How::Typo.as_str(), respelled.text)),
        }
    }

    /// The reason for a match whose words the verifier aligned through `systems`.
    pub(crate) fn keyed(how: How, systems: &str) -> Why {
        let text = match how {
            How::Key => format!("key:{systems}"),
            _ => format!("{}+key:{systems}", how.as_str()),
        };
        Why { text: intern(text) }
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text)
    }
}

/// The score a match made without the key gets: 1 for a listed spelling, a little less for a
/// listed name in another order, a case form or a given name in another language's form.
pub(crate) fn score_of(how: How) -> f32 {
    match how {
        How::Alias => 1.0,
        How::Words | How::Inflection => 0.95,
        How::GivenName => 0.9,
        How::Coreference | How::Translation => 0.85,
        How::Typo => 0.8,
        How::Key => THRESHOLD,
    }
}

/// The systems a `why` strings name are combinations of the tables' scheme and orthography
/// names, a small set: each is kept once for the life of the process, so that matches stay
/// `Copy`.
pub(crate) fn intern(text: String) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(&s) = seen.get(text.as_str()) {
        return s;
    }
    let s: &'static str = Box::leak(text.into_boxed_str());
    seen.insert(s);
    s
}

/// What the verifier says of a spelling against an entity: the lowest score of its words and
/// the systems of the word that scored lowest, joined by `+`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Verified {
    pub(crate) score: f32,
    pub(crate) systems: String,
}

/// Whether every word of `spelled` is a rendering of a word of one of `entity`'s names (or,
/// with `inflected`, of one of its case forms), by the verifier. A word the verifier does not
/// align may be left out when `skip` accepts it (a patronymic the tables do not list, say),
/// but one word at least must be aligned: `None` otherwise. With `whole`, only the names of as
/// many words as `spelled` are compared: a place's or an organization's name is all its words,
/// and one word of it is another name (`Bila` is not `Bab Bila`, `Rio` not `Rio de Janeiro`).
pub(crate) fn verify_entity(
    entity: &Entity,
    spelled: &str,
    (inflected, same_key, whole): (bool, bool, bool),
    skip: impl Fn(&str) -> bool,
) -> Option<Verified> {
    let mut worst: Option<Verified> = None;
    let mut forms = inflect::FormList::default();
    let words = whole.then(|| pattern_words(spelled).count());
    for word in pattern_words(spelled) {
        let Some(best) = best_word(entity, word, (inflected, same_key, words), &mut forms) else {
            if skip(word) {
                continue;
            }
            return None;
        };
        if worst.as_ref().is_none_or(|w| best.score < w.score) {
            worst = Some(best);
        }
    }
    worst
}

/// The best verdict of one word against the words (and case forms) of `entity`'s names, if
/// one reaches the threshold. With `same_key`, only the words and forms that share the word's key
/// are compared: in running text the key proposed the word through one of them, and the
/// others cannot be what it spells (a word of a common text is compared with few forms).
fn best_word(
    entity: &Entity,
    word: &str,
    (inflected, same_key, words): (bool, bool, Option<usize>),
    forms: &mut inflect::FormList,
) -> Option<Verified> {
    let names = entity.names();
    let compared =
        |n: &&Name| !n.flags.exact && words.is_none_or(|k| pattern_words(n.text()).count() == k);
    let mut best: Option<Verified> = None;
    let cross = reconstructs(names);
    let key = if same_key {
        crate::key(word)
    } else {
        String::new()
    };
    let proposed = |listed: &str| !same_key || crate::key(listed) == key;
    // Whether a verdict settles the word: nothing scores above an exact rendering.
    let settled = |best: &Option<Verified>| best.as_ref().is_some_and(|b| b.score >= 0.99);
    let consider = |best: &mut Option<Verified>, spelled: &str, listed: &str, lang: &str| {
        let Some((score, why)) = accepts(spelled, listed, lang, cross) else {
            return;
        };
        if best.as_ref().is_none_or(|b| score > b.score) {
            *best = Some(Verified {
                score,
                systems: systems_of(&why),
            });
        }
    };
    let cyrillic = word
        .chars()
        .any(|c| fold::script(c) == fold::Script::Cyrillic);
    // The listed words as written first, then (a case form found by its key) their case
    // forms: most spellings are settled by the nominatives alone.
    for name in names.iter().filter(compared) {
        for lw in pattern_words(name.text()).filter(|lw| proposed(lw)) {
            consider(&mut best, word, lw, name.lang());
            if settled(&best) {
                return best;
            }
        }
    }
    if !(inflected && cyrillic) || best.is_some() {
        return best;
    }
    for name in names.iter().filter(compared) {
        let listed: Vec<&str> = pattern_words(name.text()).collect();
        let n = listed.len();
        let surname = crate::table::surname_word(entity.kind(), &listed);
        for (i, &lw) in listed.iter().enumerate() {
            let (lang, last) = inflect::paradigm(lw, name.lang(), i + 1 == n, surname == Some(lw));
            forms.clear();
            inflect::inflections(lw, lang, last, forms);
            for f in forms.iter().filter(|f| proposed(f)) {
                if !same_ending(word, lw, f) {
                    continue;
                }
                consider(&mut best, word, f, name.lang());
                if settled(&best) {
                    return best;
                }
            }
        }
    }
    best
}

/// Whether a Cyrillic word ends in the ending a Cyrillic case form `form` of the listed word
/// `listed` was given, letter for letter. The verifier reads Cyrillic stems across the three
/// languages (Belarusian і for Russian и: Ціханоўскі, Тихановский), but an ending says which
/// case and gender the form is, and the inflection writes every language's endings itself:
/// read loosely, the Ukrainian feminine dative Забарній made a man's Забарний a case form of
/// Забарна, and Воблий one of Вобла. Latin forms and Latin words are left to the verifier.
fn same_ending(word: &str, listed: &str, form: &str) -> bool {
    let cyrillic = |s: &str| s.chars().any(|c| fold::script(c) == fold::Script::Cyrillic);
    if !cyrillic(form) || !cyrillic(word) {
        return true;
    }
    let lower = |s: &str| -> Vec<char> { s.chars().flat_map(char::to_lowercase).collect() };
    let (listed, form, word) = (lower(listed), lower(form), lower(word));
    let stem = listed.iter().zip(&form).take_while(|(a, b)| a == b).count();
    form.get(stem..)
        .is_some_and(|ending| word.ends_with(ending))
}

/// Whether the verifier may reconstruct a Belarusian, Russian or Ukrainian form of a name from
/// another of them (`tables/verify/cross.tsv`): only when `names` lack one of the three in
/// Cyrillic. An entity that lists all three has nothing to reconstruct, and a reconstruction
/// would only meet other names (Путін read as a Russian *Путен, written Putten).
pub(crate) fn reconstructs(names: &[Name]) -> bool {
    let mut listed = [false; 3];
    for n in names {
        let lang = n.lang().split(['-', '_']).next().unwrap_or("");
        let Some(i) = ["be", "ru", "uk"].iter().position(|&l| l == lang) else {
            continue;
        };
        if n.text()
            .chars()
            .any(|c| fold::script(c) == fold::Script::Cyrillic)
        {
            if let Some(seen) = listed.get_mut(i) {
                *seen = true;
            }
        }
    }
    !listed.iter().all(|&seen| seen)
}

/// The systems of a verdict's why (`systems=be-icao,de via=…` → `be-icao+de`).
fn systems_of(why: &str) -> String {
    why.strip_prefix("systems=")
        .and_then(|s| s.split(' ').next())
        .map(|s| s.replace(',', "+"))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "any".to_owned())
}
