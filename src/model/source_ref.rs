//! A citation of a source listed in `instrument.yaml`.

use std::fmt;

use serde::de::{MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};

/// A source id, optionally with where in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRef {
    /// The id of a source in the instrument's `sources`.
    pub source: String,
    /// Where in the source: section, page or paragraph.
    pub at: Option<String>,
}

/// `{ source, at }`, the long form.
#[derive(Deserialize)]
struct Full {
    source: String,
    #[serde(default)]
    at: Option<String>,
}

impl<'de> Deserialize<'de> for SourceRef {
    /// An id alone (`gazette`), or `{ source: gazette, at: "p. 4" }`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = SourceRef;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a source id, or a mapping with `source` and `at`")
            }

            fn visit_str<E>(self, id: &str) -> Result<SourceRef, E> {
                Ok(SourceRef {
                    source: id.to_owned(),
                    at: None,
                })
            }

            fn visit_string<E>(self, source: String) -> Result<SourceRef, E> {
                Ok(SourceRef { source, at: None })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SourceRef, A::Error> {
                let Full { source, at } = Full::deserialize(MapAccessDeserializer::new(map))?;
                Ok(SourceRef { source, at })
            }
        }
        deserializer.deserialize_any(Form)
    }
}
