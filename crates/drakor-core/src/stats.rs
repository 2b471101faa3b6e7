//! Statistics and the year in review: what was watched and bookmarked in a
//! year (or in all), by month and by day, with the dramas, tags, people and
//! networks that stood out.
//!
//! Watches and scenes are stored as UTC instants; every day, month and year
//! here is the user's local one, in the zone the caller passes, because a
//! watch at 00:30 on New Year's Day in Seoul belongs to the new year there,
//! whatever UTC says. The store reads the rows ([`crate::store`]'s `stats`);
//! the counting is here, in plain Rust, so it can be read and tested apart.

mod rank;
mod tally;

use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};

pub(crate) use tally::{DramaRow, SceneCounts, WatchRow, compute, usual_runtime};

/// The runtime taken for a watched episode when neither it nor any other
/// episode of its drama has one: about a K-drama episode's length.
pub const DEFAULT_RUNTIME_MIN: u32 = 60;

/// How many tags, people and networks the top lists hold.
pub const TOP: usize = 10;

/// How many dramas and episodes the "most scenes" lists hold.
pub const TOP_SCENES: usize = 5;

/// A year (or all time) in figures. Counts of watches count every watch
/// event: an episode seen twice counts twice, specials included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The year, or `None` for all time.
    pub year: Option<i32>,
    /// Watches in the period, regular episodes and specials alike.
    pub episodes_watched: u32,
    /// The runtime of every watch added up. Episodes without a runtime of
    /// their own count at their drama's usual runtime, else
    /// [`DEFAULT_RUNTIME_MIN`]: see `minutes_estimated_episodes`.
    pub minutes_watched: u64,
    /// How many of the watches were counted at an estimated runtime rather
    /// than the episode's own, so the total can be shown for what it is.
    pub minutes_estimated_episodes: u32,
    /// Watches of an episode watched before, even in an earlier period.
    pub rewatches: u32,
    /// Dramas whose first watch ever falls in the period.
    pub dramas_started: u32,
    /// Completed dramas finished in the period (all time: every completed one).
    pub dramas_completed: u32,
    /// Dropped dramas whose last watch falls in the period, or, never
    /// watched, whose last change does (all time: every dropped one).
    pub dramas_dropped: u32,
    /// Scenes bookmarked (created) in the period.
    pub scenes_bookmarked: u32,
    /// The twelve months of the year; left out for all time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_month: Option<Vec<MonthStats>>,
    /// Every day with at least one watch, in order: the activity calendar.
    pub by_day: Vec<DayCount>,
    /// The day with the most watches (the earliest of equals).
    pub busiest_day: Option<DayCount>,
    /// The longest run of consecutive days with a watch, in the period.
    pub longest_streak_days: u32,
    /// Tags of the scenes bookmarked in the period, most used first.
    pub top_tags: Vec<TagScenes>,
    /// People in the scenes bookmarked in the period, most seen first.
    pub top_people: Vec<PersonScenes>,
    /// Networks of the dramas watched in the period, by how many dramas.
    pub top_networks: Vec<NetworkDramas>,
    /// The dramas with the most scenes bookmarked in the period.
    pub most_scenes_dramas: Vec<DramaScenes>,
    /// The episodes with the most scenes bookmarked in the period.
    pub most_scenes_episodes: Vec<EpisodeScenes>,
}

impl Stats {
    /// The figures of a period with nothing in it.
    pub(crate) fn empty(year: Option<i32>) -> Stats {
        let by_month = year.map(|_| {
            (1..=12)
                .map(|month| MonthStats {
                    month,
                    episodes: 0,
                    minutes: 0,
                })
                .collect()
        });
        Stats {
            year,
            episodes_watched: 0,
            minutes_watched: 0,
            minutes_estimated_episodes: 0,
            rewatches: 0,
            dramas_started: 0,
            dramas_completed: 0,
            dramas_dropped: 0,
            scenes_bookmarked: 0,
            by_month,
            by_day: Vec::new(),
            busiest_day: None,
            longest_streak_days: 0,
            top_tags: Vec::new(),
            top_people: Vec::new(),
            top_networks: Vec::new(),
            most_scenes_dramas: Vec::new(),
            most_scenes_episodes: Vec::new(),
        }
    }
}

/// One month of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthStats {
    /// 1 for January.
    pub month: u32,
    pub episodes: u32,
    pub minutes: u64,
}

/// Watches on one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// `YYYY-MM-DD` in JSON.
    pub date: NaiveDate,
    pub episodes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagScenes {
    pub tag: String,
    pub scenes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonScenes {
    pub name: String,
    pub scenes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkDramas {
    pub network: String,
    pub dramas: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DramaScenes {
    pub drama_id: Uuid,
    pub title: String,
    pub scenes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeScenes {
    pub drama_id: Uuid,
    pub title: String,
    pub season: u32,
    pub episode: u32,
    pub scenes: u32,
}

/// The instants a period covers, `start..end` in Unix ms (UTC), so the
/// store can pick its rows with plain comparisons, and the local year
/// they make up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub year: Option<i32>,
    pub start: i64,
    pub end: i64,
}

impl Period {
    /// One local year in `zone` (refused outside 1900–2100, the years a
    /// drama may carry), or all time.
    pub fn new<Tz: TimeZone>(year: Option<i32>, zone: &Tz) -> Result<Self> {
        let Some(year) = year else {
            return Ok(Period {
                year: None,
                start: i64::MIN,
                end: i64::MAX,
            });
        };
        let new_year = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
        let (Some(first), Some(next), true) = (
            new_year(year),
            new_year(year + 1),
            (1900..=2100).contains(&year),
        ) else {
            return Err(Error::invalid(
                "year",
                format!("{year} is not a year between 1900 and 2100"),
            ));
        };
        Ok(Period {
            year: Some(year),
            start: start_of_day(zone, first),
            end: start_of_day(zone, next),
        })
    }

    pub fn contains(&self, ms: i64) -> bool {
        (self.start..self.end).contains(&ms)
    }
}

/// The first instant of a local day: its midnight, or, where a clock
/// change skips midnight, the first quarter hour that exists (a whole day
/// skipped, as Samoa's in 2011, starts where the next one does).
fn start_of_day<Tz: TimeZone>(zone: &Tz, day: NaiveDate) -> i64 {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    (0..2 * 24 * 4)
        .find_map(|quarter| {
            let local = midnight + Duration::minutes(15 * quarter);
            zone.from_local_datetime(&local).earliest()
        })
        .map_or(midnight.and_utc().timestamp_millis(), |t| {
            t.timestamp_millis()
        })
}

/// The local day of an instant (Unix ms) in `zone`.
pub(crate) fn local_day<Tz: TimeZone>(ms: i64, zone: &Tz) -> Option<NaiveDate> {
    DateTime::from_timestamp_millis(ms).map(|t| t.with_timezone(zone).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn seoul() -> FixedOffset {
        FixedOffset::east_opt(9 * 3600).expect("a valid offset")
    }

    #[test]
    fn a_year_in_seoul_starts_at_15_00_utc_the_day_before() {
        let period = Period::new(Some(2026), &seoul()).expect("a valid year");
        let start = DateTime::parse_from_rfc3339("2025-12-31T15:00:00Z").expect("an instant");
        assert_eq!(period.start, start.timestamp_millis());
        assert!(period.contains(period.start));
        assert!(!period.contains(period.end));
        assert!(!period.contains(period.start - 1));
    }

    #[test]
    fn years_outside_1900_to_2100_are_refused_by_name() {
        let err = Period::new(Some(1899), &seoul()).expect_err("too early");
        assert!(err.to_string().starts_with("year: 1899"), "{err}");
        assert!(Period::new(Some(2101), &seoul()).is_err());
        assert!(Period::new(Some(2100), &seoul()).is_ok());
    }
}
