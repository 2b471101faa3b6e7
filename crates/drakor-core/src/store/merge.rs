//! Merging a checked library into the stored one, in one transaction
//! (the rules are in [`crate::merge`]).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::{Error, Problems, Result};
use crate::merge::{
    self, ImportSummary, MergeRule, ValidDrama, ValidEpisode, ValidLibrary, ValidScene,
};
use crate::store::dramas::{insert_drama_tx, update_drama_row_tx};
use crate::store::episodes::{stored_episode_tx, write_episode_notes_tx};
use crate::store::matching::DramaIndex;
use crate::store::progress::PausedTriggers;
use crate::store::scenes::{insert_scene_row_tx, update_scene_row_tx};
use crate::store::search::DeferredIndex;
use crate::store::{Library, load, sql, with_full_sync};

impl Library {
    /// Merges a checked library in one transaction, merging the dramas it
    /// shares with the library by `rule`. With `dry_run` the merge is
    /// rehearsed and rolled back, so the summary says what it would do.
    ///
    /// A merge that would split a drama (a file's drama that only shares
    /// its title with one of ours, a scene the file puts under another
    /// drama) or break a limit (notes too long once joined) is refused
    /// whole, dry run or not, with every such problem
    /// ([`Error::ImportRefused`]).
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

fn merge_tx(
    tx: &Transaction<'_>,
    library: &ValidLibrary,
    rule: MergeRule,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let mut problems = Problems::new();
    let mut index = DramaIndex::load(tx)?;
    // Scenes are indexed for search once, at the end (see DeferredIndex),
    // and each drama's progress computed once (see PausedTriggers).
    let mut search_later = DeferredIndex::default();
    let mut progress_later = PausedTriggers::pause_tx(tx)?;
    // The file's dramas by the pk they merged into: a list entry names the
    // file's id, which may be another id than ours (matched by TMDB id).
    let mut merged_into = std::collections::HashMap::new();
    for (i, drama) in library.dramas.iter().enumerate() {
        let place = format!("dramas[{i}]");
        let updated_ms = sql::instant(drama.updated_at);
        let pk = match index.find(drama, rule) {
            None => {
                if rule == MergeRule::NewerWins
                    && let Some(twin) = index.same_title(drama)
                {
                    problems.push(&place, same_title_problem(drama, &index.named(twin)));
                    continue;
                }
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
                pk
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
                    MergeRule::FillIn => {
                        let named = MergeNames::named(&index, pk, drama);
                        fill_in_drama_tx(tx, pk, drama, newer, &named, &mut problems)?
                    }
                };
                if let Some(ms) = now_updated {
                    index.updated_at.insert(pk, ms);
                    summary.dramas_updated += 1;
                } else {
                    summary.dramas_unchanged += 1;
                }
                pk
            }
        };
        let named = MergeNames::named(&index, pk, drama);
        for episode in &drama.episodes {
            merge_episode_tx(
                tx,
                pk,
                drama,
                episode,
                rule,
                &named,
                &mut problems,
                &mut summary,
            )?;
        }
        for (j, scene) in drama.scenes.iter().enumerate() {
            let at = format!("{place}.scenes[{j}].id");
            let merged = merge_scene_tx(tx, pk, scene, &mut summary, &mut search_later)?;
            if let Err(ours) = merged {
                problems.push(at, moved_scene_problem(scene, &index.named(ours), &named));
            }
        }
        index.claimed.insert(pk);
        progress_later.touched(pk);
        merged_into.insert(drama.id, pk);
    }
    crate::store::lists::merge_lists_tx(
        tx,
        &library.lists,
        &merged_into,
        &mut problems,
        &mut summary,
    )?;
    crate::store::merge_people_tx(tx, &library.people, &mut summary)?;
    if !problems.is_empty() {
        return Err(Error::ImportRefused(problems));
    }
    search_later.write_tx(tx)?;
    progress_later.resume_tx(tx)?;
    Ok(summary)
}

/// A file's drama and the drama of ours it is merged into, as problems
/// name them.
struct MergeNames {
    /// Ours: `"나의 아저씨" (id …)`.
    ours: String,
    /// The file's: `"My Mister" (id …)`.
    theirs: String,
}

impl MergeNames {
    fn named(index: &DramaIndex, pk: i64, drama: &ValidDrama) -> Self {
        MergeNames {
            ours: index.named(pk),
            theirs: format!(
                "{} (id {})",
                crate::text::shown(&drama.fields.title),
                drama.id
            ),
        }
    }

    /// Problems of merging into ours, each field put under our drama.
    fn problems(&self, under: &str, found: Problems, into: &mut Problems) {
        for p in found.iter() {
            into.push(
                format!("{}{under}.{}", self.ours, p.field),
                format!("merged with the file's {}: {}", self.theirs, p.message),
            );
        }
    }
}

fn same_title_problem(drama: &ValidDrama, ours: &str) -> String {
    format!(
        "{} (id {}) is not in the library by its id, but the library's {ours} has the same \
         title; importing it would keep one drama twice. If they are the same drama, put the \
         library's id in the file; if not, give one of them another title or year",
        crate::text::shown(&drama.fields.title),
        drama.id,
    )
}

fn moved_scene_problem(scene: &ValidScene, ours: &str, named: &MergeNames) -> String {
    format!(
        "the scene {} ({}) is under {ours} in the library, but the file puts it under {}; \
         an import never moves a scene to another drama",
        crate::text::shown(&scene.fields.title),
        scene.id,
        named.theirs,
    )
}

#[allow(clippy::too_many_arguments)]
fn merge_episode_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    drama: &ValidDrama,
    episode: &ValidEpisode,
    rule: MergeRule,
    named: &MergeNames,
    problems: &mut Problems,
    summary: &mut ImportSummary,
) -> Result<()> {
    let notes = &episode.notes;
    // Files that give no time of their own for an episode: its drama's.
    let theirs_at = episode.updated_at.unwrap_or(drama.updated_at);
    let existing = stored_episode_tx(tx, drama_pk, episode.season, episode.number)?;
    let episode_pk = match existing {
        None if episode.watched_at.is_empty() && notes.is_blank() => return Ok(()),
        None => {
            tx.prepare_cached(
                "INSERT INTO episodes (drama_pk, season, number, title, runtime_min, rating, notes, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                drama_pk,
                episode.season,
                episode.number,
                notes.title,
                notes.runtime_min,
                notes.rating,
                notes.notes,
                sql::instant(theirs_at)
            ])?;
            summary.episodes_added += 1;
            tx.last_insert_rowid()
        }
        Some(ours) => {
            let theirs_newer = theirs_at > ours.updated_at;
            let merged = match rule {
                MergeRule::NewerWins => Ok(merge::newest_episode(
                    &ours.notes,
                    ours.updated_at,
                    notes,
                    theirs_at,
                )),
                MergeRule::FillIn => merge::fill_in_episode(&ours.notes, notes, theirs_newer),
            };
            match merged {
                Err(found) => {
                    let under = format!(
                        ".episodes[season {} episode {}]",
                        episode.season, episode.number
                    );
                    named.problems(&under, found, problems);
                }
                // Both sides end with the later time, so two libraries that
                // import each other's files agree on it too. Other trackers'
                // times often stand in for what they do not know: they move
                // it only along with the notes.
                Ok(new) if new != ours.notes || (rule == MergeRule::NewerWins && theirs_newer) => {
                    write_episode_notes_tx(tx, ours.pk, &new, ours.updated_at.max(theirs_at))?;
                    summary.episodes_updated += 1;
                }
                Ok(_) => {}
            }
            ours.pk
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

/// Merges a scene into the drama `drama_pk`, or gives the pk of the other
/// drama that holds it already: a scene never moves between dramas.
fn merge_scene_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    scene: &ValidScene,
    summary: &mut ImportSummary,
    search_later: &mut DeferredIndex,
) -> Result<Result<(), i64>> {
    let existing: Option<(i64, i64, i64)> = tx
        .prepare_cached("SELECT pk, updated_at, drama_pk FROM scenes WHERE id = ?1")?
        .query_row([scene.id.to_string()], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
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
        Some((_, _, ours)) if ours != drama_pk => return Ok(Err(ours)),
        Some((pk, ours, _)) if sql::instant(scene.updated_at) > ours => {
            update_scene_row_tx(tx, pk, drama_pk, &scene.fields, scene.updated_at)?;
            search_later.scene_changed(pk);
            summary.scenes_updated += 1;
        }
        Some(_) => {}
    }
    Ok(Ok(()))
}

/// Merges `theirs` into the stored drama `pk` field by field. Returns the
/// drama's new `updated_at` (Unix ms) when anything changed; a merge over
/// a limit adds its problems and changes nothing.
fn fill_in_drama_tx(
    tx: &Transaction<'_>,
    pk: i64,
    theirs: &ValidDrama,
    theirs_newer: bool,
    named: &MergeNames,
    problems: &mut Problems,
) -> Result<Option<i64>> {
    let Some(ours) = load::drama(tx, pk)? else {
        return Ok(None);
    };
    let merged = match merge::fill_in(&ours.fields, &theirs.fields, theirs_newer) {
        Ok(merged) => merged,
        Err(found) => {
            named.problems("", found, problems);
            return Ok(None);
        }
    };
    if merged == ours.fields {
        return Ok(None);
    }
    let updated_at: DateTime<Utc> = ours.updated_at.max(theirs.updated_at);
    update_drama_row_tx(tx, pk, &merged, updated_at)?;
    Ok(Some(sql::instant(updated_at)))
}
