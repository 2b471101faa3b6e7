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
