//! `unknown-source`.
//!
//! What it checks: every cited source id (in provisions and their readings, status entries,
//! terms, section headers and version listings) is listed under `sources` in `instrument.yaml`.
//! Why it matters: a citation must lead a reader to a document they can check.
//! Example: `sources: [gazette-2026-04-02]` when the listed id is `gazette-2026-04-20`.
//! Fix: correct the id, or add the source.

use crate::diagnostic::{At, Code, Diagnostic};

use super::{Context, for_each_citation, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for instrument in &spec.instruments {
        let Some(info) = &instrument.info else {
            continue;
        };
        for_each_citation(instrument, |citation| {
            let id = citation.source.source.as_str();
            if !info.sources.contains_key(id) {
                let pointer = if citation.source.at.is_some() {
                    format!("{}/source", citation.pointer())
                } else {
                    citation.pointer()
                };
                out.push(unknown(
                    Code::UnknownSource,
                    citation.file,
                    At::value(pointer),
                    "source",
                    id,
                    info.sources.keys().map(String::as_str),
                ));
            }
        });
    }
}
