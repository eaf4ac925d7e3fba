//! The diff's wording: each field change and each provision change in plain words.

use std::collections::BTreeSet;

use serde_json::Value;

use super::SideCtx;
use super::fields::{Compare, FieldValue};
use super::redline::redline;
use super::report::{
    Change, ChangeClass, ChangeKind, FieldChange, Provenance, Redline, SegmentOp, Whole,
};
use crate::compile::views::{party, sources};
use crate::model::{
    Confidence, Disputable, Due, Field, FieldPath, Located, Period, Provision, anchor_name,
    split_through, through,
};

impl Compare<'_> {
    pub(super) fn describe(
        &self,
        field: FieldPath<'_>,
        old: Option<&FieldValue>,
        new: Option<&FieldValue>,
        old_p: &Provision,
        new_p: &Provision,
        (old_silent, new_silent): (bool, bool),
    ) -> String {
        let label = field.label();
        let (old_name, new_name) = (&self.old_label, &self.new_label);
        // A value a silent side has is the encoding's assumption.
        let assumed = |v: Option<&FieldValue>| match v {
            Some(v) if v.key != "unknown" => format!(" (assumed: {})", v.text),
            _ => String::new(),
        };
        if field == FieldPath::Field(Field::Each) && !old_silent && !new_silent {
            return if new.is_some_and(|v| v.key == true) {
                "now falls on each lead separately, not on the leads jointly".to_owned()
            } else {
                "now falls on the leads jointly, no longer on each separately".to_owned()
            };
        }
        if field == FieldPath::Field(Field::Through) && !old_silent && !new_silent {
            match (old, new) {
                (None, Some(n)) => return format!("now binds only once {}", n.text),
                (Some(o), None) => {
                    return format!("now binds of itself (it bound only once {})", o.text);
                }
                (Some(o), Some(n)) => {
                    return format!("now binds only once {} (was once {})", n.text, o.text);
                }
                (None, None) => {}
            }
        }
        match (old, new) {
            _ if old_silent && new_silent => {
                format!("{label} not reported in `{old_name}` or `{new_name}`")
            }
            (_, Some(n)) if old_silent => {
                format!(
                    "{label} not reported in `{old_name}`{}; `{new_name}` gives {}",
                    assumed(old),
                    n.text
                )
            }
            (Some(o), _) if new_silent => {
                format!(
                    "{label} was {} in `{old_name}`; not reported in `{new_name}`{}",
                    o.text,
                    assumed(new)
                )
            }
            (None, Some(n)) => format!("{label} added: {}", n.text),
            (Some(o), None) => format!("{label} removed (was {})", o.text),
            (None, None) => format!("{label} changed"),
            (Some(o), Some(n)) => {
                if !o.readings.is_empty() || !n.readings.is_empty() {
                    return format!("{label} was {}; now {}", o.text, n.text);
                }
                if let Some(words) = period_change(&label, old_p, new_p, field) {
                    return words;
                }
                let FieldPath::Field(field) = field else {
                    return format!("{label} changed from {} to {}", o.text, n.text);
                };
                match field {
                    Field::Action => "the encoding's summary reworded".to_owned(),
                    Field::Heading => {
                        format!("heading changed from \"{}\" to \"{}\"", o.text, n.text)
                    }
                    Field::Text => "official text changed".to_owned(),
                    Field::Ref => format!("renumbered from {} to {}", o.text, n.text),
                    Field::Notes => "notes changed".to_owned(),
                    Field::Sources | Field::Terms => {
                        set_change(&label, &o.key, &n.key, &|id| id.to_owned())
                    }
                    Field::Consults | Field::CoordinatesWith | Field::ReportsTo => {
                        set_change(&label, &o.key, &n.key, &|id| party(self.actors, id).short)
                    }
                    Field::Condition => {
                        format!("condition changed from \"{}\" to \"{}\"", o.text, n.text)
                    }
                    Field::ActingThrough => set_change(&label, &o.key, &n.key, &|entry| {
                        let (a, b) = split_through(entry);
                        through(&party(self.actors, a).short, &party(self.actors, b).short)
                    }),
                    _ => format!("{label} changed from {} to {}", o.text, n.text),
                }
            }
        }
    }

    pub(super) fn change(
        &self,
        kind: ChangeKind,
        old: Option<&Located<Provision>>,
        new: Option<&Located<Provision>>,
        fields: Vec<FieldChange>,
    ) -> Change {
        let either = new.or(old).map(|p| &p.value);
        let heading = either.and_then(|p| p.heading.clone());
        let title = either.map(title_of).unwrap_or_default();
        let (old_name, new_name) = (&self.old_label, &self.new_label);
        let class = provision_class(kind, self.old.reported(), self.new.reported(), &fields);
        // The description names every material change (they are few), else the first field.
        let material: Vec<&str> = fields
            .iter()
            .filter(|f| f.material)
            .map(|f| f.description.as_str())
            .collect();
        let summary = if material.is_empty() {
            fields.first().map(|f| f.description.clone())
        } else {
            Some(material.join("; "))
        };
        // A removed provision that rested on one low-confidence report in a reported version
        // is not carried into the new one, which is not known to be a removal.
        let not_carried = kind == ChangeKind::Removed
            && self.old.reported()
            && old.is_some_and(|p| one_weak_report(p.confidence, p.sources.len()));
        let first = summary
            .as_ref()
            .map(|words| (fields[0].field.as_str(), words));
        let description = match kind {
            ChangeKind::Added if class == ChangeClass::NotReported => {
                format!(
                    "{title}: not reported in `{old_name}` (the reporting may not have described it)"
                )
            }
            ChangeKind::Added => format!("{title}: added"),
            ChangeKind::Removed if class == ChangeClass::NotReported => {
                format!(
                    "{title}: not reported in `{new_name}` (the reporting may not have described it)"
                )
            }
            ChangeKind::Removed if not_carried => {
                format!("{title}: not carried into `{new_name}` (one low-confidence report)")
            }
            ChangeKind::Removed => format!("{title}: removed"),
            ChangeKind::Renamed => {
                let old_id = old.map_or("", |p| p.id.as_str());
                let new_id = new.map_or("", |p| p.id.as_str());
                match first {
                    Some((_, words)) => {
                        format!("{title}: renamed from `{old_id}` to `{new_id}`; {words}")
                    }
                    None => format!("{title}: renamed from `{old_id}` to `{new_id}`"),
                }
            }
            ChangeKind::Moved => {
                let from = old.map_or(String::new(), |p| p.reference.clone());
                let to = new.map_or(String::new(), |p| p.reference.clone());
                let place = if from == to {
                    "moved to another section".to_owned()
                } else {
                    format!("moved from {from} to {to}")
                };
                match first.filter(|(field, _)| *field != Field::Ref.name()) {
                    Some((_, words)) => format!("{title}: {place}; {words}"),
                    None => format!("{title}: {place}"),
                }
            }
            ChangeKind::Changed => match first {
                Some((_, words)) => format!("{title}: {words}"),
                None => format!("{title}: changed"),
            },
        };
        let redline = match (old, new) {
            (Some(o), Some(n)) => [
                // The instrument's own words before the encoding's summary.
                ("heading", o.heading.as_deref(), n.heading.as_deref()),
                ("text", o.text.as_deref(), n.text.as_deref()),
                ("action", Some(o.action.as_str()), Some(n.action.as_str())),
            ]
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .map(|(field, a, b)| Redline {
                field: field.to_owned(),
                segments: redline(a.unwrap_or_default(), b.unwrap_or_default()),
            })
            .collect(),
            _ => Vec::new(),
        };
        // A provision in one version only is shown whole: its summary and official text,
        // marked as inserted or deleted only where that is a reported difference.
        let known = class == ChangeClass::ReportedDifference && !not_carried;
        let whole = match (old, new) {
            (Some(p), None) => Some((p, "old", SegmentOp::Delete)),
            (None, Some(p)) => Some((p, "new", SegmentOp::Insert)),
            _ => None,
        }
        .map(|(p, side, mark)| Whole {
            side,
            mark: known.then_some(mark),
            action: p.action.clone(),
            text: p.text.clone(),
        });
        let basis = |side: &SideCtx<'_>| side.basis.as_str();
        Change {
            id: either.map(|p| p.id.clone()).unwrap_or_default(),
            kind,
            class,
            material: class.material(),
            description,
            old_id: old.map(|p| p.id.clone()),
            new_id: new.map(|p| p.id.clone()),
            old_ref: old.map(|p| p.reference.clone()),
            new_ref: new.map(|p| p.reference.clone()),
            heading,
            fields,
            redline,
            whole,
            provenance: Provenance {
                old_basis: basis(self.old),
                new_basis: basis(self.new),
                old_confidence: old.map(|p| p.confidence.as_str()),
                new_confidence: new.map(|p| p.confidence.as_str()),
                old_inferred: old.map(inferred_words).unwrap_or_default(),
                new_inferred: new.map(inferred_words).unwrap_or_default(),
                old_sources: old
                    .map(|p| sources(self.old.instrument, &p.sources))
                    .unwrap_or_default(),
                new_sources: new
                    .map(|p| sources(self.new.instrument, &p.sources))
                    .unwrap_or_default(),
            },
            split_into: Vec::new(),
            split_from: None,
            merged_from: Vec::new(),
            merged_into: None,
        }
    }
}

/// What the diff knows of a provision's change: an added or removed provision is not reported
/// if the version it is missing from is known only from reporting, and a reported difference
/// otherwise; a matched one takes its most significant field's class (editorial if none).
pub(super) fn provision_class(
    kind: ChangeKind,
    old_reported: bool,
    new_reported: bool,
    fields: &[FieldChange],
) -> ChangeClass {
    match kind {
        ChangeKind::Added if old_reported => ChangeClass::NotReported,
        ChangeKind::Removed if new_reported => ChangeClass::NotReported,
        ChangeKind::Added | ChangeKind::Removed => ChangeClass::ReportedDifference,
        ChangeKind::Changed | ChangeKind::Renamed | ChangeKind::Moved => fields
            .iter()
            .map(|f| f.class)
            .min()
            .unwrap_or(ChangeClass::Editorial),
    }
}

/// Whether a provision or term rests on one low-confidence report: low confidence and at most
/// one source, which alone does not make it removed from the other version.
pub(super) fn one_weak_report(confidence: Confidence, sources: usize) -> bool {
    confidence == Confidence::Low && sources <= 1
}

/// "added X; removed Y" for fields whose key is a list of ids (or of `a through b` pairs).
fn set_change(label: &str, old: &Value, new: &Value, name: &dyn Fn(&str) -> String) -> String {
    let list = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (o, n) = (list(old), list(new));
    let names = |items: Vec<&String>| items.iter().map(|s| name(s)).collect::<Vec<_>>().join(", ");
    let added: Vec<&String> = n.difference(&o).collect();
    let removed: Vec<&String> = o.difference(&n).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", names(added)));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", names(removed)));
    }
    if parts.is_empty() {
        format!("{label} reordered")
    } else {
        format!("{label}: {}", parts.join("; "))
    }
}

/// "access window shortened from 90 days to 30 days", "deadline moved 30 days later".
fn period_change(
    label: &str,
    old: &Provision,
    new: &Provision,
    field: FieldPath<'_>,
) -> Option<String> {
    if field == FieldPath::Field(Field::Due) {
        let (
            Some(Disputable::Settled(Due::Within { period: a, of: x })),
            Some(Disputable::Settled(Due::Within { period: b, of: y })),
        ) = (&old.due, &new.due)
        else {
            return None;
        };
        if a.unit != b.unit || x != y {
            return None;
        }
        let delta = b.count - a.count;
        let moved = Period {
            count: delta.abs(),
            unit: a.unit,
        };
        let way = if delta > 0 { "later" } else { "earlier" };
        return Some(format!(
            "deadline moved {moved} {way} ({a} → {b} after the {})",
            anchor_name(x)
        ));
    }
    let FieldPath::Parameter(name) = field else {
        return None;
    };
    let as_period = |p: &Provision| -> Option<Period> {
        let text = p.parameters.get(name)?.settled()?.as_str()?.to_owned();
        Period::try_from(text).ok()
    };
    let (a, b) = (as_period(old)?, as_period(new)?);
    if a.unit != b.unit {
        return None;
    }
    let way = if b.count < a.count {
        "shortened"
    } else {
        "lengthened"
    };
    Some(format!("{label} {way} from {a} to {b}"))
}

/// "3(b) Annual report": number and heading.
pub(super) fn title_of(p: &Provision) -> String {
    match &p.heading {
        Some(heading) => format!("{} {heading}", p.reference),
        None => p.reference.clone(),
    }
}

pub(super) fn ticked(ids: &[String]) -> String {
    crate::text::list_ticked(ids, "and")
}

/// A provision's inferred fields in the fields' words ("acts through", not `acting_through`).
fn inferred_words(p: &Located<Provision>) -> Vec<String> {
    p.inferred
        .iter()
        .map(|name| {
            Field::ALL
                .iter()
                .find(|f| f.name() == name)
                .map_or_else(|| name.clone(), |f| f.label().to_owned())
        })
        .collect()
}
