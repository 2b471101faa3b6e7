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
