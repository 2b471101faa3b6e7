//! The parts of TMDB's JSON answers Drakor reads, in TMDB's own names.
//!
//! TMDB leaves fields out, sends `null` for others and `""` for yet others,
//! depending on the show's age and how complete its page is, so every field
//! that is not the id accepts all three: lists and text become empty, the
//! rest `None`. Fields Drakor does not read are ignored.

use serde::{Deserialize, Deserializer};

/// `GET /configuration`.
#[derive(Debug, Deserialize)]
pub(crate) struct Configuration {
    pub images: Images,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Images {
    pub secure_base_url: String,
}

/// `GET /search/tv`: one page of results.
#[derive(Debug, Deserialize)]
pub(crate) struct SearchPage {
    #[serde(default, deserialize_with = "nullable")]
    pub results: Vec<SearchResult>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SearchResult {
    pub id: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub original_name: String,
    #[serde(default)]
    pub first_air_date: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub origin_country: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub overview: String,
    #[serde(default)]
    pub poster_path: Option<String>,
}

/// `GET /tv/{id}`.
#[derive(Debug, Deserialize)]
pub(crate) struct TvDetails {
    pub id: u64,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default)]
    pub first_air_date: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub origin_country: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub networks: Vec<Network>,
    #[serde(default, deserialize_with = "nullable")]
    pub episode_run_time: Vec<u32>,
    #[serde(default, deserialize_with = "nullable")]
    pub in_production: bool,
    #[serde(default)]
    pub poster_path: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub seasons: Vec<SeasonSummary>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Network {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
}

/// One entry of `seasons[]` in `/tv/{id}`: only its number is needed, the
/// episodes come from the season's own page.
#[derive(Debug, Deserialize)]
pub(crate) struct SeasonSummary {
    pub season_number: u32,
}

/// `GET /tv/{id}/external_ids`.
#[derive(Debug, Deserialize)]
pub(crate) struct ExternalIds {
    #[serde(default)]
    pub imdb_id: Option<String>,
}

/// `GET /tv/{id}/season/{n}`.
#[derive(Debug, Deserialize)]
pub(crate) struct Season {
    #[serde(default, deserialize_with = "nullable")]
    pub episodes: Vec<Episode>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Episode {
    pub episode_number: u32,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub runtime: Option<u32>,
    #[serde(default)]
    pub air_date: Option<String>,
}

/// A field that may be `null`, read as its default (empty) value.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn nulls_and_missing_fields_read_as_empty() {
        let json =
            r#"{"id": 7, "name": null, "networks": null, "seasons": [{"season_number": 1}]}"#;
        let tv: TvDetails = serde_json::from_str(json).unwrap();
        assert_eq!(tv.id, 7);
        assert_eq!(tv.name, "");
        assert!(tv.networks.is_empty() && tv.episode_run_time.is_empty());
        assert!(!tv.in_production);
        assert_eq!(tv.seasons.len(), 1);
    }
}
