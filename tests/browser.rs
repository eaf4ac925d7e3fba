//! The built site in a real browser: headless Chromium loads pages from `file://`, runs their
//! scripts, and dumps the DOM. The pages render their content, a provision whose text carries
//! `<script>` does not run it, and screenshots of the index and the diff page are kept under
//! `target/site-screenshots/`. It needs Chromium, so a plain `cargo test` lists it as ignored
//! with the reason; `.ci/run` installs Debian's Chromium and runs it with `--include-ignored`,
//! and then a missing browser fails it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::site::{build, hostile_spec};
use crate::support::repo;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("ORDERLY_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    path.exists().then_some(path)
}

fn chrome(browser: &Path, profile: &Path, args: &[&str]) -> String {
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
