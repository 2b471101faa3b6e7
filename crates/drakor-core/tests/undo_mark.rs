//! The Undo of a mark: it takes out exactly the watches the mark wrote.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use drakor_core::{DramaDraft, Library, Status};
use uuid::Uuid;

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn goblin(lib: &mut Library) -> Uuid {
    let draft = DramaDraft {
        title: "Goblin".into(),
        total_episodes: Some(16),
        status: Status::Watching,
        ..DramaDraft::default()
    };
    lib.add_drama(&draft, instant("2026-10-01T00:00:00Z"))
        .unwrap()
        .id
}

fn watches_of(lib: &Library, id: Uuid, number: u32) -> Vec<DateTime<Utc>> {
    let detail = lib.get_drama(id).unwrap();
    detail
        .episodes
        .iter()
        .find(|e| e.season == 1 && e.number == number)
        .map(|e| e.watched_at.clone())
        .unwrap_or_default()
}

#[test]
fn a_mark_says_which_watches_it_wrote_and_skips_episodes_already_watched() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = goblin(&mut lib);
    let first = instant("2026-10-02T20:00:00Z");
    lib.mark_watched(id, 1, &[1], first, first).unwrap();
    let at = instant("2026-10-03T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[1, 2, 3], at, at).unwrap();
    assert_eq!(change.events, 2);
    let added: Vec<_> = change
        .added
        .iter()
        .map(|w| (w.number, w.watched_at))
        .collect();
    assert_eq!(added, [(2, at), (3, at)]);
}

#[test]
fn taking_back_a_mark_removes_its_watches_and_leaves_earlier_and_later_ones() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = goblin(&mut lib);
    let before = instant("2026-10-02T20:00:00Z");
    lib.mark_watched(id, 1, &[4], before, before).unwrap();
    let at = instant("2026-10-03T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[5], at, at).unwrap();
    // A rewatch of episode 5 logged after the mark stays through its Undo.
    let later = instant("2026-10-04T20:00:00Z");
    lib.record_rewatch(id, 1, &[5], later, later).unwrap();

    let undone = lib
        .take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    assert_eq!(undone.events, 1);
    assert_eq!(watches_of(&lib, id, 5), [later]);
    assert_eq!(watches_of(&lib, id, 4), [before]);

    // Taken back twice, nothing more goes.
    let again = lib
        .take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    assert_eq!(again.events, 0);
    assert_eq!(watches_of(&lib, id, 5), [later]);
}

#[test]
fn an_episode_left_with_nothing_on_it_leaves_the_log_when_its_mark_is_taken_back() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = goblin(&mut lib);
    let at = instant("2026-10-03T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[7], at, at).unwrap();
    lib.take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    let detail = lib.get_drama(id).unwrap();
    assert!(
        detail.episodes.iter().all(|e| e.number != 7),
        "{:?}",
        detail.episodes
    );
    assert_eq!(detail.progress.watched, 0);
}

fn planned(lib: &mut Library, total: u32) -> Uuid {
    let draft = DramaDraft {
        title: "The Heirs".into(),
        total_episodes: Some(total),
        status: Status::PlanToWatch,
        ..DramaDraft::default()
    };
    lib.add_drama(&draft, instant("2026-10-01T00:00:00Z"))
        .unwrap()
        .id
}

#[test]
fn taking_back_the_first_mark_of_a_planned_drama_plans_it_again_without_a_start_date() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = planned(&mut lib, 2);
    let at = instant("2026-10-03T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[1], at, at).unwrap();
    assert_eq!(change.status, Status::Watching);
    let moved = change.moved.clone().expect("the first watch started it");
    assert_eq!(
        (moved.from, moved.to),
        (Status::PlanToWatch, Status::Watching)
    );

    let undone = lib
        .take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    assert_eq!(undone.status, Status::PlanToWatch);
    let drama = lib.get_drama(id).unwrap().drama;
    assert_eq!(drama.fields.status, Status::PlanToWatch);
    assert_eq!(
        (drama.fields.started_on, drama.fields.finished_on),
        (None, None)
    );
}

#[test]
fn taking_back_the_last_episode_reopens_a_completed_drama_with_its_start_kept() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = planned(&mut lib, 2);
    let first = instant("2026-10-03T20:00:00Z");
    lib.mark_watched(id, 1, &[1], first, first).unwrap();
    let at = instant("2026-10-09T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[2], at, at).unwrap();
    assert_eq!(change.status, Status::Completed);

    lib.take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    let drama = lib.get_drama(id).unwrap().drama;
    assert_eq!(drama.fields.status, Status::Watching);
    assert_eq!(drama.fields.started_on, first.date_naive().into());
    assert_eq!(
        drama.fields.finished_on, None,
        "the finish the mark wrote is gone"
    );
}

#[test]
fn a_status_the_user_changed_after_the_mark_stays_through_its_undo() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = planned(&mut lib, 16);
    let at = instant("2026-10-03T20:00:00Z");
    let change = lib.mark_watched(id, 1, &[1], at, at).unwrap();
    let draft = DramaDraft {
        title: "The Heirs".into(),
        total_episodes: Some(16),
        status: Status::OnHold,
        started_on: lib.get_drama(id).unwrap().drama.fields.started_on,
        ..DramaDraft::default()
    };
    lib.update_drama(id, &draft, at).unwrap();

    let undone = lib
        .take_back_watches(id, &change.added, change.moved.as_ref(), at)
        .unwrap();
    assert_eq!(undone.status, Status::OnHold);
    assert_eq!(
        lib.get_drama(id).unwrap().drama.fields.status,
        Status::OnHold
    );
}
