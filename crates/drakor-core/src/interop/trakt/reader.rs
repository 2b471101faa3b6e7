//! Reading the entries of the export's files into shows, matched by their
//! ids across files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::drama::title_key;
use super::entries::{Episode, Ids, Listed, Rated, Show, ShowWatched, Watched};
use super::files::{File, Kind};
use super::watched_shows::Played;
use crate::error::Problems;
use crate::interop::common::{self, Skips, halves, kind_of, list_at, ms, parse_at};

/// A show as the files tell it so far.
#[derive(Debug)]
pub(super) struct ShowSoFar {
    /// Where it first appeared, for problems (`watched-history.json[0].show`).
    pub(super) at: String,
    pub(super) show: Show,
    pub(super) ids: Ids,
    pub(super) episodes: BTreeMap<(u32, u32), EpisodeSoFar>,
    /// The latest rating, with when it was given.
    pub(super) rating: Option<(Option<DateTime<Utc>>, f64)>,
    pub(super) listed: bool,
    pub(super) notes: Vec<String>,
    pub(super) first: Option<DateTime<Utc>>,
    pub(super) last: Option<DateTime<Utc>>,
}

#[derive(Debug, Default)]
pub(super) struct EpisodeSoFar {
    /// Where it first appeared (`watched-history.json[3].episode`).
    pub(super) at: String,
    /// Where its season number is (`watched-history.json[3].episode.season`).
    pub(super) season_at: String,
    pub(super) title: Option<String>,
    pub(super) rating: Option<(Option<DateTime<Utc>>, f64)>,
    /// Its watches with their times, from the history.
    pub(super) watched: BTreeSet<DateTime<Utc>>,
    /// How often it was played, from `watched-shows.json`.
    pub(super) played: Option<Played>,
}

impl ShowSoFar {
    pub(super) fn saw(&mut self, at: Option<DateTime<Utc>>) {
        if let Some(at) = at {
            self.first = Some(self.first.map_or(at, |f| f.min(at)));
            self.last = Some(self.last.map_or(at, |l| l.max(at)));
        }
    }

    /// The episode, added when new; `at` is where it first appeared,
    /// `season_at` where its season number is.
    pub(super) fn episode(
        &mut self,
        (season, number): (u32, u32),
        at: &str,
        season_at: &str,
    ) -> &mut EpisodeSoFar {
        self.episodes
            .entry((season, number))
            .or_insert_with(|| EpisodeSoFar {
                at: at.to_owned(),
                season_at: season_at.to_owned(),
                ..EpisodeSoFar::default()
            })
    }
}

#[derive(Debug, Default)]
pub(super) struct Reader {
    pub(super) shows: Vec<ShowSoFar>,
    /// Every key a show is known by (`trakt:1`, `tmdb:2`), to its place.
    pub(super) keys: HashMap<String, usize>,
    pub(super) movies: HashSet<String>,
    pub(super) skips: Skips,
    pub(super) problems: Problems,
}

impl Reader {
    pub(super) fn file(&mut self, file: File) {
        let text = match common::text_of(&file.bytes) {
            Ok(text) => text,
            Err(why) => return self.problems.push(&file.name, why),
        };
        let items = match common::parse_json(text)
            .map_err(|why| Problems::one(&file.name, why))
            .and_then(|v| list_at(v, &file.name, "entries"))
        {
            Ok(items) => items,
            Err(p) => return self.problems.extend_prefixed("", p),
        };
        for (i, item) in items.into_iter().enumerate() {
            self.entry(file.kind, item, &format!("{}[{i}]", file.name));
        }
    }

    fn entry(&mut self, kind: Kind, value: Value, at: &str) {
        let Value::Object(object) = &value else {
            return self.problems.push(
                at,
                format!("expected an entry (an object), found {}", kind_of(&value)),
            );
        };
        let has = |key: &str| object.get(key).is_some_and(|v| !v.is_null());
        let of_type = match object.get("type").and_then(Value::as_str) {
            Some(t) => t.to_owned(),
            None if has("movie") => "movie".into(),
            None if has("episode") => "episode".into(),
            None if has("season") => "season".into(),
            None if has("show") => "show".into(),
            None => String::new(),
        };
        match (kind, of_type.as_str()) {
            (_, "movie") => self.movie(object.get("movie")),
            (Kind::History, "episode") => {
                if let Some(w) = parse_at::<Watched>(value, at, &mut self.problems) {
                    self.watched(w, at);
                }
            }
            (Kind::Shows, "show") => {
                if let Some(w) = parse_at::<ShowWatched>(value, at, &mut self.problems) {
                    self.shown(w, at);
                }
            }
            (Kind::Ratings, "show" | "episode") => {
                if let Some(r) = parse_at::<Rated>(value, at, &mut self.problems) {
                    self.rated(r, at);
                }
            }
            (Kind::Ratings, "season") => self.skips.add(
                "season rating",
                "season ratings",
                "Drakor rates dramas and episodes",
            ),
            (Kind::Watchlist, "show" | "season" | "episode") => {
                if let Some(l) = parse_at::<Listed>(value, at, &mut self.problems) {
                    self.listed(l, at);
                }
            }
            _ => self.skips.add(
                "entry of another kind",
                "entries of other kinds",
                "neither a show nor an episode",
            ),
        }
    }

    fn movie(&mut self, movie: Option<&Value>) {
        let key = movie.map_or_else(String::new, |m| {
            match m.pointer("/ids/trakt").and_then(Value::as_u64) {
                Some(id) => format!("trakt:{id}"),
                None => format!(
                    "{}:{}",
                    m.get("title").and_then(Value::as_str).unwrap_or(""),
                    m.get("year").and_then(Value::as_i64).unwrap_or(0)
                ),
            }
        });
        if self.movies.insert(key) {
            self.skips
                .add("movie", "movies", "Drakor keeps series, not films");
        }
    }

    /// The show's place in `shows`, matched by any of its ids (by title and
    /// year only when it has none), added when new.
    pub(super) fn show(&mut self, show: Show, at: &str) -> usize {
        let ids = show.ids.clone().unwrap_or_default();
        let mut keys = Vec::new();
        if let Some(v) = ids.trakt {
            keys.push(format!("trakt:{v}"));
        }
        if let Some(v) = ids.tmdb {
            keys.push(format!("tmdb:{v}"));
        }
        if let Some(v) = ids.imdb.as_deref().filter(|v| !v.is_empty()) {
            keys.push(format!("imdb:{v}"));
        }
        if let Some(v) = ids.slug.as_deref().filter(|v| !v.is_empty()) {
            keys.push(format!("slug:{v}"));
        }
        if keys.is_empty() {
            keys.push(title_key(show.title.as_deref(), show.year));
        }
        let found = keys.iter().find_map(|k| self.keys.get(k).copied());
        let index = match found {
            Some(index) => {
                let known = &mut self.shows[index];
                let ids_so_far = &mut known.ids;
                ids_so_far.trakt = ids_so_far.trakt.or(ids.trakt);
                ids_so_far.tmdb = ids_so_far.tmdb.or(ids.tmdb);
                ids_so_far.imdb = ids_so_far.imdb.take().or(ids.imdb);
                ids_so_far.slug = ids_so_far.slug.take().or(ids.slug);
                if known
                    .show
                    .title
                    .as_deref()
                    .is_none_or(|t| t.trim().is_empty())
                {
                    known.show.title = show.title;
                }
                known.show.year = known.show.year.or(show.year);
                if let Some(aired) = show.aired_episodes {
                    known.show.aired_episodes =
                        Some(known.show.aired_episodes.map_or(aired, |a| a.max(aired)));
                }
                index
            }
            None => {
                self.shows.push(ShowSoFar {
                    at: format!("{at}.show"),
                    show,
                    ids,
                    episodes: BTreeMap::new(),
                    rating: None,
                    listed: false,
                    notes: Vec::new(),
                    first: None,
                    last: None,
                });
                self.shows.len() - 1
            }
        };
        for key in keys {
            self.keys.entry(key).or_insert(index);
        }
        index
    }

    /// The episode's season and number, or a problem naming the field.
    fn episode_ref(&mut self, episode: &Episode, at: &str) -> Option<(u32, u32)> {
        match episode.number {
            Some(number) => Some((episode.season.unwrap_or(1), number)),
            None => {
                self.problems.push(
                    format!("{at}.episode.number"),
                    "missing; every episode needs a number",
                );
                None
            }
        }
    }

    fn watched(&mut self, entry: Watched, at: &str) {
        let Some((season, number)) = self.episode_ref(&entry.episode, at) else {
            return;
        };
        let when = ms(entry.watched_at);
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(Some(when));
        let episode = show.episode(
            (season, number),
            &format!("{at}.episode"),
            &format!("{at}.episode.season"),
        );
        episode.watched.insert(when);
        if episode.title.is_none() {
            episode.title = entry.episode.title;
        }
    }

    fn rated(&mut self, entry: Rated, at: &str) {
        if !(1.0..=10.0).contains(&entry.rating) {
            return self.problems.push(
                format!("{at}.rating"),
                format!("{} is not a Trakt rating (1–10)", entry.rating),
            );
        }
        let when = entry.rated_at.map(ms);
        let rating = (when, halves(entry.rating));
        let newer = |old: &Option<(Option<DateTime<Utc>>, f64)>| {
            old.is_none_or(|(old_when, _)| when >= old_when)
        };
        let place = match &entry.episode {
            Some(episode) => match self.episode_ref(episode, at) {
                Some(place) => Some(place),
                None => return,
            },
            None => None,
        };
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(when);
        match place {
            Some((season, number)) => {
                let episode = show.episode(
                    (season, number),
                    &format!("{at}.episode"),
                    &format!("{at}.episode.season"),
                );
                if newer(&episode.rating) {
                    episode.rating = Some(rating);
                }
            }
            None if newer(&show.rating) => show.rating = Some(rating),
            None => {}
        }
    }

    fn listed(&mut self, entry: Listed, at: &str) {
        let index = self.show(entry.show, at);
        let show = &mut self.shows[index];
        show.saw(entry.listed_at.map(ms));
        show.listed = true;
        if let Some(notes) = entry.notes.map(|n| n.trim().to_owned())
            && !notes.is_empty()
            && !show.notes.contains(&notes)
        {
            show.notes.push(notes);
        }
    }
}
