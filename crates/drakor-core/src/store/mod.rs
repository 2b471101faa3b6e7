//! The library on disk: the one place that opens the SQLite file, and the
//! reads and writes over it, one module per kind of thing stored.

mod backups;
mod dramas;
pub(crate) mod episodes;
mod lists;
mod load;
mod matching;
mod merge;
mod metadata;
mod names;
pub(crate) mod people;
mod progress;
mod scenes;
pub(crate) mod schema;
mod search;
pub(crate) mod sql;
mod stats;
mod tags;
mod videos;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::atomic_file;
use crate::error::{Error, Result};

pub use backups::KEEP_BACKUPS;
pub use metadata::Relink;
pub use search::{SearchHit, SearchHitKind, SearchMatch};
pub use tags::TagCount;
pub use videos::{EpisodeFile, VideoLinks};

pub(crate) use lists::all_lists;
pub(crate) use load::{DramaRecord, Scope, each_record, records};
pub(crate) use people::{all_aliases, merge_people_tx, spellings_of};

/// How long a write waits for another writer (the app and the CLI may write
/// at once) before giving up.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A Drakor library: one SQLite file.
#[derive(Debug)]
pub struct Library {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Library {
    /// Opens the library at `path`, creating the file (and its folder) if
    /// needed, and brings its schema up to date. A library written by a
    /// newer Drakor is refused and left as it is.
    ///
    /// Reads the clock only to name the backup taken before an upgrade; use
    /// [`Library::open_at`] to pass the time in.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_at(path, Utc::now())
    }

    /// [`Library::open`], with the time that names the automatic backup
    /// taken before the schema of an existing library is upgraded.
    pub fn open_at(path: impl AsRef<Path>, now: DateTime<Utc>) -> Result<Self> {
        let path = path.as_ref();
        let cannot = |reason: String| Error::CannotOpen {
            path: path.to_owned(),
            reason,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| cannot(format!("cannot create its folder: {e}")))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| cannot(describe_open_error(&Error::Database(e), Some(path))))?;
        Self::configure(conn, Some(path.to_owned()), now)
    }

    /// A library that lives in memory only (tests, dry runs of tools).
    pub fn open_in_memory() -> Result<Self> {
        Self::configure(Connection::open_in_memory()?, None, DateTime::UNIX_EPOCH)
    }

    fn configure(conn: Connection, path: Option<PathBuf>, now: DateTime<Utc>) -> Result<Self> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let cannot = |reason: String| Error::CannotOpen {
            path: shown.clone(),
            reason,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read-only checks first: nothing below may touch a file we refuse.
        let found =
            schema::version(&conn).map_err(|e| cannot(describe_open_error(&e, path.as_deref())))?;
        if found > schema::LATEST {
            return Err(Error::SchemaTooNew {
                path: shown,
                found,
                known: schema::LATEST,
            });
        }
        let app_id = schema::application_id(&conn)?;
        if app_id != 0 && app_id != schema::APPLICATION_ID {
            return Err(cannot("it is an SQLite file of another program".into()));
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| cannot(describe_open_error(&Error::Database(e), path.as_deref())))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut library = Library { conn, path };
        if (1..schema::LATEST).contains(&found) {
            // An upgrade rewrites tables; keep the library as it was first.
            library.auto_backup("upgrade", now).map_err(|e| {
                cannot(format!(
                    "it needs an upgrade, and the backup taken first failed: {e}"
                ))
            })?;
        }
        schema::migrate(&mut library.conn)
            .map_err(|e| cannot(describe_open_error(&e, library.path.as_deref())))?;
        Ok(library)
    }

    /// Where the library lives; `None` for an in-memory one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Writes a consistent copy of the library to `dest` with SQLite's online
    /// backup, safe while other processes use the library. The copy is made
    /// beside `dest` and put into place when whole, so a failed backup leaves
    /// nothing; a file already at `dest` is never replaced, even one that
    /// appears while the copy is made.
    pub fn backup_to(&self, dest: impl AsRef<Path>) -> Result<()> {
        let dest = dest.as_ref();
        let taken = || {
            Error::invalid(
                "backup",
                format!("{} already exists; choose a new file name", dest.display()),
            )
        };
        if atomic_file::is_taken(dest) {
            return Err(taken());
        }
        let temp = self.copy_beside(dest)?;
        atomic_file::put_in_place(&temp, dest).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                taken()
            } else {
                Error::io(format!("cannot write {}", dest.display()), e)
            }
        })
    }

    /// A consistent copy of the library (SQLite's online backup) in a new
    /// temp file beside `dest`, to be put in place by the caller; a copy
    /// that fails leaves nothing.
    pub(crate) fn copy_beside(&self, dest: &Path) -> Result<PathBuf> {
        let temp = atomic_file::reserve_temp(dest)?;
        let copied = (|| -> Result<()> {
            let mut target = Connection::open(&temp)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
            drop(backup);
            target.close().map_err(|(_, e)| e)?;
            Ok(())
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&temp);
            // A copy cut short (say, by a full disk) leaves its journal too.
            let mut journal = temp.into_os_string();
            journal.push("-journal");
            let _ = std::fs::remove_file(journal);
            return Err(e);
        }
        Ok(temp)
    }

    /// Runs `work` in one IMMEDIATE transaction: it all lands or none of it.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        progress::refresh_tx(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` in a transaction that is always rolled back (dry runs).
    pub(crate) fn rehearse<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = work(&tx)?;
        tx.rollback()?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Asks SQLite to check the file (`PRAGMA integrity_check`); `ok` when sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
    }
}

/// Why the library at `path` cannot be opened, in the user's words (a
/// read-only folder, a file that is not a library, …).
fn describe_open_error(error: &Error, path: Option<&Path>) -> String {
    crate::error::describe_open_failure(error, path)
}

/// The pk of a drama, or `not_found`.
pub(crate) fn drama_pk_of(library: &Library, id: uuid::Uuid) -> Result<i64> {
    dramas::drama_pk(library.conn(), id)
}

/// Runs `work` with `synchronous=FULL`, so a large write is on disk when
/// it returns, then goes back to `NORMAL` whatever happened.
///
/// The page cache is raised to 64 MB meanwhile (from SQLite's 8 MB): a
/// large import touches every index at once, and with the small cache it
/// rereads pages it just wrote (merging 100,000 scenes: 2.4 s, 2.0 s with
/// the large one). Setting it back frees the memory.
pub(crate) fn with_full_sync<T>(
    library: &mut Library,
    work: impl FnOnce(&mut Library) -> Result<T>,
) -> Result<T> {
    library.conn.pragma_update(None, "synchronous", "FULL")?;
    library
        .conn
        .pragma_update(None, "cache_size", IMPORT_CACHE_KIB)?;
    let result = work(library);
    library
        .conn
        .pragma_update(None, "cache_size", DEFAULT_CACHE_KIB)?;
    library.conn.pragma_update(None, "synchronous", "NORMAL")?;
    result
}

/// Page cache sizes in KiB (negative: SQLite's way of saying KiB, not pages).
const IMPORT_CACHE_KIB: i64 = -65_536;
const DEFAULT_CACHE_KIB: i64 = -2_000;
