//! `parent-cycle`.
//!
//! What it checks: following `parent` from an actor (in `actors.yaml`) or a provision (within a
//! version) never comes back to where it started.
//! Why it matters: parents form a tree: components roll up to departments, subsections nest in
//! sections. A loop has no root, and a checklist for a department would never end.
//! Example: `parks-maintenance: { parent: parks }` and `parks: { parent: parks-maintenance }`.
//! Fix: remove the wrong `parent`.

use foldhash::HashMap;

use super::Context;
use crate::diagnostic::{At, Code, Diagnostic};
use crate::source::FileId;
use crate::text::pointer;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = cx.spec;
    if let Some(file) = spec.actors.file {
        let actors = &spec.actors.items;
        let starts = actors.keys().map(String::as_str);
        let parent = |id: &str| actors.get(id).and_then(|a| a.parent.as_deref());
        for cycle in loops(starts, parent) {
            report(out, file, "actor", &cycle, |id| {
                pointer(["actors", id, "parent"])
            });
        }
    }
    for (i, instrument) in spec.instruments.iter().enumerate() {
        for v in 0..instrument.versions.len() {
            let provisions = cx.provisions(i, v);
            let starts = provisions.list.iter().map(|p| p.id.as_str());
            let parent = |id: &str| provisions.get(id).and_then(|p| p.parent.as_deref());
            for cycle in loops(starts, parent) {
                let first = |id: &str| {
                    provisions
                        .get(id)
                        .expect("a loop runs through known provisions")
                };
                report(out, first(cycle[0]).file, "provision", &cycle, |id| {
                    first(id).at("/parent")
                });
            }
        }
    }
}

fn report(
    out: &mut Vec<Diagnostic>,
    file: FileId,
    what: &str,
    cycle: &[&str],
    at: impl Fn(&str) -> String,
) {
    let path = cycle
        .iter()
        .chain(std::iter::once(&cycle[0]))
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" → ");
    out.push(
        Diagnostic::new(
            Code::ParentCycle,
            file,
            At::value(at(cycle[0])),
            format!("{what} parents form a loop: {path}"),
        )
        .with_label("this parent leads back here")
        .with_help("remove the `parent` that closes the loop"),
    );
}

/// Each loop of `parent` links once, starting from its smallest id; walks start from each of
/// `starts` in turn.
fn loops<'a>(
    starts: impl Iterator<Item = &'a str>,
    parent: impl Fn(&str) -> Option<&'a str>,
) -> Vec<Vec<&'a str>> {
    let mut state: HashMap<&str, usize> = HashMap::default(); // walk number that visited it
    let mut found = Vec::new();
    for (walk, start) in starts.enumerate() {
        let walk = walk + 1;
        let mut path = Vec::new();
        let mut node = start;
        loop {
            match state.get(node) {
                Some(&w) if w == walk => {
                    let from = path.iter().position(|&n| n == node).unwrap_or(0);
                    let mut cycle: Vec<&str> = path[from..].to_vec();
                    let smallest = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, n)| **n)
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(smallest);
                    found.push(cycle);
                    break;
                }
                Some(_) => break,
                None => {
                    state.insert(node, walk);
                    path.push(node);
                    match parent(node) {
                        Some(parent) => node = parent,
                        None => break,
                    }
                }
            }
        }
    }
    found
}
