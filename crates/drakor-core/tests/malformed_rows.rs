//! Rows another program wrote into the library file, with values Drakor
//! never writes (an id that is no id): every read either shows them as
//! they are or refuses with an error naming the value, and never panics.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{DramaDraft, DramaFilter, Error, Library};
use rusqlite::Connection;
use tempfile::TempDir;

/// Goblin and Goblin Returns, whose stored ids another program then
/// replaced with `goblin_id` and `returns_id`.
fn goblins_with_ids(goblin_id: &str, returns_id: &str) -> (TempDir, Library) {
    let (dir, mut lib) = temp_library();
    for title in ["Goblin", "Goblin Returns"] {
        lib.add_drama(&DramaDraft::titled(title), now()).unwrap();
    }
    let tool = Connection::open(dir.path().join("drakor.sqlite3")).unwrap();
    for (title, id) in [("Goblin", goblin_id), ("Goblin Returns", returns_id)] {
        tool.execute("UPDATE dramas SET id = ?2 WHERE title = ?1", [title, id])
            .unwrap();
    }
    (dir, lib)
}

#[test]
fn a_malformed_stored_id_is_shown_not_panicked_on_when_a_title_is_ambiguous() {
    // Shorter than the eight characters shown, and Hangul whose eighth
    // byte falls inside a character.
    let (_dir, lib) = goblins_with_ids("gob", "고블린-도깨비-0001");
    let err = lib.find_drama("gobl").unwrap_err();
    assert!(matches!(err, Error::Ambiguous { .. }), "{err}");
    let shown = err.to_string();
    assert!(shown.contains("Goblin (gob)"), "{shown}");
    assert!(shown.contains("Goblin Returns (고블린-도깨비-)"), "{shown}");
}

#[test]
fn a_malformed_stored_id_typed_back_is_refused_naming_it() {
    let (_dir, lib) = goblins_with_ids("not-an-id-at-all", "고블린-도깨비-0001");
    for typed in ["not-an-id-at-all", "Goblin Returns"] {
        let shown = lib.find_drama(typed).unwrap_err().to_string();
        assert!(shown.contains("is no id"), "{typed}: {shown}");
    }
}

#[test]
fn a_library_with_a_malformed_stored_id_lists_and_searches_with_an_error_naming_it() {
    let (_dir, lib) = goblins_with_ids("gob", "0190a4a0-0000-7000-8000-000000000001");
    let listed = lib.list_dramas(&DramaFilter::default()).unwrap_err();
    assert!(listed.to_string().contains("\"gob\" is no id"), "{listed}");
    let searched = lib.search("goblin", 10).unwrap_err();
    assert!(
        searched.to_string().contains("\"gob\" is no id"),
        "{searched}"
    );
}
