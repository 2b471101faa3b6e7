//! Reading dramas, episodes and scenes back, a few queries per kind rather
//! than one per row, so a whole library loads as fast as a single drama.

use std::collections::HashMap;

use rusqlite::{Connection, Row, ToSql, params_from_iter};

use crate::drama::{Drama, DramaDraft, ExternalIds, Status};
use crate::episode::Episode;
use crate::error::Result;
use crate::link::{Link, LinkKind};
use crate::scene::Scene;
use crate::scene_time::SceneTime;
use crate::store::sql;

/// Which dramas to read.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    All,
    Drama(i64),
}

impl Scope {
    /// A condition on a `drama_pk` column, and its parameter.
    fn on(self, column: &str) -> (String, Vec<i64>) {
        match self {
            Scope::All => ("1".into(), vec![]),
            Scope::Drama(pk) => (format!("{column} = ?1"), vec![pk]),
        }
    }
}

/// A drama with everything under it, as stored.
#[derive(Debug, Clone)]
pub struct DramaRecord {
    pub drama: Drama,
    pub episodes: Vec<Episode>,
    pub scenes: Vec<Scene>,
}

pub fn records(conn: &Connection, scope: Scope) -> Result<Vec<DramaRecord>> {
    let dramas = dramas(conn, scope)?;
    let mut episodes = episodes(conn, scope)?;
    let (cond, params) = scope.on("s.drama_pk");
    let mut scenes = scenes_grouped(conn, &cond, &params)?;
    Ok(dramas
        .into_iter()
        .map(|(pk, drama)| DramaRecord {
            drama,
            episodes: episodes.remove(&pk).unwrap_or_default(),
            scenes: scenes.remove(&pk).unwrap_or_default(),
        })
        .collect())
}

pub fn dramas(conn: &Connection, scope: Scope) -> Result<Vec<(i64, Drama)>> {
    let (cond, params) = scope.on("d.pk");
    let mut tags = grouped_strings(
        conn,
        &format!(
            "SELECT t.drama_pk, t.tag, t.position FROM drama_tags t JOIN dramas d ON d.pk = t.drama_pk WHERE {cond} ORDER BY t.drama_pk"
        ),
        &params,
    )?;
    let mut links = grouped_links(
        conn,
        "drama_pk",
        &format!("drama_pk IN (SELECT d.pk FROM dramas d WHERE {cond})"),
        &params,
    )?;
    let sql = format!(
        "SELECT d.pk, d.id, d.title, d.original_title, d.country, d.year, d.network, d.total_episodes,
                d.status, d.rating, d.started_on, d.finished_on, d.rewatch_count, d.notes,
                d.tmdb_id, d.imdb_id, d.mdl_url, d.created_at, d.updated_at, d.trakt_id
         FROM dramas d WHERE {cond} ORDER BY d.pk"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(&params), |row| {
        let pk: i64 = row.get(0)?;
        Ok((pk, drama_row(row)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (pk, mut drama) = row?;
        drama.fields.tags = tags.remove(&pk).unwrap_or_default();
        drama.fields.links = links.remove(&pk).unwrap_or_default();
        out.push((pk, drama));
    }
    Ok(out)
}

fn drama_row(row: &Row<'_>) -> rusqlite::Result<Drama> {
    let id: String = row.get(1)?;
    let status: String = row.get(8)?;
    Ok(Drama {
        id: sql::uuid(&id)?,
        fields: DramaDraft {
            title: row.get(2)?,
            original_title: row.get(3)?,
            country: row.get(4)?,
            year: row.get(5)?,
            network: row.get(6)?,
            total_episodes: row.get(7)?,
            status: Status::from_sql(&status)?,
            rating: row.get(9)?,
            started_on: sql::from_date(row.get(10)?)?,
            finished_on: sql::from_date(row.get(11)?)?,
            rewatch_count: row.get(12)?,
            notes: row.get(13)?,
            external_ids: ExternalIds {
                tmdb: row.get::<_, Option<i64>>(14)?.map(|v| v as u64),
                imdb: row.get(15)?,
                mdl: row.get(16)?,
                trakt: row.get::<_, Option<i64>>(19)?.map(|v| v as u64),
            },
            tags: Vec::new(),
            links: Vec::new(),
        },
        created_at: sql::from_instant(row.get(17)?)?,
        updated_at: sql::from_instant(row.get(18)?)?,
    })
}

/// Episodes by drama, in season and number order, each with its watch log.
pub fn episodes(conn: &Connection, scope: Scope) -> Result<HashMap<i64, Vec<Episode>>> {
    let (cond, params) = scope.on("e.drama_pk");
    let sql = format!(
        "SELECT e.drama_pk, e.pk, e.season, e.number, e.title, e.runtime_min, e.rating, e.notes, w.watched_at
         FROM episodes e LEFT JOIN watch_events w ON w.episode_pk = e.pk
         WHERE {cond}
         ORDER BY e.drama_pk, e.season, e.number, w.watched_at"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(&params))?;
    let mut out: HashMap<i64, Vec<Episode>> = HashMap::new();
    let mut last_pk = None;
    while let Some(row) = rows.next()? {
        let drama_pk: i64 = row.get(0)?;
        let episode_pk: i64 = row.get(1)?;
        let list = out.entry(drama_pk).or_default();
        if last_pk != Some(episode_pk) {
            list.push(Episode {
                season: row.get(2)?,
                number: row.get(3)?,
                title: row.get(4)?,
                runtime_min: row.get(5)?,
                rating: row.get(6)?,
                notes: row.get(7)?,
                watched_at: Vec::new(),
            });
            last_pk = Some(episode_pk);
        }
        if let Some(at) = row.get::<_, Option<i64>>(8)?
            && let Some(episode) = list.last_mut()
        {
            episode.watched_at.push(sql::from_instant(at)?);
        }
    }
    Ok(out)
}

/// Scenes matching `cond` (a condition on `scenes s`), grouped by drama pk
/// and sorted by season, episode and start.
pub fn scenes_grouped(
    conn: &Connection,
    cond: &str,
    params: &[i64],
) -> Result<HashMap<i64, Vec<Scene>>> {
    let mut out: HashMap<i64, Vec<Scene>> = HashMap::new();
    for stored in scenes(conn, cond, params)? {
        out.entry(stored.drama_pk).or_default().push(stored.scene);
    }
    Ok(out)
}

/// A scene with the keys it is stored under.
pub struct StoredScene {
    pub pk: i64,
    pub drama_pk: i64,
    pub scene: Scene,
}

/// Scenes matching `cond` (a condition on `scenes s`), sorted by drama,
/// season, episode and start.
pub fn scenes(conn: &Connection, cond: &str, params: &[impl ToSql]) -> Result<Vec<StoredScene>> {
    // Every scene (an export): no filter, which spares SQLite building and
    // probing a list of all scene keys for each of the three queries below.
    let within = if cond == "1" {
        "IS NOT NULL".to_owned()
    } else {
        format!("IN (SELECT s.pk FROM scenes s WHERE {cond})")
    };
    let mut tags = grouped_strings(
        conn,
        &format!(
            "SELECT scene_pk, tag, position FROM scene_tags WHERE scene_pk {within} ORDER BY scene_pk"
        ),
        params,
    )?;
    let mut people = grouped_strings(
        conn,
        &format!(
            "SELECT scene_pk, name, position FROM scene_people WHERE scene_pk {within} ORDER BY scene_pk"
        ),
        params,
    )?;
    let mut links = grouped_links(conn, "scene_pk", &format!("scene_pk {within}"), params)?;
    let sql = format!(
        "SELECT s.pk, s.drama_pk, s.id, d.id, s.season, s.episode, s.start_ms, s.end_ms, s.title, s.notes,
                s.favourite, s.created_at, s.updated_at
         FROM scenes s JOIN dramas d ON d.pk = s.drama_pk
         WHERE {cond}
         ORDER BY s.drama_pk, s.season, s.episode, s.start_ms, s.pk"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let pk: i64 = row.get(0)?;
        let drama_pk: i64 = row.get(1)?;
        let id: String = row.get(2)?;
        let drama_id: String = row.get(3)?;
        out.push(StoredScene {
            pk,
            drama_pk,
            scene: Scene {
                id: sql::uuid(&id)?,
                drama_id: sql::uuid(&drama_id)?,
                season: row.get(4)?,
                episode: row.get(5)?,
                start: scene_time(row.get(6)?)?,
                end: row.get::<_, Option<u32>>(7)?.map(scene_time).transpose()?,
                title: row.get(8)?,
                notes: row.get(9)?,
                favourite: row.get(10)?,
                created_at: sql::from_instant(row.get(11)?)?,
                updated_at: sql::from_instant(row.get(12)?)?,
                tags: tags.remove(&pk).unwrap_or_default(),
                people: people.remove(&pk).unwrap_or_default(),
                links: links.remove(&pk).unwrap_or_default(),
            },
        });
    }
    Ok(out)
}

/// The scenes with these pks (a page of a list). The keys go in as one
/// JSON array, so the statement is the same for every page.
pub fn scenes_by_pk(conn: &Connection, pks: &[i64]) -> Result<Vec<StoredScene>> {
    if pks.is_empty() {
        return Ok(Vec::new());
    }
    let keys = serde_json::Value::from(pks).to_string();
    scenes(conn, "s.pk IN (SELECT value FROM json_each(?1))", &[keys])
}

fn scene_time(ms: u32) -> rusqlite::Result<SceneTime> {
    SceneTime::from_millis(ms).ok_or_else(|| {
        sql::bad_value(
            rusqlite::types::Type::Integer,
            format!("{ms} ms is no scene time"),
        )
    })
}

/// Runs a `SELECT owner_pk, text, position … ORDER BY owner_pk` query into
/// lists per owner, each in position order. Sorting a scene's few tags here
/// spares SQLite sorting every tag row: the tag tables are keyed by
/// (owner, tag), not by position.
fn grouped_strings(
    conn: &Connection,
    sql: &str,
    params: &[impl ToSql],
) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    let mut owner: Option<i64> = None;
    let mut group: Vec<(i64, String)> = Vec::new();
    let mut flush = |owner: Option<i64>, group: &mut Vec<(i64, String)>| {
        if let Some(owner) = owner {
            group.sort_unstable_by_key(|(position, _)| *position);
            out.insert(owner, group.drain(..).map(|(_, text)| text).collect());
        }
    };
    while let Some(row) = rows.next()? {
        let pk: i64 = row.get(0)?;
        if owner != Some(pk) {
            flush(owner, &mut group);
            owner = Some(pk);
        }
        group.push((row.get(2)?, row.get(1)?));
    }
    flush(owner, &mut group);
    Ok(out)
}

fn grouped_links(
    conn: &Connection,
    owner: &str,
    cond: &str,
    params: &[impl ToSql],
) -> Result<HashMap<i64, Vec<Link>>> {
    let sql = format!(
        "SELECT {owner}, url, label, kind FROM links WHERE {cond} ORDER BY {owner}, position"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    let mut out: HashMap<i64, Vec<Link>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(3)?;
        out.entry(row.get(0)?).or_default().push(Link {
            url: row.get(1)?,
            label: row.get(2)?,
            kind: LinkKind::parse(&kind).unwrap_or_default(),
        });
    }
    Ok(out)
}
