//! Merging a checked library into the stored one, in one transaction
//! (the rules are in [`crate::merge`]).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::drama::ExternalIds;
use crate::episode::EpisodeNotes;
use crate::error::Result;
use crate::merge::{
    self, ImportSummary, MergeRule, ValidDrama, ValidEpisode, ValidLibrary, ValidScene,
};
use crate::store::dramas::{insert_drama_tx, update_drama_row_tx};
use crate::store::progress::PausedTriggers;
use crate::store::scenes::{insert_scene_row_tx, update_scene_row_tx};
use crate::store::search::DeferredIndex;
use crate::store::{Library, load, sql, with_full_sync};

impl Library {
    /// Merges a checked library in one transaction, merging the dramas it
    /// shares with the library by `rule`. With `dry_run` the merge is
    /// rehearsed and rolled back, so the summary says what it would do.
    pub(crate) fn merge(
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
        with_full_sync(self, |lib| lib.write(|tx| merge_tx(tx, library, rule)))
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
            index.add(pk, sql::uuid(&id)?, &title, row.get(3)?, &ids, row.get(7)?);
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
        let updated_ms = sql::instant(drama.updated_at);
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
                    MergeRule::FillIn => fill_in_drama_tx(tx, pk, drama, newer)?,
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
            insert.execute(params![episode_pk, sql::instant(*at)])? as u32;
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
        Some((pk, ours)) if sql::instant(scene.updated_at) > ours => {
            update_scene_row_tx(tx, pk, drama_pk, &scene.fields, scene.updated_at)?;
            search_later.scene_changed(pk);
            summary.scenes_updated += 1;
        }
        Some(_) => {}
    }
    Ok(())
}

/// Merges `theirs` into the stored drama `pk` field by field. Returns the
/// drama's new `updated_at` (Unix ms) when anything changed.
fn fill_in_drama_tx(
    tx: &Transaction<'_>,
    pk: i64,
    theirs: &ValidDrama,
    theirs_newer: bool,
) -> Result<Option<i64>> {
    let Some(ours) = load::drama(tx, pk)? else {
        return Ok(None);
    };
    let merged = merge::fill_in(&ours.fields, &theirs.fields, theirs_newer);
    if merged == ours.fields {
        return Ok(None);
    }
    let updated_at: DateTime<Utc> = ours.updated_at.max(theirs.updated_at);
    update_drama_row_tx(tx, pk, &merged, updated_at)?;
    Ok(Some(sql::instant(updated_at)))
}
