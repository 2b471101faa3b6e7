//! The store's shortcuts for the statistics (all time, it reads episodes
//! only in the dramas that can hold a top one, and counts tags on their
//! index) checked against the same figures counted the slow, obvious way
//! from the library's export, every rule of the issue written again in a
//! few loops: on a generated library (dramas over six years, rewatches,
//! thousands of scenes), and at the edge of the shortcut.
#![allow(clippy::unwrap_used)]

mod common;

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use common::*;
use drakor_core::{
    DayCount, DramaScenes, DramaV1, EpisodeScenes, ExportFilter, LibraryFile, MonthStats,
    NetworkDramas, PersonScenes, Stats, Status, TagScenes,
};
use drakor_testkit::generate;
use serde_json::json;

fn seoul() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap()
}

fn local(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&seoul()).date_naive()
}

/// The most common runtime of a drama's episodes, the shorter of a tie.
fn usual(drama: &DramaV1) -> Option<u32> {
    let mut seen: BTreeMap<u32, u32> = BTreeMap::new();
    for runtime in drama.episodes.iter().filter_map(|e| e.runtime_min) {
        *seen.entry(runtime).or_default() += 1;
    }
    let most = *seen.values().max()?;
    seen.into_iter().find(|&(_, n)| n == most).map(|(r, _)| r)
}

fn ranked<T>(counts: HashMap<String, u32>, make: impl Fn(String, u32) -> T) -> Vec<T> {
    let mut all: Vec<(String, u32)> = counts.into_iter().collect();
    all.sort_by_key(|(name, n)| (Reverse(*n), name.clone()));
    all.into_iter().take(10).map(|(k, n)| make(k, n)).collect()
}

/// Every figure of `year` (or all time), counted from the export.
fn by_hand(file: &LibraryFile, year: Option<i32>) -> Stats {
    let in_period = |at: DateTime<Utc>| year.is_none_or(|y| local(at).year() == y);
    let mut s = Stats {
        year,
        episodes_watched: 0,
        minutes_watched: 0,
        minutes_estimated_episodes: 0,
        rewatches: 0,
        dramas_started: 0,
        dramas_completed: 0,
        dramas_dropped: 0,
        scenes_bookmarked: 0,
        by_month: year.map(|_| {
            (1..=12)
                .map(|month| MonthStats {
                    month,
                    episodes: 0,
                    minutes: 0,
                })
                .collect()
        }),
        by_day: Vec::new(),
        busiest_day: None,
        longest_streak_days: 0,
        top_tags: Vec::new(),
        top_people: Vec::new(),
        top_networks: Vec::new(),
        most_scenes_dramas: Vec::new(),
        most_scenes_episodes: Vec::new(),
    };
    let mut days: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let (mut tags, mut people, mut networks) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut dramas = Vec::new();
    let mut episodes = Vec::new();
    for d in &file.dramas {
        let mut watched_in_period = false;
        let all: Vec<DateTime<Utc>> = d
            .episodes
            .iter()
            .flat_map(|e| e.watched_at.clone())
            .collect();
        for e in &d.episodes {
            let mut times = e.watched_at.clone();
            times.sort();
            for (i, &at) in times.iter().enumerate().filter(|&(_, &at)| in_period(at)) {
                let minutes = e.runtime_min.or(usual(d)).unwrap_or(60);
                watched_in_period = true;
                s.episodes_watched += 1;
                s.minutes_watched += u64::from(minutes);
                s.minutes_estimated_episodes += u32::from(e.runtime_min.is_none());
                s.rewatches += u32::from(i > 0);
                *days.entry(local(at)).or_default() += 1;
                if let Some(months) = s.by_month.as_mut() {
                    months[local(at).month0() as usize].episodes += 1;
                    months[local(at).month0() as usize].minutes += u64::from(minutes);
                }
            }
        }
        s.dramas_started += u32::from(all.iter().min().is_some_and(|&at| in_period(at)));
        let finished_in = |y: i32| d.finished_on.is_some_and(|f| f.year() == y);
        s.dramas_completed +=
            u32::from(d.status == Status::Completed && year.is_none_or(finished_in));
        let last = all.iter().max().copied().or(d.updated_at).unwrap();
        s.dramas_dropped += u32::from(d.status == Status::Dropped && in_period(last));
        if let (true, Some(network)) = (watched_in_period, &d.network) {
            *networks.entry(network.clone()).or_default() += 1;
        }
        let id = d.id.unwrap();
        let mut per_episode: BTreeMap<(u32, u32), u32> = BTreeMap::new();
        for scene in d
            .scenes
            .iter()
            .filter(|sc| in_period(sc.created_at.unwrap()))
        {
            s.scenes_bookmarked += 1;
            *per_episode
                .entry((scene.season, scene.episode))
                .or_default() += 1;
            for tag in &scene.tags {
                *tags.entry(tag.clone()).or_default() += 1;
            }
            for name in &scene.people {
                *people.entry(name.clone()).or_default() += 1;
            }
        }
        let total: u32 = per_episode.values().sum();
        if total > 0 {
            dramas.push((total, d.title.clone(), id));
        }
        for ((season, episode), n) in per_episode {
            episodes.push((n, d.title.clone(), id, season, episode));
        }
    }
    s.by_day = days
        .into_iter()
        .map(|(date, episodes)| DayCount { date, episodes })
        .collect();
    s.busiest_day = s
        .by_day
        .iter()
        .copied()
        .fold(None, |best: Option<DayCount>, d| {
            Some(best.filter(|b| b.episodes >= d.episodes).unwrap_or(d))
        });
    let mut run = 0;
    for (i, d) in s.by_day.iter().enumerate() {
        let follows = i > 0 && s.by_day[i - 1].date.succ_opt() == Some(d.date);
        run = if follows { run + 1 } else { 1 };
        s.longest_streak_days = s.longest_streak_days.max(run);
    }
    s.top_tags = ranked(tags, |tag, scenes| TagScenes { tag, scenes });
    s.top_people = ranked(people, |name, scenes| PersonScenes { name, scenes });
    s.top_networks = ranked(networks, |network, dramas| NetworkDramas {
        network,
        dramas,
    });
    dramas.sort_by_key(|(n, title, id)| (Reverse(*n), title.to_lowercase(), title.clone(), *id));
    s.most_scenes_dramas = dramas
        .into_iter()
        .take(5)
        .map(|(scenes, title, drama_id)| DramaScenes {
            drama_id,
            title,
            scenes,
        })
        .collect();
    episodes.sort_by_key(|(n, title, id, season, episode)| {
        (
            Reverse(*n),
            title.to_lowercase(),
            title.clone(),
            *id,
            *season,
            *episode,
        )
    });
    s.most_scenes_episodes = episodes
        .into_iter()
        .take(5)
        .map(|(scenes, title, drama_id, season, episode)| EpisodeScenes {
            drama_id,
            title,
            season,
            episode,
            scenes,
        })
        .collect();
    s
}

#[test]
fn every_figure_of_a_generated_library_matches_a_count_by_hand() {
    let base = at("2026-01-01T00:00:00Z");
    let file = generate::library(&generate::Spec::new(80, 4_000, 11), base).unwrap();
    let (_dir, mut lib) = temp_library();
    lib.import_json(&serde_json::to_string(&file).unwrap(), now(), false)
        .unwrap();
    let stored = lib.export(&ExportFilter::default(), now()).unwrap();
    for year in [None, Some(2025), Some(2023), Some(2019), Some(2030)] {
        let stats = lib.stats(year, &seoul()).unwrap();
        assert_eq!(stats, by_hand(&stored, year), "{year:?}");
    }
    let all = lib.stats(None, &seoul()).unwrap();
    assert!(
        all.rewatches > 0 && all.dramas_dropped > 0 && all.most_scenes_episodes.len() == 5,
        "the generated library has something of everything: {all:?}"
    );
}

#[test]
fn an_episode_tied_with_the_last_of_the_top_five_still_makes_it_by_its_title() {
    let scene = |episode: u32| {
        json!({ "season": 1, "episode": episode, "start": "01:00", "title": format!("E{episode}"),
                "created_at": "2025-06-01T00:00:00Z", "updated_at": "2025-06-01T00:00:00Z" })
    };
    // Zeta's five episodes fill the list with one scene each; Alpha, with
    // a single scene, has no more than the last of them, and comes first
    // by title.
    let file = json!({ "format": "drakor", "version": 1, "dramas": [
        { "title": "Zeta", "scenes": (1..=5).map(scene).collect::<Vec<_>>() },
        { "title": "Alpha", "scenes": [scene(1)] },
    ]});
    let (_dir, mut lib) = temp_library();
    lib.import_json(&file.to_string(), now(), false).unwrap();
    let all = lib.stats(None, &seoul()).unwrap();
    let shown: Vec<(String, u32)> = all
        .most_scenes_episodes
        .iter()
        .map(|e| (e.title.clone(), e.episode))
        .collect();
    let zeta = |e: u32| ("Zeta".to_owned(), e);
    assert_eq!(
        shown,
        vec![("Alpha".to_owned(), 1), zeta(1), zeta(2), zeta(3), zeta(4)]
    );
    let stored = lib.export(&ExportFilter::default(), now()).unwrap();
    assert_eq!(all, by_hand(&stored, None));
    assert_eq!(
        lib.stats(Some(2025), &seoul()).unwrap(),
        by_hand(&stored, Some(2025))
    );
}
