//! Each drama's progress (watched episodes, last watch, next episode, scene
//! count), kept in `drama_progress` so the library list reads one row per
//! drama. Triggers note the dramas a write touched; [`refresh_tx`] runs at
//! the end of every write transaction and recomputes just those.

use rusqlite::Connection;

use crate::error::Result;

/// Recomputes the progress rows of the dramas the current transaction
/// touched, then forgets them. Cheap when nothing changed: one lookup in an
/// empty table.
pub(crate) fn refresh_tx(conn: &Connection) -> Result<()> {
    let touched: i64 = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM progress_stale)")?
        .query_row([], |row| row.get(0))?;
    if touched == 0 {
        return Ok(());
    }
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO drama_progress (drama_pk, watched, last_watched, next_episode, scene_count)
         SELECT d.pk, {WATCHED}, {LAST_WATCHED}, {NEXT}, {SCENES}
         FROM progress_stale p JOIN dramas d ON d.pk = p.drama_pk"
    ))?
    .execute([])?;
    conn.prepare_cached("DELETE FROM progress_stale")?
        .execute([])?;
    Ok(())
}

/// Episodes (not specials) with at least one watch event.
const WATCHED: &str = "(SELECT count(*) FROM episodes e WHERE e.drama_pk = d.pk AND e.season >= 1
    AND EXISTS (SELECT 1 FROM watch_events w WHERE w.episode_pk = e.pk))";

const LAST_WATCHED: &str = "(SELECT max(w.watched_at) FROM episodes e
    JOIN watch_events w ON w.episode_pk = e.pk WHERE e.drama_pk = d.pk)";

/// The first season-1 episode not watched: 1, or the first gap after a
/// watched one. Capped by the total when read (`next_within`), so editing
/// the total needs no refresh.
const NEXT: &str =
    "(CASE WHEN NOT EXISTS (SELECT 1 FROM episodes e JOIN watch_events w ON w.episode_pk = e.pk
        WHERE e.drama_pk = d.pk AND e.season = 1 AND e.number = 1)
    THEN 1
    ELSE (SELECT min(e.number) + 1 FROM episodes e
        WHERE e.drama_pk = d.pk AND e.season = 1
          AND EXISTS (SELECT 1 FROM watch_events w WHERE w.episode_pk = e.pk)
          AND NOT EXISTS (SELECT 1 FROM episodes e2 JOIN watch_events w2 ON w2.episode_pk = e2.pk
              WHERE e2.drama_pk = d.pk AND e2.season = 1 AND e2.number = e.number + 1))
    END)";

const SCENES: &str = "(SELECT count(*) FROM scenes s WHERE s.drama_pk = d.pk)";

/// The triggers that keep derived rows (each drama's progress, the episode
/// search index), lifted for the length of a bulk write (an import) that
/// says itself which dramas it touched.
///
/// A trigger costs little once, but an import of 100,000 scenes and 60,000
/// watches fires one per row: 0.3–0.5 s of a 3 s import. And FTS5 writes a
/// segment per statement that writes to it (see `search::DeferredIndex`),
/// so the episode index is better written once at the end. The triggers
/// are dropped inside the import's transaction and made again from their
/// own stored definitions before it commits; SQLite's DDL is transactional,
/// so if the import fails, the rollback puts them back with everything else.
#[derive(Debug)]
pub(crate) struct PausedTriggers {
    definitions: Vec<String>,
    touched: Vec<i64>,
}

impl PausedTriggers {
    pub fn pause_tx(conn: &Connection) -> Result<Self> {
        let triggers: Vec<(String, String)> = conn
            .prepare_cached(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
                 AND (name GLOB 'progress_*' OR name GLOB 'search_*')",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, _) in &triggers {
            conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
        Ok(PausedTriggers {
            definitions: triggers.into_iter().map(|(_, sql)| sql).collect(),
            touched: Vec::new(),
        })
    }

    /// A drama the bulk write added to or changed.
    pub fn touched(&mut self, drama_pk: i64) {
        self.touched.push(drama_pk);
    }

    /// Notes the touched dramas for [`refresh_tx`], reindexes their
    /// episodes for search, and brings the triggers back.
    pub fn resume_tx(self, conn: &Connection) -> Result<()> {
        let keys = serde_json::Value::from(self.touched).to_string();
        conn.prepare_cached(
            "INSERT OR IGNORE INTO progress_stale SELECT value FROM json_each(?1)",
        )?
        .execute([&keys])?;
        super::search::reindex_episodes_of_tx(conn, &keys)?;
        for sql in &self.definitions {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}
