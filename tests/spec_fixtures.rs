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

/// The example with a term used before the section that establishes it, and that warning
/// acknowledged; `edit` changes the section file's text further.
fn acknowledged_term_warning(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let overlay = repo().join("tests/fixtures/invalid/term-before-definition__used_early");
    let dir = example_spec(Some(&overlay));
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-1.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "    terms: [shade-tree]\n    sources: [{ source: gazette-2026-04-20, at: \"Sec. 1(a)\" }]",
        "    terms: [shade-tree]\n    sources: [{ source: gazette-2026-04-20, at: \"Sec. 1(a)\" }]\n    \
         acknowledge:\n      - { warning: term-before-definition, reason: The text does this. }",
    );
    assert!(text.contains("acknowledge:"));
    std::fs::write(&path, edit(text)).unwrap();
    dir
}

#[test]
fn acknowledged_warnings_are_dropped() {
    let dir = acknowledged_term_warning(|text| text);
    let run = orderly(dir.path(), &["check", "--deny-warnings"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems in 6 files\n")
    );
}

/// An unquoted section number (`section: 1`) is the wrong type, and that is the only problem
/// reported: the file still sorts as section 1, so the order check sees the term used early
/// (acknowledged) and no term used late.
#[test]
fn a_file_that_fails_to_convert_leaves_acknowledgements_alone() {
    let dir = acknowledged_term_warning(|text| {
        let edited = text.replacen("section: \"1\"", "section: 1", 1);
        assert_ne!(edited, text);
        edited
    });
    let run = orderly(dir.path(), &["check", "--format", "json"]);
    assert_eq!(codes(&run.stdout), ["wrong-type"], "{}", run.stdout);
}

/// When the provision that establishes the term fails to convert, the order check cannot run
/// on it, so the acknowledgement is not reported as stale: the conversion error is.
#[test]
fn an_acknowledgement_is_not_stale_when_its_check_could_not_run() {
    let dir = acknowledged_term_warning(|text| {
        let edited = text.replacen(
            "    kind: definition\n    modality: declaratory",
            "    kind: definition\n    modality: declaratorry",
            1,
        );
        assert_ne!(edited, text);
        edited
    });
    let run = orderly(dir.path(), &["check", "--format", "json"]);
    let found = codes(&run.stdout);
    assert!(found.contains(&"invalid-value".to_owned()), "{found:?}");
    assert!(
        !found.contains(&"unused-acknowledgement".to_owned()),
        "{found:?}"
    );
}

/// A key written twice is reported, and so is every other problem of the file: here a
/// misspelt value in the same provision.
#[test]
fn a_duplicate_key_does_not_hide_the_other_problems_of_its_file() {
    let overlay = repo().join("tests/fixtures/invalid/duplicate-key__repeated_field");
    let dir = example_spec(Some(&overlay));
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("    binding: mandatory\n", "    binding: mandatry\n", 1);
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let run = orderly(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        codes(&run.stdout),
        ["invalid-value", "duplicate-key"],
        "{}",
        run.stdout
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
