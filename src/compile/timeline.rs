//! The timeline: a checklist's items grouped by due date, in date order, with the as-of date
//! placed among them, and the items that have no date listed with the reason.

use chrono::NaiveDate;
use serde::Serialize;

use super::checklist::{Checklist, Item, Standing, StatusClass};
use super::views::{InstrumentView, VersionView};
use crate::model::parse_ymd;

/// Deadlines of one version in date order.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// The instrument.
    pub instrument: InstrumentView,
    /// The version.
    pub version: VersionView,
    /// The date statuses are computed for; the as-of line is drawn there.
    pub as_of: String,
    /// One event per date on which something falls due, in date order.
    pub events: Vec<Event>,
    /// Items with no date (ongoing, unknown, pending or disputed), with the reason.
    pub undated: Vec<Entry>,
}

/// A date on which provisions fall due.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    /// The date (YYYY-MM-DD).
    pub date: String,
    /// Whether the date is before the as-of date.
    pub past: bool,
    /// The ids of the provisions due that day.
    pub provisions: Vec<String>,
    /// What falls due.
    pub items: Vec<Entry>,
}

/// A provision on the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// Provision id.
    pub id: String,
    /// Display number.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Short title.
    pub heading: Option<String>,
    /// The leads, by short name.
    pub actors: Vec<String>,
    /// What is to be done.
    pub action: String,
    /// How the date was computed, or why there is none.
    pub rule: String,
    /// `done`, `overdue`, `due-soon` or `open`: the coarse standing, where `overdue` means past
    /// due and not known to be done.
    pub status: Standing,
    /// The finer standing that outputs show (see the checklist's `status_class`).
    pub status_class: StatusClass,
    /// The status class in words ("past due, completion unknown").
    pub status_words: &'static str,
    /// Days past the due date (see the checklist's `days_past_due`).
    pub days_past_due: Option<i64>,
    /// Whether the duty falls on each lead separately.
    pub each: bool,
    /// The actors coordinated with, by short name.
    pub coordinates_with: Vec<String>,
    /// The actors that receive the deliverable, by short name.
    pub reports_to: Vec<String>,
    /// The provision the duty binds through, in words ("binds only once ... is done"); null
    /// when it binds of itself.
    pub through: Option<String>,
    /// A condition on the duty, in the spec author's words.
    pub condition: Option<String>,
    /// Cross-references in words, each with its note.
    pub refers_to: Vec<String>,
}

impl From<&Item> for Entry {
    fn from(item: &Item) -> Self {
        Entry {
            id: item.id.clone(),
            reference: item.reference.clone(),
            heading: item.heading.clone(),
            actors: item.leads.iter().map(|l| l.actor.short.clone()).collect(),
            action: item.action.clone(),
            rule: item.due_rule.clone(),
            status: item.status,
            status_class: item.status_class,
            status_words: item.status_words,
            days_past_due: item.days_past_due,
            each: item.each,
            coordinates_with: item
                .coordinates_with
                .iter()
                .map(|p| p.short.clone())
                .collect(),
            reports_to: item.reports_to.iter().map(|p| p.short.clone()).collect(),
            through: item.through.as_ref().map(|t| t.text.clone()),
            condition: item.condition.clone(),
            refers_to: item
                .refers_to
                .iter()
                .map(|r| match &r.note {
                    Some(note) => format!("{} ({note})", r.text),
                    None => r.text.clone(),
                })
                .collect(),
        }
    }
}

/// Groups a checklist's items by due date.
pub fn build(checklist: &Checklist) -> Timeline {
    let mut events: Vec<Event> = Vec::new();
    let mut undated = Vec::new();
    // Dates are compared as dates, never as text.
    let as_of = parse_ymd(&checklist.as_of);
    let mut dated: Vec<(NaiveDate, &Item)> = checklist
        .items
        .iter()
        .filter_map(|item| {
            let date = parse_ymd(item.due.as_deref()?)?;
            Some((date, item))
        })
        .collect();
    // Stable: items due the same day keep document order.
    dated.sort_by_key(|&(date, _)| date);
    let mut last: Option<NaiveDate> = None;
    for (date, item) in dated {
        match events.last_mut() {
            Some(event) if last == Some(date) => {
                event.provisions.push(item.id.clone());
                event.items.push(Entry::from(item));
            }
            _ => events.push(Event {
                date: date.to_string(),
                past: as_of.is_some_and(|as_of| date < as_of),
                provisions: vec![item.id.clone()],
                items: vec![Entry::from(item)],
            }),
        }
        last = Some(date);
    }
    for item in &checklist.items {
        if item.due.as_deref().and_then(parse_ymd).is_none() {
            undated.push(Entry::from(item));
        }
    }
    Timeline {
        instrument: checklist.instrument.clone(),
        version: checklist.version.clone(),
        as_of: checklist.as_of.clone(),
        events,
        undated,
    }
}
