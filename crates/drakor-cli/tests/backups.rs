//! `drakor import` backs the library up as the app does, through the same
//! core call: once the file has been read and checked, just before it
//! writes, into `backups/` beside the library. A dry run or a refused file
//! takes no backup, so refused imports never push out a good one.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use common::{SAMPLE, TempLibrary, names_in};
use drakor_core::{KEEP_BACKUPS, Library};
use serde_json::json;

fn backups(lib: &TempLibrary) -> PathBuf {
    lib.path("backups")
}

/// A Drakor file with one drama of its own, written beside the library.
fn one_drama(lib: &TempLibrary, title: &str) -> String {
    let file = lib.path(&format!("{title}.json"));
    let text = json!({ "format": "drakor", "version": 1, "dramas": [{ "title": title }] });
    std::fs::write(&file, text.to_string()).unwrap();
    file.to_str().unwrap().to_owned()
}

fn titles_in(db: &std::path::Path) -> Vec<String> {
    let lib = Library::open(db).unwrap();
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
fn an_import_backs_up_the_library_as_it_was_before() {
    let lib = TempLibrary::new().with_sample();
    let [first] = names_in(&backups(&lib)).try_into().unwrap();
    assert!(
        first.starts_with("drakor-") && first.ends_with("-import.sqlite3"),
        "{first}"
    );
    let before = titles_in(&lib.db);
    lib.run(&["import", &one_drama(&lib, "Kingdom")]);
    let made: Vec<String> = names_in(&backups(&lib))
        .into_iter()
        .filter(|n| *n != first)
        .collect();
    let [second] = made.try_into().unwrap();
    assert_eq!(titles_in(&backups(&lib).join(second)), before);
    assert!(titles_in(&lib.db).contains(&"Kingdom".to_owned()));
}

#[test]
fn a_dry_run_takes_no_backup() {
    let lib = TempLibrary::new();
    lib.run(&["import", SAMPLE, "--dry-run"]);
    assert!(!backups(&lib).exists(), "{:?}", names_in(lib.dir.path()));
}

#[test]
fn ten_refused_imports_keep_every_good_backup() {
    let lib = TempLibrary::new().with_sample();
    for i in 1..KEEP_BACKUPS {
        lib.run(&["import", &one_drama(&lib, &format!("Drama {i}"))]);
    }
    let good = names_in(&backups(&lib));
    assert_eq!(good.len(), KEEP_BACKUPS, "{good:?}");

    let refused = lib.path("refused.json");
    let text = json!({ "format": "drakor", "version": 1, "dramas": [{
        "title": "Goblin",
        "scenes": [{ "season": 1, "episode": 1, "start": "12:75", "title": "First snow" }]
    }]});
    std::fs::write(&refused, text.to_string()).unwrap();
    for _ in 0..10 {
        let stderr = lib.fail(&["import", refused.to_str().unwrap()], 1);
        assert!(stderr.contains("was not imported"), "{stderr}");
    }
    assert_eq!(names_in(&backups(&lib)), good, "every good backup is kept");
    let oldest = backups(&lib).join(&good[0]);
    assert!(
        titles_in(&oldest).is_empty(),
        "the oldest is still the library before the sample"
    );
}
