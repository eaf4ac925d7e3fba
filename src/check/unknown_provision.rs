//! `unknown-provision`.
//!
//! What it checks: a provision's `parent` and `through` and a term's `defined_in` name a
//! provision of the same version (and `refers_to`, in its own check, provisions of the spec).
//! Why it matters: the outline of a version and the place a term is established are built from
//! these links.
//! Example: `parent: planting-plans` when the id is `planting-plan`.
//! Fix: correct the id.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::text::pointer;

use super::{Context, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for (v, version) in instrument.versions.iter().enumerate() {
            if !version.complete {
                continue;
            }
            let ids = &cx.provisions(i, v).ids;
            // `suggest` breaks ties by name, so the map's order does not matter.
            let candidates = || ids.keys().copied();
            for p in version.provisions() {
                for (field, id) in [("/parent", &p.parent), ("/through", &p.through)] {
                    if let Some(id) = id
                        && !ids.contains_key(id.as_str())
                    {
                        out.push(unknown(
                            Code::UnknownProvision,
                            p.file,
                            At::value(p.at(field)),
                            "provision",
                            id,
                            candidates(),
                        ));
                    }
                }
            }
            let Some(file) = version.terms.file else {
                continue;
            };
            for (id, term) in &version.terms.items {
                if let Some(defined_in) = &term.defined_in
                    && !ids.contains_key(defined_in.as_str())
                {
                    out.push(unknown(
                        Code::UnknownProvision,
                        file,
                        At::value(pointer(["terms", id, "defined_in"])),
                        "provision",
                        defined_in,
                        candidates(),
                    ));
                }
            }
        }
    }
}
