//! The HTML diff's views: the two versions side by side in document order, the change list in
//! both orders with links between changes, and what the switches act on; and, on the site,
//! each provision page's link to its own change.

use std::collections::{HashMap, HashSet};
use std::fs;

use orderly::compile::diff::{ChangeKind, Row, diff, with_rows};
use orderly::model::{Instrument, Spec, Version};

use crate::site::{build, unescape};
use crate::support::{copy_dir, example_spec, repo};

fn load(root: &str) -> Spec {
    orderly::load(&repo().join(root), &orderly::Limits::default()).spec
}

fn instrument<'a>(spec: &'a Spec, id: &str) -> &'a Instrument {
    spec.instruments.iter().find(|i| i.id == id).unwrap()
}

/// Every pair of versions of the shipped spec and the example, both ways, with a copy of each
/// version whose second half comes first (so provisions move against each other).
fn pairs() -> Vec<(Spec, String)> {
    vec![
        (load("spec"), "eo-14409".to_owned()),
        (
            load("tests/fixtures/example"),
            "city-ordinance-12".to_owned(),
        ),
    ]
}

fn shuffled(version: &Version) -> Version {
    let mut copy = version.clone();
    let half = copy.sections.len() / 2;
    copy.sections.rotate_left(half);
    for section in &mut copy.sections {
        section.provisions.reverse();
    }
    copy
}

fn ids(rows: &[Row], new: bool) -> Vec<&str> {
    rows.iter()
        .filter_map(|r| if new { r.new.as_ref() } else { r.old.as_ref() })
        .map(|c| c.id.as_str())
        .collect()
}

/// The rows hold each provision of both versions once, the new ones in the new version's
/// order; each change is on exactly one row, beside the provisions it is about; a row without
/// a change pairs a provision with itself; and a provision only in the old version comes
/// after the row of the old provision before it.
#[test]
fn side_by_side_rows_hold_every_provision_once_in_document_order() {
    for (spec, id) in pairs() {
        let inst = instrument(&spec, &id);
        let (first, second) = (&inst.versions[0], &inst.versions[1]);
        let moved = shuffled(second);
        for (old, new) in [
            (first, second),
            (second, first),
            (first, &moved),
            (&moved, first),
        ] {
            let report = diff(&spec.actors, (inst, old), (inst, new));
            let view = with_rows(&report, old, new);
            let rows = &view.rows;
            let new_ids: Vec<&str> = new.provisions().map(|p| p.id.as_str()).collect();
            assert_eq!(ids(rows, true), new_ids, "{id}: new side out of order");
            let mut old_ids: Vec<&str> = ids(rows, false);
            let mut expected: Vec<&str> = old.provisions().map(|p| p.id.as_str()).collect();
            old_ids.sort_unstable();
            expected.sort_unstable();
            assert_eq!(old_ids, expected, "{id}: old side");
            let mut seen = HashSet::new();
            for row in rows {
                let pair = (
                    row.old.as_ref().map(|cell| cell.id.as_str()),
                    row.new.as_ref().map(|cell| cell.id.as_str()),
                );
                match row.change {
                    Some(index) => {
                        assert!(seen.insert(index), "{id}: change {index} on two rows");
                        let change = &report.changes[index];
                        let ids = (change.old_id.as_deref(), change.new_id.as_deref());
                        assert_eq!(ids, pair);
                    }
                    None => assert_eq!(pair.0, pair.1, "{id}: an unchanged row pairs two"),
                }
            }
            assert_eq!(
                seen.len(),
                report.changes.len(),
                "{id}: a change has no row"
            );
            // A removed provision follows its old predecessor's row.
            let old_order: Vec<&str> = old.provisions().map(|p| p.id.as_str()).collect();
            let row_of: HashMap<&str, usize> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r.old.as_ref().map(|c| (c.id.as_str(), i)))
                .collect();
            let removed = report
                .changes
                .iter()
                .filter(|c| c.kind == ChangeKind::Removed);
            for change in removed {
                let me = change.old_id.as_deref().unwrap();
                let at = old_order.iter().position(|p| *p == me).unwrap();
                if at > 0 {
                    assert!(
                        row_of[old_order[at - 1]] < row_of[me],
                        "{id}: {me} placed before its predecessor"
                    );
                }
            }
        }
    }
}

fn eo_html() -> String {
    crate::diff::eo_diff("html")
}

fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!("{attribute}=\"");
    html.match_indices(&marker)
        .map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap()]
}

/// The standalone report: every provision of both versions side by side in document order,
/// with the diff's classes in the empty cells (a provision missing from the reported draft is
/// not reported there; one missing from the signed order is not in it), and links that all
/// land on the page.
#[test]
fn the_html_diff_shows_both_versions_side_by_side() {
    let html = eo_html();
    let spec = load("spec");
    let inst = instrument(&spec, "eo-14409");
    let (draft, signed) = (&inst.versions[0], &inst.versions[1]);
    let d = diff(&spec.actors, (inst, draft), (inst, signed));
    let table = between(&html, "<table class=\"side-by-side stack\">", "</table>");
    let body = between(table, "<tbody>", "</tbody>");
    let rows = body.matches("<tr class=").count();
    assert_eq!(rows, with_rows(&d, draft, signed).rows.len());
    let added = d
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Added)
        .count();
    assert!(added > 0);
    assert_eq!(
        body.matches("<td class=\"absent\" data-label=\"draft\">Not reported in draft</td>")
            .count(),
        added
    );
    assert_eq!(
        body.matches("<td class=\"absent\" data-label=\"signed\">Not in signed</td>")
            .count(),
        1
    );
    // Document order: the signed order's first provision is on the first row, and 3(b)(B)
    // shows the draft's words struck through on the left and the signed ones underlined on
    // the right.
    let first = signed.provisions().next().unwrap();
    assert!(
        between(body, "<tr", "</tr>").contains(&format!("id=\"to-{}\"", first.id)),
        "{body}"
    );
    let window = between(
        body,
        "<td id=\"from-framework-pre-release-access\"",
        "</td>",
    );
    assert!(
        window.contains("<del>") && !window.contains("<ins>"),
        "{window}"
    );
    let window = between(body, "<td id=\"to-framework-pre-release-access\"", "</td>");
    assert!(
        window.contains("<ins>") && !window.contains("<del>"),
        "{window}"
    );
    assert!(window.contains("access window:</span> 30d"), "{window}");

    // Every link of the standalone report lands on the page or is a source's web address:
    // without a site there is no provision page to link to.
    let ids: HashSet<&str> = attribute_values(&html, "id").into_iter().collect();
    for href in attribute_values(&html, "href") {
        let href = unescape(href);
        if href.starts_with("https://") || href.starts_with("http://") {
            continue;
        }
        let anchor = href.strip_prefix('#').unwrap_or_else(|| panic!("{href}"));
        assert!(ids.contains(anchor), "dead link {href}");
    }
}

/// Each change has previous and next links (but the first and the last), a link back to the
/// list and one to its row side by side; the list comes in both orders; and the switches have
/// what they act on: each non-material change, row and list entry is marked, and so is each
/// change's provenance.
#[test]
fn changes_link_to_each_other_and_carry_the_switches_classes() {
    let html = eo_html();
    let spec = load("spec");
    let inst = instrument(&spec, "eo-14409");
    let (draft, signed) = (&inst.versions[0], &inst.versions[1]);
    let d = diff(&spec.actors, (inst, draft), (inst, signed));
    let view = with_rows(&d, draft, signed);
    let n = d.changes.len();
    for (i, c) in d.changes.iter().enumerate() {
        let number = i + 1;
        let section = between(
            &html,
            &format!("<section id=\"change-{number}\" class=\"change "),
            "</section>",
        );
        let material = if c.material {
            "material\">"
        } else {
            "nonmaterial\">"
        };
        assert!(section.contains(material), "change {number}");
        let step = between(section, "<nav class=\"step\"", "</nav>");
        assert_eq!(
            step.contains(&format!(
                "href=\"#change-{}\" rel=\"prev\"",
                number.wrapping_sub(1)
            )),
            number > 1,
            "{step}"
        );
        assert_eq!(
            step.contains(&format!("href=\"#change-{}\" rel=\"next\"", number + 1)),
            number < n,
            "{step}"
        );
        assert!(step.contains("href=\"#changes\""), "{step}");
        let row = match (&c.new_id, &c.old_id) {
            (Some(id), _) => format!("#to-{id}"),
            (None, Some(id)) => format!("#from-{id}"),
            (None, None) => unreachable!(),
        };
        assert!(step.contains(&format!("href=\"{row}\"")), "{step}");
        assert!(
            section.contains("<dl class=\"provenance\">"),
            "change {number}"
        );
    }
    let list = |order: &str| -> Vec<usize> {
        let list = between(
            &html,
            &format!("<ol class=\"change-list {order}\">"),
            "</ol>",
        );
        attribute_values(list, "href")
            .into_iter()
            .map(|h| h.strip_prefix("#change-").unwrap().parse().unwrap())
            .collect()
    };
    assert_eq!(list("by-importance"), (1..=n).collect::<Vec<_>>());
    let in_document: Vec<usize> = view
        .rows
        .iter()
        .filter_map(|r| r.change)
        .map(|i| i + 1)
        .collect();
    assert_eq!(list("by-document"), in_document);
    assert_ne!(
        in_document,
        (1..=n).collect::<Vec<_>>(),
        "the orders differ here"
    );
    for id in [
        "material-only",
        "hide-provenance",
        "order-importance",
        "order-document",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let table = between(&html, "<table class=\"side-by-side stack\">", "</table>");
    let unmarked = table.matches("<tr class=\"").count()
        - table.matches(" material\">").count()
        - table.matches(" nonmaterial\">").count();
    assert_eq!(unmarked, 0, "a row the material-only switch cannot act on");
}

/// On the site, a provision's page links to its own change in each diff it is in, or, when the
/// diff finds no change to it, to its row side by side; each change links to the provision's
/// page in both versions; and every such link and anchor exists.
#[test]
fn provision_pages_and_changes_link_to_each_other() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let page = |path: &str| unescape(&fs::read_to_string(site.join(path)).unwrap());
    let diff_page = page("eo-14409/diff/draft-to-signed.html");
    let signed = page("eo-14409/signed/provisions/framework-pre-release-access.html");
    assert!(
        signed.contains(
            r#"<a href="../../diff/draft-to-signed.html#change-1">changes from draft to signed (change 1)</a>"#
        ),
        "{signed}"
    );
    let draft = page("eo-14409/draft/provisions/framework-pre-release-access.html");
    assert!(draft.contains("draft-to-signed.html#change-1\""), "{draft}");
    let change = between(&diff_page, "<section id=\"change-1\"", "</section>");
    assert!(change.contains(
        r#"<a href="../draft/provisions/framework-pre-release-access.html">3(b)(B) in draft</a>"#
    ));
    assert!(change.contains(
        r#"<a href="../signed/provisions/framework-pre-release-access.html">3(b)(B) in signed</a>"#
    ));
    // Every link from a provision page into a diff lands on an anchor of that diff.
    let ids: HashSet<&str> = attribute_values(&diff_page, "id").into_iter().collect();
    let mut linked = 0;
    for version in ["draft", "signed"] {
        let dir = site.join("eo-14409").join(version).join("provisions");
        for entry in fs::read_dir(dir).unwrap() {
            let text = unescape(&fs::read_to_string(entry.unwrap().path()).unwrap());
            for href in attribute_values(&text, "href") {
                if let Some(anchor) = href.strip_prefix("../../diff/draft-to-signed.html#") {
                    assert!(ids.contains(anchor), "{href}");
                    linked += 1;
                }
            }
        }
    }
    assert_eq!(
        linked,
        instrument(&load("spec"), "eo-14409")
            .versions
            .iter()
            .map(|v| v.provisions().count())
            .sum::<usize>()
    );
}

/// A provision the diff finds no change to links to its row side by side: here, the example
/// with its proposed version made the same as the adopted one.
#[test]
fn an_unchanged_provision_links_to_its_row() {
    let dir = example_spec(None);
    let instrument_dir = dir.path().join("spec/city-ordinance-12");
    fs::remove_dir_all(instrument_dir.join("proposed")).unwrap();
    copy_dir(
        &instrument_dir.join("adopted"),
        &instrument_dir.join("proposed"),
    );
    let site = dir.path().join("site");
    build(dir.path(), &site);
    let diff_page = unescape(
        &fs::read_to_string(site.join("city-ordinance-12/diff/proposed-to-adopted.html")).unwrap(),
    );
    assert!(diff_page.contains("<td id=\"to-survey\""), "{diff_page}");
    for (version, side) in [("proposed", "from"), ("adopted", "to")] {
        let text = unescape(
            &fs::read_to_string(site.join(format!(
                "city-ordinance-12/{version}/provisions/survey.html"
            )))
            .unwrap(),
        );
        let link = format!(
            "<a href=\"../../diff/proposed-to-adopted.html#{side}-survey\">no change from proposed to adopted</a>"
        );
        assert!(text.contains(&link), "{text}");
    }
}

/// Where both sides of a row carry the official wording, the cells show it, and the change's
/// redline of it marks them; elsewhere they show the summaries, and the caption says the view
/// mixes the two.
#[test]
fn cells_show_the_official_text_where_both_sides_carry_it() {
    let spec = load("tests/fixtures/example");
    let inst = instrument(&spec, "city-ordinance-12");
    let (mut old, mut new) = (inst.versions[0].clone(), inst.versions[1].clone());
    let with_text = |version: &mut Version, id: &str, text: &str| {
        for section in &mut version.sections {
            for p in &mut section.provisions {
                if p.id == id {
                    p.value.text = Some(text.to_owned());
                }
            }
        }
    };
    with_text(
        &mut old,
        "survey",
        "Each park shall be surveyed within 90 days.",
    );
    with_text(
        &mut new,
        "survey",
        "Each park shall be surveyed within 30 days.",
    );
    with_text(&mut new, "planting-plan", "A plan shall be adopted.");
    let report = diff(&spec.actors, (inst, &old), (inst, &new));
    let view = with_rows(&report, &old, &new);
    assert_eq!(view.wording, "mixed");
    let row = |id: &str| {
        view.rows
            .iter()
            .find(|r| r.new.as_ref().is_some_and(|c| c.id == id))
            .unwrap()
    };
    let survey = row("survey");
    let (left, right) = (survey.old.as_ref().unwrap(), survey.new.as_ref().unwrap());
    assert_eq!((left.field, right.field), ("text", "text"));
    assert_eq!(right.body, "Each park shall be surveyed within 30 days.");
    // Only one side has the text: both cells give the summaries, which compare.
    let plan = row("planting-plan");
    assert_eq!(plan.new.as_ref().unwrap().field, "action");
    assert_eq!(
        plan.new.as_ref().unwrap().body,
        new_action(&new, "planting-plan")
    );
    let html = orderly::render::render("diff.html", &view).unwrap();
    let cell = between(&html, "<td id=\"to-survey\"", "</td>");
    assert!(cell.contains("<ins>30"), "{cell}");
    assert!(!cell.contains("90"), "{cell}");
    assert!(
        html.contains("the cells give the official text where both sides carry it"),
        "{html}"
    );
}

fn new_action(version: &Version, id: &str) -> String {
    version
        .provisions()
        .find(|p| p.id == id)
        .map(|p| p.action.clone())
        .unwrap()
}
