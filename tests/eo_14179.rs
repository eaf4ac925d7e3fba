//! EO 14179, encoded from its Federal Register text: the spec checks clean, its checklist and
//! timeline give the dates the order sets (180 and 60 calendar days from the order date of
//! 2025-01-23), and the Markdown views are kept as snapshots.

use serde_json::Value;

use crate::support::{orderly, repo, run_ok};

const EO: &str = "spec/eo-14179";
const AS_OF: &str = "2025-12-01";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_suffix => name, omit_expression => true }, {
        insta::assert_snapshot!("eo_14179", text);
    });
}

#[test]
fn the_three_new_instruments_check_clean() {
    for path in [EO, "spec/eo-14110", "spec/eo-14148"] {
        let run = orderly(
            &repo(),
            &["check", path, "--deny-warnings", "--format", "concise"],
        );
        assert_eq!(run.code, 0, "{path}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn checklist_md() {
    let text = run_ok(&["checklist", EO, "--as-of", AS_OF, "--format", "md"]);
    snapshot("checklist-md", &text);
}

#[test]
fn timeline_md() {
    let text = run_ok(&["timeline", EO, "--as-of", AS_OF, "--format", "md"]);
    snapshot("timeline-md", &text);
}

/// 180 days from 2025-01-23 is 2025-07-22 and 60 days is 2025-03-24: the period counts
/// calendar days from the day after the order date, with no business-day roll.
#[test]
fn the_dates_the_order_sets() {
    let json: Value = serde_json::from_str(&run_ok(&[
        "timeline", EO, "--as-of", AS_OF, "--format", "json",
    ]))
    .unwrap();
    let events: Vec<(String, Vec<String>)> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let ids = e["provisions"].as_array().unwrap();
            (
                e["date"].as_str().unwrap().to_owned(),
                ids.iter().map(|i| i.as_str().unwrap().to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            (
                "2025-03-24".to_owned(),
                vec!["revise-omb-memoranda".to_owned()]
            ),
            ("2025-07-22".to_owned(), vec!["action-plan".to_owned()]),
        ]
    );
    // The Sec. 5(a) and 5(b) duties set no date and are listed as such, not dropped.
    let undated: Vec<&str> = json["undated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        undated,
        [
            "review-eo-14110-actions",
            "suspend-revise-rescind",
            "interim-exemptions"
        ]
    );
}

/// What each actor owes: the Special Advisor for AI and Crypto leads Secs. 4(a) and 5(a), and
/// the Director of OMB leads 5(c) and works with the leads on 4(a) (their obligations only:
/// the general provisions concern every actor).
#[test]
fn leads_and_consultees() {
    let items = |actor: &str| -> Vec<(String, String)> {
        let json: Value = serde_json::from_str(&run_ok(&[
            "checklist",
            EO,
            "--as-of",
            AS_OF,
            "--actor",
            actor,
            "--include",
            "obligations",
            "--format",
            "json",
        ]))
        .unwrap();
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["id"].as_str().unwrap().to_owned(),
                    i["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let ids = |list: Vec<(String, String)>| list.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
    assert_eq!(
        ids(items("special-advisor-ai-crypto")),
        ["action-plan", "review-eo-14110-actions"]
    );
    let omb = items("omb");
    assert_eq!(ids(omb.clone()), ["action-plan", "revise-omb-memoranda"]);
    assert!(omb.iter().all(|(_, status)| status == "done"), "{omb:?}");
}
