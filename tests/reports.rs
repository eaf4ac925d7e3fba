//! Checklists and timelines: every format for EO 14409 and for the deadline-rules fixture
//! (chains, month ends, weekend and holiday rolls, done and overdue), the JSON contracts, the
//! iCalendar file read back by an independent parser, determinism, `-o` and the errors.

use std::path::Path;

use serde_json::Value;

use crate::support::{example_spec, orderly, repo, run_ok};

const EO: &str = "spec/eo-14409";
const AS_OF: &str = "2026-11-26";
const RULES: &str = "tests/fixtures/deadlines/rules-demo";
const RULES_AS_OF: &str = "2027-03-20";
const STATUS: &str = "tests/fixtures/status/status-demo";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_suffix => name, omit_expression => true }, {
        insta::assert_snapshot!("report", text);
    });
}

#[test]
fn eo_14409_checklist_in_every_format() {
    for format in ["md", "html", "csv", "json"] {
        let text = run_ok(&[
            "checklist",
            EO,
            "--version",
            "signed",
            "--as-of",
            AS_OF,
            "--format",
            format,
        ]);
        snapshot(&format!("eo-14409-checklist-{format}"), &text);
    }
}

#[test]
fn eo_14409_timeline_in_every_format() {
    for format in ["md", "html", "ics", "json", "mermaid"] {
        let text = run_ok(&[
            "timeline",
            EO,
            "--version",
            "signed",
            "--as-of",
            AS_OF,
            "--format",
            format,
        ]);
        snapshot(&format!("eo-14409-timeline-{format}"), &text);
    }
}

/// What CISA owes under the signed order, and in which role.
#[test]
fn cisa_checklist() {
    let text = run_ok(&[
        "checklist",
        EO,
        "--version",
        "signed",
        "--actor",
        "cisa",
        "--as-of",
        AS_OF,
    ]);
    snapshot("eo-14409-checklist-cisa", &text);
    let json: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        EO,
        "--version",
        "signed",
        "--actor",
        "cisa",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    let items = json["items"].as_array().unwrap();
    // The constructions and general provisions that concern CISA have no role in them.
    let protections: Vec<&str> = items
        .iter()
        .filter(|i| i["group"].is_null())
        .map(|i| {
            assert_eq!(i["concern"], "protected-by");
            i["ref"].as_str().unwrap()
        })
        .collect();
    assert_eq!(protections, ["3(c)", "5(a)", "5(b)", "5(c)"]);
    let roles: Vec<(&str, &str)> = items
        .iter()
        .filter(|i| !i["group"].is_null())
        .map(|i| (i["id"].as_str().unwrap(), i["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roles,
        [
            ("cisa-directives", "acts-for-lead"),
            ("cisa-directives-federal-systems", "acts-for-lead"),
            ("cisa-directives-defensive-programs", "acts-for-lead"),
            ("cisa-directives-access-to-tools", "acts-for-lead"),
            ("clearinghouse", "acts-for-consulted"),
            ("grant-funds-determination", "consulted"),
            ("classified-benchmark", "acts-for-lead"),
            ("voluntary-framework", "acts-for-lead"),
            ("framework-access-safeguards", "acts-for-lead"),
        ]
    );
}

/// A parent's checklist includes its components and says so.
#[test]
fn parent_includes_components() {
    let json: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        EO,
        "--actor",
        "dhs",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["actors"][0]["components"][0]["id"], "cisa");
    let grant = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "grant-funds-determination")
        .unwrap();
    assert_eq!(
        grant["roles"][0]["text"],
        "CISA (a component of DHS) is consulted"
    );
    let lead = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "cisa-directives")
        .unwrap();
    assert_eq!(lead["group"], "lead");
}

#[test]
fn the_unsigned_draft_has_no_dates() {
    let json: Value = serde_json::from_str(&run_ok(&[
        "timeline",
        EO,
        "--version",
        "draft",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["events"], serde_json::json!([]));
    let clearinghouse = json["undated"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "clearinghouse")
        .unwrap();
    assert_eq!(
        clearinghouse["rule"],
        "disputed: no date yet: it counts 90 days from the order date, which has not happened (low confidence); \
         or no date yet: it counts 30 days from the order date, which has not happened (low confidence)"
    );
}

#[test]
fn deadline_rules_fixture() {
    for format in ["md", "json"] {
        let text = run_ok(&[
            "timeline",
            RULES,
            "--as-of",
            RULES_AS_OF,
            "--format",
            format,
        ]);
        snapshot(&format!("rules-demo-timeline-{format}"), &text);
    }
    let text = run_ok(&[
        "checklist",
        RULES,
        "--as-of",
        RULES_AS_OF,
        "--actor",
        "agency-a",
    ]);
    snapshot("rules-demo-checklist-agency-a", &text);
    let json: Value = serde_json::from_str(&run_ok(&[
        "checklist",
        RULES,
        "--as-of",
        RULES_AS_OF,
        "--format",
        "json",
    ]))
    .unwrap();
    let by_id = |id: &str| {
        json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let cases = [
        ("month-end", Value::Null, "open"),
        ("first-step", Value::from("2027-02-10"), "done"),
        ("after-first-step", Value::from("2027-02-24"), "overdue"),
        ("weekend-roll", Value::from("2027-03-08"), "overdue"),
        ("holiday-roll", Value::from("2027-12-27"), "open"),
        ("second-step", Value::from("2027-04-01"), "due-soon"),
        ("after-second-step", Value::Null, "open"),
        ("not-yet-effective", Value::Null, "open"),
    ];
    for (id, due, status) in cases {
        let item = by_id(id);
        assert_eq!(
            (&item["due"], item["status"].as_str().unwrap()),
            (&due, status),
            "{id}"
        );
    }
    assert!(
        by_id("month-end")["due_rule"]
            .as_str()
            .unwrap()
            .contains("2027-02-31, which does not exist")
    );
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(orderly::testing::schema_by_name(name).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn json_outputs_match_their_schemas() {
    let checklist = validator("checklist");
    let timeline = validator("timeline");
    for (instrument, as_of, version) in [
        (EO, AS_OF, "signed"),
        (EO, AS_OF, "draft"),
        (RULES, RULES_AS_OF, "v1"),
        (STATUS, RULES_AS_OF, "v1"),
    ] {
        for actor in [None, Some("dhs"), Some("agency-a")] {
            let mut args = vec![
                "checklist",
                instrument,
                "--as-of",
                as_of,
                "--version",
                version,
                "--format",
                "json",
            ];
            if let Some(actor) = actor {
                if (actor == "dhs") != (instrument == EO) {
                    continue;
                }
                args.extend(["--actor", actor]);
            }
            let value: Value = serde_json::from_str(&run_ok(&args)).unwrap();
            let errors: Vec<String> = checklist
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{args:?}: {errors:#?}");
            args[0] = "timeline";
            let value: Value = serde_json::from_str(&run_ok(&args)).unwrap();
            let errors: Vec<String> = timeline
                .iter_errors(&value)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        }
    }
}

/// The calendar a real calendar application imports: read back with the `icalendar` crate, an
/// independent parser, it holds both deadlines of the order on the right days.
#[test]
fn icalendar_imports_with_both_deadlines() {
    let text = run_ok(&[
        "timeline",
        EO,
        "--version",
        "signed",
        "--as-of",
        AS_OF,
        "--format",
        "ics",
    ]);
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let calendar: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let mut starts = Vec::new();
    let mut uids = Vec::new();
    for component in &calendar.components {
        if let icalendar::CalendarComponent::Event(event) = component {
            use icalendar::Component;
            let start = event.property_value("DTSTART").unwrap().to_owned();
            starts.push(start);
            uids.push(event.property_value("UID").unwrap().to_owned());
            assert_eq!(event.property_value("DTSTAMP"), Some("20261126T000000Z"));
        }
    }
    starts.dedup();
    assert_eq!(starts, ["20260702", "20260801"]);
    let count = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), count, "UIDs are unique");
    assert!(uids.contains(&"clearinghouse.eo-14409@orderly".to_owned()));
    // The same provision keeps its UID in another version and on another day.
    let later = run_ok(&[
        "timeline",
        EO,
        "--version",
        "signed",
        "--as-of",
        "2027-01-01",
        "--format",
        "ics",
    ]);
    assert!(later.contains("UID:clearinghouse.eo-14409@orderly\r\n"));
}

#[test]
fn outputs_are_byte_identical_across_runs_and_thread_counts() {
    for args in [
        &["checklist", EO, "--as-of", AS_OF, "--format", "json"][..],
        &["timeline", EO, "--as-of", AS_OF, "--format", "ics"][..],
        &[
            "checklist",
            RULES,
            "--as-of",
            RULES_AS_OF,
            "--format",
            "csv",
        ][..],
    ] {
        let first = run_ok(args);
        assert_eq!(first, run_ok(args));
        let single = std::process::Command::new(env!("CARGO_BIN_EXE_orderly"))
            .args(args)
            .current_dir(repo())
            .env("RAYON_NUM_THREADS", "1")
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(single.stdout).unwrap(), first);
    }
}

#[test]
fn csv_opens_in_excel() {
    let text = run_ok(&["checklist", EO, "--as-of", AS_OF, "--format", "csv"]);
    assert!(text.starts_with('\u{feff}'), "byte-order mark");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        orderly::render::csv::HEADERS
    );
    assert_eq!(reader.records().count(), 15);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("checklist.html");
    let run = orderly(
        &repo(),
        &[
            "checklist",
            EO,
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(
        written,
        run_ok(&["checklist", EO, "--as-of", AS_OF, "--format", "html"])
    );
    assert_eq!(
        crate::support::names(dir.path()),
        ["checklist.html"],
        "no temporary file left"
    );
}

/// `-o /dev/stdout`, `-o /dev/null` or a named pipe: the output goes into it, and it stays what
/// it was (renaming a finished file over it would replace the device or pipe).
#[cfg(unix)]
#[test]
fn output_to_a_pipe_is_written_into_it() {
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = orderly(
        &repo(),
        &[
            "checklist",
            EO,
            "--as-of",
            AS_OF,
            "--format",
            "csv",
            "-o",
            fifo.to_str().unwrap(),
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    // Checked before reading: had the pipe been replaced, the reader would wait forever.
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
    assert_eq!(crate::support::names(dir.path()), ["pipe"]);
    let read = reader.join().unwrap();
    assert_eq!(
        read,
        run_ok(&["checklist", EO, "--as-of", AS_OF, "--format", "csv"])
    );
}

#[test]
fn markup_in_the_spec_is_shown_as_text() {
    let dir = example_spec(None);
    let path = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "Report each year on the trees planted.",
        "\"<script>alert('x')</script> & <b>bold</b>\"",
    );
    std::fs::write(&path, text).unwrap();
    let run = |format: &str| {
        orderly(
            dir.path(),
            &[
                "checklist",
                "spec/city-ordinance-12",
                "--as-of",
                "2026-06-01",
                "--format",
                format,
            ],
        )
    };
    let html = run("html").stdout;
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains(
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &lt;b&gt;bold&lt;&#x2f;b&gt;"
    ));
    let md = run("md").stdout;
    assert!(
        !md.contains("<script>") && md.contains("&lt;script&gt;"),
        "{md}"
    );
}

#[test]
fn errors_exit_2_and_broken_specs_exit_1() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["checklist", EO, "--actor", "fbi", "--as-of", AS_OF],
            "error: unknown actor `fbi`\n",
        ),
        (
            &["checklist", EO, "--version", "final", "--as-of", AS_OF],
            "error: instrument `eo-14409` has no version `final` (versions: `draft`, `signed`)\n",
        ),
        (
            &["timeline", "spec", "--as-of", AS_OF],
            "error: `spec` is not an instrument folder (one that holds `instrument.yaml`)\n",
        ),
        (&["timeline", EO, "--as-of", "2026-13-01"], ""),
    ];
    for (args, stderr) in cases {
        let run = orderly(&repo(), args);
        assert_eq!(run.code, 2, "{args:?}");
        if stderr.is_empty() {
            assert!(
                run.stderr
                    .contains("`2026-13-01` is not a date written as YYYY-MM-DD"),
                "{}",
                run.stderr
            );
        } else {
            assert_eq!(run.stderr, stderr);
        }
    }
    let dir = example_spec(Some(
        &repo().join("tests/fixtures/invalid/unknown-actor__typo"),
    ));
    let run = orderly(
        dir.path(),
        &[
            "checklist",
            "spec/city-ordinance-12",
            "--as-of",
            "2026-06-01",
            "--color",
            "never",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("error[unknown-actor]")
            && run
                .stderr
                .ends_with("error: the spec has 2 errors; nothing was compiled\n"),
        "{}",
        run.stderr
    );
    assert!(Path::new(&repo().join(EO)).is_dir());
}

/// The calendar is named for the instrument, the version and the actors of the view, and each
/// event's revision dates come from the spec: `LAST-MODIFIED` is the date of the status entry
/// the event shows (else the version's date) whatever the as-of date, `DTSTAMP` the as-of date,
/// and `SEQUENCE` 0, so two runs on different days differ only in `DTSTAMP` and the status.
#[test]
fn a_calendar_is_named_for_its_view_and_dated_from_the_spec() {
    let ics = |as_of: &str, actor: Option<&str>| {
        let mut args = vec!["timeline", EO, "--as-of", as_of, "--format", "ics"];
        if let Some(actor) = actor {
            args.extend(["--actor", actor]);
        }
        run_ok(&args)
    };
    let all = ics("2027-01-01", None);
    assert!(
        all.contains("\r\nX-WR-CALNAME:EO 14409 (signed): deadlines\r\n"),
        "{all}"
    );
    assert!(
        all.contains("\r\nNAME:EO 14409 (signed): deadlines\r\n"),
        "{all}"
    );
    let cisa = ics("2027-01-01", Some("cisa"));
    assert!(
        cisa.contains("\r\nX-WR-CALNAME:EO 14409 (signed): deadlines for CISA\r\n"),
        "{cisa}"
    );
    let both = ics("2027-01-01", Some("cisa"));
    assert_eq!(both, cisa, "the same inputs give the same bytes");
    let events = all.matches("BEGIN:VEVENT").count();
    assert_eq!(all.matches("\r\nSEQUENCE:0\r\n").count(), events);
    assert_eq!(
        all.matches("\r\nDTSTAMP:20270101T000000Z\r\n").count(),
        events
    );
    // The status entries of 2026-11-26, and the version's date (2026-06-02) where none.
    let modified = |text: &str| -> Vec<String> {
        text.split("\r\n")
            .filter(|l| l.starts_with("LAST-MODIFIED:"))
            .map(str::to_owned)
            .collect()
    };
    let dates = modified(&all);
    assert_eq!(dates.len(), events);
    assert!(
        dates.contains(&"LAST-MODIFIED:20261126T000000Z".to_owned()),
        "{dates:?}"
    );
    assert!(
        dates.contains(&"LAST-MODIFIED:20260602T000000Z".to_owned()),
        "{dates:?}"
    );
    assert_eq!(
        modified(&ics("2026-12-15", None)),
        dates,
        "not from the as-of date"
    );
    // Before the status entries were recorded, the events show none: the version's date.
    let early = modified(&ics("2026-07-01", None));
    assert!(
        early.iter().all(|d| d == "LAST-MODIFIED:20260602T000000Z"),
        "{early:?}"
    );
}
