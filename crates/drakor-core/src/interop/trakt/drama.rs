//! Turning a show the files told into a drama: its status, dates, rewatch
//! count and episodes, checked as every drama is.

use super::entries::Ids;
use super::reader::{EpisodeSoFar, Reader, ShowSoFar};
use crate::drama::{DramaDraft, ExternalIds, Status};
use crate::episode::EpisodeNotes;
use crate::error::Problems;
use crate::interop::common::{UNDATED, checked_drama, checked_episode, drama_id, is_undated};
use crate::interop::{Format, Parsed};
use crate::merge::{ValidDrama, ValidLibrary};

impl Reader {
    pub(super) fn finish(mut self) -> Result<Parsed, Problems> {
        let shows = std::mem::take(&mut self.shows);
        let mut dramas = Vec::with_capacity(shows.len());
        for show in shows {
            if let Some(drama) = self.drama(show) {
                dramas.push(drama);
            }
        }
        let Reader {
            skips, problems, ..
        } = self;
        problems.into_result(Parsed {
            format: Format::Trakt,
            library: ValidLibrary {
                dramas,
                lists: Vec::new(),
                people: Vec::new(),
            },
            skipped: skips.into_list(),
        })
    }

    fn drama(&mut self, mut show: ShowSoFar) -> Option<ValidDrama> {
        // The history's exact times win: only an episode it lacks takes its
        // plays from watched-shows.json.
        for episode in show.episodes.values_mut() {
            if let Some(played) = episode.played.take()
                && episode.watched.is_empty()
            {
                episode.watched = played.instants();
            }
        }
        let total = show.show.aired_episodes.filter(|&n| n > 0);
        let watched: Vec<&EpisodeSoFar> = show
            .episodes
            .iter()
            .filter(|((season, _), e)| *season >= 1 && !e.watched.is_empty())
            .map(|(_, e)| e)
            .collect();
        let any_watched = show.episodes.values().any(|e| !e.watched.is_empty());
        let all_watched = total.is_some_and(|t| watched.len() >= t as usize);
        let status = if all_watched {
            Status::Completed
        } else if any_watched {
            Status::Watching
        } else if show.rating.is_some() {
            Status::Completed
        } else if show.listed {
            Status::PlanToWatch
        } else {
            Status::Watching
        };
        // Plays without a known time date no start or finish.
        let watches = show
            .episodes
            .values()
            .flat_map(|e| e.watched.iter())
            .filter(|at| !is_undated(**at));
        let started_on = watches.clone().min().map(|at| at.date_naive());
        let finished_on = watches
            .max()
            .filter(|_| status == Status::Completed)
            .map(|at| at.date_naive());
        let rewatch_count = if all_watched {
            watched
                .iter()
                .map(|e| e.watched.len() as u32)
                .min()
                .unwrap_or(1)
                .saturating_sub(1)
        } else {
            0
        };
        let ids = &show.ids;
        let draft = DramaDraft {
            title: show.show.title.clone().unwrap_or_default(),
            year: show.show.year.filter(|&y| y > 0),
            total_episodes: total,
            status,
            rating: show.rating.map(|(_, r)| r),
            started_on,
            finished_on,
            rewatch_count,
            notes: show.notes.join("\n\n"),
            external_ids: ExternalIds {
                tmdb: ids.tmdb,
                imdb: ids.imdb.clone().filter(|v| !v.trim().is_empty()),
                mdl: None,
                trakt: ids.trakt,
            },
            ..DramaDraft::default()
        };
        let fields = checked_drama(
            draft,
            &show.at,
            ".",
            &[
                ("total_episodes", "aired_episodes"),
                ("external_ids.imdb", "ids.imdb"),
            ],
            &mut self.problems,
        );
        let mut episodes = Vec::with_capacity(show.episodes.len());
        for ((season, number), episode) in show.episodes {
            let notes = EpisodeNotes {
                title: episode.title,
                rating: episode.rating.map(|(_, r)| r),
                ..EpisodeNotes::default()
            };
            let (at, season_at) = (episode.at, episode.season_at);
            let name = |field: &str| match field {
                "episode" => format!("{at}.number"),
                "season" => season_at.clone(),
                other => format!("{at}.{other}"),
            };
            if let Some(e) = checked_episode(
                season,
                number,
                notes,
                episode.watched,
                &name,
                &mut self.problems,
            ) {
                episodes.push(e);
            }
        }
        let key = best_key(ids, show.show.title.as_deref(), show.show.year);
        let created_at = show.first.unwrap_or(UNDATED);
        Some(ValidDrama {
            id: drama_id(&key),
            id_given: false,
            fields: fields?,
            created_at,
            updated_at: show.last.unwrap_or(created_at),
            episodes,
            scenes: Vec::new(),
        })
    }
}

pub(super) fn title_key(title: Option<&str>, year: Option<i32>) -> String {
    format!(
        "title:{}:{}",
        title.unwrap_or("").trim().to_lowercase(),
        year.unwrap_or(0)
    )
}

/// The key a show's drama id is named by: its Trakt id, else TMDB, IMDb,
/// slug, else its title and year.
fn best_key(ids: &Ids, title: Option<&str>, year: Option<i32>) -> String {
    if let Some(v) = ids.trakt {
        format!("trakt:{v}")
    } else if let Some(v) = ids.tmdb {
        format!("tmdb:{v}")
    } else if let Some(v) = ids.imdb.as_deref().filter(|v| !v.is_empty()) {
        format!("imdb:{v}")
    } else if let Some(v) = ids.slug.as_deref().filter(|v| !v.is_empty()) {
        format!("trakt-slug:{v}")
    } else {
        title_key(title, year)
    }
}
