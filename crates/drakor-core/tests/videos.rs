//! Episodes' video files: a drama linked to a folder keeps each match by
//! name relative to it, so a moved folder linked again keeps them all, and
//! what the user set by hand survives.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::*;

fn matched(pairs: &[(u32, &str)]) -> Vec<(u32, u32, String)> {
    pairs
        .iter()
        .map(|(e, f)| (1, *e, (*f).to_owned()))
        .collect()
}

#[test]
fn a_linked_folder_keeps_each_episode_file_by_its_name_and_a_moved_folder_keeps_them() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let files = matched(&[(1, "Liberation.S01E01.mkv"), (11, "Liberation.S01E11.mkv")]);
    lib.link_folder(id, Path::new("/videos/liberation"), &files)
        .unwrap();

    let links = lib.video_links(id).unwrap();
    assert_eq!(links.files.len(), 2);
    assert_eq!(
        links.path_of(1, 11).unwrap(),
        Path::new("/videos/liberation/Liberation.S01E11.mkv")
    );
    assert_eq!(
        lib.episode_of_video(Path::new("/videos/liberation/Liberation.S01E11.mkv"))
            .unwrap(),
        Some((id, 1, 11))
    );

    // The folder moved to another disk: linking it again keeps every match.
    lib.link_folder(id, Path::new("/media/usb/liberation"), &files)
        .unwrap();
    assert_eq!(
        lib.video_links(id).unwrap().path_of(1, 1).unwrap(),
        Path::new("/media/usb/liberation/Liberation.S01E01.mkv")
    );
    assert_eq!(
        lib.episode_of_video(Path::new("/videos/liberation/Liberation.S01E11.mkv"))
            .unwrap(),
        None,
        "the old place is forgotten"
    );
}

#[test]
fn a_file_set_by_hand_survives_linking_the_folder_again() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.link_folder(id, Path::new("/videos/l"), &matched(&[(1, "a 01.mkv")]))
        .unwrap();
    lib.link_episode_file(id, 1, 2, "extended/ep two (director's cut).mkv")
        .unwrap();
    lib.link_folder(
        id,
        Path::new("/videos/l"),
        &matched(&[(1, "a 01.mkv"), (2, "a 02.mkv")]),
    )
    .unwrap();
    let links = lib.video_links(id).unwrap();
    let two = links.files.iter().find(|f| f.episode == 2).unwrap();
    assert_eq!(two.file, "extended/ep two (director's cut).mkv");
    assert!(two.by_hand);
}

#[test]
fn a_file_outside_the_folder_is_refused_by_name_and_nothing_is_linked() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    for bad in ["../../etc/passwd", "/etc/passwd", ""] {
        let err = lib
            .link_folder(
                id,
                Path::new("/videos/l"),
                &matched(&[(1, "ok.mkv"), (2, bad)]),
            )
            .unwrap_err();
        let problem = &err.problems().unwrap().iter().next().unwrap().clone();
        assert_eq!(problem.field, "file", "{err}");
    }
    assert_eq!(lib.video_links(id).unwrap().folder, None);
}

#[test]
fn setting_a_file_by_hand_needs_a_linked_folder() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let err = lib.link_episode_file(id, 1, 3, "e03.mkv").unwrap_err();
    assert!(err.to_string().contains("link its folder first"), "{err}");
}

#[test]
fn the_untitled_filter_lists_only_bookmarks_still_to_be_named() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    for title in [drakor_core::UNTITLED, "Reed field kiss"] {
        let draft = drakor_core::SceneDraft {
            episode: 11,
            start: "48:12".into(),
            title: title.into(),
            ..drakor_core::SceneDraft::default()
        };
        lib.add_scene(id, &draft, now()).unwrap();
    }
    let filter = drakor_core::SceneFilter {
        untitled_only: true,
        ..drakor_core::SceneFilter::default()
    };
    let page = lib.list_scenes(&filter, drakor_core::Page::ALL).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.scenes[0].scene.title, "Untitled");
}

#[test]
fn a_file_set_by_hand_in_a_folder_inside_is_found_and_never_matched_to_another_episode() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let folder = Path::new("/videos/l");
    lib.link_folder(id, folder, &matched(&[(3, "a 03.mkv")]))
        .unwrap();
    lib.link_episode_file(id, 1, 5, "a 03.mkv").unwrap();
    lib.link_episode_file(id, 1, 7, "extras/seven.mkv").unwrap();
    // Linking again would match "a 03.mkv" to episode 3: the hand wins.
    lib.link_folder(id, folder, &matched(&[(3, "a 03.mkv")]))
        .unwrap();
    let links = lib.video_links(id).unwrap();
    assert!(links.files.iter().all(|f| f.episode != 3), "{links:?}");
    assert_eq!(
        lib.episode_of_video(Path::new("/videos/l/a 03.mkv"))
            .unwrap(),
        Some((id, 1, 5))
    );
    assert_eq!(
        lib.episode_of_video(Path::new("/videos/l/extras/seven.mkv"))
            .unwrap(),
        Some((id, 1, 7))
    );
}
