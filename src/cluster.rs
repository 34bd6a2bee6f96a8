//! Grouping a list of names that no table knows: which spellings are the same name.

use std::collections::HashMap;

use crate::key::key_into;
use crate::verify::accepts;

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

/// How far apart the vowels of two spellings with the same key could be for [`cluster`] to
/// join them, before it asked the verifier instead: no longer read by `cluster`, kept until
/// the public API is reviewed (issue 19).
pub const MAX_DISTANCE: f64 = 0.34;

/// Groups names into spellings of the same name, largest group first.
///
/// Names are first bucketed by their [`key`](crate::key); inside a bucket, a spelling joins
/// the first group whose every member it is one name with: the verifier aligns the two through
/// the correspondences of real transliteration systems, declension or spelling conventions,
/// or whole-name lookup takes both to one entity. Different vowels (Neftekamsk, Neftekumsk),
/// endings or words stay apart. Blank names are skipped. Ties in size are broken by key.
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

/// Splits one key's spellings into groups whose members are pairwise one name: the key only
/// proposes, and two spellings are one name when the verifier aligns one with the other
/// through the correspondences of real systems (either way round), or when whole-name lookup
/// takes both to one listed entity. Each spelling joins the first group it is one name with,
/// member by member, so that no chain of near spellings (Alina, Alyona, Yelena) makes a group.
fn split(spellings: &[(String, usize)]) -> Vec<Vec<(String, usize)>> {
    let entities: Vec<Option<&str>> = spellings
        .iter()
        .map(|(s, _)| crate::lookup(s).map(|m| m.entity().id()))
        .collect();
    let one_name = |i: usize, j: usize| {
        let (Some((a, _)), Some((b, _))) = (spellings.get(i), spellings.get(j)) else {
            return false;
        };
        if let (Some(Some(x)), Some(Some(y))) = (entities.get(i), entities.get(j)) {
            return x == y;
        }
        accepts(a, b, guess_lang(b), true).is_some() || accepts(b, a, guess_lang(a), true).is_some()
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..spellings.len() {
        match groups
            .iter_mut()
            .find(|g| g.iter().all(|&j| one_name(i, j)))
        {
            Some(g) => g.push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            g.into_iter()
                .filter_map(|i| spellings.get(i).cloned())
                .collect()
        })
        .collect()
}

/// The language a spelling is read in when the verifier takes it as the listed side: `be`
/// for Cyrillic with a letter only Belarusian has, `ru` for other Cyrillic, else `en` (Latin
/// compared letter for letter, up to diacritics and consonant spellings).
fn guess_lang(name: &str) -> &'static str {
    let cyrillic = name
        .chars()
        .any(|c| crate::fold::script(c) == crate::fold::Script::Cyrillic);
    if !cyrillic {
        "en"
    } else if name.chars().any(|c| matches!(c, 'і' | 'ў' | 'І' | 'Ў')) {
        "be"
    } else {
        "ru"
    }
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
