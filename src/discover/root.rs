//! Which spec folder a path belongs to, found by walking up to the folder that holds
//! `actors.yaml`, and the path forms used to compare and print paths: relative to the working
//! directory where they can be, or absolute with `.` and `..` resolved lexically.

use std::path::{Component, Path, PathBuf};

/// Drops `.` components, and makes a path under the working directory relative to it, so that
/// every path orderly prints is relative where it can be.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let path = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path
            .strip_prefix(&cwd)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf),
        _ => path.to_path_buf(),
    };
    path.components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

/// The absolute form of a path, with `.` and `..` resolved lexically (without following links),
/// for comparing paths given in different forms.
pub(crate) fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = match std::env::current_dir() {
        Ok(cwd) => cwd.join(path),
        Err(_) => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The spec folder of a path: the nearest folder at or above it that holds `actors.yaml`, or,
/// failing that, the folder above an instrument (or version) folder, or the path itself.
pub(crate) fn spec_root(path: &Path) -> PathBuf {
    let start = if path.is_file() {
        path.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    let at = |dir: &Path, name: &str| dir.join(name).is_file();
    let mut dir = start.clone();
    loop {
        if at(&dir, "actors.yaml") {
            return dir;
        }
        match dir.parent() {
            Some(parent) => dir = parent.to_path_buf(),
            None => break,
        }
    }
    // Above the working directory: walk the absolute path and express the result with `..`.
    if start.is_relative()
        && let Ok(cwd) = std::env::current_dir()
    {
        let mut ups = PathBuf::new();
        let mut dir = cwd.as_path();
        while let Some(parent) = dir.parent() {
            ups.push("..");
            if parent.join("actors.yaml").is_file() {
                return ups;
            }
            dir = parent;
        }
    }
    if at(&start, "instrument.yaml") {
        return start.parent().unwrap_or(Path::new("")).to_path_buf();
    }
    if let Some(parent) = start.parent()
        && at(parent, "instrument.yaml")
    {
        return parent.parent().unwrap_or(Path::new("")).to_path_buf();
    }
    start
}

/// The spec folder a command uses when given none: the one the working folder is in (found by
/// walking up to `actors.yaml`), else `spec` below the working folder.
pub(crate) fn default_spec_root() -> Option<PathBuf> {
    let found = spec_root(Path::new(""));
    if found.join("actors.yaml").is_file() {
        return Some(if found.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            found
        });
    }
    let spec = PathBuf::from("spec");
    spec.is_dir().then_some(spec)
}

/// `./..` as `..`, and `.` alone as `.`.
pub(crate) fn normalize_dots(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}
