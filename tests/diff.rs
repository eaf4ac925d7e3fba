//! `orderly diff`: the EO 14409 draft against the signed order in every format, a pull request
//! against main (renames, moves, splits, merges, deadline and parameter changes), the JSON
//! contract, and the laws of a diff checked on generated renamings.

use std::collections::BTreeMap;

use orderly::Limits;
use orderly::compile::diff::{ChangeClass, ChangeKind, Diff, diff};
use orderly::model::{Disputable, Due, Instrument, Spec, Version};
use proptest::prelude::*;
use serde_json::Value;

use crate::support::{example_spec, orderly, repo};

pub(crate) fn run_ok(cwd: &std::path::Path, args: &[&str]) -> String {
    let run = orderly(cwd, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// The diff of EO 14409 from the draft to the signed order in `format`.
pub(crate) fn eo_diff(format: &str) -> String {
    run_ok(
        &repo(),
        &[
            "diff",
            "spec/eo-14409",
            "--from",
            "draft",
            "--to",
            "signed",
            "--format",
            format,
        ],
    )
}

#[test]
fn draft_to_signed_in_every_format() {
    for format in ["md", "html", "json"] {
        let text = eo_diff(format);
        insta::with_settings!({ snapshot_suffix => format!("eo-14409-{format}"), omit_expression => true }, {
            insta::assert_snapshot!("diff", text);
        });
    }
}

/// The report opens with the material changes, the 90 to 30 day window first, with its
/// confidence, and the disputed points shown as disputed.
#[test]
fn the_window_change_comes_first() {
    let json: Value = serde_json::from_str(&run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        (json["from"]["label"].as_str(), json["to"]["label"].as_str()),
        (Some("draft"), Some("signed"))
    );
    let first = &json["changes"][0];
    assert_eq!(first["id"], "framework-pre-release-access");
    assert!(
        first["description"]
            .as_str()
            .unwrap()
            .starts_with("3(b)(B) Pre-release access for the government: access window shortened from 90 days to 30 days;"),
        "{}",
        first["description"]
    );
    assert_eq!(first["class"], "reported-difference");
    assert_eq!(first["provenance"]["old_basis"], "reported");
    assert_eq!(first["provenance"]["old_confidence"], "high");
    let disputed: Vec<&str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["fields"].as_array().unwrap().iter())
        .filter(|f| f["disputed"] == true)
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["binding", "presence", "due", "actor"] {
        assert!(
            disputed.contains(&field),
            "{field} not shown as disputed: {disputed:?}"
        );
    }
    let md = run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--from", "draft", "--to", "signed"],
    );
    let material = md.find("## Reported differences").unwrap();
    let first = md[material..]
        .lines()
        .find(|l| l.starts_with("<details>"))
        .unwrap();
    assert!(
        first.contains("<code>framework-pre-release-access</code>"),
        "{first}"
    );
}

/// The report opens with a memo: one point per material change, in the report's order, the
/// best sourced first (the 90 to 30 day window leads), each with its confidence and evidence;
/// then one sentence for what the reporting did not cover, and what is compared is said.
#[test]
fn the_memo_comes_first_best_sourced_first() {
    let json: Value = serde_json::from_str(&run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--format", "json"],
    ))
    .unwrap();
    let memo = &json["memo"];
    let points = memo["points"].as_array().unwrap();
    let material: Vec<&Value> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["material"] == true)
        .collect();
    assert_eq!(
        points.iter().map(|p| &p["id"]).collect::<Vec<_>>(),
        material.iter().map(|c| &c["id"]).collect::<Vec<_>>()
    );
    assert_eq!(points[0]["id"], "framework-pre-release-access");
    assert!(
        points[0]["what"].as_str().unwrap().starts_with(
            "access window shortened from 90 days to 30 days; also disputed: modality, binding"
        ),
        "{}",
        points[0]["what"]
    );
    let rank = |c: &Value| {
        ["high", "medium", "low", "none"]
            .iter()
            .position(|r| c == r)
    };
    let ranks: Vec<_> = points.iter().map(|p| rank(&p["confidence"])).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let presence = points
        .iter()
        .find(|p| p["id"] == "no-licensing-construction")
        .unwrap();
    assert!(
        presence["why"]
            .as_str()
            .unwrap()
            .starts_with("Sources on `draft` disagree: 3 sources say present (medium confidence), 2 say absent (low confidence);"),
        "{}",
        presence["why"]
    );
    let unreported_provisions = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["class"] == "not-reported" && (c["kind"] == "added" || c["kind"] == "removed")
        })
        .count();
    let not_covered = memo["not_covered"].as_str().unwrap();
    assert!(
        not_covered.starts_with(&format!(
            "The reporting does not cover {unreported_provisions} provisions and "
        )),
        "{not_covered}"
    );
    assert_eq!(
        (&memo["reported"], &memo["compares"]),
        (&Value::Bool(true), &Value::from("summaries"))
    );
    let md = run_ok(&repo(), &["diff", "spec/eo-14409"]);
    let (brief, rest) = md.split_once("## In brief").unwrap();
    assert!(
        brief.contains("**What is compared:** the encoding's own summaries"),
        "{brief}"
    );
    let first = rest.lines().find(|l| l.starts_with("1. ")).unwrap();
    assert!(
        first.contains("90 days to 30 days") && first.contains("*High confidence.*"),
        "{first}"
    );
    assert!(rest.find(first).unwrap() < rest.find("## Reported differences").unwrap());
}

/// The material changes from the draft are the differences the reporting describes: the
/// access window (with the disputed voluntariness), the advance-notice item one outlet
/// reports, the disputed presence of the no-licensing clause, the disputed clearinghouse and
/// the framework's disputed lead; what the reporting does not describe (such as the 3(a)
/// components, which the draft's reporting gives as the signed order's) is counted apart and
/// never as material.
#[test]
fn only_reported_differences_are_material() {
    let json: Value = serde_json::from_str(&run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--format", "json"],
    ))
    .unwrap();
    let changes = json["changes"].as_array().unwrap();
    let of = |class: &str| -> Vec<&str> {
        changes
            .iter()
            .filter(|c| c["class"] == class)
            .map(|c| c["id"].as_str().unwrap())
            .collect()
    };
    assert_eq!(
        of("reported-difference"),
        [
            "framework-pre-release-access",
            "advance-notice-and-infrastructure-access"
        ]
    );
    assert_eq!(
        of("disputed"),
        [
            "no-licensing-construction",
            "clearinghouse",
            "voluntary-framework"
        ]
    );
    let summary = &json["summary"];
    assert_eq!(summary["reported_differences"], 2);
    assert_eq!(summary["disputed"], 3);
    assert_eq!(summary["material"], 5);
    assert_eq!(summary["not_reported"], of("not-reported").len());
    assert_eq!(summary["editorial"], of("editorial").len());
    for c in changes {
        assert_eq!(
            c["material"],
            c["class"] == "reported-difference" || c["class"] == "disputed"
        );
    }
    // A provision missing from the draft is not reported there, not added.
    let policy = changes
        .iter()
        .find(|c| c["id"] == "policy-statement")
        .unwrap();
    assert_eq!(
        (&policy["kind"], &policy["class"]),
        (&"added".into(), &"not-reported".into())
    );
    assert!(
        changes
            .iter()
            .all(|c| c["kind"] != "added" || c["class"] == "not-reported")
    );
    let advance = changes
        .iter()
        .find(|c| c["id"] == "advance-notice-and-infrastructure-access")
        .unwrap();
    assert_eq!(
        advance["description"],
        "3 Advance notice of new models: not carried into `signed` (one low-confidence report)"
    );
    // The clearinghouse's consultation, which the draft's reporting does not give, is not a
    // change; its lead and deadline are disputed.
    let clearinghouse = changes.iter().find(|c| c["id"] == "clearinghouse").unwrap();
    let class = |field: &str| {
        clearinghouse["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["field"] == field)
            .map(|f| f["class"].as_str().unwrap())
    };
    assert_eq!(class("consults"), Some("not-reported"));
    assert_eq!(class("actor"), Some("disputed"));
    assert_eq!(class("due"), Some("disputed"));
    let md = run_ok(
        &repo(),
        &["diff", "spec/eo-14409", "--from", "draft", "--to", "signed"],
    );
    assert!(md.contains("**Reported differences: 5** (3 of them disputed). Not reported: "));
    for jargon in ["parameters.", "acting_through"] {
        assert!(!md.contains(jargon), "{jargon}");
    }
    // The signed order has the clause: its presence reads "present", not "none".
    let presence = md.lines().find(|l| l.starts_with("| presence |")).unwrap();
    assert!(presence.contains("| present | disputed |"), "{presence}");
}

pub(crate) fn pull_request() -> (tempfile::TempDir, tempfile::TempDir) {
    let old = example_spec(None);
    let new = example_spec(Some(&repo().join("tests/fixtures/diff/pull-request")));
    (old, new)
}

#[test]
fn a_pull_request_against_main() {
    let (old, new) = pull_request();
    let old_dir = old.path().join("spec/city-ordinance-12");
    let new_dir = new.path().join("spec/city-ordinance-12");
    let args = |format| {
        vec![
            "diff".to_owned(),
            old_dir.display().to_string(),
            new_dir.display().to_string(),
            "--format".to_owned(),
            format,
        ]
    };
    let md = orderly(
        &repo(),
        &args("md".to_owned())
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::with_settings!({ snapshot_suffix => "pull-request-md", omit_expression => true }, {
        insta::assert_snapshot!("diff", md.stdout);
    });
    let json: Value = serde_json::from_str(
        &orderly(
            &repo(),
            &args("json".to_owned())
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
        .stdout,
    )
    .unwrap();
    let kinds: BTreeMap<&str, &str> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["kind"].as_str().unwrap()))
        .collect();
    let expected: BTreeMap<&str, &str> = [
        ("park-survey", "renamed"),
        ("annual-report", "moved"),
        ("planting-plan", "removed"),
        ("planting-gaps", "added"),
        ("planting-schedule", "added"),
        ("purpose", "removed"),
        ("definitions", "removed"),
        ("purpose-and-definitions", "added"),
    ]
    .into_iter()
    .collect();
    assert_eq!(kinds, expected);
    let change = |id: &str| {
        json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        change("planting-plan")["split_into"],
        serde_json::json!(["planting-gaps", "planting-schedule"])
    );
    assert_eq!(
        change("purpose-and-definitions")["merged_from"],
        serde_json::json!(["purpose", "definitions"])
    );
    assert_eq!(
        change("park-survey")["fields"][0]["description"],
        "deadline moved 15 days later (30 days → 45 days after the adoption date)"
    );
    assert_eq!(
        change("annual-report")["fields"][0]["description"],
        "binding changed from mandatory to discretionary"
    );
    assert_eq!(json["summary"]["split"], 1);
    assert_eq!(json["summary"]["merged"], 1);
}

#[test]
fn json_matches_its_schema() {
    let schema: Value =
        serde_json::from_str(orderly::testing::schema_by_name("diff").unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let (old, new) = pull_request();
    let cases = [
        run_ok(&repo(), &["diff", "spec/eo-14409", "--format", "json"]),
        run_ok(
            &repo(),
            &[
                "diff",
                "spec/eo-14409",
                "--from",
                "signed",
                "--to",
                "draft",
                "--format",
                "json",
            ],
        ),
        run_ok(
            &repo(),
            &[
                "diff",
                old.path().join("spec/city-ordinance-12").to_str().unwrap(),
                new.path().join("spec/city-ordinance-12").to_str().unwrap(),
                "--format",
                "json",
            ],
        ),
    ];
    for text in cases {
        let value: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn versions_must_be_named_when_not_obvious() {
    let run = orderly(&repo(), &["diff", "spec/eo-14409", "--from", "draft"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: instrument `eo-14409` does not have exactly two versions; say which to compare with `--from` and `--to`\n"
    );
}

// --- Laws, on the shipped spec and the example.

fn load(root: &str) -> Spec {
    let workspace = orderly::load(&repo().join(root), &Limits::default());
    assert!(
        workspace
            .diagnostics
            .iter()
            .all(|d| d.severity != orderly::diagnostic::Severity::Error)
    );
    workspace.spec
}

fn specs() -> Vec<(Spec, String)> {
    vec![
        (load("spec"), "eo-14409".to_owned()),
        (
            load("tests/fixtures/example"),
            "city-ordinance-12".to_owned(),
        ),
    ]
}

fn instrument<'a>(spec: &'a Spec, id: &str) -> &'a Instrument {
    spec.instruments.iter().find(|i| i.id == id).unwrap()
}

fn counts(d: &Diff) -> [usize; 7] {
    let s = d.summary;
    [
        s.added, s.removed, s.changed, s.renamed, s.moved, s.split, s.merged,
    ]
}

#[test]
fn a_version_against_itself_is_empty() {
    for (spec, id) in specs() {
        let inst = instrument(&spec, &id);
        for version in &inst.versions {
            let d = diff(&spec.actors, (inst, version), (inst, version));
            assert!(
                d.changes.is_empty() && d.terms.is_empty(),
                "{id}/{}: {:#?}",
                version.id,
                d.changes
            );
        }
    }
}

/// A change reduced to what mirroring must preserve: old id, new id, kind, material, class,
/// and (field, old, new) triples. The class mirrors too: a reported version's silence is
/// not reported whichever side it is on, and a provision missing from a primary version is a
/// reported difference both ways (removed one way, added the other).
type Shape = (
    Option<String>,
    Option<String>,
    ChangeKind,
    bool,
    ChangeClass,
    Vec<(String, Option<String>, Option<String>)>,
);

#[test]
fn a_diff_mirrors_its_reverse() {
    for (spec, id) in specs() {
        let inst = instrument(&spec, &id);
        let (a, b) = (&inst.versions[0], &inst.versions[1]);
        let forward = diff(&spec.actors, (inst, a), (inst, b));
        let back = diff(&spec.actors, (inst, b), (inst, a));
        let [added, removed, changed, renamed, moved, split, merged] = counts(&forward);
        assert_eq!(
            counts(&back),
            [removed, added, changed, renamed, moved, merged, split],
            "{id}"
        );
        let pairs = |d: &Diff, flip: bool| {
            let mut out: Vec<Shape> = d
                .changes
                .iter()
                .map(|c| {
                    let kind = match (c.kind, flip) {
                        (ChangeKind::Added, true) => ChangeKind::Removed,
                        (ChangeKind::Removed, true) => ChangeKind::Added,
                        (k, _) => k,
                    };
                    let (old, new) = if flip {
                        (c.new_id.clone(), c.old_id.clone())
                    } else {
                        (c.old_id.clone(), c.new_id.clone())
                    };
                    let mut fields: Vec<_> = c
                        .fields
                        .iter()
                        .map(|f| {
                            if flip {
                                (f.field.clone(), f.new.clone(), f.old.clone())
                            } else {
                                (f.field.clone(), f.old.clone(), f.new.clone())
                            }
                        })
                        .collect();
                    fields.sort();
                    (old, new, kind, c.material, c.class, fields)
                })
                .collect();
            out.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
            out
        };
        assert_eq!(pairs(&forward, false), pairs(&back, true), "{id}");
    }
}

/// A copy of `version` with the provisions at `picked` indices given new ids, and every
/// reference to them (parents, chained deadlines, where terms are established) updated.
fn renamed_copy(version: &Version, picked: &[bool]) -> Version {
    let ids: Vec<String> = version.provisions().map(|p| p.id.clone()).collect();
    let map: BTreeMap<String, String> = ids
        .iter()
        .zip(picked)
        .filter(|(_, pick)| **pick)
        .map(|(id, _)| (id.clone(), format!("{id}-renamed")))
        .collect();
    let rename = |id: &mut String| {
        if let Some(new) = map.get(id.as_str()) {
            new.clone_into(id);
        }
    };
    let mut copy = version.clone();
    for section in &mut copy.sections {
        for p in &mut section.provisions {
            rename(&mut p.value.id);
            if let Some(parent) = &mut p.value.parent {
                rename(parent);
            }
            if let Some(Disputable::Settled(Due::Within { of, .. })) = &mut p.value.due {
                rename(of);
            }
        }
    }
    for term in copy.terms.items.values_mut() {
        if let Some(defined_in) = &mut term.defined_in {
            rename(defined_in);
        }
    }
    copy
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn renaming_ids_yields_renames_only(picks in proptest::collection::vec(any::<bool>(), 40)) {
        for (spec, id) in specs() {
            let inst = instrument(&spec, &id);
            for version in &inst.versions {
                let n = version.provisions().count();
                let picked: Vec<bool> = picks.iter().copied().cycle().take(n).collect();
                let copy = renamed_copy(version, &picked);
                let d = diff(&spec.actors, (inst, version), (inst, &copy));
                let expected = picked.iter().filter(|p| **p).count();
                prop_assert_eq!(d.summary.renamed, expected, "{}/{}", id, version.id);
                prop_assert_eq!(d.changes.len(), expected);
                prop_assert!(d.changes.iter().all(|c| c.kind == ChangeKind::Renamed && c.fields.is_empty() && !c.material));
                prop_assert!(d.terms.is_empty());
            }
        }
    }
}

/// Versions that carry their official wording: the report says it compares the text, a change
/// of the official text and of the encoding's summary are told apart ("editorial" and
/// "encoding"), and the Markdown and HTML are pinned.
#[test]
fn official_text_and_summaries_are_told_apart() {
    let dir = repo().join("tests/fixtures/diff/official-text/library-hours");
    let dir = dir.to_str().unwrap();
    let args = |format| {
        [
            "diff",
            dir,
            "--from",
            "introduced",
            "--to",
            "enacted",
            "--format",
            format,
        ]
    };
    let json: Value = serde_json::from_str(&run_ok(&repo(), &args("json"))).unwrap();
    assert_eq!(json["memo"]["compares"], "text");
    assert_eq!(json["memo"]["reported"], false);
    let fields = json["changes"][0]["fields"].as_array().unwrap();
    let of = |name: &str| fields.iter().find(|f| f["field"] == name).unwrap();
    assert_eq!(
        (&of("text")["label"], &of("text")["encoding"]),
        (&Value::from("official text"), &Value::Bool(false))
    );
    assert_eq!(
        (&of("action")["label"], &of("action")["encoding"]),
        (&Value::from("summary"), &Value::Bool(true))
    );
    for format in ["md", "html"] {
        let text = run_ok(&repo(), &args(format));
        assert!(text.contains(
            "the official text of each provision; the encoding's summaries are compared apart"
        ));
        insta::with_settings!({ snapshot_suffix => format!("official-text-{format}"), omit_expression => true }, {
            insta::assert_snapshot!("diff", text);
        });
    }
}
