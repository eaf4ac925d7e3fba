//! `unused-source` (warning).
//!
//! What it checks: every source listed in `instrument.yaml` is cited somewhere in the
//! instrument (a provision, a reading, a status entry, a term, a section or a version).
//! Why it matters: an uncited source is either a leftover or a citation someone forgot.
//! Example: `sources: { old-draft-report: ... }` that nothing cites.
//! Fix: cite it where it supports something, or remove it.

use foldhash::HashSet;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::text::pointer;

use super::{Context, for_each_citation};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for instrument in &spec.instruments {
        let Some(info) = &instrument.info else {
            continue;
        };
        // Citations in files that did not convert are unknown; do not guess.
        if instrument
            .versions
            .iter()
            .any(|v| !v.complete || (v.terms.file.is_some() && !v.terms.complete))
        {
            continue;
        }
        let mut cited: HashSet<&str> = HashSet::default();
        for_each_citation(instrument, |c| {
            cited.insert(c.source.source.as_str());
        });
        for id in info.sources.keys() {
            if !cited.contains(id.as_str()) {
                out.push(
                    Diagnostic::new(
                        Code::UnusedSource,
                        instrument.file,
                        At::key(pointer(["sources", id])),
                        format!("source `{id}` is listed but never cited"),
                    )
                    .with_label("not cited by any provision, term, status or version")
                    .with_help("cite it where it supports something, or remove it"),
                );
            }
        }
    }
}
