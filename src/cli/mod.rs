//! The command line: clap definitions (`args`), one file per subcommand, and [`run`], which
//! decides colour once and dispatches.
//!
//! Output is assembled in memory and written once; `-o` writes are atomic. Exit codes: 0 clean,
//! 1 the spec has errors (or warnings with `--deny-warnings`), 2 orderly could not run.

use std::any::Any;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::Error;
use crate::discover::root::{lexical_absolute, normalize, spec_root};
use crate::load::Limits;
use crate::output::refuse_inputs;
use crate::pipeline;
use output::{Colors, report_error, report_errors};

mod args;
mod baseline;
mod build;
mod check;
mod diff;
mod explain;
mod man;
mod output;
mod report;
mod schema;
mod since;

pub use args::Cli;
use args::{
    BuildArgs, CheckArgs, ChecklistArgs, ChecklistFormat, ColorChoice, Command, CompletionsArgs,
    DiffArgs, DiffFormat, ExplainArgs, IncludeKind, ManArgs, ReportArgs, SchemaArgs, TimelineArgs,
    TimelineFormat,
};

/// What a command loaded and no longer needs, handed over instead of dropped.
///
/// Dropping a spec of 100,000 provisions piece by piece takes a noticeable part of a run. A
/// caller that exits next (the `orderly` binary) can let go of the leftovers without freeing
/// them, and the process returns the memory at once; [`run`] drops them as usual.
#[derive(Default)]
pub struct Leftovers(Vec<Box<dyn Any>>);

impl Leftovers {
    /// Keeps `value` until the leftovers are dropped (or let go of).
    fn keep<T: 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }
}

impl std::fmt::Debug for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Leftovers({})", self.0.len())
    }
}

/// Runs a parsed command line, reporting a tool failure on standard error, and drops what the
/// command loaded before returning.
pub fn run(cli: Cli) -> ExitCode {
    run_leaving(cli, &mut Leftovers::default())
}

/// Runs a parsed command line as [`run`] does, but hands what the command loaded to
/// `leftovers` instead of dropping it.
///
/// Colour is decided here, once, for standard output and standard error, and passed down.
pub fn run_leaving(cli: Cli, leftovers: &mut Leftovers) -> ExitCode {
    let colors = Colors::new(cli.color);
    match dispatch(cli.command, colors, leftovers) {
        Ok(code) => code,
        // Its diagnostics and a closing line are printed already.
        Err(Error::SpecHasErrors(_)) => ExitCode::from(1),
        Err(error) => {
            report_error(&error, colors.stderr);
            ExitCode::from(2)
        }
    }
}

/// Runs a command.
fn dispatch(
    command: Command,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<ExitCode, Error> {
    match command {
        Command::Check(args) => check::check(&args, colors, leftovers),
        Command::Schema(args) => schema::schema(&args),
        Command::Checklist(args) => report::checklist(&args, colors, leftovers),
        Command::Timeline(args) => report::timeline(&args, colors, leftovers),
        Command::Diff(args) => diff::diff(&args, colors, leftovers),
        Command::Build(args) => build::build(&args, colors, leftovers),
        Command::Completions(args) => man::completions(&args),
        Command::Man(args) => man::man(&args),
        Command::Explain(args) => explain::explain(&args),
    }
}

/// Today's date in UTC, for `--as-of` when it is not given.
fn today() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}

/// Loads the spec folder of an instrument: the workspace and the index of the instrument at
/// `path`, or [`Error::SpecHasErrors`] once the spec's errors are printed to standard error.
fn load_instrument(
    path: &Path,
    output: Option<&Path>,
    colors: Colors,
    leftovers: &mut Leftovers,
) -> Result<(pipeline::Workspace, usize), Error> {
    let path = if path.exists() {
        normalize(path)
    } else if Path::new("spec").join(path).is_dir() {
        Path::new("spec").join(path)
    } else {
        return Err(Error::PathNotFound(path.to_path_buf()));
    };
    if !path.join("instrument.yaml").is_file() {
        return Err(Error::NotAnInstrument(path));
    }
    let root = spec_root(&path);
    if let Some(output) = output {
        refuse_inputs(output, &[&root, &path])?;
    }
    let workspace = pipeline::load(&root, &Limits::default());
    if let Err(error) = report_errors(&workspace, colors.stderr) {
        leftovers.keep(workspace);
        return Err(error);
    }
    let wanted = lexical_absolute(&path);
    let Some(index) = workspace
        .spec
        .instruments
        .iter()
        .position(|i| lexical_absolute(&i.dir) == wanted)
    else {
        return Err(Error::NotAnInstrument(path));
    };
    Ok((workspace, index))
}

fn template(name: &str, view: &impl serde::Serialize) -> Result<String, Error> {
    crate::render::render(name, view).map_err(|source| Error::Template {
        name: name.to_owned(),
        source,
    })
}
