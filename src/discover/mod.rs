//! Finding the files of a spec folder and what each one is.
//!
//! The layout is fixed: `actors.yaml` at the root, one folder per instrument holding
//! `instrument.yaml`, and in it one folder per version holding section files and an optional
//! `terms.yaml`. Hidden entries (`.git`) and files that are not YAML (`README.md`) are ignored;
//! a YAML file anywhere else is reported, never skipped.
//!
//! Only regular files are read: a FIFO, socket or device with a YAML name is reported without
//! being opened. Symbolic links are followed while they stay inside the spec folder; a link that
//! leads outside it is reported and not followed, so nothing outside the spec folder is read or
//! named. Folders reached through a link are read after every real folder, so that a link to a
//! folder read anyway (an alias, or a link back to a folder above it) is the one reported, and
//! each folder is read once.
//!
//! `listing` reads one folder; `root` finds the spec folder a path belongs to.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Code;
use listing::{Item, What, here};

mod listing;
pub(crate) mod root;

/// What a spec file holds; also the name of its JSON Schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `actors.yaml`.
    Actors,
    /// `<instrument>/instrument.yaml`.
    Instrument,
    /// `<instrument>/<version>/<section>.yaml`.
    Section,
    /// `<instrument>/<version>/terms.yaml`.
    Terms,
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 4] = [
        FileKind::Actors,
        FileKind::Instrument,
        FileKind::Section,
        FileKind::Terms,
    ];

    /// The kind's name, as `orderly schema` takes it.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Actors => "actors",
            FileKind::Instrument => "instrument",
            FileKind::Section => "section",
            FileKind::Terms => "terms",
        }
    }
}

/// A YAML file of the spec and its place in the layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The path.
    pub path: PathBuf,
    /// What it holds.
    pub kind: FileKind,
    /// The instrument folder's name (all kinds but actors).
    pub instrument: Option<String>,
    /// The version folder's name (sections and terms).
    pub version: Option<String>,
}

/// A problem with the layout itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    /// The path concerned.
    pub path: PathBuf,
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
}

/// An instrument folder and its version folders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InstrumentDir {
    /// The folder name.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// Version folder names and paths, sorted by name.
    pub versions: Vec<(String, PathBuf)>,
}

/// Everything found under a spec folder, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// YAML files in their places.
    pub entries: Vec<Entry>,
    /// Instrument folders.
    pub instruments: Vec<InstrumentDir>,
    /// Layout problems.
    pub problems: Vec<Problem>,
}

/// Most levels of folders read below a version folder, to report the YAML files misplaced there.
pub(crate) const MAX_NESTED_DEPTH: usize = 8;

/// Walks `root` and sorts its files into the layout; stops adding files after `max_files`.
pub(crate) fn discover(root: &Path, max_files: usize) -> Layout {
    let mut walker = Walker {
        layout: Layout::default(),
        seen: HashSet::new(),
        canonical_root: fs::canonicalize(here(root)).unwrap_or_default(),
        max_files,
        files: 0,
        links: VecDeque::new(),
    };
    walker.root(root);
    while let Some(link) = walker.links.pop_front() {
        walker.follow(link);
    }
    walker.layout.instruments.sort_by(|a, b| a.id.cmp(&b.id));
    walker.layout
}

/// Whether a folder name is an id, as the schemas' id pattern `^[a-z0-9]+(-[a-z0-9]+)*$` has it.
pub(crate) fn is_id(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9'))
        })
}

struct Walker {
    layout: Layout,
    /// Canonical paths of folders read, so that each is read once.
    seen: HashSet<PathBuf>,
    /// The spec folder's canonical path: links must stay under it.
    canonical_root: PathBuf,
    max_files: usize,
    files: usize,
    /// Linked folders, read once every real folder has been.
    links: VecDeque<Link>,
}

/// A symbolic link to a folder inside the spec folder, waiting to be followed.
struct Link {
    /// Where the folder sits in the layout.
    place: Place,
    /// The link's name.
    name: String,
    /// The link.
    path: PathBuf,
    /// The folder it leads to.
    target: PathBuf,
}

/// Where a folder sits in the layout.
enum Place {
    /// In the spec folder: an instrument.
    Instrument,
    /// In an instrument folder: a version of that instrument.
    Version(String),
    /// Below a version folder, this many levels down.
    Nested(usize),
}

impl Walker {
    /// Follows a link to a folder inside the spec folder, unless that folder has been read.
    fn follow(&mut self, link: Link) {
        if self.seen.contains(&link.target) {
            let target = self.shown(&link.target);
            let above = link
                .path
                .parent()
                .and_then(|parent| fs::canonicalize(here(parent)).ok())
                .is_some_and(|parent| parent.starts_with(&link.target));
            let message = if above {
                format!("symbolic link leads back to {target}, which is already being read")
            } else {
                format!("symbolic link leads to {target}, which is already read under its own name")
            };
            self.problem(&link.path, Code::SymlinkLoop, message);
            return;
        }
        match link.place {
            Place::Instrument => self.instrument(&link.name, &link.path),
            Place::Version(instrument) => self.version(&instrument, &link.name, &link.path),
            Place::Nested(depth) => self.nested(&link.path, depth),
        }
    }

    /// Counts a file against the limit; false once the limit is passed.
    fn count(&mut self, path: &Path) -> bool {
        self.files += 1;
        if self.files > self.max_files {
            if self.files == self.max_files + 1 {
                self.problem(
                    path,
                    Code::LimitExceeded,
                    format!(
                        "the spec folder holds more than the limit of {} YAML files",
                        self.max_files
                    ),
                );
            }
            return false;
        }
        true
    }

    fn add(
        &mut self,
        path: PathBuf,
        kind: FileKind,
        instrument: Option<&str>,
        version: Option<&str>,
    ) {
        if !self.count(&path) {
            return;
        }
        self.layout.entries.push(Entry {
            path,
            kind,
            instrument: instrument.map(str::to_owned),
            version: version.map(str::to_owned),
        });
    }

    fn unexpected(&mut self, path: &Path, where_: &str) {
        if !self.count(path) {
            return;
        }
        self.problem(
            path,
            Code::UnexpectedFile,
            format!("YAML file where the spec layout has no place for one ({where_})"),
        );
    }

    fn root(&mut self, root: &Path) {
        let Some(listing) = self.list(root) else {
            return;
        };
        let mut has_actors = false;
        for Item { name, path, what } in listing {
            match what {
                What::Link(target) => self.links.push_back(Link {
                    place: Place::Instrument,
                    name,
                    path,
                    target,
                }),
                What::Folder => self.instrument(&name, &path),
                What::File if name == "actors.yaml" => {
                    has_actors = true;
                    self.add(path, FileKind::Actors, None, None);
                }
                What::File => self.unexpected(
                    &path,
                    "the spec folder holds only `actors.yaml` and instrument folders",
                ),
            }
        }
        if !has_actors {
            self.problem(
                &root.join("actors.yaml"),
                Code::MissingFile,
                "the spec folder has no `actors.yaml`",
            );
        }
    }

    fn instrument(&mut self, id: &str, dir: &Path) {
        if !is_id(id) {
            self.problem(
                dir,
                Code::InvalidInstrumentId,
                format!(
                    "instrument folder name `{}` is not an id (lowercase letters and digits, \
                     joined by single hyphens)",
                    id.escape_debug()
                ),
            );
        }
        let Some(listing) = self.list(dir) else {
            return;
        };
        let mut has_info = false;
        let mut versions = Vec::new();
        for Item { name, path, what } in listing {
            match what {
                What::Link(target) => {
                    self.links.push_back(Link {
                        place: Place::Version(id.to_owned()),
                        name: name.clone(),
                        path: path.clone(),
                        target,
                    });
                    versions.push((name, path));
                }
                What::Folder => {
                    self.version(id, &name, &path);
                    versions.push((name, path));
                }
                What::File if name == "instrument.yaml" => {
                    has_info = true;
                    self.add(path, FileKind::Instrument, Some(id), None);
                }
                What::File => self.unexpected(
                    &path,
                    "an instrument folder holds `instrument.yaml` and version folders",
                ),
            }
        }
        if !has_info {
            self.problem(
                &dir.join("instrument.yaml"),
                Code::MissingFile,
                format!("instrument folder `{id}` has no `instrument.yaml`"),
            );
        }
        self.layout.instruments.push(InstrumentDir {
            id: id.to_owned(),
            dir: dir.to_path_buf(),
            versions,
        });
    }

    fn version(&mut self, instrument: &str, version: &str, dir: &Path) {
        let Some(listing) = self.list(dir) else {
            return;
        };
        // Names without their extension, to find `terms.yaml` beside `terms.yml`.
        let mut stems: Vec<(String, String)> = Vec::new();
        for Item { name, path, what } in listing {
            match what {
                What::Link(target) => self.links.push_back(Link {
                    place: Place::Nested(1),
                    name,
                    path,
                    target,
                }),
                What::Folder => self.nested(&path, 1),
                What::File => {
                    let stem = stem(&name);
                    if let Some((_, first)) = stems.iter().find(|(s, _)| *s == stem) {
                        let message = format!(
                            "`{name}` has the same name as `{first}` but for the extension; a \
                             folder holds only one of them, so `{name}` is not read"
                        );
                        self.problem(&path, Code::DuplicateFile, message);
                        continue;
                    }
                    stems.push((stem, name.clone()));
                    let kind = if name == "terms.yaml" || name == "terms.yml" {
                        FileKind::Terms
                    } else {
                        FileKind::Section
                    };
                    self.add(path, kind, Some(instrument), Some(version));
                }
            }
        }
    }

    /// Reports every YAML file below a version folder's subfolder, down to
    /// [`MAX_NESTED_DEPTH`] levels.
    fn nested(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_NESTED_DEPTH {
            self.problem(
                dir,
                Code::LimitExceeded,
                format!(
                    "folders nest more than the limit of {MAX_NESTED_DEPTH} levels below a \
                     version folder; this one is not read"
                ),
            );
            return;
        }
        let Some(listing) = self.list(dir) else {
            return;
        };
        for Item { name, path, what } in listing {
            match what {
                What::Link(target) => self.links.push_back(Link {
                    place: Place::Nested(depth + 1),
                    name,
                    path,
                    target,
                }),
                What::Folder => self.nested(&path, depth + 1),
                What::File => {
                    self.unexpected(&path, "version folders hold section files, not subfolders");
                }
            }
        }
    }
}

/// A file name without its extension, in lowercase.
fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().to_lowercase())
}
