//! A fast path for the YAML that spec files are made of.
//!
//! Spec files use a small part of YAML: block mappings and sequences, one-line flow
//! collections, plain and quoted one-line scalars, and `|`/`>` block scalars. This parser reads
//! exactly that part (the table below), straight from the text into a [`Doc`] that borrows the
//! text's strings, several times faster than the general parser. Anything else makes it give
//! up, and the caller parses the file with the general parser, which also reports every error.
//! So the fast path never decides that a file is wrong; it only speeds up files that are right,
//! and for those it gives the same value as the general parser (tests/loader.rs compares them,
//! and lists an input for most of the cases it gives up on).
//!
//! | where | read | gives up on |
//! |---|---|---|
//! | the whole text | LF and CRLF line breaks; an empty document (blanks and comments only) | a CR without an LF; any control character but CR and LF (a tab, a form feed, DEL); a byte-order mark, U+0085, U+2028 or U+2029 anywhere; a last line of blanks with no line break |
//! | lines | indentation by spaces; blank and `#` comment lines anywhere | `---`, `...` or `%` at column 1 of any line (document markers, directives) |
//! | the root | a block mapping or a block sequence | a scalar at the root; a line left over after it |
//! | block mappings | `key: value` entries at one indentation; a value on the next lines, more indented, or a block sequence at the key's indentation; nothing after the colon is null | a line more indented than the entries where no value continues; a duplicate key; nesting as deep as [`Limits::max_depth`] |
//! | block sequences | `- item` and `-` alone (null or a block below); `- key: value` starting a mapping | `- - item`; a more-indented line where no item continues |
//! | plain keys | text up to the first `:` before a blank or the line's end | a line that is not an entry where one is due: no such colon, a ` #` before it, or a first character of `?`, `&`, `*`, `!`, `%`, `@`, `` ` ``, `\|`, `>`, `[`, `]`, `{`, `}`, `,` or `#`; an empty key, `-` or `- ...`; more than 1000 bytes with its quotes and colon, or more than [`Limits::max_scalar_bytes`] |
//! | quoted keys | a one-line `'...'` or `"..."` key, then `:` and a blank or the line's end | anything else after the closing quote; as for quoted scalars, below |
//! | one-line values | plain, quoted or flow, then only blanks or a ` #` comment | a line more indented than the entry or item after it (a continuation); a `#` right after a quoted or flow value |
//! | plain scalars | resolved by the core schema ([`resolve_plain`]) | a start of `&`, `*`, `!`, `%`, `@`, `` ` ``, `?`, `]`, `}` or `,` (anchors, aliases, tags, reserved), or of `-` or `:` before a blank or the end; `: ` inside or `:` at the end; `.inf`, `.nan` and their other spellings, signed or not; more than [`Limits::max_scalar_bytes`] |
//! | quoted scalars | `'...'` with `''`; `"..."` with `\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\0`, `\ ` and `\x`, `\u`, `\U` with their full count of hex digits | not closed on its line; any other escape; outside a flow collection, more than [`Limits::max_scalar_bytes`] |
//! | flow collections | `[...]` and `{...}` on one line, nested, a trailing comma; items plain, quoted or flow; keys plain or quoted, each with `: ` and then a value, or nothing (null) before `,` or `}` | an empty item (`[a,,b]`); a key starting with an indicator, `-` or `:`; a key with no `: ` after it; not closed on its line; nesting as deep as [`Limits::max_depth`]; an item or key longer than [`Limits::max_scalar_bytes`] |
//! | block scalars | `\|`, `\|-`, `>` and `>-` (a comment after the header), content lines at one indentation, blank lines between | any other header (`\|+`, an indentation indicator); no content; a blank first line; a content line more indented than the first; a line of blanks past the content's indentation; more than [`Limits::max_scalar_bytes`] |

use std::borrow::Cow;

use serde_json::Value;

use super::Limits;
use super::core_schema::{is_special_float, resolve_plain};
use super::doc::{Builder, Doc};
use flow::Flow;

mod flow;

/// The fast path gave up; parse the file with the general parser.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Bail;

type Parsed<T> = Result<T, Bail>;

/// One line: its indentation in spaces and the rest, without the line break.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    next: usize,
    depth: usize,
    limits: &'a Limits,
    doc: Builder<'a>,
}

/// Parses `text`, or gives up. `Ok(None)` is an empty document.
pub(crate) fn parse<'a>(text: &'a str, limits: &'a Limits) -> Parsed<Option<Doc<'a>>> {
    // A carriage return alone breaks lines in some places of YAML and not in others.
    let bytes = text.as_bytes();
    if memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n')) {
        return Err(Bail);
    }
    // A last line of blanks without a line break ends block scalars differently.
    let last_line = &bytes[memchr::memrchr(b'\n', bytes).map_or(0, |i| i + 1)..];
    if !last_line.is_empty() && last_line.iter().all(|&b| b == b' ') {
        return Err(Bail);
    }
    // Control characters (a tab or a form feed, say) and the characters some parsers take for
    // line breaks are read differently in different places; leave them to the general parser,
    // and a byte-order mark after the start too.
    let control = bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\n' | b'\r')) || b == 0x7f);
    if control
        || ["\u{feff}", "\u{85}", "\u{2028}", "\u{2029}"]
            .iter()
            .any(|c| memchr::memmem::find(bytes, c.as_bytes()).is_some())
    {
        return Err(Bail);
    }
    let mut lines = Vec::with_capacity(text.len() / 32);
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let indent = raw.bytes().take_while(|&b| b == b' ').count();
        let rest = &raw[indent..];
        // A document marker on any line (the first or a later one) is not ours to read.
        if rest.starts_with('\t')
            || (indent == 0
                && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%')))
        {
            return Err(Bail);
        }
        lines.push(Line { indent, text: rest });
    }
    let mut parser = Parser {
        lines,
        next: 0,
        depth: 0,
        limits,
        doc: Builder::for_text(text.len()),
    };
    let Some(first) = parser.peek() else {
        return Ok(None);
    };
    if first.text.starts_with("---") || first.text.starts_with("...") || first.text.starts_with('%')
    {
        return Err(Bail);
    }
    let root = parser.block(first.indent)?;
    if parser.peek().is_some() {
        return Err(Bail);
    }
    Ok(Some(parser.doc.finish(root)))
}

/// Whether a line holds nothing but blanks or a comment.
fn insignificant(line: &Line<'_>) -> bool {
    line.text.is_empty() || line.text.starts_with('#') || line.text.bytes().all(|b| b == b' ')
}

/// Whether `text` starts a block sequence item: `-` then a space or the end.
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'a> Parser<'a> {
    /// The next significant line, without consuming it.
    fn peek(&mut self) -> Option<Line<'a>> {
        while let Some(line) = self.lines.get(self.next) {
            if insignificant(line) {
                self.next += 1;
            } else {
                return Some(*line);
            }
        }
        None
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth >= self.limits.max_depth {
            return Err(Bail);
        }
        Ok(())
    }

    /// A block node whose first line is the next significant line, at `indent`.
    fn block(&mut self, indent: usize) -> Parsed<u32> {
        let Some(line) = self.peek() else {
            return Err(Bail);
        };
        if line.indent != indent {
            return Err(Bail);
        }
        if is_item(line.text) {
            self.sequence(indent)
        } else if split_key(line.text)?.is_some() {
            self.next += 1;
            self.mapping(indent, line.text)
        } else {
            // A bare scalar at block level (or a multi-line one): the general parser's job.
            Err(Bail)
        }
    }

    /// A block mapping at `indent`, whose first entry's text (already consumed) is `first`.
    fn mapping(&mut self, indent: usize, first: &'a str) -> Parsed<u32> {
        self.enter()?;
        let map = self.doc.begin_map();
        let mut text = first;
        loop {
            let (key, rest) = split_key(text)?.ok_or(Bail)?;
            if key.len() > self.limits.max_scalar_bytes {
                return Err(Bail);
            }
            let value = self.value_after(indent, rest)?;
            self.doc.entry(key, value);
            match self.peek() {
                Some(line) if line.indent == indent && !is_item(line.text) => {
                    self.next += 1;
                    text = line.text;
                }
                Some(line) if line.indent > indent => return Err(Bail),
                _ => break,
            }
        }
        self.depth -= 1;
        // A duplicate key: the general parser reports it with both places.
        self.doc.map(map).map_err(|_| Bail)
    }

    /// A block sequence at `indent`; the next significant line is its first item.
    fn sequence(&mut self, indent: usize) -> Parsed<u32> {
        self.enter()?;
        let items = self.doc.begin_seq();
        while let Some(line) = self.peek() {
            if line.indent != indent || !is_item(line.text) {
                if line.indent > indent {
                    return Err(Bail);
                }
                break;
            }
            self.next += 1;
            let after = &line.text[1..];
            let spaces = after.bytes().take_while(|&b| b == b' ').count();
            let content = &after[spaces..];
            let column = indent + 1 + spaces;
            let item = if content.is_empty() || content.starts_with('#') {
                self.nested_or_null(indent, false)?
            } else if is_item(content) {
                return Err(Bail);
            } else if starts_mapping(content)? {
                self.mapping(column, content)?
            } else {
                self.inline(content, indent)?
            };
            self.doc.item(item);
        }
        self.depth -= 1;
        Ok(self.doc.seq(items))
    }

    /// The value of a mapping entry at `indent`, whose text after the colon is `rest`.
    fn value_after(&mut self, indent: usize, rest: &'a str) -> Parsed<u32> {
        if rest.is_empty() || rest.starts_with('#') {
            return self.nested_or_null(indent, true);
        }
        self.inline(rest, indent)
    }

    /// What follows an entry or item with nothing after it on its line: a more-indented block,
    /// a sequence at the same indentation (mapping values only), or null.
    fn nested_or_null(&mut self, indent: usize, same_indent_sequence: bool) -> Parsed<u32> {
        match self.peek() {
            Some(line) if line.indent > indent => self.block(line.indent),
            Some(line) if same_indent_sequence && line.indent == indent && is_item(line.text) => {
                self.sequence(indent)
            }
            _ => Ok(self.doc.null()),
        }
    }

    /// A value written on the same line as its key or item marker. `indent` is the
    /// indentation of the entry or item, for block scalars and continuation checks.
    fn inline(&mut self, text: &'a str, indent: usize) -> Parsed<u32> {
        let value = match text.as_bytes()[0] {
            b'|' | b'>' => return self.block_scalar(text, indent),
            b'"' | b'\'' => {
                let (value, rest) = quoted(text)?;
                end_of_value(rest)?;
                if value.len() > self.limits.max_scalar_bytes {
                    return Err(Bail);
                }
                self.doc.string(value)
            }
            b'[' | b'{' => {
                let mut flow = Flow {
                    text,
                    at: 0,
                    depth: self.depth,
                    limits: self.limits,
                    doc: &mut self.doc,
                };
                let value = flow.node()?;
                end_of_value(&text[flow.at..])?;
                value
            }
            _ => plain(&mut self.doc, strip_comment(text), self.limits)?,
        };
        // A more-indented line after a one-line value would continue it: not ours to read.
        if self.peek().is_some_and(|line| line.indent > indent) {
            return Err(Bail);
        }
        Ok(value)
    }

    /// A `|` or `>` block scalar under a line at `indent`.
    fn block_scalar(&mut self, header: &str, indent: usize) -> Parsed<u32> {
        let header = strip_comment(header).trim_end_matches(' ');
        let (literal, strip) = match header {
            "|" => (true, false),
            "|-" => (true, true),
            ">" => (false, false),
            ">-" => (false, true),
            _ => return Err(Bail),
        };
        // The content: the following lines more indented than `indent`, and blank lines.
        let start = self.next;
        let mut end = start;
        let mut block_indent = None;
        while let Some(line) = self.lines.get(end) {
            let blank = line.text.is_empty();
            if !blank && line.indent <= indent {
                break;
            }
            if !blank && block_indent.is_none() {
                block_indent = Some(line.indent);
            }
            end += 1;
        }
        let Some(block_indent) = block_indent else {
            return Err(Bail);
        };
        // A line of blanks keeps those past the block's indentation as content.
        if self.lines[start..end]
            .iter()
            .any(|l| l.text.is_empty() && l.indent > block_indent)
        {
            return Err(Bail);
        }
        // Trailing blank lines are not content under `clip` and `strip` chomping (the only
        // ones read here); leading blank lines are rare and left to the general parser.
        let last = self.lines[start..end]
            .iter()
            .rposition(|l| !l.text.is_empty())
            .ok_or(Bail)?;
        let end = start + last + 1;
        let content = &self.lines[start..end];
        if content[0].text.is_empty() {
            return Err(Bail);
        }
        let mut out = String::new();
        let mut previous_blank = false;
        for (i, line) in content.iter().enumerate() {
            if line.text.is_empty() {
                out.push('\n');
                previous_blank = true;
                continue;
            }
            if line.indent != block_indent {
                // More-indented lines keep their breaks and spaces: not ours to fold.
                return Err(Bail);
            }
            if i > 0 {
                if literal {
                    out.push('\n');
                } else if !previous_blank {
                    out.push(' ');
                }
            }
            out.push_str(line.text);
            previous_blank = false;
        }
        if !strip {
            out.push('\n');
        }
        if out.len() > self.limits.max_scalar_bytes {
            return Err(Bail);
        }
        self.next = end;
        Ok(self.doc.string(Cow::Owned(out)))
    }
}

/// Whether an item's text starts a compact mapping (`- key: value`).
fn starts_mapping(text: &str) -> Parsed<bool> {
    match text.as_bytes()[0] {
        b'[' | b'{' | b'|' | b'>' => Ok(false),
        b'"' | b'\'' => {
            let (_, rest) = quoted(text)?;
            Ok(rest.starts_with(':'))
        }
        _ => Ok(split_key(text)?.is_some()),
    }
}

/// Bytes of a key, with its quotes and colon, past which the parser gives up: below the 1024
/// characters YAML allows an implicit key, counted in bytes, which are never fewer.
const LONG_KEY: usize = 1000;

/// Splits `key: rest`. `Ok(None)` when the text is not a mapping entry; a plain key that
/// YAML would read differently makes the parser give up.
fn split_key(text: &str) -> Parsed<Option<(Cow<'_, str>, &str)>> {
    let bytes = text.as_bytes();
    let (key, after) = match bytes[0] {
        b'"' | b'\'' => {
            let (key, rest) = quoted(text)?;
            match rest.strip_prefix(':') {
                Some(after) => (key, after),
                None => return Ok(None),
            }
        }
        b'?' | b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'|' | b'>' | b'[' | b']' | b'{'
        | b'}' | b',' | b'#' => return Ok(None),
        _ => {
            // The first `:` followed by a space or the end of the line ends the key.
            let mut colon = None;
            for (i, &b) in bytes.iter().enumerate() {
                if b == b':' && bytes.get(i + 1).is_none_or(|&n| n == b' ') {
                    colon = Some(i);
                    break;
                }
                if b == b'#' && i > 0 && bytes[i - 1] == b' ' {
                    return Ok(None);
                }
            }
            let Some(colon) = colon else { return Ok(None) };
            let key = text[..colon].trim_end_matches(' ');
            if key.is_empty() || key.starts_with("- ") || key == "-" {
                return Err(Bail);
            }
            (Cow::Borrowed(key), &text[colon + 1..])
        }
    };
    // YAML limits an implicit key to 1024 characters; the parser refuses a longer one.
    if !(after.is_empty() || after.starts_with(' ')) || text.len() - after.len() > LONG_KEY {
        return Err(Bail);
    }
    Ok(Some((key, after.trim_start_matches(' '))))
}

/// A one-line quoted scalar at the start of `text`: its value and the text after it.
fn quoted(text: &str) -> Parsed<(Cow<'_, str>, &str)> {
    let bytes = text.as_bytes();
    let quote = bytes[0];
    // The value so far, when it needed unescaping; most values are one run of plain text.
    let mut out = String::new();
    let mut run = 1;
    loop {
        let rest = &bytes[run..];
        let found = if quote == b'"' {
            memchr::memchr2(b'"', b'\\', rest)
        } else {
            memchr::memchr(b'\'', rest)
        };
        // Not closed on this line: a multi-line scalar, or an error.
        let i = run + found.ok_or(Bail)?;
        let piece = &text[run..i];
        if bytes[i] == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                out.push_str(piece);
                out.push('\'');
                run = i + 2;
                continue;
            }
            let value = if out.is_empty() {
                Cow::Borrowed(piece)
            } else {
                out.push_str(piece);
                Cow::Owned(out)
            };
            return Ok((value, &text[i + 1..]));
        }
        // A backslash escape in a double-quoted scalar.
        out.push_str(piece);
        let escape = *bytes.get(i + 1).ok_or(Bail)?;
        let simple = match escape {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'0' => Some('\0'),
            b' ' => Some(' '),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            run = i + 2;
        } else {
            let digits = match escape {
                b'x' => 2,
                b'u' => 4,
                b'U' => 8,
                _ => return Err(Bail),
            };
            let hex = text.get(i + 2..i + 2 + digits).ok_or(Bail)?;
            // `from_str_radix` would also take a sign.
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(Bail);
            }
            let code = u32::from_str_radix(hex, 16).map_err(|_| Bail)?;
            out.push(char::from_u32(code).ok_or(Bail)?);
            run = i + 2 + digits;
        }
    }
}

/// Only blanks or a comment (after a blank) may follow a value on its line.
fn end_of_value(rest: &str) -> Parsed<()> {
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len()) {
        Ok(())
    } else {
        Err(Bail)
    }
}

/// `text` without a trailing ` # comment`.
fn strip_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    for i in 1..bytes.len() {
        if bytes[i] == b'#' && bytes[i - 1] == b' ' {
            return text[..i].trim_end_matches(' ');
        }
    }
    text.trim_end_matches(' ')
}

/// A one-line plain scalar in block context.
fn plain<'a>(doc: &mut Builder<'a>, text: &'a str, limits: &Limits) -> Parsed<u32> {
    let bytes = text.as_bytes();
    let first = *bytes.first().ok_or(Bail)?;
    if matches!(
        first,
        b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' | b']' | b'}' | b','
    ) || ((first == b'-' || first == b':') && bytes.get(1).is_none_or(|&b| b == b' '))
        || text.contains(": ")
        || text.ends_with(':')
        || text.len() > limits.max_scalar_bytes
        || is_special_float(text)
    {
        return Err(Bail);
    }
    Ok(match resolve_plain(text) {
        None => doc.string(Cow::Borrowed(text)),
        Some(Value::Bool(b)) => doc.bool(b),
        Some(Value::Number(n)) => doc.number(n),
        Some(_) => doc.null(),
    })
}
