//! Automatic backups: a copy of the library taken before a risky write (an
//! import, an upgrade of its schema), kept in a `backups` folder beside the
//! library as `drakor-<UTC time>-<reason>.sqlite3`. The newest ten of each
//! reason are kept: import backups never push out an upgrade backup, and a
//! file Drakor did not name so is never removed.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::atomic_file::put_in_place;
use crate::error::{Error, Result};
use crate::store::Library;

/// How many automatic backups of each reason (`import`, `upgrade`) are
/// kept; older ones of that reason are removed.
pub const KEEP_BACKUPS: usize = 10;

const PREFIX: &str = "drakor-";
const SUFFIX: &str = ".sqlite3";
/// The time in a backup's name: `20261121-093000-000`.
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S-%3f";
const STAMP_LEN: usize = "20261121-093000-000".len();

impl Library {
    /// The folder automatic backups go to: `backups/` beside the library.
    pub fn backups_dir(&self) -> Option<PathBuf> {
        Some(self.path()?.parent()?.join("backups"))
    }

    /// Copies the library into [`Library::backups_dir`] as
    /// `drakor-<UTC time>-<reason>.sqlite3` (`-2`, `-3`, … before the
    /// extension when that name is taken; no file there is ever replaced),
    /// then removes all but the newest [`KEEP_BACKUPS`] backups of the same
    /// reason. Returns the copy's path; `None` for an in-memory library,
    /// which has nothing to lose.
    ///
    /// [`Library::import_with_backup`] takes the import backup itself, once
    /// the file has been read and checked.
    pub fn auto_backup(&self, reason: &str, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backups_dir() else {
            return Ok(None);
        };
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let stamp = now.format(STAMP_FORMAT).to_string();
        let mut reason: String = reason.chars().filter(char::is_ascii_alphanumeric).collect();
        if reason.is_empty() {
            reason = "backup".into();
        }
        let name = |n: u32| match n {
            1 => dir.join(format!("{PREFIX}{stamp}-{reason}{SUFFIX}")),
            n => dir.join(format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}")),
        };
        let temp = self.copy_beside(&name(1))?;
        let mut n = 1;
        let path = loop {
            let path = name(n);
            match put_in_place(&temp, &path) {
                Ok(()) => break path,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => {
                    let _ = std::fs::remove_file(&temp);
                    return Err(Error::io(format!("cannot write {}", path.display()), e));
                }
            }
        };
        prune(&dir, &reason, KEEP_BACKUPS)?;
        Ok(Some(path))
    }
}

/// Removes the oldest automatic backups of `reason` beyond `keep`, oldest
/// by the time in their names. Every other file is left alone: backups of
/// other reasons, and names Drakor does not give (a copy the user put
/// there, `drakor-2019-12-31.sqlite3`).
fn prune(dir: &Path, reason: &str, keep: usize) -> Result<()> {
    let listing = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    let mut backups: Vec<((String, u32), PathBuf)> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let backup = BackupName::parse(name)?;
            (backup.reason == reason).then(|| ((backup.stamp.to_owned(), backup.n), path.clone()))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for (_, old) in &backups[..excess] {
        std::fs::remove_file(old)
            .map_err(|e| Error::io(format!("cannot remove {}", old.display()), e))?;
    }
    Ok(())
}

/// The parts of a name [`Library::auto_backup`] gives:
/// `drakor-<stamp>-<reason>[-<n>].sqlite3`.
#[derive(Debug, PartialEq, Eq)]
struct BackupName<'a> {
    stamp: &'a str,
    reason: &'a str,
    n: u32,
}

impl<'a> BackupName<'a> {
    fn parse(name: &'a str) -> Option<Self> {
        let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
        let stamp = rest.get(..STAMP_LEN)?;
        let is_stamp = stamp.char_indices().all(|(i, c)| match i {
            8 | 15 => c == '-',
            _ => c.is_ascii_digit(),
        });
        if !is_stamp {
            return None;
        }
        let rest = rest.get(STAMP_LEN..)?.strip_prefix('-')?;
        let (reason, n) = match rest.split_once('-') {
            Some((reason, n)) if n.bytes().all(|b| b.is_ascii_digit()) => (reason, n.parse().ok()?),
            Some(_) => return None,
            None => (rest, 1),
        };
        if reason.is_empty() || !reason.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        Some(BackupName { stamp, reason, n })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn an_automatic_backup_is_a_readable_copy_beside_the_library() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut lib = Library::open(dir.path().join("drakor.sqlite3")).expect("library");
        lib.import(
            crate::ImportSource::sample(),
            crate::ImportOptions::default(),
            Utc::now(),
        )
        .expect("sample");
        let copy = lib
            .auto_backup("import", Utc::now())
            .expect("backup")
            .expect("a file library has a copy");
        assert_eq!(copy.parent(), Some(dir.path().join("backups").as_path()));
        let restored = Library::open(&copy).expect("the copy opens");
        assert_eq!(
            restored
                .list_dramas(&Default::default())
                .expect("list")
                .len(),
            4
        );
    }

    #[test]
    fn only_the_newest_ten_automatic_backups_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open(dir.path().join("drakor.sqlite3")).expect("library");
        let start = Utc::now();
        let mut made = Vec::new();
        for i in 0..13 {
            made.push(
                lib.auto_backup("import", start + Duration::seconds(i))
                    .expect("backup")
                    .expect("path"),
            );
        }
        std::fs::write(dir.path().join("backups").join("notes.txt"), "mine").expect("write");
        lib.auto_backup("import", start + Duration::seconds(13))
            .expect("backup");
        let mut left: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left.len(),
            KEEP_BACKUPS + 1,
            "ten backups and the user's own file: {left:?}"
        );
        assert!(
            left.contains(&"notes.txt".to_owned()),
            "other files are never removed"
        );
        assert!(!made[3].exists(), "the oldest are removed");
        assert!(made[12].exists());
    }

    #[test]
    fn two_backups_in_the_same_instant_get_their_own_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open(dir.path().join("drakor.sqlite3")).expect("library");
        let now = Utc::now();
        let a = lib
            .auto_backup("import", now)
            .expect("first")
            .expect("path");
        let b = lib
            .auto_backup("import", now)
            .expect("second")
            .expect("path");
        assert_ne!(a, b);
        assert!(a.exists() && b.exists());
    }

    #[test]
    fn only_the_names_drakor_gives_are_read_as_backups() {
        let parsed = |name| BackupName::parse(name).map(|b| (b.stamp, b.reason, b.n));
        assert_eq!(
            parsed("drakor-20261121-093000-000-import.sqlite3"),
            Some(("20261121-093000-000", "import", 1))
        );
        assert_eq!(
            parsed("drakor-20261121-093000-000-upgrade-12.sqlite3"),
            Some(("20261121-093000-000", "upgrade", 12))
        );
        for theirs in [
            "drakor-2019-12-31.sqlite3",
            "drakor-before-the-move.sqlite3",
            "drakor-20261121-093000-000-.sqlite3",
            "drakor-20261121-093000-000-import-x.sqlite3",
            "drakor-20261121-093000-000-import.sqlite3.bak",
            "drakor-2026112a-093000-000-import.sqlite3",
        ] {
            assert_eq!(parsed(theirs), None, "{theirs}");
        }
    }

    #[test]
    fn a_backup_name_has_the_time_to_the_millisecond() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open(dir.path().join("drakor.sqlite3")).expect("library");
        let at = DateTime::parse_from_rfc3339("2026-11-21T09:30:00.042Z")
            .expect("time")
            .with_timezone(&Utc);
        let path = lib
            .auto_backup("import", at)
            .expect("backup")
            .expect("path");
        assert_eq!(
            path.file_name().and_then(|n| n.to_str()),
            Some("drakor-20261121-093000-042-import.sqlite3")
        );
    }

    #[test]
    fn an_in_memory_library_has_nothing_to_back_up() {
        let lib = Library::open_in_memory().expect("library");
        assert_eq!(
            lib.auto_backup("import", Utc::now()).expect("no error"),
            None
        );
    }
}
