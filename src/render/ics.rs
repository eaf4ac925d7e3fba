//! The timeline as an iCalendar file (RFC 5545): one all-day event per dated item.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a character; text values
//! escape backslashes, semicolons, commas and newlines. Each event's UID is built from the
//! provision and instrument ids, not the version, so that a calendar that imported an earlier
//! run (or an earlier version of the instrument) updates the event instead of adding a second
//! one. DTSTAMP is the as-of date, so the same inputs give the same bytes.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::compile::timeline::Timeline;

/// Escapes a TEXT value (RFC 5545, 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets (RFC 5545, 3.1).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
}

fn compact(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Writes the calendar.
pub fn calendar(timeline: &Timeline) -> String {
    let mut out = String::new();
    let stamp = timeline
        .as_of
        .parse::<NaiveDate>()
        .map(|d| format!("{}T000000Z", compact(d)))
        .unwrap_or_default();
    let name = format!(
        "{} ({}) deadlines",
        timeline.instrument.short_title, timeline.version.id
    );
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//orderly//orderly {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&name)));
    for event in &timeline.events {
        let Ok(date) = event.date.parse::<NaiveDate>() else {
            continue;
        };
        let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
        for item in &event.items {
            let actors = item.actors.join(", ");
            let title = item.heading.as_deref().unwrap_or(item.action.as_str());
            let summary = format!(
                "{} {}: {title} ({actors})",
                timeline.instrument.short_title, item.reference
            );
            let mut description = String::new();
            let _ = write!(
                description,
                "{}\nDue: {}\nStatus as of {}: {}",
                item.action,
                item.rule,
                timeline.as_of,
                item.status.as_str()
            );
            line(&mut out, "BEGIN:VEVENT");
            line(
                &mut out,
                &format!("UID:{}.{}@orderly", item.id, timeline.instrument.id),
            );
            line(&mut out, &format!("DTSTAMP:{stamp}"));
            line(&mut out, &format!("DTSTART;VALUE=DATE:{}", compact(date)));
            line(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(next)));
            line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
            line(&mut out, "TRANSP:TRANSPARENT");
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        line(&mut out, &format!("DESCRIPTION:{}", "é".repeat(80)));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "é".repeat(80)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
    }
}
