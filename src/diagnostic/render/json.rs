//! The `json` format: a versioned object with a `summary` of counts and every diagnostic with
//! its place (line and column, 1-based), label, help, notes and related places. Paths use
//! forward slashes.

use super::{Report, shown};
use crate::diagnostic::{At, Counts};

/// One diagnostic in the JSON report.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    label: Option<&'a str>,
    help: &'a [String],
    notes: &'a [String],
    related: Vec<JsonRelated<'a>>,
}

/// A related place in the JSON report.
#[derive(serde::Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

/// The JSON report.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary<'a>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Counts in the JSON report.
#[derive(serde::Serialize)]
struct JsonSummary<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    /// With `--new-only`: how many diagnostics the revision `since` had already, left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    older: Option<usize>,
    /// With `--new-only`: the revision compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<&'a str>,
}

/// The `json` format.
pub(super) fn render(report: &Report<'_>) -> String {
    let counts = Counts::of(report.diagnostics);
    let span = |at: &At| match at {
        At::Span(span) => Some(*span),
        At::File | At::Pointer { .. } => None,
    };
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let primary = span(&d.at);
            JsonDiagnostic {
                code: d.code.as_str(),
                severity: d.severity.as_str(),
                message: &d.message,
                file: shown(report.files.path(d.file)),
                line: primary.map(|s| s.start.line),
                column: primary.map(|s| s.start.col),
                end_line: primary.map(|s| s.end.line),
                end_column: primary.map(|s| s.end.col),
                label: d.label.as_deref(),
                help: &d.help,
                notes: &d.notes,
                related: d
                    .related
                    .iter()
                    .map(|l| JsonRelated {
                        file: shown(report.files.path(l.file)),
                        line: span(&l.at).map(|s| s.start.line),
                        column: span(&l.at).map(|s| s.start.col),
                        message: &l.message,
                    })
                    .collect(),
            }
        })
        .collect();
    let value = JsonReport {
        version: 1,
        summary: JsonSummary {
            files: report.checked,
            errors: counts.errors,
            warnings: counts.warnings,
            older: report.left_out.map(|l| l.count),
            since: report.left_out.map(|l| l.revision),
        },
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
    text.push('\n');
    text
}
