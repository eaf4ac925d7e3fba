//! Model: the typed spec, built from validated values.
//!
//! Each file's value becomes typed data through serde, after its schema check. A file with
//! schema errors still yields what converts (each actor, term and provision on its own), and the
//! registry or version it belongs to is marked incomplete, so that the semantic checks do not
//! report references to the parts that failed as unknown.

mod actor;
mod confidence;
mod date;
mod disputable;
mod due;
mod field;
mod inherit;
mod instrument;
mod lifecycle;
mod provision;
mod reference;
mod section;
mod small_map;
mod source_ref;
mod term;

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::PathBuf;

use serde::Deserialize;

pub use actor::{Actor, ActorKind};
pub use confidence::Confidence;
pub use date::Date;
pub use date::{LAST_DATE, parse_ymd, ymd_shaped};
pub use disputable::{Disputable, Disputed, Reading, reading_suffix};
pub use due::{Due, Period, Recurring, Unit};
pub use field::{
    Class, DisputableField, Field, FieldPath, ReadingInfo, anchor_name, split_through, through,
};
pub use instrument::{
    Basis, CalendarSettings, HolidaySet, InstrumentInfo, InstrumentKind, Reliability, Roll, Source,
    SourceKind, VersionInfo,
};
pub use lifecycle::{Act, LifecycleEvent, acts, ended_as_of};
pub use provision::{
    Acknowledgement, Actors, Binding, Covers, Kind, Modality, Presence, Provision, State,
    StatusEntry,
};
pub use reference::{Reference, Target};
pub use section::SectionHeader;
pub use small_map::{SmallMap, SmallMapIter};
pub use source_ref::SourceRef;
pub use term::{Definedness, Term};

use crate::load::doc::{DocNode, View};
use crate::source::FileId;
use crate::text::pointer;

/// A value with the file and JSON pointer it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    /// The file.
    pub file: FileId,
    /// Pointer to the value in the file.
    pub pointer: String,
    /// The value.
    pub value: T,
}

impl<T> Deref for Located<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Located<T> {
    /// The pointer to a field of this value.
    pub fn at(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.pointer)
    }
}

/// Entries keyed by id from one file, such as the actors or a version's terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Registry<T> {
    /// The file the entries come from, if it exists.
    pub file: Option<FileId>,
    /// Entries that converted, by id.
    pub items: BTreeMap<String, T>,
    /// Whether every entry converted: only then is an id missing from `items` truly unknown.
    pub complete: bool,
}

impl<T> Default for Registry<T> {
    fn default() -> Self {
        Registry {
            file: None,
            items: BTreeMap::new(),
            complete: false,
        }
    }
}

impl<T: for<'de> Deserialize<'de>> Registry<T> {
    /// Reads `{ <key>: { id: entry, ... } }`, converting entry by entry; also returns the
    /// entries that did not convert, as (pointer, reason).
    pub(crate) fn from_doc(
        file: FileId,
        doc: DocNode<'_>,
        key: &str,
    ) -> (Self, Vec<ConversionError>) {
        let mut registry = Registry {
            file: Some(file),
            items: BTreeMap::new(),
            complete: false,
        };
        let mut errors = Vec::new();
        let Some(View::Map(entries)) = doc.get(key).map(DocNode::view) else {
            errors.push((pointer([key]), format!("`{key}` is not a mapping")));
            return (registry, errors);
        };
        for (id, entry) in &entries {
            match T::deserialize(entry) {
                Ok(item) => {
                    registry.items.insert(id.to_owned(), item);
                }
                Err(error) => errors.push((pointer([key, id]), error.to_string())),
            }
        }
        registry.complete = errors.is_empty();
        (registry, errors)
    }

    /// Whether `id` is known, or cannot be known to be missing.
    pub fn may_contain(&self, id: &str) -> bool {
        !self.complete || self.items.contains_key(id)
    }
}

/// A value that did not convert to the typed model: its pointer and the reason.
pub type ConversionError = (String, String);

/// The whole spec folder.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The spec folder.
    pub root: PathBuf,
    /// The shared actors registry.
    pub actors: Registry<Actor>,
    /// Instruments, by folder name.
    pub instruments: Vec<Instrument>,
}

/// One instrument folder.
#[derive(Clone, Debug)]
pub struct Instrument {
    /// The folder name, which is the instrument's id.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// `instrument.yaml`.
    pub file: FileId,
    /// Its contents, if they converted.
    pub info: Option<InstrumentInfo>,
    /// The version folders: listed versions in listed order, then unlisted ones by name.
    pub versions: Vec<Version>,
}

impl Instrument {
    /// The listing of a version in `instrument.yaml`, with its index there.
    pub fn version_info(&self, id: &str) -> Option<(usize, &VersionInfo)> {
        self.info
            .as_ref()?
            .versions
            .iter()
            .enumerate()
            .find(|(_, v)| v.id == id)
    }

    /// Whether `id` names a listed source, or the sources cannot be known.
    pub fn may_have_source(&self, id: &str) -> bool {
        self.info
            .as_ref()
            .is_none_or(|info| info.sources.contains_key(id))
    }

    /// The version a report covers by default: the last listed version whose basis is
    /// primary, else the last listed.
    pub fn default_version(&self) -> Option<&Version> {
        let primary = self.info.as_ref().and_then(|info| {
            info.versions
                .iter()
                .rev()
                .find(|v| v.basis == Basis::Primary)
                .and_then(|v| self.versions.iter().find(|f| f.id == v.id))
        });
        primary.or_else(|| self.versions.last())
    }

    /// The version of id `id`, or the [default](Self::default_version).
    pub fn select_version(&self, id: Option<&str>) -> Result<&Version, UnknownVersion> {
        let found = match id {
            Some(id) => self.versions.iter().find(|v| v.id == id),
            None => self.default_version(),
        };
        found.ok_or_else(|| UnknownVersion {
            instrument: self.id.clone(),
            version: id.unwrap_or_default().to_owned(),
            known: self
                .versions
                .iter()
                .map(|v| format!("`{}`", v.id))
                .collect::<Vec<_>>()
                .join(", "),
        })
    }
}

/// An instrument has no version of the id asked for (or, asked for its default, no version).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("instrument `{instrument}` has no version `{version}` (versions: {known})")]
pub struct UnknownVersion {
    /// The instrument.
    pub instrument: String,
    /// The version asked for.
    pub version: String,
    /// The versions it has, each in backticks.
    pub known: String,
}

/// One version folder.
#[derive(Clone, Debug)]
pub struct Version {
    /// The folder name, which is the version's id.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// Section files, in section order.
    pub sections: Vec<Section>,
    /// `terms.yaml`, if present.
    pub terms: Registry<Term>,
    /// Whether every section file and provision converted.
    pub complete: bool,
}

impl Version {
    /// Every provision, in document order.
    pub fn provisions(&self) -> impl Iterator<Item = &Located<Provision>> {
        self.sections.iter().flat_map(|s| s.provisions.iter())
    }
}

/// One section file.
#[derive(Clone, Debug)]
pub struct Section {
    /// The file.
    pub file: FileId,
    /// The header, if it converted.
    pub header: Option<SectionHeader>,
    /// The provisions that converted, in file order.
    pub provisions: Vec<Located<Provision>>,
    /// Whether the header and every provision converted.
    pub complete: bool,
    /// The section number as written, even when the header did not convert (an unquoted
    /// `section: 2` is a number, not text): the file still sorts in its place.
    pub written_number: Option<String>,
}

impl Section {
    /// Reads a section file's document, provision by provision; also returns what did not
    /// convert.
    pub(crate) fn from_doc(file: FileId, doc: DocNode<'_>) -> (Self, Vec<ConversionError>) {
        let mut errors = Vec::new();
        let items = doc.get("provisions").map(DocNode::view);
        let written_number = match doc.get("section").map(DocNode::view) {
            Some(View::String(number)) => Some(number.to_owned()),
            Some(View::Number(number)) => Some(number.to_string()),
            _ => None,
        };
        // The header's type skips `provisions` without reading it.
        let header = match SectionHeader::deserialize(doc) {
            Ok(header) => Some(header),
            Err(error) => {
                errors.push((String::new(), error.to_string()));
                None
            }
        };
        let mut provisions = Vec::new();
        match items {
            Some(View::Seq(items)) => {
                provisions.reserve_exact(items.len());
                for (index, item) in items.iter().enumerate() {
                    let at = pointer(["provisions".to_owned(), index.to_string()]);
                    match Provision::deserialize(item) {
                        Ok(provision) => provisions.push(Located {
                            file,
                            pointer: at,
                            value: provision,
                        }),
                        Err(error) => errors.push((at, error.to_string())),
                    }
                }
            }
            _ => errors.push((
                "/provisions".to_owned(),
                "`provisions` is not a list".to_owned(),
            )),
        }
        let section = Section {
            file,
            header,
            provisions,
            complete: errors.is_empty(),
            written_number,
        };
        (section, errors)
    }

    /// A section file that could not be read at all.
    pub(crate) fn unreadable(file: FileId) -> Self {
        Section {
            file,
            header: None,
            provisions: Vec::new(),
            complete: false,
            written_number: None,
        }
    }

    /// The section number, if the header converted.
    pub fn number(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.section.as_str())
    }

    /// The number the file sorts by: the section number, else the number as written.
    pub fn sort_number(&self) -> Option<&str> {
        self.number().or(self.written_number.as_deref())
    }
}

/// Orders section numbers naturally: `2` before `10`, `2` before `2A`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if ord.is_ne() {
            return ord;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_section_numbers() {
        let mut v = vec!["10", "2", "1", "2A", "B", "3"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1", "2", "2A", "3", "10", "B"]);
    }
}
