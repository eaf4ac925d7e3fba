//! Reading one folder of a spec: its visible entries, what each one is (a YAML file, a folder,
//! a link to a folder inside the spec folder), and the problems found on the way (unreadable
//! entries, links that loop or lead outside, special files).

use std::fs;
use std::path::{Path, PathBuf};

use super::{Problem, Walker};
use crate::diagnostic::Code;

/// A folder's visible entries, sorted by name.
pub(super) type Listing = Vec<Item>;

/// An entry of a folder that orderly reads.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Item {
    pub(super) name: String,
    pub(super) path: PathBuf,
    pub(super) what: What,
}

/// What an entry is.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum What {
    /// A YAML file (or a link to one inside the spec folder).
    File,
    /// A folder.
    Folder,
    /// A link to a folder inside the spec folder, and that folder's canonical path.
    Link(PathBuf),
}

impl Walker {
    pub(super) fn problem(&mut self, path: &Path, code: Code, message: impl Into<String>) {
        self.layout.problems.push(Problem {
            path: here(path).to_path_buf(),
            code,
            message: message.into(),
        });
    }

    /// A canonical path inside the spec folder as messages show it.
    pub(super) fn shown(&self, canonical: &Path) -> String {
        match canonical.strip_prefix(&self.canonical_root) {
            Ok(inside) if inside.as_os_str().is_empty() => "the spec folder".to_owned(),
            Ok(inside) => format!("`{}`", inside.display()),
            Err(_) => "a folder outside the spec folder".to_owned(),
        }
    }

    /// Lists a folder, or reports why it cannot.
    pub(super) fn list(&mut self, dir: &Path) -> Option<Listing> {
        match fs::canonicalize(here(dir)) {
            Ok(canonical) => {
                if !self.seen.insert(canonical.clone()) {
                    let target = self.shown(&canonical);
                    self.problem(
                        dir,
                        Code::SymlinkLoop,
                        format!("folder leads to {target}, which is already read"),
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
        let read = match fs::read_dir(here(dir)) {
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
            let path = dir.join(&name);
            if let Some(item) = self.item(name, path) {
                listing.push(item);
            }
        }
        listing.sort();
        Some(listing)
    }

    /// What a folder entry is, without opening it: a folder, a YAML file to read, or nothing
    /// to read (reported when it should have been).
    fn item(&mut self, name: String, path: PathBuf) -> Option<Item> {
        let is_link = fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink());
        // `metadata` follows symbolic links; a broken or looping link fails here.
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(error) => {
                let (code, message) = if error.raw_os_error() == Some(40) {
                    (
                        Code::SymlinkLoop,
                        format!("symbolic link `{name}` leads to itself"),
                    )
                } else if is_link && error.kind() == std::io::ErrorKind::NotFound {
                    (
                        Code::UnreadableFile,
                        format!("symbolic link `{name}` leads nowhere (its target does not exist)"),
                    )
                } else {
                    (
                        Code::UnreadableFile,
                        format!("cannot read `{name}`: {error}"),
                    )
                };
                self.problem(&path, code, message);
                return None;
            }
        };
        if !meta.is_dir() && !is_yaml(&name) {
            return None;
        }
        let target = if is_link {
            match fs::canonicalize(&path) {
                Ok(target) if target.starts_with(&self.canonical_root) => Some(target),
                // A target outside, or one without a name in the file system at all (such as
                // `/dev/stdin` when standard input is a pipe).
                _ => {
                    let what = if meta.is_dir() { "folder" } else { "file" };
                    self.problem(
                        &path,
                        Code::LinkOutsideSpec,
                        format!(
                            "symbolic link `{name}` leads to a {what} outside the spec folder; \
                             it is not followed"
                        ),
                    );
                    return None;
                }
            }
        } else {
            None
        };
        if meta.is_dir() {
            return Some(Item {
                name,
                path,
                what: target.map_or(What::Folder, What::Link),
            });
        }
        if !meta.is_file() {
            let what = special_kind(&meta);
            let via = if is_link { "leads to" } else { "is" };
            self.problem(
                &path,
                Code::SpecialFile,
                format!("`{name}` {via} {what}, not a regular file; it is not read"),
            );
            return None;
        }
        Some(Item {
            name,
            path,
            what: What::File,
        })
    }
}

/// A folder as the file system takes it: the empty path (the working folder, as paths relative
/// to it are built from) is `.`.
pub(super) fn here(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// What kind of special file `meta` describes, for messages.
fn special_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
}

fn is_yaml(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}
