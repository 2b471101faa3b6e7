//! Files written whole or not at all: the content goes to a new file beside
//! the target and is synced, then put in place in one step, so a reader
//! sees no file (or the old one) or the whole new one, never half. Exports
//! and backups both use it.
//!
//! A file already at the target is replaced only when the caller says so
//! ([`IfExists::Replace`]: the new file is renamed over it). Otherwise the
//! last step is a hard link to the target, which fails if anything is
//! there, even a file that appeared after the first look.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What a write does when a file is already at its path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IfExists {
    /// Leave it as it is and fail with [`Error::FileExists`].
    #[default]
    Refuse,
    /// Replace it, in one step.
    Replace,
}

/// Writes `bytes` to a new file in `path`'s folder, syncs it and renames it
/// over `path` (replacing any file there), so readers see the old file or
/// the whole new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_atomically(path, IfExists::Replace, |file| {
        file.write_all(bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    })
}

/// [`write_atomically`], with the file's content written by `write`, and
/// a file already at `path` refused or replaced as `if_exists` says.
pub(crate) fn write_file_atomically<T>(
    path: &Path,
    if_exists: IfExists,
    write: impl FnOnce(&mut File) -> Result<T>,
) -> Result<T> {
    let fail = |source: io::Error| Error::io(format!("cannot write {}", path.display()), source);
    let exists = || Error::FileExists {
        path: path.to_owned(),
    };
    if path.is_dir() {
        // Neither refused nor replaced: a file cannot take a folder's place.
        return Err(fail(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder; give a file name",
        )));
    }
    if if_exists == IfExists::Refuse && is_taken(path) {
        return Err(exists());
    }
    let (temp, mut file) = reserve(path).map_err(fail)?;
    let written = write(&mut file).and_then(|value| {
        file.sync_all().map_err(fail)?;
        drop(file);
        match if_exists {
            IfExists::Replace => std::fs::rename(&temp, path).map_err(fail)?,
            IfExists::Refuse => match put_in_place(&temp, path) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(exists()),
                placed => placed.map_err(fail)?,
            },
        }
        Ok(value)
    });
    if written.is_err() {
        // The temp file is ours and useless now; the error to report is the write's.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Whether anything is at `path`: a file, a folder, or a link, even one
/// whose target is gone.
pub(crate) fn is_taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Puts the finished file `temp` at `dest`, which must not exist: fails
/// with [`io::ErrorKind::AlreadyExists`] (keeping `temp`) if anything is
/// there. On success `temp` is gone.
///
/// A hard link does it in one step. Where the disk has no hard links (FAT
/// on a memory stick, some network shares) the file is copied into a new
/// file at `dest` instead, which is removed again if the copy fails.
pub(crate) fn put_in_place(temp: &Path, dest: &Path) -> io::Result<()> {
    match std::fs::hard_link(temp, dest) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => copy_into_new(temp, dest)?,
    }
    // `dest` holds the file now; a temp file left over is only clutter.
    let _ = std::fs::remove_file(temp);
    Ok(())
}

/// Copies `from` into a new file `dest` (never one that exists) and syncs
/// it; a copy that fails removes what it made.
fn copy_into_new(from: &Path, dest: &Path) -> io::Result<()> {
    let mut source = File::open(from)?;
    let mut target = OpenOptions::new().write(true).create_new(true).open(dest)?;
    let copied = io::copy(&mut source, &mut target).and_then(|_| target.sync_all());
    if copied.is_err() {
        drop(target);
        let _ = std::fs::remove_file(dest);
    }
    copied
}

/// Reserves a new, empty temp file beside `path` and returns its name.
pub(crate) fn reserve_temp(path: &Path) -> Result<PathBuf> {
    reserve(path)
        .map(|(temp, _)| temp)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// A new temp file in `path`'s folder, named after it.
fn reserve(path: &Path) -> io::Result<(PathBuf, File)> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is a folder, not a file name",
        )
    })?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_temp(folder, &name.to_string_lossy())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_put_in_place_never_replaces_one_already_there() {
        let dir = tempfile::tempdir().expect("temp dir");
        let temp = dir.path().join(".new.tmp");
        let dest = dir.path().join("backup.sqlite3");
        std::fs::write(&temp, "new").expect("write");
        std::fs::write(&dest, "someone else's").expect("write");
        let err = put_in_place(&temp, &dest).expect_err("the target is taken");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            std::fs::read_to_string(&dest).expect("read"),
            "someone else's"
        );
        assert!(temp.exists(), "the new file is kept for another name");

        std::fs::remove_file(&dest).expect("remove");
        put_in_place(&temp, &dest).expect("a free name");
        assert_eq!(std::fs::read_to_string(&dest).expect("read"), "new");
        assert!(!temp.exists(), "the temp file is gone");
    }

    #[test]
    fn a_copy_in_place_of_a_link_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let from = dir.path().join(".new.tmp");
        let dest = dir.path().join("export.json");
        std::fs::write(&from, "new").expect("write");
        std::fs::write(&dest, "mine").expect("write");
        let err = copy_into_new(&from, &dest).expect_err("the target is taken");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&dest).expect("read"), "mine");
        std::fs::remove_file(&dest).expect("remove");
        copy_into_new(&from, &dest).expect("a free name");
        assert_eq!(std::fs::read_to_string(&dest).expect("read"), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_refused_write_to_a_dangling_link_leaves_the_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("export.json");
        std::os::unix::fs::symlink(dir.path().join("gone"), &link).expect("symlink");
        let err = write_file_atomically(&link, IfExists::Refuse, |file| {
            file.write_all(b"{}")
                .map_err(|e| Error::io("cannot write", e))
        })
        .expect_err("something is there");
        assert_eq!(err.code(), "file_exists", "{err}");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("still there")
                .is_symlink()
        );
        assert_eq!(names(dir.path()), vec!["export.json"], "no temp file left");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}
