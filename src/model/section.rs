//! A section file: a section's number, heading and provisions.

use serde::Deserialize;

use super::SourceRef;

/// The header of a section file (its provisions are read one by one, see [`super::Section`]).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SectionHeader {
    /// Section number, such as `2`.
    pub section: String,
    /// Heading.
    #[serde(default)]
    pub heading: Option<String>,
    /// Fields that are inferred rather than attested.
    #[serde(default)]
    pub inferred: Vec<String>,
    /// Sources for the heading and numbering.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Free notes.
    #[serde(default)]
    pub notes: Option<String>,
}
