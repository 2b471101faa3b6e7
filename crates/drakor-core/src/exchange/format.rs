//! Export format version 1: the JSON shape of a Drakor library file, as in
//! the design notes. The same types are written on export and read on
//! import; on import, optional fields may be absent or null.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::drama::{ExternalIds, Status};
use crate::exchange::instant;
use crate::link::Link;

pub const FORMAT: &str = "drakor";
pub const VERSION: u64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryFile {
    pub format: String,
    pub version: u64,
    #[serde(serialize_with = "instant::serialize")]
    pub exported_at: DateTime<Utc>,
    pub app_version: String,
    pub dramas: Vec<DramaV1>,
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
    #[serde(default, serialize_with = "instant::serialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, serialize_with = "instant::serialize_option")]
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
        serialize_with = "instant::serialize_list"
    )]
    pub watched_at: Vec<DateTime<Utc>>,
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
    #[serde(default, serialize_with = "instant::serialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, serialize_with = "instant::serialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
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
