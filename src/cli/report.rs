//! `orderly checklist` and `orderly timeline`, which share their arguments ([`ReportArgs`]):
//! a version's checklist as of a date, filtered to actors, and the timeline built from it.

use std::process::ExitCode;

use super::output::{Colors, emit, emit_json_with_list, output_file};
use super::{
    ChecklistArgs, ChecklistFormat, IncludeKind, Leftovers, ReportArgs, TimelineArgs,
    TimelineFormat, load_instrument, template, today,
};
use crate::Error;
use crate::compile::checklist::{self, Checklist};

/// A checklist built from a loaded spec, or [`Error::SpecHasErrors`].
fn build_checklist(
    args: &ReportArgs,
    include: checklist::Include,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<Checklist, Error> {
    let output = output_file(args.output.as_deref());
    let (workspace, index) = load_instrument(&args.instrument, output, colors, leftovers)?;
    let instrument = &workspace.spec.instruments[index];
    let version = instrument.select_version(args.version.as_deref())?;
    let as_of = args.as_of.unwrap_or_else(today);
    let checklist = checklist::build_with(
        &workspace.spec,
        instrument,
        version,
        &args.actors,
        as_of,
        include,
    );
    leftovers.keep(workspace);
    Ok(checklist?)
}

/// Runs `orderly checklist`.
pub(super) fn checklist(
    args: &ChecklistArgs,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    let include = IncludeKind::include(&args.include, !args.report.actors.is_empty());
    let mut checklist = build_checklist(&args.report, include, colors, leftovers)?;
    let output = output_file(args.report.output.as_deref());
    let written = match args.format {
        ChecklistFormat::Md => {
            template("checklist.md", &checklist).and_then(|text| emit(output, text.as_bytes()))
        }
        ChecklistFormat::Html => {
            template("checklist.html", &checklist).and_then(|text| emit(output, text.as_bytes()))
        }
        ChecklistFormat::Csv => crate::render::csv::checklist(&checklist)
            .map_err(Error::from)
            .and_then(|bytes| emit(output, &bytes)),
        ChecklistFormat::Json => {
            let items = std::mem::take(&mut checklist.items);
            let written = emit_json_with_list(output, &checklist, "items", &items);
            checklist.items = items;
            written
        }
    };
    leftovers.keep(checklist);
    written?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `orderly timeline`.
pub(super) fn timeline(
    args: &TimelineArgs,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    if args.alarm.is_some() && args.format != TimelineFormat::Ics {
        return Err(Error::AlarmWithoutCalendar);
    }
    let checklist = build_checklist(
        &args.report,
        checklist::Include::OBLIGATIONS,
        colors,
        leftovers,
    )?;
    let timeline = crate::compile::timeline::build(&checklist);
    let text = match args.format {
        TimelineFormat::Md => template("timeline.md", &timeline)?,
        TimelineFormat::Html => template("timeline.html", &timeline)?,
        TimelineFormat::Ics => crate::render::ics::checklist_calendar(
            &checklist,
            &crate::render::ics::Extras {
                alarm: args.alarm,
                ..crate::render::ics::Extras::default()
            },
        )?,
        TimelineFormat::Json => crate::render::json::pretty(&timeline),
        TimelineFormat::Mermaid => template("timeline.mmd", &timeline)?,
    };
    emit(output_file(args.report.output.as_deref()), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
