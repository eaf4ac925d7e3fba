//! Stage 1, load: bytes → text → YAML tree.
//!
//! [`decode`] turns a file's bytes into text (UTF-8 only; a byte-order mark is dropped).
//! [`parse_doc`] builds the [`Doc`] that validation and the typed model read: one arena per
//! file whose strings borrow the text where they can; [`parse_value`] gives the same tree as a
//! `serde_json::Value`. [`parse_spans`] builds a tree of positions for the same text, which
//! [`crate::position`] uses to turn JSON pointers into line:col, and which is only built for
//! files that have diagnostics.
//!
//! The common subset of YAML that spec files use is read by a fast path; anything else, and
//! every error, by the general parser. The general value and the position tree come from one
//! event loop over saphyr's parser, so both read YAML the same way (and tests hold the fast
//! path to the general parser's reading).
//! The loop is iterative (no recursion on nesting) and enforces the [`Limits`]: nesting depth,
//! nodes and bytes of text copied by aliases ("billion laughs", or many aliases of one long
//! value), and scalar length. Duplicate keys, several
//! documents, tags other than the core schema's and complex keys are errors, each with the
//! position where it occurs.

pub mod doc;
mod fast;

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostic::Code;
use crate::source::{LineLengths, Pos, Span, pos_of};
use crate::text::bytes;
pub use doc::Doc;

/// Resource limits that protect a run from hostile or broken input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_bytes: u64,
    /// Most YAML files in one spec folder.
    pub max_files: usize,
    /// Largest total size of a spec folder's YAML files, in bytes.
    pub max_total_bytes: u64,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes that aliases may copy in one file.
    pub max_alias_nodes: usize,
    /// Most bytes of text (keys and values) that aliases may copy in one file.
    pub max_alias_bytes: usize,
    /// Longest scalar, in bytes.
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 100_000,
            max_total_bytes: 1024 * 1024 * 1024,
            max_depth: 64,
            max_alias_nodes: 100_000,
            max_alias_bytes: 16 * 1024 * 1024,
            max_scalar_bytes: 1024 * 1024,
        }
    }
}

/// Why a file could not be loaded: a code, a message and, where known, a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The diagnostic code.
    pub code: Code,
    /// What went wrong.
    pub message: String,
    /// Where, if the problem has a place in the file.
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// Another place that explains the problem: a JSON pointer to a key, and a label.
    pub related: Option<(String, String)>,
}

impl LoadError {
    /// The error with its position kept inside `text` (see [`LineLengths`]).
    fn within(mut self, text: &str) -> Self {
        if let Some(span) = &mut self.span {
            span.clamp_to(&LineLengths::new(text));
        }
        self
    }

    fn new(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        LoadError {
            code,
            message: message.into(),
            span,
            help: None,
            related: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Decodes a file's bytes as UTF-8, dropping a leading byte-order mark and turning carriage
/// returns that end lines alone into line feeds.
pub fn decode(bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            LoadError::new(Code::InvalidEncoding, "file is UTF-16, not UTF-8", None)
                .with_help("save the file as UTF-8"),
        );
    }
    if let Some(index) = memchr_nul(&bytes) {
        let pos = position_of_byte(&bytes, index);
        return Err(LoadError::new(
            Code::InvalidEncoding,
            "file contains a NUL byte; it looks binary, not like YAML text",
            Some(Span::point(pos)),
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let index = error.utf8_error().valid_up_to();
        let pos = position_of_byte(error.as_bytes(), index);
        LoadError::new(
            Code::InvalidEncoding,
            "file is not valid UTF-8",
            Some(Span::point(pos)),
        )
        .with_help("save the file as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(lone_carriage_returns_to_line_feeds(text))
}

/// YAML counts a carriage return alone (old Mac OS line endings) as a line break. Making it a
/// line feed keeps every byte offset and lets every stage, down to the source lines shown in
/// diagnostics, break lines in the same places as the YAML parser.
fn lone_carriage_returns_to_line_feeds(text: String) -> String {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    if lone.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in lone {
        bytes[i] = b'\n';
    }
    // One ASCII byte replaced by another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The line and column of byte `index`, counting the valid UTF-8 before it.
fn position_of_byte(bytes: &[u8], index: usize) -> Pos {
    let before = &bytes[..index];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.split(|&b| b == b'\n').count();
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

/// Parses one YAML document (YAML 1.2 core schema) into a [`Doc`] that borrows `text`.
///
/// An empty document is `Ok(None)`. The common subset of YAML that spec files use is read by a
/// fast path (`fast`); anything else, and every error, by the general parser.
pub fn parse_doc<'a>(text: &'a str, limits: &'a Limits) -> Result<Option<Doc<'a>>, LoadError> {
    match fast::parse(text, limits) {
        Ok(doc) => Ok(doc),
        Err(fast::Bail) => Ok(parse_value_general(text, limits)?.map(Doc::from_value)),
    }
}

/// Parses one YAML document into a JSON value (see [`parse_doc`]).
pub fn parse_value(text: &str, limits: &Limits) -> Result<Option<Value>, LoadError> {
    Ok(parse_doc(text, limits)?.map(|doc| doc.to_value()))
}

/// Parses one YAML document with the fast path only: `None` when it gives up (for tests and
/// benchmarks that compare it with the general parser).
pub fn parse_value_fast(text: &str, limits: &Limits) -> Option<Option<Value>> {
    fast::parse(text, limits)
        .ok()
        .map(|doc| doc.map(|doc| doc.to_value()))
}

/// Parses one YAML document with the fast path only, into the [`Doc`] the pipeline uses.
pub fn parse_doc_fast<'a>(text: &'a str, limits: &'a Limits) -> Option<Option<Doc<'a>>> {
    fast::parse(text, limits).ok()
}

/// Parses one YAML document with the general parser only.
pub fn parse_value_general(text: &str, limits: &Limits) -> Result<Option<Value>, LoadError> {
    build::<Value>(text, limits).map_err(|error| error.within(text))
}

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
    let mut tree = build::<SpanTree>(text, limits).ok().flatten()?;
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

/// A tree the event loop can build.
trait Tree: Sized + Clone {
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

/// The event loop shared by both trees.
fn build<T: Tree>(text: &str, limits: &Limits) -> Result<Option<T>, LoadError> {
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
                let (key, key_span) = key.take().unwrap_or_default();
                total.add(Size {
                    nodes: 0,
                    bytes: key.len(),
                });
                if let Err(key) = T::insert(map, key, key_span, node) {
                    let first = format!("{}{}", path_of(&stack), crate::text::pointer([&key]));
                    let mut error = LoadError::new(
                        Code::DuplicateKey,
                        format!("duplicate key `{key}`"),
                        Some(key_span),
                    )
                    .with_help("remove or rename one of the two entries");
                    error.related = Some((first, "first defined here".to_owned()));
                    return Err(error);
                }
                total.add(size);
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

fn unsupported_tag(tag: Option<&Tag>, span: Span) -> LoadError {
    let shown = tag.map_or_else(String::new, |tag| {
        if tag.is_yaml_core_schema() {
            format!("!!{}", tag.suffix)
        } else {
            tag.to_string()
        }
    });
    LoadError::new(
        Code::UnsupportedYaml,
        format!("tag `{shown}` is not allowed in spec files"),
        Some(span),
    )
    .with_help("spec files are plain data; remove the tag")
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

/// A scalar as a JSON value, resolved by the YAML 1.2 core schema.
fn scalar_value(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
    span: Span,
) -> Result<Value, LoadError> {
    let resolved = match tag {
        None if style == ScalarStyle::Plain => resolve_plain(&value),
        None => return Ok(Value::String(value.into_owned())),
        // `!` alone is the non-specific tag: the value is text.
        Some(tag) if tag.handle == "!" && tag.suffix.is_empty() => {
            return Ok(Value::String(value.into_owned()));
        }
        Some(tag) if tag.is_yaml_core_schema() => match tag.suffix.as_str() {
            "str" => return Ok(Value::String(value.into_owned())),
            "null" | "bool" | "int" | "float" => {
                let resolved = resolve_plain(&value);
                let fits = match (tag.suffix.as_str(), &resolved) {
                    ("null", Some(Value::Null))
                    | ("bool", Some(Value::Bool(_)))
                    | ("float", Some(Value::Number(_))) => true,
                    ("int", Some(Value::Number(n))) => !n.is_f64(),
                    _ => false,
                };
                if !fits {
                    return Err(LoadError::new(
                        Code::UnsupportedYaml,
                        format!("`{value}` is not a valid `!!{}`", tag.suffix),
                        Some(span),
                    ));
                }
                resolved
            }
            _ => return Err(unsupported_tag(Some(tag), span)),
        },
        Some(tag) => return Err(unsupported_tag(Some(tag), span)),
    };
    match resolved {
        Some(value) => Ok(value),
        None if is_special_float(&value) => Err(LoadError::new(
            Code::UnsupportedYaml,
            format!("`{value}` is not a finite number"),
            Some(span),
        )
        .with_help("quote the value if you mean text")),
        None => Ok(Value::String(value.into_owned())),
    }
}

fn is_special_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    matches!(s, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN")
}

/// Resolves a plain scalar: null, booleans, integers and floats; `None` for text.
fn resolve_plain(s: &str) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Value::from);
    }
    if let Some(octal) = s.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(Value::from);
    }
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = s.strip_prefix('+').unwrap_or(s);
        if let Ok(n) = unsigned.parse::<i64>() {
            return Some(Value::from(n));
        }
        if let Ok(n) = unsigned.parse::<u64>() {
            return Some(Value::from(n));
        }
        return unsigned
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    if is_core_float(digits) {
        return s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float without its sign.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(frac) => all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::fmt::Write as _;

    fn value(text: &str) -> Value {
        parse_value(text, &Limits::default()).unwrap().unwrap()
    }

    fn error(text: &str) -> LoadError {
        parse_value(text, &Limits::default()).unwrap_err()
    }

    #[test]
    fn core_schema_scalars() {
        assert_eq!(
            value(
                "a: 1\nb: -2\nc: 1.5\nd: true\ne: ~\nf: 2026-06-02\ng: '3'\nh: 0x1f\ni: 30d\nj: 1e3\nk: .5\n"
            ),
            json!({"a": 1, "b": -2, "c": 1.5, "d": true, "e": null, "f": "2026-06-02",
                   "g": "3", "h": 31, "i": "30d", "j": 1000.0, "k": 0.5})
        );
    }

    #[test]
    fn yaml_1_1_booleans_stay_text() {
        assert_eq!(value("a: yes\nb: off\n"), json!({"a": "yes", "b": "off"}));
    }

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
    fn tags_outside_the_core_schema_are_refused() {
        let e = error("a: !!python/object:os.system x\n");
        assert_eq!(e.code, Code::UnsupportedYaml);
        assert!(
            e.message.contains("!!python/object:os.system"),
            "{}",
            e.message
        );
        assert_eq!(value("a: !!str 12\n"), json!({"a": "12"}));
        assert_eq!(error("a: !!int x\n").code, Code::UnsupportedYaml);
        assert_eq!(error("a: !local x\n").code, Code::UnsupportedYaml);
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

    #[test]
    fn decode_refuses_utf16_binary_and_bad_utf8() {
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err().code,
            Code::InvalidEncoding
        );
        let e = decode(b"a: 1\nb: \x00\x01".to_vec()).unwrap_err();
        assert_eq!(e.span.unwrap().start, Pos { line: 2, col: 4 });
        let e = decode(b"a: 1\nbb: \xff".to_vec()).unwrap_err();
        assert_eq!(e.span.unwrap().start, Pos { line: 2, col: 5 });
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\n".to_vec()).unwrap(),
            "a: 1\r\n"
        );
    }

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
