//! `unknown-instrument`.
//!
//! What it checks: every `instrument` named in a `revoked_by`, `superseded_by` or `amended_by`
//! (of an instrument or a provision) is another instrument folder of the spec.
//! Why it matters: lineage pages link the two instruments both ways; an id that names no folder
//! (or the instrument itself) links nowhere, and the act would be shown as done by nothing.
//! Example: `revoked_by: { instrument: eo-14184, date: 2025-01-20 }` when the folder is
//! `eo-14148`.
//! Fix: correct the id, add the instrument's folder, or write the act as a `citation`.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Act, LifecycleEvent};
use crate::source::FileId;

use super::{Context, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let ids = || spec.instruments.iter().map(|i| i.id.as_str());
    for instrument in &spec.instruments {
        let mut report = |file: FileId, at: String, act: Act, event: &LifecycleEvent| {
            let Some(id) = event.instrument.as_deref() else {
                return;
            };
            let at = At::value(format!("{at}/instrument"));
            if id == instrument.id {
                out.push(
                    Diagnostic::new(
                        Code::UnknownInstrument,
                        file,
                        at,
                        format!("`{id}` is {} by itself", act.as_str()),
                    )
                    .with_label("this is the instrument's own id")
                    .with_help("name the instrument that did it, or write it as a `citation`"),
                );
            } else if !ids().any(|known| known == id) {
                out.push(
                    unknown(
                        Code::UnknownInstrument,
                        file,
                        at,
                        "instrument",
                        id,
                        ids().filter(|known| *known != instrument.id),
                    )
                    .with_note(
                        "`instrument` names a folder of the spec; an act outside it is a `citation`",
                    ),
                );
            }
        };
        if let Some(info) = &instrument.info {
            for (act, at, event) in info.acts() {
                report(instrument.file, at, act, event);
            }
        }
        for version in &instrument.versions {
            for p in version.provisions() {
                for (act, at, event) in p.acts() {
                    report(p.file, p.at(&at), act, event);
                }
            }
        }
    }
}
