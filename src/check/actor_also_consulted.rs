//! `actor-also-consulted` (warning).
//!
//! What it checks: a provision's lead actor is not also listed in its `consults`.
//! Why it matters: a checklist would show the actor twice, as lead and as consulted.
//! Example: `actor: parks`, `consults: [parks, library]`.
//! Fix: remove the actor from `consults`.

use crate::diagnostic::{At, Code, Diagnostic};

use super::{Context, provisions};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, _, p) in provisions(spec) {
        let (Some(actor), Some(consults)) = (
            p.actor.as_ref().and_then(|a| a.settled()),
            p.consults.as_ref().and_then(|c| c.settled()),
        ) else {
            continue;
        };
        for (i, id) in consults.iter().enumerate() {
            if actor.contains(id) {
                out.push(
                    Diagnostic::new(
                        Code::ActorAlsoConsulted,
                        p.file,
                        At::value(p.at(&format!("/consults/{i}"))),
                        format!(
                            "`{id}` leads provision `{}` and is also consulted on it",
                            p.id
                        ),
                    )
                    .with_label("also the actor")
                    .with_help(format!("remove `{id}` from `consults`")),
                );
            }
        }
    }
}
