//! Helpers: run the `orderly` binary, build spec folders from fixtures.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a run of the binary produced.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one text, for snapshots.
    pub(crate) fn transcript(&self) -> String {
        let mut text = format!("exit: {}\n", self.code);
        if !self.stdout.is_empty() {
            text.push_str("--- stdout\n");
            text.push_str(&self.stdout);
        }
        if !self.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&self.stderr);
        }
        text
    }
}

/// The repository root.
/// An `instrument.yaml` with one primary version `v` (anchor `start`) and one source `s`, for
/// generated specs.
pub(crate) const ONE_VERSION_INSTRUMENT: &str = "title: T\nkind: regulation\nversions:\n  - id: v\n    \
    date: 2026-01-01\n    basis: primary\n    anchors:\n      start: 2026-01-01\n    sources: [s]\n\
    sources:\n  s:\n    title: S\n    kind: primary\n    url: https://example.org/\n    date: 2026-01-01\n";

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `orderly` with `args` in `cwd`, without colour and with a fixed environment.
pub(crate) fn orderly(cwd: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("RAYON_NUM_THREADS", "2")
        .output()
        .expect("the orderly binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The cells of one Markdown table row (`| a | b |`), trimmed.
pub(crate) fn cells(line: &str) -> Vec<String> {
    line.trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_owned())
        .collect()
}

/// Runs orderly from the repository root and expects success with nothing on standard error;
/// returns standard output.
pub(crate) fn run_ok(args: &[&str]) -> String {
    let run = orderly(&repo(), args);
    assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
    assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
    run.stdout
}

/// Copies a folder tree.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary folder holding `spec/`: a copy of the example spec, with an overlay applied if
/// given. An overlay is a folder of files that replace or add to the example's, and an
/// optional `_delete` file listing paths to remove.
pub(crate) fn example_spec(overlay: Option<&Path>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    copy_dir(&repo().join("tests/fixtures/example"), &spec);
    if let Some(overlay) = overlay {
        copy_dir(overlay, &spec);
        let delete = spec.join("_delete");
        if delete.exists() {
            for line in fs::read_to_string(&delete).unwrap().lines() {
                let path = spec.join(line.trim());
                if path.is_dir() {
                    fs::remove_dir_all(path).unwrap();
                } else {
                    fs::remove_file(path).unwrap();
                }
            }
            fs::remove_file(delete).unwrap();
        }
    }
    dir
}

/// The codes of the diagnostics in a `--format json` report.
pub(crate) fn codes(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Sorted names of the entries of a folder.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file under `dir`, relative to it, sorted.
pub(crate) fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in fs::read_dir(&path).unwrap() {
            let entry = entry.unwrap().path();
            if entry.is_dir() {
                stack.push(entry);
            } else {
                out.push(
                    entry
                        .strip_prefix(dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// Whether a path names an HTML file.
pub(crate) fn is_html(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
}
