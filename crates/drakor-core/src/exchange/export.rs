//! Writing the library, or a filtered list of it, as format version 1.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::drama::Status;
use crate::episode::Episode;
use crate::error::{Error, Result};
use crate::exchange::format::{DramaV1, EpisodeV1, FORMAT, LibraryFile, SceneV1, VERSION};
use crate::scene::Scene;
use crate::store::{DramaRecord, Library, Scope};

/// What to export. Empty means the whole library.
///
/// `status` and `drama_id` pick whole dramas. `tag` keeps a drama whole when
/// the drama itself has the tag; otherwise it keeps only the drama's scenes
/// with that tag and the episodes they are in ("all my kiss scenes").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub status: Option<Status>,
    pub drama_id: Option<Uuid>,
}

impl ExportFilter {
    pub fn is_everything(&self) -> bool {
        self.tag.is_none() && self.status.is_none() && self.drama_id.is_none()
    }
}

impl Library {
    /// The library (or the filtered part of it) as an export file.
    pub fn export(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<LibraryFile> {
        let scope = match filter.drama_id {
            Some(id) => Scope::Drama(crate::store::drama_pk_of(self, id)?),
            None => Scope::All,
        };
        let tag = filter
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        let records = crate::store::records_of(self, scope)?;
        let dramas = records
            .into_iter()
            .filter(|r| filter.status.is_none_or(|s| r.drama.fields.status == s))
            .filter_map(|r| match &tag {
                None => Some(r),
                Some(tag) => keep_tagged(r, tag),
            })
            .map(drama_v1)
            .collect();
        Ok(LibraryFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at: now.trunc_subsecs(0),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            dramas,
        })
    }

    /// The export as pretty JSON text.
    pub fn export_json(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<String> {
        let file = self.export(filter, now)?;
        serde_json::to_string_pretty(&file)
            .map_err(|e| Error::io("cannot write the export", e.into()))
    }
}

/// The drama whole if it has the tag itself; else only its scenes with the
/// tag and the episodes those are in; `None` when nothing matches.
fn keep_tagged(mut record: DramaRecord, tag: &str) -> Option<DramaRecord> {
    if record.drama.fields.tags.iter().any(|t| t == tag) {
        return Some(record);
    }
    record.scenes.retain(|s| s.tags.iter().any(|t| t == tag));
    if record.scenes.is_empty() {
        return None;
    }
    let wanted: Vec<(u32, u32)> = record
        .scenes
        .iter()
        .map(|s| (s.season, s.episode))
        .collect();
    record
        .episodes
        .retain(|e| wanted.contains(&(e.season, e.number)));
    Some(record)
}

fn drama_v1(record: DramaRecord) -> DramaV1 {
    let DramaRecord {
        drama,
        episodes,
        scenes,
        ..
    } = record;
    let f = drama.fields;
    DramaV1 {
        id: Some(drama.id),
        title: f.title,
        original_title: f.original_title,
        country: f.country,
        year: f.year,
        network: f.network,
        total_episodes: f.total_episodes,
        status: f.status,
        rating: f.rating,
        started_on: f.started_on,
        finished_on: f.finished_on,
        rewatch_count: f.rewatch_count,
        tags: f.tags,
        notes: f.notes,
        external_ids: f.external_ids,
        links: f.links,
        created_at: Some(drama.created_at),
        updated_at: Some(drama.updated_at),
        episodes: episodes.into_iter().map(episode_v1).collect(),
        scenes: scenes.into_iter().map(scene_v1).collect(),
    }
}

fn episode_v1(e: Episode) -> EpisodeV1 {
    EpisodeV1 {
        season: e.season,
        number: e.number,
        title: e.title,
        runtime_min: e.runtime_min,
        rating: e.rating,
        notes: e.notes,
        watched_at: e.watched_at,
    }
}

fn scene_v1(s: Scene) -> SceneV1 {
    SceneV1 {
        id: Some(s.id),
        season: s.season,
        episode: s.episode,
        start: s.start.canonical(),
        end: s.end.map(|e| e.canonical()),
        title: s.title,
        tags: s.tags,
        notes: s.notes,
        people: s.people,
        favourite: s.favourite,
        links: s.links,
        created_at: Some(s.created_at),
        updated_at: Some(s.updated_at),
    }
}
