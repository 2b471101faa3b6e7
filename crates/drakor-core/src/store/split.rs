//! Reading a large library on two threads at once. Each thread has its own
//! connection and reads half of the dramas; both connections see one
//! snapshot of the library, so the halves fit together even while another
//! process writes.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

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
        let halves = match (scope, self.path()) {
            (Scope::All, Some(_)) => middle_drama(self.conn())?.and_then(|middle| {
                let next = middle.checked_add(1)?;
                let readers = self.readers_on_one_snapshot()?;
                Some((middle, next, readers))
            }),
            _ => None,
        };
        let Some((middle, next, [first, second])) = halves else {
            return Ok((here(self.conn(), scope)?, None));
        };
        std::thread::scope(|threads| {
            let second = threads.spawn(move || there(&second, Scope::Between(next, i64::MAX)));
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
    /// as that takes, not for the reads.
    ///
    /// `None` when that cannot be done right now, most often because
    /// another writer holds the lock (or the file is read-only): the caller
    /// then reads on one connection, as it always can, rather than wait.
    fn readers_on_one_snapshot(&self) -> Option<[Connection; 2]> {
        // The connection's own name for the file is absolute, whatever
        // the working directory has become since the library was opened.
        let path = Path::new(self.conn().path().filter(|p| !p.is_empty())?);
        let readers = [open_reader(path).ok()?, open_reader(path).ok()?];
        self.conn().busy_timeout(Duration::ZERO).ok()?;
        let lock = Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate);
        let restored = self.conn().busy_timeout(BUSY_TIMEOUT);
        // Dropping the lock rolls it back: nothing was written.
        let _lock = lock.ok()?;
        restored.ok()?;
        readers
            .iter()
            .try_for_each(|reader| {
                reader.execute_batch("BEGIN")?;
                // A read transaction takes its snapshot at its first read.
                reader.query_row("SELECT count(*) FROM dramas", [], |_| Ok(()))
            })
            .ok()?;
        Some(readers)
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
