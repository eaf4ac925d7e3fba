//! A value that sources may disagree on.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::Confidence;
use super::SourceRef;

/// Either a settled value or two or more readings, each with its sources and a confidence.
///
/// In YAML a disputed value is written `{ disputed: [ { reading, sources, confidence }, ... ] }`;
/// anything else is the settled value itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Disputable<T> {
    /// Sources disagree; the readings in the order the spec gives them.
    Disputed(Disputed<T>),
    /// One value.
    Settled(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Disputable<T> {
    /// A mapping whose first key is `disputed` is a dispute (the schemas allow no other key
    /// beside it); anything else is the value itself. The value is read once, never tried in
    /// one form and then the other.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Form(PhantomData))
    }
}

/// Reads a [`Disputable`]: hands scalars and lists to `T`, and mappings by their first key.
struct Form<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Form<T> {
    fn settled<E: de::Error>(value: impl IntoDeserializer<'de, E>) -> Result<Disputable<T>, E> {
        T::deserialize(value.into_deserializer()).map(Disputable::Settled)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Form<T> {
    type Value = Disputable<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value, or `{ disputed: [...] }`")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Disputable<T>, E> {
        T::deserialize(BorrowedStrDeserializer::new(v)).map(Disputable::Settled)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Disputable<T>, E> {
        Self::settled(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Disputable<T>, E> {
        Self::settled(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Disputable<T>, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(Disputable::Settled)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Disputable<T>, A::Error> {
        let first = map.next_key::<Key<'de>>()?;
        let disputed = first.as_ref().is_some_and(|k| k.as_str() == "disputed");
        let map = MapAccessDeserializer::new(Replay { first, map });
        if disputed {
            Disputed::deserialize(map).map(Disputable::Disputed)
        } else {
            T::deserialize(map).map(Disputable::Settled)
        }
    }
}

/// A mapping key, borrowed from the input where it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(k) => k,
            Key::Owned(k) => k,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }

            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// A mapping with its first key, already read, given back first.
struct Replay<'de, A> {
    first: Option<Key<'de>>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(Key::Borrowed(key)) => seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some),
            Some(Key::Owned(key)) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map
            .size_hint()
            .map(|n| n + usize::from(self.first.is_some()))
    }
}

/// The readings of a disputed value.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disputed<T> {
    /// Two or more readings.
    pub disputed: Vec<Reading<T>>,
}

/// The JSON pointer suffix from a disputable field to one of its values: empty for a settled
/// value, `/disputed/<i>/reading` for reading `i`.
pub fn reading_suffix(reading: Option<usize>) -> String {
    reading.map_or_else(String::new, |i| format!("/disputed/{i}/reading"))
}

/// One reading of a disputed value.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Reading<T> {
    /// The value this reading gives.
    pub reading: T,
    /// The sources that support it.
    pub sources: Vec<SourceRef>,
    /// How likely this reading is.
    pub confidence: Confidence,
    /// Why.
    #[serde(default)]
    pub notes: Option<String>,
}

impl<T> Disputable<T> {
    /// Every value this field may have: the settled value, or each reading's.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.values_indexed().map(|(_, value)| value)
    }

    /// The values, each with the index of its reading (`None` for a settled value); see
    /// [`reading_suffix`] for the pointer that reaches it.
    pub fn values_indexed(&self) -> impl Iterator<Item = (Option<usize>, &T)> {
        let (settled, readings) = match self {
            Disputable::Settled(value) => (Some(value), &[][..]),
            Disputable::Disputed(d) => (None, d.disputed.as_slice()),
        };
        settled.into_iter().map(|value| (None, value)).chain(
            readings
                .iter()
                .enumerate()
                .map(|(i, r)| (Some(i), &r.reading)),
        )
    }

    /// The readings, if disputed.
    pub fn readings(&self) -> &[Reading<T>] {
        match self {
            Disputable::Settled(_) => &[],
            Disputable::Disputed(d) => &d.disputed,
        }
    }

    /// The settled value, if not disputed.
    pub fn settled(&self) -> Option<&T> {
        match self {
            Disputable::Settled(value) => Some(value),
            Disputable::Disputed(_) => None,
        }
    }
}
