//! The general parser: one event loop over saphyr's parser, for every file the fast path
//! gives up on, and for every error.
//!
//! The loop builds any [`Tree`]: the JSON value the pipeline reads (here) and the tree of
//! positions that resolves JSON pointers ([`SpanTree`](super::SpanTree)), so both read YAML the
//! same way. It is iterative (no recursion on nesting), keeps the open containers on a stack of
//! frames, and enforces the [`Limits`]: nesting depth, nodes and bytes of text copied by
//! aliases, and scalar length. Duplicate keys, a second document, tags other than the core
//! schema's and complex keys are errors, each with the position where it occurs.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Value};

use super::core_schema::{scalar_value, unsupported_tag};
use super::{Limits, LoadError};
use crate::diagnostic::Code;
use crate::source::{Pos, Span, pos_of};
use crate::text::bytes;

/// A tree the event loop can build.
pub(super) trait Tree: Sized + Clone {
    type MapBuf;
    type SeqBuf;
    fn new_map() -> Self::MapBuf;
    fn new_seq() -> Self::SeqBuf;
    fn scalar(
        value: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<Self, LoadError>;
    /// Inserts an entry; gives the key back if it was already present.
    fn insert(
        map: &mut Self::MapBuf,
        key: String,
        key_span: Span,
        value: Self,
    ) -> Result<(), String>;
    fn push(seq: &mut Self::SeqBuf, value: Self);
    fn seq_len(seq: &Self::SeqBuf) -> usize;
    fn finish_map(map: Self::MapBuf, span: Span) -> Self;
    fn finish_seq(seq: Self::SeqBuf, span: Span) -> Self;
    /// The node an alias stands for, given the anchored node.
    fn alias(anchored: &Self, span: Span) -> Self;
    fn is_null(&self) -> bool;
}

impl Tree for Value {
    type MapBuf = Map<String, Value>;
    type SeqBuf = Vec<Value>;

    fn new_map() -> Self::MapBuf {
        Map::new()
    }

    fn new_seq() -> Self::SeqBuf {
        Vec::new()
    }

    fn scalar(
        value: Cow<'_, str>,
        style: ScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<Self, LoadError> {
        scalar_value(value, style, tag, span)
    }

    fn insert(
        map: &mut Self::MapBuf,
        key: String,
        _key_span: Span,
        value: Self,
    ) -> Result<(), String> {
        match map.entry(key) {
            serde_json::map::Entry::Occupied(entry) => Err(entry.key().clone()),
            serde_json::map::Entry::Vacant(entry) => {
                entry.insert(value);
                Ok(())
            }
        }
    }

    fn push(seq: &mut Self::SeqBuf, value: Self) {
        seq.push(value);
    }

    fn seq_len(seq: &Self::SeqBuf) -> usize {
        seq.len()
    }

    fn finish_map(map: Self::MapBuf, _span: Span) -> Self {
        Value::Object(map)
    }

    fn finish_seq(seq: Self::SeqBuf, _span: Span) -> Self {
        Value::Array(seq)
    }

    fn alias(anchored: &Self, _span: Span) -> Self {
        anchored.clone()
    }

    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
}

/// The size of a node: how many nodes it holds (itself included) and how many bytes of text
/// its keys and scalars hold. An alias copies both, so both are budgeted.
#[derive(Clone, Copy, Debug, Default)]
struct Size {
    nodes: usize,
    bytes: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.nodes = self.nodes.saturating_add(other.nodes);
        self.bytes = self.bytes.saturating_add(other.bytes);
    }
}

/// A container being built, with the size of what it holds so far.
enum Frame<T: Tree> {
    Map {
        map: T::MapBuf,
        /// The key waiting for its value.
        key: Option<(String, Span)>,
        span: Span,
        anchor: usize,
        size: Size,
    },
    Seq {
        seq: T::SeqBuf,
        span: Span,
        anchor: usize,
        size: Size,
    },
}

/// The event loop shared by both trees. A key written twice in one mapping is an error; with
/// `duplicates`, it is recorded there instead, the first entry is kept and the second dropped,
/// so the rest of the file can still be checked.
pub(super) fn build<T: Tree>(
    text: &str,
    limits: &Limits,
    mut duplicates: Option<&mut Vec<LoadError>>,
) -> Result<Option<T>, LoadError> {
    let mut stack: Vec<Frame<T>> = Vec::new();
    // Anchored nodes and their sizes, for aliases.
    let mut anchors: HashMap<usize, (T, Size)> = HashMap::new();
    let mut copied = Size::default();
    let mut documents = 0usize;
    let mut root: Option<T> = None;

    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| {
            let at = Some(Span::point(pos_of(*error.marker())));
            if error.info() == "recursion limit exceeded" {
                // saphyr counts `[` and `{` nesting in a byte and stops at 255, usually ahead
                // of our own depth limit because it scans tokens before emitting events.
                LoadError::new(
                    Code::LimitExceeded,
                    "nesting of `[` and `{` is deeper than the limit of 255 levels",
                    at,
                )
            } else {
                syntax_error(text, error.info(), *error.marker())
            }
        })?;
        let span = Span::from_markers(span);
        // A finished node to attach to its parent: the node, its size, and its anchor.
        let finished: (T, Size, usize) = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(LoadError::new(
                        Code::MultipleDocuments,
                        "file holds a second YAML document",
                        Some(span),
                    )
                    .with_help("put each document in a file of its own"));
                }
                continue;
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                let is_map = matches!(event, Event::MappingStart(..));
                expect_value_position(&stack, span)?;
                check_container_tag(tag.as_deref(), is_map, span)?;
                if stack.len() >= limits.max_depth {
                    return Err(LoadError::new(
                        Code::LimitExceeded,
                        format!(
                            "nesting is deeper than the limit of {} levels",
                            limits.max_depth
                        ),
                        Some(span),
                    ));
                }
                stack.push(if is_map {
                    Frame::Map {
                        map: T::new_map(),
                        key: None,
                        span,
                        anchor,
                        size: Size { nodes: 1, bytes: 0 },
                    }
                } else {
                    Frame::Seq {
                        seq: T::new_seq(),
                        span,
                        anchor,
                        size: Size { nodes: 1, bytes: 0 },
                    }
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(Frame::Map {
                    map,
                    span,
                    anchor,
                    size,
                    ..
                }) => (T::finish_map(map, span), size, anchor),
                Some(Frame::Seq {
                    seq,
                    span,
                    anchor,
                    size,
                }) => (T::finish_seq(seq, span), size, anchor),
                None => continue,
            },
            Event::Scalar(value, style, anchor, tag) => {
                if value.len() > limits.max_scalar_bytes {
                    return Err(LoadError::new(
                        Code::LimitExceeded,
                        format!(
                            "a value of {} exceeds the limit of {} per value",
                            bytes(value.len() as u64),
                            bytes(limits.max_scalar_bytes as u64)
                        ),
                        Some(Span::point(span.start)),
                    ));
                }
                if let Some(Frame::Map {
                    key: key @ None, ..
                }) = stack.last_mut()
                {
                    if tag.is_some() {
                        return Err(unsupported_tag(tag.as_deref(), span));
                    }
                    *key = Some((value.into_owned(), span));
                    continue;
                }
                let size = Size {
                    nodes: 1,
                    bytes: value.len(),
                };
                (T::scalar(value, style, tag.as_deref(), span)?, size, anchor)
            }
            Event::Alias(id) => {
                expect_value_position(&stack, span)?;
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(LoadError::new(
                        Code::YamlSyntax,
                        "alias refers to an unknown anchor",
                        Some(span),
                    ));
                };
                copied.add(*size);
                if copied.nodes > limits.max_alias_nodes {
                    return Err(LoadError::new(
                        Code::LimitExceeded,
                        format!(
                            "aliases expand to more than the limit of {} nodes",
                            limits.max_alias_nodes
                        ),
                        Some(span),
                    )
                    .with_help("write the repeated values out, or use fewer nested aliases"));
                }
                if copied.bytes > limits.max_alias_bytes {
                    return Err(LoadError::new(
                        Code::LimitExceeded,
                        format!(
                            "aliases copy more than the limit of {} of text",
                            bytes(limits.max_alias_bytes as u64)
                        ),
                        Some(span),
                    )
                    .with_help("write the repeated values out, or alias shorter values"));
                }
                (T::alias(node, span), *size, 0)
            }
        };
        let (node, size, anchor) = finished;
        // A key written twice in the mapping the node finished in.
        let mut repeated = None;
        if anchor != 0 {
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq {
                seq, size: total, ..
            }) => {
                T::push(seq, node);
                total.add(size);
            }
            Some(Frame::Map {
                map,
                key,
                size: total,
                ..
            }) => {
                // A mapping's key is set before any node can finish in it: a scalar in key
                // position becomes the key (above), and a container or an alias there is
                // refused (`expect_value_position`). The key stays while its value is open, for
                // only the innermost frame changes.
                let (key, key_span) = key
                    .take()
                    .expect("a node finishes in a mapping only after its key");
                total.add(Size {
                    nodes: 0,
                    bytes: key.len(),
                });
                if let Err(key) = T::insert(map, key, key_span, node) {
                    repeated = Some((key, key_span));
                }
                total.add(size);
            }
        }
        if let Some((key, key_span)) = repeated {
            let first = format!("{}{}", path_of(&stack), crate::text::pointer([&key]));
            let mut error = LoadError::new(
                Code::DuplicateKey,
                format!("duplicate key `{key}`"),
                Some(key_span),
            )
            .with_help("remove or rename one of the two entries");
            error.related = Some((first, "first defined here".to_owned()));
            match duplicates.as_deref_mut() {
                Some(found) => found.push(error),
                None => return Err(error),
            }
        }
    }
    Ok(root.filter(|node| !node.is_null()))
}

/// The JSON pointer of the innermost open container: the pending key of each mapping and the
/// next index of each sequence on the way down.
fn path_of<T: Tree>(stack: &[Frame<T>]) -> String {
    let mut segments = Vec::new();
    for (depth, frame) in stack.iter().enumerate() {
        if depth + 1 == stack.len() {
            break;
        }
        match frame {
            Frame::Map { key, .. } => {
                segments.push(key.as_ref().map_or_else(String::new, |(k, _)| k.clone()));
            }
            Frame::Seq { seq, .. } => segments.push(T::seq_len(seq).to_string()),
        }
    }
    crate::text::pointer(segments)
}

/// Refuses a container, or an alias, where a mapping key is expected.
fn expect_value_position<T: Tree>(stack: &[Frame<T>], span: Span) -> Result<(), LoadError> {
    if let Some(Frame::Map { key: None, .. }) = stack.last() {
        return Err(LoadError::new(
            Code::UnsupportedYaml,
            "mapping keys must be plain text, not lists, mappings or aliases",
            Some(span),
        ));
    }
    Ok(())
}

fn check_container_tag(tag: Option<&Tag>, is_map: bool, span: Span) -> Result<(), LoadError> {
    match tag {
        None => Ok(()),
        Some(tag)
            if tag.is_yaml_core_schema() && tag.suffix == if is_map { "map" } else { "seq" } =>
        {
            Ok(())
        }
        Some(tag) => Err(unsupported_tag(Some(tag), span)),
    }
}

/// A syntax error in our words where saphyr's need help: a tab is pointed at where it is, not
/// where the scanner noticed it.
fn syntax_error(text: &str, info: &str, marker: saphyr_parser::Marker) -> LoadError {
    let at = pos_of(marker);
    if info.contains("tab") {
        let tab = indentation_tab(text, at.line).unwrap_or(at);
        return LoadError::new(
            Code::YamlSyntax,
            "tab in indentation; YAML indents with spaces only",
            Some(Span {
                start: tab,
                end: Pos {
                    line: tab.line,
                    col: tab.col + 1,
                },
            }),
        )
        .with_help("replace the tab with spaces");
    }
    let error = LoadError::new(Code::YamlSyntax, info, Some(Span::point(at)));
    if info.contains("quoted scalar") {
        error.with_help("check that the quote that opens this value is closed")
    } else {
        error
    }
}

/// The first tab used for indentation on or after line `from`.
fn indentation_tab(text: &str, from: u32) -> Option<Pos> {
    text.split('\n')
        .enumerate()
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(index, line)| {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            let col = line[..indent].find('\t')?;
            Some(Pos {
                line: u32::try_from(index + 1).ok()?,
                col: u32::try_from(col + 1).ok()?,
            })
        })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use serde_json::json;

    use crate::diagnostic::Code;
    use crate::load::shorthand::{error, value};
    use crate::load::{Limits, parse_value};
    use crate::source::Pos;

    #[test]
    fn duplicate_key_points_at_second_key() {
        let e = error("a: 1\nb:\n  - x\n  - c: 1\n    c: 2\n");
        assert_eq!(e.code, Code::DuplicateKey);
        assert_eq!(e.span.unwrap().start, Pos { line: 5, col: 5 });
        assert_eq!(e.related.unwrap().0, "/b/1/c");
    }

    #[test]
    fn tabs_are_pointed_at_where_they_are() {
        let e = error("a:\n  - id: x\n\tref: y\n");
        assert_eq!(e.code, Code::YamlSyntax);
        assert_eq!(e.span.unwrap().start, Pos { line: 3, col: 1 });
    }

    #[test]
    fn alias_bomb_stops_at_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            let aliases = vec![format!("*a{p}"); 9].join(", ");
            writeln!(text, "a{i}: &a{i} [{aliases}]").unwrap();
        }
        let e = error(&text);
        assert_eq!(e.code, Code::LimitExceeded);
        assert!(e.message.contains("100000"), "{}", e.message);
    }

    #[test]
    fn aliases_of_long_values_stop_at_the_byte_limit() {
        let limits = Limits {
            max_alias_bytes: 1000,
            ..Limits::default()
        };
        // Copies of 200 bytes pass 1000 bytes at the sixth, with only seven nodes; keys count
        // too.
        let long = "x".repeat(200);
        let text = format!("a: &a {long}\nb: [{}]\n", ["*a"; 10].join(", "));
        let e = parse_value(&text, &limits).unwrap_err();
        assert_eq!(e.code, Code::LimitExceeded);
        assert!(e.message.contains("1000 bytes"), "{}", e.message);
        assert_eq!(e.span.unwrap().start, Pos { line: 2, col: 25 });
        let key = "k".repeat(200);
        let text = format!("a: &a {{{key}: 1}}\nb: [{}]\n", ["*a"; 10].join(", "));
        assert_eq!(
            parse_value(&text, &limits).unwrap_err().code,
            Code::LimitExceeded
        );
        let text = format!("a: &a {long}\nb: [{}]\n", ["*a"; 4].join(", "));
        assert!(parse_value(&text, &limits).is_ok());
    }

    #[test]
    fn small_aliases_expand() {
        assert_eq!(
            value("a: &x {k: v}\nb: *x\n"),
            json!({"a": {"k": "v"}, "b": {"k": "v"}})
        );
    }

    #[test]
    fn deep_nesting_stops_at_limit() {
        let text = "- ".repeat(100_000) + "x\n";
        assert_eq!(error(&text).code, Code::LimitExceeded);
        let flow = "[".repeat(100_000);
        assert!(parse_value(&flow, &Limits::default()).is_err());
    }

    #[test]
    fn second_document_is_refused() {
        assert_eq!(error("a: 1\n---\nb: 2\n").code, Code::MultipleDocuments);
    }

    #[test]
    fn empty_documents_are_none() {
        for text in ["", "# only a comment\n", "---\n", "~\n"] {
            assert_eq!(
                parse_value(text, &Limits::default()).unwrap(),
                None,
                "{text:?}"
            );
        }
    }

    #[test]
    fn complex_keys_are_refused() {
        assert_eq!(error("? [a]\n: b\n").code, Code::UnsupportedYaml);
    }
}
