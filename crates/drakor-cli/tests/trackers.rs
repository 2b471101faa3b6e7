//! `drakor import` of other trackers' files (Trakt, Yamtrack, Watcharr),
//! told apart by content or named with --from, and `drakor export
//! --format csv|markdown`.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::{SAMPLE, TempLibrary};

const INTEROP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/interop");

fn fixture(name: &str) -> String {
    format!("{INTEROP}/{name}")
}

/// The sample Trakt export zipped, as Trakt gives it.
fn trakt_zip(lib: &TempLibrary) -> PathBuf {
    let path = lib.path("trakt-export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for name in [
        "watched-history.json",
        "ratings-shows.json",
        "ratings-episodes.json",
        "lists-watchlist.json",
    ] {
        zip.start_file(name, options).unwrap();
        let text = std::fs::read(format!("{INTEROP}/trakt-export/{name}")).unwrap();
        zip.write_all(&text).unwrap();
    }
    zip.start_file("user-profile.json", options).unwrap();
    zip.write_all(b"{ never read").unwrap();
    zip.finish().unwrap();
    path
}

fn titles(lib: &TempLibrary) -> Vec<String> {
    let mut titles: Vec<String> = lib
        .dramas()
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

#[test]
fn a_trakt_zip_is_told_by_its_content_and_the_summary_says_what_was_skipped() {
    let lib = TempLibrary::new();
    let zip = trakt_zip(&lib);
    let out = lib.run(&["import", zip.to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("imported: 3 dramas added"), "{out}");
    assert_eq!(
        lines[1],
        "read as a Trakt export; skipped 1 movie (Drakor keeps series, not films), \
         1 other file (only the watch history, watched shows, ratings and watchlist are read)"
    );
    assert_eq!(titles(&lib), vec!["Kingdom", "Moving", "My Mister"]);
}

#[test]
fn a_trakt_folder_imports_and_a_second_import_adds_nothing() {
    let lib = TempLibrary::new();
    let folder = fixture("trakt-export");
    lib.run(&["import", &folder]);
    let before = lib.dramas();
    let again = lib.run(&["import", &folder, "--from", "trakt"]);
    assert!(
        again.starts_with("imported: 0 dramas added, 0 updated, 3 unchanged; 0 episodes added, 0 updated; 0 watch events added"),
        "{again}"
    );
    assert_eq!(lib.dramas(), before);
}

#[test]
fn trakt_watched_shows_imports_alone_by_content_and_beside_the_history_without_doubling() {
    let folder = fixture("trakt-watched-shows");
    let shows = format!("{folder}/watched-shows.json");

    // Alone, from standard input: no name to go by, only its shape.
    let lib = TempLibrary::new();
    let output = lib
        .cmd()
        .args(["import", "-"])
        .write_stdin(std::fs::read(&shows).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let out = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        vec![
            "imported: 2 dramas added, 0 updated, 0 unchanged; 6 episodes added, 0 updated; \
             9 watch events added; 0 scenes added, 0 updated",
            "read as a Trakt export; skipped 1 movie (Drakor keeps series, not films)",
        ],
        "{out}"
    );
    assert_eq!(titles(&lib), vec!["Hospital Playlist", "Reply 1988"]);
    let log = lib.run(&["export", "--format", "csv", "--what", "episodes"]);
    assert_eq!(
        log.matches("1970-01-01").count(),
        3,
        "one earlier play of each episode watched twice: {log}"
    );
    let again = lib.run(&["import", &shows]);
    assert!(again.contains("0 watch events added"), "{again}");

    // In the export folder beside the history: the history's times win.
    let lib = TempLibrary::new();
    let out = lib.run(&["import", &folder]);
    assert!(out.contains("9 watch events added"), "{out}");
    let log = lib.run(&["export", "--format", "csv", "--what", "episodes"]);
    assert!(
        log.contains("2025-01-01T13:00"),
        "the history's time: {log}"
    );
    assert_eq!(
        log.matches("1970-01-01").count(),
        2,
        "Reply 1988's only: {log}"
    );
    let again = lib.run(&["import", &folder, "--from", "trakt"]);
    assert!(
        again.contains("0 dramas added, 0 updated") && again.contains("0 watch events added"),
        "{again}"
    );
}

#[test]
fn yamtrack_and_watcharr_files_import_by_content_or_with_from() {
    for (file, from, title, skipped) in [
        (
            "yamtrack.csv",
            "yamtrack",
            "Extraordinary Attorney Woo",
            "1 season row",
        ),
        (
            "watcharr.json",
            "watcharr",
            "Welcome to Samdal-ri",
            "1 movie",
        ),
    ] {
        for args in [
            vec!["import", &fixture(file)],
            vec!["import", "--from", from, &fixture(file)],
        ] {
            let lib = TempLibrary::new();
            let out = lib.run(&args);
            assert!(out.contains(skipped), "{args:?}: {out}");
            assert!(titles(&lib).contains(&title.to_owned()), "{args:?}");
            let again = lib.run(&args);
            assert!(
                again.contains("0 dramas added, 0 updated")
                    && again.contains("0 watch events added"),
                "{args:?} twice: {again}"
            );
        }
    }
}

#[test]
fn a_yamtrack_file_dated_in_watch_date_keeps_every_day_it_names() {
    let lib = TempLibrary::new();
    let file = fixture("yamtrack-watch-date.csv");
    let out = lib.run(&["import", &file]);
    assert!(
        out.starts_with("imported: 2 dramas added") && out.contains("5 watch events added"),
        "{out}"
    );
    let log = lib.run(&["export", "--format", "csv", "--what", "episodes"]);
    for day in ["2024-09-01T21:30", "2024-09-02", "2024-09-03", "2024-10-05"] {
        assert!(log.contains(day), "{day} in {log}");
    }
    assert!(!log.contains("1970"), "no watch without its date: {log}");
    let again = lib.run(&["import", &file]);
    assert!(again.contains("0 watch events added"), "{again}");
}

#[test]
fn a_drakor_file_still_imports_with_a_one_line_summary_also_when_named() {
    let lib = TempLibrary::new();
    let out = lib.run(&["import", "--from", "drakor", SAMPLE]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("imported: 4 dramas added"), "{out}");
}

#[test]
fn a_tracker_file_imports_from_standard_input() {
    let lib = TempLibrary::new();
    let output = lib
        .cmd()
        .args(["import", "-"])
        .write_stdin(std::fs::read(fixture("watcharr.json")).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success());
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(out.contains("read as a Watcharr export"), "{out}");
}

#[test]
fn a_dry_run_of_a_tracker_file_reports_and_writes_nothing() {
    let lib = TempLibrary::new();
    let out = lib.run(&["import", &fixture("yamtrack.csv"), "--dry-run"]);
    assert!(
        out.starts_with("dry run, nothing written: 2 dramas added"),
        "{out}"
    );
    assert_eq!(lib.dramas(), serde_json::Value::Array(vec![]));
}

#[test]
fn a_malformed_tracker_file_names_the_file_the_row_and_the_field() {
    let lib = TempLibrary::new();
    let bad = lib.path("bad.csv");
    std::fs::write(
        &bad,
        "\"media_id\",\"source\",\"media_type\",\"title\",\"score\"\n\
         \"1\",\"tmdb\",\"tv\",\"Goblin\",\"eleven\"\n",
    )
    .unwrap();
    let name = bad.to_str().unwrap();
    let stderr = lib.fail(&["import", name], 1);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        vec![
            format!("drakor: {name} was not imported, nothing was changed:").as_str(),
            "  row 2, score: \"eleven\" is not a score from 0 to 10"
        ]
    );
    assert_eq!(lib.dramas(), serde_json::Value::Array(vec![]));
}

#[test]
fn a_cut_off_zip_is_refused_and_writes_nothing() {
    let lib = TempLibrary::new().with_sample();
    let before = lib.dramas();
    let zip = trakt_zip(&lib);
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&zip, &bytes[..bytes.len() / 2]).unwrap();
    let stderr = lib.fail(&["import", zip.to_str().unwrap()], 1);
    assert!(stderr.contains("damaged or cut off"), "{stderr}");
    assert_eq!(lib.dramas(), before);
}

#[test]
fn a_format_named_with_from_must_fit_the_file() {
    let lib = TempLibrary::new();
    let file = fixture("watcharr.json");
    let stderr = lib.fail(&["import", "--from", "yamtrack", &file], 1);
    assert!(
        stderr.contains(&file) && stderr.contains("row 1: has no media_type column"),
        "{stderr}"
    );
    let stderr = lib.fail(&["import", "--from", "myanimelist", &file], 2);
    assert!(stderr.contains("trakt"), "clap lists the formats: {stderr}");
}

#[test]
fn a_file_of_no_known_kind_asks_for_from() {
    let lib = TempLibrary::new();
    let file = lib.path("notes.txt");
    std::fs::write(&file, "just notes").unwrap();
    let stderr = lib.fail(&["import", file.to_str().unwrap()], 1);
    assert!(
        stderr.contains("cannot tell what kind of file this is") && stderr.contains("--from"),
        "{stderr}"
    );
}

#[test]
fn export_format_csv_writes_one_row_per_scene_or_per_watch() {
    let lib = TempLibrary::new().with_sample();
    let scenes = lib.run(&["export", "--format", "csv"]);
    let scenes = scenes.strip_prefix('\u{feff}').expect("a BOM for Excel");
    assert!(scenes.starts_with("drama_title,original_title,season,episode,start,end,title,"));
    assert_eq!(
        scenes.lines().count(),
        4,
        "a header and the 3 sample scenes"
    );
    assert!(scenes.contains("My Liberation Notes,나의 해방일지,1,11,00:48:12,00:49:40,Reed field kiss,\"kiss, reed-field\""));

    let watches = lib.run(&[
        "export",
        "--format",
        "csv",
        "--what",
        "episodes",
        "--drama",
        "liberation",
    ]);
    let lines: Vec<&str> = watches.lines().collect();
    assert!(
        lines[0].ends_with("drama_title,original_title,season,episode,episode_title,watched_at")
    );
    assert_eq!(lines.len(), 17, "a header and 16 watches: {watches}");

    let file = lib.path("kiss.csv");
    let said = lib.run(&[
        "export",
        "--format",
        "csv",
        "--tag",
        "kiss",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(said.starts_with("exported the scenes as CSV to "), "{said}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Reed field kiss")
    );
}

#[test]
fn export_format_markdown_writes_a_titled_list_to_share() {
    let lib = TempLibrary::new().with_sample();
    let md = lib.run(&[
        "export",
        "--format",
        "markdown",
        "--tag",
        "kiss",
        "--title",
        "My favourite kiss scenes",
    ]);
    assert!(md.starts_with("# My favourite kiss scenes\n\n## "), "{md}");
    assert!(
        md.contains("## My Liberation Notes · 나의 해방일지 (2022)"),
        "{md}"
    );
    assert!(
        md.contains("- **E11 48:12–49:40** Reed field kiss ★"),
        "{md}"
    );
    assert!(
        md.contains("  - [Behind the scenes](https://www.youtube.com/watch?v="),
        "{md}"
    );
    let derived = lib.run(&["export", "--format", "md", "--tag", "kiss"]);
    assert!(derived.starts_with("# Kiss scenes\n"), "{derived}");
}

#[test]
fn export_flags_of_another_format_are_usage_errors() {
    let lib = TempLibrary::new();
    let stderr = lib.fail(&["export", "--what", "episodes"], 2);
    assert!(stderr.contains("--format csv"), "{stderr}");
    let stderr = lib.fail(&["export", "--format", "csv", "--title", "x"], 2);
    assert!(stderr.contains("--format markdown"), "{stderr}");
}
