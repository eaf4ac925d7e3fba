//! `term-before-definition` (warning).
//!
//! What it checks: a provision that relies on a term (`terms`) does not come, in document
//! order, before the provision that establishes it (the term's `defined_in`).
//! Why it matters: usually a sign that the term or its `defined_in` is wrong; if the text really
//! uses a term before defining it, the warning is a note for readers.
//! Example: `1(a)` lists `terms: [shade-tree]`, defined in `1(b)`.
//! Fix: check the term and `defined_in`.

use std::collections::BTreeMap;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::Spec;

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            let order: BTreeMap<&str, (usize, &str)> = version
                .provisions()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), (i, p.reference.as_str())))
                .collect();
            for (i, p) in version.provisions().enumerate() {
                for (k, term_id) in p.terms.iter().enumerate() {
                    let Some(term) = version.terms.items.get(term_id) else {
                        continue;
                    };
                    let Some(defined_in) = &term.defined_in else {
                        continue;
                    };
                    let Some(&(at, reference)) = order.get(defined_in.as_str()) else {
                        continue;
                    };
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
                                At::value(crate::diagnostic::pointer([
                                    "terms",
                                    term_id,
                                    "defined_in",
                                ])),
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
