//! A provision: one directive, policy, definition or clause of a version.

use std::fmt;

use serde::de::{SeqAccess, Visitor, value::SeqAccessDeserializer};
use serde::{Deserialize, Serialize};

use super::{
    Confidence, Date, Disputable, Disputed, Due, LifecycleEvent, Reference, SmallMap, SourceRef,
};

/// One provision, as written in a section file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Provision {
    /// Stable identity across versions.
    pub id: String,
    /// Display number in this version, such as `2(d)`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The provision this one sits under.
    #[serde(default)]
    pub parent: Option<String>,
    /// Short title.
    #[serde(default)]
    pub heading: Option<String>,
    /// What the provision does.
    pub kind: Kind,
    /// How it speaks.
    pub modality: Disputable<Modality>,
    /// How binding it is.
    #[serde(default)]
    pub binding: Option<Disputable<Binding>>,
    /// The lead actor or joint leads.
    #[serde(default)]
    pub actor: Option<Disputable<Actors>>,
    /// Which component acts for an actor or consultee.
    #[serde(default)]
    pub acting_through: Option<Disputable<SmallMap<String>>>,
    /// Actors consulted.
    #[serde(default)]
    pub consults: Option<Disputable<Vec<String>>>,
    /// Actors the work is done in coordination with.
    #[serde(default)]
    pub coordinates_with: Option<Disputable<Vec<String>>>,
    /// Actors that receive the report, plan or other deliverable.
    #[serde(default)]
    pub reports_to: Option<Disputable<Vec<String>>>,
    /// Whether the duty falls on each lead separately, rather than on the leads jointly.
    #[serde(default)]
    pub each: bool,
    /// The provision (of the same version) whose completion makes this duty binding, such as
    /// the rule an agency must issue before private parties are bound.
    #[serde(default)]
    pub through: Option<String>,
    /// A condition on the duty, in the spec author's words ("as the Secretary deems
    /// appropriate").
    #[serde(default)]
    pub condition: Option<String>,
    /// Cross-references to other provisions or outside citations.
    #[serde(default)]
    pub refers_to: Vec<Reference>,
    /// What is to be done, in the spec author's words.
    pub action: String,
    /// When.
    #[serde(default)]
    pub due: Option<Disputable<Due>>,
    /// Quantities a reader or a diff must see.
    #[serde(default)]
    pub parameters: SmallMap<Disputable<serde_json::Value>>,
    /// Defined terms relied on.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// How sure the encoding is.
    pub confidence: Confidence,
    /// Fields whose values are inferred rather than attested.
    #[serde(default)]
    pub inferred: Vec<String>,
    /// Whether the provision was in this version at all, when sources disagree.
    #[serde(default)]
    pub presence: Option<Disputed<Presence>>,
    /// The verbatim text.
    #[serde(default)]
    pub text: Option<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Implementation evidence, oldest first.
    #[serde(default)]
    pub status: Vec<StatusEntry>,
    /// Warnings reviewed and accepted for this provision.
    #[serde(default)]
    pub acknowledge: Vec<Acknowledgement>,
    /// The act that revoked this provision on its own, if one did (boxed, as few provisions
    /// have one: each provision of a large spec is held in memory).
    #[serde(default)]
    pub revoked_by: Option<Box<LifecycleEvent>>,
    /// The act that superseded this provision on its own, if one did (boxed, as above).
    #[serde(default)]
    pub superseded_by: Option<Box<LifecycleEvent>>,
    /// The acts that amended this provision, oldest first.
    #[serde(default)]
    pub amended_by: Vec<LifecycleEvent>,
}

/// A warning accepted for a provision, and why.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Acknowledgement {
    /// The warning's code.
    pub warning: String,
    /// Why it is accepted.
    pub reason: String,
}

impl Provision {
    /// Its revocation, supersession and amendments, each with its pointer suffix.
    pub fn acts(&self) -> Vec<(super::Act, String, &LifecycleEvent)> {
        super::acts(
            self.revoked_by.as_deref(),
            self.superseded_by.as_deref(),
            &self.amended_by,
        )
    }

    /// The latest status entry dated on or before `as_of`: the evidence as it stood then.
    pub fn status_as_of(&self, as_of: chrono::NaiveDate) -> Option<&StatusEntry> {
        self.status
            .iter()
            .rev()
            .find(|s| s.as_of.get().is_some_and(|d| d <= as_of))
    }
}

/// The lead actor, or joint leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actors {
    /// One lead, written as a single id.
    One(String),
    /// Joint leads, written as a list.
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for Actors {
    /// An id (`parks`) or a list of ids (`[parks, library]`).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> Visitor<'de> for Form {
            type Value = Actors;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an actor id or a list of actor ids")
            }

            fn visit_str<E>(self, id: &str) -> Result<Actors, E> {
                Ok(Actors::One(id.to_owned()))
            }

            fn visit_string<E>(self, id: String) -> Result<Actors, E> {
                Ok(Actors::One(id))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Actors, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Actors::Many)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

impl Actors {
    /// The actor ids, each with its index when written as a list (`None` for a single id).
    pub fn ids_indexed(&self) -> impl Iterator<Item = (Option<usize>, &str)> {
        let (one, many) = match self {
            Actors::One(id) => (Some(id.as_str()), &[][..]),
            Actors::Many(ids) => (None, ids.as_slice()),
        };
        one.into_iter().map(|id| (None, id)).chain(
            many.iter()
                .enumerate()
                .map(|(i, id)| (Some(i), id.as_str())),
        )
    }

    /// The actor ids.
    pub fn ids(&self) -> Vec<&str> {
        self.ids_indexed().map(|(_, id)| id).collect()
    }

    /// Whether `id` is one of the actors.
    pub fn contains(&self, id: &str) -> bool {
        self.ids_indexed().any(|(_, a)| a == id)
    }
}

/// What a provision does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Someone must do something.
    Obligation,
    /// Someone may do something.
    Permission,
    /// Someone must not do something.
    Prohibition,
    /// A statement of policy.
    Policy,
    /// A finding or statement of purpose.
    Finding,
    /// A definition.
    Definition,
    /// A rule of construction ("nothing in this section shall be construed ...").
    Construction,
    /// General provisions (authority preserved, subject to appropriations, no rights created).
    General,
}

/// How a provision speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names are the modal verbs")]
pub enum Modality {
    Shall,
    ShallNot,
    May,
    MayNot,
    Should,
    Declaratory,
}

/// How binding a provision is on its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Binding {
    Mandatory,
    Voluntary,
    Discretionary,
    NonBinding,
}

/// Whether a provision was in a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Presence {
    Present,
    Absent,
}

/// One piece of implementation evidence: an entry of a provision's `status` history.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StatusEntry {
    /// The date the evidence speaks for.
    pub as_of: Date,
    /// The state it shows.
    pub state: State,
    /// When the provision was completed.
    #[serde(default)]
    pub done_on: Option<Date>,
    /// Whether checked against the primary record.
    #[serde(default)]
    pub verified: bool,
    /// The evidence, in the spec author's words.
    #[serde(default)]
    pub summary: Option<String>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// `children`: the evidence also stands for the provision's sub-items (by `parent`) that
    /// record none of their own.
    #[serde(default)]
    pub covers: Option<Covers>,
    /// Set on an entry a sub-item takes from an ancestor that covers its children: that
    /// ancestor's number, such as `2(c)`.
    #[serde(skip)]
    pub covered_by: Option<String>,
}

/// What a status entry stands for besides its own provision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Covers {
    /// The provision's sub-items, at every depth, that record no evidence of their own.
    Children,
}

/// Implementation state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// No evidence either way.
    Unknown,
    /// Known not to have started.
    NotStarted,
    /// Under way.
    InProgress,
    /// Completed.
    Done,
}

/// `as_str` for an enum of the spec: each variant's word as written in the spec, which is
/// also the word outputs show.
macro_rules! words {
    ($ty:ident { $($variant:ident => $word:literal),* $(,)? }) => {
        impl $ty {
            /// The value as written in the spec.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $word),* }
            }
        }
    };
}
pub(super) use words;

words!(Kind {
    Obligation => "obligation", Permission => "permission", Prohibition => "prohibition",
    Policy => "policy", Finding => "finding", Definition => "definition",
    Construction => "construction", General => "general",
});
words!(Modality {
    Shall => "shall", ShallNot => "shall-not", May => "may", MayNot => "may-not",
    Should => "should", Declaratory => "declaratory",
});
words!(Binding {
    Mandatory => "mandatory", Voluntary => "voluntary", Discretionary => "discretionary",
    NonBinding => "non-binding",
});
words!(Presence { Present => "present", Absent => "absent" });
words!(State { Unknown => "unknown", NotStarted => "not-started", InProgress => "in-progress", Done => "done" });

#[cfg(test)]
mod tests {
    /// Every provision of a spec is held in memory while it is checked (100,000 of them in a
    /// large spec), so its inline size is a cost per provision: a field that few provisions
    /// carry, and that is large, belongs behind a `Box` (as `revoked_by` and `superseded_by`
    /// are; inline they made a provision 976 bytes).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_provision_stays_small_inline() {
        let size = std::mem::size_of::<super::Provision>();
        assert!(size <= 720, "a provision takes {size} bytes inline");
    }
}
