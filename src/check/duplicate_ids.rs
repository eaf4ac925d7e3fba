//! `duplicate-provision-id` and `duplicate-version-id`.
//!
//! What it checks: provision ids are unique within a version, across all its section files;
//! version ids are unique within `instrument.yaml`.
//! Why it matters: ids match provisions across versions and name them in every output; two
//! provisions with one id would be merged or confused.
//! Example: `id: survey` in both `sec-1.yaml` and `sec-2.yaml` of `adopted/`.
//! Fix: rename one of them.

use std::collections::BTreeMap;

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for (v, version) in instrument.versions.iter().enumerate() {
            let provisions = cx.provisions(i, v);
            for (at, &p) in provisions.list.iter().enumerate() {
                let first = provisions.ids[p.id.as_str()];
                if first != at {
                    let earlier = provisions.list[first];
                    out.push(
                        Diagnostic::new(
                            Code::DuplicateProvisionId,
                            p.file,
                            At::value(p.at("/id")),
                            format!(
                                "provision id `{}` is used twice in version `{}`",
                                p.id, version.id
                            ),
                        )
                        .with_label("second use")
                        .with_related(
                            earlier.file,
                            At::value(earlier.at("/id")),
                            "first used here",
                        )
                        .with_help("give each provision of a version its own id"),
                    );
                }
            }
        }
        let Some(info) = &instrument.info else {
            continue;
        };
        let mut seen = BTreeMap::new();
        for (i, version) in info.versions.iter().enumerate() {
            if let Some(first) = seen.insert(version.id.as_str(), i) {
                seen.insert(version.id.as_str(), first);
                out.push(
                    Diagnostic::new(
                        Code::DuplicateVersionId,
                        instrument.file,
                        At::value(format!("/versions/{i}/id")),
                        format!("version `{}` is listed twice", version.id),
                    )
                    .with_label("second listing")
                    .with_related(
                        instrument.file,
                        At::value(format!("/versions/{first}/id")),
                        "first listed here",
                    ),
                );
            }
        }
    }
}
