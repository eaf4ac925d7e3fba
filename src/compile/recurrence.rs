//! Recurring deadlines: the occurrences of `every: 1y` after a first date, found by
//! arithmetic rather than by stepping through every one.
//!
//! The `n`th occurrence is `n` periods after the first date as the rule gives it (before any
//! roll to a business day), so that month ends do not drift: 31 January every month gives 31
//! March, not 28 March. A day that does not exist (31 April, 29 February of a common year) has
//! no occurrence, as in an iCalendar `RRULE` (RFC 5545, 3.3.10). An occurrence falls on or
//! before `until` when the recurrence ends, and never after [`LAST_DATE`]; it rolls to the next
//! business day when the instrument asks for that, as the first date does.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{self, AddError, holidays};
use crate::model::{CalendarSettings, LAST_DATE, Period, Roll, Unit};

/// How a deadline recurs after its first date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recurrence {
    /// The first date as the rule gives it, before any roll to a business day.
    pub start: NaiveDate,
    /// The time between occurrences.
    pub every: Period,
    /// The last day an occurrence may fall on, if any (before any roll).
    pub until: Option<NaiveDate>,
    /// How the instrument counts deadlines (whether dates roll).
    pub settings: CalendarSettings,
}

/// At most this many steps past a day that does not exist (29 February skips up to 7 years).
const MAX_SKIPS: i64 = 16;

impl Recurrence {
    /// The recurrence in words: "every year", "every 180 days until 2030-01-01".
    pub fn words(&self) -> String {
        match self.until {
            Some(until) => format!("{} until {until}", self.every.every_words()),
            None => self.every.every_words(),
        }
    }

    /// The same recurrence, with no occurrence after `last`.
    #[must_use]
    pub fn ending_by(mut self, last: NaiveDate) -> Self {
        self.until = Some(self.until.map_or(last, |u| u.min(last)));
        self
    }

    /// The `n`th occurrence before any roll: `Ok(None)` when that day does not exist,
    /// `Err(())` when it is past the end of the recurrence.
    fn raw(&self, n: i64) -> Result<Option<NaiveDate>, ()> {
        if n == 0 {
            return Ok(Some(self.start));
        }
        let count = self.every.count.checked_mul(n).ok_or(())?;
        let date = match calendar::add(
            self.start,
            Period {
                count,
                ..self.every
            },
        ) {
            Ok(date) => date,
            Err(AddError::PastMonthEnd { .. }) => return Ok(None),
            Err(_) => return Err(()),
        };
        if self.until.is_some_and(|until| date > until) {
            return Err(());
        }
        Ok(Some(date))
    }

    /// A date as the instrument counts it: rolled to the next business day if it asks for it.
    fn rolled(&self, date: NaiveDate) -> Option<NaiveDate> {
        let date = if self.settings.roll == Roll::NextBusinessDay {
            calendar::roll_forward(date, holidays(self.settings)).map_or(date, |(d, _)| d)
        } else {
            date
        };
        (date <= LAST_DATE).then_some(date)
    }

    /// The first occurrence at index `n` or later: (its index, its date as counted).
    fn at_index(&self, mut n: i64) -> Option<(i64, NaiveDate)> {
        for _ in 0..=MAX_SKIPS {
            match self.raw(n) {
                Ok(Some(date)) => return Some((n, self.rolled(date)?)),
                Ok(None) => n += 1,
                Err(()) => return None,
            }
        }
        None
    }

    /// An index at or before the first occurrence on or after `target`.
    fn index_before(&self, target: NaiveDate) -> i64 {
        if target <= self.start || self.every.count <= 0 {
            return 0;
        }
        let count = self.every.count;
        match self.every.unit {
            Unit::Days | Unit::Weeks => {
                let step = if self.every.unit == Unit::Weeks {
                    count.saturating_mul(7)
                } else {
                    count
                };
                ((target - self.start).num_days() / step - 1).max(0)
            }
            Unit::Months | Unit::Years => {
                let step = if self.every.unit == Unit::Years {
                    count.saturating_mul(12)
                } else {
                    count
                };
                let months = i64::from(target.year() - self.start.year()) * 12
                    + i64::from(target.month())
                    - i64::from(self.start.month());
                (months / step - 1).max(0)
            }
        }
    }

    /// The first occurrence on or after `target` (as counted, after any roll), with its index.
    pub fn on_or_after(&self, target: NaiveDate) -> Option<(i64, NaiveDate)> {
        let mut next = self.at_index(self.index_before(target))?;
        while next.1 < target {
            next = self.at_index(next.0 + 1)?;
        }
        Some(next)
    }

    /// The first occurrence strictly after `date`.
    pub fn after(&self, date: NaiveDate) -> Option<(i64, NaiveDate)> {
        self.on_or_after(date.succ_opt()?)
    }

    /// The last occurrence before `date`, if any.
    pub fn before(&self, date: NaiveDate) -> Option<(i64, NaiveDate)> {
        // Far enough back to be before `date` even past days that do not exist.
        let mut at = self.at_index((self.index_before(date) - MAX_SKIPS).max(0));
        let mut last = None;
        while let Some((i, d)) = at {
            if d >= date {
                break;
            }
            last = Some((i, d));
            at = self.at_index(i + 1);
        }
        last
    }

    /// Up to `max` occurrences from the first, in order, and whether more follow.
    pub fn first_n(&self, max: usize) -> (Vec<NaiveDate>, bool) {
        let mut out = Vec::new();
        let mut at = self.at_index(0);
        while let Some((i, date)) = at {
            if out.len() == max {
                return (out, true);
            }
            out.push(date);
            at = self.at_index(i + 1);
        }
        (out, false)
    }

    /// The RFC 5545 frequency and interval of the recurrence: `("YEARLY", 1)`.
    pub fn frequency(&self) -> (&'static str, i64) {
        let freq = match self.every.unit {
            Unit::Days => "DAILY",
            Unit::Weeks => "WEEKLY",
            Unit::Months => "MONTHLY",
            Unit::Years => "YEARLY",
        };
        (freq, self.every.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn every(start: &str, period: &str, until: Option<&str>) -> Recurrence {
        Recurrence {
            start: date(start),
            every: Period::try_from(period.to_owned()).unwrap(),
            until: until.map(date),
            settings: CalendarSettings::default(),
        }
    }

    #[test]
    fn next_occurrence_on_or_after_a_date() {
        let r = every("2024-01-28", "1y", None);
        assert_eq!(
            r.on_or_after(date("2024-01-01")),
            Some((0, date("2024-01-28")))
        );
        assert_eq!(
            r.on_or_after(date("2024-01-28")),
            Some((0, date("2024-01-28")))
        );
        assert_eq!(
            r.on_or_after(date("2026-06-01")),
            Some((3, date("2027-01-28")))
        );
        assert_eq!(r.after(date("2027-01-28")), Some((4, date("2028-01-28"))));
        assert_eq!(r.before(date("2026-06-01")), Some((2, date("2026-01-28"))));
        assert_eq!(r.before(date("2024-01-28")), None);
        let days = every("2026-01-01", "180d", None);
        assert_eq!(
            days.on_or_after(date("2026-12-31")),
            Some((3, date("2027-06-25")))
        );
        assert_eq!(
            days.before(date("2027-06-25")),
            Some((2, date("2026-12-27")))
        );
    }

    #[test]
    fn days_that_do_not_exist_have_no_occurrence() {
        let r = every("2024-02-29", "1y", None);
        assert_eq!(r.after(date("2024-02-29")), Some((4, date("2028-02-29"))));
        let m = every("2026-01-31", "1m", None);
        let (dates, more) = m.first_n(3);
        assert_eq!(
            dates,
            [date("2026-01-31"), date("2026-03-31"), date("2026-05-31")]
        );
        assert!(more);
    }

    #[test]
    fn until_ends_the_recurrence() {
        let r = every("2026-03-01", "1y", Some("2028-03-01"));
        assert_eq!(
            r.first_n(10),
            (
                vec![date("2026-03-01"), date("2027-03-01"), date("2028-03-01")],
                false
            )
        );
        assert_eq!(r.on_or_after(date("2028-03-02")), None);
        let ended = r.ending_by(date("2027-01-01"));
        assert_eq!(ended.first_n(10), (vec![date("2026-03-01")], false));
    }

    #[test]
    fn occurrences_roll_when_the_instrument_asks() {
        let mut r = every("2026-01-03", "1w", None);
        r.settings.roll = Roll::NextBusinessDay;
        // 2026-01-03 and 2026-01-10 are Saturdays.
        assert_eq!(
            r.on_or_after(date("2026-01-06")),
            Some((1, date("2026-01-12")))
        );
        assert_eq!(
            r.on_or_after(date("2026-01-12")),
            Some((1, date("2026-01-12")))
        );
    }
}
