//! Opening the SQLite file: pragmas, migrations, refusing what we can't read,
//! and backups.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{DramaDraft, Error, Library};

#[test]
fn a_new_library_is_created_with_its_folder_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("drakor.sqlite3");
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.path(), Some(path.as_path()));
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations(), "every migration ran");
}

#[test]
fn data_survives_closing_and_reopening() {
    let (dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    drop(lib);
    let lib = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    assert_eq!(
        lib.get_drama(id).unwrap().drama.fields.title,
        "My Liberation Notes"
    );
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_library_from_a_newer_drakor_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    drop(Library::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Library::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            Error::SchemaTooNew {
                found: 99,
                known,
                ..
            } if known == migrations()
        ),
        "{err}"
    );
    assert!(err.to_string().contains("newer Drakor"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file must not be modified"
    );
    assert!(
        !dir.path().join("drakor.sqlite3-wal").exists(),
        "not even switched to WAL"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "just some notes, not a database at all.........................................................................").unwrap();
    let err = Library::open(&path).unwrap_err();
    assert_eq!(err.code(), "cannot_open");
    assert!(err.to_string().contains("not a Drakor library"), "{err}");
}

#[test]
fn a_backup_is_a_complete_library_of_its_own() {
    let (dir, mut lib) = temp_library();
    let id = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    lib.mark_watched(id, 1, &[1, 2], now(), now()).unwrap();
    let copy = dir.path().join("backup.sqlite3");
    lib.backup_to(&copy).unwrap();
    let restored = Library::open(&copy).unwrap();
    assert_eq!(content(&restored), content(&lib));
    assert_eq!(
        lib.backup_to(&copy).unwrap_err().code(),
        "invalid",
        "a backup never overwrites a file"
    );
}

#[test]
fn foreign_keys_are_enforced() {
    let (dir, lib) = temp_library();
    drop(lib);
    let conn = rusqlite::Connection::open(dir.path().join("drakor.sqlite3")).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let orphan = conn.execute(
        "INSERT INTO episodes (drama_pk, season, number) VALUES (999, 1, 1)",
        [],
    );
    assert!(
        orphan.is_err(),
        "an episode without its drama must be refused"
    );
    let bad_link = conn.execute(
        "INSERT INTO links (drama_pk, position, url, label, kind) VALUES (NULL, 0, 'javascript:x', '', 'other')",
        [],
    );
    assert!(bad_link.is_err(), "the schema backs up the http/https rule");
}

/// A library as Drakor wrote it at schema version 2: one drama with
/// episodes 1–3 watched (episode 2 twice) and two scenes.
fn version_two_library(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
        .unwrap();
    conn.execute_batch(include_str!("../src/migrations/0002_trakt_id.sql"))
        .unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 2;
         PRAGMA application_id = 1146243922;
         INSERT INTO dramas (pk, id, title, status, created_at, updated_at, total_episodes)
             VALUES (1, '0190a4a0-0000-7000-8000-000000000001', 'Goblin', 'watching', 0, 86400000, 16);
         INSERT INTO episodes (pk, drama_pk, season, number) VALUES (1, 1, 1, 1), (2, 1, 1, 2), (3, 1, 1, 3);
         INSERT INTO watch_events VALUES (1, 1000), (2, 2000), (2, 5000), (3, 3000);
         INSERT INTO scenes (id, drama_pk, season, episode, start_ms, title, created_at, updated_at)
             VALUES ('0190a4a0-0000-7000-8000-000000000002', 1, 1, 1, 60000, 'First snow', 0, 0),
                    ('0190a4a0-0000-7000-8000-000000000003', 1, 1, 3, 90000, 'Buckwheat field', 0, 0);",
    )
    .unwrap();
}

#[test]
fn an_older_library_is_backed_up_before_its_schema_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    version_two_library(&path);
    let lib = Library::open_at(&path, at("2026-11-21T09:30:00Z")).unwrap();
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let name = backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("drakor-20261121-093000"), "{name}");
    assert!(name.contains("upgrade"), "{name}");
    let copy = rusqlite::Connection::open(&backups[0]).unwrap();
    let version: i64 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2, "the backup is the library as it was");
    let [goblin] = lib
        .list_dramas(&Default::default())
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(goblin.progress.watched, 3, "the upgrade computed progress");
    assert_eq!(goblin.progress.next_episode, Some(4));
    assert_eq!(goblin.scene_count, 2);
    assert_eq!(
        goblin.last_watched_at.map(|t| t.timestamp_millis()),
        Some(5000)
    );
}

#[test]
fn opening_an_up_to_date_library_takes_no_backup() {
    let (dir, lib) = temp_library();
    drop(lib);
    drop(Library::open(dir.path().join("drakor.sqlite3")).unwrap());
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn an_upgrade_gives_every_episode_its_dramas_updated_at() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    version_two_library(&path);
    let lib = Library::open_at(&path, now()).unwrap();
    let file = lib.export(&Default::default(), now()).unwrap();
    let goblin = &file.dramas[0];
    assert_eq!(goblin.updated_at, Some(at("1970-01-02T00:00:00Z")));
    assert_eq!(goblin.episodes.len(), 3);
    for episode in &goblin.episodes {
        assert_eq!(episode.updated_at, goblin.updated_at, "{episode:?}");
    }
}
