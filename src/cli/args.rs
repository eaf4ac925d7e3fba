//! The command line as clap parses it: [`Cli`], the [`Command`] enum, each command's
//! arguments, the output-format enums, and the `YYYY-MM-DD` date parser.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::diagnostic::render::Format;
use crate::validate::SCHEMAS;

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
        after_help = "Examples:\n  orderly check\n  orderly check spec/my-instrument --format concise\n  orderly check --format sarif > orderly.sarif\n  orderly check --format github --deny-warnings\n  orderly check --since origin/main --new-only --deny-warnings"
    )]
    Check(CheckArgs),
    /// Print the JSON Schema of a kind of spec file, or list the kinds
    #[command(
        after_help = "Examples:\n  orderly schema\n  orderly schema section\n  orderly schema --write schemas-out/"
    )]
    Schema(SchemaArgs),
    /// List what each actor owes under a version of an instrument, and where it stands
    #[command(
        after_help = "Examples:\n  orderly checklist spec/city-ordinance-12 --version adopted --actor parks --as-of 2026-11-26\n  orderly checklist spec/city-ordinance-12 --include permissions,constructions\n  orderly checklist spec/city-ordinance-12 --format csv -o checklist.csv\n  orderly checklist spec/city-ordinance-12 --actor library --format html -o library.html"
    )]
    Checklist(ChecklistArgs),
    /// List a version's deadlines in date order, as a calendar or a chart
    #[command(
        after_help = "Examples:\n  orderly timeline spec/city-ordinance-12 --as-of 2026-11-26\n  orderly timeline spec/city-ordinance-12 --format ics -o city-ordinance-12.ics\n  orderly timeline spec/city-ordinance-12 --actor mayor --format mermaid"
    )]
    Timeline(TimelineArgs),
    /// Compare two versions of an instrument: what was added, removed and changed, which
    /// changes are material, and a word-level redline
    #[command(
        after_help = "Examples:\n  orderly diff spec/city-ordinance-12 --from proposed --to adopted\n  orderly diff spec/city-ordinance-12 --from proposed --to adopted --format html -o diff.html\n  orderly diff main/spec/city-ordinance-12 pr/spec/city-ordinance-12 --format md > comment.md\n  orderly diff spec/city-ordinance-12 --since main"
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
    #[arg(value_name = "COMMAND", value_parser = PossibleValuesParser::new(super::man::COMMANDS))]
    pub command: Option<String>,
    /// Write every page (orderly.1 and one per command) into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "command", value_hint = ValueHint::DirPath)]
    pub write: Option<PathBuf>,
}

/// Arguments of `orderly build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The spec folder (default: `spec`, or, from inside a spec folder, the one that holds
    /// the working directory)
    #[arg(value_hint = ValueHint::DirPath)]
    pub spec: Option<PathBuf>,
    /// The folder to write the site to; it is replaced as a whole once the build succeeds, if
    /// it is absent, empty or an earlier site (see `--force`) [default: `site`, beside the spec
    /// folder when it was found from inside it]
    #[arg(short, long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if it holds files that no build wrote (they are lost)
    #[arg(long)]
    pub force: bool,
    /// The date statuses are computed for, as YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The address the site will be published at, an absolute http(s) URL such as
    /// `https://example.org/orderly`: each calendar event then links its provision's page
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Add a reminder this long before each calendar event: days or weeks, such as `7d` or `2w`
    #[arg(long, value_name = "PERIOD", value_parser = crate::render::ics::Alarm::parse)]
    pub alarm: Option<crate::render::ics::Alarm>,
}

/// A site's address given on the command line: `http://` or `https://`, a host (letters,
/// digits, `.`, `-`, or an IPv6 address in brackets) with an optional port, and an optional
/// path of printable characters; no user, query or fragment. A trailing `/` is dropped.
fn parse_base_url(text: &str) -> Result<String, String> {
    let shown: String = text.escape_debug().collect();
    let bad = |why: &str| format!("`{shown}` is not an absolute http(s) URL: {why}");
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return Err(bad("it must start with http:// or https://"));
    };
    let (authority, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    if authority.contains('@') {
        return Err(bad("it may not hold a user name"));
    }
    // `[v6]`, `[v6]:port`, `host` or `host:port`.
    let (host, port) = match authority.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((v6, "")) => (Some(v6), None),
            Some((v6, after)) => (Some(v6), Some(after.strip_prefix(':').unwrap_or(after))),
            None => (None, None),
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        },
    };
    let bracketed = authority.starts_with('[');
    let host = host.unwrap_or_default();
    if host.is_empty() {
        return Err(bad("it has no host"));
    }
    let host_ok = if bracketed {
        host.bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        host.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    if !host_ok {
        return Err(bad(
            "its host may hold only letters, digits, `.` and `-` (or an IPv6 address in brackets)",
        ));
    }
    if port.is_some_and(|p| !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u16>().is_err()) {
        return Err(bad("its port must be a number up to 65535"));
    }
    if path.contains(['?', '#']) {
        return Err(bad("it may not hold a query (`?`) or a fragment (`#`)"));
    }
    if !crate::render::ics::Extras::url(path) && !path.is_empty() {
        return Err(bad(
            "its path may hold only printable characters, with no space, quote, angle bracket, backslash or backtick",
        ));
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// Arguments of `orderly diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// An instrument's folder (compare two of its versions), or two copies of it, old then new
    /// (such as a main branch and a pull request checked out side by side)
    #[arg(value_name = "INSTRUMENT", num_args = 1..=2, required = true, value_hint = ValueHint::DirPath)]
    pub instruments: Vec<PathBuf>,
    /// The old version (default with two folders: the old folder's latest primary version)
    #[arg(long, value_name = "V")]
    pub from: Option<String>,
    /// The new version (default with two folders: the new folder's latest primary version)
    #[arg(long, value_name = "V")]
    pub to: Option<String>,
    /// Compare the instrument in the working tree with itself at this git revision (a branch,
    /// tag or commit), each version with its namesake; not with `--from`/`--to` or two folders
    #[arg(long, value_name = "REV", conflicts_with_all = ["from", "to"])]
    pub since: Option<String>,
    /// With `--since`, compare only this version [default: every version whose files differ]
    #[arg(long, value_name = "V", requires = "since")]
    pub version: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
    /// Write to this file (atomically) instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
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
    /// The instrument's folder, such as `spec/city-ordinance-12`
    #[arg(value_hint = ValueHint::DirPath)]
    pub instrument: PathBuf,
    /// The version (default: the latest primary version, else the latest)
    #[arg(long)]
    pub version: Option<String>,
    /// Keep what concerns this actor (or one of its components): what it leads, acts on or is
    /// consulted on, and in a checklist what it may do and what protects or limits it; repeat
    /// for several
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// The date statuses are computed for, as YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Write to this file (atomically) instead of standard output (`-` is standard output)
    #[arg(short, long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub output: Option<PathBuf>,
}

/// Arguments of `orderly checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Also list these kinds of provision, comma-separated: `permissions`, `constructions`
    /// (constructions and general provisions) or `all` [default: obligations and prohibitions
    /// only; with `--actor`, all]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub include: Vec<IncludeKind>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Md)]
    pub format: ChecklistFormat,
}

/// What `orderly checklist --include` adds to obligations and prohibitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IncludeKind {
    /// Obligations and prohibitions (always listed).
    Obligations,
    /// Permissions, with when each is available.
    Permissions,
    /// Constructions and general provisions: what binds the government toward an actor.
    Constructions,
    /// Every kind above.
    All,
}

impl IncludeKind {
    /// The kinds a list of `--include` values admits: with none given, everything for an
    /// actor's view (`filtered`) and obligations only otherwise.
    pub fn include(kinds: &[IncludeKind], filtered: bool) -> crate::compile::checklist::Include {
        use crate::compile::checklist::Include;
        if kinds.is_empty() {
            return if filtered {
                Include::ALL
            } else {
                Include::OBLIGATIONS
            };
        }
        let all = kinds.contains(&IncludeKind::All);
        Include {
            permissions: all || kinds.contains(&IncludeKind::Permissions),
            constructions: all || kinds.contains(&IncludeKind::Constructions),
        }
    }
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
    pub report: ReportArgs,
    /// With `--format ics`, add a reminder this long before each event: days or weeks, such
    /// as `7d` or `2w`
    #[arg(long, value_name = "PERIOD", value_parser = crate::render::ics::Alarm::parse)]
    pub alarm: Option<crate::render::ics::Alarm>,
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
    #[arg(value_hint = ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with status 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// With `--new-only`: the git revision (a branch, tag or commit) to compare with
    #[arg(long, value_name = "REV", requires = "new_only")]
    pub since: Option<String>,
    /// Report only the diagnostics that the spec did not have at the revision `--since`
    /// names (the same code, file and place in the file, wherever its line is now), so that
    /// `--deny-warnings` can apply to new changes first
    #[arg(long, requires = "since")]
    pub new_only: bool,
}

/// `orderly check --format`: the diagnostic formats, as the command line names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style: message, location, source line with a caret, help and notes.
    Human,
    /// One line per diagnostic: `file:line:col: severity[code]: message`.
    Concise,
    /// A JSON object with `summary` and `diagnostics`.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::...`).
    Github,
}

impl From<CheckFormat> for Format {
    fn from(format: CheckFormat) -> Self {
        match format {
            CheckFormat::Human => Format::Human,
            CheckFormat::Concise => Format::Concise,
            CheckFormat::Json => Format::Json,
            CheckFormat::Sarif => Format::Sarif,
            CheckFormat::Github => Format::Github,
        }
    }
}

/// Arguments of `orderly schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The kind of spec file (actors, instrument, section, terms) or JSON output (checklist,
    /// timeline, diff)
    #[arg(value_parser = PossibleValuesParser::new(SCHEMAS.map(|(name, _, _)| name)))]
    pub kind: Option<String>,
    /// Write every schema as a file into this folder
    #[arg(long, value_name = "DIR", conflicts_with = "kind", value_hint = ValueHint::DirPath)]
    pub write: Option<PathBuf>,
}

/// Arguments of `orderly explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A diagnostic code, such as `unknown-actor`
    pub code: Option<String>,
}
