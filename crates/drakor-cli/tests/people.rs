//! `drakor people`, run as a process: the people in scenes with their
//! counts, an alias joining `Gong Yoo` to `공유`, the filter by person under
//! either name, and an alias taken away again.
#![allow(clippy::unwrap_used)]

mod common;

use common::TempLibrary;
use serde_json::Value;

/// The sample library, with Goblin's lead also written in Hangul.
fn library() -> TempLibrary {
    let lib = TempLibrary::new().with_sample();
    lib.run(&[
        "scene",
        "add",
        "goblin",
        "--episode",
        "1",
        "--at",
        "12:30",
        "--title",
        "First snow",
        "--person",
        "공유",
        "--favourite",
    ]);
    lib
}

fn scene_titles(lib: &TempLibrary, person: &str) -> Vec<String> {
    let json: Value =
        serde_json::from_str(&lib.run(&["scene", "list", "--person", person, "--json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn people_are_listed_with_their_scene_counts_and_aliases() {
    let lib = library();
    let table = lib.run(&["people"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("NAME"), "{table}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("공유") && l.contains(" 1")),
        "{table}"
    );
    lib.run(&["people", "alias", "공유", "Gong Yoo"]);
    let json: Value = serde_json::from_str(&lib.run(&["people", "--json"])).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({ "name": "공유", "aliases": ["Gong Yoo"], "scenes": 2 }),
        "the merged person leads with both scenes"
    );
    let table = lib.run(&["people"]);
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("공유") && l.ends_with("Gong Yoo")),
        "aliases are shown beside the name: {table}"
    );
    assert!(
        !table.lines().any(|l| l.starts_with("Gong Yoo")),
        "the alias is no person of its own: {table}"
    );
}

#[test]
fn an_alias_merges_scenes_and_the_filter_finds_them_under_either_name() {
    let lib = library();
    assert_eq!(scene_titles(&lib, "Gong Yoo"), ["Kiss by the sea"]);
    let said = lib.run(&["people", "alias", "공유", "Gong Yoo"]);
    assert_eq!(
        said.trim(),
        "\"Gong Yoo\" is another name of \"공유\" now; 2 scenes, also \"Gong Yoo\""
    );
    let both = ["First snow", "Kiss by the sea"];
    assert_eq!(
        scene_titles(&lib, "공유"),
        both,
        "the name finds the alias's scenes"
    );
    assert_eq!(
        scene_titles(&lib, "GONG YOO"),
        both,
        "the alias finds the name's, in any case"
    );
    let text = lib.run(&["scene", "list", "--person", "gong yoo"]);
    assert!(
        text.contains("with    Gong Yoo, Kim Go-eun"),
        "scenes keep the names typed: {text}"
    );
}

#[test]
fn unalias_gives_the_scenes_back_their_own_name() {
    let lib = library();
    lib.run(&["people", "alias", "공유", "Gong Yoo"]);
    let said = lib.run(&["people", "unalias", "gong yoo"]);
    assert_eq!(
        said.trim(),
        "\"gong yoo\" is no longer another name of \"공유\"; 1 scene"
    );
    assert_eq!(scene_titles(&lib, "공유"), ["First snow"]);
    let err = lib.fail(&["people", "unalias", "Gong Yoo"], 1);
    assert_eq!(
        err.trim(),
        "drakor: \"Gong Yoo\" is no alias (see `drakor people`)"
    );
}

#[test]
fn an_alias_that_is_the_persons_own_name_or_of_no_one_known_is_refused() {
    let lib = library();
    lib.run(&["people", "alias", "공유", "Gong Yoo"]);
    let own = lib.fail(&["people", "alias", "Gong Yoo", "공유"], 1);
    assert!(
        own.starts_with("drakor: alias: \"공유\" is already the name of \"공유\""),
        "{own}"
    );
    let unknown = lib.fail(&["people", "alias", "Nobody", "Noone"], 1);
    assert!(
        unknown.contains("no one in a scene is called \"Nobody\""),
        "{unknown}"
    );
    let elsewhere = lib.fail(&["people", "alias", "Kim Go-eun", "GONG YOO"], 1);
    assert!(
        elsewhere.contains("is already another name of \"공유\""),
        "{elsewhere}"
    );
}

#[test]
fn aliases_travel_with_an_export_to_another_library() {
    let lib = library();
    lib.run(&["people", "alias", "공유", "Gong Yoo"]);
    let file = lib.path("export.json");
    lib.run(&["export", "--output", file.to_str().unwrap()]);
    let other = TempLibrary::new();
    let said = other.run(&["import", file.to_str().unwrap()]);
    assert!(said.contains("1 aliases added"), "{said}");
    assert_eq!(
        scene_titles(&other, "gong yoo"),
        ["First snow", "Kiss by the sea"]
    );
}
