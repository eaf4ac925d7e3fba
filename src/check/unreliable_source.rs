//! `unreliable-source-only` (warning).
//!
//! What it checks: a provision, or a reading of a disputed value, does not rest only on sources
//! marked `reliability: unreliable` in `instrument.yaml`.
//! Why it matters: such sources are known to be wrong on substance; a claim that only they make
//! should not reach a checklist or a diff.
//! Example: a reading whose only source is marked unreliable.
//! Fix: find a reliable source or remove the claim.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Instrument, Reliability, SourceRef, Spec};

use super::{SourcesAt, provisions, reading_sources};

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    for (instrument, _, p) in provisions(spec) {
        let mut report = |list: SourcesAt<'_>, sources: &[SourceRef]| {
            if !sources.is_empty() && sources.iter().all(|s| unreliable(instrument, &s.source)) {
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
        for (list, sources) in reading_sources(p) {
            report(list, sources);
        }
    }
}

fn unreliable(instrument: &Instrument, id: &str) -> bool {
    instrument
        .info
        .as_ref()
        .and_then(|info| info.sources.get(id))
        .is_some_and(|s| s.reliability == Some(Reliability::Unreliable))
}
