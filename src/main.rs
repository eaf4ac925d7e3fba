//! The `orderly` command: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// A spec of many files makes millions of small allocations on several threads; mimalloc
/// serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = orderly::cli::Cli::parse();
    let color = cli.color;
    match orderly::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            orderly::cli::report_error(&error, color);
            ExitCode::from(2)
        }
    }
}
