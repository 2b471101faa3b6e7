//! Importing Trakt's `watched-shows.json` (the shape of its
//! `/sync/watched/shows`): on its own, under any name, in an export folder
//! or ZIP with or without `watched-history.json`, and twice.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use common::interop::*;
use common::*;
use drakor_core::{DramaDetail, Format, Status, interop::UNDATED};
use serde_json::{Value, json};

/// The fixture folder holding `watched-shows.json` and a
/// `watched-history.json` that lists some of the same episodes.
fn watched_shows_folder() -> PathBuf {
    fixture("trakt-watched-shows")
}

fn watched_shows_text() -> String {
    std::fs::read_to_string(watched_shows_folder().join("watched-shows.json")).unwrap()
}

fn watched_at(detail: &DramaDetail, season: u32, number: u32) -> Vec<DateTime<Utc>> {
    detail
        .episodes
        .iter()
        .find(|e| (e.season, e.number) == (season, number))
        .unwrap_or_else(|| panic!("S{season}E{number} of {}", detail.drama.fields.title))
        .watched_at
        .clone()
}

#[test]
fn a_watched_shows_file_imports_every_play_of_every_episode() {
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &watched_shows_folder().join("watched-shows.json"));
    assert_eq!(report.format, Format::Trakt);
    let s = report.summary;
    assert_eq!(
        (s.dramas_added, s.episodes_added, s.watch_events_added),
        (2, 6, 9),
        "Hospital Playlist's 4 episodes with 5 plays, Reply 1988's 2 with 4"
    );
    assert_eq!(
        report
            .skipped
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["1 movie (Drakor keeps series, not films)"]
    );

    let playlist = detail(&lib, "Hospital Playlist");
    assert_eq!(
        watched_at(&playlist, 1, 1),
        vec![UNDATED, at("2025-03-01T13:00:00Z")],
        "the earlier of two plays at the fixed undated instant, the last at its time"
    );
    assert_eq!(
        watched_at(&playlist, 1, 2),
        vec![at("2025-02-02T13:00:00Z")]
    );
    assert_eq!(
        watched_at(&playlist, 0, 1),
        vec![at("2025-03-04T14:00:00Z")],
        "the special is kept"
    );
    let f = &playlist.drama.fields;
    assert_eq!(
        (
            f.external_ids.trakt,
            f.external_ids.tmdb,
            f.external_ids.imdb.as_deref()
        ),
        (Some(150_001), Some(96001), Some("tt9000001"))
    );
    assert_eq!(
        f.started_on.unwrap().to_string(),
        "2025-02-02",
        "a play without a known time dates no start"
    );
    assert_eq!(f.status, Status::Watching, "the file has no episode count");
    assert_eq!(playlist.progress.watched, 3, "the special aside");

    let reply = detail(&lib, "Reply 1988");
    assert_eq!(
        watched_at(&reply, 1, 2),
        vec![UNDATED, at("2025-04-11T20:00:00Z")]
    );
    assert!(
        lib.find_drama("Decision to Leave").is_err(),
        "the movie is not a drama"
    );
}

#[test]
fn a_watched_shows_file_under_another_name_is_told_by_its_shape() {
    let (_lib_dir, mut lib) = temp_library();
    let text = watched_shows_text();
    let report = lib
        .import_bytes(
            "my-trakt-backup.json",
            text.as_bytes(),
            Format::Auto,
            now(),
            false,
        )
        .unwrap();
    assert_eq!(report.format, Format::Trakt);
    assert_eq!(report.summary.watch_events_added, 9, "{report}");
}

#[test]
fn a_folder_or_zip_with_watched_shows_and_no_history_imports() {
    let files = [("watched-shows.json", watched_shows_text())];
    let folder = folder_with(&files);
    let (_a, mut from_folder) = temp_library();
    let report = import(&mut from_folder, folder.path());
    assert_eq!(report.summary.watch_events_added, 9, "{report}");

    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("trakt-export.zip");
    std::fs::write(&zip_path, zip_of(&files)).unwrap();
    let (_b, mut from_zip) = temp_library();
    import(&mut from_zip, &zip_path);
    assert_eq!(content(&from_zip), content(&from_folder));
}

#[test]
fn the_history_s_exact_times_win_over_watched_shows_plays() {
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &watched_shows_folder());
    assert_eq!(
        report.summary.watch_events_added, 9,
        "no watch counted twice from the two files: {report}"
    );
    let playlist = detail(&lib, "Hospital Playlist");
    assert_eq!(
        watched_at(&playlist, 1, 1),
        vec![at("2025-01-01T13:00:00Z"), at("2025-03-01T13:00:00Z")],
        "both plays at the history's times, none undated"
    );
    assert_eq!(
        watched_at(&playlist, 1, 2),
        vec![at("2025-02-02T13:00:00Z")]
    );
    assert_eq!(
        watched_at(&playlist, 1, 3),
        vec![at("2025-02-03T13:00:00Z")],
        "an episode the history lacks comes from watched-shows"
    );
    assert_eq!(
        watched_at(&playlist, 0, 1),
        vec![at("2025-03-04T14:00:00Z")]
    );
    let f = &playlist.drama.fields;
    assert_eq!(
        f.status,
        Status::Completed,
        "the history's aired_episodes: 3"
    );
    assert_eq!(f.started_on.unwrap().to_string(), "2025-01-01");
    assert_eq!(f.finished_on.unwrap().to_string(), "2025-03-04");
    assert_eq!(watches(&detail(&lib, "Reply 1988")), 4);
}

#[test]
fn importing_watched_shows_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("trakt.zip");
    let history =
        std::fs::read_to_string(watched_shows_folder().join("watched-history.json")).unwrap();
    std::fs::write(
        &zip_path,
        zip_of(&[
            ("watched-shows.json", watched_shows_text()),
            ("watched-history.json", history),
        ]),
    )
    .unwrap();
    for path in [
        watched_shows_folder().join("watched-shows.json"),
        watched_shows_folder(),
        zip_path,
    ] {
        let (_lib_dir, mut lib) = temp_library();
        import(&mut lib, &path);
        let after_first = content(&lib);
        let second = import(&mut lib, &path);
        assert!(
            !second.summary.changed_anything(),
            "{}: {second}",
            path.display()
        );
        assert_eq!(content(&lib), after_first, "{}", path.display());
    }
}

#[test]
fn a_bad_watched_shows_entry_is_named_by_its_json_path_and_nothing_is_written() {
    let (_lib_dir, mut lib) = temp_library();
    let show = show("Hospital Playlist", Some(2020), Some(1), None);
    let entry = |seasons: Value| {
        json!([{ "plays": 1, "last_watched_at": "2025-01-01T00:00:00.000Z", "show": show,
                 "seasons": seasons }])
        .to_string()
    };
    let cases = [
        (
            entry(json!([{ "episodes": [{ "number": 1, "plays": 1 }] }])),
            "watched-shows.json[0].seasons[0].number: missing; every season needs a number",
        ),
        (
            entry(json!([{ "number": 1, "episodes": [{ "number": 1, "plays": "twice" }] }])),
            "watched-shows.json[0].seasons[0].episodes[0].plays: found text \"twice\"",
        ),
        (
            entry(json!([{ "number": 1, "episodes": [{ "number": 1, "plays": 5000 }] }])),
            "watched-shows.json[0].seasons[0].episodes[0].plays: 5000 plays of one episode",
        ),
        (
            entry(json!([{ "number": 1, "episodes": [{ "number": 0, "plays": 1 }] }])),
            "watched-shows.json[0].seasons[0].episodes[0].number: must be a positive number",
        ),
        (
            entry(json!([{ "number": 101, "episodes": [{ "number": 1, "plays": 1 }] }])),
            "watched-shows.json[0].seasons[0].number: 101 is not a season",
        ),
    ];
    for (text, expected) in cases {
        let dir = folder_with(&[("watched-shows.json", text)]);
        let message = refused(&mut lib, dir.path(), Format::Trakt);
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message}"
        );
        assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
    }
}
