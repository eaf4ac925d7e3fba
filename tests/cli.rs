//! The command line: every output format, exit codes, path filters, `schema` and `explain`.

use std::path::{Path, PathBuf};

use crate::support::{example_spec, orderly, repo};

fn broken_spec() -> tempfile::TempDir {
    example_spec(Some(
        &repo().join("tests/fixtures/invalid/unknown-actor__typo"),
    ))
}

#[test]
fn check_formats() {
    let dir = broken_spec();
    for format in ["human", "concise", "json", "sarif", "github"] {
        let run = orderly(
            dir.path(),
            &["check", "--format", format, "--color", "never"],
        );
        assert_eq!(run.code, 1, "{format}");
        insta::with_settings!({ snapshot_suffix => format, omit_expression => true }, {
            insta::assert_snapshot!("check_format", run.transcript());
        });
    }
}

#[test]
fn color_always_paints_and_never_does_not() {
    let dir = broken_spec();
    let painted = orderly(dir.path(), &["check", "--color", "always"]);
    assert!(
        painted.stdout.contains("\x1b[1;31merror[unknown-actor]"),
        "{}",
        painted.stdout
    );
    let plain = orderly(dir.path(), &["check", "--color", "never"]);
    assert!(!plain.stdout.contains('\x1b'));
    // Machine formats are never painted.
    let json = orderly(
        dir.path(),
        &["check", "--color", "always", "--format", "json"],
    );
    assert!(!json.stdout.contains('\x1b'));
}

#[test]
fn paths_select_files_and_errors_elsewhere_still_fail() {
    let dir = broken_spec();
    let run = orderly(
        dir.path(),
        &[
            "check",
            "spec/city-ordinance-12/adopted/sec-2.yaml",
            "--format",
            "concise",
        ],
    );
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 1
    --- stdout
    spec/actors.yaml:17:13: error[unknown-actor]: unknown actor `park`
    spec/city-ordinance-12/adopted/sec-2.yaml:35:20: error[unknown-actor]: unknown actor `mayr`
    2 errors in 1 file
    note: 1 of these errors is in other files of the spec folder `spec`, outside the paths given; the spec builds only when it has no error anywhere
    ");
    // A folder inside the spec folder: the spec folder is found by walking up.
    let run = orderly(
        &dir.path().join("spec/city-ordinance-12"),
        &["check", ".", "--format", "concise"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 4, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\n../city-ordinance-12/adopted/sec-2.yaml:35:20"),
        "{}",
        run.stdout
    );
}

#[test]
fn default_path_is_spec() {
    let dir = example_spec(None);
    let run = orderly(dir.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "no problems in 6 files\n")
    );
}

#[test]
fn missing_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = orderly(dir.path(), &["check"]);
    insta::assert_snapshot!(run.transcript(), @r"
    exit: 2
    --- stderr
    error: no spec folder here: no `actors.yaml` in this folder or above it, and no `spec` folder; give the spec folder's path
    ");
    let run = orderly(dir.path(), &["check", "--format", "yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("possible values: human, concise, json, sarif, github"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_shows_examples() {
    for command in ["check", "schema", "explain"] {
        let run = orderly(&repo(), &[command, "--help"]);
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("Examples:\n  orderly "),
            "{command}: {}",
            run.stdout
        );
    }
}

#[test]
fn schema_lists_prints_and_writes() {
    let list = orderly(&repo(), &["schema"]);
    insta::assert_snapshot!(list.transcript());
    let section = orderly(&repo(), &["schema", "section"]);
    assert_eq!(
        section.stdout,
        std::fs::read_to_string(repo().join("schemas/section.schema.json")).unwrap()
    );
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("exported");
    let run = orderly(&repo(), &["schema", "--write", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in crate::support::names(&repo().join("schemas")) {
        assert_eq!(
            std::fs::read(target.join(&name)).unwrap(),
            std::fs::read(repo().join("schemas").join(&name)).unwrap()
        );
    }
    assert_eq!(orderly(&repo(), &["schema", "nonsense"]).code, 2);
}

#[test]
fn explain_codes() {
    let run = orderly(&repo(), &["explain", "unknown-actor"]);
    insta::assert_snapshot!(run.transcript());
    let list = orderly(&repo(), &["explain"]);
    assert_eq!(
        list.stdout.lines().count(),
        orderly::diagnostic::Code::ALL.len()
    );
    let bad = orderly(&repo(), &["explain", "no-such-code"]);
    assert_eq!(
        (bad.code, bad.stderr.as_str()),
        (2, "error: unknown diagnostic code `no-such-code`\n")
    );
}

/// SARIF output passes Microsoft's validator (`@microsoft/sarif-multitool validate`) with no
/// errors, and the SARIF 2.1.0 JSON Schema that ships with it. `.ci/run` installs the validator
/// and sets `ORDERLY_SARIF_MULTITOOL` and `ORDERLY_SARIF_SCHEMA`. It needs that tool, so a plain `cargo test` lists it as ignored (with the
/// reason); `cargo test -- --include-ignored` runs it, and fails if the tool is missing.
#[test]
#[ignore = "needs Microsoft's SARIF validator: set ORDERLY_SARIF_MULTITOOL and ORDERLY_SARIF_SCHEMA (.ci/run installs it) and run `cargo test -- --include-ignored`"]
fn sarif_passes_microsofts_validator() {
    let tool = std::env::var_os("ORDERLY_SARIF_MULTITOOL")
        .map(PathBuf::from)
        .expect("ORDERLY_SARIF_MULTITOOL names Microsoft's sarif-multitool");
    let schema_path =
        std::env::var_os("ORDERLY_SARIF_SCHEMA").expect("ORDERLY_SARIF_SCHEMA is set");
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for overlay in [
        "unknown-actor__typo",
        "yaml-syntax__tab_indentation",
        "missing-file__no_actors",
        "deadline-cycle__two_provisions",
    ] {
        let dir = example_spec(Some(&repo().join("tests/fixtures/invalid").join(overlay)));
        let run = orderly(dir.path(), &["check", "--format", "sarif"]);
        // Also a spec named by an absolute path outside the working folder.
        let outside = orderly(
            &repo(),
            &[
                "check",
                "--format",
                "sarif",
                dir.path().join("spec").to_str().unwrap(),
            ],
        );
        assert!(
            outside.stdout.contains("\"uri\": \"file:///"),
            "{}",
            outside.stdout
        );
        for (name, text) in [("report", &run.stdout), ("outside", &outside.stdout)] {
            let input = dir.path().join(format!("{name}.sarif"));
            let output = dir.path().join(format!("{name}-validation.sarif"));
            std::fs::write(&input, text).unwrap();
            let report: serde_json::Value = serde_json::from_str(text).unwrap();
            let schema_errors: Vec<String> = validator
                .iter_errors(&report)
                .map(|e| e.to_string())
                .collect();
            assert!(schema_errors.is_empty(), "{overlay}: {schema_errors:#?}");
            // The SARIF rules and GitHub's ingestion rules, errors and warnings. Left:
            // SARIF2005 asks for the tool's home page (`informationUri`), which orderly does
            // not have; SARIF2017 asks for a region where a problem concerns a whole file (one
            // that is missing or cannot be read), which has none to give.
            let status = std::process::Command::new(&tool)
                .args([
                    "validate",
                    "--rule-kind",
                    "Sarif;Gh",
                    "--level",
                    "Error;Warning",
                    "--log",
                    "ForceOverwrite",
                    "-o",
                ])
                .arg(&output)
                .arg(&input)
                .output()
                .expect("sarif-multitool runs");
            let log: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&output).expect("validation log")).unwrap();
            let errors: Vec<&serde_json::Value> = log["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["ruleId"] != "SARIF2005" && r["ruleId"] != "SARIF2017")
                .collect();
            assert!(
                errors.is_empty(),
                "{overlay} ({name}): {errors:#?}\n{}",
                String::from_utf8_lossy(&status.stdout)
            );
        }
    }
}

/// A result keeps its fingerprint when an edit moves it to another line, and two results
/// differ in theirs: code scanning then keeps one alert per problem.
#[test]
fn sarif_fingerprints_do_not_depend_on_lines() {
    let overlay = repo().join("tests/fixtures/invalid/unknown-actor__typo");
    let dir = example_spec(Some(&overlay));
    let fingerprints = |dir: &Path| -> Vec<(String, u64)> {
        let run = orderly(dir, &["check", "--format", "sarif"]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["orderlyPlace/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let before = fingerprints(dir.path());
    assert!(!before.is_empty());
    for file in walk_yaml(&dir.path().join("spec")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        std::fs::write(&file, format!("{first}\n# moved\n# down\n{rest}")).unwrap();
    }
    let after = fingerprints(dir.path());
    assert_eq!(before.len(), after.len());
    for ((a, line_a), (b, line_b)) in before.iter().zip(&after) {
        assert_eq!(a, b);
        assert_eq!(line_a + 2, *line_b);
    }
    let mut distinct: Vec<&String> = before.iter().map(|(f, _)| f).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len());
}

fn walk_yaml(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_yaml(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out
}
