//! `drakor` on a library file into which another program wrote values
//! Drakor never writes (an id that is no id): each command shows them as
//! they are or fails with one line naming the value, never a panic.
#![allow(clippy::unwrap_used)]

mod common;

use common::TempLibrary;

/// Goblin and Goblin Returns, whose ids another program then replaced
/// with `goblin_id` and `returns_id`.
fn goblins_with_ids(goblin_id: &str, returns_id: &str) -> TempLibrary {
    let lib = TempLibrary::new();
    for title in ["Goblin", "Goblin Returns"] {
        lib.run(&["add", title]);
    }
    let tool = rusqlite::Connection::open(&lib.db).unwrap();
    for (title, id) in [("Goblin", goblin_id), ("Goblin Returns", returns_id)] {
        tool.execute("UPDATE dramas SET id = ?2 WHERE title = ?1", [title, id])
            .unwrap();
    }
    lib
}

#[test]
fn a_malformed_stored_id_is_shown_not_panicked_on_when_a_title_is_ambiguous() {
    let lib = goblins_with_ids("gob", "고블린-도깨비-0001");
    for command in ["show", "watch", "rm"] {
        let mut args = vec![command, "gobl"];
        if command == "watch" {
            args.push("1");
        }
        let shown = lib.fail(&args, 1);
        assert!(
            shown.contains("Goblin (gob)") && shown.contains("Goblin Returns (고블린-도깨비-)"),
            "drakor {args:?}: {shown}"
        );
    }
}

#[test]
fn commands_over_a_malformed_stored_id_fail_in_one_line_naming_it() {
    let lib = goblins_with_ids("gob", "0190a4a0-0000-7000-8000-000000000001");
    for args in [
        &["list"][..],
        &["search", "goblin"],
        &["show", "Goblin"],
        &["export"],
    ] {
        let shown = lib.fail(args, 1);
        assert!(
            shown.contains("\"gob\" is no id"),
            "drakor {args:?}: {shown}"
        );
        assert_eq!(shown.lines().count(), 1, "drakor {args:?}: {shown}");
    }
    // What does not read the bad row still works.
    lib.run(&["show", "Goblin Returns"]);
}
