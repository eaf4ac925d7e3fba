//! Honest status: each item's word says no more than its evidence (done, late, overdue, past
//! due with completion unknown, due soon, open), with its days past due and its latest evidence
//! in the table; and a provision's parameters in words with their units.

use serde_json::Value;

use crate::support::{cells, repo, run_ok};

const EO: &str = "spec/eo-14409";
const STATUS: &str = "tests/fixtures/status/status-demo";
const STATUS_AS_OF: &str = "2027-03-20";

/// The Markdown table's rows, each as its cells.
fn rows(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .skip_while(|l| !l.starts_with("| Status |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect()
}

fn row<'a>(rows: &'a [Vec<String>], reference: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[1] == reference)
        .unwrap_or_else(|| panic!("no row {reference}: {rows:#?}"))
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&args)).unwrap()
}

#[test]
fn eo_14409_says_past_due_completion_unknown_where_its_evidence_is_unknown() {
    let args = [
        "checklist",
        EO,
        "--version",
        "signed",
        "--as-of",
        "2026-11-26",
    ];
    let md = run_ok(&args);
    let table = rows(&md);
    assert!(!table.is_empty());
    for r in &table {
        assert!(!r[0].starts_with("overdue"), "{r:?}");
    }
    let nss = row(&table, "2(a)");
    assert_eq!(nss[0], "past due, completion unknown (147 days past due)");
    assert_eq!(
        nss[5],
        "2026-11-26: unknown. No action tied to the order was found."
    );
    assert_eq!(
        row(&table, "3(a)")[0],
        "past due, completion unknown (117 days past due)"
    );
    assert!(
        row(&table, "2(c)(i)")[5].ends_with("(recorded on 2(c))"),
        "{:?}",
        row(&table, "2(c)(i)")
    );
    assert!(
        md.contains(
            "**15 items:** 0 overdue; 12 past due, completion unknown; 0 due soon; 3 open; 0 done."
        ),
        "{md}"
    );
    let value = json(&args);
    assert_eq!(value["summary"]["known_overdue"], 0);
    assert_eq!(value["summary"]["past_due_unknown"], 12);
    // The coarse `status` keeps its meaning: past due and not known to be done.
    assert_eq!(value["summary"]["overdue"], 12);
    for item in value["items"].as_array().unwrap() {
        if item["status"] == "overdue" {
            assert_eq!(item["status_class"], "past-due-unknown", "{item}");
            assert!(item["days_past_due"].as_i64().unwrap() > 0);
        }
    }
}

/// The evidence's date is when it was gathered (the spec's `as_of`), whatever date the
/// checklist is computed for.
#[test]
fn evidence_is_dated_when_it_was_gathered_not_by_the_checklist_date() {
    let md = run_ok(&[
        "checklist",
        EO,
        "--version",
        "signed",
        "--as-of",
        "2027-05-01",
    ]);
    let table = rows(&md);
    assert!(row(&table, "2(a)")[5].starts_with("2026-11-26: unknown."));
    assert!(md.contains("evidence as of 2026-11-26: unknown"));
    assert!(!md.contains("evidence as of 2027-05-01"));
}

#[test]
fn each_word_is_used_only_when_the_evidence_says_so() {
    let md = run_ok(&["checklist", STATUS, "--as-of", STATUS_AS_OF]);
    let table = rows(&md);
    // Evidence gathered after the deadline says not started.
    assert_eq!(row(&table, "1(a)")[0], "overdue (38 days past due)");
    assert_eq!(
        row(&table, "1(a)")[5],
        "2027-03-01: not started. Nothing had begun by March."
    );
    assert_eq!(
        row(&table, "1(b)")[0],
        "late (done 2027-02-15, 5 days after due)"
    );
    assert_eq!(
        row(&table, "1(c)")[0],
        "past due, completion unknown (38 days past due)"
    );
    // In progress before the deadline says nothing of after it.
    assert_eq!(
        row(&table, "1(d)")[0],
        "past due, completion unknown (38 days past due)"
    );
    // A disputed deadline counts from its earliest reading, and the table says so.
    let disputed = row(&table, "1(e)");
    assert_eq!(
        disputed[0],
        "past due, completion unknown (18 days past due)"
    );
    assert_eq!(disputed[4], "2027-03-02 (earliest disputed reading)");
    assert!(md.contains("the status counts from the earliest reading, 2027-03-02\n"));
    assert!(md.contains(
        "**5 items:** 1 overdue; 3 past due, completion unknown; 0 due soon; 0 open; 1 done (1 late)."
    ));

    let value = json(&["checklist", STATUS, "--as-of", STATUS_AS_OF]);
    let classes: Vec<(&str, &str, Option<i64>)> = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["status"].as_str().unwrap(),
                i["status_class"].as_str().unwrap(),
                i["days_past_due"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            ("overdue", "overdue", Some(38)),
            ("done", "late", Some(5)),
            ("overdue", "past-due-unknown", Some(38)),
            ("overdue", "past-due-unknown", Some(38)),
            ("overdue", "past-due-unknown", Some(18)),
        ]
    );
    assert_eq!(value["items"][4]["due_disputed"], true);
    assert_eq!(value["items"][4]["due_counted"], "2027-03-02");

    let html = run_ok(&[
        "checklist",
        STATUS,
        "--as-of",
        STATUS_AS_OF,
        "--format",
        "html",
    ]);
    assert!(html.contains(
        r#"<span class="status status-past-due-unknown">? past due, completion unknown</span> (38 days past due)"#
    ));
    assert!(html.contains(r#"<span class="status status-late">&#10003; late</span> (done 2027-02-15, 5 days after due)"#));

    let timeline = run_ok(&["timeline", STATUS, "--as-of", STATUS_AS_OF]);
    assert!(
        timeline.contains("overdue (38 days past due):"),
        "{timeline}"
    );
    assert!(timeline.contains("late (5 days after due):"), "{timeline}");
    assert!(!timeline.contains(", overdue: "), "{timeline}");
}

#[test]
fn parameters_are_shown_in_words_with_their_units_and_escaped() {
    let md = run_ok(&["checklist", STATUS, "--as-of", STATUS_AS_OF]);
    assert!(
        md.contains(
            "- **Parameters:** access window: 14 days; review areas: confidentiality, &lt;b&gt;pipes &#124; and tags&lt;/b&gt;\n"
        ),
        "{md}"
    );
    let html = run_ok(&[
        "checklist",
        STATUS,
        "--as-of",
        STATUS_AS_OF,
        "--format",
        "html",
    ]);
    assert!(html.contains(
        "<dt>Parameters</dt><dd><ul><li>access window: 14 days</li><li>review areas: <ul><li>confidentiality</li><li>&lt;b&gt;pipes | and tags&lt;&#x2f;b&gt;</li></ul></li></ul></dd>"
    ), "{html}");
    assert!(!html.contains("<b>pipes"));
    let value = json(&["checklist", STATUS, "--as-of", STATUS_AS_OF]);
    let window = &value["items"][4]["parameters"][0];
    assert_eq!(window["name"], "access_window");
    assert_eq!(window["value"], "14 days");

    let eo = run_ok(&[
        "checklist",
        EO,
        "--version",
        "signed",
        "--as-of",
        "2026-11-26",
    ]);
    assert!(eo.contains(
        "- **Parameters:** safeguard areas: confidentiality, cybersecurity, insider risk, intellectual property protection, permitted use, nondisclosure\n"
    ));
}

/// The site's provision pages show parameters too: 3(b)(B)'s 30-day window, which no
/// checklist lists (it is a permission).
#[test]
fn provision_pages_show_parameters_in_words() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    crate::site::build(&repo(), &site);
    let page = std::fs::read_to_string(
        site.join("eo-14409/signed/provisions/framework-pre-release-access.html"),
    )
    .unwrap();
    assert!(page.contains("<li>access window: 30 days</li>"), "{page}");
}

/// The timeline chart draws what the table says: on EO 14409 as of its research date nothing
/// is known to be overdue, so no marker says "overdue" and the past-due items are drawn as
/// hollow squares saying "past due, completion unknown".
#[test]
fn the_chart_says_no_more_than_the_evidence() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    crate::site::build(&repo(), &site);
    let page = std::fs::read_to_string(site.join("eo-14409/signed/timeline.html")).unwrap();
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(svg.contains("(past due, completion unknown)"), "{svg}");
    assert!(!svg.contains("(overdue)"), "{svg}");
    assert!(page.contains("hollow square: past due, completion unknown"));
}

/// A directive's evidence that says `covers: children` stands for its sub-items at every
/// depth that record none of their own, and says where it was recorded; a sub-item with its
/// own evidence and a provision outside the directive keep theirs.
#[test]
fn a_directive_s_evidence_can_cover_its_aims() {
    let covers = "tests/fixtures/status/covers-demo";
    let value = json(&["checklist", covers, "--as-of", STATUS_AS_OF]);
    let item = |id: &str| {
        value["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    for id in ["first-aim", "first-aim-detail"] {
        assert_eq!(item(id)["status_class"], "done", "{id}");
        assert_eq!(item(id)["evidence"]["covered_by"], "1(a)", "{id}");
        assert_eq!(item(id)["evidence"]["done_on"], "2027-02-08", "{id}");
    }
    assert!(item("directive")["evidence"]["covered_by"].is_null());
    assert_eq!(item("second-aim")["status_class"], "overdue");
    assert!(item("second-aim")["evidence"]["covered_by"].is_null());
    assert_eq!(item("separate-duty")["status_class"], "past-due-unknown");
    assert!(item("separate-duty")["evidence"].is_null());
    let md = run_ok(&["checklist", covers, "--as-of", STATUS_AS_OF]);
    assert!(
        md.contains("The directive was issued and pursues every aim. (recorded on 1(a)) |"),
        "{md}"
    );
    assert!(md.contains("Recorded on 1(a), whose evidence covers its sub-items."));
    // In EO 14409, 2(c)'s evidence covers its three aims.
    let eo = json(&["checklist", "spec/eo-14409", "--as-of", "2026-11-26"]);
    let aims: Vec<&Value> = eo["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"].as_str().unwrap().starts_with("cisa-directives-"))
        .collect();
    assert_eq!(aims.len(), 3);
    for aim in aims {
        assert_eq!(aim["evidence"]["covered_by"], "2(c)", "{aim}");
        assert_eq!(aim["status_class"], "past-due-unknown");
    }
}
