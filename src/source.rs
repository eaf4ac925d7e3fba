//! Source files and positions.
//!
//! Every file orderly reads is registered in [`Files`] and named by a [`FileId`]. A position is a
//! 1-based line and a 1-based column counted in Unicode scalar values, which is what editors,
//! SARIF (`unicodeCodePoints`) and GitHub annotations expect. Text is kept so that diagnostics can
//! quote the offending line.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in [`Files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

/// A position in a file: 1-based line and 1-based column in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub col: u32,
}

/// A range in one file, `start` inclusive and `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First character of the range.
    pub start: Pos,
    /// Just past the last character of the range.
    pub end: Pos,
}

impl Span {
    /// An empty span at `pos`.
    pub fn point(pos: Pos) -> Self {
        Span {
            start: pos,
            end: pos,
        }
    }

    /// Whether the span runs forward and both its ends lie inside `text`: lines from 1 to the
    /// last, columns from 1 to just past the line's last character.
    pub fn lies_within(&self, text: &str) -> bool {
        let lines = LineLengths::new(text);
        self.start <= self.end
            && lines.clamp(self.start) == self.start
            && lines.clamp(self.end) == self.end
    }

    /// Moves both ends to the nearest position inside the text of `lines`.
    pub(crate) fn clamp_to(&mut self, lines: &LineLengths) {
        self.start = lines.clamp(self.start);
        self.end = lines.clamp(self.end);
    }

    /// The span from saphyr's 0-based-column markers.
    pub(crate) fn from_markers(span: saphyr_parser::Span) -> Self {
        Span {
            start: pos_of(span.start),
            end: pos_of(span.end),
        }
    }
}

/// The length in characters of each line of a text, to keep positions inside it.
///
/// The YAML scanner places some positions outside the text: the end of a text without a final
/// line break on a line after the last, and columns on a directive's line that count the bytes
/// of its non-ASCII characters.
pub(crate) struct LineLengths(Vec<u32>);

impl LineLengths {
    pub(crate) fn new(text: &str) -> Self {
        LineLengths(
            text.split('\n')
                .map(|line| u32::try_from(line.chars().count()).unwrap_or(u32::MAX))
                .collect(),
        )
    }

    /// `pos`, or where it lies past its line, the end of that line; where it lies past the
    /// last line, the end of the text.
    pub(crate) fn clamp(&self, pos: Pos) -> Pos {
        let last = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        let line = pos.line.clamp(1, last);
        let length = self.0[line as usize - 1];
        let end = length.saturating_add(1);
        let col = if pos.line > last {
            end
        } else {
            pos.col.clamp(1, end)
        };
        Pos { line, col }
    }
}

/// Converts a saphyr marker (1-based line, 0-based column) into a [`Pos`].
pub(crate) fn pos_of(marker: saphyr_parser::Marker) -> Pos {
    Pos {
        line: u32::try_from(marker.line()).unwrap_or(u32::MAX),
        col: u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
    }
}

/// One file: the path shown to users and, once read, its text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users (relative to the working directory where possible).
    pub path: PathBuf,
    /// The text, once it has been read and decoded; `None` for files that could not be read.
    pub text: Option<Box<str>>,
    /// Byte offset of the start of each line, built on first use.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// The text of line `line` (1-based) without its line ending, if the file has that line.
    pub fn line(&self, line: u32) -> Option<&str> {
        let text = self.text.as_deref()?;
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).map_or(text.len(), |next| next - 1);
        let line = &text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// All files of a run, in the order they were registered.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

impl Files {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: PathBuf) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).expect("fewer than 2^32 files"));
        self.files.push(SourceFile {
            path,
            text: None,
            line_starts: OnceLock::new(),
        });
        id
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Stores the decoded text of a file.
    pub fn set_text(&mut self, id: FileId, text: Box<str>) {
        self.files[id.0 as usize].text = Some(text);
    }

    /// The path of a file as shown to users.
    pub fn path(&self, id: FileId) -> &Path {
        &self.get(id).path
    }

    /// Changes the path shown for every file: each becomes `rename(path)`.
    pub(crate) fn rename(&mut self, rename: impl Fn(&Path) -> PathBuf) {
        for file in &mut self.files {
            file.path = rename(&file.path);
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
