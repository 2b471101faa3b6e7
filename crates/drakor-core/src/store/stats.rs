//! The rows behind the statistics: every watch, every drama, and the
//! period's scenes counted by episode, tag and person. The counting itself
//! is in [`crate::stats`].

use std::collections::{HashMap, HashSet};

use chrono::TimeZone;
use rusqlite::{Connection, params};

use crate::drama::Status;
use crate::error::Result;
use crate::stats::{self, DramaRow, Period, SceneCounts, Stats, WatchRow};
use crate::store::{Library, sql};

impl Library {
    /// The figures of one year, in local time in `zone`, or of all time
    /// (`year: None`): watches and their minutes by month and by day,
    /// rewatches, dramas started, completed and dropped, and the scenes
    /// bookmarked with their top tags, people and dramas. A year outside
    /// 1900–2100 is refused.
    ///
    /// A few plain queries, counted in Rust: every watch ever is read, since
    /// whether a watch is a rewatch, or a drama's first, depends on the
    /// watches before the period too.
    pub fn stats<Tz: TimeZone>(&self, year: Option<i32>, zone: &Tz) -> Result<Stats> {
        let period = Period::new(year, zone)?;
        let conn = self.conn();
        let watches = watch_rows(conn)?;
        let dramas = drama_rows(conn)?;
        let guessed: HashSet<i64> = watches
            .iter()
            .filter(|w| w.runtime.is_none() && period.contains(w.at))
            .map(|w| w.drama_pk)
            .collect();
        let usual = usual_runtimes(conn, &guessed)?;
        let mut scenes = scene_counts(conn, &period)?;
        scenes.people = crate::store::people::by_person(conn, std::mem::take(&mut scenes.people))?;
        Ok(stats::compute(
            &period, zone, &watches, &dramas, &usual, scenes,
        ))
    }
}

/// Every watch, by episode and time: the order of the table's key, so
/// SQLite walks it without sorting.
fn watch_rows(conn: &Connection) -> Result<Vec<WatchRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.drama_pk, w.episode_pk, w.watched_at, e.runtime_min
         FROM watch_events w JOIN episodes e ON e.pk = w.episode_pk
         ORDER BY w.episode_pk, w.watched_at",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(WatchRow {
            drama_pk: row.get(0)?,
            episode_pk: row.get(1)?,
            at: row.get(2)?,
            runtime: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn drama_rows(conn: &Connection) -> Result<HashMap<i64, DramaRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT pk, id, title, network, status, finished_on, updated_at FROM dramas",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: String = row.get(1)?;
        let status: String = row.get(4)?;
        Ok((
            row.get(0)?,
            DramaRow {
                id: sql::uuid(&id)?,
                title: row.get(2)?,
                network: row.get(3)?,
                status: Status::from_sql(&status)?,
                finished_on: sql::from_date(row.get(5)?)?,
                updated_at: row.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The usual runtime of each of `dramas`: read only for the dramas that
/// need one (most episodes carry their own).
fn usual_runtimes(conn: &Connection, dramas: &HashSet<i64>) -> Result<HashMap<i64, u32>> {
    if dramas.is_empty() {
        return Ok(HashMap::new());
    }
    let keys = serde_json::Value::from(dramas.iter().copied().collect::<Vec<_>>()).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT drama_pk, runtime_min FROM episodes
         WHERE runtime_min IS NOT NULL AND drama_pk IN (SELECT value FROM json_each(?1))",
    )?;
    let mut runtimes: HashMap<i64, Vec<u32>> = HashMap::new();
    let mut rows = stmt.query([keys])?;
    while let Some(row) = rows.next()? {
        runtimes.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    Ok(runtimes
        .into_iter()
        .filter_map(|(pk, all)| Some((pk, stats::usual_runtime(all)?)))
        .collect())
}

/// The period's scenes by drama, episode, tag and person.
fn scene_counts(conn: &Connection, period: &Period) -> Result<SceneCounts> {
    if period.year.is_none() {
        return all_scenes(conn);
    }
    // Scenes have no index on `created_at`, so the period's are found by
    // one walk of the table, which brings each one's tags and people along
    // (a lookup by the scene's key in each): a join of the tags to the
    // scenes instead walks all 145,000 tags of the heavy library.
    let mut stmt = conn.prepare_cached(
        "SELECT s.drama_pk, s.season, s.episode,
                (SELECT group_concat(tag, char(31)) FROM scene_tags t WHERE t.scene_pk = s.pk),
                (SELECT group_concat(name, char(31)) FROM scene_people p WHERE p.scene_pk = s.pk)
         FROM scenes s WHERE s.created_at >= ?1 AND s.created_at < ?2",
    )?;
    let mut rows = stmt.query(params![period.start, period.end])?;
    let mut counts = SceneCounts::default();
    let mut dramas: HashMap<i64, u32> = HashMap::new();
    let mut episodes: HashMap<(i64, u32, u32), u32> = HashMap::new();
    let (mut tags, mut people) = (Names::default(), Names::default());
    while let Some(row) = rows.next()? {
        let drama: i64 = row.get(0)?;
        counts.total += 1;
        *dramas.entry(drama).or_default() += 1;
        *episodes
            .entry((drama, row.get(1)?, row.get(2)?))
            .or_default() += 1;
        tags.add_joined(
            row.get_ref(3)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?,
        );
        people.add_joined(
            row.get_ref(4)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?,
        );
    }
    counts.dramas = dramas.into_iter().collect();
    counts.episodes = episodes.into_iter().collect();
    counts.tags = tags.0.into_iter().collect();
    counts.people = people.0.into_iter().collect();
    Ok(counts)
}

/// Every scene: counted by drama from the progress rows writes keep, and
/// by episode only in the dramas that can hold a top episode. Tags are
/// counted on their index, which walks in tag order; people, which have
/// none, in Rust.
fn all_scenes(conn: &Connection) -> Result<SceneCounts> {
    let mut stmt = conn.prepare_cached(
        "SELECT drama_pk, scene_count FROM drama_progress WHERE scene_count > 0
         ORDER BY scene_count DESC",
    )?;
    let dramas: Vec<(i64, u32)> = stmt
        .query_map([], |row| Ok((row.get(0)?, sql::count(row.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut per_episode = conn.prepare_cached(
        "SELECT season, episode, count(*) FROM scenes WHERE drama_pk = ?1
         GROUP BY season, episode",
    )?;
    let mut episodes = Vec::new();
    // The counts of the best episodes so far, most first.
    let mut best: Vec<u32> = Vec::new();
    for &(drama, scenes) in &dramas {
        // No episode holds more scenes than its drama: once a drama has
        // fewer than the last of a full list, no later one can enter it.
        if best.len() == stats::TOP_SCENES && best.last().is_some_and(|&last| scenes < last) {
            break;
        }
        let rows = per_episode.query_map([drama], |row| {
            Ok(((drama, row.get(0)?, row.get(1)?), sql::count(row.get(2)?)))
        })?;
        for row in rows {
            let row = row?;
            best.push(row.1);
            best.sort_unstable_by(|a, b| b.cmp(a));
            best.truncate(stats::TOP_SCENES);
            episodes.push(row);
        }
    }
    let tags = conn
        .prepare_cached("SELECT tag, count(*) FROM scene_tags GROUP BY tag")?
        .query_map([], |row| Ok((row.get(0)?, sql::count(row.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut people = Names::default();
    let mut stmt = conn.prepare_cached("SELECT name FROM scene_people")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        people.add(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
    }
    Ok(SceneCounts {
        total: dramas.iter().map(|d| d.1).sum(),
        dramas,
        episodes,
        tags,
        people: people.0.into_iter().collect(),
    })
}

/// Names counted as they are read: a name is copied once, when first seen.
#[derive(Debug, Default)]
struct Names(HashMap<String, u32>);

impl Names {
    fn add(&mut self, name: &str) {
        match self.0.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                self.0.insert(name.to_owned(), 1);
            }
        }
    }

    /// Names joined by the unit separator (U+001F, which no validated text
    /// holds), or none.
    fn add_joined(&mut self, joined: Option<&str>) {
        for name in joined.into_iter().flat_map(|j| j.split('\u{1f}')) {
            self.add(name);
        }
    }
}
