//! Importing other trackers' files: Trakt (ZIP, folder, single file),
//! Yamtrack CSV and Watcharr JSON, on the shared samples and on files made
//! here with the awkward cases real exports have.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::interop::*;
use common::*;
use drakor_core::{DramaDraft, Error, ExportFilter, Format, Library, Status, interop::UNDATED};
use serde_json::{Value, json};

// --- Trakt ---------------------------------------------------------------

#[test]
fn the_trakt_sample_folder_imports_shows_with_watches_ratings_and_the_watchlist() {
    let (_dir, mut lib) = temp_library();
    let report = import(&mut lib, &fixture("trakt-export"));
    assert_eq!(report.format, Format::Trakt);
    let s = report.summary;
    assert_eq!(
        (s.dramas_added, s.episodes_added, s.watch_events_added),
        (3, 24, 24),
        "My Mister, Kingdom and Moving; 16 + 8 watched episodes"
    );
    assert_eq!(report.skipped.len(), 1, "{report}");
    assert_eq!(
        report.skipped[0].to_string(),
        "1 movie (Drakor keeps series, not films)"
    );

    let mister = detail(&lib, "My Mister");
    let f = &mister.drama.fields;
    assert_eq!(f.status, Status::Completed, "all 16 aired episodes watched");
    assert_eq!(
        (f.year, f.total_episodes, f.rating),
        (Some(2018), Some(16), Some(9.0))
    );
    assert_eq!(f.external_ids.trakt, Some(130_001));
    assert_eq!(f.external_ids.tmdb, Some(76662));
    assert_eq!(f.started_on.unwrap().to_string(), "2025-01-01");
    assert_eq!(f.finished_on.unwrap().to_string(), "2025-01-16");
    assert_eq!(mister.episodes[1].rating, Some(10.0), "the episode rating");
    assert_eq!(mister.progress.watched, 16);

    let kingdom = detail(&lib, "Kingdom");
    assert_eq!(kingdom.drama.fields.status, Status::Watching, "8 of 12");
    assert!(
        kingdom
            .episodes
            .iter()
            .any(|e| (e.season, e.number) == (2, 2)),
        "season 2 is kept"
    );

    let moving = detail(&lib, "Moving");
    assert_eq!(moving.drama.fields.status, Status::PlanToWatch);
    assert_eq!(moving.drama.fields.notes, "start after exams");
    assert_eq!(moving.drama.fields.total_episodes, Some(20));
    assert!(
        lib.find_drama("Parasite").is_err(),
        "the movie is not a drama"
    );
}

#[test]
fn a_trakt_zip_imports_the_same_library_as_its_folder_and_never_reads_personal_files() {
    let (_a, mut from_folder) = temp_library();
    import(&mut from_folder, &fixture("trakt-export"));

    let mut files = trakt_sample_files();
    // Not JSON at all: reading them would refuse the import.
    files.push(("user-profile.json", "{ private".into()));
    files.push(("user-settings.json", "{ private".into()));
    files.push(("watched-movies.json", "not read either".into()));
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("trakt-export.zip");
    std::fs::write(&zip_path, zip_of(&files)).unwrap();
    let (_b, mut from_zip) = temp_library();
    let report = import(&mut from_zip, &zip_path);
    assert_eq!(report.format, Format::Trakt);
    assert!(
        report.to_string().contains("3 other files"),
        "the other files are counted, not read: {report}"
    );
    assert_eq!(content(&from_zip), content(&from_folder));
}

#[test]
fn a_trakt_zip_with_its_files_in_a_folder_inside_reads_the_same() {
    let files: Vec<(String, String)> = trakt_sample_files()
        .into_iter()
        .map(|(name, text)| (format!("trakt-user/{name}"), text))
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("export.zip");
    std::fs::write(&zip_path, zip_of(&files)).unwrap();
    let (_lib_dir, mut lib) = temp_library();
    assert_eq!(import(&mut lib, &zip_path).summary.dramas_added, 3);
}

#[test]
fn split_history_files_are_read_together() {
    let mister = show("My Mister", Some(2018), Some(130_001), Some(16));
    let first: Vec<Value> = (1..=8)
        .map(|n| watch(&mister, 1, n, &format!("2025-01-{n:02}T13:00:00.000Z")))
        .collect();
    let second: Vec<Value> = (9..=16)
        .map(|n| watch(&mister, 1, n, &format!("2025-01-{n:02}T13:00:00.000Z")))
        .collect();
    let dir = folder_with(&[
        ("watched-history-1.json", history(&first)),
        ("watched-history-2.json", history(&second)),
    ]);
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, dir.path());
    assert_eq!(report.summary.watch_events_added, 16);
    let detail = detail(&lib, "My Mister");
    assert_eq!(
        detail.drama.fields.status,
        Status::Completed,
        "both halves count"
    );
}

#[test]
fn a_show_watched_twice_keeps_every_watch_and_counts_one_rewatch() {
    let show = show("Reply 1988", Some(2015), Some(7), Some(3));
    let mut entries = Vec::new();
    for round in ["2024-01", "2025-06"] {
        for n in 1..=3 {
            entries.push(watch(&show, 1, n, &format!("{round}-{n:02}T12:00:00.000Z")));
        }
    }
    let dir = folder_with(&[("watched-history.json", history(&entries))]);
    let (_lib_dir, mut lib) = temp_library();
    assert_eq!(import(&mut lib, dir.path()).summary.watch_events_added, 6);
    let reply = detail(&lib, "Reply 1988");
    assert_eq!(reply.drama.fields.rewatch_count, 1);
    assert!(reply.episodes.iter().all(|e| e.watched_at.len() == 2));
    assert_eq!(
        reply.drama.fields.started_on.unwrap().to_string(),
        "2024-01-01"
    );
}

#[test]
fn season_zero_specials_are_kept_but_do_not_complete_a_show() {
    let show = show("Hospital Playlist", Some(2020), Some(9), Some(2));
    let entries = vec![
        watch(&show, 0, 1, "2024-03-01T12:00:00.000Z"),
        watch(&show, 1, 1, "2024-03-02T12:00:00.000Z"),
    ];
    let dir = folder_with(&[("watched-history.json", history(&entries))]);
    let (_lib_dir, mut lib) = temp_library();
    import(&mut lib, dir.path());
    let playlist = detail(&lib, "Hospital Playlist");
    assert_eq!(
        playlist.drama.fields.status,
        Status::Watching,
        "1 of 2, the special aside"
    );
    assert_eq!(playlist.progress.watched, 1);
    assert!(
        playlist
            .episodes
            .iter()
            .any(|e| (e.season, e.number) == (0, 1))
    );
}

#[test]
fn shows_with_null_ids_import_and_match_again_by_title_and_year() {
    let bare = json!({ "title": "Navillera", "year": 2021, "ids": null, "aired_episodes": null });
    let entries = vec![
        watch(&bare, 1, 1, "2024-05-01T12:00:00.000Z"),
        watch(&bare, 1, 2, "2024-05-02T12:00:00.000Z"),
    ];
    let dir = folder_with(&[("watched-history.json", history(&entries))]);
    let (_lib_dir, mut lib) = temp_library();
    assert_eq!(import(&mut lib, dir.path()).summary.dramas_added, 1);
    let again = import(&mut lib, dir.path());
    assert!(!again.summary.changed_anything(), "{again}");
    let navillera = detail(&lib, "Navillera");
    assert_eq!(navillera.drama.fields.total_episodes, None);
    assert_eq!(navillera.drama.fields.external_ids, Default::default());
}

#[test]
fn hangul_emoji_and_quotes_survive_the_trakt_reader() {
    let title = "나의 아저씨 💚 \"My Mister\"";
    let show = show(title, Some(2018), Some(1), Some(16));
    let listed = json!([{ "rank": 1, "listed_at": "2025-06-01T10:00:00.000Z", "type": "show",
                          "notes": "다시 볼 것 — \"again\", with tissues 🥲", "show": show }]);
    let dir = folder_with(&[("lists-watchlist.json", listed.to_string())]);
    let (_lib_dir, mut lib) = temp_library();
    import(&mut lib, dir.path());
    let drama = detail(&lib, "나의 아저씨");
    assert_eq!(drama.drama.fields.title, title);
    assert_eq!(
        drama.drama.fields.notes,
        "다시 볼 것 — \"again\", with tissues 🥲"
    );
}

#[test]
fn a_single_trakt_history_file_imports_on_its_own() {
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &fixture("trakt-export/watched-history.json"));
    assert_eq!(report.format, Format::Trakt);
    assert_eq!(report.summary.dramas_added, 2, "My Mister and Kingdom");
}

#[test]
fn a_truncated_zip_is_refused_and_writes_nothing() {
    let (_lib_dir, mut lib) = temp_library();
    lib.add_drama(&liberation(), now()).unwrap();
    let before = content(&lib);
    let zip = zip_of(&trakt_sample_files());
    let dir = tempfile::tempdir().unwrap();
    for keep in [zip.len() / 2, zip.len() - 10, 30] {
        let path = dir.path().join("cut.zip");
        std::fs::write(&path, &zip[..keep]).unwrap();
        let message = refused(&mut lib, &path, Format::Auto);
        assert!(
            message.contains("damaged or cut off"),
            "{keep} bytes: {message}"
        );
        assert_eq!(content(&lib), before, "a half-read file writes nothing");
    }
}

#[test]
fn an_object_where_a_list_was_expected_is_named_by_file_and_path() {
    let (_lib_dir, mut lib) = temp_library();
    let mister = show("My Mister", Some(2018), Some(1), Some(16));
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "watched-history.json",
            json!({ "history": [] }).to_string(),
            "watched-history.json: expected a list of entries, found an object",
        ),
        (
            "watched-history.json",
            json!([watch(&mister, 1, 1, "2025-01-01T00:00:00Z"), ["not", "an", "entry"]]).to_string(),
            "watched-history.json[1]: expected an entry (an object), found a list",
        ),
        (
            "watched-history.json",
            json!([{ "watched_at": "2025-01-01T00:00:00Z", "type": "episode",
                     "episode": [1, 2], "show": mister }])
            .to_string(),
            "watched-history.json[0].episode: found a list, expected an object",
        ),
        (
            "ratings-shows.json",
            json!([{ "rated_at": "2025-01-01T00:00:00Z", "rating": 11, "type": "show", "show": mister }])
            .to_string(),
            "ratings-shows.json[0].rating: 11 is not a Trakt rating (1–10)",
        ),
        (
            "watched-history-2.json",
            json!([{ "watched_at": "2025-01-01T00:00:00Z", "type": "episode",
                     "episode": { "season": "one", "number": 1 }, "show": mister }])
            .to_string(),
            "watched-history-2.json[0].episode.season: found text \"one\"",
        ),
        (
            "watched-history.json",
            json!([{ "watched_at": "yesterday", "type": "episode",
                     "episode": { "season": 1, "number": 1 }, "show": mister }])
            .to_string(),
            "watched-history.json[0].watched_at:",
        ),
        (
            "watched-history.json",
            json!([{ "watched_at": "2025-01-01T00:00:00Z", "type": "episode",
                     "episode": { "season": 1, "number": null }, "show": mister }])
            .to_string(),
            "watched-history.json[0].episode.number: missing",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = folder_with(&[(name, text)]);
        let message = refused(&mut lib, dir.path(), Format::Trakt);
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message}"
        );
        assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
    }
}

#[test]
fn a_folder_without_trakt_files_is_refused_with_the_files_it_wants() {
    let dir = folder_with(&[("notes.txt", "hello".into())]);
    let (_lib_dir, mut lib) = temp_library();
    let message = refused(&mut lib, dir.path(), Format::Auto);
    assert!(message.contains("watched-history.json"), "{message}");
}

#[test]
fn a_trakt_import_exported_as_drakor_json_imports_into_an_empty_library_as_the_same_library() {
    let (_a, mut first) = temp_library();
    import(&mut first, &fixture("trakt-export"));
    let exported = content(&first);
    assert!(
        exported.contains("\"trakt\": 130001"),
        "the Trakt id is exported"
    );
    let (_b, mut second) = temp_library();
    second.import_json(&exported, now(), false).unwrap();
    assert_eq!(content(&second), exported);
    let again = second
        .import_path(&fixture("trakt-export"), Format::Auto, now(), false)
        .unwrap();
    assert!(
        !again.summary.changed_anything(),
        "the Trakt export matches what came back by JSON: {again}"
    );
}

// --- Yamtrack --------------------------------------------------------------

#[test]
fn the_yamtrack_sample_imports_series_and_dated_watches_and_counts_what_it_skips() {
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &fixture("yamtrack.csv"));
    assert_eq!(report.format, Format::Yamtrack);
    assert_eq!(
        (
            report.summary.dramas_added,
            report.summary.watch_events_added
        ),
        (2, 18)
    );
    let shown = report.to_string();
    for skipped in ["1 season row", "1 movie row", "1 game row"] {
        assert!(shown.contains(skipped), "{skipped} in {shown}");
    }
    let woo = detail(&lib, "Extraordinary Attorney Woo");
    let f = &woo.drama.fields;
    assert_eq!((f.status, f.rating), (Status::Completed, Some(9.5)));
    assert_eq!(f.external_ids.tmdb, Some(70001));
    assert_eq!(f.total_episodes, Some(16), "a completed show's progress");
    assert_eq!(f.finished_on.unwrap().to_string(), "2024-07-20");
    assert_eq!(
        woo.episodes[0].watched_at,
        vec![at("2024-07-01T00:00:00Z")],
        "dated by end_date"
    );
    let hometown = detail(&lib, "Hometown Cha-Cha-Cha");
    assert_eq!(hometown.drama.fields.status, Status::OnHold, "Paused");
    assert_eq!(watches(&hometown), 2);
}

#[test]
fn yamtrack_episodes_are_dated_by_watch_date_or_end_date_and_unknown_columns_are_ignored() {
    let (_lib_dir, mut lib) = temp_library();
    let path = fixture("yamtrack-watch-date.csv");
    let report = import(&mut lib, &path);
    assert_eq!(report.format, Format::Yamtrack);
    assert_eq!(
        (
            report.summary.dramas_added,
            report.summary.watch_events_added
        ),
        (2, 5)
    );
    assert!(report.to_string().contains("1 movie row"), "{report}");
    let dated = |title: &str| -> Vec<Vec<_>> {
        detail(&lib, title)
            .episodes
            .iter()
            .map(|e| e.watched_at.clone())
            .collect()
    };
    assert_eq!(
        dated("Twenty-Five Twenty-One"),
        vec![
            vec![at("2024-09-01T21:30:00Z")],
            vec![at("2024-09-02T00:00:00Z")],
            vec![at("2024-09-03T00:00:00Z")],
        ],
        "watch_date when end_date is empty; end_date when the two differ"
    );
    assert_eq!(
        dated("Our Beloved Summer"),
        vec![
            vec![at("2024-10-05T00:00:00Z")],
            vec![at("2024-10-06T00:00:00Z")],
        ],
        "end_date alone, and both set to the same day"
    );
    let twenty = detail(&lib, "Twenty-Five Twenty-One");
    assert_eq!(
        (
            twenty.drama.fields.status,
            twenty.drama.fields.external_ids.tmdb
        ),
        (Status::Completed, Some(91001))
    );
    let again = import(&mut lib, &path);
    assert!(!again.summary.changed_anything(), "{again}");
}

#[test]
fn yamtrack_columns_are_found_by_name_in_any_order() {
    let csv = "\"notes\",\"episode_number\",\"title\",\"media_type\",\"season_number\",\"end_date\",\"status\",\"source\",\"media_id\"\n\
               \"좋아요, \"\"정말\"\" 💚\",\"\",\"Move to Heaven\",\"tv\",\"\",\"\",\"In progress\",\"tmdb\",\"9\"\n\
               \"\",\"1\",\"Move to Heaven\",\"episode\",\"1\",\"2021-05-14\",\"\",\"tmdb\",\"9\"\n\
               \"\",\"1\",\"Move to Heaven\",\"episode\",\"0\",\"\",\"\",\"tmdb\",\"9\"\n";
    let dir = folder_with(&[("old-export.csv", csv.into())]);
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &dir.path().join("old-export.csv"));
    assert_eq!(report.format, Format::Yamtrack);
    let heaven = detail(&lib, "Move to Heaven");
    assert_eq!(heaven.drama.fields.status, Status::Watching);
    assert_eq!(heaven.drama.fields.notes, "좋아요, \"정말\" 💚");
    let special = heaven.episodes.iter().find(|e| e.season == 0).unwrap();
    assert_eq!(
        special.watched_at,
        vec![UNDATED],
        "a watch without a date gets the fixed undated instant"
    );
    let again = import(&mut lib, &dir.path().join("old-export.csv"));
    assert!(!again.summary.changed_anything(), "{again}");
}

#[test]
fn every_yamtrack_status_maps_to_a_drakor_status() {
    let mut csv = String::from("\"media_id\",\"source\",\"media_type\",\"title\",\"status\"\n");
    let statuses = [
        ("Completed", Status::Completed),
        ("In progress", Status::Watching),
        ("Planning", Status::PlanToWatch),
        ("Paused", Status::OnHold),
        ("Dropped", Status::Dropped),
        ("Repeating", Status::Watching),
    ];
    for (i, (status, _)) in statuses.iter().enumerate() {
        csv.push_str(&format!(
            "\"{i}\",\"tmdb\",\"tv\",\"Show {i}\",\"{status}\"\n"
        ));
    }
    let dir = folder_with(&[("y.csv", csv)]);
    let (_lib_dir, mut lib) = temp_library();
    import(&mut lib, &dir.path().join("y.csv"));
    for (i, (name, want)) in statuses.iter().enumerate() {
        assert_eq!(
            detail(&lib, &format!("Show {i}")).drama.fields.status,
            *want,
            "{name}"
        );
    }
}

#[test]
fn a_bad_yamtrack_value_is_named_by_row_and_column_and_nothing_is_written() {
    let csv = "\"media_id\",\"source\",\"media_type\",\"title\",\"score\",\"status\",\"season_number\",\"episode_number\",\"end_date\"\n\
               \"1\",\"tmdb\",\"tv\",\"Goblin\",\"11\",\"Binge\",\"\",\"\",\"\"\n\
               \"1\",\"tmdb\",\"episode\",\"Goblin\",\"\",\"\",\"1\",\"x\",\"2024-01-01\"\n\
               \"1\",\"tmdb\",\"episode\",\"Goblin\",\"\",\"\",\"1\",\"2\",\"someday\"\n\
               \"2\",\"tmdb\",\"tv\",\"Fine\",\"8\",\"Completed\",\"\",\"\",\"\"\n";
    let dir = folder_with(&[("bad.csv", csv.into())]);
    let (_lib_dir, mut lib) = temp_library();
    let message = refused(&mut lib, &dir.path().join("bad.csv"), Format::Yamtrack);
    for expected in [
        "row 2, score: \"11\" is not a score from 0 to 10",
        "row 2, status: \"Binge\" is not a Yamtrack status",
        "row 3, episode_number: \"x\" is not a whole number",
        "row 4, end_date: \"someday\" is not a date",
    ] {
        assert!(message.contains(expected), "{expected:?} in {message}");
    }
    assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
}

#[test]
fn a_csv_without_yamtrack_columns_is_refused_when_forced() {
    let dir = folder_with(&[("other.csv", "name,year\nGoblin,2016\n".into())]);
    let (_lib_dir, mut lib) = temp_library();
    let path = dir.path().join("other.csv");
    let unknown = lib
        .import_path(&path, Format::Auto, now(), false)
        .unwrap_err();
    assert_eq!(unknown.code(), "unknown_format", "{unknown}");
    assert!(
        unknown
            .to_string()
            .contains("cannot tell what kind of file")
    );
    assert!(refused(&mut lib, &path, Format::Yamtrack).contains("row 1: has no media_type column"));
}

// --- Watcharr --------------------------------------------------------------

#[test]
fn the_watcharr_sample_imports_its_show_and_skips_the_movie() {
    let (_lib_dir, mut lib) = temp_library();
    let report = import(&mut lib, &fixture("watcharr.json"));
    assert_eq!(report.format, Format::Watcharr);
    assert_eq!(
        report.to_string().lines().nth(1),
        Some("read as a Watcharr export; skipped 1 movie (Drakor keeps series, not films)")
    );
    let samdal = detail(&lib, "Welcome to Samdal-ri");
    let f = &samdal.drama.fields;
    assert_eq!((f.status, f.rating), (Status::Watching, Some(9.0)));
    assert_eq!(
        (f.notes.as_str(), f.tags.clone()),
        ("so cosy", vec!["jeju".to_owned()])
    );
    assert_eq!(
        (f.total_episodes, f.external_ids.tmdb),
        (Some(16), Some(80001))
    );
    assert_eq!(samdal.progress.watched, 4);
    let when: BTreeSet<_> = samdal
        .episodes
        .iter()
        .flat_map(|e| e.watched_at.clone())
        .collect();
    assert_eq!(
        when.into_iter().collect::<Vec<_>>(),
        vec![at("2024-06-08T12:51:09.869Z")],
        "Watcharr has no episode dates: every watch is dated by the entry's createdAt"
    );
}

#[test]
fn watcharr_entries_without_dates_get_the_fixed_undated_instant() {
    let file = json!([{ "status": "FINISHED", "rating": 7, "pinned": true,
        "thoughts": "엔딩 최고 \"best\", really 😭",
        "content": { "tmdbId": 5, "title": "Reply 1988 \"응답하라\"", "type": "tv", "numberOfEpisodes": 2 },
        "watchedEpisodes": [ { "seasonNumber": 1, "episodeNumber": 1, "status": "FINISHED", "rating": 0 },
                             { "seasonNumber": 1, "episodeNumber": 2, "status": "FINISHED", "rating": 8 } ] }]);
    let dir = folder_with(&[("w.json", file.to_string())]);
    let (_lib_dir, mut lib) = temp_library();
    import(&mut lib, &dir.path().join("w.json"));
    let reply = detail(&lib, "Reply 1988");
    assert_eq!(reply.drama.fields.title, "Reply 1988 \"응답하라\"");
    assert_eq!(reply.drama.fields.notes, "엔딩 최고 \"best\", really 😭");
    assert_eq!(reply.drama.fields.tags, vec!["pinned"]);
    assert_eq!(reply.episodes[0].watched_at, vec![UNDATED]);
    assert_eq!(reply.episodes[1].rating, Some(8.0));
    assert_eq!(reply.episodes[0].rating, None, "0 is no rating");
}

#[test]
fn a_bad_watcharr_file_is_named_by_json_path_and_nothing_is_written() {
    let (_lib_dir, mut lib) = temp_library();
    let cases = [
        (json!({ "items": [] }), "expected a list of shows and films"),
        (
            json!([[1, 2]]),
            "[0]: expected an entry (an object), found a list",
        ),
        (
            json!([{ "status": "WATCHING", "content": [1] }]),
            "[0].content: found a list, expected an object",
        ),
        (
            json!([{ "status": "BINGE", "content": { "title": "x", "type": "tv" } }]),
            "[0].status: \"BINGE\" is not a Watcharr status",
        ),
        (
            json!([{ "status": "WATCHING", "rating": 12, "content": { "title": "x", "type": "tv" } }]),
            "[0].rating: 12 is not a Watcharr rating",
        ),
        (
            json!([{ "status": "WATCHING", "content": { "title": "x", "type": "tv" },
                     "watchedEpisodes": [{ "seasonNumber": 1, "episodeNumber": 0 }] }]),
            "[0].watchedEpisodes[0].episodeNumber: must be a positive number",
        ),
    ];
    for (file, expected) in cases {
        let dir = folder_with(&[("w.json", file.to_string())]);
        let message = refused(&mut lib, &dir.path().join("w.json"), Format::Watcharr);
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message}"
        );
    }
    assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
}

// --- Every format ----------------------------------------------------------

#[test]
fn importing_any_format_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("trakt.zip");
    std::fs::write(&zip_path, zip_of(&trakt_sample_files())).unwrap();
    let drakor = dir.path().join("drakor.json");
    std::fs::write(&drakor, sample_text()).unwrap();
    for path in [
        fixture("trakt-export"),
        zip_path,
        fixture("yamtrack.csv"),
        fixture("watcharr.json"),
        drakor,
    ] {
        let (_lib_dir, mut lib) = temp_library();
        let first = import(&mut lib, &path);
        assert!(first.summary.dramas_added > 0, "{}", path.display());
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
fn every_sample_imports_into_one_library_and_a_dry_run_writes_nothing() {
    let (_lib_dir, mut lib) = temp_library();
    for name in ["trakt-export", "yamtrack.csv", "watcharr.json"] {
        let dry = lib
            .import_path(&fixture(name), Format::Auto, now(), true)
            .unwrap();
        assert!(dry.summary.dry_run && dry.summary.dramas_added > 0, "{dry}");
        assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
    }
    for name in ["trakt-export", "yamtrack.csv", "watcharr.json"] {
        import(&mut lib, &fixture(name));
    }
    assert_eq!(lib.list_dramas(&Default::default()).unwrap().len(), 6);
}

#[test]
fn a_format_named_by_hand_must_fit_the_file() {
    let (_lib_dir, mut lib) = temp_library();
    let message = refused(&mut lib, &fixture("watcharr.json"), Format::Drakor);
    assert!(
        message.contains("expected a Drakor export object"),
        "{message}"
    );
    let message = refused(&mut lib, &fixture("yamtrack.csv"), Format::Watcharr);
    assert!(message.contains("not valid JSON"), "{message}");
    let message = refused(&mut lib, &fixture("trakt-export"), Format::Yamtrack);
    assert!(message.contains("is a folder"), "{message}");
    let report = lib
        .import_path(&fixture("watcharr.json"), Format::Watcharr, now(), false)
        .unwrap();
    assert_eq!(report.summary.dramas_added, 1);
}

// --- Merging with what the library holds -------------------------------------

#[test]
fn the_same_show_from_two_trackers_becomes_one_drama_keeping_both_ids() {
    let (_lib_dir, mut lib) = temp_library();
    import(&mut lib, &fixture("trakt-export"));
    let watcharr = json!([{ "status": "FINISHED", "rating": 10, "thoughts": "a masterpiece",
        "createdAt": "2025-03-01T00:00:00Z", "updatedAt": "2025-08-01T00:00:00Z",
        "content": { "tmdbId": 76662, "title": "My Mister", "type": "tv", "numberOfEpisodes": 16 },
        "watchedEpisodes": [ { "seasonNumber": 1, "episodeNumber": 1, "status": "FINISHED" } ] }]);
    let dir = folder_with(&[("w.json", watcharr.to_string())]);
    let report = import(&mut lib, &dir.path().join("w.json"));
    assert_eq!(
        (report.summary.dramas_added, report.summary.dramas_updated),
        (0, 1),
        "matched by TMDB id: {report}"
    );
    let mister = detail(&lib, "My Mister");
    let f = &mister.drama.fields;
    assert_eq!(f.external_ids.trakt, Some(130_001), "the Trakt id stays");
    assert_eq!(f.rating, Some(10.0), "the newer file's rating");
    assert_eq!(f.notes, "a masterpiece");
    assert_eq!(mister.episodes[0].watched_at.len(), 2, "both watches of E1");
}

#[test]
fn an_import_from_another_tracker_never_wipes_what_only_drakor_knows() {
    let (_lib_dir, mut lib) = temp_library();
    let mut mine = DramaDraft {
        title: "나의 아저씨".into(),
        original_title: Some("나의 아저씨".into()),
        notes: "The best drama.".into(),
        tags: vec!["healing".into()],
        ..DramaDraft::default()
    };
    mine.external_ids.tmdb = Some(76662);
    let id = lib.add_drama(&mine, now()).unwrap().id;
    lib.add_scene(
        id,
        &drakor_core::SceneDraft {
            episode: 16,
            start: "1:02:03".into(),
            title: "Goodbye at the bus stop".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let report = import(&mut lib, &fixture("trakt-export"));
    assert_eq!(
        report.summary.dramas_added, 2,
        "Kingdom and Moving; My Mister matched"
    );
    let mister = lib.get_drama(id).unwrap();
    let f = &mister.drama.fields;
    assert_eq!(f.title, "나의 아저씨", "our title stays");
    assert_eq!(f.notes, "The best drama.");
    assert_eq!(f.tags, vec!["healing"]);
    assert_eq!(f.year, Some(2018), "a missing year is filled in");
    assert_eq!(f.external_ids.trakt, Some(130_001));
    assert_eq!(f.status, Status::PlanToWatch, "ours is newer than the file");
    assert_eq!(mister.scenes.len(), 1);
    assert_eq!(watches(&mister), 16, "the watches are merged in");
}

#[test]
fn a_title_without_a_year_matches_the_only_drama_with_that_title() {
    let (_lib_dir, mut lib) = temp_library();
    let mut woo = DramaDraft::titled("Extraordinary Attorney Woo");
    woo.year = Some(2022);
    lib.add_drama(&woo, now()).unwrap();
    let report = import(&mut lib, &fixture("yamtrack.csv"));
    assert_eq!(
        report.summary.dramas_added, 1,
        "only Hometown Cha-Cha-Cha is new"
    );
    assert_eq!(lib.list_dramas(&Default::default()).unwrap().len(), 2);
}

#[test]
fn a_library_of_schema_version_1_gains_the_trakt_column_and_keeps_its_dramas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
            .unwrap();
        conn.execute(
            "INSERT INTO dramas (id, title, status, created_at, updated_at)
             VALUES ('0196b0a4-5c1e-7a31-9d2e-3f4a5b6c7d8e', 'Goblin', 'completed', 0, 0)",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", 0x4452_4B52)
            .unwrap();
    }
    let mut lib = Library::open(&path).unwrap();
    assert_eq!(
        detail(&lib, "Goblin").drama.fields.status,
        Status::Completed
    );
    import(&mut lib, &fixture("trakt-export"));
    drop(lib);
    let lib = Library::open(&path).unwrap();
    assert_eq!(
        detail(&lib, "My Mister").drama.fields.external_ids.trakt,
        Some(130_001)
    );
    let v1 = lib.export_json(&ExportFilter::default(), now()).unwrap();
    assert!(
        !v1.contains("\"trakt\": null"),
        "dramas without a Trakt id export as before"
    );
}

#[test]
fn a_file_of_no_known_kind_is_refused_with_a_hint() {
    let (_lib_dir, mut lib) = temp_library();
    for (name, text) in [
        ("empty.json", ""),
        ("list.json", "[]"),
        ("notes.txt", "hello"),
    ] {
        let dir = folder_with(&[(name, text.into())]);
        let err = lib
            .import_path(&dir.path().join(name), Format::Auto, now(), false)
            .unwrap_err();
        assert!(matches!(err, Error::UnknownFormat { .. }), "{name}: {err}");
        assert_eq!(err.code(), "unknown_format");
        assert!(
            err.to_string().contains("cannot tell what kind of file"),
            "{name}: {err}"
        );
        assert!(
            !err.to_string().contains("--"),
            "no flag in the core's words: {err}"
        );
    }
}
