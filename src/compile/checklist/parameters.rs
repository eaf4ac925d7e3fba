//! A provision's parameters in words, with their units: `access_window: 30d` reads "access
//! window: 30 days", and a list keeps its items so that outputs can show it as a list.

use serde::Serialize;
use serde_json::Value;

use super::super::views::value_words;
use crate::model::{Confidence, Disputable, Period, Provision};

/// One parameter of a provision, in words.
#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    /// The name as written in the spec, such as `access_window`.
    pub name: String,
    /// The name in words, such as `access window`.
    pub label: String,
    /// The value in words, such as `30 days`; a list's items joined with commas; for a
    /// disputed value, each reading with its confidence, joined with "or".
    pub value: String,
    /// A settled list's items in words (empty otherwise).
    pub items: Vec<String>,
    /// Whether the value is disputed.
    pub disputed: bool,
}

/// Every parameter of a provision, in the order written.
pub(super) fn of(p: &Provision) -> Vec<Parameter> {
    p.parameters
        .iter()
        .map(|(name, value)| {
            let (value, items, disputed) = match value {
                Disputable::Settled(v) => {
                    let items = match v {
                        Value::Array(list) => list.iter().map(words).collect(),
                        _ => Vec::new(),
                    };
                    (words(v), items, false)
                }
                Disputable::Disputed(_) => {
                    let readings: Vec<String> = value
                        .readings()
                        .iter()
                        .map(|r| {
                            format!(
                                "{} ({} confidence)",
                                words(&r.reading),
                                Confidence::as_str(r.confidence)
                            )
                        })
                        .collect();
                    (readings.join(" or "), Vec::new(), true)
                }
            };
            Parameter {
                name: name.clone(),
                label: name.replace('_', " "),
                value,
                items,
                disputed,
            }
        })
        .collect()
}

/// A value in words: a period such as `30d` with its unit ("30 days"), a list's items joined
/// with commas, anything else as [`value_words`] gives it.
fn words(value: &Value) -> String {
    match value {
        Value::String(s) => {
            Period::try_from(s.clone()).map_or_else(|_| s.clone(), |p| p.to_string())
        }
        Value::Array(list) => list.iter().map(words).collect::<Vec<_>>().join(", "),
        other => value_words(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_with_their_units_and_other_text_as_written() {
        assert_eq!(words(&Value::from("30d")), "30 days");
        assert_eq!(words(&Value::from("1w")), "1 week");
        assert_eq!(words(&Value::from("voluntary")), "voluntary");
        assert_eq!(words(&Value::from("Sec. 3")), "Sec. 3");
        assert_eq!(
            words(&serde_json::json!(["confidentiality", "2m"])),
            "confidentiality, 2 months"
        );
    }
}
