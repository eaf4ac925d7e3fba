//! The `human` format, rustc-style: the message, the location, the source line with carets
//! under the span and its label, each related place the same way, then help and notes; a
//! summary line closes the report. ANSI colour only when [`Report::color`] asks for it.
//!
//! Carets are placed by character count, and a long line is cut to a window around them.

use std::fmt::Write as _;

use super::{Report, location, summary};
use crate::diagnostic::{At, Counts, Diagnostic, Severity};
use crate::source::{FileId, Files, Span};
use crate::text::unicode::is_unprintable;

/// ANSI styles, or none.
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

/// The `human` format.
pub(super) fn render(report: &Report<'_>) -> String {
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
    file: FileId,
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
}
