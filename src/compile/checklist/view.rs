//! The checklist as data: what [`build_with`](super::build_with) returns and the outputs
//! render, serialised as the checklist JSON (`orderly schema checklist`).

use serde::Serialize;

use super::{
    ActorFilter, Concern, Lead, Parameter, RecurrenceView, ReferenceView, RevokedView, Role,
    RoleKind, StatusClass, ThroughView,
};
use crate::compile::views::{
    DisputedReading, Evidence, InstrumentView, Party, SectionView, SourceView, VersionView,
};

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
    /// The page's title: "EO 1: checklist (signed)", or for an actor's view "EO 1: for
    /// Parks, must do and may do (signed)".
    pub title: String,
    /// The groups that hold items, in the order views show them.
    pub groups: Vec<Group>,
    /// Counts by status.
    pub summary: Summary,
    /// The items, in document order.
    pub items: Vec<Item>,
}

/// A group of a view and the items in it.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Which group.
    pub concern: Concern,
    /// Its heading: "Must do", "May do", "Consulted on", "Protected or limited by" (for every
    /// actor: "Obligations and prohibitions", ...).
    pub title: &'static str,
    /// The ids of its items, in document order.
    pub items: Vec<String>,
}

/// Counts by status (of the items that have one) and by group.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    /// All items.
    pub items: usize,
    /// Items with a status: obligations and prohibitions. The counts by status below count
    /// these; permissions, constructions and general provisions have none.
    pub tracked: usize,
    /// Items in the group `must-do`.
    pub must_do: usize,
    /// Items in the group `may-do`.
    pub may_do: usize,
    /// Items in the group `consulted-on`.
    pub consulted_on: usize,
    /// Items in the group `protected-by`.
    pub protected_by: usize,
    /// Done.
    pub done: usize,
    /// Past due and not done.
    pub overdue: usize,
    /// Due within [`DUE_SOON_DAYS`](super::DUE_SOON_DAYS).
    pub due_soon: usize,
    /// Everything else.
    pub open: usize,
    /// Of `done`, those done after their due date.
    pub late: usize,
    /// Of `overdue`, those whose evidence, gathered after the due date, says they are not done.
    pub known_overdue: usize,
    /// Of `overdue`, those with no evidence either way: past due, completion unknown.
    pub past_due_unknown: usize,
    /// Of `open`, those not yet binding: they bind only once another provision is done.
    pub pending: usize,
    /// Not done, and revoked or superseded on or before the date (counted in no other class).
    pub revoked: usize,
}

/// Where an item stands as of the checklist's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// The latest evidence says it is done.
    Done,
    /// Its deadline has passed and no evidence says it is done.
    Overdue,
    /// Its deadline is within [`DUE_SOON_DAYS`](super::DUE_SOON_DAYS).
    DueSoon,
    /// Not done, and not due soon or past due (or no date).
    Open,
    /// Not done, and revoked or superseded on or before the date.
    Revoked,
}

impl Standing {
    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Overdue => "overdue",
            Standing::DueSoon => "due-soon",
            Standing::Open => "open",
            Standing::Revoked => "revoked",
        }
    }
}

/// A disputed field and its readings.
#[derive(Clone, Debug, Serialize)]
pub struct Dispute {
    /// The field, such as `binding`.
    pub field: String,
    /// Each reading in words, with its confidence and sources.
    pub readings: Vec<DisputedReading>,
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
    /// The section it sits in, with what of the section's header is inferred.
    pub section: Option<SectionView>,
    /// `obligation` or `prohibition`; with [`Include`](super::Include), also `permission`, `construction`
    /// or `general`.
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
    /// Actors the work is done in coordination with.
    pub coordinates_with: Vec<Party>,
    /// Actors that receive the report, plan or other deliverable.
    pub reports_to: Vec<Party>,
    /// Whether the duty falls on each lead separately. Then an actor's checklist gives each
    /// lead its own item, naming only that lead in `leads`; the checklist of all actors gives
    /// one item, whose `leads` are all of them.
    pub each: bool,
    /// When `each`: every lead the duty falls on separately; empty otherwise.
    pub each_of: Vec<Party>,
    /// The provision the duty binds through: until it is done, the item is pending.
    pub through: Option<ThroughView>,
    /// A condition on the duty, in the spec author's words.
    pub condition: Option<String>,
    /// Cross-references to other provisions or outside citations.
    pub refers_to: Vec<ReferenceView>,
    /// The filtered actor's roles (empty when not filtered), strongest first.
    pub roles: Vec<Role>,
    /// The strongest role: `lead`, `acts-for-lead`, `consulted`, `acts-for-consulted`, or
    /// null when not filtered or when the actor has no role (a construction that concerns
    /// it). Views group by [`Item::concern`].
    pub group: Option<RoleKind>,
    /// The group of a view the item falls in.
    pub concern: Concern,
    /// For a permission: from when it is available ("once 3(b) (Framework) is done; 3(b) is
    /// due 2026-08-01"); null otherwise.
    pub available: Option<String>,
    /// For a construction or general provision: why it concerns the filtered actor (or, not
    /// filtered, whom it concerns); null otherwise.
    pub concerns: Option<String>,
    /// What is to be done.
    pub action: String,
    /// The provision's parameters in words, in the order written.
    pub parameters: Vec<Parameter>,
    /// The due date (YYYY-MM-DD), or null.
    pub due: Option<String>,
    /// How the due date was computed, or why there is none.
    pub due_rule: String,
    /// What kind of deadline it is: `date`, `ongoing`, `unknown` (one exists but the source
    /// does not give it), `none` (a one-time duty with no deadline), `pending`, `unresolved`,
    /// `disputed` or `not-applicable`.
    pub due_kind: &'static str,
    /// How the deadline recurs, when it does (`due` is then the next occurrence on or after
    /// the checklist's date, or the last one when none is left).
    pub recurrence: Option<RecurrenceView>,
    /// `done`, `overdue`, `due-soon` or `open`: the coarse standing, where `overdue` means past
    /// due and not known to be done (a pending item is `open`).
    pub status: Standing,
    /// The finer standing that outputs show: `done`, `late`, `overdue`, `past-due-unknown`,
    /// `due-soon`, `open` or `pending` (not yet binding; see `through`).
    pub status_class: StatusClass,
    /// The status class in words ("past due, completion unknown").
    pub status_words: &'static str,
    /// Days past the due date: to the checklist's date when not done, to the completion date
    /// when done late; null otherwise.
    pub days_past_due: Option<i64>,
    /// The date the status counts from (YYYY-MM-DD): the due date, or the earliest reading's
    /// when the deadline is disputed; null when there is none.
    pub due_counted: Option<String>,
    /// Whether the deadline is disputed (the status then counts from its earliest reading).
    pub due_disputed: bool,
    /// The act that ended the duty by the checklist's date (the status is then `revoked`,
    /// unless it was done), or null.
    pub revoked: Option<RevokedView>,
    /// The latest evidence as of the checklist's date.
    pub evidence: Option<Evidence>,
    /// The first sentence of the latest evidence's summary, for a table cell.
    pub evidence_line: Option<String>,
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
