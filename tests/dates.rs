//! Laws of the date arithmetic, checked on generated dates and periods.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use orderly::model::{Period, Unit};
use orderly::testing::{
    AddError, Holidays, add, non_business_reason, roll_forward, us_federal_holidays,
};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 to 2199-12-31.
    (0u64..109_572).prop_map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(n))
}

fn period(count: i64, unit: Unit) -> Period {
    Period { count, unit }
}

proptest! {
    #[test]
    fn days_add_up(d in date(), a in 1i64..2000, b in 1i64..2000) {
        let once = add(d, period(a + b, Unit::Days)).unwrap();
        let twice = add(add(d, period(a, Unit::Days)).unwrap(), period(b, Unit::Days)).unwrap();
        prop_assert_eq!(once, twice);
        prop_assert_eq!(once.signed_duration_since(d).num_days(), a + b);
    }

    #[test]
    fn a_week_is_seven_days(d in date(), n in 1i64..500) {
        prop_assert_eq!(add(d, period(n, Unit::Weeks)), add(d, period(7 * n, Unit::Days)));
    }

    #[test]
    fn a_year_is_twelve_months(d in date(), n in 1i64..50) {
        prop_assert_eq!(add(d, period(n, Unit::Years)), add(d, period(12 * n, Unit::Months)));
    }

    #[test]
    fn months_keep_the_day_or_say_why_not(d in date(), n in 1i64..600) {
        match add(d, period(n, Unit::Months)) {
            Ok(result) => {
                prop_assert_eq!(result.day(), d.day());
                let months = (result.year() - d.year()) * 12 + i32::try_from(result.month()).unwrap() - i32::try_from(d.month()).unwrap();
                prop_assert_eq!(i64::from(months), n);
            }
            Err(AddError::PastMonthEnd { last_day, next_first, .. }) => {
                // Only a day the target month lacks fails, and both candidates are adjacent.
                prop_assert!(d.day() > 28);
                prop_assert!(last_day.day() < d.day());
                prop_assert_eq!(last_day.succ_opt(), Some(next_first));
                prop_assert_eq!(next_first.day(), 1);
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn months_compose_when_the_day_exists_everywhere(d in date(), a in 1i64..300, b in 1i64..300) {
        prop_assume!(d.day() <= 28);
        let once = add(d, period(a + b, Unit::Months)).unwrap();
        let twice = add(add(d, period(a, Unit::Months)).unwrap(), period(b, Unit::Months)).unwrap();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn periods_that_are_not_positive_are_refused(d in date(), n in -1000i64..=0) {
        for unit in [Unit::Days, Unit::Weeks, Unit::Months, Unit::Years] {
            prop_assert_eq!(add(d, period(n, unit)), Err(AddError::NotPositive));
        }
    }

    #[test]
    fn rolling_lands_on_the_next_business_day(d in date()) {
        for holidays in [Holidays::None, Holidays::UsFederal] {
            match roll_forward(d, holidays) {
                None => prop_assert!(non_business_reason(d, holidays).is_none()),
                Some((rolled, _)) => {
                    prop_assert!(rolled > d);
                    prop_assert!(rolled.signed_duration_since(d).num_days() <= 4);
                    prop_assert!(non_business_reason(rolled, holidays).is_none());
                    let mut day = d;
                    while day < rolled {
                        prop_assert!(non_business_reason(day, holidays).is_some());
                        day = day.succ_opt().unwrap();
                    }
                }
            }
        }
    }

    #[test]
    fn federal_holidays_are_observed_on_weekdays(year in 2021i32..2200) {
        let holidays = us_federal_holidays(year);
        prop_assert_eq!(holidays.len(), 11);
        for (day, _) in holidays {
            prop_assert!(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun));
        }
    }
}
