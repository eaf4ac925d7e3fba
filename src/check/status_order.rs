//! `status-out-of-order` (warning).
//!
//! What it checks: a provision's `status` entries run oldest first by `as_of`.
//! Why it matters: the last entry is taken as the current status; out of order, an old status
//! would be shown as current.
//! Example: an entry `as_of: 2026-11-26` followed by one `as_of: 2026-07-01`.
//! Fix: reorder the entries.

use crate::diagnostic::{At, Code, Diagnostic};

use super::{Context, provisions};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, _, p) in provisions(spec) {
        for (k, pair) in p.status.windows(2).enumerate() {
            let (before, after) = (&pair[0], &pair[1]);
            if let (Some(a), Some(b)) = (before.as_of.get(), after.as_of.get())
                && b < a
            {
                out.push(
                    Diagnostic::new(
                        Code::StatusOutOfOrder,
                        p.file,
                        At::value(p.at(&format!("/status/{}/as_of", k + 1))),
                        format!(
                            "status of `{}` as of {b} comes after the status as of {a}",
                            p.id
                        ),
                    )
                    .with_label("earlier than the entry before it")
                    .with_related(
                        p.file,
                        At::value(p.at(&format!("/status/{k}/as_of"))),
                        "previous entry",
                    )
                    .with_help(
                        "list status entries oldest first; the last one is the current status",
                    ),
                );
            }
        }
    }
}
