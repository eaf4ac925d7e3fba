//! Diagnostics: problems in the user's spec, as data.
//!
//! A [`Diagnostic`] names its file and where in it the problem lies: first as a JSON pointer
//! ([`At::Pointer`]), which is what the schema and semantic stages know, and after
//! `position::resolve` as a [`Span`] with line and column. Rendering (human, concise,
//! JSON, SARIF, GitHub) lives in [`render`] and sees only resolved diagnostics.

mod code;
pub mod render;

pub use code::Code;

use crate::source::{FileId, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec is wrong; `orderly check` exits 1.
    Error,
    /// The spec is suspicious; `orderly check` exits 1 only with `--deny-warnings`.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which part of a mapping entry a pointer designates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The value at the pointer.
    Value,
    /// The key of the entry at the pointer (for unknown or duplicate fields).
    Key,
}

/// Where in a file a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum At {
    /// The file as a whole (it could not be read or parsed into a tree).
    File,
    /// A node of the file's YAML tree, by JSON pointer; resolved to a [`Span`] before rendering.
    Pointer {
        /// JSON pointer (RFC 6901) into the file's value, such as `/provisions/3/actor`.
        pointer: String,
        /// Whether the key or the value is meant.
        part: Part,
    },
    /// A resolved range.
    Span(Span),
}

impl At {
    /// The value at `pointer`.
    pub fn value(pointer: impl Into<String>) -> Self {
        At::Pointer {
            pointer: pointer.into(),
            part: Part::Value,
        }
    }

    /// The key of the entry at `pointer`.
    pub fn key(pointer: impl Into<String>) -> Self {
        At::Pointer {
            pointer: pointer.into(),
            part: Part::Key,
        }
    }
}

/// A place in a file with an optional label, for secondary notes ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The file.
    pub file: FileId,
    /// Where in it.
    pub at: At,
    /// What this place is.
    pub message: String,
}

/// One problem in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// One short phrase, lowercase, no trailing period.
    pub message: String,
    /// The file the problem is in.
    pub file: FileId,
    /// Where in the file.
    pub at: At,
    /// A short label under the caret.
    pub label: Option<String>,
    /// Other places that explain the problem.
    pub related: Vec<Label>,
    /// How to fix it.
    pub help: Vec<String>,
    /// Background.
    pub notes: Vec<String>,
    /// The JSON pointer the place was given by, kept once [`At`] is resolved to a span: an
    /// identity that survives edits which move lines (SARIF's fingerprints use it).
    pub pointer: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, file: FileId, at: At, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            file,
            at,
            label: None,
            related: Vec::new(),
            help: Vec::new(),
            notes: Vec::new(),
            pointer: None,
        }
    }

    /// Sets the label under the caret.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds a note line.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The diagnostic for a terminal: its texts (spec text, untrusted) with control and bidi
    /// characters written as visible escapes (`text::unicode::visible`).
    #[must_use]
    pub fn for_terminal(&self) -> Diagnostic {
        let show = |text: &str| crate::text::unicode::visible(text).into_owned();
        let mut d = self.clone();
        d.message = show(&d.message);
        d.label = d.label.as_deref().map(show);
        for label in &mut d.related {
            label.message = show(&label.message);
        }
        for text in d.help.iter_mut().chain(&mut d.notes) {
            *text = show(text);
        }
        d
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_related(mut self, file: FileId, at: At, message: impl Into<String>) -> Self {
        self.related.push(Label {
            file,
            at,
            message: message.into(),
        });
        self
    }

    /// The resolved span, if the diagnostic has one.
    pub fn span(&self) -> Option<Span> {
        match self.at {
            At::Span(span) => Some(span),
            At::File | At::Pointer { .. } => None,
        }
    }
}

/// Counts of a run's diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
}

impl Counts {
    /// Counts the diagnostics by severity.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Counts {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
