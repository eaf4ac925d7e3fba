//! Hardening: every output is the same bytes whatever the thread count and the order the file
//! system lists files in; no command touches the spec folder; a build killed midway leaves
//! the previous site whole.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::repo;

/// Every command and format, run in a folder holding `spec/` (EO 14409) and `bad/` (a spec
/// with diagnostics); `-o` paths are relative to it.
fn commands() -> Vec<Vec<&'static str>> {
    let mut out: Vec<Vec<&str>> = vec![
        vec!["check", "spec", "--format", "human"],
        vec!["check", "spec", "bad", "--format", "human"],
    ];
    for format in ["concise", "json", "sarif", "github"] {
        out.push(vec!["check", "bad", "--format", format]);
    }
    let as_of = ["spec/eo-14409", "--as-of", "2026-11-26", "--format"];
    for format in ["md", "html", "csv", "json"] {
        out.push([&["checklist"], &as_of[..], &[format]].concat());
    }
    for format in ["md", "html", "ics", "json", "mermaid"] {
        out.push([&["timeline"], &as_of[..], &[format]].concat());
    }
    for format in ["md", "html", "json"] {
        out.push(vec!["diff", "spec/eo-14409", "--format", format]);
    }
    out.push(
        [
            &["checklist"],
            &as_of[..],
            &["json", "-o", "out/checklist.json"],
        ]
        .concat(),
    );
    out.push(vec![
        "build",
        "spec",
        "--as-of",
        "2026-11-26",
        "-o",
        "out/site",
    ]);
    out.push(vec!["schema", "--write", "out/schemas"]);
    out
}

/// Copies a folder tree, creating entries in sorted order or in reverse, so that the two
/// copies' folders list their entries in different orders.
fn copy_ordered(from: &Path, to: &Path, reverse: bool) {
    fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = fs::read_dir(from).unwrap().map(|e| e.unwrap()).collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    if reverse {
        entries.reverse();
    }
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_ordered(&entry.path(), &target, reverse);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A working folder with `spec/` and `bad/`, copied in the given order.
fn workdir(reverse: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_ordered(&repo().join("spec"), &dir.path().join("spec"), reverse);
    copy_ordered(
        &repo().join("tests/fixtures/invalid/unknown-actor__typo"),
        &dir.path().join("bad"),
        reverse,
    );
    dir
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let bytes = fs::read(entry.path()).unwrap();
                out.insert(entry.path().strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// Runs a command in `cwd` with `threads` threads: exit code, stdout and every file written.
fn outputs(cwd: &Path, args: &[&str], threads: &str) -> (i32, Vec<u8>, BTreeMap<PathBuf, Vec<u8>>) {
    let _ = fs::remove_dir_all(cwd.join("out"));
    fs::create_dir(cwd.join("out")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_orderly"))
        .args(args)
        .current_dir(cwd)
        .env("RAYON_NUM_THREADS", threads)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let written = tree(&cwd.join("out"));
    (output.status.code().unwrap_or(-1), output.stdout, written)
}

#[test]
fn every_output_is_the_same_across_thread_counts_and_listing_orders() {
    let sorted = workdir(false);
    let reversed = workdir(true);
    for args in commands() {
        let first = outputs(sorted.path(), &args, "1");
        assert!(
            !first.1.is_empty() || !first.2.is_empty(),
            "{args:?} wrote nothing"
        );
        for (cwd, threads) in [
            (sorted.path(), "1"),
            (reversed.path(), "4"),
            (reversed.path(), "2"),
        ] {
            let again = outputs(cwd, &args, threads);
            assert!(again == first, "{args:?} differs with {threads} threads");
        }
    }
}

#[test]
fn no_command_changes_the_spec_folder() {
    let dir = workdir(false);
    let before = (
        tree(&dir.path().join("spec")),
        tree(&dir.path().join("bad")),
    );
    for args in commands() {
        outputs(dir.path(), &args, "2");
        let after = (
            tree(&dir.path().join("spec")),
            tree(&dir.path().join("bad")),
        );
        assert!(after == before, "{args:?} changed a spec folder");
        // No stray file beside the spec folders either: outputs go to `out/` only.
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["bad", "out", "spec"], "{args:?}");
    }
}

/// A build killed midway, while it writes a large site, leaves the previous site whole.
#[test]
fn a_killed_build_leaves_the_previous_site_whole() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    let status = Command::new("python3")
        .arg(repo().join("benches/gen_corpus.py"))
        .arg(&spec)
        .args([
            "--provisions",
            "3000",
            "--files",
            "30",
            "--files-per-instrument",
            "30",
        ])
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success());
    let build = |as_of: &str| {
        Command::new(env!("CARGO_BIN_EXE_orderly"))
            .args(["build", "spec", "--as-of", as_of, "-o", "site"])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    assert!(build("2026-11-26").wait().unwrap().success());
    let previous = tree(&dir.path().join("site"));
    assert!(previous.len() > 3000, "{} pages", previous.len());

    // Kill the next build as soon as it starts writing its staging folder.
    let mut child = build("2027-06-01");
    let started = Instant::now();
    let staging = || {
        fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".site.building.")
        })
    };
    while !staging() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it was killed"
        );
        assert!(
            started.elapsed() < Duration::from_mins(2),
            "no staging folder appeared"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        tree(&dir.path().join("site")) == previous,
        "the previous site changed"
    );
}
