//! A show as TMDB describes it, turned into the core's [`ShowInfo`].
//!
//! The rules are the ones a user would expect from TMDB's pages: an
//! episode without its own runtime takes the show's usual one, empty text is
//! no text, and a date Drakor cannot read is no date (TMDB's dates are
//! `YYYY-MM-DD`; anything else is left out rather than guessed).

use chrono::NaiveDate;
use drakor_core::{EpisodeInfo, ShowInfo};

use crate::wire;

/// What [`crate::Client::show`] returns: the show for the core, and what
/// the app shows beside it.
#[derive(Debug, Clone)]
pub struct Show {
    pub info: ShowInfo,
    /// The poster's path on TMDB's image server, e.g. `/goblin.jpg`, for
    /// [`crate::Client::download_poster`].
    pub poster_path: Option<String>,
    /// Episodes in the regular seasons (specials are not counted), as
    /// listed in the season pages.
    pub episode_count: u32,
    /// Whether TMDB expects more episodes (a show still airing, or renewed).
    pub in_production: bool,
}

/// The show from its details, its IMDb id and its seasons' pages (`seasons`
/// pairs each season number with its page).
pub(crate) fn show(
    details: wire::TvDetails,
    imdb_id: Option<String>,
    seasons: Vec<(u32, wire::Season)>,
) -> Show {
    let usual_runtime = details.episode_run_time.iter().copied().find(|&m| m > 0);
    let mut episodes: Vec<EpisodeInfo> = seasons
        .into_iter()
        .flat_map(|(season, page)| {
            page.episodes.into_iter().map(move |e| EpisodeInfo {
                season,
                number: e.episode_number,
                title: text(e.name),
                runtime_min: e.runtime.filter(|&m| m > 0).or(usual_runtime),
                air_date: date(e.air_date.as_deref()),
            })
        })
        .collect();
    episodes.sort_by_key(|e| (e.season, e.number));
    episodes.dedup_by_key(|e| (e.season, e.number));
    let regular = episodes.iter().filter(|e| e.season >= 1).count();
    let info = ShowInfo {
        tmdb_id: details.id,
        imdb_id: text(imdb_id),
        name: details.name.trim().to_owned(),
        original_name: text(details.original_name),
        first_air_date: date(details.first_air_date.as_deref()),
        origin_country: first_text(details.origin_country),
        network: first_text(details.networks.into_iter().map(|n| n.name)),
        episodes,
    };
    Show {
        info,
        poster_path: text(details.poster_path),
        episode_count: u32::try_from(regular).unwrap_or(u32::MAX),
        in_production: details.in_production,
    }
}

/// Text with surrounding spaces taken off; empty text is none.
pub(crate) fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The first of `values` that is not empty.
fn first_text(values: impl IntoIterator<Item = String>) -> Option<String> {
    values.into_iter().find_map(|v| text(Some(v)))
}

/// A TMDB date (`YYYY-MM-DD`); empty, missing or unreadable is none.
pub(crate) fn date(value: Option<&str>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value?.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn empty_and_odd_dates_are_no_date() {
        assert_eq!(date(Some("")), None);
        assert_eq!(date(None), None);
        assert_eq!(date(Some("2016-13-01")), None);
        assert_eq!(
            date(Some("2016-12-02")),
            NaiveDate::from_ymd_opt(2016, 12, 2)
        );
    }

    #[test]
    fn an_episode_without_runtime_takes_the_shows_and_episodes_are_in_order() {
        let details: wire::TvDetails = serde_json::from_str(
            r#"{"id": 1, "name": " A ", "original_name": "", "episode_run_time": [0, 45],
                "networks": [{"name": ""}, {"name": "KBS2"}], "origin_country": []}"#,
        )
        .unwrap();
        let season: wire::Season = serde_json::from_str(
            r#"{"episodes": [{"episode_number": 2, "runtime": 0, "name": ""},
                              {"episode_number": 1, "runtime": 50, "air_date": null}]}"#,
        )
        .unwrap();
        let show = show(details, Some(String::new()), vec![(1, season)]);
        assert_eq!(show.info.name, "A");
        assert_eq!(show.info.original_name, None);
        assert_eq!(show.info.imdb_id, None);
        assert_eq!(show.info.network.as_deref(), Some("KBS2"));
        assert_eq!(show.info.origin_country, None);
        let runtimes: Vec<_> = show.info.episodes.iter().map(|e| e.runtime_min).collect();
        assert_eq!(runtimes, [Some(50), Some(45)]);
        assert_eq!(show.info.episodes[1].title, None);
        assert_eq!(show.episode_count, 2);
    }
}
