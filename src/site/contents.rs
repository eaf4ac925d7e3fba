//! A version's contents page: every provision by section in document order, with its number,
//! heading and kind in words, nested under the provision it sits in; and every actor the
//! version names anywhere (as lead, consulted, or the component acting for either, in any
//! reading), with the provisions that name it and its checklist where it has one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::layout::{self, Link};
use crate::compile::views::{self, InstrumentView, VersionView};
use crate::model::{Disputable, Instrument, Kind, Located, Provision, Registry, Spec, Version};

/// A version's contents page.
#[derive(Clone, Debug, Serialize)]
pub(super) struct ContentsPage {
    instrument: InstrumentView,
    version: VersionView,
    sections: Vec<SectionEntry>,
    /// How many provisions the sections hold.
    provisions: usize,
    actors: Vec<ActorEntry>,
}

/// A section and its provisions, outermost first.
#[derive(Clone, Debug, Serialize)]
struct SectionEntry {
    /// Its number, heading and what of them is inferred, in words; `None` if its header did
    /// not convert.
    text: Option<String>,
    provisions: Vec<Entry>,
}

/// A provision on the contents page, in document order: the provisions that sit in it follow
/// it, one level deeper. The page nests them as lists without recursion (`opens`, `closes`),
/// so sub-items thousands of levels deep cost their number, not the stack's depth.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Entry {
    #[serde(rename = "ref")]
    reference: String,
    heading: Option<String>,
    kind: &'static str,
    /// What of its number and heading is inferred, in words, such as `number inferred`.
    inferred: Option<String>,
    /// Whether sources disagree on its being in this version at all.
    presence_disputed: bool,
    href: String,
    /// Whether the provisions that sit in it follow (a list opens under it).
    opens: bool,
    /// How many lists around it end after it.
    closes: usize,
}

/// An actor the version names, with where.
#[derive(Clone, Debug, Serialize)]
struct ActorEntry {
    id: String,
    name: String,
    short: String,
    /// Its checklist, from the contents page, if it has one.
    checklist: Option<String>,
    /// Each role it has, with the provisions it has it in.
    roles: Vec<RoleEntry>,
}

/// One role of an actor, with the provisions.
#[derive(Clone, Debug, Serialize)]
struct RoleEntry {
    role: &'static str,
    provisions: Vec<Link>,
}

/// A provision's kind, in words.
pub(super) fn kind_words(kind: Kind) -> &'static str {
    match kind {
        Kind::General => "general provision",
        other => other.as_str(),
    }
}

/// The words for what of a provision's number (`ref`) and heading is inferred, if any.
fn inferred_words(inferred: &[String]) -> Option<String> {
    let fields: Vec<&str> = ["ref", "heading"]
        .into_iter()
        .filter(|f| inferred.iter().any(|i| i == f))
        .map(|f| if f == "ref" { "number" } else { f })
        .collect();
    (!fields.is_empty()).then(|| format!("{} inferred", fields.join(" and ")))
}

/// The contents page of `version`; `checklists` are the actors that have a checklist page.
pub(super) fn contents_page(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    checklists: &BTreeSet<String>,
) -> ContentsPage {
    let (instrument_view, version_view) = views::views(instrument, version);
    let ids: BTreeSet<&str> = version.provisions().map(|p| p.id.as_str()).collect();
    let mut sections = Vec::new();
    for section in &version.sections {
        let text = section
            .provisions
            .first()
            .and_then(|p| views::section_of(version, p))
            .map(|s| s.text)
            .or_else(|| section.number().map(str::to_owned));
        // A provision whose parent is in the same section sits under it; one whose parent is
        // elsewhere (or unknown) is listed at the top level of its section.
        let here: BTreeSet<&str> = section.provisions.iter().map(|p| p.id.as_str()).collect();
        let mut children: HashMap<&str, Vec<&Located<Provision>>> = HashMap::new();
        let mut top = Vec::new();
        for p in &section.provisions {
            match p.parent.as_deref() {
                Some(parent) if here.contains(parent) && parent != p.id => {
                    children.entry(parent).or_default().push(p);
                }
                _ => top.push(p),
            }
        }
        let provisions = entries(&top, &children);
        sections.push(SectionEntry { text, provisions });
    }
    ContentsPage {
        instrument: instrument_view,
        version: version_view,
        sections,
        provisions: ids.len(),
        actors: actors(&spec.actors, version, checklists),
    }
}

/// The entries of the provisions `top` and of those under them (by `children`), in document
/// order: each provision, then the ones under it. A provision already listed is skipped, so a
/// cycle of parents lists each provision once.
fn entries<'a>(
    top: &[&'a Located<Provision>],
    children: &HashMap<&str, Vec<&'a Located<Provision>>>,
) -> Vec<Entry> {
    let mut seen = BTreeSet::new();
    let mut listed: Vec<(Entry, usize)> = Vec::new();
    // The provisions still to list at each depth, innermost last.
    let mut stack = vec![top.iter()];
    while let Some(level) = stack.last_mut() {
        let Some(p) = level.next() else {
            stack.pop();
            continue;
        };
        if !seen.insert(p.id.as_str()) {
            continue;
        }
        listed.push((entry(p), stack.len() - 1));
        stack.push(
            children
                .get(p.id.as_str())
                .map_or(&[][..], Vec::as_slice)
                .iter(),
        );
    }
    let depths: Vec<usize> = listed.iter().map(|(_, depth)| *depth).collect();
    listed
        .into_iter()
        .enumerate()
        .map(|(i, (mut entry, depth))| {
            let next = depths.get(i + 1).copied().unwrap_or(0);
            entry.opens = next > depth;
            entry.closes = depth.saturating_sub(next);
            entry
        })
        .collect()
}

/// The entry of `p`, before its place among the others is known.
fn entry(p: &Located<Provision>) -> Entry {
    Entry {
        reference: p.reference.clone(),
        heading: p.heading.clone(),
        kind: kind_words(p.kind),
        inferred: inferred_words(&p.inferred),
        presence_disputed: p.presence.is_some(),
        href: format!("provisions/{}.html", crate::render::page_name(&p.id)),
        opens: false,
        closes: 0,
    }
}

/// The roles an actor may have in a provision, in the order the page lists them.
const ROLES: [&str; 4] = [
    "lead",
    "acts for a lead",
    "consulted",
    "acts for a consulted actor",
];

/// Every actor `version` names, or whose checklist page exists, by name, with its roles.
fn actors(
    registry: &Registry<crate::model::Actor>,
    version: &Version,
    checklists: &BTreeSet<String>,
) -> Vec<ActorEntry> {
    // By actor id: by role, the provisions in document order.
    let mut named: BTreeMap<String, [Vec<Link>; 4]> = BTreeMap::new();
    for p in version.provisions() {
        let mut roles: BTreeMap<String, [bool; 4]> = BTreeMap::new();
        let mut mark = |id: &str, role: usize| {
            roles.entry(id.to_owned()).or_default()[role] = true;
        };
        let leads: Vec<&str> = p
            .actor
            .iter()
            .flat_map(Disputable::values)
            .flat_map(|a| a.ids())
            .collect();
        let consulted: Vec<&str> = p
            .consults
            .iter()
            .flat_map(Disputable::values)
            .flatten()
            .map(String::as_str)
            .collect();
        for id in &leads {
            mark(id, 0);
        }
        for id in &consulted {
            mark(id, 2);
        }
        for through in p.acting_through.iter().flat_map(Disputable::values) {
            for (actor, component) in through {
                // A component acting for an actor the provision names neither as lead nor as
                // consulted (in some reading) still acts in it; count it as acting for a lead.
                let role =
                    if consulted.contains(&actor.as_str()) && !leads.contains(&actor.as_str()) {
                        3
                    } else {
                        1
                    };
                mark(component, role);
            }
        }
        for (id, has) in roles {
            let lists = named.entry(id).or_default();
            for (role, _) in has.iter().enumerate().filter(|(_, h)| **h) {
                lists[role].push(Link::new(
                    format!("provisions/{}.html", crate::render::page_name(&p.id)),
                    match &p.heading {
                        Some(h) => format!("{} {h}", p.reference),
                        None => p.reference.clone(),
                    },
                ));
            }
        }
    }
    for id in checklists {
        named.entry(id.clone()).or_default();
    }
    let mut out: Vec<ActorEntry> = named
        .into_iter()
        .map(|(id, lists)| {
            let party = views::party(registry, &id);
            ActorEntry {
                checklist: checklists
                    .contains(&id)
                    .then(|| layout::actor_href_from_version(&id)),
                roles: ROLES
                    .iter()
                    .zip(lists)
                    .filter(|(_, l)| !l.is_empty())
                    .map(|(role, provisions)| RoleEntry { role, provisions })
                    .collect(),
                id,
                name: party.name,
                short: party.short,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_inferred_fields_in_words() {
        assert_eq!(kind_words(Kind::General), "general provision");
        assert_eq!(kind_words(Kind::Construction), "construction");
        let inferred =
            |f: &[&str]| inferred_words(&f.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(inferred(&["actor"]), None);
        assert_eq!(
            inferred(&["ref", "actor"]).as_deref(),
            Some("number inferred")
        );
        assert_eq!(
            inferred(&["heading", "ref"]).as_deref(),
            Some("number and heading inferred")
        );
    }
}
