//! Who an item involves and in which role: its leads and consulted actors with the components
//! acting for them, the actors it is coordinated with and those that receive it, an actor's components by `parent` links, and the roles a filtered actor
//! (or one of its components) has in a provision.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compile::views::{Party, party};
use crate::model::{Actor, Actors, Disputable, Provision, Registry, SmallMap};

/// A requested actor and the components included with it.
#[derive(Clone, Debug, Serialize)]
pub struct ActorFilter {
    /// The actor.
    pub actor: Party,
    /// Its components, which the checklist includes.
    pub components: Vec<Party>,
}

/// A lead actor, with the component acting for it if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lead {
    /// The actor.
    pub actor: Party,
    /// The component that acts for it.
    pub acting_through: Option<Party>,
}

/// A role the filtered actor (or one of its components) has in an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Role {
    /// The actor in the role: the one requested, or one of its components.
    pub actor: Party,
    /// Which role.
    pub role: RoleKind,
    /// For the acting roles, the actor acted for.
    pub acting_for: Option<Party>,
    /// The requested actor, when `actor` is one of its components.
    pub component_of: Option<Party>,
    /// The role in words: "leads", "acts for Department of Parks, a lead", "is consulted".
    pub text: String,
}

/// The roles an actor can have in an item, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleKind {
    /// It leads.
    Lead,
    /// It acts for a lead.
    ActsForLead,
    /// It is consulted.
    Consulted,
    /// It acts for a consulted actor.
    ActsForConsulted,
    /// The work is done in coordination with it.
    Coordinates,
    /// It receives the report, plan or other deliverable.
    Receives,
}

impl RoleKind {
    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Lead => "lead",
            RoleKind::ActsForLead => "acts-for-lead",
            RoleKind::Consulted => "consulted",
            RoleKind::ActsForConsulted => "acts-for-consulted",
            RoleKind::Coordinates => "coordinates",
            RoleKind::Receives => "receives",
        }
    }
}

/// Each actor's children by `parent` links, built once for all the actors a checklist is
/// filtered to, so that finding an actor's components walks only its own subtree.
#[derive(Default)]
pub(super) struct Children<'a> {
    of: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Children<'a> {
    pub(super) fn of(registry: &'a Registry<Actor>) -> Self {
        let mut of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (child, actor) in &registry.items {
            if let Some(parent) = actor.parent.as_deref() {
                of.entry(parent).or_default().push(child.as_str());
            }
        }
        Children { of }
    }

    /// The actors under `id` by `parent` links, in id order (a loop of parents, which the
    /// `parent-cycle` check reports, ends where it comes back).
    pub(super) fn components(&self, id: &str) -> Vec<String> {
        let mut out = BTreeSet::new();
        let mut frontier = vec![id];
        while let Some(current) = frontier.pop() {
            for &child in self.of.get(current).into_iter().flatten() {
                if child != id && out.insert(child) {
                    frontier.push(child);
                }
            }
        }
        out.into_iter().map(str::to_owned).collect()
    }
}

/// A provision's settled leads (none when disputed).
pub(super) fn leads_of(p: &Provision) -> Vec<String> {
    match p.actor.as_ref().and_then(Disputable::settled) {
        Some(Actors::One(id)) => vec![id.clone()],
        Some(Actors::Many(ids)) => ids.clone(),
        None => Vec::new(),
    }
}

/// A provision's settled consulted actors (none when disputed).
pub(super) fn consulted_of(p: &Provision) -> Vec<String> {
    p.consults
        .as_ref()
        .and_then(Disputable::settled)
        .cloned()
        .unwrap_or_default()
}

/// A provision's settled actors coordinated with (none when disputed).
pub(super) fn coordinated_of(p: &Provision) -> Vec<String> {
    settled_ids(p.coordinates_with.as_ref())
}

/// A provision's settled recipients (none when disputed).
pub(super) fn recipients_of(p: &Provision) -> Vec<String> {
    settled_ids(p.reports_to.as_ref())
}

fn settled_ids(ids: Option<&Disputable<Vec<String>>>) -> Vec<String> {
    ids.and_then(Disputable::settled)
        .cloned()
        .unwrap_or_default()
}

/// A provision's settled `acting_through` (empty when disputed).
pub(super) fn through_of(p: &Provision) -> SmallMap<String> {
    p.acting_through
        .as_ref()
        .and_then(Disputable::settled)
        .cloned()
        .unwrap_or_default()
}

/// The roles of the wanted actors in a provision, strongest first.
pub(super) fn roles(
    registry: &Registry<Actor>,
    p: &Provision,
    wanted: &BTreeMap<String, String>,
) -> Vec<Role> {
    let through = through_of(p);
    let mut out = Vec::new();
    let mut add = |actor: &str, role: RoleKind, acting_for: Option<&str>| {
        let Some(requested) = wanted.get(actor) else {
            return;
        };
        let party_of = |id: &str| party(registry, id);
        let component_of = (requested != actor).then(|| party_of(requested));
        let acting = acting_for.map(party_of);
        let text = match (role, &acting) {
            (RoleKind::Lead, _) => "leads".to_owned(),
            (RoleKind::Consulted, _) => "is consulted".to_owned(),
            (RoleKind::Coordinates, _) => "works in coordination with the lead".to_owned(),
            (RoleKind::Receives, _) => "receives what is delivered".to_owned(),
            (RoleKind::ActsForLead, Some(a)) => format!("acts for {}, a lead", a.short),
            (RoleKind::ActsForConsulted, Some(a)) => {
                format!("acts for {}, which is consulted", a.short)
            }
            (_, None) => role.as_str().to_owned(),
        };
        let text = match &component_of {
            Some(parent) => format!(
                "{} (a component of {}) {text}",
                party_of(actor).short,
                parent.short
            ),
            None => text,
        };
        let role = Role {
            actor: party_of(actor),
            role,
            acting_for: acting,
            component_of,
            text,
        };
        if !out.contains(&role) {
            out.push(role);
        }
    };
    for lead in leads_of(p) {
        add(&lead, RoleKind::Lead, None);
        if let Some(agent) = through.get(&lead) {
            add(agent, RoleKind::ActsForLead, Some(&lead));
        }
    }
    for consulted in consulted_of(p) {
        add(&consulted, RoleKind::Consulted, None);
        if let Some(agent) = through.get(&consulted) {
            add(agent, RoleKind::ActsForConsulted, Some(&consulted));
        }
    }
    for coordinated in coordinated_of(p) {
        add(&coordinated, RoleKind::Coordinates, None);
    }
    for recipient in recipients_of(p) {
        add(&recipient, RoleKind::Receives, None);
    }
    // Stable: roles of the same kind keep the order they were found in.
    out.sort_by_key(|r| r.role);
    out
}
