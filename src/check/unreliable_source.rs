//! `unreliable-source-only` (warning).
//!
//! What it checks: a provision, or a reading of a disputed value, does not rest only on sources
//! marked `reliability: unreliable` in `instrument.yaml`.
//! Why it matters: such sources are known to be wrong on substance; a claim that only they make
//! should not reach a checklist or a diff.
//! Example: a reading whose only source is marked unreliable.
//! Fix: find a reliable source or remove the claim.

use crate::diagnostic::{At, Code, Diagnostic};
use foldhash::HashSet;

use crate::model::{Reliability, SourceRef};

use super::{Context, SourcesAt, for_each_reading};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for instrument in &cx.spec.instruments {
        let Some(info) = &instrument.info else {
            continue;
        };
        let unreliable: HashSet<&str> = info
            .sources
            .iter()
            .filter(|(_, s)| s.reliability == Some(Reliability::Unreliable))
            .map(|(id, _)| id.as_str())
            .collect();
        if unreliable.is_empty() {
            continue;
        }
        for version in &instrument.versions {
            for p in version.provisions() {
                let mut report = |list: SourcesAt<'_>, sources: &[SourceRef]| {
                    if !sources.is_empty()
                        && sources
                            .iter()
                            .all(|s| unreliable.contains(s.source.as_str()))
                    {
                        out.push(
                            Diagnostic::new(
                                Code::UnreliableSourceOnly,
                                p.file,
                                At::value(list.pointer()),
                                format!("`{}` rests only on sources marked unreliable", p.id),
                            )
                            .with_label("every source here is marked `reliability: unreliable`")
                            .with_help("cite a reliable source, or remove the claim"),
                        );
                    }
                };
                report(SourcesAt::Provision(p), &p.sources);
                for_each_reading(p, &mut report);
            }
        }
    }
}
