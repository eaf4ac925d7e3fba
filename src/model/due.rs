//! When a provision is due: `ongoing`, `none`, a period after an anchor, or a fixed date, and
//! how often it recurs after that.

use std::fmt;

use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};

use super::Date;

/// A deadline rule as written in the spec.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// A one-time duty with no deadline (distinct from [`Due::Unknown`], which says a deadline
    /// exists but is not known).
    None,
    /// A first deadline (`On` or `Within`, never another recurrence) and how often it comes
    /// back.
    Recurring(Box<Recurring>),
}

/// A deadline that recurs: `{ within: 90d, of: order-date, every: 1y, until: 2030-01-01 }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recurring {
    /// The first deadline: [`Due::On`] or [`Due::Within`].
    pub first: Due,
    /// The time between occurrences, counted from the first (the `n`th occurrence is `n`
    /// periods after it).
    pub every: Period,
    /// The last day an occurrence may fall on, if the recurrence ends.
    pub until: Option<Date>,
}

impl Due {
    /// The rule of the first deadline: the rule itself, or a recurrence's first.
    pub fn first(&self) -> &Due {
        match self {
            Due::Recurring(r) => &r.first,
            due => due,
        }
    }

    /// The recurrence, if the deadline recurs.
    pub fn recurrence(&self) -> Option<&Recurring> {
        match self {
            Due::Recurring(r) => Some(r),
            _ => None,
        }
    }
}

/// The mapping forms: `{ on }` or `{ within, of }`, each with an optional `every` and `until`.
#[derive(Deserialize)]
struct Rule {
    #[serde(default)]
    on: Option<Date>,
    #[serde(default)]
    within: Option<Period>,
    #[serde(default)]
    of: Option<String>,
    #[serde(default)]
    every: Option<Period>,
    #[serde(default)]
    until: Option<Date>,
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Due;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`ongoing`, `unknown`, `none`, `{ on: <date> }` or `{ within: <period>, of: <id> }`",
                )
            }

            fn visit_str<E: de::Error>(self, word: &str) -> Result<Due, E> {
                match word {
                    "ongoing" => Ok(Due::Ongoing),
                    "unknown" => Ok(Due::Unknown),
                    "none" => Ok(Due::None),
                    _ => Err(E::unknown_variant(word, &["ongoing", "unknown", "none"])),
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Due, A::Error> {
                let rule = Rule::deserialize(MapAccessDeserializer::new(map))?;
                let first = match (rule.on, rule.within, rule.of) {
                    (Some(on), None, None) => Due::On(on),
                    (None, Some(period), Some(of)) => Due::Within { period, of },
                    _ => {
                        return Err(de::Error::custom(
                            "a deadline is `{ on: <date> }` or `{ within: <period>, of: <id> }`",
                        ));
                    }
                };
                match (rule.every, rule.until) {
                    (None, None) => Ok(first),
                    (Some(every), until) => Ok(Due::Recurring(Box::new(Recurring {
                        first,
                        every,
                        until,
                    }))),
                    (None, Some(_)) => Err(de::Error::custom(
                        "`until` ends a recurrence, so it needs `every`",
                    )),
                }
            }
        }
        deserializer.deserialize_any(Form)
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

    /// The most of this unit a period may count: 100 years, in exact units. Years and months
    /// convert exactly (100y, 1200m); days and weeks cannot, since 100 calendar years have
    /// 36,524 or 36,525 days, so the limit is the most days any 100 years can have (36,525)
    /// and the whole weeks within it (5,217).
    pub fn max_count(self) -> i64 {
        match self {
            Unit::Days => MAX_PERIOD_DAYS,
            Unit::Weeks => MAX_PERIOD_DAYS / 7,
            Unit::Months => 100 * 12,
            Unit::Years => 100,
        }
    }
}

/// The most days a period may count: the days of the longest 100 calendar years (25 leap
/// years).
const MAX_PERIOD_DAYS: i64 = 100 * 365 + 25;

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

impl Period {
    /// The period as a recurrence in words: "every year", "every 180 days".
    pub fn every_words(&self) -> String {
        if self.count == 1 {
            format!("every {}", self.unit.name(1))
        } else {
            format!("every {self}")
        }
    }

    /// The period as written in the spec: `1y`, `180d`.
    pub fn written(&self) -> String {
        let unit = match self.unit {
            Unit::Days => 'd',
            Unit::Weeks => 'w',
            Unit::Months => 'm',
            Unit::Years => 'y',
        };
        format!("{}{unit}", self.count)
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.count, self.unit.name(self.count))
    }
}
