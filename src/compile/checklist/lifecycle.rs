//! Whether an item's duty has ended as of the checklist's date: its instrument, or the
//! provision on its own, was revoked or superseded on or before that date. Such an item is
//! *revoked*: never overdue, never due soon; an item done before stays done.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Act, Instrument, LifecycleEvent, Provision, Spec, ended_as_of};

/// The act that ended an item's duty.
#[derive(Clone, Debug, Serialize)]
pub struct RevokedView {
    /// `revoked` or `superseded`.
    pub act: &'static str,
    /// `instrument` when the whole instrument was, `provision` when the provision was on its own.
    pub scope: &'static str,
    /// The id of the instrument of the spec that did it, or null.
    pub instrument: Option<String>,
    /// The citation of an act outside the spec, or null.
    pub citation: Option<String>,
    /// What did it, in words: the acting instrument's short title, or the citation.
    pub by: String,
    /// The date it took effect (YYYY-MM-DD).
    pub date: String,
    /// The section of the acting instrument that did it, or null.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// All of it in words: "revoked by Order B (2(a)) on 2025-01-20".
    pub text: String,
}

/// What did an act, in words: the short title of an instrument of the spec, else its id or
/// the citation.
pub fn act_by(spec: &Spec, event: &LifecycleEvent) -> String {
    match &event.instrument {
        Some(id) => spec
            .instruments
            .iter()
            .find(|i| &i.id == id)
            .and_then(|i| i.info.as_ref())
            .map_or_else(
                || id.clone(),
                |info| {
                    info.short_title
                        .clone()
                        .unwrap_or_else(|| info.title.clone())
                },
            ),
        None => event.by().to_owned(),
    }
}

/// The act that ended the provision's duty by `as_of`, if any (the earlier when both the
/// instrument and the provision were), with its date.
pub(super) fn ended(
    spec: &Spec,
    instrument: &Instrument,
    p: &Provision,
    as_of: NaiveDate,
) -> Option<(NaiveDate, RevokedView)> {
    let whole = instrument
        .info
        .as_ref()
        .and_then(|info| ended_as_of(info.revoked_by.as_ref(), info.superseded_by.as_ref(), as_of))
        .map(|found| (found, "instrument"));
    let own = ended_as_of(p.revoked_by.as_deref(), p.superseded_by.as_deref(), as_of)
        .map(|found| (found, "provision"));
    let ((act, event), scope) = [whole, own]
        .into_iter()
        .flatten()
        .min_by_key(|((_, e), _)| e.date.get())?;
    let date = event.date.get()?;
    let by = act_by(spec, event);
    let at = event
        .reference
        .as_ref()
        .map_or_else(String::new, |r| format!(" ({r})"));
    Some((
        date,
        RevokedView {
            act: act.as_str(),
            scope,
            instrument: event.instrument.clone(),
            citation: event.citation.clone(),
            text: format!("{} by {by}{at} on {date}", act.as_str()),
            by,
            date: date.to_string(),
            reference: event.reference.clone(),
        },
    ))
}

/// The status words of an ended item: "revoked" or "superseded".
pub(super) fn words(view: &RevokedView) -> &'static str {
    if view.act == Act::Superseded.as_str() {
        Act::Superseded.as_str()
    } else {
        Act::Revoked.as_str()
    }
}
