//! What the tests, benchmarks and fuzz targets share: internals they exercise directly, and
//! the checks they all make. Not part of the library's API.

pub use crate::calendar::{
    AddError, Holidays, add, non_business_reason, roll_forward, us_federal_holidays,
};
pub use crate::discover::FileKind;
pub use crate::load::doc::View;
pub use crate::load::{
    Doc, LoadError, SpanTree, decode, parse_doc, parse_doc_fast, parse_spans, parse_value_fast,
    parse_value_general,
};
pub use crate::text::html_escape;
pub use crate::validate::{schema_by_name, schema_text, validate};

use crate::Workspace;
use crate::diagnostic::render::{Format, Report, render};
use crate::diagnostic::{At, Code};

/// Asserts what every loaded workspace must hold: each diagnostic is placed inside its file
/// (or, for a file that is not UTF-8 and so has no text, is the encoding error), none is left
/// at an unresolved pointer, and every diagnostic format renders (JSON and SARIF as JSON).
pub fn assert_placed(workspace: &Workspace) {
    for d in &workspace.diagnostics {
        let file = workspace.files.get(d.file);
        match (&d.at, file.text.as_deref()) {
            (At::Span(span), Some(text)) => assert!(
                span.lies_within(text),
                "{:?} at {span:?} lies outside {}",
                d.code,
                file.path.display()
            ),
            (At::Span(_), None) => assert_eq!(
                d.code,
                Code::InvalidEncoding,
                "{:?} has a position in an unread file",
                d.code
            ),
            (At::Pointer { pointer, .. }, _) => {
                panic!("{:?} at {pointer} was never resolved", d.code)
            }
            (At::File, _) => {}
        }
    }
    for format in [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ] {
        let report = Report {
            files: &workspace.files,
            diagnostics: &workspace.diagnostics,
            checked: 1,
            color: format == Format::Human,
            left_out: None,
        };
        let text = render(format, &report);
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&text).expect("a JSON report parses");
        }
    }
}
