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

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use super::{At, Code, Counts, Diagnostic, Severity};
use crate::source::{Files, Span};
use crate::text::count;
use crate::text::unicode::{is_unprintable, visible};

/// An output format for diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
}

/// Renders a report in a format.
pub fn render(format: Format, report: &Report<'_>) -> String {
    match format {
        Format::Human => human(report),
        Format::Concise => concise(report),
        Format::Json => json_report(report),
        Format::Sarif => sarif(report),
        Format::Github => github(report),
    }
}

/// A path as shown: forward slashes, whatever the platform.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A location for the terminal (`human` and `concise`), the path shown with [`visible`].
fn location(files: &Files, diagnostic_file: crate::source::FileId, at: &At) -> String {
    let path = visible(&shown(files.path(diagnostic_file))).into_owned();
    match at {
        At::Span(span) => format!("{path}:{}:{}", span.start.line, span.start.col),
        At::File | At::Pointer { .. } => path,
    }
}

fn summary(report: &Report<'_>) -> String {
    let counts = Counts::of(report.diagnostics);
    let files = count(report.checked, "file");
    match (counts.errors, counts.warnings) {
        (0, 0) => format!("no problems in {files}"),
        (e, 0) => format!("{} in {files}", count(e, "error")),
        (0, w) => format!("{} in {files}", count(w, "warning")),
        (e, w) => format!(
            "{} and {} in {files}",
            count(e, "error"),
            count(w, "warning")
        ),
    }
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, style: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        self.wrap(
            if severity == Severity::Error {
                "1;31"
            } else {
                "1;33"
            },
            text,
        )
    }
    fn gutter(&self, text: &str) -> String {
        self.wrap("1;34", text)
    }
    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// Longest stretch of a source line shown around a caret, in characters.
const WINDOW: usize = 100;

fn human(report: &Report<'_>) -> String {
    let paint = Paint { on: report.color };
    let mut out = String::new();
    for d in report.diagnostics {
        let d = &d.for_terminal();
        let head = paint.severity(d.severity, &format!("{}[{}]", d.severity.as_str(), d.code));
        let _ = writeln!(out, "{head}{}", paint.bold(&format!(": {}", d.message)));
        let width = gutter_width(d);
        let pad = " ".repeat(width);
        let _ = writeln!(
            out,
            "{pad}{} {}",
            paint.gutter("-->"),
            location(report.files, d.file, &d.at)
        );
        if let At::Span(span) = d.at {
            snippet(
                &mut out,
                &paint,
                report.files,
                d.file,
                span,
                d.label.as_deref(),
                d.severity,
                width,
                '^',
            );
        }
        for label in &d.related {
            let _ = writeln!(
                out,
                "{pad}{} {}",
                paint.gutter(":::"),
                location(report.files, label.file, &label.at)
            );
            if let At::Span(span) = label.at {
                snippet(
                    &mut out,
                    &paint,
                    report.files,
                    label.file,
                    span,
                    Some(&label.message),
                    d.severity,
                    width,
                    '-',
                );
            } else {
                let _ = writeln!(out, "{pad} {} {}", paint.gutter("="), label.message);
            }
        }
        for help in &d.help {
            let _ = writeln!(
                out,
                "{pad} {} {}: {help}",
                paint.gutter("="),
                paint.bold("help")
            );
        }
        for note in &d.notes {
            let _ = writeln!(
                out,
                "{pad} {} {}: {note}",
                paint.gutter("="),
                paint.bold("note")
            );
        }
        out.push('\n');
    }
    let counts = Counts::of(report.diagnostics);
    let line = summary(report);
    let line = if counts.errors > 0 {
        paint.severity(Severity::Error, &line)
    } else if counts.warnings > 0 {
        paint.severity(Severity::Warning, &line)
    } else {
        line
    };
    let _ = writeln!(out, "{line}");
    out
}

/// Width of the line-number gutter: the widest line number shown, at least 1.
fn gutter_width(d: &Diagnostic) -> usize {
    let lines = std::iter::once(&d.at)
        .chain(d.related.iter().map(|l| &l.at))
        .filter_map(|at| match at {
            At::Span(span) => Some(span.start.line),
            At::File | At::Pointer { .. } => None,
        });
    lines.map(|l| l.to_string().len()).max().unwrap_or(1)
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site per label kind; a struct would only rename them"
)]
fn snippet(
    out: &mut String,
    paint: &Paint,
    files: &Files,
    file: crate::source::FileId,
    span: Span,
    label: Option<&str>,
    severity: Severity,
    width: usize,
    mark: char,
) {
    let Some(line) = files.get(file).line(span.start.line) else {
        return;
    };
    let pad = " ".repeat(width);
    let start = span.start.col.saturating_sub(1) as usize;
    let carets = if span.end.line == span.start.line && span.end.col > span.start.col {
        (span.end.col - span.start.col) as usize
    } else {
        1
    };
    let (shown_line, offset) = window(line, start);
    let carets = carets.min(WINDOW.saturating_sub(offset).max(1));
    let marks: String = std::iter::repeat_n(mark, carets).collect();
    let marks = match label {
        Some(label) => format!("{marks} {label}"),
        None => marks,
    };
    let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
    let number = format!("{:>width$}", span.start.line);
    let _ = writeln!(out, "{} {shown_line}", paint.gutter(&format!("{number} |")));
    let _ = writeln!(
        out,
        "{pad} {} {}{}",
        paint.gutter("|"),
        " ".repeat(offset),
        paint.severity(severity, &marks)
    );
    let _ = writeln!(out, "{pad} {}", paint.gutter("|"));
}

/// The part of a line shown around column `start` (0-based, in characters), with tabs as
/// spaces, and the caret's offset within it. Long lines are cut to [`WINDOW`] characters.
fn window(line: &str, start: usize) -> (String, usize) {
    let length = line.chars().count();
    let (from, prefix) = if length > WINDOW && start > WINDOW / 2 {
        (start - WINDOW / 2, "...")
    } else {
        (0, "")
    };
    let mut text: String = line
        .chars()
        .skip(from)
        .take(WINDOW)
        .map(|c| if is_unprintable(c) { ' ' } else { c })
        .collect();
    if from + WINDOW < length {
        text.push_str("...");
    }
    (format!("{prefix}{text}"), start - from + prefix.len())
}

fn concise(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let d = &d.for_terminal();
        let _ = writeln!(
            out,
            "{}: {}[{}]: {}",
            location(report.files, d.file, &d.at),
            d.severity.as_str(),
            d.code,
            d.message
        );
    }
    let _ = writeln!(out, "{}", summary(report));
    out
}

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
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Counts in the JSON report.
#[derive(serde::Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
}

fn json_report(report: &Report<'_>) -> String {
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
        },
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Percent-encodes a relative path for a SARIF `uri` (RFC 3986 path characters pass).
fn uri(path: &Path) -> String {
    crate::text::percent_encode(&shown(path), b"/!$&'()*+,;=:@")
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn sarif_location(
    files: &Files,
    file: crate::source::FileId,
    at: &At,
    message: Option<&str>,
) -> Value {
    let mut physical = json!({
        "artifactLocation": { "uri": uri(files.path(file)), "uriBaseId": "%SRCROOT%" },
    });
    if let At::Span(span) = at {
        let end_column = if span.end.line == span.start.line && span.end.col > span.start.col {
            span.end.col
        } else {
            span.start.col + 1
        };
        physical["region"] = json!({
            "startLine": span.start.line,
            "startColumn": span.start.col,
            "endLine": span.start.line,
            "endColumn": end_column,
        });
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(message) = message {
        location["message"] = json!({ "text": message });
    }
    location
}

fn sarif(report: &Report<'_>) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": rule_name(*code),
                "shortDescription": { "text": sentence(code.summary()) },
                "fullDescription": { "text": code.explanation() },
                "help": { "text": code.explanation() },
                "defaultConfiguration": { "level": sarif_level(code.default_severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = sentence(&d.message);
            for help in &d.help {
                let _ = write!(text, " Help: {}", sentence(help));
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [sarif_location(report.files, d.file, &d.at, None)],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = sarif_location(
                            report.files,
                            l.file,
                            &l.at,
                            Some(&sentence(&l.message)),
                        );
                        loc["id"] = json!(i);
                        loc
                    })
                    .collect();
            }
            result
        })
        .collect();
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "orderly",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// `unknown-actor` → `UnknownActor`, SARIF's conventional rule name. SARIF wants the name to
/// differ from the id, so a one-word code gets a suffix (`schema` → `SchemaViolation`).
fn rule_name(code: Code) -> String {
    let mut name: String = code
        .as_str()
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    if name.eq_ignore_ascii_case(code.as_str()) {
        name.push_str("Violation");
    }
    name
}

/// SARIF messages are sentences: a capital letter and a final period.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    });
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

fn github(report: &Report<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = format!(
            "file={}",
            escape_property(&shown(report.files.path(d.file)))
        );
        if let At::Span(span) = d.at {
            let _ = write!(
                properties,
                ",line={},col={}",
                span.start.line, span.start.col
            );
            if span.end.line == span.start.line && span.end.col > span.start.col {
                let _ = write!(properties, ",endColumn={}", span.end.col);
            }
        }
        let _ = write!(
            properties,
            ",title={}",
            escape_property(&format!("orderly {}", d.code))
        );
        let mut message = d.message.clone();
        for help in &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = writeln!(out, "::{command} {properties}::{}", escape_data(&message));
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped by the workflow-command rules, and the
/// other control and bidi characters shown as visible escapes, as on a terminal (the command
/// is printed into the job's log).
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if crate::text::unicode::is_unprintable(c) => {
                out.push_str(&crate::text::unicode::visible(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_around_the_caret() {
        let line = "x".repeat(1000) + "HERE" + &"y".repeat(1000);
        let (text, offset) = window(&line, 1000);
        assert!(text.starts_with("...") && text.ends_with("..."));
        assert_eq!(&text[offset..offset + 4], "HERE");
        assert!(text.len() < 120);
    }

    #[test]
    fn uri_escapes_spaces_and_percent() {
        assert_eq!(uri(Path::new("spec/a b/%.yaml")), "spec/a%20b/%25.yaml");
    }

    #[test]
    fn github_escapes() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a\u{1b}[2J\u{202e}b"), "a\\u{1b}[2J\\u{202e}b");
    }

    #[test]
    fn rule_names_and_sentences() {
        assert_eq!(rule_name(Code::UnknownActor), "UnknownActor");
        assert_eq!(rule_name(Code::Schema), "SchemaViolation");
        assert_eq!(sentence("unknown actor `x`"), "Unknown actor `x`.");
    }
}
