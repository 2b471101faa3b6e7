//! Destructive clicks that can be taken back: an unmark removes only the
//! latest watch unless told otherwise and says what it removed, and what it
//! removed can be put back exactly.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{RemovedWatch, Unmark};

#[test]
fn unmarking_takes_out_only_the_latest_watch_and_keeps_the_history() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let first = at("2022-05-01T21:00:00Z");
    let again = at("2025-01-10T21:00:00Z");
    let mistake = at("2026-11-20T21:00:00Z");
    lib.mark_watched(id, 1, &[3], first, now()).unwrap();
    lib.record_rewatch(id, 1, &[3], again, now()).unwrap();
    lib.record_rewatch(id, 1, &[3], mistake, now()).unwrap();

    let unmarked = lib.unmark_watched(id, 1, &[3], Unmark::Latest).unwrap();

    assert_eq!(unmarked.events, 1);
    assert_eq!(
        unmarked.removed,
        vec![RemovedWatch {
            season: 1,
            number: 3,
            watched_at: mistake
        }]
    );
    let episode = lib.get_drama(id).unwrap().episodes.remove(0);
    assert_eq!(episode.watched_at, vec![first, again]);
}

#[test]
fn unmarking_all_removes_every_watch_and_undo_puts_each_back_at_its_time() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let first = at("2022-05-01T21:00:00Z");
    let again = at("2025-01-10T21:00:00Z");
    lib.mark_watched(id, 1, &[1, 2], first, now()).unwrap();
    lib.record_rewatch(id, 1, &[2], again, now()).unwrap();
    let before = lib.get_drama(id).unwrap();

    let unmarked = lib.unmark_watched(id, 1, &[1, 2], Unmark::All).unwrap();
    assert_eq!(unmarked.events, 3);
    assert_eq!(lib.get_drama(id).unwrap().progress.watched, 0);

    let restored = lib.restore_watches(id, &unmarked.removed, now()).unwrap();
    assert_eq!(restored.events, 3);
    let after = lib.get_drama(id).unwrap();
    assert_eq!(after.episodes, before.episodes);
    assert_eq!(after.progress, before.progress);
}

#[test]
fn unmarking_an_episode_never_watched_removes_nothing() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let unmarked = lib.unmark_watched(id, 1, &[5], Unmark::Latest).unwrap();
    assert_eq!(unmarked.events, 0);
    assert!(unmarked.removed.is_empty());
}
