//! The fast path's one-line flow collections: `[...]` and `{...}`, nested, with plain and
//! quoted items (the subset is in the table of the parent module's doc).

use std::borrow::Cow;

use super::{Bail, Parsed, plain, quoted};
use crate::load::Limits;
use crate::load::doc::Builder;

/// A one-line flow collection.
pub(super) struct Flow<'a, 'b> {
    pub(super) text: &'a str,
    pub(super) at: usize,
    pub(super) depth: usize,
    pub(super) limits: &'a Limits,
    pub(super) doc: &'b mut Builder<'a>,
}

impl<'a> Flow<'a, '_> {
    fn skip_spaces(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && bytes[self.at] == b' ' {
            self.at += 1;
        }
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    pub(super) fn node(&mut self) -> Parsed<u32> {
        self.skip_spaces();
        match self.byte().ok_or(Bail)? {
            b'[' => self.sequence(),
            b'{' => self.mapping(),
            b'"' | b'\'' => {
                let (value, rest) = quoted(&self.text[self.at..])?;
                if value.len() > self.limits.max_scalar_bytes {
                    return Err(Bail);
                }
                self.at = self.text.len() - rest.len();
                Ok(self.doc.string(value))
            }
            _ => {
                let limits = self.limits;
                let text = self.plain_text()?;
                plain(self.doc, text, limits)
            }
        }
    }

    /// A plain scalar in flow context: up to `,`, `]`, `}` or `: `.
    fn plain_text(&mut self) -> Parsed<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        while self.at < bytes.len() {
            match bytes[self.at] {
                b',' | b']' | b'}' | b'[' | b'{' | b'#' => break,
                b':' if bytes
                    .get(self.at + 1)
                    .is_none_or(|&b| matches!(b, b' ' | b',' | b']' | b'}')) =>
                {
                    break;
                }
                _ => self.at += 1,
            }
        }
        let text = self.text[start..self.at].trim_end_matches(' ');
        if text.is_empty() {
            return Err(Bail);
        }
        Ok(text)
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth >= self.limits.max_depth {
            return Err(Bail);
        }
        self.at += 1;
        Ok(())
    }

    fn sequence(&mut self) -> Parsed<u32> {
        self.enter()?;
        let items = self.doc.begin_seq();
        loop {
            self.skip_spaces();
            if self.byte() == Some(b']') {
                self.at += 1;
                break;
            }
            let item = self.node()?;
            self.doc.item(item);
            self.skip_spaces();
            match self.byte() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    break;
                }
                _ => return Err(Bail),
            }
        }
        self.depth -= 1;
        Ok(self.doc.seq(items))
    }

    fn mapping(&mut self) -> Parsed<u32> {
        self.enter()?;
        let map = self.doc.begin_map();
        loop {
            self.skip_spaces();
            if self.byte() == Some(b'}') {
                self.at += 1;
                break;
            }
            let key = match self.byte().ok_or(Bail)? {
                b'"' | b'\'' => {
                    let (key, rest) = quoted(&self.text[self.at..])?;
                    self.at = self.text.len() - rest.len();
                    key
                }
                // Every other indicator that cannot start a plain key, and `-`, `:` even where
                // they could.
                b'[' | b'{' | b']' | b'}' | b',' | b'#' | b'?' | b':' | b'-' | b'&' | b'*'
                | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => return Err(Bail),
                _ => Cow::Borrowed(self.plain_text()?),
            };
            if key.len() > self.limits.max_scalar_bytes {
                return Err(Bail);
            }
            self.skip_spaces();
            let value = match self.byte() {
                Some(b':') => {
                    self.at += 1;
                    if !matches!(self.byte(), Some(b' ')) {
                        return Err(Bail);
                    }
                    self.skip_spaces();
                    if matches!(self.byte(), Some(b',' | b'}')) {
                        self.doc.null()
                    } else {
                        self.node()?
                    }
                }
                _ => return Err(Bail),
            };
            self.doc.entry(key, value);
            self.skip_spaces();
            match self.byte() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    break;
                }
                _ => return Err(Bail),
            }
        }
        self.depth -= 1;
        self.doc.map(map).map_err(|_| Bail)
    }
}
