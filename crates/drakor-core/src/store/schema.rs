//! The schema and its migrations: embedded, append-only, applied in order.
//! `PRAGMA user_version` records how many have run.

use rusqlite::Connection;

use crate::error::Result;

/// Every migration ever shipped, oldest first, each with the schema version
/// it brings a library to: the number its file is named by. Never edit one
/// that has shipped; add a new one at the end, numbered after the last.
///
/// The numbers are the files', not places in this list, so a migration can
/// be written while an earlier-numbered one is still being made elsewhere:
/// each goes in at its number and they run in that order.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_initial.sql")),
    (2, include_str!("../migrations/0002_trakt_id.sql")),
    (3, include_str!("../migrations/0003_drama_progress.sql")),
    (4, include_str!("../migrations/0004_episode_updated_at.sql")),
    (
        5,
        include_str!("../migrations/0005_episode_notes_search.sql"),
    ),
    (6, include_str!("../migrations/0006_video_files.sql")),
    (7, include_str!("../migrations/0007_player_titles.sql")),
    (8, include_str!("../migrations/0008_air_dates.sql")),
    (9, include_str!("../migrations/0009_lists.sql")),
    (10, include_str!("../migrations/0010_scene_ost_quote.sql")),
    (11, include_str!("../migrations/0011_trigram_search.sql")),
    (12, include_str!("../migrations/0012_people_aliases.sql")),
];

/// The first version with `drama_progress`, which a migration's own writes
/// must keep up like any other write.
const PROGRESS_TABLE: i64 = 3;

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

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
    for &(target, sql) in MIGRATIONS {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_listed_in_the_order_of_their_numbers() {
        let numbers: Vec<i64> = MIGRATIONS.iter().map(|(n, _)| *n).collect();
        assert!(numbers[0] == 1, "{numbers:?}");
        // Gaps are allowed (a number may be taken by a migration still
        // being written elsewhere); going back or a repeat is not.
        assert!(
            numbers.windows(2).all(|w| w[1] > w[0]),
            "in order, no repeat: {numbers:?}"
        );
        assert_eq!(LATEST, *numbers.last().unwrap_or(&0));
    }

    #[test]
    fn every_migration_file_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/migrations");
        let files = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter(|e| {
                        e.as_ref()
                            .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql"))
                    })
                    .count()
            })
            .unwrap_or_default();
        assert_eq!(
            files,
            MIGRATIONS.len(),
            "a file in src/migrations is missing from MIGRATIONS"
        );
    }

    #[test]
    fn each_migration_says_the_version_it_is_numbered_by() {
        for (number, sql) in MIGRATIONS {
            let first = sql.lines().next().unwrap_or_default();
            assert!(
                first.contains(&format!("version {number}")),
                "migration {number} starts {first:?}"
            );
        }
    }
}
