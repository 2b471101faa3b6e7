//! Statistics and the year in review, on a small library built by hand so
//! every figure can be worked out on paper (`common::year_in_seoul`, whose
//! comments give each instant's day in Seoul, +09:00, the zone the figures
//! are in).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{FixedOffset, NaiveDate, Utc};
use common::year_in_seoul::library;
use common::*;
use drakor_core::{DayCount, Library, MonthStats, Stats};
use serde_json::{Value, json};

fn seoul() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap()
}

fn day(text: &str, episodes: u32) -> DayCount {
    DayCount {
        date: NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap(),
        episodes,
    }
}

fn names<T>(items: &[T], name: impl Fn(&T) -> (String, u32)) -> Vec<(String, u32)> {
    items.iter().map(name).collect()
}

fn pairs(expected: &[(&str, u32)]) -> Vec<(String, u32)> {
    expected.iter().map(|&(n, c)| (n.to_owned(), c)).collect()
}

fn stats_of(lib: &Library, year: Option<i32>) -> Stats {
    lib.stats(year, &seoul()).unwrap()
}

#[test]
fn a_year_counts_its_watches_minutes_and_rewatches_in_local_time() {
    let (_dir, lib) = library();
    let s = stats_of(&lib, Some(2026));
    assert_eq!(s.year, Some(2026));
    assert_eq!(s.episodes_watched, 10, "specials count too");
    // Goblin 70+70+70, Liberation 75+65+65+65, Reply 60+60, Heaven 50.
    assert_eq!(s.minutes_watched, 650);
    assert_eq!(s.minutes_estimated_episodes, 5);
    assert_eq!(
        s.rewatches, 2,
        "Goblin E1, first seen in 2025, and Liberation E3"
    );
    assert_eq!(
        s.dramas_started, 3,
        "Liberation, Reply and Heaven; Goblin began in 2025"
    );
    assert_eq!(s.dramas_completed, 1, "Goblin, finished 2026-01-02");
    assert_eq!(
        s.dramas_dropped, 2,
        "Reply by its last watch, Signal by its last change"
    );
}

#[test]
fn a_watch_just_after_midnight_in_seoul_belongs_to_the_new_year_there() {
    let (_dir, lib) = library();
    let in_seoul = stats_of(&lib, Some(2026));
    assert_eq!(in_seoul.by_day.first(), Some(&day("2026-01-01", 1)));
    let in_2025 = stats_of(&lib, Some(2025));
    assert_eq!(in_2025.by_day.last(), Some(&day("2025-12-31", 1)));
    assert_eq!(in_2025.episodes_watched, 4);

    let in_utc = lib.stats(Some(2025), &Utc).unwrap();
    assert_eq!(
        in_utc.episodes_watched, 5,
        "in UTC, Goblin E2 was still watched in 2025"
    );
    assert_eq!(in_utc.by_day.last(), Some(&day("2025-12-31", 2)));
}

#[test]
fn months_days_the_busiest_day_and_the_longest_streak_are_local() {
    let (_dir, lib) = library();
    let s = stats_of(&lib, Some(2026));
    let months = s.by_month.clone().unwrap();
    assert_eq!(months.len(), 12);
    let month = |m: u32, episodes, minutes| MonthStats {
        month: m,
        episodes,
        minutes,
    };
    assert_eq!(months[0], month(1, 4, 285));
    assert_eq!(months[1], month(2, 3, 195));
    assert_eq!(months[2], month(3, 2, 120));
    assert_eq!(months[3], month(4, 0, 0));
    assert_eq!(months[11], month(12, 1, 50));
    assert_eq!(
        s.by_day,
        vec![
            day("2026-01-01", 1),
            day("2026-01-02", 1),
            day("2026-01-10", 1),
            day("2026-01-31", 1),
            day("2026-02-01", 2),
            day("2026-02-02", 1),
            day("2026-03-05", 2),
            day("2026-12-31", 1),
        ]
    );
    assert_eq!(
        s.busiest_day,
        Some(day("2026-02-01", 2)),
        "the earlier of two equal days"
    );
    assert_eq!(
        s.longest_streak_days, 3,
        "January 31 to February 2; the run from December 30 stops at the year"
    );
}

#[test]
fn all_time_counts_everything_and_has_no_months() {
    let (_dir, lib) = library();
    let s = stats_of(&lib, None);
    assert_eq!(s.year, None);
    assert!(s.by_month.is_none());
    assert_eq!(s.episodes_watched, 15);
    assert_eq!(s.minutes_watched, 650 + 310 + 50);
    assert_eq!(s.minutes_estimated_episodes, 5);
    assert_eq!(s.rewatches, 2);
    assert_eq!(s.dramas_started, 5, "every drama with a watch");
    assert_eq!(s.dramas_completed, 2);
    assert_eq!(s.dramas_dropped, 3);
    assert_eq!(s.scenes_bookmarked, 6);
    assert_eq!(
        s.longest_streak_days, 4,
        "2025-12-30 to 2026-01-02, across New Year"
    );
    assert_eq!(s.by_day.len(), 13);
    assert_eq!(s.by_day.last(), Some(&day("2027-01-01", 1)));
}

#[test]
fn tags_people_and_networks_are_ranked_most_first_then_by_name() {
    let (_dir, lib) = library();
    let s = stats_of(&lib, Some(2026));
    assert_eq!(
        s.scenes_bookmarked, 5,
        "one of Goblin's was in 2025 in Seoul"
    );
    assert_eq!(
        names(&s.top_tags, |t| (t.tag.clone(), t.scenes)),
        pairs(&[("kiss", 3), ("rain", 2), ("confession", 1)])
    );
    assert_eq!(
        names(&s.top_people, |p| (p.name.clone(), p.scenes)),
        pairs(&[
            ("Gong Yoo", 2),
            ("Kim Ji-won", 2),
            ("Hyun Bin", 1),
            ("Kim Go-eun", 1),
            ("Son Seok-koo", 1),
        ])
    );
    assert_eq!(
        names(&s.top_networks, |n| (n.network.clone(), n.dramas)),
        pairs(&[("tvN", 2), ("JTBC", 1), ("Netflix", 1)]),
        "Goblin and Reply on tvN; dramas not watched in 2026 do not count"
    );
    let in_2025 = stats_of(&lib, Some(2025));
    assert_eq!(
        names(&in_2025.top_networks, |n| (n.network.clone(), n.dramas)),
        pairs(&[("Netflix", 1), ("tvN", 1)])
    );
    assert_eq!(
        names(&in_2025.top_tags, |t| (t.tag.clone(), t.scenes)),
        pairs(&[("sad", 1)])
    );
}

#[test]
fn the_dramas_and_episodes_with_most_scenes_tie_by_title() {
    let (_dir, lib) = library();
    let s = stats_of(&lib, Some(2026));
    assert_eq!(
        names(&s.most_scenes_dramas, |d| (d.title.clone(), d.scenes)),
        pairs(&[
            ("Goblin", 2),
            ("My Liberation Notes", 2),
            ("Crash Landing on You", 1)
        ])
    );
    let episodes: Vec<(String, u32, u32, u32)> = s
        .most_scenes_episodes
        .iter()
        .map(|e| (e.title.clone(), e.season, e.episode, e.scenes))
        .collect();
    let expected = [
        ("Goblin", 1, 1, 2),
        ("Crash Landing on You", 1, 1, 1),
        ("My Liberation Notes", 1, 2, 1),
        ("My Liberation Notes", 1, 3, 1),
    ];
    assert_eq!(
        episodes,
        expected
            .iter()
            .map(|&(t, s, e, n)| (t.to_owned(), s, e, n))
            .collect::<Vec<_>>()
    );
    let goblin = lib.find_drama("Goblin").unwrap();
    assert_eq!(s.most_scenes_dramas[0].drama_id, goblin);
}

#[test]
fn the_json_has_the_keys_the_app_reads_and_dates_as_text() {
    let (_dir, lib) = library();
    let year = serde_json::to_value(stats_of(&lib, Some(2026))).unwrap();
    for key in [
        "year",
        "episodes_watched",
        "minutes_watched",
        "minutes_estimated_episodes",
        "rewatches",
        "dramas_started",
        "dramas_completed",
        "dramas_dropped",
        "scenes_bookmarked",
        "by_month",
        "by_day",
        "busiest_day",
        "longest_streak_days",
        "top_tags",
        "top_people",
        "top_networks",
        "most_scenes_dramas",
        "most_scenes_episodes",
    ] {
        assert!(year.get(key).is_some(), "{key} missing from {year}");
    }
    assert_eq!(
        year["busiest_day"],
        json!({ "date": "2026-02-01", "episodes": 2 })
    );
    assert_eq!(
        year["by_month"][0],
        json!({ "month": 1, "episodes": 4, "minutes": 285 })
    );
    assert_eq!(year["most_scenes_episodes"][0]["episode"], 1);
    let all = serde_json::to_value(stats_of(&lib, None)).unwrap();
    assert_eq!(all["year"], Value::Null);
    assert!(all.get("by_month").is_none(), "no months for all time");
}

#[test]
fn an_empty_library_gives_zeros_and_empty_lists() {
    let (_dir, lib) = temp_library();
    for year in [None, Some(2026)] {
        let s = stats_of(&lib, year);
        assert_eq!(
            (s.episodes_watched, s.minutes_watched, s.rewatches),
            (0, 0, 0)
        );
        assert_eq!((s.dramas_started, s.scenes_bookmarked), (0, 0));
        assert!(s.by_day.is_empty() && s.top_tags.is_empty() && s.most_scenes_dramas.is_empty());
        assert_eq!((s.busiest_day, s.longest_streak_days), (None, 0));
    }
    let months = stats_of(&lib, Some(2026)).by_month.unwrap();
    assert!(months.iter().all(|m| m.episodes == 0 && m.minutes == 0));
}

#[test]
fn a_year_outside_1900_to_2100_is_refused_by_name() {
    let (_dir, lib) = temp_library();
    let err = lib.stats(Some(1800), &seoul()).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().starts_with("year: "), "{err}");
}
