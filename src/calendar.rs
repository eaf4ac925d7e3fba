//! Calendar arithmetic for deadlines: periods in days, weeks, months and years, US federal
//! holidays with their observed days, and rolling a date to the next business day.
//!
//! Month and year arithmetic never guesses: a period that lands on a day the target month
//! does not have (one month after 31 January) is an error that says so, because legal texts
//! and courts disagree on whether that means the last day of the month or the first of the
//! next.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::model::{CalendarSettings, HolidaySet, LAST_DATE, Period, Roll, Unit};

/// Why a period could not be added to a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    /// The period is zero or negative.
    NotPositive,
    /// The result is past the end of the target month; both candidates are given.
    PastMonthEnd {
        /// The date the arithmetic asked for, as written (it does not exist).
        wanted: String,
        /// The last day of the target month.
        last_day: NaiveDate,
        /// The first day of the following month.
        next_first: NaiveDate,
    },
    /// The result falls after [`LAST_DATE`] (9999-12-31).
    OutOfRange,
}

impl std::fmt::Display for AddError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AddError::NotPositive => f.write_str("the period is not positive"),
            AddError::PastMonthEnd {
                wanted,
                last_day,
                next_first,
            } => write!(
                f,
                "{wanted} does not exist; the rule does not say whether {last_day} or {next_first} is meant"
            ),
            AddError::OutOfRange => write!(f, "the date would fall after {LAST_DATE}"),
        }
    }
}

/// `date` plus `period`, in calendar days, weeks, months or years. A result after
/// [`LAST_DATE`] is [`AddError::OutOfRange`].
pub fn add(date: NaiveDate, period: Period) -> Result<NaiveDate, AddError> {
    let count = if period.count > 0 {
        // A count past u32 lands far beyond 9999 whatever the unit.
        u32::try_from(period.count).map_err(|_| AddError::OutOfRange)?
    } else {
        return Err(AddError::NotPositive);
    };
    let sum = match period.unit {
        Unit::Days => date.checked_add_days(Days::new(u64::from(count))),
        Unit::Weeks => date.checked_add_days(Days::new(u64::from(count) * 7)),
        Unit::Months => return add_months(date, count),
        Unit::Years => return add_months(date, count.checked_mul(12).ok_or(AddError::OutOfRange)?),
    };
    sum.filter(|d| *d <= LAST_DATE).ok_or(AddError::OutOfRange)
}

fn add_months(date: NaiveDate, months: u32) -> Result<NaiveDate, AddError> {
    let first = date.with_day(1).ok_or(AddError::OutOfRange)?;
    let target_first = first
        .checked_add_months(Months::new(months))
        .ok_or(AddError::OutOfRange)?;
    if target_first > LAST_DATE {
        return Err(AddError::OutOfRange);
    }
    if let Some(exact) = target_first.with_day(date.day()) {
        return Ok(exact);
    }
    let next_first = target_first
        .checked_add_months(Months::new(1))
        .ok_or(AddError::OutOfRange)?;
    let last_day = next_first.pred_opt().ok_or(AddError::OutOfRange)?;
    Err(AddError::PastMonthEnd {
        wanted: format!(
            "{:04}-{:02}-{:02}",
            target_first.year(),
            target_first.month(),
            date.day()
        ),
        last_day,
        next_first,
    })
}

/// Which days count as business days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holidays {
    /// Weekends only.
    None,
    /// Weekends and the US federal holidays of 5 U.S.C. 6103, on their observed days.
    UsFederal,
}

/// The first year orderly knows the US federal holidays of: 1971, when the Uniform Monday
/// Holiday Act (Pub. L. 90-363) took effect and Executive Order 11582 set the observed days.
/// For earlier years the holiday list is empty, so only weekends move a date: the rules before
/// 1971 (fixed-date Washington's Birthday, Memorial Day and Columbus Day, no Saturday rule)
/// are not modelled.
pub(crate) const FIRST_HOLIDAY_YEAR: i32 = 1971;

/// The US federal holidays of `year` on their observed days, with their names, as the law
/// stood in that year (5 U.S.C. 6103):
///
/// - New Year's Day (1 January), Independence Day (4 July), Labor Day (first Monday of
///   September, a federal holiday since 1894), Thanksgiving Day (fourth Thursday of November,
///   since 1942) and Christmas Day (25 December): every year from 1971;
/// - Washington's Birthday (third Monday of February), Memorial Day (last Monday of May) and
///   Columbus Day (second Monday of October): on those Mondays from 1971;
/// - Veterans Day: the fourth Monday of October from 1971 to 1977, 11 November from 1978;
/// - Birthday of Martin Luther King, Jr. (third Monday of January): from 1986;
/// - Juneteenth National Independence Day (19 June): from 2021.
///
/// Before `FIRST_HOLIDAY_YEAR` the list is empty. A fixed-date holiday on a Saturday is
/// observed on the Friday before, one on a Sunday on the Monday after (5 U.S.C. 6103(b) and
/// Executive Order 11582). Inauguration Day, a holiday only in the Washington area, is not
/// included.
pub fn us_federal_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut out = Vec::new();
    if year < FIRST_HOLIDAY_YEAR {
        return out;
    }
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let nth = |month, weekday, n| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
    let last = |month, weekday: Weekday| {
        (1..=5)
            .rev()
            .find_map(|n| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n))
    };
    let mut push = |date: Option<NaiveDate>, name, observe: bool| {
        let Some(date) = date else { return };
        let observed = match (observe, date.weekday()) {
            (true, Weekday::Sat) => date.pred_opt(),
            (true, Weekday::Sun) => date.succ_opt(),
            _ => Some(date),
        };
        if let Some(observed) = observed {
            out.push((observed, name));
        }
    };
    push(fixed(1, 1), "New Year's Day", true);
    if year >= 1986 {
        push(
            nth(1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
            false,
        );
    }
    push(nth(2, Weekday::Mon, 3), "Washington's Birthday", false);
    push(last(5, Weekday::Mon), "Memorial Day", false);
    if year >= 2021 {
        push(fixed(6, 19), "Juneteenth National Independence Day", true);
    }
    push(fixed(7, 4), "Independence Day", true);
    push(nth(9, Weekday::Mon, 1), "Labor Day", false);
    push(nth(10, Weekday::Mon, 2), "Columbus Day", false);
    if year <= 1977 {
        push(nth(10, Weekday::Mon, 4), "Veterans Day", false);
    } else {
        push(fixed(11, 11), "Veterans Day", true);
    }
    push(nth(11, Weekday::Thu, 4), "Thanksgiving Day", false);
    push(fixed(12, 25), "Christmas Day", true);
    out.sort();
    out
}

/// Why a date is not a business day, if it is not.
pub fn non_business_reason(date: NaiveDate, holidays: Holidays) -> Option<String> {
    match date.weekday() {
        Weekday::Sat => return Some("a Saturday".to_owned()),
        Weekday::Sun => return Some("a Sunday".to_owned()),
        _ => {}
    }
    if holidays == Holidays::UsFederal {
        // New Year's Day on a Saturday is observed on 31 December of the year before.
        for year in [date.year(), date.year() + 1] {
            if let Some((_, name)) = us_federal_holidays(year)
                .into_iter()
                .find(|(d, _)| *d == date)
            {
                return Some(format!("a federal holiday ({name})"));
            }
        }
    }
    None
}

/// The first business day on or after `date`, and why each skipped day was skipped (the
/// reason for `date` itself first), or `None` if `date` is a business day.
pub fn roll_forward(date: NaiveDate, holidays: Holidays) -> Option<(NaiveDate, String)> {
    let reason = non_business_reason(date, holidays)?;
    let mut day = date;
    // A weekend next to a holiday is at most four days long.
    for _ in 0..7 {
        day = day.succ_opt()?;
        if non_business_reason(day, holidays).is_none() {
            return Some((day, reason));
        }
    }
    None
}

/// The holidays an instrument's calendar settings name.
pub(crate) fn holidays(settings: CalendarSettings) -> Holidays {
    match settings.holidays {
        HolidaySet::UsFederal => Holidays::UsFederal,
        HolidaySet::None => Holidays::None,
    }
}

/// Why a deadline counting `period` from `start` (or on `start` itself, for a fixed date)
/// would fall after [`LAST_DATE`] once rolled as `settings` ask, or `None` if it would not.
/// A period that is not positive, or lands past a month's end, is another problem and gives
/// `None`.
pub(crate) fn past_last_date(
    start: NaiveDate,
    period: Option<Period>,
    settings: CalendarSettings,
) -> Option<String> {
    let date = match period {
        None => start,
        Some(period) => match add(start, period) {
            Ok(date) => date,
            Err(AddError::OutOfRange) => {
                return Some(format!("{period} after {start} falls after {LAST_DATE}"));
            }
            Err(_) => return None,
        },
    };
    if settings.roll == Roll::NextBusinessDay
        && let Some((rolled, why)) = roll_forward(date, holidays(settings))
        && rolled > LAST_DATE
    {
        return Some(format!(
            "{date} is {why}, and the next business day, {rolled}, falls after {LAST_DATE}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(count: i64, unit: Unit) -> Period {
        Period { count, unit }
    }

    #[test]
    fn days_weeks_months_years() {
        assert_eq!(add(d("2026-06-02"), p(30, Unit::Days)), Ok(d("2026-07-02")));
        assert_eq!(add(d("2026-06-02"), p(60, Unit::Days)), Ok(d("2026-08-01")));
        assert_eq!(add(d("2026-06-02"), p(2, Unit::Weeks)), Ok(d("2026-06-16")));
        assert_eq!(
            add(d("2026-06-02"), p(3, Unit::Months)),
            Ok(d("2026-09-02"))
        );
        assert_eq!(add(d("2026-06-02"), p(1, Unit::Years)), Ok(d("2027-06-02")));
        assert_eq!(
            add(d("2026-06-02"), p(0, Unit::Days)),
            Err(AddError::NotPositive)
        );
    }

    #[test]
    fn month_end_overflow_is_flagged_not_guessed() {
        let e = add(d("2027-01-31"), p(1, Unit::Months)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2027-02-31 does not exist; the rule does not say whether 2027-02-28 or 2027-03-01 is meant"
        );
        assert!(add(d("2028-02-29"), p(1, Unit::Years)).is_err());
        assert_eq!(add(d("2028-02-29"), p(4, Unit::Years)), Ok(d("2032-02-29")));
    }

    #[test]
    fn federal_holidays_and_observed_days() {
        let names = |y| {
            us_federal_holidays(y)
                .into_iter()
                .map(|(d, _)| d.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(2026),
            [
                "2026-01-01",
                "2026-01-19",
                "2026-02-16",
                "2026-05-25",
                "2026-06-19",
                "2026-07-03",
                "2026-09-07",
                "2026-10-12",
                "2026-11-11",
                "2026-11-26",
                "2026-12-25"
            ]
        );
        // 2022-01-01 was a Saturday: observed on Friday 2021-12-31.
        assert_eq!(
            non_business_reason(d("2021-12-31"), Holidays::UsFederal).as_deref(),
            Some("a federal holiday (New Year's Day)")
        );
    }

    #[test]
    fn rolls_past_weekends_and_holidays() {
        // Saturday 2026-08-01 rolls to Monday 2026-08-03.
        assert_eq!(
            roll_forward(d("2026-08-01"), Holidays::UsFederal),
            Some((d("2026-08-03"), "a Saturday".to_owned()))
        );
        // Friday 2026-07-03 is Independence Day observed; the next business day is Monday.
        assert_eq!(
            roll_forward(d("2026-07-03"), Holidays::UsFederal).map(|r| r.0),
            Some(d("2026-07-06"))
        );
        assert_eq!(roll_forward(d("2026-07-03"), Holidays::None), None);
        assert_eq!(roll_forward(d("2026-07-02"), Holidays::UsFederal), None);
    }
}
