//! `orderly diff INSTRUMENT --since REV`: the instrument in the working tree against itself at
//! a git revision, version by version.
//!
//! The spec folder at the revision is written into a temporary folder (`git::OldFolder`) and
//! loaded like any other; its files are then named `REV:path`, so its diagnostics never show
//! the temporary path. By default every version whose folder's files differ is compared, and a
//! version whose folder is the same but whose instrument or actors file differs is compared
//! too and shown when the diff finds a change. A version only in the working tree is "new",
//! one only at the revision "removed". When the spec at the revision does not check, its errors
//! go to standard error, its versions are reported as not compared, and the command exits 1
//! (the contract's "the spec has errors").
//!
//! Markdown holds every version, each diff within its share of the pull-request comment
//! budget; HTML and JSON show one version, so they need exactly one to compare.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::output::{Colors, emit, emit_json_with_list, output_file, print_errors};
use super::{DiffArgs, DiffFormat, Leftovers, load_instrument, template};
use crate::Error;
use crate::compile::diff::{Diff, diff_labelled, with_rows};
use crate::git::{OldFolder, is_yaml};
use crate::load::Limits;
use crate::model::{Instrument, Version};
use crate::pipeline::{self, Workspace};
use crate::render::markdown::{DIFF_BUDGET, diff_within, escape, width};

/// What `--since` found for one version.
enum Outcome<'a> {
    /// Compared: the diff, and the old and new versions.
    Compared(Box<Diff>, &'a Version, &'a Version),
    /// Only in the working tree, with its number of provisions.
    New(usize),
    /// Only at the revision.
    Removed,
    /// The spec at the revision has errors.
    NotCompared,
}

/// Runs `orderly diff INSTRUMENT --since REV`.
pub(super) fn diff_since(
    args: &DiffArgs,
    since: &str,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    let output = output_file(args.output.as_deref());
    let [path] = args.instruments.as_slice() else {
        return Err(Error::SinceTwoFolders);
    };
    let (new_ws, index) = load_instrument(path, output, colors, leftovers)?;
    let root = new_ws.spec.root.clone();
    let old = OldFolder::at(&root, since, Limits::default().max_file_bytes)?;
    let mut old_ws = pipeline::load(&old.path(), &Limits::default());
    old_ws.files.rename(|path| old.shown(path));
    // A spec folder that did not exist at the revision has nothing to report: all is new.
    let old_errors = if old.existed() {
        report_old_errors(&old_ws, &old.revision.shown, colors.stderr)
    } else {
        0
    };
    let instrument = &new_ws.spec.instruments[index];
    let old_instrument = old_ws
        .spec
        .instruments
        .iter()
        .find(|i| i.id == instrument.id && old.existed());
    let revision = old.revision.shown.clone();

    // The versions to report, in the working tree's order, then those only at the revision.
    let mut names: Vec<&str> = instrument.versions.iter().map(|v| v.id.as_str()).collect();
    if let Some(old_instrument) = old_instrument {
        for v in &old_instrument.versions {
            if !names.contains(&v.id.as_str()) {
                names.push(&v.id);
            }
        }
    }
    if let Some(wanted) = &args.version {
        if !names.contains(&wanted.as_str()) {
            instrument.select_version(Some(wanted))?;
        }
        names.retain(|n| n == wanted);
    }
    let shared_differ = old_instrument.is_none_or(|o| {
        differ_file(
            &o.dir.join("instrument.yaml"),
            &instrument.dir.join("instrument.yaml"),
        ) || differ_file(
            &old.path().join("actors.yaml"),
            &new_ws.spec.root.join("actors.yaml"),
        )
    });
    let labels = |id: &str| {
        (
            format!("{id} at {revision}"),
            format!("{id} (working tree)"),
        )
    };
    let mut outcomes: Vec<(String, Outcome)> = Vec::new();
    for name in names {
        let new_version = find(Some(instrument), name);
        let old_version = find(old_instrument, name);
        let outcome = match (old_version, new_version) {
            (None, Some(new_version)) if old_instrument.is_some() || old_errors == 0 => {
                Outcome::New(new_version.provisions().count())
            }
            (_, None) => Outcome::Removed,
            (old_version, Some(new_version)) => {
                let folder_differs =
                    old_version.is_none_or(|o| differ_dir(&o.dir, &new_version.dir));
                if !folder_differs && !shared_differ && args.version.is_none() {
                    continue;
                }
                let Some(old_version) = old_version.filter(|_| old_errors == 0) else {
                    outcomes.push((name.to_owned(), Outcome::NotCompared));
                    continue;
                };
                let diff = diff_labelled(
                    &new_ws.spec.actors,
                    (old_instrument.unwrap_or(instrument), old_version),
                    (instrument, new_version),
                    Some(labels(name)),
                );
                let empty = diff.changes.is_empty() && diff.terms.is_empty();
                if empty && !folder_differs && args.version.is_none() {
                    continue;
                }
                Outcome::Compared(Box::new(diff), old_version, new_version)
            }
        };
        outcomes.push((name.to_owned(), outcome));
    }

    let written = match args.format {
        DiffFormat::Md => markdown(instrument, &revision, &outcomes)
            .and_then(|text| emit(output, text.as_bytes())),
        format @ (DiffFormat::Html | DiffFormat::Json) => {
            let format_name = if format == DiffFormat::Html {
                "html"
            } else {
                "json"
            };
            let [(name, outcome)] = outcomes.as_mut_slice() else {
                return Err(Error::SinceOneVersion {
                    format: format_name,
                    instrument: instrument.id.clone(),
                    revision,
                    versions: outcomes.iter().map(|(n, _)| format!("`{n}`")).collect(),
                });
            };
            match outcome {
                Outcome::Compared(diff, old_version, new_version) if format == DiffFormat::Html => {
                    template("diff.html", &with_rows(diff, old_version, new_version))
                        .and_then(|text| emit(output, text.as_bytes()))
                }
                Outcome::Compared(diff, ..) => {
                    let changes = std::mem::take(&mut diff.changes);
                    let written = emit_json_with_list(output, &**diff, "changes", &changes);
                    diff.changes = changes;
                    written
                }
                Outcome::NotCompared => return Err(Error::SpecHasErrors(old_errors)),
                Outcome::New(_) | Outcome::Removed => {
                    return Err(Error::SinceNothingToCompare {
                        instrument: instrument.id.clone(),
                        version: name.clone(),
                        revision,
                        new: matches!(outcome, Outcome::New(_)),
                    });
                }
            }
        }
    };
    let failed = outcomes
        .iter()
        .any(|(_, o)| matches!(o, Outcome::NotCompared));
    drop(outcomes);
    leftovers.keep(old_ws);
    leftovers.keep(new_ws);
    written?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The version `id` of an instrument, if both exist.
fn find<'a>(instrument: Option<&'a Instrument>, id: &str) -> Option<&'a Version> {
    instrument.and_then(|i| i.versions.iter().find(|v| v.id == id))
}

/// Prints the errors of the spec at the revision to standard error, with a closing line, and
/// returns how many there are.
fn report_old_errors(workspace: &Workspace, revision: &str, color: bool) -> usize {
    print_errors(workspace, color, |errors| {
        format!("the spec at `{revision}` has {errors}; its versions are not compared")
    })
}

/// The Markdown report: each version's diff or what stands in for it, the diffs sharing what
/// is left of the comment budget after the notices.
fn markdown(
    instrument: &Instrument,
    revision: &str,
    outcomes: &[(String, Outcome)],
) -> Result<String, Error> {
    let title = escape(
        instrument
            .info
            .as_ref()
            .and_then(|i| i.short_title.as_deref())
            .unwrap_or(&instrument.id),
    );
    let rev = crate::render::markdown::ticks(&format!("`{revision}`"));
    let notice = |name: &str, outcome: &Outcome| -> Option<String> {
        let version = crate::render::markdown::ticks(&format!("`{name}`"));
        Some(match outcome {
            Outcome::Compared(..) => return None,
            Outcome::New(count) => format!(
                "# {title}: {version} is new since {rev}\n\nThe version is not at {rev}: {} \
                 new.\n",
                match count {
                    1 => "its one provision is".to_owned(),
                    n => format!("all {n} of its provisions are"),
                }
            ),
            Outcome::Removed => format!(
                "# {title}: {version} is removed since {rev}\n\nThe version is at {rev} but \
                 not in the working tree.\n"
            ),
            Outcome::NotCompared => format!(
                "# {title}: {version} is not compared with {rev}\n\nThe spec at {rev} does \
                 not check (`orderly diff` printed its errors), so there is nothing to \
                 compare this version with.\n"
            ),
        })
    };
    if outcomes.is_empty() {
        return Ok(format!(
            "# {title}: no changes since {rev}\n\nNo version's files differ from {rev}.\n"
        ));
    }
    let notices: BTreeMap<usize, String> = outcomes
        .iter()
        .enumerate()
        .filter_map(|(i, (name, outcome))| notice(name, outcome).map(|n| (i, n)))
        .collect();
    let diffs = outcomes.len() - notices.len();
    let separator = "\n---\n\n";
    let used: usize = notices.values().map(|n| width(n)).sum::<usize>()
        + width(separator) * outcomes.len().saturating_sub(1);
    let share = DIFF_BUDGET.saturating_sub(used) / diffs.max(1);
    let mut parts = Vec::new();
    for (i, (_, outcome)) in outcomes.iter().enumerate() {
        match (outcome, notices.get(&i)) {
            (Outcome::Compared(diff, ..), _) => {
                parts.push(
                    diff_within(&**diff, share).map_err(|source| Error::Template {
                        name: "diff.md".to_owned(),
                        source,
                    })?,
                );
            }
            (_, Some(notice)) => parts.push(notice.clone()),
            (_, None) => {}
        }
    }
    Ok(parts.join(separator))
}

/// Whether two files differ (a file missing on one side differs from one present).
fn differ_file(old: &Path, new: &Path) -> bool {
    std::fs::read(old).ok() != std::fs::read(new).ok()
}

/// Whether two folders differ: the same relative paths of YAML files, with the same bytes.
fn differ_dir(old: &Path, new: &Path) -> bool {
    files_under(old) != files_under(new)
}

/// The YAML files under a folder, by path relative to it, with their bytes.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if is_yaml(&path)
                && let (Ok(relative), Ok(bytes)) = (path.strip_prefix(dir), std::fs::read(&path))
            {
                out.insert(relative.to_path_buf(), bytes);
            }
        }
    }
    out
}
