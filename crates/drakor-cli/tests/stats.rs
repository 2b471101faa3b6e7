//! `drakor stats`: the year in review in the user's local time (`TZ`), as
//! text and as JSON.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TempLibrary, expect_failure};
use serde_json::{Value, json};

/// A library of two dramas around New Year 2026; instants are UTC, the
/// comments give the day in Seoul (+09:00).
fn library() -> TempLibrary {
    let lib = TempLibrary::new();
    let episode = |number: u32, runtime: Option<u32>, watched: &[&str]| json!({ "number": number, "runtime_min": runtime, "watched_at": watched });
    let file = json!({ "format": "drakor", "version": 1, "dramas": [
        { "title": "Goblin", "network": "tvN", "status": "completed", "finished_on": "2026-01-02",
          "episodes": [
              // 2026-01-01 01:30 in Seoul, still 2025-12-31 in UTC.
              episode(1, Some(70), &["2025-12-31T16:30:00Z"]),
              // 2026-01-02, and a rewatch on 2026-03-10.
              episode(2, Some(70), &["2026-01-02T12:00:00Z", "2026-03-10T12:00:00Z"]),
              // 2026-03-11, no runtime: Goblin's usual, 70.
              episode(3, None, &["2026-03-11T12:00:00Z"]),
          ] },
        { "title": "My Liberation Notes", "network": "JTBC", "status": "watching",
          "episodes": [
              // 2025-12-31 23:00 in Seoul; no runtimes at all: 60 each.
              episode(1, None, &["2025-12-31T14:00:00Z"]),
              episode(2, None, &["2026-02-01T12:00:00Z"]),
          ],
          "scenes": [{ "episode": 2, "start": "12:00", "title": "Worship", "tags": ["kiss"],
                       "people": ["Kim Ji-won"], "created_at": "2026-02-01T13:00:00Z",
                       "updated_at": "2026-02-01T13:00:00Z" }] },
    ]});
    let path = lib.path("library.json");
    std::fs::write(&path, file.to_string()).unwrap();
    lib.run(&["import", path.to_str().unwrap()]);
    lib
}

/// `drakor ARGS` with the clock of `zone`; must succeed.
fn run_in(lib: &TempLibrary, zone: &str, args: &[&str]) -> String {
    let output = lib.cmd().env("TZ", zone).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "drakor {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json_in(lib: &TempLibrary, zone: &str, args: &[&str]) -> Value {
    serde_json::from_str(&run_in(lib, zone, args)).unwrap()
}

#[test]
fn a_watch_just_after_midnight_on_new_years_day_in_seoul_counts_in_the_new_year() {
    let lib = library();
    let seoul = |year: &str| json_in(&lib, "Asia/Seoul", &["stats", "--year", year, "--json"]);
    let (y2026, y2025) = (seoul("2026"), seoul("2025"));
    assert_eq!(y2026["episodes_watched"], 5);
    assert_eq!(
        y2026["by_day"][0],
        json!({ "date": "2026-01-01", "episodes": 1 })
    );
    assert_eq!(y2025["episodes_watched"], 1, "Liberation E1, at 23:00");
    assert_eq!(y2025["by_day"][0]["date"], "2025-12-31");

    let utc = json_in(&lib, "UTC", &["stats", "--year", "2025", "--json"]);
    assert_eq!(
        utc["episodes_watched"], 2,
        "in UTC, Goblin E1 is still in 2025"
    );
}

#[test]
fn the_json_holds_every_figure_of_the_year() {
    let lib = library();
    let s = json_in(&lib, "Asia/Seoul", &["stats", "--year", "2026", "--json"]);
    let figures = json!({
        "year": 2026, "episodes_watched": 5, "minutes_watched": 340,
        "minutes_estimated_episodes": 2, "rewatches": 1, "dramas_started": 1,
        "dramas_completed": 1, "dramas_dropped": 0, "scenes_bookmarked": 1,
        "busiest_day": { "date": "2026-01-01", "episodes": 1 }, "longest_streak_days": 2,
        "top_tags": [{ "tag": "kiss", "scenes": 1 }],
        "top_people": [{ "name": "Kim Ji-won", "scenes": 1 }],
        "top_networks": [{ "network": "JTBC", "dramas": 1 }, { "network": "tvN", "dramas": 1 }],
    });
    for (key, value) in figures.as_object().unwrap() {
        assert_eq!(&s[key], value, "{key}");
    }
    let months = s["by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[2],
        json!({ "month": 3, "episodes": 2, "minutes": 140 })
    );
    assert_eq!(s["by_day"].as_array().unwrap().len(), 5);
    assert_eq!(s["most_scenes_dramas"][0]["title"], "My Liberation Notes");
    assert_eq!(s["most_scenes_episodes"][0]["episode"], 2);
    for key in ["drama_id", "title", "season", "episode", "scenes"] {
        assert!(s["most_scenes_episodes"][0].get(key).is_some(), "{key}");
    }

    let all = json_in(&lib, "Asia/Seoul", &["stats", "--json"]);
    assert_eq!(all["year"], Value::Null);
    assert_eq!(all["episodes_watched"], 6);
    assert!(all.get("by_month").is_none(), "no months for all time");
}

#[test]
fn the_text_summary_reads_as_a_year_in_review() {
    let lib = library();
    let text = run_in(&lib, "Asia/Seoul", &["stats", "--year", "2026"]);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    assert_eq!(lines[0], "2026 in Drakor", "{text}");
    for wanted in [
        "  Watched         5 episodes, 5.7 h (2 estimated at the drama's usual or 60 min)",
        "  Rewatches       1",
        "  Dramas          1 started, 1 completed, 0 dropped",
        "  Scenes          1 bookmarked",
        "  Busiest day     2026-01-01, 1 episode",
        "  Longest streak  2 days",
        &format!("  Jan     2    2.3 h  {}", "█".repeat(20)),
        &format!("  Feb     1    1.0 h  {}", "█".repeat(10)),
        "  Apr     0",
    ] {
        assert!(lines.contains(&wanted), "{wanted:?} missing from:\n{text}");
    }
    for table in ["TOP TAGS", "TOP PEOPLE", "TOP NETWORKS", "MOST SCENES"] {
        assert!(
            lines.iter().any(|l| l.starts_with(table)),
            "{table}:\n{text}"
        );
    }
    assert!(lines.iter().any(|l| l.starts_with("kiss ")), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("My Liberation Notes E2 ")),
        "{text}"
    );
}

#[test]
fn an_empty_library_has_zeros_for_all_time() {
    let lib = TempLibrary::new();
    let text = run_in(&lib, "Asia/Seoul", &["stats"]);
    assert!(text.starts_with("All time in Drakor\n"), "{text}");
    assert!(
        text.contains("  Watched         0 episodes, 0 min\n"),
        "{text}"
    );
    assert!(!text.contains("Busiest day"), "{text}");
    let s = json_in(&lib, "Asia/Seoul", &["stats", "--json"]);
    assert_eq!(s["by_day"], json!([]));
    assert_eq!(s["busiest_day"], Value::Null);
}

#[test]
fn a_year_outside_1900_to_2100_is_refused_by_its_flag() {
    let lib = TempLibrary::new();
    for year in ["1899", "2101", "next"] {
        let args = ["stats", "--year", year];
        let output = lib.cmd().args(args).output().unwrap();
        let stderr = expect_failure(&output, 2, &args);
        assert!(stderr.contains("--year"), "{stderr}");
    }
}
