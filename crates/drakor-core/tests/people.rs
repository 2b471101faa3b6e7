//! People and their aliases in a real library file: `공유` and `Gong Yoo`
//! as one person, their page grouped by drama with favourites first, the
//! filter by person under any name, and aliases carried by export and
//! merged on import, the same way every time.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Shortcuts, content, now, temp_library};
use drakor_core::{DramaDraft, Error, Library, Page, SceneDraft, SceneFilter};
use serde_json::{Value, json};
use uuid::Uuid;

fn scene(episode: u32, start: &str, title: &str, people: &[&str], favourite: bool) -> SceneDraft {
    SceneDraft {
        episode,
        start: start.into(),
        title: title.into(),
        people: people.iter().map(|p| (*p).to_owned()).collect(),
        favourite,
        ..SceneDraft::default()
    }
}

/// Goblin and Coffee Prince, with Gong Yoo written three ways.
fn library() -> (tempfile::TempDir, Library, Uuid, Uuid) {
    let (dir, mut lib) = temp_library();
    let goblin = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    let coffee = lib
        .add_drama(&DramaDraft::titled("Coffee Prince"), now())
        .unwrap()
        .id;
    for (drama, draft) in [
        (
            goblin,
            scene(1, "12:30", "First snow", &["공유", "Kim Go-eun"], false),
        ),
        (goblin, scene(1, "40:00", "The sword", &["공유"], true)),
        (
            goblin,
            scene(3, "05:00", "Buckwheat field", &["Gong Yoo"], false),
        ),
        (
            coffee,
            scene(2, "10:00", "Hired", &["gong yoo", "Yoon Eun-hye"], false),
        ),
    ] {
        lib.add_scene(drama, &draft, now()).unwrap();
    }
    (dir, lib, goblin, coffee)
}

fn titles_by_drama(lib: &Library, name: &str) -> Vec<(String, Vec<String>)> {
    lib.person(name)
        .unwrap()
        .dramas
        .into_iter()
        .map(|d| {
            (
                d.drama_title,
                d.scenes.into_iter().map(|s| s.title).collect(),
            )
        })
        .collect()
}

fn scene_titles(lib: &Library, person: &str) -> Vec<String> {
    let filter = SceneFilter {
        person: Some(person.into()),
        ..SceneFilter::default()
    };
    let page = lib.list_scenes(&filter, Page::ALL).unwrap();
    assert_eq!(
        page.total as usize,
        page.scenes.len(),
        "the count matches the scenes"
    );
    page.scenes.into_iter().map(|s| s.scene.title).collect()
}

#[test]
fn a_name_in_any_case_is_one_person_and_an_alias_joins_another_spelling() {
    let (_dir, mut lib, ..) = library();
    let people = lib.people().unwrap();
    let shown: Vec<(&str, u32)> = people.iter().map(|p| (p.name.as_str(), p.scenes)).collect();
    assert_eq!(
        shown,
        [
            ("Gong Yoo", 2),
            ("공유", 2),
            ("Kim Go-eun", 1),
            ("Yoon Eun-hye", 1)
        ],
        "`Gong Yoo` and `gong yoo` are one person, most scenes first, then by name"
    );
    let person = lib.add_alias("공유", "Gong Yoo").unwrap();
    assert_eq!(person.name, "공유");
    assert_eq!(person.aliases, ["Gong Yoo"]);
    assert_eq!(person.scenes, 4, "every scene under either name");
    let names: Vec<String> = lib.people().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["공유", "Kim Go-eun", "Yoon Eun-hye"]);
}

#[test]
fn a_persons_page_groups_scenes_by_drama_with_favourites_first() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let expected = vec![
        ("Coffee Prince".to_owned(), vec!["Hired".to_owned()]),
        (
            "Goblin".to_owned(),
            vec![
                "The sword".into(),
                "First snow".into(),
                "Buckwheat field".into(),
            ],
        ),
    ];
    assert_eq!(titles_by_drama(&lib, "공유"), expected);
    assert_eq!(
        titles_by_drama(&lib, "GONG YOO"),
        expected,
        "an alias, in any case, opens the person's page"
    );
    let page = lib.person("Gong Yoo").unwrap();
    assert_eq!(page.person.name, "공유");
    assert_eq!(page.person.scenes, 4);
    assert!(matches!(
        lib.person("Nobody").unwrap_err(),
        Error::NotFound { what: "person", .. }
    ));
}

#[test]
fn the_filter_by_person_matches_every_name_of_theirs_either_way() {
    let (_dir, mut lib, ..) = library();
    assert_eq!(scene_titles(&lib, "공유"), ["First snow", "The sword"]);
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let all = ["Hired", "First snow", "The sword", "Buckwheat field"];
    assert_eq!(
        scene_titles(&lib, "공유"),
        all,
        "the person's name finds the alias's scenes"
    );
    assert_eq!(
        scene_titles(&lib, "gong yoo"),
        all,
        "an alias finds the person's scenes"
    );
    assert!(scene_titles(&lib, "Nobody").is_empty());
}

#[test]
fn a_scene_added_with_an_alias_is_the_persons_and_keeps_the_name_typed() {
    let (_dir, mut lib, goblin, _) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    lib.add_alias("공유", "GY").unwrap();
    let added = lib
        .add_scene(
            goblin,
            &scene(16, "1:00:00", "Goodbye", &["GY"], false),
            now(),
        )
        .unwrap();
    assert_eq!(added.people, ["GY"], "the scene keeps what was typed");
    assert_eq!(lib.person("공유").unwrap().person.scenes, 5);
}

#[test]
fn an_alias_cannot_be_the_persons_own_name_or_another_persons_alias() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let own = lib.add_alias("Gong Yoo", "공유").unwrap_err();
    assert_eq!(own.code(), "invalid");
    assert!(
        own.to_string()
            .contains("alias: \"공유\" is already the name of \"공유\""),
        "{own}"
    );
    let same = lib.add_alias("공유", "ＧＯＮＧ ＹＯＯ").unwrap();
    assert_eq!(
        same.aliases,
        ["Gong Yoo"],
        "the same alias in another width is no new alias"
    );
    let elsewhere = lib.add_alias("Kim Go-eun", "gong yoo").unwrap_err();
    assert!(
        elsewhere
            .to_string()
            .contains("is already another name of \"공유\""),
        "{elsewhere}"
    );
    let unknown = lib.add_alias("Nobody", "Noone").unwrap_err();
    assert!(
        matches!(unknown, Error::NotFound { what: "person", .. }),
        "{unknown}"
    );
    let blank = lib.add_alias("공유", " ").unwrap_err();
    assert_eq!(blank.to_string(), "alias: must not be empty");
}

#[test]
fn merging_a_person_with_aliases_makes_all_their_names_the_others_and_stays_flat() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("Gong Yoo", "GY").unwrap();
    // 공유 takes Gong Yoo, who had an alias: both are 공유's now.
    let merged = lib.add_alias("공유", "Gong Yoo").unwrap();
    assert_eq!(merged.aliases, ["Gong Yoo", "GY"]);
    // An alias given to an alias goes to its person.
    let flat = lib.add_alias("GY", "Goblin guy").unwrap();
    assert_eq!(flat.name, "공유");
    assert_eq!(flat.aliases, ["Goblin guy", "Gong Yoo", "GY"]);
}

#[test]
fn removing_an_alias_gives_its_scenes_back_their_own_name() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let person = lib.remove_alias("gong yoo").unwrap();
    assert_eq!(person.name, "공유");
    assert!(person.aliases.is_empty());
    assert_eq!(person.scenes, 2);
    assert_eq!(lib.person("Gong Yoo").unwrap().person.name, "Gong Yoo");
    assert!(matches!(
        lib.remove_alias("Gong Yoo").unwrap_err(),
        Error::NotFound { what: "alias", .. }
    ));
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let not_alias = lib.remove_alias("공유").unwrap_err();
    assert!(not_alias.to_string().contains("is no alias"), "{not_alias}");
}

#[test]
fn an_export_carries_the_aliases_and_an_import_brings_them_in() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    lib.add_alias("공유", "GY").unwrap();
    let exported: Value = serde_json::from_str(&content(&lib)).unwrap();
    assert_eq!(exported["version"], 2);
    assert_eq!(
        exported["people"],
        json!([{ "name": "공유", "aliases": ["Gong Yoo", "GY"] }]),
        "aliases in the order of their keys"
    );
    let (_other_dir, mut other) = temp_library();
    let summary = other.import_json(&content(&lib), now(), false).unwrap();
    assert_eq!(summary.aliases_added, 2);
    assert_eq!(content(&other), content(&lib), "the copy is the library");
    let again = other.import_json(&content(&lib), now(), false).unwrap();
    assert_eq!(again.aliases_added, 0);
    assert!(!again.changed_anything(), "importing twice changes nothing");
}

#[test]
fn a_files_aliases_merge_with_ours_the_same_way_every_time_and_ours_win_a_conflict() {
    let file = json!({
        "format": "drakor", "version": 2,
        "exported_at": "2026-11-21T09:30:00Z", "app_version": "0.1.0",
        "dramas": [],
        "people": [
            { "name": "Kim Go-eun", "aliases": ["김고은", "GY"] },
            { "name": "Gong Yoo", "aliases": ["Goblin"] }
        ]
    })
    .to_string();
    let merged = || {
        let (dir, mut lib, ..) = library();
        lib.add_alias("공유", "Gong Yoo").unwrap();
        lib.add_alias("공유", "GY").unwrap();
        let summary = lib.import_json(&file, now(), false).unwrap();
        (dir, lib, summary)
    };
    let (_dir, lib, summary) = merged();
    assert_eq!(summary.aliases_added, 2, "김고은, and Goblin under 공유");
    assert_eq!(summary.aliases_skipped, 1, "GY is 공유's here and stays so");
    assert!(
        summary
            .to_string()
            .contains("1 of the file's aliases left out"),
        "{summary}"
    );
    let people: Vec<(String, Vec<String>)> = lib
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| !p.aliases.is_empty())
        .map(|p| (p.name, p.aliases))
        .collect();
    assert_eq!(
        people,
        [
            (
                "공유".to_owned(),
                vec!["Goblin".to_owned(), "Gong Yoo".into(), "GY".into()]
            ),
            ("Kim Go-eun".to_owned(), vec!["김고은".to_owned()]),
        ]
    );
    let (_dir2, lib2, _) = merged();
    assert_eq!(
        lib.people().unwrap(),
        lib2.people().unwrap(),
        "the same merge gives the same people"
    );
}

#[test]
fn a_file_without_people_or_of_version_1_imports_as_before() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let before = content(&lib);
    for version in [1, 2] {
        let file = json!({
            "format": "drakor", "version": version,
            "exported_at": "2026-11-21T09:30:00Z", "app_version": "0.1.0",
            "dramas": [],
            "people": if version == 1 { json!("not Drakor's in version 1") } else { Value::Null },
        });
        lib.import_json(&file.to_string(), now(), false).unwrap();
    }
    assert_eq!(content(&lib), before);
}

#[test]
fn a_file_with_people_that_are_not_flat_is_refused_whole() {
    let (_dir, mut lib, ..) = library();
    let before = content(&lib);
    let file = json!({
        "format": "drakor", "version": 2,
        "exported_at": "2026-11-21T09:30:00Z", "app_version": "0.1.0",
        "dramas": [],
        "people": [{ "name": "공유", "aliases": ["Gong Yoo"] }, { "name": "Gong Yoo", "aliases": ["GY"] }]
    });
    let err = lib
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert!(err.to_string().contains("people[1].name"), "{err}");
    assert_eq!(content(&lib), before, "nothing was written");
}

#[test]
fn stats_count_a_persons_scenes_under_their_name_whatever_spelling_scenes_use() {
    let (_dir, mut lib, ..) = library();
    lib.add_alias("공유", "Gong Yoo").unwrap();
    let stats = lib.stats(None, &chrono::Utc).unwrap();
    let top: Vec<(&str, u32)> = stats
        .top_people
        .iter()
        .map(|p| (p.name.as_str(), p.scenes))
        .collect();
    assert_eq!(top[0], ("공유", 4), "{top:?}");
    assert!(
        !top.iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("gong yoo")),
        "{top:?}"
    );
}
