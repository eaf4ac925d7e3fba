//! A map for the few entries a provision field holds.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Entries sorted by key in one vector: read in the same order as a `BTreeMap`, in a fraction
/// of its memory (a `BTreeMap` allocates a node for eleven entries even when it holds one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmallMap<V> {
    /// Sorted by key; keys are unique.
    entries: Vec<(String, V)>,
}

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap {
            entries: Vec::new(),
        }
    }
}

impl<V> SmallMap<V> {
    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self
            .entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        Some(&self.entries[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries, by key.
    pub fn iter(&self) -> SmallMapIter<'_, V> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, by key.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The iterator of [`SmallMap::iter`].
pub type SmallMapIter<'a, V> =
    std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

impl<'a, V> IntoIterator for &'a SmallMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = SmallMapIter<'a, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SmallMap<V> {
    /// A mapping; a key written twice is an error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = SmallMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SmallMap<V>, A::Error> {
                let mut entries: Vec<(String, V)> =
                    Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                if let Some(pair) = entries.windows(2).find(|pair| pair[0].0 == pair[1].0) {
                    return Err(A::Error::custom(format_args!(
                        "key `{}` is written twice",
                        pair[0].0
                    )));
                }
                Ok(SmallMap { entries })
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::SmallMap;

    #[test]
    fn reads_like_a_sorted_map() {
        let map: SmallMap<i32> = serde_json::from_str(r#"{"b": 2, "a": 1, "c": 3}"#).unwrap();
        let keys: Vec<&String> = map.keys().collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(map.get("b"), Some(&2));
        assert_eq!(map.get("d"), None);
        assert!(map.contains_key("c"));
        assert_eq!(map.len(), 3);
        let values: Vec<i32> = map.values().copied().collect();
        assert_eq!(values, [1, 2, 3]);
    }

    #[test]
    fn refuses_a_key_written_twice() {
        let twice = serde_json::from_str::<SmallMap<i32>>(r#"{"a": 1, "a": 2}"#);
        assert!(
            twice
                .unwrap_err()
                .to_string()
                .contains("`a` is written twice")
        );
    }
}
