//! What an import merges into the library, and how.
//!
//! Every reader (Drakor's own files, Trakt, Yamtrack, Watcharr) gives a
//! [`ValidLibrary`]: dramas, episodes and scenes with every field checked.
//! The store merges one in a single transaction (`store::merge`):
//! - a drama matches by id, then by an external id (TMDB, IMDb, MyDramaList,
//!   Trakt), then by title + year (case-insensitive);
//! - an episode by season + number; a scene by id; watch events are a set.
//!
//! Importing the same file twice leaves the library as the first time did.
//!
//! How a drama of the file is merged into the drama it matched:
//!
//! A Drakor file is a copy of a Drakor library, so the side with the newer
//! `updated_at` wins whole ([`MergeRule::NewerWins`]). Files of other
//! trackers know only part of a drama (Yamtrack has no year, Watcharr no
//! dates, none has Hangul titles, scenes or links), so replacing the whole
//! drama with one would wipe what the user keeps only in Drakor. They are
//! merged field by field instead ([`MergeRule::FillIn`]):
//!
//! - the title stays ours; original title, country, network, year and
//!   external ids are filled in where ours are empty;
//! - status, rating, total episodes and the finish date are the file's when
//!   the file is newer (or ours are empty); the start date is the earlier
//!   one and the rewatch count the larger;
//! - tags and links are united; notes the file adds are appended, so no
//!   text is ever lost;
//! - `updated_at` becomes the newer of the two, so importing the same file
//!   again changes nothing.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::EpisodeNotes;
use crate::scene::SceneFields;

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

/// How a matched drama takes the file's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The newer side's fields, all of them (Drakor files).
    #[default]
    NewerWins,
    /// Field by field: fill gaps, newer wins for what changes over time,
    /// never drop text (files of other trackers).
    FillIn,
}

/// The drama `ours` with what `theirs` adds (see the module notes). A
/// combination that would not pass the checks (a finish date before the
/// start) leaves `ours` as it is.
pub(crate) fn fill_in(ours: &DramaDraft, theirs: &DramaDraft, theirs_newer: bool) -> DramaDraft {
    fn newest<T>(ours: Option<T>, theirs: Option<T>, theirs_newer: bool) -> Option<T> {
        if theirs_newer {
            theirs.or(ours)
        } else {
            ours.or(theirs)
        }
    }
    let mut merged = ours.clone();
    merged.original_title = ours
        .original_title
        .clone()
        .or_else(|| theirs.original_title.clone());
    merged.country = ours.country.clone().or_else(|| theirs.country.clone());
    merged.network = ours.network.clone().or_else(|| theirs.network.clone());
    merged.year = ours.year.or(theirs.year);
    merged.total_episodes = newest(ours.total_episodes, theirs.total_episodes, theirs_newer);
    if theirs_newer {
        merged.status = theirs.status;
    }
    merged.rating = newest(ours.rating, theirs.rating, theirs_newer);
    merged.started_on = match (ours.started_on, theirs.started_on) {
        (Some(o), Some(t)) => Some(o.min(t)),
        (o, t) => o.or(t),
    };
    merged.finished_on = newest(ours.finished_on, theirs.finished_on, theirs_newer);
    merged.rewatch_count = ours.rewatch_count.max(theirs.rewatch_count);
    for tag in &theirs.tags {
        if !merged.tags.contains(tag) {
            merged.tags.push(tag.clone());
        }
    }
    merged.notes = joined_notes(&ours.notes, &theirs.notes);
    let (o, t) = (&ours.external_ids, &theirs.external_ids);
    merged.external_ids.tmdb = o.tmdb.or(t.tmdb);
    merged.external_ids.imdb = o.imdb.clone().or_else(|| t.imdb.clone());
    merged.external_ids.mdl = o.mdl.clone().or_else(|| t.mdl.clone());
    merged.external_ids.trakt = o.trakt.or(t.trakt);
    for link in &theirs.links {
        if !merged.links.iter().any(|l| l.url == link.url) {
            merged.links.push(link.clone());
        }
    }
    match merged.validate() {
        Ok(clean) => clean,
        Err(_) => ours.clone(),
    }
}

/// An episode's notes with what the file adds: its title and runtime fill
/// gaps, its rating wins when the file is newer, its notes are appended.
pub(crate) fn fill_in_episode(
    ours: &EpisodeNotes,
    theirs: &EpisodeNotes,
    theirs_newer: bool,
) -> EpisodeNotes {
    let merged = EpisodeNotes {
        title: ours.title.clone().or_else(|| theirs.title.clone()),
        runtime_min: ours.runtime_min.or(theirs.runtime_min),
        rating: if theirs_newer {
            theirs.rating.or(ours.rating)
        } else {
            ours.rating.or(theirs.rating)
        },
        notes: joined_notes(&ours.notes, &theirs.notes),
    };
    merged.validate().unwrap_or_else(|_| ours.clone())
}

/// Our notes, then theirs after a blank line unless ours hold them already.
fn joined_notes(ours: &str, theirs: &str) -> String {
    let theirs = theirs.trim();
    if theirs.is_empty() || ours.contains(theirs) {
        ours.to_owned()
    } else if ours.trim().is_empty() {
        theirs.to_owned()
    } else {
        format!("{}\n\n{theirs}", ours.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drama::{ExternalIds, Status};
    use chrono::NaiveDate;

    fn day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    fn ours() -> DramaDraft {
        DramaDraft {
            title: "나의 아저씨".into(),
            original_title: Some("나의 아저씨".into()),
            status: Status::Watching,
            rating: Some(9.0),
            started_on: day("2025-01-05"),
            tags: vec!["healing".into()],
            notes: "Watch with tissues.".into(),
            external_ids: ExternalIds {
                tmdb: Some(76662),
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        }
    }

    fn theirs() -> DramaDraft {
        DramaDraft {
            title: "My Mister".into(),
            year: Some(2018),
            total_episodes: Some(16),
            status: Status::Completed,
            rating: Some(10.0),
            started_on: day("2025-01-01"),
            finished_on: day("2025-01-16"),
            tags: vec!["healing".into(), "trakt".into()],
            notes: "Best ending.".into(),
            external_ids: ExternalIds {
                trakt: Some(130_001),
                tmdb: Some(1),
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        }
    }

    #[test]
    fn a_newer_file_updates_what_changes_and_keeps_what_only_drakor_knows() {
        let merged = fill_in(&ours(), &theirs(), true);
        assert_eq!(merged.title, "나의 아저씨", "the title stays ours");
        assert_eq!(merged.year, Some(2018), "a missing year is filled in");
        assert_eq!(merged.status, Status::Completed);
        assert_eq!(merged.rating, Some(10.0));
        assert_eq!(merged.started_on, day("2025-01-01"), "the earlier start");
        assert_eq!(merged.tags, vec!["healing", "trakt"]);
        assert_eq!(merged.notes, "Watch with tissues.\n\nBest ending.");
        assert_eq!(merged.external_ids.tmdb, Some(76662), "our ids stay");
        assert_eq!(merged.external_ids.trakt, Some(130_001));
    }

    #[test]
    fn an_older_file_only_fills_gaps() {
        let merged = fill_in(&ours(), &theirs(), false);
        assert_eq!(merged.status, Status::Watching);
        assert_eq!(merged.rating, Some(9.0));
        assert_eq!(merged.total_episodes, Some(16));
        assert_eq!(merged.finished_on, day("2025-01-16"));
    }

    #[test]
    fn merging_the_same_file_twice_gives_the_same_drama() {
        let once = fill_in(&ours(), &theirs(), true);
        assert_eq!(fill_in(&once, &theirs(), false), once);
        assert_eq!(fill_in(&once, &theirs(), true), once);
    }

    #[test]
    fn a_merge_that_would_break_a_check_keeps_ours() {
        let mut ours = ours();
        ours.started_on = day("2026-01-01");
        let mut theirs = theirs();
        theirs.started_on = None;
        let merged = fill_in(&ours, &theirs, true);
        assert_eq!(merged, ours, "finished 2025 before starting 2026");
    }
}
