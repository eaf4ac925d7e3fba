//! What an item says of other provisions and instruments: the provision it binds through
//! (`through`), with whether that one is done as of the checklist's date, and its
//! cross-references (`refers_to`), each found in the spec where it can be.

use chrono::NaiveDate;
use serde::Serialize;

use super::super::deadline;
use crate::model::{Instrument, Provision, Reference, Spec, State, Target, Version};

/// The provision a duty binds through, as of the checklist's date.
#[derive(Clone, Debug, Serialize)]
pub struct ThroughView {
    /// Its id.
    pub id: String,
    /// Its display number, if the version has it.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Its heading.
    pub heading: Option<String>,
    /// Whether its latest evidence as of the checklist's date says it is done: only then does
    /// the duty bind.
    pub done: bool,
    /// When it was done (YYYY-MM-DD), when the evidence says.
    pub done_on: Option<String>,
    /// In words: "binds only once 2(a) (`rule`) is done, which is not recorded by 2026-05-01".
    pub text: String,
}

/// A cross-reference, found in the spec where it names a provision.
#[derive(Clone, Debug, Serialize)]
pub struct ReferenceView {
    /// `provision` or `citation`.
    pub kind: &'static str,
    /// For a provision of another instrument of the spec, that instrument's id; null for one
    /// of this instrument and for a citation.
    pub instrument: Option<String>,
    /// The version whose page shows the provision (this version for one of this instrument,
    /// the other instrument's default version, else the first that has it); null when the
    /// spec does not have it, or for a citation.
    pub version: Option<String>,
    /// The provision's id; null for a citation.
    pub id: Option<String>,
    /// The provision's display number, when found.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The provision's heading, when found.
    pub heading: Option<String>,
    /// The outside citation, as written; null for a provision.
    pub citation: Option<String>,
    /// The spec author's note on the reference.
    pub note: Option<String>,
    /// The reference in words: "2(a) Rules (`rule`)", "EO 14110 4.1(a) (`eo-14110/red-team`)",
    /// or the citation.
    pub text: String,
}

/// A provision in words: "2(a) Heading (`id`)".
fn named(p: &Provision, written: &str) -> String {
    let mut words = vec![p.reference.clone()];
    words.extend(p.heading.clone());
    words.push(format!("(`{written}`)"));
    words.join(" ")
}

/// The provision `p` binds through, as of `as_of`.
pub(super) fn through_of(
    version: &Version,
    p: &Provision,
    as_of: NaiveDate,
) -> Option<ThroughView> {
    let id = p.through.as_ref()?;
    let other = version.provisions().find(|q| &q.id == id);
    let name = other.map_or_else(|| format!("`{id}`"), |q| named(q, id));
    let latest = other.and_then(|q| q.status_as_of(as_of));
    let done = latest.is_some_and(|s| s.state == State::Done);
    let done_on = other.and_then(|q| deadline::completed(q, as_of));
    let text = match (done, done_on) {
        (true, Some(on)) => format!("binds since {name} was done on {on}"),
        (true, None) => format!("binds since {name} was done"),
        (false, _) => {
            format!("binds only once {name} is done, which is not recorded by {as_of}")
        }
    };
    Some(ThroughView {
        id: id.clone(),
        reference: other.map(|q| q.reference.clone()),
        heading: other.and_then(|q| q.heading.clone()),
        done,
        done_on: done_on.map(|d| d.to_string()),
        text,
    })
}

/// The cross-references of `p`, a provision of `version`.
pub(super) fn references_of(spec: &Spec, version: &Version, p: &Provision) -> Vec<ReferenceView> {
    p.refers_to
        .iter()
        .map(|r| reference(spec, version, r))
        .collect()
}

fn reference(spec: &Spec, version: &Version, r: &Reference) -> ReferenceView {
    let (other, id) = match &r.target {
        Target::Citation(citation) => {
            return ReferenceView {
                kind: "citation",
                instrument: None,
                version: None,
                id: None,
                reference: None,
                heading: None,
                citation: Some(citation.clone()),
                note: r.note.clone(),
                text: citation.clone(),
            };
        }
        Target::Provision { instrument, id } => (instrument.as_deref(), id),
    };
    let written = r.written();
    let (found, prefix) = match other {
        None => (
            version
                .provisions()
                .find(|q| &q.id == id)
                .map(|q| (version.id.as_str(), &q.value)),
            String::new(),
        ),
        Some(folder) => {
            let target = spec.instruments.iter().find(|i| i.id == folder);
            let title = target.and_then(|i| i.info.as_ref()).map_or_else(
                || folder.to_owned(),
                |info| {
                    info.short_title
                        .clone()
                        .unwrap_or_else(|| info.title.clone())
                },
            );
            (target.and_then(|i| find_in(i, id)), format!("{title} "))
        }
    };
    let text = match found {
        Some((_, q)) => format!("{prefix}{}", named(q, &written)),
        None => format!("{prefix}`{written}`"),
    };
    ReferenceView {
        kind: "provision",
        instrument: other.map(str::to_owned),
        version: found.map(|(v, _)| v.to_owned()),
        id: Some(id.clone()),
        reference: found.map(|(_, q)| q.reference.clone()),
        heading: found.and_then(|(_, q)| q.heading.clone()),
        citation: None,
        note: r.note.clone(),
        text,
    }
}

/// The provision of id `id` in `instrument`: in its default version, else in the first
/// version that has it; with the version's id.
fn find_in<'a>(instrument: &'a Instrument, id: &str) -> Option<(&'a str, &'a Provision)> {
    let find = |v: &'a Version| {
        v.provisions()
            .find(|q| q.id == id)
            .map(|q| (v.id.as_str(), &q.value))
    };
    instrument
        .default_version()
        .and_then(find)
        .or_else(|| instrument.versions.iter().find_map(find))
}
