//! Where the site's files go as they are rendered: into memory ([`Memory`], for
//! [`render_site`](super::render_site)), or straight into the folder a build fills
//! ([`Folder`]), so that a build holds one page per thread rather than the whole site.
//!
//! Pages are rendered in parallel, so a sink takes files from several threads at once.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::Error;

/// The site's files, by path relative to the site's root.
pub(super) type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Takes the site's files as they are rendered.
pub(super) trait Sink: Sync {
    /// Stores `bytes` at `path`, relative to the site's root (a later file at the same path
    /// replaces an earlier one).
    fn put(&self, path: PathBuf, bytes: Vec<u8>) -> Result<(), Error>;
}

/// The files, held in memory.
#[derive(Default)]
pub(super) struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    /// The files stored.
    pub(super) fn into_files(self) -> Files {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn put(&self, path: PathBuf, bytes: Vec<u8>) -> Result<(), Error> {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, bytes);
        Ok(())
    }
}

/// The files, written into a folder as they come (the temporary folder of a build, which
/// takes the output's place once every file is in).
pub(super) struct Folder<'a> {
    root: &'a Path,
    /// The folders made so far, relative to `root`, so that each is made once.
    made: Mutex<HashSet<PathBuf>>,
    /// The distinct files written.
    written: Mutex<HashSet<PathBuf>>,
}

impl<'a> Folder<'a> {
    /// Writes into `root`, which exists.
    pub(super) fn new(root: &'a Path) -> Self {
        Folder {
            root,
            made: Mutex::new(HashSet::new()),
            written: Mutex::new(HashSet::new()),
        }
    }

    /// How many files were written.
    pub(super) fn files(&self) -> usize {
        self.written.lock().map_or(0, |w| w.len())
    }
}

impl Sink for Folder<'_> {
    fn put(&self, path: PathBuf, bytes: Vec<u8>) -> Result<(), Error> {
        let target = self.root.join(&path);
        // Every path the site makes is relative and goes down: never out of the folder.
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Error::Write {
                path: target,
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a page's path leads out of the site's folder",
                ),
            });
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let known = self
                .made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .contains(parent);
            if !known {
                let dir = self.root.join(parent);
                fs::create_dir_all(&dir).map_err(|source| Error::Write { path: dir, source })?;
                self.made
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(parent.to_path_buf());
            }
        }
        fs::write(&target, &bytes).map_err(|source| Error::Write {
            path: target,
            source,
        })?;
        self.written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_refuses_paths_that_leave_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir(&root).unwrap();
        let folder = Folder::new(&root);
        for bad in ["../escape.html", "/tmp/absolute.html", "a/../../b.html"] {
            assert!(
                folder.put(PathBuf::from(bad), b"x".to_vec()).is_err(),
                "{bad}"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
        folder
            .put(PathBuf::from("a/b/c.html"), b"page".to_vec())
            .unwrap();
        folder
            .put(PathBuf::from("a/b/c.html"), b"again".to_vec())
            .unwrap();
        assert_eq!(fs::read(root.join("a/b/c.html")).unwrap(), b"again");
        assert_eq!(folder.files(), 1);
    }
}
