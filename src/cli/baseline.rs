//! `orderly check --since REV --new-only`: the diagnostics a spec folder already had at a git
//! revision, to leave out of a report so that only the new ones show.
//!
//! A diagnostic is the same as an older one when its code, where it is and its place agree.
//! The place is the JSON pointer of the YAML node it is about (else its message), which does
//! not change when an edit moves lines, as SARIF's fingerprints have it; and in that pointer an
//! item of a list that has an `id` (a provision, a version) is named by its id, not by its
//! index: `/provisions/[id=survey]/actor` rather than `/provisions/3/actor`, so that a
//! provision inserted or removed above another leaves the other's diagnostics older. Where it
//! is: the file (relative to the spec folder), or for a place inside an item with an id, the
//! folder of the file, since such ids are unique within a folder (a provision's within its
//! version): a provision moved to another section file of its version keeps its diagnostics
//! older, one copied into another version has new ones. The same problem twice counts twice:
//! a third occurrence where the revision had two is new.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::Error;
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::root::lexical_absolute;
use crate::git::OldFolder;
use crate::load::doc::{DocNode, View};
use crate::load::{Doc, Limits, parse_doc, parse_doc_reporting_duplicates};
use crate::pipeline;
use crate::source::{FileId, Files};
use crate::text::pointer::{pointer, unescape};

/// What makes two diagnostics the same: code, file or folder relative to the spec folder,
/// place.
type Key = (Code, String, String);

/// The diagnostics of a spec folder at a revision, counted by [`Key`].
#[derive(Debug)]
pub(super) struct Baseline {
    older: HashMap<Key, usize>,
    /// The revision, as shown.
    pub(super) revision: String,
}

/// `pointer` with each index of a list item that is a mapping with a string `id` replaced by
/// `[id=…]`, walked down `doc`; the segments past a node the document lacks stay as they are.
/// Also whether an index was replaced.
fn stable_place(doc: Option<&Doc<'_>>, place: &str) -> (String, bool) {
    let Some(doc) = doc else {
        return (place.to_owned(), false);
    };
    let mut node = Some(doc.root());
    let mut out = String::with_capacity(place.len());
    let mut named = false;
    for segment in place.split('/').skip(1) {
        let mut shown = None;
        node = match node.map(DocNode::view) {
            Some(View::Map(map)) => map.get(&unescape(segment)),
            Some(View::Seq(seq)) => {
                let item = segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| seq.iter().nth(i));
                if let Some(View::String(id)) = item.and_then(|i| i.get("id")).map(DocNode::view) {
                    shown = Some(pointer([format!("[id={id}]")]));
                    named = true;
                }
                item
            }
            _ => None,
        };
        if let Some(shown) = shown {
            out.push_str(&shown);
        } else {
            out.push('/');
            out.push_str(segment);
        }
    }
    (out, named)
}

/// The keys of `diagnostics`, of files under the spec folder `root`, in their order. Each file
/// with a diagnostic at a pointer is parsed once more, to find the ids of the list items.
fn keys(files: &Files, root: &Path, diagnostics: &[Diagnostic], limits: &Limits) -> Vec<Key> {
    let root = lexical_absolute(root);
    let mut by_file: BTreeMap<FileId, Vec<usize>> = BTreeMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        by_file.entry(d.file).or_default().push(i);
    }
    let mut keys: Vec<Option<Key>> = vec![None; diagnostics.len()];
    for (file, indexes) in by_file {
        let path = lexical_absolute(files.path(file));
        let relative = path.strip_prefix(&root).unwrap_or(&path);
        let folder = relative.parent().unwrap_or(Path::new(""));
        let shown = |path: &Path| path.to_string_lossy().replace('\\', "/");
        let text = files.get(file).text.as_deref();
        let wanted = indexes.iter().any(|&i| diagnostics[i].pointer.is_some());
        let doc = text
            .filter(|_| wanted)
            .and_then(|text| match parse_doc(text, limits) {
                Ok(doc) => doc,
                Err(_) => parse_doc_reporting_duplicates(text, limits)
                    .ok()
                    .and_then(|(doc, _)| doc),
            });
        for i in indexes {
            let d = &diagnostics[i];
            let (place, named) = match &d.pointer {
                Some(at) => stable_place(doc.as_ref(), at),
                None => (d.message.clone(), false),
            };
            let scope = if named { folder } else { relative };
            keys[i] = Some((d.code, shown(scope), place));
        }
    }
    keys.into_iter().flatten().collect()
}

impl Baseline {
    /// The diagnostics of the spec folder `root` (of the working tree) at `revision`: none
    /// when the folder did not exist then.
    pub(super) fn at(root: &Path, revision: &str, limits: &Limits) -> Result<Baseline, Error> {
        let old = OldFolder::at(root, revision, limits.max_file_bytes)?;
        let mut older = HashMap::new();
        if old.existed() {
            let mut files = Files::default();
            let old_root = old.path();
            let loaded = pipeline::load_into(&mut files, &old_root, limits);
            for key in keys(&files, &old_root, &loaded.diagnostics, limits) {
                *older.entry(key).or_default() += 1;
            }
        }
        Ok(Baseline {
            older,
            revision: old.revision.shown.clone(),
        })
    }

    /// Takes out of `diagnostics` (of the spec folder `root`) those the revision had, and
    /// returns them.
    pub(super) fn leave_out(
        &mut self,
        files: &Files,
        root: &Path,
        diagnostics: &mut Vec<Diagnostic>,
        limits: &Limits,
    ) -> Vec<Diagnostic> {
        let keys = keys(files, root, diagnostics, limits);
        let mut older = Vec::new();
        let mut new = Vec::new();
        for (d, key) in std::mem::take(diagnostics).into_iter().zip(keys) {
            match self.older.get_mut(&key) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    older.push(d);
                }
                _ => new.push(d),
            }
        }
        *diagnostics = new;
        older
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, at: &str) -> (String, bool) {
        let limits = Limits::default();
        let doc = parse_doc(text, &limits).unwrap();
        stable_place(doc.as_ref(), at)
    }

    #[test]
    fn list_items_with_an_id_are_named_by_it() {
        let text =
            "provisions:\n  - id: a/b\n    actor: x\n  - ref: '2'\n    status:\n      - id: s\n";
        assert_eq!(
            place(text, "/provisions/0/actor"),
            ("/provisions/[id=a~1b]/actor".to_owned(), true)
        );
        // No id: the index stays; nested items with an id are named.
        assert_eq!(
            place(text, "/provisions/1/status/0/id"),
            ("/provisions/1/status/[id=s]/id".to_owned(), true)
        );
        assert_eq!(
            place(text, "/provisions/1/ref"),
            ("/provisions/1/ref".to_owned(), false)
        );
        // Past the end of the document, and through escaped keys, the segments stay.
        assert_eq!(
            place(text, "/provisions/7/actor"),
            ("/provisions/7/actor".to_owned(), false)
        );
        assert_eq!(place(text, "/a~1b/0"), ("/a~1b/0".to_owned(), false));
        assert_eq!(place(text, ""), (String::new(), false));
    }
}
