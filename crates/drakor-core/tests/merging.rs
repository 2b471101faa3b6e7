//! Merging a file into a library that already holds its dramas: the newer
//! side wins each thing by its own time, edits never go back in time, a
//! merge over a limit is refused like any other problem, and a drama is
//! never split in two.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use drakor_core::{
    DramaDraft, EpisodeNotes, Error, ExportFilter, Format, Library, SceneDraft, Status,
};
use serde_json::{Value, json};
use uuid::Uuid;

fn everything() -> ExportFilter {
    ExportFilter::default()
}

/// `minutes` after [`now`]: the instants of a story told in order.
fn t(minutes: i64) -> DateTime<Utc> {
    now() + Duration::minutes(minutes)
}

fn notes(text: &str) -> EpisodeNotes {
    EpisodeNotes {
        notes: text.into(),
        ..EpisodeNotes::default()
    }
}

/// A library with one drama, and a second library that imported its export:
/// one user's two machines.
fn two_machines() -> (Library, Library, Uuid) {
    let mut a = Library::open_in_memory().unwrap();
    let id = a.add_drama(&liberation(), t(0)).unwrap().id;
    a.mark_watched(id, 1, &[1, 2], t(0), t(0)).unwrap();
    let mut b = Library::open_in_memory().unwrap();
    b.import_json(&a.export_json(&everything(), t(0)).unwrap(), t(0), false)
        .unwrap();
    (a, b, id)
}

/// Imports `from`'s export into `into`.
fn carry(from: &Library, into: &mut Library, when: DateTime<Utc>) {
    let file = from.export_json(&everything(), when).unwrap();
    into.import_json(&file, when, false).unwrap();
}

fn episode(library: &Library, id: Uuid, number: u32) -> drakor_core::Episode {
    let drama = library.get_drama(id).unwrap();
    drama
        .episodes
        .into_iter()
        .find(|e| e.season == 1 && e.number == number)
        .unwrap()
}

#[test]
fn a_newer_episode_note_survives_an_older_one_from_a_file_whose_drama_is_newer() {
    let (mut a, mut b, id) = two_machines();
    b.annotate_episode(id, 1, 1, &notes("B, first"), t(1))
        .unwrap();
    a.annotate_episode(id, 1, 1, &notes("A, later"), t(2))
        .unwrap();
    let mut finished = liberation();
    finished.status = Status::Completed;
    b.update_drama(id, &finished, t(3)).unwrap();

    carry(&b, &mut a, t(4));
    assert_eq!(episode(&a, id, 1).notes, "A, later");
    assert_eq!(
        a.get_drama(id).unwrap().drama.fields.status,
        Status::Completed
    );
    carry(&a, &mut b, t(5));
    assert_eq!(episode(&b, id, 1).notes, "A, later");
    assert_eq!(content(&a), content(&b));
}

#[test]
fn a_newer_file_with_notes_but_no_rating_keeps_the_rating_of_the_library() {
    let (mut a, mut b, id) = two_machines();
    let rated = EpisodeNotes {
        rating: Some(9.0),
        ..EpisodeNotes::default()
    };
    a.annotate_episode(id, 1, 2, &rated, t(1)).unwrap();
    b.annotate_episode(id, 1, 2, &notes("The bus stop."), t(2))
        .unwrap();

    carry(&b, &mut a, t(3));
    let merged = episode(&a, id, 2);
    assert_eq!(
        (merged.rating, merged.notes.as_str()),
        (Some(9.0), "The bus stop.")
    );
    assert_eq!(merged.updated_at, t(2), "the later of the two times");
    carry(&a, &mut b, t(4));
    assert_eq!(content(&a), content(&b), "both machines end the same");
}

#[test]
fn an_episode_carries_its_own_time_and_a_file_without_it_gives_the_dramas() {
    let (mut a, _, id) = two_machines();
    a.annotate_episode(id, 1, 1, &notes("Written later."), t(7))
        .unwrap();
    let file: Value = serde_json::from_str(&a.export_json(&everything(), t(8)).unwrap()).unwrap();
    let drama = &file["dramas"][0];
    assert_eq!(
        drama["episodes"][0]["updated_at"],
        json!("2026-11-21T09:37:00Z")
    );
    let drama_time = a.get_drama(id).unwrap().drama.updated_at;
    assert!(drama_time < t(7), "the drama was not edited: {drama_time}");

    let mut older = file.clone();
    for episode in older["dramas"][0]["episodes"].as_array_mut().unwrap() {
        episode.as_object_mut().unwrap().remove("updated_at");
    }
    let mut copy = Library::open_in_memory().unwrap();
    copy.import_json(&older.to_string(), t(9), false).unwrap();
    assert_eq!(
        episode(&copy, id, 1).updated_at,
        drama_time,
        "the drama's time"
    );
    assert_eq!(episode(&copy, id, 1).notes, "Written later.");
}

/// A file from a machine whose clock is a year fast.
fn from_a_fast_clock(library: &Library) -> String {
    let mut file: Value =
        serde_json::from_str(&library.export_json(&everything(), t(0)).unwrap()).unwrap();
    let future = json!("2027-11-21T09:30:00Z");
    let drama = &mut file["dramas"][0];
    drama["updated_at"] = future.clone();
    drama["notes"] = json!("from the fast machine");
    for episode in drama["episodes"].as_array_mut().unwrap() {
        episode["updated_at"] = future.clone();
        episode["notes"] = json!("from the fast machine");
    }
    for scene in drama["scenes"].as_array_mut().unwrap() {
        scene["updated_at"] = future.clone();
        scene["notes"] = json!("from the fast machine");
    }
    file.to_string()
}

#[test]
fn an_edit_after_importing_from_a_fast_clock_still_wins_the_next_merge() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.add_drama(&liberation(), t(0)).unwrap().id;
    lib.mark_watched(id, 1, &[1], t(0), t(0)).unwrap();
    let scene = lib.add_scene(id, &reed_field_kiss(), t(0)).unwrap().id;
    let file = from_a_fast_clock(&lib);
    lib.import_json(&file, t(1), false).unwrap();

    let mut edited = liberation();
    edited.notes = "mine".into();
    let drama = lib.update_drama(id, &edited, t(2)).unwrap();
    let mut kiss = reed_field_kiss();
    kiss.notes = "mine".into();
    let scene_after = lib.update_scene(scene, &kiss, t(2)).unwrap();
    lib.annotate_episode(id, 1, 1, &notes("mine"), t(2))
        .unwrap();
    let just_after = at("2027-11-21T09:30:00.001Z");
    assert_eq!(drama.updated_at, just_after, "never back in time");
    assert_eq!(scene_after.updated_at, just_after);
    assert_eq!(episode(&lib, id, 1).updated_at, just_after);

    lib.import_json(&file, t(3), false).unwrap();
    let after = lib.get_drama(id).unwrap();
    assert_eq!(after.drama.fields.notes, "mine");
    assert_eq!(after.scenes[0].notes, "mine");
    assert_eq!(after.episodes[0].notes, "mine");
}

#[test]
fn a_status_moved_by_a_watch_is_stamped_after_a_fast_clocks_time() {
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib.add_drama(&liberation(), t(0)).unwrap().id;
    lib.import_json(&from_a_fast_clock(&lib), t(1), false)
        .unwrap();
    lib.mark_watched(id, 1, &[1], t(2), t(2)).unwrap();
    let drama = lib.get_drama(id).unwrap().drama;
    assert_eq!(drama.fields.status, Status::Watching);
    assert_eq!(drama.updated_at, at("2027-11-21T09:30:00.001Z"));
}

/// A Watcharr export of one show, the same TMDB id as a drama of ours.
fn watcharr_show(thoughts: &str, tags: &[String]) -> Vec<u8> {
    let tags: Vec<Value> = tags
        .iter()
        .map(|name| json!({ "name": name, "color": "#000", "bgColor": "#fff" }))
        .collect();
    json!([{
        "id": 1,
        "createdAt": "2026-11-22T10:00:00Z",
        "updatedAt": "2026-11-22T10:00:00Z",
        "deletedAt": null,
        "status": "WATCHING",
        "rating": 8,
        "thoughts": thoughts,
        "pinned": false,
        "content": { "id": 2, "tmdbId": 80001, "title": "My Liberation Notes", "type": "tv" },
        "activity": [],
        "tags": tags,
        "watchedSeasons": [],
        "watchedEpisodes": []
    }])
    .to_string()
    .into_bytes()
}

fn ours_with(notes: String, tags: Vec<String>) -> (Library, Uuid) {
    let mut lib = Library::open_in_memory().unwrap();
    let mut draft = liberation();
    draft.external_ids.tmdb = Some(80001);
    draft.notes = notes;
    draft.tags = tags;
    let id = lib.add_drama(&draft, t(0)).unwrap().id;
    (lib, id)
}

fn refused(result: drakor_core::Result<impl std::fmt::Debug>) -> Vec<String> {
    match result.unwrap_err() {
        Error::ImportRefused(problems) => problems.iter().map(|p| p.to_string()).collect(),
        other => panic!("expected a refused import, got {other}"),
    }
}

#[test]
fn notes_joined_over_the_limit_refuse_the_import_instead_of_keeping_ours() {
    let (mut lib, id) = ours_with("a".repeat(60 * 1024), vec![]);
    let before = content(&lib);
    let file = watcharr_show(&"b".repeat(60 * 1024), &[]);
    for dry_run in [true, false] {
        let problems = refused(lib.import_bytes("w.json", &file, Format::Watcharr, t(1), dry_run));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = &problems[0];
        assert!(
            shown.starts_with(&format!("\"My Liberation Notes\" (id {id}).notes: ")),
            "{shown}"
        );
        assert!(
            shown.contains("are 121 KB long; the limit is 100 KB"),
            "{shown}"
        );
    }
    assert_eq!(content(&lib), before, "nothing was written");
}

#[test]
fn tags_united_over_the_limit_refuse_the_import_instead_of_keeping_ours() {
    let ours: Vec<String> = (0..6_000).map(|i| format!("ours-{i}")).collect();
    let theirs: Vec<String> = (0..6_000).map(|i| format!("theirs-{i}")).collect();
    let (mut lib, _) = ours_with(String::new(), ours);
    let before = content(&lib);
    let problems = refused(lib.import_bytes(
        "w.json",
        &watcharr_show("", &theirs),
        Format::Watcharr,
        t(1),
        false,
    ));
    assert!(problems[0].contains(".tags: "), "{problems:?}");
    assert!(problems[0].contains("the limit is 10000"), "{problems:?}");
    assert_eq!(content(&lib), before);
}

/// `library`'s export with its first drama given another id.
fn with_another_id(library: &Library, title: &str, year: Value) -> (String, Uuid) {
    let mut file: Value =
        serde_json::from_str(&library.export_json(&everything(), t(0)).unwrap()).unwrap();
    let other = Uuid::from_u128(0x0196_b0a4_5c1e_7a31_9d2e_3f4a_5b6c_0001);
    let drama = &mut file["dramas"][0];
    drama["id"] = json!(other);
    drama["title"] = json!(title);
    drama["year"] = year;
    drama["scenes"] = json!([]);
    (file.to_string(), other)
}

#[test]
fn a_drama_that_shares_only_its_title_with_ours_is_refused_not_added_twice() {
    let mut lib = Library::open_in_memory().unwrap();
    let ours = lib.add_drama(&liberation(), t(0)).unwrap().id;
    let before = content(&lib);
    for (title, year) in [
        ("MY LIBERATION NOTES", json!(null)),
        ("my liberation notes", json!(2022)),
    ] {
        let (file, theirs) = with_another_id(&lib, title, year);
        for dry_run in [true, false] {
            let problems = refused(lib.import_json(&file, t(1), dry_run));
            assert_eq!(problems.len(), 1, "{problems:?}");
            let shown = &problems[0];
            assert!(shown.starts_with("dramas[0]: "), "{shown}");
            assert!(shown.contains(&theirs.to_string()), "{shown}");
            assert!(shown.contains(&ours.to_string()), "{shown}");
            assert!(shown.contains("\"My Liberation Notes\""), "{shown}");
        }
    }
    assert_eq!(content(&lib), before, "nothing was written");
    let (other_year, _) = with_another_id(&lib, "My Liberation Notes", json!(2023));
    let summary = lib.import_json(&other_year, t(1), false).unwrap();
    assert_eq!(summary.dramas_added, 1, "another year is another drama");
}

#[test]
fn a_scene_the_file_puts_under_another_drama_is_refused_and_stays_where_it_is() {
    let mut lib = Library::open_in_memory().unwrap();
    let home = lib.add_drama(&liberation(), t(0)).unwrap().id;
    let away = lib
        .add_drama(&DramaDraft::titled("Reply 1988"), t(0))
        .unwrap()
        .id;
    let scene = lib.add_scene(home, &reed_field_kiss(), t(0)).unwrap().id;
    let mut file: Value =
        serde_json::from_str(&lib.export_json(&everything(), t(0)).unwrap()).unwrap();
    let mut moved = file["dramas"][0]["scenes"][0].take();
    moved["updated_at"] = json!("2026-12-01T00:00:00Z");
    file["dramas"][0]["scenes"] = json!([]);
    file["dramas"][1]["scenes"] = json!([moved]);
    let before = content(&lib);
    for dry_run in [true, false] {
        let problems = refused(lib.import_json(&file.to_string(), t(1), dry_run));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let shown = &problems[0];
        assert!(shown.starts_with("dramas[1].scenes[0].id: "), "{shown}");
        for named in [scene, home, away] {
            assert!(shown.contains(&named.to_string()), "{named} in {shown}");
        }
        assert!(shown.contains("\"Reed field kiss\""), "{shown}");
    }
    assert_eq!(content(&lib), before);
    assert_eq!(lib.get_drama(home).unwrap().scenes.len(), 1);
}

#[test]
fn a_scene_added_on_another_machine_comes_along() {
    let (mut a, mut b, id) = two_machines();
    b.add_scene(
        id,
        &SceneDraft {
            episode: 2,
            start: "10:00".into(),
            title: "Chueok".into(),
            ..SceneDraft::default()
        },
        t(1),
    )
    .unwrap();
    carry(&b, &mut a, t(2));
    assert_eq!(a.get_drama(id).unwrap().scenes[0].title, "Chueok");
}
