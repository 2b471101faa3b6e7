//! Yamtrack's CSV export: a header row, then one row per tracked item,
//! every value quoted. Columns are found by name (exports of different
//! Yamtrack versions order and name them differently; only `media_type`
//! and `title` must be there), and columns not named here (`repeats`,
//! `created_at`, `progressed_at`, …) are left unread.
//!
//! - A `tv` row is a drama: `title`, `score` (0–10, rounded to the nearest
//!   half), `status`, `start_date`/`end_date` as the started and finished
//!   dates, `notes`, and with `source` `tmdb` the TMDB id (`media_id`).
//!   Yamtrack keeps no episode count: a completed show's `progress` (the
//!   episodes watched) becomes its total.
//! - An `episode` row (`season_number`, `episode_number`) is one watch,
//!   dated by its `end_date`, or by its `watch_date` where older Yamtrack
//!   versions wrote the date. When a row has both and they differ,
//!   `end_date` wins (it is the column current Yamtrack writes, so a file
//!   that imported before imports the same). A row with neither gets
//!   [`super::UNDATED`]. Episode rows join the `tv` row with the same
//!   `source` and `media_id`.
//! - Rows of any other media type (movie, anime, manga, game, book, season,
//!   …) are skipped and counted; `season` rows repeat what the episode rows
//!   say.
//!
//! Statuses: Completed → completed, In progress → watching, Planning →
//! plan_to_watch, Paused → on_hold, Dropped → dropped, Repeating →
//! watching. A drama's `updated_at` is the latest `progress_changed` (or
//! date) of its rows, so the same export twice changes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use csv::StringRecord;

use super::common::{
    self, Skips, UNDATED, checked_drama, checked_episode, drama_id, halves, instant,
};
use super::{Format, Parsed};
use crate::drama::{DramaDraft, ExternalIds, Status};
use crate::episode::EpisodeNotes;
use crate::error::Problems;
use crate::merge::{ValidDrama, ValidLibrary};

const STATUSES: &str = "Completed, In progress, Planning, Paused, Dropped or Repeating";

/// Reads a Yamtrack CSV export.
pub fn read_bytes(bytes: &[u8]) -> Result<Parsed, Problems> {
    let text = common::text_of(bytes).map_err(|why| Problems::one("", why))?;
    read_csv(text)
}

/// Reads Yamtrack CSV text.
pub fn read_csv(text: &str) -> Result<Parsed, Problems> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut columns: HashMap<String, usize> = HashMap::new();
    match reader.headers() {
        // The first column of a name counts when a name is repeated.
        Ok(header) => {
            for (i, name) in header.iter().enumerate() {
                columns.entry(name.trim().to_ascii_lowercase()).or_insert(i);
            }
        }
        Err(e) => return Err(Problems::one("row 1", format!("cannot be read: {e}"))),
    }
    for needed in ["media_type", "title"] {
        if !columns.contains_key(needed) {
            return Err(Problems::one(
                "row 1",
                format!("has no {needed} column; is this a Yamtrack CSV export?"),
            ));
        }
    }
    let mut reader_state = Reader {
        columns,
        ..Reader::default()
    };
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        match record {
            Ok(record) => reader_state.row(row, &record),
            Err(e) => reader_state
                .problems
                .push(format!("row {row}"), format!("cannot be read: {e}")),
        }
    }
    reader_state.finish()
}

/// A `tv` row's fields.
#[derive(Debug, Default)]
struct Series {
    row: usize,
    title: String,
    status: Option<Status>,
    rating: Option<f64>,
    started_on: Option<NaiveDate>,
    finished_on: Option<NaiveDate>,
    /// Episodes watched, per the `progress` column.
    progress: Option<u32>,
    notes: String,
}

#[derive(Debug, Default)]
struct EpisodeSoFar {
    row: usize,
    rating: Option<f64>,
    watched: BTreeSet<DateTime<Utc>>,
}

/// One show: its `tv` row and its episode rows.
#[derive(Debug, Default)]
struct Show {
    first_row: usize,
    title: String,
    source: String,
    media_id: String,
    series: Option<Series>,
    episodes: BTreeMap<(u32, u32), EpisodeSoFar>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
}

impl Show {
    fn saw(&mut self, at: Option<DateTime<Utc>>) {
        if let Some(at) = at.filter(|&at| at != UNDATED) {
            self.first = Some(self.first.map_or(at, |f| f.min(at)));
            self.last = Some(self.last.map_or(at, |l| l.max(at)));
        }
    }
}

#[derive(Debug, Default)]
struct Reader {
    columns: HashMap<String, usize>,
    shows: Vec<Show>,
    keys: HashMap<String, usize>,
    skips: Skips,
    problems: Problems,
}

impl Reader {
    fn get<'r>(&self, record: &'r StringRecord, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| record.get(i))
            .unwrap_or("")
    }

    fn row(&mut self, row: usize, record: &StringRecord) {
        let media_type = self.get(record, "media_type").to_ascii_lowercase();
        match media_type.as_str() {
            "tv" => self.series(row, record),
            "episode" => self.episode(row, record),
            "" => self
                .problems
                .push(format!("row {row}, media_type"), "missing"),
            "season" => self.skips.add(
                "season row",
                "season rows",
                "seasons are read from their episode rows",
            ),
            other => self.skips.add(
                &format!("{other} row"),
                &format!("{other} rows"),
                "Drakor reads tv and episode rows only",
            ),
        }
    }

    /// The show a row belongs to: by source and media id, else by title.
    fn show(&mut self, row: usize, record: &StringRecord) -> usize {
        let title = self.get(record, "title").to_owned();
        let source = self.get(record, "source").to_ascii_lowercase();
        let media_id = self.get(record, "media_id").to_owned();
        let key = if media_id.is_empty() {
            format!("title:{}", title.to_lowercase())
        } else {
            format!("{source}:{media_id}")
        };
        if let Some(&index) = self.keys.get(&key) {
            return index;
        }
        self.shows.push(Show {
            first_row: row,
            title,
            source,
            media_id,
            ..Show::default()
        });
        self.keys.insert(key, self.shows.len() - 1);
        self.shows.len() - 1
    }

    fn series(&mut self, row: usize, record: &StringRecord) {
        let status = self.status(row, self.get(record, "status"));
        let rating = self.score(row, self.get(record, "score"));
        let started = self.date(row, record, "start_date");
        let finished = self.date(row, record, "end_date");
        let changed = self.date(row, record, "progress_changed");
        let series = Series {
            row,
            title: self.get(record, "title").to_owned(),
            status,
            rating,
            started_on: started.map(|at| at.date_naive()),
            finished_on: finished.map(|at| at.date_naive()),
            progress: self.get(record, "progress").parse().ok(),
            notes: self.get(record, "notes").to_owned(),
        };
        let index = self.show(row, record);
        let show = &mut self.shows[index];
        for at in [started, finished, changed] {
            show.saw(at);
        }
        show.series = Some(series);
    }

    fn episode(&mut self, row: usize, record: &StringRecord) {
        let season = match self.get(record, "season_number") {
            "" => Some(1),
            text => self.number(row, "season_number", text),
        };
        let number = match self.get(record, "episode_number") {
            "" => {
                self.problems.push(
                    format!("row {row}, episode_number"),
                    "missing; an episode row needs its number",
                );
                None
            }
            text => self.number(row, "episode_number", text),
        };
        let watched = self
            .watch_date(row, record)
            .or_else(|| self.date(row, record, "start_date"));
        let rating = self.score(row, self.get(record, "score"));
        let changed = self.date(row, record, "progress_changed");
        let (Some(season), Some(number)) = (season, number) else {
            return;
        };
        let index = self.show(row, record);
        let show = &mut self.shows[index];
        show.saw(watched);
        show.saw(changed);
        let episode = show
            .episodes
            .entry((season, number))
            .or_insert_with(|| EpisodeSoFar {
                row,
                ..EpisodeSoFar::default()
            });
        episode.watched.insert(watched.unwrap_or(UNDATED));
        episode.rating = rating.or(episode.rating);
    }

    /// When an episode row says it was watched: its `end_date`, else its
    /// `watch_date` (the column older Yamtrack versions wrote it in). Both
    /// are checked; when both are set and differ, `end_date` wins, as it is
    /// the column current Yamtrack writes.
    fn watch_date(&mut self, row: usize, record: &StringRecord) -> Option<DateTime<Utc>> {
        let end = self.date(row, record, "end_date");
        let watch = self.date(row, record, "watch_date");
        end.or(watch)
    }

    fn number(&mut self, row: usize, column: &str, text: &str) -> Option<u32> {
        text.parse()
            .map_err(|_| {
                self.problems.push(
                    format!("row {row}, {column}"),
                    format!("{text:?} is not a whole number"),
                )
            })
            .ok()
    }

    fn date(&mut self, row: usize, record: &StringRecord, column: &str) -> Option<DateTime<Utc>> {
        let text = self.get(record, column);
        if text.is_empty() {
            return None;
        }
        let at = instant(text);
        if at.is_none() {
            self.problems.push(
                format!("row {row}, {column}"),
                format!("{text:?} is not a date (expected YYYY-MM-DD)"),
            );
        }
        at
    }

    fn score(&mut self, row: usize, text: &str) -> Option<f64> {
        if text.is_empty() {
            return None;
        }
        match text.parse::<f64>() {
            Ok(score) if (0.0..=10.0).contains(&score) => Some(halves(score)),
            _ => {
                self.problems.push(
                    format!("row {row}, score"),
                    format!("{text:?} is not a score from 0 to 10"),
                );
                None
            }
        }
    }

    fn status(&mut self, row: usize, text: &str) -> Option<Status> {
        let status = match text.trim().to_ascii_lowercase().as_str() {
            "" => return None,
            "completed" => Status::Completed,
            "in progress" | "in_progress" | "watching" | "repeating" => Status::Watching,
            "planning" | "planned" => Status::PlanToWatch,
            "paused" => Status::OnHold,
            "dropped" => Status::Dropped,
            other => match Status::parse(other) {
                Some(status) => status,
                None => {
                    self.problems.push(
                        format!("row {row}, status"),
                        format!("{text:?} is not a Yamtrack status ({STATUSES})"),
                    );
                    return None;
                }
            },
        };
        Some(status)
    }

    fn finish(mut self) -> Result<Parsed, Problems> {
        let shows = std::mem::take(&mut self.shows);
        let dramas = shows
            .into_iter()
            .filter_map(|show| self.drama(show))
            .collect();
        let Reader {
            skips, problems, ..
        } = self;
        problems.into_result(Parsed {
            format: Format::Yamtrack,
            library: ValidLibrary {
                dramas,
                lists: Vec::new(),
                people: Vec::new(),
            },
            skipped: skips.into_list(),
        })
    }

    fn drama(&mut self, show: Show) -> Option<ValidDrama> {
        let tmdb = (show.source == "tmdb")
            .then(|| show.media_id.parse::<u64>().ok())
            .flatten();
        let series = show.series.unwrap_or_default();
        let status = series.status.unwrap_or(if show.episodes.is_empty() {
            Status::PlanToWatch
        } else {
            Status::Watching
        });
        let title = if series.title.is_empty() {
            show.title.clone()
        } else {
            series.title
        };
        // Yamtrack has no episode count; a completed show's progress is one.
        let total = series
            .progress
            .filter(|&n| status == Status::Completed && (1..=5_000).contains(&n));
        let draft = DramaDraft {
            title: title.clone(),
            total_episodes: total,
            status,
            rating: series.rating,
            started_on: series.started_on,
            finished_on: series.finished_on,
            notes: series.notes,
            external_ids: ExternalIds {
                tmdb,
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        };
        let row = if series.row > 0 {
            series.row
        } else {
            show.first_row
        };
        let fields = checked_drama(
            draft,
            &format!("row {row}"),
            ", ",
            &[
                ("rating", "score"),
                ("started_on", "start_date"),
                ("finished_on", "end_date"),
            ],
            &mut self.problems,
        );
        let mut episodes = Vec::with_capacity(show.episodes.len());
        for ((season, number), episode) in show.episodes {
            let row = episode.row;
            let name = |field: &str| {
                let column = match field {
                    "season" => "season_number",
                    "episode" => "episode_number",
                    "rating" => "score",
                    other => other,
                };
                format!("row {row}, {column}")
            };
            let notes = EpisodeNotes {
                rating: episode.rating,
                ..EpisodeNotes::default()
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
        let key = match (tmdb, show.media_id.is_empty()) {
            (Some(id), _) => format!("tmdb:{id}"),
            (None, false) => format!("yamtrack:{}:{}", show.source, show.media_id),
            (None, true) => format!("title:{}:0", title.trim().to_lowercase()),
        };
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
