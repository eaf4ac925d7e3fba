//! Render: compiled views to text.
//!
//! Markdown, HTML and Mermaid come from minijinja templates in `templates/`, embedded in the
//! binary ([`TEMPLATES`]). Spec text is untrusted, and one formatter escapes every value a
//! template prints by the rules of its format: a template whose name ends in `.html` escapes
//! for HTML and isolates bidi controls (`text::unicode::isolated`), so markup in a provision's text
//! shows as text and cannot reorder the words around it; one ending in `.md` escapes Markdown
//! ([`markdown::escape`]). Undefined variables are errors, so a misspelt field fails the tests
//! rather than printing nothing. CSV goes through the `csv` crate (UTF-8 with a byte-order
//! mark, which Excel needs; formula cells neutralised) and iCalendar through [`ics`].

pub mod chart;
pub mod csv;
pub mod ics;
pub mod json;
pub mod markdown;

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::text::{html_escape, unicode};

/// The embedded templates: name, text.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("checklist.md", include_str!("../../templates/checklist.md")),
    (
        "checklist.html",
        include_str!("../../templates/checklist.html"),
    ),
    ("timeline.md", include_str!("../../templates/timeline.md")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("timeline.mmd", include_str!("../../templates/timeline.mmd")),
    ("diff.md", include_str!("../../templates/diff.md")),
    ("diff.html", include_str!("../../templates/diff.html")),
    ("macros.jinja", include_str!("../../templates/macros.jinja")),
    (
        "site/index.html",
        include_str!("../../templates/site/index.html"),
    ),
    (
        "site/instrument.html",
        include_str!("../../templates/site/instrument.html"),
    ),
    (
        "site/contents.html",
        include_str!("../../templates/site/contents.html"),
    ),
    (
        "site/provision.html",
        include_str!("../../templates/site/provision.html"),
    ),
    (
        "site/search.html",
        include_str!("../../templates/site/search.html"),
    ),
];

/// The template environment, built once.
pub fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid");
        env.set_syntax(syntax);
        // `.html` escapes for HTML (minijinja's default); `.md` escapes the characters that
        // would let spec text inject HTML into rendered Markdown.
        env.set_auto_escape_callback(|name| {
            if std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            {
                AutoEscape::Custom("markdown".into())
            } else {
                minijinja::default_auto_escape_callback(name)
            }
        });
        env.set_formatter(|out, state, value| {
            if is_markdown(state) && !value.is_safe() {
                let text = if value.is_none() {
                    String::new()
                } else {
                    value.to_string()
                };
                out.write_str(&markdown::escape(&text))
                    .map_err(minijinja::Error::from)
            } else if let Some(text) = value.as_str().filter(|_| !value.is_safe()) {
                let isolated = minijinja::Value::from(unicode::isolated(text).into_owned());
                minijinja::escape_formatter(out, state, &isolated)
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.add_filter("mermaid", mermaid_text);
        env.add_filter("redline", redline);
        env.add_filter("ticks", ticks);
        env.add_filter("cell", markdown_cell);
        env.add_filter("page", |id: &str| page_name(id).into_owned());
        env.add_filter("url", link_url);
        for (name, text) in TEMPLATES {
            // Templates are tested to compile (tests/templates.rs); a failure here is a build
            // defect.
            env.add_template(name, text)
                .expect("embedded template compiles");
        }
        env
    })
}

/// Renders a template with a view. The diff's Markdown is kept within
/// [`markdown::DIFF_BUDGET`] (see [`markdown::diff_within_budget`]).
pub fn render<T: Serialize>(template: &str, view: &T) -> Result<String, minijinja::Error> {
    if template == "diff.md" {
        return markdown::diff_within_budget(view);
    }
    let template = environment().get_template(template)?;
    template.render(minijinja::context! { view => minijinja::value::Serde(view) })
}

/// Whether a template is being rendered as Markdown.
fn is_markdown(state: &minijinja::State<'_, '_>) -> bool {
    matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "markdown")
}

/// Renders a template as a page of the site: the view, and `site` for navigation (links are
/// relative to the page, so the site works from `file://`).
pub fn render_page<T: Serialize, S: Serialize>(
    template: &str,
    view: &T,
    site: &S,
) -> Result<String, minijinja::Error> {
    let template = environment().get_template(template)?;
    template.render(minijinja::context! {
        view => minijinja::value::Serde(view),
        site => minijinja::value::Serde(site),
    })
}

/// Text safe inside a Mermaid gantt task name: no `:`, `#` or `;`, one line, and no control
/// character (C0, DEL, C1) or bidi control.
fn mermaid_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ':' | ';' | '#' => ' ',
            c if c.is_control() || unicode::is_bidi_control(c) => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Markdown table cell: on one line. (The formatter escapes every value of a Markdown
/// template, `|` included, so a cell cannot end early; this filter marks the table cells.)
fn markdown_cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A URL for a link: percent-encoded for a Markdown link destination ([`markdown::url`]);
/// in HTML, the formatter's escaping is enough for an attribute.
fn link_url(state: &minijinja::State<'_, '_>, text: &str) -> minijinja::Value {
    if is_markdown(state) {
        minijinja::Value::from_safe_string(markdown::url(text))
    } else {
        minijinja::Value::from(text)
    }
}

/// Text with `backticked` names as HTML: escaped, each name in `<code>`; or, in Markdown, each
/// name in a code span ([`markdown::ticks`]).
fn ticks(state: &minijinja::State<'_, '_>, text: &str) -> minijinja::Value {
    if is_markdown(state) {
        return minijinja::Value::from_safe_string(markdown::ticks(text));
    }
    let escaped = html_escape(text);
    let mut out = String::new();
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(part);
            out.push_str("</code>");
        } else {
            out.push_str(part);
        }
    }
    minijinja::Value::from_safe_string(out)
}

/// A redline's segments as markup: deleted words in `<del>`, inserted words in `<ins>`, the
/// words themselves escaped (for HTML, or for Markdown in a Markdown template, where the text
/// between the tags is read as Markdown). Both HTML and GitHub's Markdown render the two tags,
/// with strike-through and underline, so the marks do not rely on colour. A deleted run and
/// the inserted run that replaces it read apart, with a space between them ("~~90~~ 30", never
/// "9030"), unless one of them already ends or starts with whitespace there.
fn redline(
    state: &minijinja::State<'_, '_>,
    segments: &minijinja::Value,
) -> Result<minijinja::Value, minijinja::Error> {
    let markdown = is_markdown(state);
    let mut out = String::new();
    // The previous segment's op, and whether its text ended with whitespace.
    let mut last: Option<(String, bool)> = None;
    for segment in segments.try_iter()? {
        let op = segment.get_attr("op")?;
        let op = op.as_str().unwrap_or("equal");
        let text = segment.get_attr("text")?;
        let text = text.as_str().unwrap_or_default();
        let escaped = if markdown {
            markdown::inline(text)
        } else {
            html_escape(text)
        };
        let tag = match op {
            "delete" => Some("del"),
            "insert" => Some("ins"),
            _ => None,
        };
        if let (Some(_), Some((previous, spaced))) = (tag, &last)
            && previous != op
            && previous != "equal"
            && !spaced
            && !text.starts_with(char::is_whitespace)
        {
            out.push(' ');
        }
        match tag {
            Some(tag) => {
                out.push('<');
                out.push_str(tag);
                out.push('>');
                out.push_str(&escaped);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            None => out.push_str(&escaped),
        }
        last = Some((op.to_owned(), text.ends_with(char::is_whitespace)));
    }
    Ok(minijinja::Value::from_safe_string(out))
}

/// Ids longer than this many bytes get a shortened page name.
const PAGE_NAME_BYTES: usize = 100;

/// The file name (without its extension) of the site page about an id: the id itself, or for
/// a long id, its first 80 bytes, `--` and a hash of the whole id (ids never contain `--`, so
/// no id can take another's name), so that every file name stays within the 255 bytes file
/// systems allow. The same id always gets the same name.
pub fn page_name(id: &str) -> std::borrow::Cow<'_, str> {
    if id.len() <= PAGE_NAME_BYTES {
        return std::borrow::Cow::Borrowed(id);
    }
    // FNV-1a (64 bits): stable across platforms and releases, unlike the standard hasher.
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut end = 80;
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}--{hash:016x}", &id[..end]))
}

#[cfg(test)]
mod tests {
    use minijinja::context;

    /// Renders segments (op, text) through the redline filter, as a template named `name`
    /// would (its extension chooses the escaping).
    fn redline(name: &str, segments: &[(&str, &str)]) -> String {
        let segments: Vec<minijinja::Value> = segments
            .iter()
            .map(|&(op, text)| context! { op => op, text => text })
            .collect();
        super::environment()
            .render_named_str(name, "{{ s | redline }}", context! { s => segments })
            .unwrap()
    }

    /// A changed number reads as the old one struck and the new one after a space, in both
    /// formats: "~~90~~ 30", never "9030".
    #[test]
    fn a_replaced_run_reads_apart_from_its_replacement() {
        let segments = [
            ("equal", "at most "),
            ("delete", "90"),
            ("insert", "30"),
            ("equal", " days"),
        ];
        for name in ["t.md", "t.html"] {
            assert_eq!(
                redline(name, &segments),
                "at most <del>90</del> <ins>30</ins> days",
                "{name}"
            );
        }
        // No second space where the runs already have one, and none around unchanged words.
        assert_eq!(
            redline("t.html", &[("delete", "old "), ("insert", "new")]),
            "<del>old </del><ins>new</ins>"
        );
        assert_eq!(
            redline("t.html", &[("insert", "federal "), ("equal", "government")]),
            "<ins>federal </ins>government"
        );
    }

    /// Identical texts carry no markup; a text one side lacks is one run.
    #[test]
    fn unchanged_text_has_no_marks() {
        assert_eq!(
            redline("t.md", &[("equal", "the same words")]),
            "the same words"
        );
        assert_eq!(redline("t.html", &[]), "");
        assert_eq!(redline("t.html", &[("insert", "new")]), "<ins>new</ins>");
    }

    /// The words of a redline are untrusted: escaped for HTML, and for Markdown so that they
    /// cannot open a link, emphasis or a tag of their own.
    #[test]
    fn redline_words_stay_escaped() {
        let segments = [
            ("delete", "<script>x</script>"),
            ("insert", "[a](https://e.example) *b* </ins>"),
        ];
        let html = redline("t.html", &segments);
        assert_eq!(
            html,
            "<del>&lt;script&gt;x&lt;&#x2f;script&gt;</del> \
             <ins>[a](https:&#x2f;&#x2f;e.example) *b* &lt;&#x2f;ins&gt;</ins>"
        );
        let md = redline("t.md", &segments);
        assert!(md.starts_with("<del>&lt;script&gt;"), "{md}");
        for raw in ["<script>", "[a]", "*b*", "</ins></ins>"] {
            assert!(!md.contains(raw), "{raw} in {md}");
        }
    }
}
