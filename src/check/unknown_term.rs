//! `unknown-term`.
//!
//! What it checks: every id in a provision's `terms` is defined in the version's `terms.yaml`.
//! Why it matters: a reader follows a term to its meaning; a dangling id leads nowhere.
//! Example: `terms: [shade-trees]` when the term is `shade-tree`.
//! Fix: correct the id, or add the term.

use crate::diagnostic::{At, Code, Diagnostic};

use super::{Context, provisions, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, version, p) in provisions(spec) {
        if !version.terms.complete {
            continue;
        }
        for (i, term) in p.terms.iter().enumerate() {
            if !version.terms.items.contains_key(term) {
                let mut d = unknown(
                    Code::UnknownTerm,
                    p.file,
                    At::value(p.at(&format!("/terms/{i}"))),
                    "term",
                    term,
                    version.terms.items.keys().map(String::as_str),
                );
                if version.terms.file.is_none() {
                    d = d.with_note(format!("version `{}` has no `terms.yaml`", version.id));
                }
                out.push(d);
            }
        }
    }
}
