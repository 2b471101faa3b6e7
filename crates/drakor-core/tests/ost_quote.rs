//! A scene's song (OST) and famous line: kept, edited, cleared, exported and
//! imported (newer side wins, like the rest of a scene), refused by field
//! when bad, and absent from libraries and files made before they existed.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use drakor_core::{Error, ExportFilter, Library, Ost, Quote, SceneDraft};
use serde_json::{Value, json};

fn stay_with_me() -> Ost {
    Ost {
        title: "Stay With Me".into(),
        artist: "Chanyeol & Punch".into(),
    }
}

fn worship_me() -> Quote {
    Quote {
        text: "날 추앙해요.".into(),
        translation: Some("Worship me.".into()),
    }
}

fn with_both() -> SceneDraft {
    SceneDraft {
        ost: Some(stay_with_me()),
        quote: Some(worship_me()),
        ..reed_field_kiss()
    }
}

#[test]
fn a_scene_keeps_its_song_and_line_and_an_edit_can_clear_them() {
    let (dir, mut lib) = temp_library();
    let mln = lib.add_drama(&liberation(), now()).unwrap().id;
    let id = lib.add_scene(mln, &with_both(), now()).unwrap().id;
    drop(lib);
    let mut lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    let scene = lib.get_scene(id).unwrap();
    assert_eq!(scene.ost, Some(stay_with_me()));
    assert_eq!(scene.quote, Some(worship_me()));

    let mut draft = scene.to_draft();
    draft.ost = None;
    draft.quote = Some(Quote {
        translation: None,
        ..worship_me()
    });
    let edited = lib.update_scene(id, &draft, now()).unwrap();
    assert_eq!(edited.ost, None, "the song is gone");
    assert_eq!(
        edited.quote.unwrap().translation,
        None,
        "and the translation"
    );
}

#[test]
fn a_bad_song_is_refused_by_field_and_nothing_is_written() {
    let (_dir, mut lib) = temp_library();
    let mln = lib.add_drama(&liberation(), now()).unwrap().id;
    let id = lib.add_scene(mln, &with_both(), now()).unwrap().id;
    let mut bad = with_both();
    bad.ost = Some(Ost {
        title: String::new(),
        artist: "Chanyeol & Punch".into(),
    });
    bad.title = "Renamed".into();
    let err = lib.update_scene(id, &bad, now()).unwrap_err();
    let Error::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["ost.title"], "{err}");
    let kept = lib.get_scene(id).unwrap();
    assert_eq!(
        (kept.title.as_str(), kept.ost),
        ("Reed field kiss", Some(stay_with_me())),
        "nothing half-written"
    );
}

#[test]
fn the_song_and_line_travel_in_a_file_and_the_newer_side_wins() {
    let (_dir, mut lib) = temp_library();
    let mln = lib.add_drama(&liberation(), now()).unwrap().id;
    let id = lib.add_scene(mln, &with_both(), now()).unwrap().id;
    let text = lib.export_json(&ExportFilter::default(), now()).unwrap();
    let file: Value = serde_json::from_str(&text).unwrap();
    let scene = &file["dramas"][0]["scenes"][0];
    assert_eq!(
        scene["ost"],
        json!({"title": "Stay With Me", "artist": "Chanyeol & Punch"})
    );
    assert_eq!(
        scene["quote"],
        json!({"text": "날 추앙해요.", "translation": "Worship me."})
    );

    // A friend's copy clears the song later; ours takes the newer scene.
    let (_other_dir, mut other) = temp_library();
    other.import_json(&text, now(), false).unwrap();
    let mut cleared = other.get_scene(id).unwrap().to_draft();
    cleared.ost = None;
    other
        .update_scene(id, &cleared, now() + Duration::hours(1))
        .unwrap();
    let newer = other.export_json(&ExportFilter::default(), now()).unwrap();
    let summary = lib.import_json(&newer, now(), false).unwrap();
    assert_eq!(summary.scenes_updated, 1, "{summary}");
    assert_eq!(lib.get_scene(id).unwrap().ost, None);
    assert_eq!(lib.get_scene(id).unwrap().quote, Some(worship_me()));

    // Our older file changes nothing there.
    let summary = other.import_json(&text, now(), false).unwrap();
    assert!(!summary.changed_anything(), "{summary}");
    assert_eq!(other.get_scene(id).unwrap().ost, None);
}

#[test]
fn a_file_s_bad_song_or_line_is_named_by_its_place_and_nothing_is_imported() {
    let file = |ost: Value, quote: Value| {
        json!({ "format": "drakor", "version": 2, "dramas": [{
            "title": "Goblin",
            "scenes": [{ "episode": 1, "start": "12:30", "title": "First snow",
                         "ost": ost, "quote": quote }]
        }]})
        .to_string()
    };
    let (_dir, mut lib) = temp_library();
    let cases = [
        (
            file(
                json!({"title": "", "artist": "Chanyeol & Punch"}),
                Value::Null,
            ),
            "dramas[0].scenes[0].ost.title: a song needs its title",
        ),
        (
            file(Value::Null, json!({"text": "x".repeat(1001)})),
            "dramas[0].scenes[0].quote.text: is 1001 characters long",
        ),
        (
            file(
                Value::Null,
                json!({"text": "", "translation": "Worship me."}),
            ),
            "dramas[0].scenes[0].quote.text: a translation needs the line",
        ),
        (
            file(json!("Stay With Me"), Value::Null),
            "dramas[0].scenes[0].ost",
        ),
    ];
    for (text, expected) in cases {
        let err = lib
            .import_json(&text, now(), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{expected:?} in {err}");
    }
    assert!(
        lib.list_dramas(&Default::default()).unwrap().is_empty(),
        "nothing was imported"
    );
}

#[test]
fn a_scene_in_a_file_without_them_has_no_song_or_line() {
    let (_dir, mut lib) = temp_library();
    let text = json!({ "format": "drakor", "version": 1, "dramas": [{
        "title": "Goblin",
        "scenes": [{ "episode": 1, "start": "12:30", "title": "First snow" },
                   { "episode": 1, "start": "13:30", "title": "Nulls",
                     "ost": null, "quote": null },
                   { "episode": 1, "start": "14:30", "title": "No artist",
                     "ost": {"title": "Beautiful", "artist": null},
                     "quote": {"text": "첫눈이다"} }]
    }]})
    .to_string();
    lib.import_json(&text, now(), false).unwrap();
    let goblin = lib.find_drama("Goblin").unwrap();
    let scenes = lib.get_drama(goblin).unwrap().scenes;
    let got: Vec<(Option<Ost>, Option<Quote>)> =
        scenes.into_iter().map(|s| (s.ost, s.quote)).collect();
    assert_eq!(
        got,
        [
            (None, None),
            (None, None),
            (
                Some(Ost {
                    title: "Beautiful".into(),
                    artist: String::new()
                }),
                Some(Quote {
                    text: "첫눈이다".into(),
                    translation: None
                })
            ),
        ]
    );
}

#[test]
fn a_library_from_before_songs_and_lines_opens_with_its_scenes_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    {
        let conn = library_at_version(&path, 9);
        conn.execute_batch(
            "INSERT INTO dramas (pk, id, title, status, created_at, updated_at)
                 VALUES (1, '0190a4a0-0000-7000-8000-000000000001', 'Goblin', 'watching', 0, 0);
             INSERT INTO scenes (pk, id, drama_pk, season, episode, start_ms, title,
                                 created_at, updated_at)
                 VALUES (1, '0190a4a0-0000-7000-8000-000000000002', 1, 1, 1, 750000,
                         'First snow', 0, 0);",
        )
        .unwrap();
    }
    let mut lib = Library::open_at(&path, now()).unwrap();
    let id = "0190a4a0-0000-7000-8000-000000000002".parse().unwrap();
    let scene = lib.get_scene(id).unwrap();
    assert_eq!((&scene.ost, &scene.quote), (&None, &None));
    let mut draft = scene.to_draft();
    draft.ost = Some(stay_with_me());
    let saved = lib.update_scene(id, &draft, now()).unwrap();
    assert_eq!(
        saved.ost,
        Some(stay_with_me()),
        "the upgraded library takes one"
    );
}

#[test]
fn a_scene_is_found_by_its_song_its_artist_its_line_and_its_translation() {
    let (_dir, mut lib) = temp_library();
    let mln = lib.add_drama(&liberation(), now()).unwrap().id;
    let plain = SceneDraft {
        title: "Bus stop".into(),
        notes: String::new(),
        tags: Vec::new(),
        people: Vec::new(),
        links: Vec::new(),
        ..reed_field_kiss()
    };
    let id = lib
        .add_scene(
            mln,
            &SceneDraft {
                ost: Some(stay_with_me()),
                quote: Some(worship_me()),
                ..plain.clone()
            },
            now(),
        )
        .unwrap()
        .id;
    let found = |lib: &Library, words: &str| {
        lib.search(words, 50)
            .unwrap()
            .iter()
            .any(|h| h.scene_id == Some(id))
    };
    for words in ["stay with", "chanyeol", "추앙", "worship"] {
        assert!(found(&lib, words), "{words:?} finds the scene");
    }

    let edited = SceneDraft {
        ost: None,
        quote: None,
        ..plain
    };
    lib.update_scene(id, &edited, now()).unwrap();
    for words in ["chanyeol", "추앙"] {
        assert!(!found(&lib, words), "{words:?} no longer finds it");
    }
}
