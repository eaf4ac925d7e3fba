//! `orderly man` and `orderly completions`: manual pages and shell completions, both generated
//! from the clap definition of the command line.
//!
//! The pages are `clap_mangen`'s, tidied so that `mandoc -T lint` has nothing to say: an upper-case
//! title, a real date (the version's, from [`MANUAL`], never the clock), no trailing
//! whitespace, text lines of at most 80 bytes, and no `.br` around a blank line. The
//! completions are `clap_complete`'s, plus what its fish generator leaves out: the values and
//! folders of positional arguments (`orderly schema KIND`, `orderly checklist INSTRUMENT`).

use std::fmt::Write as _;
use std::process::ExitCode;

use super::output::print_bytes;
use super::{Cli, CompletionsArgs, ManArgs};
use crate::Error;
use crate::output::write_atomic;

/// The version the manual pages describe and their date (YYYY-MM-DD): a new version gets a new
/// date (a unit test checks that the version is the crate's).
pub(super) const MANUAL: (&str, &str) = ("0.1.0", "2026-12-01");

/// The commands that have a page of their own, as `orderly man COMMAND` accepts them (a unit
/// test checks that they are the subcommands).
pub(super) const COMMANDS: [&str; 9] = [
    "check",
    "schema",
    "checklist",
    "timeline",
    "diff",
    "build",
    "explain",
    "completions",
    "man",
];

/// Runs `orderly completions`.
pub(super) fn completions(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "orderly", &mut out);
    if args.shell == clap_complete::Shell::Fish {
        command.build();
        out.extend_from_slice(fish_positionals(&command).as_bytes());
    }
    print_bytes(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Fish completions for the positional arguments of each subcommand, which `clap_complete`'s fish
/// generator does not write: their values when they have a fixed set, folders when they name
/// one. They use the `__fish_orderly_using_subcommand` function the generator defines.
fn fish_positionals(command: &clap::Command) -> String {
    let mut out = String::new();
    for sub in command.get_subcommands() {
        for arg in sub.get_positionals() {
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| {
                    let help = v.get_help().map(ToString::to_string).unwrap_or_default();
                    format!("{}\\t'{}'", v.get_name(), fish_quote(&help))
                })
                .collect();
            let what = if !values.is_empty() {
                values.join("\n")
            } else if arg.get_value_hint() == clap::ValueHint::DirPath {
                "(__fish_complete_directories)".to_owned()
            } else {
                continue;
            };
            let _ = writeln!(
                out,
                "complete -c orderly -n \"__fish_orderly_using_subcommand {}\" -f -a \"{what}\"",
                sub.get_name()
            );
        }
    }
    out
}

/// Text inside fish single quotes (itself inside double quotes): no quote, backslash, dollar
/// sign or parenthesis can end them or expand.
fn fish_quote(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '"' | '\\' | '$' | '(' | ')' | '`'))
        .collect()
}

/// The manual pages: `orderly.1`, whose list of commands names `orderly-COMMAND(1)`, and one
/// page per command, so that every page the list names exists.
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, Error> {
    // `orderly help COMMAND` is the same as `orderly COMMAND --help`, and needs no page.
    let mut command = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    // Gives each command the global options (`--color`) for its own page.
    command.build();
    let render = |name: &str, command: clap::Command| {
        let mut out = Vec::new();
        clap_mangen::Man::new(command)
            .title(name.to_ascii_uppercase())
            .date(MANUAL.1)
            .source(format!("orderly {}", MANUAL.0))
            .manual("orderly manual")
            .render(&mut out)
            .map_err(Error::Stdout)?;
        Ok::<_, Error>(tidy(&String::from_utf8_lossy(&out)).into_bytes())
    };
    let mut pages = vec![("orderly".to_owned(), render("orderly", command.clone())?)];
    for sub in command.get_subcommands() {
        let name = format!("orderly-{}", sub.get_name());
        let page = sub
            .clone()
            .display_name(name.clone())
            .bin_name(format!("orderly {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((name.clone(), render(&name, page)?));
    }
    Ok(pages)
}

/// Tidies `clap_mangen`'s roff without changing what it shows: `.br`, blank line, `.br` (a
/// paragraph break written three ways) becomes `.sp`; trailing whitespace goes; and text lines
/// in fill mode longer than 80 bytes are broken at spaces (filling joins them again). Lines
/// that must stay whole are kept: requests, `.TP` tags, lines in no-fill mode and lines that
/// start with a space (which break the line).
fn tidy(roff: &str) -> String {
    let roff = roff.replace("\n.br\n\n.br\n", "\n.sp\n");
    let mut out = String::with_capacity(roff.len());
    let mut fill = true;
    let mut tag = false;
    for line in roff.lines() {
        let line = trim_end(line);
        if line.starts_with(['.', '\'']) {
            let request = line[1..].split_whitespace().next().unwrap_or_default();
            match request {
                "nf" | "EX" => fill = false,
                "fi" | "EE" => fill = true,
                _ => {}
            }
            tag = request == "TP";
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if !fill || tag || line.starts_with(' ') || line.len() <= 80 {
            out.push_str(line);
            out.push('\n');
        } else {
            wrap(line, &mut out);
        }
        tag = false;
    }
    out
}

/// A line without trailing spaces and tabs, except an escaped one (`\ `), which is text.
fn trim_end(line: &str) -> &str {
    let mut end = line.len();
    while end > 0 && matches!(line.as_bytes()[end - 1], b' ' | b'\t') {
        let backslashes = line.as_bytes()[..end - 1]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            break;
        }
        end -= 1;
    }
    &line[..end]
}

/// Appends a text line broken at unescaped spaces into lines of at most 80 bytes (a word
/// longer than that stands alone). No line ends with a word that ends a sentence, which roff
/// would follow with a wider space, and none starts with `.` or `'`, which would make it a
/// request.
fn wrap(line: &str, out: &mut String) {
    let mut words: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        let escaped = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\\')
            .count()
            % 2
            == 1;
        if b == b' ' && !escaped {
            if at > start {
                words.push(&line[start..at]);
            }
            start = at + 1;
        }
    }
    if start < line.len() {
        words.push(&line[start..]);
    }
    // Units that may end a line: a word that ends a sentence goes with the next one.
    let mut units: Vec<String> = Vec::new();
    let mut pending = String::new();
    for word in words {
        if !pending.is_empty() {
            pending.push(' ');
        }
        pending.push_str(word);
        let ends_sentence = word
            .trim_end_matches(['"', '\'', ')', ']', '*'])
            .ends_with(['.', '!', '?']);
        if !ends_sentence {
            units.push(std::mem::take(&mut pending));
        }
    }
    if !pending.is_empty() {
        units.push(pending);
    }
    let mut current = String::new();
    for unit in units {
        if !current.is_empty() && current.len() + 1 + unit.len() > 80 {
            push_text(out, &current);
            current.clear();
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&unit);
    }
    if !current.is_empty() {
        push_text(out, &current);
    }
}

/// Appends a text line, with `\&` before a leading `.` or `'` so that it stays text.
fn push_text(out: &mut String, text: &str) {
    if text.starts_with(['.', '\'']) {
        out.push_str("\\&");
    }
    out.push_str(text);
    out.push('\n');
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manual_is_dated_for_this_version() {
        assert_eq!(
            MANUAL.0,
            env!("CARGO_PKG_VERSION"),
            "give the new version's manual pages a date in MANUAL"
        );
        assert!(crate::model::parse_ymd(MANUAL.1).is_some());
    }

    #[test]
    fn every_command_has_a_page_name() {
        let command = <Cli as clap::CommandFactory>::command();
        let names: Vec<&str> = command
            .get_subcommands()
            .map(clap::Command::get_name)
            .collect();
        assert_eq!(names, COMMANDS);
    }

    #[test]
    fn long_text_lines_are_broken_at_spaces_only() {
        let long = format!(
            "{} end. \\fBbold\\fR a\\ b {}",
            "word ".repeat(20),
            "x".repeat(90)
        );
        let roff = format!(".TH T 1\n.TP\n{long}\n{long} \n.nf\n{long}\n.fi\n{long}\n");
        let tidied = tidy(&roff);
        let lines: Vec<&str> = tidied.lines().collect();
        // The tag and the no-fill line stay whole; the others are broken.
        assert_eq!(lines[2], long);
        assert_eq!(lines.iter().filter(|l| **l == long).count(), 2);
        for line in &lines {
            assert!(
                line.len() <= 80 || *line == long || line.starts_with('x'),
                "{line}"
            );
            assert!(!line.ends_with(' '), "{line:?}");
            assert!(!line.ends_with("end."), "{line:?}");
        }
        // Filling joins the pieces back into the same words.
        let words = |s: &str| {
            s.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let text: Vec<&str> = lines[3..]
            .iter()
            .take_while(|l| **l != ".nf")
            .copied()
            .collect();
        assert_eq!(words(&text.join(" ")), words(&long));
    }

    #[test]
    fn an_escaped_trailing_space_is_kept_and_a_dot_stays_text() {
        assert_eq!(trim_end("a\\ "), "a\\ ");
        assert_eq!(trim_end("a\\\\ "), "a\\\\");
        let mut out = String::new();
        wrap(&format!("{} .hidden", "w".repeat(79)), &mut out);
        assert_eq!(out, format!("{}\n\\&.hidden\n", "w".repeat(79)));
    }

    #[test]
    fn paragraph_breaks_become_one_request() {
        assert_eq!(tidy("a\n.br\n\n.br\nb\n"), "a\n.sp\nb\n");
    }
}
