//! Adding and filling dramas from what a metadata source says (see
//! [`crate::metadata`] for the rule). Each call is one transaction: a show
//! lands whole, with its episodes, or not at all.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::EpisodeNotes;
use crate::error::{Error, Result};
use crate::metadata::{Filled, LinkedDrama, ShowInfo};
use crate::store::dramas::{drama_pk, insert_drama_tx, update_drama_row_tx};
use crate::store::episodes::{stored_episode_tx, write_episode_notes_tx};
use crate::store::load::{self, Scope};
use crate::store::{Library, sql};

/// Whether filling may move a drama from the TMDB entry it is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relink {
    /// A refresh: the drama must be linked to this entry, or to none yet.
    Keep,
    /// The user linked the drama to this entry (`drakor edit --tmdb`,
    /// "Find on TMDB"): an earlier link is replaced.
    Replace,
}

impl Library {
    /// Adds the drama `draft` (the show's values as the user reviewed
    /// them) with the show's episodes, or finds the drama already linked to
    /// the show and changes nothing (`added` is `false` then).
    pub fn add_from_show(
        &mut self,
        draft: &DramaDraft,
        show: &ShowInfo,
        now: DateTime<Utc>,
    ) -> Result<Filled> {
        let show = show.cleaned();
        let mut fields = draft.validate()?;
        fields.external_ids.tmdb = Some(show.tmdb_id);
        if fields.external_ids.imdb.is_none() {
            fields.external_ids.imdb = show.imdb_id.clone();
        }
        self.write(|tx| {
            if let Some((id, title)) = linked_tx(tx, show.tmdb_id)? {
                return Ok(Filled {
                    drama_id: id,
                    title,
                    ..Filled::default()
                });
            }
            let id = Uuid::now_v7();
            let pk = insert_drama_tx(tx, id, &fields, now, now)?;
            let (episodes_added, episodes_filled) = fill_episodes_tx(tx, pk, &show, now)?;
            Ok(Filled {
                drama_id: id,
                title: fields.title.clone(),
                added: true,
                episodes_added,
                episodes_filled,
                ..Filled::default()
            })
        })
    }

    /// Fills the drama `id` from the show: its empty fields, its episodes'
    /// empty titles and runtimes, every air date, and the episodes it
    /// lacks. Nothing the user has is replaced; running it again changes
    /// nothing.
    pub fn fill_from_show(
        &mut self,
        id: Uuid,
        show: &ShowInfo,
        relink: Relink,
        now: DateTime<Utc>,
    ) -> Result<Filled> {
        self.fill_from_show_edited(id, show, relink, |_| {}, now)
    }

    /// [`Library::fill_from_show`] with the user's own edit (`drakor edit
    /// DRAMA --tmdb ID --network ''`) put over the filled drama, in the
    /// same transaction: what the user set or cleared wins, and either all
    /// of it lands or none.
    pub fn fill_from_show_edited(
        &mut self,
        id: Uuid,
        show: &ShowInfo,
        relink: Relink,
        edit: impl FnOnce(&mut DramaDraft),
        now: DateTime<Utc>,
    ) -> Result<Filled> {
        let show = show.cleaned();
        self.write(|tx| {
            let pk = drama_pk(tx, id)?;
            let record = load::records(tx, Scope::Drama(pk))?
                .pop()
                .ok_or_else(|| Error::not_found("drama", id))?;
            let ours = &record.drama.fields;
            let stored_regular = record.episodes.iter().filter(|e| e.season >= 1).count();
            if let Some((other, title)) = linked_tx(tx, show.tmdb_id)?
                && other != id
            {
                return Err(Error::invalid(
                    "tmdb",
                    format!(
                        "TMDB entry {} is already linked to {title} ({other})",
                        show.tmdb_id
                    ),
                ));
            }
            if relink == Relink::Keep
                && let Some(linked) = ours.external_ids.tmdb
                && linked != show.tmdb_id
            {
                return Err(Error::invalid(
                    "tmdb",
                    format!(
                        "{} is linked to TMDB entry {linked}, not {}",
                        ours.title, show.tmdb_id
                    ),
                ));
            }
            let (mut merged, mut fields, kept) = show.fill(ours, stored_regular);
            edit(&mut merged);
            merged.external_ids.tmdb = Some(show.tmdb_id);
            let merged = merged.validate()?;
            fields.retain(|f| field_value(&merged, f) != field_value(ours, f));
            if merged != *ours {
                let at = sql::edited_at(now, sql::updated_at_of(tx, "dramas", pk)?);
                update_drama_row_tx(tx, pk, &merged, at)?;
            }
            let (episodes_added, episodes_filled) = fill_episodes_tx(tx, pk, &show, now)?;
            Ok(Filled {
                drama_id: id,
                title: merged.title,
                added: false,
                fields,
                episodes_added,
                episodes_filled,
                kept,
            })
        })
    }

    /// The drama linked to a TMDB entry, if one is.
    pub fn drama_by_tmdb(&self, tmdb_id: u64) -> Result<Option<Uuid>> {
        Ok(linked_in(self.conn(), tmdb_id)?.map(|(id, _)| id))
    }

    /// Every drama linked to a TMDB entry, by title.
    pub fn linked_dramas(&self) -> Result<Vec<LinkedDrama>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, tmdb_id FROM dramas WHERE tmdb_id IS NOT NULL
             ORDER BY title COLLATE NOCASE, pk",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(LinkedDrama {
                id: sql::uuid(&row.get::<_, String>(0)?)?,
                title: row.get(1)?,
                tmdb_id: row.get::<_, i64>(2)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A field of [`ShowInfo::fill`]'s list, as text, to tell whether the
/// user's edit kept what the fill put there.
fn field_value(draft: &DramaDraft, field: &str) -> Option<String> {
    match field {
        "original_title" => draft.original_title.clone(),
        "year" => draft.year.map(|y| y.to_string()),
        "country" => draft.country.clone(),
        "network" => draft.network.clone(),
        "total_episodes" => draft.total_episodes.map(|n| n.to_string()),
        "external_ids.imdb" => draft.external_ids.imdb.clone(),
        "external_ids.tmdb" => draft.external_ids.tmdb.map(|n| n.to_string()),
        _ => None,
    }
}

fn linked_tx(tx: &Transaction<'_>, tmdb_id: u64) -> Result<Option<(Uuid, String)>> {
    linked_in(tx, tmdb_id)
}

/// Refuses a TMDB id another drama than `id` is linked to: one drama per
/// TMDB entry, so adding it again and refreshing always find that one.
pub(crate) fn check_tmdb_free_tx(
    tx: &Transaction<'_>,
    fields: &DramaDraft,
    id: Option<Uuid>,
) -> Result<()> {
    let Some(tmdb_id) = fields.external_ids.tmdb else {
        return Ok(());
    };
    match linked_tx(tx, tmdb_id)? {
        Some((other, title)) if Some(other) != id => Err(Error::invalid(
            "external_ids.tmdb",
            format!("TMDB id {tmdb_id} is already linked to {title} ({other})"),
        )),
        _ => Ok(()),
    }
}

fn linked_in(conn: &rusqlite::Connection, tmdb_id: u64) -> Result<Option<(Uuid, String)>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT id, title FROM dramas WHERE tmdb_id = ?1 ORDER BY pk LIMIT 1")?
        .query_row([tmdb_id as i64], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    Ok(row
        .map(|(id, title)| Ok::<_, rusqlite::Error>((sql::uuid(&id)?, title)))
        .transpose()?)
}

/// Adds the show's episodes the drama lacks and fills the ones it has;
/// returns how many were added and how many filled.
fn fill_episodes_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    show: &ShowInfo,
    now: DateTime<Utc>,
) -> Result<(u32, u32)> {
    let (mut added, mut filled) = (0, 0);
    for info in &show.episodes {
        let air_date = sql::date(info.air_date);
        let Some(stored) = stored_episode_tx(tx, drama_pk, info.season, info.number)? else {
            if info.title.is_none() && info.runtime_min.is_none() && info.air_date.is_none() {
                continue; // nothing to keep: the row would be empty
            }
            tx.prepare_cached(
                "INSERT INTO episodes (drama_pk, season, number, title, runtime_min, air_date, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                drama_pk,
                info.season,
                info.number,
                info.title,
                info.runtime_min,
                air_date,
                sql::instant(now)
            ])?;
            added += 1;
            continue;
        };
        let notes = EpisodeNotes {
            title: stored.notes.title.clone().or_else(|| info.title.clone()),
            runtime_min: stored.notes.runtime_min.or(info.runtime_min),
            ..stored.notes.clone()
        };
        let mut changed = false;
        if notes != stored.notes {
            let at = sql::edited_at(now, sql::instant(stored.updated_at));
            write_episode_notes_tx(tx, stored.pk, &notes, at)?;
            changed = true;
        }
        if info.air_date.is_some() {
            let moved = tx
                .prepare_cached(
                    "UPDATE episodes SET air_date = ?2 WHERE pk = ?1 AND air_date IS NOT ?2",
                )?
                .execute(params![stored.pk, air_date])?;
            changed |= moved > 0;
        }
        filled += u32::from(changed);
    }
    Ok((added, filled))
}
