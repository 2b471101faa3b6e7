//! `drakor scene add|edit --ost TITLE|ARTIST --quote TEXT
//! --quote-translation TEXT`: set, shown, exported, changed and cleared
//! through the real binary, and a bad value refused naming its flag.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TempLibrary, id_in};
use serde_json::{Value, json};

/// A library with Goblin and one scene with a song and a line; its id.
fn goblin_with_a_scene() -> (TempLibrary, String) {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin", "--episodes", "16"]);
    let added = lib.run(&[
        "scene",
        "add",
        "goblin",
        "--episode",
        "8",
        "--at",
        "55:30",
        "--title",
        "Kiss by the sea",
        "--ost",
        "Stay With Me|Chanyeol & Punch",
        "--quote",
        "날이 좋아서 모든 날이 좋았다",
        "--quote-translation",
        "Every day was good",
    ]);
    let id = id_in(added.trim());
    (lib, id)
}

fn scene_json(lib: &TempLibrary) -> Value {
    let scenes: Value = serde_json::from_str(&lib.run(&["scene", "list", "--json"])).unwrap();
    scenes[0].clone()
}

#[test]
fn a_scene_added_with_a_song_and_a_line_shows_and_exports_them() {
    let (lib, _) = goblin_with_a_scene();
    let list = lib.run(&["scene", "list"]);
    assert!(
        list.contains("ost     ♪ Stay With Me — Chanyeol & Punch\n"),
        "scene list shows the song: {list}"
    );
    assert!(
        list.contains("quote   “날이 좋아서 모든 날이 좋았다” (Every day was good)\n"),
        "and the line with its translation: {list}"
    );
    let show = lib.run(&["show", "goblin"]);
    assert!(show.contains("♪ Stay With Me — Chanyeol & Punch"), "{show}");

    let scene = &lib.dramas()[0]["scenes"][0];
    assert_eq!(
        scene["ost"],
        json!({"title": "Stay With Me", "artist": "Chanyeol & Punch"})
    );
    assert_eq!(
        scene["quote"],
        json!({"text": "날이 좋아서 모든 날이 좋았다", "translation": "Every day was good"})
    );
    let md = lib.run(&["export", "--format", "markdown"]);
    assert!(
        md.contains("  > 날이 좋아서 모든 날이 좋았다 (Every day was good)\n")
            && md.contains("  - ♪ Stay With Me — Chanyeol & Punch\n"),
        "{md}"
    );
}

#[test]
fn an_edit_changes_or_clears_the_song_and_line_and_leaves_them_when_not_given() {
    let (lib, id) = goblin_with_a_scene();
    lib.run(&["scene", "edit", &id, "--end", "57:02"]);
    assert_eq!(
        scene_json(&lib)["ost"]["title"],
        "Stay With Me",
        "an edit of another field keeps the song"
    );

    lib.run(&[
        "scene",
        "edit",
        &id,
        "--ost",
        "Beautiful",
        "--quote-translation",
        "",
    ]);
    let scene = scene_json(&lib);
    assert_eq!(scene["ost"], json!({"title": "Beautiful", "artist": ""}));
    assert_eq!(scene["quote"]["translation"], Value::Null);
    assert_eq!(scene["quote"]["text"], "날이 좋아서 모든 날이 좋았다");

    lib.run(&["scene", "edit", &id, "--ost", "", "--quote", ""]);
    let scene = scene_json(&lib);
    assert_eq!(
        (&scene["ost"], &scene["quote"]),
        (&Value::Null, &Value::Null)
    );
    let list = lib.run(&["scene", "list"]);
    assert!(!list.contains("ost ") && !list.contains("quote "), "{list}");
}

#[test]
fn a_bad_song_is_refused_naming_the_flag_and_nothing_is_added() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin", "--episodes", "16"]);
    let scene = [
        "scene",
        "add",
        "goblin",
        "--episode",
        "1",
        "--at",
        "1:00",
        "--title",
        "X",
    ];
    for (bad, why) in [
        ("|Chanyeol & Punch", "a song needs its title before the |"),
        ("Stay|With|Me", "with one | between them"),
    ] {
        let stderr = lib.fail(&[&scene[..], &["--ost", bad]].concat(), 2);
        assert!(stderr.contains("--ost"), "the flag is named: {stderr}");
        assert!(stderr.contains(why), "{why:?} in {stderr}");
    }
    let stderr = lib.fail(&[&scene[..], &["--quote-translation", "Hi"]].concat(), 2);
    assert!(
        stderr.contains("give the line with --quote too"),
        "{stderr}"
    );
    let long = "x".repeat(1001);
    let stderr = lib.fail(&[&scene[..], &["--quote", &long]].concat(), 1);
    assert!(
        stderr.contains("quote.text: is 1001 characters long"),
        "{stderr}"
    );
    assert_eq!(
        lib.run(&["scene", "list", "--json"]).trim(),
        "[]",
        "no scene was added"
    );
}
