//! Export format version 2: the JSON shape of a Drakor library file, as in
//! the design notes. Version 2 is version 1 with a top-level `lists` after
//! `dramas` and `people` (aliases) after `lists`, both optional, and on
//! each scene its song (`ost`) and famous line (`quote`), each an object or
//! null; a version 1 file reads as a version 2 file without lists, people,
//! songs or lines. The same types are written on export and read on
//! import; on import, optional fields may be absent or null. The
//! conversions between them and the library's own types are here, once.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::drama::{DramaDraft, ExternalIds, Status};
use crate::episode::{Episode, EpisodeNotes};
use crate::link::Link;
use crate::ost_quote::{Ost, Quote};
use crate::scene::{Scene, SceneDraft};
use crate::store::DramaRecord;

pub const FORMAT: &str = "drakor";
pub const VERSION: u64 = 2;

/// A whole file. Its dramas come last; an export streams them from the
/// library (`D` is then a list read as it is written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryFile<D = Vec<DramaV1>> {
    pub format: String,
    pub version: u64,
    #[serde(serialize_with = "rfc3339::one")]
    pub exported_at: DateTime<Utc>,
    pub app_version: String,
    pub dramas: D,
    /// The lists; each entry names a scene or a drama of the file by id.
    #[serde(default)]
    pub lists: Vec<ListV2>,
    /// The people with other names: `{"name": "공유", "aliases": ["Gong Yoo"]}`.
    #[serde(default)]
    pub people: Vec<PersonV2>,
}

/// A person and their aliases; scenes name people by any of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonV2 {
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListV2 {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub entries: Vec<EntryV2>,
}

/// One entry: `{"scene": id, "note": …}` or `{"drama": id, "note": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryV2 {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drama: Option<Uuid>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub note: String,
}

impl From<crate::merge::ValidList> for ListV2 {
    fn from(list: crate::merge::ValidList) -> Self {
        use crate::list::EntryRef;
        ListV2 {
            id: Some(list.id),
            name: list.draft.name,
            description: list.draft.description,
            created_at: Some(list.created_at),
            updated_at: Some(list.updated_at),
            entries: list
                .entries
                .into_iter()
                .map(|e| match e.target {
                    EntryRef::Scene(id) => EntryV2 {
                        scene: Some(id),
                        drama: None,
                        note: e.note,
                    },
                    EntryRef::Drama(id) => EntryV2 {
                        scene: None,
                        drama: Some(id),
                        note: e.note,
                    },
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DramaV1 {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    #[serde(default)]
    pub original_title: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub network: Option<String>,
    #[serde(default)]
    pub total_episodes: Option<u32>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: Status,
    #[serde(default)]
    pub rating: Option<f64>,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub finished_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub rewatch_count: u32,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub external_ids: ExternalIds,
    #[serde(default, deserialize_with = "null_as_default")]
    pub links: Vec<Link>,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub episodes: Vec<EpisodeV1>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub scenes: Vec<SceneV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpisodeV1 {
    #[serde(default = "season_one", deserialize_with = "null_as_season_one")]
    pub season: u32,
    pub number: u32,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub runtime_min: Option<u32>,
    #[serde(default)]
    pub rating: Option<f64>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: String,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        serialize_with = "rfc3339::list"
    )]
    pub watched_at: Vec<DateTime<Utc>>,
    /// When the episode's title, runtime, rating or notes last changed.
    /// Files written before episodes had their own time leave it out; the
    /// drama's `updated_at` stands in for it.
    #[serde(default, serialize_with = "rfc3339::option")]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SceneV1 {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default = "season_one", deserialize_with = "null_as_season_one")]
    pub season: u32,
    pub episode: u32,
    /// `HH:MM:SS[.mmm]` on export; any form the time parser reads on import.
    #[serde(deserialize_with = "time_text")]
    pub start: String,
    #[serde(default, deserialize_with = "optional_time_text")]
    pub end: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub notes: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub people: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub favourite: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub links: Vec<Link>,
    /// The song playing in the scene: `{"title", "artist"}` or null
    /// (version 2; absent in version 1 files).
    #[serde(default)]
    pub ost: Option<Ost>,
    /// The scene's famous line: `{"text", "translation"}` or null
    /// (version 2; absent in version 1 files).
    #[serde(default)]
    pub quote: Option<Quote>,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, serialize_with = "rfc3339::option")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<DramaRecord> for DramaV1 {
    fn from(record: DramaRecord) -> Self {
        let DramaRecord {
            drama,
            episodes,
            scenes,
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
            episodes: episodes.into_iter().map(EpisodeV1::from).collect(),
            scenes: scenes.into_iter().map(SceneV1::from).collect(),
        }
    }
}

/// A file's drama as the user would have typed it (its episodes and
/// scenes are read on their own).
impl From<DramaV1> for DramaDraft {
    fn from(raw: DramaV1) -> Self {
        DramaDraft {
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
        }
    }
}

impl From<Episode> for EpisodeV1 {
    fn from(e: Episode) -> Self {
        EpisodeV1 {
            season: e.season,
            number: e.number,
            title: e.title,
            runtime_min: e.runtime_min,
            rating: e.rating,
            notes: e.notes,
            watched_at: e.watched_at,
            updated_at: Some(e.updated_at),
        }
    }
}

/// A file's episode's own notes (its watches are read on their own).
impl From<EpisodeV1> for EpisodeNotes {
    fn from(raw: EpisodeV1) -> Self {
        EpisodeNotes {
            title: raw.title,
            runtime_min: raw.runtime_min,
            rating: raw.rating,
            notes: raw.notes,
        }
    }
}

impl From<Scene> for SceneV1 {
    fn from(s: Scene) -> Self {
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
            ost: s.ost,
            quote: s.quote,
            created_at: Some(s.created_at),
            updated_at: Some(s.updated_at),
        }
    }
}

/// A file's scene as the user would have typed it.
impl From<SceneV1> for SceneDraft {
    fn from(raw: SceneV1) -> Self {
        SceneDraft {
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
            ost: raw.ost,
            quote: raw.quote,
        }
    }
}

/// Instants written as chrono's `Serialize` writes them (RFC 3339 in UTC,
/// `Z`, as many fraction digits as needed), but formatted into one string
/// first: chrono's own `Serialize` hands serde_json its `Display`, which
/// serde_json escapes fragment by fragment, and with 260,000 instants in a
/// heavy user's library that was an eighth of the export's time (see
/// `docs/performance.md`).
mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::Serializer;

    fn text(at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    pub fn one<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text(at))
    }

    pub fn option<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => one(at, s),
            None => s.serialize_none(),
        }
    }

    pub fn list<S: Serializer>(list: &[DateTime<Utc>], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(list.iter().map(text))
    }
}

fn season_one() -> u32 {
    1
}

fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

fn null_as_season_one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    Ok(Option::<u32>::deserialize(deserializer)?.unwrap_or(1))
}

/// A time as text, or as a plain number of seconds.
#[derive(Deserialize)]
#[serde(untagged)]
enum TimeText {
    Text(String),
    Seconds(serde_json::Number),
}

fn time_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match TimeText::deserialize(deserializer)? {
        TimeText::Text(text) => text,
        TimeText::Seconds(n) => n.to_string(),
    })
}

fn optional_time_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        Option::<TimeText>::deserialize(deserializer)?.map(|t| match t {
            TimeText::Text(text) => text,
            TimeText::Seconds(n) => n.to_string(),
        }),
    )
}
