//! Spec text made harmless for a reader: control characters shown as visible escapes, and
//! Unicode bidirectional controls either shown or isolated.
//!
//! Spec text is untrusted (a pull request can change it). A terminal runs the escape sequences
//! it receives, GitHub Actions runs any output line that starts with `::`, and the bidi
//! controls U+202A-U+202E and U+2066-U+2069 reorder the text around them: an unterminated
//! right-to-left override in an evidence summary reverses the words orderly prints after it.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is one of the Unicode bidirectional embedding, override or isolate controls
/// (U+202A-U+202E, U+2066-U+2069), the ones rustc warns about in literals.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` should not reach a terminal raw: C0 and C1 controls (line breaks and tabs
/// included), DEL, and the bidi controls.
pub(crate) fn is_unprintable(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Text for a terminal or a log: every control character (C0, DEL, C1, including line breaks,
/// tabs and the escape that starts an ANSI or OSC sequence) and every bidi control written as
/// a visible escape such as `\u{1b}`, so the text stays on one line and means only itself.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unprintable(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text whose bidi controls cannot reach past its end: closers (U+202C, U+2069) that match
/// nothing opened in the text are dropped, the embeddings and isolates it leaves open are
/// closed, and the whole is wrapped in a first-strong isolate (U+2068 ... U+2069). Text
/// without bidi controls is returned as it is: strong right-to-left letters alone reorder only
/// their own run and the punctuation beside it, never the words around them.
pub(crate) fn isolated(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push('\u{2068}');
    // The open embeddings (true) and isolates (false), innermost last.
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => {
                open.push(true);
                out.push(c);
            }
            '\u{2066}'..='\u{2068}' => {
                open.push(false);
                out.push(c);
            }
            // A PDF closes the innermost embedding, unless an isolate is open inside it.
            '\u{202C}' => {
                if open.last() == Some(&true) {
                    open.pop();
                    out.push(c);
                }
            }
            // A PDI closes the innermost isolate and every embedding opened inside it.
            '\u{2069}' => {
                if let Some(at) = open.iter().rposition(|&embedding| !embedding) {
                    for _ in at + 1..open.len() {
                        out.push('\u{202C}');
                    }
                    open.truncate(at);
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    while let Some(embedding) = open.pop() {
        out.push(if embedding { '\u{202C}' } else { '\u{2069}' });
    }
    out.push('\u{2069}');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_controls_and_bidi() {
        assert_eq!(
            visible("a\nb\u{1b}]0;x\u{7}\u{9b}c\u{7f}\u{202e}d\t"),
            "a\\u{a}b\\u{1b}]0;x\\u{7}\\u{9b}c\\u{7f}\\u{202e}d\\u{9}"
        );
        assert!(matches!(visible("plain é 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn isolated_balances_and_wraps() {
        assert_eq!(isolated("plain"), "plain");
        assert_eq!(isolated("a\u{202e}b"), "\u{2068}a\u{202e}b\u{202c}\u{2069}");
        // A stray closer cannot end the wrapping isolate early.
        assert_eq!(
            isolated("\u{2069}\u{202e}x"),
            "\u{2068}\u{202e}x\u{202c}\u{2069}"
        );
        assert_eq!(
            isolated("\u{2067}\u{202b}x\u{2069}y\u{202c}"),
            "\u{2068}\u{2067}\u{202b}x\u{202c}\u{2069}y\u{2069}"
        );
    }
}
