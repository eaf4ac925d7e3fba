//! `unknown-actor`.
//!
//! What it checks: every actor id in a provision (`actor`, `consults`, `coordinates_with`,
//! `reports_to`, both sides of `acting_through`, in every reading) and every `parent` in `actors.yaml` is defined in
//! `actors.yaml`.
//! Why it matters: checklists are per actor; a misspelt id would drop an obligation from the
//! actor's list.
//! Example: `actor: tresury`.
//! Fix: correct the id, or add the actor.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::reading_suffix;
use crate::text::pointer;

use super::{Context, provisions, unknown};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    let actors = &spec.actors;
    let Some(ids) = &cx.actors else { return };
    let known = || actors.items.keys().map(String::as_str);
    // `at` builds the position only for an unknown id.
    let mut report = |file, id: &str, at: &dyn Fn() -> At| {
        if !ids.contains(id) {
            out.push(unknown(
                Code::UnknownActor,
                file,
                at(),
                "actor",
                id,
                known(),
            ));
        }
    };
    if let Some(file) = actors.file {
        for (id, actor) in &actors.items {
            if let Some(parent) = &actor.parent {
                report(file, parent, &|| {
                    At::value(pointer(["actors", id, "parent"]))
                });
            }
        }
    }
    for (_, _, p) in provisions(spec) {
        if let Some(actor) = &p.actor {
            for (reading, value) in actor.values_indexed() {
                for (index, id) in value.ids_indexed() {
                    report(p.file, id, &|| {
                        let index = index.map_or_else(String::new, |i| format!("/{i}"));
                        At::value(p.at(&format!("/actor{}{index}", reading_suffix(reading))))
                    });
                }
            }
        }
        let lists = [
            ("consults", &p.consults),
            ("coordinates_with", &p.coordinates_with),
            ("reports_to", &p.reports_to),
        ];
        for (field, list) in lists {
            let Some(list) = list else { continue };
            for (reading, ids) in list.values_indexed() {
                for (i, id) in ids.iter().enumerate() {
                    report(p.file, id, &|| {
                        At::value(p.at(&format!("/{field}{}/{i}", reading_suffix(reading))))
                    });
                }
            }
        }
        if let Some(through) = &p.acting_through {
            for (reading, map) in through.values_indexed() {
                for (principal, agent) in map {
                    let at = || {
                        let suffix = reading_suffix(reading);
                        p.at(&format!("/acting_through{suffix}{}", pointer([principal])))
                    };
                    report(p.file, principal, &|| At::key(at()));
                    report(p.file, agent, &|| At::value(at()));
                }
            }
        }
    }
}
