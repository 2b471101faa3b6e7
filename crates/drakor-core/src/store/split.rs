//! Reading a large library on two threads at once. Each thread has its own
//! connection, and both connections see one snapshot of the library, so
//! what they read fits together even while another process writes.
//!
//! The dramas are cut into parts of about the same number of scenes, and
//! each thread takes the next part not yet taken when it is free: neither
//! waits for the other while parts remain, whatever else it has to do (the
//! caller's thread also writes the finished parts out, in order). A part
//! read early waits in memory for the ones before it, but no more than
//! [`PARTS_IN_FLIGHT`] are read ahead of the output (a slow output holds
//! the reading back rather than filling memory), and their buffers are
//! used again for later parts.

use std::path::Path;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::store::{BUSY_TIMEOUT, Library, Scope};

/// Below this many scenes a second thread is not worth its connection.
const SPLIT_FROM_SCENES: i64 = 5_000;

/// About how many scenes a part holds: small enough that the two threads
/// finish close together, large enough that starting a part costs little.
const SCENES_A_PART: i64 = 2_500;

/// How many parts may be read (or being read) and not yet handed on.
const PARTS_IN_FLIGHT: usize = 4;

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
        self.parts_of(scope, SCENES_A_PART)
    }

    fn parts_of(&self, scope: Scope, scenes_a_part: i64) -> Result<Option<Parts>> {
        if !matches!(scope, Scope::All) || self.path().is_none() {
            return Ok(None);
        }
        let parts = cut_into_parts(self.conn(), scenes_a_part)?;
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
    ///
    /// The first failure, on either thread, ends the read: no part after
    /// it reaches `take`, and the error is returned.
    pub fn run<P: Send>(
        self,
        blank: impl Fn() -> P + Sync,
        read: impl Fn(&Connection, Scope, P) -> Result<P> + Sync,
        mut take: impl FnMut(P) -> Result<P>,
    ) -> Result<()> {
        let Parts { readers, parts } = self;
        let [here, there] = readers;
        let claims = Claims::new(parts.len());
        let spare = Mutex::new(Vec::new());
        let read_part = |conn: &Connection, index: usize| {
            let kept = spare.lock().ok().and_then(|mut spare| spare.pop());
            read(conn, parts[index], kept.unwrap_or_else(&blank))
        };
        let (claims, read_part) = (&claims, &read_part);
        std::thread::scope(|threads| {
            let (done, finished) = mpsc::channel();
            let worker = threads.spawn(move || {
                // However this thread ends, even by a panic, no part is
                // left for it, and nobody waits on it for more.
                let _stop = StopOnDrop(claims);
                while let Some(index) = claims.wait_for_next() {
                    let part = read_part(&there, index);
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
                        claims.handed_on(handed);
                    }
                    if handed == parts.len() {
                        break;
                    }
                    match claims.next_if_free() {
                        Some(index) => waiting[index] = Some(read_part(&here, index)?),
                        // The next part to hand on is the other thread's,
                        // being read: wait for it (or for whatever it sends).
                        None => match finished.recv() {
                            Ok((index, part)) => waiting[index] = Some(part?),
                            // It stopped without sending: it panicked.
                            Err(_) => break,
                        },
                    }
                }
                Ok(())
            };
            let outcome = run();
            // On a failure here, the other thread stops after its part.
            claims.stop();
            drop(finished);
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            debug_assert!(outcome.is_err() || handed == parts.len());
            outcome
        })
    }
}

/// Which parts are taken, and how far the output has got: the two threads
/// take parts in turn, no further than [`PARTS_IN_FLIGHT`] ahead of it.
struct Claims {
    state: Mutex<ClaimState>,
    changed: Condvar,
}

struct ClaimState {
    next: usize,
    handed: usize,
    parts: usize,
    stopped: bool,
}

impl ClaimState {
    fn may_take_next(&self) -> bool {
        self.next < self.handed + PARTS_IN_FLIGHT
    }

    fn is_over(&self) -> bool {
        self.stopped || self.next >= self.parts
    }

    fn take_next(&mut self) -> usize {
        self.next += 1;
        self.next - 1
    }
}

impl Claims {
    fn new(parts: usize) -> Self {
        Claims {
            state: Mutex::new(ClaimState {
                next: 0,
                handed: 0,
                parts,
                stopped: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, ClaimState> {
        // The state is a few numbers, each written whole: a panic while
        // it was held leaves it as sound as before.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The next part for the second thread, once it may be read; `None`
    /// when every part is taken or the read has stopped.
    fn wait_for_next(&self) -> Option<usize> {
        let mut state = self.state();
        while !state.is_over() && !state.may_take_next() {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        (!state.is_over()).then(|| state.take_next())
    }

    /// The next part for this thread, if one may be read now: this thread
    /// hands parts on, so rather than wait it goes and does that.
    fn next_if_free(&self) -> Option<usize> {
        let mut state = self.state();
        (!state.is_over() && state.may_take_next()).then(|| state.take_next())
    }

    fn handed_on(&self, handed: usize) {
        self.state().handed = handed;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.state().stopped = true;
        self.changed.notify_all();
    }
}

struct StopOnDrop<'c>(&'c Claims);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
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

/// The dramas cut into ranges of pks holding about `scenes_a_part`
/// scenes each, together covering every pk; one range when the library is
/// too small to be worth splitting.
fn cut_into_parts(conn: &Connection, scenes_a_part: i64) -> Result<Vec<Scope>> {
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
        if held >= scenes_a_part {
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
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_795_000_000, 0).expect("in range")
    }

    /// A library on disk with 6,100 scenes.
    fn large_library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut library = Library::open(dir.path().join("library.sqlite3")).expect("opens");
        let spec = generate::Spec::new(90, 6_100, 5);
        let json = generate::library_json(&spec, now()).expect("generates");
        library.import_json(&json, now(), false).expect("imports");
        (dir, library)
    }

    /// Parts of about 100 scenes or one drama: some 40 of them.
    fn small_parts(library: &Library) -> Parts {
        library
            .parts_of(Scope::All, 100)
            .expect("reads")
            .expect("splits")
    }

    fn range(part: Scope) -> (i64, i64) {
        match part {
            Scope::Between(first, last) => (first, last),
            other => panic!("a part is a range of pks, not {other:?}"),
        }
    }

    /// Some work that takes longer for some parts than for others, so
    /// that the threads finish out of turn.
    fn uneven_work(conn: &Connection, part: Scope) -> Result<()> {
        let (first, _) = range(part);
        conn.query_row("SELECT count(*) FROM dramas", [], |_| Ok(()))?;
        std::thread::sleep(Duration::from_micros(first.unsigned_abs() % 7 * 300));
        Ok(())
    }

    #[test]
    fn the_parts_cover_every_pk_once_each_with_about_as_many_scenes() {
        let (_dir, library) = large_library();
        let parts = library.parts(Scope::All).expect("reads").expect("splits");
        let parts: Vec<(i64, i64)> = parts.parts.into_iter().map(range).collect();
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
        let (_dir, library) = large_library();
        let expected: Vec<Scope> = small_parts(&library).parts;
        assert!(expected.len() > 20, "{} parts", expected.len());
        for _ in 0..5 {
            let mut taken = Vec::new();
            small_parts(&library)
                .run(
                    || None,
                    |conn, part, _| {
                        uneven_work(conn, part)?;
                        Ok(Some(range(part)))
                    },
                    |part| {
                        taken.push(part.expect("a part read"));
                        Ok(None)
                    },
                )
                .expect("runs");
            assert_eq!(
                taken,
                expected.iter().copied().map(range).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_slow_taker_holds_the_reading_back_and_its_buffers_are_used_again() {
        let (_dir, library) = large_library();
        let (read, made) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let mut handed = 0;
        small_parts(&library)
            .run(
                || made.fetch_add(1, Ordering::SeqCst),
                |conn, part, buffer| {
                    conn.query_row("SELECT count(*) FROM dramas", [], |_| Ok(()))?;
                    read.fetch_add(1, Ordering::SeqCst);
                    let _ = part;
                    Ok(buffer)
                },
                |buffer| {
                    let ahead = read.load(Ordering::SeqCst) - handed;
                    assert!(ahead <= PARTS_IN_FLIGHT, "{ahead} parts read ahead");
                    std::thread::sleep(Duration::from_millis(2));
                    handed += 1;
                    Ok(buffer)
                },
            )
            .expect("runs");
        let made = made.load(Ordering::SeqCst);
        assert!(made <= PARTS_IN_FLIGHT + 1, "{made} buffers made");
    }

    #[test]
    fn a_part_that_fails_fails_the_read_and_neither_thread_is_left_waiting() {
        let (_dir, library) = large_library();
        let tenth = small_parts(&library).parts[10];
        for failing_taker in [false, true] {
            let mut taken = 0;
            let outcome = small_parts(&library).run(
                || (),
                |conn, part, ()| {
                    uneven_work(conn, part)?;
                    if range(part) == range(tenth) && !failing_taker {
                        return Err(Error::io("cannot read", std::io::Error::other("part ten")));
                    }
                    Ok(())
                },
                |()| {
                    taken += 1;
                    if failing_taker && taken == 10 {
                        return Err(Error::io("cannot write", std::io::Error::other("full")));
                    }
                    Ok(())
                },
            );
            let message = outcome.expect_err("the read fails").to_string();
            let expected = if failing_taker { "full" } else { "part ten" };
            assert!(message.contains(expected), "{message}");
            assert!(taken <= 10, "nothing after the failed part was taken");
        }
    }

    #[test]
    fn a_panic_on_the_other_thread_comes_through_without_a_hang() {
        let (_dir, library) = large_library();
        let parts = small_parts(&library);
        let last = range(parts.parts[parts.parts.len() - 1]);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            parts.run(
                || (),
                |conn, part, ()| {
                    uneven_work(conn, part)?;
                    // Whichever thread reads it: on this one the panic
                    // comes straight through, on the other by the join.
                    assert_ne!(range(part), last, "a bug in reading a part");
                    Ok(())
                },
                Ok,
            )
        }));
        assert!(outcome.is_err(), "the panic came through");
    }
}
