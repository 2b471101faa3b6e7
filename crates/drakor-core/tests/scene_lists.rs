//! The Scenes list as the screen shows and exports it: its orders (by
//! drama, newest first, favourites first) and the "★ only" export filter.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use drakor_core::{
    DramaDraft, ExportFilter, Library, Page, SceneDraft, SceneFilter, SceneSort, Status,
};
use uuid::Uuid;

/// "Vincenzo" and "Goblin", added in that order, each with scenes added
/// out of episode order a minute apart; `(title, favourite)` per scene.
fn two_dramas() -> (tempfile::TempDir, Library) {
    let (dir, mut lib) = temp_library();
    let mut minute = 0;
    let mut add =
        |lib: &mut Library, drama: Uuid, episode: u32, start: &str, title: &str, fav: bool| {
            minute += 1;
            let draft = SceneDraft {
                episode,
                start: start.into(),
                title: title.into(),
                favourite: fav,
                ..SceneDraft::default()
            };
            lib.add_scene(drama, &draft, now() + Duration::minutes(minute))
                .unwrap();
        };
    let vincenzo = lib
        .add_drama(&DramaDraft::titled("Vincenzo"), now())
        .unwrap()
        .id;
    let mut goblin = DramaDraft::titled("goblin");
    goblin.status = Status::Watching;
    let goblin = lib.add_drama(&goblin, now()).unwrap().id;
    add(&mut lib, vincenzo, 8, "10:00", "Vincenzo E8", false);
    add(&mut lib, goblin, 2, "5:00", "Goblin E2", false);
    add(&mut lib, vincenzo, 1, "30:00", "Vincenzo E1 late", true);
    add(&mut lib, goblin, 1, "40:00", "Goblin E1", true);
    add(&mut lib, vincenzo, 1, "2:00", "Vincenzo E1 early", false);
    (dir, lib)
}

fn titles(lib: &Library, sort: SceneSort) -> Vec<String> {
    let filter = SceneFilter {
        sort,
        ..SceneFilter::default()
    };
    lib.list_scenes(&filter, Page::ALL)
        .unwrap()
        .scenes
        .into_iter()
        .map(|s| s.scene.title)
        .collect()
}

#[test]
fn by_drama_lists_dramas_a_to_z_whatever_their_case_and_each_in_episode_and_time_order() {
    let (_dir, lib) = two_dramas();
    assert_eq!(
        titles(&lib, SceneSort::Drama),
        [
            "Goblin E1",
            "Goblin E2",
            "Vincenzo E1 early",
            "Vincenzo E1 late",
            "Vincenzo E8"
        ]
    );
}

#[test]
fn newest_first_lists_the_last_bookmark_first_across_dramas() {
    let (_dir, lib) = two_dramas();
    assert_eq!(
        titles(&lib, SceneSort::Newest),
        [
            "Vincenzo E1 early",
            "Goblin E1",
            "Vincenzo E1 late",
            "Goblin E2",
            "Vincenzo E8"
        ]
    );
}

#[test]
fn favourites_first_keeps_dramas_together_and_puts_their_starred_scenes_first() {
    let (_dir, lib) = two_dramas();
    assert_eq!(
        titles(&lib, SceneSort::Favourites),
        [
            "Goblin E1",
            "Goblin E2",
            "Vincenzo E1 late",
            "Vincenzo E1 early",
            "Vincenzo E8"
        ]
    );
}

#[test]
fn pages_of_the_newest_first_list_follow_on_without_overlap() {
    let (_dir, lib) = two_dramas();
    let filter = SceneFilter {
        sort: SceneSort::Newest,
        ..SceneFilter::default()
    };
    let page = |offset| {
        lib.list_scenes(&filter, Page { offset, limit: 2 })
            .unwrap()
            .scenes
            .into_iter()
            .map(|s| s.scene.title)
            .collect::<Vec<_>>()
    };
    let joined: Vec<String> = [page(0), page(2), page(4)].concat();
    assert_eq!(joined, titles(&lib, SceneSort::Newest));
}

#[test]
fn a_favourites_export_holds_only_starred_scenes() {
    let (_dir, lib) = two_dramas();
    let file = lib
        .export(
            &ExportFilter {
                favourites: true,
                ..ExportFilter::default()
            },
            now(),
        )
        .unwrap();
    let scenes: Vec<(&str, Vec<&str>)> = file
        .dramas
        .iter()
        .map(|d| {
            (
                d.title.as_str(),
                d.scenes.iter().map(|s| s.title.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        scenes,
        [
            ("Vincenzo", vec!["Vincenzo E1 late"]),
            ("goblin", vec!["Goblin E1"]),
        ]
    );
    assert!(
        file.lists.is_empty(),
        "a part of the library carries no lists"
    );
}

#[test]
fn a_favourites_export_leaves_out_a_drama_without_starred_scenes() {
    let (_dir, lib) = two_dramas();
    let goblin = lib.find_drama("goblin").unwrap();
    let none = lib
        .export(
            &ExportFilter {
                favourites: true,
                status: Some(Status::Completed),
                ..ExportFilter::default()
            },
            now(),
        )
        .unwrap();
    assert!(none.dramas.is_empty(), "no completed drama has a ★ scene");
    let one = lib
        .export(
            &ExportFilter {
                favourites: true,
                drama_id: Some(goblin),
                ..ExportFilter::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(one.dramas.len(), 1);
    assert_eq!(one.dramas[0].scenes.len(), 1);
}

#[test]
fn a_favourites_export_keeps_only_the_episodes_of_its_scenes() {
    let (_dir, mut lib) = temp_library();
    lib.load_sample(now()).unwrap();
    let liberation = lib.find_drama("My Liberation Notes").unwrap();
    let whole = lib
        .export(
            &ExportFilter {
                drama_id: Some(liberation),
                ..ExportFilter::default()
            },
            now(),
        )
        .unwrap();
    assert!(whole.dramas[0].episodes.len() > 1, "the sample logs many");
    let starred = lib
        .export(
            &ExportFilter {
                drama_id: Some(liberation),
                favourites: true,
                ..ExportFilter::default()
            },
            now(),
        )
        .unwrap();
    let episodes: Vec<u32> = starred.dramas[0]
        .episodes
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(episodes, [11], "the reed field kiss is in episode 11");
}

#[test]
fn favourites_with_a_tag_keep_the_starred_scenes_that_have_it() {
    let (_dir, mut lib) = temp_library();
    lib.load_sample(now()).unwrap();
    let md = lib
        .export_markdown(
            &ExportFilter {
                tag: Some("kiss".into()),
                favourites: true,
                ..ExportFilter::default()
            },
            None,
        )
        .unwrap();
    assert!(md.starts_with("# Favourite kiss scenes\n"), "{md}");
    assert!(md.contains("Reed field kiss"), "{md}");
    assert!(!md.contains("Kiss by the sea"), "not a favourite: {md}");
}

#[test]
fn only_favourites_is_not_the_whole_library() {
    let filter = ExportFilter {
        favourites: true,
        ..ExportFilter::default()
    };
    assert!(!filter.is_everything());
    assert!(ExportFilter::default().is_everything());
}

#[test]
fn a_scene_tag_only_export_leaves_the_untagged_scenes_of_a_tagged_drama_out() {
    let (_dir, mut lib) = temp_library();
    lib.load_sample(now()).unwrap();
    let goblin = lib.find_drama("Goblin").unwrap();
    let scene = SceneDraft {
        episode: 1,
        start: "3:00".into(),
        title: "The first snow".into(),
        ..SceneDraft::default()
    };
    lib.add_scene(goblin, &scene, now()).unwrap();
    let scenes_of = |scene_tag_only| {
        let filter = ExportFilter {
            tag: Some("fantasy".into()),
            scene_tag_only,
            ..ExportFilter::default()
        };
        lib.export(&filter, now())
            .unwrap()
            .dramas
            .iter()
            .flat_map(|d| d.scenes.iter().map(|s| s.title.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        scenes_of(false).len(),
        2,
        "Goblin is tagged fantasy: it goes whole"
    );
    assert!(
        scenes_of(true).is_empty(),
        "no scene is tagged fantasy, as the Scenes screen lists them"
    );
}
