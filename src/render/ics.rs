//! The timeline as an iCalendar file (RFC 5545): one all-day event per dated item.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a character; text values
//! escape backslashes, semicolons, commas and newlines. Each event's UID is built from the
//! provision and instrument ids, not the version, so that a calendar that imported an earlier
//! run (or an earlier version of the instrument) updates the event instead of adding a second
//! one. DTSTAMP is the as-of date, so the same inputs give the same bytes. There is no
//! `METHOD`: the file is a plain calendar to import, not an iTIP message (RFC 5546 would then
//! require an `ORGANIZER` in every event, which strict consumers such as libical check).
//!
//! Nothing from the spec reaches a line unescaped: text values go through `escape`, which
//! also drops control characters, and the UID's ids are percent-encoded (whatever validated
//! them), so no carriage return or line feed in spec text can add a property or an event. A
//! timeline with no dated item has no event, and RFC 5545 requires a calendar to hold at least
//! one component: [`calendar`] refuses it rather than write a file calendar servers reject.
//!
//! The calendar's name (`X-WR-CALNAME`, and RFC 7986's `NAME`) says the instrument, the
//! version and, for an actor's view, the actors: "EO 1 (signed): deadlines for Parks". Each
//! event says when its information was last revised, from the spec and never the clock, so that
//! a calendar that imports a later run can tell the newer copy of an event: `DTSTAMP` is the
//! as-of date (the statuses are computed for it), and `LAST-MODIFIED` the latest date the spec
//! gives for what the event says: the version's date, the date of the status entry it shows or
//! that of the act that revoked the duty, whichever is latest (and never after the as-of
//! date). `SEQUENCE` is 0: the spec keeps no count of an event's revisions, and a number made
//! from the content (a hash) would not grow with each revision as RFC 5545 requires; with equal
//! sequence numbers, a consumer that follows RFC 5546 takes the copy with the later `DTSTAMP`.
//!
//! A recurring deadline is one event on its first occurrence with an `RRULE` (`FREQ`,
//! `INTERVAL` and, when it ends, a date `UNTIL`, as a `VALUE=DATE` start requires), and the
//! later occurrences the timeline lists are left to the rule. An instrument whose deadlines
//! roll to the next business day cannot be said in an `RRULE`, so there each listed
//! occurrence is an event of its own (its UID carries the date) and the description says that
//! the deadline recurs.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::compile::checklist::Checklist;
use crate::compile::timeline::{Entry, EntryRecurrence, Timeline};
use crate::text::unicode::visible;

/// A calendar was asked for a timeline with no dated item.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{}` (version `{}`) has no dated deadlines, so there is no calendar to write \
     (an iCalendar file must hold at least one event)",
    visible(instrument),
    visible(version)
)]
pub struct NoDatedEvents {
    /// The instrument's id.
    pub instrument: String,
    /// The version's id.
    pub version: String,
}

/// Escapes a TEXT value (RFC 5545, 3.3.11). A line break (LF, CRLF or a lone CR) becomes
/// `\n`; other control characters, which TEXT does not allow, are dropped (a tab is kept).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An id as it goes into a UID: characters outside `A-Z a-z 0-9 - . _ ~` percent-encoded.
fn uid_part(id: &str) -> String {
    crate::text::percent_encode(id, b"")
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

/// What a calendar may add to each event: the provision's address (`URL`) and a reminder
/// (`VALARM`).
#[derive(Clone, Debug, Default)]
pub struct Extras {
    /// Each provision's address by id, such as its page on a published site; an event whose
    /// provision has none gets no `URL`. Each must be a URI (see [`Extras::url`]).
    pub urls: std::collections::BTreeMap<String, String>,
    /// A reminder before each event.
    pub alarm: Option<Alarm>,
}

/// A reminder some days or weeks before an event (RFC 5545 durations have no months).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alarm {
    count: u32,
    weeks: bool,
}

impl Alarm {
    /// The longest reminder accepted, in days.
    pub const MAX_DAYS: u32 = 3660;

    /// Reads `7d` or `2w`: a whole number of days or weeks, at most [`Alarm::MAX_DAYS`].
    pub fn parse(text: &str) -> Result<Alarm, String> {
        let shown: String = text.escape_debug().collect();
        let (digits, weeks) = match text.as_bytes().last() {
            Some(b'd') => (&text[..text.len() - 1], false),
            Some(b'w') => (&text[..text.len() - 1], true),
            _ => {
                return Err(format!(
                    "`{shown}` is not a reminder: write a number of days or weeks, such as 7d or 2w"
                ));
            }
        };
        let count: u32 = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
            .ok_or_else(|| {
                format!(
                    "`{shown}` is not a reminder: write a number of days or weeks, such as 7d or 2w"
                )
            })?;
        let days = if weeks {
            count.saturating_mul(7)
        } else {
            count
        };
        if days > Self::MAX_DAYS {
            return Err(format!(
                "`{shown}` is too long a reminder: at most {} days",
                Self::MAX_DAYS
            ));
        }
        Ok(Alarm { count, weeks })
    }

    /// The trigger, a negative duration: `-P7D`, `-P2W`.
    fn trigger(self) -> String {
        format!("-P{}{}", self.count, if self.weeks { 'W' } else { 'D' })
    }
}

impl Extras {
    /// Whether `url` can go into a `URL` property as it is: printable ASCII with no space,
    /// quote, angle bracket or backslash, so that no spec text or control character can end
    /// the line.
    pub fn url(url: &str) -> bool {
        !url.is_empty()
            && url
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'`'))
    }
}

/// Writes the calendar; a timeline with no dated item is refused (see the module comment).
pub fn calendar(timeline: &Timeline) -> Result<String, NoDatedEvents> {
    calendar_with(timeline, &Extras::default())
}

/// Writes the calendar with each event's address and a reminder, as `extras` give them. Its
/// name has no actor and each event's `LAST-MODIFIED` is the version's date, since a timeline
/// does not say which actors it was filtered to or which status entries it shows; a calendar
/// of a [`Checklist`] ([`checklist_calendar`]) says both.
pub fn calendar_with(timeline: &Timeline, extras: &Extras) -> Result<String, NoDatedEvents> {
    write(timeline, extras, &[], &|_| None)
}

/// Writes the calendar of a checklist's timeline: named for the checklist's actors, and with
/// each event's `LAST-MODIFIED` from the status entry the checklist shows for it (or the act
/// that revoked it, if later).
pub fn checklist_calendar(checklist: &Checklist, extras: &Extras) -> Result<String, NoDatedEvents> {
    let timeline = crate::compile::timeline::build(checklist);
    let actors: Vec<&str> = checklist
        .actors
        .iter()
        .map(|a| a.actor.short.as_str())
        .collect();
    // The dates of the status entry and of the act that ended the duty, which the status says.
    let revised: std::collections::BTreeMap<&str, NaiveDate> = checklist
        .items
        .iter()
        .filter_map(|i| {
            let evidence = i.evidence.as_ref().and_then(|e| e.as_of.parse().ok());
            let revoked = i.revoked.as_ref().and_then(|r| r.date.parse().ok());
            Some((i.id.as_str(), evidence.max(revoked)?))
        })
        .collect();
    write(&timeline, extras, &actors, &|id| revised.get(id).copied())
}

/// The calendar's name: "EO 1 (signed): deadlines", with "for A and B" for an actor's view.
fn calendar_name(timeline: &Timeline, actors: &[&str]) -> String {
    let mut name = format!(
        "{} ({}): deadlines",
        timeline.instrument.short_title, timeline.version.id
    );
    match actors {
        [] => {}
        [one] => {
            let _ = write!(name, " for {one}");
        }
        [init @ .., last] => {
            let _ = write!(name, " for {} and {last}", init.join(", "));
        }
    }
    name
}

/// A date as a UTC DATE-TIME at midnight, as `DTSTAMP` and `LAST-MODIFIED` take it.
fn stamp(date: NaiveDate) -> String {
    format!("{}T000000Z", compact(date))
}

/// Writes the calendar; `evidence` gives the latest date of what a provision's status rests on.
fn write(
    timeline: &Timeline,
    extras: &Extras,
    actors: &[&str],
    evidence: &dyn Fn(&str) -> Option<NaiveDate>,
) -> Result<String, NoDatedEvents> {
    if !has_events(timeline) {
        return Err(NoDatedEvents {
            instrument: timeline.instrument.id.clone(),
            version: timeline.version.id.clone(),
        });
    }
    let mut out = String::new();
    let as_of = timeline.as_of.parse::<NaiveDate>().ok();
    let version_date = timeline.version.date.parse::<NaiveDate>().ok();
    let name = escape(&calendar_name(timeline, actors));
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
    line(&mut out, &format!("NAME:{name}"));
    line(&mut out, &format!("X-WR-CALNAME:{name}"));
    for event in &timeline.events {
        let Ok(date) = event.date.parse::<NaiveDate>() else {
            continue;
        };
        let next = date.checked_add_days(Days::new(1)).unwrap_or(date);
        for item in &event.items {
            let rule = item.recurrence.as_ref();
            // A later occurrence is the first one's RRULE, unless dates roll.
            if rule.is_some_and(|r| !r.first && !r.rolls) {
                continue;
            }
            let actors = item.actors.join(", ");
            let title = item.heading.as_deref().unwrap_or(item.action.as_str());
            let summary = format!(
                "{} {}: {title} ({actors})",
                timeline.instrument.short_title, item.reference
            );
            let mut description = String::new();
            // An event that recurs stands for the provision, so it says the provision's status.
            let status = match rule.filter(|r| !r.rolls) {
                Some(r) => match &r.counts_from {
                    Some(from) => format!("{} (the occurrence of {from})", r.item_status_words),
                    None => r.item_status_words.to_owned(),
                },
                None => item.status_words.to_owned(),
            };
            let _ = write!(
                description,
                "{}\nDue: {}\nStatus as of {}: {status}",
                item.action, item.rule, timeline.as_of
            );
            relations(&mut description, item);
            if let Some(r) = rule {
                let _ = write!(description, "\nRecurs {} from {}", r.words, r.first_date);
                if r.rolls {
                    description.push_str(
                        " (a date on a weekend or holiday moves to the next business day)",
                    );
                }
            }
            // Each listed occurrence of a rolling recurrence is its own event.
            let occurrence = match rule {
                Some(r) if r.rolls && !r.first => format!("-{}", compact(date)),
                _ => String::new(),
            };
            line(&mut out, "BEGIN:VEVENT");
            line(
                &mut out,
                &format!(
                    "UID:{}{occurrence}.{}@orderly",
                    uid_part(&item.id),
                    uid_part(&timeline.instrument.id)
                ),
            );
            if let Some(as_of) = as_of {
                line(&mut out, &format!("DTSTAMP:{}", stamp(as_of)));
            }
            // The latest date the spec gives for what the event says, up to the as-of date.
            let revised = version_date.max(evidence(&item.id));
            if let Some(revised) = revised.map(|r| as_of.map_or(r, |a| r.min(a))) {
                line(&mut out, &format!("LAST-MODIFIED:{}", stamp(revised)));
            }
            line(&mut out, "SEQUENCE:0");
            line(&mut out, &format!("DTSTART;VALUE=DATE:{}", compact(date)));
            line(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(next)));
            if let Some(r) = rule.filter(|r| !r.rolls) {
                line(&mut out, &rrule(r));
            }
            line(&mut out, &format!("SUMMARY:{}", escape(&summary)));
            line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
            if let Some(url) = extras.urls.get(&item.id).filter(|u| Extras::url(u)) {
                line(&mut out, &format!("URL:{url}"));
            }
            line(&mut out, "TRANSP:TRANSPARENT");
            if let Some(alarm) = extras.alarm {
                line(&mut out, "BEGIN:VALARM");
                line(&mut out, "ACTION:DISPLAY");
                line(&mut out, &format!("TRIGGER:{}", alarm.trigger()));
                line(&mut out, &format!("DESCRIPTION:{}", escape(&summary)));
                line(&mut out, "END:VALARM");
            }
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    Ok(out)
}

/// The `RRULE` line of a recurrence (RFC 5545, 3.3.10): its `UNTIL` is a date, as the
/// event's `VALUE=DATE` start requires.
fn rrule(r: &EntryRecurrence) -> String {
    let mut rule = format!("RRULE:FREQ={};INTERVAL={}", r.freq, r.interval);
    if let Some(until) = r.until.as_deref().and_then(|u| u.parse::<NaiveDate>().ok()) {
        let _ = write!(rule, ";UNTIL={}", compact(until));
    }
    rule
}

/// Whether the calendar of this timeline would hold an event.
pub fn has_events(timeline: &Timeline) -> bool {
    timeline
        .events
        .iter()
        .any(|e| !e.items.is_empty() && e.date.parse::<NaiveDate>().is_ok())
}

/// An entry's condition, relations, `through` and cross-references, one line each.
fn relations(description: &mut String, item: &Entry) {
    let mut add = |label: &str, text: String| {
        let _ = write!(description, "\n{label}: {text}");
    };
    if let Some(condition) = &item.condition {
        add("Condition", condition.clone());
    }
    if item.each {
        add("Falls on", "each lead separately".to_owned());
    }
    if !item.coordinates_with.is_empty() {
        add("In coordination with", item.coordinates_with.join(", "));
    }
    if !item.reports_to.is_empty() {
        add("Reports to", item.reports_to.join(", "));
    }
    if let Some(through) = &item.through {
        add("When it binds", through.clone());
    }
    if !item.refers_to.is_empty() {
        add("Refers to", item.refers_to.join("; "));
    }
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
        assert_eq!(escape("a\r\nb\rc\u{1b}[2J\u{85}d\te"), "a\\nb\\nc[2Jd\te");
    }

    #[test]
    fn alarms_read_days_and_weeks_only() {
        assert_eq!(Alarm::parse("7d").unwrap().trigger(), "-P7D");
        assert_eq!(Alarm::parse("2w").unwrap().trigger(), "-P2W");
        assert_eq!(Alarm::parse("0d").unwrap().trigger(), "-P0D");
        for bad in [
            "",
            "d",
            "7",
            "1m",
            "-7d",
            "+7d",
            "7 d",
            "7D",
            "99999999999d",
            "523w",
        ] {
            assert!(Alarm::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urls_that_could_break_a_line_are_left_out() {
        assert!(Extras::url(
            "https://example.org/eo/signed/provisions/a.html"
        ));
        assert!(!Extras::url("https://example.org/a\r\nEND:VEVENT"));
        assert!(!Extras::url("https://example.org/a b"));
        assert!(!Extras::url(""));
    }

    #[test]
    fn uid_parts_cannot_break_the_line() {
        assert_eq!(uid_part("x\r\nEND:VEVENT"), "x%0D%0AEND%3AVEVENT");
        assert_eq!(uid_part("sec-2.a_b~c"), "sec-2.a_b~c");
    }
}
