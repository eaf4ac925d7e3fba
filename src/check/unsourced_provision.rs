//! `unsourced-provision`.
//!
//! What it checks: every provision cites at least one source under `sources`.
//! Why it matters: legal teams must be able to check each provision against where it came from.
//! Example: a provision with no `sources` field, or `sources: []`.
//! Fix: add the source the provision was encoded from.

use crate::diagnostic::{At, Code, Diagnostic};

use super::{Context, provisions};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, _, p) in provisions(spec) {
        if p.sources.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::UnsourcedProvision,
                    p.file,
                    At::value(p.at("/id")),
                    format!("provision `{}` cites no source", p.id),
                )
                .with_label("no `sources`")
                .with_help("add `sources: [<source id>]`, listing the source in `instrument.yaml`"),
            );
        }
    }
}
