//! The resource limits a run works within (file sizes and counts, nesting, aliases, scalar
//! length), and the error a file that cannot be loaded gives.
//!
//! A [`LoadError`] comes from decoding or from the general parser; the fast path never makes
//! one: it gives up, and the general parser then finds the error and its position.

use crate::diagnostic::Code;
use crate::source::{LineLengths, Span};

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
    pub(super) fn within(mut self, text: &str) -> Self {
        if let Some(span) = &mut self.span {
            span.clamp_to(&LineLengths::new(text));
        }
        self
    }

    pub(super) fn new(code: Code, message: impl Into<String>, span: Option<Span>) -> Self {
        LoadError {
            code,
            message: message.into(),
            span,
            help: None,
            related: None,
        }
    }

    pub(super) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
