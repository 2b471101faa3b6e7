//! An export to a file: written whole or not at all
//! ([`crate::atomic_file`]), never over a file already there unless the
//! caller says it may be replaced, and never over the library itself,
//! however the path to it is spelled.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::atomic_file::{IfExists, write_file_atomically};
use crate::error::{Error, Result};
use crate::exchange::export::{ExportOptions, ExportWritten};
use crate::store::Library;

/// The files SQLite keeps beside the library, by the suffix of their names.
const LIBRARY_FILES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

impl Library {
    /// Writes the export to `path` through a temporary file in the same
    /// folder, put into place when it is whole: a failed export never
    /// leaves half a file. A file already at `path` is left as it is and
    /// the export fails with [`Error::FileExists`]; see
    /// [`Library::export_file_with`] to replace it.
    pub fn export_file(
        &self,
        path: &Path,
        options: &ExportOptions,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        self.export_file_with(path, options, IfExists::Refuse, now)
    }

    /// [`Library::export_file`], with a file already at `path` refused
    /// ([`Error::FileExists`]) or replaced in one step, as `if_exists`
    /// says. The library itself (and its `-wal`, `-shm` and `-journal`
    /// files) is never a target, even with [`IfExists::Replace`].
    pub fn export_file_with(
        &self,
        path: &Path,
        options: &ExportOptions,
        if_exists: IfExists,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        self.refuse_own_files(path)?;
        let name = path.display().to_string();
        let counts = write_file_atomically(path, if_exists, |file| {
            self.export_named(file, options, now, &name)
        })?;
        Ok(ExportWritten {
            path: path.to_owned(),
            counts,
        })
    }

    /// The list `id` written to `path` as `format`, whole or not at all,
    /// an existing file refused or replaced as `if_exists` says, and never
    /// over the library (as [`Library::export_file_with`]).
    pub fn export_list_file(
        &self,
        id: uuid::Uuid,
        format: crate::exchange::list_export::ListFormat,
        path: &Path,
        if_exists: IfExists,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.refuse_own_files(path)?;
        let text = self.export_list(id, format, now)?;
        write_file_atomically(path, if_exists, |file| {
            use std::io::Write;
            file.write_all(text.as_bytes())
                .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
        })
    }

    /// Refuses `path` when it is the library or one of SQLite's files
    /// beside it, by file identity. An export must never land on the
    /// library it came from (nor its
    /// `-wal`/`-shm` files): that would replace the library with a text file.
    /// Files are told apart by what the file system says they are (device
    /// and inode on Unix), not by their paths, so no other way to name the
    /// library gets through: a symlink, a hard link, another spelling on a
    /// disk that ignores case.
    pub fn refuse_own_files(&self, path: &Path) -> Result<()> {
        let Some(library) = self.path() else {
            return Ok(());
        };
        let Some(target) = file_at(path) else {
            return Ok(());
        };
        let own = LIBRARY_FILES.iter().any(|suffix| {
            let mut name = library.as_os_str().to_owned();
            name.push(suffix);
            file_at(Path::new(&name)).is_some_and(|file| file == target)
        });
        if own {
            return Err(Error::invalid(
                "path",
                format!(
                    "{} is the library itself; choose another file",
                    path.display()
                ),
            ));
        }
        Ok(())
    }
}

/// The regular file at `path` (following links), to compare with another;
/// `None` when there is none. Anything else there (a folder, a named pipe)
/// is not opened, so a pipe cannot keep the export waiting.
fn file_at(path: &Path) -> Option<same_file::Handle> {
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    same_file::Handle::from_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_never_written_over_the_library_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("drakor.sqlite3");
        let lib = Library::open(&path).expect("library");
        for target in [path.clone(), dir.path().join("drakor.sqlite3-wal")] {
            for if_exists in [IfExists::Refuse, IfExists::Replace] {
                let err = lib
                    .export_file_with(&target, &ExportOptions::everything(), if_exists, Utc::now())
                    .expect_err("the library is not an export target");
                assert!(err.to_string().contains("is the library itself"), "{err}");
            }
        }
        assert_eq!(lib.integrity_check().expect("check"), "ok");
    }
}
