//! A parsed document as a flat tree that borrows its text.
//!
//! Nodes sit in one vector and refer to their children by index; the items of every sequence,
//! and the entries of every mapping, sit in two more vectors, each container's contiguous. A
//! string that the text holds as it is (most of them) is borrowed from the text, not copied.
//! So a file of 100 provisions is three allocations and its escaped strings, where a
//! `serde_json::Value` would be a map and a string per key and value. Validation reads the
//! tree through [`DocJson`], the typed model through its `serde::Deserializer`.

mod de;
mod schema;

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

pub(crate) use schema::DocJson;

/// A parsed document: nodes, the items of sequences and the entries of mappings.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    nodes: Vec<Node<'a>>,
    items: Vec<u32>,
    entries: Vec<(Cow<'a, str>, u32)>,
    root: u32,
}

/// One node of a [`Doc`].
#[derive(Clone, Debug, PartialEq)]
enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    /// The items `items[start..start + len]`.
    Seq {
        start: u32,
        len: u32,
    },
    /// The entries `entries[start..start + len]`, in the order written (sorted by key in a
    /// document made from a `serde_json::Value`).
    Map {
        start: u32,
        len: u32,
    },
}

impl<'a> Doc<'a> {
    /// The root node.
    pub fn root(&self) -> DocNode<'_> {
        DocNode::In(self, self.root)
    }

    /// The document as a `serde_json::Value`, for tests and for the rare paths that need one.
    pub fn to_value(&self) -> Value {
        self.root().to_value()
    }

    /// A document holding `value` (strings are moved, not copied).
    pub fn from_value(value: Value) -> Doc<'static> {
        let mut builder = Builder::default();
        let root = builder.value(value);
        builder.finish(root)
    }

    fn node(&self, index: u32) -> &Node<'a> {
        &self.nodes[index as usize]
    }

    fn span<T>(list: &[T], start: u32, len: u32) -> &[T] {
        &list[start as usize..(start + len) as usize]
    }
}

/// A node of a document, or a lone string standing for a mapping key (validation checks keys
/// as strings, against `propertyNames`).
#[derive(Clone, Copy, Debug)]
pub enum DocNode<'a> {
    /// Node `index` of a document.
    In(&'a Doc<'a>, u32),
    /// A string that is not part of a document.
    Name(&'a str),
}

/// What a `DocNode` is, with its contents.
#[derive(Clone, Copy, Debug)]
pub enum View<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(&'a Number),
    /// A string.
    String(&'a str),
    /// A sequence.
    Seq(Seq<'a>),
    /// A mapping.
    Map(Mapping<'a>),
}

/// The items of a sequence.
#[derive(Clone, Copy, Debug)]
pub struct Seq<'a> {
    doc: &'a Doc<'a>,
    items: &'a [u32],
}

/// The entries of a mapping, in the order written (sorted by key in a document made from a
/// `serde_json::Value`).
#[derive(Clone, Copy, Debug)]
pub struct Mapping<'a> {
    doc: &'a Doc<'a>,
    entries: &'a [(Cow<'a, str>, u32)],
}

impl<'a> DocNode<'a> {
    /// What the node is.
    pub fn view(self) -> View<'a> {
        let (doc, index) = match self {
            DocNode::In(doc, index) => (doc, index),
            DocNode::Name(name) => return View::String(name),
        };
        match doc.node(index) {
            Node::Null => View::Null,
            Node::Bool(b) => View::Bool(*b),
            Node::Number(n) => View::Number(n),
            Node::String(s) => View::String(s),
            Node::Seq { start, len } => View::Seq(Seq {
                doc,
                items: Doc::span(&doc.items, *start, *len),
            }),
            Node::Map { start, len } => View::Map(Mapping {
                doc,
                entries: Doc::span(&doc.entries, *start, *len),
            }),
        }
    }

    /// The node as a `serde_json::Value`.
    pub fn to_value(self) -> Value {
        match self.view() {
            View::Null => Value::Null,
            View::Bool(b) => Value::Bool(b),
            View::Number(n) => Value::Number(n.clone()),
            View::String(s) => Value::String(s.to_owned()),
            View::Seq(seq) => Value::Array(seq.iter().map(DocNode::to_value).collect()),
            View::Map(map) => Value::Object(
                map.iter()
                    .map(|(key, value)| (key.to_owned(), value.to_value()))
                    .collect::<Map<String, Value>>(),
            ),
        }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(self, key: &str) -> Option<DocNode<'a>> {
        match self.view() {
            View::Map(map) => map.get(key),
            _ => None,
        }
    }
}

impl<'a> Seq<'a> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items.
    pub fn iter(&self) -> Items<'a> {
        Items {
            doc: self.doc,
            items: self.items.iter(),
        }
    }
}

impl<'a> Mapping<'a> {
    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order written (sorted by key in a document made from a
    /// `serde_json::Value`).
    pub fn iter(&self) -> Entries<'a> {
        Entries {
            doc: self.doc,
            entries: self.entries.iter(),
        }
    }

    /// The value of `key` (keys are unique; mappings are small, so a scan is quickest).
    pub fn get(&self, key: &str) -> Option<DocNode<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, i)| DocNode::In(self.doc, *i))
    }
}

impl<'a> IntoIterator for &Seq<'a> {
    type Item = DocNode<'a>;
    type IntoIter = Items<'a>;

    fn into_iter(self) -> Items<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Mapping<'a> {
    type Item = (&'a str, DocNode<'a>);
    type IntoIter = Entries<'a>;

    fn into_iter(self) -> Entries<'a> {
        self.iter()
    }
}

/// The items of a [`Seq`].
#[derive(Clone, Debug)]
pub struct Items<'a> {
    doc: &'a Doc<'a>,
    items: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for Items<'a> {
    type Item = DocNode<'a>;

    fn next(&mut self) -> Option<DocNode<'a>> {
        self.items.next().map(|&i| DocNode::In(self.doc, i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl ExactSizeIterator for Items<'_> {}

/// The entries of a [`Mapping`]: key and value.
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    doc: &'a Doc<'a>,
    entries: std::slice::Iter<'a, (Cow<'a, str>, u32)>,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a str, DocNode<'a>);

    fn next(&mut self) -> Option<(&'a str, DocNode<'a>)> {
        self.entries
            .next()
            .map(|(key, i)| (&**key, DocNode::In(self.doc, *i)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Entries<'_> {}

/// A key written twice in one mapping.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DuplicateKey;

/// Builds a document bottom-up: a container is finished from the nodes pushed since it began.
#[derive(Default)]
pub(crate) struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    /// Finished containers' items and entries.
    items: Vec<u32>,
    entries: Vec<(Cow<'a, str>, u32)>,
    /// Items and entries of the containers still being built, innermost last.
    open_items: Vec<u32>,
    open_entries: Vec<(Cow<'a, str>, u32)>,
}

/// Where a container's items or entries begin on the builder's stack.
#[derive(Clone, Copy)]
pub(crate) struct Mark(usize);

impl<'a> Builder<'a> {
    /// A builder with room for a text of `bytes` bytes.
    pub(crate) fn for_text(bytes: usize) -> Self {
        // About one node per 24 bytes of YAML, two thirds of them mapping entries.
        let nodes = bytes / 24;
        Builder {
            nodes: Vec::with_capacity(nodes),
            items: Vec::with_capacity(nodes / 8),
            entries: Vec::with_capacity(nodes * 2 / 3),
            open_items: Vec::new(),
            open_entries: Vec::new(),
        }
    }

    fn push(&mut self, node: Node<'a>) -> u32 {
        self.nodes.push(node);
        u32::try_from(self.nodes.len() - 1).expect("a file within the size limit")
    }

    pub(crate) fn null(&mut self) -> u32 {
        self.push(Node::Null)
    }

    pub(crate) fn bool(&mut self, b: bool) -> u32 {
        self.push(Node::Bool(b))
    }

    pub(crate) fn number(&mut self, n: Number) -> u32 {
        self.push(Node::Number(n))
    }

    pub(crate) fn string(&mut self, s: Cow<'a, str>) -> u32 {
        self.push(Node::String(s))
    }

    /// Begins a sequence: push its items with [`Builder::item`], then [`Builder::seq`].
    pub(crate) fn begin_seq(&self) -> Mark {
        Mark(self.open_items.len())
    }

    pub(crate) fn item(&mut self, node: u32) {
        self.open_items.push(node);
    }

    pub(crate) fn seq(&mut self, mark: Mark) -> u32 {
        let start = self.items.len();
        self.items.extend(self.open_items.drain(mark.0..));
        let len = self.items.len() - start;
        self.push(Node::Seq {
            start: index(start),
            len: index(len),
        })
    }

    /// Begins a mapping: push its entries with [`Builder::entry`], then [`Builder::map`].
    pub(crate) fn begin_map(&self) -> Mark {
        Mark(self.open_entries.len())
    }

    pub(crate) fn entry(&mut self, key: Cow<'a, str>, value: u32) {
        self.open_entries.push((key, value));
    }

    /// Finishes a mapping; a key written twice is refused.
    pub(crate) fn map(&mut self, mark: Mark) -> Result<u32, DuplicateKey> {
        let entries = &self.open_entries[mark.0..];
        let duplicate = if entries.len() <= 16 {
            entries
                .iter()
                .enumerate()
                .any(|(i, (k, _))| entries[..i].iter().any(|(earlier, _)| earlier == k))
        } else {
            let mut keys: Vec<&str> = entries.iter().map(|(k, _)| &**k).collect();
            keys.sort_unstable();
            keys.windows(2).any(|pair| pair[0] == pair[1])
        };
        if duplicate {
            return Err(DuplicateKey);
        }
        let start = self.entries.len();
        self.entries.extend(self.open_entries.drain(mark.0..));
        let len = self.entries.len() - start;
        Ok(self.push(Node::Map {
            start: index(start),
            len: index(len),
        }))
    }

    /// The finished document, whose root is `root`.
    pub(crate) fn finish(self, root: u32) -> Doc<'a> {
        Doc {
            nodes: self.nodes,
            items: self.items,
            entries: self.entries,
            root,
        }
    }

    /// Adds a `serde_json::Value` (its keys are unique already).
    fn value(&mut self, value: Value) -> u32 {
        match value {
            Value::Null => self.null(),
            Value::Bool(b) => self.bool(b),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(Cow::Owned(s)),
            Value::Array(items) => {
                let mark = self.begin_seq();
                for item in items {
                    let node = self.value(item);
                    self.item(node);
                }
                self.seq(mark)
            }
            Value::Object(entries) => {
                let mark = self.begin_map();
                for (key, value) in entries {
                    let node = self.value(value);
                    self.entry(Cow::Owned(key), node);
                }
                let start = self.entries.len();
                self.entries.extend(self.open_entries.drain(mark.0..));
                let len = self.entries.len() - start;
                self.push(Node::Map {
                    start: index(start),
                    len: index(len),
                })
            }
        }
    }
}

/// A position in one of a document's vectors: files are at most 64 MiB, so it fits.
fn index(n: usize) -> u32 {
    u32::try_from(n).expect("a file within the size limit")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::json;

    use super::{Builder, Doc, DuplicateKey, View};

    #[test]
    fn round_trips_values() {
        let value = json!({
            "b": [1, -2, 3.5, true, null, "x"],
            "a": { "nested": [], "empty": {} },
            "s": "text"
        });
        let doc = Doc::from_value(value.clone());
        assert_eq!(doc.to_value(), value);
        assert_eq!(
            doc.root().get("s").map(super::DocNode::to_value),
            Some(json!("text"))
        );
        let View::Map(map) = doc.root().view() else {
            panic!("a mapping")
        };
        assert_eq!(map.len(), 3);
        assert!(doc.root().get("missing").is_none());
    }

    #[test]
    fn refuses_duplicate_keys_in_small_and_large_mappings() {
        for size in [2, 40] {
            let mut builder = Builder::default();
            let mark = builder.begin_map();
            for i in 0..size {
                let value = builder.null();
                builder.entry(Cow::Owned(format!("k{i}")), value);
            }
            let value = builder.null();
            builder.entry(Cow::Borrowed("k0"), value);
            assert_eq!(builder.map(mark), Err(DuplicateKey), "{size} keys");
        }
    }
}
