//! Watcharr's JSON export: a list of the user's shows and films, each with
//! `status`, `rating`, `thoughts`, `pinned`, `tags`, the `content` it is
//! about (`tmdbId`, `title`, `type`, `numberOfEpisodes`) and its
//! `watchedEpisodes`.
//!
//! - A `tv` entry is a drama: `thoughts` become its notes, `tags` its tags
//!   (and `pinned` the tag `pinned`), `numberOfEpisodes` its total, the
//!   TMDB id its external id, the year from `release_date` when present.
//!   Statuses: FINISHED → completed, WATCHING → watching, PLANNED →
//!   plan_to_watch, HOLD → on_hold, DROPPED → dropped.
//! - Ratings are 1–10 (0 means none), rounded to the nearest half.
//! - A watched episode with status FINISHED (or none) is one watch. Watcharr
//!   keeps no date per episode, so every watch of an entry is dated by the
//!   entry's `createdAt`, which never changes in later exports, or by
//!   [`super::UNDATED`] when it has none: importing the same show again
//!   adds no second watch.
//! - Movies, deleted entries and entries of unknown kinds are skipped and
//!   counted.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::common::{
    self, Skips, UNDATED, checked_drama, checked_episode, drama_id, halves, kind_of, list_at, ms,
    parse_at,
};
use super::{Format, Parsed};
use crate::drama::{DramaDraft, ExternalIds, Status};
use crate::episode::EpisodeNotes;
use crate::error::Problems;
use crate::merge::{ValidDrama, ValidEpisode, ValidLibrary};

const STATUSES: &str = "FINISHED, WATCHING, PLANNED, HOLD or DROPPED";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct Entry {
    status: Option<String>,
    rating: Option<f64>,
    thoughts: Option<String>,
    pinned: Option<bool>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    content: Content,
    #[serde(alias = "watched_episodes")]
    watched_episodes: Option<Vec<WatchedEpisode>>,
    tags: Option<Vec<Tag>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct Content {
    #[serde(alias = "tmdb_id")]
    tmdb_id: Option<u64>,
    title: Option<String>,
    #[serde(alias = "number_of_episodes")]
    number_of_episodes: Option<u32>,
    #[serde(alias = "release_date")]
    release_date: Option<String>,
    #[serde(alias = "imdb_id")]
    imdb_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "an object")]
struct WatchedEpisode {
    #[serde(alias = "season_number")]
    season_number: Option<u32>,
    #[serde(alias = "episode_number")]
    episode_number: u32,
    status: Option<String>,
    rating: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an object")]
struct Tag {
    name: Option<String>,
}

/// Reads a Watcharr JSON export.
pub fn read_bytes(bytes: &[u8]) -> Result<Parsed, Problems> {
    let text = common::text_of(bytes).map_err(|why| Problems::one("", why))?;
    read_json(text)
}

/// Reads Watcharr JSON text.
pub fn read_json(text: &str) -> Result<Parsed, Problems> {
    let root = common::parse_json(text).map_err(|why| Problems::one("", why))?;
    let items = list_at(root, "", "shows and films (a Watcharr export)")?;
    let mut problems = Problems::new();
    let mut skips = Skips::default();
    let mut dramas = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let at = format!("[{i}]");
        let Value::Object(object) = &item else {
            problems.push(
                &at,
                format!("expected an entry (an object), found {}", kind_of(&item)),
            );
            continue;
        };
        if object.get("deletedAt").is_some_and(|v| !v.is_null()) {
            skips.add("deleted entry", "deleted entries", "deleted in Watcharr");
            continue;
        }
        match object.get("content").and_then(|c| c.get("type")) {
            Some(Value::String(t)) if t == "movie" => {
                skips.add("movie", "movies", "Drakor keeps series, not films");
                continue;
            }
            Some(Value::String(t)) if t != "tv" => {
                skips.add(
                    "entry of another kind",
                    "entries of other kinds",
                    "neither a show nor a film",
                );
                continue;
            }
            _ => {}
        }
        let Some(entry) = parse_at::<Entry>(item, &at, &mut problems) else {
            continue;
        };
        if let Some(drama) = drama(entry, &at, &mut problems) {
            dramas.push(drama);
        }
    }
    problems.into_result(Parsed {
        format: Format::Watcharr,
        library: ValidLibrary {
            dramas,
            lists: Vec::new(),
            people: Vec::new(),
        },
        skipped: skips.into_list(),
    })
}

fn drama(entry: Entry, at: &str, problems: &mut Problems) -> Option<ValidDrama> {
    let mut ok = true;
    let status = match entry.status.as_deref().map(str::trim).unwrap_or("") {
        "" => None,
        "FINISHED" => Some(Status::Completed),
        "WATCHING" => Some(Status::Watching),
        "PLANNED" => Some(Status::PlanToWatch),
        "HOLD" => Some(Status::OnHold),
        "DROPPED" => Some(Status::Dropped),
        other => {
            problems.push(
                format!("{at}.status"),
                format!("{other:?} is not a Watcharr status ({STATUSES})"),
            );
            ok = false;
            None
        }
    };
    let drama_rating = rating(entry.rating, &format!("{at}.rating"), problems, &mut ok);
    let watched_on = ms(entry.created_at.unwrap_or(UNDATED));
    let mut episodes: BTreeMap<(u32, u32), (usize, Option<f64>, bool)> = BTreeMap::new();
    for (j, e) in entry
        .watched_episodes
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let e_at = format!("{at}.watchedEpisodes[{j}]");
        let r = rating(e.rating, &format!("{e_at}.rating"), problems, &mut ok);
        let finished = match e.status.as_deref().map(str::trim).unwrap_or("") {
            "" | "FINISHED" => true,
            "WATCHING" | "PLANNED" | "HOLD" | "DROPPED" => false,
            other => {
                problems.push(
                    format!("{e_at}.status"),
                    format!("{other:?} is not a Watcharr status ({STATUSES})"),
                );
                ok = false;
                false
            }
        };
        let place = (e.season_number.unwrap_or(1), e.episode_number);
        let slot = episodes.entry(place).or_insert((j, None, false));
        slot.1 = r.or(slot.1);
        slot.2 |= finished;
    }
    let mut valid_episodes: Vec<ValidEpisode> = Vec::with_capacity(episodes.len());
    for ((season, number), (j, rating, finished)) in episodes {
        let e_at = format!("{at}.watchedEpisodes[{j}]");
        let name = |field: &str| {
            let key = match field {
                "season" => "seasonNumber",
                "episode" => "episodeNumber",
                other => other,
            };
            format!("{e_at}.{key}")
        };
        let watched: BTreeSet<DateTime<Utc>> = if finished {
            BTreeSet::from([watched_on])
        } else {
            BTreeSet::new()
        };
        let notes = EpisodeNotes {
            rating,
            ..EpisodeNotes::default()
        };
        match checked_episode(season, number, notes, watched, &name, problems) {
            Some(e) => valid_episodes.push(e),
            None => ok = false,
        }
    }
    let content = entry.content;
    let mut tags: Vec<String> = entry
        .tags
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| t.name)
        .collect();
    if entry.pinned == Some(true) {
        tags.push("pinned".into());
    }
    let status = status.unwrap_or(if valid_episodes.iter().any(|e| !e.watched_at.is_empty()) {
        Status::Watching
    } else {
        Status::PlanToWatch
    });
    let title = content.title.unwrap_or_default();
    let year = content
        .release_date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|&y| y > 0);
    let draft = DramaDraft {
        title: title.clone(),
        year,
        total_episodes: content.number_of_episodes.filter(|&n| n > 0),
        status,
        rating: drama_rating,
        tags,
        notes: entry.thoughts.unwrap_or_default(),
        external_ids: ExternalIds {
            tmdb: content.tmdb_id,
            imdb: content.imdb_id.filter(|v| !v.trim().is_empty()),
            ..ExternalIds::default()
        },
        ..DramaDraft::default()
    };
    let fields = checked_drama(
        draft,
        at,
        ".",
        &[
            ("title", "content.title"),
            ("total_episodes", "content.numberOfEpisodes"),
            ("notes", "thoughts"),
            ("external_ids.imdb", "content.imdb_id"),
        ],
        problems,
    );
    let key = match content.tmdb_id {
        Some(id) => format!("tmdb:{id}"),
        None => format!(
            "title:{}:{}",
            title.trim().to_lowercase(),
            year.unwrap_or(0)
        ),
    };
    let created_at = entry.created_at.map_or(UNDATED, ms);
    let fields = fields?;
    ok.then(|| ValidDrama {
        id: drama_id(&key),
        id_given: false,
        fields,
        created_at,
        updated_at: entry.updated_at.map_or(created_at, ms).max(created_at),
        episodes: valid_episodes,
        scenes: Vec::new(),
    })
}

/// A Watcharr rating (1–10, 0 for none) on Drakor's scale.
fn rating(value: Option<f64>, at: &str, problems: &mut Problems, ok: &mut bool) -> Option<f64> {
    match value {
        None => None,
        Some(0.0) => None,
        Some(r) if (0.0..=10.0).contains(&r) => Some(halves(r)),
        Some(r) => {
            problems.push(at, format!("{r} is not a Watcharr rating (1–10)"));
            *ok = false;
            None
        }
    }
}
