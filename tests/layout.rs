//! Every page of the built site reads well on a phone and a desktop, in light and dark: headless
//! Chromium loads each page in a frame 390 px and 1280 px wide, once with the light scheme and
//! once with the dark one, and a harness page reports what it measures. The test fails when a
//! page is wider than its frame (a horizontal scroll bar), when a table on a phone keeps its
//! columns instead of becoming cards or pushes a cell off the screen, when any text has less
//! than WCAG AA contrast (4.5:1) against its background, or when the dark scheme leaves the page
//! light or deleted and inserted text look alike. Ignored without Chromium, like the other
//! browser tests.

use std::path::Path;

use crate::browser::{chrome, chromium};
use crate::site::build;
use crate::support::repo;

/// What the harness reads off each page, as JSON between `RESULT ` and ` END`.
const HARNESS: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>layout</title></head>
<body><iframe id="page" style="border:0;height:800px"></iframe><pre id="out">pending</pre>
<script>
const PAGES = PAGE_LIST;
const frame = document.getElementById("page");
const rgb = s => { const m = s.match(/[\d.]+/g) || []; return m.map(Number); };
const lum = c => {
  const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const background = (win, el) => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(win.getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
  }
  return [255, 255, 255];
};
const load = (src, width) => new Promise(done => {
  frame.style.width = width + "px";
  frame.onload = () => done();
  frame.src = src;
});
const measure = (page, width) => {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const root = doc.documentElement;
  const r = { page, width };
  r.overflow = root.scrollWidth > root.clientWidth ? root.scrollWidth - root.clientWidth : 0;
  r.background = lum(background(win, doc.body));
  // The lowest contrast of any text shown, outside the chart (its SVG text has its own panel).
  let worst = { ratio: 99 };
  for (const el of doc.body.querySelectorAll("*")) {
    if (el.closest("svg") || el.getClientRects().length === 0) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = win.getComputedStyle(el);
    if (s.visibility === "hidden" || el.getBoundingClientRect().right < 0) continue;
    const q = ratio(rgb(s.color), background(win, el));
    if (q < worst.ratio) worst = { ratio: Math.round(q * 100) / 100, tag: el.tagName, class: el.className, text: el.textContent.trim().slice(0, 40) };
  }
  r.contrast = worst;
  // On a phone every stacked table is cards: its cells are blocks on the screen.
  r.tables = 0; r.offscreen = []; r.columns = [];
  for (const table of doc.querySelectorAll("table.stack")) {
    const row = table.querySelector("tbody > tr");
    if (!row) continue;
    r.tables += 1;
    for (const cell of row.children) {
      const box = cell.getBoundingClientRect();
      if (box.right > root.clientWidth + 0.5 || box.left < -0.5) r.offscreen.push(cell.dataset.label || cell.tagName);
      if (width < 600 && win.getComputedStyle(cell).display !== "block") r.columns.push(cell.dataset.label || cell.tagName);
    }
  }
  const ins = doc.querySelector("ins"), del = doc.querySelector("del");
  if (ins && del) {
    r.ins_del = distance(background(win, ins), background(win, del));
    r.ins_bg = distance(background(win, ins), background(win, doc.body));
    r.del_bg = distance(background(win, del), background(win, doc.body));
  }
  return r;
};
(async () => {
  const out = [];
  try {
    for (const page of PAGES) {
      for (const width of [390, 1280]) {
        await load(page, width);
        out.push(measure(page, width));
      }
    }
  } catch (e) {
    out.push({ error: String(e) });
  }
  document.getElementById("out").textContent = "RESULT " + JSON.stringify(out) + " END";
})();
</script></body></html>
"#;

fn pages(site: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walk(site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            p.strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p != "layout.html")
        .collect();
    pages.sort();
    pages
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn measure(browser: &Path, site: &Path, dark: bool) -> Vec<serde_json::Value> {
    let profile = tempfile::tempdir().unwrap();
    let list = serde_json::to_string(&pages(site)).unwrap();
    let harness = site.join("layout.html");
    std::fs::write(&harness, HARNESS.replace("PAGE_LIST", &list)).unwrap();
    let url = format!("file://{}", harness.display());
    let mut args = vec!["--virtual-time-budget=600000", "--dump-dom", &url];
    if dark {
        args.insert(0, "--force-dark-mode");
    }
    let dom = chrome(browser, profile.path(), &args);
    let json = dom
        .split("RESULT ")
        .nth(1)
        .and_then(|rest| rest.split(" END").next())
        .unwrap_or_else(|| panic!("the harness did not report: {dom}"));
    serde_json::from_str(json).unwrap()
}

fn check(results: &[serde_json::Value], dark: bool) -> Vec<String> {
    let scheme = if dark { "dark" } else { "light" };
    let mut problems = Vec::new();
    for r in results {
        assert!(r.get("error").is_none(), "{r}");
        let at = format!("{} at {} px, {scheme}", r["page"], r["width"]);
        if r["overflow"].as_f64().unwrap() > 0.0 {
            problems.push(format!("{at}: {} px wider than the screen", r["overflow"]));
        }
        if r["contrast"]["ratio"].as_f64().unwrap() < 4.5 {
            problems.push(format!("{at}: low contrast {}", r["contrast"]));
        }
        for key in ["offscreen", "columns"] {
            if !r[key].as_array().unwrap().is_empty() {
                problems.push(format!("{at}: table cells {key}: {}", r[key]));
            }
        }
        let background = r["background"].as_f64().unwrap();
        if dark != (background < 0.05) {
            problems.push(format!(
                "{at}: background luminance {background} in the {scheme} scheme"
            ));
        }
        if let Some(ins_del) = r.get("ins_del") {
            for (key, value) in [
                ("ins_del", ins_del),
                ("ins_bg", &r["ins_bg"]),
                ("del_bg", &r["del_bg"]),
            ] {
                // Apart in RGB by more than the pale light tints are from white.
                if value.as_f64().unwrap() < 24.0 {
                    problems.push(format!("{at}: {key} backgrounds alike ({value})"));
                }
            }
        }
    }
    problems
}

#[test]
#[ignore = "needs Chromium: install Debian's chromium (.ci/run does) or set ORDERLY_CHROMIUM, and run `cargo test -- --include-ignored`"]
fn every_page_fits_a_phone_and_a_desktop_in_light_and_dark() {
    let browser = chromium().expect("Chromium at ORDERLY_CHROMIUM or /usr/bin/chromium");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(&repo(), &site);
    let mut problems = Vec::new();
    let mut stacked = 0;
    let mut diffs = 0;
    for dark in [false, true] {
        let results = measure(&browser, &site, dark);
        assert_eq!(
            results.len(),
            2 * pages(&site).len(),
            "not every page was measured"
        );
        stacked += results
            .iter()
            .filter(|r| r["width"] == 390)
            .map(|r| r["tables"].as_u64().unwrap())
            .sum::<u64>();
        diffs += results
            .iter()
            .filter(|r| r.get("ins_del").is_some())
            .count();
        problems.extend(check(&results, dark));
    }
    // The checks looked at something: tables on phones and a redline in both schemes.
    assert!(stacked > 50, "{stacked} stacked tables measured");
    assert!(diffs >= 4, "{diffs} pages with a redline measured");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
