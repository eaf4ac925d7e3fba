//! `unknown-provision` and `unknown-instrument` for cross-references.
//!
//! What it checks: each `refers_to` entry that names a provision names one of the same version
//! (`{ provision: <id> }`) or, with an instrument folder before a slash
//! (`{ provision: <instrument>/<id> }`), an instrument of the spec and a provision in one of
//! its versions.
//! Why it matters: the site links each reference to the page of the provision it names; a
//! misspelt id or folder would point at nothing.
//! Example: `refers_to: [{ provision: eo-14110/red-teaming }]` when the id is `red-team`.
//! Fix: correct the id or the folder, or cite an outside text with `{ citation: ... }`.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::Target;

use super::{Context, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for (v, version) in instrument.versions.iter().enumerate() {
            let ids = &cx.provisions(i, v).ids;
            for p in version.provisions() {
                for (k, r) in p.refers_to.iter().enumerate() {
                    let Target::Provision {
                        instrument: folder,
                        id,
                    } = &r.target
                    else {
                        continue;
                    };
                    let at = || At::value(p.at(&format!("/refers_to/{k}/provision")));
                    let Some(folder) = folder else {
                        if version.complete && !ids.contains_key(id.as_str()) {
                            out.push(unknown(
                                Code::UnknownProvision,
                                p.file,
                                at(),
                                "provision",
                                id,
                                ids.keys().copied(),
                            ));
                        }
                        continue;
                    };
                    let Some(t) = spec.instruments.iter().position(|o| &o.id == folder) else {
                        out.push(unknown(
                            Code::UnknownInstrument,
                            p.file,
                            at(),
                            "instrument",
                            folder,
                            spec.instruments.iter().map(|o| o.id.as_str()),
                        ));
                        continue;
                    };
                    let other = &spec.instruments[t];
                    let versions = 0..other.versions.len();
                    let known = versions
                        .clone()
                        .any(|w| cx.provisions(t, w).ids.contains_key(id.as_str()));
                    if known || !other.versions.iter().all(|w| w.complete) {
                        continue;
                    }
                    let mut candidates: Vec<String> = versions
                        .flat_map(|w| cx.provisions(t, w).ids.keys())
                        .map(|id| format!("{folder}/{id}"))
                        .collect();
                    candidates.sort();
                    candidates.dedup();
                    out.push(
                        unknown(
                            Code::UnknownProvision,
                            p.file,
                            at(),
                            "provision",
                            &r.written(),
                            candidates.iter().map(String::as_str),
                        )
                        .with_note(format!(
                            "no version of instrument `{folder}` has a provision `{id}`"
                        )),
                    );
                }
            }
        }
    }
}
