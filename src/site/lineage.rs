//! An instrument's lineage, for its page: what revoked, superseded or amended it (its own
//! `revoked_by`, `superseded_by` and `amended_by`), and the inverse, what it revoked,
//! superseded or amended, found in the other instruments' fields.

use serde::Serialize;

use crate::compile::checklist::act_by;
use crate::model::{Instrument, LifecycleEvent, Spec};

use super::layout;

/// One act in an instrument's lineage.
#[derive(Clone, Debug, Serialize)]
pub(super) struct LineageEntry {
    /// The act in words, as the page reads it: "Revoked by", "Revokes", "Amended by", ...
    pub(super) relation: String,
    /// The other instrument or act, in words.
    pub(super) other: String,
    /// A link to the other instrument's page, when it is in the spec (relative to this
    /// instrument's folder).
    pub(super) href: Option<String>,
    /// The date it took effect.
    pub(super) date: String,
    /// The section of the acting instrument that did it.
    #[serde(rename = "ref")]
    pub(super) reference: Option<String>,
    /// Notes.
    pub(super) notes: Option<String>,
}

fn entry(
    relation: String,
    other: String,
    href: Option<String>,
    e: &LifecycleEvent,
) -> LineageEntry {
    LineageEntry {
        relation,
        other,
        href,
        date: e.date.to_string(),
        reference: e.reference.clone(),
        notes: e.notes.clone(),
    }
}

fn href(id: &str) -> String {
    format!("../{}/index.html", layout::segment(id))
}

/// The lineage of `instrument`: its own acts first (in the order written), then those of the
/// other instruments that name it, each in date order.
pub(super) fn lineage(spec: &Spec, instrument: &Instrument) -> Vec<LineageEntry> {
    let mut out = Vec::new();
    if let Some(info) = &instrument.info {
        for (act, _, e) in info.acts() {
            let relation = capitalised(&format!("{} by", act.as_str()));
            let link = e
                .instrument
                .as_deref()
                .filter(|id| spec.instruments.iter().any(|i| i.id == *id))
                .map(href);
            out.push(entry(relation, act_by(spec, e), link, e));
        }
    }
    let mut inverse = Vec::new();
    for other in &spec.instruments {
        let Some(info) = &other.info else { continue };
        if other.id == instrument.id {
            continue;
        }
        for (act, _, e) in info.acts() {
            if e.instrument.as_deref() == Some(instrument.id.as_str()) {
                let name = info
                    .short_title
                    .clone()
                    .unwrap_or_else(|| info.title.clone());
                inverse.push(entry(
                    capitalised(act.active()),
                    name,
                    Some(href(&other.id)),
                    e,
                ));
            }
        }
    }
    inverse.sort_by(|a, b| a.date.cmp(&b.date));
    out.extend(inverse);
    out
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
