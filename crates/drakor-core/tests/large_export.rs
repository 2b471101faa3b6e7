//! A large library is exported on two threads, each with its own
//! connection, taking parts of the dramas in turn, and written from the
//! rows with no struct in between. These tests hold that to serde_json's
//! text of the same library read into structs: the same text byte for
//! byte, one moment of the library even while another process writes, and
//! no waiting on a writer.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;
use drakor_core::exchange::format::DramaV1;
use drakor_core::{ExportFilter, Library, LibraryFile, Status};
use drakor_testkit::generate;
use rusqlite::Connection;
use tempfile::TempDir;

/// A library on disk with 6,000 scenes.
fn large_library() -> (TempDir, Library) {
    let (dir, mut library) = temp_library();
    let json = generate::library_json(&generate::Spec::new(120, 6_000, 3), now()).unwrap();
    library.import_json(&json, now(), false).unwrap();
    (dir, library)
}

/// The export as serde_json pretty-prints the in-memory file, with the
/// line break a text file ends with.
fn expected(library: &Library, filter: &ExportFilter) -> String {
    serde_json::to_string_pretty(&library.export(filter, now()).unwrap()).unwrap() + "\n"
}

#[test]
fn a_large_library_exports_as_serde_pretty_prints_the_whole_file() {
    let (_dir, library) = large_library();
    let everything = ExportFilter::default();
    let json = library.export_json(&everything, now()).unwrap();
    assert_eq!(json, expected(&library, &everything));
    let file: LibraryFile = serde_json::from_str(&json).unwrap();
    assert_eq!(file.dramas.len(), 120);
    assert_eq!(
        file.dramas.iter().map(|d| d.scenes.len()).sum::<usize>(),
        6_000
    );
}

#[test]
fn a_large_export_written_to_a_file_is_the_same_text_and_counts_what_it_holds() {
    let (dir, library) = large_library();
    let path = dir.path().join("export.json");
    let written = library
        .export_file_as_json(&path, &ExportFilter::default(), now())
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        expected(&library, &ExportFilter::default()),
        "the file holds the export and a final line break"
    );
    let file: LibraryFile = serde_json::from_str(&text).unwrap();
    assert_eq!(written.counts.dramas, file.dramas.len());
    assert_eq!(written.counts.scenes, 6_000);
    assert_eq!(
        written.counts.episodes,
        file.dramas.iter().map(|d| d.episodes.len()).sum::<usize>()
    );
}

#[test]
fn filtered_exports_of_a_large_library_are_serde_pretty_text_of_what_they_keep() {
    let (_dir, library) = large_library();
    for filter in [
        ExportFilter {
            status: Some(Status::Completed),
            ..ExportFilter::default()
        },
        ExportFilter {
            tag: Some(generate::COMMON_WORD.into()),
            ..ExportFilter::default()
        },
        ExportFilter {
            status: Some(Status::Dropped),
            tag: Some("no such tag".into()),
            ..ExportFilter::default()
        },
    ] {
        assert_eq!(
            library.export_json(&filter, now()).unwrap(),
            expected(&library, &filter),
            "{filter:?}"
        );
    }
}

#[test]
fn an_export_taken_while_another_process_writes_shows_one_moment_of_the_library() {
    let (dir, library) = large_library();
    let path = dir.path().join("drakor.sqlite3");
    let writer = Connection::open(&path).unwrap();
    writer.busy_timeout(Duration::from_secs(10)).unwrap();
    let first_and_last: (i64, i64) = writer
        .query_row("SELECT min(pk), max(pk) FROM dramas", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    same_note_on(&writer, first_and_last, 0);
    let done = AtomicBool::new(false);
    std::thread::scope(|threads| {
        // The writer stops when the exports are over, failed ones too.
        let _stop = Stop(&done);
        // Another writer: each transaction writes the same note on the
        // first drama and the last, which the export reads on two threads.
        let done = &done;
        threads.spawn(move || {
            let mut round = 0;
            while !done.load(Ordering::Relaxed) {
                round += 1;
                same_note_on(&writer, first_and_last, round);
                // Room between commits for the export to take its snapshot.
                std::thread::sleep(Duration::from_millis(2));
            }
        });
        for _ in 0..25 {
            let file: LibraryFile = serde_json::from_str(
                &library
                    .export_json(&ExportFilter::default(), now())
                    .unwrap(),
            )
            .unwrap();
            let first = &file.dramas[0];
            let last = &file.dramas[file.dramas.len() - 1];
            assert_eq!(
                first.notes, last.notes,
                "the first part and the last read the same moment"
            );
        }
    });
}

/// One transaction: the note `round N` on both dramas.
fn same_note_on(writer: &Connection, (first, last): (i64, i64), round: u32) {
    writer
        .execute(
            "UPDATE dramas SET notes = ?1 WHERE pk IN (?2, ?3)",
            rusqlite::params![format!("round {round}"), first, last],
        )
        .unwrap();
}

struct Stop<'a>(&'a AtomicBool);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

#[test]
fn an_export_does_not_wait_for_another_writer_to_finish() {
    let (dir, library) = large_library();
    let before = expected(&library, &ExportFilter::default());
    // Another process holds the write lock for the whole export.
    let writer = Connection::open(dir.path().join("drakor.sqlite3")).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute("UPDATE dramas SET notes = 'not committed yet'", [])
        .unwrap();
    let json = library
        .export_json(&ExportFilter::default(), now())
        .unwrap();
    assert_eq!(json, before, "the export shows what was committed");
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn rows_left_by_a_drama_deleted_without_foreign_keys_do_not_hide_the_next_dramas_rows() {
    let (dir, mut library) = temp_library();
    let mut ids = Vec::new();
    for title in ["First", "Gone", "Last"] {
        let drama = library
            .add_drama(
                &drakor_core::DramaDraft {
                    title: title.into(),
                    tags: vec![format!("{title} tag").to_lowercase()],
                    ..liberation()
                },
                now(),
            )
            .unwrap();
        library
            .mark_watched(drama.id, 1, &[1, 2], now(), now())
            .unwrap();
        library
            .add_scene(drama.id, &reed_field_kiss(), now())
            .unwrap();
        ids.push(drama.id);
    }
    // Another tool, with foreign keys off, deletes the middle drama's row
    // only: its tags, episodes, watches and scenes stay behind.
    let tool = Connection::open(dir.path().join("drakor.sqlite3")).unwrap();
    tool.pragma_update(None, "foreign_keys", false).unwrap();
    tool.execute("DELETE FROM dramas WHERE id = ?1", [ids[1].to_string()])
        .unwrap();

    let file: LibraryFile = serde_json::from_str(
        &library
            .export_json(&ExportFilter::default(), now())
            .unwrap(),
    )
    .unwrap();
    let titles: Vec<&str> = file.dramas.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["First", "Last"]);
    let last = &file.dramas[1];
    assert_eq!(last.tags, ["last tag"]);
    assert_eq!(last.episodes.len(), 2, "{:?}", last.episodes);
    assert!(last.episodes.iter().all(|e| e.watched_at.len() == 1));
    assert_eq!(last.scenes.len(), 1);
    assert_eq!(last.scenes[0].tags, reed_field_kiss().tags);
}

/// Another tool's connection to the library, with foreign keys off, as a
/// tool that does not know the schema might write.
fn careless_tool(dir: &TempDir) -> Connection {
    let tool = Connection::open(dir.path().join("drakor.sqlite3")).unwrap();
    tool.pragma_update(None, "foreign_keys", false).unwrap();
    tool
}

/// What the export of the whole library should hold: each drama exported
/// on its own, which reads no other drama's rows, left behind or not.
fn each_on_its_own(library: &Library, status: Option<Status>) -> Vec<DramaV1> {
    let all = library.export(&ExportFilter::default(), now()).unwrap();
    all.dramas
        .into_iter()
        .flat_map(|drama| {
            let alone = ExportFilter {
                drama_id: drama.id,
                status,
                ..ExportFilter::default()
            };
            library.export(&alone, now()).unwrap().dramas
        })
        .collect()
}

#[test]
fn rows_left_behind_anywhere_in_a_large_library_are_passed_by() {
    let (dir, library) = large_library();
    // Dramas deleted first, last and here and there, episodes and scenes
    // deleted inside dramas that stay: their rows stay behind.
    careless_tool(&dir)
        .execute_batch(
            "DELETE FROM dramas WHERE pk = (SELECT min(pk) FROM dramas);
             DELETE FROM dramas WHERE pk = (SELECT max(pk) FROM dramas);
             DELETE FROM dramas WHERE pk % 9 = 4;
             DELETE FROM episodes WHERE pk % 13 = 0;
             DELETE FROM scenes WHERE pk % 17 = 0;",
        )
        .unwrap();
    for status in [None, Some(Status::Completed), Some(Status::Watching)] {
        let filter = ExportFilter {
            status,
            ..ExportFilter::default()
        };
        let json = library.export_json(&filter, now()).unwrap();
        let file: LibraryFile = serde_json::from_str(&json).unwrap();
        assert!(!file.dramas.is_empty());
        assert!(
            file.dramas == each_on_its_own(&library, status),
            "{status:?}: the export differs from its dramas exported one by one"
        );
        assert_eq!(json, expected(&library, &filter), "{status:?}");
    }
}

#[test]
fn values_no_drakor_would_store_are_written_exactly_as_serde_writes_them() {
    let (dir, mut library) = temp_library();
    let drama = library.add_drama(&liberation(), now()).unwrap();
    library
        .mark_watched(drama.id, 1, &[1, 2, 3], now(), now())
        .unwrap();
    library
        .add_scene(drama.id, &reed_field_kiss(), now())
        .unwrap();
    let bare = drakor_core::SceneDraft {
        start: "0:00:01.5".into(),
        end: None,
        tags: vec![],
        people: vec![],
        links: vec![],
        ..reed_field_kiss()
    };
    library.add_scene(drama.id, &bare, now()).unwrap();
    // Infinite and negative-zero ratings, the largest numbers, escapes of
    // every kind, instants outside the years 0–9999, empty texts.
    let tool = careless_tool(&dir);
    tool.pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    tool.execute_batch(
        "UPDATE episodes SET rating = 9e999, notes = char(0) || 'x',
             title = 'a\"b\\c' || char(10) || char(1) || char(127) || char(8232) || char(8233) || '😀'
             WHERE number = 1;
         UPDATE episodes SET rating = -0.0, runtime_min = 4294967295, title = '' WHERE number = 2;
         UPDATE episodes SET rating = -9e999, season = 4294967295 WHERE number = 3;
         UPDATE watch_events SET watched_at = 253402300800000
             WHERE watched_at = (SELECT min(watched_at) FROM watch_events);
         UPDATE scenes SET created_at = 8210266876799999, updated_at = -62135596800001,
             title = '</script>' || char(9) || char(31), notes = '';
         UPDATE scene_tags SET tag = 'q\"' || char(13) || tag;
         UPDATE links SET label = 'l\\' || char(8232) WHERE scene_pk IS NOT NULL;
         UPDATE scene_people SET name = '' WHERE position = 0;",
    )
    .unwrap();
    let everything = ExportFilter::default();
    assert_eq!(
        library.export_json(&everything, now()).unwrap(),
        expected(&library, &everything)
    );
}

#[test]
fn a_value_no_drakor_can_read_fails_the_export_and_names_its_column() {
    let (dir, library) = large_library();
    careless_tool(&dir)
        .execute(
            "UPDATE scenes SET created_at = 9223372036854775807
             WHERE pk = (SELECT max(pk) FROM scenes)",
            [],
        )
        .unwrap();
    let refused = library
        .export_json(&ExportFilter::default(), now())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("created_at: 9223372036854775807 is no instant"),
        "{refused}"
    );
}
