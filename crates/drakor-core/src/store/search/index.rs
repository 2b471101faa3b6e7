//! Keeping the search index in step with the library. Every write
//! reindexes the rows it touched in the same transaction, so the index is
//! never behind: the store does it for dramas and scenes, triggers do it
//! for episodes (migration 0011), wherever they are written.
//!
//! What an entry holds is written once per kind here: each indexed value
//! ends with a space (so one or two characters of the text always begin a
//! trigram term, see `query`), and tags and people are joined by ", " in
//! their order, as a snippet shows them; a scene's song is its title and
//! artist ("Stay With Me — Chanyeol & Punch"), its quote the line and its
//! translation. A new searchable column of scenes
//! goes into [`scene_entries`] alone: the single reindex and the bulk one
//! ([`DeferredIndex`]) both write through it.

use rusqlite::{Connection, Transaction};

use crate::error::Result;

/// The statement that writes the search entries of the scenes `which`
/// selects (an SQL condition on `s`), in key order.
fn scene_entries(verb: &str, which: &str) -> String {
    format!(
        "{verb} INTO scene_search (rowid, title, notes, tags, people, song, quote)
         SELECT s.pk, s.title || ' ', s.notes || ' ',
                coalesce((SELECT group_concat(tag, ', ' ORDER BY position)
                          FROM scene_tags t WHERE t.scene_pk = s.pk), '') || ' ',
                coalesce((SELECT group_concat(name, ', ' ORDER BY position)
                          FROM scene_people p WHERE p.scene_pk = s.pk), '') || ' ',
                coalesce(s.ost_title || iif(s.ost_artist = '', '', ' — ' || s.ost_artist), '') || ' ',
                coalesce(s.quote_text || coalesce(' / ' || s.quote_translation, ''), '') || ' '
         FROM scenes s WHERE {which} ORDER BY s.pk"
    )
}

pub(crate) fn reindex_drama_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO drama_search (rowid, title, original_title, notes, tags)
         SELECT d.pk, d.title || ' ', coalesce(d.original_title, '') || ' ', d.notes || ' ',
                coalesce((SELECT group_concat(tag, ', ' ORDER BY position)
                          FROM drama_tags t WHERE t.drama_pk = d.pk), '') || ' '
         FROM dramas d WHERE d.pk = ?1",
    )?
    .execute([pk])?;
    Ok(())
}

pub(crate) fn reindex_scene_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached(&scene_entries("INSERT OR REPLACE", "s.pk = ?1"))?
        .execute([pk])?;
    Ok(())
}

/// Search entries a bulk write (an import) leaves for its end, to write
/// them with one statement per kind.
///
/// FTS5 writes its pending terms out as a new segment at the end of every
/// statement that writes to it, so reindexing scenes one statement each
/// writes one tiny segment per scene and keeps merging them: 100,000 scenes
/// took about 4 s that way, against 0.7 s for one `INSERT … SELECT`.
#[derive(Debug, Default)]
pub(crate) struct DeferredIndex {
    scenes_added: Vec<i64>,
    scenes_changed: Vec<i64>,
}

impl DeferredIndex {
    /// A scene inserted without an index entry.
    pub fn scene_added(&mut self, pk: i64) {
        self.scenes_added.push(pk);
    }

    /// A scene changed without reindexing: its old entry goes too.
    pub fn scene_changed(&mut self, pk: i64) {
        self.scenes_changed.push(pk);
    }

    /// Writes every entry left for later, in the caller's transaction.
    pub fn write_tx(self, tx: &Transaction<'_>) -> Result<()> {
        let DeferredIndex {
            scenes_added,
            mut scenes_changed,
        } = self;
        if !scenes_changed.is_empty() {
            tx.prepare_cached(
                "DELETE FROM scene_search WHERE rowid IN (SELECT value FROM json_each(?1))",
            )?
            .execute([pk_list(&scenes_changed)])?;
        }
        scenes_changed.extend(scenes_added);
        if scenes_changed.is_empty() {
            return Ok(());
        }
        scenes_changed.sort_unstable();
        tx.prepare_cached(&scene_entries(
            "INSERT",
            "s.pk IN (SELECT value FROM json_each(?1))",
        ))?
        .execute([pk_list(&scenes_changed)])?;
        Ok(())
    }
}

/// Keys as a JSON array, for `json_each`: one parameter however many.
fn pk_list(pks: &[i64]) -> String {
    let mut text = String::with_capacity(pks.len() * 7 + 2);
    text.push('[');
    for (i, pk) in pks.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&pk.to_string());
    }
    text.push(']');
    text
}

/// Reindexes every episode of the dramas in `drama_pks` (a JSON array of
/// keys) in one statement per step: how a bulk write that lifted the
/// episode triggers (`PausedTriggers`) brings the index up to date. The
/// entries are those the triggers of migration 0011 write.
pub(crate) fn reindex_episodes_of_tx(conn: &Connection, drama_pks: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM episode_search WHERE rowid IN
            (SELECT pk FROM episodes WHERE drama_pk IN (SELECT value FROM json_each(?1)))",
    )?
    .execute([drama_pks])?;
    conn.prepare_cached(
        "INSERT INTO episode_search (rowid, title, notes)
         SELECT e.pk, coalesce(e.title, '') || ' ', e.notes || ' ' FROM episodes e
         WHERE e.drama_pk IN (SELECT value FROM json_each(?1))
           AND (e.title IS NOT NULL OR e.notes <> '')
         ORDER BY e.pk",
    )?
    .execute([drama_pks])?;
    Ok(())
}

pub(crate) fn forget_scene_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM scene_search WHERE rowid = ?1")?
        .execute([pk])?;
    Ok(())
}

/// Removes a drama and all its scenes from the index.
pub(crate) fn forget_drama_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM scene_search WHERE rowid IN (SELECT pk FROM scenes WHERE drama_pk = ?1)",
    )?
    .execute([pk])?;
    tx.prepare_cached("DELETE FROM drama_search WHERE rowid = ?1")?
        .execute([pk])?;
    Ok(())
}
