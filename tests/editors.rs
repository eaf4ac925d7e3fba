//! What editors see: the `# yaml-language-server: $schema=` line of every spec file points at
//! the schema of its kind, and the spec files' schemas speak to a person: a sentence with an
//! example for each pattern, a description for each enum value, Markdown hovers with YAML
//! examples that are themselves valid, and `format: date` beside every date pattern.

use std::fs;
use std::path::{Path, PathBuf};

use orderly::testing::{FileKind, parse_value_general};
use orderly::{Limits, SCHEMAS};
use serde_json::{Value, json};

use crate::support::repo;

/// Every file under `dir`, depth first, in name order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The schema a spec file of this name is validated against.
fn kind_schema(path: &Path) -> &'static str {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("actors.yaml") => "actors.schema.json",
        Some("instrument.yaml") => "instrument.schema.json",
        Some("terms.yaml") => "terms.schema.json",
        _ => "section.schema.json",
    }
}

/// Every `$schema=` modeline in `spec/` and `tests/fixtures/` resolves, relative to its file,
/// to the schema of that file's kind in `schemas/`.
#[test]
fn every_schema_modeline_resolves() {
    let root = repo();
    let schemas = root.join("schemas").canonicalize().unwrap();
    let mut seen = 0;
    let mut wrong = Vec::new();
    for base in ["spec", "tests/fixtures"] {
        for path in files(&root.join(base)) {
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                let Some((_, target)) = line.split_once("yaml-language-server: $schema=") else {
                    continue;
                };
                seen += 1;
                let target = target.trim();
                let resolved = path.parent().unwrap().join(target).canonicalize();
                let want = schemas.join(kind_schema(&path));
                if resolved.as_deref().ok() != Some(want.as_path()) {
                    wrong.push(format!(
                        "{}: {target}",
                        path.strip_prefix(&root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "modelines that miss their schema:\n{}",
        wrong.join("\n")
    );
    assert!(seen > 100, "{seen} modelines");
}

/// Every node of a schema, with its JSON pointer and whether it sits under an `if` (a
/// condition, which no one fills in).
fn nodes<'a>(value: &'a Value, at: &str, in_if: bool, out: &mut Vec<(String, bool, &'a Value)>) {
    match value {
        Value::Object(map) => {
            out.push((at.to_owned(), in_if, value));
            for (key, item) in map {
                nodes(item, &format!("{at}/{key}"), in_if || key == "if", out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nodes(item, &format!("{at}/{i}"), in_if, out);
            }
        }
        _ => {}
    }
}

/// The spec files' schemas (the ones editors bind), parsed.
fn spec_schemas() -> Vec<(&'static str, Value)> {
    SCHEMAS
        .iter()
        .filter(|(kind, _, _)| FileKind::ALL.iter().any(|k| k.name() == *kind))
        .map(|(_, name, text)| (*name, serde_json::from_str(text).unwrap()))
        .collect()
}

/// A message a person reads: a capitalised sentence that ends in a full stop.
fn is_sentence(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase) && text.ends_with('.')
}

/// The YAML language server shows `patternErrorMessage` instead of the raw regular expression:
/// every pattern in a spec file's schema has one, a sentence with an example.
#[test]
fn every_pattern_has_a_message_with_an_example() {
    let mut patterns = 0;
    for (name, schema) in spec_schemas() {
        let mut all = Vec::new();
        nodes(&schema, "", false, &mut all);
        for (at, _, node) in all {
            let Some(pattern) = node.get("pattern") else {
                continue;
            };
            patterns += 1;
            let message = node["patternErrorMessage"].as_str().unwrap_or_default();
            assert!(
                is_sentence(message) && message.contains(", for example "),
                "{name}{at}: pattern {pattern} has message {message:?}"
            );
        }
    }
    assert!(patterns >= 10, "{patterns} patterns");
}

/// Every date pattern, in every schema, has `format: date` beside it, so that a validator that
/// checks formats refuses `2026-02-30`.
#[test]
fn every_date_pattern_has_the_date_format() {
    let mut dates = 0;
    for (_, name, text) in SCHEMAS {
        let schema: Value = serde_json::from_str(text).unwrap();
        let mut all = Vec::new();
        nodes(&schema, "", false, &mut all);
        for (at, _, node) in all {
            if node.get("pattern").and_then(Value::as_str) == Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$") {
                dates += 1;
                assert_eq!(node.get("format"), Some(&json!("date")), "{name}{at}");
            }
        }
    }
    assert!(dates >= 5, "{dates} date patterns");
}

/// Every enum a spec file fills in has a description per value, in Markdown and in plain text,
/// as VS Code's JSON service and the YAML language server read them.
#[test]
fn every_enum_value_has_a_description() {
    let mut enums = 0;
    for (name, schema) in spec_schemas() {
        let mut all = Vec::new();
        nodes(&schema, "", false, &mut all);
        for (at, in_if, node) in all {
            let Some(values) = node.get("enum").and_then(Value::as_array) else {
                continue;
            };
            if in_if {
                continue;
            }
            enums += 1;
            for key in ["markdownEnumDescriptions", "enumDescriptions"] {
                let described = node[key].as_array().map_or(&[][..], Vec::as_slice);
                assert_eq!(described.len(), values.len(), "{name}{at}: {key}");
                assert!(
                    described
                        .iter()
                        .all(|d| d.as_str().is_some_and(|d| !d.trim().is_empty())),
                    "{name}{at}: {key}"
                );
            }
            assert!(
                node["enumDescriptions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| !d.as_str().unwrap().contains('`')),
                "{name}{at}: plain-text descriptions hold no Markdown"
            );
        }
    }
    assert!(enums >= 20, "{enums} enums");
}

/// Hovers render `markdownDescription` (a plain `description` shows its backticks escaped):
/// every description in a spec file's schema has one that says the same as a sentence.
#[test]
fn every_description_has_a_markdown_one() {
    for (name, schema) in spec_schemas() {
        let mut all = Vec::new();
        nodes(&schema, "", false, &mut all);
        for (at, _, node) in all {
            let Some(description) = node.get("description").and_then(Value::as_str) else {
                continue;
            };
            let markdown = node["markdownDescription"].as_str().unwrap_or_default();
            let first = markdown.split("\n\n").next().unwrap_or_default();
            assert!(
                first.to_lowercase().trim_end_matches('.')
                    == description.to_lowercase().trim_end_matches('.'),
                "{name}{at}: {first:?} against {description:?}"
            );
            assert!(first.ends_with('.'), "{name}{at}: {first:?}");
        }
    }
}

/// The YAML examples in the hovers are right: each one, parsed, is valid against the schema
/// node it explains (a one-key example against the key's schema), dates included.
#[test]
fn every_hover_example_is_valid() {
    let mut examples = 0;
    for (name, schema) in spec_schemas() {
        let mut all = Vec::new();
        nodes(&schema, "", false, &mut all);
        for (at, _, node) in all {
            let Some(markdown) = node.get("markdownDescription").and_then(Value::as_str) else {
                continue;
            };
            let Some((_, block)) = markdown.split_once("```yaml\n") else {
                continue;
            };
            let yaml = block.split("```").next().unwrap();
            let mut value = parse_value_general(yaml, &Limits::default())
                .unwrap_or_else(|e| panic!("{name}{at}: {e:?}\n{yaml}"))
                .expect("an example holds a value");
            if !at.is_empty() {
                let map = value.as_object().expect("an example is a mapping");
                assert_eq!(map.len(), 1, "{name}{at}: one key\n{yaml}");
                value = map.values().next().unwrap().clone();
            }
            // The node checked with the whole schema's definitions around it.
            let mut defs = schema["$defs"].clone();
            defs["__root"] = schema.clone();
            let wrapper = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$defs": defs,
                "$ref": format!("#/$defs/__root{at}"),
            });
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .build(&wrapper)
                .unwrap_or_else(|e| panic!("{name}{at}: {e}"));
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{name}{at}: {errors:?}\n{yaml}");
            examples += 1;
        }
    }
    assert!(examples >= 30, "{examples} examples");
}
