//! A citation of a source listed in `instrument.yaml`.

use serde::Deserialize;

/// A source id, optionally with where in the source.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawSourceRef")]
pub struct SourceRef {
    /// The id of a source in the instrument's `sources`.
    pub source: String,
    /// Where in the source: section, page or paragraph.
    pub at: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSourceRef {
    Id(String),
    Full { source: String, at: Option<String> },
}

impl From<RawSourceRef> for SourceRef {
    fn from(raw: RawSourceRef) -> Self {
        match raw {
            RawSourceRef::Id(source) => SourceRef { source, at: None },
            RawSourceRef::Full { source, at } => SourceRef { source, at },
        }
    }
}
