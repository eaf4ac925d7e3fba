//! The pipeline that `orderly check` runs and every compiler starts from:
//! discover → load → validate → model → check → resolve positions.
//!
//! Files are loaded, validated and converted in parallel, one file per task, so memory holds
//! each file's text and typed data but never every file's `Value` at once. Diagnostics come out
//! sorted by file, line and column, whatever the thread count or directory order.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::discover::{Entry, FileKind, discover};
use crate::load::doc::DocNode;
use crate::load::{Limits, decode, parse_doc, parse_doc_reporting_duplicates, read_limited};
use crate::model::{
    Actor, ConversionError, Instrument, InstrumentInfo, Registry, Section, Spec, Term, Version,
    natural_cmp,
};
use crate::position;
use crate::source::{FileId, Files};
use crate::text::bytes;
use crate::validate::validate;

/// A loaded spec folder: its files, its typed model and every diagnostic found.
#[derive(Debug)]
pub struct Workspace {
    /// Every file read (and every path a diagnostic names).
    pub files: Files,
    /// The typed model, with whatever converted.
    pub spec: Spec,
    /// Diagnostics, sorted, with positions resolved.
    pub diagnostics: Vec<Diagnostic>,
    /// How many spec files (YAML files in their places) were checked.
    pub checked: usize,
}

/// What [`load_into`] found in one spec folder.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// The typed model.
    pub spec: Spec,
    /// Diagnostics, sorted, with positions resolved.
    pub diagnostics: Vec<Diagnostic>,
    /// The spec files read (YAML files in their places), in path order.
    pub entries: Vec<FileId>,
}

/// What one file turned into.
enum Content {
    Nothing,
    Actors(Registry<Actor>),
    Instrument(Option<Box<InstrumentInfo>>),
    Section(Section),
    Terms(Registry<Term>),
}

struct FileResult {
    text: Option<Box<str>>,
    diagnostics: Vec<Diagnostic>,
    content: Content,
}

/// Runs the pipeline on the spec folder `root`.
pub fn load(root: &Path, limits: &Limits) -> Workspace {
    let mut files = Files::default();
    let loaded = load_into(&mut files, root, limits);
    Workspace {
        files,
        spec: loaded.spec,
        diagnostics: loaded.diagnostics,
        checked: loaded.entries.len(),
    }
}

/// Runs the pipeline on the spec folder `root`, registering its files in `files`.
pub(crate) fn load_into(files: &mut Files, root: &Path, limits: &Limits) -> Loaded {
    let layout = discover(root, limits.max_files);
    let total: u64 = layout
        .entries
        .iter()
        // A file over its own limit is reported on its own and counts only up to it.
        .map(|e| std::fs::metadata(&e.path).map_or(0, |m| m.len().min(limits.max_file_bytes)))
        .sum();
    if total > limits.max_total_bytes {
        let file = files.add(dir_or_dot(root).to_path_buf());
        return Loaded {
            spec: Spec {
                root: root.to_path_buf(),
                actors: Registry::default(),
                instruments: Vec::new(),
            },
            diagnostics: vec![
                Diagnostic::new(
                    Code::LimitExceeded,
                    file,
                    At::File,
                    format!(
                        "the spec folder's YAML files total {}, over the limit of {}; \
                         no file was read",
                        bytes(total),
                        bytes(limits.max_total_bytes)
                    ),
                )
                .with_help("split the spec into several spec folders"),
            ],
            entries: Vec::new(),
        };
    }

    // Register files in path order, so that file ids, and with them the order of diagnostics,
    // do not depend on the order the folders were read in.
    let mut paths: Vec<&Path> = layout.entries.iter().map(|e| e.path.as_path()).collect();
    paths.extend(layout.problems.iter().map(|p| p.path.as_path()));
    paths.sort();
    paths.dedup();
    let ids: BTreeMap<PathBuf, FileId> = paths
        .into_iter()
        .map(|p| (p.to_path_buf(), files.add(p.to_path_buf())))
        .collect();
    let id_of = |path: &Path| ids[path];

    let mut diagnostics: Vec<Diagnostic> = layout
        .problems
        .iter()
        .map(|p| Diagnostic::new(p.code, id_of(&p.path), At::File, p.message.clone()))
        .collect();

    // Discovery refused links that leave the spec folder; a link put in a file's place since
    // is refused again here.
    let canonical_root = fs::canonicalize(dir_or_dot(root)).unwrap_or_default();
    let results: Vec<FileResult> = layout
        .entries
        .par_iter()
        .map(|entry| load_file(entry, id_of(&entry.path), limits, &canonical_root))
        .collect();

    let mut actors = Registry::default();
    let mut infos: BTreeMap<&str, (FileId, Option<InstrumentInfo>)> = BTreeMap::new();
    let mut sections: BTreeMap<(&str, &str), Vec<Section>> = BTreeMap::new();
    let mut terms: BTreeMap<(&str, &str), Registry<Term>> = BTreeMap::new();
    for (entry, loaded) in layout.entries.iter().zip(results) {
        let file = id_of(&entry.path);
        if let Some(text) = loaded.text {
            files.set_text(file, text);
        }
        diagnostics.extend(loaded.diagnostics);
        let instrument = entry.instrument.as_deref().unwrap_or_default();
        let version = entry.version.as_deref().unwrap_or_default();
        match loaded.content {
            Content::Actors(registry) => actors = registry,
            Content::Instrument(info) => {
                infos.insert(instrument, (file, info.map(|info| *info)));
            }
            Content::Section(section) => sections
                .entry((instrument, version))
                .or_default()
                .push(section),
            Content::Terms(registry) => {
                terms.insert((instrument, version), registry);
            }
            Content::Nothing => match entry.kind {
                FileKind::Actors => actors.file = Some(file),
                FileKind::Instrument => {
                    infos.insert(instrument, (file, None));
                }
                FileKind::Section => sections
                    .entry((instrument, version))
                    .or_default()
                    .push(Section::unreadable(file)),
                FileKind::Terms => {
                    terms.insert(
                        (instrument, version),
                        Registry {
                            file: Some(file),
                            ..Registry::default()
                        },
                    );
                }
            },
        }
    }

    let instruments = layout
        .instruments
        .iter()
        .map(|dir| {
            let (file, info) = infos
                .remove(dir.id.as_str())
                .unwrap_or_else(|| (id_of(&dir.dir.join("instrument.yaml")), None));
            let mut versions: Vec<Version> = dir
                .versions
                .iter()
                .map(|(id, path)| {
                    let key = (dir.id.as_str(), id.as_str());
                    let mut sections = sections.remove(&key).unwrap_or_default();
                    sections.sort_by(|a, b| {
                        match (a.sort_number(), b.sort_number()) {
                            (Some(x), Some(y)) => natural_cmp(x, y),
                            (Some(_), None) => std::cmp::Ordering::Less,
                            (None, Some(_)) => std::cmp::Ordering::Greater,
                            (None, None) => std::cmp::Ordering::Equal,
                        }
                        .then_with(|| files.path(a.file).cmp(files.path(b.file)))
                    });
                    let terms = terms.remove(&key).unwrap_or_else(|| Registry {
                        complete: true,
                        ..Registry::default()
                    });
                    Version {
                        id: id.clone(),
                        dir: path.clone(),
                        complete: sections.iter().all(|s| s.complete),
                        sections,
                        terms,
                    }
                })
                .collect();
            if let Some(info) = &info {
                let listed = |id: &str| info.versions.iter().position(|v| v.id == id);
                versions.sort_by_key(|v| (listed(&v.id).unwrap_or(usize::MAX), v.id.clone()));
            }
            Instrument {
                id: dir.id.clone(),
                dir: dir.dir.clone(),
                file,
                info,
                versions,
            }
        })
        .collect();

    let mut spec = Spec {
        root: root.to_path_buf(),
        actors,
        instruments,
    };
    diagnostics.extend(check::run(&spec));
    spec.inherit_status();
    position::resolve(files, &mut diagnostics, limits);
    sort(files, &mut diagnostics);
    let mut entries: Vec<FileId> = layout.entries.iter().map(|e| id_of(&e.path)).collect();
    entries.sort();
    Loaded {
        spec,
        diagnostics,
        entries,
    }
}

/// Sorts diagnostics by file, position, severity and code; ties keep the order found.
pub(crate) fn sort(files: &Files, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_cached_key(|d| {
        let start = d.span().map(|s| s.start);
        (files.path(d.file).to_path_buf(), start, d.severity, d.code)
    });
}

/// A folder path as the system takes it: the empty path (the working directory, as relative
/// paths are joined to it) is `.`.
fn dir_or_dot(path: &Path) -> &Path {
    if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    }
}

/// Reads, decodes, parses, validates and converts one file.
fn load_file(entry: &Entry, file: FileId, limits: &Limits, canonical_root: &Path) -> FileResult {
    let fail = |diagnostic: Diagnostic| FileResult {
        text: None,
        diagnostics: vec![diagnostic],
        content: Content::Nothing,
    };
    if fs::symlink_metadata(&entry.path).is_ok_and(|meta| meta.file_type().is_symlink())
        && !fs::canonicalize(&entry.path).is_ok_and(|target| target.starts_with(canonical_root))
    {
        return fail(Diagnostic::new(
            Code::LinkOutsideSpec,
            file,
            At::File,
            "symbolic link leads outside the spec folder; it is not followed",
        ));
    }
    let bytes = match read_limited(&entry.path, limits.max_file_bytes, file) {
        Ok(bytes) => bytes,
        Err(diagnostic) => return fail(*diagnostic),
    };
    let text: Box<str> = match decode(bytes) {
        Ok(text) => text.into_boxed_str(),
        Err(error) => return fail(load_error(file, error)),
    };
    let mut diagnostics = Vec::new();
    let parsed = match parse_doc(&text, limits) {
        // A repeated key: report it, and every other problem of the file.
        Err(error) if error.code == Code::DuplicateKey => {
            parse_doc_reporting_duplicates(&text, limits).map(|(doc, duplicates)| {
                diagnostics.extend(duplicates.into_iter().map(|e| load_error(file, e)));
                doc
            })
        }
        parsed => parsed,
    };
    let doc = match parsed {
        Ok(Some(doc)) => doc,
        Ok(None) => {
            return FileResult {
                text: Some(text),
                diagnostics: vec![
                    Diagnostic::new(
                        Code::EmptyFile,
                        file,
                        At::File,
                        "file holds no YAML document",
                    )
                    .with_help(format!(
                        "a {} file is a mapping; `orderly schema {}` prints its schema",
                        entry.kind.name(),
                        entry.kind.name()
                    )),
                ],
                content: Content::Nothing,
            };
        }
        Err(error) => {
            return FileResult {
                text: Some(text),
                diagnostics: vec![load_error(file, error)],
                content: Content::Nothing,
            };
        }
    };
    diagnostics.extend(validate(entry.kind, file, doc.root()));
    let (content, errors) = convert(entry.kind, file, doc.root());
    drop(doc);
    if diagnostics.is_empty() {
        // The schema accepted the value, so the model must too; if not, say so rather than
        // drop the value silently.
        diagnostics.extend(errors.into_iter().map(|(pointer, reason)| {
            Diagnostic::new(
                Code::Schema,
                file,
                At::value(pointer),
                "value could not be read",
            )
            .with_note(reason)
            .with_note(
                "the schema accepted this value but the model did not; this is a bug in orderly",
            )
        }));
    }
    FileResult {
        text: Some(text),
        diagnostics,
        content,
    }
}

fn convert(kind: FileKind, file: FileId, value: DocNode<'_>) -> (Content, Vec<ConversionError>) {
    match kind {
        FileKind::Actors => {
            let (registry, errors) = Registry::from_doc(file, value, "actors");
            (Content::Actors(registry), errors)
        }
        FileKind::Terms => {
            let (registry, errors) = Registry::from_doc(file, value, "terms");
            (Content::Terms(registry), errors)
        }
        FileKind::Section => {
            let (section, errors) = Section::from_doc(file, value);
            (Content::Section(section), errors)
        }
        FileKind::Instrument => match <InstrumentInfo as serde::Deserialize>::deserialize(value) {
            Ok(info) => (Content::Instrument(Some(Box::new(info))), Vec::new()),
            Err(error) => (
                Content::Instrument(None),
                vec![(String::new(), error.to_string())],
            ),
        },
    }
}

fn load_error(file: FileId, error: crate::load::LoadError) -> Diagnostic {
    let at = error.span.map_or(At::File, At::Span);
    let mut d = Diagnostic::new(error.code, file, at, error.message);
    if let Some(help) = error.help {
        d = d.with_help(help);
    }
    if let Some((pointer, label)) = error.related {
        d = d.with_related(file, At::key(pointer), label);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discovery refuses links out of the spec folder; a file swapped for one after discovery
    /// is refused when it is read, and never opened.
    #[test]
    fn a_file_swapped_for_a_link_outside_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("spec");
        fs::create_dir(&root).unwrap();
        fs::write(dir.path().join("secret.yaml"), "secret: 1\n").unwrap();
        let path = root.join("sec-1.yaml");
        std::os::unix::fs::symlink("../secret.yaml", &path).unwrap();
        let entry = Entry {
            path,
            kind: FileKind::Section,
            instrument: Some("i".to_owned()),
            version: Some("v".to_owned()),
        };
        let canonical_root = fs::canonicalize(&root).unwrap();
        let result = load_file(&entry, FileId(0), &Limits::default(), &canonical_root);
        assert!(result.text.is_none());
        let codes: Vec<Code> = result.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::LinkOutsideSpec]);
    }
}
