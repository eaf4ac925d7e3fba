//! `parent-cycle`.
//!
//! What it checks: following `parent` from an actor (in `actors.yaml`) or a provision (within a
//! version) never comes back to where it started.
//! Why it matters: parents form a tree: components roll up to departments, subsections nest in
//! sections. A loop has no root, and a checklist for a department would never end.
//! Example: `cisa: { parent: dhs }` and `dhs: { parent: cisa }`.
//! Fix: remove the wrong `parent`.

use std::collections::BTreeMap;

use crate::diagnostic::{At, Code, Diagnostic, pointer};
use crate::model::Spec;
use crate::source::FileId;

pub(super) fn check(spec: &Spec, out: &mut Vec<Diagnostic>) {
    if let Some(file) = spec.actors.file {
        let parents: BTreeMap<&str, &str> = spec
            .actors
            .items
            .iter()
            .filter_map(|(id, a)| a.parent.as_deref().map(|p| (id.as_str(), p)))
            .collect();
        for cycle in loops(&parents) {
            report(out, file, "actor", &cycle, |id| {
                pointer(["actors", id, "parent"])
            });
        }
    }
    for instrument in &spec.instruments {
        for version in &instrument.versions {
            let mut located = BTreeMap::new();
            let mut parents = BTreeMap::new();
            for p in version.provisions() {
                located.entry(p.id.as_str()).or_insert(p);
                if let Some(parent) = &p.parent {
                    parents.entry(p.id.as_str()).or_insert(parent.as_str());
                }
            }
            for cycle in loops(&parents) {
                let p = located[cycle[0]];
                report(out, p.file, "provision", &cycle, |id| {
                    located[id].at("/parent")
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

/// Each loop of a parent map once, starting from its smallest id.
fn loops<'a>(parents: &BTreeMap<&'a str, &'a str>) -> Vec<Vec<&'a str>> {
    let mut state: BTreeMap<&str, usize> = BTreeMap::new(); // walk number that visited it
    let mut found = Vec::new();
    for (walk, &start) in parents.keys().enumerate() {
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
                    match parents.get(node) {
                        Some(&parent) => node = parent,
                        None => break,
                    }
                }
            }
        }
    }
    found
}
