//! The tree of positions of a document's nodes, which [`crate::position`] walks to turn a JSON
//! pointer into line:col.
//!
//! It is built by the general parser's event loop ([`general::build`]), so it reads YAML exactly
//! as the value does, and only for files that have diagnostics.

use std::borrow::Cow;

use saphyr_parser::{ScalarStyle, Tag};

use super::general::{self, Tree};
use super::{Limits, LoadError};
use crate::source::{LineLengths, Span};

/// Positions of every node of a document, for resolving JSON pointers.
#[derive(Clone, Debug)]
pub enum SpanTree {
    /// A scalar or an alias.
    Leaf(Span),
    /// A sequence and its items.
    Seq(Span, Vec<SpanTree>),
    /// A mapping and its entries, sorted by key: key, key span, value.
    Map(Span, Vec<(String, Span, SpanTree)>),
}

impl SpanTree {
    /// The span of the node itself (for containers, where it starts).
    pub fn span(&self) -> Span {
        match self {
            SpanTree::Leaf(span) | SpanTree::Seq(span, _) | SpanTree::Map(span, _) => *span,
        }
    }

    /// The entry with key `key`, if this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<(Span, &SpanTree)> {
        match self {
            SpanTree::Map(_, entries) => {
                // The first of equal keys, which the stable sort kept first.
                let i = entries.partition_point(|(k, _, _)| k.as_str() < key);
                entries
                    .get(i)
                    .filter(|(k, _, _)| k == key)
                    .map(|(_, span, node)| (*span, node))
            }
            SpanTree::Leaf(_) | SpanTree::Seq(..) => None,
        }
    }

    /// The item at `index`, if this is a sequence that has it.
    pub fn item(&self, index: usize) -> Option<&SpanTree> {
        match self {
            SpanTree::Seq(_, items) => items.get(index),
            SpanTree::Leaf(_) | SpanTree::Map(..) => None,
        }
    }
}

/// Parses a document into its tree of positions; `None` if it does not parse or is empty.
pub fn parse_spans(text: &str, limits: &Limits) -> Option<SpanTree> {
    let mut tree = general::build::<SpanTree>(text, limits, Some(&mut Vec::new()))
        .ok()
        .flatten()?;
    // The scanner places some positions outside the text (see `LineLengths`).
    let lines = LineLengths::new(text);
    let mut stack = vec![&mut tree];
    while let Some(node) = stack.pop() {
        match node {
            SpanTree::Leaf(span) => span.clamp_to(&lines),
            SpanTree::Seq(span, items) => {
                span.clamp_to(&lines);
                stack.extend(items.iter_mut());
            }
            SpanTree::Map(span, entries) => {
                span.clamp_to(&lines);
                for (_, key, value) in entries.iter_mut() {
                    key.clamp_to(&lines);
                    stack.push(value);
                }
            }
        }
    }
    Some(tree)
}

impl Tree for SpanTree {
    type MapBuf = Vec<(String, Span, SpanTree)>;
    type SeqBuf = Vec<SpanTree>;

    fn new_map() -> Self::MapBuf {
        Vec::new()
    }

    fn new_seq() -> Self::SeqBuf {
        Vec::new()
    }

    fn scalar(
        _value: Cow<'_, str>,
        _style: ScalarStyle,
        _tag: Option<&Tag>,
        span: Span,
    ) -> Result<Self, LoadError> {
        Ok(SpanTree::Leaf(span))
    }

    fn insert(
        map: &mut Self::MapBuf,
        key: String,
        key_span: Span,
        value: Self,
    ) -> Result<(), String> {
        map.push((key, key_span, value));
        Ok(())
    }

    fn push(seq: &mut Self::SeqBuf, value: Self) {
        seq.push(value);
    }

    fn seq_len(seq: &Self::SeqBuf) -> usize {
        seq.len()
    }

    fn finish_map(mut map: Self::MapBuf, span: Span) -> Self {
        // Sorted for binary search; a stable sort keeps the first of equal keys first.
        map.sort_by(|a, b| a.0.cmp(&b.0));
        SpanTree::Map(span, map)
    }

    fn finish_seq(seq: Self::SeqBuf, span: Span) -> Self {
        SpanTree::Seq(span, seq)
    }

    fn alias(_anchored: &Self, span: Span) -> Self {
        SpanTree::Leaf(span)
    }

    fn is_null(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Limits, parse_spans};
    use crate::source::Pos;

    #[test]
    fn span_tree_resolves_keys_and_items() {
        let tree = parse_spans("a: 1\nlist:\n  - x\n  - {k: v}\n", &Limits::default()).unwrap();
        let (key_span, list) = tree.entry("list").unwrap();
        assert_eq!(key_span.start, Pos { line: 2, col: 1 });
        let (k, v) = list.item(1).unwrap().entry("k").unwrap();
        assert_eq!(
            (k.start, v.span().start),
            (Pos { line: 4, col: 6 }, Pos { line: 4, col: 9 })
        );
    }
}
