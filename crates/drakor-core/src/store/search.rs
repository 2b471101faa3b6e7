//! Full-text search over dramas, scenes and episodes (SQLite FTS5). Every
//! write reindexes the rows it touched in the same transaction, so the
//! index is never behind the library: the store does it for dramas and
//! scenes, triggers do it for episodes (migration 0005), wherever they are
//! written.

use rusqlite::{Transaction, params};
use serde::Serialize;
use uuid::Uuid;

use crate::error::Result;
use crate::scene_time::SceneTime;
use crate::store::{Library, sql};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchHitKind {
    Drama,
    Scene,
    /// An episode's title or notes matched.
    Episode,
}

impl SearchHitKind {
    fn from_sql(kind: &str) -> rusqlite::Result<Self> {
        match kind {
            "drama" => Ok(SearchHitKind::Drama),
            "scene" => Ok(SearchHitKind::Scene),
            "episode" => Ok(SearchHitKind::Episode),
            other => Err(sql::bad_value(
                rusqlite::types::Type::Text,
                format!("{other:?} is no kind of search hit"),
            )),
        }
    }
}

/// One search result: a drama, a scene with its drama, or an episode with
/// its drama. Every hit names its drama (`drama_id` opens it); a scene or
/// an episode also says where it is (`season`, `episode`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: SearchHitKind,
    pub drama_id: Uuid,
    pub drama_title: String,
    pub drama_original_title: Option<String>,
    pub scene_id: Option<Uuid>,
    pub scene_title: Option<String>,
    /// The season of a scene or episode hit.
    pub season: Option<u32>,
    /// The episode number of a scene or episode hit.
    pub episode: Option<u32>,
    /// The title the user gave an episode hit, if any.
    pub episode_title: Option<String>,
    pub start: Option<SceneTime>,
    /// The matching text around the words found, with each match between
    /// `\u{2}` and `\u{3}` so a UI can highlight it without parsing markup.
    pub snippet: String,
}

impl Library {
    /// Finds dramas, scenes and episodes whose titles, original titles,
    /// notes, tags or people contain every word of `text` (as a word or word
    /// prefix), best matches first.
    ///
    /// A word as common as `kiss` matches tens of thousands of scenes in a
    /// large library, and ranking them all (bm25) and cutting a snippet of
    /// each took a third of a second. So the best matches are chosen among
    /// the newest [`SEARCH_CANDIDATES`] matches of each kind (or `limit`, if
    /// larger): a word with fewer matches is ranked exactly, and for a
    /// common word the newest of its many good matches come first.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let limit = limit.clamp(1, 1_000) as i64;
        let candidates = limit.max(SEARCH_CANDIDATES);
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM (
                SELECT 'drama' AS kind, d.id, d.title, d.original_title, NULL, NULL, NULL, NULL, NULL,
                       NULL, m.snip, m.rank
                FROM (SELECT rowid AS pk, snippet(drama_search, -1, char(2), char(3), '…', 12) AS snip,
                             bm25(drama_search, 10.0, 10.0, 1.0, 5.0) AS rank
                      FROM drama_search WHERE drama_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) m
                JOIN dramas d ON d.pk = m.pk
                UNION ALL
                SELECT 'scene', d.id, d.title, d.original_title, s.id, s.title, s.season, s.episode, s.start_ms,
                       NULL, m.snip, m.rank
                FROM (SELECT rowid AS pk, snippet(scene_search, -1, char(2), char(3), '…', 12) AS snip,
                             bm25(scene_search, 10.0, 1.0, 5.0, 3.0) AS rank
                      FROM scene_search WHERE scene_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) m
                JOIN scenes s ON s.pk = m.pk JOIN dramas d ON d.pk = s.drama_pk
                UNION ALL
                SELECT 'episode', d.id, d.title, d.original_title, NULL, NULL, e.season, e.number, NULL,
                       e.title, m.snip, m.rank
                FROM (SELECT rowid AS pk, snippet(episode_search, -1, char(2), char(3), '…', 12) AS snip,
                             bm25(episode_search, 10.0, 1.0) AS rank
                      FROM episode_search WHERE episode_search MATCH ?1 ORDER BY rowid DESC LIMIT ?3) m
                JOIN episodes e ON e.pk = m.pk JOIN dramas d ON d.pk = e.drama_pk
             ) ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![query, limit, candidates], |row| {
            let kind: String = row.get(0)?;
            let drama_id: String = row.get(1)?;
            let scene_id: Option<String> = row.get(4)?;
            Ok(SearchHit {
                kind: SearchHitKind::from_sql(&kind)?,
                drama_id: sql::uuid(&drama_id)?,
                drama_title: row.get(2)?,
                drama_original_title: row.get(3)?,
                scene_id: scene_id.as_deref().map(sql::uuid).transpose()?,
                scene_title: row.get(5)?,
                season: row.get(6)?,
                episode: row.get(7)?,
                episode_title: row.get(9)?,
                start: row
                    .get::<_, Option<u32>>(8)?
                    .and_then(SceneTime::from_millis),
                snippet: row.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// How many of the newest matches of each kind a search ranks (see
/// [`Library::search`]).
pub const SEARCH_CANDIDATES: i64 = 500;

/// Turns what a user typed into an FTS5 query: each word quoted (so no
/// character is FTS syntax) and matched as a prefix, all words required.
/// `None` when nothing searchable is left.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .take(32)
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

pub(crate) fn reindex_drama_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO drama_search (rowid, title, original_title, notes, tags)
         SELECT d.pk, d.title, coalesce(d.original_title, ''), d.notes,
                coalesce((SELECT group_concat(tag, ' ') FROM drama_tags t WHERE t.drama_pk = d.pk), '')
         FROM dramas d WHERE d.pk = ?1",
    )?
    .execute([pk])?;
    Ok(())
}

pub(crate) fn reindex_scene_tx(tx: &Transaction<'_>, pk: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO scene_search (rowid, title, notes, tags, people)
         SELECT s.pk, s.title, s.notes,
                coalesce((SELECT group_concat(tag, ' ') FROM scene_tags t WHERE t.scene_pk = s.pk), ''),
                coalesce((SELECT group_concat(name, ' ') FROM scene_people p WHERE p.scene_pk = s.pk), '')
         FROM scenes s WHERE s.pk = ?1",
    )?
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
        tx.prepare_cached(
            "INSERT INTO scene_search (rowid, title, notes, tags, people)
             SELECT s.pk, s.title, s.notes,
                    coalesce((SELECT group_concat(tag, ' ') FROM scene_tags t WHERE t.scene_pk = s.pk), ''),
                    coalesce((SELECT group_concat(name, ' ') FROM scene_people p WHERE p.scene_pk = s.pk), '')
             FROM scenes s WHERE s.pk IN (SELECT value FROM json_each(?1))
             ORDER BY s.pk",
        )?
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
/// episode triggers (`PausedTriggers`) brings the index up to date.
pub(crate) fn reindex_episodes_of_tx(conn: &rusqlite::Connection, drama_pks: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM episode_search WHERE rowid IN
            (SELECT pk FROM episodes WHERE drama_pk IN (SELECT value FROM json_each(?1)))",
    )?
    .execute([drama_pks])?;
    conn.prepare_cached(
        "INSERT INTO episode_search (rowid, title, notes)
         SELECT e.pk, coalesce(e.title, ''), e.notes FROM episodes e
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(
            fts_query("reed field").as_deref(),
            Some("\"reed\"* \"field\"*")
        );
        assert_eq!(fts_query("해방").as_deref(), Some("\"해방\"*"));
    }

    #[test]
    fn fts_syntax_in_user_text_is_quoted_away() {
        assert_eq!(fts_query("a\"b OR").as_deref(), Some("\"a\"\"b\"* \"OR\"*"));
        assert_eq!(fts_query("  *** () "), None);
        assert_eq!(fts_query(""), None);
    }
}
