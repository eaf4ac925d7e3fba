//! `orderly man` and `orderly completions`: manual pages and shell completions, both generated
//! from the clap definition of the command line.

use std::process::ExitCode;

use super::output::print_bytes;
use super::{Cli, CompletionsArgs, ManArgs};
use crate::Error;
use crate::output::write_atomic;

/// Runs `orderly completions`.
pub(super) fn completions(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "orderly", &mut out);
    print_bytes(&out)?;
    Ok(ExitCode::SUCCESS)
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

/// Runs `orderly man`.
pub(super) fn man(args: &ManArgs) -> Result<ExitCode, Error> {
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
