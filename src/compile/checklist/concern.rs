//! What concerns an actor beyond what it must do: the groups of an actor's view (must do, may
//! do, consulted on, protected or limited by), which kinds of provision a checklist includes,
//! when a permission becomes available, and when a construction or general provision concerns
//! an actor.
//!
//! The rule for constructions and general provisions, which bind the government rather than
//! ask anything of an actor: one that names actors (as `actor`, in `consults` or
//! `acting_through`, or as a parameter's value, in any reading) concerns the actors it names.
//! One that names none concerns the actors of what it governs: a general provision governs
//! the whole instrument, so it concerns every actor; a construction governs the section it
//! sits in, so it concerns every actor that section names (every actor, when the section
//! names none). Nothing here knows any instrument: only kinds, fields and section files.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::super::deadline::{self, Deadline};
use super::roles::{RoleKind, roles};
use crate::model::{
    Actor, Binding, Kind, Located, Modality, Provision, Registry, Section, Version,
};

/// Which kinds of provision a checklist includes besides obligations and prohibitions, which
/// it always includes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Include {
    /// Permissions (`kind: permission`).
    pub permissions: bool,
    /// Constructions and general provisions (`kind: construction` or `general`).
    pub constructions: bool,
}

impl Include {
    /// Obligations and prohibitions only: the checklist without `--include`.
    pub const OBLIGATIONS: Include = Include {
        permissions: false,
        constructions: false,
    };
    /// Every kind a view groups: an actor's view by default.
    pub const ALL: Include = Include {
        permissions: true,
        constructions: true,
    };

    /// Whether a provision of this kind is included.
    pub fn admits(self, kind: Kind) -> bool {
        match kind {
            Kind::Obligation | Kind::Prohibition => true,
            Kind::Permission => self.permissions,
            Kind::Construction | Kind::General => self.constructions,
            Kind::Policy | Kind::Finding | Kind::Definition => false,
        }
    }
}

/// The group of a view an item falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Concern {
    /// An obligation or prohibition the actor leads or acts on (without a filter: every
    /// binding obligation or prohibition).
    MustDo,
    /// A permission, or an obligation that is voluntary or discretionary (modality `may`,
    /// binding `voluntary` or `discretionary`).
    MayDo,
    /// An item the actor is only consulted on (or acts for a consultee on), coordinated with
    /// on, or receives.
    ConsultedOn,
    /// A construction or general provision: it binds the government toward the actor.
    ProtectedBy,
}

impl Concern {
    /// The groups in the order views show them.
    pub const ALL: [Concern; 4] = [
        Concern::MustDo,
        Concern::MayDo,
        Concern::ConsultedOn,
        Concern::ProtectedBy,
    ];

    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Concern::MustDo => "must-do",
            Concern::MayDo => "may-do",
            Concern::ConsultedOn => "consulted-on",
            Concern::ProtectedBy => "protected-by",
        }
    }

    /// The group in a page title's list ("for CISA, must do, taking part and protected or
    /// limited by").
    pub fn short(self) -> &'static str {
        match self {
            Concern::MustDo => "must do",
            Concern::MayDo => "may do",
            Concern::ConsultedOn => "taking part",
            Concern::ProtectedBy => "protected or limited by",
        }
    }

    /// The group's heading: in an actor's view, or in a checklist of every actor.
    pub fn title(self, filtered: bool) -> &'static str {
        match (self, filtered) {
            (Concern::MustDo, true) => "Must do",
            (Concern::MayDo, true) => "May do",
            (Concern::ConsultedOn, _) => "Consulted on, coordinating or receiving",
            (Concern::ProtectedBy, true) => "Protected or limited by",
            (Concern::MustDo, false) => "Obligations and prohibitions",
            (Concern::MayDo, false) => "Permissions and voluntary options",
            (Concern::ProtectedBy, false) => "Constructions and general provisions",
        }
    }
}

/// Whether a provision binds the government rather than asking something of an actor.
pub(super) fn is_construction(kind: Kind) -> bool {
    matches!(kind, Kind::Construction | Kind::General)
}

/// The group of an item that is not a construction, from the filtered actor's roles (strongest
/// first; empty when not filtered).
pub(super) fn concern_of(p: &Provision, roles: &[super::Role]) -> Concern {
    if is_construction(p.kind) {
        return Concern::ProtectedBy;
    }
    if roles.first().is_some_and(|r| r.role >= RoleKind::Consulted) {
        return Concern::ConsultedOn;
    }
    let optional = p.kind == Kind::Permission
        || p.modality.settled() == Some(&Modality::May)
        || p.binding
            .as_ref()
            .and_then(|b| b.settled())
            .is_some_and(|b| matches!(b, Binding::Voluntary | Binding::Discretionary));
    if optional {
        Concern::MayDo
    } else {
        Concern::MustDo
    }
}

/// Every actor id a provision names in any reading: leads, consultees, who acts for whom, and
/// parameter values (a string, or a list's strings) that are ids in `actors.yaml`.
pub(super) fn named(registry: &Registry<Actor>, p: &Provision) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(actor) = &p.actor {
        out.extend(actor.values().flat_map(|a| a.ids()).map(str::to_owned));
    }
    for related in [&p.consults, &p.coordinates_with, &p.reports_to]
        .into_iter()
        .flatten()
    {
        out.extend(related.values().flatten().cloned());
    }
    if let Some(through) = &p.acting_through {
        for map in through.values() {
            for (a, b) in map {
                out.push(a.clone());
                out.push(b.clone());
            }
        }
    }
    for (_, value) in &p.parameters {
        for v in value.values() {
            let strings: Vec<&str> = match v {
                Value::String(s) => vec![s.as_str()],
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            out.extend(
                strings
                    .into_iter()
                    .filter(|s| registry.items.contains_key(*s))
                    .map(str::to_owned),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}

/// What each section of a version names, for the constructions that sit in it.
pub(super) struct Sections {
    /// By section (its index in the version): whether any of its provisions names an actor,
    /// and whether one names a wanted actor.
    names: Vec<(bool, bool)>,
}

impl Sections {
    pub(super) fn of(
        registry: &Registry<Actor>,
        version: &Version,
        wanted: &BTreeMap<String, String>,
    ) -> Self {
        let names = version
            .sections
            .iter()
            .map(|s| {
                let any = s.provisions.iter().any(|q| !named(registry, q).is_empty());
                let mine = s
                    .provisions
                    .iter()
                    .any(|q| names_wanted(registry, q, wanted));
                (any, mine)
            })
            .collect();
        Sections { names }
    }
}

/// Whether `q` gives a wanted actor a role or names one otherwise.
fn names_wanted(
    registry: &Registry<Actor>,
    q: &Provision,
    wanted: &BTreeMap<String, String>,
) -> bool {
    !roles(registry, q, wanted).is_empty()
        || named(registry, q).iter().any(|id| wanted.contains_key(id))
}

/// Whether a construction or general provision concerns the wanted actors (all actors when
/// none are wanted), by the rule in the module comment, and why, in words.
pub(super) fn protects(
    registry: &Registry<Actor>,
    version: &Version,
    sections: &Sections,
    p: &Located<Provision>,
    wanted: &BTreeMap<String, String>,
) -> Option<String> {
    let shorts = |ids: &[&String]| {
        ids.iter()
            .map(|id| super::party(registry, id).short)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let names = named(registry, p);
    if !names.is_empty() {
        let mine: Vec<&String> = names
            .iter()
            .filter(|id| wanted.is_empty() || wanted.contains_key(*id))
            .collect();
        return (!mine.is_empty()).then(|| format!("it names {}", shorts(&mine)));
    }
    let at = version.sections.iter().position(|s| s.file == p.file);
    let section = at.map(|i| &version.sections[i]);
    let (section_names_any, section_names_mine) = at
        .and_then(|i| sections.names.get(i))
        .copied()
        .unwrap_or_default();
    let number = section.map_or_else(|| "its section".to_owned(), section_words);
    match p.kind {
        Kind::Construction if section_names_any => {
            if wanted.is_empty() {
                Some(format!(
                    "a rule for reading {number}: it concerns every actor {number} names"
                ))
            } else {
                section_names_mine.then(|| {
                    format!(
                        "a rule for reading {number}, which names {}",
                        who(registry, wanted)
                    )
                })
            }
        }
        Kind::Construction => Some(format!(
            "a rule for reading {number}, which names no actor: it concerns every actor"
        )),
        _ => {
            Some("a general provision of the whole instrument: it concerns every actor".to_owned())
        }
    }
}

/// "section 3", from a section's header; "its section" without one.
fn section_words(section: &Section) -> String {
    section.header.as_ref().map_or_else(
        || "its section".to_owned(),
        |h| format!("section {}", h.section),
    )
}

/// The requested actors (not their components) by short name.
pub(super) fn who(registry: &Registry<Actor>, wanted: &BTreeMap<String, String>) -> String {
    let mut requested: Vec<&String> = wanted.values().collect();
    requested.sort();
    requested.dedup();
    let names: Vec<String> = requested
        .iter()
        .map(|id| super::party(registry, id).short)
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// From when a permission is available, in words: once the provision it sits under (the
/// nearest one up its `parent` links that has a deadline) is done, with that deadline; else
/// its own date; else that no start is given.
pub(super) fn available(
    index: &ProvisionIndex<'_>,
    p: &Provision,
    own: &Deadline,
    as_of: NaiveDate,
) -> Option<String> {
    if p.kind != Kind::Permission {
        return None;
    }
    let by_id = &index.by_id;
    let mut next = p.parent.as_deref();
    // A loop of parents (which the checks report) ends after as many steps as there are
    // provisions.
    for _ in 0..by_id.len() {
        let Some(&(q, d)) = next.and_then(|id| by_id.get(id)) else {
            break;
        };
        let name = match &q.heading {
            Some(h) => format!("{} ({h})", q.reference),
            None => q.reference.clone(),
        };
        if q.kind != Kind::Permission && !matches!(d, Deadline::NotApplicable) {
            if let Some(on) = deadline::completed(q, as_of) {
                return Some(format!("since {on}, when {name} was done"));
            }
            let when = match (d.date(), d.earliest()) {
                (Some(date), _) => format!("{} is due {date}", q.reference),
                (None, Some(date)) => {
                    format!(
                        "{} is due {date} by its earliest disputed reading",
                        q.reference
                    )
                }
                (None, None) => format!("{}: {}", q.reference, d.explain()),
            };
            return Some(format!("once {name} is done; {when}"));
        }
        next = q.parent.as_deref();
    }
    Some(match own.date() {
        Some(date) => format!("dated {date}: {}", own.explain()),
        None if matches!(own, Deadline::NotApplicable) => "no start is given".to_owned(),
        None => format!("no start is given ({})", own.explain()),
    })
}

/// A version's provisions by id, each with its deadline: built once per version, so that
/// following a provision's parents costs a lookup per step rather than a pass over the
/// version.
pub struct ProvisionIndex<'a> {
    by_id: HashMap<&'a str, (&'a Located<Provision>, &'a Deadline)>,
}

impl<'a> ProvisionIndex<'a> {
    /// The index of `version`'s provisions, with `deadlines` (one per provision, in document
    /// order, as [`deadline::compute`] gives them).
    pub fn new(version: &'a Version, deadlines: &'a [Deadline]) -> Self {
        ProvisionIndex {
            by_id: version
                .provisions()
                .zip(deadlines)
                .map(|(q, d)| (q.id.as_str(), (q, d)))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_admits_obligations_always_and_the_rest_on_request() {
        assert!(Include::OBLIGATIONS.admits(Kind::Prohibition));
        assert!(!Include::OBLIGATIONS.admits(Kind::Permission));
        assert!(!Include::OBLIGATIONS.admits(Kind::General));
        assert!(Include::ALL.admits(Kind::Construction));
        assert!(!Include::ALL.admits(Kind::Definition));
    }
}
