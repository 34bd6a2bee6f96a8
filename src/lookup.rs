//! Whole-name lookup against the built-in tables.

use crate::entity::{Entity, Name};
use crate::fold::{self, Reading};
use crate::how::How;
use crate::index::builtin::HOMOGLYPHS;
use crate::index::format::Form;
use crate::index::store::Store;
use crate::index::word_forms::{
    STEM_NAME_WORDS, declined_in_lookup, is_form_of, pattern_words, push_word_count, stem_key,
    stems_of,
};
use crate::key::fold_into;
use crate::matcher::stream::{find_all, may_start_at_zero};
use crate::org;
use crate::state_form;
use crate::table::{Derivation, Kind};
use crate::title;
use crate::why::{Why, score_of, verify_entity};

/// A name recognised as a known entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'g> {
    entity: &'g Entity,
    name: &'g Name,
    how: How,
    homoglyph: bool,
    /// The score in thousandths, so that a match stays `Eq`.
    score: u16,
    why: Why,
}

impl<'g> Match<'g> {
    /// The entity.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::lookup("Лукашенко").unwrap();
    /// assert_eq!(m.entity().id(), "per:alyaksandr-lukashenka");
    /// assert_eq!(m.entity().canonical(), "Alyaksandr Lukashenka");
    /// ```
    pub fn entity(&self) -> &'g Entity {
        self.entity
    }

    /// The listed name that the input was recognised as.
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::lookup("Лукашенко").unwrap();
    /// assert_eq!(m.name().text(), "Лукашенко");
    /// ```
    pub fn name(&self) -> &'g Name {
        self.name
    }

    /// How it was recognised (see [`How`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use canonym::How;
    /// assert_eq!(canonym::lookup("Лукашенко").unwrap().how(), How::Alias);
    /// assert_eq!(canonym::lookup("Lukashenko Alyaksandr").unwrap().how(), How::Words);
    /// ```
    pub fn how(&self) -> How {
        self.how
    }

    /// Whether the input mixed Latin and Cyrillic look-alike letters in one word (the same
    /// accessor as [`Mention::is_homoglyph`](crate::Mention::is_homoglyph)).
    ///
    /// # Examples
    ///
    /// ```
    /// // A Latin `a` among Cyrillic letters.
    /// assert!(canonym::lookup("Лукашенкa").unwrap().is_homoglyph());
    /// assert!(!canonym::lookup("Лукашенко").unwrap().is_homoglyph());
    /// ```
    pub fn is_homoglyph(&self) -> bool {
        self.homoglyph
    }

    /// How sure the match is, in [0, 1]: 1 for a listed spelling, a little less for another
    /// word order, a case form or another language's form of a given name; for a spelling
    /// found by its key, the verifier's score (at least its threshold, or lookup abstains).
    ///
    /// # Examples
    ///
    /// ```
    /// let m = canonym::lookup("Lukashenka").unwrap();
    /// assert_eq!((m.score(), m.why().as_str()), (1.0, "alias"));
    /// assert!(canonym::lookup("Python").is_none());
    /// ```
    pub fn score(&self) -> f32 {
        f32::from(self.score) / 1000.0
    }

    /// Why the input was accepted, as a short machine-readable string (`alias`, `words`,
    /// `key:be-national+press-de`, `inflection`).
    pub fn why(&self) -> Why {
        self.why
    }
}

/// The score a name respelled from ISO 9 ASCII must verify at: two cheap folds at most.
const RESPELLED: f32 = 0.96;

fn millis(score: f32) -> u16 {
    (score.clamp(0.0, 1.0) * 1000.0).round() as u16
}

/// One of the entities a name in running text could be (see `Piece::Ambiguous`), as a match:
/// `spelled` (the text's spelling, [`Declined::new`]) is a form of the listed name — the same
/// words or their case forms, else the name with the same key, else the first.
pub(crate) fn candidate<'g>(
    entity: &'g Entity,
    spelled: &mut Declined<'g>,
    how: How,
    homoglyph: bool,
    (score, why): (f32, Why),
) -> Option<Match<'g>> {
    let name = spelled.name(entity, true).or_else(|| {
        let key = spelled.key.get_or_init(|| crate::key::key(&spelled.text));
        let names = entity.names();
        names
            .iter()
            .find(|n| crate::key::key(n.text()) == *key)
            .or_else(|| names.first())
    })?;
    Some(Match {
        entity,
        name,
        how,
        homoglyph,
        score: millis(score),
        why,
    })
}

/// The score and why of `name`, found as a form of `entity` in the way `how`: a listed
/// spelling is certain; anything the key found is accepted only when the verifier aligns every
/// word of the name with a word of one of the entity's names. A patronymic the entity's names
/// do not have is left out, an initial must be the first letter of one of its words, and a
/// given name may be another language's form of one (`tables/given_names.tsv`).
fn verified(entity: &Entity, name: &str, how: How) -> Option<(f32, Why)> {
    if how == How::Alias {
        return Some((score_of(how), Why::of(how)));
    }
    let mut name = strip_decoration(name);
    for article in ["The ", "the ", "THE "] {
        if let Some(rest) = name.strip_prefix(article) {
            name = rest;
        }
    }
    // What the entity's names say for `skip` below, read only when a word does not align:
    // a name looked up against thousands of namesakes by key is turned away by its first word
    // for most of them, and a name of one word is never saved by leaving it out.
    let facts = std::cell::OnceCell::new();
    let facts = || facts.get_or_init(|| SkipFacts::of(entity));
    let words = pattern_words(name).count();
    let by_key = std::cell::Cell::new(false);
    // What may be left out or read loosely is a person's: an initial, a patronymic, a given
    // name in another spelling. A place's or an organization's words are all its name: read
    // as given names, GeoNames' held-out names met other places' (`Al Jumun` is not Ajman,
    // `Acheng Shi` not Zhenzhou) — 493 false links of 3,211.
    let person = entity.kind() == Kind::Person;
    let skip = |word: &str| {
        if !person {
            return false;
        }
        // Leaving out the only word leaves nothing aligned: `verify_entity` refuses it anyway.
        if words < 2 {
            return false;
        }
        let SkipFacts {
            listed_keys,
            given_keys,
            has_patronymic,
            initials,
        } = facts();
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.to_lowercase().all(|c| initials.contains(&c));
        }
        if !has_patronymic && crate::inflect::is_patronymic(word) {
            return true;
        }
        let key = crate::key(word);
        if crate::given_name::alternatives(&key)
            .iter()
            .any(|alt| listed_keys.iter().any(|k| k == alt))
        {
            return true;
        }
        // In a name of several words whose other words the verifier aligns, a given name
        // whose key is (or begins) that of a listed given name (`Victor` for `Viktar`,
        // `Valer` for `Valery`): the surname anchors the entity, and the given name's
        // spelling varies more than the systems the verifier knows.
        let given = words > 1
            && key.chars().count() >= 4
            && given_keys
                .iter()
                .any(|k| k.starts_with(key.as_str()) || key.starts_with(k.as_str()));
        if given {
            by_key.set(true);
        }
        given
    };
    let v = verify_entity(entity, name, (false, false, !person), skip).or_else(|| {
        let stemmed = without_lithuanian_endings(name)?;
        verify_entity(entity, &stemmed, (false, false, !person), skip)
    })?;
    if by_key.get() {
        let systems = format!("{}+given-name-key", v.systems);
        return Some((v.score.min(0.75), Why::keyed(how, &systems)));
    }
    Some((v.score, Why::keyed(how, &v.systems)))
}

/// What [`verified`] reads of an entity's names to decide which words of a spelling may be
/// left out: the keys of all their words, the keys of the words before each one's last (given
/// names and patronymics, never the surname), whether one has a patronymic, and the initials.
struct SkipFacts {
    listed_keys: Vec<String>,
    given_keys: Vec<String>,
    has_patronymic: bool,
    initials: Vec<char>,
}

impl SkipFacts {
    fn of(entity: &Entity) -> SkipFacts {
        let listed_keys = entity
            .names()
            .iter()
            .flat_map(|n| pattern_words(n.text()).map(crate::key))
            .collect();
        let given_keys = entity
            .names()
            .iter()
            .flat_map(|n| {
                let words: Vec<&str> = pattern_words(n.text()).collect();
                let before_last = words.len().saturating_sub(1);
                words.into_iter().take(before_last).map(crate::key)
            })
            .collect();
        // A patronymic of a listed name: a middle word of a name of three words or more.
        let has_patronymic = entity.names().iter().any(|n| {
            let words: Vec<&str> = pattern_words(n.text()).collect();
            words.len() >= 3
                && words
                    .iter()
                    .skip(1)
                    .take(words.len() - 2)
                    .any(|w| crate::inflect::is_patronymic(w))
        });
        let initials = entity
            .names()
            .iter()
            .flat_map(|n| pattern_words(n.text()).filter_map(|w| w.chars().next()))
            .flat_map(char::to_lowercase)
            .collect();
        SkipFacts {
            listed_keys,
            given_keys,
            has_patronymic,
            initials,
        }
    }
}

/// Every built-in entity, sorted by ID.
///
/// # Examples
///
/// ```
/// let belarus = canonym::entities().iter().find(|e| e.id() == "loc:belarus").unwrap();
/// assert_eq!(belarus.qid(), Some("Q184"));
/// ```
pub fn entities() -> &'static [Entity] {
    Store::BUILTIN.entities()
}

/// The built-in entity with this ID.
///
/// # Examples
///
/// ```
/// assert_eq!(canonym::entity("loc:zhodzina").unwrap().canonical(), "Žodzina");
/// assert!(canonym::entity("loc:atlantis").is_none());
/// ```
pub fn entity(id: &str) -> Option<&'static Entity> {
    Store::BUILTIN.entity_by_id(id)
}

/// Recognises a whole name — any spelling, script, letter case, word order, with or without
/// patronymic or possessive, in the nominative or another grammatical case — as a known entity.
///
/// A name in another case (`Светланы Тихановской`, `Łukaszenki`, `Lukaschenkos`) is tried last,
/// through the case forms of the text patterns: it is recognised when one mention covers all of
/// it, every word is a listed word or a case form of it, and no word is a given name in the
/// nominative that the entity does not bear (`Александра Лукашенко` reads as a woman's name).
/// Such a case form also wins over another entity's name that only the key or the words
/// matched: Polish `Cichanouskiej` keys like `Cichanouski` (Siarhei) but is the genitive of
/// `Cichanouska` (Sviatlana).
///
/// A full name decides between bearers of a surname (`Viktar Lukashenka` is the son); a bare
/// surname goes to the entity the tables mark as its default bearer. A name that several
/// entities could equally be returns `None`; [`candidates`] lists them.
///
/// # Examples
///
/// ```
/// use canonym::lookup;
/// let id = |name| lookup(name).map(|m| m.entity().id());
/// assert_eq!(id("Lukashenka's"), Some("per:alyaksandr-lukashenka"));
/// assert_eq!(id("ЛУКАШЕНКО Александр Григорьевич"), Some("per:alyaksandr-lukashenka"));
/// assert_eq!(id("Viktar Lukashenka"), Some("per:viktar-lukashenka"));
/// assert_eq!(id("Tikhanovskaya"), Some("per:sviatlana-tsikhanouskaya"));
/// assert_eq!(id("Tsikhanouski"), Some("per:siarhei-tsikhanouski"));
/// assert_eq!(id("Salihorsk"), Some("loc:salihorsk"));
/// assert_eq!(id("Светланы Тихановской"), Some("per:sviatlana-tsikhanouskaya"));
/// assert_eq!(id("Cichanouskiej"), Some("per:sviatlana-tsikhanouskaya"));
/// assert_eq!(id("Pinsk"), Some("loc:pinsk-by"));
/// assert_eq!(id("Atlantis"), None);
/// ```
pub fn lookup(name: &str) -> Option<Match<'static>> {
    lookup_in(Store::BUILTIN, name)
}

pub(crate) fn lookup_in<'g>(store: Store<'g>, name: &str) -> Option<Match<'g>> {
    // Two entities are enough to know there is no one answer: a surname that thousands of
    // persons of a large table share is not verified against every one of them.
    match matches_up_to(store, name, 2).as_slice() {
        [only] => Some(*only),
        _ => None,
    }
}

/// Every entity `name` could be, as matches ranked best first (see
/// [`crate::Gazetteer::matches`]): one for a recognised name, several for namesakes or an
/// ambiguous form, none for an unknown name.
///
/// The best form the name resolves to decides: a listed spelling before a key, a key before
/// the words in another order (see [`resolve`]). Each entity of that form is then held to what
/// a lone entity would be: a spelling found by its key must pass the verifier ([`verified`])
/// for that entity, so namesakes by key (`Bindura`, `Bundoora`) are told apart by the verifier,
/// and a listed spelling of one entity (`Bindura`) never meets the key-only namesakes at all.
///
/// A name that is nothing as written but a word for "town" before a place's name (`Horad
/// Zhodzina`, `город Жодино`, `miasto Pińsk`) is that place: see [`after_town_word`].
pub(crate) fn matches_in<'g>(store: Store<'g>, name: &str) -> Vec<Match<'g>> {
    matches_up_to(store, name, usize::MAX)
}

/// [`matches_in`], stopping once `limit` entities of the best form have verified (`lookup`
/// needs two at most); the ranking is then over those.
fn matches_up_to<'g>(store: Store<'g>, name: &str, limit: usize) -> Vec<Match<'g>> {
    // A name in a script whose Latin reading is a guess is found by its listed spellings only:
    // filtered after the search, which must then find them all.
    let guessed = guessed_script(name);
    let limit = if guessed { usize::MAX } else { limit };
    let mut found = matches_read(store, name, limit);
    if guessed {
        let spelled = written(strip_decoration(name));
        found.retain(|m| {
            m.entity
                .names()
                .iter()
                .any(|n| written(n.text()) == spelled)
        });
    }
    found
}

/// `text` as compared letter for letter: compatibility-normalized and lowercased.
fn written(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// Whether `text` has letters of a script whose Latin reading the fold can only guess: the
/// abjads (Hebrew, Arabic, Syriac, Thaana) leave vowels unwritten, and Han ideographs are read
/// by the language (静岡 is Shizuoka in Japanese, *jing gang* in Pinyin, which GeoNames lists
/// for Sakaiminato's 境港). Kana, a syllabary, reads one way (プーチン is Putin) and is not one.
/// Such a name is found by the entity's spellings of it, letter for letter, never by the Latin
/// its fold makes.
fn guessed_script(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x0590..=0x08FF       // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
            | 0xFB1D..=0xFDFF     // Hebrew and Arabic presentation forms
            | 0xFE70..=0xFEFC
            | 0x3400..=0x4DBF     // Han
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0x20000..=0x3134F)
    })
}

/// [`matches_in`] before the script rule.
fn matches_read<'g>(store: Store<'g>, name: &str, limit: usize) -> Vec<Match<'g>> {
    // Only this first search may stop early: what it finds is the answer as it is, where the
    // fallbacks below filter what they find.
    let found = matches_as_written(store, name, limit);
    if !found.is_empty() {
        return found;
    }
    // A case form of a name that only lookup reads (asked here once, not of every respelling
    // the fallbacks below look up).
    let found = lookup_only_case_forms(store, name);
    if !found.is_empty() {
        return found;
    }
    // Cyrillic written as ISO 9 folded to ASCII (`Ivacevici`): each reading of its letters is
    // looked up, and what it finds must verify as the name was written — as a near-exact
    // rendering by one system, of a name of five letters or more: a respelling is a second
    // guess (`Cahem` is not Chegem, `Jos` not Esch, `tai cang` is Pinyin).
    let mut key = String::new();
    // (Only an ASCII name has such readings.)
    let letters = name.bytes().filter(u8::is_ascii_alphabetic).count();
    let readings = if name.is_ascii() && letters >= 5 {
        iso9_ascii_readings(name)
    } else {
        Vec::new()
    };
    for spelled in readings {
        // Most readings of most names key to nothing: a key settles that before a lookup.
        key.clear();
        fold::key_in_reading(&spelled, HOMOGLYPHS, Reading::Common, &mut key);
        if by_key(store, &key).is_empty() {
            continue;
        }
        let found: Vec<Match<'g>> = matches_as_written(store, &spelled, usize::MAX)
            .into_iter()
            .filter_map(|m| {
                let (score, why) = verified(m.entity, name, How::Key)?;
                // One system for the words that needed one (`any`: every word as listed).
                let one_system = why
                    .as_str()
                    .strip_prefix("key:")
                    .is_some_and(|s| !s.contains('+'));
                if score < RESPELLED || !one_system {
                    return None;
                }
                Some(Match {
                    score: millis(score),
                    why,
                    how: How::Key,
                    ..m
                })
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
        // The reading's letters mix the systems it guesses between (`Chistakovo` for
        // Чистяково is no system's), so the verifier may refuse what it proposes; the name
        // may still be one of the proposed entity's Cyrillic names in ISO 9 folded to ASCII,
        // letter for letter (я as `a`: two lossy folds the verifier's threshold for a
        // respelling turns away).
        let Some(&(form, _)) = by_key(store, &key).first() else {
            continue;
        };
        let mut found: Vec<Match<'g>> = store
            .form_entities(form)
            .iter()
            .filter_map(|&e| {
                let entity = store.entity(e)?;
                let listed = iso9_ascii_name(entity, name)?;
                Some(Match {
                    entity,
                    name: listed,
                    how: How::Key,
                    homoglyph: false,
                    score: millis(ISO9_ASCII),
                    why: Why::keyed(How::Key, ISO9_ASCII_SYSTEM),
                })
            })
            .collect();
        if !found.is_empty() {
            rank(&mut found);
            return found;
        }
    }
    // A word for "town" before a place's name (`Horad Zhodzina`, `город Жодино`).
    if let Some(place) = after_town_word(name) {
        let found: Vec<Match<'g>> = matches_as_written(store, place, usize::MAX)
            .into_iter()
            .filter(|m| m.entity.kind() == Kind::Place)
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    // A country's name in its state's form (`Republic of Poland`, `Latvijas Republika`): a
    // place within no other (a city's scope is its country: `Republic of Minsk` is none).
    if let Some(country) = state_form::without_state_form(name) {
        let found: Vec<Match<'g>> = matches_as_written(store, &country, usize::MAX)
            .into_iter()
            .filter(|m| m.entity.kind() == Kind::Place && m.entity.scope().is_none())
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    // A nasab written with the other particle (`Turki ibn Ibrahim` for `Turki bin Ibrahim`).
    for other in nasab_spellings(name) {
        let mut found = matches_as_written(store, &other, usize::MAX);
        found.retain(|m| m.entity.kind() == Kind::Person);
        if !found.is_empty() {
            return found;
        }
    }
    // A person's name after a title (`Dr. Rami Makhlouf`, `Sir Arkady Rotenberg`).
    if let Some(rest) = title::without_title(name) {
        let mut found = matches_as_written(store, rest, usize::MAX);
        found.retain(|m| m.entity.kind() == Kind::Person);
        if !found.is_empty() {
            return found;
        }
    }
    // A typing slip: two neighbouring letters of one word swapped (`Kira Samsonvoa`).
    let found = undo_swapped_letters(store, name);
    if !found.is_empty() {
        return found;
    }
    // An organization's name with its legal form (`OJSC Naftan`), or in other words
    // (`Minsk Automotive Plant`): see `org`.
    let legal_form = org::without_legal_form(name);
    if let Some(rest) = &legal_form {
        let mut found = matches_as_written(store, rest, usize::MAX);
        found.retain(|m| matches!(m.entity.kind(), Kind::Organization | Kind::Media));
        if !found.is_empty() {
            return found;
        }
    }
    if legal_form.is_none() && !org::may_translate(name) {
        return Vec::new();
    }
    let mut out: Vec<Match<'g>> = org::translated(store, name)
        .into_iter()
        .filter_map(|(entity, i)| {
            Some(Match {
                entity,
                name: entity.names().get(i)?,
                how: How::Translation,
                homoglyph: false,
                score: millis(score_of(How::Translation)),
                why: Why::of(How::Translation),
            })
        })
        .collect();
    rank(&mut out);
    out
}

/// The entities `name` is once two neighbouring letters of one of its words are swapped back
/// (see [`How::Typo`]), each with its best such spelling; every entity any respelling finds,
/// so that a slip two names are near is ambiguous rather than guessed. A respelling is looked
/// up as written and must be found surely (a case form or a loose key match of a respelling is
/// a second guess).
fn undo_swapped_letters<'g>(store: Store<'g>, name: &str) -> Vec<Match<'g>> {
    let mut key = String::new();
    let mut out: Vec<Match<'g>> = Vec::new();
    for spelled in swapped_letters(name) {
        // Most respellings key to nothing: a key settles that before a lookup.
        key.clear();
        fold::key_in_reading(&spelled, HOMOGLYPHS, Reading::Common, &mut key);
        if by_key(store, &key).is_empty() {
            continue;
        }
        for m in matches_as_written(store, &spelled, usize::MAX) {
            // One guess on top of the slip, and a sure one: the respelling as listed (in any
            // order), or a near-exact rendering of it by one system — not a case form, another
            // language's given name or a mix of systems (`Заходняя Еўропа` respelled is not
            // `Усходняя Еўропа` by a given name's key).
            let one_system = m
                .why
                .as_str()
                .strip_prefix("key:")
                .is_some_and(|s| !s.contains('+'));
            let sure = match m.how {
                How::Alias | How::Words => true,
                How::Key => one_system && m.score >= millis(RESPELLED),
                _ => false,
            };
            // Persons only: two places or firms a swap apart are two (`Santa Luiza` and
            // `Santa Luzia`, `Gracia` and `García` in GeoNames).
            if !sure || m.entity.kind() != Kind::Person {
                continue;
            }
            let typo = Match {
                how: How::Typo,
                score: m.score.min(millis(score_of(How::Typo))),
                why: Why::typo(m.why),
                ..m
            };
            match out.iter_mut().find(|o| std::ptr::eq(o.entity, m.entity)) {
                Some(o) if o.score >= typo.score => {}
                Some(o) => *o = typo,
                None => out.push(typo),
            }
        }
    }
    rank(&mut out);
    out
}

/// `name` with two neighbouring letters of one word swapped, for each such pair: the
/// respellings [`undo_swapped_letters`] looks up. Only in a name of two words or more (the
/// others confirm whose name it is), in words of five letters or more, and not the first
/// letter (a capital), nor a word that is a given name as written: a short word, a lone one
/// or a real given name is too often another name a swap away.
fn swapped_letters(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    for (w, word) in words.iter().enumerate() {
        let chars: Vec<char> = word.chars().collect();
        // A given name as written is no slip (`Aleksandra` is a woman's name, not a
        // mistyped `Aleksandar`).
        if chars.iter().filter(|&&c| fold::is_alphabetic(c)).count() < 5
            || !crate::given_name::names_written(word).is_empty()
        {
            continue;
        }
        for i in 1..chars.len().saturating_sub(1) {
            let (Some(&a), Some(&b)) = (chars.get(i), chars.get(i + 1)) else {
                continue;
            };
            if a == b || !fold::is_alphabetic(a) || !fold::is_alphabetic(b) {
                continue;
            }
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            let respelled: String = swapped.into_iter().collect();
            let mut parts = words.clone();
            if let Some(slot) = parts.get_mut(w) {
                *slot = &respelled;
            }
            out.push(parts.join(" "));
        }
    }
    out
}

/// `name` with its nasab particle written the other ways (`bin` ↔ `ibn`, `binti` ↔ `bint`):
/// one particle, which transcriptions of Arabic write differently. Empty for a name without one.
fn nasab_spellings(name: &str) -> Vec<String> {
    const SPELLINGS: [&[&str]; 2] = [&["bin", "ibn", "ibnu"], &["bint", "binti"]];
    let words: Vec<&str> = name.split(' ').collect();
    let mut out = Vec::new();
    for set in SPELLINGS {
        // The particles are ASCII, and no other letter lowercases to an ASCII letter of theirs
        // (only the Kelvin sign lowercases to ASCII, to `k`): an ASCII comparison is the
        // lowercase one, without lowercasing every word of every name looked up.
        let is_particle = |w: &str| set.iter().any(|p| w.eq_ignore_ascii_case(p));
        if !words.iter().any(|w| is_particle(w)) {
            continue;
        }
        for particle in set {
            let variant: Vec<&str> = words
                .iter()
                .map(|&w| if is_particle(w) { *particle } else { w })
                .collect();
            let variant = variant.join(" ");
            if variant != name {
                out.push(variant);
            }
        }
    }
    out
}

/// The words for "town" or "city" that the region's languages put before a town's name
/// (Belarusian horad/горад, Russian gorod/город, Ukrainian misto/місто, Polish miasto,
/// Lithuanian miestas, Latvian pilsēta, English town/city [of], German Stadt), lowercase.
const TOWN_WORDS: &[&str] = &[
    "city",
    "gorod",
    "horad",
    "miasto",
    "miestas",
    "misto",
    "pilsēta",
    "stadt",
    "town",
    "горад",
    "город",
    "місто",
];

/// The rest of `name` after a leading word for "town" (and an English "of"), when there is a
/// rest: `Horad Zhodzina` → `Zhodzina`. Only the rest's place readings count.
fn after_town_word(name: &str) -> Option<&str> {
    let name = name.trim_start();
    let (first, rest) = name.split_once(char::is_whitespace)?;
    if !TOWN_WORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("of ").map_or(rest, str::trim_start);
    (!rest.trim().is_empty()).then_some(rest)
}

/// [`matches_in`] for the name as written: its spellings, keys, words and case forms.
fn matches_as_written<'g>(store: Store<'g>, name: &str, limit: usize) -> Vec<Match<'g>> {
    let (forms, homoglyph) = resolve(store, name);
    let Some(&(form, how)) = forms.first() else {
        return case_form(store, name).into_iter().collect();
    };
    if let Some(declined) = declined_instead(store, &forms, name) {
        return vec![declined];
    }
    let mut out = Vec::new();
    let mut wrong_case = false;
    for &e in store.form_entities(form) {
        if out.len() >= limit {
            break;
        }
        let Some(entity) = store.entity(e) else {
            continue;
        };
        // The verifier first (it keeps every listed spelling): the listed name a namesake
        // shows is looked for, and may be aligned with every name of it, only for an entity
        // that is kept.
        let Some((score, why)) = verified(entity, name, how) else {
            continue;
        };
        let Some(listed) = listed_name(store, form, e, name) else {
            continue;
        };
        if how == How::Alias && !acronym_case_ok(entity, listed, name) {
            wrong_case = true;
            continue;
        }
        out.push(Match {
            entity,
            name: listed,
            how,
            homoglyph,
            score: millis(score),
            why,
        });
    }
    if out.is_empty() && !wrong_case {
        // The key proposed entities that the verifier refused: the name may still be a case
        // form of a listed name (read through the mention search, which verifies its own).
        return case_form(store, name).into_iter().collect();
    }
    rank(&mut out);
    out
}

/// Orders namesakes: by weight, the heaviest first and those without one last; then by
/// score; then by ID, so that equal candidates come in a stable order.
pub(crate) fn rank(matches: &mut [Match<'_>]) {
    matches.sort_by(|a, b| {
        let weight = |m: &Match<'_>| m.entity.weight();
        let by_weight = match (weight(a), weight(b)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by_weight
            .then(b.score.cmp(&a.score))
            .then_with(|| a.entity.id().cmp(b.entity.id()))
    })
}

/// The listed name of entity `e` that `form` stands for. A form records the name of its first
/// entity only; a namesake's is its own name that folds (or keys) as that one does, else the
/// one nearest the input.
fn listed_name<'g>(store: Store<'g>, form: Form, e: u32, input: &str) -> Option<&'g Name> {
    let entity = store.entity(e)?;
    let first = store.name(form)?;
    if form.name.0 == e {
        return Some(first);
    }
    let names = entity.names();
    let same = |f: fn(&str) -> String| {
        let want = f(first.text());
        names.iter().find(|n| f(n.text()) == want)
    };
    same(fold::fold_plain)
        .or_else(|| same(fold::key_plain))
        .or_else(|| closest(entity, input))
        .or_else(|| names.first())
}

/// Every entity a name could be: one for a recognised name, several for an ambiguous one
/// (such as an initial shared by two people), none for an unknown name.
///
/// # Examples
///
/// ```
/// // Valery and Veronika Tsapkala share the initial.
/// let ids: Vec<_> = canonym::candidates("V. Tsapkala").iter().map(|e| e.id()).collect();
/// assert_eq!(ids, ["per:valery-tsapkala", "per:veronika-tsapkala"]);
/// ```
pub fn candidates(name: &str) -> Vec<&'static Entity> {
    candidates_in(Store::BUILTIN, name)
}

pub(crate) fn candidates_in<'g>(store: Store<'g>, name: &str) -> Vec<&'g Entity> {
    let mut out: Vec<&'g Entity> = matches_in(store, name).iter().map(|m| m.entity).collect();
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}

/// The forms a name resolves to, best first: its light fold among the listed spellings, then
/// its key (in the common reading of Latin letters, then in each fallback reading), its words
/// in any order, its words with given names stemmed, and its words without one (a patronymic
/// the tables do not list). A leading article (`The Associated Press`) is tried without.
fn resolve<'g>(store: Store<'g>, name: &str) -> (Vec<(Form, How)>, bool) {
    let name = strip_decoration(name);
    // Longer than any name in the tables, even with a patronymic and a middle name the tables
    // do not list: not a name to look up (and not worth keying in six readings).
    if fold::Tokens::new(name)
        .nth(store.max_name_words() + 2)
        .is_some()
    {
        return (Vec::new(), false);
    }
    let mut buf = String::with_capacity(name.len() + 8);
    let mut homoglyph = fold_into(name, &mut buf);
    if let Some(f) = store.alias(buf.as_str()) {
        return (vec![(f, How::Alias)], homoglyph);
    }
    // Two to four capitals (`AKR`, `UFA`, `ЕС`) are a code or an acronym: found as listed,
    // never as another name's spelling by its key (IATA's AKR is not Accra).
    if is_code(name) {
        return (Vec::new(), homoglyph);
    }
    for reading in std::iter::once(Reading::Common).chain(Reading::FALLBACKS) {
        if reading != Reading::Common && !reading.could_change(name) {
            continue;
        }
        buf.clear();
        homoglyph |= fold::key_in_reading(name, HOMOGLYPHS, reading, &mut buf).homoglyph;
        let found = by_key(store, &buf);
        if !found.is_empty() {
            return (found, homoglyph);
        }
    }
    for article in ["The ", "the ", "THE "] {
        if let Some(rest) = name.strip_prefix(article) {
            return resolve(store, rest);
        }
    }
    if let Some(stemmed) = without_lithuanian_endings(name) {
        let (found, h) = resolve(store, &stemmed);
        return (found, homoglyph | h);
    }
    (Vec::new(), homoglyph)
}

/// Whether `name` is one word of two to four capital letters: a code (IATA's `AKR`) or an
/// acronym rather than a spelling of a name.
fn is_code(name: &str) -> bool {
    let n = name.chars().count();
    (2..=4).contains(&n) && name.chars().all(char::is_uppercase)
}

/// The score of a name that is a listed Cyrillic name in ISO 9 folded to ASCII letter for
/// letter (see [`iso9_ascii_name`]): as sure as a spelling, less than a listed one, since the
/// fold merges letters (я and а are both `a`).
const ISO9_ASCII: f32 = 0.9;

/// How a why names that rendering: ISO 9 (ICU's `Any-Latin`) and then `Latin-ASCII`.
const ISO9_ASCII_SYSTEM: &str = "iso9-ascii";

/// The Cyrillic name of `entity` that `name` writes in ISO 9 folded to ASCII, letter for letter
/// (ICU's `Any-Latin; Latin-ASCII`: `Cistakovo` for Чистяково, `Kam'ans'ke` for Кам'янське),
/// compared by the light fold (case, marks and apostrophes aside).
fn iso9_ascii_name<'g>(entity: &'g Entity, name: &str) -> Option<&'g Name> {
    let want = fold::fold_plain(name);
    entity.names().iter().find(|n| {
        let cyrillic = n
            .text()
            .chars()
            .any(|c| fold::script(c) == fold::Script::Cyrillic);
        let scheme = if n.lang().starts_with("uk") {
            crate::Scheme::UK_ISO9
        } else {
            crate::Scheme::RU_ISO9
        };
        cyrillic && fold::fold_plain(&crate::translit::translit(n.text(), scheme)) == want
    })
}

/// The spellings `name` stands for when it is ISO 9 folded to ASCII, as ICU's `Any-Latin;
/// Latin-ASCII` writes Cyrillic (`Ivacevici` for Ивацевичи, `Voskresensk`, `Zodino`): there a
/// bare `c` is ц or ч, `s` is с, ш or щ, `z` is з or ж, letters the key keeps apart. At most
/// 32 respellings are tried (the verifier then decides, as for any key).
fn iso9_ascii_readings(name: &str) -> Vec<String> {
    // What marks such a spelling: a bare `c` (not `ch`, `ck`, `cz`, `cs`, `cc`, which other
    // spellings use), an `s` or a `z`. Each reading is keyed before it is looked up, so
    // respelling costs bulk lookup of 124,610 unknown Latin names about 7% of its CPU time.
    let bytes = name.as_bytes();
    let marked = bytes.iter().enumerate().any(|(i, &b)| match b | 0x20 {
        b'c' => !bytes
            .get(i + 1)
            .is_some_and(|n| matches!(n | 0x20, b'h' | b'k' | b'z' | b's' | b'c')),
        b'z' | b's' => true,
        _ => false,
    });
    if !name.is_ascii() || !marked {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    for c in name.chars() {
        let options: &[&str] = match c {
            'c' => &["ts", "ch"],
            'C' => &["Ts", "Ch"],
            's' => &["s", "sh"],
            'S' => &["S", "Sh"],
            'z' => &["z", "zh"],
            'Z' => &["Z", "Zh"],
            _ => &[],
        };
        if options.is_empty() || out.len() * options.len() > 32 {
            out.iter_mut().for_each(|o| o.push(c));
            continue;
        }
        out = out
            .iter()
            .flat_map(|o| options.iter().map(move |x| format!("{o}{x}")))
            .collect();
    }
    out
}

/// The case form that `name` is of another entity's listed name, when `resolve` found it
/// only by its key or its words (`forms`): a key tolerates spellings (*-ski*, *-skiy*, *-skij*
/// for *-ский*), and a case form that the declension rules make from a listed name, letter
/// for letter, is the stronger reading. Polish *Cichanouskiej* is the genitive of Sviatlana's
/// *Cichanouska*, although its key is that of her husband's *Cichanouski*.
fn declined_instead<'g>(store: Store<'g>, forms: &[(Form, How)], name: &str) -> Option<Match<'g>> {
    let &(form, how) = forms.first()?;
    if how == How::Alias {
        return None;
    }
    let declined = case_form(store, name)?;
    let same = |&e: &u32| {
        store
            .entity(e)
            .is_some_and(|e| std::ptr::eq(e, declined.entity))
    };
    match store.form_entities(form) {
        [entity] if same(entity) => None,
        _ => Some(declined),
    }
}

/// A case form of a listed name (`Светланы Тихановской`, `Віктару Бабарыку`, `Łukaszenki`):
/// the text patterns have every case form of every name, so the name is read as a text, and
/// recognised when one mention covers all of it. A mention of part of it is not enough
/// (`Ивана Лукашенко` is not Alyaksandr Lukashenka).
fn case_form<'g>(store: Store<'g>, name: &str) -> Option<Match<'g>> {
    let name = strip_decoration(name);
    // As in `resolve`: longer than any name, so not one.
    if fold::Tokens::new(name)
        .nth(store.max_name_words() + 2)
        .is_some()
    {
        return None;
    }
    // Most names looked up in bulk are not known. A mention of all of the name starts at its
    // first word, which must then be in the index: one word folded and keyed settles most
    // names, where the mention search over all of them (its buffers and maps made and freed
    // for each name) was a third of bulk lookup.
    if !may_start_at_zero(store, name) {
        return None;
    }
    // The mention search itself, not the public `Matcher`: it reads the same store and knows
    // nothing of lookup, so the two never call each other back.
    let mut mentions = find_all(store, name).into_iter();
    let m = mentions.next()?;
    if mentions.next().is_some()
        || m.range() != (0..name.len())
        || !bears_given_names(m.entity(), name)
        || feminine_nominative(m.entity(), name)
    {
        return None;
    }
    Some(Match {
        entity: m.entity(),
        name: declined_name(m.entity(), name, false)?,
        how: m.how(),
        homoglyph: m.is_homoglyph(),
        score: millis(m.score()),
        why: m.why(),
    })
}

/// The entities `name` is a case form of a lookup-only name of (`notext`; see
/// `Compiled::stems`): `w Lublinie`, `у Львові`, `Zielonej Górze`. Case forms come from the
/// text patterns (see [`case_form`]), which a name kept out of running text has none of — most
/// towns of a gazetteer, named like a word or a surname. The name's first word is cut to the
/// stems the index keeps of such names, by zero to four letters; a name found there counts only
/// when its declension rules give the words looked up ([`declined_name`]), and a woman's
/// surname in the nominative is not read as a case form of the town named like the man's
/// (`Борисова` is not in Барысаў/Борисов). Several entities are all returned, ranked, for the
/// caller to report as ambiguous.
fn lookup_only_case_forms<'g>(store: Store<'g>, name: &str) -> Vec<Match<'g>> {
    let name = strip_decoration(name);
    // A second guess, made only for a name written as one: capitalized (`yaroslava` is not
    // read as the genitive of Jarosław's `Yaroslav`).
    if !pattern_words(name).all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return Vec::new();
    }
    let (Some(first), n) = (pattern_words(name).next(), pattern_words(name).count()) else {
        return Vec::new();
    };
    if n > STEM_NAME_WORDS {
        return Vec::new();
    }
    let mut fold = String::new();
    fold::fold_into(first, fold::Homoglyphs::NONE, &mut fold);
    let mut entities: Vec<u32> = Vec::new();
    let mut found: Vec<String> = Vec::new();
    let mut key = String::new();
    for stem in stems_of(&fold) {
        key.clear();
        key.push_str(stem);
        push_word_count(&mut key, n);
        if let Some(form) = store.stem(&key) {
            entities.extend_from_slice(store.form_entities(form));
            found.push(key.clone());
        }
    }
    if entities.is_empty() {
        return Vec::new();
    }
    entities.sort_unstable();
    entities.dedup();
    let script = first.chars().next().map(fold::script);
    // Whether a listed name may start as a stem found does, by its first letter, where the
    // fold keeps that letter as it is (ASCII, and Cyrillic а–я but й): a town has dozens of
    // names, and folding each to compare its stem was most of this search.
    let may_start = |text: &str| {
        let Some(c) = text.chars().next().and_then(|c| c.to_lowercase().next()) else {
            return false;
        };
        let kept = c.is_ascii_alphabetic() || (('а'..='я').contains(&c) && c != 'й');
        !kept || found.iter().any(|s| s.starts_with(c))
    };
    let mut declined = Declined::new(name);
    let folds = declined.folds.clone();
    let mut out: Vec<Match<'g>> = entities
        .into_iter()
        .filter_map(|e| {
            let entity = store.entity(e)?;
            // Only the names the index declines for lookup, by one of the stems found (see
            // `declined_in_lookup`): the stem found the entity, not which of its names the
            // words are forms of. The cheap tests first: a town has dozens of names.
            let listed = declined.name_where(entity, false, |listed| {
                listed.is_lookup_only()
                    && listed.text().chars().next().map(fold::script) == script
                    && may_start(listed.text())
                    && pattern_words(listed.text()).count() == n
                    && stem_key(listed.text(), &mut key)
                    && found.contains(&key)
                    && stems_agree(listed.text(), &folds, &mut key)
                    && declined_in_lookup(listed.text(), entity.canonical())
            })?;
            if feminine_nominative(entity, name) || !endings_as_written(name, listed) {
                return None;
            }
            Some(Match {
                entity,
                name: listed,
                how: How::Inflection,
                homoglyph: false,
                score: millis(score_of(How::Inflection)),
                why: Why::of(How::Inflection),
            })
        })
        .collect();
    rank(&mut out);
    out
}

/// Whether each word of `listed` has its stem (see `stem_key`) at the start of the fold of
/// the word of the name looked up in its place (`folds`): a cheap test before the declension
/// rules are asked (`buf`: a buffer).
fn stems_agree(listed: &str, folds: &[String], buf: &mut String) -> bool {
    pattern_words(listed).zip(folds).all(|(word, got)| {
        buf.clear();
        // The stem of a word alone: its key less the word count.
        stem_key(word, buf)
            && buf
                .rsplit_once(' ')
                .is_some_and(|(stem, _)| got.starts_with(stem))
    })
}

/// Whether each word of `text` ends as the case form of the word of `listed` it folds like
/// does, marks included (see [`lookup_only_case_forms`]): the folds of the forms drop the
/// marks, and an ending's mark is the case (`Lissę`, the accusative of Lissa, is not the Dutch
/// town `Lisse`; `Кентаў` is not `Кентау`). A stem may be written without its marks (`Lodzi`).
fn endings_as_written(text: &str, listed: &Name) -> bool {
    let ending = |s: &str| -> Vec<char> {
        let lower: Vec<char> = s.chars().flat_map(char::to_lowercase).collect();
        lower.iter().rev().take(2).copied().collect()
    };
    let words: Vec<&str> = pattern_words(listed.text()).collect();
    let n = words.len();
    pattern_words(text)
        .zip(&words)
        .enumerate()
        .all(|(i, (got, &word))| {
            let folded = fold::fold_plain(got);
            if folded == fold::fold_plain(word) {
                return true;
            }
            let (lang, last) = crate::inflect::paradigm(word, listed.lang(), i + 1 == n, false);
            let mut forms = crate::inflect::FormList::default();
            crate::inflect::inflections(word, lang, last, &mut forms);
            // -а for -о is how Belarusian and Russian spell one surname (Лукашэнка,
            // Лукашенко), not a case of a town's name: Дубно is another town than Дубна.
            let respelled = |f: &str| {
                f.strip_suffix(['о', 'o'])
                    .is_some_and(|stem| word.strip_suffix(['а', 'a']) == Some(stem))
            };
            forms
                .iter()
                .any(|f| fold::fold_plain(f) == folded && ending(f) == ending(got) && !respelled(f))
        })
}

/// Whether `text`, one word, reads first as a woman's surname in the nominative (`Zakharova`,
/// `Захарова`) where `entity`'s listed surname is the man's (`Zakharov`): the genitive that
/// the declension rules make is the other, rarer reading of a name looked up alone, and the
/// woman is another person.
fn feminine_nominative(entity: &Entity, text: &str) -> bool {
    const MASCULINE: &[&str] = &[
        "ov", "ev", "ёv", "in", "yn", "ов", "ев", "ёв", "ин", "ын", "оў", "еў", "ін",
    ];
    let mut words = fold::Tokens::new(text);
    let (Some(word), None) = (words.next(), words.next()) else {
        return false;
    };
    let lower = word.text.to_lowercase();
    let Some(stem) = lower.strip_suffix(['a', 'а']) else {
        return false;
    };
    entity.names().iter().any(|n| {
        pattern_words(n.text()).any(|w| {
            let w = w.to_lowercase();
            w == stem && MASCULINE.iter().any(|m| w.ends_with(m))
        })
    })
}

/// Whether every word of `text` that is a given name in the nominative (as
/// `tables/given_names.tsv` writes it) is, in one of its forms, a word of a name of `entity`.
/// A name to look up is read in the nominative first: `Aleksandra Lukashenko` is a woman,
/// although `Александра` is also the genitive of `Александр`.
fn bears_given_names(entity: &Entity, text: &str) -> bool {
    let theirs: Vec<String> = entity
        .names()
        .iter()
        .flat_map(|n| fold::Tokens::new(n.text()).map(|t| crate::key(t.text)))
        .collect();
    fold::Tokens::new(text).all(|t| {
        let names = crate::given_name::names_written(t.text);
        names.is_empty() || theirs.iter().any(|k| names.contains(&k.as_str()))
    })
}

/// The listed name of `entity` whose words `text` has, each as written or in a case form the
/// text patterns have for it (in the name's order, or the other for two words): a mention
/// found by a key alone (`Лагуцька` for a form of `Лагойск`) is a guess that lookup, which
/// reads names one at a time, does not make. With `borrowed` false, a Polish or Czech form of
/// a name of no known language (`und`: a bare string in a user's list) is not one: lookup
/// reads a name alone, where `Acre` is not the Czech dative of GeoNames' `Acra` (Accra), while
/// running text in Polish declines any foreign name (`w Grodnie`). A name whose language the
/// tables give (`Kalesnikawa`, de) keeps the forms Polish gives it (`Kalesnikawej`).
fn declined_name<'g>(entity: &'g Entity, text: &str, borrowed: bool) -> Option<&'g Name> {
    Declined::new(text).name(entity, borrowed)
}

/// [`declined_name`] for one text and many entities (the candidates of an ambiguous name in
/// running text: namesakes, hundreds in a large table, who share the words whose case forms
/// are worked out): the text's words are folded once, and whether a word of it is a form of
/// a listed word is worked out once for each listed word.
pub(crate) struct Declined<'g> {
    folds: Vec<String>,
    /// The text, and its key when asked for.
    text: String,
    key: std::cell::OnceCell<String>,
    /// `(position in the text, listed word, its language, exact, case-sensitive, last,
    /// surname, borrowed)` → whether the text's word there is a form of it.
    known: crate::str_map::Map<(usize, &'g str, &'g str, [bool; 5]), bool>,
}

impl<'g> Declined<'g> {
    pub(crate) fn new(text: &str) -> Declined<'g> {
        let folds = pattern_words(text)
            .map(|w| {
                let mut out = String::new();
                fold::fold_into(w, fold::Homoglyphs::NONE, &mut out);
                out
            })
            .collect();
        Declined {
            folds,
            text: text.to_owned(),
            key: std::cell::OnceCell::new(),
            known: crate::str_map::Map::default(),
        }
    }

    /// See [`declined_name`].
    pub(crate) fn name(&mut self, entity: &'g Entity, borrowed: bool) -> Option<&'g Name> {
        self.name_where(entity, borrowed, |_| true)
    }

    /// [`Declined::name`] among the names of `entity` that `keep` keeps.
    fn name_where(
        &mut self,
        entity: &'g Entity,
        borrowed: bool,
        mut keep: impl FnMut(&Name) -> bool,
    ) -> Option<&'g Name> {
        let n = self.folds.len();
        let (folds, known) = (&self.folds, &mut self.known);
        entity
            .names()
            .iter()
            .filter(|name| keep(name))
            .find(|name| {
                let words: Vec<&'g str> = pattern_words(name.text()).collect();
                let surname = crate::table::surname_word(entity.kind(), &words);
                let mut forms_of = |order: &mut dyn Iterator<Item = &&'g str>| {
                    order.zip(folds).enumerate().all(|(i, (&word, fold))| {
                        let how = (
                            i + 1 == n,
                            surname == Some(word),
                            borrowed || name.lang() != "und",
                        );
                        let flags = [
                            name.flags.exact,
                            name.flags.case_sensitive,
                            how.0,
                            how.1,
                            how.2,
                        ];
                        *known
                            .entry((i, word, name.lang(), flags))
                            .or_insert_with(|| is_form_of(fold, word, name.lang(), name.flags, how))
                    })
                };
                words.len() == n
                    && (forms_of(&mut words.iter()) || n == 2 && forms_of(&mut words.iter().rev()))
            })
    }
}

/// Whether `input` is written as `listed` is, when `listed` is a case-sensitive acronym
/// (`MTZ`, `OTAN`, `E.U.`): its letters exactly, in its case and with its diacritics — in
/// lowercase it is another word (`mtz`, `otan` are romanized place names), and `É.-U.` is
/// French for the United States. Any other name is looked up in any letter case.
fn acronym_case_ok(entity: &Entity, listed: &Name, input: &str) -> bool {
    // (Most listed names are not case-sensitive: that settles it before their letters are read.)
    if !listed.is_case_sensitive() {
        return true;
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|&c| fold::is_alphabetic(c))
            .collect::<Vec<_>>()
    };
    let want = letters(listed.text());
    if want.len() < 2 || !want.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    let input = strip_decoration(input);
    let got = letters(input);
    // The entity may list the same letters as a word too (`Nato`, `Tass`), in its own case
    // or in any.
    let fold = |s: &str| {
        let mut out = String::new();
        fold_into(s, &mut out);
        out
    };
    let folded = fold(input);
    entity
        .names()
        .iter()
        .any(|n| fold(n.text()) == folded && (!n.is_case_sensitive() || letters(n.text()) == got))
}

/// Lithuanian gives foreign masculine names its own nominative endings (Aliaksandr**as**,
/// Olaf**as** Scholz**as**, Valerij**us**, Dmitrij**us**); the name without them, or `None` when
/// no word has one. Only a name of two words or more is read so, a person's given name and
/// surname: one word ending so is far more often a name of its own than a Lithuanian form of a
/// listed one (GeoNames' `Malinas` is Mechelen, not Malyn; `Artemis` is Artemida, not Artyom;
/// `Chalcis` is no Scholz), and Lithuanian single names the tables need are listed (`Scholzas`).
fn without_lithuanian_endings(name: &str) -> Option<String> {
    name.split_whitespace().nth(1)?;
    let mut changed = false;
    let words: Vec<&str> = name
        .split(' ')
        .map(|w| {
            for ending in ["as", "is", "ys", "us"] {
                if let Some(stem) = w.strip_suffix(ending) {
                    let before = stem.chars().last().map(|c| c.to_ascii_lowercase());
                    if stem.chars().count() >= 3
                        && before.is_some_and(|c| c.is_alphabetic() && !"aeiouy".contains(c))
                    {
                        changed = true;
                        return stem;
                    }
                }
            }
            w
        })
        .collect();
    changed.then(|| words.join(" "))
}

fn by_key<'g>(store: Store<'g>, key: &str) -> Vec<(Form, How)> {
    if let Some(f) = store.key(key) {
        let how = if f.derivation == Derivation::Listed {
            How::Key
        } else {
            How::Words
        };
        return vec![(f, how)];
    }
    if !key.contains(' ') {
        return Vec::new();
    }
    let words: Vec<&str> = key.split(' ').collect();
    if let Some(f) = by_word_set(store, &words) {
        return vec![(f, How::Words)];
    }
    // Another form of a given name (accepted only when all such forms are of one entity).
    let mut found: Vec<(Form, How)> = Vec::new();
    with_given_names(&words, |other| {
        if let Some(f) = by_word_set(store, other) {
            add_form(&mut found, f, How::GivenName);
        }
    });
    if !found.is_empty() {
        return single_entity(store, found);
    }
    // A patronymic sits in a personal name of three to five words (given names, patronymic,
    // surname); longer input is not such a name, and retrying it without each word would cost
    // quadratic time (a fuzzer found a whole article taking 21 s).
    if !(3..=5).contains(&words.len()) {
        return Vec::new();
    }
    // A patronymic (or a middle name) the tables do not list: try without each word, and
    // accept only a single answer.
    let without = |skip: usize| -> Vec<&str> {
        let kept = words.iter().enumerate().filter(|&(i, _)| i != skip);
        kept.map(|(_, w)| *w).collect()
    };
    for skip in 0..words.len() {
        if let Some(f) = by_word_set(store, &without(skip)) {
            add_form(&mut found, f, How::Words);
        }
    }
    if !found.is_empty() {
        return if found.len() == 1 { found } else { Vec::new() };
    }
    // Both: without a patronymic, and with another form of the given name.
    for skip in 0..words.len() {
        with_given_names(&without(skip), |other| {
            if let Some(f) = by_word_set(store, other) {
                add_form(&mut found, f, How::GivenName);
            }
        });
    }
    single_entity(store, found)
}

/// Calls `each` with `words` in which one word that is a given name is replaced by another
/// form of that name (see [`crate::given_name`]), for every such word and form.
fn with_given_names(words: &[&str], mut each: impl FnMut(&[&str])) {
    let mut other = words.to_vec();
    for (i, &word) in words.iter().enumerate() {
        for &alternative in crate::given_name::alternatives(word) {
            if let Some(slot) = other.get_mut(i) {
                *slot = alternative;
            }
            each(&other);
        }
        if let Some(slot) = other.get_mut(i) {
            *slot = word;
        }
    }
}

/// The form whose words are `words` in any order, as they are or with given names stemmed.
fn by_word_set<'g>(store: Store<'g>, words: &[&str]) -> Option<Form> {
    // A set with a word that is in no set is not there: the filter tells so for most names
    // looked up in bulk, before their words are joined, sorted and hashed. (The stemmed set
    // holds the words as `fold::word_set` stems them.)
    let in_sets = |stemmed: bool| {
        let each = words.iter().flat_map(|w| w.split(' '));
        each.filter(|w| !w.is_empty())
            .all(|w| store.may_be_set_word(if stemmed { fold::word_set_stem(w) } else { w }))
    };
    [false, true].into_iter().find_map(|stemmed| {
        if !in_sets(stemmed) {
            return None;
        }
        store.word_set(&fold::word_set(&words.join(" "), stemmed), stemmed)
    })
}

fn add_form(found: &mut Vec<(Form, How)>, f: Form, how: How) {
    if !found.iter().any(|(g, _)| *g == f) {
        found.push((f, how));
    }
}

/// `found` when its forms are all of one entity (several forms of one person are one answer),
/// else nothing.
fn single_entity<'g>(store: Store<'g>, found: Vec<(Form, How)>) -> Vec<(Form, How)> {
    if found.is_empty() {
        return found;
    }
    let mut entities = found.iter().flat_map(|(f, _)| store.form_entities(*f));
    let first = entities.next();
    if entities.all(|e| Some(e) == first) {
        found.into_iter().take(1).collect()
    } else {
        Vec::new()
    }
}

/// Removes what surrounds a name without being part of it: white space, quotes, brackets,
/// a hashtag or at sign, and an English possessive (`Lukashenka's`, `Belarus'`).
fn strip_decoration(name: &str) -> &str {
    const QUOTES: &[char] = &[
        '"', '\'', '«', '»', '“', '”', '„', '‘', '’', '(', ')', '[', ']', '#', '@', '‹', '›', '*',
        '_',
    ];
    let mut s = name.trim().trim_matches(QUOTES).trim();
    for suffix in ["'s", "’s", "ʼs", "'S", "’S"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    s.trim_end_matches(['\'', '’', 'ʼ'])
}

/// Why `name` resolves (or not) in the built-in tables: each entity that its key (or words)
/// proposed, whether the verifier kept it and through which systems, and its closest listed
/// name's alignment; then the reading as a case form. For `canonym lookup --explain`.
///
/// # Examples
///
/// ```
/// let why = canonym::explain_lookup("Python");
/// assert!(why.contains("per:vladimir-putin"));
/// assert!(why.contains("dropped"));
/// ```
pub fn explain_lookup(name: &str) -> String {
    explain_lookup_in(Store::BUILTIN, name)
}

/// [`explain_lookup`] against any index (the built-in tables, a user's, a compiled file).
pub(crate) fn explain_lookup_in(store: Store<'_>, name: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (forms, _) = resolve(store, name);
    if forms.is_empty() {
        let _ = writeln!(out, "{name}: the key proposes no entity");
    }
    for &(form, how) in forms.iter().take(1) {
        for &e in store.form_entities(form) {
            let Some(entity) = store.entity(e) else {
                continue;
            };
            let listed = store.name(form).map_or("", |n| n.text());
            match verified(entity, name, how) {
                Some((score, why)) => {
                    let _ = writeln!(
                        out,
                        "{name}: {} ({}) proposed by {} as {listed:?}: kept, score {score:.2}, {why}",
                        entity.id(),
                        entity.canonical(),
                        how.as_str(),
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{name}: {} ({}) proposed by {} as {listed:?}: dropped, the verifier aligns no word of a listed name",
                        entity.id(),
                        entity.canonical(),
                        how.as_str(),
                    );
                }
            }
            if how != How::Alias {
                if let Some(n) = closest(entity, name) {
                    let cross = crate::why::reconstructs(entity.names());
                    let v = crate::verify::verify_as(name, n.text(), n.lang(), cross);
                    let _ = writeln!(out, "  closest: {:?} ({})", n.text(), n.lang());
                    for line in v.explain().lines() {
                        let _ = writeln!(out, "  {line}");
                    }
                }
            }
        }
    }
    match case_form(store, name) {
        Some(m) => {
            let _ = writeln!(
                out,
                "{name}: as a case form: {} ({}), score {:.2}, {}",
                m.entity.id(),
                m.entity.canonical(),
                m.score(),
                m.why
            );
        }
        None => {
            let _ = writeln!(out, "{name}: not a case form of a listed name");
        }
    }
    out
}

/// The listed name of `entity` that the verifier scores highest against `name`.
fn closest<'e>(entity: &'e Entity, name: &str) -> Option<&'e Name> {
    let cross = crate::why::reconstructs(entity.names());
    entity
        .names()
        .iter()
        .map(|n| {
            (
                n,
                crate::verify::verify_brief(name, n.text(), n.lang(), cross).0,
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n)
}

/// Why `spelling` is (or is not) a rendering of `listed`: the verifier's alignment, one
/// correspondence a line with the system or rule that produces it, the score, and what blocked
/// a match. `listed` is read in the language of a built-in name spelled so, else by its script
/// (`be` for Cyrillic with `і` or `ў`, `ru` for other Cyrillic, `en` for Latin). For
/// `canonym explain`.
///
/// # Examples
///
/// ```
/// assert!(canonym::explain("Lukashenko", "Лукашэнка").contains("(match)"));
/// assert!(canonym::explain("Python", "Putin").contains("(no match)"));
/// ```
pub fn explain(spelling: &str, listed: &str) -> String {
    let lang = lang_of(listed);
    let v = crate::verify::verify(spelling, listed, lang);
    format!("{spelling} ~ {listed} ({lang})\n{}", v.explain())
}

/// The language of a listed name: that of a built-in name spelled exactly so, else a guess
/// by its letters.
fn lang_of(listed: &str) -> &'static str {
    let builtin = Store::BUILTIN
        .entities()
        .iter()
        .flat_map(|e| e.names())
        .find(|n| n.text() == listed)
        .map(|n| n.lang());
    if let Some(lang) = builtin {
        return lang;
    }
    let cyrillic = listed
        .chars()
        .any(|c| fold::script(c) == fold::Script::Cyrillic);
    if !cyrillic {
        "en"
    } else if listed.chars().any(|c| matches!(c, 'і' | 'ў' | 'І' | 'Ў')) {
        "be"
    } else {
        "ru"
    }
}
