//! The `github` format: one GitHub Actions workflow command per diagnostic
//! (`::error file=...,line=...,col=...,title=...::message`), which the runner turns into an
//! annotation on the file. No summary line: the job's log shows the commands themselves.

use std::fmt::Write as _;

use super::{Report, shown};
use crate::diagnostic::{At, Severity};
use crate::text::unicode::{is_unprintable, visible};

/// The `github` format.
pub(super) fn render(report: &Report<'_>) -> String {
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
            c if is_unprintable(c) => {
                out.push_str(&visible(c.encode_utf8(&mut [0; 4])));
            }
            c => out.push(c),
        }
    }
    out
}

/// A workflow command's property value: escaped as a message, and `:` and `,` too.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a\u{1b}[2J\u{202e}b"), "a\\u{1b}[2J\\u{202e}b");
    }
}
