//! `unknown-anchor`.
//!
//! What it checks: `due: { within: ..., of: X }` names either an anchor of the version (listed
//! under `anchors` in `instrument.yaml`) or a provision of the same version.
//! Why it matters: a deadline with no start date cannot be computed.
//! Example: `of: order-dat`.
//! Fix: correct the name, or add the anchor to the version.

use std::collections::BTreeSet;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Due, Spec, reading_suffix};

use super::unknown;

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            let Some((_, info)) = instrument.version_info(&version.id) else {
                continue;
            };
            if !version.complete {
                continue;
            }
            let mut known: BTreeSet<&str> = info.anchors.keys().map(String::as_str).collect();
            known.extend(version.provisions().map(|p| p.id.as_str()));
            for p in version.provisions() {
                let Some(due) = &p.due else { continue };
                for (reading, due) in due.values_indexed() {
                    if let Due::Within { of, .. } = due
                        && !known.contains(of.as_str())
                    {
                        let mut d = unknown(
                            Code::UnknownAnchor,
                            p.file,
                            At::value(p.at(&format!("/due{}/of", reading_suffix(reading)))),
                            "anchor",
                            of,
                            known.iter().copied(),
                        );
                        let anchors: Vec<&str> = info.anchors.keys().map(String::as_str).collect();
                        d = d.with_note(if anchors.is_empty() {
                            format!("version `{}` lists no anchors", version.id)
                        } else {
                            format!(
                                "anchors of version `{}`: {}",
                                version.id,
                                crate::diagnostic::list_ticked(&anchors, "and")
                            )
                        });
                        out.push(d);
                    }
                }
            }
        }
    }
}
