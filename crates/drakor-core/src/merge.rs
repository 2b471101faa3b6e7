//! What an import merges into the library, and how.
//!
//! Every reader (Drakor's own files, Trakt, Yamtrack, Watcharr) gives a
//! [`ValidLibrary`]: dramas, episodes and scenes with every field checked.
//! The store merges one in a single transaction (`store::merge`):
//! - a drama matches by id, then by an external id (TMDB, IMDb, MyDramaList,
//!   Trakt), then (files of other trackers only) by title + year
//!   (case-insensitive);
//! - an episode by season + number; a scene by id; watch events are a set.
//!
//! Importing the same file twice leaves the library as the first time did.
//!
//! A Drakor file is a copy of a Drakor library, so each thing in it carries
//! the time it last changed, and the newer side wins ([`MergeRule::NewerWins`]):
//!
//! - a drama's own fields (title, status, rating, dates, tags, notes, links,
//!   …) go together: the side with the newer `updated_at` wins them all;
//! - a scene likewise, by the scene's own `updated_at`;
//! - an episode's title, runtime, rating and notes by the *episode's* own
//!   `updated_at` (a file without it: its drama's), field by field: each is
//!   the newer side's, unless the newer side has it empty, then the older
//!   side's. An empty field says "not written here", never "cleared": a file
//!   with notes but no rating keeps the rating the library has. (So clearing
//!   a rating, like deleting, is not carried by a file.) At the same instant
//!   on both sides the larger notes win;
//! - each thing ends with the later of the two times.
//!
//! The result is the same whichever library imports the other's file, so
//! two libraries that import each other's exports end equal. A local edit
//! always stamps a time after the one it replaces (`now`, or the old time
//! plus a millisecond when the clock is behind it), so it beats the version
//! it replaced on the next merge however fast the clock was where that came
//! from.
//!
//! A drama is never split:
//! - a Drakor file's drama that matches none of ours by id but one by title
//!   (the same year, or no year on one side) is refused with a problem
//!   naming both and their ids, rather than added a second time;
//! - a scene the library holds under one drama is never moved to another:
//!   a file that puts it elsewhere is refused, naming the scene and both
//!   dramas.
//!
//! Files of other trackers know only part of a drama (Yamtrack has no year,
//! Watcharr no dates, none has Hangul titles, scenes or links), so
//! replacing the whole drama with one would wipe what the user keeps only
//! in Drakor. They are merged field by field instead ([`MergeRule::FillIn`]):
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
//!
//! A merged drama or episode that would break a limit (notes over 100 KB
//! once joined, more than 10,000 tags, a finish date before the start) is a
//! problem of the import, named by drama and field, like any other: the
//! import is refused and nothing is written.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::EpisodeNotes;
use crate::scene::SceneFields;

mod rules;

pub(crate) use rules::{fill_in, fill_in_episode, newest_episode};

/// A library read from a file, every field checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidLibrary {
    pub dramas: Vec<ValidDrama>,
    /// The file's lists (Drakor files of format version 2); merged after
    /// the dramas and scenes they name, by id, the newer list winning whole.
    pub lists: Vec<ValidList>,
    /// The file's people with aliases (Drakor files of format version 2),
    /// merged last ([`crate::store`]'s `merge_people_tx` says how).
    pub people: Vec<ValidPerson>,
}

/// A person and their other names, checked: flat (no alias is a person of
/// the file), each name once in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub name: String,
    pub aliases: Vec<String>,
}

/// A list, checked: its entries name scenes and dramas by id.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidList {
    pub id: Uuid,
    pub draft: crate::list::ListDraft,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub entries: Vec<ValidListEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidListEntry {
    pub target: crate::list::EntryRef,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidDrama {
    pub id: Uuid,
    /// True when the file gave the id; false when it was made from the
    /// drama's title and year (a file without ids, another tracker's file).
    pub id_given: bool,
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
    /// When the file says its notes last changed; `None` when it does not
    /// say (older Drakor files, other trackers): the drama's `updated_at`
    /// stands in for it.
    pub updated_at: Option<DateTime<Utc>>,
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
    pub lists_added: u32,
    pub lists_updated: u32,
    pub aliases_added: u32,
    /// The file's aliases left out because the library has them as another
    /// person's: the library's stay.
    pub aliases_skipped: u32,
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
            + self.lists_added
            + self.lists_updated
            + self.aliases_added
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
        )?;
        // Lists are said only when a file has any (files of version 2).
        if self.lists_added + self.lists_updated > 0 {
            write!(
                f,
                "; {} lists added, {} updated",
                self.lists_added, self.lists_updated
            )?;
        }
        if self.aliases_added > 0 {
            write!(f, "; {} aliases added", self.aliases_added)?;
        }
        if self.aliases_skipped > 0 {
            write!(
                f,
                "; {} of the file's aliases left out (the library has them as another person's)",
                self.aliases_skipped
            )?;
        }
        Ok(())
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
