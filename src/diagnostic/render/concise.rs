//! The `concise` format: one line per diagnostic, `file:line:col: severity[code]: message`,
//! then the summary line.

use std::fmt::Write as _;

use super::{Report, location, summary};

/// The `concise` format.
pub(super) fn render(report: &Report<'_>) -> String {
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
