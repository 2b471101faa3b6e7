//! The counting behind [`Stats`], from the rows the store reads: every
//! watch ever (a rewatch, or a drama's first watch, is only known against
//! the whole history), every drama, and the period's scenes counted by
//! episode, tag and person.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, TimeZone};
use uuid::Uuid;

use super::rank::{most, top};
use super::{
    DEFAULT_RUNTIME_MIN, DayCount, DramaScenes, EpisodeScenes, NetworkDramas, Period, PersonScenes,
    Stats, TOP, TagScenes, local_day,
};
use crate::drama::Status;

/// One watch event with what its minutes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WatchRow {
    pub drama_pk: i64,
    pub episode_pk: i64,
    /// Unix ms.
    pub at: i64,
    /// The episode's own runtime.
    pub runtime: Option<u32>,
}

/// What a drama brings to the figures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DramaRow {
    pub id: Uuid,
    pub title: String,
    pub network: Option<String>,
    pub status: Status,
    pub finished_on: Option<NaiveDate>,
    /// Unix ms.
    pub updated_at: i64,
}

/// The period's scenes, counted by the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SceneCounts {
    /// Scenes in all.
    pub total: u32,
    /// Each drama with scenes, and how many.
    pub dramas: Vec<(i64, u32)>,
    /// `(drama pk, season, episode)` and its scenes: at least every episode
    /// that can make the top list (the store may leave out the rest).
    pub episodes: Vec<((i64, u32, u32), u32)>,
    /// Each tag and the scenes carrying it.
    pub tags: Vec<(String, u32)>,
    /// Each person and the scenes they are in.
    pub people: Vec<(String, u32)>,
}

/// The figures of `period` in `zone`.
///
/// `watches` must come in episode order and, within an episode, oldest
/// first: a watch is a rewatch when the row before it is of the same
/// episode. `usual` holds the usual runtime of (at least) every drama with
/// a watch in the period that lacks a runtime of its own.
pub(crate) fn compute<Tz: TimeZone>(
    period: &Period,
    zone: &Tz,
    watches: &[WatchRow],
    dramas: &HashMap<i64, DramaRow>,
    usual: &HashMap<i64, u32>,
    scenes: SceneCounts,
) -> Stats {
    let mut stats = Stats::empty(period.year);
    let mut spans: HashMap<i64, Span> = HashMap::new();
    let mut days: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    // Rows come by episode, and a drama's episodes mostly one after
    // another: its span is kept at hand and put in the map when the drama
    // changes, not looked up for every watch.
    let mut run: Option<(i64, Span)> = None;
    let mut previous_episode = None;
    for w in watches {
        let rewatch = previous_episode == Some(w.episode_pk);
        previous_episode = Some(w.episode_pk);
        let in_period = period.contains(w.at);
        match &mut run {
            Some((drama, span)) if *drama == w.drama_pk => span.add(w.at, in_period),
            _ => {
                if let Some((drama, span)) = run.take() {
                    spans.entry(drama).or_default().merge(span);
                }
                run = Some((w.drama_pk, Span::of(w.at, in_period)));
            }
        }
        if !in_period {
            continue;
        }
        let Some(day) = local_day(w.at, zone) else {
            continue;
        };
        let minutes = match (w.runtime, usual.get(&w.drama_pk)) {
            (Some(own), _) => own,
            (None, usual) => {
                stats.minutes_estimated_episodes += 1;
                usual.copied().unwrap_or(DEFAULT_RUNTIME_MIN)
            }
        };
        stats.episodes_watched += 1;
        stats.minutes_watched += u64::from(minutes);
        stats.rewatches += u32::from(rewatch);
        *days.entry(day).or_default() += 1;
        if let Some(month) = stats
            .by_month
            .as_mut()
            .and_then(|months| months.get_mut(day.month0() as usize))
        {
            month.episodes += 1;
            month.minutes += u64::from(minutes);
        }
    }
    if let Some((drama, span)) = run {
        spans.entry(drama).or_default().merge(span);
    }
    stats.dramas_started = count(spans.values().filter(|s| period.contains(s.first)));
    for (pk, drama) in dramas {
        match drama.status {
            Status::Completed
                if period
                    .year
                    .is_none_or(|year| drama.finished_on.is_some_and(|d| d.year() == year)) =>
            {
                stats.dramas_completed += 1;
            }
            // Dropped when last watched; never watched, when last changed.
            Status::Dropped
                if period.contains(spans.get(pk).map_or(drama.updated_at, |s| s.last)) =>
            {
                stats.dramas_dropped += 1;
            }
            _ => {}
        }
    }
    let mut networks: HashMap<String, u32> = HashMap::new();
    for network in spans
        .iter()
        .filter(|(_, span)| span.in_period)
        .filter_map(|(pk, _)| dramas.get(pk)?.network.as_deref())
    {
        *networks.entry(network.to_owned()).or_default() += 1;
    }
    stats.top_networks = top(networks.into_iter().collect(), TOP, |network, dramas| {
        NetworkDramas { network, dramas }
    });
    stats.by_day = days
        .into_iter()
        .map(|(date, episodes)| DayCount { date, episodes })
        .collect();
    stats.busiest_day = busiest(&stats.by_day);
    stats.longest_streak_days = longest_streak(&stats.by_day);
    add_scenes(&mut stats, dramas, scenes);
    stats
}

/// The first and last watch of a drama, and whether it was watched in the
/// period.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: i64,
    last: i64,
    in_period: bool,
}

impl Default for Span {
    fn default() -> Self {
        Span {
            first: i64::MAX,
            last: i64::MIN,
            in_period: false,
        }
    }
}

impl Span {
    fn of(at: i64, in_period: bool) -> Self {
        Span {
            first: at,
            last: at,
            in_period,
        }
    }

    fn add(&mut self, at: i64, in_period: bool) {
        self.merge(Span::of(at, in_period));
    }

    fn merge(&mut self, other: Span) {
        self.first = self.first.min(other.first);
        self.last = self.last.max(other.last);
        self.in_period |= other.in_period;
    }
}

fn add_scenes(stats: &mut Stats, dramas: &HashMap<i64, DramaRow>, scenes: SceneCounts) {
    stats.scenes_bookmarked = scenes.total;
    let named = |pk: i64| dramas.get(&pk).map(|d| (d.id, d.title.as_str()));
    let per_drama = scenes
        .dramas
        .iter()
        .filter_map(|&(pk, n)| named(pk).map(|(id, title)| (n, title, id, (0, 0))))
        .collect();
    stats.most_scenes_dramas = most(per_drama)
        .into_iter()
        .map(|(scenes, title, drama_id, _)| DramaScenes {
            drama_id,
            title: title.to_owned(),
            scenes,
        })
        .collect();
    let per_episode = scenes
        .episodes
        .iter()
        .filter_map(|&((pk, season, episode), n)| {
            named(pk).map(|(id, title)| (n, title, id, (season, episode)))
        })
        .collect();
    stats.most_scenes_episodes = most(per_episode)
        .into_iter()
        .map(
            |(scenes, title, drama_id, (season, episode))| EpisodeScenes {
                drama_id,
                title: title.to_owned(),
                season,
                episode,
                scenes,
            },
        )
        .collect();
    stats.top_tags = top(scenes.tags, TOP, |tag, scenes| TagScenes { tag, scenes });
    stats.top_people = top(scenes.people, TOP, |name, scenes| PersonScenes {
        name,
        scenes,
    });
}

/// The most common of a drama's episode runtimes (70-minute episodes and a
/// 90-minute finale make a 70-minute drama); of equally common ones, the
/// shortest, so an estimate errs short rather than long.
pub(crate) fn usual_runtime(runtimes: impl IntoIterator<Item = u32>) -> Option<u32> {
    let mut seen: BTreeMap<u32, u32> = BTreeMap::new();
    for runtime in runtimes {
        *seen.entry(runtime).or_default() += 1;
    }
    // `max_by_key` keeps the last of equals; walking down keeps the smallest.
    seen.into_iter()
        .rev()
        .max_by_key(|&(_, n)| n)
        .map(|(runtime, _)| runtime)
}

/// The day with the most watches; of equal days, the earliest.
fn busiest(days: &[DayCount]) -> Option<DayCount> {
    days.iter().rev().max_by_key(|d| d.episodes).copied()
}

/// The longest run of consecutive days in `days` (in order).
fn longest_streak(days: &[DayCount]) -> u32 {
    let (mut longest, mut run) = (0, 0);
    let mut previous: Option<NaiveDate> = None;
    for day in days {
        run = if previous.and_then(|p| p.succ_opt()) == Some(day.date) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        previous = Some(day.date);
    }
    longest
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_runtime_is_the_most_common_and_the_shorter_of_a_tie() {
        assert_eq!(usual_runtime([70, 70, 90]), Some(70));
        assert_eq!(usual_runtime([90, 60, 60, 90]), Some(60));
        assert_eq!(usual_runtime([]), None);
    }

    #[test]
    fn a_streak_runs_across_a_month_boundary() {
        let day = |m, d| DayCount {
            date: NaiveDate::from_ymd_opt(2026, m, d).expect("a date"),
            episodes: 1,
        };
        let days = [day(1, 30), day(1, 31), day(2, 1), day(2, 3)];
        assert_eq!(longest_streak(&days), 3);
        assert_eq!(longest_streak(&[]), 0);
        assert_eq!(busiest(&days), Some(day(1, 30)), "the earliest of equals");
    }
}
