//! The shapes of the entries in Trakt's files, as serde reads them.

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(expecting = "an object")]
pub(super) struct Ids {
    pub(super) trakt: Option<u64>,
    pub(super) slug: Option<String>,
    pub(super) imdb: Option<String>,
    pub(super) tmdb: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(expecting = "an object")]
pub(super) struct Show {
    pub(super) title: Option<String>,
    pub(super) year: Option<i32>,
    pub(super) ids: Option<Ids>,
    pub(super) aired_episodes: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an object")]
pub(super) struct Episode {
    pub(super) season: Option<u32>,
    pub(super) number: Option<u32>,
    pub(super) title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a history entry (an object)")]
pub(super) struct Watched {
    pub(super) watched_at: DateTime<Utc>,
    pub(super) episode: Episode,
    pub(super) show: Show,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a rating (an object)")]
pub(super) struct Rated {
    pub(super) rated_at: Option<DateTime<Utc>>,
    pub(super) rating: f64,
    pub(super) episode: Option<Episode>,
    pub(super) show: Show,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a watchlist entry (an object)")]
pub(super) struct Listed {
    pub(super) listed_at: Option<DateTime<Utc>>,
    pub(super) notes: Option<String>,
    pub(super) show: Show,
}

/// An entry of `watched-shows.json` (the shape of Trakt's
/// `/sync/watched/shows`): a show and, per season, how many times each
/// episode was played and when last.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a watched show (an object)")]
pub(super) struct ShowWatched {
    pub(super) last_watched_at: Option<DateTime<Utc>>,
    pub(super) show: Show,
    pub(super) seasons: Option<Vec<SeasonWatched>>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "a season (an object)")]
pub(super) struct SeasonWatched {
    pub(super) number: Option<u32>,
    pub(super) episodes: Option<Vec<EpisodeWatched>>,
}

#[derive(Debug, Deserialize)]
#[serde(expecting = "an episode (an object)")]
pub(super) struct EpisodeWatched {
    pub(super) number: Option<u32>,
    pub(super) plays: Option<u32>,
    pub(super) last_watched_at: Option<DateTime<Utc>>,
}
