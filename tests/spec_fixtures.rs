//! Fixture specs: the example checks clean; each invalid overlay triggers the code it is named
//! after, and its fully rendered diagnostics are pinned by a snapshot.
//!
//! `tests/fixtures/invalid/<code>__<name>/` is an overlay on `tests/fixtures/example/` (see
//! `support::example_spec`). See `tests/fixtures/README.md` for how to add one.

use std::collections::BTreeSet;

use orderly::diagnostic::{Code, Severity};

use crate::support::{codes, example_spec, names, orderly, repo};

#[test]
fn example_checks_clean() {
    let dir = example_spec(None);
    let run = orderly(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "no problems in 6 files\n");
}

#[test]
fn invalid_fixtures() {
    let root = repo().join("tests/fixtures/invalid");
    for name in names(&root) {
        let code_name = name.split("__").next().unwrap();
        let code: Code = code_name
            .parse()
            .unwrap_or_else(|()| panic!("fixture `{name}` is not named after a code"));
        let dir = example_spec(Some(&root.join(&name)));

        let human = orderly(dir.path(), &["check", "--color", "never"]);
        insta::with_settings!({
            snapshot_suffix => name.clone(),
            description => format!("orderly check on tests/fixtures/invalid/{name}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!("invalid", human.transcript());
        });

        let json = orderly(dir.path(), &["check", "--format", "json"]);
        let found = codes(&json.stdout);
        assert!(
            found.contains(&code_name.to_owned()),
            "{name}: expected `{code_name}`, found {found:?}"
        );
        let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        for d in value["diagnostics"].as_array().unwrap() {
            let file = d["file"].as_str().unwrap();
            assert!(
                file.starts_with("spec/"),
                "{name}: path {file} is not relative"
            );
        }
        // Errors fail the check; warnings fail it only with --deny-warnings.
        match code.default_severity() {
            Severity::Error => assert_eq!(json.code, 1, "{name}"),
            Severity::Warning => {
                let errors = value["summary"]["errors"].as_u64().unwrap();
                assert_eq!(json.code, i32::from(errors > 0), "{name}");
                let denied = orderly(
                    dir.path(),
                    &["check", "--deny-warnings", "--format", "concise"],
                );
                assert_eq!(denied.code, 1, "{name}");
            }
        }
    }
}

#[test]
fn acknowledged_warnings_are_dropped() {
    let overlay = repo().join("tests/fixtures/invalid/term-before-definition__used_early");
    let dir = example_spec(Some(&overlay));
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-1.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "    terms: [shade-tree]\n    sources: [{ source: gazette-2026-04-20, at: \"Sec. 1(a)\" }]",
        "    terms: [shade-tree]\n    sources: [{ source: gazette-2026-04-20, at: \"Sec. 1(a)\" }]\n    \
         acknowledge:\n      - { warning: term-before-definition, reason: The text does this. }",
    );
    assert!(text.contains("acknowledge:"));
    std::fs::write(&path, text).unwrap();
    let run = orderly(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems in 6 files\n")
    );
}

/// Every code has a fixture here or a generated case in `bad_input`, except `schema`, the
/// fallback for schema rules that have no code of their own (every rule our schemas use has
/// one, so no spec can trigger it; it exists so that a new rule is never reported without a
/// code).
#[test]
fn every_code_has_a_case() {
    let mut covered: BTreeSet<String> = names(&repo().join("tests/fixtures/invalid"))
        .iter()
        .map(|n| n.split("__").next().unwrap().to_owned())
        .collect();
    covered.extend(
        crate::bad_input::CASES
            .iter()
            .map(|case| case.code.to_owned()),
    );
    covered.insert(Code::Schema.as_str().to_owned());
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}
