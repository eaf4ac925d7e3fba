//! How sure an encoding or a reading is.

use serde::Deserialize;

use super::provision::words;

/// How sure an encoding or a reading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[expect(missing_docs, reason = "the names say it")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

words!(Confidence { High => "high", Medium => "medium", Low => "low" });
