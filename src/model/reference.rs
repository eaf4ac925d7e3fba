//! A cross-reference of a provision (`refers_to`): to a provision of the same instrument, to a
//! provision of another instrument of the spec, or to an outside citation in words.

use serde::Deserialize;

/// One entry of a provision's `refers_to`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawReference")]
pub struct Reference {
    /// What is referred to.
    pub target: Target,
    /// Why, or what of it, in the spec author's words.
    pub note: Option<String>,
}

/// What a cross-reference points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A provision of the spec: of this instrument when `instrument` is `None`, else of the
    /// instrument in that folder.
    Provision {
        /// The other instrument's folder, for `<instrument>/<id>`.
        instrument: Option<String>,
        /// The provision's id.
        id: String,
    },
    /// An outside citation in words, such as "15 U.S.C. 9401(3)".
    Citation(String),
}

impl Reference {
    /// The reference as written: `<id>`, `<instrument>/<id>` or the citation.
    pub fn written(&self) -> String {
        match &self.target {
            Target::Provision {
                instrument: Some(instrument),
                id,
            } => format!("{instrument}/{id}"),
            Target::Provision {
                instrument: None,
                id,
            } => id.clone(),
            Target::Citation(citation) => citation.clone(),
        }
    }
}

/// The mapping as written: `{ provision }` or `{ citation }`, with an optional `note`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    #[serde(default)]
    provision: Option<String>,
    #[serde(default)]
    citation: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

impl TryFrom<RawReference> for Reference {
    type Error = String;

    fn try_from(raw: RawReference) -> Result<Self, String> {
        let target = match (raw.provision, raw.citation) {
            (Some(provision), None) => match provision.split_once('/') {
                Some((instrument, id)) => Target::Provision {
                    instrument: Some(instrument.to_owned()),
                    id: id.to_owned(),
                },
                None => Target::Provision {
                    instrument: None,
                    id: provision,
                },
            },
            (None, Some(citation)) => Target::Citation(citation),
            _ => {
                return Err(
                    "a reference is `{ provision: <id> }` or `{ citation: <text> }`".to_owned(),
                );
            }
        };
        Ok(Reference {
            target,
            note: raw.note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Reference, Target};

    #[test]
    fn reads_each_form() {
        let read = |v: serde_json::Value| serde_json::from_value::<Reference>(v);
        let here = read(serde_json::json!({ "provision": "rule" })).unwrap();
        assert_eq!(
            here.target,
            Target::Provision {
                instrument: None,
                id: "rule".to_owned()
            }
        );
        let there = read(serde_json::json!({ "provision": "eo-1/sec-2", "note": "n" })).unwrap();
        assert_eq!(there.written(), "eo-1/sec-2");
        assert_eq!(there.note.as_deref(), Some("n"));
        let cite = read(serde_json::json!({ "citation": "15 U.S.C. 9401(3)" })).unwrap();
        assert_eq!(
            cite.target,
            Target::Citation("15 U.S.C. 9401(3)".to_owned())
        );
        assert!(read(serde_json::json!({ "provision": "a", "citation": "b" })).is_err());
        assert!(read(serde_json::json!({ "note": "b" })).is_err());
    }
}
