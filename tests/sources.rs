//! How a cited source is shown, in every output that cites one: its title linked to its URL;
//! or, without a URL, its title and site; or, with neither, its title alone. Whichever way it
//! is shown, its text is escaped for the output's format as any other spec text is.

use std::fs;
use std::path::Path;

use orderly::render::markdown;
use orderly::testing::html_escape;

use crate::support::{example_spec, orderly};

const AS_OF: &str = "2026-06-01";
const INSTRUMENT: &str = "spec/city-ordinance-12";

const GAZETTE: &str = "City Gazette, Ordinance 12 as adopted";
const HOSTILE_SITE: &str = "<b>Clerk</b> *em* [x](https://evil.example/) _u_";
const HOSTILE_TITLE: &str = "Council <i>weighs</i> *shade* [t](https://evil.example/)";
const PRESS_URL: &str = "https://example.org/news/2026/03/02/shade-trees";
const BLOG: &str = "Neighbourhood blog post on the proposal";

/// The example spec with three kinds of source: the gazette with a site full of markup and no
/// URL, the press article with a URL and a title full of markup, and the blog post with
/// neither URL nor site.
fn spec() -> tempfile::TempDir {
    let dir = example_spec(None);
    let path = dir.path().join("spec/city-ordinance-12/instrument.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    for (from, to) in [
        (
            "url: https://example.org/gazette/2026-04-20/ordinance-12".to_owned(),
            format!("site: {HOSTILE_SITE:?}"),
        ),
        (
            "title: Council weighs shade-tree plan".to_owned(),
            format!("title: {HOSTILE_TITLE:?}"),
        ),
        (
            "    site: neighbourhood-blog.example.org\n".to_owned(),
            String::new(),
        ),
    ] {
        assert!(text.contains(&from), "{from}");
        text = text.replacen(&from, &to, 1);
    }
    fs::write(&path, text).unwrap();
    dir
}

fn run_ok(cwd: &Path, args: &[&str]) -> String {
    let run = orderly(cwd, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn report(cwd: &Path, command: &str, format: &str) -> String {
    let mut args = vec![command, INSTRUMENT, "--format", format];
    if command == "checklist" {
        args.extend(["--version", "adopted", "--as-of", AS_OF]);
    }
    run_ok(cwd, &args)
}

#[test]
fn html_shows_each_kind_of_source_escaped() {
    let dir = spec();
    let checklist = report(dir.path(), "checklist", "html");
    let diff = report(dir.path(), "diff", "html");
    let site_only = format!("{GAZETTE} ({})", html_escape(HOSTILE_SITE));
    assert!(
        checklist.contains(&format!("<dd>{site_only}, Sec. 2(a)</dd>")),
        "{checklist}"
    );
    assert!(
        diff.contains(&format!("Sources: {site_only}</dd>")),
        "{diff}"
    );
    let linked = format!(
        "<a href=\"{}\">{}</a>",
        html_escape(PRESS_URL),
        html_escape(HOSTILE_TITLE)
    );
    assert!(diff.contains(&format!("Sources: {linked}</dd>")), "{diff}");
    assert!(
        diff.contains(&format!(
            "(low confidence)<span class=\"provenance\">: {BLOG}</span></li>"
        )),
        "{diff}"
    );
    run_ok(
        dir.path(),
        &["build", "spec", "-o", "site", "--as-of", AS_OF],
    );
    let page = fs::read_to_string(dir.path().join("site/city-ordinance-12/index.html")).unwrap();
    assert!(
        page.contains(&format!("<code>blog-2026-03-03</code>: {BLOG}</li>")),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "<code>gazette-2026-04-20</code>: {site_only}</li>"
        )),
        "{page}"
    );
    for (name, html) in [("checklist", &checklist), ("diff", &diff), ("site", &page)] {
        assert!(!html.contains("(None)"), "{name}: {html}");
        assert!(!html.contains("<b>Clerk"), "{name}: {html}");
        assert!(!html.contains("<i>weighs"), "{name}: {html}");
    }
}

#[test]
fn markdown_shows_each_kind_of_source_escaped() {
    let dir = spec();
    let checklist = report(dir.path(), "checklist", "md");
    let diff = report(dir.path(), "diff", "md");
    let site_only = format!(
        "{} ({})",
        markdown::escape(GAZETTE),
        markdown::escape(HOSTILE_SITE)
    );
    assert!(
        checklist.contains(&format!("- **Sources:** {site_only}, Sec. 2(a)\n")),
        "{checklist}"
    );
    assert!(diff.contains(&format!("; {site_only}.")), "{diff}");
    let linked = format!(
        "[{}]({})",
        markdown::escape(HOSTILE_TITLE),
        markdown::url(PRESS_URL)
    );
    assert!(diff.contains(&format!("Sources: {linked}.\n")), "{diff}");
    assert!(
        diff.contains(&format!("low confidence. Sources: {BLOG}.\n")),
        "{diff}"
    );
    for (name, text) in [("checklist", &checklist), ("diff", &diff)] {
        assert!(!text.contains(&format!("{BLOG} (")), "{name}: {text}");
        assert!(!text.contains("<b>Clerk"), "{name}: {text}");
        assert!(!text.contains("<i>weighs"), "{name}: {text}");
        assert!(!text.contains("](https://evil.example/)"), "{name}: {text}");
    }
}
