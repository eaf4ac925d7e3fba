//! The checklist: one item per provision that asks something of someone (obligations and
//! prohibitions), with who leads, who acts for whom, who is consulted, the deadline and how it
//! was computed, and where it stands as of a date.
//!
//! With an actor filter, an item is kept when the actor, or one of its components (by
//! `parent` in `actors.yaml`), leads it, acts for a lead or a consultee, or is consulted; each
//! kept item says in which role.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use super::deadline::{self, Deadline};
use crate::model::{
    Actors, Basis, Binding, Confidence, Disputable, Instrument, Kind, Located, Modality, Provision,
    Registry, SmallMap, SourceRef, Spec, Version,
};

/// How many days ahead a deadline counts as due soon.
pub const DUE_SOON_DAYS: u64 = 30;

/// A checklist of one version of an instrument as of a date.
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    /// The instrument.
    pub instrument: InstrumentView,
    /// The version.
    pub version: VersionView,
    /// The date the statuses are computed for (YYYY-MM-DD).
    pub as_of: String,
    /// The actors the checklist is filtered to, with the components included; empty when not
    /// filtered.
    pub actors: Vec<ActorFilter>,
    /// Counts by status.
    pub summary: Summary,
    /// The items, in document order.
    pub items: Vec<Item>,
}

/// The instrument a view is about.
#[derive(Clone, Debug, Serialize)]
pub struct InstrumentView {
    /// Its id (folder name).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its short title, or the title.
    pub short_title: String,
    /// Official identifiers by scheme.
    pub identifiers: BTreeMap<String, String>,
}

/// The version a view is about.
#[derive(Clone, Debug, Serialize)]
pub struct VersionView {
    /// Its id.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its date.
    pub date: String,
    /// `primary` or `reported`.
    pub basis: &'static str,
}

/// A requested actor and the components included with it.
#[derive(Clone, Debug, Serialize)]
pub struct ActorFilter {
    /// The actor.
    pub actor: Party,
    /// Its components, which the checklist includes.
    pub components: Vec<Party>,
}

/// An actor by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Id in `actors.yaml`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name, or the full name.
    pub short: String,
}

/// Counts by status.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    /// All items.
    pub items: usize,
    /// Done.
    pub done: usize,
    /// Past due and not done.
    pub overdue: usize,
    /// Due within [`DUE_SOON_DAYS`].
    pub due_soon: usize,
    /// Everything else.
    pub open: usize,
}

/// Where an item stands as of the checklist's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// The latest evidence says it is done.
    Done,
    /// Its deadline has passed and no evidence says it is done.
    Overdue,
    /// Its deadline is within [`DUE_SOON_DAYS`].
    DueSoon,
    /// Not done, and not due soon or past due (or no date).
    Open,
}

impl Standing {
    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Overdue => "overdue",
            Standing::DueSoon => "due-soon",
            Standing::Open => "open",
        }
    }
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
    /// `lead`, `acts-for-lead`, `consulted` or `acts-for-consulted`.
    pub role: &'static str,
    /// For the acting roles, the actor acted for.
    pub acting_for: Option<Party>,
    /// The requested actor, when `actor` is one of its components.
    pub component_of: Option<Party>,
    /// The role in words: "leads", "acts for DHS, a lead", "is consulted".
    pub text: String,
}

/// A disputed field and its readings.
#[derive(Clone, Debug, Serialize)]
pub struct Dispute {
    /// The field, such as `binding`.
    pub field: String,
    /// Each reading in words, with its confidence and sources.
    pub readings: Vec<DisputedReading>,
}

/// One reading of a disputed field.
#[derive(Clone, Debug, Serialize)]
pub struct DisputedReading {
    /// The value in words.
    pub value: String,
    /// `high`, `medium` or `low`.
    pub confidence: &'static str,
    /// The sources.
    pub sources: Vec<SourceView>,
    /// Why.
    pub notes: Option<String>,
}

/// A cited source.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// Id in `instrument.yaml`.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL, if known.
    pub url: Option<String>,
    /// Site, when no URL is known.
    pub site: Option<String>,
    /// Where in the source.
    pub at: Option<String>,
}

/// The implementation evidence an item's standing rests on.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The date the evidence speaks for.
    pub as_of: String,
    /// `unknown`, `not-started`, `in-progress` or `done`.
    pub state: &'static str,
    /// When the provision was completed.
    pub done_on: Option<String>,
    /// Whether checked against the primary record (`false`: claimed or reported).
    pub verified: bool,
    /// The evidence in words.
    pub summary: Option<String>,
    /// Sources.
    pub sources: Vec<SourceView>,
}

/// One checklist item.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// Provision id.
    pub id: String,
    /// Display number.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The provision this one sits under.
    pub parent: Option<String>,
    /// Short title.
    pub heading: Option<String>,
    /// `obligation` or `prohibition`.
    pub kind: &'static str,
    /// `shall`, `shall-not`, ... or `disputed`.
    pub modality: String,
    /// `mandatory`, `voluntary`, ... or `disputed`; null if not given.
    pub binding: Option<String>,
    /// The first lead's id (null if disputed or none).
    pub actor: Option<String>,
    /// The first lead's name.
    pub actor_name: Option<String>,
    /// Every lead, with who acts for it.
    pub leads: Vec<Lead>,
    /// Consulted actors, with who acts for them.
    pub consulted: Vec<Lead>,
    /// The filtered actor's roles (empty when not filtered), strongest first.
    pub roles: Vec<Role>,
    /// The strongest role, for grouping: `lead`, `acts-for-lead`, `consulted`,
    /// `acts-for-consulted`, or null when not filtered.
    pub group: Option<&'static str>,
    /// What is to be done.
    pub action: String,
    /// The due date (YYYY-MM-DD), or null.
    pub due: Option<String>,
    /// How the due date was computed, or why there is none.
    pub due_rule: String,
    /// `done`, `overdue`, `due-soon` or `open`.
    pub status: Standing,
    /// The latest evidence as of the checklist's date.
    pub evidence: Option<Evidence>,
    /// `high`, `medium` or `low`.
    pub confidence: &'static str,
    /// Fields inferred rather than attested.
    pub inferred: Vec<String>,
    /// Disputed fields and their readings.
    pub disputes: Vec<Dispute>,
    /// Sources.
    pub sources: Vec<SourceView>,
    /// Notes.
    pub notes: Option<String>,
}

/// Why a checklist could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChecklistError {
    /// The instrument has no version of that id.
    #[error("instrument `{instrument}` has no version `{version}` (versions: {known})")]
    UnknownVersion {
        /// The instrument.
        instrument: String,
        /// The version asked for.
        version: String,
        /// The versions it has.
        known: String,
    },
    /// An actor filter names no known actor.
    #[error("unknown actor `{0}`")]
    UnknownActor(String),
}

/// The version a report covers by default: the last listed version whose basis is primary,
/// else the last listed.
pub fn default_version(instrument: &Instrument) -> Option<&Version> {
    let primary = instrument.info.as_ref().and_then(|info| {
        info.versions
            .iter()
            .rev()
            .find(|v| v.basis == Basis::Primary)
            .and_then(|v| instrument.versions.iter().find(|f| f.id == v.id))
    });
    primary.or_else(|| instrument.versions.last())
}

/// Finds a version by id, or the default.
pub fn select_version<'a>(
    instrument: &'a Instrument,
    id: Option<&str>,
) -> Result<&'a Version, ChecklistError> {
    let found = match id {
        Some(id) => instrument.versions.iter().find(|v| v.id == id),
        None => default_version(instrument),
    };
    found.ok_or_else(|| ChecklistError::UnknownVersion {
        instrument: instrument.id.clone(),
        version: id.unwrap_or_default().to_owned(),
        known: instrument
            .versions
            .iter()
            .map(|v| format!("`{}`", v.id))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Builds the checklist of `version` as of `as_of`, filtered to `actors` (and their
/// components) when any are given.
pub fn build(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    actors: &[String],
    as_of: NaiveDate,
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
    // Items are made in parallel; `collect` keeps document order.
    let provisions: Vec<&Located<Provision>> = version.provisions().collect();
    let items: Vec<Item> = provisions
        .par_iter()
        .zip(&deadlines)
        .filter_map(|(p, deadline)| {
            if !matches!(p.kind, Kind::Obligation | Kind::Prohibition) {
                return None;
            }
            let roles = roles(registry, p, &wanted);
            if !actors.is_empty() && roles.is_empty() {
                return None;
            }
            Some(item(
                spec, instrument, version, p, deadline, roles, as_of, soon,
            ))
        })
        .collect();
    let mut summary = Summary {
        items: items.len(),
        ..Summary::default()
    };
    for item in &items {
        match item.status {
            Standing::Done => summary.done += 1,
            Standing::Overdue => summary.overdue += 1,
            Standing::DueSoon => summary.due_soon += 1,
            Standing::Open => summary.open += 1,
        }
    }
    let (instrument_view, version_view) = views(instrument, version);
    Ok(Checklist {
        instrument: instrument_view,
        version: version_view,
        as_of: as_of.to_string(),
        actors: filters,
        summary,
        items,
    })
}

/// The instrument and version as views.
pub fn views(instrument: &Instrument, version: &Version) -> (InstrumentView, VersionView) {
    let info = instrument.info.as_ref();
    let version_info = instrument.version_info(&version.id).map(|(_, v)| v);
    (
        InstrumentView {
            id: instrument.id.clone(),
            title: info.map_or_else(|| instrument.id.clone(), |i| i.title.clone()),
            short_title: info
                .and_then(|i| i.short_title.clone().or_else(|| Some(i.title.clone())))
                .unwrap_or_else(|| instrument.id.clone()),
            identifiers: info.map(|i| i.identifiers.clone()).unwrap_or_default(),
        },
        VersionView {
            id: version.id.clone(),
            title: version_info.and_then(|v| v.title.clone()),
            date: version_info.map(|v| v.date.to_string()).unwrap_or_default(),
            basis: match version_info.map(|v| v.basis) {
                Some(Basis::Reported) => "reported",
                _ => "primary",
            },
        },
    )
}

/// Each actor's children by `parent` links, built once for all the actors a checklist is
/// filtered to, so that finding an actor's components walks only its own subtree.
#[derive(Default)]
struct Children<'a> {
    of: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Children<'a> {
    fn of(registry: &'a Registry<crate::model::Actor>) -> Self {
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
    fn components(&self, id: &str) -> Vec<String> {
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

/// An actor by id as a [`Party`]; an unknown id stands for itself.
pub fn party(registry: &Registry<crate::model::Actor>, id: &str) -> Party {
    match registry.items.get(id) {
        Some(actor) => Party {
            id: id.to_owned(),
            name: actor.name.clone(),
            short: actor.short.clone().unwrap_or_else(|| actor.name.clone()),
        },
        None => Party {
            id: id.to_owned(),
            name: id.to_owned(),
            short: id.to_owned(),
        },
    }
}

fn leads_of(p: &Provision) -> Vec<String> {
    match p.actor.as_ref().and_then(Disputable::settled) {
        Some(Actors::One(id)) => vec![id.clone()],
        Some(Actors::Many(ids)) => ids.clone(),
        None => Vec::new(),
    }
}

fn consulted_of(p: &Provision) -> Vec<String> {
    p.consults
        .as_ref()
        .and_then(Disputable::settled)
        .cloned()
        .unwrap_or_default()
}

fn through_of(p: &Provision) -> SmallMap<String> {
    p.acting_through
        .as_ref()
        .and_then(Disputable::settled)
        .cloned()
        .unwrap_or_default()
}

/// The roles of the wanted actors in a provision, strongest first.
fn roles(
    registry: &Registry<crate::model::Actor>,
    p: &Provision,
    wanted: &BTreeMap<String, String>,
) -> Vec<Role> {
    let through = through_of(p);
    let mut out = Vec::new();
    let mut add = |actor: &str, role: &'static str, acting_for: Option<&str>| {
        let Some(requested) = wanted.get(actor) else {
            return;
        };
        let party_of = |id: &str| party(registry, id);
        let component_of = (requested != actor).then(|| party_of(requested));
        let acting = acting_for.map(party_of);
        let text = match (role, &acting) {
            ("lead", _) => "leads".to_owned(),
            ("consulted", _) => "is consulted".to_owned(),
            ("acts-for-lead", Some(a)) => format!("acts for {}, a lead", a.short),
            (_, Some(a)) => format!("acts for {}, which is consulted", a.short),
            _ => role.to_owned(),
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
        add(&lead, "lead", None);
        if let Some(agent) = through.get(&lead) {
            add(agent, "acts-for-lead", Some(&lead));
        }
    }
    for consulted in consulted_of(p) {
        add(&consulted, "consulted", None);
        if let Some(agent) = through.get(&consulted) {
            add(agent, "acts-for-consulted", Some(&consulted));
        }
    }
    let rank = |r: &Role| match r.role {
        "lead" => 0,
        "acts-for-lead" => 1,
        "consulted" => 2,
        _ => 3,
    };
    out.sort_by_key(rank);
    out
}

/// The checklist item of any provision (the site's provision pages use it for every kind).
pub fn provision_item(
    spec: &Spec,
    instrument: &Instrument,
    version: &Version,
    p: &Located<Provision>,
    deadline: &Deadline,
    as_of: NaiveDate,
) -> Item {
    let soon = as_of
        .checked_add_days(Days::new(DUE_SOON_DAYS))
        .unwrap_or(as_of);
    item(
        spec,
        instrument,
        version,
        p,
        deadline,
        Vec::new(),
        as_of,
        soon,
    )
}

/// Every piece of status evidence of a provision, oldest first.
pub fn history(instrument: &Instrument, p: &Provision) -> Vec<Evidence> {
    p.status.iter().map(|s| evidence(instrument, s)).collect()
}

fn evidence(instrument: &Instrument, s: &crate::model::Status) -> Evidence {
    Evidence {
        as_of: s.as_of.to_string(),
        state: s.state.as_str(),
        done_on: s.done_on.as_ref().map(ToString::to_string),
        verified: s.verified,
        summary: s.summary.clone(),
        sources: sources(instrument, &s.sources),
    }
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
    let evidence = p.status_as_of(as_of).map(|s| evidence(instrument, s));
    let status = if deadline::completed(p, as_of).is_some()
        || evidence.as_ref().is_some_and(|e| e.state == "done")
    {
        Standing::Done
    } else {
        match deadline.earliest() {
            Some(date) if date < as_of => Standing::Overdue,
            Some(date) if date <= soon => Standing::DueSoon,
            _ => Standing::Open,
        }
    };
    Item {
        id: p.id.clone(),
        reference: p.reference.clone(),
        parent: p.parent.clone(),
        heading: p.heading.clone(),
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
        leads,
        consulted,
        group: roles.first().map(|r| r.role),
        roles,
        action: p.action.clone(),
        due: deadline.date().map(|d| d.to_string()),
        due_rule: deadline.explain(),
        status,
        evidence,
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
                crate::model::DisputableField::Consults(d) => {
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

/// A due rule in words: "30 days after the order date", "2 months after `survey` is
/// completed".
pub fn due_words(
    due: &crate::model::Due,
    anchors: &BTreeMap<String, Option<crate::model::Date>>,
) -> String {
    match due {
        crate::model::Due::Ongoing => "ongoing".to_owned(),
        crate::model::Due::Unknown => "unknown".to_owned(),
        crate::model::Due::On(date) => format!("on {date}"),
        crate::model::Due::Within { period, of } if anchors.contains_key(of) => {
            format!("{period} after the {}", of.replace('-', " "))
        }
        crate::model::Due::Within { period, of } => format!("{period} after `{of}` is completed"),
    }
}

/// The anchors of a version, from `instrument.yaml`.
pub fn anchors(
    instrument: &Instrument,
    version: &Version,
) -> BTreeMap<String, Option<crate::model::Date>> {
    instrument
        .version_info(&version.id)
        .map(|(_, info)| info.anchors.clone())
        .unwrap_or_default()
}

/// A parameter value in words: strings as written, lists joined.
pub fn value_words(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_words).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

/// The cited sources with their titles and addresses.
pub fn sources(instrument: &Instrument, cited: &[SourceRef]) -> Vec<SourceView> {
    cited
        .iter()
        .map(|s| {
            let known = instrument
                .info
                .as_ref()
                .and_then(|i| i.sources.get(&s.source));
            SourceView {
                id: s.source.clone(),
                title: known.map_or_else(|| s.source.clone(), |k| k.title.clone()),
                url: known.and_then(|k| k.url.clone()),
                site: known.and_then(|k| k.site.clone()),
                at: s.at.clone(),
            }
        })
        .collect()
}
