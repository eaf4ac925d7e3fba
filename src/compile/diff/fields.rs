//! A provision's fields as the diff compares them: each field's value as a key for equality
//! and in words, and the changed fields of a matched pair.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::SideCtx;
use super::report::{ChangeClass, FieldChange};
use crate::compile::views::{DisputedReading, due_words, party, sources, value_words};
use crate::model::{
    Actor, Disputable, Due, Field, FieldPath, Provision, Reading, Reference, Registry, SourceRef,
    Target, through,
};

/// A field's value, for comparing and for showing.
#[derive(Clone, Debug)]
pub(super) struct FieldValue {
    /// What equality compares.
    pub(super) key: Value,
    /// The value in words.
    pub(super) text: String,
    /// The readings, if disputed.
    pub(super) readings: Vec<DisputedReading>,
}

pub(super) fn disputable_key<T>(d: &Disputable<T>, key: impl Fn(&T) -> Value) -> Value {
    match d {
        Disputable::Settled(v) => key(v),
        Disputable::Disputed(d) => {
            json!({ "disputed": d.disputed.iter().map(|r| key(&r.reading)).collect::<Vec<_>>() })
        }
    }
}

pub(super) struct Compare<'a> {
    pub(super) actors: &'a Registry<Actor>,
    pub(super) old_label: String,
    pub(super) new_label: String,
    pub(super) old: &'a SideCtx<'a>,
    pub(super) new: &'a SideCtx<'a>,
    pub(super) renamed: &'a HashMap<&'a str, &'a str>,
}

impl Compare<'_> {
    pub(super) fn readings<T>(
        side: &SideCtx<'_>,
        readings: &[Reading<T>],
        words: &dyn Fn(&T) -> String,
    ) -> Vec<DisputedReading> {
        readings
            .iter()
            .map(|r| DisputedReading {
                value: words(&r.reading),
                confidence: r.confidence.as_str(),
                sources: sources(side.instrument, &r.sources),
                notes: r.notes.clone(),
            })
            .collect()
    }

    pub(super) fn disputable<T>(
        side: &SideCtx<'_>,
        d: Option<&Disputable<T>>,
        key: &dyn Fn(&T) -> Value,
        words: &dyn Fn(&T) -> String,
    ) -> Option<FieldValue> {
        let d = d?;
        Some(match d {
            Disputable::Settled(v) => FieldValue {
                key: key(v),
                text: words(v),
                readings: Vec::new(),
            },
            Disputable::Disputed(inner) => {
                let readings = Self::readings(side, &inner.disputed, words);
                FieldValue {
                    key: disputable_key(d, key),
                    text: disputed_text(&readings),
                    readings,
                }
            }
        })
    }

    pub(super) fn plain(text: Option<String>) -> Option<FieldValue> {
        text.map(|t| FieldValue {
            key: Value::String(t.clone()),
            text: t,
            readings: Vec::new(),
        })
    }

    pub(super) fn names(&self, ids: &[&str]) -> String {
        ids.iter()
            .map(|id| party(self.actors, id).short)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An old provision id as the new version calls it.
    pub(super) fn new_id<'s>(&'s self, id: &'s str) -> &'s str {
        self.renamed.get(id).copied().unwrap_or(id)
    }

    /// Every compared field of a provision that it has (each parameter on its own), in the
    /// order of the [`Field`] table, with its value.
    pub(super) fn values<'p>(
        &self,
        side: &SideCtx<'_>,
        p: &'p Provision,
        is_old: bool,
    ) -> Vec<(FieldPath<'p>, Option<FieldValue>)> {
        let map_id = |id: &str| -> String {
            if is_old {
                self.new_id(id).to_owned()
            } else {
                id.to_owned()
            }
        };
        let anchors = crate::compile::views::anchors(side.instrument, side.version);
        let due_key = |d: &Due| match (d.first(), d.recurrence()) {
            (Due::Within { period, of }, None) => {
                json!({ "within": period.to_string(), "of": map_id(of) })
            }
            (Due::Within { period, of }, Some(r)) => json!({
                "within": period.to_string(),
                "of": map_id(of),
                "every": r.every.to_string(),
                "until": r.until.as_ref().map(crate::model::Date::as_str),
            }),
            _ => json!(due_words(d, &anchors)),
        };
        let due_text = |d: &Due| due_words(d, &anchors);
        let actor_words = |a: &crate::model::Actors| self.names(&a.ids());
        let mut out = Vec::new();
        for &field in Field::ALL {
            let value = match field {
                Field::Kind => Self::plain(Some(p.kind.as_str().to_owned())),
                Field::Modality => {
                    Self::disputable(side, Some(&p.modality), &|m| json!(m.as_str()), &|m| {
                        m.as_str().to_owned()
                    })
                }
                Field::Binding => {
                    Self::disputable(side, p.binding.as_ref(), &|b| json!(b.as_str()), &|b| {
                        b.as_str().to_owned()
                    })
                }
                Field::Actor => {
                    Self::disputable(side, p.actor.as_ref(), &|a| json!(a.ids()), &actor_words)
                }
                Field::ActingThrough => Self::disputable(
                    side,
                    p.acting_through.as_ref(),
                    &|m| json!(m.iter().map(|(a, b)| through(a, b)).collect::<Vec<_>>()),
                    &|m| {
                        m.iter()
                            .map(|(a, b)| {
                                through(&party(self.actors, a).short, &party(self.actors, b).short)
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
                Field::Consults => {
                    Self::disputable(side, p.consults.as_ref(), &|c| json!(c), &|c| {
                        self.names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                    })
                }
                Field::CoordinatesWith => {
                    Self::disputable(side, p.coordinates_with.as_ref(), &|c| json!(c), &|c| {
                        self.names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                    })
                }
                Field::ReportsTo => {
                    Self::disputable(side, p.reports_to.as_ref(), &|c| json!(c), &|c| {
                        self.names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                    })
                }
                // Always settled: a duty not written `each: true` falls on its leads jointly.
                Field::Each => Some(FieldValue {
                    key: json!(p.each),
                    text: if p.each {
                        "each lead separately"
                    } else {
                        "the leads jointly"
                    }
                    .to_owned(),
                    readings: Vec::new(),
                }),
                Field::Through => p.through.as_deref().map(|id| FieldValue {
                    key: json!(map_id(id)),
                    text: format!("`{id}` is done"),
                    readings: Vec::new(),
                }),
                Field::Condition => Self::plain(p.condition.clone()),
                Field::Due => Self::disputable(side, p.due.as_ref(), &due_key, &due_text),
                Field::Parameters => {
                    for (name, value) in &p.parameters {
                        out.push((
                            FieldPath::Parameter(name),
                            Self::disputable(side, Some(value), &|v| v.clone(), &value_words),
                        ));
                    }
                    continue;
                }
                Field::Presence => {
                    let Some(presence) = &p.presence else {
                        continue;
                    };
                    let readings =
                        Self::readings(side, &presence.disputed, &|r: &crate::model::Presence| {
                            r.as_str().to_owned()
                        });
                    Some(FieldValue {
                        key: json!("disputed"),
                        text: disputed_text(&readings),
                        readings,
                    })
                }
                Field::Ref => Self::plain(Some(p.reference.clone())),
                Field::Parent => Self::plain(p.parent.as_deref().map(map_id)),
                Field::Heading => Self::plain(p.heading.clone()),
                Field::Action => Self::plain(Some(p.action.clone())),
                Field::Text => Self::plain(p.text.clone()),
                Field::Terms => (!p.terms.is_empty()).then(|| FieldValue {
                    key: json!(p.terms),
                    text: p.terms.join(", "),
                    readings: Vec::new(),
                }),
                Field::RefersTo => refers_to_value(&p.refers_to, &map_id),
                Field::Sources => source_value(&p.sources),
                Field::Notes => Self::plain(p.notes.clone()),
                Field::Id
                | Field::Confidence
                | Field::Inferred
                | Field::Status
                | Field::Acknowledge
                | Field::RevokedBy
                | Field::SupersededBy
                | Field::AmendedBy => {
                    continue;
                }
            };
            out.push((FieldPath::Field(field), value));
        }
        out
    }

    /// Whether two provisions agree on every compared field, so that [`Compare::fields`] would
    /// find nothing. A cheap test on the model that spares putting every field of every
    /// unchanged provision into words; it may answer `false` for provisions that differ only in
    /// what the comparison ignores (a reading's sources), and then `fields` decides.
    pub(super) fn unchanged(&self, old: &Provision, new: &Provision) -> bool {
        // Every field, so that a new one is a compile error here until it is compared (or
        // named as not compared, as in the `Field` table).
        let Provision {
            id: _,
            reference,
            parent,
            heading,
            kind,
            modality,
            binding,
            actor,
            acting_through,
            consults,
            coordinates_with,
            reports_to,
            each,
            through: through_id,
            condition,
            refers_to,
            action,
            due,
            parameters,
            terms,
            sources,
            confidence: _,
            inferred: _,
            presence,
            text,
            notes,
            status: _,
            acknowledge: _,
            revoked_by: _,
            superseded_by: _,
            amended_by: _,
        } = old;
        // A reference to a renamed provision reads differently across the versions.
        let not_renamed = |id: &str| self.new_id(id) == id;
        let dues_not_renamed = due.as_ref().is_none_or(|due| {
            due.values().all(|d| match d.first() {
                Due::Within { of, .. } => not_renamed(of),
                Due::Ongoing | Due::Unknown | Due::None | Due::On(_) | Due::Recurring(_) => true,
            })
        });
        presence.is_none()
            && new.presence.is_none()
            && *kind == new.kind
            && *modality == new.modality
            && *binding == new.binding
            && *actor == new.actor
            && *acting_through == new.acting_through
            && *consults == new.consults
            && *coordinates_with == new.coordinates_with
            && *reports_to == new.reports_to
            && *each == new.each
            && *through_id == new.through
            && through_id.as_deref().is_none_or(not_renamed)
            && *condition == new.condition
            && *refers_to == new.refers_to
            && refers_to.iter().all(|r| match &r.target {
                Target::Provision {
                    instrument: None,
                    id,
                } => not_renamed(id),
                _ => true,
            })
            && *due == new.due
            && dues_not_renamed
            && *parameters == new.parameters
            && *reference == new.reference
            && *parent == new.parent
            && parent.as_deref().is_none_or(not_renamed)
            && *heading == new.heading
            && *action == new.action
            && *text == new.text
            && *terms == new.terms
            && *sources == new.sources
            && *notes == new.notes
    }

    /// The fields that changed, most significant first.
    pub(super) fn fields(&self, old: &Provision, new: &Provision) -> Vec<FieldChange> {
        if self.unchanged(old, new) {
            return Vec::new();
        }
        self.compare_fields(old, new)
    }

    /// The fields that changed, found by comparing each field in words.
    pub(super) fn compare_fields(&self, old: &Provision, new: &Provision) -> Vec<FieldChange> {
        let mut olds = self.values(self.old, old, true);
        let mut news = self.values(self.new, new, false);
        // A field only one side has.
        for (path, _) in &news {
            if !olds.iter().any(|(p, _)| p == path) {
                olds.push((*path, None));
            }
        }
        let presence = FieldPath::Field(Field::Presence);
        let mut out = Vec::new();
        for (path, old_value) in olds {
            // Each field is listed once, so its new value can be taken rather than copied.
            let new_value = news
                .iter_mut()
                .find(|(p, _)| *p == path)
                .and_then(|(_, v)| v.take());
            // The presence dispute is a finding about the old version even when the new one
            // has no dispute: the provision's being there at all is the change.
            let presence_dispute = path == presence && old_value.is_some() != new_value.is_some();
            if old_value.as_ref().map(|v| &v.key) == new_value.as_ref().map(|v| &v.key)
                && !presence_dispute
            {
                continue;
            }
            let silent = |value: &Option<FieldValue>, side: &SideCtx<'_>, p: &Provision| {
                side.reported() && silent(path, value.as_ref(), p)
            };
            let (old_silent, new_silent) = (
                silent(&old_value, self.old, old),
                silent(&new_value, self.new, new),
            );
            let class = classify(
                path.material(),
                old_value.as_ref(),
                new_value.as_ref(),
                old_silent,
                new_silent,
            );
            let not_reported = class == ChangeClass::NotReported;
            if path == presence {
                out.push(self.presence_change(old_value, new_value));
                continue;
            }
            let disputed = old_value.as_ref().is_some_and(|v| !v.readings.is_empty())
                || new_value.as_ref().is_some_and(|v| !v.readings.is_empty());
            let description = self.describe(
                path,
                old_value.as_ref(),
                new_value.as_ref(),
                old,
                new,
                (not_reported && old_silent, not_reported && new_silent),
            );
            out.push(FieldChange {
                field: path.name(),
                label: path.label(),
                class,
                old: old_value.as_ref().map(|v| v.text.clone()),
                new: new_value.as_ref().map(|v| v.text.clone()),
                material: class.material(),
                encoding: path.of_the_encoding(),
                description,
                disputed,
                not_reported,
                old_readings: old_value.map(|v| v.readings).unwrap_or_default(),
                new_readings: new_value.map(|v| v.readings).unwrap_or_default(),
            });
        }
        out.sort_by_key(|f| f.class);
        out
    }

    pub(super) fn presence_change(
        &self,
        old: Option<FieldValue>,
        new: Option<FieldValue>,
    ) -> FieldChange {
        let (side, value) = match (&old, &new) {
            (Some(v), _) => (&self.old_label, v),
            (None, Some(v)) => (&self.new_label, v),
            (None, None) => (
                &self.old_label,
                &FieldValue {
                    key: Value::Null,
                    text: String::new(),
                    readings: Vec::new(),
                },
            ),
        };
        // A version that has the provision with no dispute over its presence has it.
        let present = |v: &Option<FieldValue>| {
            Some(
                v.as_ref()
                    .map_or_else(|| "present".to_owned(), |v| v.text.clone()),
            )
        };
        FieldChange {
            field: Field::Presence.name().to_owned(),
            label: Field::Presence.label().to_owned(),
            class: ChangeClass::Disputed,
            old: present(&old),
            new: present(&new),
            material: true,
            encoding: false,
            description: format!(
                "whether it was in version `{side}` at all is {}",
                value.text
            ),
            disputed: true,
            not_reported: false,
            old_readings: old.map(|v| v.readings).unwrap_or_default(),
            new_readings: new.map(|v| v.readings).unwrap_or_default(),
        }
    }
}

/// Whether a version known only from reporting is silent on a field of `p`: the field is
/// absent, a deadline is `unknown`, or the encoding inferred the value (it is in `inferred`)
/// rather than took it from the reporting.
pub(super) fn silent(path: FieldPath<'_>, value: Option<&FieldValue>, p: &Provision) -> bool {
    let Some(value) = value else {
        return true;
    };
    let name = path.name();
    (path == FieldPath::Field(Field::Due) && value.key == json!("unknown"))
        || p.inferred.contains(&name)
}

/// What the diff knows of a field whose values differ (`old` and `new`, `None` if absent),
/// given whether each side is silent on it (see [`silent`]): an editorial field's change is
/// editorial; a material field a side is silent on is not reported; one a side disputes is
/// disputed; one both sides settle is a reported difference.
pub(super) fn classify(
    material: bool,
    old: Option<&FieldValue>,
    new: Option<&FieldValue>,
    old_silent: bool,
    new_silent: bool,
) -> ChangeClass {
    let disputed = |v: Option<&FieldValue>| v.is_some_and(|v| !v.readings.is_empty());
    if !material {
        ChangeClass::Editorial
    } else if old_silent || new_silent {
        ChangeClass::NotReported
    } else if disputed(old) || disputed(new) {
        ChangeClass::Disputed
    } else {
        ChangeClass::ReportedDifference
    }
}

/// "disputed: 30 days (high confidence) or 90 days (low confidence)".
fn disputed_text(readings: &[DisputedReading]) -> String {
    format!(
        "disputed: {}",
        readings
            .iter()
            .map(|r| format!("{} ({} confidence)", r.value, r.confidence))
            .collect::<Vec<_>>()
            .join(" or ")
    )
}

/// Cross-references: compared as written (a provision of this instrument by its new id), with
/// their notes.
fn refers_to_value(refs: &[Reference], map_id: &dyn Fn(&str) -> String) -> Option<FieldValue> {
    if refs.is_empty() {
        return None;
    }
    let key: Vec<Value> = refs
        .iter()
        .map(|r| {
            let target = match &r.target {
                Target::Provision {
                    instrument: None,
                    id,
                } => json!({ "provision": map_id(id) }),
                Target::Provision { .. } => json!({ "provision": r.written() }),
                Target::Citation(c) => json!({ "citation": c }),
            };
            json!([target, r.note])
        })
        .collect();
    let text = refs
        .iter()
        .map(|r| {
            let written = match &r.target {
                Target::Citation(c) => c.clone(),
                Target::Provision { .. } => format!("`{}`", r.written()),
            };
            match &r.note {
                Some(note) => format!("{written} ({note})"),
                None => written,
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(FieldValue {
        key: json!(key),
        text,
        readings: Vec::new(),
    })
}

fn source_value(sources: &[SourceRef]) -> Option<FieldValue> {
    if sources.is_empty() {
        return None;
    }
    let ids: Vec<&str> = sources.iter().map(|s| s.source.as_str()).collect();
    Some(FieldValue {
        key: json!(ids),
        text: ids.join(", "),
        readings: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
