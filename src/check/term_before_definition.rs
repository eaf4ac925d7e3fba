//! `term-before-definition` (warning).
//!
//! What it checks: a provision that relies on a term (`terms`) does not come, in document
//! order, before the provision that establishes it (the term's `defined_in`).
//! Why it matters: usually a sign that the term or its `defined_in` is wrong; if the text really
//! uses a term before defining it, the warning is a note for readers.
//! Example: `1(a)` lists `terms: [shade-tree]`, defined in `1(b)`.
//! Fix: check the term and `defined_in`.

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for (v, version) in instrument.versions.iter().enumerate() {
            let provisions = cx.provisions(i, v);
            for (i, p) in provisions.list.iter().enumerate() {
                for (k, term_id) in p.terms.iter().enumerate() {
                    let Some(term) = version.terms.items.get(term_id) else {
                        continue;
                    };
                    let Some(defined_in) = &term.defined_in else {
                        continue;
                    };
                    let Some(&at) = provisions.ids.get(defined_in.as_str()) else {
                        continue;
                    };
                    let reference = &provisions.list[at].reference;
                    if at > i {
                        let mut d = Diagnostic::new(
                            Code::TermBeforeDefinition,
                            p.file,
                            At::value(p.at(&format!("/terms/{k}"))),
                            format!("`{}` relies on term `{term_id}`, which is established later, in {reference}", p.reference),
                        )
                        .with_label("used before it is established");
                        if let Some(file) = version.terms.file {
                            d = d.with_related(
                                file,
                                At::value(crate::text::pointer(["terms", term_id, "defined_in"])),
                                "established here",
                            );
                        }
                        out.push(d);
                    }
                }
            }
        }
    }
}
