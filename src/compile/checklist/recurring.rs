//! Where a recurring item stands: a completion covers the occurrence whose period it falls in
//! (the first occurrence on or after it) and every earlier one, so the status counts from the
//! occurrence after that (the first date when no completion is recorded), and the checklist
//! shows the next occurrence on or after its date.
//!
//! A completion is the latest evidence's `done_on`, or, when it says done without a date, the
//! date the evidence was gathered (the work was done by then; which occurrence it covered is
//! not known, so no earlier one is called missed).

use chrono::NaiveDate;
use serde::Serialize;

use super::status::{self, Facts, StatusClass};
use crate::compile::recurrence::Recurrence;
use crate::model::{LAST_DATE, State};

/// How many occurrences of a recurrence with an end the timeline lists at most.
pub const MAX_LISTED: usize = 24;

/// A recurring deadline as the checklist shows it.
#[derive(Clone, Debug, Serialize)]
pub struct RecurrenceView {
    /// The period between occurrences as written (`1y`, `180d`).
    pub every: String,
    /// The recurrence in words: "every year", "every 180 days until 2030-01-01".
    pub words: String,
    /// The last day an occurrence may fall on (YYYY-MM-DD), or null if it does not end (or,
    /// when the provision is revoked, the day before the revocation).
    pub until: Option<String>,
    /// The first occurrence (YYYY-MM-DD).
    pub first: String,
    /// The next occurrence on or after the checklist's date, or null when none is left.
    pub next: Option<String>,
    /// The RFC 5545 frequency: `DAILY`, `WEEKLY`, `MONTHLY` or `YEARLY`.
    pub freq: &'static str,
    /// The RFC 5545 interval: how many of `freq` between occurrences.
    pub interval: i64,
    /// The occurrences a timeline lists, in date order: every one when the recurrence ends
    /// (at most [`MAX_LISTED`]); otherwise the first, the one the status counts from and the
    /// next one.
    pub occurrences: Vec<Occurrence>,
    /// Whether occurrences follow the last one listed.
    pub more: bool,
    /// Whether an occurrence on a weekend or holiday moves to the next business day (which an
    /// iCalendar `RRULE` cannot say).
    pub rolls: bool,
}

/// One occurrence and where it stands.
#[derive(Clone, Debug, Serialize)]
pub struct Occurrence {
    /// The date (YYYY-MM-DD).
    pub date: String,
    /// Its standing: `done` when a completion covers it, else as any deadline on that date.
    pub status_class: StatusClass,
    /// The standing in words.
    pub status_words: &'static str,
    /// Days past this occurrence, when past and not covered.
    pub days_past_due: Option<i64>,
}

/// A recurring item's standing and what its checklist entry shows.
pub(super) struct Judged {
    pub class: StatusClass,
    pub days: Option<i64>,
    /// The occurrence the status counts from; none when every occurrence is covered.
    pub counts_from: Option<NaiveDate>,
    /// The date to show as due: the next occurrence, or the last when none is left.
    pub shown: NaiveDate,
    pub view: RecurrenceView,
}

/// What is known of the item as of the checklist's date.
pub(super) struct Known {
    pub as_of: NaiveDate,
    pub soon: NaiveDate,
    /// The recorded completion date on or before `as_of`.
    pub completed: Option<NaiveDate>,
    /// The latest evidence: its state and when it was gathered.
    pub evidence: Option<(State, NaiveDate)>,
}

/// Judges a recurring item whose first occurrence is `first` (as counted).
pub(super) fn judge(first: NaiveDate, recurrence: &Recurrence, known: &Known) -> Judged {
    let covered_to = known.completed.or_else(|| {
        known
            .evidence
            .and_then(|(state, gathered)| (state == State::Done).then_some(gathered))
    });
    let counts_from = match covered_to {
        Some(done) => recurrence
            .on_or_after(done)
            .and_then(|(_, covered)| recurrence.after(covered))
            .map(|(_, d)| d),
        None => Some(first),
    };
    // Evidence that the work is done speaks of an earlier occurrence, not of this one.
    let evidence = known.evidence.filter(|(state, _)| *state != State::Done);
    let classify = |due: NaiveDate| {
        status::classify(&Facts {
            as_of: known.as_of,
            soon: known.soon,
            due: Some(due),
            completed: None,
            evidence,
            // A duty waiting on its `through` provision is judged by the caller.
            pending: false,
        })
    };
    let (class, days) = counts_from.map_or((StatusClass::Done, None), classify);
    let next = recurrence.on_or_after(known.as_of).map(|(_, d)| d);
    let shown = next
        .or_else(|| recurrence.before(known.as_of).map(|(_, d)| d))
        .unwrap_or(first);
    let (mut dates, more) = if recurrence.until.is_some() {
        recurrence.first_n(MAX_LISTED)
    } else {
        (vec![first], true)
    };
    if recurrence.until.is_none() {
        dates.extend(counts_from);
        dates.extend(next);
        dates.sort();
        dates.dedup();
    }
    let occurrences = dates
        .into_iter()
        .map(|date| {
            let (class, days) = match counts_from {
                Some(from) if date >= from => classify(date),
                _ => (StatusClass::Done, None),
            };
            Occurrence {
                date: date.to_string(),
                status_class: class,
                status_words: class.words(),
                days_past_due: days,
            }
        })
        .collect();
    let (freq, interval) = recurrence.frequency();
    Judged {
        class,
        days,
        counts_from,
        shown: shown.min(LAST_DATE),
        view: RecurrenceView {
            every: recurrence.every.written(),
            words: recurrence.words(),
            until: recurrence.until.map(|d| d.to_string()),
            first: first.to_string(),
            next: next.map(|d| d.to_string()),
            freq,
            interval,
            occurrences,
            more,
            rolls: recurrence.settings.roll == crate::model::Roll::NextBusinessDay,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CalendarSettings, Period};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn yearly() -> Recurrence {
        Recurrence {
            start: date("2024-01-28"),
            every: Period::try_from("1y".to_owned()).unwrap(),
            until: None,
            settings: CalendarSettings::default(),
        }
    }

    fn known(as_of: &str, completed: Option<&str>, evidence: Option<(State, &str)>) -> Known {
        Known {
            as_of: date(as_of),
            soon: date(as_of) + chrono::Days::new(30),
            completed: completed.map(date),
            evidence: evidence.map(|(s, d)| (s, date(d))),
        }
    }

    #[test]
    fn a_completion_covers_the_occurrences_up_to_it() {
        let r = yearly();
        let first = date("2024-01-28");
        // Nothing recorded: the first occurrence is past due, and the next one is shown.
        let none = judge(first, &r, &known("2025-06-01", None, None));
        assert_eq!(none.class, StatusClass::PastDueUnknown);
        assert_eq!(none.counts_from, Some(first));
        assert_eq!(none.shown, date("2026-01-28"));
        // Done on 2024-01-20: the 2025 occurrence is the one now past due.
        let done = judge(
            first,
            &r,
            &known(
                "2025-06-01",
                Some("2024-01-20"),
                Some((State::Done, "2024-02-01")),
            ),
        );
        assert_eq!(done.counts_from, Some(date("2025-01-28")));
        assert_eq!(done.class, StatusClass::PastDueUnknown);
        assert_eq!(done.days, Some(124));
        // Done on 2025-01-10: open until 2026-01-28.
        let current = judge(
            first,
            &r,
            &known(
                "2025-06-01",
                Some("2025-01-10"),
                Some((State::Done, "2025-01-12")),
            ),
        );
        assert_eq!(current.class, StatusClass::Open);
        assert_eq!(current.view.next.as_deref(), Some("2026-01-28"));
        let listed: Vec<_> = current
            .view
            .occurrences
            .iter()
            .map(|o| o.date.as_str())
            .collect();
        assert_eq!(listed, ["2024-01-28", "2026-01-28"]);
        assert!(current.view.more);
    }

    #[test]
    fn a_finished_recurrence_lists_every_occurrence_and_ends_done() {
        let mut r = yearly();
        r.until = Some(date("2026-12-31"));
        let all = judge(
            date("2024-01-28"),
            &r,
            &known(
                "2027-06-01",
                Some("2026-02-01"),
                Some((State::Done, "2026-02-02")),
            ),
        );
        assert_eq!(all.class, StatusClass::Done);
        assert_eq!(all.counts_from, None);
        assert_eq!(all.shown, date("2026-01-28"));
        assert_eq!(all.view.occurrences.len(), 3);
        assert!(!all.view.more);
    }
}
