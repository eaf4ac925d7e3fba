//! The command line: clap definitions and one `run` function per subcommand.
//!
//! Output is assembled in memory and written once; `-o` writes are atomic. Exit codes: 0 clean,
//! 1 the spec has errors (or warnings with `--deny-warnings`), 2 orderly could not run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::Error;
use crate::compile::checklist::{self, Checklist, select_version};
use crate::diagnostic::render::{Format, Report, render};
use crate::diagnostic::{Code, Counts};
use crate::load::Limits;
use crate::output::{Replace, refuse_inputs, write_atomic};
use crate::pipeline;
use crate::source::Files;
use crate::validate::{SCHEMAS, schema_by_name};

const ABOUT: &str = "Legal instruments as machine-readable obligations: check the YAML spec, \
                     and compile it into checklists, timelines and diff reports";

/// The `orderly` command line.
#[derive(Debug, Parser)]
#[command(name = "orderly", version, about = ABOUT)]
pub struct Cli {
    /// When to colour output: `auto` colours a terminal unless `NO_COLOR` is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Whether to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check spec folders against the schemas and the semantic rules, reporting every problem
    #[command(
        after_help = "Examples:\n  orderly check\n  orderly check spec/my-instrument --format concise\n  orderly check --format sarif > orderly.sarif\n  orderly check --format github --deny-warnings"
    )]
    Check(CheckArgs),
    /// Print the JSON Schema of a kind of spec file, or list the kinds
    #[command(
        after_help = "Examples:\n  orderly schema\n  orderly schema section\n  orderly schema --write schemas-out/"
    )]
    Schema(SchemaArgs),
    /// List what each actor owes under a version of an instrument, and where it stands
    #[command(
        after_help = "Examples:\n  orderly checklist spec/eo-14409 --version signed --actor cisa --as-of 2026-11-26\n  orderly checklist spec/eo-14409 --format csv -o checklist.csv\n  orderly checklist spec/eo-14409 --actor dhs --format html -o dhs.html"
    )]
    Checklist(ChecklistArgs),
    /// List a version's deadlines in date order, as a calendar or a chart
    #[command(
        after_help = "Examples:\n  orderly timeline spec/eo-14409 --as-of 2026-11-26\n  orderly timeline spec/eo-14409 --format ics -o eo-14409.ics\n  orderly timeline spec/eo-14409 --actor treasury --format mermaid"
    )]
    Timeline(TimelineArgs),
    /// Compare two versions of an instrument: what was added, removed and changed, which
    /// changes are material, and a word-level redline
    #[command(
        after_help = "Examples:\n  orderly diff spec/eo-14409 --from draft --to signed\n  orderly diff spec/eo-14409 --from draft --to signed --format html -o diff.html\n  orderly diff main/spec/eo-14409 pr/spec/eo-14409 --format md > comment.md"
    )]
    Diff(DiffArgs),
    /// Build the static site: every instrument's checklists, timelines, diffs and provisions
    #[command(
        after_help = "Examples:\n  orderly build\n  orderly build spec -o site --as-of 2026-11-26\n  (then open site/index.html in a browser; no server is needed)"
    )]
    Build(BuildArgs),
    /// Explain a diagnostic code, or list them all
    #[command(after_help = "Examples:\n  orderly explain\n  orderly explain unknown-actor")]
    Explain(ExplainArgs),
    /// Print shell completions
    #[command(
        after_help = "Examples:\n  orderly completions bash > ~/.local/share/bash-completion/completions/orderly\n  orderly completions zsh > ~/.zfunc/_orderly"
    )]
    Completions(CompletionsArgs),
    /// Print a manual page (roff): orderly(1), or a command's own page such as orderly-check(1)
    #[command(
        after_help = "Examples:\n  orderly man > orderly.1 && man ./orderly.1\n  orderly man check > orderly-check.1\n  orderly man --write man/   (every page, for a MANPATH folder)"
    )]
    Man(ManArgs),
}

/// Arguments of `orderly completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `orderly man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command whose page to print (default: the page of `orderly` itself)
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (orderly.1 and one per command) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub write: Option<PathBuf>,
}

/// Arguments of `orderly build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The spec folder (default: `spec`, or, from inside a spec folder, the one that holds
    /// the working directory)
    pub spec: Option<PathBuf>,
    /// The folder to write the site to; it is replaced as a whole once the build succeeds, if
    /// it is absent, empty or an earlier site (see `--force`) [default: `site`, beside the spec
    /// folder when it was found from inside it]
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if it holds files that no build wrote (they are lost)
    #[arg(long)]
    pub force: bool,
    /// The date statuses are computed for, as YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Arguments of `orderly diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// An instrument's folder (compare two of its versions), or two copies of it, old then new
    /// (such as a main branch and a pull request checked out side by side)
    #[arg(value_name = "INSTRUMENT", num_args = 1..=2, required = true)]
    pub instruments: Vec<PathBuf>,
    /// The old version (default with two folders: the old folder's latest primary version)
    #[arg(long, value_name = "V")]
    pub from: Option<String>,
    /// The new version (default with two folders: the new folder's latest primary version)
    #[arg(long, value_name = "V")]
    pub to: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Write to this file (atomically) instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `orderly diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown that fits a pull-request comment: summary first, details folded.
    Md,
    /// A standalone HTML page with a redline.
    Html,
    /// JSON (see `orderly schema diff`).
    Json,
}

/// What `checklist` and `timeline` share: which instrument, version, actors and date.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The instrument's folder, such as `spec/eo-14409`
    pub instrument: PathBuf,
    /// The version (default: the latest primary version, else the latest)
    #[arg(long)]
    pub version: Option<String>,
    /// Keep what this actor (or one of its components) leads, acts on or is consulted on;
    /// repeat for several
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// The date statuses are computed for, as YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Write to this file (atomically) instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `orderly checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[command(flatten)]
    #[expect(missing_docs, reason = "flattened")]
    pub report: ReportArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Md)]
    pub format: ChecklistFormat,
}

/// Output formats of `orderly checklist`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    /// Markdown: a table, then each item's details.
    Md,
    /// A standalone HTML page.
    Html,
    /// CSV for spreadsheets (UTF-8 with a byte-order mark).
    Csv,
    /// JSON (see `orderly schema checklist`).
    Json,
}

/// Arguments of `orderly timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    #[expect(missing_docs, reason = "flattened")]
    pub report: ReportArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = TimelineFormat::Md)]
    pub format: TimelineFormat,
}

/// Output formats of `orderly timeline`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// Markdown, grouped by date.
    Md,
    /// A standalone HTML page.
    Html,
    /// iCalendar (RFC 5545), one all-day event per deadline.
    Ics,
    /// JSON (see `orderly schema timeline`).
    Json,
    /// A Mermaid gantt chart, which GitHub renders.
    Mermaid,
}

/// A date given on the command line: exactly `YYYY-MM-DD` (four-digit year, two-digit month
/// and day, no sign or spaces), a day that exists.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::model::parse_ymd(text).ok_or_else(|| {
        let shown: String = text.escape_debug().collect();
        let why = if crate::model::ymd_shaped(text) {
            "there is no such day"
        } else {
            "a four-digit year, a two-digit month and a two-digit day, with no sign or spaces"
        };
        format!("`{shown}` is not a date written as YYYY-MM-DD ({why})")
    })
}

/// Arguments of `orderly check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Spec folders, instrument folders or files to check (the spec folder is found by walking
    /// up to the folder that holds `actors.yaml`; default: the spec folder the working folder
    /// is in, else `spec`)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Arguments of `orderly schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind of spec file (actors, instrument, section, terms) or JSON output (checklist,
    /// timeline, diff)
    #[arg(value_parser = ["actors", "instrument", "section", "terms", "checklist", "timeline", "diff"])]
    pub kind: Option<String>,
    /// Write every schema as a file into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub write: Option<PathBuf>,
}

/// Arguments of `orderly explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A diagnostic code, such as `unknown-actor`
    pub code: Option<String>,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Check(args) => check(&args, cli.color),
        Command::Schema(args) => schema(&args),
        Command::Checklist(args) => checklist(&args, cli.color),
        Command::Timeline(args) => timeline(&args, cli.color),
        Command::Diff(args) => diff(&args, cli.color),
        Command::Build(args) => build(&args, cli.color),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut command, "orderly", &mut out);
            print_bytes(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man(args) => man(&args),
        Command::Explain(args) => explain(&args),
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

/// A loaded spec and the index of the instrument at `path`, or the exit code when the spec has
/// errors (which are printed to standard error).
/// Lets go of what a command loaded without freeing it allocation by allocation: the process
/// exits next, which returns the memory at once, while dropping a spec of 100,000 provisions
/// piece by piece takes a noticeable part of a run.
fn exiting_soon<T>(value: T) {
    std::mem::forget(value);
}

/// Loads the spec folder of an instrument; the workspace lives until the process exits (see
/// [`exiting_soon`]).
fn load_instrument(
    path: &Path,
    output: Option<&Path>,
    color: ColorChoice,
) -> Result<Result<(&'static pipeline::Workspace, usize), ExitCode>, Error> {
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
    let workspace: &'static pipeline::Workspace =
        Box::leak(Box::new(pipeline::load(&root, &Limits::default())));
    if report_errors(workspace, color) {
        return Ok(Err(ExitCode::from(1)));
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
    Ok(Ok((workspace, index)))
}

/// A checklist built from a loaded spec, or the exit code when the spec has errors.
fn build_checklist(
    args: &ReportArgs,
    color: ColorChoice,
) -> Result<Result<Checklist, ExitCode>, Error> {
    let output = output_file(args.output.as_deref());
    let (workspace, index) = match load_instrument(&args.instrument, output, color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(Err(code)),
    };
    let instrument = &workspace.spec.instruments[index];
    let version = select_version(instrument, args.version.as_deref())?;
    let as_of = args.as_of.unwrap_or_else(today);
    Ok(Ok(checklist::build(
        &workspace.spec,
        instrument,
        version,
        &args.actors,
        as_of,
    )?))
}

fn diff(args: &DiffArgs, color: ColorChoice) -> Result<ExitCode, Error> {
    let output = output_file(args.output.as_deref());
    let (old, new) = match args.instruments.as_slice() {
        [one] => (one, one),
        [old, new] => (old, new),
        _ => return Err(Error::DiffArguments),
    };
    let (old_ws, old_index) = match load_instrument(old, output, color)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let new_loaded = if old == new {
        None
    } else {
        Some(load_instrument(new, output, color)?)
    };
    let (new_ws, new_index) = match &new_loaded {
        None => (&old_ws, old_index),
        Some(Ok((ws, index))) => (ws, *index),
        Some(Err(code)) => return Ok(*code),
    };
    let old_instrument = &old_ws.spec.instruments[old_index];
    let new_instrument = &new_ws.spec.instruments[new_index];
    let (from, to) = if old == new {
        match (&args.from, &args.to) {
            (Some(from), Some(to)) => (
                select_version(old_instrument, Some(from))?,
                select_version(new_instrument, Some(to))?,
            ),
            _ if old_instrument.versions.len() == 2 && args.from.is_none() && args.to.is_none() => {
                (&old_instrument.versions[0], &old_instrument.versions[1])
            }
            _ => return Err(Error::DiffVersions(old_instrument.id.clone())),
        }
    } else {
        (
            select_version(old_instrument, args.from.as_deref())?,
            select_version(new_instrument, args.to.as_deref())?,
        )
    };
    let mut diff = crate::compile::diff::diff(
        &new_ws.spec.actors,
        (old_instrument, from),
        (new_instrument, to),
    );
    let text = match args.format {
        DiffFormat::Md => template("diff.md", &diff)?,
        DiffFormat::Html => template("diff.html", &diff)?,
        DiffFormat::Json => {
            let changes = std::mem::take(&mut diff.changes);
            let text = crate::render::json::pretty_with_list(&diff, "changes", &changes);
            diff.changes = changes;
            text
        }
    };
    exiting_soon(diff);
    emit(output, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn build(args: &BuildArgs, color: ColorChoice) -> Result<ExitCode, Error> {
    let (root, output) = build_paths(args)?;
    if output.as_os_str() == "-" {
        return Err(Error::BuildToStdout);
    }
    refuse_inputs(&output, &[&root])?;
    let workspace: &'static pipeline::Workspace =
        Box::leak(Box::new(pipeline::load(&root, &Limits::default())));
    if report_errors(workspace, color) {
        return Ok(ExitCode::from(1));
    }
    let as_of = args.as_of.unwrap_or_else(today);
    let site = crate::site::render_site(&workspace.spec, as_of)?;
    let replace = if args.force {
        Replace::Force
    } else {
        Replace::OwnOnly
    };
    crate::site::write_site(&site, &output, replace)?;
    print(&format!(
        "wrote {} ({} files); open {} in a browser\n",
        output.display(),
        site.files.len(),
        output.join("index.html").display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The spec folder and the output folder of a build. Without a spec argument: the spec folder
/// that holds the working directory (found by walking up to `actors.yaml`), whose site then
/// goes beside it rather than inside it, else `spec`.
fn build_paths(args: &BuildArgs) -> Result<(PathBuf, PathBuf), Error> {
    let default_spec = Path::new("spec");
    let spec = match &args.spec {
        Some(spec) => spec.clone(),
        // As `check` does: the spec folder the working directory is in comes first.
        None => match default_spec_root() {
            Some(root) if root != default_spec => {
                let output = args
                    .output
                    .clone()
                    .unwrap_or_else(|| normalize_dots(&root.join("..").join("site")));
                return Ok((root, output));
            }
            _ => default_spec.to_path_buf(),
        },
    };
    if !spec.is_dir() {
        return Err(Error::PathNotFound(spec));
    }
    let output = args.output.clone().unwrap_or_else(|| PathBuf::from("site"));
    Ok((normalize(&spec), output))
}

/// `./..` as `..`, and `.` alone as `.`.
fn normalize_dots(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// Prints the spec's errors to standard error, if it has any, and says whether it did.
fn report_errors(workspace: &pipeline::Workspace, color: ColorChoice) -> bool {
    let counts = Counts::of(&workspace.diagnostics);
    if counts.errors == 0 {
        return false;
    }
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .cloned()
        .collect();
    let report = Report {
        files: &workspace.files,
        diagnostics: &errors,
        checked: workspace.checked,
        color: use_color(color, Stream::Stderr),
    };
    let mut text = render(Format::Human, &report);
    let _ = writeln!(
        text,
        "error: the spec has {}; nothing was compiled",
        crate::text::count(counts.errors, "error")
    );
    let _ = std::io::stderr().write_all(text.as_bytes());
    true
}

/// `-o FILE` as given, with `-` meaning standard output (as if `-o` were left out).
fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| path.as_os_str() != "-")
}

/// Writes a report to `-o FILE` (atomically) or standard output.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Some(path) => write_atomic(path, bytes),
        None => print_bytes(bytes),
    }
}

fn template(name: &str, view: &impl serde::Serialize) -> Result<String, Error> {
    crate::render::render(name, view).map_err(|source| Error::Template {
        name: name.to_owned(),
        source,
    })
}

fn checklist(args: &ChecklistArgs, color: ColorChoice) -> Result<ExitCode, Error> {
    let mut checklist = match build_checklist(&args.report, color)? {
        Ok(checklist) => checklist,
        Err(code) => return Ok(code),
    };
    let bytes = match args.format {
        ChecklistFormat::Md => template("checklist.md", &checklist)?.into_bytes(),
        ChecklistFormat::Html => template("checklist.html", &checklist)?.into_bytes(),
        ChecklistFormat::Csv => crate::render::csv::checklist(&checklist)?,
        ChecklistFormat::Json => {
            let items = std::mem::take(&mut checklist.items);
            let text = crate::render::json::pretty_with_list(&checklist, "items", &items);
            checklist.items = items;
            text.into_bytes()
        }
    };
    exiting_soon(checklist);
    emit(output_file(args.report.output.as_deref()), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

fn timeline(args: &TimelineArgs, color: ColorChoice) -> Result<ExitCode, Error> {
    let checklist = match build_checklist(&args.report, color)? {
        Ok(checklist) => checklist,
        Err(code) => return Ok(code),
    };
    let timeline = crate::compile::timeline::build(&checklist);
    let text = match args.format {
        TimelineFormat::Md => template("timeline.md", &timeline)?,
        TimelineFormat::Html => template("timeline.html", &timeline)?,
        TimelineFormat::Ics => crate::render::ics::calendar(&timeline)?,
        TimelineFormat::Json => crate::render::json::pretty(&timeline),
        TimelineFormat::Mermaid => template("timeline.mmd", &timeline)?,
    };
    emit(output_file(args.report.output.as_deref()), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a tool failure and its causes to standard error, colouring the `error:` label as
/// `--color` says.
pub fn report_error(error: &Error, color: ColorChoice) {
    let label = if use_color(color, Stream::Stderr) {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    // Paths and values in the message may come from a spec or a file name: shown, not run.
    let shown = |text: String| crate::text::unicode::visible(&text).into_owned();
    let mut text = format!("{label}: {}\n", shown(error.to_string()));
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = writeln!(text, "  caused by: {}", shown(cause.to_string()));
        source = cause.source();
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Writes to standard output; a closed pipe (`orderly ... | head`) is not an error.
fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Stdout(error)),
        _ => Ok(()),
    }
}

/// The stream a colour decision is for.
#[derive(Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

/// Whether to colour what goes to `stream`: as `--color` says, and for `auto`, when the stream
/// is a terminal and `NO_COLOR` is not set.
fn use_color(choice: ColorChoice, stream: Stream) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let terminal = match stream {
                Stream::Stdout => std::io::stdout().is_terminal(),
                Stream::Stderr => std::io::stderr().is_terminal(),
            };
            terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn check(args: &CheckArgs, color: ColorChoice) -> Result<ExitCode, Error> {
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
    for (root, wanted) in &roots {
        let absolute: Vec<PathBuf> = wanted.iter().map(|(_, w)| lexical_absolute(w)).collect();
        let root_absolute = lexical_absolute(root);
        let loaded = pipeline::load_into(&mut files, root, &limits);
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
        let mut others = 0;
        diagnostics.extend(loaded.diagnostics.into_iter().filter(|d| {
            if under(files.path(d.file)) {
                return true;
            }
            let error = d.severity == crate::diagnostic::Severity::Error;
            others += usize::from(error);
            error
        }));
        if others > 0 {
            elsewhere.push((root.clone(), others));
        }
        exiting_soon(loaded.spec);
    }
    pipeline::sort(&files, &mut diagnostics);
    let format = args.format;
    let report = Report {
        files: &files,
        diagnostics: &diagnostics,
        checked,
        color: format == Format::Human && use_color(color, Stream::Stdout),
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
    if matches!(format, Format::Human | Format::Concise) {
        text.push_str(&note);
    } else if !note.is_empty() {
        let _ = std::io::stderr().write_all(note.as_bytes());
    }
    print(&text)?;
    exiting_soon(files);
    let counts = Counts::of(&diagnostics);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Drops `.` components, and makes a path under the working directory relative to it, so that
/// every path orderly prints is relative where it can be.
fn normalize(path: &Path) -> PathBuf {
    let path = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path
            .strip_prefix(&cwd)
            .map_or_else(|_| path.to_path_buf(), Path::to_path_buf),
        _ => path.to_path_buf(),
    };
    path.components()
        .filter(|c| *c != Component::CurDir)
        .collect()
}

/// The absolute form of a path, with `.` and `..` resolved lexically (without following links),
/// for comparing paths given in different forms.
fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = match std::env::current_dir() {
        Ok(cwd) => cwd.join(path),
        Err(_) => path.to_path_buf(),
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The spec folder of a path: the nearest folder at or above it that holds `actors.yaml`, or,
/// failing that, the folder above an instrument (or version) folder, or the path itself.
fn spec_root(path: &Path) -> PathBuf {
    let start = if path.is_file() {
        path.parent().unwrap_or(Path::new("")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    let at = |dir: &Path, name: &str| dir.join(name).is_file();
    let mut dir = start.clone();
    loop {
        if at(&dir, "actors.yaml") {
            return dir;
        }
        match dir.parent() {
            Some(parent) => dir = parent.to_path_buf(),
            None => break,
        }
    }
    // Above the working directory: walk the absolute path and express the result with `..`.
    if start.is_relative()
        && let Ok(cwd) = std::env::current_dir()
    {
        let mut ups = PathBuf::new();
        let mut dir = cwd.as_path();
        while let Some(parent) = dir.parent() {
            ups.push("..");
            if parent.join("actors.yaml").is_file() {
                return ups;
            }
            dir = parent;
        }
    }
    if at(&start, "instrument.yaml") {
        return start.parent().unwrap_or(Path::new("")).to_path_buf();
    }
    if let Some(parent) = start.parent()
        && at(parent, "instrument.yaml")
    {
        return parent.parent().unwrap_or(Path::new("")).to_path_buf();
    }
    start
}

/// The spec folder a command uses when given none: the one the working folder is in (found by
/// walking up to `actors.yaml`), else `spec` below the working folder.
pub(crate) fn default_spec_root() -> Option<PathBuf> {
    let found = spec_root(Path::new(""));
    if found.join("actors.yaml").is_file() {
        return Some(if found.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            found
        });
    }
    let spec = PathBuf::from("spec");
    spec.is_dir().then_some(spec)
}

/// The manual pages: `orderly.1`, whose list of commands names `orderly-COMMAND(1)`, and one
/// page per command, so that every page the list names exists.
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, Error> {
    // `orderly help COMMAND` is the same as `orderly COMMAND --help`, and needs no page.
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    // Gives each command the global options (`--color`) for its own page.
    command.build();
    let render = |command: clap::Command| {
        let mut out = Vec::new();
        clap_mangen::Man::new(command)
            .render(&mut out)
            .map_err(Error::Stdout)?;
        Ok::<_, Error>(out)
    };
    let mut pages = vec![("orderly".to_owned(), render(command.clone())?)];
    for sub in command.get_subcommands() {
        let name = format!("orderly-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("orderly {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((name, render(page)?));
    }
    Ok(pages)
}

fn man(args: &ManArgs) -> Result<ExitCode, Error> {
    let pages = man_pages()?;
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        for (name, page) in &pages {
            write_atomic(&dir.join(format!("{name}.1")), page)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let wanted = args
        .command
        .as_deref()
        .map_or_else(|| "orderly".to_owned(), |c| format!("orderly-{c}"));
    let Some((_, page)) = pages.iter().find(|(name, _)| *name == wanted) else {
        return Err(Error::UnknownCommand(
            args.command.clone().unwrap_or_default(),
        ));
    };
    print_bytes(page)?;
    Ok(ExitCode::SUCCESS)
}

fn schema(args: &SchemaArgs) -> Result<ExitCode, Error> {
    if let Some(dir) = &args.write {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        for (_, file, text) in SCHEMAS {
            write_atomic(&dir.join(file), text.as_bytes())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(name) = &args.kind {
        let text = schema_by_name(name).ok_or_else(|| Error::UnknownKind(name.clone()))?;
        print(text)?;
    } else {
        let mut out = String::new();
        for (name, _, text) in SCHEMAS {
            let description = serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|s| {
                    s.get("description")
                        .and_then(|d| d.as_str())
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            let _ = writeln!(out, "{name:<11} {description}");
        }
        print(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(args: &ExplainArgs) -> Result<ExitCode, Error> {
    let text = if let Some(name) = &args.code {
        let code: Code = name
            .parse()
            .map_err(|()| Error::UnknownCode(name.clone()))?;
        format!(
            "{} ({})\n\n{}\n\n{}\n",
            code,
            code.default_severity().as_str(),
            code.summary(),
            code.explanation()
        )
    } else {
        let mut text = String::new();
        for code in Code::ALL {
            let severity = code.default_severity().as_str();
            let _ = writeln!(
                text,
                "{:<30} {severity:<8} {}",
                code.as_str(),
                code.summary()
            );
        }
        text
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
