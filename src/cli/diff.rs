//! `orderly diff`: compare two versions of an instrument, in one folder or in two copies of it.

use std::process::ExitCode;

use super::output::{Colors, emit, emit_json_with_list, output_file};
use super::{DiffArgs, DiffFormat, Leftovers, load_instrument, template};
use crate::Error;

/// Runs `orderly diff`.
pub(super) fn diff(
    args: &DiffArgs,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    if let Some(since) = &args.since {
        return super::since::diff_since(args, since, colors, leftovers);
    }
    let output = output_file(args.output.as_deref());
    let (old, new) = match args.instruments.as_slice() {
        [one] => (one, one),
        [old, new] => (old, new),
        _ => return Err(Error::DiffArguments),
    };
    let (old_ws, old_index) = load_instrument(old, output, colors, leftovers)?;
    let new_loaded = if old == new {
        None
    } else {
        Some(load_instrument(new, output, colors, leftovers)?)
    };
    let (new_ws, new_index) = match &new_loaded {
        None => (&old_ws, old_index),
        Some((ws, index)) => (ws, *index),
    };
    let old_instrument = &old_ws.spec.instruments[old_index];
    let new_instrument = &new_ws.spec.instruments[new_index];
    let (from, to) = if old == new {
        match (&args.from, &args.to) {
            (Some(from), Some(to)) => (
                old_instrument.select_version(Some(from))?,
                new_instrument.select_version(Some(to))?,
            ),
            _ if old_instrument.versions.len() == 2 && args.from.is_none() && args.to.is_none() => {
                (&old_instrument.versions[0], &old_instrument.versions[1])
            }
            _ => return Err(Error::DiffVersions(old_instrument.id.clone())),
        }
    } else {
        (
            old_instrument.select_version(args.from.as_deref())?,
            new_instrument.select_version(args.to.as_deref())?,
        )
    };
    let mut diff = crate::compile::diff::diff(
        &new_ws.spec.actors,
        (old_instrument, from),
        (new_instrument, to),
    );
    let written = match args.format {
        DiffFormat::Md => template("diff.md", &diff).and_then(|text| emit(output, text.as_bytes())),
        DiffFormat::Html => template(
            "diff.html",
            &crate::compile::diff::with_rows(&diff, from, to),
        )
        .and_then(|text| emit(output, text.as_bytes())),
        DiffFormat::Json => {
            let changes = std::mem::take(&mut diff.changes);
            let written = emit_json_with_list(output, &diff, "changes", &changes);
            diff.changes = changes;
            written
        }
    };
    leftovers.keep(diff);
    leftovers.keep(old_ws);
    leftovers.keep(new_loaded);
    written?;
    Ok(ExitCode::SUCCESS)
}
