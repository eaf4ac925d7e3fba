//! Every party's view: an actor's checklist grouped by what concerns it (must do, may do,
//! consulted on, protected or limited by), `--include`, a page per actor on the site with its
//! own downloads, and calendars with the provision's address and a reminder.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::site::unescape;
use crate::support::{cells, orderly, repo, run_ok};

const EO: &str = "spec/eo-14409";
const AS_OF: &str = "2026-11-26";
const DEMO: &str = "tests/fixtures/views/views-demo";
const DEMO_SPEC: &str = "tests/fixtures/views";
const DEMO_AS_OF: &str = "2027-03-20";

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_suffix => name, omit_expression => true }, {
        insta::assert_snapshot!("view", text);
    });
}

fn json(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&args)).unwrap()
}

/// The rows of the Markdown table under `## heading`, each as its cells.
fn rows_under(md: &str, heading: &str) -> Vec<Vec<String>> {
    md.lines()
        .skip_while(|l| *l != format!("## {heading}"))
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect()
}

/// Each group's items by reference, as the JSON's `groups` and items give them.
fn groups(list: &Value) -> Vec<(String, Vec<String>)> {
    let refs: std::collections::HashMap<&str, &str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap(), i["ref"].as_str().unwrap()))
        .collect();
    list["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["concern"].as_str().unwrap().to_owned(),
                g["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|id| refs[id.as_str().unwrap()].to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(orderly::testing::schema_by_name("checklist").unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn ai_developers_may_do_the_framework_steps_and_are_protected_by_3c() {
    let args = [
        "checklist",
        EO,
        "--actor",
        "ai-developers",
        "--as-of",
        AS_OF,
    ];
    let md = run_ok(&args);
    let may: Vec<String> = rows_under(&md, "May do")
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(may, ["3(b)(A)", "3(b)(B)", "3(b)(C)"], "{md}");
    let protected: Vec<String> = rows_under(&md, "Protected or limited by")
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert!(protected.contains(&"3(c)".to_owned()), "{md}");
    assert!(protected.contains(&"5(c)".to_owned()), "{md}");
    let access = rows_under(&md, "May do")
        .into_iter()
        .find(|r| r[0] == "3(b)(B)")
        .unwrap();
    assert_eq!(access[4], "access window: 30 days");
    // Available once the framework exists, from the framework's own deadline; never "open".
    assert!(
        access[3].starts_with("once 3(b) (Voluntary framework")
            && access[3].ends_with("2026-08-01"),
        "{access:?}"
    );
    assert!(!md.contains("## Must do"), "{md}");
    assert!(
        !md.contains("**Lead:**") && !md.contains("**Status:**"),
        "{md}"
    );
    assert!(
        md.starts_with("# EO 14409: for Developers of advanced AI models, may do and protected or limited by (signed)"),
        "{md}"
    );
    snapshot("eo-14409-ai-developers-md", &md);
    let list = json(&args);
    assert!(validator().is_valid(&list));
    let groups = groups(&list);
    assert_eq!(groups[0].0, "may-do");
    assert_eq!(groups[1].0, "protected-by");
    assert_eq!(groups[1].1, ["3(c)", "5(a)", "5(b)", "5(c)"]);
}

/// One provision of each kind: what each actor's view holds, and why.
#[test]
fn each_actor_sees_its_groups() {
    let view = |actor: &str| {
        groups(&json(&[
            "checklist",
            DEMO,
            "--actor",
            actor,
            "--as-of",
            DEMO_AS_OF,
        ]))
    };
    let g = |pairs: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        pairs
            .iter()
            .map(|(c, refs)| {
                (
                    (*c).to_owned(),
                    refs.iter().map(|r| (*r).to_owned()).collect(),
                )
            })
            .collect()
    };
    // The agency leads 1(a) (through its office) and 1(c); 1(d) is its discretionary option;
    // the construction 1(e) reads on section 1, which names it; 2(b) names vendors only.
    assert_eq!(
        view("city-agency"),
        g(&[
            ("must-do", &["1(a)", "1(c)"]),
            ("may-do", &["1(d)"]),
            ("protected-by", &["1(e)", "3"]),
        ])
    );
    // A component's view: it acts for its department on 1(a).
    assert_eq!(
        view("agency-office"),
        g(&[("must-do", &["1(a)"]), ("protected-by", &["1(e)", "3"])])
    );
    assert_eq!(
        view("oversight-board"),
        g(&[
            ("consulted-on", &["1(a)"]),
            ("protected-by", &["1(e)", "3"])
        ])
    );
    assert_eq!(
        view("residents"),
        g(&[("may-do", &["1(b)"]), ("protected-by", &["1(e)", "3"])])
    );
    // Named by a parameter only: the construction that names it and the general provision.
    assert_eq!(view("vendors"), g(&[("protected-by", &["2(b)", "3"])]));
}

#[test]
fn grouped_checklists_in_md_html_and_json() {
    let schema = validator();
    for actor in ["city-agency", "residents"] {
        for format in ["md", "html", "json", "csv"] {
            let text = run_ok(&[
                "checklist",
                DEMO,
                "--actor",
                actor,
                "--as-of",
                DEMO_AS_OF,
                "--format",
                format,
            ]);
            if format == "json" {
                let value: Value = serde_json::from_str(&text).unwrap();
                assert!(schema.is_valid(&value), "{actor}");
            }
            snapshot(&format!("views-demo-{actor}-{format}"), &text);
        }
    }
    let all = run_ok(&["checklist", DEMO, "--include", "all", "--as-of", DEMO_AS_OF]);
    snapshot("views-demo-include-all-md", &all);
}

#[test]
fn include_widens_the_list_and_defaults_follow_the_actor_filter() {
    let kinds_of = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["checklist", DEMO, "--as-of", DEMO_AS_OF];
        args.extend_from_slice(extra);
        let list = json(&args);
        let mut kinds: Vec<String> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["kind"].as_str().unwrap().to_owned())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    assert_eq!(kinds_of(&[]), ["obligation", "prohibition"]);
    assert_eq!(
        kinds_of(&["--include", "permissions"]),
        ["obligation", "permission", "prohibition"]
    );
    assert_eq!(
        kinds_of(&["--include", "permissions,constructions"]),
        [
            "construction",
            "general",
            "obligation",
            "permission",
            "prohibition"
        ]
    );
    assert_eq!(
        kinds_of(&["--include", "all"]),
        kinds_of(&["--include", "permissions,constructions"])
    );
    // With an actor every group is shown unless `--include` narrows it.
    assert_eq!(
        kinds_of(&["--actor", "city-agency"]),
        ["construction", "general", "obligation", "prohibition"]
    );
    assert_eq!(
        kinds_of(&["--actor", "city-agency", "--include", "obligations"]),
        ["obligation", "prohibition"]
    );
    // The default list of every actor is today's: one table, no groups.
    let md = run_ok(&["checklist", DEMO, "--as-of", DEMO_AS_OF]);
    assert!(!md.contains("\n## Obligations"), "{md}");
    assert!(md.contains("**3 items:**"), "{md}");
}

#[test]
fn flag_errors_are_clear_and_exit_2() {
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let out = out.to_str().unwrap();
    for (args, message) in [
        (
            vec!["checklist", DEMO, "--include", "rules"],
            "invalid value 'rules' for '--include <KINDS>'",
        ),
        (
            vec!["timeline", DEMO, "--alarm", "1m", "--format", "ics"],
            "`1m` is not a reminder: write a number of days or weeks, such as 7d or 2w",
        ),
        (
            vec!["timeline", DEMO, "--alarm", "9999d", "--format", "ics"],
            "`9999d` is too long a reminder: at most 3660 days",
        ),
        (
            vec!["timeline", DEMO, "--alarm", "7d"],
            "`--alarm` adds reminders to a calendar: use it with `--format ics`",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "ftp://example.org",
            ],
            "`ftp://example.org` is not an absolute http(s) URL: it must start with http:// or https://",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "example.org/site",
            ],
            "it must start with http:// or https://",
        ),
        (
            vec!["build", DEMO_SPEC, "-o", out, "--base-url", "https://"],
            "`https://` is not an absolute http(s) URL: it has no host",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "https://ex ample.org",
            ],
            "its host may hold only letters, digits",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "https://example.org:99999",
            ],
            "its port must be a number up to 65535",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "https://example.org/?a=1",
            ],
            "it may not hold a query (`?`) or a fragment (`#`)",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "https://u@example.org",
            ],
            "it may not hold a user name",
        ),
        (
            vec![
                "build",
                DEMO_SPEC,
                "-o",
                out,
                "--base-url",
                "https://example.org/a\"b",
            ],
            "its path may hold only printable characters",
        ),
    ] {
        let run = orderly(&repo(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert!(!Path::new(out).exists(), "a refused build writes nothing");
}

fn build(spec: &str, out: &Path, extra: &[&str], as_of: &str) {
    let mut args = vec!["build", spec, "-o", out.to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    let run = orderly(&repo(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// Unfolds iCalendar content lines (RFC 5545, 3.1).
fn unfold(ics: &str) -> String {
    ics.replace("\r\n ", "")
}

#[test]
fn every_actor_has_a_page_with_its_own_downloads() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build(DEMO_SPEC, &site, &[], DEMO_AS_OF);
    let instrument = unescape(&fs::read_to_string(site.join("views-demo/index.html")).unwrap());
    let actors = site.join("views-demo/v1/actors");
    for (actor, title) in [
        (
            "city-agency",
            "Views Demo: for Agency, must do, may do and protected or limited by (v1)",
        ),
        (
            "agency-office",
            "Views Demo: for Records Office, must do and protected or limited by (v1)",
        ),
        (
            "oversight-board",
            "Views Demo: for Oversight Board, taking part and protected or limited by (v1)",
        ),
        (
            "residents",
            "Views Demo: for Residents, may do and protected or limited by (v1)",
        ),
        (
            "vendors",
            "Views Demo: for Vendors, protected or limited by (v1)",
        ),
    ] {
        let page = unescape(&fs::read_to_string(actors.join(format!("{actor}.html"))).unwrap());
        assert!(
            instrument.contains(&format!("href=\"v1/actors/{actor}.html\"")),
            "{actor} is not listed on the instrument's page"
        );
        assert!(
            page.contains(&format!("<title>{title}</title>")),
            "{actor}: {page}"
        );
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{actor}");
        for ext in ["csv", "json"] {
            assert!(
                page.contains(&format!("href=\"{actor}.{ext}\"")),
                "{actor} {ext}"
            );
            assert!(
                actors.join(format!("{actor}.{ext}")).is_file(),
                "{actor} {ext}"
            );
        }
        let list: Value = serde_json::from_str(
            &fs::read_to_string(actors.join(format!("{actor}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(list["actors"][0]["actor"]["id"], actor);
        assert!(validator().is_valid(&list));
    }
    // An iCalendar file only where the actor has a dated deadline.
    assert!(actors.join("city-agency.ics").is_file());
    assert!(!actors.join("residents.ics").exists());
    let residents = unescape(&fs::read_to_string(actors.join("residents.html")).unwrap());
    assert!(!residents.contains(".ics\""));
    let agency = unescape(&fs::read_to_string(actors.join("city-agency.html")).unwrap());
    assert!(agency.contains("href=\"city-agency.ics\""));
    let ics = unfold(&fs::read_to_string(actors.join("city-agency.ics")).unwrap());
    assert!(!ics.contains("URL:") && !ics.contains("VALARM"), "{ics}");
}

#[test]
fn every_actor_eo_14409_names_has_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build("spec", &site, &[], AS_OF);
    let instrument = unescape(&fs::read_to_string(site.join("eo-14409/index.html")).unwrap());
    let page = unescape(
        &fs::read_to_string(site.join("eo-14409/signed/actors/ai-developers.html")).unwrap(),
    );
    assert!(instrument.contains("href=\"signed/actors/ai-developers.html\""));
    assert!(page.contains("<h2 id=\"may-do\">May do</h2>"), "{page}");
    assert!(page.contains("<h2 id=\"protected-by\">Protected or limited by</h2>"));
    assert!(page.contains("access window: 30 days"));
    let cisa =
        unescape(&fs::read_to_string(site.join("eo-14409/signed/actors/cisa.html")).unwrap());
    assert!(cisa.contains("<title>EO 14409: for CISA, must do, taking part and protected or limited by (signed)</title>"), "{cisa}");
    assert!(site.join("eo-14409/signed/actors/cisa.ics").is_file());
}

#[test]
fn calendars_carry_the_provision_address_and_a_reminder_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build(
        DEMO_SPEC,
        &site,
        &[
            "--base-url",
            "https://example.org/orderly/",
            "--alarm",
            "7d",
        ],
        DEMO_AS_OF,
    );
    for file in [
        "views-demo/v1/timeline.ics",
        "views-demo/v1/actors/city-agency.ics",
    ] {
        let ics = unfold(&fs::read_to_string(site.join(file)).unwrap());
        assert!(
            ics.contains(
                "\r\nURL:https://example.org/orderly/views-demo/v1/provisions/build-portal.html\r\n"
            ),
            "{file}: {ics}"
        );
        // The address is a page of the site.
        assert!(
            site.join("views-demo/v1/provisions/build-portal.html")
                .is_file()
        );
        assert!(
            ics.contains(
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\nDESCRIPTION:Views Demo 1(a): Records portal (Agency)\r\nEND:VALARM\r\nEND:VEVENT"
            ),
            "{file}: {ics}"
        );
        assert_eq!(
            ics.matches("BEGIN:VALARM").count(),
            ics.matches("BEGIN:VEVENT").count()
        );
    }
    let ics = run_ok(&[
        "timeline", DEMO, "--as-of", DEMO_AS_OF, "--format", "ics", "--alarm", "2w",
    ]);
    snapshot("views-demo-timeline-alarm-ics", &ics);
    assert!(unfold(&ics).contains("\r\nTRIGGER:-P2W\r\n"));
    assert!(
        !ics.contains("URL:"),
        "the command line knows no site address"
    );
}
