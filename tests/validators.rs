//! Every output read by the independent tool its users' software relies on: each HTML page
//! of a built site (and the standalone pages) by the Nu Html Checker and by axe-core in
//! Chromium, every manual page by `mandoc -T lint`, and every calendar by libical (Evolution's
//! library, with its RFC 5545 restriction check) and by Python's `icalendar` and `vobject`.
//! Each check first feeds the tool a file with a known fault and expects it reported, so a tool
//! that checks nothing cannot pass.
//!
//! The tools are not Rust crates, so a plain `cargo test` lists these tests as ignored, with
//! the reason; `.ci/run` installs them and runs the tests with `--include-ignored`. A test
//! whose tool is missing says `skipped` and passes, except under `CI`, where it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::site::hostile_spec;
use crate::support::{is_html, orderly, repo, tree};

/// The tool named by the environment variable `var`, else `default` when it exists (a bare
/// command name is looked up on `PATH`).
fn tool(var: &str, default: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(var) {
        return Some(PathBuf::from(path)).filter(|p| p.exists());
    }
    if default.contains('/') {
        return Some(PathBuf::from(default)).filter(|p| p.exists());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(default))
        .find(|p| p.is_file())
}

/// Says that a check is skipped because `what` is missing; under `CI` that fails.
fn skipped(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install {what} (see .ci/run)"
    );
    #[expect(clippy::print_stderr, reason = "a skipped check says so")]
    {
        eprintln!("skipped: {what} is not installed");
    }
}

/// Runs a command and returns its standard output; `what` names it in a failure.
fn output(command: &mut Command, what: &str) -> (bool, String, String) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{what} runs: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes what orderly gives for `args`, run from the repository root, to `file`.
fn save(args: &[&str], file: &Path) {
    let mut all: Vec<&str> = args.to_vec();
    let path = file.to_str().unwrap();
    all.extend(["-o", path]);
    let run = orderly(&repo(), &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.transcript());
}

/// Builds the shipped spec's site as of 2026-12-01 into `dir/site`, and returns where.
fn shipped_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    let run = orderly(
        &repo(),
        &[
            "build",
            "spec",
            "-o",
            site.to_str().unwrap(),
            "--as-of",
            "2026-12-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    site
}

/// The HTML to check, under `dir`: the shipped spec's site as of 2026-12-01, the site of a
/// copy of the example whose text carries markup, and the standalone checklist, timeline and
/// diff pages. Returns every page's path.
fn html_pages(dir: &Path) -> Vec<PathBuf> {
    let site = shipped_site(dir);
    let hostile = hostile_spec();
    let hostile_site = dir.join("hostile");
    let run = orderly(
        hostile.path(),
        &[
            "build",
            "spec",
            "-o",
            hostile_site.to_str().unwrap(),
            "--as-of",
            "2026-12-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let alone = dir.join("standalone");
    fs::create_dir_all(&alone).unwrap();
    let eo = "spec/eo-14409";
    let as_of = ["--as-of", "2026-12-01", "--format", "html"];
    for (name, args) in [
        ("checklist.html", vec!["checklist", eo]),
        (
            "checklist-cisa.html",
            vec!["checklist", eo, "--actor", "cisa"],
        ),
        ("timeline.html", vec!["timeline", eo]),
    ] {
        save(&[&args[..], &as_of].concat(), &alone.join(name));
    }
    save(
        &[
            "diff", eo, "--from", "draft", "--to", "signed", "--format", "html",
        ],
        &alone.join("diff.html"),
    );
    let mut pages = Vec::new();
    for root in [&site, &hostile_site, &alone] {
        pages.extend(
            tree(root)
                .iter()
                .filter(|f| is_html(f))
                .map(|f| root.join(f)),
        );
    }
    assert!(pages.len() > 100, "{} pages", pages.len());
    pages
}

/// A page with faults both checkers report: an image without `alt`, a `<div>` inside `<p>`'s
/// parent `<span>`, and a duplicate id.
const FAULTY_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
    <title>faulty</title></head><body><main><span><div id=\"a\">x</div></span>\
    <img src=\"x.png\"><p id=\"a\">y</p></main></body></html>\n";

#[test]
#[ignore = "needs the Nu Html Checker: set ORDERLY_VNU to vnu.jar (npm `vnu-jar`; .ci/run installs it) with Java, and run `cargo test -- --include-ignored`"]
fn every_html_page_passes_the_nu_html_checker() {
    let (Some(java), Some(vnu)) = (tool("ORDERLY_JAVA", "java"), tool("ORDERLY_VNU", "")) else {
        skipped("the Nu Html Checker (ORDERLY_VNU, and Java)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pages = html_pages(dir.path());
    let faulty = dir.path().join("faulty.html");
    fs::write(&faulty, FAULTY_PAGE).unwrap();
    let (_, report, stderr) = output(
        Command::new(java)
            .arg("-jar")
            .arg(vnu)
            .args(["--format", "json", "--stdout"])
            .args(&pages)
            .arg(&faulty),
        "the Nu Html Checker",
    );
    let report: serde_json::Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("the checker's report is JSON ({e}): {report}{stderr}"));
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut control = 0;
    for message in report["messages"].as_array().unwrap() {
        let url = message["url"].as_str().unwrap_or_default();
        let text = format!(
            "{url}:{}: {} ({})",
            message["lastLine"],
            message["message"].as_str().unwrap_or_default(),
            message["extract"].as_str().unwrap_or_default().trim()
        );
        if url.ends_with("/faulty.html") {
            control += 1;
        } else if message["type"] == "info" {
            warnings.push(text);
        } else {
            errors.push(text);
        }
    }
    #[expect(clippy::print_stderr, reason = "warnings are listed, not failed")]
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    assert!(
        control >= 2,
        "the checker missed the faults it was given: {report}"
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// Runs axe-core in headless Chromium on each page given and prints `{page, violations,
/// passes}` for each as one JSON array. The light scheme only: the dark one's contrast is
/// `tests/layout.rs`'s, and a second pass would double the time.
const AXE: &str = r#"
const path = require("path");
const [modules, browserPath, ...pages] = process.argv.slice(2);
const puppeteer = require(path.join(modules, "puppeteer-core"));
const axeSource = require("fs").readFileSync(path.join(modules, "axe-core", "axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
(async () => {
  const browser = await puppeteer.launch({
    executablePath: browserPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
           "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const tab = await browser.newPage();
  const out = [];
  for (const page of pages) {
    await tab.goto("file://" + page, { waitUntil: "load" });
    await tab.evaluate(axeSource);
    const r = await tab.evaluate(tags => axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
    out.push({
      page, passes: r.passes.length,
      violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(" ")) })),
    });
  }
  await browser.close();
  console.log(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
"#;

#[test]
#[ignore = "needs axe-core and puppeteer-core (set ORDERLY_AXE to the node_modules folder that holds them; .ci/run installs them) and Chromium, and run `cargo test -- --include-ignored`"]
fn every_html_page_has_no_axe_violations() {
    let (Some(node), Some(modules), Some(browser)) = (
        tool("ORDERLY_NODE", "node"),
        tool("ORDERLY_AXE", ""),
        crate::browser::chromium(),
    ) else {
        skipped("axe-core with puppeteer-core (ORDERLY_AXE), Node and Chromium");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut pages = html_pages(dir.path());
    let faulty = dir.path().join("faulty.html");
    fs::write(&faulty, FAULTY_PAGE).unwrap();
    pages.push(faulty);
    let script = dir.path().join("axe.cjs");
    fs::write(&script, AXE).unwrap();
    let (ok, report, stderr) = output(
        Command::new(node)
            .arg(&script)
            .arg(modules)
            .arg(browser)
            .args(&pages),
        "node",
    );
    assert!(ok, "axe did not run: {stderr}");
    let results: Vec<serde_json::Value> = serde_json::from_str(&report).unwrap();
    assert_eq!(results.len(), pages.len(), "not every page was checked");
    let mut problems = Vec::new();
    let mut control = Vec::new();
    for r in &results {
        assert!(
            r["passes"].as_u64().unwrap() > 0,
            "axe checked nothing: {r}"
        );
        for v in r["violations"].as_array().unwrap() {
            let page = r["page"].as_str().unwrap();
            if page.ends_with("/faulty.html") {
                control.push(v["id"].as_str().unwrap().to_owned());
            } else {
                problems.push(format!(
                    "{page}: {} [{}] {}: {}",
                    v["id"], v["impact"], v["help"], v["nodes"]
                ));
            }
        }
    }
    assert!(
        control.iter().any(|id| id == "image-alt"),
        "axe missed the image without alt: {control:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "needs mandoc (Debian's `mandoc`; .ci/run installs it, or set ORDERLY_MANDOC), and run `cargo test -- --include-ignored`"]
fn every_manual_page_is_mandoc_lint_clean() {
    let Some(mandoc) = tool("ORDERLY_MANDOC", "mandoc") else {
        skipped("mandoc");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let run = orderly(dir.path(), &["man", "--write", "man"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let pages: Vec<PathBuf> = tree(&dir.path().join("man"))
        .iter()
        .map(|p| dir.path().join("man").join(p))
        .collect();
    assert!(pages.len() >= 10, "{pages:?}");
    // A page with a lower-case title, no date and a trailing space is not clean.
    let faulty = dir.path().join("faulty.1");
    fs::write(&faulty, ".TH faulty 1 \n.SH NAME\nfaulty \\- a page \n").unwrap();
    let (ok, out, err) = output(
        Command::new(&mandoc)
            .args(["-T", "lint", "-W", "all"])
            .arg(&faulty),
        "mandoc",
    );
    assert!(
        !ok && !(out + &err).is_empty(),
        "mandoc found nothing in a faulty page"
    );
    let mut problems = Vec::new();
    for page in &pages {
        let (ok, out, err) = output(
            Command::new(&mandoc)
                .args(["-T", "lint", "-W", "all"])
                .arg(page),
            "mandoc",
        );
        if !ok || !out.is_empty() || !err.is_empty() {
            problems.push(format!("{}:\n{out}{err}", page.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Reads each calendar with libical (through `GObject` introspection, Debian's
/// `gir1.2-ical-3.0`): it must parse, pass `icalrestriction_check` and carry no `X-LIC-ERROR`.
const LIBICAL: &str = r#"
import sys, gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ICal
for path in sys.argv[1:]:
    comp = ICal.Component.new_from_string(open(path, encoding="utf-8").read())
    if comp is None:
        print(f"{path}: does not parse"); continue
    ok = ICal.restriction_check(comp)
    errors = []
    def walk(c):
        p = c.get_first_property(ICal.PropertyKind.XLICERROR_PROPERTY)
        while p is not None:
            errors.append(p.as_ical_string().replace("\r\n ", "").strip())
            p = c.get_next_property(ICal.PropertyKind.XLICERROR_PROPERTY)
        s = c.get_first_component(ICal.ComponentKind.ANY_COMPONENT)
        while s is not None:
            walk(s)
            s = c.get_next_component(ICal.ComponentKind.ANY_COMPONENT)
    walk(comp)
    if not ok and not errors:
        errors.append("fails the restriction check")
    for e in errors:
        print(f"{path}: {e}")
"#;

/// Reads each calendar with Python's `icalendar` (its components' parse errors) and `vobject`
/// (its validation, which raises on a missing or repeated property).
const PYTHON: &str = r#"
import sys, icalendar, vobject
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    try:
        cal = icalendar.Calendar.from_ical(raw)
        for c in cal.walk():
            for e in getattr(c, "errors", []):
                print(f"{path}: icalendar: {c.name}: {e}")
    except Exception as e:
        print(f"{path}: icalendar: {e}")
    try:
        v = vobject.readOne(raw.decode("utf-8"), validate=True)
        v.validate(raiseException=True)
        for ev in v.vevent_list:
            ev.validate(raiseException=True)
    except Exception as e:
        print(f"{path}: vobject: {type(e).__name__}: {e}")
"#;

/// A calendar with `METHOD:PUBLISH` and no `ORGANIZER`, which libical's restriction check
/// flags, and an event with no `UID` or `DTSTAMP`, which vobject rejects.
const FAULTY_CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n\
    METHOD:PUBLISH\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:x\r\nEND:VEVENT\r\n\
    END:VCALENDAR\r\n";

/// The calendars to check: every one of the shipped spec's site, an actor's, one with
/// reminders, and those of the recurring and lifecycle fixtures.
fn calendars(dir: &Path) -> Vec<PathBuf> {
    let site = shipped_site(dir);
    let mut files: Vec<PathBuf> = tree(&site)
        .iter()
        .filter(|f| Path::new(f).extension().is_some_and(|e| e == "ics"))
        .map(|f| site.join(f))
        .collect();
    let as_of = ["--as-of", "2026-12-01", "--format", "ics"];
    for (name, args) in [
        (
            "cisa.ics",
            vec![
                "timeline",
                "spec/eo-14409",
                "--actor",
                "cisa",
                "--alarm",
                "7d",
            ],
        ),
        (
            "recurring.ics",
            vec!["timeline", "tests/fixtures/recurring/recurring-demo"],
        ),
    ] {
        let file = dir.join(name);
        save(&[&args[..], &as_of].concat(), &file);
        files.push(file);
    }
    assert!(files.len() > 10, "{files:?}");
    files
}

#[test]
#[ignore = "needs libical's introspection data (Debian's gir1.2-ical-3.0 with python3-gi) and Python's icalendar and vobject (ORDERLY_PYTHON; .ci/run installs them), and run `cargo test -- --include-ignored`"]
fn every_calendar_passes_libical_and_two_python_parsers() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = calendars(dir.path());
    let faulty = dir.path().join("faulty.ics");
    fs::write(&faulty, FAULTY_CALENDAR).unwrap();
    files.push(faulty);
    let checkers = [
        (
            "libical (gir1.2-ical-3.0 and python3-gi)",
            std::env::var("ORDERLY_LIBICAL_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into()),
            "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib",
            LIBICAL,
        ),
        (
            "Python's icalendar and vobject (ORDERLY_PYTHON)",
            std::env::var("ORDERLY_PYTHON").unwrap_or_else(|_| "python3".into()),
            "import icalendar, vobject",
            PYTHON,
        ),
    ];
    let mut problems = Vec::new();
    for (what, python, probe, script) in checkers {
        let present = Command::new(&python)
            .args(["-c", probe])
            .output()
            .is_ok_and(|o| o.status.success());
        if !present {
            skipped(what);
            continue;
        }
        let (ok, out, err) = output(
            Command::new(&python).args(["-c", script]).args(&files),
            what,
        );
        assert!(ok, "{what}: {err}");
        let (control, found): (Vec<&str>, Vec<&str>) =
            out.lines().partition(|l| l.contains("/faulty.ics: "));
        assert!(!control.is_empty(), "{what} missed the faults it was given");
        problems.extend(found.iter().map(|l| format!("{what}: {l}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
