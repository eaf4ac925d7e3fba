//! `unused-source` (warning).
//!
//! What it checks: every source listed in `instrument.yaml` is cited somewhere in the
//! instrument (a provision, a reading, a status entry, a term, a section or a version).
//! Why it matters: an uncited source is either a leftover or a citation someone forgot.
//! Example: `sources: { old-draft-report: ... }` that nothing cites.
//! Fix: cite it where it supports something, or remove it.

use std::collections::BTreeSet;

use crate::diagnostic::{At, Code, Diagnostic, pointer};
use crate::model::Spec;

use super::citations;

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
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
        let cited: BTreeSet<&str> = citations(instrument)
            .into_iter()
            .map(|c| c.source.source.as_str())
            .collect();
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
