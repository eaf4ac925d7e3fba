//! Dates as written in the spec.

use chrono::NaiveDate;
use serde::Deserialize;

/// The last date orderly handles: 9999-12-31. Later dates need a five-digit year, which
/// RFC 5545 calendars and orderly's own JSON schemas (`YYYY-MM-DD`) cannot carry, so a
/// deadline computed past it is refused rather than written.
pub const LAST_DATE: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// A `YYYY-MM-DD` date as written. The schema guarantees the shape; whether the day exists is
/// the `invalid-date` check's business, so the text is kept and parsed on use.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl Date {
    /// The calendar date, if it exists.
    pub fn get(&self) -> Option<NaiveDate> {
        parse_ymd(&self.0)
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` has the `YYYY-MM-DD` shape: a four-digit year, a two-digit month and a
/// two-digit day, with no sign, spaces or other characters.
pub fn ymd_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// A date written exactly as `YYYY-MM-DD` (see [`ymd_shaped`]) naming a day that exists.
///
/// chrono's `%Y-%m-%d` alone is lenient (it takes `+10000-01-01`, `2026-6-1` and leading
/// spaces), so the shape is checked first.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    if !ymd_shaped(text) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
