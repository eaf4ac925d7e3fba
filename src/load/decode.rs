//! Bytes to text: a file is read within its size limit, then decoded as UTF-8.
//!
//! [`read_limited`] refuses what is not a regular file and what is larger than the limit, and
//! never blocks on a FIFO. [`decode`] accepts UTF-8 only (a byte-order mark is dropped) and
//! turns lone carriage returns into line feeds, so that every later stage breaks lines where
//! the YAML parser does; an encoding error is placed at the line and column of its byte.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::LoadError;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::source::{FileId, Pos, Span};

/// Reads a file, refusing it if it is larger than `max` bytes.
pub(crate) fn read_limited(
    path: &Path,
    max: u64,
    file: FileId,
) -> Result<Vec<u8>, Box<Diagnostic>> {
    let unreadable = |error: std::io::Error| {
        Box::new(Diagnostic::new(
            Code::UnreadableFile,
            file,
            At::File,
            format!("cannot read file: {error}"),
        ))
    };
    let too_large = |size: u64| {
        Box::new(
            Diagnostic::new(
                Code::LimitExceeded,
                file,
                At::File,
                format!(
                    "file of {} is larger than the limit of {}",
                    crate::text::bytes(size),
                    crate::text::bytes(max)
                ),
            )
            .with_help("split the file into several files"),
        )
    };
    let special = || {
        Box::new(
            Diagnostic::new(
                Code::SpecialFile,
                file,
                At::File,
                "not a regular file; it is not read",
            )
            .with_help("replace it with a regular file or remove it"),
        )
    };
    // Look before opening: opening a FIFO blocks until a writer comes.
    if !fs::metadata(path).map_err(unreadable)?.is_file() {
        return Err(special());
    }
    let handle = open_nonblocking(path).map_err(unreadable)?;
    let meta = handle.metadata().map_err(unreadable)?;
    // The entry may have been swapped between the look and the open.
    if !meta.is_file() {
        return Err(special());
    }
    let size = meta.len();
    if size > max {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // `take` guards against a file that grows while it is read.
    handle
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting for a writer, should it have become a FIFO.
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed());
    }
    options.open(path)
}

/// Decodes a file's bytes as UTF-8, dropping a leading byte-order mark and turning carriage
/// returns that end lines alone into line feeds.
pub fn decode(bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            LoadError::new(Code::InvalidEncoding, "file is UTF-16, not UTF-8", None)
                .with_help("save the file as UTF-8"),
        );
    }
    if let Some(index) = memchr_nul(&bytes) {
        let pos = position_of_byte(&bytes, index);
        return Err(LoadError::new(
            Code::InvalidEncoding,
            "file contains a NUL byte; it looks binary, not like YAML text",
            Some(Span::point(pos)),
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let index = error.utf8_error().valid_up_to();
        let pos = position_of_byte(error.as_bytes(), index);
        LoadError::new(
            Code::InvalidEncoding,
            "file is not valid UTF-8",
            Some(Span::point(pos)),
        )
        .with_help("save the file as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(lone_carriage_returns_to_line_feeds(text))
}

/// YAML counts a carriage return alone (old Mac OS line endings) as a line break. Making it a
/// line feed keeps every byte offset and lets every stage, down to the source lines shown in
/// diagnostics, break lines in the same places as the YAML parser.
fn lone_carriage_returns_to_line_feeds(text: String) -> String {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    if lone.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in lone {
        bytes[i] = b'\n';
    }
    // One ASCII byte replaced by another: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The line and column of byte `index`, counting the valid UTF-8 before it.
fn position_of_byte(bytes: &[u8], index: usize) -> Pos {
    let before = &bytes[..index];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.split(|&b| b == b'\n').count();
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_utf16_binary_and_bad_utf8() {
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0]).unwrap_err().code,
            Code::InvalidEncoding
        );
        let e = decode(b"a: 1\nb: \x00\x01".to_vec()).unwrap_err();
        assert_eq!(e.span.unwrap().start, Pos { line: 2, col: 4 });
        let e = decode(b"a: 1\nbb: \xff".to_vec()).unwrap_err();
        assert_eq!(e.span.unwrap().start, Pos { line: 2, col: 5 });
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\n".to_vec()).unwrap(),
            "a: 1\r\n"
        );
    }
}
