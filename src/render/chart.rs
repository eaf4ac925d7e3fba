//! The timeline as an inline SVG chart: deadlines placed on a date axis, the as-of date drawn
//! as a line. It reads without JavaScript, and each status has its own shape and word, so it
//! does not rely on colour.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::compile::checklist::StatusClass;
use crate::compile::timeline::Timeline;
use crate::text::html_escape as escape;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 40.0;
const AXIS_Y: f64 = 70.0;

/// The marker of an event, one shape per status so that the chart does not rely on colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Overdue.
    Square,
    /// Past due, completion unknown: a square's outline.
    Frame,
    /// Due soon.
    Diamond,
    /// Done.
    Circle,
    /// Open: a circle's outline.
    Ring,
}

/// The chart, or `None` when nothing is dated.
pub fn timeline_svg(timeline: &Timeline) -> Option<String> {
    let as_of = timeline.as_of.parse::<NaiveDate>().ok()?;
    let dates: Vec<NaiveDate> = timeline
        .events
        .iter()
        .filter_map(|e| e.date.parse().ok())
        .collect();
    let first = *dates.iter().min()?;
    let last = *dates.iter().max()?;
    let start = first.min(as_of).with_day(1)?;
    let end = last.max(as_of);
    let span = (end - start).num_days().max(1);
    #[expect(clippy::cast_precision_loss, reason = "day counts are small")]
    let x =
        |d: NaiveDate| LEFT + (WIDTH - LEFT - RIGHT) * (d - start).num_days() as f64 / span as f64;
    let rows = timeline.events.len();
    #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
    let height = AXIS_Y + 30.0 + 18.0 * rows as f64;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>Deadlines of {} ({}) in date order, as of {}</title>"#,
        escape(&timeline.instrument.short_title),
        escape(&timeline.version.id),
        timeline.as_of
    );
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{AXIS_Y}" x2="{}" y2="{AXIS_Y}" stroke="#555"/>"##,
        WIDTH - RIGHT
    );
    // Ticks at a spacing chosen from the span, so that their number stays bounded.
    let axis = Axis::spanning(start, end);
    for tick in axis.ticks(start, end) {
        let mx = x(tick);
        let _ = write!(
            svg,
            r##"<line x1="{mx:.1}" y1="{}" x2="{mx:.1}" y2="{}" stroke="#999"/><text x="{mx:.1}" y="{}" font-size="11" text-anchor="middle" fill="#555">{}</text>"##,
            AXIS_Y - 4.0,
            AXIS_Y + 4.0,
            AXIS_Y + 18.0,
            axis.label(tick)
        );
    }
    let ax = x(as_of);
    let _ = write!(
        svg,
        r##"<line x1="{ax:.1}" y1="16" x2="{ax:.1}" y2="{height}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="6 3"/><text x="{ax:.1}" y="12" font-size="12" font-weight="bold" text-anchor="{}">as of {}</text>"##,
        if ax > WIDTH * 0.8 {
            "end"
        } else if ax < WIDTH * 0.2 {
            "start"
        } else {
            "middle"
        },
        timeline.as_of
    );
    for (row, event) in timeline.events.iter().enumerate() {
        let Ok(date) = event.date.parse::<NaiveDate>() else {
            continue;
        };
        let ex = x(date);
        let worst = event
            .items
            .iter()
            .map(|i| i.status_class)
            .min_by_key(|s| match s {
                StatusClass::Overdue => 0,
                StatusClass::PastDueUnknown => 1,
                StatusClass::DueSoon => 2,
                StatusClass::Open => 3,
                StatusClass::Pending => 4,
                StatusClass::Late => 5,
                StatusClass::Done => 6,
                StatusClass::Revoked => 7,
            });
        let (shape, word, fill) = match worst {
            Some(StatusClass::Overdue) => (Shape::Square, "overdue", "#a40000"),
            Some(StatusClass::PastDueUnknown) => {
                (Shape::Frame, "past due, completion unknown", "#5a5a5a")
            }
            Some(StatusClass::DueSoon) => (Shape::Diamond, "due soon", "#8a5a00"),
            Some(StatusClass::Late) => (Shape::Circle, "done late", "#1e6b1e"),
            Some(StatusClass::Done) => (Shape::Circle, "done", "#1e6b1e"),
            Some(StatusClass::Pending) => (Shape::Ring, "pending, not yet binding", "#0b4f8a"),
            Some(StatusClass::Revoked) => (Shape::Ring, "revoked", "#5a5a5a"),
            _ => (Shape::Ring, "open", "#0b4f8a"),
        };
        let marker = match shape {
            Shape::Square => format!(
                r#"<rect x="{:.1}" y="{}" width="12" height="12" fill="{fill}"/>"#,
                ex - 6.0,
                AXIS_Y - 6.0
            ),
            Shape::Frame => format!(
                r#"<rect x="{:.1}" y="{}" width="11" height="11" fill="white" stroke="{fill}" stroke-width="3"/>"#,
                ex - 5.5,
                AXIS_Y - 5.5
            ),
            Shape::Diamond => format!(
                r#"<polygon points="{ex:.1},{} {:.1},{AXIS_Y} {ex:.1},{} {:.1},{AXIS_Y}" fill="{fill}"/>"#,
                AXIS_Y - 8.0,
                ex + 8.0,
                AXIS_Y + 8.0,
                ex - 8.0
            ),
            Shape::Circle => {
                format!(r#"<circle cx="{ex:.1}" cy="{AXIS_Y}" r="6" fill="{fill}"/>"#)
            }
            Shape::Ring => format!(
                r#"<circle cx="{ex:.1}" cy="{AXIS_Y}" r="6" fill="white" stroke="{fill}" stroke-width="3"/>"#
            ),
        };
        #[expect(clippy::cast_precision_loss, reason = "row counts are small")]
        let label_y = AXIS_Y + 36.0 + 18.0 * row as f64;
        let refs: Vec<&str> = event.items.iter().map(|i| i.reference.as_str()).collect();
        let anchor = if ex > WIDTH * 0.6 { "end" } else { "start" };
        let _ = write!(
            svg,
            r#"<g><title>{}: {} ({word})</title>{marker}<line x1="{ex:.1}" y1="{}" x2="{ex:.1}" y2="{}" stroke="{fill}" stroke-dasharray="2 2"/><text x="{ex:.1}" y="{label_y:.1}" font-size="12" text-anchor="{anchor}">{}: {} due ({word})</text></g>"#,
            event.date,
            escape(&refs.join(", ")),
            AXIS_Y + 8.0,
            label_y - 12.0,
            event.date,
            event.items.len(),
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The most ticks the date axis draws, whatever the span.
pub const MAX_TICKS: usize = 24;

/// The spacing of the date axis's ticks, in months: one tick on the first day of every
/// `months`-th month, counted from January of year 0 (so quarters fall in January, April, July
/// and October, decades on years ending in 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Axis {
    /// Months between ticks: 1, 2, 3 or 6, then 1, 2 or 5 times a power of ten years.
    pub months: i64,
}

impl Axis {
    /// The finest spacing that puts at most [`MAX_TICKS`] ticks between `start` and `end`.
    pub fn spanning(start: NaiveDate, end: NaiveDate) -> Axis {
        let mut steps = [1, 2, 3, 6].into_iter().chain(
            // Years: 1, 2, 5, 10, 20, 50, ... (never past the span of any date chrono has).
            (0..12u32).flat_map(|power| [1, 2, 5].map(|k| 12 * k * 10_i64.pow(power))),
        );
        let fits = |months: i64| Axis { months }.count(start, end) <= MAX_TICKS;
        let months = steps.find(|&m| fits(m)).unwrap_or(12 * 10_i64.pow(12));
        Axis { months }
    }

    /// The ticks from `start` to `end`, both included.
    pub fn ticks(self, start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        self.range(start, end)
            .filter_map(move |k| month_start(k * self.months))
    }

    /// How many ticks fall from `start` to `end`.
    pub fn count(self, start: NaiveDate, end: NaiveDate) -> usize {
        let range = self.range(start, end);
        usize::try_from(range.end() - range.start() + 1).unwrap_or(0)
    }

    /// The ticks from `start` to `end`, as multiples of the spacing.
    fn range(self, start: NaiveDate, end: NaiveDate) -> std::ops::RangeInclusive<i64> {
        // The first month that starts on or after `start`.
        let from = month_index(start) + i64::from(start.day() != 1);
        let first = from.div_euclid(self.months) + i64::from(from.rem_euclid(self.months) != 0);
        first..=month_index(end).div_euclid(self.months)
    }

    /// A tick's label: the month (`2026-07`) when ticks are months apart, else the year.
    pub fn label(self, tick: NaiveDate) -> String {
        if self.months < 12 {
            tick.format("%Y-%m").to_string()
        } else {
            tick.format("%Y").to_string()
        }
    }
}

/// Months from January of year 0 to the month of `date`.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// The first day of the month `index` months after January of year 0.
fn month_start(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}
