//! Finding the files of a spec folder and what each one is.
//!
//! The layout is fixed: `actors.yaml` at the root, one folder per instrument holding
//! `instrument.yaml`, and in it one folder per version holding section files and an optional
//! `terms.yaml`. Hidden entries (`.git`) and files that are not YAML (`README.md`) are ignored;
//! a YAML file anywhere else is reported, never skipped. Symbolic links are followed, and a link
//! back into a folder already read is reported instead of followed.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Code;

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
pub struct Entry {
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
pub struct Problem {
    /// The path concerned.
    pub path: PathBuf,
    /// The diagnostic code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
}

/// An instrument folder and its version folders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentDir {
    /// The folder name.
    pub id: String,
    /// The folder.
    pub dir: PathBuf,
    /// Version folder names and paths, sorted by name.
    pub versions: Vec<(String, PathBuf)>,
}

/// Everything found under a spec folder, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// YAML files in their places.
    pub entries: Vec<Entry>,
    /// Instrument folders.
    pub instruments: Vec<InstrumentDir>,
    /// Layout problems.
    pub problems: Vec<Problem>,
}

/// Walks `root` and sorts its files into the layout; stops adding files after `max_files`.
pub fn discover(root: &Path, max_files: usize) -> Layout {
    let mut walker = Walker {
        layout: Layout::default(),
        seen: HashSet::new(),
        canonical_root: fs::canonicalize(root).unwrap_or_default(),
        max_files,
        files: 0,
    };
    walker.root(root);
    walker.layout
}

struct Walker {
    layout: Layout,
    /// Canonical paths of folders read, to detect symbolic-link loops.
    seen: HashSet<PathBuf>,
    /// The spec folder's canonical path, for naming folders in messages.
    canonical_root: PathBuf,
    max_files: usize,
    files: usize,
}

/// A folder's visible entries, sorted by name: (name, path, is a folder).
type Listing = Vec<(String, PathBuf, bool)>;

impl Walker {
    fn problem(&mut self, path: &Path, code: Code, message: impl Into<String>) {
        self.layout.problems.push(Problem {
            path: path.to_path_buf(),
            code,
            message: message.into(),
        });
    }

    /// Lists a folder, or reports why it cannot.
    fn list(&mut self, dir: &Path) -> Option<Listing> {
        match fs::canonicalize(dir) {
            Ok(canonical) => {
                if !self.seen.insert(canonical.clone()) {
                    let target = match canonical.strip_prefix(&self.canonical_root) {
                        Ok(inside) if inside.as_os_str().is_empty() => "the spec folder".to_owned(),
                        Ok(inside) => format!("`{}`", inside.display()),
                        Err(_) => "a folder".to_owned(),
                    };
                    self.problem(
                        dir,
                        Code::SymlinkLoop,
                        format!(
                            "symbolic link leads back to {target}, which is already being read"
                        ),
                    );
                    return None;
                }
            }
            Err(error) => {
                let code = if error.raw_os_error() == Some(40) {
                    Code::SymlinkLoop
                } else {
                    Code::UnreadableFile
                };
                self.problem(dir, code, format!("cannot read folder: {error}"));
                return None;
            }
        }
        let read = match fs::read_dir(dir) {
            Ok(read) => read,
            Err(error) => {
                self.problem(
                    dir,
                    Code::UnreadableFile,
                    format!("cannot read folder: {error}"),
                );
                return None;
            }
        };
        let mut listing = Vec::new();
        for entry in read {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    self.problem(
                        dir,
                        Code::UnreadableFile,
                        format!("cannot read folder: {error}"),
                    );
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            // `metadata` follows symbolic links; a broken or looping link fails here.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => listing.push((name, path, true)),
                Ok(_) => {
                    if is_yaml(&name) {
                        listing.push((name, path, false));
                    }
                }
                Err(error) => {
                    let code = if error.raw_os_error() == Some(40) {
                        Code::SymlinkLoop
                    } else {
                        Code::UnreadableFile
                    };
                    self.problem(&path, code, format!("cannot read `{name}`: {error}"));
                }
            }
        }
        listing.sort();
        Some(listing)
    }

    fn add(
        &mut self,
        path: PathBuf,
        kind: FileKind,
        instrument: Option<&str>,
        version: Option<&str>,
    ) {
        self.files += 1;
        if self.files > self.max_files {
            if self.files == self.max_files + 1 {
                self.problem(
                    &path,
                    Code::LimitExceeded,
                    format!(
                        "the spec folder holds more than the limit of {} YAML files",
                        self.max_files
                    ),
                );
            }
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
        for (name, path, is_dir) in listing {
            if is_dir {
                self.instrument(&name, &path);
            } else if name == "actors.yaml" {
                has_actors = true;
                self.add(path, FileKind::Actors, None, None);
            } else {
                self.unexpected(
                    &path,
                    "the spec folder holds only `actors.yaml` and instrument folders",
                );
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
        let Some(listing) = self.list(dir) else {
            return;
        };
        let mut has_info = false;
        let mut versions = Vec::new();
        for (name, path, is_dir) in listing {
            if is_dir {
                self.version(id, &name, &path);
                versions.push((name, path));
            } else if name == "instrument.yaml" {
                has_info = true;
                self.add(path, FileKind::Instrument, Some(id), None);
            } else {
                self.unexpected(
                    &path,
                    "an instrument folder holds `instrument.yaml` and version folders",
                );
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
        for (name, path, is_dir) in listing {
            if is_dir {
                self.nested(&path);
            } else {
                let kind = if name == "terms.yaml" || name == "terms.yml" {
                    FileKind::Terms
                } else {
                    FileKind::Section
                };
                self.add(path, kind, Some(instrument), Some(version));
            }
        }
    }

    /// Reports every YAML file below a version folder's subfolder.
    fn nested(&mut self, dir: &Path) {
        let Some(listing) = self.list(dir) else {
            return;
        };
        for (_, path, is_dir) in listing {
            if is_dir {
                self.nested(&path);
            } else {
                self.unexpected(&path, "version folders hold section files, not subfolders");
            }
        }
    }
}

fn is_yaml(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}
