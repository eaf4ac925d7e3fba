//! The `orderly` command: parse the arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = orderly::cli::Cli::parse();
    match orderly::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            orderly::cli::report_error(&error);
            ExitCode::from(2)
        }
    }
}
