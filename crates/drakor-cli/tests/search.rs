//! `drakor search` and `list --search` over what is written about
//! episodes: a hit names its drama (with the id that opens it) and the
//! episode, and follows edits, imports and removals.
#![allow(clippy::unwrap_used)]

mod common;

use common::TempLibrary;
use serde_json::Value;

fn search_json(lib: &TempLibrary, words: &str) -> Vec<Value> {
    let hits: Value = serde_json::from_str(&lib.run(&["search", words, "--json"])).unwrap();
    hits.as_array().unwrap().clone()
}

#[test]
fn an_episodes_notes_are_found_with_their_drama_and_episode() {
    let lib = TempLibrary::new().with_sample();
    lib.run(&[
        "episode",
        "My Liberation Notes",
        "11",
        "--title",
        "Worship",
        "--notes",
        "추앙해요. The persimmon scene at the bus stop.",
    ]);
    let found = lib.run(&["search", "persimmon"]);
    assert!(
        found.starts_with("episode My Liberation Notes (나의 해방일지), E11: Worship\n"),
        "{found}"
    );
    assert!(
        found.contains("The persimmon scene"),
        "the snippet: {found}"
    );

    // The sample's reed field kiss says the line too (its quote); the
    // episode is the one hit of its kind.
    let episodes: Vec<Value> = search_json(&lib, "추앙")
        .into_iter()
        .filter(|h| h["kind"] == "episode")
        .collect();
    let [hit] = <[Value; 1]>::try_from(episodes).unwrap();
    let shown: Value = serde_json::from_str(&lib.run(&["show", "liberation", "--json"])).unwrap();
    assert_eq!(hit["kind"], "episode");
    assert_eq!(hit["drama_id"], shown["id"], "the hit opens its drama");
    assert_eq!((&hit["season"], &hit["episode"]), (&1.into(), &11.into()));
    assert_eq!(hit["episode_title"], "Worship");

    let listed = lib.run(&["list", "--search", "persimmon"]);
    assert!(listed.contains("My Liberation Notes"), "{listed}");
    assert_eq!(
        listed.lines().count(),
        2,
        "the header and the one drama: {listed}"
    );
}

#[test]
fn episode_hits_follow_edits_imports_and_removals() {
    let lib = TempLibrary::new().with_sample();
    lib.run(&["episode", "goblin", "3", "--notes", "The persimmon tree."]);
    lib.run(&["episode", "goblin", "3", "--notes", "The quince tree."]);
    assert!(
        search_json(&lib, "persimmon").is_empty(),
        "the old words are gone"
    );
    assert_eq!(search_json(&lib, "quince").len(), 1);

    // A file with notes on an episode, imported into another library.
    let file = lib.path("goblin.json");
    lib.run(&["export", "-o", file.to_str().unwrap()]);
    let other = TempLibrary::new();
    other.run(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(
        search_json(&other, "quince").is_empty(),
        "a dry run indexes nothing"
    );
    other.run(&["import", file.to_str().unwrap()]);
    assert_eq!(
        search_json(&other, "quince").len(),
        1,
        "an import indexes its notes"
    );

    lib.run(&["rm", "Goblin"]);
    assert!(
        search_json(&lib, "quince").is_empty(),
        "a removed drama's episodes go"
    );
}

#[test]
fn hangul_inside_a_compound_title_finds_the_drama_through_the_binary() {
    let lib = TempLibrary::new().with_sample();
    let found = lib.run(&["search", "일지"]);
    assert!(
        found.starts_with("drama  My Liberation Notes (나의 해방일지)\n"),
        "{found}"
    );
    let [hit] = <[Value; 1]>::try_from(search_json(&lib, "찬란")).unwrap();
    assert_eq!(
        (&hit["kind"], &hit["matched"]),
        (&"drama".into(), &"drama_title".into())
    );
    assert_eq!(hit["drama_title"], "Goblin");

    let listed = lib.run(&["list", "--search", "해방일"]);
    assert_eq!(
        listed.lines().count(),
        2,
        "the header and the one drama: {listed}"
    );
    assert!(listed.contains("My Liberation Notes"), "{listed}");
}
