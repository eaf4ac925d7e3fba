//! The spec format grows only by addition: today's specs check clean unchanged (a frozen copy
//! under `tests/fixtures/format-v1/`), and the fields added since (recurring deadlines,
//! `due: none`, revocation, supersession and amendment) show in every output that needs them.

use std::path::Path;
use std::process::Command;

use orderly::Limits;
use orderly::testing::{decode, parse_value_fast, parse_value_general};
use serde_json::Value;

use crate::support::{copy_dir, orderly, repo, run_ok, tree};

const RECURRING: &str = "tests/fixtures/recurring/recurring-demo";
const RECURRING_AS_OF: &str = "2026-11-26";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_suffix => name, omit_expression => true }, {
        insta::assert_snapshot!("format", text);
    });
}

/// The specs as they were before the format grew: each folder of `format-v1/` checks clean,
/// with warnings denied, exactly as it did then.
#[test]
fn format_v1_specs_check_clean_forever() {
    let root = repo().join("tests/fixtures/format-v1");
    for (name, files) in [
        ("example", "6"),
        ("spec", "12"),
        ("deadlines", "3"),
        ("status", "3"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root.join(name), &dir.path().join("spec"));
        let run = orderly(dir.path(), &["check", "--deny-warnings"]);
        assert_eq!(
            run.code, 0,
            "format-v1/{name}: {}{}",
            run.stdout, run.stderr
        );
        assert_eq!(
            run.stdout,
            format!("no problems in {files} files\n"),
            "format-v1/{name}"
        );
    }
}

/// Every file of the new fixtures takes the fast YAML path and reads as the general parser
/// reads it, so the new keys need nothing of the fast loader that it does not do.
#[test]
fn new_fields_take_the_fast_path_and_agree_with_the_general_parser() {
    let limits = Limits::default();
    for root in ["tests/fixtures/recurring", "tests/fixtures/lifecycle"] {
        let dir = repo().join(root);
        for file in tree(&dir).iter().filter(|f| {
            Path::new(f)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml"))
        }) {
            let text = decode(std::fs::read(dir.join(file)).unwrap()).unwrap();
            let fast = parse_value_fast(&text, &limits)
                .unwrap_or_else(|| panic!("the fast path gives up on {root}/{file}"));
            let general = parse_value_general(&text, &limits).unwrap();
            assert_eq!(fast, general, "{root}/{file}");
        }
    }
    // The same keys written in block style, and in a form the fast path leaves to the general
    // parser (a flow mapping over two lines), load to the same checklist.
    let block = "    due:\n      within: 90d\n      of: order-date\n      every: 1y\n";
    let two_lines = "    due: { within: 90d, of: order-date,\n      every: 1y }\n";
    assert!(parse_value_fast(&format!("a:\n{two_lines}"), &limits).is_none());
    let flow = "    due: { within: 90d, of: order-date, every: 1y }\n";
    let mut outputs = Vec::new();
    for form in [flow, block, two_lines] {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec");
        copy_dir(&repo().join("tests/fixtures/recurring"), &spec);
        let path = spec.join("recurring-demo/v1/sec-1.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(flow));
        std::fs::write(&path, text.replace(flow, form)).unwrap();
        let run = orderly(
            dir.path(),
            &[
                "checklist",
                "spec/recurring-demo",
                "--as-of",
                RECURRING_AS_OF,
                "--format",
                "json",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        outputs.push(run.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn recurring_duties_in_every_view() {
    assert_eq!(
        run_ok(&["check", "tests/fixtures/recurring", "--deny-warnings"]),
        "no problems in 3 files\n"
    );
    for (view, format) in [
        ("checklist", "md"),
        ("checklist", "json"),
        ("timeline", "md"),
        ("timeline", "ics"),
    ] {
        let text = run_ok(&[
            view,
            RECURRING,
            "--as-of",
            RECURRING_AS_OF,
            "--format",
            format,
        ]);
        snapshot(&format!("recurring-{view}-{format}"), &text);
    }
}

fn item<'a>(checklist: &'a Value, id: &str) -> &'a Value {
    checklist["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item `{id}`"))
}

#[test]
fn a_recurring_item_shows_its_next_occurrence() {
    let json: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        RECURRING,
        "--as-of",
        RECURRING_AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    // Done on 2026-01-25 for the occurrence of 2026-01-28: the next one is open.
    let annual = item(&json, "annual-assessment");
    assert_eq!(annual["due"], "2027-01-28");
    assert_eq!(annual["due_counted"], "2027-01-28");
    assert_eq!(annual["status_class"], "open");
    assert_eq!(annual["recurrence"]["words"], "every year");
    assert_eq!(annual["recurrence"]["first"], "2026-01-28");
    assert_eq!(annual["recurrence"]["until"], Value::Null);
    // Nothing recorded: the status counts from the first occurrence.
    let report = item(&json, "semiannual-report");
    assert_eq!(report["due"], "2027-02-24");
    assert_eq!(report["due_counted"], "2026-03-01");
    assert_eq!(report["status_class"], "past-due-unknown");
    assert_eq!(report["days_past_due"], 270);
    let dates: Vec<&str> = report["recurrence"]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        ["2026-03-01", "2026-08-28", "2027-02-24", "2027-08-23"]
    );
    assert_eq!(report["recurrence"]["more"], false);
    // Counted from a provision's completion (2026-01-25), then every six months.
    let follow = item(&json, "follow-up");
    assert_eq!(follow["recurrence"]["first"], "2026-02-25");
    assert_eq!(follow["due"], "2027-02-25");
    // After the end, the last occurrence is shown and none is next.
    let after: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        RECURRING,
        "--as-of",
        "2028-06-01",
        "--format",
        "json",
    ]))
    .unwrap();
    let ended = item(&after, "semiannual-report");
    assert_eq!(ended["due"], "2027-08-23");
    assert_eq!(ended["recurrence"]["next"], Value::Null);
    // A recurrence with no end lists a bounded number of occurrences however late the date.
    let late: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        RECURRING,
        "--as-of",
        "2090-06-01",
        "--format",
        "json",
    ]))
    .unwrap();
    let annual = item(&late, "annual-assessment");
    assert_eq!(annual["due"], "2091-01-28");
    assert!(
        annual["recurrence"]["occurrences"]
            .as_array()
            .unwrap()
            .len()
            <= 3
    );
}

#[test]
fn no_deadline_is_not_an_unknown_deadline() {
    let json: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        RECURRING,
        "--as-of",
        RECURRING_AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    let none = item(&json, "set-up-board");
    assert_eq!(none["due_kind"], "none");
    assert_eq!(none["due_rule"], "no deadline");
    let unknown = item(&json, "unreported-deadline");
    assert_eq!(unknown["due_kind"], "unknown");
    let timeline = run_ok(&["timeline", RECURRING, "--as-of", RECURRING_AS_OF]);
    let line = timeline
        .lines()
        .find(|l| l.contains("**1(d)**"))
        .expect("the undated duty is listed");
    assert!(line.ends_with(": no deadline"), "{line}");
    assert!(!line.contains("not known"), "{line}");
    let checklist = run_ok(&["checklist", RECURRING, "--as-of", RECURRING_AS_OF]);
    assert!(checklist.contains("| no deadline |"), "{checklist}");
}

/// Python with a module, if both are there.
fn python_with(module: &str) -> Option<String> {
    let python = std::env::var("ORDERLY_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let ok = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

/// The recurring calendar read by two independent parsers (Python's `icalendar` with
/// `dateutil` expanding the rule, and `vobject`'s own rule set), each expanding the `RRULE` to
/// the dates the timeline gives. Skipped, saying so, when Python or a parser is missing; under
/// `CI` a missing parser fails.
#[test]
fn recurring_calendar_expands_the_same_in_two_parsers() {
    let ics = run_ok(&[
        "timeline",
        RECURRING,
        "--as-of",
        RECURRING_AS_OF,
        "--format",
        "ics",
    ]);
    // The Rust `icalendar` crate reads it too.
    let calendar: icalendar::Calendar = ics.parse().expect("valid iCalendar");
    assert_eq!(
        calendar.components.len(),
        3,
        "one event per recurring provision"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recurring.ics");
    std::fs::write(&file, &ics).unwrap();
    // Each parser prints `uid date` for every occurrence up to 2028-03-31.
    let scripts = [
        (
            "icalendar",
            r"
import sys, datetime, icalendar
from dateutil.rrule import rrulestr
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    rule = ev.get('RRULE').to_ical().decode()
    for d in rrulestr(rule, dtstart=datetime.datetime.combine(start, datetime.time())):
        if d.date() > datetime.date(2028, 3, 31): break
        print(ev.get('UID'), d.date().isoformat())
",
        ),
        (
            "vobject",
            r"
import sys, datetime, vobject
cal = vobject.readOne(open(sys.argv[1]).read())
for ev in cal.vevent_list:
    for d in ev.getrruleset():
        d = d.date() if isinstance(d, datetime.datetime) else d
        if d > datetime.date(2028, 3, 31): break
        print(ev.uid.value, d.isoformat())
",
        ),
    ];
    let mut results = Vec::new();
    for (module, script) in scripts {
        let Some(python) = python_with(&format!("{module}, dateutil")) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must install the Python `{module}` package"
            );
            #[expect(clippy::print_stderr, reason = "a skipped check says so")]
            {
                eprintln!("skipped: the Python `{module}` package is not installed");
            }
            continue;
        };
        let out = Command::new(python)
            .args(["-c", script])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{module}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        results.push((module, lines));
    }
    let expected: Vec<String> = [
        "annual-assessment.recurring-demo@orderly 2026-01-28",
        "annual-assessment.recurring-demo@orderly 2027-01-28",
        "annual-assessment.recurring-demo@orderly 2028-01-28",
        "follow-up.recurring-demo@orderly 2026-02-25",
        "follow-up.recurring-demo@orderly 2026-08-25",
        "follow-up.recurring-demo@orderly 2027-02-25",
        "follow-up.recurring-demo@orderly 2027-08-25",
        "follow-up.recurring-demo@orderly 2028-02-25",
        "semiannual-report.recurring-demo@orderly 2026-03-01",
        "semiannual-report.recurring-demo@orderly 2026-08-28",
        "semiannual-report.recurring-demo@orderly 2027-02-24",
        "semiannual-report.recurring-demo@orderly 2027-08-23",
    ]
    .map(str::to_owned)
    .to_vec();
    for (module, lines) in &results {
        assert_eq!(lines, &expected, "{module}");
    }
}

const ORDER_A: &str = "tests/fixtures/lifecycle/order-a";
const ORDER_B: &str = "tests/fixtures/lifecycle/order-b";

fn checklist_json(dir: &Path, instrument: &str, as_of: &str) -> Value {
    let run = orderly(
        dir,
        &[
            "checklist",
            instrument,
            "--as-of",
            as_of,
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_revoked_instrument_has_revoked_items_and_none_overdue() {
    assert_eq!(
        run_ok(&["check", "tests/fixtures/lifecycle", "--deny-warnings"]),
        "no problems in 5 files\n"
    );
    let after = checklist_json(&repo(), ORDER_A, "2025-06-01");
    assert_eq!(after["summary"]["items"], 3);
    assert_eq!(after["summary"]["revoked"], 3);
    assert_eq!(after["summary"]["overdue"], 0);
    assert_eq!(after["summary"]["due_soon"], 0);
    for item in after["items"].as_array().unwrap() {
        assert_eq!(item["status"], "revoked", "{}", item["id"]);
        assert_eq!(item["status_class"], "revoked");
        assert_eq!(item["days_past_due"], Value::Null);
        assert_eq!(item["revoked"]["instrument"], "order-b");
        assert_eq!(item["revoked"]["date"], "2025-01-20");
        assert_eq!(item["revoked"]["scope"], "instrument");
    }
    // No occurrence of the recurring duty falls on or after the revocation.
    let assess = item(&after, "assess");
    assert_eq!(assess["recurrence"]["until"], "2025-01-19");
    assert_eq!(assess["recurrence"]["next"], Value::Null);
    // On the day of the revocation it holds already; the day before, not yet.
    let on = checklist_json(&repo(), ORDER_A, "2025-01-20");
    assert_eq!(on["summary"]["revoked"], 3);
    let before = checklist_json(&repo(), ORDER_A, "2025-01-19");
    assert_eq!(before["summary"]["revoked"], 0);
    // Before the revocation the checklist is what it would be with no revocation recorded.
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    copy_dir(&repo().join("tests/fixtures/lifecycle"), &spec);
    let file = spec.join("order-a/instrument.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let cut = text.find("amended_by:").unwrap();
    std::fs::write(&file, &text[..cut]).unwrap();
    for as_of in ["2024-06-01", "2025-01-19"] {
        let with = checklist_json(&repo(), ORDER_A, as_of);
        let without = checklist_json(dir.path(), "spec/order-a", as_of);
        assert_eq!(with["items"], without["items"], "{as_of}");
        assert_eq!(with["summary"], without["summary"], "{as_of}");
    }
    assert!(before["summary"]["overdue"].as_u64().unwrap() > 0);
    for (view, format, instrument) in [
        ("checklist", "md", ORDER_A),
        ("timeline", "md", ORDER_A),
        ("timeline", "ics", ORDER_A),
        ("checklist", "md", ORDER_B),
    ] {
        let text = run_ok(&[
            view,
            instrument,
            "--as-of",
            "2025-06-01",
            "--format",
            format,
        ]);
        let name = instrument.rsplit('/').next().unwrap();
        snapshot(&format!("lifecycle-{name}-{view}-{format}"), &text);
    }
}

#[test]
fn a_provision_superseded_on_its_own_is_marked_alone() {
    let json = checklist_json(&repo(), ORDER_B, "2025-06-01");
    let plan = item(&json, "interim-plan");
    assert_eq!(plan["status_class"], "revoked");
    assert_eq!(plan["status_words"], "superseded");
    assert_eq!(plan["revoked"]["scope"], "provision");
    assert_eq!(plan["revoked"]["citation"], "Order C, sec. 4");
    assert_eq!(
        plan["revoked"]["text"],
        "superseded by Order C, sec. 4 on 2025-03-01"
    );
    let review = item(&json, "review");
    assert_eq!(review["revoked"], Value::Null);
    assert_eq!(review["status_class"], "past-due-unknown");
}

/// Each instrument's page shows its lineage both ways: what revoked and amended it, and, on
/// the revoking instrument's page, what it revoked (from the other's fields), linked.
#[test]
fn the_site_shows_lineage_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let out_arg = out.to_string_lossy().into_owned();
    run_ok(&[
        "build",
        "tests/fixtures/lifecycle",
        "--as-of",
        "2025-06-01",
        "-o",
        &out_arg,
    ]);
    let page = |id: &str| std::fs::read_to_string(out.join(id).join("index.html")).unwrap();
    let a = page("order-a");
    assert!(
        a.contains(
            r#"<li>Revoked by <a href="..&#x2f;order-b&#x2f;index.html">Order B</a> (2(a)) on <span class="date">2025-01-20</span></li>"#
        ),
        "{a}"
    );
    assert!(
        a.contains("<li>Amended by Technical Corrections Act, sec. 3 on"),
        "{a}"
    );
    let b = page("order-b");
    assert!(
        b.contains(r#"<li>Revokes <a href="..&#x2f;order-a&#x2f;index.html">Order A</a> (2(a))"#),
        "{b}"
    );
}
