//! An import indexes its scenes for search at its end, in one statement
//! (see `DeferredIndex`): what it added or changed is found, what it
//! replaced is not, and the index stays sound.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::Shortcuts;
use drakor_core::{Library, LibraryFile, Page, SearchHitKind};
use drakor_testkit::generate::{self, Spec};

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap()
}

fn scene_hits(lib: &Library, word: &str) -> usize {
    lib.search(word, 1_000)
        .unwrap()
        .iter()
        .filter(|h| h.kind == SearchHitKind::Scene)
        .count()
}

fn import(lib: &mut Library, file: &LibraryFile) {
    let json = serde_json::to_string(file).unwrap();
    lib.import_json(&json, base(), false).unwrap();
}

#[test]
fn every_imported_scene_is_found_by_the_words_of_its_title() {
    let file = generate::library(&Spec::new(20, 600, 9), base()).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    import(&mut lib, &file);
    let scene = &file
        .dramas
        .iter()
        .find(|d| !d.scenes.is_empty())
        .unwrap()
        .scenes[0];
    let hits = lib.search(&scene.title, 1_000).unwrap();
    assert!(
        hits.iter().any(|h| h.scene_id == scene.id),
        "{:?} should be found by its own title",
        scene.title
    );
    let tagged = lib
        .list_scenes(
            &drakor_core::SceneFilter {
                tag: Some("kiss".into()),
                ..Default::default()
            },
            Page::ALL,
        )
        .unwrap()
        .scenes
        .len();
    assert!(
        scene_hits(&lib, "kiss") >= tagged.min(1_000),
        "every kiss-tagged scene is found by its tag"
    );
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_scene_changed_by_an_import_is_found_by_its_new_words_only() {
    let mut file = generate::library(&Spec::new(3, 20, 4), base()).unwrap();
    let drama = file
        .dramas
        .iter_mut()
        .find(|d| !d.scenes.is_empty())
        .unwrap();
    drama.scenes[0].notes = "The persimmon tree in the yard.".into();
    let mut lib = Library::open_in_memory().unwrap();
    import(&mut lib, &file);
    assert_eq!(scene_hits(&lib, "persimmon"), 1);

    let drama = file
        .dramas
        .iter_mut()
        .find(|d| !d.scenes.is_empty())
        .unwrap();
    let scene = &mut drama.scenes[0];
    scene.notes = "The quince tree in the yard.".into();
    scene.updated_at = Some(base() + Duration::days(1));
    import(&mut lib, &file);
    assert_eq!(
        scene_hits(&lib, "persimmon"),
        0,
        "the replaced notes are gone from the index"
    );
    assert_eq!(scene_hits(&lib, "quince"), 1, "the new notes are indexed");
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_dry_run_import_leaves_the_index_as_it_was() {
    let file = generate::library(&Spec::new(5, 100, 6), base()).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let json = serde_json::to_string(&file).unwrap();
    lib.import_json(&json, base(), true).unwrap();
    assert_eq!(scene_hits(&lib, "kiss"), 0);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_word_matching_more_scenes_than_are_ranked_still_fills_the_page() {
    let file = generate::library(&Spec::new(30, 3_000, 2), base()).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    import(&mut lib, &file);
    let hits = lib.search(generate::COMMON_WORD, 100).unwrap();
    assert_eq!(hits.len(), 100, "a common word fills a page of 100");
    let more = lib.search(generate::COMMON_WORD, 1_000).unwrap();
    assert!(
        more.len() > 500,
        "a limit above the usual number of ranked matches ranks that many ({})",
        more.len()
    );
}
