//! The `sarif` format, SARIF 2.1.0 for code-scanning tools: every code as a rule (its
//! summary and explanation), and each diagnostic as a result pointing at its rule by id and by
//! index, with its related places. Messages become sentences, as SARIF wants; paths are
//! percent-encoded URIs relative to `%SRCROOT%`. Each result has a fingerprint that does not
//! depend on its line, so code scanning keeps one alert when an edit moves the problem; the run
//! names its automation (`orderly/check/`), which code-scanning services use to tell runs apart.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value, json};

use super::{Report, shown};
use crate::diagnostic::{At, Code, Severity};
use crate::source::{FileId, Files};

/// Percent-encodes a relative path for a SARIF `uri` (RFC 3986 path characters pass).
fn uri(path: &Path) -> String {
    crate::text::percent_encode(&shown(path), b"/!$&'()*+,;=:@")
}

/// The SARIF level of a severity.
fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Where a file is: relative to `%SRCROOT%`, or a `file:` URI when its path is absolute (a
/// spec outside the working folder), since a relative reference may not begin with `/`.
fn artifact(path: &Path) -> Value {
    let uri = uri(path);
    if uri.starts_with('/') {
        json!({ "uri": format!("file://{uri}") })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

/// A SARIF location: the file, and the region when the place is a span.
fn sarif_location(files: &Files, file: FileId, at: &At, message: Option<&str>) -> Value {
    let mut physical = json!({ "artifactLocation": artifact(files.path(file)) });
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

/// The `sarif` format.
pub(super) fn render(report: &Report<'_>) -> String {
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
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let uri = uri(report.files.path(d.file));
            // Where in the file, without the line: the YAML node's pointer, else the message;
            // the same problem twice in a file counts its occurrences.
            let place = d.pointer.as_deref().unwrap_or(&d.message);
            let identity = fnv1a(&[d.code.as_str(), &uri, place]);
            let occurrence = seen.entry(identity).or_default();
            *occurrence += 1;
            let fingerprint = format!("{identity:016x}:{occurrence}");
            let mut text = sentence(&d.message);
            for help in &d.help {
                let _ = write!(text, " Help: {}", sentence(help));
            }
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": rule_index(d.code),
                "level": sarif_level(d.severity),
                "message": { "text": text },
                "locations": [sarif_location(report.files, d.file, &d.at, None)],
                "partialFingerprints": { "orderlyPlace/v1": fingerprint },
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
                    "fullName": concat!("orderly ", env!("CARGO_PKG_VERSION"), ": checks of legal instruments encoded as YAML"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "automationDetails": { "id": "orderly/check/" },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// The 64-bit FNV-1a hash of `parts`, each followed by a zero byte: fixed by its definition, so
/// a fingerprint stays the same across versions of orderly and of its dependencies.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A code's place in the `rules` list, which is [`Code::ALL`]. The codes carry no explicit
/// discriminants, so each one's is its place in the table that also orders `ALL` (a test holds
/// the two together).
fn rule_index(code: Code) -> usize {
    code as usize
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_spaces_and_percent() {
        assert_eq!(uri(Path::new("spec/a b/%.yaml")), "spec/a%20b/%25.yaml");
    }

    #[test]
    fn rule_names_and_sentences() {
        assert_eq!(rule_name(Code::UnknownActor), "UnknownActor");
        assert_eq!(rule_name(Code::Schema), "SchemaViolation");
        assert_eq!(sentence("unknown actor `x`"), "Unknown actor `x`.");
    }

    #[test]
    fn rule_index_is_the_place_in_all() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(rule_index(*code), i, "{code}");
        }
    }
}
