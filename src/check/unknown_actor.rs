//! `unknown-actor`.
//!
//! What it checks: every actor id in a provision (`actor`, `consults`, both sides of
//! `acting_through`, in every reading) and every `parent` in `actors.yaml` is defined in
//! `actors.yaml`.
//! Why it matters: checklists are per actor; a misspelt id would drop an obligation from the
//! actor's list.
//! Example: `actor: tresury`.
//! Fix: correct the id, or add the actor.

use crate::diagnostic::{At, Code, Diagnostic, pointer};
use crate::model::Spec;

use super::{provisions, unknown};

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    let actors = &spec.actors;
    if !actors.complete {
        return;
    }
    let known = || actors.items.keys().map(String::as_str);
    let mut report = |file, at: At, id: &str| {
        if !actors.items.contains_key(id) {
            out.push(unknown(Code::UnknownActor, file, at, "actor", id, known()));
        }
    };
    if let Some(file) = actors.file {
        for (id, actor) in &actors.items {
            if let Some(parent) = &actor.parent {
                report(file, At::value(pointer(["actors", id, "parent"])), parent);
            }
        }
    }
    for (_, _, p) in provisions(spec) {
        if let Some(actor) = &p.actor {
            for (suffix, value) in actor.values_at() {
                for (index, id) in value.ids_at() {
                    report(
                        p.file,
                        At::value(p.at(&format!("/actor{suffix}{index}"))),
                        id,
                    );
                }
            }
        }
        if let Some(consults) = &p.consults {
            for (suffix, ids) in consults.values_at() {
                for (i, id) in ids.iter().enumerate() {
                    report(
                        p.file,
                        At::value(p.at(&format!("/consults{suffix}/{i}"))),
                        id,
                    );
                }
            }
        }
        if let Some(through) = &p.acting_through {
            for (suffix, map) in through.values_at() {
                for (principal, agent) in map {
                    let at = p.at(&format!("/acting_through{suffix}{}", pointer([principal])));
                    report(p.file, At::key(at.clone()), principal);
                    report(p.file, At::value(at), agent);
                }
            }
        }
    }
}
