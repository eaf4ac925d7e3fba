//! A defined term of a version, from `terms.yaml`.

use serde::Deserialize;

use super::Confidence;
use super::SourceRef;
use super::provision::words;

/// One defined (or relied-on) term.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Term {
    /// The term as the instrument writes it.
    pub term: String,
    /// Its meaning, in the spec author's words.
    pub meaning: String,
    /// How the instrument defines it.
    pub defined: Definedness,
    /// The provision that establishes it.
    #[serde(default)]
    pub defined_in: Option<String>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// How sure the encoding is.
    pub confidence: Confidence,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// How a term is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Definedness {
    /// The text defines it.
    Explicit,
    /// The text describes it without a definition.
    Operational,
    /// It takes its meaning from another law.
    Statutory,
    /// No definition found.
    Undefined,
}

words!(Definedness {
    Explicit => "explicit", Operational => "operational", Statutory => "statutory",
    Undefined => "undefined",
});
