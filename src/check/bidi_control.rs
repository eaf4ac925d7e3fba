//! `bidi-control`.
//!
//! What it checks: no text in the spec holds a Unicode bidirectional embedding, override or
//! isolate control (U+202A-U+202E, U+2066-U+2069), like rustc's
//! `text_direction_codepoint_in_literal`.
//! Why it matters: the characters are invisible and reorder the text after them, so a value
//! can read differently from what it holds, and an unterminated override in a pull request
//! can make an evidence summary seem to say "not verified". orderly's outputs keep them from
//! reaching past the value (HTML isolates them, Markdown and the terminal show them as
//! escapes), but a reviewer reading the YAML sees the reordered text.
//! Example: `summary: "The survey report was filed \u202e.deifirev ton"`.
//! Fix: delete the characters; right-to-left text needs none of them.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Provision, SourceRef};
use crate::source::FileId;
use crate::text::pointer;
use crate::text::unicode::is_bidi_control;

use super::Context;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let mut scan = |file: FileId, at: String, text: &str| {
        if let Some(c) = text.chars().find(|&c| is_bidi_control(c)) {
            out.push(
                Diagnostic::new(
                    Code::BidiControl,
                    file,
                    At::value(at),
                    format!(
                        "text holds the invisible bidirectional control U+{:04X} ({})",
                        u32::from(c),
                        name(c)
                    ),
                )
                .with_label("reorders the text around it")
                .with_help("delete the control characters; right-to-left text needs none"),
            );
        }
    };
    if let Some(file) = spec.actors.file {
        for (id, actor) in &spec.actors.items {
            let at = |field: &str| pointer(["actors", id, field]);
            scan(file, at("name"), &actor.name);
            for (field, text) in [("short", &actor.short), ("notes", &actor.notes)] {
                if let Some(text) = text {
                    scan(file, at(field), text);
                }
            }
            for (i, alias) in actor.aliases.iter().enumerate() {
                scan(
                    file,
                    pointer(["actors", id, "aliases", &i.to_string()]),
                    alias,
                );
            }
        }
    }
    for instrument in &spec.instruments {
        if let Some(info) = &instrument.info {
            let file = instrument.file;
            scan(file, pointer(["title"]), &info.title);
            for (field, text) in [
                ("short_title", &info.short_title),
                ("jurisdiction", &info.jurisdiction),
                ("summary", &info.summary),
                ("notes", &info.notes),
            ] {
                if let Some(text) = text {
                    scan(file, pointer([field]), text);
                }
            }
            for (scheme, value) in &info.identifiers {
                scan(file, pointer(["identifiers", scheme]), value);
            }
            for (i, version) in info.versions.iter().enumerate() {
                let i = i.to_string();
                for (field, text) in [
                    ("title", &version.title),
                    ("caveat", &version.caveat),
                    ("summary", &version.summary),
                    ("notes", &version.notes),
                ] {
                    if let Some(text) = text {
                        scan(file, pointer(["versions", &i, field]), text);
                    }
                }
                let at = pointer(["versions", &i, "sources"]);
                citations(&mut scan, file, &at, &version.sources);
            }
            for (id, source) in &info.sources {
                scan(file, pointer(["sources", id, "title"]), &source.title);
                for (field, text) in [
                    ("publisher", &source.publisher),
                    ("url", &source.url),
                    ("site", &source.site),
                    ("notes", &source.notes),
                ] {
                    if let Some(text) = text {
                        scan(file, pointer(["sources", id, field]), text);
                    }
                }
            }
        }
        for version in &instrument.versions {
            if let Some(file) = version.terms.file {
                for (id, term) in &version.terms.items {
                    scan(file, pointer(["terms", id, "term"]), &term.term);
                    scan(file, pointer(["terms", id, "meaning"]), &term.meaning);
                    if let Some(notes) = &term.notes {
                        scan(file, pointer(["terms", id, "notes"]), notes);
                    }
                    let at = pointer(["terms", id, "sources"]);
                    citations(&mut scan, file, &at, &term.sources);
                }
            }
            for section in &version.sections {
                if let Some(header) = &section.header {
                    scan(section.file, pointer(["section"]), &header.section);
                    for (field, text) in [("heading", &header.heading), ("notes", &header.notes)] {
                        if let Some(text) = text {
                            scan(section.file, pointer([field]), text);
                        }
                    }
                    citations(&mut scan, section.file, "/sources", &header.sources);
                }
                for p in &section.provisions {
                    provision(&mut scan, p.file, &p.pointer, p);
                }
            }
        }
    }
}

/// The text fields of a provision.
fn provision(scan: &mut impl FnMut(FileId, String, &str), file: FileId, at: &str, p: &Provision) {
    scan(file, format!("{at}/ref"), &p.reference);
    scan(file, format!("{at}/action"), &p.action);
    for (field, text) in [
        ("heading", &p.heading),
        ("text", &p.text),
        ("notes", &p.notes),
    ] {
        if let Some(text) = text {
            scan(file, format!("{at}/{field}"), text);
        }
    }
    citations(scan, file, &format!("{at}/sources"), &p.sources);
    for (i, status) in p.status.iter().enumerate() {
        if let Some(summary) = &status.summary {
            scan(file, format!("{at}/status/{i}/summary"), summary);
        }
        citations(
            scan,
            file,
            &format!("{at}/status/{i}/sources"),
            &status.sources,
        );
    }
    for (i, ack) in p.acknowledge.iter().enumerate() {
        scan(file, format!("{at}/acknowledge/{i}/reason"), &ack.reason);
    }
}

/// The `at` of each citation in a list.
fn citations(
    scan: &mut impl FnMut(FileId, String, &str),
    file: FileId,
    at: &str,
    sources: &[SourceRef],
) {
    for (i, source) in sources.iter().enumerate() {
        if let Some(text) = &source.at {
            scan(file, format!("{at}/{i}/at"), text);
        }
    }
}

/// The Unicode name of a bidi control.
fn name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        _ => "POP DIRECTIONAL ISOLATE",
    }
}
