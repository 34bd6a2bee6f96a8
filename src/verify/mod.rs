//! Layer 5: decides whether a spelling is a rendering of a listed name, with a score and a why.
//!
//! The key ([`crate::key`]) folds inner vowels and merges consonant classes, which is right for
//! *proposing* candidates and wrong as a decision (`Python` → Putin, `Zakharova` → Zakharov,
//! Neftekamsk = Neftekumsk). The verifier aligns the spelling with the listed name through
//! the correspondences that real systems produce and nothing else:
//!
//! - the published schemes of `tables/translit/` (every scheme, with its context rules, applied
//!   at each letter as the transliteration engine applies it), free for a scheme of the listed
//!   name's language and cheap for another language's scheme;
//! - the press orthographies of `tables/verify/press.tsv` (German `sch`/`tsch`/`w`, Polish
//!   `sz`/`cz`/`ł`, Czech `š`/`č`, French `ch`/`ou`/`ï`, Hungarian `sz`/`cs`/`ty`, Spanish `j`/`gu`, English `-iy`/`x`);
//! - the correspondences between the Belarusian, Russian and Ukrainian forms of one name,
//!   `tables/verify/cross.tsv` (akanne о/а, е/э/є, и/і/ы, ў/в, ц/т, дз/д, the apostrophe), each
//!   at a cost;
//! - ASCII folding of a rendering (`Lukasenka`), and doubled consonants.
//!
//! Anything else is a difference — another vowel, another ending, another word that shares
//! consonants — and costs enough that one such difference puts the score below [`THRESHOLD`].
//! The alignment is a shortest path over (listed position, spelling position), so the why of a
//! failure names the cheapest difference (`vowel u≠а at 6`, `ending -a≠-`).
//!
//! Four ways to compare, by the scripts of the two words:
//! - listed Cyrillic, spelling Latin (or any script but Cyrillic): each listed letter (or pair,
//!   `ий`, `ль`, `кс`) consumes one of its renderings;
//! - both Cyrillic: letters must be equal or correspond across be/ru/uk (`cross.tsv`);
//! - listed Latin in a romanization of be/ru/uk (`be-Latn`, `ru`, …): the two Latin strings
//!   must render the same Cyrillic letters (`kh` = `ch` = `h` as х, `ya` = `ja` as я);
//! - listed Latin otherwise (`en`, `de`, `pl`: Olaf Scholz, Spain): equal up to diacritics and
//!   the consonant spellings of `latin.tsv`, never another vowel. A Cyrillic spelling of such a
//!   name (`Шольц`) is aligned the other way round, as if the Latin were its rendering.
//!
//! Measured (`src/verify/tests.rs`): `tests/data/verify.tsv` — 223 pairs met, 112 kept apart,
//! 5 known gaps; on Faker's 1,552 ru/uk surnames, every romanization by every scheme of the
//! surname's language is accepted (8,208 of 8,208; folded to ASCII 8,049, the rest ISO 9's
//! accented vowels), and of the 51 pairs of different surnames that share a key, 2 are accepted
//! as written (Бараник/Баранник, Гаврилов/Гаврилів) and 5 with one romanized (a doubled н, the
//! Ukrainian і, and the -ка/-ко and о/а that a Belarusian form would have). In a release build
//! (names of one to three words): about 65 µs a pair the first time a listed name is seen, 30 µs
//! after that (its letters' renderings are kept per thread).
//!
//! Lookup, the matcher and cluster ask [`accepts`], which abandons an alignment as soon as it
//! costs more than an accepted one can (most pairs a key proposes differ in their first
//! letters); `canonym explain` prints [`Verdict::explain`].
#![allow(dead_code)]

mod align;
mod rules;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use align::{WordResult, compare_word};
use rules::norm_char;

/// A score at or above this accepts the spelling as a rendering of the listed name. One
/// difference that no system explains costs at least 0.45, so it always falls below.
pub(crate) const THRESHOLD: f32 = 0.7;

/// A letter rendered by a scheme of another language (г as `g` in a Belarusian name).
const OTHER_LANG: f32 = 0.03;
/// A press orthography's rendering.
const PRESS: f32 = 0.02;
/// A rendering folded to ASCII (`Lukasenka` for `Lukašenka`), or diacritics dropped.
const FOLDED: f32 = 0.02;
/// A lone vowel of ISO 9 folded to ASCII (я as `a`, ю as `u`, є as `e`: ICU's `Any-Latin;
/// Latin-ASCII`, which GeoNames-style pipelines and search engines apply): a real system's
/// rendering, but one that another letter also has, so two such folds still pass and a third
/// with any other difference does not.
const LOSSY_FOLD: f32 = 0.1;
/// A correspondence between the be/ru/uk forms of a name.
const CROSS: f32 = 0.05;
/// Two Latin strings that render one Cyrillic letter in different systems.
const SAME_LETTER: f32 = 0.01;
/// A doubled consonant on one side only.
const DOUBLE: f32 = 0.04;
/// Each system beyond the first that the alignment needs.
const MIXING: f32 = 0.01;
/// A complete press orthography mixed with another system.
const PRESS_MIX: f32 = 0.3;
/// A different vowel.
const VOWEL: f32 = 0.45;
/// A different consonant, or a letter on one side only.
const OTHER: f32 = 0.5;
/// A word of one name that the other does not have (the caller usually compares the forms
/// without the patronymic or the given name, so this is a safety net).
const SKIP_WORD: f32 = 0.25;

/// One step of an alignment: what of the spelling met what of the listed name, and how.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    /// The part of the spelling (lowercased).
    pub(crate) spelled: String,
    /// The part of the listed name (lowercased).
    pub(crate) listed: String,
    /// The systems or rule that produce the correspondence (`be-national+ru-icao`, `de`,
    /// `akanne`), or the difference (`vowel`, `consonant`, `extra`, `missing`, `word`).
    pub(crate) how: String,
    /// What this step costs.
    pub(crate) cost: f32,
}

/// The verifier's answer: a score in [0, 1], a short machine-readable why, and the alignment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    /// 1 for an exact rendering by a scheme of the name's language; below [`THRESHOLD`] when
    /// something no system explains is in the way.
    pub(crate) score: f32,
    /// On a match: the fewest systems that write it, and the correspondences and skipped
    /// words that cost something (`systems=be-icao via=а~о,double s skipped=missing word 2`);
    /// on a failure: what blocked it, semicolon-separated (`vowel u≠а at 6`, `ending -a≠-`,
    /// `extra x at 3`, `missing word 2`, `mixed orthographies`). Positions count characters
    /// of the lowercased spelling from 0 (of the listed name when a Cyrillic spelling was
    /// aligned with a Latin name the other way round, noted `reversed`).
    pub(crate) why: String,
    /// The alignment, word by word.
    pub(crate) steps: Vec<Step>,
}

impl Verdict {
    /// Whether the score reaches [`THRESHOLD`].
    pub(crate) fn is_match(&self) -> bool {
        self.score >= THRESHOLD
    }

    /// The alignment as a table, one step a line, for `canonym explain`.
    pub(crate) fn explain(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "score {:.2} ({}) {}",
            self.score,
            if self.is_match() { "match" } else { "no match" },
            self.why
        );
        for s in &self.steps {
            let _ = writeln!(
                out,
                "  {:<8} {:<8} {:<24} {:.2}",
                if s.spelled.is_empty() {
                    "·"
                } else {
                    &s.spelled
                },
                if s.listed.is_empty() { "·" } else { &s.listed },
                s.how,
                s.cost
            );
        }
        out
    }
}

/// Decides whether `spelling` is a rendering of `listed`, a name written in the language (and
/// script) `lang` (`be`, `ru-Cyrl`, `be-Latn`, `en`, `de`, `pl`, …).
///
/// Both are split into words (at spaces, hyphens and punctuation) and compared word by word in
/// order; when one has more words, the extra ones are skipped at a cost (a missing
/// patronymic), never a contradicting one.
///
/// ```ignore
/// assert!(verify("Lukashenko", "Лукашэнка", "be").is_match());
/// assert!(!verify("Zakharova", "Захаров", "ru").is_match());
/// ```
pub(crate) fn verify(spelling: &str, listed: &str, lang: &str) -> Verdict {
    verify_as(spelling, listed, lang, true)
}

/// How many verdicts [`verify_brief`] and [`accepts`] remember per thread before they start
/// again.
const REMEMBERED: usize = 1 << 18;

/// The highest cost of an alignment that can still be accepted, with a margin for the sums'
/// rounding: an alignment that costs more anywhere on its way scores below [`THRESHOLD`], so
/// [`accepts`] stops following it there.
const BUDGET: f32 = 1.0 - THRESHOLD + 0.01;

/// A remembered verdict whose score [`accepts`] did not compute: only that it is refused.
const REFUSED: f32 = -1.0;

type Remembered = crate::str_map::Map<Box<str>, (f32, std::rc::Rc<str>)>;

thread_local! {
    /// Verdicts by spelling, listed word, language and `cross`; the key is built in the
    /// `String` beside the map, so that a hit allocates nothing.
    static SEEN: std::cell::RefCell<(String, Remembered)> = std::cell::RefCell::default();
}

/// Looks up the verdict of the arguments, or computes it with `compute` and remembers it.
/// `compute` gets the remembered verdict, if any, and returns `None` to keep it.
fn remembered(
    (spelling, listed, lang, cross): (&str, &str, &str, bool),
    compute: impl FnOnce(Option<&(f32, std::rc::Rc<str>)>) -> Option<(f32, std::rc::Rc<str>)>,
) -> (f32, std::rc::Rc<str>) {
    use std::fmt::Write;
    SEEN.with_borrow_mut(|(key, seen)| {
        // Lengths first, so that no two arguments make one key.
        key.clear();
        let _ = write!(
            key,
            "{}:{spelling}{}:{listed}{lang}:{}",
            spelling.len(),
            listed.len(),
            u8::from(cross)
        );
        let known = seen.get(key.as_str());
        let Some(v) = compute(known) else {
            return known.cloned().unwrap_or((REFUSED, std::rc::Rc::from("")));
        };
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(key.as_str().into(), v.clone());
        v
    })
}

/// [`verify_as`]'s score and why, without the alignment, remembered per thread: namesakes list
/// the same words (the million-person bench has 280 persons named Yelena Kuznetsova, and
/// thousands called Sokolova), and a name looked up against each of them was aligned with the
/// same listed words again and again — nine tenths of a bulk lookup against that table.
pub(crate) fn verify_brief(
    spelling: &str,
    listed: &str,
    lang: &str,
    cross: bool,
) -> (f32, std::rc::Rc<str>) {
    remembered((spelling, listed, lang, cross), |known| {
        if known.is_some_and(|(score, _)| *score != REFUSED) {
            return None;
        }
        // Most pairs a lookup compares are refused, and only an accepted pair's why is read:
        // the score first, then the why where it is a match.
        let mut v = verify_with(spelling, listed, lang, (cross, true), f32::INFINITY);
        if v.score >= THRESHOLD {
            v = verify_as(spelling, listed, lang, cross);
        }
        Some((v.score, std::rc::Rc::from(v.why)))
    })
}

/// [`verify_brief`]'s verdict when it accepts `spelling` as a rendering of `listed` (the same
/// score, to the bit, and why), else `None` — found for less: the alignment is followed only
/// while its cost stays within what an accepted verdict can cost, so a pair that differs in
/// its first letters (most of the pairs a lookup against a large table compares) costs a few
/// cells, not every listed letter's renderings and the whole grid.
pub(crate) fn accepts(
    spelling: &str,
    listed: &str,
    lang: &str,
    cross: bool,
) -> Option<(f32, std::rc::Rc<str>)> {
    let (score, why) = remembered((spelling, listed, lang, cross), |known| {
        if known.is_some() {
            return None;
        }
        let v = verify_with(spelling, listed, lang, (cross, true), BUDGET);
        if v.score < THRESHOLD {
            return Some((REFUSED, std::rc::Rc::from("")));
        }
        let v = verify_as(spelling, listed, lang, cross);
        Some((v.score, std::rc::Rc::from(v.why)))
    });
    (score >= THRESHOLD).then_some((score, why))
}

/// [`verify`], with or without the correspondences between the be/ru/uk forms of a name
/// (`tables/verify/cross.tsv`, but for the signs). They reconstruct a form in a related
/// language that the tables do not list; when an entity lists its Belarusian, Russian and
/// Ukrainian forms, there is nothing to reconstruct, and a reconstruction (Путін → *Путен,
/// written Putten) would only meet other names.
pub(crate) fn verify_as(spelling: &str, listed: &str, lang: &str, cross: bool) -> Verdict {
    verify_with(spelling, listed, lang, (cross, false), f32::INFINITY)
}

/// [`verify_as`]; with `brief`, the score alone (the same score, to the bit): no why and no
/// steps, whose strings cost more than the alignment for a pair that is refused. An alignment
/// of two words is abandoned where it costs more than `budget` (then it costs infinitely
/// much): with a finite budget, only a score of `1 − budget` or more is exact.
fn verify_with(
    spelling: &str,
    listed: &str,
    lang: &str,
    (cross, brief): (bool, bool),
    budget: f32,
) -> Verdict {
    let s_norm = normalize(spelling);
    let l_norm = normalize(listed);
    let s_words = words(&s_norm);
    let l_words = words(&l_norm);
    let lang = lang.split(['-', '_']).next().unwrap_or("");
    let romanized = matches!(lang, "be" | "ru" | "uk");
    // A Cyrillic name of no East Slavic language tag (`und`: a bare string in a user's list) is
    // read in the language its letters show, as `translit` reads it: its schemes are then the
    // name's own, and an alignment is not steered by how few steps another language's take.
    let cyrillic = |c: &char| crate::fold::script(*c) == crate::fold::Script::Cyrillic;
    let lang = if !romanized && l_norm.iter().any(cyrillic) {
        let text: String = l_norm.iter().collect();
        crate::translit::Lang::detect(&text).map_or("ru", |g| g.code())
    } else {
        lang
    };
    if s_words.is_empty() || l_words.is_empty() {
        return Verdict {
            score: 0.0,
            why: "empty".to_owned(),
            steps: Vec::new(),
        };
    }
    // Word-level alignment: pair in order; the longer side may skip words.
    let (m, n) = (s_words.len(), l_words.len());
    // Only pairs that a monotone alignment skipping |m − n| words can use are compared.
    let (lo, hi) = if m >= n {
        (0, (m - n) as isize)
    } else {
        (-((n - m) as isize), 0)
    };
    let results: Vec<Option<WordResult>> = (0..m * n)
        .map(|x| {
            let (a, b) = (x / n, x % n);
            let diag = a as isize - b as isize;
            match (s_words.get(a), l_words.get(b)) {
                (Some(sw), Some(lw)) if (lo..=hi).contains(&diag) => Some(compare_word(
                    &s_norm,
                    sw,
                    &l_norm,
                    lw,
                    (lang, romanized),
                    (cross, brief, budget),
                )),
                _ => None,
            }
        })
        .collect();
    let result = |a: usize, b: usize| {
        (a < m && b < n)
            .then(|| results.get(a * n + b).and_then(Option::as_ref))
            .flatten()
    };
    // dp[a * (n + 1) + b]: the best cost for the first a spelling words and b listed words,
    // and the move that reached it (1 pair, 2 extra spelling word, 3 missing listed word).
    let w = n + 1;
    let mut dp = vec![(f32::INFINITY, 0u8); (m + 1) * w];
    if let Some(first) = dp.first_mut() {
        first.0 = 0.0;
    }
    let relax = |dp: &mut Vec<(f32, u8)>, to: usize, c: f32, mv: u8| {
        if let Some(slot) = dp.get_mut(to) {
            if c < slot.0 {
                *slot = (c, mv);
            }
        }
    };
    for a in 0..=m {
        for b in 0..=n {
            let here = dp.get(a * w + b).map_or(f32::INFINITY, |x| x.0);
            if !here.is_finite() {
                continue;
            }
            if let Some(r) = result(a, b) {
                relax(&mut dp, (a + 1) * w + b + 1, here + r.cost, 1);
            }
            if a < m && m > n {
                relax(&mut dp, (a + 1) * w + b, here + SKIP_WORD, 2);
            }
            if b < n && n > m {
                relax(&mut dp, a * w + b + 1, here + SKIP_WORD, 3);
            }
        }
    }
    // Beyond the budget (a pair abandoned by every alignment): refused, with nothing to show.
    if !dp.get(m * w + n).is_some_and(|x| x.0.is_finite()) {
        return Verdict {
            score: 0.0,
            why: "over budget".to_owned(),
            steps: Vec::new(),
        };
    }
    // Walk back.
    let mut path = Vec::new();
    let (mut a, mut b) = (m, n);
    while a > 0 || b > 0 {
        match dp.get(a * w + b).map_or(0, |x| x.1) {
            1 => {
                a -= 1;
                b -= 1;
                path.push((Some(a), Some(b)));
            }
            2 => {
                a -= 1;
                path.push((Some(a), None));
            }
            3 => {
                b -= 1;
                path.push((None, Some(b)));
            }
            _ => break,
        }
    }
    path.reverse();
    let mut steps = Vec::new();
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut cost = 0.0f32;
    for (a, b) in path {
        match (a, b) {
            (Some(a), Some(b)) => {
                if let Some(r) = result(a, b) {
                    cost += r.cost;
                    if brief {
                        continue;
                    }
                    steps.extend(r.steps.iter().cloned());
                    for u in &r.used {
                        if !used.contains(u) {
                            used.push(u.clone());
                        }
                    }
                    blocks.extend(r.blocks.iter().cloned());
                    notes.extend(r.notes.iter().cloned());
                }
            }
            (Some(a), None) => {
                cost += SKIP_WORD;
                let w = s_words.get(a).map_or(String::new(), |x| x.text(&s_norm));
                blocks.push(format!("extra word {}", a + 1));
                steps.push(Step {
                    spelled: w,
                    listed: String::new(),
                    how: "word".to_owned(),
                    cost: SKIP_WORD,
                });
            }
            (None, Some(b)) => {
                cost += SKIP_WORD;
                let w = l_words.get(b).map_or(String::new(), |x| x.text(&l_norm));
                blocks.push(format!("missing word {}", b + 1));
                steps.push(Step {
                    spelled: String::new(),
                    listed: w,
                    how: "word".to_owned(),
                    cost: SKIP_WORD,
                });
            }
            (None, None) => {}
        }
    }
    let score = (1.0 - cost).clamp(0.0, 1.0);
    let mut why = String::new();
    if brief {
        return Verdict { score, why, steps };
    }
    if score >= THRESHOLD {
        let _ = write!(why, "systems={}", used.join(","));
        if !notes.is_empty() {
            let _ = write!(why, " via={}", notes.join(","));
        }
        if !blocks.is_empty() {
            let _ = write!(why, " skipped={}", blocks.join(","));
        }
    } else {
        why = blocks.join("; ");
        if why.is_empty() {
            why = format!("costs {:.2}: {}", cost, notes.join(","));
        }
    }
    Verdict { score, why, steps }
}

/// The best of the verdicts of `spelling` against several listed names (an entity's names and
/// their generated case forms, each with its language tag), with its index: what lookup and
/// the matcher need for a key candidate. `None` when there are no names.
///
/// ```ignore
/// let names = [("Лукашэнка", "be"), ("Лукашенко", "ru"), ("Lukashenka", "en")];
/// let (i, v) = best("Lukaschenko", names).unwrap();
/// assert_eq!((i, v.is_match()), (1, true));
/// ```
pub(crate) fn best<'a>(
    spelling: &str,
    names: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<(usize, Verdict)> {
    let mut found: Option<(usize, Verdict)> = None;
    for (i, (listed, lang)) in names.into_iter().enumerate() {
        let v = verify(spelling, listed, lang);
        if found.as_ref().is_none_or(|(_, b)| v.score > b.score) {
            let perfect = v.score >= 1.0;
            found = Some((i, v));
            if perfect {
                break;
            }
        }
    }
    found
}

/// Lowercase NFC text as characters, apostrophe look-alikes as `'`.
fn normalize(s: &str) -> Vec<char> {
    s.nfc()
        .flat_map(char::to_lowercase)
        .map(norm_char)
        .collect()
}

/// A word: a range of characters of a normalized name.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

impl Word {
    fn chars<'a>(&self, all: &'a [char]) -> &'a [char] {
        all.get(self.start..self.end).unwrap_or(&[])
    }

    fn text(&self, all: &[char]) -> String {
        self.chars(all).iter().collect()
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐' | '–' | '—' | ',' | '.' | ';' | ':' | '(' | ')' | '/'
        )
}

fn words(s: &[char]) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in s.iter().enumerate() {
        if is_separator(c) {
            if let Some(st) = start.take() {
                out.push(Word { start: st, end: i });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Word {
            start: st,
            end: s.len(),
        });
    }
    // A word of apostrophes only is punctuation.
    out.retain(|w| w.chars(s).iter().any(|c| c.is_alphabetic()));
    out
}
