//! Changes to the defined terms, and the provisions that rely on them.

use std::collections::{BTreeSet, HashMap};

use super::SideCtx;
use super::describe::one_weak_report;
use super::redline::redline;
use super::report::{ChangeClass, ChangeKind, FieldChange, TermChange};
use crate::model::Term;

/// The changed defined terms of two versions, by the rules of the provisions: a term missing
/// from a version known only from reporting is not reported there, and so is an absent
/// `defined_in`; a term of a reported version resting on one low-confidence report that the
/// other version lacks is not carried into it.
pub(super) fn term_changes(
    old: &SideCtx<'_>,
    new: &SideCtx<'_>,
    renamed: &HashMap<&str, &str>,
) -> Vec<TermChange> {
    let (ot, nt) = (&old.version.terms.items, &new.version.terms.items);
    let ids: BTreeSet<&String> = ot.keys().chain(nt.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let touches: Vec<String> = old
            .provisions
            .iter()
            .chain(new.provisions.iter())
            .filter(|p| p.terms.iter().any(|t| t == id))
            .map(|p| p.id.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        // The old side's `defined_in` is compared as the new version names the provision.
        let values = |t: &Term, old: bool| -> Vec<(&'static str, bool, Option<String>)> {
            let defined_in = t.defined_in.as_deref().map(|defined_in| {
                if old {
                    renamed.get(defined_in).copied().unwrap_or(defined_in)
                } else {
                    defined_in
                }
            });
            vec![
                ("term", true, Some(t.term.clone())),
                ("defined", true, Some(t.defined.as_str().to_owned())),
                ("defined_in", false, defined_in.map(str::to_owned)),
                ("meaning", false, Some(t.meaning.clone())),
            ]
        };
        let (kind, fields) = match (ot.get(id), nt.get(id)) {
            (Some(o), Some(n)) => {
                let fields: Vec<FieldChange> = values(o, true)
                    .into_iter()
                    .zip(values(n, false))
                    .filter(|(a, b)| a.2 != b.2)
                    .map(|((field, material, a), (_, _, b))| {
                        let silent = (old.reported() && a.is_none(), new.reported() && b.is_none());
                        let class = if !material {
                            ChangeClass::Editorial
                        } else if silent.0 || silent.1 {
                            ChangeClass::NotReported
                        } else {
                            ChangeClass::ReportedDifference
                        };
                        let label = field.replace('_', " ");
                        FieldChange {
                            // A term's meaning is the spec author's summary of it.
                            description: if field == "meaning" {
                                "the encoding's summary of its meaning differs".to_owned()
                            } else {
                                format!("{label} changed")
                            },
                            field: field.to_owned(),
                            label,
                            class,
                            old: a,
                            new: b,
                            material: class.material(),
                            // A term's meaning is in the spec author's words.
                            encoding: field == "meaning",
                            disputed: false,
                            not_reported: class == ChangeClass::NotReported,
                            old_readings: Vec::new(),
                            new_readings: Vec::new(),
                        }
                    })
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                (ChangeKind::Changed, fields)
            }
            (None, Some(_)) => (ChangeKind::Added, Vec::new()),
            (Some(_), None) => (ChangeKind::Removed, Vec::new()),
            (None, None) => continue,
        };
        let name = nt
            .get(id)
            .or_else(|| ot.get(id))
            .map_or_else(|| id.clone(), |t| t.term.clone());
        let class = match kind {
            ChangeKind::Added if old.reported() => ChangeClass::NotReported,
            ChangeKind::Removed if new.reported() => ChangeClass::NotReported,
            ChangeKind::Added | ChangeKind::Removed => ChangeClass::ReportedDifference,
            _ => fields
                .iter()
                .map(|f| f.class)
                .min()
                .unwrap_or(ChangeClass::Editorial),
        };
        let one_weak_report = ot
            .get(id)
            .is_some_and(|t| one_weak_report(t.confidence, t.sources.len()));
        let (old_name, new_name) = (&old.version.id, &new.version.id);
        let what = match kind {
            ChangeKind::Added if class == ChangeClass::NotReported => {
                format!("not reported in `{old_name}`")
            }
            ChangeKind::Added => "added".to_owned(),
            ChangeKind::Removed if class == ChangeClass::NotReported => {
                format!("not reported in `{new_name}`")
            }
            ChangeKind::Removed if old.reported() && one_weak_report => {
                format!("not carried into `{new_name}` (one low-confidence report)")
            }
            ChangeKind::Removed => "removed".to_owned(),
            _ => fields
                .iter()
                .map(|f| f.description.clone())
                .collect::<Vec<_>>()
                .join("; "),
        };
        // Both meanings, whole, and between them the redline of a changed one.
        let (old_meaning, new_meaning) = (
            ot.get(id).map(|t| t.meaning.clone()),
            nt.get(id).map(|t| t.meaning.clone()),
        );
        let meaning_redline = match (&old_meaning, &new_meaning) {
            (Some(a), Some(b)) if a != b => redline(a, b),
            _ => Vec::new(),
        };
        out.push(TermChange {
            id: id.clone(),
            kind,
            class,
            material: class.material(),
            description: format!("\"{name}\": {what}"),
            fields,
            old_meaning,
            new_meaning,
            meaning_redline,
            touches,
        });
    }
    out
}
