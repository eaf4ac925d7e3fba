//! A [`Doc`](super::Doc) as serde reads it: the typed model deserializes straight from the
//! document's nodes, copying each string once, into the field that keeps it.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::{DocNode, Entries, Items, View};

/// Why a node did not deserialize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError(message.to_string())
    }
}

impl<'de> de::Deserializer<'de> for DocNode<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.view() {
            View::Null => visitor.visit_unit(),
            View::Bool(b) => visitor.visit_bool(b),
            View::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            View::String(s) => visitor.visit_borrowed_str(s),
            View::Seq(seq) => visitor.visit_seq(SeqNodes(seq.iter())),
            View::Map(map) => visitor.visit_map(MapNodes {
                entries: map.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.view() {
            View::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    /// Unit variants written as strings, the only form the model uses.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.view() {
            View::String(s) => visitor.visit_enum(BorrowedStrDeserializer::new(s)),
            _ => self.deserialize_any(visitor),
        }
    }

    /// A field the model does not read is skipped without being walked.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl<'de> IntoDeserializer<'de, DeError> for DocNode<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct SeqNodes<'de>(Items<'de>);

impl<'de> SeqAccess<'de> for SeqNodes<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.0.next().map(|node| seed.deserialize(node)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapNodes<'de> {
    entries: Entries<'de>,
    value: Option<DocNode<'de>>,
}

impl<'de> MapAccess<'de> for MapNodes<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value asked for before its key"))?;
        seed.deserialize(value)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::super::Doc;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        ShallNot,
        May,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Record {
        id: String,
        #[serde(default)]
        parent: Option<String>,
        kind: Kind,
        count: u32,
        share: f64,
        tags: Vec<String>,
        map: BTreeMap<String, i64>,
        any: serde_json::Value,
    }

    #[test]
    fn deserializes_what_the_model_uses() {
        let doc = Doc::from_value(json!({
            "id": "a", "parent": null, "kind": "shall-not", "count": 3, "share": 0.5,
            "tags": ["x", "y"], "map": { "b": -1 }, "any": { "k": [1, "two"] }
        }));
        let record = Record::deserialize(doc.root()).unwrap();
        assert_eq!(record.kind, Kind::ShallNot);
        assert_eq!(record.parent, None);
        assert_eq!(record.map["b"], -1);
        assert_eq!(record.any, json!({ "k": [1, "two"] }));
        assert_eq!(
            Kind::deserialize(Doc::from_value(json!("may")).root()),
            Ok(Kind::May)
        );
    }

    #[test]
    fn reports_what_does_not_fit() {
        let doc = Doc::from_value(json!({ "id": "a", "unexpected": 1 }));
        let error = Record::deserialize(doc.root()).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `unexpected`"),
            "{error}"
        );
    }
}
