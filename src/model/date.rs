//! Dates as written in the spec.

use chrono::NaiveDate;
use serde::Deserialize;

/// A `YYYY-MM-DD` date as written. The schema guarantees the shape; whether the day exists is
/// the `invalid-date` check's business, so the text is kept and parsed on use.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl Date {
    /// The calendar date, if it exists.
    pub fn get(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.0, "%Y-%m-%d").ok()
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
