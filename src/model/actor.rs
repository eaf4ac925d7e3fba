//! An actor: a department, agency, office, official or committee, from `actors.yaml`.

use serde::Deserialize;

/// One entry of the actors registry.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Actor {
    /// Full name.
    pub name: String,
    /// Short name or acronym.
    #[serde(default)]
    pub short: Option<String>,
    /// What sort of actor.
    pub kind: ActorKind,
    /// The actor this one belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// The official who heads it.
    #[serde(default)]
    pub head: Option<String>,
    /// Other names in use.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// What sort of actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum ActorKind {
    Department,
    Agency,
    Component,
    Office,
    Official,
    Committee,
    Council,
    Court,
    Legislature,
    Organization,
}
