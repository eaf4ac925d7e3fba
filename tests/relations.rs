//! Typed relations, duties on each lead, duties that bind through another provision,
//! conditions and cross-references: in the checklist (Markdown and JSON), the timeline, the
//! site's provision pages and the diff, on `tests/fixtures/relations` and
//! `tests/fixtures/diff/relations`.

use std::path::Path;

use serde_json::Value;

use orderly::Limits;
use orderly::testing::{decode, parse_value_fast, parse_value_general};

use crate::support::{orderly, repo, run_ok, tree};

const SPEC: &str = "tests/fixtures/relations";
const DEMO: &str = "tests/fixtures/relations/relations-demo";
const CHANGE: &str = "tests/fixtures/diff/relations/relations-change";

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&args)).unwrap()
}

fn item<'a>(list: &'a Value, id: &str) -> &'a Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.get("actor")
                .map_or(&p["id"], |a| &a["id"])
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_fixtures_check_clean() {
    for dir in [SPEC, "tests/fixtures/diff/relations"] {
        let run = orderly(&repo(), &["check", dir, "--deny-warnings"]);
        assert_eq!(run.code, 0, "{dir}: {}", run.stdout);
    }
}

/// Both YAML paths read the new keys, and read them alike.
#[test]
fn the_fast_and_general_loaders_read_the_new_fields_alike() {
    let limits = Limits::default();
    let mut read = 0;
    for root in [SPEC, "tests/fixtures/diff/relations"] {
        for file in tree(&repo().join(root)) {
            let path = repo().join(root).join(&file);
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = decode(std::fs::read(&path).unwrap()).unwrap();
            let fast = parse_value_fast(&text, &limits)
                .unwrap_or_else(|| panic!("the fast path gives up on {file}"));
            let general = parse_value_general(&text, &limits).unwrap();
            assert_eq!(fast, general, "{file}");
            read += 1;
        }
    }
    let demo = std::fs::read_to_string(repo().join(DEMO).join("v1/sec-1.yaml")).unwrap();
    let value = parse_value_fast(&demo, &limits).unwrap().unwrap();
    let first = &value["provisions"][0];
    assert_eq!(first["coordinates_with"][0], "ostp");
    assert_eq!(
        first["refers_to"][1]["provision"],
        "base-act/covered-service"
    );
    assert_eq!(value["provisions"][1]["each"], true);
    assert_eq!(value["provisions"][3]["through"], "reporting-rule");
    assert!(read >= 8, "{read} files");
}

#[test]
fn the_checklist_shows_each_new_field() {
    let args = ["checklist", DEMO, "--as-of", "2026-07-01"];
    insta::with_settings!({ snapshot_suffix => "md", omit_expression => true }, {
        insta::assert_snapshot!("checklist", run_ok(&args));
    });
    let value = json(&args);
    insta::with_settings!({ snapshot_suffix => "json", omit_expression => true }, {
        insta::assert_json_snapshot!("checklist", value);
    });
    let guidelines = item(&value, "guidelines");
    assert_eq!(ids(guidelines, "coordinates_with"), ["ostp"]);
    assert_eq!(ids(guidelines, "reports_to"), ["president"]);
    assert_eq!(
        guidelines["condition"],
        "as the Secretary deems appropriate"
    );
    let refs = guidelines["refers_to"].as_array().unwrap();
    assert_eq!(refs[0]["ref"], "1(c)");
    assert_eq!(refs[1]["instrument"], "base-act");
    assert_eq!(refs[1]["version"], "signed");
    assert_eq!(refs[2]["citation"], "15 U.S.C. 9401(3)");
}

/// A duty on each lead is one row naming them all in the checklist of all actors, and an item
/// of its own in each lead's checklist, naming only that lead.
#[test]
fn each_gives_every_lead_its_own_item() {
    let all = json(&["checklist", DEMO, "--as-of", "2026-07-01"]);
    let pilots: Vec<&Value> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == "pilots")
        .collect();
    assert_eq!(pilots.len(), 1);
    assert_eq!(ids(pilots[0], "each_of"), ["dod", "dhs"]);
    let md = run_ok(&["checklist", DEMO, "--as-of", "2026-07-01"]);
    assert!(md.contains("| 1(b) | each of: DoD, DHS |"), "{md}");

    let both = json(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--actor",
        "dod",
        "--actor",
        "dhs",
    ]);
    let leads: Vec<Vec<String>> = both["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == "pilots")
        .map(|i| ids(i, "leads"))
        .collect();
    assert_eq!(leads, [["dod"], ["dhs"]]);
    let one = json(&["checklist", DEMO, "--as-of", "2026-07-01", "--actor", "dhs"]);
    let mine = item(&one, "pilots");
    assert_eq!(ids(mine, "leads"), ["dhs"]);
    assert_eq!(mine["group"], "lead");
    // And the guidelines, on which DHS is consulted.
    assert_eq!(one["summary"]["items"], 2);
    let md = run_ok(&["checklist", DEMO, "--as-of", "2026-07-01", "--actor", "dhs"]);
    assert!(
        md.contains("| 1(b) | DHS (its own duty; each lead separately) |"),
        "{md}"
    );
}

/// Coordinating and receiving actors find the item in their own checklists.
#[test]
fn coordinating_and_receiving_actors_see_the_item() {
    let ostp = json(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--actor",
        "ostp",
    ]);
    assert_eq!(item(&ostp, "guidelines")["group"], "coordinates");
    assert_eq!(item(&ostp, "pilots")["group"], "receives");
    let president = json(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--actor",
        "president",
    ]);
    let roles = &item(&president, "guidelines")["roles"];
    assert_eq!(roles[0]["role"], "receives");
    assert_eq!(roles[0]["text"], "receives what is delivered");
    let md = run_ok(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--actor",
        "ostp",
    ]);
    assert!(
        md.contains("## Consulted on, coordinating or receiving\n"),
        "{md}"
    );
    assert!(
        md.contains("- **Role:** works in coordination with the lead"),
        "{md}"
    );
    assert!(
        md.contains("- **Role:** receives what is delivered"),
        "{md}"
    );
}

/// A duty that binds through a rule is pending (never overdue or due soon) until the rule is
/// done, then dated from it.
#[test]
fn through_is_pending_until_the_rule_is_done() {
    let before = json(&["checklist", DEMO, "--as-of", "2026-07-01"]);
    for id in ["provider-reports", "provider-records"] {
        let i = item(&before, id);
        assert_eq!(i["status_class"], "pending", "{id}");
        assert_eq!(i["status"], "open", "{id}");
        assert_eq!(i["through"]["done"], false, "{id}");
    }
    // Its own date has passed, but it does not bind yet.
    assert_eq!(item(&before, "provider-records")["due"], "2026-03-11");
    assert_eq!(item(&before, "provider-reports")["due"], Value::Null);
    assert_eq!(before["summary"]["pending"], 2);
    assert_eq!(before["summary"]["overdue"], 2);

    let after = json(&["checklist", DEMO, "--as-of", "2026-09-15"]);
    let reports = item(&after, "provider-reports");
    assert_eq!(reports["through"]["done_on"], "2026-08-20");
    assert_eq!(reports["due"], "2026-09-19");
    assert_eq!(reports["status_class"], "due-soon");
    assert_eq!(
        item(&after, "provider-records")["status_class"],
        "past-due-unknown"
    );
    assert_eq!(after["summary"]["pending"], 0);
    let md = run_ok(&["checklist", DEMO, "--as-of", "2026-09-15"]);
    assert!(
        md.contains(
            "- **Binds through:** binds since 1(c) Reporting rule (`reporting-rule`) was done on 2026-08-20"
        ),
        "{md}"
    );
}

#[test]
fn the_timeline_shows_relations_conditions_and_pending_duties() {
    let md = run_ok(&["timeline", DEMO, "--as-of", "2026-07-01"]);
    insta::with_settings!({ snapshot_suffix => "md", omit_expression => true }, {
        insta::assert_snapshot!("timeline", md);
    });
    assert!(
        md.contains("Condition: as the Secretary deems appropriate."),
        "{md}"
    );
    assert!(
        md.contains("In coordination with OSTP. Reports to The President."),
        "{md}"
    );
    assert!(md.contains("pending, not yet binding"), "{md}");
    let value = json(&["timeline", DEMO, "--as-of", "2026-07-01"]);
    let undated = value["undated"].as_array().unwrap();
    assert_eq!(undated[0]["id"], "provider-reports");
    assert_eq!(undated[0]["reports_to"][0], "Commerce");
}

#[test]
fn provision_pages_link_their_references() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = orderly(
        &repo(),
        &[
            "build",
            SPEC,
            "-o",
            site.to_str().unwrap(),
            "--as-of",
            "2026-07-01",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let pages = site.join("relations-demo/v1/provisions");
    let page = std::fs::read_to_string(pages.join("guidelines.html")).unwrap();
    let page = page.replace("&#x2f;", "/");
    let main = &page[page.find("<main>").unwrap()..page.find("</main>").unwrap()];
    insta::with_settings!({ snapshot_suffix => "guidelines", omit_expression => true }, {
        insta::assert_snapshot!("provision_page", main);
    });
    let other = r#"<a href="../../../base-act/signed/provisions/covered-service.html">"#;
    assert!(main.contains(other), "{main}");
    assert!(
        main.contains(r#"<a href="../../v1/provisions/reporting-rule.html">"#),
        "{main}"
    );
    assert!(
        pages
            .join("../../../base-act/signed/provisions/covered-service.html")
            .is_file()
    );
    // The outside citation is text, not a link.
    assert!(
        main.contains("15 U.S.C. 9401(3) (consistent with)"),
        "{main}"
    );
    let pending = std::fs::read_to_string(pages.join("provider-reports.html")).unwrap();
    assert!(pending.contains("pending, not yet binding"), "{pending}");
    // Actors named only as recipients or coordinated with get their checklist page.
    for actor in ["president", "ostp", "cloud-providers"] {
        assert!(
            site.join(format!("relations-demo/v1/actors/{actor}.html"))
                .is_file(),
            "{actor}"
        );
    }
}

/// The diff compares the new fields as material ones, with labels in words.
#[test]
fn the_diff_reports_changed_relations_conditions_and_each() {
    let args = ["diff", CHANGE, "--from", "draft", "--to", "final"];
    insta::with_settings!({ snapshot_suffix => "md", omit_expression => true }, {
        insta::assert_snapshot!("diff", run_ok(&args));
    });
    let value = json(&args);
    let changes = value["changes"].as_array().unwrap();
    let fields = |id: &str| -> Vec<(String, String, bool)> {
        changes.iter().find(|c| c["new_id"] == id).unwrap()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap().to_owned(),
                    f["label"].as_str().unwrap().to_owned(),
                    f["material"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let guidelines = fields("guidelines");
    for (field, label) in [
        ("coordinates_with", "coordination"),
        ("reports_to", "reports to"),
        ("condition", "condition"),
    ] {
        assert!(
            guidelines.contains(&(field.to_owned(), label.to_owned(), true)),
            "{guidelines:?}"
        );
    }
    assert!(guidelines.contains(&("refers_to".to_owned(), "cross-references".to_owned(), false)));
    assert!(fields("pilots").contains(&(
        "each".to_owned(),
        "each lead separately".to_owned(),
        true
    )));
    assert!(fields("provider-reports").contains(&(
        "through".to_owned(),
        "binds only once".to_owned(),
        true
    )));
    // One provision, not one per lead.
    assert_eq!(
        changes.iter().filter(|c| c["new_id"] == "pilots").count(),
        1
    );
}

/// A cross-reference to a provision of another instrument resolves only against the spec's
/// instruments.
#[test]
fn references_to_other_instruments_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&repo().join(SPEC), &dir.path().join("spec"));
    let file = dir.path().join("spec/relations-demo/v1/sec-1.yaml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("base-act/covered-service", "base-act/covered-services");
    std::fs::write(&file, text).unwrap();
    let run = orderly(dir.path(), &["check", "spec", "--format", "concise"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("error[unknown-provision]: unknown provision `base-act/covered-services`"),
        "{}",
        run.stdout
    );
    assert!(Path::new(&repo().join(SPEC)).is_dir());
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(orderly::testing::schema_by_name(name).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The new keys, with values in them, match the output schemas.
#[test]
fn json_outputs_with_the_new_fields_match_their_schemas() {
    let (checklist, timeline, diff) = (
        validator("checklist"),
        validator("timeline"),
        validator("diff"),
    );
    for as_of in ["2026-07-01", "2026-09-15"] {
        for actor in [None, Some("dhs"), Some("ostp"), Some("president")] {
            let mut args = vec!["checklist", DEMO, "--as-of", as_of];
            if let Some(actor) = actor {
                args.extend(["--actor", actor]);
            }
            assert_valid(&checklist, &json(&args), &format!("{args:?}"));
            args[0] = "timeline";
            assert_valid(&timeline, &json(&args), &format!("{args:?}"));
        }
    }
    let args = ["diff", CHANGE, "--from", "draft", "--to", "final"];
    assert_valid(&diff, &json(&args), "diff");
}

/// The HTML checklist and the calendar carry the condition and the relations too.
#[test]
fn html_and_icalendar_show_the_new_fields() {
    let html = run_ok(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--format",
        "html",
    ]);
    for needle in [
        "(condition: as the Secretary deems appropriate)",
        "<dt>In coordination with</dt><dd>Office of Science and Technology Policy</dd>",
        "<dt>Reports to</dt><dd>The President</dd>",
        "<dt>Binds through</dt>",
        "<td data-label=\"Lead\">each of: DoD, DHS</td>",
    ] {
        assert!(html.contains(needle), "{needle}\n{html}");
    }
    // In an actor's page each lead's own item has an anchor of its own.
    let both = run_ok(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--format",
        "html",
        "--actor",
        "dod",
        "--actor",
        "dhs",
    ]);
    assert!(both.contains(r#"<section id="pilots--dod">"#), "{both}");
    assert!(both.contains(r#"<section id="pilots--dhs">"#), "{both}");
    let ics = run_ok(&["timeline", DEMO, "--as-of", "2026-07-01", "--format", "ics"]);
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\\nCondition: as the Secretary deems appropriate\\nIn coordination with: OSTP\\nReports to: The President"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\\nFalls on: each lead separately"),
        "{unfolded}"
    );
}

/// The CSV checklist has a column for each new field, after the columns it always had.
#[test]
fn csv_has_a_column_for_each_new_field() {
    let text = run_ok(&[
        "checklist",
        DEMO,
        "--as-of",
        "2026-07-01",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cell = |id: &str, column: &str| -> String {
        let at = headers.iter().position(|h| h == column).unwrap();
        rows.iter().find(|r| &r[0] == id).unwrap()[at].to_owned()
    };
    assert!(headers.iter().any(|h| h == "refers_to"), "{headers:?}");
    assert_eq!(cell("guidelines", "coordinates_with"), "OSTP");
    assert_eq!(cell("guidelines", "reports_to"), "The President");
    assert_eq!(
        cell("guidelines", "condition"),
        "as the Secretary deems appropriate"
    );
    assert!(cell("guidelines", "refers_to").contains("15 U.S.C. 9401(3) (consistent with)"));
    assert_eq!(cell("pilots", "each"), "each lead separately");
    assert!(cell("provider-reports", "through").starts_with("binds only once 1(c)"));
}
