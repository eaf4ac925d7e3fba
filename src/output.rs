//! Writing outputs without losing what is already there.
//!
//! - A file (`-o FILE`) is written atomically: a temporary file beside it, then a rename over
//!   it, so that a failed or interrupted run never leaves half a file. A symbolic link is
//!   written through (its target gets the new contents and the link stays); a file with
//!   several hard links, or one the user may not write, is refused, since a rename would split
//!   the links or defeat the protection. Devices and pipes (a FIFO, `/dev/null`) are written in
//!   place, and so are open descriptors (`/dev/stdout`, `/dev/fd/3`), appending to what they
//!   hold. Temporary files a killed run left are swept by the next write of the same file.
//! - A folder (`build -o DIR`, a [`Site`] rendered in memory) is written beside its target
//!   and swapped in ([`write_site`], [`write_folder`]). Only a folder that is absent, empty,
//!   or carries the [`SITE_MARKER`] file of an earlier build is replaced; anything else needs
//!   `--force`. Temporary folders left by a killed build are swept by the
//!   next build of the same output. The working directory, or a folder that holds it, is not
//!   replaced, since whoever works in it would be left in a removed folder.
//! - No output may be, contain or lie inside a spec folder being read ([`refuse_inputs`]).
//!
//! A sweep removes only what a run of orderly made and no running one holds: a temporary file
//! or folder of the expected name that is not locked (every run locks its own until it is
//! done), is at least `SWEEP_AGE` old (so that one just made and not yet locked is left
//! alone) and, for a folder, carries the marker or is empty.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::Error;

/// The file every site written by `orderly build` carries at its root, so that a later build
/// knows the folder is its own to replace.
pub(crate) const SITE_MARKER: &str = ".orderly-site";

/// What the marker file says to someone who finds it.
const SITE_MARKER_TEXT: &str = "This folder is a site written by `orderly build`.\n\
                                The next build to this folder replaces all of it.\n";

/// Temporary names keep at most this many bytes of the output's name, so that a long name
/// plus the temporary prefix and suffix stays within the file system's 255-byte limit.
const NAME_BYTES: usize = 100;

/// How many symbolic links a path may pass through before it is taken for a loop (Linux's
/// limit).
const MAX_LINKS: usize = 40;

/// How old a temporary file or folder must be before a sweep may remove it.
const SWEEP_AGE: std::time::Duration = std::time::Duration::from_secs(2);

/// What temporary files' names hold between the output's name and the random part.
const TEMP_FILE_TAG: &str = "orderly";

fn write_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// The start of a name, cut on a character boundary to at most [`NAME_BYTES`].
fn short_name(name: &str) -> &str {
    if name.len() <= NAME_BYTES {
        return name;
    }
    let mut end = NAME_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The absolute form of `path` with every symbolic link resolved, including a last component
/// that is a link to something that does not exist yet; `..` after a link is taken from the
/// link's target, as the system does.
pub(crate) fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path)?;
    let mut links = 0;
    resolve_from(&absolute, &mut links)
}

fn resolve_from(absolute: &Path, links: &mut usize) -> std::io::Result<PathBuf> {
    let mut out = PathBuf::new();
    let mut components = absolute.components().peekable();
    while let Some(component) = components.next() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                match fs::symlink_metadata(&out) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        *links += 1;
                        if *links > MAX_LINKS {
                            return Err(std::io::Error::other("too many levels of symbolic links"));
                        }
                        let target = fs::read_link(&out)?;
                        out.pop();
                        let joined = out.join(target);
                        out = resolve_from(&joined, links)?;
                    }
                    Ok(_) => {}
                    // Nothing exists from here on: the rest is taken as written.
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                        for rest in components.by_ref() {
                            match rest {
                                Component::ParentDir => {
                                    out.pop();
                                }
                                Component::Normal(name) => out.push(name),
                                _ => {}
                            }
                        }
                    }
                    Err(error) => return Err(error),
                }
            }
        }
    }
    Ok(out)
}

/// Refuses an output that is, contains or lies inside one of the spec folders being read, so
/// that no command can overwrite the files it reads.
pub(crate) fn refuse_inputs(output: &Path, specs: &[&Path]) -> Result<(), Error> {
    let Ok(out) = resolve(output) else {
        return Ok(());
    };
    for spec in specs {
        let Ok(root) = resolve(spec) else { continue };
        if out.starts_with(&root) || root.starts_with(&out) {
            return Err(Error::OutputOverlapsSpec {
                output: output.to_path_buf(),
                spec: spec.to_path_buf(),
                inside: out.starts_with(&root),
            });
        }
    }
    Ok(())
}

/// Whether a path names an open descriptor of this process (`/dev/stdout`, `/dev/fd/3`,
/// `/proc/self/fd/1`), which is written in place rather than resolved to what it points at.
fn is_descriptor(path: &Path) -> bool {
    let Ok(absolute) = std::path::absolute(path) else {
        return false;
    };
    let text = absolute.to_string_lossy();
    ["/dev/stdout", "/dev/stderr", "/dev/stdin"].contains(&text.as_ref())
        || text.starts_with("/dev/fd/")
        || text.starts_with("/proc/self/fd/")
        || text.strip_prefix("/proc/").is_some_and(|rest| {
            rest.split_once('/').is_some_and(|(pid, rest)| {
                pid.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with("fd/")
            })
        })
}

/// Whether the file at `path` may be replaced: someone may write it (a file with no write
/// permission at all is protected, even from root), and so may this process.
fn writable(path: &Path, meta: &fs::Metadata) -> bool {
    if meta.permissions().readonly() {
        return false;
    }
    #[cfg(target_os = "linux")]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        true
    }
}

/// Writes `contents` to `path` atomically; see the module's documentation for links, devices,
/// pipes and descriptors.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |out| out.write_all(contents))
}

/// [`write_atomic`] of what `write` writes, handed to it piece by piece through a buffer, so
/// that a long output need not be held whole in memory first.
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = write_error(path);
    let buffered = |file: &fs::File| {
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()
    };
    // Written in place: a reader at the other end of a pipe that stops reading (`| head`) is
    // no error, as on standard output.
    let quiet = |written: std::io::Result<()>| match written {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    };
    if is_descriptor(path) {
        let file = fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(&fail)?;
        return quiet(buffered(&file)).map_err(&fail);
    }
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(&fail)?;
        return quiet(buffered(&file)).map_err(&fail);
    }
    // Write through a symbolic link to the file it names.
    let target = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolve(path).map_err(&fail)?
    } else {
        path.to_path_buf()
    };
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::OutputIsFolder(path.to_path_buf()));
        }
        Ok(meta) if meta.is_file() => {
            if !writable(&target, &meta) {
                return Err(Error::OutputReadOnly(path.to_path_buf()));
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                if meta.nlink() > 1 {
                    return Err(Error::OutputHardLinked {
                        path: path.to_path_buf(),
                        links: meta.nlink(),
                    });
                }
            }
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let prefix = format!(".{}.{TEMP_FILE_TAG}.", short_name(&name));
    sweep_files(dir, &prefix);
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(&fail)?;
    // Held until the rename, so that another run's sweep leaves the file alone.
    let _ = temp.as_file().lock();
    buffered(temp.as_file()).map_err(&fail)?;
    // Temporary files are private; give the output the target's permissions, or the usual
    // read-for-everyone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&target).map_or(0o644, |m| m.permissions().mode());
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(&fail)?;
    }
    temp.as_file().sync_all().map_err(&fail)?;
    temp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Removes the temporary files a killed write of the same output left in `dir`: regular files
/// named `PREFIX` + six letters or digits + `.tmp` that are old enough and not locked.
fn sweep_files(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let path = entry.path();
        if !random_part(rest) || !stale(&path, fs::FileType::is_file) {
            continue;
        }
        if let Ok(file) = fs::File::open(&path)
            && file.try_lock().is_ok()
        {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Whether a name's end is tempfile's random part: six letters and digits.
fn random_part(rest: &str) -> bool {
    rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `path` is of the kind `is` tests (not following links) and old enough to sweep.
fn stale(path: &Path, is: impl Fn(&fs::FileType) -> bool) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| {
        is(&meta.file_type())
            && meta
                .modified()
                .ok()
                .and_then(|at| at.elapsed().ok())
                .is_some_and(|age| age >= SWEEP_AGE)
    })
}

/// How an existing output folder may be treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Only a folder that is empty or carries the site marker (`.orderly-site`).
    OwnOnly,
    /// Any folder (`--force`).
    Force,
}

/// Writes a folder at `out`: `fill` writes the files into a temporary folder beside it, which
/// then takes `out`'s place (in one exchange where the system has one, so that a previous site
/// stays whole until the new one takes its name). A symbolic link at `out` is followed.
pub(crate) fn write_folder(
    out: &Path,
    replace: Replace,
    fill: impl FnOnce(&Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let target = resolve(out).map_err(write_error(out))?;
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(Error::OutputNotReplaceable(out.to_path_buf()));
    };
    let name = short_name(&name.to_string_lossy()).to_owned();
    if let Ok(cwd) = std::env::current_dir().and_then(|cwd| resolve(&cwd))
        && cwd.starts_with(&target)
    {
        return Err(Error::OutputHoldsWorkingDirectory(out.to_path_buf()));
    }
    match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            if replace == Replace::OwnOnly && !replaceable(&target).map_err(write_error(out))? {
                return Err(Error::OutputNotOurs {
                    folder: out.to_path_buf(),
                    marker: SITE_MARKER,
                });
            }
        }
        Ok(_) => return Err(Error::OutputNotFolder(out.to_path_buf())),
        Err(_) => {}
    }
    fs::create_dir_all(parent).map_err(write_error(parent))?;
    sweep(parent, &name);
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}.building."))
        .tempdir_in(parent)
        .map_err(write_error(parent))?;
    // Held until this build is done, so that another build's sweep leaves the folder alone.
    let lock = lock(temp.path());
    // The marker goes in first: it tells a later sweep that the folder is orderly's.
    let marker = temp.path().join(SITE_MARKER);
    fs::write(&marker, SITE_MARKER_TEXT).map_err(write_error(&marker))?;
    fill(temp.path())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o755))
            .map_err(write_error(temp.path()))?;
    }
    let built = temp.keep();
    let swapped = swap(&built, &target, parent, &name).map_err(write_error(out));
    drop(lock);
    if swapped.is_err() {
        let _ = fs::remove_dir_all(&built);
    }
    swapped
}

/// A site's files, by path relative to the site's root, rendered in memory and written whole
/// by [`write_site`].
pub struct Site {
    /// Files and their contents.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
}

/// Writes the site to `out` (as `write_folder` does): a folder that is absent, empty or an
/// earlier site is replaced whole once every page is written; any other folder only with
/// [`Replace::Force`].
pub fn write_site(site: &Site, out: &Path, replace: Replace) -> Result<(), Error> {
    write_folder(out, replace, |dir| {
        for (path, bytes) in &site.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(write_error(parent))?;
            }
            fs::write(&target, bytes).map_err(write_error(&target))?;
        }
        Ok(())
    })
}

/// Puts the folder `built` in `target`'s place. Another build to the same output may put its
/// own there meanwhile; the swap then tries again with what it finds.
fn swap(built: &Path, target: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    let mut tries = 0;
    loop {
        tries += 1;
        let result = if target.is_dir() && exchange(built, target).is_ok() {
            // `built` now holds the previous folder. The new one is in place whatever happens
            // here, so failing to remove the old one is no reason to report the build failed;
            // the next build sweeps it.
            let _ = fs::remove_dir_all(built);
            return Ok(());
        } else if target.exists() {
            move_aside_and_rename(built, target, parent, name)
        } else {
            fs::rename(built, target)
        };
        match result {
            Err(_) if tries < 3 && target.exists() => {}
            result => return result,
        }
    }
}

/// Whether an existing folder is one a build may replace: empty, or holding the marker.
fn replaceable(dir: &Path) -> std::io::Result<bool> {
    if fs::symlink_metadata(dir.join(SITE_MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(true);
    }
    Ok(fs::read_dir(dir)?.next().is_none())
}

/// Where the system cannot exchange two folders: move the old one aside, put the new one in
/// its place, remove the old one; if the second step fails, put the old one back.
fn move_aside_and_rename(
    built: &Path,
    target: &Path,
    parent: &Path,
    name: &str,
) -> std::io::Result<()> {
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.previous."))
        .tempdir_in(parent)?
        .keep();
    // `old` exists (empty) so that its name is ours; the rename replaces it.
    fs::remove_dir(&old)?;
    fs::rename(target, &old)?;
    if let Err(error) = fs::rename(built, target) {
        let _ = fs::rename(&old, target);
        return Err(error);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Removes the temporary folders an interrupted build of `name` left in `parent`: those named
/// as [`write_folder`] names them, old enough, that no running build holds, and that carry the
/// marker (removed whole) or are empty.
fn sweep(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let building = format!(".{name}.building.");
    let previous = format!(".{name}.previous.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name
            .strip_prefix(&building)
            .or_else(|| file_name.strip_prefix(&previous))
        else {
            continue;
        };
        let path = entry.path();
        if !random_part(rest) || !stale(&path, fs::FileType::is_dir) {
            continue;
        }
        let Ok(dir) = fs::File::open(&path) else {
            continue;
        };
        if dir.try_lock().is_err() {
            continue;
        }
        if fs::symlink_metadata(path.join(SITE_MARKER)).is_ok_and(|m| m.is_file()) {
            let _ = fs::remove_dir_all(&path);
        } else {
            // Only if empty: a folder without the marker may be someone else's.
            let _ = fs::remove_dir(&path);
        }
    }
}

/// An exclusive lock on a folder, released when dropped (or when the process ends, however
/// it ends). Where folders cannot be locked, nothing is held.
fn lock(dir: &Path) -> Option<fs::File> {
    let file = fs::File::open(dir).ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Swaps two folders in one step, so that neither path is ever missing (Linux 3.15 and later,
/// on file systems that support it).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

/// Elsewhere there is no such call; the caller moves the old folder aside instead.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_whole_characters() {
        let long = "é".repeat(80);
        let short = short_name(&long);
        assert!(short.len() <= NAME_BYTES && short.len() >= NAME_BYTES - 1);
        assert_eq!(short_name("site"), "site");
    }

    #[test]
    fn resolve_follows_links_and_keeps_missing_tails() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
            let resolved = resolve(&dir.path().join("link/new/../x.md")).unwrap();
            assert_eq!(resolved, resolve(&real).unwrap().join("x.md"));
            std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
            assert!(resolve(&dir.path().join("loop")).is_err());
        }
    }
}
