//! Old revisions of a spec folder, read with the `git` executable: which repository a folder is
//! in, which commit a revision names, and the files of a folder at that commit, written into a
//! temporary folder so that the usual pipeline can read them.
//!
//! Only plumbing commands that read the object database run (`rev-parse`, `ls-tree`,
//! `cat-file --batch`): the working tree and the index are never touched. Pathspecs are
//! literal (`--literal-pathspecs`) and a revision is passed after `--end-of-options`, so a
//! revision or folder name is never read as an option or a pattern. A tree entry whose path
//! would leave the temporary folder is not written, and a file over the size limit is not read
//! into memory. Where `GIT_DIR` is set, as it is in a git hook, the repository and working tree
//! it names are resolved once from the working directory and passed on as absolute paths.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

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

/// The environment git runs with: messages in English, no optional locks, and where `GIT_DIR`
/// is set (as in a git hook), the repository and working tree it names from the working
/// directory, as absolute paths: git reads a relative `GIT_DIR` from the folder `-C` names, and
/// without `GIT_WORK_TREE` takes that folder for the working tree's top.
fn environment() -> &'static [(OsString, OsString)] {
    static ENVIRONMENT: OnceLock<Vec<(OsString, OsString)>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut vars: Vec<(OsString, OsString)> = vec![
            ("LC_ALL".into(), "C".into()),
            ("GIT_OPTIONAL_LOCKS".into(), "0".into()),
        ];
        if std::env::var_os("GIT_DIR").is_some() {
            let found = Command::new("git")
                .args(["rev-parse", "--absolute-git-dir", "--show-toplevel"])
                .envs(vars.iter().map(|(k, v)| (k, v)))
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output();
            if let Ok(output) = found
                && output.status.success()
            {
                let text = String::from_utf8_lossy(&output.stdout);
                let mut lines = text.lines();
                if let (Some(git_dir), Some(top)) = (lines.next(), lines.next()) {
                    vars.push(("GIT_DIR".into(), git_dir.into()));
                    vars.push(("GIT_WORK_TREE".into(), top.into()));
                }
            }
        }
        vars
    })
}

/// `git -C dir`, in [`environment`].
fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .envs(environment().iter().map(|(k, v)| (k, v)));
    command
}

/// Runs git with `args` in `dir`; its standard output, or what it said on standard error when
/// it failed.
fn git(dir: &Path, args: &[&OsStr]) -> Result<Result<Vec<u8>, String>, Error> {
    let output = command(dir)
        .args(args)
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
        // `^A` excludes a commit: one half of a range, which rev-parse accepts as its own.
        if let Some(start) = revision.strip_prefix('^').filter(|s| !s.is_empty()) {
            return Err(Error::RevisionRange(revision.to_owned(), start.to_owned()));
        }
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
            Err(_) if revision.contains("..") => {
                let start = revision.split("..").next().unwrap_or_default();
                let start = if start.is_empty() { "HEAD" } else { start };
                return Err(Error::RevisionRange(revision.to_owned(), start.to_owned()));
            }
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
    /// spec folder ignores them), and so are submodules; a file over `max_bytes` is written as
    /// a file of its size holding none of its bytes; symbolic links are written as links
    /// on Unix and left out elsewhere.
    pub(crate) fn materialize(
        &self,
        revision: &Revision,
        folder: &Path,
        into: &Path,
        max_bytes: u64,
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
        let mut tree = Tree::new();
        let objects = wanted.iter().map(|(_, object, _)| object.as_str());
        self.blobs(objects, max_bytes, &mut |i, blob| {
            let (link, _, path) = &wanted[i];
            let target = into.join(path);
            let write = |target: &Path| -> std::io::Result<()> {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                match blob {
                    #[cfg(unix)]
                    Blob::Bytes(bytes) if *link => {
                        std::os::unix::fs::symlink(OsStr::new(&line(&bytes)), target)
                    }
                    Blob::Bytes(_) if *link => Ok(()),
                    Blob::Bytes(bytes) => std::fs::write(target, bytes),
                    // A file of that size, with no data written (sparse where the system
                    // can): loading it reports it over the limit, as it would the working
                    // tree's, without its bytes ever held in memory or on disk.
                    Blob::TooLarge(size) => std::fs::File::create(target)?.set_len(size),
                }
            };
            write(&target).map_err(|source| Error::Write {
                path: target.clone(),
                source,
            })?;
            tree.insert(path.clone());
            Ok(())
        })?;
        Ok(tree)
    }

    /// The blobs named, in the order asked, from one `git cat-file --batch`, each passed to
    /// `each` with its index as it is read: its bytes, or only its size when that is over
    /// `max_bytes`, so that no more than one file's bytes, within the limit, are in memory.
    fn blobs<'a>(
        &self,
        objects: impl Iterator<Item = &'a str>,
        max_bytes: u64,
        each: &mut dyn FnMut(usize, Blob) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut request = String::new();
        for object in objects {
            request.push_str(object);
            request.push('\n');
        }
        if request.is_empty() {
            return Ok(());
        }
        let failed = |said: String| Error::Git {
            what: "read the files of an old revision".to_owned(),
            source: GitMessage(said),
        };
        let mut child = command(&self.toplevel)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(Error::GitMissing)?;
        let mut stdin = child.stdin.take().ok_or_else(|| failed(String::new()))?;
        // Written from another thread, so that git never waits on a full pipe while we do.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut out = BufReader::new(child.stdout.take().ok_or_else(|| failed(String::new()))?);
        let mut read = || -> Result<(), Error> {
            let mut header = String::new();
            for i in 0.. {
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
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .ok_or_else(|| failed(header.trim().to_owned()))?;
                let blob = if size > max_bytes {
                    let skipped = std::io::copy(&mut (&mut out).take(size), &mut std::io::sink())
                        .map_err(|e| failed(e.to_string()))?;
                    if skipped != size {
                        return Err(failed("the file ended early".to_owned()));
                    }
                    Blob::TooLarge(size)
                } else {
                    let mut bytes = vec![0; usize::try_from(size).unwrap_or(usize::MAX)];
                    out.read_exact(&mut bytes)
                        .map_err(|e| failed(e.to_string()))?;
                    Blob::Bytes(bytes)
                };
                out.read_exact(&mut [0])
                    .map_err(|e| failed(e.to_string()))?;
                each(i, blob)?;
            }
            Ok(())
        };
        let result = read();
        drop(out);
        let _ = writer.join();
        let mut said = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = stderr.read_to_string(&mut said);
        }
        let status = child.wait().map_err(|e| failed(e.to_string()))?;
        result?;
        if !status.success() {
            return Err(failed(said.trim().to_owned()));
        }
        Ok(())
    }
}

/// A blob of an old revision, as [`Repo::blobs`] reads it.
enum Blob {
    /// Its bytes.
    Bytes(Vec<u8>),
    /// Its size, over the limit: its bytes were not kept.
    TooLarge(u64),
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
    pub(crate) fn at(path: &Path, revision: &str, max_bytes: u64) -> Result<OldFolder, Error> {
        let repo = Repo::of(path)?;
        let revision = repo.resolve(revision)?;
        let relative = repo
            .relative(path)
            .ok_or_else(|| Error::NotARepository(path.to_path_buf(), None))?;
        let dir = tempfile::tempdir().map_err(|source| Error::Write {
            path: std::env::temp_dir(),
            source,
        })?;
        let tree = repo.materialize(&revision, &relative, dir.path(), max_bytes)?;
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

    /// A file over the size limit at the revision is written as a file of its size with none
    /// of its bytes, which loading reports as over the limit; one within it, as it was.
    #[test]
    fn a_file_over_the_limit_is_written_without_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
                .args(args)
                .current_dir(dir.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok || std::env::var_os("CI").is_none(), "git {args:?}");
            ok
        };
        if !run(&["init", "-q"]) {
            return;
        }
        std::fs::create_dir(dir.path().join("spec")).unwrap();
        std::fs::write(dir.path().join("spec/big.yaml"), "a".repeat(100)).unwrap();
        std::fs::write(dir.path().join("spec/small.yaml"), "b: 1\n").unwrap();
        assert!(run(&["add", "-A"]) && run(&["commit", "-q", "-m", "files"]));
        let repo = Repo::of(&dir.path().join("spec")).unwrap();
        let revision = repo.resolve("HEAD").unwrap();
        let into = tempfile::tempdir().unwrap();
        let tree = repo
            .materialize(&revision, Path::new("spec"), into.path(), 10)
            .unwrap();
        assert_eq!(tree.len(), 2);
        let big = std::fs::read(into.path().join("spec/big.yaml")).unwrap();
        assert_eq!(big.len(), 100);
        assert!(big.iter().all(|&b| b == 0));
        assert_eq!(
            std::fs::read_to_string(into.path().join("spec/small.yaml")).unwrap(),
            "b: 1\n"
        );
    }

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
