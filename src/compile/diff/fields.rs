//! A provision's fields as the diff compares them: each field's value as a key for equality
//! and in words, and the changed fields of a matched pair.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::SideCtx;
use super::report::FieldChange;
use crate::compile::checklist::{DisputedReading, due_words, party, sources, value_words};
use crate::model::{Actor, Disputable, Due, Provision, Reading, Registry, SourceRef};

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
                let text = format!(
                    "disputed: {}",
                    readings
                        .iter()
                        .map(|r| format!("{} ({} confidence)", r.value, r.confidence))
                        .collect::<Vec<_>>()
                        .join(" or ")
                );
                FieldValue {
                    key: disputable_key(d, key),
                    text,
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

    /// Every field of a provision: name, material, value.
    pub(super) fn values(
        &self,
        side: &SideCtx<'_>,
        p: &Provision,
        is_old: bool,
    ) -> Vec<(String, bool, Option<FieldValue>)> {
        let map_id = |id: &str| -> String {
            if is_old {
                self.new_id(id).to_owned()
            } else {
                id.to_owned()
            }
        };
        let anchors = crate::compile::checklist::anchors(side.instrument, side.version);
        let due_key = |d: &Due| match d {
            Due::Within { period, of } => json!({ "within": period.to_string(), "of": map_id(of) }),
            other => json!(due_words(other, &anchors)),
        };
        let due_text = |d: &Due| due_words(d, &anchors);
        let actor_words = |a: &crate::model::Actors| self.names(&a.ids());
        let mut out = vec![
            (
                "kind".to_owned(),
                true,
                Self::plain(Some(p.kind.as_str().to_owned())),
            ),
            (
                "modality".to_owned(),
                true,
                Self::disputable(side, Some(&p.modality), &|m| json!(m.as_str()), &|m| {
                    m.as_str().to_owned()
                }),
            ),
            (
                "binding".to_owned(),
                true,
                Self::disputable(side, p.binding.as_ref(), &|b| json!(b.as_str()), &|b| {
                    b.as_str().to_owned()
                }),
            ),
            (
                "actor".to_owned(),
                true,
                Self::disputable(side, p.actor.as_ref(), &|a| json!(a.ids()), &actor_words),
            ),
            (
                "acting_through".to_owned(),
                true,
                Self::disputable(
                    side,
                    p.acting_through.as_ref(),
                    &|m| {
                        json!(
                            m.iter()
                                .map(|(a, b)| format!("{a} through {b}"))
                                .collect::<Vec<_>>()
                        )
                    },
                    &|m| {
                        m.iter()
                            .map(|(a, b)| {
                                format!(
                                    "{} through {}",
                                    party(self.actors, a).short,
                                    party(self.actors, b).short
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                ),
            ),
            (
                "consults".to_owned(),
                true,
                Self::disputable(side, p.consults.as_ref(), &|c| json!(c), &|c| {
                    self.names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                }),
            ),
            (
                "due".to_owned(),
                true,
                Self::disputable(side, p.due.as_ref(), &due_key, &due_text),
            ),
        ];
        for (name, value) in &p.parameters {
            out.push((
                format!("parameters.{name}"),
                true,
                Self::disputable(side, Some(value), &|v| v.clone(), &value_words),
            ));
        }
        if let Some(presence) = &p.presence {
            let readings =
                Self::readings(side, &presence.disputed, &|r: &crate::model::Presence| {
                    r.as_str().to_owned()
                });
            let text = format!(
                "disputed: {}",
                readings
                    .iter()
                    .map(|r| format!("{} ({} confidence)", r.value, r.confidence))
                    .collect::<Vec<_>>()
                    .join(" or ")
            );
            out.push((
                "presence".to_owned(),
                true,
                Some(FieldValue {
                    key: json!("disputed"),
                    text,
                    readings,
                }),
            ));
        }
        let parent = p.parent.as_deref().map(map_id);
        out.extend([
            (
                "ref".to_owned(),
                false,
                Self::plain(Some(p.reference.clone())),
            ),
            ("parent".to_owned(), false, Self::plain(parent)),
            ("heading".to_owned(), false, Self::plain(p.heading.clone())),
            (
                "action".to_owned(),
                false,
                Self::plain(Some(p.action.clone())),
            ),
            ("text".to_owned(), false, Self::plain(p.text.clone())),
            (
                "terms".to_owned(),
                false,
                (!p.terms.is_empty()).then(|| FieldValue {
                    key: json!(p.terms),
                    text: p.terms.join(", "),
                    readings: Vec::new(),
                }),
            ),
            ("sources".to_owned(), false, source_value(&p.sources)),
            ("notes".to_owned(), false, Self::plain(p.notes.clone())),
        ]);
        out
    }

    /// Whether two provisions agree on every compared field, so that [`Compare::fields`] would
    /// find nothing. A cheap test on the model that spares putting every field of every
    /// unchanged provision into words; it may answer `false` for provisions that differ only in
    /// what the comparison ignores (a reading's sources), and then `fields` decides.
    pub(super) fn unchanged(&self, old: &Provision, new: &Provision) -> bool {
        // A reference to a renamed provision reads differently across the versions.
        let not_renamed = |id: &str| self.new_id(id) == id;
        let dues_not_renamed = old.due.as_ref().is_none_or(|due| {
            due.values().all(|d| match d {
                Due::Within { of, .. } => not_renamed(of),
                Due::Ongoing | Due::Unknown | Due::On(_) => true,
            })
        });
        old.presence.is_none()
            && new.presence.is_none()
            && old.kind == new.kind
            && old.modality == new.modality
            && old.binding == new.binding
            && old.actor == new.actor
            && old.acting_through == new.acting_through
            && old.consults == new.consults
            && old.due == new.due
            && dues_not_renamed
            && old.parameters == new.parameters
            && old.reference == new.reference
            && old.parent == new.parent
            && old.parent.as_deref().is_none_or(not_renamed)
            && old.heading == new.heading
            && old.action == new.action
            && old.text == new.text
            && old.terms == new.terms
            && old.sources == new.sources
            && old.notes == new.notes
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
        let news = self.values(self.new, new, false);
        // A field only one side has.
        for (name, material, _) in &news {
            if !olds.iter().any(|(n, _, _)| n == name) {
                olds.push((name.clone(), *material, None));
            }
        }
        let mut out = Vec::new();
        for (name, material, old_value) in olds {
            let new_value = news
                .iter()
                .find(|(n, _, _)| *n == name)
                .and_then(|(_, _, v)| v.clone());
            // The presence dispute is a finding about the old version even when the new one
            // has no dispute: the provision's being there at all is the change.
            let presence_dispute = name == "presence" && old_value.is_some() != new_value.is_some();
            if old_value.as_ref().map(|v| &v.key) == new_value.as_ref().map(|v| &v.key)
                && !presence_dispute
            {
                continue;
            }
            // On a side known only from reporting, an absent field, or a deadline marked
            // unknown, was not reported.
            let unreported = |value: &Option<FieldValue>, side: &SideCtx<'_>| {
                side.reported()
                    && value
                        .as_ref()
                        .is_none_or(|v| name == "due" && v.key == json!("unknown"))
            };
            let not_reported =
                material && (unreported(&old_value, self.old) || unreported(&new_value, self.new));
            if name == "presence" {
                out.push(self.presence_change(old_value, new_value));
                continue;
            }
            let disputed = old_value.as_ref().is_some_and(|v| !v.readings.is_empty())
                || new_value.as_ref().is_some_and(|v| !v.readings.is_empty());
            let description = self.describe(
                &name,
                old_value.as_ref(),
                new_value.as_ref(),
                old,
                new,
                not_reported,
            );
            out.push(FieldChange {
                field: name,
                old: old_value.as_ref().map(|v| v.text.clone()),
                new: new_value.as_ref().map(|v| v.text.clone()),
                material,
                description,
                disputed,
                not_reported,
                old_readings: old_value.map(|v| v.readings).unwrap_or_default(),
                new_readings: new_value.map(|v| v.readings).unwrap_or_default(),
            });
        }
        out.sort_by_key(|f| (!f.material, f.not_reported, f.disputed));
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
        FieldChange {
            field: "presence".to_owned(),
            old: old.as_ref().map(|v| v.text.clone()),
            new: new.as_ref().map(|v| v.text.clone()),
            material: true,
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
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use super::Compare;
    use crate::compile::diff::SideCtx;
    use crate::load::Limits;
    use crate::model::{Located, Provision};

    /// The shortcut never hides a change: for each pair of provisions of a version (of the
    /// spec and of the test fixtures), and each field, a provision given the other's value of
    /// that field is `unchanged` only if the field-by-field comparison finds nothing, with and
    /// without the other renamed.
    #[test]
    fn unchanged_never_hides_a_change() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let workspaces: Vec<_> = ["spec", "tests/fixtures/example", "tests/fixtures/deadlines"]
            .iter()
            .map(|root| crate::pipeline::load(&repo.join(root), &Limits::default()))
            .collect();
        let versions = workspaces.iter().flat_map(|w| {
            w.spec
                .instruments
                .iter()
                .flat_map(move |i| i.versions.iter().map(move |v| (&w.spec.actors, i, v)))
        });
        let mutations: &[fn(&mut Provision, &Provision)] = &[
            |p, q| p.kind = q.kind,
            |p, q| p.modality = q.modality.clone(),
            |p, q| p.binding = q.binding.clone(),
            |p, q| p.actor = q.actor.clone(),
            |p, q| p.acting_through = q.acting_through.clone(),
            |p, q| p.consults = q.consults.clone(),
            |p, q| p.due = q.due.clone(),
            |p, q| p.parameters = q.parameters.clone(),
            |p, q| p.presence = q.presence.clone(),
            |p, q| p.reference = q.reference.clone(),
            |p, q| p.parent = q.parent.clone(),
            |p, q| p.heading = q.heading.clone(),
            |p, q| p.action = q.action.clone(),
            |p, q| p.text = q.text.clone(),
            |p, q| p.terms = q.terms.clone(),
            |p, q| p.sources = q.sources.clone(),
            |p, q| p.notes = q.notes.clone(),
        ];
        let mut checked = 0;
        for (actors, instrument, version) in versions {
            let side = SideCtx::new(instrument, version);
            let all: Vec<&Located<Provision>> = version.provisions().collect();
            for p in &all {
                for q in &all {
                    let renamed: HashMap<&str, &str> = [(q.id.as_str(), "renamed")].into();
                    for renames in [HashMap::new(), renamed] {
                        let compare = Compare {
                            actors,
                            old_label: "old".to_owned(),
                            new_label: "new".to_owned(),
                            old: &side,
                            new: &side,
                            renamed: &renames,
                        };
                        for mutate in mutations {
                            let mut changed = p.value.clone();
                            mutate(&mut changed, q);
                            if compare.unchanged(p, &changed) {
                                assert!(
                                    compare.compare_fields(p, &changed).is_empty(),
                                    "`{}` with a field of `{}`",
                                    p.id,
                                    q.id
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 0);
    }
}
