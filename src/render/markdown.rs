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
///
/// The cost is linear in the report: the view is converted once and shared between renders
/// (only the list of kept changes is rebuilt), and a render stops as soon as its text is over
/// the budget, so each of the binary search's renders writes at most the budget.
pub fn diff_within_budget<T: Serialize>(view: &T) -> Result<String, minijinja::Error> {
    diff_within(view, DIFF_BUDGET)
}

/// [`diff_within_budget`] with a budget of `budget` UTF-16 code units instead of
/// [`DIFF_BUDGET`], for a report that holds several diffs.
pub fn diff_within<T: Serialize>(view: &T, budget: usize) -> Result<String, minijinja::Error> {
    use minijinja::Value;
    use minijinja::value::ValueKind;
    let template = super::environment().get_template("diff.md")?;
    let render = |view: Value| -> Result<Option<String>, minijinja::Error> {
        let mut out = Capped {
            budget,
            ..Capped::default()
        };
        match template.render_captured_to(minijinja::context! { view }, &mut out) {
            Ok(_) => Ok(Some(String::from_utf8(out.text).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::BadSerialization, e.to_string())
            })?)),
            Err(_) if out.over => Ok(None),
            Err(e) => Err(e),
        }
    };
    let full = Value::from(minijinja::value::Serde(view));
    if let Some(text) = render(full.clone())? {
        return Ok(text);
    }
    let changes: Vec<Value> = match full.get_attr("changes") {
        Ok(list) if list.kind() == ValueKind::Seq => list.try_iter()?.collect(),
        _ => return template.render(minijinja::context! { view => full }),
    };
    // The order changes are kept in: material ones first, each group in report order.
    let mut priority: Vec<usize> = (0..changes.len()).collect();
    priority.sort_by_key(|&i| {
        !changes[i]
            .get_attr("material")
            .is_ok_and(|m| m.kind() == ValueKind::Bool && m.is_true())
    });
    let with = |kept: usize| {
        let mut keep = vec![false; changes.len()];
        for &i in &priority[..kept] {
            keep[i] = true;
        }
        let kept_changes: Vec<Value> = changes
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.clone())
            .collect();
        let overrides = minijinja::context! {
            changes => kept_changes,
            omitted => minijinja::context! {
                changes => changes.len() - kept,
                total => changes.len(),
                budget => budget,
            },
        };
        // The last map given wins a lookup.
        render(minijinja::value::merge_maps([full.clone(), overrides]))
    };
    // The most changes that fit; with none kept, the rest (terms, a long title) may still not.
    let (mut low, mut high) = (0, changes.len());
    let mut best = None;
    while low < high {
        let mid = (low + high).div_ceil(2);
        if let Some(text) = with(mid)? {
            low = mid;
            best = Some(text);
        } else {
            high = mid - 1;
        }
    }
    let best = match best {
        Some(text) => text,
        None => {
            if let Some(text) = with(0)? {
                text
            } else {
                // Over the budget even without its changes: render it whole, then cut it.
                let overrides = minijinja::context! {
                    changes => Vec::<Value>::new(),
                    omitted => minijinja::context! {
                        changes => changes.len(),
                        total => changes.len(),
                        budget => budget,
                    },
                };
                let view = minijinja::value::merge_maps([full.clone(), overrides]);
                template.render(minijinja::context! { view })?
            }
        }
    };
    Ok(cut(best, budget))
}

/// A render's output that stops (with an error the render returns) once it is over `budget`
/// UTF-16 code units.
#[derive(Default)]
struct Capped {
    budget: usize,
    text: Vec<u8>,
    width: usize,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // UTF-16 units from UTF-8 bytes: one per leading byte, two for a four-byte character.
        self.width += buf
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum::<usize>();
        if self.width > self.budget {
            self.over = true;
            return Err(std::io::Error::other("over the Markdown budget"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The last resort when a report is over `budget` even without its changes: the text up to
/// the last line break that leaves room for a notice, and the notice.
fn cut(text: String, budget: usize) -> String {
    if width(&text) <= budget {
        return text;
    }
    let notice = format!(
        "\n\n**This report is cut at {budget} characters to fit a pull-request comment; \
         the HTML report (`orderly diff ... --format html`) has all of it.**\n"
    );
    let room = budget.saturating_sub(width(&notice));
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
        let out = cut(long, DIFF_BUDGET);
        assert!(width(&out) <= DIFF_BUDGET, "{}", width(&out));
        assert!(out.ends_with("has all of it.**\n"));
        assert!(out.contains("x\n\n**This report is cut"));
        let one_line = "é".repeat(70_000);
        assert!(width(&cut(one_line.clone(), DIFF_BUDGET)) <= DIFF_BUDGET);
        assert!(width(&cut(one_line, 1_000)) <= 1_000);
    }

    #[test]
    fn a_capped_render_counts_utf16_units_and_stops_over_budget() {
        use std::io::Write as _;
        let mut out = Capped {
            budget: DIFF_BUDGET,
            ..Capped::default()
        };
        // "é" is one UTF-16 unit in two bytes, "😀" two units in four bytes.
        out.write_all("é😀x".as_bytes()).unwrap();
        assert_eq!(out.width, 4);
        assert!(!out.over);
        let rest = "a".repeat(DIFF_BUDGET - 4);
        out.write_all(rest.as_bytes()).unwrap();
        assert_eq!(width(std::str::from_utf8(&out.text).unwrap()), DIFF_BUDGET);
        assert!(out.write_all(b"b").is_err());
        assert!(out.over);
        assert_eq!(out.text.len(), "é😀x".len() + rest.len());
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
