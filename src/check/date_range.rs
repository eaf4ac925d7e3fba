//! `date-out-of-range`.
//!
//! What it checks: every deadline the spec can give falls on or before 9999-12-31: a fixed
//! date after its roll to the next business day, and a period counted from an anchor or from
//! any completion date recorded for the provision it counts from.
//! Why it matters: later dates need a five-digit year, which iCalendar (RFC 5545) and
//! orderly's JSON schemas (`YYYY-MM-DD`) cannot carry.
//! Example: `due: { within: 100y, of: far }` with the anchor `far: 9999-12-31`.
//! Fix: correct the period or the date it counts from.

use chrono::NaiveDate;

use super::Context;
use crate::calendar::past_last_date;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::model::{Date, Due, LAST_DATE, State, reading_suffix};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    for (i, instrument) in spec.instruments.iter().enumerate() {
        let settings = instrument
            .info
            .as_ref()
            .map(|info| info.calendar)
            .unwrap_or_default();
        for (v, version) in instrument.versions.iter().enumerate() {
            let anchors = instrument
                .version_info(&version.id)
                .map(|(_, info)| &info.anchors);
            let ids = cx.provisions(i, v);
            for p in version.provisions() {
                let Some(due) = &p.due else { continue };
                for (reading, due) in due.values_indexed() {
                    let (field, problem) = match due.first() {
                        Due::On(date) => (
                            "on",
                            date.get().and_then(|d| past_last_date(d, None, settings)),
                        ),
                        Due::Within { period, of } => {
                            // Periods out of range are `period-out-of-range`'s to report.
                            if period.count <= 0 || period.count > period.unit.max_count() {
                                continue;
                            }
                            let starts: Vec<NaiveDate> =
                                match anchors.and_then(|a| a.get(of.as_str())) {
                                    Some(anchor) => anchor.iter().filter_map(Date::get).collect(),
                                    None => ids.get(of).map_or_else(Vec::new, |other| {
                                        other
                                            .status
                                            .iter()
                                            .filter(|s| s.state == State::Done)
                                            .filter_map(|s| s.done_on.as_ref()?.get())
                                            .collect()
                                    }),
                                };
                            (
                                "within",
                                starts.into_iter().find_map(|start| {
                                    past_last_date(start, Some(*period), settings)
                                }),
                            )
                        }
                        Due::Ongoing | Due::Unknown | Due::None | Due::Recurring(_) => continue,
                    };
                    let Some(problem) = problem else { continue };
                    out.push(
                        Diagnostic::new(
                            Code::DateOutOfRange,
                            p.file,
                            At::value(p.at(&format!("/due{}/{field}", reading_suffix(reading)))),
                            format!("deadline of `{}` falls after {LAST_DATE}", p.id),
                        )
                        .with_label(problem)
                        .with_help(format!(
                            "orderly handles dates up to {LAST_DATE}; correct the period or the date it counts from"
                        )),
                    );
                }
            }
        }
    }
}
