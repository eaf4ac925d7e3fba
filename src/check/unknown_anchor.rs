//! `unknown-anchor`.
//!
//! What it checks: `due: { within: ..., of: X }` names either an anchor of the version (listed
//! under `anchors` in `instrument.yaml`) or a provision of the same version.
//! Why it matters: a deadline with no start date cannot be computed.
//! Example: `of: order-dat`.
//! Fix: correct the name, or add the anchor to the version.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Due, reading_suffix};

use super::{Context, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for (v, version) in instrument.versions.iter().enumerate() {
            let Some((_, info)) = instrument.version_info(&version.id) else {
                continue;
            };
            if !version.complete {
                continue;
            }
            let ids = &cx.provisions(i, v).ids;
            let known = |of: &str| info.anchors.contains_key(of) || ids.contains_key(of);
            for p in version.provisions() {
                let Some(due) = &p.due else { continue };
                for (reading, due) in due.values_indexed() {
                    if let Due::Within { of, .. } = due.first()
                        && !known(of)
                    {
                        let candidates = info
                            .anchors
                            .keys()
                            .map(String::as_str)
                            .chain(ids.keys().copied());
                        let mut d = unknown(
                            Code::UnknownAnchor,
                            p.file,
                            At::value(p.at(&format!("/due{}/of", reading_suffix(reading)))),
                            "anchor",
                            of,
                            candidates,
                        );
                        let anchors: Vec<&str> = info.anchors.keys().map(String::as_str).collect();
                        d = d.with_note(if anchors.is_empty() {
                            format!("version `{}` lists no anchors", version.id)
                        } else {
                            format!(
                                "anchors of version `{}`: {}",
                                version.id,
                                crate::text::list_ticked(&anchors, "and")
                            )
                        });
                        out.push(d);
                    }
                }
            }
        }
    }
}
