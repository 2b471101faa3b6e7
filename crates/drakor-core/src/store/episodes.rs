//! The watch log: marking episodes watched, rewatches, unmarking, episode
//! notes, and what to watch next.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::drama::{DramaFilter, Sort, Status};
use crate::episode::{EpisodeNotes, UpNext, check_episode_ref};
use crate::error::{Error, Problems, Result};
use crate::store::dramas::drama_pk;
use crate::store::{Library, sql};

/// Which watches of an episode an unmark removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmark {
    /// The most recent watch only: a rewatch logged by mistake, or the
    /// one-click mark of an episode not really seen.
    #[default]
    Latest,
    /// Every watch, rewatches and imported history included.
    All,
}

/// One watch: the one an unmark removed, or a mark wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedWatch {
    pub season: u32,
    pub number: u32,
    pub watched_at: DateTime<Utc>,
}

/// What an unmark removed, so it can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmarked {
    /// Watch events removed.
    pub events: u32,
    /// The drama's status (an unmark leaves it as it was).
    pub status: Status,
    /// The removed watches, by episode and time.
    pub removed: Vec<RemovedWatch>,
}

/// What a mark changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchChange {
    /// Watch events written or removed.
    pub events: u32,
    /// The drama's status after the change (marking may start or finish it).
    pub status: Status,
    /// The watches written, by episode and time: the Undo of a mark hands
    /// them to [`Library::take_back_watches`], which removes these and no
    /// other.
    pub added: Vec<RemovedWatch>,
    /// The status and dates from before, when the change moved them (a
    /// first watch starts a drama, the last one completes it): the Undo of
    /// a mark hands them back too.
    pub moved: Option<StatusMove>,
}

/// How a mark moved a drama's status: what it was, with its start and
/// finish dates, and what the mark made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMove {
    pub from: Status,
    pub started_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub to: Status,
}

impl Library {
    /// Marks episodes watched at `at`. Episodes already watched are left as
    /// they are (use [`Library::record_rewatch`] to log another viewing).
    /// The first watch moves a planned or paused drama to `watching`; the
    /// last episode moves it to `completed`.
    pub fn mark_watched(
        &mut self,
        drama: Uuid,
        season: u32,
        episodes: &[u32],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<WatchChange> {
        self.log_watches(drama, season, episodes, at, now, false)
    }

    /// Logs another viewing of episodes, watched before or not.
    pub fn record_rewatch(
        &mut self,
        drama: Uuid,
        season: u32,
        episodes: &[u32],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<WatchChange> {
        self.log_watches(drama, season, episodes, at, now, true)
    }

    fn log_watches(
        &mut self,
        drama: Uuid,
        season: u32,
        episodes: &[u32],
        at: DateTime<Utc>,
        now: DateTime<Utc>,
        again: bool,
    ) -> Result<WatchChange> {
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            let (status, total) = status_and_total(tx, pk)?;
            check_episodes(season, episodes, total)?;
            let dates = dates_tx(tx, pk)?;
            let mut added = Vec::new();
            for &number in episodes {
                let episode = ensure_episode_tx(tx, pk, season, number, now)?;
                let watched: bool = tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM watch_events WHERE episode_pk = ?1)")?
                    .query_row([episode], |row| row.get(0))?;
                if watched && !again {
                    continue;
                }
                let written = tx
                    .prepare_cached("INSERT OR IGNORE INTO watch_events (episode_pk, watched_at) VALUES (?1, ?2)")?
                    .execute(params![episode, sql::instant(at)])?;
                if written > 0 {
                    added.push(RemovedWatch { season, number, watched_at: at });
                }
            }
            let to = advance_status_tx(tx, pk, status, total, at, now)?;
            Ok(WatchChange {
                events: added.len() as u32,
                status: to,
                added,
                moved: moved(status, dates, to),
            })
        })
    }

    /// Removes watch events of the episodes: the latest of each
    /// ([`Unmark::Latest`]), or all of them ([`Unmark::All`]). Episodes left
    /// with nothing on them (no notes, rating or title) are dropped from the
    /// log. What was removed is returned, so [`Library::restore_watches`]
    /// can put it back.
    pub fn unmark_watched(
        &mut self,
        drama: Uuid,
        season: u32,
        episodes: &[u32],
        which: Unmark,
    ) -> Result<Unmarked> {
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            let (status, _) = status_and_total(tx, pk)?;
            check_episodes(season, episodes, None)?;
            let mut removed = Vec::new();
            for &number in episodes {
                let query = match which {
                    Unmark::Latest => {
                        "DELETE FROM watch_events WHERE episode_pk = ?1 AND watched_at =
                            (SELECT MAX(watched_at) FROM watch_events WHERE episode_pk = ?1)
                         RETURNING watched_at"
                    }
                    Unmark::All => "DELETE FROM watch_events WHERE episode_pk = ?1 RETURNING watched_at",
                };
                let episode: Option<i64> = tx
                    .prepare_cached("SELECT pk FROM episodes WHERE drama_pk = ?1 AND season = ?2 AND number = ?3")?
                    .query_row(params![pk, season, number], |row| row.get(0))
                    .optional()?;
                let Some(episode) = episode else { continue };
                let gone = tx
                    .prepare_cached(query)?
                    .query_map([episode], |row| sql::from_instant(row.get(0)?))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                removed.extend(gone.into_iter().map(|watched_at| RemovedWatch {
                    season,
                    number,
                    watched_at,
                }));
                prune_episode_tx(tx, pk, season, number)?;
            }
            removed.sort_by_key(|w| (w.number, w.watched_at));
            Ok(Unmarked {
                events: removed.len() as u32,
                status,
                removed,
            })
        })
    }

    /// Puts back watches an unmark removed, each at its own instant (the
    /// Undo of [`Library::unmark_watched`]). A watch that is already there
    /// again is left as it is.
    pub fn restore_watches(
        &mut self,
        drama: Uuid,
        watches: &[RemovedWatch],
        now: DateTime<Utc>,
    ) -> Result<WatchChange> {
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            let (status, total) = status_and_total(tx, pk)?;
            let mut added = Vec::new();
            let mut latest = None;
            for watch in watches {
                check_episodes(watch.season, &[watch.number], total)?;
                let episode = ensure_episode_tx(tx, pk, watch.season, watch.number, now)?;
                let written = tx
                    .prepare_cached("INSERT OR IGNORE INTO watch_events (episode_pk, watched_at) VALUES (?1, ?2)")?
                    .execute(params![episode, sql::instant(watch.watched_at)])?;
                if written > 0 {
                    added.push(watch.clone());
                }
                latest = latest.max(Some(watch.watched_at));
            }
            let dates = dates_tx(tx, pk)?;
            let to = match latest {
                Some(at) => advance_status_tx(tx, pk, status, total, at, now)?,
                None => status,
            };
            Ok(WatchChange {
                events: added.len() as u32,
                status: to,
                added,
                moved: moved(status, dates, to),
            })
        })
    }

    /// Removes exactly these watches (the Undo of a mark, with the
    /// [`WatchChange::added`] it returned): each is taken out only if an
    /// event of its episode is at its instant, so a watch logged since, or
    /// one from before, stays. When the mark moved the drama's status
    /// (`moved`, its [`WatchChange::moved`]) and the status is still the
    /// one it made, the status and the start and finish dates go back to
    /// what they were; a status changed since is the user's and stays.
    pub fn take_back_watches(
        &mut self,
        drama: Uuid,
        watches: &[RemovedWatch],
        moved: Option<&StatusMove>,
        now: DateTime<Utc>,
    ) -> Result<Unmarked> {
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            let (mut status, _) = status_and_total(tx, pk)?;
            let mut removed = Vec::new();
            for watch in watches {
                check_episode_ref(watch.season, watch.number)?;
                let gone = tx
                    .prepare_cached(
                        "DELETE FROM watch_events WHERE watched_at = ?4 AND episode_pk =
                           (SELECT pk FROM episodes WHERE drama_pk = ?1 AND season = ?2 AND number = ?3)",
                    )?
                    .execute(params![pk, watch.season, watch.number, sql::instant(watch.watched_at)])?;
                if gone > 0 {
                    removed.push(watch.clone());
                }
                prune_episode_tx(tx, pk, watch.season, watch.number)?;
            }
            removed.sort_by_key(|w| (w.season, w.number, w.watched_at));
            if let Some(moved) = moved.filter(|m| m.to == status && m.from != status) {
                // Never backwards: see `sql::edited_at`.
                tx.prepare_cached(
                    "UPDATE dramas SET status = ?2, started_on = ?3, finished_on = ?4,
                            updated_at = max(?5, updated_at + 1) WHERE pk = ?1",
                )?
                .execute(params![
                    pk,
                    moved.from.as_str(),
                    sql::date(moved.started_on),
                    sql::date(moved.finished_on),
                    sql::instant(now)
                ])?;
                status = moved.from;
            }
            Ok(Unmarked { events: removed.len() as u32, status, removed })
        })
    }

    /// Sets an episode's title, runtime, rating and notes. When any of
    /// them changes, the episode's `updated_at` becomes `now`, or just after
    /// the old one if that is later.
    pub fn annotate_episode(
        &mut self,
        drama: Uuid,
        season: u32,
        number: u32,
        notes: &EpisodeNotes,
        now: DateTime<Utc>,
    ) -> Result<()> {
        check_episode_ref(season, number)?;
        let notes = notes.validate()?;
        self.write(|tx| {
            let pk = drama_pk(tx, drama)?;
            match stored_episode_tx(tx, pk, season, number)? {
                Some(stored) if stored.notes == notes => {}
                Some(stored) => {
                    let at = sql::edited_at(now, sql::instant(stored.updated_at));
                    write_episode_notes_tx(tx, stored.pk, &notes, at)?;
                }
                None if notes.is_blank() => {}
                None => {
                    let episode = ensure_episode_tx(tx, pk, season, number, now)?;
                    write_episode_notes_tx(tx, episode, &notes, now)?;
                }
            }
            prune_episode_tx(tx, pk, season, number)
        })
    }

    /// The next unwatched episode of every drama being watched, most
    /// recently watched first.
    pub fn up_next(&self) -> Result<Vec<UpNext>> {
        let filter = DramaFilter {
            status: Some(Status::Watching),
            sort: Sort::Recent,
            ..DramaFilter::default()
        };
        Ok(self
            .list_dramas(&filter)?
            .into_iter()
            .filter_map(|d| {
                Some(UpNext {
                    drama_id: d.id,
                    episode: d.progress.next_episode?,
                    season: 1,
                    title: d.title,
                    original_title: d.original_title,
                    watched: d.progress.watched,
                    total: d.progress.total,
                    last_watched_at: d.last_watched_at,
                    air_date: d.next_air_date,
                })
            })
            .collect())
    }
}

fn check_episodes(season: u32, episodes: &[u32], total: Option<u32>) -> Result<()> {
    if episodes.is_empty() {
        return Err(Error::invalid("episodes", "name at least one episode"));
    }
    let mut problems = Problems::new();
    for &number in episodes {
        if let Err(p) = check_episode_ref(season, number) {
            problems.extend_prefixed("", p);
            break;
        }
    }
    if let (Some(total), Some(&last)) = (total, episodes.iter().max())
        && season >= 1
        && last > total
    {
        problems.push(
            "episodes",
            format!("episode {last} is past the drama's last episode ({total})"),
        );
    }
    problems.into_result(()).map_err(Error::from)
}

/// A drama's start and finish dates, as a [`StatusMove`] keeps them.
fn dates_tx(tx: &Transaction<'_>, pk: i64) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let (started, finished): (Option<String>, Option<String>) = tx
        .prepare_cached("SELECT started_on, finished_on FROM dramas WHERE pk = ?1")?
        .query_row([pk], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok((sql::from_date(started)?, sql::from_date(finished)?))
}

/// The move from `from` to `to`, if the status moved.
fn moved(
    from: Status,
    (started_on, finished_on): (Option<NaiveDate>, Option<NaiveDate>),
    to: Status,
) -> Option<StatusMove> {
    (from != to).then_some(StatusMove {
        from,
        started_on,
        finished_on,
        to,
    })
}

fn status_and_total(tx: &Transaction<'_>, pk: i64) -> Result<(Status, Option<u32>)> {
    let (status, total): (String, Option<u32>) = tx
        .prepare_cached("SELECT status, total_episodes FROM dramas WHERE pk = ?1")?
        .query_row([pk], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok((Status::from_sql(&status)?, total))
}

/// Moves a drama to `watching` on its first watch and to `completed` once
/// every episode is watched, filling in the start and finish dates.
fn advance_status_tx(
    tx: &Transaction<'_>,
    pk: i64,
    status: Status,
    total: Option<u32>,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Status> {
    let day = at.date_naive().format("%Y-%m-%d").to_string();
    let mut new_status = status;
    if matches!(status, Status::PlanToWatch | Status::OnHold) {
        new_status = Status::Watching;
        // Never a start after a finish date the user gave: the checks on
        // import refuse that, so the library's own export would not read back.
        tx.prepare_cached(
            "UPDATE dramas SET started_on = coalesce(started_on, min(?2, coalesce(finished_on, ?2))) WHERE pk = ?1",
        )?
        .execute(params![pk, day])?;
    }
    if new_status == Status::Watching
        && let Some(total) = total
    {
        let watched: u32 = tx
            .prepare_cached(
                "SELECT count(*) FROM episodes e WHERE e.drama_pk = ?1 AND e.season >= 1
                 AND EXISTS (SELECT 1 FROM watch_events w WHERE w.episode_pk = e.pk)",
            )?
            .query_row([pk], |row| row.get(0))?;
        if watched >= total {
            new_status = Status::Completed;
            tx.prepare_cached("UPDATE dramas SET finished_on = coalesce(finished_on, max(?2, coalesce(started_on, ?2))) WHERE pk = ?1")?
                .execute(params![pk, day])?;
        }
    }
    if new_status != status {
        // Never backwards: see `sql::edited_at`.
        tx.prepare_cached(
            "UPDATE dramas SET status = ?2, updated_at = max(?3, updated_at + 1) WHERE pk = ?1",
        )?
        .execute(params![pk, new_status.as_str(), sql::instant(now)])?;
    }
    Ok(new_status)
}

/// An episode's row as stored: its key, its notes and their time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StoredEpisode {
    pub pk: i64,
    pub notes: EpisodeNotes,
    pub updated_at: DateTime<Utc>,
}

/// The episode's row, if the log has one.
pub(crate) fn stored_episode_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    season: u32,
    number: u32,
) -> Result<Option<StoredEpisode>> {
    Ok(tx
        .prepare_cached(
            "SELECT pk, title, runtime_min, rating, notes, updated_at FROM episodes
             WHERE drama_pk = ?1 AND season = ?2 AND number = ?3",
        )?
        .query_row(params![drama_pk, season, number], |row| {
            Ok(StoredEpisode {
                pk: row.get(0)?,
                notes: EpisodeNotes {
                    title: row.get(1)?,
                    runtime_min: row.get(2)?,
                    rating: row.get(3)?,
                    notes: row.get(4)?,
                },
                updated_at: sql::from_instant(row.get(5)?)?,
            })
        })
        .optional()?)
}

/// Writes an episode's title, runtime, rating and notes, changed at `at`.
pub(crate) fn write_episode_notes_tx(
    tx: &Transaction<'_>,
    pk: i64,
    notes: &EpisodeNotes,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE episodes SET title = ?2, runtime_min = ?3, rating = ?4, notes = ?5, updated_at = ?6
         WHERE pk = ?1",
    )?
    .execute(params![
        pk,
        notes.title,
        notes.runtime_min,
        notes.rating,
        notes.notes,
        sql::instant(at)
    ])?;
    Ok(())
}

/// The episode's row, created (with nothing on it yet, at `now`) if the log
/// has none yet.
pub(crate) fn ensure_episode_tx(
    tx: &Transaction<'_>,
    drama_pk: i64,
    season: u32,
    number: u32,
    now: DateTime<Utc>,
) -> Result<i64> {
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT pk FROM episodes WHERE drama_pk = ?1 AND season = ?2 AND number = ?3",
        )?
        .query_row(params![drama_pk, season, number], |row| row.get(0))
        .optional()?;
    if let Some(pk) = existing {
        return Ok(pk);
    }
    tx.prepare_cached(
        "INSERT INTO episodes (drama_pk, season, number, updated_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![drama_pk, season, number, sql::instant(now)])?;
    Ok(tx.last_insert_rowid())
}

/// Drops an episode row that holds nothing: no watch, title, runtime,
/// air date, rating or notes.
fn prune_episode_tx(tx: &Transaction<'_>, drama_pk: i64, season: u32, number: u32) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM episodes WHERE drama_pk = ?1 AND season = ?2 AND number = ?3
           AND title IS NULL AND runtime_min IS NULL AND rating IS NULL AND notes = ''
           AND air_date IS NULL
           AND NOT EXISTS (SELECT 1 FROM watch_events w WHERE w.episode_pk = episodes.pk)",
    )?
    .execute(params![drama_pk, season, number])?;
    Ok(())
}
