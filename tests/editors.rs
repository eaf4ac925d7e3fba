//! What editors see: the `# yaml-language-server: $schema=` line of every spec file points at
//! the schema of its kind.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::repo;

/// Every file under `dir`, depth first, in name order.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The schema a spec file of this name is validated against.
fn kind_schema(path: &Path) -> &'static str {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("actors.yaml") => "actors.schema.json",
        Some("instrument.yaml") => "instrument.schema.json",
        Some("terms.yaml") => "terms.schema.json",
        _ => "section.schema.json",
    }
}

/// Every `$schema=` modeline in `spec/` and `tests/fixtures/` resolves, relative to its file,
/// to the schema of that file's kind in `schemas/`.
#[test]
fn every_schema_modeline_resolves() {
    let root = repo();
    let schemas = root.join("schemas").canonicalize().unwrap();
    let mut seen = 0;
    let mut wrong = Vec::new();
    for base in ["spec", "tests/fixtures"] {
        for path in files(&root.join(base)) {
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            for line in text.lines() {
                let Some((_, target)) = line.split_once("yaml-language-server: $schema=") else {
                    continue;
                };
                seen += 1;
                let target = target.trim();
                let resolved = path.parent().unwrap().join(target).canonicalize();
                let want = schemas.join(kind_schema(&path));
                if resolved.as_deref().ok() != Some(want.as_path()) {
                    wrong.push(format!(
                        "{}: {target}",
                        path.strip_prefix(&root).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "modelines that miss their schema:\n{}",
        wrong.join("\n")
    );
    assert!(seen > 100, "{seen} modelines");
}
