//! Export and import, format version 1, against real SQLite files and the
//! sample library of the test fixtures.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{DramaDraft, Error, ExportFilter, Library, LibraryFile, Page, Status};
use serde_json::Value;

fn dramas_of(json: &str) -> Value {
    serde_json::from_str::<Value>(json).unwrap()["dramas"].clone()
}

#[test]
fn the_built_in_sample_is_the_sample_of_the_test_fixtures() {
    assert!(
        include_str!("../src/exchange/sample-library.json") == sample_text(),
        "the sample the app loads and tests/fixtures/sample-library.json must stay one file"
    );
}

#[test]
fn the_sample_library_imports_with_every_episode_and_scene() {
    let (_dir, mut lib) = temp_library();
    let summary = lib.import_json(&sample_text(), now(), false).unwrap();
    assert_eq!(summary.dramas_added, 4);
    assert_eq!(summary.scenes_added, 3);
    assert_eq!(summary.episodes_added, 52);
    assert_eq!(
        summary.watch_events_added, 45,
        "Goblin lists 7 episodes not watched yet"
    );
    let goblin = lib.find_drama("Goblin").unwrap();
    let detail = lib.get_drama(goblin).unwrap();
    assert_eq!(
        detail.drama.fields.original_title.as_deref(),
        Some("쓸쓸하고 찬란하神 – 도깨비")
    );
    assert_eq!(detail.scenes[0].start.to_string(), "55:30");
}

#[test]
fn export_then_import_into_an_empty_library_then_export_gives_the_same_dramas() {
    let (_a, mut first) = temp_library();
    first.import_json(&sample_text(), now(), false).unwrap();
    let exported = content(&first);
    let (_b, mut second) = temp_library();
    second.import_json(&exported, now(), false).unwrap();
    assert_eq!(dramas_of(&content(&second)), dramas_of(&exported));
    assert_eq!(
        dramas_of(&exported),
        dramas_of(&sample_text()),
        "the sample is in the canonical form, so our export must equal it drama for drama"
    );
}

#[test]
fn importing_twice_changes_nothing() {
    let (_dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    let after_first = content(&lib);
    let second = lib.import_json(&sample_text(), now(), false).unwrap();
    assert!(
        !second.changed_anything(),
        "second import reported changes: {second}"
    );
    assert_eq!(second.dramas_unchanged, 4);
    assert_eq!(content(&lib), after_first);
}

#[test]
fn a_dry_run_reports_what_would_happen_and_writes_nothing() {
    let (_dir, mut lib) = temp_library();
    let summary = lib.import_json(&sample_text(), now(), true).unwrap();
    assert!(summary.dry_run);
    assert_eq!(summary.dramas_added, 4);
    assert!(lib.list_dramas(&Default::default()).unwrap().is_empty());
}

/// Each bad file is refused with its JSON path and leaves the library as it was.
#[test]
fn every_kind_of_bad_file_is_refused_and_leaves_the_library_unchanged() {
    let (_dir, mut lib) = temp_library();
    lib.add_drama(&liberation(), now()).unwrap();
    let before = content(&lib);
    let sample: Value = serde_json::from_str(&sample_text()).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = sample.clone();
        f(&mut v);
        v.to_string()
    };
    let text = sample_text();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            text[..text.len() / 2].to_owned(),
            "ends too soon",
        ),
        ("not json", "hello".into(), "not valid JSON"),
        ("an array", "[]".into(), "found a list"),
        (
            "newer version",
            edit(&|v| v["version"] = 3.into()),
            "version: 3 is newer than this Drakor reads (up to 2)",
        ),
        (
            "other format",
            edit(&|v| v["format"] = "trakt".into()),
            "format: \"trakt\" is not a Drakor file",
        ),
        (
            "bad time",
            edit(&|v| v["dramas"][3]["scenes"][0]["start"] = "12:75".into()),
            "dramas[3].scenes[0].start: \"12:75\" is not a time",
        ),
        (
            "bad link",
            edit(&|v| {
                v["dramas"][3]["scenes"][0]["links"][0]["url"] = "javascript:alert(1)".into()
            }),
            "dramas[3].scenes[0].links[0].url: javascript: links are refused",
        ),
        (
            "empty title",
            edit(&|v| v["dramas"][1]["title"] = "  ".into()),
            "dramas[1].title: must not be empty",
        ),
        (
            "wrong type",
            edit(&|v| v["dramas"][0]["episodes"][2]["number"] = "three".into()),
            "dramas[0].episodes[2].number: invalid type",
        ),
        (
            "end before start",
            edit(&|v| v["dramas"][1]["scenes"][0]["end"] = "00:10:00".into()),
            "dramas[1].scenes[0].end:",
        ),
        (
            "episode zero",
            edit(&|v| v["dramas"][0]["episodes"][0]["number"] = 0.into()),
            "dramas[0].episodes[0].number: must be a positive number",
        ),
        (
            "bad rating",
            edit(&|v| v["dramas"][2]["rating"] = 7.3.into()),
            "dramas[2].rating: 7.3 is not a step of 0.5",
        ),
        (
            "bad instant",
            edit(&|v| v["dramas"][0]["episodes"][0]["watched_at"][0] = "yesterday".into()),
            "dramas[0].episodes[0].watched_at[0]:",
        ),
        (
            "duplicate scene id",
            edit(&|v| {
                let s = v["dramas"][3]["scenes"][0].clone();
                v["dramas"][3]["scenes"].as_array_mut().unwrap().push(s);
            }),
            "dramas[3].scenes[1].id:",
        ),
    ];
    for (name, file, expected) in cases {
        let err = lib.import_json(&file, now(), false).unwrap_err();
        assert_eq!(err.code(), "import_refused", "{name}");
        assert!(
            err.to_string().contains(expected),
            "{name}: expected {expected:?} in {err}"
        );
        assert_eq!(
            content(&lib),
            before,
            "{name}: a refused file must change nothing"
        );
    }
}

#[test]
fn a_partly_valid_file_reports_every_problem_and_writes_none_of_it() {
    let (_dir, mut lib) = temp_library();
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["dramas"][0]["scenes"][0]["start"] = "soon".into();
    v["dramas"][2]["status"] = "binge".into();
    v["dramas"][3]["scenes"][0]["links"][0]["url"] = "file:///etc/passwd".into();
    let err = lib.import_json(&v.to_string(), now(), false).unwrap_err();
    let problems = err.problems().unwrap();
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "dramas[0].scenes[0].start",
            "dramas[2].status",
            "dramas[3].scenes[0].links[0].url"
        ]
    );
    assert!(
        lib.list_dramas(&Default::default()).unwrap().is_empty(),
        "the valid dramas must not be written either"
    );
}

#[test]
fn scene_times_in_an_import_may_take_any_typed_form() {
    let (_dir, mut lib) = temp_library();
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["dramas"][0]["scenes"][0]["start"] = "41m5s".into();
    v["dramas"][1]["scenes"][0]["start"] = 3330.into();
    v["dramas"][3]["scenes"][0]["start"] = "48:12".into();
    lib.import_json(&v.to_string(), now(), false).unwrap();
    let starts: Vec<String> = lib
        .list_scenes(&Default::default(), Page::ALL)
        .unwrap()
        .scenes
        .iter()
        .map(|s| s.scene.start.canonical())
        .collect();
    assert_eq!(starts, vec!["00:55:30", "00:48:12", "00:41:05"]);
}

#[test]
fn a_drama_without_an_id_matches_by_title_and_year_and_absent_fields_take_defaults() {
    let (_dir, mut lib) = temp_library();
    let existing = lib.add_drama(&liberation(), now()).unwrap();
    let file = r#"{"format":"drakor","version":1,"dramas":[
        {"title":"my liberation notes","year":2022,"episodes":[{"number":1,"watched_at":["2022-04-09T13:00:00Z"]}],
         "scenes":[{"episode":1,"start":"10:00","title":"Bus stop","tags":null,"end":null}]},
        {"title":"Move to Heaven","status":null,"rating":null}
    ]}"#;
    let first = lib.import_json(file, now(), false).unwrap();
    assert_eq!(
        (
            first.dramas_added,
            first.dramas_unchanged,
            first.scenes_added
        ),
        (1, 1, 1)
    );
    let detail = lib.get_drama(existing.id).unwrap();
    assert_eq!(
        detail.episodes.len(),
        1,
        "the episode joined the existing drama"
    );
    let again = lib.import_json(file, now(), false).unwrap();
    assert!(
        !again.changed_anything(),
        "ids made for id-less scenes must match again: {again}"
    );
    let heaven = lib
        .get_drama(lib.find_drama("Move to Heaven").unwrap())
        .unwrap();
    assert_eq!(heaven.drama.fields.status, Status::PlanToWatch);
}

#[test]
fn the_newer_side_wins_for_scalar_fields_and_watch_events_are_merged() {
    let (_dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    let heirs = lib.find_drama("The Heirs").unwrap();
    lib.mark_watched(heirs, 1, &[1], at("2026-11-20T22:00:00Z"), now())
        .unwrap();
    lib.record_rewatch(heirs, 1, &[1], at("2026-11-20T23:00:00Z"), now())
        .unwrap();

    let mut older: Value = serde_json::from_str(&sample_text()).unwrap();
    older["dramas"][0]["rating"] = 2.0.into();
    let summary = lib.import_json(&older.to_string(), now(), false).unwrap();
    assert_eq!(summary.dramas_updated, 0);
    assert_eq!(
        lib.get_drama(heirs).unwrap().drama.fields.rating,
        Some(8.0),
        "an older file must not win"
    );

    let mut newer = older.clone();
    newer["dramas"][0]["updated_at"] = "2026-11-25T00:00:00Z".into();
    newer["dramas"][0]["episodes"][0]["watched_at"] = serde_json::json!(["2020-01-01T00:00:00Z"]);
    let summary = lib.import_json(&newer.to_string(), now(), false).unwrap();
    assert_eq!((summary.dramas_updated, summary.watch_events_added), (1, 1));
    let detail = lib.get_drama(heirs).unwrap();
    assert_eq!(detail.drama.fields.rating, Some(2.0));
    assert_eq!(
        detail.episodes[0].watched_at.len(),
        3,
        "watch events are a set: ours plus the file's"
    );
}

#[test]
fn a_tag_filter_exports_only_the_matching_scenes_and_their_episodes() {
    let (_dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    let liberation = lib.find_drama("My Liberation Notes").unwrap();
    lib.add_scene(
        liberation,
        &drakor_core::SceneDraft {
            episode: 3,
            start: "5:00".into(),
            title: "Not a kiss".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let file: LibraryFile = lib
        .export(
            &ExportFilter {
                tag: Some("kiss".into()),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        file.dramas.len(),
        3,
        "Crash Landing on You has no kiss scene"
    );
    let mln = file
        .dramas
        .iter()
        .find(|d| d.title == "My Liberation Notes")
        .unwrap();
    assert_eq!(mln.scenes.len(), 1);
    assert_eq!(
        mln.episodes.iter().map(|e| e.number).collect::<Vec<_>>(),
        vec![11]
    );

    let watching = lib
        .export(
            &ExportFilter {
                status: Some(Status::Watching),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        watching
            .dramas
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Goblin"]
    );
    let one = lib
        .export(
            &ExportFilter {
                drama_id: Some(liberation),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(one.dramas.len(), 1);
    assert_eq!(one.dramas[0].scenes.len(), 2);
}

#[test]
fn the_export_has_the_format_header_and_canonical_times() {
    let (_dir, mut lib) = temp_library();
    let id = lib
        .add_drama(&DramaDraft::titled("나의 해방일지"), now())
        .unwrap()
        .id;
    lib.add_scene(
        id,
        &drakor_core::SceneDraft {
            episode: 1,
            start: "1:02:03.250".into(),
            title: "x".into(),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&content(&lib)).unwrap();
    assert_eq!(v["format"], "drakor");
    assert_eq!(v["version"], 2);
    assert_eq!(v["exported_at"], "2026-11-21T09:30:00Z");
    assert_eq!(v["dramas"][0]["scenes"][0]["start"], "01:02:03.250");
    assert_eq!(v["dramas"][0]["title"], "나의 해방일지");
}

#[test]
fn an_import_refused_for_being_newer_says_so_without_touching_an_empty_library() {
    let (dir, mut lib) = temp_library();
    let err = lib
        .import_json(
            r#"{"format":"drakor","version":7,"dramas":[]}"#,
            now(),
            false,
        )
        .unwrap_err();
    assert!(matches!(err, Error::ImportRefused(_)));
    drop(lib);
    let reopened = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    assert!(
        reopened
            .list_dramas(&Default::default())
            .unwrap()
            .is_empty()
    );
}

/// Every drama of the library, by id, with its title.
fn titles_by_id(lib: &Library) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = lib
        .list_dramas(&Default::default())
        .unwrap()
        .into_iter()
        .map(|d| (d.id.to_string(), d.title))
        .collect();
    all.sort();
    all
}

#[test]
fn dramas_of_one_file_never_merge_into_one_so_a_second_import_and_a_restore_change_nothing() {
    // The second drama shares the first's TMDB id, the third the first's
    // title: each looks like the first, but the file holds three dramas.
    for file in [
        "merge-chain-by-external-id.json",
        "merge-renamed-by-external-id.json",
    ] {
        let text = std::fs::read_to_string(format!("../../fuzz/seeds/import_json/{file}")).unwrap();
        let (_dir, mut lib) = temp_library();
        lib.import_json(&text, now(), false).unwrap();
        let first = titles_by_id(&lib);
        assert_eq!(first.len(), 3, "{file}: {first:?}");
        let again = lib.import_json(&text, now(), false).unwrap();
        assert_eq!((again.dramas_added, again.dramas_updated), (0, 0), "{file}");
        assert_eq!(titles_by_id(&lib), first, "{file}: a second import");

        let export = lib.export_json(&ExportFilter::default(), now()).unwrap();
        let (_dir2, mut restored) = temp_library();
        restored.import_json(&export, now(), false).unwrap();
        assert_eq!(titles_by_id(&restored), first, "{file}: a restore");
    }
}

#[test]
fn two_dramas_of_the_same_title_and_year_survive_a_restore_as_two() {
    let (_dir, mut lib) = temp_library();
    lib.add_drama(&DramaDraft::titled("Goblin"), now()).unwrap();
    lib.add_drama(&DramaDraft::titled("Goblin"), now()).unwrap();
    let export = lib.export_json(&ExportFilter::default(), now()).unwrap();
    let (_dir2, mut restored) = temp_library();
    restored.import_json(&export, now(), false).unwrap();
    assert_eq!(titles_by_id(&restored), titles_by_id(&lib));
}
