//! Grouping a list of names that no table knows: which spellings are the same name.

use std::collections::HashMap;

use crate::distance::edit_distance;
use crate::key::key_into;

/// A group of spellings of one name, as found by [`cluster`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    key: String,
    canonical: String,
    spellings: Vec<(String, usize)>,
}

impl Cluster {
    /// The matching key the spellings share (see [`crate::key`]).
    ///
    /// # Examples
    ///
    /// ```
    /// let groups = canonym::cluster(["Lukashenka", "Лукашенко"]);
    /// assert_eq!(groups[0].key(), canonym::key("Lukashenka"));
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The suggested canonical form: the most frequent spelling, preferring Latin script and
    /// then the earliest seen.
    ///
    /// # Examples
    ///
    /// ```
    /// let groups = canonym::cluster(["Лукашенко", "Lukashenka"]);
    /// assert_eq!(groups[0].canonical(), "Lukashenka");
    /// let groups = canonym::cluster(["Лукашенко", "Лукашенко", "Lukashenka"]);
    /// assert_eq!(groups[0].canonical(), "Лукашенко");
    /// ```
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// Each distinct spelling with how often it occurred, most frequent first.
    ///
    /// # Examples
    ///
    /// ```
    /// let groups = canonym::cluster(["Лукашенко", "Lukashenka", "Лукашенко"]);
    /// assert_eq!(
    ///     groups[0].spellings(),
    ///     [("Лукашенко".to_string(), 2), ("Lukashenka".to_string(), 1)]
    /// );
    /// ```
    pub fn spellings(&self) -> &[(String, usize)] {
        &self.spellings
    }

    /// How many names of the input fell into this group (with repeats).
    pub fn len(&self) -> usize {
        self.spellings.iter().map(|(_, n)| n).sum()
    }

    /// Whether the group is empty (never, for a group returned by [`cluster`]).
    pub fn is_empty(&self) -> bool {
        self.spellings.is_empty()
    }
}

/// How far apart two spellings with the same key may be and still be one name: the edit
/// distance between their vowel signatures, as a share of the longer one.
///
/// Spellings with one key already agree on every consonant; what tells an accidental
/// collision (*Uman* / *Oman*, *Ilya* / *Alla*) from another spelling of one name is the
/// vowels. A vowel signature is one class per vowel run — `a` for a and o (akanne:
/// Lukashenk**a**/Lukashenk**o**), `e` for e, ya, ia, ie (yakanne: Sv**ia**tlana/Sv**e**tlana),
/// `i` for i and y, `u` for u — with the *u* of Belarusian ў (Tsikhanou**u**skaya) not counted.
/// At most a third of the runs may differ.
pub const MAX_DISTANCE: f64 = 0.34;

/// Groups names into spellings of the same name, largest group first.
///
/// Names are first bucketed by their [`key`](crate::key); inside a bucket, two spellings are
/// linked when the edit distance between their vowel signatures (see [`MAX_DISTANCE`]) is at
/// most [`MAX_DISTANCE`] of the longer one, and each connected set of spellings is a group. Blank names are skipped. Ties in size are broken by key.
///
/// # Examples
///
/// ```
/// let groups = canonym::cluster(["Lukashenka", "Лукашэнка", "Tsikhanouskaya", "Lukashenko",
///                                "Тихановская", "Tsikhanouski", "Łukaszenka"]);
/// assert_eq!(groups[0].len(), 4);
/// assert_eq!(groups[0].canonical(), "Lukashenka");
/// assert_eq!(groups.len(), 3); // she and her husband stay apart
/// ```
pub fn cluster<I, S>(names: I) -> Vec<Cluster>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    // Distinct spellings per key, in order of first appearance, with counts.
    let mut buckets: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    let mut key = String::new();
    for name in names {
        let name = name.as_ref().trim();
        if name.is_empty() {
            continue;
        }
        key.clear();
        key_into(name, &mut key);
        let bucket = buckets.entry(key.clone()).or_default();
        match bucket.iter_mut().find(|(s, _)| s == name) {
            Some((_, n)) => *n += 1,
            None => bucket.push((name.to_owned(), 1)),
        }
    }
    let mut out = Vec::new();
    for (key, spellings) in buckets {
        for group in split(&spellings) {
            out.push(make_cluster(key.clone(), group));
        }
    }
    out.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| a.key.cmp(&b.key))
            .then_with(|| a.canonical.cmp(&b.canonical))
    });
    out
}

/// Splits one key's spellings into connected groups of near spellings (single linkage).
fn split(spellings: &[(String, usize)]) -> Vec<Vec<(String, usize)>> {
    let readings: Vec<Vec<u8>> = spellings.iter().map(|(s, _)| vowel_signature(s)).collect();
    let n = spellings.len();
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while let Some(&parent) = group.get(i) {
            if parent == i {
                break;
            }
            i = parent;
        }
        i
    }
    for i in 0..n {
        for j in (i + 1)..n {
            let (Some(a), Some(b)) = (readings.get(i), readings.get(j)) else {
                continue;
            };
            let longest = a.len().max(b.len()).max(1);
            if (edit_distance(a, b) as f64) <= MAX_DISTANCE * longest as f64 {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                if let Some(slot) = group.get_mut(ri.max(rj)) {
                    *slot = ri.min(rj);
                }
            }
        }
    }
    let mut groups: Vec<(usize, Vec<(String, usize)>)> = Vec::new();
    for (i, spelling) in spellings.iter().enumerate() {
        let r = root(&mut group, i);
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, members)) => members.push(spelling.clone()),
            None => groups.push((r, vec![spelling.clone()])),
        }
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

fn make_cluster(key: String, mut spellings: Vec<(String, usize)>) -> Cluster {
    // Stable sort: equal counts keep their first-seen order.
    spellings.sort_by_key(|s| std::cmp::Reverse(s.1));
    let is_latin = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| crate::fold::script(c) == crate::fold::Script::Latin)
    };
    let top = spellings.first().map(|s| s.1).unwrap_or(0);
    let canonical = spellings
        .iter()
        .filter(|(_, n)| *n == top)
        .find(|(s, _)| is_latin(s))
        .or_else(|| spellings.first())
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    Cluster {
        key,
        canonical,
        spellings,
    }
}

/// A name's vowel signature (see [`MAX_DISTANCE`]), read from its ASCII transliteration.
fn vowel_signature(name: &str) -> Vec<u8> {
    let reading: Vec<u8> = deunicode::deunicode(name)
        .bytes()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut out = Vec::new();
    let mut i = 0;
    while i < reading.len() {
        if !reading.get(i).copied().is_some_and(is_vowel) {
            i += 1;
            continue;
        }
        let start = i;
        while reading.get(i).copied().is_some_and(is_vowel) {
            i += 1;
        }
        let mut run = reading.get(start..i).unwrap_or_default();
        // A y or i before another vowel is iotation (ya, ia, ye, yu), not a vowel of its own.
        let iotated = run.len() > 1 && matches!(run.first(), Some(b'y' | b'i'));
        if iotated {
            run = run.get(1..).unwrap_or_default();
        }
        // The u of au/ou/eu before a consonant is Belarusian ў, a consonant.
        let before_consonant = i < reading.len();
        if run.len() > 1 && run.last() == Some(&b'u') && before_consonant {
            run = run.get(..run.len() - 1).unwrap_or_default();
        }
        out.push(match run.first() {
            Some(b'a' | b'o') if iotated => b'e',
            Some(b'a' | b'o') => b'a',
            Some(b'e') => b'e',
            Some(b'u') => b'u',
            _ => b'i',
        });
    }
    out
}
