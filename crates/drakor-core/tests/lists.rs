//! Lists of scenes and dramas in a real library file: names unique in any
//! case, entries in the order the user gives, every change one transaction,
//! and a deleted scene or drama leaving a consistent list that says so.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Shortcuts, content, liberation, now, reed_field_kiss, sample_text, temp_library};
use drakor_core::{
    DramaDraft, EntryRef, Error, ExportFilter, Library, ListDraft, ListFormat, Ost, Quote,
    SceneDraft,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// A library with two dramas and three scenes; the ids of the scenes.
fn library() -> (tempfile::TempDir, Library, Uuid, Vec<Uuid>) {
    let (dir, mut lib) = temp_library();
    let mln = lib.add_drama(&liberation(), now()).unwrap().id;
    let goblin = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    let said = SceneDraft {
        quote: Some(Quote {
            text: "날 추앙해요.".into(),
            translation: Some("Worship me.".into()),
        }),
        ..reed_field_kiss()
    };
    let kiss = lib.add_scene(mln, &said, now()).unwrap().id;
    let snow = SceneDraft {
        episode: 1,
        start: "12:30".into(),
        title: "First snow".into(),
        ..SceneDraft::default()
    };
    let first = lib.add_scene(goblin, &snow, now()).unwrap().id;
    let beach = SceneDraft {
        episode: 8,
        start: "55:30".into(),
        title: "Kiss by the sea".into(),
        ost: Some(Ost {
            title: "Stay With Me".into(),
            artist: "Chanyeol & Punch".into(),
        }),
        ..SceneDraft::default()
    };
    let sea = lib.add_scene(goblin, &beach, now()).unwrap().id;
    (dir, lib, goblin, vec![kiss, first, sea])
}

fn order(lib: &Library, list: Uuid) -> Vec<String> {
    lib.get_list(list)
        .unwrap()
        .items
        .into_iter()
        .map(|e| match e.scene {
            Some(scene) => format!("{}. {}", e.position, scene.title),
            None => format!("{}. {}", e.position, e.drama_title),
        })
        .collect()
}

#[test]
fn a_list_holds_scenes_and_dramas_in_the_order_given_with_their_notes() {
    let (_dir, mut lib, goblin, scenes) = library();
    let list = lib
        .create_list(&ListDraft::named("The best drakor kiss scenes"), now())
        .unwrap()
        .id;
    lib.add_to_list(
        list,
        EntryRef::Scene(scenes[0]),
        "#1 because of the reeds",
        None,
        now(),
    )
    .unwrap();
    lib.add_to_list(list, EntryRef::Scene(scenes[2]), "", None, now())
        .unwrap();
    let at = lib
        .add_to_list(
            list,
            EntryRef::Drama(goblin),
            "the whole thing",
            Some(1),
            now(),
        )
        .unwrap();
    assert_eq!(at, 1);
    assert_eq!(
        order(&lib, list),
        ["1. Goblin", "2. Reed field kiss", "3. Kiss by the sea"]
    );
    let detail = lib.get_list(list).unwrap();
    assert_eq!(detail.items[1].note, "#1 because of the reeds");
    assert_eq!(detail.items[1].drama_title, "My Liberation Notes");
    assert_eq!(detail.list.entries, 3);
    assert_eq!(lib.lists().unwrap()[0].entries, 3);
}

#[test]
fn names_are_unique_in_any_case_and_a_list_is_found_by_name_or_id() {
    let (_dir, mut lib, _, _) = library();
    let list = lib
        .create_list(&ListDraft::named("Comfort Rewatches"), now())
        .unwrap();
    let err = lib
        .create_list(&ListDraft::named("comfort REWATCHES"), now())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("a list called \"Comfort Rewatches\" already exists"),
        "{err}"
    );
    lib.create_list(&ListDraft::named("비 오는 주의 드라마"), now())
        .unwrap();
    assert_eq!(lib.find_list("comfort rewatches").unwrap(), list.id);
    assert_eq!(lib.find_list(&list.id.to_string()[..30]).unwrap(), list.id);
    assert!(matches!(lib.find_list("nope"), Err(Error::NotFound { .. })));
    let renamed = lib
        .update_list(list.id, &ListDraft::named("Comfort rewatches"), now())
        .unwrap();
    assert_eq!(
        renamed.name, "Comfort rewatches",
        "a list may change its own name's case"
    );
}

#[test]
fn reordering_moves_one_entry_and_a_bad_position_changes_nothing() {
    let (_dir, mut lib, _, scenes) = library();
    let list = lib
        .create_list(&ListDraft::named("Kisses"), now())
        .unwrap()
        .id;
    for scene in &scenes {
        lib.add_to_list(list, EntryRef::Scene(*scene), "", None, now())
            .unwrap();
    }
    lib.move_in_list(list, 3, 1, now()).unwrap();
    assert_eq!(
        order(&lib, list),
        ["1. Kiss by the sea", "2. Reed field kiss", "3. First snow"]
    );
    let before = order(&lib, list);
    let err = lib.move_in_list(list, 4, 1, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "from: 4 is not a position in the list (1–3)"
    );
    assert_eq!(order(&lib, list), before);
    lib.drop_from_list(list, 2, now()).unwrap();
    assert_eq!(order(&lib, list), ["1. Kiss by the sea", "2. First snow"]);
}

#[test]
fn deleting_a_listed_scene_or_drama_leaves_a_consistent_list_that_says_so() {
    let (_dir, mut lib, goblin, scenes) = library();
    let list = lib
        .create_list(&ListDraft::named("Everything"), now())
        .unwrap()
        .id;
    lib.add_to_list(list, EntryRef::Scene(scenes[0]), "", None, now())
        .unwrap();
    lib.add_to_list(list, EntryRef::Scene(scenes[1]), "", None, now())
        .unwrap();
    lib.add_to_list(list, EntryRef::Drama(goblin), "", None, now())
        .unwrap();
    lib.add_to_list(list, EntryRef::Scene(scenes[2]), "", None, now())
        .unwrap();

    lib.delete_scene(scenes[0]).unwrap();
    let detail = lib.get_list(list).unwrap();
    assert_eq!(detail.list.dropped, 1);
    assert_eq!(
        detail.items.iter().map(|e| e.position).collect::<Vec<_>>(),
        [1, 2, 3],
        "positions count from 1 with no gap"
    );

    lib.delete_drama(goblin).unwrap();
    let detail = lib.get_list(list).unwrap();
    assert!(
        detail.items.is_empty(),
        "the drama and both its scenes left"
    );
    assert_eq!(detail.list.dropped, 4);
    // A change to the list is the user having seen it.
    lib.update_list(list, &ListDraft::named("Everything"), now())
        .unwrap();
    assert_eq!(lib.get_list(list).unwrap().list.dropped, 0);
}

#[test]
fn hostile_names_and_notes_are_refused_by_field_and_nothing_is_written() {
    let (_dir, mut lib, _, scenes) = library();
    let before = content(&lib);
    let err = lib
        .create_list(&ListDraft::named("Best\u{0}kisses"), now())
        .unwrap_err();
    assert!(err.to_string().starts_with("name:"), "{err}");
    let list = lib
        .create_list(&ListDraft::named("<b>Kisses</b> & \"more\""), now())
        .unwrap();
    assert_eq!(
        list.name, "<b>Kisses</b> & \"more\"",
        "kept as typed: it is text"
    );
    let err = lib
        .add_to_list(
            list.id,
            EntryRef::Scene(scenes[0]),
            &"x".repeat(10_001),
            None,
            now(),
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("note:"), "{err}");
    let err = lib
        .add_to_list(list.id, EntryRef::Scene(Uuid::nil()), "", None, now())
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { what: "scene", .. }),
        "{err}"
    );
    assert_eq!(lib.get_list(list.id).unwrap().items.len(), 0);
    lib.delete_list(list.id).unwrap();
    assert_eq!(content(&lib), before);
}

/// The library with one list of two scenes and a drama, as an export.
fn exported_with_a_list() -> (Library, String) {
    let (_dir, mut lib, goblin, scenes) = library();
    let list = lib
        .create_list(
            &ListDraft {
                name: "Kisses".into(),
                description: "Argue in the comments".into(),
            },
            now(),
        )
        .unwrap()
        .id;
    lib.add_to_list(list, EntryRef::Scene(scenes[2]), "by the sea", None, now())
        .unwrap();
    lib.add_to_list(list, EntryRef::Drama(goblin), "", None, now())
        .unwrap();
    lib.add_to_list(list, EntryRef::Scene(scenes[0]), "#1", Some(1), now())
        .unwrap();
    let text = lib.export_json(&ExportFilter::default(), now()).unwrap();
    (lib, text)
}

#[test]
fn a_full_export_carries_the_lists_and_an_empty_library_gets_them_back_identical() {
    let (_lib, first) = exported_with_a_list();
    let v: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["version"], 2);
    let entries = &v["lists"][0]["entries"];
    assert_eq!(entries[0]["note"], "#1");
    assert!(entries[0]["scene"].is_string() && entries[0].get("drama").is_none());
    assert!(entries[2]["drama"].is_string());

    let mut copy = Library::open_in_memory().unwrap();
    let summary = copy.import_json(&first, now(), false).unwrap();
    assert_eq!(summary.lists_added, 1);
    let again = copy.export_json(&ExportFilter::default(), now()).unwrap();
    assert_eq!(
        again, first,
        "v2 → export → empty library → export is identical"
    );
    let twice = copy.import_json(&first, now(), false).unwrap();
    assert!(
        !twice.changed_anything(),
        "importing twice changes nothing: {twice}"
    );
}

#[test]
fn a_version_1_file_imports_as_version_2_without_lists() {
    // The sample as version 1 wrote it: no songs or famous lines.
    let mut v1: Value = serde_json::from_str(&sample_text()).unwrap();
    v1["version"] = 1.into();
    for drama in v1["dramas"].as_array_mut().unwrap() {
        for scene in drama["scenes"].as_array_mut().unwrap() {
            let scene = scene.as_object_mut().unwrap();
            scene.remove("ost");
            scene.remove("quote");
        }
    }
    // Whatever a "lists" key holds in a version 1 file is not Drakor's.
    v1["lists"] = json!("not ours");
    let mut lib = Library::open_in_memory().unwrap();
    lib.import_json(&v1.to_string(), now(), false).unwrap();
    let out: Value =
        serde_json::from_str(&lib.export_json(&ExportFilter::default(), now()).unwrap()).unwrap();
    assert_eq!(out["version"], 2);
    assert_eq!(out["lists"], json!([]));
    let mut back = v1.clone();
    back["version"] = 2.into();
    back["lists"] = json!([]);
    for drama in back["dramas"].as_array_mut().unwrap() {
        for scene in drama["scenes"].as_array_mut().unwrap() {
            scene["ost"] = Value::Null;
            scene["quote"] = Value::Null;
        }
    }
    assert_eq!(
        out["dramas"], back["dramas"],
        "v1 → v2 keeps every drama as it was, its scenes without a song or line"
    );
}

#[test]
fn a_list_naming_a_missing_scene_or_a_taken_name_refuses_the_whole_import() {
    let (_lib, text) = exported_with_a_list();
    let mut file: Value = serde_json::from_str(&text).unwrap();
    file["lists"][0]["entries"][1]["scene"] = json!(Uuid::nil());
    let mut fresh = Library::open_in_memory().unwrap();
    let err = fresh
        .import_json(&file.to_string(), now(), false)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("lists[0].entries[1].scene: no scene 00000000-0000-0000-0000-000000000000"),
        "{err}"
    );
    assert!(fresh.lists().unwrap().is_empty());
    assert!(
        fresh.list_dramas(&Default::default()).unwrap().is_empty(),
        "nothing was written"
    );

    let (_lib, text) = exported_with_a_list();
    let mut other = Library::open_in_memory().unwrap();
    other
        .create_list(&ListDraft::named("KISSES"), now())
        .unwrap();
    let err = other.import_json(&text, now(), false).unwrap_err();
    assert!(
        err.to_string()
            .contains("lists[0].name: the library has another list called \"KISSES\""),
        "{err}"
    );

    let mut twice: Value = serde_json::from_str(&text).unwrap();
    let list = twice["lists"][0].clone();
    let mut renamed = list.clone();
    renamed["id"] = json!(Uuid::now_v7());
    renamed["name"] = json!("kisses");
    twice["lists"] = json!([list, renamed]);
    let err = Library::open_in_memory()
        .unwrap()
        .import_json(&twice.to_string(), now(), false)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("lists[1].name: a list called \"kisses\" appears twice"),
        "{err}"
    );
}

#[test]
fn a_filtered_export_carries_no_lists() {
    let (lib, _) = exported_with_a_list();
    let filter = ExportFilter {
        tag: Some("kiss".into()),
        ..ExportFilter::default()
    };
    let v: Value = serde_json::from_str(&lib.export_json(&filter, now()).unwrap()).unwrap();
    assert_eq!(
        v["lists"],
        json!([]),
        "its lists could name scenes it leaves out"
    );
}

#[test]
fn a_list_shares_as_numbered_markdown_csv_and_a_drakor_file_another_library_imports() {
    let (lib, _) = exported_with_a_list();
    let list = lib.find_list("kisses").unwrap();
    let md = lib.export_list(list, ListFormat::Markdown, now()).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "# Kisses");
    assert!(
        md.contains(
            "\n1. **Reed field kiss** ★ · My Liberation Notes · 나의 해방일지, E11 48:12–49:40\n   \
             > 날 추앙해요. (Worship me.)\n"
        ),
        "the famous line is quoted under the scene: {md}"
    );
    assert!(
        md.contains(
            "\n2. **Kiss by the sea** · Goblin, E8 55:30\n   - ♪ Stay With Me — Chanyeol & Punch\n   \
             - by the sea\n"
        ),
        "the song is an item under the scene: {md}"
    );
    assert!(md.contains("\n3. **Goblin** (the drama)\n"), "{md}");

    let csv = lib.export_list(list, ListFormat::Csv, now()).unwrap();
    let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(rows[0].starts_with("position,kind,drama"));
    assert!(
        rows[1].starts_with("1,scene,My Liberation Notes,나의 해방일지,1,11,48:12"),
        "{csv}"
    );
    assert!(
        rows[1].ends_with(",,,날 추앙해요.,Worship me."),
        "the line and its translation are the last columns: {csv}"
    );
    assert!(
        rows[2].ends_with(",Stay With Me,Chanyeol & Punch,,"),
        "the song's title and artist come before them: {csv}"
    );
    assert!(rows[3].starts_with("3,drama,Goblin"), "{csv}");

    let json = lib.export_list(list, ListFormat::Json, now()).unwrap();
    let shared: Value = serde_json::from_str(&json).unwrap();
    for drama in shared["dramas"].as_array().unwrap() {
        assert_eq!(
            drama["episodes"],
            json!([]),
            "no watch history travels with a list"
        );
        assert_eq!(drama["notes"], "");
        assert_eq!(drama["rating"], Value::Null);
    }
    let goblin_scenes = shared["dramas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Goblin")
        .unwrap()["scenes"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(goblin_scenes, 1, "only the listed scene of Goblin's two");
    // A friend's own copy of a drama is not changed by importing the list.
    let mut friend = Library::open_in_memory().unwrap();
    friend.import_json(&json, now(), false).unwrap();
    let mut other = Library::open_in_memory().unwrap();
    other.import_json(&json, now(), false).unwrap();
    let copy = other.get_list(list).unwrap();
    assert_eq!(copy.items.len(), 3);
    assert_eq!(
        other.list_dramas(&Default::default()).unwrap().len(),
        2,
        "only the dramas it names"
    );
}

#[test]
fn a_list_s_markdown_escapes_what_the_user_typed() {
    let (_dir, mut lib, goblin, _) = library();
    let list = lib
        .create_list(&ListDraft::named("*Best* [kisses](http://x)"), now())
        .unwrap()
        .id;
    lib.add_to_list(list, EntryRef::Drama(goblin), "1. <b>rain</b>", None, now())
        .unwrap();
    let md = lib.export_list(list, ListFormat::Markdown, now()).unwrap();
    assert!(
        md.starts_with("# \\*Best\\* \\[kisses\\](http://x)\n"),
        "{md}"
    );
    assert!(md.contains("   - 1\\. \\<b>rain\\</b>"), "{md}");
}

#[test]
fn a_shared_list_leaves_the_friends_own_copy_of_a_drama_as_it_is() {
    let (lib, _) = exported_with_a_list();
    let list = lib.find_list("kisses").unwrap();
    let json = lib.export_list(list, ListFormat::Json, now()).unwrap();
    // The friend has the same library, and rated Goblin since.
    let mut friend = Library::open_in_memory().unwrap();
    friend
        .import_json(
            &lib.export_json(&ExportFilter::default(), now()).unwrap(),
            now(),
            false,
        )
        .unwrap();
    friend.delete_list(list).unwrap();
    let goblin = friend.find_drama("Goblin").unwrap();
    let mut rated = friend.get_drama(goblin).unwrap().drama.fields;
    rated.rating = Some(9.0);
    friend.update_drama(goblin, &rated, now()).unwrap();
    let before = friend.get_drama(goblin).unwrap();
    friend.import_json(&json, now(), false).unwrap();
    assert_eq!(friend.get_drama(goblin).unwrap(), before);
    assert_eq!(friend.get_list(list).unwrap().items.len(), 3);
}

#[test]
fn a_list_entry_follows_its_drama_when_the_drama_merges_by_tmdb_id() {
    let (_dir, mut lib, goblin, _) = library();
    let mut fields = lib.get_drama(goblin).unwrap().drama.fields;
    fields.external_ids.tmdb = Some(67915);
    lib.update_drama(goblin, &fields, now()).unwrap();
    let list = lib
        .create_list(&ListDraft::named("Fantasy"), now())
        .unwrap()
        .id;
    lib.add_to_list(list, EntryRef::Drama(goblin), "", None, now())
        .unwrap();
    let mut file: Value =
        serde_json::from_str(&lib.export_list(list, ListFormat::Json, now()).unwrap()).unwrap();
    // A friend's file: the same show (by TMDB id) under the friend's own id.
    let theirs = Uuid::now_v7();
    file["dramas"][0]["id"] = json!(theirs);
    file["lists"][0]["entries"][0]["drama"] = json!(theirs);
    file["lists"][0]["id"] = json!(Uuid::now_v7());
    file["lists"][0]["name"] = json!("Their fantasy");
    lib.import_json(&file.to_string(), now(), false).unwrap();
    let theirs_list = lib.find_list("their fantasy").unwrap();
    assert_eq!(lib.get_list(theirs_list).unwrap().items[0].drama_id, goblin);
}
