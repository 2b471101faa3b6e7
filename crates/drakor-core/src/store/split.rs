//! Reading a large library on two threads at once. Each thread has its own
//! connection and reads half of the dramas; both connections see one
//! snapshot of the library, so the halves fit together even while another
//! process writes.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::store::{BUSY_TIMEOUT, Library, Scope};

/// Below this many scenes a second thread is not worth its connection.
const SPLIT_FROM_SCENES: i64 = 5_000;

impl Library {
    /// Reads `scope` as one part on this thread with `here` or, for a
    /// whole library of some size on disk, as two halves at once: the
    /// first half of the dramas here, the second with `there` on a thread
    /// and connection of its own. `there` runs only when it splits.
    pub(crate) fn read_in_two<A, B>(
        &self,
        scope: Scope,
        here: impl FnOnce(&Connection, Scope) -> Result<A>,
        there: impl FnOnce(&Connection, Scope) -> Result<B> + Send,
    ) -> Result<(A, Option<B>)>
    where
        B: Send,
    {
        let (Scope::All, Some(path)) = (scope, self.path()) else {
            return Ok((here(self.conn(), scope)?, None));
        };
        let Some(middle) = middle_drama(self.conn())? else {
            return Ok((here(self.conn(), scope)?, None));
        };
        let Some([first, second]) = self.readers_on_one_snapshot(path)? else {
            return Ok((here(self.conn(), scope)?, None));
        };
        std::thread::scope(|threads| {
            let second =
                threads.spawn(move || there(&second, Scope::Between(middle + 1, i64::MAX)));
            let first = here(&first, Scope::Between(i64::MIN, middle));
            let second = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((first?, Some(second?)))
        })
    }

    /// Two read-only connections inside read transactions on the same
    /// snapshot: they begin while this connection holds the write lock, so
    /// no other writer can commit in between. The lock is held for as long
    /// as that takes, not for the reads. `None` when another writer holds
    /// the lock right now: the caller then reads on one connection rather
    /// than wait.
    fn readers_on_one_snapshot(&self, path: &Path) -> Result<Option<[Connection; 2]>> {
        let readers = [open_reader(path)?, open_reader(path)?];
        let conn = self.conn();
        conn.busy_timeout(Duration::ZERO)?;
        let locked = conn.execute_batch("BEGIN IMMEDIATE");
        conn.busy_timeout(BUSY_TIMEOUT)?;
        match locked {
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::DatabaseBusy => {
                return Ok(None);
            }
            locked => locked?,
        }
        let begun = readers.iter().try_for_each(|reader| {
            reader.execute_batch("BEGIN")?;
            // A read transaction takes its snapshot at its first read.
            reader.query_row("SELECT count(*) FROM dramas", [], |_| Ok(()))
        });
        conn.execute_batch("ROLLBACK")?;
        begun?;
        Ok(Some(readers))
    }
}

/// A connection that only reads the library at `path`.
fn open_reader(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let reader = Connection::open_with_flags(path, flags).map_err(Error::Database)?;
    reader.busy_timeout(BUSY_TIMEOUT)?;
    reader.set_prepared_statement_cache_capacity(32);
    Ok(reader)
}

/// The drama pk that splits the scenes in two halves; `None` when the
/// library is too small to be worth splitting.
fn middle_drama(conn: &Connection) -> Result<Option<i64>> {
    let scenes: i64 = conn.query_row("SELECT count(*) FROM scenes", [], |row| row.get(0))?;
    if scenes < SPLIT_FROM_SCENES {
        return Ok(None);
    }
    Ok(Some(conn.query_row(
        "SELECT drama_pk FROM scenes ORDER BY drama_pk LIMIT 1 OFFSET ?1",
        [scenes / 2],
        |row| row.get(0),
    )?))
}
