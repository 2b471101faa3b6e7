//! What plays, mapped to the library: a stream title that names no drama is
//! refused until the user names the drama, and then remembered.
#![allow(clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use drakor_core::{DramaDraft, Library};
use drakor_player::now::{Bookmark, BookmarkError, bookmark, playing_episode};
use drakor_player::playing::Playing;

fn stream(title: &str, at_ms: u64) -> Playing {
    Playing {
        player: "mpris:firefox".into(),
        position_ms: at_ms,
        file: None,
        url: Some("https://www.viki.com/videos/1".into()),
        title: Some(title.into()),
        paused: false,
    }
}

#[test]
fn a_title_the_user_once_named_finds_its_drama_the_next_time() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 21, 0, 0).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let draft = DramaDraft {
        title: "Twinkling Watermelon".into(),
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&draft, now).unwrap().id;
    let eleven = stream("반짝이는 워터멜론 Ep. 11 | Viki", 2_892_640);

    let err = bookmark(&mut lib, &eleven, Bookmark::default(), now).unwrap_err();
    assert!(matches!(err, BookmarkError::UnknownDrama(_)), "{err}");
    assert!(
        lib.get_drama(id).unwrap().scenes.is_empty(),
        "nothing written"
    );

    let named = Bookmark {
        drama: Some(id),
        ..Bookmark::default()
    };
    let scene = bookmark(&mut lib, &eleven, named, now).unwrap();
    assert_eq!((scene.episode, scene.start.as_millis()), (11, 2_892_000));
    assert_eq!(scene.title, "Untitled");

    let twelve = stream("반짝이는 워터멜론 Ep. 12 | Viki", 60_000);
    let found = playing_episode(&lib, &twelve).unwrap().unwrap();
    assert_eq!(found.drama_id, id);
    assert_eq!(found.episode, Some(12));
}

#[test]
fn the_open_drama_is_only_a_fallback_and_is_not_remembered() {
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 21, 0, 0).unwrap();
    let mut lib = Library::open_in_memory().unwrap();
    let add = |lib: &mut Library, title: &str| {
        let draft = DramaDraft {
            title: title.into(),
            ..DramaDraft::default()
        };
        lib.add_drama(&draft, now).unwrap().id
    };
    let page = add(&mut lib, "Goblin");
    let playing_drama = add(&mut lib, "Signal");
    // What plays names Signal: the open Goblin page does not take it.
    let on_page = Bookmark {
        fallback_drama: Some(page),
        ..Bookmark::default()
    };
    let scene = bookmark(
        &mut lib,
        &stream("Signal Ep. 3 | Netflix", 1000),
        on_page.clone(),
        now,
    )
    .unwrap();
    assert_eq!(scene.drama_id, playing_drama);
    // A show that names nothing goes to the open page, and is not remembered.
    let scene = bookmark(&mut lib, &stream("Some Stream Ep. 4", 1000), on_page, now).unwrap();
    assert_eq!(scene.drama_id, page);
    assert!(
        playing_episode(&lib, &stream("Some Stream Ep. 5", 1000))
            .unwrap()
            .is_none()
    );
}
