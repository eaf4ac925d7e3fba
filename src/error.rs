//! Tool failures: orderly could not run (as opposed to diagnostics, which are problems in the
//! spec). Each variant names the path or value it is about.

use std::path::PathBuf;

/// Why orderly could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("path `{}` does not exist", .0.display())]
    PathNotFound(PathBuf),
    /// Writing output failed.
    #[error("cannot write `{}`", path.display())]
    Write {
        /// Where.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An output would overwrite, or be written inside, a spec folder being read.
    #[error(
        "refusing to write `{}`: it {} the spec folder `{}` that this command reads; choose an output outside it",
        output.display(),
        if *inside { "is inside" } else { "is or contains" },
        spec.display()
    )]
    OutputOverlapsSpec {
        /// The output given.
        output: PathBuf,
        /// The spec folder.
        spec: PathBuf,
        /// Whether the output lies inside the spec folder (rather than being or holding it).
        inside: bool,
    },
    /// `build -o DIR` names a folder that holds files no build wrote.
    #[error(
        "refusing to replace `{}`: it is not empty and is not a site written by `orderly build` (it has no `{}` file); choose another folder, empty it, or pass `--force` to replace it and everything in it",
        folder.display(),
        marker
    )]
    OutputNotOurs {
        /// The folder.
        folder: PathBuf,
        /// The name of the file that marks a site.
        marker: &'static str,
    },
    /// `build -o` names the working directory or a folder that holds it.
    #[error(
        "refusing to replace `{}`: it is or holds the working directory, which would be left removed; build from another folder or choose another output",
        .0.display()
    )]
    OutputHoldsWorkingDirectory(PathBuf),
    /// `build -o` names something that is not a folder.
    #[error(
        "refusing to replace `{}`: it is not a folder, and a site is a folder; choose another path",
        .0.display()
    )]
    OutputNotFolder(PathBuf),
    /// `build -o` names a folder that cannot be replaced (the root of the file system).
    #[error("cannot build a site at `{}`: choose a folder below it", .0.display())]
    OutputNotReplaceable(PathBuf),
    /// `-o FILE` names a folder.
    #[error("cannot write `{}`: it is a folder; give a file name", .0.display())]
    OutputIsFolder(PathBuf),
    /// `-o FILE` names a file this user may not write.
    #[error("refusing to write `{}`: the file is read-only for you", .0.display())]
    OutputReadOnly(PathBuf),
    /// `-o FILE` names a file with several hard links, which an atomic write would split.
    #[error(
        "refusing to write `{}`: the file has {links} hard links, and replacing it would leave the other names with the old contents; write to another path",
        path.display()
    )]
    OutputHardLinked {
        /// The file.
        path: PathBuf,
        /// How many names it has.
        links: u64,
    },
    /// `build -o -`: standard output cannot hold a site.
    #[error("`orderly build` writes a folder; `-o -` (standard output) cannot hold one")]
    BuildToStdout,
    /// Writing to standard output failed.
    #[error("cannot write to standard output")]
    Stdout(#[source] std::io::Error),
    /// `orderly schema` was given a kind that does not exist.
    #[error("unknown schema kind `{0}`")]
    UnknownKind(String),
    /// `orderly explain` was given a code that does not exist.
    #[error("unknown diagnostic code `{0}`")]
    UnknownCode(String),
    /// `orderly man` was given a command that does not exist.
    #[error("no command `{0}`; `orderly --help` lists them")]
    UnknownCommand(String),
    /// A path is not an instrument folder.
    #[error("`{}` is not an instrument folder (one that holds `instrument.yaml`)", .0.display())]
    NotAnInstrument(PathBuf),
    /// `orderly diff` needs the versions to compare.
    #[error(
        "instrument `{0}` does not have exactly two versions; say which to compare with `--from` and `--to`"
    )]
    DiffVersions(String),
    /// `orderly diff` takes one or two instrument folders.
    #[error("`orderly diff` takes one instrument folder, or two (old and new)")]
    DiffArguments,
    /// `orderly diff --since` was given two instrument folders.
    #[error(
        "`--since` compares one instrument folder with itself at a git revision; give one folder, or two without `--since`"
    )]
    SinceTwoFolders,
    /// A checklist or timeline could not be built.
    #[error(transparent)]
    Checklist(#[from] crate::compile::checklist::ChecklistError),
    /// An instrument has no version of the id asked for.
    #[error(transparent)]
    UnknownVersion(#[from] crate::model::UnknownVersion),
    /// A template failed to render.
    #[error("cannot render `{name}`")]
    Template {
        /// The template.
        name: String,
        /// Why.
        #[source]
        source: minijinja::Error,
    },
    /// CSV output failed.
    #[error("cannot write CSV")]
    Csv(#[from] csv::Error),
    /// `--alarm` was given for an output that is not a calendar.
    #[error("`--alarm` adds reminders to a calendar: use it with `--format ics`")]
    AlarmWithoutCalendar,
    /// A calendar was asked for a timeline with nothing dated.
    #[error(transparent)]
    NoDatedEvents(#[from] crate::render::ics::NoDatedEvents),
    /// A path given to `orderly check` holds no spec file.
    #[error(
        "no spec files under `{}` (spec files are `actors.yaml`, `instrument.yaml` and the YAML files of version folders)",
        .0.display()
    )]
    NoSpecFiles(PathBuf),
    /// No path was given and no spec folder was found.
    #[error(
        "no spec folder here: no `actors.yaml` in this folder or above it, and no `spec` folder; give the spec folder's path"
    )]
    NoSpecFolder,
    /// `--since` needs git, and it could not be run.
    #[error(
        "cannot run `git`, which `--since` reads old revisions with: is it installed and on PATH?"
    )]
    GitMissing(#[source] std::io::Error),
    /// `--since` was given for a folder outside any git repository.
    #[error("`{}` is not in a git repository, so there is no revision to compare with", .0.display())]
    NotARepository(PathBuf, #[source] Option<GitMessage>),
    /// `--since` names no commit of the repository.
    #[error("unknown revision `{0}`: the repository has no commit of that name")]
    UnknownRevision(String, #[source] Option<GitMessage>),
    /// `--since` names a range of commits (`A..B`, `A...B`), not one revision.
    #[error(
        "`{0}` is a range of commits, and `--since` takes one revision: the commit to compare the working tree with, such as `{1}`"
    )]
    RevisionRange(String, String),
    /// A git command failed.
    #[error("git could not {what}")]
    Git {
        /// What it was asked to do.
        what: String,
        /// What it said.
        #[source]
        source: GitMessage,
    },
    /// `diff --since` with `--format html` or `json`, which show one version, found several
    /// versions (or none) to compare.
    #[error(
        "`--format {format}` shows one version, and {}; choose one with `--version`",
        if versions.is_empty() {
            format!("no version of `{instrument}` differs from `{revision}`")
        } else {
            format!("the versions of `{instrument}` that differ from `{revision}` are {}", versions.join(", "))
        }
    )]
    SinceOneVersion {
        /// The format asked for.
        format: &'static str,
        /// The instrument.
        instrument: String,
        /// The revision, as shown.
        revision: String,
        /// The versions that differ, each in backticks.
        versions: Vec<String>,
    },
    /// `diff --since` with `--format html` or `json` for a version with no counterpart.
    #[error(
        "version `{version}` of `{instrument}` is {}, so there is nothing to compare; `--format md` reports it",
        if *new { format!("new since `{revision}`") } else { format!("removed since `{revision}`") }
    )]
    SinceNothingToCompare {
        /// The instrument.
        instrument: String,
        /// The version.
        version: String,
        /// The revision, as shown.
        revision: String,
        /// Whether the version is new (rather than removed).
        new: bool,
    },
    /// The spec has errors, so nothing was compiled. Its diagnostics are printed already, with
    /// this same closing line; the command exits with status 1, not 2, and prints nothing more.
    #[error("the spec has {}; nothing was compiled", crate::text::count(*.0, "error"))]
    SpecHasErrors(usize),
}

/// What git said when a command failed, shown as the cause of an [`Error`].
#[derive(Debug, thiserror::Error)]
#[error("git: {0}")]
pub struct GitMessage(pub String);
