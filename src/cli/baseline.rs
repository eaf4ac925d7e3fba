//! `orderly check --since REV --new-only`: the diagnostics a spec folder already had at a git
//! revision, to leave out of a report so that only the new ones show.
//!
//! A diagnostic is the same as an older one when its code, its file (relative to the spec
//! folder) and its place in the file agree: the JSON pointer of the YAML node it is about
//! (else its message), which does not change when an edit moves lines, as SARIF's
//! fingerprints have it. The same problem twice in a file counts twice: a third occurrence
//! where the revision had two is new.

use std::collections::HashMap;
use std::path::Path;

use crate::Error;
use crate::diagnostic::{Code, Diagnostic};
use crate::discover::root::lexical_absolute;
use crate::git::OldFolder;
use crate::load::Limits;
use crate::pipeline;
use crate::source::Files;

/// What makes two diagnostics the same: code, file relative to the spec folder, place.
type Key = (Code, String, String);

/// The diagnostics of a spec folder at a revision, counted by [`Key`].
#[derive(Debug)]
pub(super) struct Baseline {
    older: HashMap<Key, usize>,
    /// The revision, as shown.
    pub(super) revision: String,
}

/// The key of a diagnostic of a file under the spec folder `root`.
fn key(files: &Files, root: &Path, diagnostic: &Diagnostic) -> Key {
    let path = lexical_absolute(files.path(diagnostic.file));
    let root = lexical_absolute(root);
    let relative = path.strip_prefix(&root).unwrap_or(&path);
    let place = diagnostic.pointer.as_deref().unwrap_or(&diagnostic.message);
    (
        diagnostic.code,
        relative.to_string_lossy().replace('\\', "/"),
        place.to_owned(),
    )
}

impl Baseline {
    /// The diagnostics of the spec folder `root` (of the working tree) at `revision`: none
    /// when the folder did not exist then.
    pub(super) fn at(root: &Path, revision: &str, limits: &Limits) -> Result<Baseline, Error> {
        let old = OldFolder::at(root, revision)?;
        let mut older = HashMap::new();
        if old.existed() {
            let mut files = Files::default();
            let old_root = old.path();
            let loaded = pipeline::load_into(&mut files, &old_root, limits);
            for d in &loaded.diagnostics {
                *older.entry(key(&files, &old_root, d)).or_default() += 1;
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
    ) -> Vec<Diagnostic> {
        let (older, new): (Vec<Diagnostic>, Vec<Diagnostic>) = std::mem::take(diagnostics)
            .into_iter()
            .partition(|d| match self.older.get_mut(&key(files, root, d)) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    true
                }
                _ => false,
            });
        *diagnostics = new;
        older
    }
}
