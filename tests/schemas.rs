//! The embedded JSON Schemas: each is draft 2020-12 with an `$id`, compiles, matches its file in
//! `schemas/`, and shares its common definitions word for word with the others.

use std::collections::BTreeMap;

use orderly::SCHEMAS;
use orderly::diagnostic::{Code, Severity};
use serde_json::Value;

use crate::support::{names, repo};

#[test]
fn every_schema_file_is_embedded_and_compiles() {
    let mut embedded: Vec<&str> = SCHEMAS.iter().map(|(_, name, _)| *name).collect();
    embedded.sort_unstable();
    assert_eq!(names(&repo().join("schemas")), embedded);
    for (_, name, text) in SCHEMAS {
        let on_disk = std::fs::read_to_string(repo().join("schemas").join(name)).unwrap();
        assert_eq!(on_disk, text, "{name}");
        let schema: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(
            schema["$id"]
                .as_str()
                .is_some_and(|id| id.starts_with("urn:orderly:schema:")),
            "{name}"
        );
        jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("{name}: {e}"));
        jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// A provision can acknowledge exactly the warnings that checks report inside provisions.
#[test]
fn acknowledgeable_warnings_are_the_provision_warnings() {
    let schema: Value = serde_json::from_str(orderly::testing::schema_text(
        orderly::testing::FileKind::Section,
    ))
    .unwrap();
    let listed: Vec<&str> = schema["$defs"]["acknowledgement"]["properties"]["warning"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let not_in_provisions = [Code::UnusedSource, Code::UnusedAcknowledgement];
    let expected: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.default_severity() == Severity::Warning && !not_in_provisions.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert_eq!(listed, expected);
}

/// The keywords only editors read, which only the spec files' schemas carry (ajv's strict mode
/// refuses keywords it does not know, and nobody edits an output by hand).
pub(crate) const EDITOR_KEYWORDS: [&str; 4] = [
    "markdownDescription",
    "patternErrorMessage",
    "markdownEnumDescriptions",
    "enumDescriptions",
];

/// A schema without its editor keywords.
fn without_editor_keywords(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !EDITOR_KEYWORDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_editor_keywords(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_editor_keywords).collect()),
        other => other.clone(),
    }
}

/// A definition of the same name says the same in every schema: word for word among the spec
/// files' schemas, and but for the editor keywords between those and the output schemas.
#[test]
fn shared_definitions_are_identical() {
    let is_spec = |kind: &str| {
        orderly::testing::FileKind::ALL
            .iter()
            .any(|k| k.name() == kind)
    };
    for (spec_only, strip) in [(true, false), (false, true)] {
        let mut seen: BTreeMap<String, (&str, Value)> = BTreeMap::new();
        for (kind, name, text) in SCHEMAS {
            if spec_only && !is_spec(kind) {
                continue;
            }
            let mut schema: Value = serde_json::from_str(text).unwrap();
            if strip {
                schema = without_editor_keywords(&schema);
            }
            for (def, body) in schema["$defs"].as_object().unwrap() {
                if let Some((first, other)) = seen.get(def) {
                    assert_eq!(
                        other, body,
                        "`$defs/{def}` differs between {first} and {name}"
                    );
                } else {
                    seen.insert(def.clone(), (name, body.clone()));
                }
            }
        }
    }
}
