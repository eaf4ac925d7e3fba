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
}
