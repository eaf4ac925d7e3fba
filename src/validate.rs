//! Validate: each file's value against the JSON Schema of its kind.
//!
//! The schemas in `schemas/` are embedded in the binary ([`SCHEMAS`]) and compiled once per run,
//! on first use. A valid file costs one `is_valid` call; only an invalid one goes through
//! `iter_errors`, and each error becomes a diagnostic in our words: a code per failed rule, the
//! JSON pointer of the offending value (resolved to line:col later), and help taken from the
//! schema itself (allowed values, the field's description, the nearest known field name).

use std::sync::OnceLock;

use jsonschema::error::{ValidationError, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::{At, Code, Diagnostic};
use crate::discover::FileKind;
use crate::load::doc::{DocJson, DocNode};
use crate::source::FileId;
use crate::suggest::suggest;
use crate::text::{list_ticked, pointer};

/// The embedded schemas: name (as `orderly schema NAME` takes it), file name, text. The first
/// four are the spec's file kinds; the others document the JSON outputs.
pub const SCHEMAS: [(&str, &str, &str); 7] = [
    (
        "actors",
        "actors.schema.json",
        include_str!("../schemas/actors.schema.json"),
    ),
    (
        "instrument",
        "instrument.schema.json",
        include_str!("../schemas/instrument.schema.json"),
    ),
    (
        "section",
        "section.schema.json",
        include_str!("../schemas/section.schema.json"),
    ),
    (
        "terms",
        "terms.schema.json",
        include_str!("../schemas/terms.schema.json"),
    ),
    (
        "checklist",
        "checklist.schema.json",
        include_str!("../schemas/checklist.schema.json"),
    ),
    (
        "timeline",
        "timeline.schema.json",
        include_str!("../schemas/timeline.schema.json"),
    ),
    (
        "diff",
        "diff.schema.json",
        include_str!("../schemas/diff.schema.json"),
    ),
];

/// The schema text of a name, if there is one.
pub fn schema_by_name(name: &str) -> Option<&'static str> {
    SCHEMAS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, text)| *text)
}

/// A compiled schema and its JSON, which error messages look things up in.
struct Compiled {
    schema: Value,
    validator: jsonschema::Validator<DocJson>,
}

/// The schema text of a kind of spec file.
pub fn schema_text(kind: FileKind) -> &'static str {
    // Every kind's name is a schema's (tested below): a miss is a build defect.
    schema_by_name(kind.name()).expect("every file kind has an embedded schema")
}

fn compiled(kind: FileKind) -> &'static Compiled {
    // One cell per kind, chosen by an exhaustive `match`: a new kind does not compile until it
    // has a cell of its own, and no kind can share another's schema.
    static ACTORS: OnceLock<Compiled> = OnceLock::new();
    static INSTRUMENT: OnceLock<Compiled> = OnceLock::new();
    static SECTION: OnceLock<Compiled> = OnceLock::new();
    static TERMS: OnceLock<Compiled> = OnceLock::new();
    let cell = match kind {
        FileKind::Actors => &ACTORS,
        FileKind::Instrument => &INSTRUMENT,
        FileKind::Section => &SECTION,
        FileKind::Terms => &TERMS,
    };
    cell.get_or_init(|| {
        // The embedded schemas are tested to parse and compile (tests/schemas.rs), so failure
        // here is a build defect, not a user error.
        let schema: Value =
            serde_json::from_str(schema_text(kind)).expect("embedded schema is JSON");
        let validator = jsonschema::options_for::<DocJson>()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_format("date", any_date)
            .build(&schema)
            .expect("embedded schema compiles");
        Compiled { schema, validator }
    })
}

/// The `date` format as orderly checks it: not at all. The schemas give dates `format: date` so
/// that editors and other validators flag `2026-02-30`; here the `pattern` beside it checks the
/// YYYY-MM-DD shape, and the `invalid-date` check reports a day that does not exist, once, with
/// the reason (the model reads such a date as written). Checking the format here too would
/// report it twice.
fn any_date(_: &str) -> bool {
    true
}

/// Validates a file's document; returns one diagnostic per problem.
pub fn validate(kind: FileKind, file: FileId, value: DocNode<'_>) -> Vec<Diagnostic> {
    let compiled = compiled(kind);
    if compiled.validator.is_valid(value) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for error in compiled.validator.iter_errors(value) {
        describe(&compiled.schema, file, &error, &mut out);
    }
    out
}

/// Turns one validation error into diagnostics.
fn describe(schema: &Value, file: FileId, error: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
    let instance_path = error.instance_path().as_str().to_owned();
    let schema_path = error.schema_path().as_str();
    let instance = error.instance();
    let at = At::value(instance_path.clone());
    let diagnostic = match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let mut d = Diagnostic::new(
                Code::MissingField,
                file,
                at,
                format!("missing field `{name}`"),
            )
            .with_label(format!("needs `{name}`"));
            if let Some(description) = property_description(schema, schema_path, name) {
                d = d.with_help(format!("`{name}`: {description}"));
            }
            d
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = known_properties(schema, schema_path);
            for name in unexpected {
                let field = format!("{instance_path}{}", pointer([name]));
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    file,
                    At::key(field),
                    format!("unknown field `{name}`"),
                )
                .with_label("not a field here");
                if let Some(best) = suggest(name, known.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                } else if !known.is_empty() {
                    d = d.with_help(format!("known fields: {}", list_ticked(&known, "and")));
                }
                out.push(d);
            }
            return;
        }
        ValidationErrorKind::Type { .. } => {
            let expected = schema_at(schema, schema_path)
                .map_or_else(|| "another type".to_owned(), type_names);
            let mut d = Diagnostic::new(
                Code::WrongType,
                file,
                at,
                format!("expected {expected}, found {}", type_name(instance)),
            )
            .with_label(format!("should be {expected}"));
            if expected.contains("text") && (instance.is_number() || instance.is_boolean()) {
                d = d.with_help(format!("quote the value to make it text: \"{instance}\""));
            } else if let Some(description) = nearest_description(schema, schema_path) {
                d = d.with_help(format!("expected {description}"));
            }
            d
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|o| o.iter().map(plain).collect())
                .unwrap_or_default();
            let shown = plain(instance);
            let mut d = Diagnostic::new(
                Code::InvalidValue,
                file,
                at,
                format!("`{shown}` is not an allowed value"),
            )
            .with_label("not allowed here");
            if let Some(best) = suggest(&shown, allowed.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{best}`?"));
            }
            d.with_help(format!("allowed values: {}", list_ticked(&allowed, "or")))
        }
        ValidationErrorKind::Constant { expected_value } => {
            let mut d = Diagnostic::new(
                Code::InvalidValue,
                file,
                at,
                format!("`{}` is not an allowed value", plain(instance)),
            )
            .with_label(format!("expected `{}`", plain(expected_value)));
            if let Some(description) = nearest_description(schema, schema_path) {
                d = d.with_help(format!("expected {description}"));
            }
            d
        }
        ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
            format_error(schema, schema_path, file, at, instance)
        }
        ValidationErrorKind::PropertyNames { error: inner } => {
            let name = plain(inner.instance());
            let at = At::key(format!("{instance_path}{}", pointer([&name])));
            let inner_path = format!("{schema_path}{}", inner.schema_path().as_str());
            let mut d = Diagnostic::new(
                Code::InvalidFormat,
                file,
                at,
                format!("`{name}` is not a valid name here"),
            )
            .with_label("invalid name");
            if let Some(description) = nearest_description(schema, &inner_path) {
                d = d.with_help(format!("expected {description}"));
            }
            d
        }
        ValidationErrorKind::MinLength { .. } => {
            Diagnostic::new(Code::EmptyValue, file, at, "text must not be empty")
                .with_label("empty")
        }
        ValidationErrorKind::MinItems { limit } => {
            let mut d = Diagnostic::new(
                Code::EmptyValue,
                file,
                at,
                format!(
                    "list needs at least {}",
                    crate::text::count(usize::try_from(*limit).unwrap_or(usize::MAX), "item")
                ),
            )
            .with_label(format!(
                "{} here",
                crate::text::count(instance.as_array().map_or(0, Vec::len), "item")
            ));
            if let Some(description) = nearest_description(schema, schema_path) {
                d = d.with_help(format!("expected {description}"));
            }
            d
        }
        ValidationErrorKind::UniqueItems => {
            let items = instance.as_array().map_or(&[][..], Vec::as_slice);
            let repeat = (1..items.len()).find(|&j| items[..j].contains(&items[j]));
            match repeat {
                Some(j) => {
                    let first = items.iter().position(|item| *item == items[j]).unwrap_or(0);
                    Diagnostic::new(
                        Code::DuplicateItem,
                        file,
                        At::value(format!("{instance_path}/{j}")),
                        format!("`{}` is listed twice", plain(&items[j])),
                    )
                    .with_label("repeated")
                    .with_related(
                        file,
                        At::value(format!("{instance_path}/{first}")),
                        "first listed here",
                    )
                }
                None => Diagnostic::new(Code::DuplicateItem, file, at, "list repeats an item"),
            }
        }
        kind => Diagnostic::new(Code::Schema, file, at, error.to_string())
            .with_note(format!("schema rule `{}` at {schema_path}", kind.keyword())),
    };
    out.push(diagnostic);
}

fn format_error(
    schema: &Value,
    schema_path: &str,
    file: FileId,
    at: At,
    instance: &Value,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::InvalidFormat,
        file,
        at,
        format!("`{}` is not in the expected format", plain(instance)),
    )
    .with_label("wrong format");
    if let Some(description) = nearest_description(schema, schema_path) {
        d = d.with_help(format!("expected {description}"));
    }
    d
}

/// A value as the user wrote it: strings without quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "a whole number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The expected types named by a `type` keyword's value.
fn type_names(types: &Value) -> String {
    let name = |t: &Value| match t.as_str() {
        Some("string") => "text",
        Some("object") => "a mapping",
        Some("array") => "a list",
        Some("integer") => "a whole number",
        Some("number") => "a number",
        Some("boolean") => "true/false",
        Some("null") => "nothing (null)",
        _ => "another type",
    };
    match types {
        Value::Array(list) => list_plain(list.iter().map(name)),
        other => name(other).to_owned(),
    }
}

fn list_plain<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The schema node at a JSON pointer.
fn schema_at<'a>(schema: &'a Value, path: &str) -> Option<&'a Value> {
    schema.pointer(path)
}

/// Follows a local `$ref` once.
fn deref<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| schema.pointer(p))
        .unwrap_or(node)
}

fn description_of(schema: &Value, node: &Value) -> Option<String> {
    node.get("description")
        .or_else(|| deref(schema, node).get("description"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The description of the nearest schema node at or above `path` that has one.
fn nearest_description(schema: &Value, path: &str) -> Option<String> {
    let mut path = path;
    loop {
        if let Some(description) = schema_at(schema, path).and_then(|n| description_of(schema, n)) {
            return Some(description);
        }
        let (parent, _) = path.rsplit_once('/')?;
        path = parent;
    }
}

/// The description of property `name` in the nearest object schema at or above `path`.
fn property_description(schema: &Value, path: &str, name: &str) -> Option<String> {
    let mut path = path;
    loop {
        if let Some(property) = schema_at(schema, path)
            .and_then(|n| n.get("properties"))
            .and_then(|p| p.get(name))
        {
            return description_of(schema, property);
        }
        let (parent, _) = path.rsplit_once('/')?;
        path = parent;
    }
}

/// The property names of the object schema an `additionalProperties` error comes from.
fn known_properties(schema: &Value, path: &str) -> Vec<String> {
    let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
    schema_at(schema, parent)
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::{compiled, schema_text};
    use crate::discover::discover;
    use crate::load::{Doc, Limits, parse_doc};

    /// Every spec folder among the repository's spec and fixtures.
    fn spec_folders() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![
            root.join("spec"),
            root.join("tests/fixtures/example"),
            root.join("tests/fixtures/deadlines"),
        ];
        for group in ["tests/fixtures/invalid", "tests/fixtures/diff"] {
            let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(group))
                .expect("the fixture folder")
                .map(|entry| entry.expect("a fixture").path())
                .filter(|path| path.is_dir())
                .collect();
            found.sort();
            folders.extend(found);
        }
        folders
    }

    /// What a validation reported: where, by which rule, and what.
    fn summary<'a>(errors: impl Iterator<Item = jsonschema::ValidationError<'a>>) -> Vec<String> {
        errors
            .map(|e| {
                format!(
                    "{} {} {:?} {}",
                    e.instance_path().as_str(),
                    e.schema_path().as_str(),
                    e.kind(),
                    e.instance()
                )
            })
            .collect()
    }

    /// Each kind is validated against its own schema, which is the one of its name.
    #[test]
    fn every_kind_compiles_its_own_schema() {
        for kind in crate::discover::FileKind::ALL {
            let schema: Value = serde_json::from_str(schema_text(kind)).unwrap();
            assert_eq!(compiled(kind).schema, schema, "{kind:?}");
        }
    }

    /// The kind's schema compiled for `serde_json::Value`, as the reference to compare with.
    fn reference(kind: crate::discover::FileKind) -> jsonschema::Validator {
        let schema: Value = serde_json::from_str(schema_text(kind)).unwrap();
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_format("date", super::any_date)
            .build(&schema)
            .unwrap()
    }

    /// The document representation is invisible: on every spec and fixture file, the compiled
    /// schema reports exactly what the same schema reports on a `serde_json::Value`.
    #[test]
    fn documents_validate_as_json_values_do() {
        let limits = Limits::default();
        let (mut files, mut invalid) = (0, 0);
        for folder in spec_folders() {
            for entry in discover(&folder, limits.max_files).entries {
                let text = std::fs::read_to_string(&entry.path).expect("a readable fixture");
                let Ok(Some(doc)) = parse_doc(&text, &limits) else {
                    continue;
                };
                let reference = reference(entry.kind);
                let value = doc.to_value();
                let ours = compiled(entry.kind);
                let got = summary(ours.validator.iter_errors(doc.root()));
                let want = summary(reference.iter_errors(&value));
                assert_eq!(got, want, "{}", entry.path.display());
                assert_eq!(
                    ours.validator.is_valid(doc.root()),
                    reference.is_valid(&value),
                    "{}",
                    entry.path.display()
                );
                files += 1;
                invalid += usize::from(!want.is_empty());
            }
        }
        assert!(
            files > 50 && invalid >= 5,
            "{files} files, {invalid} invalid"
        );
    }

    /// Every node of `value` replaced, one at a time, by each of `with`.
    fn mutations(value: &Value, with: &[Value]) -> Vec<Value> {
        let mut pointers = Vec::new();
        let mut stack = vec![(String::new(), value)];
        while let Some((at, node)) = stack.pop() {
            match node {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((format!("{at}/{i}"), item));
                    }
                }
                Value::Object(map) => {
                    for (key, item) in map {
                        stack.push((format!("{at}/{key}"), item));
                    }
                }
                _ => {}
            }
            pointers.push(at);
        }
        let mut out = Vec::new();
        for at in pointers {
            for replacement in with {
                let mut mutated = value.clone();
                if let Some(slot) = mutated.pointer_mut(&at) {
                    *slot = replacement.clone();
                    out.push(mutated);
                }
            }
        }
        out
    }

    /// The same comparison on every single-node mutation of the example spec, so that each
    /// keyword the schemas use (`const`, `enum`, `if`, `uniqueItems`, `propertyNames`, ...)
    /// meets values it refuses.
    #[test]
    fn mutated_documents_validate_as_json_values_do() {
        let limits = Limits::default();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example");
        let with = [
            Value::Null,
            Value::Bool(true),
            serde_json::json!(-1),
            serde_json::json!(2.5),
            serde_json::json!("Not an id"),
            serde_json::json!("shall"),
            serde_json::json!([]),
            serde_json::json!(["a", "a"]),
            serde_json::json!({}),
            serde_json::json!({ "disputed": [] }),
        ];
        let mut checked = 0;
        for entry in discover(&folder, limits.max_files).entries {
            let text = std::fs::read_to_string(&entry.path).expect("a readable fixture");
            let value = parse_doc(&text, &limits).unwrap().unwrap().to_value();
            let reference = reference(entry.kind);
            let ours = compiled(entry.kind);
            for mutated in mutations(&value, &with) {
                let doc = Doc::from_value(mutated.clone());
                let got = summary(ours.validator.iter_errors(doc.root()));
                let want = summary(reference.iter_errors(&mutated));
                assert_eq!(got, want, "{}: {mutated}", entry.path.display());
                assert_eq!(ours.validator.is_valid(doc.root()), want.is_empty());
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} mutations");
    }
}
