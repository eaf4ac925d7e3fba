//! The site's search index (`searchindex.js`): written at the root, byte-identical across
//! builds, valid JavaScript holding JSON, every result leading to a page of the site, spec
//! text carried as text, and the search box on every page leading to `search.html`. The
//! search itself runs in Chromium (`browser.rs`).

use std::fs;
use std::path::Path;

use crate::site::{build, hostile_spec, unescape};
use crate::support::{is_html, repo, tree};

const PREFIX: &str = "window.orderlySearchIndex = ";

/// The documents of a built site's index: `[href, title, kind, text]`.
fn documents(site: &Path) -> Vec<[String; 4]> {
    let script = fs::read_to_string(site.join("searchindex.js")).expect("the index is written");
    let json = script
        .strip_prefix(PREFIX)
        .and_then(|s| s.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("not an assignment of the index: {script:.200}"));
    serde_json::from_str(json).expect("the index is JSON")
}

#[test]
fn the_index_is_written_deterministic_and_leads_to_pages() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    build(&repo(), &a);
    build(&repo(), &b);
    let bytes = fs::read(a.join("searchindex.js")).unwrap();
    assert_eq!(bytes, fs::read(b.join("searchindex.js")).unwrap());
    let docs = documents(&a);
    for [href, title, _, _] in &docs {
        assert!(a.join(href).exists(), "{title}: {href} leads nowhere");
    }
    let kinds = |prefix: &str| docs.iter().filter(|d| d[2].starts_with(prefix)).count();
    // Both versions' provisions and terms, the actors with a checklist, and the sources.
    assert!(kinds("provision, version signed") >= 25);
    assert!(kinds("provision, version draft") >= 10);
    assert!(kinds("defined term") >= 4);
    assert!(kinds("actor") >= 5);
    assert!(kinds("source") >= 3);
    let trusted = docs
        .iter()
        .find(|d| d[0] == "eo-14409/signed/provisions/framework-trusted-partners.html")
        .expect("the trusted-partners provision is indexed");
    assert_eq!(
        trusted[1],
        "EO 14409 3(b)(C): Choose trusted partners jointly"
    );
    assert!(trusted[3].contains("trusted partners"), "{trusted:?}");
    // The first results are of the version the site leads with.
    assert!(docs[0][2].ends_with("signed"), "{:?}", docs[0]);
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_loads_the_index() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let mut pages = 0;
    for file in tree(&site).iter().filter(|f| is_html(f)) {
        let html = unescape(&fs::read_to_string(site.join(file)).unwrap());
        let root = "../".repeat(file.matches('/').count());
        let form = format!(r#"<form class="search" role="search" action="{root}search.html">"#);
        assert!(html.contains(&form), "{file} has no search box");
        pages += 1;
    }
    assert!(pages > 50, "{pages} pages");
    let search = fs::read_to_string(site.join("search.html")).unwrap();
    assert!(search.contains(r#"<script src="searchindex.js"></script>"#));
    assert!(
        search.contains("<noscript>"),
        "no note for readers without scripts"
    );
}

#[test]
fn hostile_spec_text_is_carried_as_text() {
    let dir = hostile_spec();
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let script = fs::read_to_string(site.join("searchindex.js")).unwrap();
    for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
        assert!(!script.contains(raw), "{raw:?} in the index");
    }
    let docs = documents(&site);
    assert!(
        docs.iter()
            .any(|d| d[3].contains("<script>document.body.setAttribute")),
        "the hostile text is not indexed as it is"
    );
}
