//! Reading a large library on two threads at once. Each thread has its own
//! connection, and both connections see one snapshot of the library, so
//! what they read fits together even while another process writes.
//!
//! The dramas are cut into parts of about the same number of scenes, and
//! each thread takes the next part not yet taken when it is free: neither
//! waits for the other while parts remain, whatever else it has to do (the
//! caller's thread also writes the finished parts out, in order). A part
//! read early waits in memory for the ones before it, but only a few are
//! ever waiting, and their buffers are used again for later parts.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::store::{BUSY_TIMEOUT, Library, Scope};

/// Below this many scenes a second thread is not worth its connection.
const SPLIT_FROM_SCENES: i64 = 5_000;

/// About how many scenes a part holds: small enough that the two threads
/// finish close together, large enough that starting a part costs little.
const SCENES_A_PART: i64 = 2_500;

/// A read of the whole library cut into parts, for two threads.
pub(crate) struct Parts {
    readers: [Connection; 2],
    parts: Vec<Scope>,
}

impl Library {
    /// A read of `scope` in parts on two threads, when `scope` is a whole
    /// library of some size on disk and two readers can start on one
    /// snapshot without waiting; otherwise `None`, and the caller reads on
    /// this connection, as it always can.
    pub(crate) fn parts(&self, scope: Scope) -> Result<Option<Parts>> {
        if !matches!(scope, Scope::All) || self.path().is_none() {
            return Ok(None);
        }
        let parts = cut_into_parts(self.conn())?;
        if parts.len() < 2 {
            return Ok(None);
        }
        Ok(self
            .readers_on_one_snapshot()
            .map(|readers| Parts { readers, parts }))
    }

    /// Two read-only connections inside read transactions on the same
    /// snapshot: they begin while this connection holds the write lock, so
    /// no other writer can commit in between. The lock is held for as long
    /// as that takes, not for the reads.
    ///
    /// `None` when that cannot be done right now, most often because
    /// another writer holds the lock (or the file is read-only).
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

impl Parts {
    /// Reads every part with `read` into a container made by `blank` (or
    /// one handed back before), on this thread and a second one, and hands
    /// the parts to `take` on this thread, in order. `take` hands the
    /// container back, emptied, to be used again.
    pub fn run<P: Send>(
        self,
        blank: impl Fn() -> P + Sync,
        read: impl Fn(&Connection, Scope, P) -> Result<P> + Sync,
        mut take: impl FnMut(P) -> Result<P>,
    ) -> Result<()> {
        let Parts { readers, parts } = self;
        let [here, there] = readers;
        let next = AtomicUsize::new(0);
        let spare = Mutex::new(Vec::new());
        let reuse = || {
            let kept = spare.lock().ok().and_then(|mut spare| spare.pop());
            kept.unwrap_or_else(&blank)
        };
        let read_next = &|conn: &Connection| {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let scope = parts.get(index)?;
            Some((index, read(conn, *scope, reuse())))
        };
        std::thread::scope(|threads| {
            let (done, finished) = mpsc::channel();
            let worker = threads.spawn(move || {
                while let Some((index, part)) = read_next(&there) {
                    let failed = part.is_err();
                    if done.send((index, part)).is_err() || failed {
                        break;
                    }
                }
            });
            let mut waiting: Vec<Option<P>> = parts.iter().map(|_| None).collect();
            let mut handed = 0;
            let mut run = || -> Result<()> {
                while handed < parts.len() {
                    for (index, part) in finished.try_iter() {
                        waiting[index] = Some(part?);
                    }
                    while let Some(part) = waiting.get_mut(handed).and_then(Option::take) {
                        let emptied = take(part)?;
                        if let Ok(mut spare) = spare.lock() {
                            spare.push(emptied);
                        }
                        handed += 1;
                    }
                    if handed == parts.len() {
                        break;
                    }
                    match read_next(&here) {
                        Some((index, part)) => waiting[index] = Some(part?),
                        // Every part is taken: wait for the other thread's.
                        None => match finished.recv() {
                            Ok((index, part)) => waiting[index] = Some(part?),
                            Err(_) => break,
                        },
                    }
                }
                Ok(())
            };
            let outcome = run();
            // On a failure here, the other thread stops after its part.
            next.store(parts.len(), Ordering::Relaxed);
            drop(finished);
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            outcome?;
            if handed < parts.len() {
                return Err(Error::io(
                    "cannot read the library",
                    std::io::Error::other("a part of the library was not read"),
                ));
            }
            Ok(())
        })
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

/// The dramas cut into ranges of pks holding about [`SCENES_A_PART`]
/// scenes each, together covering every pk; one range when the library is
/// too small to be worth splitting.
fn cut_into_parts(conn: &Connection) -> Result<Vec<Scope>> {
    let scenes: i64 = conn.query_row("SELECT count(*) FROM scenes", [], |row| row.get(0))?;
    if scenes < SPLIT_FROM_SCENES {
        return Ok(vec![Scope::All]);
    }
    let mut statement =
        conn.prepare("SELECT drama_pk, count(*) FROM scenes GROUP BY drama_pk ORDER BY drama_pk")?;
    let mut rows = statement.query([])?;
    let mut parts = Vec::new();
    let (mut first, mut held) = (i64::MIN, 0);
    while let Some(row) = rows.next()? {
        let (pk, count): (i64, i64) = (row.get(0)?, row.get(1)?);
        held += count;
        if held >= SCENES_A_PART {
            parts.push(Scope::Between(first, pk));
            let Some(after) = pk.checked_add(1) else {
                return Ok(parts);
            };
            (first, held) = (after, 0);
        }
    }
    parts.push(Scope::Between(first, i64::MAX));
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate;
    use chrono::{DateTime, Utc};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).expect("in range")
    }

    /// A library on disk with 6,100 scenes: three parts.
    fn library_in_parts() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut library = Library::open(dir.path().join("library.sqlite3")).expect("opens");
        let spec = generate::Spec::new(90, 6_100, 5);
        let json = generate::library_json(&spec, now()).expect("generates");
        library.import_json(&json, now(), false).expect("imports");
        (dir, library)
    }

    fn parts_of(library: &Library) -> Vec<(i64, i64)> {
        let parts = library.parts(Scope::All).expect("reads").expect("splits");
        parts
            .parts
            .iter()
            .map(|part| match part {
                Scope::Between(first, last) => (*first, *last),
                other => panic!("a part is a range of pks, not {other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_parts_cover_every_pk_once_each_with_about_as_many_scenes() {
        let (_dir, library) = library_in_parts();
        let parts = parts_of(&library);
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert_eq!(parts[0].0, i64::MIN);
        assert_eq!(parts[parts.len() - 1].1, i64::MAX);
        for pair in parts.windows(2) {
            assert_eq!(pair[0].1 + 1, pair[1].0, "no gap or overlap: {parts:?}");
        }
        let scenes_in = |(first, last): (i64, i64)| -> i64 {
            library
                .conn()
                .query_row(
                    "SELECT count(*) FROM scenes WHERE drama_pk BETWEEN ?1 AND ?2",
                    [first, last],
                    |row| row.get(0),
                )
                .expect("counts")
        };
        for part in &parts[..parts.len() - 1] {
            let held = scenes_in(*part);
            assert!(
                (SCENES_A_PART..SCENES_A_PART + 600).contains(&held),
                "{held} scenes in {part:?}"
            );
        }
        assert_eq!(parts.iter().map(|p| scenes_in(*p)).sum::<i64>(), 6_100);
    }

    #[test]
    fn parts_reach_the_taker_in_order_once_each_whichever_thread_read_them() {
        let (_dir, library) = library_in_parts();
        let expected = parts_of(&library);
        for _ in 0..20 {
            let parts = library.parts(Scope::All).expect("reads").expect("splits");
            let mut taken = Vec::new();
            parts
                .run(
                    || None,
                    |conn, scope, _| {
                        // Uneven work, so the threads finish out of turn.
                        let dramas: i64 =
                            conn.query_row("SELECT count(*) FROM dramas", [], |row| row.get(0))?;
                        if let Scope::Between(first, _) = scope {
                            let pause = (first.unsigned_abs() % 3) + (dramas as u64 % 2);
                            std::thread::sleep(Duration::from_millis(pause));
                        }
                        Ok(Some(scope))
                    },
                    |part| {
                        taken.push(part);
                        Ok(None)
                    },
                )
                .expect("runs");
            let taken: Vec<(i64, i64)> = taken
                .into_iter()
                .map(|part| match part {
                    Some(Scope::Between(first, last)) => (first, last),
                    other => panic!("not a part: {other:?}"),
                })
                .collect();
            assert_eq!(taken, expected);
        }
    }

    #[test]
    fn a_part_that_fails_fails_the_read_and_neither_thread_is_left_waiting() {
        let (_dir, library) = library_in_parts();
        let second = parts_of(&library)[1];
        for failing_taker in [false, true] {
            let parts = library.parts(Scope::All).expect("reads").expect("splits");
            let mut taken = 0;
            let outcome = parts.run(
                || (),
                |_, scope, ()| match scope {
                    Scope::Between(first, _) if first == second.0 && !failing_taker => {
                        Err(Error::io("cannot read", std::io::Error::other("part two")))
                    }
                    _ => Ok(()),
                },
                |()| {
                    taken += 1;
                    if failing_taker && taken == 2 {
                        return Err(Error::io("cannot write", std::io::Error::other("full")));
                    }
                    Ok(())
                },
            );
            let message = outcome.expect_err("the read fails").to_string();
            let expected = if failing_taker { "full" } else { "part two" };
            assert!(message.contains(expected), "{message}");
            let before_the_failure = if failing_taker { 2 } else { 1 };
            assert_eq!(taken, before_the_failure, "nothing after it was taken");
        }
    }
}
