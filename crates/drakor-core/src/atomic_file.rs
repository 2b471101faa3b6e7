//! Files written whole or not at all: the content goes to a new file beside
//! the target, is synced, and is renamed over it, so a reader sees the old
//! file or the whole new one, never half. Exports and backups both use it.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` to a new file in `path`'s folder, syncs it and renames it
/// over `path`, so readers see the old file or the whole new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_atomically(path, |file| {
        file.write_all(bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    })
}

/// [`write_atomically`], with the file's content written by `write`.
pub(crate) fn write_file_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<T>,
) -> Result<T> {
    let fail = |source: io::Error| Error::io(format!("cannot write {}", path.display()), source);
    let Some(name) = path.file_name() else {
        return Err(fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is a folder, not a file name",
        )));
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (temp, mut file) = create_temp(folder, &name.to_string_lossy()).map_err(fail)?;
    let written = write(&mut file).and_then(|value| {
        file.sync_all()
            .and_then(|()| {
                drop(file);
                std::fs::rename(&temp, path)
            })
            .map_err(fail)?;
        Ok(value)
    });
    if written.is_err() {
        // The temp file is ours and useless now; the error to report is the write's.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Reserves a new, empty temp file beside `path` and returns its name.
pub(crate) fn reserve_temp(path: &Path) -> Result<PathBuf> {
    let fail = |source: io::Error| Error::io(format!("cannot write {}", path.display()), source);
    let name = path.file_name().ok_or_else(|| {
        fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is a folder, not a file name",
        ))
    })?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_temp(folder, &name.to_string_lossy())
        .map(|(temp, _)| temp)
        .map_err(fail)
}

/// A new file `.NAME.PID-N.tmp` beside `NAME`; never one that exists already
/// (nor a link planted at that name).
fn create_temp(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0.. {
        let temp = folder.join(format!(".{name}.{pid}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("the loop returns within 101 attempts")
}
