//! Old revisions of a spec folder, read with the `git` executable: which repository a folder is
//! in, which commit a revision names, and the files of a folder at that commit, written into a
//! temporary folder so that the usual pipeline can read them.
//!
//! Only plumbing commands that read the object database run (`rev-parse`, `ls-tree`,
//! `cat-file --batch`): the working tree and the index are never touched. Pathspecs are
//! literal (`--literal-pathspecs`) and a revision is passed after `--end-of-options`, so a
//! revision or folder name is never read as an option or a pattern. A tree entry whose path
//! would leave the temporary folder is not written.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, GitMessage};

/// A git repository's working tree.
#[derive(Debug)]
pub(crate) struct Repo {
    /// The top folder of the working tree, as the system resolves it (links followed).
    toplevel: PathBuf,
}

/// A revision, resolved to a commit.
#[derive(Clone, Debug)]
pub(crate) struct Revision {
    /// The commit's full object name.
    commit: String,
    /// What to call it: the revision as given, or for a full object name its first 12 digits.
    pub(crate) shown: String,
}

/// What [`Repo::materialize`] wrote: paths relative to the repository's top.
pub(crate) type Tree = BTreeSet<PathBuf>;

/// Runs git with `args` in `dir`, with messages in English; its standard output, or what it
/// said on standard error when it failed.
fn git(dir: &Path, args: &[&OsStr]) -> Result<Result<Vec<u8>, String>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("LC_ALL", "C")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(Error::GitMissing)?;
    Ok(if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    })
}

/// Whether a file is one a spec folder can use: a YAML file (`.yaml` or `.yml`). Only these
/// are written from an old revision, and only these are compared with the working tree.
pub(crate) fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// What to call a revision: as given, or for a full object name (40 or 64 hexadecimal
/// digits) its first 12 digits.
fn shown_name(revision: &str) -> String {
    let full = matches!(revision.len(), 40 | 64) && revision.bytes().all(|b| b.is_ascii_hexdigit());
    if full {
        revision[..12].to_owned()
    } else {
        revision.to_owned()
    }
}

/// `text` without its final line break.
fn line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim_end().to_owned()
}

impl Repo {
    /// The repository that holds the folder `dir`.
    pub(crate) fn of(dir: &Path) -> Result<Repo, Error> {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        match git(dir, &["rev-parse".as_ref(), "--show-toplevel".as_ref()])? {
            Ok(out) => Ok(Repo {
                toplevel: std::fs::canonicalize(line(&out))
                    .map_err(|_| Error::NotARepository(dir.to_path_buf(), None))?,
            }),
            Err(said) => Err(Error::NotARepository(
                dir.to_path_buf(),
                Some(GitMessage(said)),
            )),
        }
    }

    /// The commit a revision (a branch, tag, commit or any expression git reads) names.
    pub(crate) fn resolve(&self, revision: &str) -> Result<Revision, Error> {
        let spec = format!("{revision}^{{commit}}");
        let args: [&OsStr; 5] = [
            "rev-parse".as_ref(),
            "--verify".as_ref(),
            "--quiet".as_ref(),
            "--end-of-options".as_ref(),
            spec.as_ref(),
        ];
        let commit = match git(&self.toplevel, &args)? {
            Ok(out) => line(&out),
            Err(said) => {
                return Err(Error::UnknownRevision(
                    revision.to_owned(),
                    (!said.is_empty()).then_some(GitMessage(said)),
                ));
            }
        };
        Ok(Revision {
            commit,
            shown: shown_name(revision),
        })
    }

    /// A path in the working tree, relative to the repository's top, or `None` when it lies
    /// outside it (or does not exist).
    pub(crate) fn relative(&self, path: &Path) -> Option<PathBuf> {
        let path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        let absolute = std::fs::canonicalize(path).ok()?;
        absolute
            .strip_prefix(&self.toplevel)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Writes the YAML files under `folder` (relative to the repository's top) at `revision`
    /// into `into`, at the same relative paths, and returns them. Other files are left out (a
    /// spec folder ignores them), and so are submodules; symbolic links are written as links
    /// on Unix and left out elsewhere.
    pub(crate) fn materialize(
        &self,
        revision: &Revision,
        folder: &Path,
        into: &Path,
    ) -> Result<Tree, Error> {
        let mut args: Vec<&OsStr> = vec![
            "--literal-pathspecs".as_ref(),
            "ls-tree".as_ref(),
            "-r".as_ref(),
            "-z".as_ref(),
            "--full-tree".as_ref(),
            "--end-of-options".as_ref(),
            revision.commit.as_ref(),
        ];
        if !folder.as_os_str().is_empty() {
            args.push("--".as_ref());
            args.push(folder.as_os_str());
        }
        let listing = git(&self.toplevel, &args)?.map_err(|said| Error::Git {
            what: format!("list the files of `{}`", revision.shown),
            source: GitMessage(said),
        })?;
        // `<mode> <type> <object>\t<path>`, each ended by a zero byte.
        let mut wanted: Vec<(bool, String, PathBuf)> = Vec::new();
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let text = String::from_utf8_lossy(entry);
            let Some((meta, path)) = text.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some("blob"), Some(object)) = (meta.next(), meta.next(), meta.next())
            else {
                continue;
            };
            let path = PathBuf::from(path);
            let link = mode == "120000";
            if !path.components().all(|c| matches!(c, Component::Normal(_)))
                || !(link || is_yaml(&path))
            {
                continue;
            }
            wanted.push((link, object.to_owned(), path));
        }
        let blobs = self.blobs(wanted.iter().map(|(_, object, _)| object.as_str()))?;
        let mut tree = Tree::new();
        for ((link, _, path), bytes) in wanted.into_iter().zip(blobs) {
            let target = into.join(&path);
            let write = |target: &Path| -> std::io::Result<()> {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                if link {
                    #[cfg(unix)]
                    std::os::unix::fs::symlink(OsStr::new(&line(&bytes)), target)?;
                    Ok(())
                } else {
                    std::fs::write(target, &bytes)
                }
            };
            write(&target).map_err(|source| Error::Write {
                path: target.clone(),
                source,
            })?;
            tree.insert(path);
        }
        Ok(tree)
    }

    /// The contents of blobs, in the order asked, from one `git cat-file --batch`.
    fn blobs<'a>(&self, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, Error> {
        let mut request = String::new();
        for object in objects {
            request.push_str(object);
            request.push('\n');
        }
        if request.is_empty() {
            return Ok(Vec::new());
        }
        let failed = |said: String| Error::Git {
            what: "read the files of an old revision".to_owned(),
            source: GitMessage(said),
        };
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.toplevel)
            .args(["cat-file", "--batch"])
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(Error::GitMissing)?;
        let mut stdin = child.stdin.take().ok_or_else(|| failed(String::new()))?;
        // Written from another thread, so that git never waits on a full pipe while we do.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut out = BufReader::new(child.stdout.take().ok_or_else(|| failed(String::new()))?);
        let mut blobs = Vec::new();
        let mut header = String::new();
        loop {
            header.clear();
            if out
                .read_line(&mut header)
                .map_err(|e| failed(e.to_string()))?
                == 0
            {
                break;
            }
            // `<object> blob <size>`, then the bytes and a line break.
            let size = header
                .split(' ')
                .nth(2)
                .and_then(|s| s.trim().parse::<usize>().ok())
                .ok_or_else(|| failed(header.trim().to_owned()))?;
            let mut bytes = vec![0; size];
            out.read_exact(&mut bytes)
                .and_then(|()| out.read_exact(&mut [0]))
                .map_err(|e| failed(e.to_string()))?;
            blobs.push(bytes);
        }
        let _ = writer.join();
        let mut said = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut said);
        }
        let status = child.wait().map_err(|e| failed(e.to_string()))?;
        if !status.success() {
            return Err(failed(said.trim().to_owned()));
        }
        Ok(blobs)
    }
}

/// A folder at a revision, written into a temporary folder: the path of the folder there, and
/// how to name its files (`REV:path`, with the path relative to the repository's top).
#[derive(Debug)]
pub(crate) struct OldFolder {
    /// Removed when dropped.
    dir: tempfile::TempDir,
    /// The folder, relative to the repository's top.
    relative: PathBuf,
    /// The revision.
    pub(crate) revision: Revision,
    /// The files written, relative to the repository's top.
    pub(crate) tree: Tree,
}

impl OldFolder {
    /// The folder `path` of the working tree as it was at `revision`: an empty folder if it did
    /// not exist then.
    pub(crate) fn at(path: &Path, revision: &str) -> Result<OldFolder, Error> {
        let repo = Repo::of(path)?;
        let revision = repo.resolve(revision)?;
        let relative = repo
            .relative(path)
            .ok_or_else(|| Error::NotARepository(path.to_path_buf(), None))?;
        let dir = tempfile::tempdir().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
        let tree = repo.materialize(&revision, &relative, dir.path())?;
        std::fs::create_dir_all(dir.path().join(&relative)).map_err(|source| Error::Write {
            path: dir.path().join(&relative),
            source,
        })?;
        Ok(OldFolder {
            dir,
            relative,
            revision,
            tree,
        })
    }

    /// Where the folder was written.
    pub(crate) fn path(&self) -> PathBuf {
        self.dir.path().join(&self.relative)
    }

    /// Whether the folder held a YAML file at the revision.
    pub(crate) fn existed(&self) -> bool {
        !self.tree.is_empty()
    }

    /// How to show a path under [`OldFolder::path`]: `REV:path`, with the path relative to
    /// the repository's top; other paths as they are.
    pub(crate) fn shown(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(self.dir.path()) {
            Ok(inside) => {
                let mut shown = format!("{}:", self.revision.shown);
                shown.push_str(&inside.to_string_lossy().replace('\\', "/"));
                PathBuf::from(shown)
            }
            Err(_) => path.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_object_name_is_shown_by_its_first_twelve_digits() {
        assert_eq!(
            shown_name("0123456789abcdef0123456789abcdef01234567"),
            "0123456789ab"
        );
        assert_eq!(shown_name("HEAD~2"), "HEAD~2");
        assert_eq!(shown_name("0123456789abcdef"), "0123456789abcdef");
    }
}
