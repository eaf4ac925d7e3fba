//! Where an item stands, in words that say no more than its evidence: done (late when done
//! after its due date), overdue (past due and the evidence, gathered after the due date, says
//! it is not done), past due with completion unknown, due soon, open, or pending (not yet
//! binding, because the provision it binds through is not done).

use chrono::NaiveDate;
use serde::Serialize;

use super::Standing;
use crate::model::State;

/// The finer standing of an item, which the human-readable outputs show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusClass {
    /// Done on or before its due date, or done with no date to compare.
    Done,
    /// Done after its due date.
    Late,
    /// Past due, and evidence gathered after the due date says it is not done (not started or
    /// in progress).
    Overdue,
    /// Past due, and no evidence says whether it is done.
    PastDueUnknown,
    /// Due within [`super::DUE_SOON_DAYS`].
    DueSoon,
    /// Not done, and not due soon or past due (or no date).
    Open,
    /// Not yet binding: it binds only once another provision (its `through`) is done, which
    /// the evidence does not say yet. Never overdue, never due soon.
    Pending,
    /// Not done, and its instrument (or the provision on its own) was revoked or superseded
    /// on or before the date: never overdue, never due soon.
    Revoked,
}

impl StatusClass {
    /// The class as a word for machines (and CSS): `past-due-unknown`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            StatusClass::Done => "done",
            StatusClass::Late => "late",
            StatusClass::Overdue => "overdue",
            StatusClass::PastDueUnknown => "past-due-unknown",
            StatusClass::DueSoon => "due-soon",
            StatusClass::Open => "open",
            StatusClass::Pending => "pending",
            StatusClass::Revoked => "revoked",
        }
    }

    /// The class in words for readers: `past due, completion unknown`, ...
    pub fn words(self) -> &'static str {
        match self {
            StatusClass::Done => "done",
            StatusClass::Late => "late",
            StatusClass::Overdue => "overdue",
            StatusClass::PastDueUnknown => "past due, completion unknown",
            StatusClass::DueSoon => "due soon",
            StatusClass::Open => "open",
            StatusClass::Pending => "pending, not yet binding",
            StatusClass::Revoked => "revoked",
        }
    }

    /// The coarse standing this class falls under (the JSON `status`, as it always was).
    pub fn standing(self) -> Standing {
        match self {
            StatusClass::Done | StatusClass::Late => Standing::Done,
            StatusClass::Overdue | StatusClass::PastDueUnknown => Standing::Overdue,
            StatusClass::DueSoon => Standing::DueSoon,
            StatusClass::Open | StatusClass::Pending => Standing::Open,
            StatusClass::Revoked => Standing::Revoked,
        }
    }
}

/// What the status is judged from.
pub(super) struct Facts {
    /// The date the checklist is computed for.
    pub as_of: NaiveDate,
    /// Up to when a deadline counts as due soon.
    pub soon: NaiveDate,
    /// The date the status counts from: the due date, or a disputed deadline's earliest reading.
    pub due: Option<NaiveDate>,
    /// The completion date, when the evidence gives one on or before `as_of`.
    pub completed: Option<NaiveDate>,
    /// The latest evidence's state and the date it was gathered.
    pub evidence: Option<(State, NaiveDate)>,
    /// Whether the duty waits on another provision that is not yet done (see `through`).
    pub pending: bool,
}

/// The class and its days: days past due (to `as_of` when not done, to the completion date
/// when done late).
pub(super) fn classify(facts: &Facts) -> (StatusClass, Option<i64>) {
    let done = facts.completed.is_some()
        || facts
            .evidence
            .is_some_and(|(state, _)| state == State::Done);
    if facts.pending && !done {
        return (StatusClass::Pending, None);
    }
    let Some(due) = facts.due else {
        return (
            if done {
                StatusClass::Done
            } else {
                StatusClass::Open
            },
            None,
        );
    };
    if done {
        return match facts.completed {
            Some(on) if on > due => (StatusClass::Late, Some((on - due).num_days())),
            _ => (StatusClass::Done, None),
        };
    }
    if due < facts.as_of {
        let days = Some((facts.as_of - due).num_days());
        // Only evidence gathered after the deadline can say the work was not done by it.
        let known_not_done = facts.evidence.is_some_and(|(state, gathered)| {
            matches!(state, State::NotStarted | State::InProgress) && gathered > due
        });
        let class = if known_not_done {
            StatusClass::Overdue
        } else {
            StatusClass::PastDueUnknown
        };
        return (class, days);
    }
    if due <= facts.soon {
        (StatusClass::DueSoon, None)
    } else {
        (StatusClass::Open, None)
    }
}

/// The first sentence of an evidence summary, at most about 200 characters, for a table cell.
pub(super) fn first_line(summary: &str) -> String {
    const MAX: usize = 200;
    let text = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = text.len();
    for (i, _) in text.match_indices(". ") {
        let before = text[..i].rsplit(' ').next().unwrap_or("");
        let next_upper = text[i + 2..].chars().next().is_some_and(char::is_uppercase);
        // "U.S. Department", "No. 5", "e.g. the": not a sentence's end.
        if next_upper && before.chars().count() > 3 && !before.contains('.') {
            end = i + 1;
            break;
        }
    }
    let sentence = &text[..end];
    if sentence.chars().count() <= MAX {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn facts(due: &str, completed: Option<&str>, evidence: Option<(State, &str)>) -> Facts {
        Facts {
            as_of: date("2026-11-26"),
            soon: date("2026-12-26"),
            due: Some(date(due)),
            completed: completed.map(date),
            evidence: evidence.map(|(s, d)| (s, date(d))),
            pending: false,
        }
    }

    #[test]
    fn pending_is_never_overdue_or_due_soon() {
        let mut past = facts("2026-07-02", None, Some((State::NotStarted, "2026-08-01")));
        past.pending = true;
        assert_eq!(classify(&past), (StatusClass::Pending, None));
        let mut soon = facts("2026-12-01", None, None);
        soon.pending = true;
        assert_eq!(classify(&soon), (StatusClass::Pending, None));
        soon.due = None;
        assert_eq!(classify(&soon), (StatusClass::Pending, None));
        // Done is done, whatever it waited on.
        let mut done = facts(
            "2026-07-02",
            Some("2026-07-01"),
            Some((State::Done, "2026-07-12")),
        );
        done.pending = true;
        assert_eq!(classify(&done), (StatusClass::Done, None));
    }

    #[test]
    fn past_due_is_overdue_only_when_later_evidence_says_not_done() {
        let unknown = facts("2026-07-02", None, Some((State::Unknown, "2026-11-26")));
        assert_eq!(classify(&unknown), (StatusClass::PastDueUnknown, Some(147)));
        let none = facts("2026-07-02", None, None);
        assert_eq!(classify(&none), (StatusClass::PastDueUnknown, Some(147)));
        let started = facts("2026-07-02", None, Some((State::InProgress, "2026-08-01")));
        assert_eq!(classify(&started), (StatusClass::Overdue, Some(147)));
        // Evidence from before the deadline cannot say the work was not done by it.
        let early = facts("2026-07-02", None, Some((State::NotStarted, "2026-06-20")));
        assert_eq!(classify(&early), (StatusClass::PastDueUnknown, Some(147)));
    }

    #[test]
    fn done_after_the_due_date_is_late() {
        let late = facts(
            "2026-07-02",
            Some("2026-07-10"),
            Some((State::Done, "2026-07-12")),
        );
        assert_eq!(classify(&late), (StatusClass::Late, Some(8)));
        let on_time = facts(
            "2026-07-02",
            Some("2026-07-01"),
            Some((State::Done, "2026-07-12")),
        );
        assert_eq!(classify(&on_time), (StatusClass::Done, None));
    }

    #[test]
    fn first_line_ends_at_a_sentence_not_an_abbreviation() {
        assert_eq!(
            first_line("No action by the U.S. Department was found. Later text."),
            "No action by the U.S. Department was found."
        );
        let long = "word ".repeat(100);
        assert!(first_line(&long).ends_with('…'));
        assert!(first_line(&long).chars().count() <= 201);
    }
}
