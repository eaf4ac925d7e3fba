//! `unknown-provision`.
//!
//! What it checks: a provision's `parent` and a term's `defined_in` name a provision of the
//! same version.
//! Why it matters: the outline of a version and the place a term is established are built from
//! these links.
//! Example: `parent: cisa-directive` when the id is `cisa-directives`.
//! Fix: correct the id.

use std::collections::BTreeSet;

use crate::diagnostic::{At, Code, Diagnostic, pointer};
use crate::model::Spec;

use super::unknown;

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            if !version.complete {
                continue;
            }
            let ids: BTreeSet<&str> = version.provisions().map(|p| p.id.as_str()).collect();
            for p in version.provisions() {
                if let Some(parent) = &p.parent
                    && !ids.contains(parent.as_str())
                {
                    out.push(unknown(
                        Code::UnknownProvision,
                        p.file,
                        At::value(p.at("/parent")),
                        "provision",
                        parent,
                        ids.iter().copied(),
                    ));
                }
            }
            let Some(file) = version.terms.file else {
                continue;
            };
            for (id, term) in &version.terms.items {
                if let Some(defined_in) = &term.defined_in
                    && !ids.contains(defined_in.as_str())
                {
                    out.push(unknown(
                        Code::UnknownProvision,
                        file,
                        At::value(pointer(["terms", id, "defined_in"])),
                        "provision",
                        defined_in,
                        ids.iter().copied(),
                    ));
                }
            }
        }
    }
}
