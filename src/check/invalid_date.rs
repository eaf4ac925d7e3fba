//! `invalid-date`.
//!
//! What it checks: every date in the spec (version dates and anchors, source dates, fixed
//! deadlines and the ends of recurrences, status dates, revocation and amendment dates) is a real day of the calendar.
//! Why it matters: validation checks only the YYYY-MM-DD shape (the schemas say `format: date`
//! for editors, but orderly leaves the calendar to this check); 2026-02-30 has that shape too.
//! Example: `on: 2026-02-30`.
//! Fix: correct the date.

use chrono::NaiveDate;

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Date, Due, reading_suffix};
use crate::source::FileId;
use crate::text::pointer;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    // `at` builds the pointer only for a date that does not exist.
    let mut check = |file: FileId, date: &Date, at: &dyn Fn() -> String| {
        if date.get().is_none() {
            out.push(
                Diagnostic::new(
                    Code::InvalidDate,
                    file,
                    At::value(at()),
                    format!("`{date}` is not a date"),
                )
                .with_label(why(date.as_str()))
                .with_help("write an existing day as YYYY-MM-DD"),
            );
        }
    };
    for instrument in &spec.instruments {
        if let Some(info) = &instrument.info {
            for (i, version) in info.versions.iter().enumerate() {
                check(instrument.file, &version.date, &|| {
                    format!("/versions/{i}/date")
                });
                for (name, date) in &version.anchors {
                    if let Some(date) = date {
                        check(instrument.file, date, &|| {
                            format!("/versions/{i}{}", pointer(["anchors", name]))
                        });
                    }
                }
            }
            for (_, at, event) in info.acts() {
                check(instrument.file, &event.date, &|| format!("{at}/date"));
            }
            for (id, source) in &info.sources {
                if let Some(date) = &source.date {
                    check(instrument.file, date, &|| pointer(["sources", id, "date"]));
                }
            }
        }
        for version in &instrument.versions {
            for p in version.provisions() {
                if let Some(due) = &p.due {
                    for (reading, due) in due.values_indexed() {
                        if let Due::On(date) = due.first() {
                            check(p.file, date, &|| {
                                p.at(&format!("/due{}/on", reading_suffix(reading)))
                            });
                        }
                        if let Some(until) = due.recurrence().and_then(|r| r.until.as_ref()) {
                            check(p.file, until, &|| {
                                p.at(&format!("/due{}/until", reading_suffix(reading)))
                            });
                        }
                    }
                }
                for (_, at, event) in p.acts() {
                    check(p.file, &event.date, &|| p.at(&format!("{at}/date")));
                }
                for (k, status) in p.status.iter().enumerate() {
                    check(p.file, &status.as_of, &|| {
                        p.at(&format!("/status/{k}/as_of"))
                    });
                    if let Some(done) = &status.done_on {
                        check(p.file, done, &|| p.at(&format!("/status/{k}/done_on")));
                    }
                }
            }
        }
    }
}

/// Why a YYYY-MM-DD string is not a date.
fn why(text: &str) -> String {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    let [year, month, day] = parts[..] else {
        return "not a day of the calendar".to_owned();
    };
    if !(1..=12).contains(&month) {
        return format!("there is no month {month}");
    }
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(first), Some(next)) => {
            let days = next.signed_duration_since(first).num_days();
            let name = first.format("%B %Y");
            if day == 0 {
                "there is no day 0".to_owned()
            } else {
                format!("{name} has {days} days")
            }
        }
        _ => "not a day of the calendar".to_owned(),
    }
}
