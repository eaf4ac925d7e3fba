//! Turning JSON pointers into line:col.
//!
//! The schema and semantic stages speak in JSON pointers, which cost nothing to produce. Here,
//! once every diagnostic is known, each file that has any is parsed a second time into a
//! [`SpanTree`], and each pointer is walked down that tree. A file without diagnostics is never
//! parsed twice, so a clean run pays nothing for positions.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::diagnostic::{At, Diagnostic, Part};
use crate::load::{Limits, SpanTree, parse_spans};
use crate::source::{FileId, Files, Span};
use crate::text::pointer::unescape;

/// Resolves every pointer in `diagnostics` (and in their related labels) to a span.
pub(crate) fn resolve(files: &Files, diagnostics: &mut [Diagnostic], limits: &Limits) {
    let mut wanted: BTreeSet<FileId> = BTreeSet::new();
    for d in diagnostics.iter() {
        if matches!(d.at, At::Pointer { .. }) {
            wanted.insert(d.file);
        }
        for label in &d.related {
            if matches!(label.at, At::Pointer { .. }) {
                wanted.insert(label.file);
            }
        }
    }
    let trees: BTreeMap<FileId, Option<SpanTree>> = wanted
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|file| {
            let tree = files
                .get(file)
                .text
                .as_deref()
                .and_then(|text| parse_spans(text, limits));
            (file, tree)
        })
        .collect();
    let place = |file: FileId, at: &mut At| {
        if let At::Pointer { pointer, part } = at {
            *at = match trees.get(&file).and_then(Option::as_ref) {
                Some(tree) => At::Span(walk(tree, pointer, *part)),
                None => At::File,
            };
        }
    };
    for d in diagnostics.iter_mut() {
        if let At::Pointer { pointer, .. } = &d.at {
            d.pointer = Some(pointer.clone());
        }
        place(d.file, &mut d.at);
        for label in &mut d.related {
            place(label.file, &mut label.at);
        }
    }
}

/// The span of the node at `pointer`, or of the deepest node on its way that exists.
fn walk(tree: &SpanTree, pointer: &str, part: Part) -> Span {
    let mut node = tree;
    let mut key_span = None;
    for segment in pointer.split('/').skip(1) {
        let segment = unescape(segment);
        let next = match node {
            SpanTree::Map(..) => node.entry(&segment).map(|(key, value)| (Some(key), value)),
            SpanTree::Seq(..) => segment
                .parse::<usize>()
                .ok()
                .and_then(|i| node.item(i))
                .map(|value| (None, value)),
            SpanTree::Leaf(_) => None,
        };
        match next {
            Some((key, value)) => {
                key_span = key;
                node = value;
            }
            None => return node.span(),
        }
    }
    match (part, key_span) {
        (Part::Key, Some(key)) => key,
        _ => node.span(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str, part: Part) -> (u32, u32) {
        let tree = parse_spans(text, &Limits::default()).unwrap();
        let span = walk(&tree, pointer, part);
        (span.start.line, span.start.col)
    }

    #[test]
    fn walks_maps_and_sequences() {
        let text = "a: 1\nlist:\n  - x: 1\n    y: [p, q]\n";
        assert_eq!(at(text, "/list/0/y/1", Part::Value), (4, 12));
        assert_eq!(at(text, "/list/0/y", Part::Key), (4, 5));
        assert_eq!(at(text, "/list/0/missing", Part::Value), (3, 5));
        assert_eq!(at(text, "", Part::Value), (1, 1));
    }

    #[test]
    fn escaped_segments() {
        let text = "\"a/b\": 1\n\"c~d\": 2\n";
        assert_eq!(at(text, "/a~1b", Part::Key), (1, 1));
        assert_eq!(at(text, "/c~0d", Part::Value), (2, 8));
    }
}
