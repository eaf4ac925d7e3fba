//! A [`Doc`](super::Doc) as jsonschema reads it: the `Json` representation that lets one
//! compiled schema validate the document without building a `serde_json::Value`.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, Node, NodeIdentity, Object, cmp};
use jsonschema::types::JsonType;
use serde_json::{Number, Value};

use super::{DocNode, Entries, Items, Mapping, Seq, View};

/// The representation marker for `jsonschema::options_for::<DocJson>()`.
pub struct DocJson;

impl Json for DocJson {
    type Node<'a> = DocNode<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(DocNode<'_>) -> T) -> T {
        f(DocNode::Name(string))
    }
}

impl<'a> Node<'a, DocJson> for DocNode<'a> {
    type Object = Mapping<'a>;
    type Array = Seq<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Mapping<'a>> {
        match self.view() {
            View::Map(map) => Some(map),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Seq<'a>> {
        match self.view() {
            View::Seq(seq) => Some(seq),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self.view() {
            View::String(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self.view() {
            View::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.view() {
            View::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.view(), View::Null)
    }

    fn json_type(&self) -> JsonType {
        match self.view() {
            View::Null => JsonType::Null,
            View::Bool(_) => JsonType::Boolean,
            View::Number(_) => JsonType::Number,
            View::String(_) => JsonType::String,
            View::Seq(_) => JsonType::Array,
            View::Map(_) => JsonType::Object,
        }
    }

    /// `const` and `enum`: scalars compare in place; only containers become values.
    fn equals_value(&self, expected: &Value) -> bool {
        match (self.view(), expected) {
            (View::String(s), Value::String(e)) => s == e,
            (View::Bool(b), Value::Bool(e)) => b == *e,
            (View::Null, Value::Null) => true,
            (View::Number(n), Value::Number(e)) => cmp::equal_numbers(n, e),
            (View::Seq(_) | View::Map(_), Value::Array(_) | Value::Object(_)) => {
                cmp::equal(&self.to_value(), expected)
            }
            _ => false,
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(DocNode::to_value(*self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match *self {
            // Nodes of one document share its address and differ by index.
            DocNode::In(doc, index) => Some(NodeIdentity::tagged(
                std::ptr::from_ref(doc) as usize,
                index,
            )),
            DocNode::Name(_) => None,
        }
    }
}

impl<'a> Object<'a, DocJson> for Mapping<'a> {
    type Node = DocNode<'a>;
    type MemberName = &'a str;
    type MembersIter = Entries<'a>;

    fn len(&self) -> usize {
        Mapping::len(self)
    }

    fn get(&self, key: &String) -> Option<DocNode<'a>> {
        Mapping::get(self, key)
    }

    fn members(&self) -> Self::MembersIter {
        self.iter()
    }
}

impl<'a> Array<'a, DocJson> for Seq<'a> {
    type Node = DocNode<'a>;
    type ElementsIter = Items<'a>;

    fn len(&self) -> usize {
        Seq::len(self)
    }

    fn elements(&self) -> Self::ElementsIter {
        self.iter()
    }
}
