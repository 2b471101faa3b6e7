//! Reading a library file: validate all of it first, then merge it into the
//! library in one transaction.
//!
//! Reading gives a [`ValidLibrary`], the in-memory library every reader
//! produces (readers for other trackers' files give the same type), and
//! [`Library::import`] merges one:
//! - a drama matches by id, then by an external id (TMDB, IMDb, MyDramaList,
//!   Trakt), then by title + year (case-insensitive);
//! - an episode by season + number; a scene by id; watch events are a set;
//! - scalar fields take the side with the newer `updated_at` (for files of
//!   other trackers, [`MergeRule::FillIn`] refines this field by field).
//!
//! Importing the same file twice leaves the library as the first time did.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::drama::{DramaDraft, ExternalIds};
use crate::episode::{EpisodeNotes, check_episode_ref};
use crate::error::{Error, Problems, Result};
use crate::exchange::format::{DramaV1, EpisodeV1, FORMAT, SceneV1, VERSION};
use crate::exchange::merge::{self, MergeRule};
use crate::scene::{SceneDraft, SceneFields};
use crate::store::{
    self, DeferredIndex, Library, PausedTriggers, insert_drama_tx, insert_scene_row_tx,
    update_drama_row_tx, update_scene_row_tx,
};

/// Ids made for dramas and scenes that arrive without one are UUIDv5 names
/// under this namespace, so importing such a file twice matches them again.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6472_616b_6f72_4e53_8000_0000_0000_0001);

/// A library read from a file, every field checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLibrary {
    pub dramas: Vec<ValidDrama>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDrama {
    pub id: Uuid,
    pub fields: DramaDraft,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub episodes: Vec<ValidEpisode>,
    pub scenes: Vec<ValidScene>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEpisode {
    pub season: u32,
    pub number: u32,
    pub notes: EpisodeNotes,
    pub watched_at: BTreeSet<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidScene {
    pub id: Uuid,
    pub fields: SceneFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an import added and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub dramas_added: u32,
    pub dramas_updated: u32,
    pub dramas_unchanged: u32,
    pub episodes_added: u32,
    pub episodes_updated: u32,
    pub watch_events_added: u32,
    pub scenes_added: u32,
    pub scenes_updated: u32,
    /// True when nothing was written (a dry run).
    pub dry_run: bool,
}

impl ImportSummary {
    pub fn changed_anything(&self) -> bool {
        self.dramas_added
            + self.dramas_updated
            + self.episodes_added
            + self.episodes_updated
            + self.watch_events_added
            + self.scenes_added
            + self.scenes_updated
            > 0
    }
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} dramas added, {} updated, {} unchanged; {} episodes added, {} updated; \
             {} watch events added; {} scenes added, {} updated",
            if self.dry_run {
                "dry run, nothing written"
            } else {
                "imported"
            },
            self.dramas_added,
            self.dramas_updated,
            self.dramas_unchanged,
            self.episodes_added,
            self.episodes_updated,
            self.watch_events_added,
            self.scenes_added,
            self.scenes_updated,
        )
    }
}

/// Reads and checks a Drakor JSON file (format version 1). Every problem is
/// reported with its JSON path; `now` stands in for missing timestamps.
pub fn read_library_json(text: &str, now: DateTime<Utc>) -> Result<ValidLibrary, Problems> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "the file ends too soon (is it cut off?)"
        } else {
            "it is not valid JSON"
        };
        Problems::one("", format!("{what}: {e}"))
    })?;
    let Value::Object(mut root) = root else {
        return Err(Problems::one(
            "",
            format!("expected a Drakor export object, found {}", kind_of(&root)),
        ));
    };
    check_header(&root)?;
    let dramas = match root.remove("dramas") {
        Some(Value::Array(dramas)) => dramas,
        Some(Value::Null) | None => Vec::new(),
        Some(other) => {
            return Err(Problems::one(
                "dramas",
                format!("expected a list, found {}", kind_of(&other)),
            ));
        }
    };
    let mut problems = Problems::new();
    let mut valid = Vec::with_capacity(dramas.len());
    let mut drama_ids = HashSet::new();
    let mut scene_ids = HashSet::new();
    for (i, value) in dramas.into_iter().enumerate() {
        let at = format!("dramas[{i}]");
        let Some(drama) = read_drama(value, &at, now, &mut problems) else {
            continue;
        };
        if !drama_ids.insert(drama.id) {
            problems.push(
                format!("{at}.id"),
                format!("{} appears twice in the file", drama.id),
            );
        }
        for (j, scene) in drama.scenes.iter().enumerate() {
            if !scene_ids.insert(scene.id) {
                problems.push(
                    format!("{at}.scenes[{j}].id"),
                    format!("{} appears twice in the file", scene.id),
                );
            }
        }
        valid.push(drama);
    }
    problems.into_result(ValidLibrary { dramas: valid })
}

fn check_header(root: &serde_json::Map<String, Value>) -> Result<(), Problems> {
    match root.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(Problems::one(
                "format",
                format!(
                    "{} is not a Drakor file (expected \"{FORMAT}\")",
                    crate::text::shown(f)
                ),
            ));
        }
        Some(other) => {
            return Err(Problems::one(
                "format",
                format!("expected \"{FORMAT}\", found {}", kind_of(other)),
            ));
        }
        None => {
            return Err(Problems::one(
                "format",
                format!("missing; a Drakor file says \"format\": \"{FORMAT}\""),
            ));
        }
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(v) if v == VERSION => Ok(()),
        Some(v) if v > VERSION => Err(Problems::one(
            "version",
            format!(
                "{v} is newer than this Drakor reads (up to {VERSION}); update Drakor to import this file"
            ),
        )),
        Some(v) => Err(Problems::one(
            "version",
            format!("{v} is not a known version"),
        )),
        None => Err(Problems::one("version", "missing or not a whole number")),
    }
}

fn read_drama(
    value: Value,
    at: &str,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<ValidDrama> {
    let Value::Object(mut object) = value else {
        problems.push(
            at,
            format!("expected a drama object, found {}", kind_of(&value)),
        );
        return None;
    };
    let episodes = take_list(&mut object, "episodes", at, problems);
    let scenes = take_list(&mut object, "scenes", at, problems);
    let raw: DramaV1 = parse_at(Value::Object(object), at, problems)?;
    let draft = DramaDraft {
        title: raw.title,
        original_title: raw.original_title,
        country: raw.country,
        year: raw.year,
        network: raw.network,
        total_episodes: raw.total_episodes,
        status: raw.status,
        rating: raw.rating,
        started_on: raw.started_on,
        finished_on: raw.finished_on,
        rewatch_count: raw.rewatch_count,
        tags: raw.tags,
        notes: raw.notes,
        external_ids: raw.external_ids,
        links: raw.links,
    };
    let fields = draft
        .validate()
        .map_err(|p| problems.extend_prefixed(at, p))
        .ok();
    let id = raw.id.unwrap_or_else(|| {
        let key = format!(
            "drama:{}:{:?}",
            draft.title.trim().to_lowercase(),
            draft.year
        );
        Uuid::new_v5(&ID_NAMESPACE, key.as_bytes())
    });
    let mut valid_episodes = Vec::with_capacity(episodes.len());
    let mut seen = HashSet::new();
    for (j, value) in episodes.into_iter().enumerate() {
        let at = format!("{at}.episodes[{j}]");
        if let Some(episode) = read_episode(value, &at, problems) {
            if !seen.insert((episode.season, episode.number)) {
                problems.push(
                    &at,
                    format!(
                        "season {} episode {} appears twice",
                        episode.season, episode.number
                    ),
                );
            }
            valid_episodes.push(episode);
        }
    }
    let valid_scenes = scenes
        .into_iter()
        .enumerate()
        .filter_map(|(j, value)| read_scene(value, id, &format!("{at}.scenes[{j}]"), now, problems))
        .collect();
    let created_at = raw.created_at.unwrap_or(now);
    Some(ValidDrama {
        id,
        fields: fields?,
        created_at,
        updated_at: raw.updated_at.unwrap_or(created_at),
        episodes: valid_episodes,
        scenes: valid_scenes,
    })
}

fn read_episode(value: Value, at: &str, problems: &mut Problems) -> Option<ValidEpisode> {
    let raw: EpisodeV1 = parse_at(value, at, problems)?;
    let mut ok = check_episode_ref(raw.season, raw.number)
        .map_err(|p| problems.extend_prefixed(at, renamed(p, "episode", "number")))
        .is_ok();
    let notes = EpisodeNotes {
        title: raw.title,
        runtime_min: raw.runtime_min,
        rating: raw.rating,
        notes: raw.notes,
    }
    .validate()
    .map_err(|p| {
        ok = false;
        problems.extend_prefixed(at, p)
    })
    .ok()?;
    ok.then(|| ValidEpisode {
        season: raw.season,
        number: raw.number,
        notes,
        watched_at: raw.watched_at.into_iter().collect(),
    })
}

fn read_scene(
    value: Value,
    drama: Uuid,
    at: &str,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<ValidScene> {
    let raw: SceneV1 = parse_at(value, at, problems)?;
    let draft = SceneDraft {
        season: raw.season,
        episode: raw.episode,
        start: raw.start,
        end: raw.end,
        title: raw.title,
        tags: raw.tags,
        notes: raw.notes,
        people: raw.people,
        favourite: raw.favourite,
        links: raw.links,
    };
    let fields = draft
        .validate()
        .map_err(|p| problems.extend_prefixed(at, p))
        .ok()?;
    let id = raw.id.unwrap_or_else(|| {
        let key = format!(
            "scene:{}:{}:{}:{}",
            fields.season,
            fields.episode,
            fields.start.as_millis(),
            fields.title
        );
        Uuid::new_v5(&drama, key.as_bytes())
    });
    let created_at = raw.created_at.unwrap_or(now);
    Some(ValidScene {
        id,
        fields,
        created_at,
        updated_at: raw.updated_at.unwrap_or(created_at),
    })
}

/// Deserializes `value`, reporting a type error with its full path.
fn parse_at<T: serde::de::DeserializeOwned>(
    value: Value,
    at: &str,
    problems: &mut Problems,
) -> Option<T> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                at.to_owned()
            } else {
                format!("{at}.{path}")
            };
            problems.push(field, e.into_inner().to_string());
        })
        .ok()
}

fn take_list(
    object: &mut serde_json::Map<String, Value>,
    key: &str,
    at: &str,
    problems: &mut Problems,
) -> Vec<Value> {
    match object.remove(key) {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => Vec::new(),
        Some(other) => {
            problems.push(
                format!("{at}.{key}"),
                format!("expected a list, found {}", kind_of(&other)),
            );
            Vec::new()
        }
    }
}

fn renamed(problems: Problems, from: &str, to: &str) -> Problems {
    let mut out = Problems::new();
    for p in problems.iter() {
        out.push(
            if p.field == from {
                to
            } else {
                p.field.as_str()
            },
            p.message.clone(),
        );
    }
    out
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl Library {
    /// Imports a Drakor JSON file: checks all of it, then merges it in one
    /// transaction. With `dry_run` the merge is rehearsed and rolled back, so
    /// the summary says what an import would do.
    pub fn import_json(
        &mut self,
        text: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let library = read_library_json(text, now).map_err(Error::ImportRefused)?;
        self.import(&library, dry_run)
    }

    /// Merges a checked library in one transaction.
    pub fn import(&mut self, library: &ValidLibrary, dry_run: bool) -> Result<ImportSummary> {
        self.import_with(library, MergeRule::NewerWins, dry_run)
    }

    /// Merges a checked library in one transaction, merging the dramas it
    /// shares with the library by `rule`.
    pub fn import_with(
        &mut self,
        library: &ValidLibrary,
        rule: MergeRule,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        if dry_run {
            let mut summary = self.rehearse(|tx| merge_tx(tx, library, rule))?;
            summary.dry_run = true;
            return Ok(summary);
        }
        store::with_full_sync(self, |lib| lib.write(|tx| merge_tx(tx, library, rule)))
    }
}

/// How the dramas already in the library are found.
#[derive(Default)]
struct DramaIndex {
    by_id: HashMap<Uuid, i64>,
    by_tmdb: HashMap<u64, i64>,
    by_imdb: HashMap<String, i64>,
    by_mdl: HashMap<String, i64>,
    by_trakt: HashMap<u64, i64>,
    by_title_year: HashMap<(String, Option<i32>), i64>,
    /// Every drama of a title with its year, for files that know no year.
    by_title: HashMap<String, Vec<(i64, Option<i32>)>>,
    updated_at: HashMap<i64, i64>,
    /// Dramas an earlier drama of the file being imported matched or added.
    /// Another drama of the same file (another id) never merges into one of
    /// them: the file holds them apart, so the library must too, or a
    /// second import of the file, or a restore of the library's export,
    /// would not give the same dramas.
    claimed: HashSet<i64>,
}

impl DramaIndex {
    fn load(tx: &Transaction<'_>) -> Result<Self> {
        let mut index = DramaIndex::default();
        let mut stmt = tx.prepare(
            "SELECT pk, id, title, year, tmdb_id, imdb_id, mdl_url, updated_at, trakt_id FROM dramas",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let pk: i64 = row.get(0)?;
            let id: String = row.get(1)?;
            let title: String = row.get(2)?;
            let ids = ExternalIds {
                tmdb: row.get::<_, Option<i64>>(4)?.map(|v| v as u64),
                imdb: row.get(5)?,
                mdl: row.get(6)?,
                trakt: row.get::<_, Option<i64>>(8)?.map(|v| v as u64),
            };
            index.add(
                pk,
                store::sql::uuid(&id)?,
                &title,
                row.get(3)?,
                &ids,
                row.get(7)?,
            );
        }
        Ok(index)
    }

    fn add(
        &mut self,
        pk: i64,
        id: Uuid,
        title: &str,
        year: Option<i32>,
        ids: &ExternalIds,
        updated_at: i64,
    ) {
        self.by_id.insert(id, pk);
        if let Some(v) = ids.tmdb {
            self.by_tmdb.entry(v).or_insert(pk);
        }
        if let Some(v) = &ids.imdb {
            self.by_imdb.entry(v.clone()).or_insert(pk);
        }
        if let Some(v) = &ids.mdl {
            self.by_mdl.entry(v.clone()).or_insert(pk);
        }
        if let Some(v) = ids.trakt {
            self.by_trakt.entry(v).or_insert(pk);
        }
        let title = title.to_lowercase();
        self.by_title
            .entry(title.clone())
            .or_default()
            .push((pk, year));
        self.by_title_year.entry((title, year)).or_insert(pk);
        self.updated_at.insert(pk, updated_at);
    }

    fn find(&self, drama: &ValidDrama, rule: MergeRule) -> Option<i64> {
        if let Some(&pk) = self.by_id.get(&drama.id) {
            return Some(pk);
        }
        let ids = &drama.fields.external_ids;
        let title = drama.fields.title.to_lowercase();
        let free = |pk: &&i64| !self.claimed.contains(*pk);
        ids.tmdb
            .and_then(|v| self.by_tmdb.get(&v))
            .filter(free)
            .or_else(|| {
                ids.imdb
                    .as_ref()
                    .and_then(|v| self.by_imdb.get(v))
                    .filter(free)
            })
            .or_else(|| {
                ids.mdl
                    .as_ref()
                    .and_then(|v| self.by_mdl.get(v))
                    .filter(free)
            })
            .or_else(|| ids.trakt.and_then(|v| self.by_trakt.get(&v)).filter(free))
            .or_else(|| {
                self.by_title_year
                    .get(&(title.clone(), drama.fields.year))
                    .filter(free)
            })
            .copied()
            .or_else(|| match rule {
                // Other trackers often know no year (Yamtrack, Watcharr): a
                // title then matches when one drama alone has it, and one
                // side or the other lacks the year.
                MergeRule::FillIn => {
                    let mut fits = self.by_title.get(&title)?.iter().filter(|(pk, year)| {
                        !self.claimed.contains(pk)
                            && (drama.fields.year.is_none() || year.is_none())
                    });
                    match (fits.next(), fits.next()) {
                        (Some(&(pk, _)), None) => Some(pk),
                        _ => None,
                    }
                }
                MergeRule::NewerWins => None,
            })
    }
}

fn merge_tx(
    tx: &Transaction<'_>,
    library: &ValidLibrary,
    rule: MergeRule,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let mut index = DramaIndex::load(tx)?;
    // Scenes are indexed for search once, at the end (see DeferredIndex),
    // and each drama's progress computed once (see PausedTriggers).
    let mut search_later = DeferredIndex::default();
    let mut progress_later = PausedTriggers::pause_tx(tx)?;
    for drama in &library.dramas {
        let updated_ms = store::sql::instant(drama.updated_at);
        let (pk, file_is_newer) = match index.find(drama, rule) {
            None => {
                let pk = insert_drama_tx(
                    tx,
                    drama.id,
                    &drama.fields,
                    drama.created_at,
                    drama.updated_at,
                )?;
                let f = &drama.fields;
                index.add(pk, drama.id, &f.title, f.year, &f.external_ids, updated_ms);
                summary.dramas_added += 1;
                (pk, true)
            }
            Some(pk) => {
                let newer = index
                    .updated_at
                    .get(&pk)
                    .is_some_and(|&ours| updated_ms > ours);
                let now_updated = match rule {
                    MergeRule::NewerWins if newer => {
                        update_drama_row_tx(tx, pk, &drama.fields, drama.updated_at)?;
                        Some(updated_ms)
                    }
                    MergeRule::NewerWins => None,
                    MergeRule::FillIn => merge::fill_in_drama_tx(tx, pk, drama, newer)?,
                };
                if let Some(ms) = now_updated {
                    index.updated_at.insert(pk, ms);
                    summary.dramas_updated += 1;
                } else {
                    summary.dramas_unchanged += 1;
                }
                (pk, newer)
            }
        };
        for episode in &drama.episodes {
            merge_episode_tx(tx, pk, episode, file_is_newer, rule, &mut summary)?;
        }
        for scene in &drama.scenes {
            merge_scene_tx(tx, pk, scene, &mut summary, &mut search_later)?;
        }
        index.claimed.insert(pk);
        progress_later.touched(pk);
    }
    search_later.write_tx(tx)?;
    progress_later.resume_tx(tx)?;
    Ok(summary)
}

fn merge_episode_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    episode: &ValidEpisode,
    file_is_newer: bool,
    rule: MergeRule,
    summary: &mut ImportSummary,
) -> Result<()> {
    let existing: Option<(i64, EpisodeNotes)> = tx
        .prepare_cached(
            "SELECT pk, title, runtime_min, rating, notes FROM episodes WHERE drama_pk = ?1 AND season = ?2 AND number = ?3",
        )?
        .query_row(params![drama_pk, episode.season, episode.number], |row| {
            Ok((
                row.get(0)?,
                EpisodeNotes { title: row.get(1)?, runtime_min: row.get(2)?, rating: row.get(3)?, notes: row.get(4)? },
            ))
        })
        .optional()?;
    let notes = &episode.notes;
    let episode_pk = match existing {
        None if episode.watched_at.is_empty() && notes.is_blank() => return Ok(()),
        None => {
            tx.prepare_cached(
                "INSERT INTO episodes (drama_pk, season, number, title, runtime_min, rating, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                drama_pk,
                episode.season,
                episode.number,
                notes.title,
                notes.runtime_min,
                notes.rating,
                notes.notes
            ])?;
            summary.episodes_added += 1;
            tx.last_insert_rowid()
        }
        Some((pk, ours)) => {
            let wanted = match rule {
                MergeRule::NewerWins => {
                    ((file_is_newer || ours.is_blank()) && !notes.is_blank()).then(|| notes.clone())
                }
                MergeRule::FillIn => Some(merge::fill_in_episode(&ours, notes, file_is_newer)),
            };
            if let Some(new) = wanted.filter(|new| *new != ours) {
                tx.prepare_cached("UPDATE episodes SET title = ?2, runtime_min = ?3, rating = ?4, notes = ?5 WHERE pk = ?1")?
                    .execute(params![pk, new.title, new.runtime_min, new.rating, new.notes])?;
                summary.episodes_updated += 1;
            }
            pk
        }
    };
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO watch_events (episode_pk, watched_at) VALUES (?1, ?2)",
    )?;
    for at in &episode.watched_at {
        summary.watch_events_added +=
            insert.execute(params![episode_pk, store::sql::instant(*at)])? as u32;
    }
    Ok(())
}

fn merge_scene_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    scene: &ValidScene,
    summary: &mut ImportSummary,
    search_later: &mut DeferredIndex,
) -> Result<()> {
    let existing: Option<(i64, i64)> = tx
        .prepare_cached("SELECT pk, updated_at FROM scenes WHERE id = ?1")?
        .query_row([scene.id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    match existing {
        None => {
            let pk = insert_scene_row_tx(
                tx,
                scene.id,
                drama_pk,
                &scene.fields,
                scene.created_at,
                scene.updated_at,
            )?;
            search_later.scene_added(pk);
            summary.scenes_added += 1;
        }
        Some((pk, ours)) if store::sql::instant(scene.updated_at) > ours => {
            update_scene_row_tx(tx, pk, drama_pk, &scene.fields, scene.updated_at)?;
            search_later.scene_changed(pk);
            summary.scenes_updated += 1;
        }
        Some(_) => {}
    }
    Ok(())
}
