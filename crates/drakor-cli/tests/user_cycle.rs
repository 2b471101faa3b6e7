//! A fan's day with drakor: add a drama, log episodes, bookmark a scene,
//! find it again, and carry the library to another machine.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TempLibrary, id_in};
use serde_json::Value;

#[test]
fn a_fan_logs_a_drama_bookmarks_a_scene_and_moves_the_library_elsewhere() {
    let lib = TempLibrary::new();

    let added = lib.run(&[
        "add",
        "My Liberation Notes",
        "--original",
        "나의 해방일지",
        "--country",
        "KR",
        "--year",
        "2022",
        "--network",
        "JTBC",
        "--episodes",
        "16",
        "--tag",
        "slice-of-life",
    ]);
    assert!(
        added.starts_with("added \"My Liberation Notes\" ("),
        "add confirms with the title and id: {added}"
    );
    let drama_id = id_in(added.trim());
    assert_eq!(drama_id.len(), 36, "the whole id is printed: {added}");

    let watched = lib.run(&["watch", "liberation", "1-8", "--at", "2022-04-09"]);
    assert!(
        watched.contains("marked 8 episodes of My Liberation Notes watched (8/16)"),
        "watch says how many and the progress: {watched}"
    );

    let list = lib.run(&["list"]);
    let row = list
        .lines()
        .find(|l| l.contains("My Liberation Notes"))
        .unwrap_or_else(|| panic!("the drama is listed: {list}"));
    assert!(row.contains("나의 해방일지"), "Hangul prints as is: {row}");
    assert!(row.contains("8/16"), "progress reads 8/16: {row}");
    assert!(row.contains("watching"), "watching began: {row}");

    let scene = lib.run(&[
        "scene",
        "add",
        "liberation",
        "--episode",
        "11",
        "--at",
        "48:12",
        "--end",
        "49:40",
        "--title",
        "Reed field kiss",
        "--tag",
        "kiss",
        "--notes",
        "The reeds sway while everything else goes quiet",
        "--person",
        "Kim Ji-won",
        "--favourite",
        "--link",
        "https://www.youtube.com/watch?v=example|Behind the scenes|behind_the_scenes",
    ]);
    assert!(
        scene.starts_with("added scene \"Reed field kiss\" at 48:12 in episode 11 (id "),
        "scene add confirms with time, episode and id: {scene}"
    );
    let scene_id = id_in(scene.trim());

    let kisses = lib.run(&["scene", "list", "--tag", "kiss"]);
    assert!(
        kisses.contains("Reed field kiss") && kisses.contains("48:12–49:40"),
        "the kiss scene is listed with its times: {kisses}"
    );
    assert!(kisses.contains(&scene_id), "with its id: {kisses}");

    let found = lib.run(&["search", "reeds"]);
    assert!(
        found.contains("Reed field kiss"),
        "a word of the scene's notes finds it: {found}"
    );

    let next = lib.run(&["next"]);
    let row = next
        .lines()
        .find(|l| l.contains("My Liberation Notes"))
        .unwrap_or_else(|| panic!("the drama is up next: {next}"));
    assert!(row.contains("E9"), "episode 9 is next: {row}");
    let next: Value = serde_json::from_str(&lib.run(&["next", "--json"])).unwrap();
    assert_eq!(next[0]["episode"], 9, "{next}");

    let export_text = lib.run(&["export"]);
    let export: Value = serde_json::from_str(&export_text).unwrap();
    assert_eq!(export["format"], "drakor");
    let drama = &export["dramas"][0];
    assert_eq!(drama["id"], drama_id.as_str());
    assert_eq!(drama["original_title"], "나의 해방일지");
    assert_eq!(drama["scenes"][0]["start"], "00:48:12");
    assert_eq!(
        drama["scenes"][0]["links"][0]["url"],
        "https://www.youtube.com/watch?v=example"
    );

    let elsewhere = TempLibrary::new();
    let file = elsewhere.path("from-the-other-machine.json");
    std::fs::write(&file, &export_text).unwrap();
    let summary = elsewhere.run(&["import", file.to_str().unwrap()]);
    assert!(
        summary.starts_with("imported: 1 dramas added"),
        "import summarises: {summary}"
    );
    assert_eq!(
        elsewhere.dramas(),
        export["dramas"],
        "the other library holds exactly what was exported"
    );
}

#[test]
fn quiet_add_prints_only_the_new_id_for_scripts() {
    let lib = TempLibrary::new();
    let id = lib.run(&["add", "Goblin", "--episodes", "16", "--quiet"]);
    let id = id.trim();
    assert_eq!(id.len(), 36, "only the id is printed: {id:?}");
    let scene = lib.run(&[
        "-q",
        "scene",
        "add",
        id,
        "--episode",
        "1",
        "--at",
        "12:30",
        "--title",
        "First meeting",
    ]);
    assert_eq!(scene.trim().len(), 36, "only the scene id: {scene:?}");
    assert_eq!(
        lib.run(&["-q", "watch", id, "1"]),
        "",
        "other changes print nothing"
    );
    let shown: Value = serde_json::from_str(&lib.run(&["show", id, "--json"])).unwrap();
    assert_eq!(shown["title"], "Goblin");
    assert_eq!(shown["scenes"][0]["id"], scene.trim());
    assert_eq!(shown["progress"]["watched"], 1);
}

#[test]
fn edit_changes_only_the_flags_given_and_an_empty_value_clears() {
    let lib = TempLibrary::new();
    lib.run(&[
        "add",
        "Goblin",
        "--network",
        "tvN",
        "--rating",
        "9",
        "--tag",
        "fantasy",
        "--episodes",
        "16",
    ]);
    let edited = lib.run(&["edit", "goblin", "--status", "on-hold", "--network", ""]);
    assert!(edited.starts_with("updated \"Goblin\""), "{edited}");
    let drama = &lib.dramas()[0];
    assert_eq!(drama["status"], "on_hold", "the status changed");
    assert_eq!(drama["network"], Value::Null, "an empty value cleared it");
    assert_eq!(drama["rating"], 9.0, "the rating was left alone");
    assert_eq!(drama["tags"][0], "fantasy", "the tags were left alone");
    assert_eq!(drama["total_episodes"], 16);
}

#[test]
fn scene_edit_changes_only_the_flags_given() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin"]);
    let id = lib.run(&[
        "-q",
        "scene",
        "add",
        "goblin",
        "--episode",
        "8",
        "--at",
        "55:30",
        "--end",
        "57:02",
        "--title",
        "Kiss by the sea",
        "--tag",
        "kiss",
        "--favourite",
    ]);
    let id = id.trim();
    let edited = lib.run(&["scene", "edit", id, "--end", "", "--not-favourite"]);
    assert!(
        edited.starts_with("updated scene \"Kiss by the sea\" at 55:30 in episode 8"),
        "{edited}"
    );
    let scene = &lib.dramas()[0]["scenes"][0];
    assert_eq!(scene["end"], Value::Null, "the end was cleared");
    assert_eq!(scene["favourite"], false);
    assert_eq!(scene["tags"][0], "kiss", "the tags were left alone");
    assert_eq!(scene["start"], "00:55:30");
}

#[test]
fn watching_the_last_episode_completes_the_drama_and_unwatch_takes_episodes_back() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Short One", "--episodes", "2"]);
    let done = lib.run(&["watch", "short", "1,2", "--at", "2024-02-01T21:30:00+09:00"]);
    assert!(done.contains("(2/2), now completed"), "{done}");
    let undone = lib.run(&["unwatch", "short", "2"]);
    assert!(undone.contains("(1/2)"), "{undone}");
    let episodes = &lib.dramas()[0]["episodes"];
    assert_eq!(episodes[0]["watched_at"][0], "2024-02-01T12:30:00Z");
    assert_eq!(episodes.as_array().unwrap().len(), 1, "{episodes}");
}

#[test]
fn unwatch_takes_out_the_latest_watch_and_all_takes_out_every_one() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin", "--episodes", "16"]);
    lib.run(&["watch", "goblin", "3", "--at", "2022-05-01T21:00:00Z"]);
    lib.run(&[
        "watch",
        "goblin",
        "3",
        "--rewatch",
        "--at",
        "2025-01-10T21:00:00Z",
    ]);
    lib.run(&[
        "watch",
        "goblin",
        "3",
        "--rewatch",
        "--at",
        "2026-11-20T21:00:00Z",
    ]);

    let latest = lib.run(&["unwatch", "goblin", "3"]);
    assert!(latest.contains("took 1 watch of episode 3"), "{latest}");
    assert!(latest.contains("earlier watches stay"), "{latest}");
    let episodes = &lib.dramas()[0]["episodes"];
    assert_eq!(
        episodes[0]["watched_at"],
        serde_json::json!(["2022-05-01T21:00:00Z", "2025-01-10T21:00:00Z"])
    );

    let all = lib.run(&["unwatch", "goblin", "3", "--all"]);
    assert!(all.contains("took 2 watches of episode 3"), "{all}");
    assert!(lib.dramas()[0]["episodes"].as_array().unwrap().is_empty());
}

#[test]
fn an_episode_is_rated_and_annotated_and_shown() {
    let lib = TempLibrary::new();
    lib.run(&["add", "My Liberation Notes", "--episodes", "16"]);
    lib.run(&[
        "episode",
        "liberation",
        "11",
        "--rating",
        "10",
        "--notes",
        "The reed field.",
    ]);
    lib.run(&["episode", "liberation", "11", "--runtime", "70"]);
    let episode = &lib.dramas()[0]["episodes"][0];
    assert_eq!(episode["number"], 11);
    assert_eq!(episode["rating"], 10.0, "kept when the runtime was set");
    assert_eq!(episode["runtime_min"], 70);
    assert_eq!(episode["notes"], "The reed field.");
    let shown = lib.run(&["episode", "liberation", "11"]);
    assert!(
        shown.contains("70 min") && shown.contains("The reed field."),
        "{shown}"
    );
}
