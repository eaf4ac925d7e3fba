//! The built site in a real browser: headless Chromium loads pages from `file://`, runs their
//! scripts, and dumps the DOM. The pages render their content, a provision whose text carries
//! `<script>` does not run it, and screenshots of the index and the diff page are kept under
//! `target/site-screenshots/`. The diff page's switches work when clicked (a harness page
//! loads the diff in a frame and reports what shows), and the EO 14409 diff prints in under 15
//! pages without provenance. It needs Chromium, so a plain `cargo test` lists these as ignored
//! with the reason; `.ci/run` installs Debian's Chromium and runs it with `--include-ignored`,
//! and then a missing browser fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::site::{build, hostile_spec};
use crate::support::repo;

pub(crate) fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("ORDERLY_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    path.exists().then_some(path)
}

pub(crate) fn chrome(browser: &Path, profile: &Path, args: &[&str]) -> String {
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs Chromium: install Debian's chromium (.ci/run does) or set ORDERLY_CHROMIUM, and run `cargo test -- --include-ignored`"]
fn pages_render_in_a_real_browser() {
    let browser = chromium().expect("Chromium at ORDERLY_CHROMIUM or /usr/bin/chromium");
    let profile = tempfile::tempdir().unwrap();
    let dir = hostile_spec();
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let url = |page: &str| format!("file://{}", site.join(page).display());

    let index = chrome(
        &browser,
        profile.path(),
        &["--dump-dom", &url("index.html")],
    );
    assert!(
        index.contains("Shade Tree Ordinance") && index.contains("What changed"),
        "{index}"
    );

    let checklist = chrome(
        &browser,
        profile.path(),
        &[
            "--dump-dom",
            &url("city-ordinance-12/adopted/checklist.html"),
        ],
    );
    assert!(
        checklist.contains("Survey every park and count its shade trees."),
        "{checklist}"
    );
    // The optional filter box is shown only when scripts run: they ran.
    assert!(
        checklist.contains(r#"<p class="filter"><label>"#),
        "filter not enabled"
    );

    for page in [
        "city-ordinance-12/adopted/checklist.html",
        "city-ordinance-12/adopted/provisions/annual-report.html",
    ] {
        let dom = chrome(&browser, profile.path(), &["--dump-dom", &url(page)]);
        assert!(
            !dom.contains("data-pwned=\""),
            "{page}: markup from the spec ran"
        );
        assert!(
            dom.contains("&lt;script&gt;document.body.setAttribute"),
            "{page}: the text is not shown"
        );
    }

    // Screenshots to look at, kept as artifacts.
    let shots = repo().join("target/site-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let eo = tempfile::tempdir().unwrap();
    let eo_site = eo.path().join("site");
    build(&repo(), &eo_site);
    let eo_url = |page: &str| format!("file://{}", eo_site.join(page).display());
    for (name, page) in [
        ("index.png", "index.html"),
        ("diff.png", "eo-14409/diff/draft-to-signed.html"),
    ] {
        let target = shots.join(name);
        let _ = std::fs::remove_file(&target);
        chrome(
            &browser,
            profile.path(),
            &[
                "--window-size=1200,1600",
                &format!("--screenshot={}", target.display()),
                &eo_url(page),
            ],
        );
        let bytes = std::fs::read(&target).expect("screenshot written");
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "{name}"
        );
    }
}

/// Search from `file://`: `search.html?q=trusted` on the EO 14409 site lists the
/// trusted-partners provision with a link to its page, and neither a hostile query nor hostile
/// spec text in the results becomes markup.
#[test]
#[ignore = "needs Chromium: install Debian's chromium (.ci/run does) or set ORDERLY_CHROMIUM, and run `cargo test -- --include-ignored`"]
fn search_lists_results_in_a_real_browser() {
    let browser = chromium().expect("Chromium at ORDERLY_CHROMIUM or /usr/bin/chromium");
    let profile = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let search = |site: &Path, query: &str| {
        let url = format!("file://{}?q={query}", site.join("search.html").display());
        chrome(&browser, profile.path(), &["--dump-dom", &url])
    };
    let dom = search(&site, "trusted");
    let results = dom
        .split(r#"<ol id="search-results" class="results">"#)
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or_else(|| panic!("no results list: {dom}"));
    assert!(
        results.contains(
            r#"<a href="eo-14409/signed/provisions/framework-trusted-partners.html">EO 14409 3(b)(C): Choose trusted partners jointly</a>"#
        ),
        "{results}"
    );
    assert!(
        dom.contains(" results for \u{201c}trusted\u{201d}."),
        "{dom}"
    );
    // The box shows the query.
    assert!(dom.contains(r#"id="search-q""#), "{dom}");

    let dir = hostile_spec();
    let hostile = dir.path().join("site");
    build(dir.path(), &hostile);
    let query =
        "%3Cimg%20src%3Dx%20onerror%3D%22document.body.setAttribute('data-pwned','q')%22%3E";
    let dom = search(&hostile, query);
    assert!(!dom.contains("data-pwned=\""), "markup from the query ran");
    assert!(dom.contains("Nothing holds \u{201c}&lt;img src=x"), "{dom}");
    let dom = search(&hostile, "report");
    assert!(!dom.contains("data-pwned=\""), "markup from the spec ran");
    assert!(
        dom.contains("Report &lt;script&gt;document.body.setAttribute"),
        "the hostile text is not shown as text: {dom}"
    );
}

/// What the harness page reads off the diff page in its frame, as JSON between `RESULT ` and
/// ` END`: the side-by-side view's layout, and what shows before and after each switch is
/// clicked.
const HARNESS: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>harness</title></head>
<body><iframe id="page" style="width:1200px;height:900px" src="DIFF"></iframe><pre id="out">pending</pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {
  let out;
  try {
    const doc = frame.contentDocument;
    const shown = sel => [...doc.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0).length;
    const state = () => ({
      material: shown(".change.material"),
      nonmaterial: shown(".change.nonmaterial"),
      material_rows: shown(".side-by-side tbody tr.material"),
      other_rows: shown(".side-by-side tbody tr.nonmaterial"),
      listed: shown(".change-list.by-importance li"),
      provenance: shown(".provenance"),
      provenance_lists: shown(".change dl.provenance"),
      source_rows: shown(".change tr.provenance"),
      importance_list: shown(".change-list.by-importance"),
      document_list: shown(".change-list.by-document"),
    });
    const row = doc.querySelector(".side-by-side tbody tr.material");
    const [left, right] = [...row.children].map(td => td.getBoundingClientRect());
    out = {
      rows: doc.querySelectorAll(".side-by-side tbody tr").length,
      columns: row.children.length,
      beside: left.right <= right.left + 1 && Math.abs(left.top - right.top) < 1 && left.width > 200,
      before: state(),
    };
    const click = id => doc.getElementById(id).click();
    click("material-only");
    out.material_only = state();
    click("material-only");
    out.material_only_off = state();
    click("hide-provenance");
    out.hide_provenance = state();
    click("hide-provenance");
    click("order-document");
    out.document_order = state();
    // On a phone, the side-by-side view stays on the screen.
    frame.style.width = "390px";
    const table = doc.querySelector("table.side-by-side").getBoundingClientRect();
    out.phone_fits = table.right <= doc.documentElement.clientWidth;
  } catch (e) {
    out = { error: String(e) };
  }
  document.getElementById("out").textContent = "RESULT " + JSON.stringify(out) + " END";
});
</script></body></html>
"#;

/// The diff page's switches, in a real browser from `file://`: the side-by-side view shows the
/// two versions in two columns; "material only" hides the non-material changes, rows and list
/// entries and leaves the material ones; "hide provenance" hides the provenance and nothing
/// else; the document-order switch swaps the change lists; and at a phone's width the
/// side-by-side view stays on the screen. A harness page beside the site loads the diff in a
/// frame, clicks the switches and reports what shows.
#[test]
#[ignore = "needs Chromium: install Debian's chromium (.ci/run does) or set ORDERLY_CHROMIUM, and run `cargo test -- --include-ignored`"]
fn diff_switches_work_in_a_real_browser() {
    let browser = chromium().expect("Chromium at ORDERLY_CHROMIUM or /usr/bin/chromium");
    let profile = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let harness = site.join("harness.html");
    std::fs::write(
        &harness,
        HARNESS.replace("DIFF", "eo-14409/diff/draft-to-signed.html"),
    )
    .unwrap();
    let dom = chrome(
        &browser,
        profile.path(),
        &[
            "--virtual-time-budget=10000",
            "--dump-dom",
            &format!("file://{}", harness.display()),
        ],
    );
    let json = dom
        .split("RESULT ")
        .nth(1)
        .and_then(|rest| rest.split(" END").next())
        .unwrap_or_else(|| panic!("the harness did not report: {dom}"));
    let r: serde_json::Value = serde_json::from_str(json).unwrap();
    assert!(r.get("error").is_none(), "{r}");
    let n = |state: &str, key: &str| r[state][key].as_u64().unwrap();
    // Two columns, side by side, one row per provision.
    assert_eq!(r["columns"], 2, "{r}");
    assert_eq!(r["beside"], true, "{r}");
    assert!(r["rows"].as_u64().unwrap() >= 25, "{r}");
    // Before: everything shows, the change list by importance.
    for key in [
        "material",
        "nonmaterial",
        "material_rows",
        "other_rows",
        "provenance",
        "provenance_lists",
        "source_rows",
    ] {
        assert!(n("before", key) > 0, "{key}: {r}");
    }
    assert_eq!(n("before", "importance_list"), 1, "{r}");
    assert_eq!(n("before", "document_list"), 0, "{r}");
    // Material only: the non-material changes, rows and list entries go; the material stay.
    for key in ["nonmaterial", "other_rows"] {
        assert_eq!(n("material_only", key), 0, "{key}: {r}");
    }
    for key in ["material", "material_rows"] {
        assert_eq!(n("material_only", key), n("before", key), "{key}: {r}");
    }
    assert_eq!(n("material_only", "listed"), n("before", "material"), "{r}");
    // Unticked, it shows everything again.
    assert_eq!(r["material_only_off"], r["before"], "{r}");
    // Hide provenance: sources and notes go, the changes stay.
    assert_eq!(n("hide_provenance", "provenance"), 0, "{r}");
    assert_eq!(n("hide_provenance", "provenance_lists"), 0, "{r}");
    assert_eq!(n("hide_provenance", "source_rows"), 0, "{r}");
    for key in [
        "material",
        "nonmaterial",
        "material_rows",
        "other_rows",
        "listed",
    ] {
        assert_eq!(n("hide_provenance", key), n("before", key), "{key}: {r}");
    }
    assert_eq!(r["phone_fits"], true, "{r}");
    // Document order: the other list shows instead.
    assert_eq!(n("document_order", "importance_list"), 0, "{r}");
    assert_eq!(n("document_order", "document_list"), 1, "{r}");
}

/// The whole EO 14409 diff, printed by Chromium (US Letter) with provenance hidden as the
/// switch leaves it (the page with its box ticked), takes fewer than 15 pages, though each
/// change is kept whole on a page; with provenance it takes more.
#[test]
#[ignore = "needs Chromium: install Debian's chromium (.ci/run does) or set ORDERLY_CHROMIUM, and run `cargo test -- --include-ignored`"]
fn the_eo_diff_prints_in_under_15_pages_without_provenance() {
    let browser = chromium().expect("Chromium at ORDERLY_CHROMIUM or /usr/bin/chromium");
    let profile = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let page = site.join("eo-14409/diff/draft-to-signed.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let ticked = html.replacen(
        r#"id="hide-provenance">"#,
        r#"id="hide-provenance" checked>"#,
        1,
    );
    assert_ne!(ticked, html, "no provenance switch");
    let copy = page.with_file_name("ticked.html");
    std::fs::write(&copy, ticked).unwrap();
    let pages = |file: &Path| {
        let pdf = out.path().join("print.pdf");
        let _ = std::fs::remove_file(&pdf);
        chrome(
            &browser,
            profile.path(),
            &[
                "--no-pdf-header-footer",
                &format!("--print-to-pdf={}", pdf.display()),
                &format!("file://{}", file.display()),
            ],
        );
        let bytes = std::fs::read(&pdf).expect("a PDF is written");
        // Each page is one `/Type /Page` object (the page tree is `/Type /Pages`).
        bytes
            .windows(12)
            .filter(|w| w.starts_with(b"/Type /Page") && w[11] != b's')
            .count()
    };
    let without = pages(&copy);
    let with = pages(&page);
    assert!(without < 15, "{without} pages without provenance");
    assert!(
        with > without,
        "hiding provenance saves no page: {with} and {without}"
    );
}

/// Under `CI`, the tools the ignored tests need must be installed, so that a CI job running a
/// plain `cargo test` fails rather than passing with the browser and SARIF tests only listed
/// as ignored (`.ci/run` installs them and runs those tests with `--include-ignored`).
#[test]
fn under_ci_the_tools_of_the_ignored_tests_are_installed() {
    if std::env::var_os("CI").is_none() {
        return;
    }
    assert!(
        chromium().is_some(),
        "CI must install Chromium (or set ORDERLY_CHROMIUM)"
    );
    let sarif = std::env::var_os("ORDERLY_SARIF_MULTITOOL").map(PathBuf::from);
    assert!(
        sarif.is_some_and(|tool| tool.exists()),
        "CI must install Microsoft's sarif-multitool and set ORDERLY_SARIF_MULTITOOL"
    );
}
