//! `version-folder-mismatch`.
//!
//! What it checks: every version listed in `instrument.yaml` has a folder of that name, and
//! every version folder is listed.
//! Why it matters: a listed version without a folder has no provisions; an unlisted folder has
//! no date or basis, so nothing can say whether it is primary or reported.
//! Example: `versions: [{ id: signed, ... }]` beside folders `signed/` and `draft/`.
//! Fix: add the missing folder or listing, or remove the extra one.

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::suggest::suggest;
use crate::text::list_ticked;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for instrument in &spec.instruments {
        let Some(info) = &instrument.info else {
            continue;
        };
        let folders: Vec<&str> = instrument.versions.iter().map(|v| v.id.as_str()).collect();
        for (i, listed) in info.versions.iter().enumerate() {
            if !folders.contains(&listed.id.as_str()) {
                let mut d = Diagnostic::new(
                    Code::VersionFolderMismatch,
                    instrument.file,
                    At::value(format!("/versions/{i}/id")),
                    format!("version `{}` has no folder", listed.id),
                )
                .with_label(format!(
                    "expected a folder `{}/{}`",
                    instrument.id, listed.id
                ));
                if let Some(best) = suggest(&listed.id, folders.iter().copied()) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                }
                out.push(d);
            }
        }
        for folder in &folders {
            if !info.versions.iter().any(|v| v.id == *folder) {
                let listed: Vec<&str> = info.versions.iter().map(|v| v.id.as_str()).collect();
                out.push(
                    Diagnostic::new(
                        Code::VersionFolderMismatch,
                        instrument.file,
                        At::key("/versions"),
                        format!("version folder `{folder}` is not listed in `versions`"),
                    )
                    .with_label(format!("lists {}", list_ticked(&listed, "and")))
                    .with_help(format!(
                        "add `{{ id: {folder}, date: ..., basis: ... }}` to `versions`, or remove the folder"
                    )),
                );
            }
        }
    }
}
