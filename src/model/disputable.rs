//! A value that sources may disagree on.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::SourceRef;
use super::provision::Confidence;

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

impl<'de, T: for<'a> Deserialize<'a>> Deserialize<'de> for Disputable<T> {
    /// Reads the value once, then decides by the `disputed` key, as the schemas do; this never
    /// tries one form and falls back to the other.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let disputed = value
            .as_object()
            .is_some_and(|m| m.contains_key("disputed"));
        if disputed {
            Disputed::deserialize(value).map(Disputable::Disputed)
        } else {
            T::deserialize(value).map(Disputable::Settled)
        }
        .map_err(D::Error::custom)
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
