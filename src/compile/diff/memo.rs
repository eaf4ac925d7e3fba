//! The memo a reader reads first: each material change in one line with its confidence and
//! the evidence behind it, then one line for what the reporting did not cover.

use std::fmt::Write as _;

use super::report::{Change, ChangeClass, ChangeKind, Compared, FieldChange, Memo, MemoPoint};
use crate::compile::views::DisputedReading;
use crate::model::{Confidence, Field};
use crate::text::count;

/// The memo of `changes` (sorted, material first) between versions labelled `old` and `new`.
pub(super) fn memo(
    changes: &[Change],
    (old, new): (&str, &str),
    reported: bool,
    compares: Compared,
) -> Memo {
    let points = changes
        .iter()
        .filter(|c| c.material)
        .map(|c| point(c, old, new))
        .collect();
    let mut provisions = 0;
    let mut fields = 0;
    for c in changes {
        if matches!(c.kind, ChangeKind::Added | ChangeKind::Removed)
            && c.class == ChangeClass::NotReported
        {
            provisions += 1;
        }
        fields += c
            .fields
            .iter()
            .filter(|f| f.class == ChangeClass::NotReported)
            .count();
    }
    let not_covered = (provisions + fields > 0).then(|| {
        let mut parts = Vec::new();
        if provisions > 0 {
            parts.push(count(provisions, "provision"));
        }
        if fields > 0 {
            parts.push(format!(
                "{} of provisions found in both",
                count(fields, "field")
            ));
        }
        format!(
            "The reporting does not cover {}; they are listed under \"Not reported\" and are not counted as changes.",
            parts.join(" and ")
        )
    });
    let editorial = editorial_line(changes);
    Memo {
        reported,
        compares,
        points,
        not_covered,
        editorial,
    }
}

/// "2 provisions differ only in their number, and in the encoding's summary and sources."
fn editorial_line(changes: &[Change]) -> Option<String> {
    let editorial: Vec<&Change> = changes
        .iter()
        .filter(|c| c.class == ChangeClass::Editorial)
        .collect();
    if editorial.is_empty() {
        return None;
    }
    let (mut instrument, mut encoding): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for f in editorial.iter().flat_map(|c| &c.fields) {
        let list = if f.encoding {
            &mut encoding
        } else {
            &mut instrument
        };
        if !list.contains(&f.label.as_str()) {
            list.push(&f.label);
        }
    }
    let n = editorial.len();
    let mut what = Vec::new();
    if !instrument.is_empty() {
        let their = if n == 1 { "its" } else { "their" };
        what.push(format!("{their} {}", and_list(&instrument)));
    }
    if !encoding.is_empty() {
        what.push(format!("the encoding's {}", and_list(&encoding)));
    }
    let differ = if n == 1 { "differs" } else { "differ" };
    let what = if what.is_empty() {
        // Moved or renamed with no field changed.
        if n == 1 {
            "where it sits or its id".to_owned()
        } else {
            "where they sit or their ids".to_owned()
        }
    } else {
        what.join(", and in ")
    };
    Some(format!(
        "{} {differ} only in {what}.",
        count(n, "provision")
    ))
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// One material change in a line: what changed, how sure, and on what evidence.
fn point(c: &Change, old: &str, new: &str) -> MemoPoint {
    let title = match (&c.new_ref.as_ref().or(c.old_ref.as_ref()), &c.heading) {
        (Some(r), Some(h)) => format!("{r} {h}"),
        (Some(r), None) => (*r).clone(),
        (None, Some(h)) => h.clone(),
        (None, None) => c.id.clone(),
    };
    let material: Vec<&FieldChange> = c.fields.iter().filter(|f| f.material).collect();
    let what = match material.split_first() {
        Some((first, rest)) => {
            let mut words = if first.class == ChangeClass::Disputed {
                disputed(first, old, new)
            } else {
                first.description.clone()
            };
            for (class, also) in [
                (ChangeClass::ReportedDifference, "also changed"),
                (ChangeClass::Disputed, "also disputed"),
            ] {
                let labels: Vec<&str> = rest
                    .iter()
                    .filter(|f| f.class == class)
                    .map(|f| f.label.as_str())
                    .collect();
                if !labels.is_empty() {
                    let _ = write!(words, "; {also}: {}", labels.join(", "));
                }
            }
            match where_to(c) {
                Some(place) => format!("{place}; {words}"),
                None => words,
            }
        }
        // An added or removed provision: its description after the title.
        None => c
            .description
            .split_once(": ")
            .map_or(c.description.clone(), |(_, rest)| rest.to_owned()),
    };
    let p = &c.provenance;
    let confidence = match (p.old_confidence, p.new_confidence) {
        (Some(a), Some(b)) => weaker(a, b),
        (a, b) => a.or(b).unwrap_or("none"),
    };
    let side = |label: &str, basis: &str, conf: Option<&str>, sources: usize| match conf {
        None => format!("`{label}` ({basis}) does not have it"),
        Some(conf) => format!(
            "`{label}` ({basis}): {conf} confidence, {}",
            count(sources, "source")
        ),
    };
    let sides = [
        side(old, p.old_basis, p.old_confidence, p.old_sources.len()),
        side(new, p.new_basis, p.new_confidence, p.new_sources.len()),
    ];
    // When the change itself is a dispute, how the sources split.
    let mut why: Vec<String> = Vec::new();
    if let Some(f) = material
        .first()
        .filter(|f| f.class == ChangeClass::Disputed)
    {
        for (label, readings) in [(old, &f.old_readings), (new, &f.new_readings)] {
            if !readings.is_empty() {
                why.push(format!(
                    "Sources on `{label}` disagree: {}",
                    readings_text(readings)
                ));
            }
        }
    }
    why.extend(sides);
    let why = why.join("; ");
    let mut first = why.chars();
    let why = first.next().map_or(String::new(), |c| {
        c.to_uppercase().chain(first).collect::<String>()
    });
    MemoPoint {
        id: c.id.clone(),
        title,
        what,
        confidence: confidence.to_owned(),
        why: format!("{why}."),
    }
}

/// For a renamed or moved provision, where it went.
fn where_to(c: &Change) -> Option<String> {
    let or_none = |s: &Option<String>| s.clone().unwrap_or_default();
    match c.kind {
        ChangeKind::Renamed => Some(format!(
            "renamed from `{}` to `{}`",
            or_none(&c.old_id),
            or_none(&c.new_id)
        )),
        ChangeKind::Moved if c.old_ref != c.new_ref => Some(format!(
            "moved from {} to {}",
            or_none(&c.old_ref),
            or_none(&c.new_ref)
        )),
        ChangeKind::Moved => Some("moved to another section".to_owned()),
        ChangeKind::Added | ChangeKind::Removed | ChangeKind::Changed => None,
    }
}

/// A disputed field in a few words; the readings go to the evidence.
fn disputed(f: &FieldChange, old: &str, new: &str) -> String {
    let (side, other, value) = match (f.old_readings.is_empty(), f.new_readings.is_empty()) {
        (false, false) => return format!("{} disputed in `{old}` and in `{new}`", f.label),
        (false, true) => (old, new, &f.new),
        (true, _) => (new, old, &f.old),
    };
    let value = value.as_deref().unwrap_or("none");
    if f.field == Field::Presence.name() {
        let has = if value == "absent" {
            "does not have it"
        } else {
            "has it"
        };
        format!("whether `{side}` had it at all is disputed; `{other}` {has}")
    } else {
        format!("{} disputed in `{side}`; `{other}` gives {value}", f.label)
    }
}

/// "3 sources say present (medium confidence), 2 say absent (low confidence)".
fn readings_text(readings: &[DisputedReading]) -> String {
    readings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n = r.sources.len();
            let who = match (i, n) {
                (0, _) => count(n, "source"),
                _ => n.to_string(),
            };
            let say = if n == 1 { "says" } else { "say" };
            format!("{who} {say} {} ({} confidence)", r.value, r.confidence)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The less certain of two confidences (as words).
fn weaker(a: &'static str, b: &'static str) -> &'static str {
    let parse = |word: &str| {
        [Confidence::High, Confidence::Medium, Confidence::Low]
            .into_iter()
            .find(|c| c.as_str() == word)
    };
    parse(a).max(parse(b)).map_or(a, Confidence::as_str)
}
