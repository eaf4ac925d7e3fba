//! Shared vocabulary: the small text helpers every layer uses, and nothing else.
//!
//! This is the bottom layer. It imports no other module of the crate, so diagnostics, the
//! loader, the checks, the compilers and the renderers can all use it without a cycle.
//!
//! - [`pointer()`] and [`mod@pointer`]: JSON pointers (RFC 6901), built and unescaped;
//! - [`count`], [`list_ticked`], [`bytes`]: counts, lists and sizes in words;
//! - [`percent_encode`], [`html_escape`]: text for a URI and for HTML or XML;
//! - [`unicode`]: control and bidi characters shown or isolated.

pub(crate) mod pointer;
pub(crate) mod unicode;

use std::fmt::Write as _;

pub(crate) use pointer::pointer;

/// `1 error`, `2 errors`: a count with its noun in the right number.
pub(crate) fn count(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {singular}s")
    }
}

/// Joins items as an English list: "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub(crate) fn list_ticked<I, S>(items: I, conjunction: &str) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items
        .into_iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// A byte count for messages: `1 MiB`, `20.5 MiB`, `512 bytes`.
pub(crate) fn bytes(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= MIB {
        if n.is_multiple_of(MIB) {
            format!("{} MiB", n / MIB)
        } else {
            format!("{}.{} MiB", n / MIB, (n % MIB) * 10 / MIB)
        }
    } else {
        format!("{n} bytes")
    }
}

/// Percent-encodes text for a URI, keeping letters, digits, `-._~` and the bytes in `keep`.
pub(crate) fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Escapes text for HTML and XML (SVG) with minijinja's own escaper, the one every template
/// value goes through (`&`, `<`, `>`, `"`, `'` and `/`), with bidi controls isolated
/// (`unicode::isolated`).
pub fn html_escape(text: &str) -> String {
    minijinja::HtmlEscape(&unicode::isolated(text)).to_string()
}
