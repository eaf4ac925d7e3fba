//! What the fuzz targets share: spec folders written from fuzz input, and the properties every
//! run must keep (positions inside their file, every output renders, JSON outputs parse).

#![allow(dead_code, reason = "each target uses part of this module")]

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use orderly::diagnostic::Severity;
use orderly::Workspace;

/// The date reports are compiled as of.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("a valid date")
}

/// The default limits, with fewer nodes copied by aliases so that each run stays quick.
pub fn limits() -> orderly::Limits {
    orderly::Limits {
        max_alias_nodes: 10_000,
        ..orderly::Limits::default()
    }
}

/// A spec folder of this process's own, emptied for each run.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("orderly-fuzz-{}", std::process::id())))
}

/// Writes `files` (relative path, bytes) as the only content of `dir`. A file whose path
/// clashes with another's (`a` and `a/b`) is left out.
pub fn write_folder(dir: &Path, files: &[(PathBuf, &[u8])]) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("the scratch folder");
    for (path, bytes) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, bytes);
    }
}

/// The files that fuzz input describes: `path NUL content NUL path NUL content ...`. Paths
/// keep to at most three plain components of `[a-z0-9._-]`, so input can only write inside
/// the scratch folder; at most 16 files, and a path given twice keeps its first content.
pub fn files_of(data: &[u8]) -> Vec<(PathBuf, &[u8])> {
    let mut files: Vec<(PathBuf, &[u8])> = Vec::new();
    let mut parts = data.split(|&b| b == 0);
    while let (Some(path), Some(content)) = (parts.next(), parts.next()) {
        let Ok(path) = std::str::from_utf8(path) else {
            continue;
        };
        let path = Path::new(path);
        let plain = path.components().count() <= 3
            && path.components().all(|c| match c {
                Component::Normal(name) => name.to_str().is_some_and(|name| {
                    !name.starts_with('.')
                        && name.bytes().all(|b| {
                            b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)
                        })
                }),
                _ => false,
            });
        if plain && files.iter().all(|(p, _)| p != path) && files.len() < 16 {
            files.push((path.to_path_buf(), content));
        }
    }
    files
}

/// Every diagnostic of a loaded folder is placed inside its file, and every report format
/// renders (the JSON and SARIF ones as JSON).
pub fn check_report(workspace: &Workspace) {
    orderly::testing::assert_placed(workspace);
}

/// Whether the folder loaded without errors, as the compilers require.
pub fn clean(workspace: &Workspace) -> bool {
    workspace
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error)
}
