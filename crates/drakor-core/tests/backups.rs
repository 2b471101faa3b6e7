//! Backups kept where they help: an import backs the library up only once
//! the file has been read and checked, so dry runs and refused files never
//! push out a good backup; import backups never push out an upgrade
//! backup; a file in `backups/` that Drakor did not name is never removed;
//! and a backup never replaces anything at its path.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use common::*;
use drakor_core::{Format, ImportDone, ImportOptions, ImportSource, KEEP_BACKUPS, Library};
use drakor_testkit::fixtures::names_in;
use serde_json::json;
use tempfile::TempDir;

/// A file library holding the sample.
fn sample_library() -> (TempDir, Library) {
    let (dir, mut lib) = temp_library();
    lib.import_json(&sample_text(), now(), false).unwrap();
    (dir, lib)
}

fn backups(dir: &TempDir) -> PathBuf {
    dir.path().join("backups")
}

/// A Drakor file with one drama of its own.
fn one_drama(title: &str) -> String {
    json!({ "format": "drakor", "version": 1, "dramas": [{ "title": title }] }).to_string()
}

/// A Drakor file that is refused: a scene at a time that is no time.
fn refused_file() -> String {
    json!({ "format": "drakor", "version": 1, "dramas": [{
        "title": "Goblin",
        "scenes": [{ "season": 1, "episode": 1, "start": "12:75", "title": "First snow" }]
    }]})
    .to_string()
}

fn import(
    lib: &mut Library,
    text: &str,
    at: DateTime<Utc>,
    dry_run: bool,
) -> drakor_core::Result<ImportDone> {
    let source = ImportSource::Bytes {
        name: "library.json",
        bytes: text.as_bytes(),
    };
    let options = ImportOptions {
        format: Format::Drakor,
        dry_run,
    };
    lib.import_with_backup(source, options, at)
}

/// The titles of the dramas in the library file at `path`.
fn titles_in(path: &Path) -> Vec<String> {
    let lib = Library::open(path).unwrap();
    let mut titles: Vec<String> = lib
        .list_dramas(&Default::default())
        .unwrap()
        .into_iter()
        .map(|d| d.title)
        .collect();
    titles.sort();
    titles
}

#[test]
fn an_import_backs_up_the_library_as_it_was_just_before_it_wrote() {
    let (dir, mut lib) = sample_library();
    let before = titles_in(lib.path().unwrap());
    let done = import(&mut lib, &one_drama("Kingdom"), now(), false).unwrap();
    assert_eq!(done.report.summary.dramas_added, 1);
    let backup = done.backup.expect("a file library is backed up");
    assert_eq!(backup.parent(), Some(backups(&dir).as_path()));
    assert_eq!(
        backup.file_name().unwrap(),
        "drakor-20261121-093000-000-import.sqlite3"
    );
    assert_eq!(titles_in(&backup), before, "the copy is the library before");
    assert!(titles_in(lib.path().unwrap()).contains(&"Kingdom".to_owned()));
}

#[test]
fn a_dry_run_and_a_refused_import_take_no_backup() {
    let (dir, mut lib) = sample_library();
    let done = import(&mut lib, &one_drama("Kingdom"), now(), true).unwrap();
    assert_eq!(done.backup, None);
    let err = import(&mut lib, &refused_file(), now(), false).unwrap_err();
    assert_eq!(err.code(), "import_refused", "{err}");
    assert!(!backups(&dir).exists(), "{:?}", names_in(dir.path()));
}

#[test]
fn ten_refused_imports_keep_every_good_backup() {
    let (dir, mut lib) = sample_library();
    // A full set of backups, each of a library of its own: before drama 0
    // was added, before drama 1, …
    for i in 0..KEEP_BACKUPS {
        let at = now() + Duration::minutes(i as i64);
        let done = import(&mut lib, &one_drama(&format!("Drama {i}")), at, false).unwrap();
        assert!(done.backup.is_some());
    }
    let good = names_in(&backups(&dir));
    assert_eq!(good.len(), KEEP_BACKUPS, "{good:?}");

    for i in 0..10 {
        let at = now() + Duration::hours(1) + Duration::minutes(i);
        let err = import(&mut lib, &refused_file(), at, false).unwrap_err();
        assert_eq!(err.code(), "import_refused", "{err}");
    }
    assert_eq!(names_in(&backups(&dir)), good, "every good backup is kept");
    let oldest = backups(&dir).join(&good[0]);
    assert!(
        !titles_in(&oldest).iter().any(|t| t.starts_with("Drama ")),
        "the oldest backup is still the library before the first import"
    );
}

/// A library as Drakor wrote it at schema version 1, with one drama.
fn version_one_library(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../src/migrations/0001_initial.sql"))
        .unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1;
         PRAGMA application_id = 1146243922;
         INSERT INTO dramas (pk, id, title, status, created_at, updated_at)
             VALUES (1, '0190a4a0-0000-7000-8000-000000000001', 'Goblin', 'watching', 0, 0);",
    )
    .unwrap();
}

#[test]
fn import_backups_never_push_out_an_upgrade_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    version_one_library(&db);
    let mut lib = Library::open_at(&db, now()).unwrap();
    let [upgrade] = names_in(&backups(&dir)).try_into().unwrap();
    assert!(upgrade.ends_with("-upgrade.sqlite3"), "{upgrade}");

    for i in 0..KEEP_BACKUPS + 3 {
        let at = now() + Duration::minutes(1 + i as i64);
        import(&mut lib, &one_drama(&format!("Drama {i}")), at, false).unwrap();
    }
    let left = names_in(&backups(&dir));
    assert!(
        left.contains(&upgrade),
        "the upgrade backup is kept: {left:?}"
    );
    let imports = left.iter().filter(|n| n.ends_with("-import.sqlite3"));
    assert_eq!(imports.count(), KEEP_BACKUPS, "{left:?}");
    assert_eq!(left.len(), KEEP_BACKUPS + 1, "{left:?}");
}

#[test]
fn files_drakor_did_not_name_are_never_rotated_out() {
    let (dir, mut lib) = sample_library();
    fs::create_dir(backups(&dir)).unwrap();
    let theirs = [
        "drakor-2019-12-31.sqlite3",
        "drakor-before-the-move.sqlite3",
        "drakor-20191231-000000-000-mine-old.sqlite3",
        "notes.txt",
    ];
    for name in theirs {
        fs::write(backups(&dir).join(name), "mine").unwrap();
    }
    for i in 0..KEEP_BACKUPS + 3 {
        let at = now() + Duration::minutes(i as i64);
        import(&mut lib, &one_drama(&format!("Drama {i}")), at, false).unwrap();
    }
    let left = names_in(&backups(&dir));
    for name in theirs {
        assert!(left.contains(&name.to_owned()), "{name} is kept: {left:?}");
        assert_eq!(
            fs::read_to_string(backups(&dir).join(name)).unwrap(),
            "mine"
        );
    }
    assert_eq!(left.len(), KEEP_BACKUPS + theirs.len(), "{left:?}");
}

#[test]
fn a_backup_never_replaces_what_is_at_its_path_even_a_dangling_link() {
    let (dir, lib) = sample_library();
    let link = dir.path().join("copy.sqlite3");
    std::os::unix::fs::symlink(dir.path().join("gone.sqlite3"), &link).unwrap();
    let before = names_in(dir.path());
    let err = lib.backup_to(&link).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "backup: {} already exists; choose a new file name",
            link.display()
        )
    );
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(names_in(dir.path()), before, "no temp file is left");
}

#[test]
fn an_automatic_backup_takes_the_next_name_when_its_own_is_taken() {
    let (dir, lib) = sample_library();
    fs::create_dir(backups(&dir)).unwrap();
    let planned = backups(&dir).join("drakor-20261121-093000-000-import.sqlite3");
    std::os::unix::fs::symlink(dir.path().join("gone.sqlite3"), &planned).unwrap();
    let made = lib.auto_backup("import", now()).unwrap().unwrap();
    assert_eq!(
        made.file_name().unwrap(),
        "drakor-20261121-093000-000-import-2.sqlite3"
    );
    assert!(fs::symlink_metadata(&planned).unwrap().is_symlink());
    assert_eq!(titles_in(&made).len(), 4, "the copy is the library");
}
