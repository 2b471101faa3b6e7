//! An export to a file never replaces a file that is already there unless
//! the caller says it may, and never the library itself, however the path
//! to it is spelled: through a symlink or a hard link, the library's files
//! are known by what the file system says they are, not by their names.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use drakor_core::{Error, ExportOptions, IfExists, Library};
use drakor_testkit::fixtures::names_in;
use tempfile::TempDir;

/// A library holding the sample, open (so its `-wal` is there), in a
/// folder of its own.
fn open_sample() -> (TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&db).unwrap();
    lib.import_json(&sample_text(), now(), false).unwrap();
    (dir, db, lib)
}

fn export(lib: &Library, path: &Path, if_exists: IfExists) -> drakor_core::Result<()> {
    lib.export_file_with(path, &ExportOptions::everything(), if_exists, now())
        .map(|_| ())
}

/// The library's files as they are on disk, to check nothing touched them.
fn library_files(db: &Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let name = format!("{}{suffix}", db.display());
            let bytes = fs::read(&name).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytes)
        })
        .collect()
}

#[test]
fn an_export_to_an_existing_file_is_refused_and_the_file_left_as_it_was() {
    let (dir, _db, lib) = open_sample();
    let mine = dir.path().join("notes.json");
    fs::write(&mine, "my own notes").unwrap();
    let before = names_in(dir.path());

    let err = lib
        .export_file(&mine, &ExportOptions::everything(), now())
        .unwrap_err();
    assert!(
        matches!(&err, Error::FileExists { path } if *path == mine),
        "{err:?}"
    );
    assert_eq!(err.code(), "file_exists");
    assert_eq!(
        err.to_string(),
        format!("{} already exists; it was left as it is", mine.display())
    );
    let err = export(&lib, &mine, IfExists::Refuse).unwrap_err();
    assert_eq!(err.code(), "file_exists");
    assert_eq!(fs::read_to_string(&mine).unwrap(), "my own notes");
    assert_eq!(names_in(dir.path()), before, "no temp file is left");
}

#[test]
fn an_export_told_to_replace_a_file_replaces_it_whole() {
    let (dir, _db, lib) = open_sample();
    let old = dir.path().join("library.json");
    fs::write(&old, "an older export").unwrap();
    export(&lib, &old, IfExists::Replace).unwrap();
    let text = fs::read_to_string(&old).unwrap();
    assert!(text.contains("\"format\": \"drakor\""), "{text}");
    let mut fresh = Vec::new();
    lib.export_to(&mut fresh, &ExportOptions::everything(), now())
        .unwrap();
    assert_eq!(text.as_bytes(), fresh, "the whole export replaced it");
    assert!(
        !names_in(dir.path()).iter().any(|n| n.ends_with(".tmp")),
        "{:?}",
        names_in(dir.path())
    );
}

#[test]
fn an_export_through_a_symlink_to_the_library_is_refused_even_when_told_to_replace() {
    let (dir, db, lib) = open_sample();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let before = library_files(&db);
    for (link, target) in [
        ("library.json", db.clone()),
        ("wal.json", PathBuf::from(format!("{}-wal", db.display()))),
    ] {
        let link = elsewhere.join(link);
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for if_exists in [IfExists::Refuse, IfExists::Replace] {
            let err = export(&lib, &link, if_exists).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!(
                    "path: {} is the library itself; choose another file",
                    link.display()
                ),
                "{if_exists:?}"
            );
        }
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    assert_eq!(library_files(&db), before, "the library is untouched");
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn an_export_to_a_hard_link_of_the_library_is_refused_even_when_told_to_replace() {
    let (dir, db, lib) = open_sample();
    let before = library_files(&db);
    for (link, target) in [
        ("library.json", db.clone()),
        ("wal.json", PathBuf::from(format!("{}-wal", db.display()))),
    ] {
        let link = dir.path().join(link);
        fs::hard_link(&target, &link).unwrap();
        for if_exists in [IfExists::Refuse, IfExists::Replace] {
            let err = export(&lib, &link, if_exists).unwrap_err();
            assert!(
                err.to_string().contains("is the library itself"),
                "{if_exists:?}: {err}"
            );
        }
        assert_eq!(fs::read(&link).unwrap(), fs::read(&target).unwrap());
    }
    assert_eq!(library_files(&db), before, "the library is untouched");
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn an_export_to_a_folder_says_it_is_a_folder() {
    let (dir, _db, lib) = open_sample();
    let folder = dir.path().join("exports");
    fs::create_dir(&folder).unwrap();
    for if_exists in [IfExists::Refuse, IfExists::Replace] {
        let err = export(&lib, &folder, if_exists).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {}: it is a folder; give a file name",
                folder.display()
            )
        );
    }
    assert!(names_in(&folder).is_empty());
}
