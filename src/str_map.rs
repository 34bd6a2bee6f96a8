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
//! This module is compiled into `build.rs` too (through `#[path]`), with [`crate::compile`].

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The hash of the keys: fast and not cryptographic, which is safe for keys the crate makes
/// from table rows (see [`crate::compile::Map`]).
type Hasher = foldhash::fast::RandomState;

/// A map from strings to values, with the keys in one buffer (see the module docs).
#[derive(Clone, Debug)]
pub struct StrMap<V> {
    /// Every key, one after another.
    text: String,
    /// The entries, in insertion order.
    entries: Vec<Entry<V>>,
    /// Indices into `entries`, by the hash of their keys.
    table: HashTable<u32>,
    hasher: Hasher,
}

impl<V> Default for StrMap<V> {
    fn default() -> StrMap<V> {
        StrMap::with_capacity(0)
    }
}

#[derive(Clone, Debug)]
struct Entry<V> {
    /// Kept so that growing the table does not hash the keys again.
    hash: u64,
    start: usize,
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

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index of `key`'s entry.
    fn find(&self, key: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(key);
        let (text, entries) = (&self.text, &self.entries);
        self.table
            .find(hash, |&i| {
                entries
                    .get(i as usize)
                    .is_some_and(|e| e.hash == hash && text.get(e.start..e.end) == Some(key))
            })
            .map(|&i| i as usize)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.find(key)?;
        self.entries.get(i).map(|e| &e.value)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.find(key)?;
        self.entries.get_mut(i).map(|e| &mut e.value)
    }

    /// The index of `key`'s entry (its place in insertion order), inserting `make()` first
    /// when there is none; and whether it was inserted. The key is copied only then.
    pub fn index_or_insert(&mut self, key: &str, make: impl FnOnce() -> V) -> (usize, bool) {
        let hash = self.hasher.hash_one(key);
        let StrMap {
            text,
            entries,
            table,
            ..
        } = self;
        let found = table.find(hash, |&i| {
            entries
                .get(i as usize)
                .is_some_and(|e| e.hash == hash && text.get(e.start..e.end) == Some(key))
        });
        if let Some(&i) = found {
            return (i as usize, false);
        }
        let i = entries.len();
        let start = text.len();
        text.push_str(key);
        entries.push(Entry {
            hash,
            start,
            end: text.len(),
            value: make(),
        });
        let rehash = |&j: &u32| entries_hash(entries, j);
        table.insert_unique(hash, i as u32, rehash);
        (i, true)
    }

    /// Sets the value of `key`.
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
        self.entries.iter().map(|e| {
            let key = self.text.get(e.start..e.end).unwrap_or_default();
            (key, &e.value)
        })
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
        let entries = entries
            .into_iter()
            .map(|e| Entry {
                hash: e.hash,
                start: e.start,
                end: e.end,
                value: f(text.get(e.start..e.end).unwrap_or_default(), e.value),
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

fn entries_hash<V>(entries: &[Entry<V>], i: u32) -> u64 {
    entries.get(i as usize).map_or(0, |e| e.hash)
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
