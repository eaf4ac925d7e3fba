//! Rendering resolved diagnostics: `human` (rustc-style, with the source line and a caret),
//! `concise` (one line each), `json`, `sarif` (SARIF 2.1.0) and `github` (workflow commands that
//! GitHub Actions turns into annotations).
//!
//! Every renderer writes to a `String`, so output is assembled whole before anything reaches a
//! file or the terminal, and is byte-identical from run to run. Messages and paths carry spec
//! text, which is untrusted: `human` and `concise` show its control and bidi characters as
//! escapes (`\u{1b}`, see [`Diagnostic::for_terminal`]), so it cannot drive the terminal or start a line
//! (a GitHub workflow command such as `::add-mask::`); `json`, `sarif` and `github` escape by
//! their own rules.
//!
//! One file per format (`human`, `concise`, `json`, `sarif`, `github`); what more than one
//! format needs (the path as shown, the terminal location, the summary line) is here.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

use std::path::Path;

use super::{At, Counts, Diagnostic};
use crate::source::{FileId, Files};
use crate::text::count;
use crate::text::unicode::visible;

/// An output format for diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style: message, location, source line with a caret, help and notes.
    Human,
    /// One line per diagnostic: `file:line:col: severity[code]: message`.
    Concise,
    /// A JSON object with `summary` and `diagnostics`.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::...`).
    Github,
}

/// What a report covers besides its diagnostics.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The files, for paths and source lines.
    pub files: &'a Files,
    /// The diagnostics to show.
    pub diagnostics: &'a [Diagnostic],
    /// How many files were checked.
    pub checked: usize,
    /// Whether to use ANSI colours (human format only).
    pub color: bool,
    /// With `check --new-only`, the diagnostics left out because they were there before.
    pub left_out: Option<LeftOut<'a>>,
}

/// Diagnostics left out of a report because a revision already had them (`check --since REV
/// --new-only`).
#[derive(Clone, Copy, Debug)]
pub struct LeftOut<'a> {
    /// How many.
    pub count: usize,
    /// The revision, as shown.
    pub revision: &'a str,
}

/// Renders a report in a format.
pub fn render(format: Format, report: &Report<'_>) -> String {
    match format {
        Format::Human => human::render(report),
        Format::Concise => concise::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}

/// A path as shown: forward slashes, whatever the platform.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A location for the terminal (`human` and `concise`), the path shown with [`visible`].
fn location(files: &Files, diagnostic_file: FileId, at: &At) -> String {
    let path = visible(&shown(files.path(diagnostic_file))).into_owned();
    match at {
        At::Span(span) => format!("{path}:{}:{}", span.start.line, span.start.col),
        At::File | At::Pointer { .. } => path,
    }
}

/// The closing line of `human` and `concise`: what was found in how many files.
fn summary(report: &Report<'_>) -> String {
    let counts = Counts::of(report.diagnostics);
    let files = count(report.checked, "file");
    let found = match (counts.errors, counts.warnings) {
        (0, 0) => format!("no problems in {files}"),
        (e, 0) => format!("{} in {files}", count(e, "error")),
        (0, w) => format!("{} in {files}", count(w, "warning")),
        (e, w) => format!(
            "{} and {} in {files}",
            count(e, "error"),
            count(w, "warning")
        ),
    };
    match report.left_out {
        Some(left_out) => format!(
            "{found}, and {} already at `{}` left out",
            match left_out.count {
                1 => "1 older diagnostic".to_owned(),
                n => format!("{n} older diagnostics"),
            },
            visible(left_out.revision)
        ),
        None => found,
    }
}
