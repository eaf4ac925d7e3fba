//! When a provision is due: `ongoing`, a period after an anchor, or a fixed date.

use serde::Deserialize;

use super::Date;

/// A deadline rule as written in the spec.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawDue")]
pub enum Due {
    /// A continuing duty with no deadline.
    Ongoing,
    /// A deadline exists but is not known (for example, a reported version that does not
    /// say).
    Unknown,
    /// A period after an anchor date or another provision's completion.
    Within {
        /// How long.
        period: Period,
        /// An anchor of the version, or a provision id.
        of: String,
    },
    /// A fixed date.
    On(Date),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawDue {
    Word(Word),
    On { on: Date },
    Within { within: Period, of: String },
}

#[derive(Deserialize)]
enum Word {
    #[serde(rename = "ongoing")]
    Ongoing,
    #[serde(rename = "unknown")]
    Unknown,
}

impl From<RawDue> for Due {
    fn from(raw: RawDue) -> Self {
        match raw {
            RawDue::Word(Word::Ongoing) => Due::Ongoing,
            RawDue::Word(Word::Unknown) => Due::Unknown,
            RawDue::On { on } => Due::On(on),
            RawDue::Within { within, of } => Due::Within { period: within, of },
        }
    }
}

/// A count of calendar units, such as `30d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct Period {
    /// How many units; may be zero or negative as written (the `period-out-of-range` check
    /// reports those).
    pub count: i64,
    /// The unit.
    pub unit: Unit,
}

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[expect(missing_docs, reason = "the names say it")]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    /// The unit's name for `count` of them: `day`, `days`, ...
    pub fn name(self, count: i64) -> &'static str {
        let one = count.abs() == 1;
        match (self, one) {
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
            (Unit::Years, true) => "year",
            (Unit::Years, false) => "years",
        }
    }

    /// Roughly how many days one unit spans, for plausibility checks only.
    pub fn approx_days(self) -> i64 {
        match self {
            Unit::Days => 1,
            Unit::Weeks => 7,
            Unit::Months => 31,
            Unit::Years => 366,
        }
    }
}

impl TryFrom<String> for Period {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let unit = match text.chars().last() {
            Some('d') => Unit::Days,
            Some('w') => Unit::Weeks,
            Some('m') => Unit::Months,
            Some('y') => Unit::Years,
            _ => return Err(format!("`{text}` is not a period")),
        };
        let number = &text[..text.len() - 1];
        let count = match number.parse::<i64>() {
            Ok(count) => count,
            // Too many digits: keep the sign, and let the range check report it.
            Err(_)
                if !number.is_empty()
                    && number
                        .trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit()) =>
            {
                if number.starts_with('-') {
                    i64::MIN
                } else {
                    i64::MAX
                }
            }
            Err(_) => return Err(format!("`{text}` is not a period")),
        };
        Ok(Period { count, unit })
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.count, self.unit.name(self.count))
    }
}
