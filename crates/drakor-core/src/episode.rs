//! Episodes and their watch log.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Problems;
use crate::text;

/// An episode the user has watched or written about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Episode {
    /// 1 for most dramas, 0 for specials.
    pub season: u32,
    pub number: u32,
    pub title: Option<String>,
    pub runtime_min: Option<u32>,
    /// When it airs or aired, as TMDB reports it (never typed by the user).
    #[serde(default)]
    pub air_date: Option<NaiveDate>,
    pub rating: Option<f64>,
    pub notes: String,
    /// Every time it was watched, oldest first; more than one is a rewatch.
    pub watched_at: Vec<DateTime<Utc>>,
    /// When its title, runtime, rating or notes last changed (watches are
    /// a set and need no time).
    pub updated_at: DateTime<Utc>,
}

/// What a user can write about one episode.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EpisodeNotes {
    pub title: Option<String>,
    pub runtime_min: Option<u32>,
    pub rating: Option<f64>,
    pub notes: String,
}

impl EpisodeNotes {
    pub fn validate(&self) -> Result<EpisodeNotes, Problems> {
        let mut problems = Problems::new();
        let mut clean = self.clone();
        match text::optional_line(self.title.as_deref(), text::MAX_TITLE_CHARS) {
            Ok(t) => clean.title = t,
            Err(why) => problems.push("title", why),
        }
        if let Some(runtime) = self.runtime_min
            && !(1..=1_000).contains(&runtime)
        {
            problems.push(
                "runtime_min",
                format!("{runtime} is not a runtime in minutes (1–1000)"),
            );
        }
        if let Err(why) = text::rating(self.rating) {
            problems.push("rating", why);
        }
        match text::notes(&self.notes) {
            Ok(n) => clean.notes = n,
            Err(why) => problems.push("notes", why),
        }
        problems.into_result(clean)
    }

    pub fn is_blank(&self) -> bool {
        self.title.is_none()
            && self.runtime_min.is_none()
            && self.rating.is_none()
            && self.notes.is_empty()
    }
}

/// Checks a season and episode number pair, naming the fields.
pub fn check_episode_ref(season: u32, number: u32) -> Result<(), Problems> {
    let mut problems = Problems::new();
    if season > 100 {
        problems.push(
            "season",
            format!("{season} is not a season (0 for specials, 1–100)"),
        );
    }
    if number == 0 {
        problems.push("episode", "must be a positive number; episodes start at 1");
    } else if number > 5_000 {
        problems.push("episode", format!("{number} is more than any drama has"));
    }
    problems.into_result(())
}

/// The next unwatched episode of a drama.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpNext {
    pub drama_id: uuid::Uuid,
    pub title: String,
    pub original_title: Option<String>,
    pub season: u32,
    pub episode: u32,
    pub watched: u32,
    pub total: Option<u32>,
    pub last_watched_at: Option<DateTime<Utc>>,
    /// When the next episode airs or aired, when TMDB said.
    pub air_date: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episode_zero_and_absurd_seasons_are_refused() {
        assert!(check_episode_ref(1, 1).is_ok());
        assert!(
            check_episode_ref(0, 1).is_ok(),
            "season 0 holds the specials"
        );
        let err = check_episode_ref(1, 0).expect_err("episode 0");
        assert!(
            err.to_string()
                .starts_with("episode: must be a positive number"),
            "{err}"
        );
        assert!(check_episode_ref(101, 1).is_err());
    }

    #[test]
    fn episode_notes_are_checked_field_by_field() {
        let notes = EpisodeNotes {
            rating: Some(3.3),
            runtime_min: Some(0),
            ..EpisodeNotes::default()
        };
        let shown = notes.validate().expect_err("bad").to_string();
        assert!(
            shown.contains("rating:") && shown.contains("runtime_min:"),
            "{shown}"
        );
    }
}
