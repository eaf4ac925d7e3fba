//! `orderly check`: load each spec folder the paths given belong to, and report the
//! diagnostics of the paths given, with the errors elsewhere in those folders counted in a note.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::baseline::Baseline;
use super::output::{Colors, print};
use super::{CheckArgs, Leftovers};
use crate::Error;
use crate::diagnostic::render::{Format, LeftOut, Report, render};
use crate::diagnostic::{Counts, Severity};
use crate::discover::root::{default_spec_root, lexical_absolute, normalize, spec_root};
use crate::load::Limits;
use crate::pipeline;
use crate::source::Files;

/// Runs `orderly check`.
pub(super) fn check(
    args: &CheckArgs,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    let limits = Limits::default();
    let paths = if args.paths.is_empty() {
        vec![default_spec_root().ok_or(Error::NoSpecFolder)?]
    } else {
        args.paths.clone()
    };
    // Group the requested paths by the spec folder they belong to.
    let mut roots: BTreeMap<PathBuf, Vec<(PathBuf, PathBuf)>> = BTreeMap::new();
    for given in &paths {
        if std::fs::symlink_metadata(given).is_err() {
            return Err(Error::PathNotFound(given.clone()));
        }
        let path = normalize(given);
        roots
            .entry(spec_root(&path))
            .or_default()
            .push((given.clone(), path));
    }
    let mut files = Files::default();
    let mut diagnostics = Vec::new();
    let mut checked = 0;
    // Errors in files outside the paths given, per spec folder: a change to one file can break
    // another (a provision removed that another file refers to), and the spec only builds when
    // it has no error anywhere, so these are reported too.
    let mut elsewhere: Vec<(PathBuf, usize)> = Vec::new();
    // With `--since REV --new-only`: how many diagnostics REV had already, left out.
    let mut left_out = 0;
    let mut revision: Option<String> = None;
    for (root, wanted) in &roots {
        let absolute: Vec<PathBuf> = wanted.iter().map(|(_, w)| lexical_absolute(w)).collect();
        let root_absolute = lexical_absolute(root);
        let mut loaded = pipeline::load_into(&mut files, root, &limits);
        let mut older = Vec::new();
        if let Some(since) = &args.since {
            let mut baseline = Baseline::at(root, since, &limits)?;
            older = baseline.leave_out(&files, root, &mut loaded.diagnostics, &limits);
            revision = Some(baseline.revision);
        }
        // Each path must select something: a spec file, or an entry reported as a problem.
        for ((given, _), want) in wanted.iter().zip(&absolute) {
            let under = |path: &Path| lexical_absolute(path).starts_with(want);
            let selected = loaded.entries.iter().any(|&f| under(files.path(f)))
                || loaded.diagnostics.iter().any(|d| {
                    let path = files.path(d.file);
                    under(path)
                        && (std::fs::symlink_metadata(path).is_ok()
                            || lexical_absolute(path) == root_absolute)
                });
            if !selected {
                return Err(Error::NoSpecFiles(given.clone()));
            }
        }
        let under = |path: &Path| {
            let path = lexical_absolute(path);
            absolute.iter().any(|w| path.starts_with(w))
        };
        checked += loaded
            .entries
            .iter()
            .filter(|&&f| under(files.path(f)))
            .count();
        // Older diagnostics left out that the report would have shown.
        left_out += older
            .iter()
            .filter(|d| under(files.path(d.file)) || d.severity == Severity::Error)
            .count();
        let mut others = 0;
        diagnostics.extend(loaded.diagnostics.into_iter().filter(|d| {
            if under(files.path(d.file)) {
                return true;
            }
            let error = d.severity == Severity::Error;
            others += usize::from(error);
            error
        }));
        if others > 0 {
            elsewhere.push((root.clone(), others));
        }
        leftovers.keep(loaded.spec);
    }
    pipeline::sort(&files, &mut diagnostics);
    let format = Format::from(args.format);
    let report = Report {
        files: &files,
        diagnostics: &diagnostics,
        checked,
        color: format == Format::Human && colors.stdout,
        left_out: revision.as_deref().map(|revision| LeftOut {
            count: left_out,
            revision,
        }),
    };
    let mut text = render(format, &report);
    let mut note = String::new();
    for (root, others) in &elsewhere {
        let shown = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root.as_path()
        };
        let _ = writeln!(
            note,
            "note: {} in other files of the spec folder `{}`, outside the paths given; the \
             spec builds only when it has no error anywhere",
            match others {
                1 => "1 of these errors is".to_owned(),
                n => format!("{n} of these errors are"),
            },
            shown.display()
        );
    }
    if let Some(revision) = &revision
        && matches!(format, Format::Sarif | Format::Github)
    {
        // These formats have no summary line to say it in.
        let _ = writeln!(
            note,
            "note: {} already at `{}` left out (`--new-only`)",
            match left_out {
                1 => "1 older diagnostic".to_owned(),
                n => format!("{n} older diagnostics"),
            },
            crate::text::unicode::visible(revision)
        );
    }
    if matches!(format, Format::Human | Format::Concise) {
        text.push_str(&note);
    } else if !note.is_empty() {
        let _ = std::io::stderr().write_all(note.as_bytes());
    }
    print(&text)?;
    leftovers.keep(files);
    let counts = Counts::of(&diagnostics);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
