//! The schema and its migrations: embedded, append-only, applied in order.
//! `PRAGMA user_version` records how many have run.

use rusqlite::Connection;

use crate::error::Result;

/// Every migration ever shipped, oldest first: the files of
/// `src/migrations/`, listed by `build.rs` in the order of their numbers.
/// Never edit one that has shipped; add a new file with the next number.
const MIGRATIONS: &[&str] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The first version with `drama_progress`, which a migration's own writes
/// must keep up like any other write.
const PROGRESS_TABLE: i64 = 3;

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Marks a database as a Drakor library (`PRAGMA application_id`, "DRKR").
pub const APPLICATION_ID: i64 = 0x4452_4B52;

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

pub fn application_id(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "application_id", |row| row.get(0))?)
}

/// Runs the migrations the database has not seen yet, each in its own
/// transaction together with its version bump.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current = version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let target = index as i64 + 1;
        if target <= current {
            continue;
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", target)?;
        if target == 1 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        if target >= PROGRESS_TABLE {
            super::progress::refresh_tx(&tx)?;
        }
        tx.commit()?;
    }
    Ok(())
}
