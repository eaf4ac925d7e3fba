//! The checklist: one item per provision that asks something of someone (obligations and
//! prohibitions), with who leads, who acts for whom, who is consulted, the deadline and how it
//! was computed, and where it stands as of a date. On request ([`Include`]) it also holds
//! permissions, constructions and general provisions, and every item says which group of a
//! view it falls in ([`Concern`]: must do, may do, consulted on, protected or limited by).
//!
//! With an actor filter, an item is kept when the actor, or one of its components (by
//! `parent` in `actors.yaml`), leads it, acts for a lead or a consultee, or is consulted; each
//! kept item says in which role. A construction or general provision is kept when it concerns
//! the actor by the rule in `concern`.

mod concern;
mod lifecycle;
mod parameters;
mod recurring;
mod relations;
mod roles;
mod status;
mod view;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rayon::prelude::*;

use super::deadline::{self, Deadline};
use crate::model::{
    Actors, Binding, Confidence, Instrument, Located, Modality, Provision, SmallMap, Spec,
    UnknownVersion, Version,
};
pub use concern::{Concern, Include, ProvisionIndex};
pub use lifecycle::{RevokedView, act_by};
pub use parameters::Parameter;
pub use recurring::{MAX_LISTED, Occurrence, RecurrenceView};
pub use relations::{ReferenceView, ThroughView};
pub use roles::{ActorFilter, Lead, Role, RoleKind};
use roles::{Children, consulted_of, coordinated_of, leads_of, recipients_of, roles, through_of};
pub use status::StatusClass;
pub use view::{Checklist, Dispute, Group, Item, Standing, Summary};

use super::views::{
    DisputedReading, Evidence, anchors, due_words, party, section_of, sources, value_words, views,
};

/// How many days ahead a deadline counts as due soon.
pub const DUE_SOON_DAYS: u64 = 30;

/// Why a checklist could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    /// The instrument has no version of that id.
    #[error(transparent)]
    UnknownVersion(#[from] UnknownVersion),
    /// An actor filter names no known actor.
    #[error("unknown actor `{0}`")]
    UnknownActor(String),
}

/// Builds the checklist of `version` as of `as_of`, filtered to `actors` (and their
/// components) when any are given: obligations and prohibitions only, as [`build_with`] with
/// [`Include::OBLIGATIONS`].
pub fn build(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    actors: &[String],
    as_of: NaiveDate,
) -> Result<Checklist, ChecklistError> {
    build_with(
        spec,
        instrument,
        version,
        actors,
        as_of,
        Include::OBLIGATIONS,
    )
}

/// Builds the checklist of `version` as of `as_of`, filtered to `actors` (and their
/// components) when any are given, with the kinds of provision `include` admits.
pub fn build_with(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    actors: &[String],
    as_of: NaiveDate,
    include: Include,
) -> Result<Checklist, ChecklistError> {
    let registry = &spec.actors;
    let mut filters = Vec::new();
    let mut wanted: BTreeMap<String, String> = BTreeMap::new(); // actor or component → requested
    let children = if actors.is_empty() {
        Children::default()
    } else {
        Children::of(registry)
    };
    for id in actors {
        if !registry.items.contains_key(id) {
            return Err(ChecklistError::UnknownActor(id.clone()));
        }
        let components = children.components(id);
        wanted.insert(id.clone(), id.clone());
        for c in &components {
            wanted.entry(c.clone()).or_insert_with(|| id.clone());
        }
        filters.push(ActorFilter {
            actor: party(registry, id),
            components: components.iter().map(|c| party(registry, c)).collect(),
        });
    }
    let deadlines = deadline::compute(instrument, version, as_of);
    let soon = as_of
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(as_of);
    let sections = concern::Sections::of(registry, version, &wanted);
    let index = ProvisionIndex::new(version, &deadlines);
    // Items are made in parallel; `collect` keeps document order.
    let provisions: Vec<&Located<Provision>> = version.provisions().collect();
    let items: Vec<Item> = provisions
        .par_iter()
        .zip(&deadlines)
        .flat_map_iter(|(p, deadline)| {
            if !include.admits(p.kind) {
                return Vec::new();
            }
            let roles = roles(registry, p, &wanted);
            let concerns = if concern::is_construction(p.kind) {
                match concern::protects(registry, version, &sections, p, &wanted) {
                    Some(concerns) => Some(concerns),
                    None => return Vec::new(),
                }
            } else {
                if !actors.is_empty() && roles.is_empty() {
                    return Vec::new();
                }
                None
            };
            let mut item = item(spec, instrument, version, p, deadline, roles, as_of, soon);
            item.available = concern::available(&index, p, deadline, as_of);
            item.concerns = concerns;
            if actors.is_empty() {
                vec![item]
            } else {
                each_of_wanted(item)
            }
        })
        .collect();
    let mut summary = Summary {
        items: items.len(),
        ..Summary::default()
    };
    for item in &items {
        match item.concern {
            Concern::MustDo => summary.must_do += 1,
            Concern::MayDo => summary.may_do += 1,
            Concern::ConsultedOn => summary.consulted_on += 1,
            Concern::ProtectedBy => summary.protected_by += 1,
        }
        if !tracked(item) {
            continue;
        }
        summary.tracked += 1;
        match item.status {
            Standing::Done => summary.done += 1,
            Standing::Overdue => summary.overdue += 1,
            Standing::DueSoon => summary.due_soon += 1,
            Standing::Open => summary.open += 1,
            Standing::Revoked => summary.revoked += 1,
        }
        match item.status_class {
            StatusClass::Late => summary.late += 1,
            StatusClass::Overdue => summary.known_overdue += 1,
            StatusClass::PastDueUnknown => summary.past_due_unknown += 1,
            StatusClass::Pending => summary.pending += 1,
            _ => {}
        }
    }
    let (instrument_view, version_view) = views(instrument, version);
    let groups: Vec<Group> = Concern::ALL
        .into_iter()
        .filter_map(|concern| {
            let ids: Vec<String> = items
                .iter()
                .filter(|i| i.concern == concern)
                .map(|i| i.id.clone())
                .collect();
            (!ids.is_empty()).then(|| Group {
                concern,
                title: concern.title(!actors.is_empty()),
                items: ids,
            })
        })
        .collect();
    let title = if actors.is_empty() {
        format!(
            "{}: checklist ({})",
            instrument_view.short_title, version.id
        )
    } else {
        let who = concern::who(registry, &wanted);
        let names: Vec<String> = groups
            .iter()
            .map(|g| g.concern.short().to_owned())
            .collect();
        let what = match names.as_slice() {
            [] => format!("for {who}, no items"),
            [one] => format!("for {who}, {one}"),
            [init @ .., last] => format!("for {who}, {} and {last}", init.join(", ")),
        };
        format!("{}: {what} ({})", instrument_view.short_title, version.id)
    };
    Ok(Checklist {
        instrument: instrument_view,
        version: version_view,
        as_of: as_of.to_string(),
        actors: filters,
        title,
        groups,
        summary,
        items,
    })
}

/// Every actor in `actors.yaml` that a provision of `version` names anywhere (lead,
/// consultee, who acts for whom, a parameter's value, in any reading), in id order.
pub fn named_actors(spec: &Spec, version: &Version) -> Vec<String> {
    let mut ids: Vec<String> = version
        .provisions()
        .flat_map(|p| concern::named(&spec.actors, p))
        .filter(|id| spec.actors.items.contains_key(id))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Whether an item has a status: obligations and prohibitions do; permissions, constructions
/// and general provisions do not.
fn tracked(item: &Item) -> bool {
    matches!(item.kind, "obligation" | "prohibition")
}

/// The checklist item of any provision (the site's provision pages use it for every kind);
/// `index` holds the version's provisions and deadlines, for when a permission is available.
pub fn provision_item(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    (p, deadline): (&Located<Provision>, &Deadline),
    index: &ProvisionIndex<'_>,
    as_of: NaiveDate,
) -> Item {
    let soon = as_of
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(as_of);
    let mut item = item(
        spec,
        instrument,
        version,
        p,
        deadline,
        Vec::new(),
        as_of,
        soon,
    );
    item.available = concern::available(index, p, deadline, as_of);
    item
}

/// In an actor's checklist, a duty that falls on each lead separately becomes one item per
/// lead the filter asks for (as lead, or acting for it), each naming only that lead and
/// keeping the roles that concern it (and those not tied to a lead); any other item is kept
/// as it is.
fn each_of_wanted(item: Item) -> Vec<Item> {
    if !item.each {
        return vec![item];
    }
    let concerns = |r: &Role, lead: &Lead| match r.role {
        RoleKind::Lead => r.actor == lead.actor,
        RoleKind::ActsForLead => r.acting_for.as_ref() == Some(&lead.actor),
        _ => false,
    };
    let asked: Vec<&Lead> = item
        .leads
        .iter()
        .filter(|l| item.roles.iter().any(|r| concerns(r, l)))
        .collect();
    if asked.is_empty() {
        return vec![item];
    }
    asked
        .iter()
        .map(|&lead| {
            let mut one = item.clone();
            one.leads = vec![lead.clone()];
            one.actor = Some(lead.actor.id.clone());
            one.actor_name = Some(lead.actor.name.clone());
            one.roles.retain(|r| {
                concerns(r, lead) || !matches!(r.role, RoleKind::Lead | RoleKind::ActsForLead)
            });
            one.group = one.roles.first().map(|r| r.role);
            one
        })
        .collect()
}

/// Every piece of status evidence of a provision, oldest first.
pub fn history(instrument: &Instrument, p: &Provision) -> Vec<Evidence> {
    p.status
        .iter()
        .map(|s| Evidence::of(instrument, s))
        .collect()
}

#[expect(
    clippy::too_many_arguments,
    reason = "the one call site passes the checklist's context"
)]
fn item(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    p: &Located<Provision>,
    deadline: &Deadline,
    roles: Vec<Role>,
    as_of: NaiveDate,
    soon: NaiveDate,
) -> Item {
    let registry = &spec.actors;
    let through = through_of(p);
    let with_agent = |id: &String| Lead {
        actor: party(registry, id),
        acting_through: through.get(id).map(|a| party(registry, a)),
    };
    let leads: Vec<Lead> = leads_of(p).iter().map(with_agent).collect();
    let consulted: Vec<Lead> = consulted_of(p).iter().map(with_agent).collect();
    let parties = |ids: Vec<String>| ids.iter().map(|id| party(registry, id)).collect::<Vec<_>>();
    let binds_through = relations::through_of(version, p, as_of);
    let evidence = p.status_as_of(as_of).map(|s| Evidence::of(instrument, s));
    let latest = p.status_as_of(as_of);
    let known = recurring::Known {
        as_of,
        soon,
        completed: deadline::completed(p, as_of),
        evidence: latest.and_then(|s| Some((s.state, s.as_of.get()?))),
    };
    let waits = binds_through.as_ref().is_some_and(|t| !t.done);
    let ended = lifecycle::ended(spec, instrument, p, as_of);
    let judged = match deadline {
        Deadline::Date(due) => due.recurrence.as_ref().map(|r| {
            // No occurrence falls on or after the day the duty ended.
            let r = match ended.as_ref().and_then(|(date, _)| date.pred_opt()) {
                Some(last) => r.ending_by(last),
                None => *r,
            };
            recurring::judge(due.date, &r, &known)
        }),
        _ => None,
    };
    let (mut status_class, mut days_past_due) = match &judged {
        Some(judged) => (judged.class, judged.days),
        None => status::classify(&status::Facts {
            as_of,
            soon,
            due: deadline.earliest(),
            completed: known.completed,
            evidence: known.evidence,
            pending: waits,
        }),
    };
    // A duty that binds only once another provision is done waits, recurring or not.
    if waits && !matches!(status_class, StatusClass::Done | StatusClass::Late) {
        status_class = StatusClass::Pending;
        days_past_due = None;
    }
    let mut status_words = status_class.words();
    if let Some((_, view)) = &ended
        && !matches!(status_class, StatusClass::Done | StatusClass::Late)
    {
        status_class = StatusClass::Revoked;
        status_words = lifecycle::words(view);
        days_past_due = None;
    }
    let mut judged = judged;
    if let (Some(j), Some((_, view))) = (judged.as_mut(), &ended) {
        for o in &mut j.view.occurrences {
            if !matches!(o.status_class, StatusClass::Done | StatusClass::Late) {
                o.status_class = StatusClass::Revoked;
                o.status_words = lifecycle::words(view);
                o.days_past_due = None;
            }
        }
    }
    let (due, due_counted) = match &judged {
        Some(judged) => (
            Some(judged.shown.to_string()),
            judged.counts_from.map(|d| d.to_string()),
        ),
        None => (
            deadline.date().map(|d| d.to_string()),
            deadline.earliest().map(|d| d.to_string()),
        ),
    };
    let evidence_line = latest
        .and_then(|s| s.summary.as_deref())
        .map(status::first_line);
    Item {
        id: p.id.clone(),
        reference: p.reference.clone(),
        parent: p.parent.clone(),
        heading: p.heading.clone(),
        section: section_of(version, p),
        kind: p.kind.as_str(),
        modality: p
            .modality
            .settled()
            .map_or("disputed", |m| m.as_str())
            .to_owned(),
        binding: p
            .binding
            .as_ref()
            .map(|b| b.settled().map_or("disputed", |b| b.as_str()).to_owned()),
        actor: leads.first().map(|l| l.actor.id.clone()),
        actor_name: leads.first().map(|l| l.actor.name.clone()),
        each_of: if p.each {
            leads.iter().map(|l| l.actor.clone()).collect()
        } else {
            Vec::new()
        },
        leads,
        consulted,
        coordinates_with: parties(coordinated_of(p)),
        reports_to: parties(recipients_of(p)),
        each: p.each,
        through: binds_through,
        condition: p.condition.clone(),
        refers_to: relations::references_of(spec, version, p),
        group: roles.first().map(|r| r.role),
        concern: concern::concern_of(p, &roles),
        available: None,
        concerns: None,
        roles,
        action: p.action.clone(),
        parameters: parameters::of(p),
        due,
        due_rule: deadline.explain(),
        due_kind: deadline.kind(),
        recurrence: judged.map(|j| j.view),
        status: status_class.standing(),
        status_class,
        status_words,
        days_past_due,
        due_counted,
        due_disputed: matches!(deadline, Deadline::Disputed(_)) && deadline.earliest().is_some(),
        revoked: ended.map(|(_, view)| view),
        evidence,
        evidence_line,
        confidence: Confidence::as_str(p.confidence),
        inferred: p.inferred.clone(),
        disputes: disputes(spec, instrument, version, p),
        sources: sources(instrument, &p.sources),
        notes: p.notes.clone(),
    }
}

/// Every disputed field of a provision, each reading in words.
fn disputes(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    p: &Provision,
) -> Vec<Dispute> {
    fn words<T>(readings: &[crate::model::Reading<T>], word: impl Fn(&T) -> String) -> Vec<String> {
        readings.iter().map(|r| word(&r.reading)).collect()
    }
    let names = |ids: &[&str]| {
        ids.iter()
            .map(|id| party(&spec.actors, id).short)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let anchors = anchors(instrument, version);
    let mut fields = p.disputable_fields();
    // Consultation is listed before acting-through here, as it always has been.
    fields.sort_by_key(|f| match f.path() {
        crate::model::FieldPath::Field(crate::model::Field::ActingThrough) => {
            (crate::model::Field::Consults, true)
        }
        crate::model::FieldPath::Field(field) => (field, false),
        crate::model::FieldPath::Parameter(_) => (crate::model::Field::Parameters, false),
    });
    fields
        .into_iter()
        .filter_map(|field| {
            let values = match field {
                crate::model::DisputableField::Modality(d) => {
                    words(d.readings(), |m: &Modality| m.as_str().to_owned())
                }
                crate::model::DisputableField::Binding(d) => {
                    words(d.readings(), |b: &Binding| b.as_str().to_owned())
                }
                crate::model::DisputableField::Actor(d) => {
                    words(d.readings(), |a: &Actors| names(&a.ids()))
                }
                crate::model::DisputableField::ActingThrough(d) => {
                    words(d.readings(), |m: &SmallMap<String>| {
                        m.iter()
                            .map(|(a, b)| {
                                crate::model::through(
                                    &party(&spec.actors, a).short,
                                    &party(&spec.actors, b).short,
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                }
                crate::model::DisputableField::Consults(d)
                | crate::model::DisputableField::CoordinatesWith(d)
                | crate::model::DisputableField::ReportsTo(d) => {
                    words(d.readings(), |c: &Vec<String>| {
                        names(&c.iter().map(String::as_str).collect::<Vec<_>>())
                    })
                }
                crate::model::DisputableField::Due(d) => {
                    words(d.readings(), |d| due_words(d, &anchors))
                }
                crate::model::DisputableField::Parameter(_, d) => words(d.readings(), value_words),
                crate::model::DisputableField::Presence(d) => {
                    words(&d.disputed, |r| r.as_str().to_owned())
                }
            };
            (!values.is_empty()).then(|| Dispute {
                field: field.path().name(),
                readings: values
                    .into_iter()
                    .zip(field.readings())
                    .map(|(value, r)| DisputedReading {
                        value,
                        confidence: Confidence::as_str(r.confidence),
                        sources: sources(instrument, r.sources),
                        notes: r.notes.cloned(),
                    })
                    .collect(),
            })
        })
        .collect()
}
