//! A map from strings to values that keeps all its keys in one buffer.
//!
//! A table of 100,000 entities has millions of folded forms and keys. In a `HashMap<String, V>`
//! each is a heap allocation of its own, made when it is inserted and freed when the map is
//! dropped, and the allocator was a fifth of a large table's build. Here the keys are written one
//! after another into one `String`, and the hash table holds only the index of each entry.
//!
//! Entries keep the order in which they were inserted, so iterating is deterministic: `build.rs`
//! and run-time tables see the same order.
//!
//! The hash table holds each entry's index with 32 bits of its key's hash, so that neither
//! growing the table nor turning away a key of another hash reads the entries: at millions
//! of entries each of those reads missed the cache, and growing the maps was a tenth of a
//! large table's build.
//!
//! This module is compiled into `build.rs` too (through `#[path]`), with the index compiler
//! (`crate::index::compile`).

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The maps of the compiler and of run-time gazetteers. Their keys are short strings made by
/// the crate from table rows, so a fast non-cryptographic hash is safe and, at a user table of
/// 100,000 entities, SipHash was a tenth of the build.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The hash of the keys: fast and not cryptographic, which is safe for keys the crate makes
/// from table rows (see [`Map`]).
type Hasher = foldhash::fast::RandomState;

/// A map from strings to values, with the keys in one buffer (see the module docs).
#[derive(Clone, Debug)]
pub struct StrMap<V> {
    /// Every key, one after another.
    text: String,
    /// The entries, in insertion order.
    entries: Vec<Entry<V>>,
    /// Indices into `entries` with the hashes of their keys ([`Slot`]).
    table: HashTable<Slot>,
    hasher: Hasher,
}

impl<V> Default for StrMap<V> {
    fn default() -> StrMap<V> {
        StrMap::with_capacity(0)
    }
}

/// An entry's index and 32 bits of its key's hash.
#[derive(Clone, Copy, Debug)]
struct Slot {
    index: u32,
    hash: u32,
}

/// The hash the table is given for a key's 32 bits: they make both the bucket (low bits) and
/// the tag that `hashbrown` keeps in its control bytes (the top seven bits of the 64), which
/// stay apart up to 2^25 buckets.
fn spread(hash: u32) -> u64 {
    u64::from(hash) << 32 | u64::from(hash)
}

#[derive(Clone, Debug)]
struct Entry<V> {
    /// Where the key ends in the text; it starts where the previous entry's ends.
    end: usize,
    value: V,
}

impl<V> StrMap<V> {
    /// An empty map with room for `n` entries.
    pub fn with_capacity(n: usize) -> StrMap<V> {
        StrMap {
            text: String::new(),
            entries: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            hasher: Hasher::default(),
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The 32 bits of `key`'s hash that the table keeps.
    fn hash(&self, key: &str) -> u32 {
        let h = self.hasher.hash_one(key);
        (h >> 32) as u32 ^ h as u32
    }

    /// The key of entry `i`.
    fn key_at(&self, i: usize) -> &str {
        key_at(&self.text, &self.entries, i)
    }

    /// The index of `key`'s entry.
    fn find(&self, key: &str) -> Option<usize> {
        let hash = self.hash(key);
        self.table
            .find(spread(hash), |s| {
                s.hash == hash && self.key_at(s.index as usize) == key
            })
            .map(|s| s.index as usize)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key)?;
        self.entries.get(i).map(|e| &e.value)
    }

    /// The value of `key`, to change.
    // The compiler changes values by index (`StrMap::value_at_mut`); the tests by key.
    #[cfg(test)]
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key)?;
        self.entries.get_mut(i).map(|e| &mut e.value)
    }

    /// The index of `key`'s entry (its place in insertion order), inserting `make()` first
    /// when there is none; and whether it was inserted. The key is copied only then.
    pub fn index_or_insert(&mut self, key: &str, make: impl FnOnce() -> V) -> (usize, bool) {
        let hash = self.hash(key);
        let StrMap {
            text,
            entries,
            table,
            ..
        } = self;
        let found = table.find(spread(hash), |s| {
            s.hash == hash && key_at(text, entries, s.index as usize) == key
        });
        if let Some(s) = found {
            return (s.index as usize, false);
        }
        let index = entries.len();
        text.push_str(key);
        entries.push(Entry {
            end: text.len(),
            value: make(),
        });
        let slot = Slot {
            index: index as u32,
            hash,
        };
        table.insert_unique(spread(hash), slot, |s| spread(s.hash));
        (index, true)
    }

    /// Makes room for `n` more entries, so that inserting them does not grow the table.
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        self.table.reserve(n, |s| spread(s.hash));
    }

    /// Sets the value of `key`.
    // The compiler inserts through `StrMap::index_or_insert`; the tests set values by key.
    #[cfg(test)]
    pub fn insert(&mut self, key: &str, value: V) {
        match self.find(key).and_then(|i| self.entries.get_mut(i)) {
            Some(e) => e.value = value,
            None => {
                self.index_or_insert(key, || value);
            }
        }
    }

    /// The value of the entry at index `i` (see [`StrMap::index_or_insert`]), to change.
    pub fn value_at_mut(&mut self, i: usize) -> Option<&mut V> {
        self.entries.get_mut(i).map(|e| &mut e.value)
    }

    /// The entries, in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &V)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| (self.key_at(i), &e.value))
    }

    /// The keys, in insertion order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values, in insertion order, to change.
    pub fn values_mut(&mut self) -> impl ExactSizeIterator<Item = &mut V> + '_ {
        self.entries.iter_mut().map(|e| &mut e.value)
    }

    /// The same keys with each value replaced by `f(key, value)`, without hashing any key
    /// again.
    pub fn map_values<W>(self, mut f: impl FnMut(&str, V) -> W) -> StrMap<W> {
        let StrMap {
            text,
            entries,
            table,
            hasher,
        } = self;
        let mut start = 0;
        let entries = entries
            .into_iter()
            .map(|e| {
                let key = text.get(start..e.end).unwrap_or_default();
                start = e.end;
                Entry {
                    end: e.end,
                    value: f(key, e.value),
                }
            })
            .collect();
        StrMap {
            text,
            entries,
            table,
            hasher,
        }
    }
}

/// The key of entry `i` of a map with `text` and `entries`.
fn key_at<'t, V>(text: &'t str, entries: &[Entry<V>], i: usize) -> &'t str {
    let start = match i.checked_sub(1) {
        Some(previous) => entries.get(previous).map_or(0, |e| e.end),
        None => 0,
    };
    let end = entries.get(i).map_or(0, |e| e.end);
    text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The map agrees with a `HashMap` over many keys, some repeated, and keeps insertion
    /// order.
    #[test]
    fn str_map_is_a_map_in_insertion_order() {
        let mut map = StrMap::default();
        let mut reference = std::collections::HashMap::new();
        let mut order = Vec::new();
        for i in 0..20_000u32 {
            let key = format!("лукашэнка{}", i % 7_000);
            let (at, inserted) = map.index_or_insert(&key, || i);
            assert_eq!(inserted, !reference.contains_key(&key), "{key}");
            if inserted {
                reference.insert(key.clone(), i);
                order.push(key.clone());
            }
            assert_eq!(map.iter().nth(at).map(|(k, _)| k), Some(key.as_str()));
        }
        assert_eq!(map.len(), reference.len());
        for (k, v) in &reference {
            assert_eq!(map.get(k), Some(v), "{k}");
        }
        assert_eq!(map.keys().collect::<Vec<_>>(), order);
        assert_eq!(map.get("lukashenka1"), None);
        assert_eq!(map.get(""), None);
        map.insert("", 1);
        map.insert("", 2);
        assert_eq!(map.get(""), Some(&2));
        if let Some(v) = map.get_mut("лукашэнка5") {
            *v = 99;
        }
        let doubled = map.map_values(|k, v| (k.len(), v * 2));
        assert_eq!(doubled.get("лукашэнка5"), Some(&("лукашэнка5".len(), 198)));
        assert_eq!(doubled.get(""), Some(&(0, 4)));
    }
}
