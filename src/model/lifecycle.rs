//! What later acts did to an instrument or a provision: `revoked_by`, `superseded_by` and
//! `amended_by`, each naming the act (another instrument of the spec, or a citation) and its
//! date.

use serde::Deserialize;

use super::{Date, SourceRef};

/// One act on an instrument or a provision, as written in the spec.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LifecycleEvent {
    /// The id of the instrument of the spec that did it (exactly one of this and
    /// `citation`; the schema says so).
    #[serde(default)]
    pub instrument: Option<String>,
    /// A citation of an instrument outside the spec, such as `EO 14148, 90 FR 8237`.
    #[serde(default)]
    pub citation: Option<String>,
    /// The date it took effect.
    pub date: Date,
    /// The section of the acting instrument that did it, such as `2(a)`.
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
    /// Sources of the instrument file that record it.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

impl LifecycleEvent {
    /// What did it: the instrument's id or the citation.
    pub fn by(&self) -> &str {
        self.instrument
            .as_deref()
            .or(self.citation.as_deref())
            .unwrap_or_default()
    }
}

/// What an act did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Act {
    /// Revoked: the duties end on the date.
    Revoked,
    /// Superseded: replaced by another act; the duties end on the date.
    Superseded,
    /// Amended: changed, without ending.
    Amended,
}

impl Act {
    /// The key that records it: `revoked_by`, ...
    pub fn key(self) -> &'static str {
        match self {
            Act::Revoked => "revoked_by",
            Act::Superseded => "superseded_by",
            Act::Amended => "amended_by",
        }
    }

    /// The act as a past participle: `revoked`, `superseded`, `amended`.
    pub fn as_str(self) -> &'static str {
        match self {
            Act::Revoked => "revoked",
            Act::Superseded => "superseded",
            Act::Amended => "amended",
        }
    }

    /// The inverse, as the acting instrument does it: `revokes`, ...
    pub fn active(self) -> &'static str {
        match self {
            Act::Revoked => "revokes",
            Act::Superseded => "supersedes",
            Act::Amended => "amends",
        }
    }
}

/// The three keys, borrowed together, with the pointer suffix of each act.
pub fn acts<'a>(
    revoked_by: Option<&'a LifecycleEvent>,
    superseded_by: Option<&'a LifecycleEvent>,
    amended_by: &'a [LifecycleEvent],
) -> Vec<(Act, String, &'a LifecycleEvent)> {
    let mut out = Vec::new();
    if let Some(e) = revoked_by {
        out.push((Act::Revoked, "/revoked_by".to_owned(), e));
    }
    if let Some(e) = superseded_by {
        out.push((Act::Superseded, "/superseded_by".to_owned(), e));
    }
    for (i, e) in amended_by.iter().enumerate() {
        out.push((Act::Amended, format!("/amended_by/{i}"), e));
    }
    out
}

/// The act that ends the duties (a revocation or a supersession) in effect on `as_of`: the
/// earliest one dated on or before it.
pub fn ended_as_of<'a>(
    revoked_by: Option<&'a LifecycleEvent>,
    superseded_by: Option<&'a LifecycleEvent>,
    as_of: chrono::NaiveDate,
) -> Option<(Act, &'a LifecycleEvent)> {
    [
        revoked_by.map(|e| (Act::Revoked, e)),
        superseded_by.map(|e| (Act::Superseded, e)),
    ]
    .into_iter()
    .flatten()
    .filter_map(|(act, e)| Some((e.date.get()?, act, e)))
    .filter(|(date, _, _)| *date <= as_of)
    .min_by_key(|(date, act, _)| (*date, *act))
    .map(|(_, act, e)| (act, e))
}
