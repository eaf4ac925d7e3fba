//! Tests of field comparison.

use std::collections::HashMap;
use std::path::Path;

use serde_json::json;

use super::{Compare, FieldValue, classify, silent};
use crate::compile::diff::describe::provision_class;
use crate::compile::diff::report::{ChangeClass, ChangeKind};
use crate::compile::views::DisputedReading;
use crate::model::FieldPath;

fn value(key: serde_json::Value, disputed: bool) -> FieldValue {
    let reading = |v: &str| DisputedReading {
        value: v.to_owned(),
        confidence: "low",
        sources: Vec::new(),
        notes: None,
    };
    FieldValue {
        text: key.to_string(),
        key,
        readings: if disputed {
            vec![reading("a"), reading("b")]
        } else {
            Vec::new()
        },
    }
}

#[test]
fn a_silent_reported_side_is_not_reported() {
    let signed = value(json!("30d"), false);
    // Absent on the reported side.
    assert_eq!(
        classify(true, None, Some(&signed), true, false),
        ChangeClass::NotReported
    );
    // Silent on the new side, and silent against a disputed value.
    let disputed = value(json!("x"), true);
    assert_eq!(
        classify(true, Some(&disputed), None, false, true),
        ChangeClass::NotReported
    );
    // What makes a side silent: absence, an unknown deadline, an inferred value.
    let p: Provision = serde_json::from_value(json!({
        "id": "a", "ref": "1", "kind": "obligation", "modality": "shall",
        "action": "acts", "confidence": "high", "inferred": ["actor"],
    }))
    .unwrap();
    let due = FieldPath::Field(Field::Due);
    assert!(silent(due, None, &p));
    assert!(silent(due, Some(&value(json!("unknown"), false)), &p));
    assert!(!silent(due, Some(&signed), &p));
    assert!(silent(FieldPath::Field(Field::Actor), Some(&signed), &p));
    assert!(!silent(FieldPath::Field(Field::Binding), Some(&signed), &p));
}

#[test]
fn settled_values_that_differ_are_a_reported_difference() {
    let (a, b) = (value(json!("90d"), false), value(json!("30d"), false));
    assert_eq!(
        classify(true, Some(&a), Some(&b), false, false),
        ChangeClass::ReportedDifference
    );
    // A primary version's absent field is a difference too.
    assert_eq!(
        classify(true, Some(&a), None, false, false),
        ChangeClass::ReportedDifference
    );
    // An editorial field is editorial whatever the sides.
    assert_eq!(
        classify(false, Some(&a), None, true, false),
        ChangeClass::Editorial
    );
}

#[test]
fn a_disputed_side_is_disputed() {
    let (a, b) = (value(json!("x"), true), value(json!("30d"), false));
    assert_eq!(
        classify(true, Some(&a), Some(&b), false, false),
        ChangeClass::Disputed
    );
    assert_eq!(
        classify(true, Some(&b), Some(&a), false, false),
        ChangeClass::Disputed
    );
}

#[test]
fn a_provision_missing_from_a_primary_version_is_added_or_removed() {
    for kind in [ChangeKind::Added, ChangeKind::Removed] {
        assert_eq!(
            provision_class(kind, false, false, &[]),
            ChangeClass::ReportedDifference
        );
    }
    // Missing from a reported version: not reported, whichever side it is.
    assert_eq!(
        provision_class(ChangeKind::Added, true, false, &[]),
        ChangeClass::NotReported
    );
    assert_eq!(
        provision_class(ChangeKind::Removed, false, true, &[]),
        ChangeClass::NotReported
    );
    // In the reported version only, against a primary one: removed.
    assert_eq!(
        provision_class(ChangeKind::Removed, true, false, &[]),
        ChangeClass::ReportedDifference
    );
    assert_eq!(
        provision_class(ChangeKind::Changed, false, false, &[]),
        ChangeClass::Editorial
    );
}
use crate::compile::diff::SideCtx;
use crate::load::Limits;
use crate::model::{Class, Field, Located, Provision};

/// Gives `p` the value of `field` that `q` has; false for the fields the diff does not
/// compare.
fn take(field: Field, p: &mut Provision, q: &Provision) -> bool {
    match field {
        Field::Kind => p.kind = q.kind,
        Field::Modality => p.modality = q.modality.clone(),
        Field::Binding => p.binding = q.binding.clone(),
        Field::Actor => p.actor = q.actor.clone(),
        Field::ActingThrough => p.acting_through = q.acting_through.clone(),
        Field::Consults => p.consults = q.consults.clone(),
        Field::CoordinatesWith => p.coordinates_with = q.coordinates_with.clone(),
        Field::ReportsTo => p.reports_to = q.reports_to.clone(),
        Field::Each => p.each = q.each,
        Field::Through => p.through = q.through.clone(),
        Field::Condition => p.condition = q.condition.clone(),
        Field::RefersTo => p.refers_to = q.refers_to.clone(),
        Field::Due => p.due = q.due.clone(),
        Field::Parameters => p.parameters = q.parameters.clone(),
        Field::Presence => p.presence = q.presence.clone(),
        Field::Ref => p.reference = q.reference.clone(),
        Field::Parent => p.parent = q.parent.clone(),
        Field::Heading => p.heading = q.heading.clone(),
        Field::Action => p.action = q.action.clone(),
        Field::Text => p.text = q.text.clone(),
        Field::Terms => p.terms = q.terms.clone(),
        Field::Sources => p.sources = q.sources.clone(),
        Field::Notes => p.notes = q.notes.clone(),
        Field::Id
        | Field::Confidence
        | Field::Inferred
        | Field::Status
        | Field::Acknowledge
        | Field::RevokedBy
        | Field::SupersededBy
        | Field::AmendedBy => {
            assert_eq!(field.class(), Class::NotCompared, "{field:?}");
            return false;
        }
    }
    assert_ne!(field.class(), Class::NotCompared, "{field:?}");
    true
}

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
                    for &field in Field::ALL {
                        let mut changed = p.value.clone();
                        if !take(field, &mut changed, q) {
                            continue;
                        }
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
