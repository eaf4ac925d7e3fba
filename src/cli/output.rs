//! Where the command line's output goes: standard output (a closed pipe is not an error), `-o
//! FILE` (written atomically), and standard error for tool failures and a broken spec's errors;
//! and whether each stream is coloured, decided once per run ([`Colors`]).

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;

use super::ColorChoice;
use crate::Error;
use crate::diagnostic::render::{Format, Report, render};
use crate::diagnostic::{Counts, Severity};
use crate::output::write_atomic;
use crate::pipeline;

/// Whether to colour what goes to each stream. [`super::run`] decides it once, from `--color`,
/// and passes it down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Colors {
    /// Colour standard output.
    pub(super) stdout: bool,
    /// Colour standard error.
    pub(super) stderr: bool,
}

impl Colors {
    /// As `--color` says, and for `auto`, each stream that is a terminal, unless `NO_COLOR` is
    /// set.
    pub(super) fn new(choice: ColorChoice) -> Colors {
        match choice {
            ColorChoice::Always => Colors {
                stdout: true,
                stderr: true,
            },
            ColorChoice::Never => Colors {
                stdout: false,
                stderr: false,
            },
            ColorChoice::Auto => {
                let allowed = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                Colors {
                    stdout: allowed && std::io::stdout().is_terminal(),
                    stderr: allowed && std::io::stderr().is_terminal(),
                }
            }
        }
    }
}

/// Prints a tool failure and its causes to standard error, colouring the `error:` label when
/// `color` says so.
pub(super) fn report_error(error: &Error, color: bool) {
    let label = if color {
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

/// Prints the spec's errors to standard error, if it has any, and then fails with
/// [`Error::SpecHasErrors`] (which prints nothing more).
pub(super) fn report_errors(workspace: &pipeline::Workspace, color: bool) -> Result<(), Error> {
    match print_errors(workspace, color, |errors| {
        format!("the spec has {errors}; nothing was compiled")
    }) {
        0 => Ok(()),
        count => Err(Error::SpecHasErrors(count)),
    }
}

/// Prints a workspace's errors, if it has any, to standard error in the human format, closed
/// by the line `error: ` + `closing("N errors")`, and returns how many there were.
pub(super) fn print_errors(
    workspace: &pipeline::Workspace,
    color: bool,
    closing: impl FnOnce(&str) -> String,
) -> usize {
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let count = Counts::of(&errors).errors;
    if count == 0 {
        return 0;
    }
    let report = Report {
        files: &workspace.files,
        diagnostics: &errors,
        checked: workspace.checked,
        color,
        left_out: None,
    };
    let mut text = render(Format::Human, &report);
    let _ = writeln!(
        text,
        "error: {}",
        closing(&crate::text::count(count, "error"))
    );
    let _ = std::io::stderr().write_all(text.as_bytes());
    count
}

/// Writes to standard output; a closed pipe (`orderly ... | head`) is not an error.
pub(super) fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// [`print()`] for bytes.
pub(super) fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    print_with(|out| out.write_all(bytes))
}

/// Writes what `write` writes to standard output, through a buffer; a reader that stops
/// reading (a closed pipe) is no error.
fn print_with(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Stdout(error)),
        _ => Ok(()),
    }
}

/// `-o FILE` as given, with `-` meaning standard output (as if `-o` were left out).
pub(super) fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| path.as_os_str() != "-")
}

/// Writes a report to `-o FILE` (atomically) or standard output.
pub(super) fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Some(path) => write_atomic(path, bytes),
        None => print_bytes(bytes),
    }
}

/// [`emit`] of a report's JSON with its long list (`field`) written batch by batch
/// ([`crate::render::json::write_pretty_with_list`]), never held whole.
pub(super) fn emit_json_with_list<T: serde::Serialize + Sync>(
    output: Option<&Path>,
    view: &impl serde::Serialize,
    field: &str,
    list: &[T],
) -> Result<(), Error> {
    let write =
        |out: &mut dyn Write| crate::render::json::write_pretty_with_list(out, view, field, list);
    match output {
        Some(path) => crate::output::write_atomic_with(path, write),
        None => print_with(write),
    }
}
