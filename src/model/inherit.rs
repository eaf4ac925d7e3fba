//! Status entries that cover a provision's sub-items: each provision that records no evidence
//! of its own gets the `covers: children` entries of its nearest ancestor (by `parent`) that
//! records some, marked with that ancestor's number.

use std::collections::{HashMap, HashSet};

use super::{Covers, Spec, StatusEntry, Version};

impl Spec {
    /// Gives each provision that records no evidence of its own the entries of its nearest
    /// ancestor (by `parent`) whose entries say `covers: children`, marked with that ancestor's
    /// number. Run after the checks, which judge each entry where it is written.
    pub(crate) fn inherit_status(&mut self) {
        for version in self
            .instruments
            .iter_mut()
            .flat_map(|i| i.versions.iter_mut())
        {
            let inherited = inherited(version);
            if inherited.iter().all(Option::is_none) {
                continue;
            }
            let provisions = version
                .sections
                .iter_mut()
                .flat_map(|s| s.provisions.iter_mut());
            for (p, entries) in provisions.zip(inherited) {
                if let Some(entries) = entries {
                    p.value.status = entries;
                }
            }
        }
    }
}

/// For each provision of `version` in document order, the entries it inherits, if any.
///
/// Each provision's nearest ancestor with evidence is found once and remembered for every
/// provision on the way up, so a long chain of sub-items costs its length, not its square. A
/// cycle or a missing parent ends the walk with nothing (the checks report those).
fn inherited(version: &Version) -> Vec<Option<Vec<StatusEntry>>> {
    let covers = |s: &&StatusEntry| s.covers == Some(Covers::Children);
    if !version
        .provisions()
        .any(|p| p.status.iter().any(|s| covers(&s)))
    {
        return version.provisions().map(|_| None).collect();
    }
    // By id, as a later provision with the same id (an error the checks report) replaces an
    // earlier one; an id has evidence if any provision with it records some.
    let by_id: HashMap<&str, &super::Provision> = version
        .provisions()
        .map(|p| (p.id.as_str(), &p.value))
        .collect();
    let own: HashSet<&str> = version
        .provisions()
        .filter(|p| !p.status.is_empty())
        .map(|p| p.id.as_str())
        .collect();
    let mut decided = HashMap::new();
    version
        .provisions()
        .map(|p| {
            if !p.status.is_empty() {
                return None;
            }
            let start = p.parent.as_deref()?;
            let ancestor = by_id.get(nearest(start, &by_id, &own, &mut decided)?)?;
            Some(
                ancestor
                    .status
                    .iter()
                    .filter(covers)
                    .map(|s| StatusEntry {
                        covered_by: Some(ancestor.reference.clone()),
                        ..s.clone()
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The nearest provision at or above `start` (by `parent`) with evidence of its own, by id;
/// `decided` remembers the answer for every id without evidence the walk passed.
fn nearest<'a>(
    start: &'a str,
    by_id: &HashMap<&'a str, &'a super::Provision>,
    own: &HashSet<&'a str>,
    decided: &mut HashMap<&'a str, Option<&'a str>>,
) -> Option<&'a str> {
    let mut path = Vec::new();
    let mut on_path = HashSet::new();
    let mut at = Some(start);
    let found = loop {
        let Some(id) = at else { break None };
        if let Some(&known) = decided.get(id) {
            break known;
        }
        let Some(p) = by_id.get(id) else { break None };
        if own.contains(id) {
            break Some(id);
        }
        if !on_path.insert(id) {
            break None;
        }
        path.push(id);
        at = p.parent.as_deref();
    };
    for id in path {
        decided.insert(id, found);
    }
    found
}
