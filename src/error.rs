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
    /// Writing to standard output failed.
    #[error("cannot write to standard output")]
    Stdout(#[source] std::io::Error),
    /// `orderly schema` was given a kind that does not exist.
    #[error("unknown schema kind `{0}`")]
    UnknownKind(String),
    /// `orderly explain` was given a code that does not exist.
    #[error("unknown diagnostic code `{0}`")]
    UnknownCode(String),
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
    /// A checklist or timeline could not be built.
    #[error(transparent)]
    Checklist(#[from] crate::compile::checklist::ChecklistError),
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
    /// A calendar was asked for a timeline with nothing dated.
    #[error(transparent)]
    NoDatedEvents(#[from] crate::render::ics::NoDatedEvents),
}
