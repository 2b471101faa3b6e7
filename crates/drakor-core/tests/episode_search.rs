//! Search over what users write about episodes: their titles and notes,
//! found with the drama and episode they belong to, and kept in step with
//! every write (notes, unmarks, imports, deletes) and with older libraries.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{
    DramaFilter, EpisodeNotes, Library, LibraryFile, SearchHit, SearchHitKind, Unmark,
};
use rusqlite::Connection;
use uuid::Uuid;

fn episode_hits(lib: &Library, words: &str) -> Vec<SearchHit> {
    lib.search(words, 100)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == SearchHitKind::Episode)
        .collect()
}

fn noted(notes: &str) -> EpisodeNotes {
    EpisodeNotes {
        notes: notes.into(),
        ..EpisodeNotes::default()
    }
}

/// Rows in the episode index, read as another program would.
fn indexed_episodes(dir: &tempfile::TempDir) -> i64 {
    Connection::open(dir.path().join("drakor.sqlite3"))
        .unwrap()
        .query_row("SELECT count(*) FROM episode_search", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_episodes_notes_and_title_are_found_with_its_drama_and_place() {
    let (_dir, mut lib) = temp_library();
    let drama = lib.add_drama(&liberation(), now()).unwrap();
    let notes = EpisodeNotes {
        title: Some("Worship".into()),
        notes: "추앙해요. The persimmon scene at the bus stop.".into(),
        ..EpisodeNotes::default()
    };
    lib.annotate_episode(drama.id, 1, 11, &notes, now())
        .unwrap();

    for words in ["persimmon", "추앙", "worship", "bus persim"] {
        let [hit] = episode_hits(&lib, words)
            .try_into()
            .unwrap_or_else(|hits| panic!("{words:?} should find episode 11 once: {hits:?}"));
        assert_eq!(hit.drama_id, drama.id, "the hit opens its drama");
        assert_eq!(hit.drama_title, "My Liberation Notes");
        assert_eq!(hit.drama_original_title.as_deref(), Some("나의 해방일지"));
        assert_eq!((hit.season, hit.episode), (Some(1), Some(11)));
        assert_eq!(hit.episode_title.as_deref(), Some("Worship"));
        assert_eq!((hit.scene_id, hit.start), (None, None));
    }
    let snippet = &episode_hits(&lib, "persimmon")[0].snippet;
    assert!(snippet.contains("\u{2}persimmon\u{3}"), "{snippet}");
    let listed = lib
        .list_dramas(&DramaFilter {
            text: Some("persimmon".into()),
            ..DramaFilter::default()
        })
        .unwrap();
    assert_eq!(
        listed.len(),
        1,
        "the library list finds the drama by its episode's notes"
    );
}

#[test]
fn edited_notes_are_found_by_their_new_words_only_and_cleared_ones_not_at_all() {
    let (dir, mut lib) = temp_library();
    let drama = lib.add_drama(&liberation(), now()).unwrap();
    lib.annotate_episode(drama.id, 1, 3, &noted("The persimmon tree."), now())
        .unwrap();
    lib.annotate_episode(drama.id, 1, 3, &noted("The quince tree."), now())
        .unwrap();
    assert!(
        episode_hits(&lib, "persimmon").is_empty(),
        "the old words are gone"
    );
    assert_eq!(episode_hits(&lib, "quince").len(), 1);

    // Watched, then its notes cleared: the episode stays in the log but
    // has nothing left to find.
    lib.mark_watched(drama.id, 1, &[3], now(), now()).unwrap();
    lib.annotate_episode(drama.id, 1, 3, &EpisodeNotes::default(), now())
        .unwrap();
    assert!(episode_hits(&lib, "quince").is_empty());
    assert_eq!(indexed_episodes(&dir), 0);

    // Notes again, then unwatched: the notes keep the episode, and its words.
    lib.annotate_episode(drama.id, 1, 3, &noted("The plum tree."), now())
        .unwrap();
    lib.unmark_watched(drama.id, 1, &[3], Unmark::All).unwrap();
    assert_eq!(episode_hits(&lib, "plum").len(), 1);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_deleted_dramas_episodes_leave_the_index_and_new_episodes_index_cleanly() {
    let (dir, mut lib) = temp_library();
    let drama = lib.add_drama(&liberation(), now()).unwrap();
    lib.annotate_episode(drama.id, 1, 1, &noted("The persimmon tree."), now())
        .unwrap();
    lib.delete_drama(drama.id).unwrap();
    assert_eq!(indexed_episodes(&dir), 0, "no entry is left behind");

    // The next episode may get the deleted one's key: it indexes as new.
    let again = lib.add_drama(&liberation(), now()).unwrap();
    lib.annotate_episode(again.id, 1, 1, &noted("The quince tree."), now())
        .unwrap();
    assert!(episode_hits(&lib, "persimmon").is_empty());
    assert_eq!(episode_hits(&lib, "quince")[0].drama_id, again.id);
}

/// The sample library with notes on its first drama's first episode.
fn sample_with_episode_notes(notes: &str, updated_at: &str) -> (LibraryFile, Uuid) {
    let mut file: LibraryFile = serde_json::from_str(&sample_text()).unwrap();
    let drama = &mut file.dramas[0];
    drama.updated_at = Some(at(updated_at));
    drama.episodes[0].notes = notes.into();
    let id = drama.id.unwrap();
    (file, id)
}

#[test]
fn an_import_indexes_the_episode_notes_it_brings_and_replaces() {
    let (dir, mut lib) = temp_library();
    let (file, id) = sample_with_episode_notes("The persimmon tree.", "2026-11-01T10:00:00Z");
    let json = serde_json::to_string(&file).unwrap();
    lib.import_json(&json, now(), true).unwrap();
    assert!(
        episode_hits(&lib, "persimmon").is_empty(),
        "a dry run indexes nothing"
    );

    lib.import_json(&json, now(), false).unwrap();
    let [hit] = episode_hits(&lib, "persimmon").try_into().unwrap();
    assert_eq!(hit.drama_id, id);

    let (newer, _) = sample_with_episode_notes("The quince tree.", "2026-11-20T10:00:00Z");
    lib.import_json(&serde_json::to_string(&newer).unwrap(), now(), false)
        .unwrap();
    assert!(
        episode_hits(&lib, "persimmon").is_empty(),
        "the replaced notes are gone"
    );
    assert_eq!(episode_hits(&lib, "quince").len(), 1);
    let indexed = indexed_episodes(&dir);

    // The import put the triggers back: the next edit is indexed too.
    let (season, number) = (hit.season.unwrap(), hit.episode.unwrap());
    lib.annotate_episode(id, season, number, &noted("The plum tree."), now())
        .unwrap();
    assert!(episode_hits(&lib, "quince").is_empty());
    assert_eq!(episode_hits(&lib, "plum").len(), 1);
    assert_eq!(indexed_episodes(&dir), indexed);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

/// A library as Drakor wrote it at schema version 3, before episodes were
/// searched: one drama, one episode with a title and notes, one without.
fn version_three_library(path: &std::path::Path) {
    let conn = Connection::open(path).unwrap();
    for sql in [
        include_str!("../src/migrations/0001_initial.sql"),
        include_str!("../src/migrations/0002_trakt_id.sql"),
        include_str!("../src/migrations/0003_drama_progress.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "PRAGMA user_version = 3;
         PRAGMA application_id = 1146243922;
         INSERT INTO dramas (pk, id, title, status, created_at, updated_at, total_episodes)
             VALUES (1, '0190a4a0-0000-7000-8000-000000000001', 'Goblin', 'watching', 0, 0, 16);
         INSERT INTO episodes (pk, drama_pk, season, number, title, notes)
             VALUES (1, 1, 1, 1, 'The Bride', 'Snow falls on the buckwheat field.'),
                    (2, 1, 1, 2, NULL, '');
         INSERT INTO watch_events VALUES (2, 1000);",
    )
    .unwrap();
}

#[test]
fn a_library_from_before_episode_search_has_its_episode_notes_found_once_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    version_three_library(&path);
    let mut lib = Library::open_at(&path, now()).unwrap();
    let [hit] = episode_hits(&lib, "buckwheat").try_into().unwrap();
    assert_eq!(hit.drama_title, "Goblin");
    assert_eq!(
        (hit.episode, hit.episode_title.as_deref()),
        (Some(1), Some("The Bride"))
    );
    assert_eq!(
        indexed_episodes(&dir),
        1,
        "an episode without text has no entry"
    );

    // The upgraded library keeps its index in step like a new one.
    let goblin = lib.find_drama("Goblin").unwrap();
    lib.annotate_episode(goblin, 1, 1, &noted("Rain instead."), now())
        .unwrap();
    assert!(episode_hits(&lib, "buckwheat").is_empty());
    assert_eq!(episode_hits(&lib, "rain").len(), 1);
}
