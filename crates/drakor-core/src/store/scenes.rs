//! Scene bookmarks: adding, editing, deleting and listing them.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::types::{ToSqlOutput, Value};

use rusqlite::{OptionalExtension, ToSql, Transaction, params, params_from_iter};
use uuid::Uuid;

use crate::error::{Error, Problems, Result};
use crate::scene::{
    Page, Scene, SceneDraft, SceneFields, SceneFilter, SceneInList, ScenePage, SceneSort,
};
use crate::store::dramas::drama_pk;
use crate::store::load;
use crate::store::search::{self, forget_scene_tx};
use crate::store::{Library, sql};

impl Library {
    /// Bookmarks a scene in one of a drama's episodes.
    pub fn add_scene(
        &mut self,
        drama: Uuid,
        draft: &SceneDraft,
        now: DateTime<Utc>,
    ) -> Result<Scene> {
        let fields = draft.validate()?;
        let id = Uuid::now_v7();
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            check_against_total(tx, pk, &fields)?;
            insert_scene_tx(tx, id, pk, &fields, now, now)
        })?;
        self.get_scene(id)
    }

    /// Replaces every field of a scene with the draft's. Its `updated_at`
    /// becomes `now`, or just after the old one if that is later.
    pub fn update_scene(
        &mut self,
        id: Uuid,
        draft: &SceneDraft,
        now: DateTime<Utc>,
    ) -> Result<Scene> {
        let fields = draft.validate()?;
        self.write(|tx| {
            let (pk, drama) = scene_pk(tx, id)?;
            check_against_total(tx, drama, &fields)?;
            let at = sql::edited_at(now, sql::updated_at_of(tx, "scenes", pk)?);
            update_scene_tx(tx, pk, drama, &fields, at)
        })?;
        self.get_scene(id)
    }

    pub fn delete_scene(&mut self, id: Uuid) -> Result<()> {
        self.write(|tx| {
            let (pk, _) = scene_pk(tx, id)?;
            crate::store::lists::note_dropped_tx(tx, Some(pk), None)?;
            forget_scene_tx(tx, pk)?;
            tx.execute("DELETE FROM scenes WHERE pk = ?1", [pk])?;
            Ok(())
        })
    }

    pub fn get_scene(&self, id: Uuid) -> Result<Scene> {
        load::scenes(self.conn(), "s.id = ?1", &[id.to_string()])?
            .pop()
            .map(|stored| stored.scene)
            .ok_or_else(|| Error::not_found("scene", id))
    }

    /// Scenes whose id starts with `prefix` (lower-case hex and dashes), as
    /// `(id, title)`, at most `limit` of them: how the CLI takes a short id.
    pub fn scenes_with_id_prefix(&self, prefix: &str, limit: u32) -> Result<Vec<(Uuid, String)>> {
        if !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Ok(Vec::new());
        }
        // GLOB, unlike LIKE, is case-sensitive and walks the id index.
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title FROM scenes WHERE id GLOB ?1 || '*' ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![prefix, limit], |row| {
            let id: String = row.get(0)?;
            Ok((sql::uuid(&id)?, row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of the scenes across dramas that pass the filter, in the
    /// filter's order (by drama title, then season, episode and time; or
    /// newest first), with how many there are in all.
    ///
    /// Only the page is read in full: a tag as common as `kiss` matches tens
    /// of thousands of scenes, and the Scenes screen shows a hundred at a
    /// time. The drama order comes from walking dramas by title
    /// (`dramas_by_title`) and each drama's scenes in order
    /// (`scenes_in_order`), so SQLite stops after the page instead of sorting
    /// every match. The other orders keep only the page's worth of best rows
    /// while reading the matches (SQLite's top-N sort).
    pub fn list_scenes(&self, filter: &SceneFilter, page: Page) -> Result<ScenePage> {
        // The tag is always ?1 when given; the other conditions follow it.
        let mut params: Vec<String> = Vec::new();
        let tag = filter
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        params.extend(tag.clone());
        let mut others = Vec::new();
        if let Some(drama) = filter.drama_id {
            params.push(drama.to_string());
            others.push(format!(
                "s.drama_pk = (SELECT pk FROM dramas WHERE id = ?{})",
                params.len()
            ));
        }
        if let Some(person) = filter.person.as_deref().filter(|p| !p.trim().is_empty()) {
            let names = crate::store::spellings_of(self.conn(), person)?;
            params.push(serde_json::Value::from(names).to_string());
            others.push(format!(
                "EXISTS (SELECT 1 FROM scene_people p WHERE p.scene_pk = s.pk
                         AND p.name IN (SELECT value FROM json_each(?{})))",
                params.len()
            ));
        }
        if filter.favourites_only {
            others.push("s.favourite = 1".to_owned());
        }
        if filter.untitled_only {
            params.push(crate::scene::UNTITLED.to_owned());
            others.push(format!("s.title = ?{}", params.len()));
        }
        let mut conds = others.clone();
        if tag.is_some() {
            conds.insert(
                0,
                "EXISTS (SELECT 1 FROM scene_tags t WHERE t.scene_pk = s.pk AND t.tag = ?1)".into(),
            );
        }
        let cond = if conds.is_empty() {
            "1".to_owned()
        } else {
            conds.join(" AND ")
        };
        // A tag's scenes are counted from its index entries (one per tagged
        // scene) rather than by probing every scene for the tag: 1 ms
        // instead of 35 for `kiss`.
        let counted = match (tag.is_some(), others.is_empty()) {
            (true, true) => "SELECT count(*) FROM scene_tags t WHERE t.tag = ?1".to_owned(),
            (true, false) => format!(
                "SELECT count(*) FROM scene_tags t JOIN scenes s ON s.pk = t.scene_pk
                 WHERE t.tag = ?1 AND {}",
                others.join(" AND ")
            ),
            (false, _) => format!("SELECT count(*) FROM scenes s WHERE {cond}"),
        };
        let total: i64 = self
            .conn()
            .prepare_cached(&counted)?
            .query_row(params_from_iter(&params), |row| row.get(0))?;
        let n = params.len();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT s.pk, d.title, d.original_title
             FROM dramas d JOIN scenes s ON s.drama_pk = d.pk
             WHERE {cond}
             ORDER BY {}
             LIMIT ?{} OFFSET ?{}",
            order_of(filter.sort),
            n + 1,
            n + 2
        ))?;
        let (limit, offset) = (i64::from(page.limit), i64::from(page.offset));
        let mut bound: Vec<&dyn ToSql> = params.iter().map(|p| p as &dyn ToSql).collect();
        bound.push(&limit);
        bound.push(&offset);
        let window: Vec<(i64, String, Option<String>)> = stmt
            .query_map(bound.as_slice(), |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let keys: Vec<i64> = window.iter().map(|(pk, ..)| *pk).collect();
        let mut loaded: HashMap<i64, Scene> = load::scenes_by_pk(self.conn(), &keys)?
            .into_iter()
            .map(|stored| (stored.pk, stored.scene))
            .collect();
        let scenes = window
            .into_iter()
            .filter_map(|(pk, drama_title, drama_original_title)| {
                Some(SceneInList {
                    scene: loaded.remove(&pk)?,
                    drama_title,
                    drama_original_title,
                })
            })
            .collect();
        Ok(ScenePage {
            scenes,
            total: sql::count(total),
            offset: page.offset,
        })
    }
}

/// The `ORDER BY` of the Scenes list; the pk last, so pages never overlap.
fn order_of(sort: SceneSort) -> &'static str {
    match sort {
        SceneSort::Drama => "d.title COLLATE NOCASE, d.pk, s.season, s.episode, s.start_ms, s.pk",
        SceneSort::Favourites => {
            "d.title COLLATE NOCASE, d.pk, s.favourite DESC, s.season, s.episode, s.start_ms, s.pk"
        }
        SceneSort::Newest => "s.created_at DESC, s.pk DESC",
    }
}

fn scene_pk(tx: &Transaction<'_>, id: Uuid) -> Result<(i64, i64)> {
    tx.prepare_cached("SELECT pk, drama_pk FROM scenes WHERE id = ?1")?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("scene", id))
}

/// A scene can't sit in an episode past the drama's last one.
fn check_against_total(tx: &Transaction<'_>, drama_pk: i64, fields: &SceneFields) -> Result<()> {
    let total: Option<u32> = tx
        .prepare_cached("SELECT total_episodes FROM dramas WHERE pk = ?1")?
        .query_row([drama_pk], |row| row.get(0))?;
    match total {
        Some(total) if fields.season >= 1 && fields.episode > total => Err(Problems::one(
            "episode",
            format!(
                "{} is past the drama's last episode ({total})",
                fields.episode
            ),
        )
        .into()),
        _ => Ok(()),
    }
}

pub(crate) fn insert_scene_tx(
    tx: &Transaction<'_>,
    id: Uuid,
    drama_pk: i64,
    fields: &SceneFields,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> Result<i64> {
    let pk = insert_scene_row_tx(tx, id, drama_pk, fields, created_at, updated_at)?;
    search::reindex_scene_tx(tx, pk)?;
    Ok(pk)
}

/// A scene's own columns: the insert and the update are written from
/// these names, and bound from [`scene_values`], in this order.
const SCENE_COLUMNS: [&str; 11] = [
    ":season",
    ":episode",
    ":start_ms",
    ":end_ms",
    ":title",
    ":notes",
    ":favourite",
    ":ost_title",
    ":ost_artist",
    ":quote_text",
    ":quote_translation",
];

/// The values of [`SCENE_COLUMNS`].
fn scene_values(f: &SceneFields) -> rusqlite::Result<[ToSqlOutput<'_>; 11]> {
    let ost = f.ost.as_ref();
    let quote = f.quote.as_ref();
    Ok([
        f.season.to_sql()?,
        f.episode.to_sql()?,
        ToSqlOutput::Owned(Value::from(f.start.as_millis())),
        ToSqlOutput::Owned(f.end.map(|e| e.as_millis()).into()),
        f.title.to_sql()?,
        f.notes.to_sql()?,
        f.favourite.to_sql()?,
        text(ost.map(|o| o.title.as_str())),
        text(Some(ost.map_or("", |o| o.artist.as_str()))),
        text(quote.map(|q| q.text.as_str())),
        text(quote.and_then(|q| q.translation.as_deref())),
    ])
}

/// Text, or NULL for none.
fn text(value: Option<&str>) -> ToSqlOutput<'_> {
    match value {
        Some(text) => ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(text.as_bytes())),
        None => ToSqlOutput::Owned(Value::Null),
    }
}

static INSERT_SCENE: LazyLock<String> = LazyLock::new(|| {
    let mut columns = SCENE_COLUMNS.to_vec();
    columns.extend([":id", ":drama_pk", ":created_at", ":updated_at"]);
    sql::insert_into("scenes", &columns)
});

static UPDATE_SCENE: LazyLock<String> = LazyLock::new(|| {
    let mut columns = SCENE_COLUMNS.to_vec();
    columns.extend([":drama_pk", ":updated_at"]);
    sql::update_by_pk("scenes", &columns)
});

/// Inserts a scene without its search entry, for bulk writes that index
/// once at the end ([`search::DeferredIndex`]).
pub(crate) fn insert_scene_row_tx(
    tx: &Transaction<'_>,
    id: Uuid,
    drama_pk: i64,
    fields: &SceneFields,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> Result<i64> {
    let values = scene_values(fields)?;
    let id = id.to_string();
    let (created_at, updated_at) = (sql::instant(created_at), sql::instant(updated_at));
    let extra: [(&str, &dyn ToSql); 4] = [
        (":id", &id),
        (":drama_pk", &drama_pk),
        (":created_at", &created_at),
        (":updated_at", &updated_at),
    ];
    tx.prepare_cached(&INSERT_SCENE)?
        .execute(sql::bound(&SCENE_COLUMNS, &values, &extra).as_slice())?;
    let pk = tx.last_insert_rowid();
    write_children_tx(tx, pk, fields)?;
    Ok(pk)
}

pub(crate) fn update_scene_tx(
    tx: &Transaction<'_>,
    pk: i64,
    drama_pk: i64,
    fields: &SceneFields,
    updated_at: DateTime<Utc>,
) -> Result<()> {
    update_scene_row_tx(tx, pk, drama_pk, fields, updated_at)?;
    search::reindex_scene_tx(tx, pk)
}

/// Replaces a scene's fields without reindexing it (see
/// [`insert_scene_row_tx`]).
pub(crate) fn update_scene_row_tx(
    tx: &Transaction<'_>,
    pk: i64,
    drama_pk: i64,
    fields: &SceneFields,
    updated_at: DateTime<Utc>,
) -> Result<()> {
    let values = scene_values(fields)?;
    let updated_at = sql::instant(updated_at);
    let extra: [(&str, &dyn ToSql); 3] = [
        (":pk", &pk),
        (":drama_pk", &drama_pk),
        (":updated_at", &updated_at),
    ];
    tx.prepare_cached(&UPDATE_SCENE)?
        .execute(sql::bound(&SCENE_COLUMNS, &values, &extra).as_slice())?;
    for table in ["scene_tags", "scene_people", "links"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE scene_pk = ?1"))?
            .execute([pk])?;
    }
    write_children_tx(tx, pk, fields)
}

fn write_children_tx(tx: &Transaction<'_>, pk: i64, fields: &SceneFields) -> Result<()> {
    let mut tag =
        tx.prepare_cached("INSERT INTO scene_tags (scene_pk, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in fields.tags.iter().enumerate() {
        tag.execute(params![pk, t, i as i64])?;
    }
    let mut person = tx.prepare_cached(
        "INSERT INTO scene_people (scene_pk, position, name) VALUES (?1, ?2, ?3)",
    )?;
    for (i, name) in fields.people.iter().enumerate() {
        person.execute(params![pk, i as i64, name])?;
    }
    let mut link = tx.prepare_cached(
        "INSERT INTO links (scene_pk, position, url, label, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, l) in fields.links.iter().enumerate() {
        link.execute(params![pk, i as i64, l.url, l.label, l.kind.as_str()])?;
    }
    Ok(())
}
