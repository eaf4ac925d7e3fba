//! Properties over generated input: generated specs check clean and compile; any single
//! mutation of a valid spec either checks clean or gets diagnostics placed inside their file.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use orderly::Limits;
use orderly::compile::{checklist, diff, timeline};
use orderly::diagnostic::Severity;
use orderly::testing::assert_placed;
use proptest::prelude::*;

use crate::support::{example_spec, repo};

/// One way to break a text at a place.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Insert(&'static str),
    DuplicateLine,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (1usize..12).prop_map(Mutation::Delete),
        prop::sample::select(vec![
            "\t",
            ":",
            ": ",
            "- ",
            "#",
            " #",
            "\"",
            "'",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&a ",
            "*a",
            "!!str ",
            "\n",
            "  ",
            "x",
            "0",
            "-1",
            "---\n",
            "\u{feff}",
            "\r",
            "|\n",
            ">-\n",
            "null",
            "~",
            "2026-02-30",
            "é",
            "\u{0}",
        ])
        .prop_map(Mutation::Insert),
        Just(Mutation::DuplicateLine),
    ]
}

fn mutate(text: &str, at: usize, mutation: &Mutation) -> String {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match mutation {
        Mutation::Delete(n) => {
            let mut end = (at + n).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            format!("{}{}", &text[..at], &text[end..])
        }
        Mutation::Insert(piece) => format!("{}{piece}{}", &text[..at], &text[at..]),
        Mutation::DuplicateLine => {
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            format!("{}{}", &text[..end], &text[start..end])
        }
    }
}

/// The YAML files of the example spec, relative to it, in a stable order.
fn example_files() -> Vec<String> {
    let root = repo().join("tests/fixtures/example");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(
                    path.strip_prefix(&root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_single_mutation_is_placed_inside_its_file(
        file in 0usize..64,
        at in any::<usize>(),
        mutation in mutation(),
    ) {
        let files = example_files();
        let name = &files[file % files.len()];
        let dir = example_spec(None);
        let path = dir.path().join("spec").join(name);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, mutate(&text, at, &mutation)).unwrap();
        let workspace = orderly::load(&dir.path().join("spec"), &Limits::default());
        assert_placed(&workspace);
    }
}

/// Checks a generated spec and compiles every version of it.
fn check_and_compile(root: &Path) {
    let workspace = orderly::load(root, &Limits::default());
    let problems: Vec<String> = workspace
        .diagnostics
        .iter()
        .map(|d| format!("{:?} {}", d.code, d.message))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let spec = &workspace.spec;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            let list = checklist::build(spec, instrument, version, &[], as_of).unwrap();
            assert!(!list.items.is_empty());
            orderly::render::csv::checklist(&list).unwrap();
            let line = timeline::build(&list);
            assert_eq!(
                orderly::render::ics::calendar(&line).is_ok(),
                orderly::render::ics::has_events(&line)
            );
            orderly::render::render("timeline.md", &line).unwrap();
        }
        for pair in instrument.versions.windows(2) {
            let d = diff::diff(&spec.actors, (instrument, &pair[0]), (instrument, &pair[1]));
            orderly::render::render("diff.md", &d).unwrap();
        }
    }
    assert!(
        workspace
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn generated_specs_check_clean_and_compile(
        seed in 0u32..100_000,
        provisions in 20usize..400,
        files in 1usize..6,
        versions in 1u8..=2,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("spec");
        let status = std::process::Command::new("python3")
            .arg(repo().join("benches/gen_corpus.py"))
            .arg(&root)
            .args(["--provisions", &provisions.to_string()])
            .args(["--files", &files.to_string()])
            .args(["--versions", &versions.to_string()])
            .args(["--seed", &seed.to_string()])
            .output()
            .expect("python3 runs the corpus generator");
        prop_assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        check_and_compile(&root);
    }
}
