//! Adding, editing, deleting, listing and finding dramas.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{OptionalExtension, ToSql, Transaction, params, params_from_iter};
use uuid::Uuid;

use crate::drama::{
    Drama, DramaDetail, DramaDraft, DramaFilter, DramaName, DramaSummary, Progress, Sort, Status,
};
use crate::error::{Error, Result};
use crate::store::load::{self, Scope};
use crate::store::metadata::check_tmdb_free_tx;
use crate::store::search::{self, Query};
use crate::store::{Library, sql};

impl Library {
    /// Adds a drama and returns it as stored, with its new id.
    pub fn add_drama(&mut self, draft: &DramaDraft, now: DateTime<Utc>) -> Result<Drama> {
        let fields = draft.validate()?;
        let id = Uuid::now_v7();
        self.write(|tx| {
            check_tmdb_free_tx(tx, &fields, None)?;
            insert_drama_tx(tx, id, &fields, now, now)
        })?;
        Ok(self.get_drama(id)?.drama)
    }

    /// Replaces every field of a drama with the draft's. Its `updated_at`
    /// becomes `now`, or just after the old one if that is later.
    pub fn update_drama(
        &mut self,
        id: Uuid,
        draft: &DramaDraft,
        now: DateTime<Utc>,
    ) -> Result<Drama> {
        let fields = draft.validate()?;
        self.write(|tx| {
            let pk = drama_pk(tx, id)?;
            check_tmdb_free_tx(tx, &fields, Some(id))?;
            let at = sql::edited_at(now, sql::updated_at_of(tx, "dramas", pk)?);
            update_drama_row_tx(tx, pk, &fields, at)
        })?;
        Ok(self.get_drama(id)?.drama)
    }

    /// Deletes a drama with its episodes, watch log, scenes and links.
    pub fn delete_drama(&mut self, id: Uuid) -> Result<()> {
        self.write(|tx| {
            let pk = drama_pk(tx, id)?;
            crate::store::lists::note_dropped_tx(tx, None, Some(pk))?;
            search::forget_drama_tx(tx, pk)?;
            tx.execute("DELETE FROM dramas WHERE pk = ?1", [pk])?;
            Ok(())
        })
    }

    /// One drama with its episodes and scenes.
    pub fn get_drama(&self, id: Uuid) -> Result<DramaDetail> {
        let pk = drama_pk(self.conn(), id)?;
        let record = load::records(self.conn(), Scope::Drama(pk))?
            .pop()
            .ok_or_else(|| Error::not_found("drama", id))?;
        let progress = progress_of(&record.drama.fields, &record.episodes);
        Ok(DramaDetail {
            drama: record.drama,
            progress,
            episodes: record.episodes,
            scenes: record.scenes,
        })
    }

    /// The library list: every drama passing the filter, with its progress
    /// read from the rows writes keep up to date (`store::progress`).
    pub fn list_dramas(&self, filter: &DramaFilter) -> Result<Vec<DramaSummary>> {
        let mut conds: Vec<String> = Vec::new();
        let mut params: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(status) = filter.status {
            params.push(Box::new(status.as_str()));
            conds.push(format!("d.status = ?{}", params.len()));
        }
        if let Some(tag) = filter
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
        {
            params.push(Box::new(tag));
            conds.push(format!(
                "d.pk IN (SELECT drama_pk FROM drama_tags WHERE tag = ?{})",
                params.len()
            ));
        }
        if let Some(text) = filter.text.as_deref() {
            match Query::read(self.conn(), text)? {
                Some(query) => conds.push(search::drama_condition(&query, &mut params)),
                None if text.trim().is_empty() => {}
                None => return Ok(Vec::new()),
            }
        }
        let where_clause = if conds.is_empty() {
            "1".to_owned()
        } else {
            conds.join(" AND ")
        };
        let airing_order;
        let order = match filter.sort {
            Sort::Recent => "last_watched IS NULL, last_watched DESC, d.updated_at DESC, d.pk DESC",
            Sort::Title => "d.title COLLATE NOCASE, d.pk",
            Sort::Rating => "d.rating IS NULL, d.rating DESC, d.title COLLATE NOCASE",
            Sort::NextAiring => match filter.today {
                Some(today) => {
                    params.push(Box::new(today.format("%Y-%m-%d").to_string()));
                    let n = params.len();
                    airing_order = format!(
                        "next_air IS NULL, next_air < ?{n}, \
                         CASE WHEN next_air >= ?{n} THEN next_air END, next_air DESC, \
                         d.title COLLATE NOCASE"
                    );
                    airing_order.as_str()
                }
                None => "next_air IS NULL, next_air, d.title COLLATE NOCASE",
            },
        };
        let sql = format!(
            "SELECT d.pk, d.id, d.title, d.original_title, d.year, d.country, d.network, d.status,
                    d.rating, d.total_episodes, d.updated_at,
                    coalesce(p.watched, 0), p.last_watched AS last_watched,
                    coalesce(p.scene_count, 0), coalesce(p.next_episode, 1),
                    (SELECT e.air_date FROM episodes e WHERE e.drama_pk = d.pk AND e.season = 1
                       AND e.number = coalesce(p.next_episode, 1)
                       AND (d.total_episodes IS NULL OR e.number <= d.total_episodes)) AS next_air,
                    d.tmdb_id
             FROM dramas d LEFT JOIN drama_progress p ON p.drama_pk = d.pk
             WHERE {where_clause} ORDER BY {order}"
        );
        let mut tags = drama_tags(self.conn())?;
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |row| {
            let pk: i64 = row.get(0)?;
            let id: String = row.get(1)?;
            let status: String = row.get(7)?;
            let total: Option<u32> = row.get(9)?;
            Ok(DramaSummary {
                id: sql::uuid(&id)?,
                title: row.get(2)?,
                original_title: row.get(3)?,
                year: row.get(4)?,
                country: row.get(5)?,
                network: row.get(6)?,
                status: Status::from_sql(&status)?,
                rating: row.get(8)?,
                updated_at: sql::from_instant(row.get(10)?)?,
                progress: Progress {
                    watched: sql::count(row.get(11)?),
                    total,
                    next_episode: next_within(row.get(14)?, total),
                },
                last_watched_at: row
                    .get::<_, Option<i64>>(12)?
                    .map(sql::from_instant)
                    .transpose()?,
                scene_count: sql::count(row.get(13)?),
                next_air_date: sql::from_date(row.get(15)?)?,
                tmdb_id: row.get::<_, Option<i64>>(16)?.map(|v| v as u64),
                tags: tags.remove(&pk).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The dramas that have scenes, by title: the Scenes screen's drama
    /// filter, without the weight of every drama's summary.
    pub fn dramas_with_scenes(&self) -> Result<Vec<DramaName>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.id, d.title FROM dramas d JOIN drama_progress p ON p.drama_pk = d.pk
             WHERE p.scene_count > 0 ORDER BY d.title COLLATE NOCASE, d.pk",
        )?;
        let rows = stmt.query_map([], |row| {
            let id: String = row.get(0)?;
            Ok(DramaName {
                id: sql::uuid(&id)?,
                title: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Finds a drama by id, id prefix, or title (whole or a unique part of
    /// it, in any case), so people can type `drakor show goblin`.
    pub fn find_drama(&self, query: &str) -> Result<Uuid> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Error::invalid("drama", "is empty; give a title or an id"));
        }
        if let Ok(id) = Uuid::parse_str(query) {
            drama_pk(self.conn(), id)?;
            return Ok(id);
        }
        let lookups = [
            "SELECT id, title FROM dramas WHERE title = ?1 COLLATE NOCASE OR original_title = ?1 COLLATE NOCASE",
            // An exact prefix: LIKE would read % and _ typed by the user as wildcards.
            "SELECT id, title FROM dramas WHERE length(?1) >= 4 AND substr(id, 1, length(?1)) = lower(?1)",
            "SELECT id, title FROM dramas WHERE instr(lower(title), lower(?1)) > 0 OR instr(original_title, ?1) > 0",
        ];
        for sql in lookups {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let found: Vec<(String, String)> = stmt
                .query_map([query], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            match found.as_slice() {
                [] => continue,
                [(id, _)] => return Ok(sql::uuid(id)?),
                many => {
                    let candidates = many
                        .iter()
                        .take(5)
                        .map(|(id, title)| format!("{title} ({})", short_id(id)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(Error::Ambiguous {
                        query: query.to_owned(),
                        candidates,
                    });
                }
            }
        }
        Err(Error::not_found("drama", query))
    }
}

/// The first eight characters of a stored id, as a list of candidates
/// shows it. Another program may have written an id that is shorter, or
/// not hex at all: it is shown as it is, never cut inside a character.
fn short_id(id: &str) -> &str {
    id.char_indices().nth(8).map_or(id, |(end, _)| &id[..end])
}

pub(crate) fn next_within(next: Option<u32>, total: Option<u32>) -> Option<u32> {
    match (next, total) {
        (Some(n), Some(t)) if n > t => None,
        (n, _) => n,
    }
}

/// Progress from a drama's loaded episodes (the same rule as the SQL above).
pub(crate) fn progress_of(fields: &DramaDraft, episodes: &[crate::episode::Episode]) -> Progress {
    let watched = |e: &&crate::episode::Episode| !e.watched_at.is_empty();
    let count = episodes
        .iter()
        .filter(|e| e.season >= 1)
        .filter(watched)
        .count();
    let mut season_one: Vec<u32> = episodes
        .iter()
        .filter(|e| e.season == 1)
        .filter(watched)
        .map(|e| e.number)
        .collect();
    season_one.sort_unstable();
    let mut next = 1;
    for n in season_one {
        if n == next {
            next += 1;
        } else if n > next {
            break;
        }
    }
    Progress {
        watched: sql::count(count as i64),
        total: fields.total_episodes,
        next_episode: next_within(Some(next), fields.total_episodes),
    }
}

pub(crate) fn drama_pk(conn: &rusqlite::Connection, id: Uuid) -> Result<i64> {
    conn.prepare_cached("SELECT pk FROM dramas WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("drama", id))
}

fn drama_tags(conn: &rusqlite::Connection) -> Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut stmt =
        conn.prepare_cached("SELECT drama_pk, tag FROM drama_tags ORDER BY drama_pk, position")?;
    let mut rows = stmt.query([])?;
    let mut out: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        out.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    Ok(out)
}

/// A drama's own columns: the insert and the update are written from
/// these names, and bound from [`drama_values`], in this order.
const DRAMA_COLUMNS: [&str; 16] = [
    ":title",
    ":original_title",
    ":country",
    ":year",
    ":network",
    ":total_episodes",
    ":status",
    ":rating",
    ":started_on",
    ":finished_on",
    ":rewatch_count",
    ":notes",
    ":tmdb_id",
    ":imdb_id",
    ":mdl_url",
    ":trakt_id",
];

/// The values of [`DRAMA_COLUMNS`].
fn drama_values(f: &DramaDraft) -> rusqlite::Result<[ToSqlOutput<'_>; 16]> {
    let owned = |value: Value| ToSqlOutput::Owned(value);
    let ids = &f.external_ids;
    Ok([
        f.title.to_sql()?,
        f.original_title.to_sql()?,
        f.country.to_sql()?,
        f.year.to_sql()?,
        f.network.to_sql()?,
        f.total_episodes.to_sql()?,
        f.status.as_str().to_sql()?,
        f.rating.to_sql()?,
        owned(sql::date(f.started_on).into()),
        owned(sql::date(f.finished_on).into()),
        f.rewatch_count.to_sql()?,
        f.notes.to_sql()?,
        owned(ids.tmdb.map(|v| v as i64).into()),
        ids.imdb.to_sql()?,
        ids.mdl.to_sql()?,
        owned(ids.trakt.map(|v| v as i64).into()),
    ])
}

static INSERT_DRAMA: LazyLock<String> = LazyLock::new(|| {
    let mut columns = DRAMA_COLUMNS.to_vec();
    columns.extend([":id", ":created_at", ":updated_at"]);
    sql::insert_into("dramas", &columns)
});

static UPDATE_DRAMA: LazyLock<String> = LazyLock::new(|| {
    let mut columns = DRAMA_COLUMNS.to_vec();
    columns.push(":updated_at");
    sql::update_by_pk("dramas", &columns)
});

/// Inserts a validated drama (without episodes or scenes) and indexes it.
pub(crate) fn insert_drama_tx(
    tx: &Transaction<'_>,
    id: Uuid,
    fields: &DramaDraft,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
) -> Result<i64> {
    let values = drama_values(fields)?;
    let id = id.to_string();
    let (created_at, updated_at) = (sql::instant(created_at), sql::instant(updated_at));
    let extra: [(&str, &dyn ToSql); 3] = [
        (":id", &id),
        (":created_at", &created_at),
        (":updated_at", &updated_at),
    ];
    tx.prepare_cached(&INSERT_DRAMA)?
        .execute(sql::bound(&DRAMA_COLUMNS, &values, &extra).as_slice())?;
    let pk = tx.last_insert_rowid();
    write_tags_and_links_tx(tx, pk, fields)?;
    search::reindex_drama_tx(tx, pk)?;
    Ok(pk)
}

/// Replaces a drama's fields, tags and links, and reindexes it.
pub(crate) fn update_drama_row_tx(
    tx: &Transaction<'_>,
    pk: i64,
    fields: &DramaDraft,
    updated_at: DateTime<Utc>,
) -> Result<()> {
    let values = drama_values(fields)?;
    let updated_at = sql::instant(updated_at);
    let extra: [(&str, &dyn ToSql); 2] = [(":pk", &pk), (":updated_at", &updated_at)];
    tx.prepare_cached(&UPDATE_DRAMA)?
        .execute(sql::bound(&DRAMA_COLUMNS, &values, &extra).as_slice())?;
    tx.prepare_cached("DELETE FROM drama_tags WHERE drama_pk = ?1")?
        .execute([pk])?;
    tx.prepare_cached("DELETE FROM links WHERE drama_pk = ?1")?
        .execute([pk])?;
    write_tags_and_links_tx(tx, pk, fields)?;
    search::reindex_drama_tx(tx, pk)
}

fn write_tags_and_links_tx(tx: &Transaction<'_>, pk: i64, fields: &DramaDraft) -> Result<()> {
    let mut tag =
        tx.prepare_cached("INSERT INTO drama_tags (drama_pk, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in fields.tags.iter().enumerate() {
        tag.execute(params![pk, t, i as i64])?;
    }
    let mut link = tx.prepare_cached(
        "INSERT INTO links (drama_pk, position, url, label, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, l) in fields.links.iter().enumerate() {
        link.execute(params![pk, i as i64, l.url, l.label, l.kind.as_str()])?;
    }
    Ok(())
}
