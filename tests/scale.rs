//! Costs that grow with the data: a build streams its pages and writes what rendering in memory
//! gives, a deep actor hierarchy builds, versions add pages linearly, and a far-off deadline
//! does not stretch the timeline.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use orderly::Limits;
use orderly::render::chart::MAX_TICKS;

use crate::site::{build, many_versions, size};
use crate::support::{ONE_VERSION_INSTRUMENT, orderly, repo, tree};

/// Builds the spec folder `spec` (under `parent`) into `parent/site` with `orderly build`, and
/// checks that every file it wrote is, byte for byte, the file rendering in memory gives.
fn streamed_matches_memory(parent: &Path, as_of: &str) {
    let site = parent.join("site");
    let run = orderly(
        parent,
        &[
            "build",
            "spec",
            "-o",
            site.to_str().unwrap(),
            "--as-of",
            as_of,
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let workspace = orderly::load(&parent.join("spec"), &Limits::default());
    let date = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    let memory = orderly::render_site(&workspace.spec, date).unwrap();
    let written: Vec<String> = tree(&site)
        .into_iter()
        .filter(|f| f != ".orderly-site")
        .collect();
    let rendered: Vec<String> = memory
        .files
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut sorted = written.clone();
    sorted.sort();
    assert_eq!(sorted, rendered);
    for (path, bytes) in &memory.files {
        assert!(
            fs::read(site.join(path)).unwrap() == *bytes,
            "{} differs",
            path.display()
        );
    }
    assert!(
        run.stdout.contains(&format!("({} files)", rendered.len())),
        "{}",
        run.stdout
    );
}

#[test]
fn a_streamed_build_writes_the_site_rendered_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&repo().join("spec"), &dir.path().join("spec"));
    streamed_matches_memory(dir.path(), "2026-11-26");
}

#[test]
fn a_deep_actor_chain_builds() {
    // a0 <- a1 <- ... <- a4999 by `parent`; provisions name a4999, a2500 and a1, so the pages
    // are theirs and their parents'.
    let n = 5000;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir_all(spec.join("i/v")).unwrap();
    let mut actors = String::from("actors:\n");
    for i in 0..n {
        let _ = write!(actors, "  a{i}:\n    name: A{i}\n    kind: ");
        if i == 0 {
            actors.push_str("agency\n");
        } else {
            let _ = writeln!(actors, "component\n    parent: a{}", i - 1);
        }
    }
    fs::write(spec.join("actors.yaml"), actors).unwrap();
    fs::write(spec.join("i/instrument.yaml"), ONE_VERSION_INSTRUMENT).unwrap();
    let mut section = String::from("section: \"1\"\nsources: [s]\nprovisions:\n");
    for (k, actor) in [n - 1, 2500, 1].into_iter().enumerate() {
        let _ = writeln!(
            section,
            "  - {{id: p{k}, ref: \"1({k})\", kind: obligation, modality: shall, binding: mandatory, \
             actor: a{actor}, action: x, due: {{within: 1d, of: start}}, sources: [s], confidence: high}}"
        );
    }
    fs::write(spec.join("i/v/s.yaml"), section).unwrap();
    streamed_matches_memory(dir.path(), "2026-06-01");
    let actors = dir.path().join("site/i/v/actors");
    let mut pages: Vec<String> = fs::read_dir(&actors)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "a0.json",
            "a1.json",
            "a2499.json",
            "a2500.json",
            "a4998.json",
            "a4999.json"
        ]
    );
    for (page, components, items) in [
        ("a0", n - 1, 3),
        ("a2499", n - 2500, 2),
        ("a4998", 1, 1),
        ("a4999", 0, 1),
    ] {
        let list: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(actors.join(format!("{page}.json"))).unwrap())
                .unwrap();
        let listed = list["actors"][0]["components"].as_array().unwrap();
        assert_eq!(listed.len(), components, "{page}");
        assert_eq!(list["items"].as_array().unwrap().len(), items, "{page}");
    }
}

/// A spec at `spec` whose one instrument (`i`) has `n` provisions in one parent chain
/// (`p0` <- `p1` <- ...): `p0` records evidence that covers its sub-items, and `p{own}` records
/// evidence of its own that does not.
fn sub_item_chain(spec: &Path, n: usize, own: usize) {
    fs::create_dir_all(spec.join("i/v")).unwrap();
    fs::write(
        spec.join("actors.yaml"),
        "actors:\n  a:\n    name: A\n    kind: agency\n",
    )
    .unwrap();
    fs::write(spec.join("i/instrument.yaml"), ONE_VERSION_INSTRUMENT).unwrap();
    let mut section = String::from("section: \"1\"\nsources: [s]\nprovisions:\n");
    for k in 0..n {
        let _ = write!(
            section,
            "  - id: p{k}\n    ref: \"1({k})\"\n    kind: obligation\n    modality: shall\n    \
             binding: mandatory\n    actor: a\n    action: x\n    due: {{within: 1d, of: start}}\n    \
             sources: [s]\n    confidence: high\n"
        );
        if k > 0 {
            let _ = writeln!(section, "    parent: p{}", k - 1);
        }
        if k == 0 || k == own {
            let covers = if k == 0 {
                "\n        covers: children"
            } else {
                ""
            };
            let _ = writeln!(
                section,
                "    status:\n      - as_of: 2026-01-10\n        state: done\n        \
                 done_on: 2026-01-02{covers}\n        sources: [s]"
            );
        }
    }
    fs::write(spec.join("i/v/s.yaml"), section).unwrap();
}

/// A 5,000-deep chain of sub-items under one status entry that covers them: every sub-item
/// down to the first with evidence of its own shows the entry as recorded on the top, and
/// those below that one inherit nothing from either (its entry does not cover them). The
/// nearest ancestor is found once per provision, so the chain costs its length.
#[test]
fn a_deep_chain_of_sub_items_inherits_its_top_s_evidence() {
    let n = 5000;
    let own = 3000;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path();
    sub_item_chain(spec, n, own);
    let run = orderly(
        &repo(),
        &[
            "checklist",
            spec.join("i").to_str().unwrap(),
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let items = value["items"].as_array().unwrap();
    assert_eq!(items.len(), n);
    for (k, item) in items.iter().enumerate() {
        let covered_by = &item["evidence"]["covered_by"];
        match k {
            0 => assert!(covered_by.is_null(), "p0: {item}"),
            k if k < own => assert_eq!(covered_by, "1(0)", "p{k}"),
            k if k == own => assert!(covered_by.is_null() && item["evidence"].is_object()),
            _ => assert!(item["evidence"].is_null(), "p{k}: {item}"),
        }
    }
}

/// Sub-items nest on the contents page however deep they go: a 5,000-deep chain builds and its
/// page opens and closes one list per level. The page was rendered recursively: a chain
/// over about 500 deep stopped the build at the template engine's recursion limit, and one
/// 20,000 deep overflowed the stack.
#[test]
fn a_deep_chain_of_sub_items_builds_its_contents_page() {
    let n = 5_000;
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    sub_item_chain(&spec, n, n);
    let site = dir.path().join("site");
    let run = orderly(
        &repo(),
        &[
            "build",
            spec.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--as-of",
            "2026-06-01",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = fs::read_to_string(site.join("i/v/contents.html")).unwrap();
    let start = page.find("<h2 id=\"provisions\">").unwrap();
    let end = page.find("<h2 id=\"actors\">").unwrap();
    let page = &page[start..end];
    assert_eq!(page.matches("<ul class=\"contents\">").count(), 1);
    assert_eq!(page.matches("<ul>").count(), n - 1);
    assert_eq!(page.matches("</ul>").count(), n);
    assert_eq!(page.matches("<li>").count(), n);
    assert_eq!(page.matches("</li>").count(), n);
    let deepest = format!("p{}.html\">", n - 1);
    assert!(page.contains(&deepest), "{}", &page[page.len() - 300..]);
}

#[test]
fn fifty_versions_cost_about_fifty_sites() {
    let site_of = |count: usize| {
        let dir = many_versions(count);
        let site = dir.path().join("site");
        build(dir.path(), &site);
        size(&site)
    };
    let (one, fifty) = (site_of(1), site_of(50));
    // Pages per version, not per pair of versions: within 3x of fifty one-version sites (the
    // square would be about 25x).
    assert!(
        fifty < 3 * 50 * one,
        "{fifty} bytes against {one} for one version"
    );
    assert!(
        fifty > 10 * one,
        "{fifty} bytes against {one} for one version"
    );
}

#[test]
fn a_deadline_in_2100_keeps_the_timeline_small() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(
        &repo().join("tests/fixtures/far-future/spec"),
        &dir.path().join("spec"),
    );
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let page = fs::read_to_string(site.join("charter/v1/timeline.html")).unwrap();
    assert!(page.len() < 200_000, "{} bytes", page.len());
    let ticks = page.matches(r##"stroke="#999""##).count();
    assert!((2..=MAX_TICKS).contains(&ticks), "{ticks} ticks");
    let labels: Vec<&str> = page
        .split(r##"fill="#555">"##)
        .skip(1)
        .filter_map(|rest| rest.split_once("</text>").map(|(label, _)| label))
        .collect();
    assert_eq!(labels.len(), ticks);
    insta::assert_snapshot!("far_future_ticks", labels.join(" "));
}
