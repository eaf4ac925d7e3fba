//! Changes to the defined terms, and the provisions that rely on them.

use std::collections::{BTreeSet, HashMap};

use super::SideCtx;
use super::report::{ChangeKind, FieldChange, TermChange};
use crate::model::Term;

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
        let values = |t: &Term, old: bool| -> Vec<(&'static str, bool, String)> {
            let defined_in = t.defined_in.as_deref().unwrap_or_default();
            let defined_in = if old {
                renamed.get(defined_in).copied().unwrap_or(defined_in)
            } else {
                defined_in
            };
            vec![
                ("term", true, t.term.clone()),
                ("defined", true, t.defined.as_str().to_owned()),
                ("defined_in", false, defined_in.to_owned()),
                ("meaning", false, t.meaning.clone()),
            ]
        };
        let (kind, fields) = match (ot.get(id), nt.get(id)) {
            (Some(o), Some(n)) => {
                let fields: Vec<FieldChange> = values(o, true)
                    .into_iter()
                    .zip(values(n, false))
                    .filter(|(a, b)| a.2 != b.2)
                    .map(|((field, material, a), (_, _, b))| FieldChange {
                        field: field.to_owned(),
                        description: format!("{} changed", field.replace('_', " ")),
                        old: Some(a),
                        new: Some(b),
                        material,
                        disputed: false,
                        not_reported: false,
                        old_readings: Vec::new(),
                        new_readings: Vec::new(),
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
        let material = kind != ChangeKind::Changed || fields.iter().any(|f| f.material);
        let what = match kind {
            ChangeKind::Added => "added".to_owned(),
            ChangeKind::Removed => "removed".to_owned(),
            _ => fields
                .iter()
                .map(|f| f.description.clone())
                .collect::<Vec<_>>()
                .join("; "),
        };
        out.push(TermChange {
            id: id.clone(),
            kind,
            material,
            description: format!("\"{name}\": {what}"),
            fields,
            touches,
        });
    }
    out
}
