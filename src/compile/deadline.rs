//! The deadline engine: from each provision's `due` rule to a date, with how it was computed,
//! or the reason there is none.
//!
//! Rules count from an anchor of the version (`order-date`, `publication-date`, ...) or from
//! another provision's completion, which comes from that provision's status evidence as of the
//! date of the report. Provisions are resolved in dependency order, so that a deadline waiting
//! on another provision can say when that one is due. Month arithmetic that lands past a
//! month's end is reported, not guessed; an instrument may ask for dates on weekends and
//! holidays to roll to the next business day, and the explanation says when that happened.

use std::collections::{BTreeMap, VecDeque};

use foldhash::HashMap;

use chrono::NaiveDate;

use super::recurrence::Recurrence;
use crate::calendar::{self, AddError, holidays};
use crate::model::{
    CalendarSettings, Confidence, Disputable, Due, Instrument, LAST_DATE, Located, Period,
    Provision, Roll, State, Version,
};

/// A provision's deadline as computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// The provision has no `due` (policies, definitions and the like).
    NotApplicable,
    /// A continuing duty with no deadline.
    Ongoing,
    /// A deadline exists but the spec does not know it.
    Unknown,
    /// A one-time duty with no deadline (`due: none`).
    NoDeadline,
    /// A date.
    Date(DueDate),
    /// No date yet; the reason says what has not happened.
    Pending(String),
    /// The rule cannot give a date; the reason says why.
    Unresolved(String),
    /// Sources disagree on the rule; one computed deadline per reading.
    Disputed(Vec<DisputedDeadline>),
}

/// A computed date and how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueDate {
    /// The date.
    pub date: NaiveDate,
    /// How it was computed, in words: "30 days after 2026-04-15, the adoption date".
    pub rule: String,
    /// If the date was moved to the next business day, why.
    pub rolled: Option<String>,
    /// How the deadline recurs after this first date, if it does.
    pub recurrence: Option<Recurrence>,
}

/// The deadline one reading of a disputed rule gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisputedDeadline {
    /// The reading's index in the spec.
    pub reading: usize,
    /// The reading's confidence.
    pub confidence: Confidence,
    /// The deadline it gives (never itself disputed).
    pub deadline: Deadline,
}

impl Deadline {
    /// The date, if there is exactly one.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(due) => Some(due.date),
            _ => None,
        }
    }

    /// What kind of deadline it is, as a word for machines: `date`, `ongoing`, `unknown`,
    /// `none`, `pending`, `unresolved`, `disputed` or `not-applicable`.
    pub fn kind(&self) -> &'static str {
        match self {
            Deadline::NotApplicable => "not-applicable",
            Deadline::Ongoing => "ongoing",
            Deadline::Unknown => "unknown",
            Deadline::NoDeadline => "none",
            Deadline::Date(_) => "date",
            Deadline::Pending(_) => "pending",
            Deadline::Unresolved(_) => "unresolved",
            Deadline::Disputed(_) => "disputed",
        }
    }

    /// The earliest date any reading gives.
    pub fn earliest(&self) -> Option<NaiveDate> {
        match self {
            Deadline::Date(due) => Some(due.date),
            Deadline::Disputed(readings) => readings.iter().filter_map(|r| r.deadline.date()).min(),
            _ => None,
        }
    }

    /// How the deadline was computed, or why there is no date, in words.
    pub fn explain(&self) -> String {
        match self {
            Deadline::NotApplicable => "no deadline applies".to_owned(),
            Deadline::Ongoing => "ongoing; no deadline".to_owned(),
            Deadline::Unknown => "a deadline is not known (the source does not give it)".to_owned(),
            Deadline::NoDeadline => "no deadline".to_owned(),
            Deadline::Date(due) => {
                let mut words = match &due.rolled {
                    Some(rolled) => format!("{}; {rolled}", due.rule),
                    None => due.rule.clone(),
                };
                if let Some(r) = &due.recurrence {
                    words.push_str("; then ");
                    words.push_str(&r.words());
                }
                words
            }
            Deadline::Pending(why) => format!("no date yet: {why}"),
            Deadline::Unresolved(why) => format!("cannot be computed: {why}"),
            Deadline::Disputed(readings) => {
                let parts: Vec<String> = readings
                    .iter()
                    .map(|r| {
                        let date = r
                            .deadline
                            .date()
                            .map_or_else(String::new, |d| format!("{d}: "));
                        format!(
                            "{date}{} ({} confidence)",
                            r.deadline.explain(),
                            r.confidence.as_str()
                        )
                    })
                    .collect();
                format!("disputed: {}", parts.join("; or "))
            }
        }
    }
}

/// The completion date of a provision as of a date: the `done_on` of its latest status entry
/// dated on or before `as_of`, if that entry says it is done.
pub fn completed(provision: &Provision, as_of: NaiveDate) -> Option<NaiveDate> {
    let latest = provision.status_as_of(as_of)?;
    if latest.state != State::Done {
        return None;
    }
    latest.done_on.as_ref()?.get().filter(|d| *d <= as_of)
}

/// "order-date" → "the order date".
fn anchor_words(anchor: &str) -> String {
    format!("the {}", crate::model::anchor_name(anchor))
}

/// Computes the deadline of every provision of a version, as of a date: one per provision,
/// in document order (the order of [`Version::provisions`]).
pub fn compute(instrument: &Instrument, version: &Version, as_of: NaiveDate) -> Vec<Deadline> {
    let settings = instrument
        .info
        .as_ref()
        .map(|i| i.calendar)
        .unwrap_or_default();
    let anchors = instrument
        .version_info(&version.id)
        .map(|(_, info)| info.anchors.clone())
        .unwrap_or_default();
    let provisions: Vec<&Located<Provision>> = version.provisions().collect();
    // Each id names its first provision (a second one is a `duplicate-provision-id` error).
    let mut index: HashMap<&str, usize> = HashMap::default();
    index.reserve(provisions.len());
    for (i, p) in provisions.iter().enumerate() {
        index.entry(p.id.as_str()).or_insert(i);
    }

    // Dependency order (Kahn): a provision comes after those its deadline counts from.
    let depends: Vec<Vec<usize>> = provisions
        .iter()
        .map(|p| {
            p.due.as_ref().map_or_else(Vec::new, |due| {
                due.values()
                    .filter_map(|d| match d.first() {
                        Due::Within { of, .. } => index.get(of.as_str()).copied(),
                        _ => None,
                    })
                    .collect()
            })
        })
        .collect();
    let mut waiting: Vec<usize> = depends.iter().map(Vec::len).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); provisions.len()];
    for (i, deps) in depends.iter().enumerate() {
        for &d in deps {
            dependents[d].push(i);
        }
    }
    let mut ready: VecDeque<usize> = (0..provisions.len()).filter(|&i| waiting[i] == 0).collect();
    let mut out: Vec<Option<Deadline>> = provisions.iter().map(|_| None).collect();
    let context = Context {
        settings,
        anchors: &anchors,
        index: &index,
        provisions: &provisions,
        as_of,
    };
    while let Some(i) = ready.pop_front() {
        out[i] = Some(context.deadline(provisions[i], &out));
        for &next in &dependents[i] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.push_back(next);
            }
        }
    }
    // What is left waits on a loop (reported by the `deadline-cycle` check).
    out.into_iter()
        .map(|deadline| {
            deadline.unwrap_or_else(|| {
                Deadline::Unresolved(
                    "its deadline counts from provisions that count back from it".to_owned(),
                )
            })
        })
        .collect()
}

/// A recurrence as the rule writes it: the period and the last day, if any.
type Every = Option<(Period, Option<NaiveDate>)>;

struct Context<'a> {
    settings: CalendarSettings,
    anchors: &'a BTreeMap<String, Option<crate::model::Date>>,
    index: &'a HashMap<&'a str, usize>,
    provisions: &'a [&'a Located<Provision>],
    as_of: NaiveDate,
}

impl Context<'_> {
    fn deadline(&self, p: &Provision, done: &[Option<Deadline>]) -> Deadline {
        match &p.due {
            None => Deadline::NotApplicable,
            Some(Disputable::Settled(due)) => self.rule(due, done),
            Some(Disputable::Disputed(d)) => Deadline::Disputed(
                d.disputed
                    .iter()
                    .enumerate()
                    .map(|(reading, r)| DisputedDeadline {
                        reading,
                        confidence: r.confidence,
                        deadline: self.rule(&r.reading, done),
                    })
                    .collect(),
            ),
        }
    }

    fn rule(&self, due: &Due, done: &[Option<Deadline>]) -> Deadline {
        let every = match due.recurrence() {
            None => None,
            Some(r) => match &r.until {
                None => Some((r.every, None)),
                Some(until) => match until.get() {
                    Some(date) => Some((r.every, Some(date))),
                    None => return Deadline::Unresolved(format!("{until} is not a date")),
                },
            },
        };
        match due.first() {
            Due::Ongoing => Deadline::Ongoing,
            Due::Unknown => Deadline::Unknown,
            Due::None => Deadline::NoDeadline,
            Due::On(date) => match date.get() {
                Some(date) => self.dated(date, format!("on {date}, a fixed date"), every),
                None => Deadline::Unresolved(format!("{date} is not a date")),
            },
            Due::Within { period, of } => self.within(*period, of, done, every),
            // `first` is never itself a recurrence.
            Due::Recurring(r) => self.rule(&r.first, done),
        }
    }

    fn within(
        &self,
        period: Period,
        of: &str,
        done: &[Option<Deadline>],
        every: Every,
    ) -> Deadline {
        let (start, what) = if let Some(anchor) = self.anchors.get(of) {
            match anchor.as_ref().and_then(crate::model::Date::get) {
                Some(date) => (date, anchor_words(of)),
                None => {
                    return Deadline::Pending(format!(
                        "it counts {period} from {}, which has not happened",
                        anchor_words(of)
                    ));
                }
            }
        } else if let Some(&i) = self.index.get(of) {
            let other = self.provisions[i];
            let Some(date) = completed(other, self.as_of) else {
                let when = match done[i].as_ref().and_then(Deadline::earliest) {
                    Some(date) => format!(" (it is due {date})"),
                    None => String::new(),
                };
                return Deadline::Pending(format!(
                    "it counts {period} from the completion of `{of}`, which is not recorded as done by {}{when}",
                    self.as_of
                ));
            };
            (date, format!("when `{of}` was completed"))
        } else {
            return Deadline::Unresolved(format!("`{of}` is neither an anchor nor a provision"));
        };
        match calendar::add(start, period) {
            Ok(date) => self.dated(date, format!("{period} after {start}, {what}"), every),
            Err(AddError::PastMonthEnd {
                wanted,
                last_day,
                next_first,
            }) => Deadline::Unresolved(format!(
                "{period} after {start} would be {wanted}, which does not exist; the rule does not say whether {last_day} or {next_first} is meant"
            )),
            Err(error) => Deadline::Unresolved(format!("{period} after {start}: {error}")),
        }
    }

    /// A date, rolled to the next business day if the instrument asks for it.
    fn dated(&self, date: NaiveDate, rule: String, every: Every) -> Deadline {
        let holidays = holidays(self.settings);
        let recurrence = every.map(|(every, until)| Recurrence {
            start: date,
            every,
            until,
            settings: self.settings,
        });
        if date > LAST_DATE {
            return Deadline::Unresolved(format!(
                "{rule} falls after {LAST_DATE}, the last date orderly handles"
            ));
        }
        if self.settings.roll == Roll::NextBusinessDay
            && let Some((rolled, why)) = calendar::roll_forward(date, holidays)
        {
            if rolled > LAST_DATE {
                return Deadline::Unresolved(format!(
                    "{rule}: {date} is {why}, and the next business day, {rolled}, falls after {LAST_DATE}, the last date orderly handles"
                ));
            }
            return Deadline::Date(DueDate {
                date: rolled,
                rule,
                rolled: Some(format!(
                    "{date} is {why}, so it moves to the next business day, {rolled}"
                )),
                recurrence,
            });
        }
        Deadline::Date(DueDate {
            date,
            rule,
            rolled: None,
            recurrence,
        })
    }
}
