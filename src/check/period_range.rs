//! `period-out-of-range`.
//!
//! What it checks: a deadline period (`within`) and a recurrence's period (`every`) is at
//! least one unit and at most 100 years,
//! counted in the period's own unit: at most `100y`, `1200m`, `5217w` or `36525d` (the most
//! days any 100 calendar years have; see
//! [`crate::model::Unit::max_count`]).
//! Why it matters: a zero or negative period puts the deadline on or before its own start, and
//! a period of centuries is almost always a typo (`3000d` for `30d`).
//! Example: `within: 0d`, `within: -30d`, `within: 500y`.
//! Fix: correct the number or the unit.

use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Due, reading_suffix};

use super::{Context, provisions};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (_, _, p) in provisions(spec) {
        let Some(due) = &p.due else { continue };
        for (reading, due) in due.values_indexed() {
            let within = match due.first() {
                Due::Within { period, .. } => Some((*period, "within")),
                _ => None,
            };
            let every = due.recurrence().map(|r| (r.every, "every"));
            for (period, key) in within.into_iter().chain(every) {
                let problem = if period.count == 0 {
                    "a period of zero"
                } else if period.count < 0 {
                    "a negative period"
                } else if period.count > period.unit.max_count() {
                    "a period longer than 100 years"
                } else {
                    continue;
                };
                out.push(
                Diagnostic::new(
                    Code::PeriodOutOfRange,
                    p.file,
                    At::value(p.at(&format!("/due{}/{key}", reading_suffix(reading)))),
                    format!("deadline of `{}` has {problem}", p.id),
                )
                .with_label(format!("{period}"))
                .with_help(
                    "a period is a positive count of days, weeks, months or years, up to 100 years \
                     (36525d, 5217w, 1200m or 100y)",
                ),
            );
            }
        }
    }
}
