//! Writing output files atomically: write a temporary file beside the target, then rename it
//! over the target, so that a failed or interrupted run never leaves a half-written file.
//! Devices and pipes (`-o /dev/stdout`, a FIFO) are written in place, since renaming a file over
//! one would replace it.

use std::io::Write;
use std::path::Path;

use crate::Error;

/// Writes `contents` to `path` atomically; a device or a pipe is written in place.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut target = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        return target.write_all(contents).map_err(fail);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    // Temporary files are private; give the output the target's permissions, or the usual
    // read-for-everyone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
