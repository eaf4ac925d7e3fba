//! Load: bytes → text → YAML tree.
//!
//! [`decode`](fn@decode) turns a file's bytes into text (UTF-8 only; a byte-order mark is dropped).
//! [`parse_doc`] builds the [`Doc`] that validation and the typed model read: one arena per
//! file whose strings borrow the text where they can; `parse_value` gives the same tree as a
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
//!
//! One file per part: `limits` ([`Limits`], [`LoadError`]); `decode` (reading a file within its
//! size limit, and bytes to text); `fast` (the fast path); `general` (the general parser's event
//! loop); `core_schema` (the scalar resolution both parsers share); `spans` ([`SpanTree`]).

mod core_schema;
mod decode;
pub(crate) mod doc;
mod fast;
mod general;
mod limits;
mod spans;

use serde_json::Value;

pub use decode::decode;
pub(crate) use decode::read_limited;
pub use doc::Doc;
pub use limits::{Limits, LoadError};
pub use spans::{SpanTree, parse_spans};

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

/// Parses one YAML document into a JSON value (see [`parse_doc`]), for the unit tests.
#[cfg(test)]
pub(crate) fn parse_value(text: &str, limits: &Limits) -> Result<Option<Value>, LoadError> {
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
    general::build::<Value>(text, limits, None).map_err(|error| error.within(text))
}

/// Parses one YAML document as [`parse_doc`] does, except that a key written twice in one
/// mapping is returned beside the document rather than as its error: the first entry is kept,
/// so the rest of the file can still be checked.
pub(crate) fn parse_doc_reporting_duplicates<'a>(
    text: &'a str,
    limits: &'a Limits,
) -> Result<(Option<Doc<'a>>, Vec<LoadError>), LoadError> {
    let mut duplicates = Vec::new();
    let value = general::build::<Value>(text, limits, Some(&mut duplicates))
        .map_err(|error| error.within(text))?;
    let duplicates = duplicates
        .into_iter()
        .map(|error| error.within(text))
        .collect();
    Ok((value.map(Doc::from_value), duplicates))
}

/// The unit tests' shorthand: a document's value, or its error, within the default limits.
#[cfg(test)]
pub(crate) mod shorthand {
    use serde_json::Value;

    use super::{Limits, LoadError, parse_value};

    /// The value of a document that parses.
    pub(crate) fn value(text: &str) -> Value {
        parse_value(text, &Limits::default()).unwrap().unwrap()
    }

    /// The error of a document that does not.
    pub(crate) fn error(text: &str) -> LoadError {
        parse_value(text, &Limits::default()).unwrap_err()
    }
}
