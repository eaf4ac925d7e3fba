//! The timeline: a checklist's items grouped by due date, in date order, with the as-of date
//! placed among them, and the items that have no date listed with the reason.

use chrono::NaiveDate;
use serde::Serialize;

use super::checklist::{Checklist, Item, RecurrenceView, Standing, StatusClass};
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
    /// For an occurrence of a recurring deadline, how it recurs; null otherwise.
    pub recurrence: Option<EntryRecurrence>,
    /// When the duty was ended by the timeline's date, by what and when in words ("revoked by
    /// Order B (2(a)) on 2025-01-20"); null otherwise.
    pub revoked: Option<String>,
}

/// An occurrence of a recurring deadline on the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct EntryRecurrence {
    /// The recurrence in words: "every year", "every 180 days until 2030-01-01".
    pub words: String,
    /// Whether this is the first occurrence (which a calendar gives the recurrence rule).
    pub first: bool,
    /// The first occurrence (YYYY-MM-DD).
    pub first_date: String,
    /// The RFC 5545 frequency: `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`.
    pub freq: &'static str,
    /// The RFC 5545 interval.
    pub interval: i64,
    /// The last day an occurrence may fall on (YYYY-MM-DD), or null if it does not end.
    pub until: Option<String>,
    /// Whether occurrences follow the last one the timeline lists.
    pub more: bool,
    /// Whether occurrences on weekends and holidays move to the next business day.
    pub rolls: bool,
    /// The provision's standing in words (not this occurrence's), as the checklist gives it.
    pub item_status_words: &'static str,
    /// The occurrence the provision's standing counts from (YYYY-MM-DD), or null when a
    /// completion covers every one.
    pub counts_from: Option<String>,
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
            recurrence: None,
            revoked: item.revoked.as_ref().map(|r| r.text.clone()),
        }
    }
}

/// The entries of a recurring item, one per occurrence the checklist lists.
fn occurrences(item: &Item, recurrence: &RecurrenceView) -> Vec<(NaiveDate, Entry)> {
    recurrence
        .occurrences
        .iter()
        .filter_map(|o| {
            let date = parse_ymd(&o.date)?;
            let first = o.date == recurrence.first;
            let mut entry = Entry::from(item);
            if !first {
                entry.rule = format!(
                    "a later occurrence of a deadline first due {}, then {}",
                    recurrence.first, recurrence.words
                );
            }
            entry.status_class = o.status_class;
            entry.status = o.status_class.standing();
            entry.status_words = o.status_words;
            entry.days_past_due = o.days_past_due;
            entry.recurrence = Some(EntryRecurrence {
                words: recurrence.words.clone(),
                first,
                first_date: recurrence.first.clone(),
                freq: recurrence.freq,
                interval: recurrence.interval,
                until: recurrence.until.clone(),
                more: recurrence.more,
                rolls: recurrence.rolls,
                item_status_words: item.status_words,
                counts_from: item.due_counted.clone(),
            });
            Some((date, entry))
        })
        .collect()
}

/// Groups a checklist's items by due date.
pub fn build(checklist: &Checklist) -> Timeline {
    let mut events: Vec<Event> = Vec::new();
    let mut undated = Vec::new();
    // Dates are compared as dates, never as text.
    let as_of = parse_ymd(&checklist.as_of);
    let mut dated: Vec<(NaiveDate, Entry)> = Vec::new();
    for item in &checklist.items {
        match &item.recurrence {
            Some(recurrence) => dated.extend(occurrences(item, recurrence)),
            None => {
                if let Some(date) = item.due.as_deref().and_then(parse_ymd) {
                    dated.push((date, Entry::from(item)));
                }
            }
        }
    }
    // Stable: items due the same day keep document order.
    dated.sort_by_key(|&(date, _)| date);
    let mut last: Option<NaiveDate> = None;
    for (date, entry) in dated {
        match events.last_mut() {
            Some(event) if last == Some(date) => {
                event.provisions.push(entry.id.clone());
                event.items.push(entry);
            }
            _ => events.push(Event {
                date: date.to_string(),
                past: as_of.is_some_and(|as_of| date < as_of),
                provisions: vec![entry.id.clone()],
                items: vec![entry],
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
