//! `acting-through-mismatch` and `acting-through-not-component`.
//!
//! What it checks: each key of `acting_through` is the provision's actor or one it consults
//! (error), and the value is a component of the key, following `parent` in `actors.yaml`
//! (warning).
//! Why it matters: "the department, acting through its division" makes the division do the
//! department's work; pairing an actor the provision does not involve, or an office outside
//! the department, is a data error that would misassign obligations.
//! Example: `actor: parks`, `acting_through: { mayor: parks-maintenance }`.
//! Fix: key the entry by the actor or consultee concerned, and check the component.

use std::collections::BTreeSet;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Spec, reading_suffix};
use crate::text::{list_ticked, pointer};

use super::{Context, provisions};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, _, p) in provisions(spec) {
        let Some(through) = &p.acting_through else {
            continue;
        };
        let mut involved: BTreeSet<&str> = BTreeSet::new();
        if let Some(actor) = &p.actor {
            for actors in actor.values() {
                involved.extend(actors.ids());
            }
        }
        if let Some(consults) = &p.consults {
            for ids in consults.values() {
                involved.extend(ids.iter().map(String::as_str));
            }
        }
        for (reading, map) in through.values_indexed() {
            for (principal, agent) in map {
                let at = || {
                    let suffix = reading_suffix(reading);
                    p.at(&format!("/acting_through{suffix}{}", pointer([principal])))
                };
                if !involved.contains(principal.as_str()) {
                    out.push(
                        Diagnostic::new(
                            Code::ActingThroughMismatch,
                            p.file,
                            At::key(at()),
                            format!("`{principal}` acts through `{agent}`, but provision `{}` does not involve `{principal}`", p.id),
                        )
                        .with_label("neither the actor nor consulted")
                        .with_help(format!(
                            "key `acting_through` by one of {}",
                            list_ticked(&involved, "or")
                        )),
                    );
                } else if !is_component(spec, agent, principal) {
                    out.push(
                        Diagnostic::new(
                            Code::ActingThroughNotComponent,
                            p.file,
                            At::value(at()),
                            format!("`{agent}` is not recorded as a component of `{principal}`"),
                        )
                        .with_label(format!("not under `{principal}` in actors.yaml"))
                        .with_help(format!(
                            "check the pair, or set `parent: {principal}` for `{agent}` in actors.yaml"
                        )),
                    );
                }
            }
        }
    }
}

/// Whether `agent` sits under `principal` by `parent` links (or cannot be known not to).
fn is_component(spec: &Spec, agent: &str, principal: &str) -> bool {
    let actors = &spec.actors;
    if !actors.complete || !actors.items.contains_key(agent) {
        // Unknown actors are reported by `unknown-actor`.
        return true;
    }
    let mut node = agent;
    // The chain is at most as long as the registry; a loop is reported by `parent-cycle`.
    for _ in 0..actors.items.len() {
        let Some(actor) = actors.items.get(node) else {
            // A parent that is not defined: `unknown-actor` reports it; do not guess.
            return true;
        };
        match actor.parent.as_deref() {
            Some(parent) if parent == principal => return true,
            Some(parent) => node = parent,
            None => return false,
        }
    }
    false
}
