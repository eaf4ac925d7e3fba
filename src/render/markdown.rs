//! Markdown output (checklists, timelines and diffs, meant for pull-request comments): spec
//! text escaped so it stays text, and the diff kept under GitHub's comment limit.
//!
//! Every value a Markdown template prints goes through [`escape`]. It writes Markdown's
//! punctuation as numeric character references (`*` as `&#42;`), which `CommonMark` and GitHub
//! show as the character and never read as markup, inside paragraphs, table cells and the
//! raw-HTML `<details>` blocks alike (a backslash escape would show in raw HTML). So spec text
//! cannot add images, links, headings, raw HTML, emphasis or table cells; `@` and `#` before
//! a name or number get a zero-width space so GitHub does not ping anyone or link an issue;
//! `://` and `www.` are broken so nothing is autolinked; line breaks become spaces and other
//! control characters visible escapes; and a value that starts a line cannot start a list,
//! quote, heading, thematic break or a GitHub workflow command (`::`).

use std::fmt::Write as _;

use serde::Serialize;

use crate::text::unicode::{is_bidi_control, visible};

/// The most UTF-16 code units (what GitHub counts) a diff in Markdown may take; GitHub refuses
/// a comment over 65,536, and this leaves room for whatever a workflow adds around it.
pub const DIFF_BUDGET: usize = 60_000;

/// Spec text as Markdown text: whitespace runs (line breaks included) become one space, the
/// ends are trimmed, and nothing in it is markup (see the module comment).
pub fn escape(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = inline(&collapsed);
    neutral_start(&mut out);
    out
}

/// Escapes what only matters at the start of a line: list markers (`-`, `+`, `1.`, `1)`),
/// setext underlines (`=`), and the `::` of a GitHub workflow command.
fn neutral_start(out: &mut String) {
    if out.starts_with(['-', '+', '=', ':']) {
        let first = out.remove(0);
        out.insert_str(0, &format!("&#{};", u32::from(first)));
    } else if let Some(digits) = out.find(|c: char| !c.is_ascii_digit())
        && digits > 0
        && out[digits..].starts_with(['.', ')'])
    {
        let mark = if out[digits..].starts_with('.') {
            "&#46;"
        } else {
            "&#41;"
        };
        out.replace_range(digits..=digits, mark);
    }
}

/// Spec text as Markdown inside a line (a redline's segments): like [`escape`] but spaces are
/// kept as they are, each line break or tab becoming one space.
pub fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Inside a word, `_` cannot open or close emphasis (CommonMark 6.2).
            '_' if before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric) =>
            {
                out.push('_');
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '$' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '#' => {
                out.push_str("&#35;");
                if after.is_some_and(|a| a.is_ascii_digit()) {
                    out.push('\u{200B}');
                }
            }
            '@' => out.push_str("@\u{200B}"),
            ':' if chars[i + 1..].starts_with(&['/', '/']) => out.push_str("&#58;"),
            '.' if i >= 3
                && chars[i - 3..i]
                    .iter()
                    .collect::<String>()
                    .eq_ignore_ascii_case("www") =>
            {
                out.push_str("&#46;");
            }
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() || is_bidi_control(c) => {
                // Shown, not run: `\u{1b}` (its backslash escaped like any other).
                out.push_str(&visible(&c.to_string()).replace('\\', "&#92;"));
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL as a Markdown link destination: characters that could end the destination or the
/// link (`(`, `)`, `<`, `>`, spaces, backslashes, quotes, controls) and every non-ASCII byte
/// percent-encoded, `&` written as `&amp;`; `%` and the other URL characters kept.
pub fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'&' => out.push_str("&amp;"),
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b':'
            | b'/'
            | b'?'
            | b'#'
            | b'='
            | b'+'
            | b'%'
            | b','
            | b';'
            | b'@'
            | b'!'
            | b'$'
            | b'*'
            | b'\'' => out.push(char::from(byte)),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// Text with `backticked` names, as Markdown: the text escaped, each name in a code span when
/// it is plain (letters, digits, spaces and `-_.()/:`), else in `<code>` with its text escaped
/// (a code span shows character references literally and a backtick would end it).
pub fn ticks(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(&inline(part));
        } else if !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " -_.()/:".contains(c))
            && !part.starts_with(' ')
            && !part.ends_with(' ')
        {
            out.push('`');
            out.push_str(part);
            out.push('`');
        } else {
            out.push_str("<code>");
            out.push_str(&inline(part));
            out.push_str("</code>");
        }
    }
    // The parts were escaped without the start-of-line rules; apply them to the whole.
    neutral_start(&mut out);
    out
}

/// Renders the diff's Markdown within [`DIFF_BUDGET`]: when the whole report is too long,
/// changes are left out (editorial ones first, then the last material ones) and the report
/// says how many, pointing to the HTML report, which has them all.
pub fn diff_within_budget<T: Serialize>(view: &T) -> Result<String, minijinja::Error> {
    let template = super::environment().get_template("diff.md")?;
    let render = |value: &serde_json::Value| {
        template.render(minijinja::context! { view => minijinja::value::Serde(value) })
    };
    let text = template.render(minijinja::context! { view => minijinja::value::Serde(view) })?;
    if width(&text) <= DIFF_BUDGET {
        return Ok(text);
    }
    let full = serde_json::to_value(view).map_err(|e| {
        minijinja::Error::new(minijinja::ErrorKind::BadSerialization, e.to_string())
    })?;
    let Some(changes) = full
        .get("changes")
        .and_then(serde_json::Value::as_array)
        .cloned()
    else {
        return Ok(text);
    };
    // The order changes are kept in: material ones first, each group in report order.
    let mut priority: Vec<usize> = (0..changes.len()).collect();
    priority.sort_by_key(|&i| !changes[i]["material"].as_bool().unwrap_or(false));
    let with = |kept: usize| {
        let mut keep = vec![false; changes.len()];
        for &i in &priority[..kept] {
            keep[i] = true;
        }
        let mut value = full.clone();
        value["changes"] = changes
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.clone())
            .collect();
        value["omitted"] = serde_json::json!({
            "changes": changes.len() - kept,
            "total": changes.len(),
            "budget": DIFF_BUDGET,
        });
        render(&value)
    };
    // The most changes that fit; with none kept, the rest (terms, a long title) may still not.
    let (mut low, mut high) = (0, changes.len());
    let mut best = with(0)?;
    while low < high {
        let mid = (low + high).div_ceil(2);
        let text = with(mid)?;
        if width(&text) <= DIFF_BUDGET {
            low = mid;
            best = text;
        } else {
            high = mid - 1;
        }
    }
    Ok(cut(best))
}

/// The last resort when a report is over [`DIFF_BUDGET`] even without its changes: the text
/// up to the last line break that leaves room for a notice, and the notice.
fn cut(text: String) -> String {
    if width(&text) <= DIFF_BUDGET {
        return text;
    }
    let notice = format!(
        "\n\n**This report is cut at {DIFF_BUDGET} characters to fit a pull-request comment; \
         the HTML report (`orderly diff ... --format html`) has all of it.**\n"
    );
    let room = DIFF_BUDGET - width(&notice);
    let mut end = 0;
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        end = at + c.len_utf8();
    }
    let end = text[..end].rfind('\n').unwrap_or(end);
    let mut out = text[..end].to_owned();
    out.push_str(&notice);
    out
}

/// Length as GitHub counts it (UTF-16 code units).
pub fn width(text: &str) -> usize {
    text.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_over_budget_is_cut_at_a_line_break_with_a_notice() {
        let long = format!("{}\n", "x".repeat(999)).repeat(100);
        let out = cut(long);
        assert!(width(&out) <= DIFF_BUDGET, "{}", width(&out));
        assert!(out.ends_with("has all of it.**\n"));
        assert!(out.contains("x\n\n**This report is cut"));
        let one_line = "é".repeat(70_000);
        assert!(width(&cut(one_line)) <= DIFF_BUDGET);
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("![x](y) *a* _b_ snake_case `c` <d> & e|f \\g"),
            "!&#91;x&#93;(y) &#42;a&#42; &#95;b&#95; snake_case &#96;c&#96; &lt;d&gt; &amp; \
             e&#124;f &#92;g"
        );
        assert_eq!(
            escape("cc @octocat #12"),
            "cc @\u{200B}octocat &#35;\u{200B}12"
        );
        assert_eq!(
            escape("https://x.example www.y.example"),
            "https&#58;//x.example www&#46;y.example"
        );
    }

    #[test]
    fn line_starts_are_neutral() {
        assert_eq!(escape("- item"), "&#45; item");
        assert_eq!(escape("::warning::x"), "&#58;:warning::x");
        assert_eq!(escape("12. x"), "12&#46; x");
        assert_eq!(escape("3) x"), "3&#41; x");
        assert_eq!(escape("# h\n\n## forged"), "&#35; h &#35;&#35; forged");
        assert_eq!(escape("2(c)"), "2(c)");
    }

    #[test]
    fn controls_are_visible() {
        assert_eq!(
            escape("a\u{1b}[2Jb\u{202e}"),
            "a&#92;u{1b}&#91;2Jb&#92;u{202e}"
        );
    }

    #[test]
    fn urls_cannot_close_the_link() {
        assert_eq!(
            url("https://example.org/a)![](https://t.example/p.png) x<y>\"é&q"),
            "https://example.org/a%29!%5B%5D%28https://t.example/p.png%29%20x%3Cy%3E%22%C3%A9&amp;q"
        );
    }

    #[test]
    fn ticks_keep_plain_code_spans() {
        assert_eq!(
            ticks("30d after `sec-2` is completed"),
            "30d after `sec-2` is completed"
        );
        assert_eq!(ticks("renamed `a|b`"), "renamed <code>a&#124;b</code>");
    }
}
