//! The module graph: every `crate::` path in `src/` runs down the layers that `src/lib.rs`
//! lists, never up, and the graph has no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::support::repo;

/// The layers as `src/lib.rs` lists them, lowest first: the module names of each numbered line
/// of the list under "## Layers" (names in backticks or intra-doc links, before a `(`).
fn layers(lib: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            if inside {
                break;
            }
            continue;
        };
        let doc = doc.trim();
        if doc == "## Layers" {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        if doc.starts_with("##") {
            break;
        }
        let Some(item) = doc.strip_prefix(|c: char| c.is_ascii_digit()) else {
            continue;
        };
        let item = item.trim_start_matches(|c: char| c.is_ascii_digit());
        let Some(item) = item.strip_prefix('.') else {
            continue;
        };
        let names = item.split('(').next().unwrap_or_default();
        let layer: Vec<String> = names
            .split(',')
            .map(|name| name.trim().trim_matches(['[', ']', '`']).to_owned())
            .filter(|name| !name.is_empty())
            .collect();
        out.push(layer);
    }
    out
}

/// The top-level module a file under `src/` belongs to (`src/load/doc.rs` → `load`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().expect("a file under src/");
    let name = first.as_os_str().to_string_lossy();
    name.trim_end_matches(".rs").to_owned()
}

/// The code of a file without comments, string literals or its unit tests: what `crate::`
/// paths it compiles.
fn code_of(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The top-level modules a file's code names through `crate::` paths, including the groups
/// of `use crate::{a, b::c}`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let name: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        if !name.is_empty() {
                            out.insert(name);
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

/// Every edge `module → module it uses` between top-level modules of `src/`, with the file
/// that makes it.
fn edges() -> BTreeMap<(String, String), String> {
    let src = repo().join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    let exports = root_exports(&lib);
    let modules: BTreeSet<String> = layers(&lib).into_iter().flatten().collect();
    let mut out = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap().to_path_buf();
            let from = module_of(&relative);
            if from == "lib" || from == "main" {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            for to in uses(&code_of(&text)) {
                let to = module_named(&exports, &modules, &to);
                if to != from {
                    out.entry((from.clone(), to))
                        .or_insert_with(|| relative.display().to_string());
                }
            }
        }
    }
    out
}

/// What `src/lib.rs` re-exports at the crate root (`pub use module::{A, b};`), by name: the
/// module a `crate::A` path really uses.
fn root_exports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        for name in names.trim_matches(['{', '}']).split(',') {
            let name = name.trim().rsplit("::").next().unwrap_or_default();
            if !name.is_empty() {
                out.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    out
}

/// The module a `crate::name` path uses: the module itself, or the one a root re-export
/// comes from (a function may share a module's name, as `load` does: the module wins, since
/// only a module has a path after it).
fn module_named(
    exports: &BTreeMap<String, String>,
    modules: &BTreeSet<String>,
    name: &str,
) -> String {
    if modules.contains(name) {
        return name.to_owned();
    }
    exports
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

/// The layer of a module.
fn layer_of(layers: &[Vec<String>], module: &str) -> Option<usize> {
    layers.iter().position(|l| l.iter().any(|m| m == module))
}

#[test]
fn modules_use_only_their_own_layer_or_those_below() {
    let lib = fs::read_to_string(repo().join("src/lib.rs")).unwrap();
    let layers = layers(&lib);
    assert!(layers.len() >= 5, "no layer list in src/lib.rs: {layers:?}");
    let edges = edges();
    assert!(edges.len() >= 20, "too few edges found: {edges:?}");
    let mut problems = Vec::new();
    for ((from, to), file) in &edges {
        match (layer_of(&layers, from), layer_of(&layers, to)) {
            (Some(a), Some(b)) if b > a => {
                problems.push(format!(
                    "{file}: `{from}` (layer {a}) uses `{to}` (layer {b}), above it"
                ));
            }
            (None, _) => problems.push(format!(
                "{file}: module `{from}` is in no layer of src/lib.rs"
            )),
            (_, None) => problems.push(format!("{file}: `{to}` is in no layer of src/lib.rs")),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    let edges = edges();
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    // Depth-first search with colours: grey on the path, black when done.
    let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
    for &start in next.keys() {
        if colour.contains_key(start) {
            continue;
        }
        let mut path = vec![(start, 0usize)];
        colour.insert(start, 1);
        while let Some(&mut (node, ref mut i)) = path.last_mut() {
            let outs = next.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(&to) = outs.get(*i) {
                *i += 1;
                match colour.get(to) {
                    Some(1) => {
                        let names: Vec<&str> = path.iter().map(|(n, _)| *n).collect();
                        panic!("cycle: {} -> {to}", names.join(" -> "));
                    }
                    Some(_) => {}
                    None => {
                        colour.insert(to, 1);
                        path.push((to, 0));
                    }
                }
            } else {
                colour.insert(node, 2);
                path.pop();
            }
        }
    }
}

#[test]
fn the_graph_reader_sees_grouped_and_inline_paths() {
    let code = code_of(
        "use crate::{a, b::{c, d}, e::f as g};\nfn x() { crate::h::i(); }\n// crate::j\nlet s = \"crate::k\";\n#[cfg(test)]\nmod tests { use crate::l; }\n",
    );
    let found: Vec<String> = uses(&code).into_iter().collect();
    assert_eq!(found, ["a", "b", "e", "h"]);
    let exports =
        root_exports("pub use error::Error;\npub use cli::{Cli, run};\npub use pipeline::load;\n");
    let modules = BTreeSet::from(["load".to_owned()]);
    assert_eq!(module_named(&exports, &modules, "Error"), "error");
    assert_eq!(module_named(&exports, &modules, "run"), "cli");
    assert_eq!(module_named(&exports, &modules, "load"), "load");
    assert_eq!(module_named(&exports, &modules, "model"), "model");
    let layers = layers(
        "//! ## Layers\n//!\n//! 1. [`a`], `b` (leaves,\n//!    `x`)\n//! 2. `c`\n//!\n//! ## Next\n//! 3. `d`\n",
    );
    assert_eq!(layers, [vec!["a", "b"], vec!["c"]]);
}
