//! Automatic backups: a copy of the library taken before a risky write (an
//! import, an upgrade of its schema), kept in a `backups` folder beside the
//! library, newest ten kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::store::Library;

/// How many automatic backups are kept; older ones are removed.
pub const KEEP_BACKUPS: usize = 10;

const PREFIX: &str = "drakor-";
const SUFFIX: &str = ".sqlite3";

impl Library {
    /// The folder automatic backups go to: `backups/` beside the library.
    pub fn backups_dir(&self) -> Option<PathBuf> {
        Some(self.path()?.parent()?.join("backups"))
    }

    /// Copies the library into [`Library::backups_dir`] as
    /// `drakor-<UTC time>-<reason>.sqlite3`, then removes all but the newest
    /// [`KEEP_BACKUPS`]. Returns the copy's path; `None` for an in-memory
    /// library, which has nothing to lose.
    pub fn auto_backup(&self, reason: &str, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backups_dir() else {
            return Ok(None);
        };
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let stamp = now
            .format("%Y%m%d-%H%M%S%.3f")
            .to_string()
            .replace('.', "-");
        let reason: String = reason.chars().filter(char::is_ascii_alphanumeric).collect();
        let mut path = dir.join(format!("{PREFIX}{stamp}-{reason}{SUFFIX}"));
        for n in 2.. {
            if !path.exists() {
                break;
            }
            path = dir.join(format!("{PREFIX}{stamp}-{reason}-{n}{SUFFIX}"));
        }
        self.backup_to(&path)?;
        prune(&dir, KEEP_BACKUPS)?;
        Ok(Some(path))
    }
}

/// Removes the oldest automatic backups (by name, which starts with the
/// time) beyond `keep`. Other files in the folder are left alone.
fn prune(dir: &Path, keep: usize) -> Result<()> {
    let listing = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    let mut backups: Vec<PathBuf> = listing
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        std::fs::remove_file(old)
            .map_err(|e| Error::io(format!("cannot remove {}", old.display()), e))?;
    }
    Ok(())
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
    fn an_in_memory_library_has_nothing_to_back_up() {
        let lib = Library::open_in_memory().expect("library");
        assert_eq!(
            lib.auto_backup("import", Utc::now()).expect("no error"),
            None
        );
    }
}
