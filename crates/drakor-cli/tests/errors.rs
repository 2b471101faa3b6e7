//! When something is wrong, drakor says what in one clear line on stderr
//! (one more per problem), exits 1 (2 for a command line that cannot
//! work), and leaves the library as it was.
#![allow(clippy::unwrap_used)]

mod common;

use common::{SAMPLE, TempLibrary};
use serde_json::Value;

#[test]
fn a_bad_scene_time_is_refused_naming_the_start_field_and_nothing_is_saved() {
    let lib = TempLibrary::new();
    lib.run(&["add", "My Liberation Notes", "--episodes", "16"]);
    let before = lib.dramas();
    let stderr = lib.fail(
        &[
            "scene",
            "add",
            "liberation",
            "--episode",
            "11",
            "--at",
            "12:75",
            "--title",
            "Reed field kiss",
        ],
        1,
    );
    assert!(
        stderr.starts_with("drakor: start") && stderr.contains("\"12:75\" is not a time"),
        "the message names the field and the value: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert_eq!(lib.dramas(), before, "no scene was saved");
}

#[test]
fn a_javascript_link_is_refused() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin"]);
    let before = lib.dramas();
    let stderr = lib.fail(
        &[
            "scene",
            "add",
            "goblin",
            "--episode",
            "1",
            "--at",
            "1:00",
            "--title",
            "Sneaky",
            "--link",
            "javascript:alert(1)|click me",
        ],
        1,
    );
    assert!(
        stderr.contains("links[0].url") && stderr.contains("only http and https"),
        "{stderr}"
    );
    let stderr = lib.fail(&["edit", "goblin", "--link", "file:///etc/passwd"], 1);
    assert!(stderr.contains("links[0].url"), "{stderr}");
    assert_eq!(lib.dramas(), before, "nothing was saved");
}

#[test]
fn an_unknown_drama_gives_a_clear_not_found_message() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin"]);
    let stderr = lib.fail(&["show", "Reply 1988"], 1);
    assert_eq!(
        stderr,
        "drakor: no drama matches \"Reply 1988\" (see `drakor list`)\n"
    );
    let stderr = lib.fail(&["watch", "Reply 1988", "1"], 1);
    assert!(stderr.contains("no drama matches"), "{stderr}");
}

#[test]
fn an_ambiguous_drama_lists_each_candidate_with_its_whole_id() {
    let lib = TempLibrary::new();
    let first = common::id_in(lib.run(&["add", "Reply 1988"]).trim());
    let second = common::id_in(lib.run(&["add", "Reply 1997"]).trim());
    let stderr = lib.fail(&["show", "reply"], 1);
    assert!(
        stderr.starts_with("drakor: \"reply\" matches 2 dramas"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&first) && stderr.contains(&second),
        "{stderr}"
    );
}

#[test]
fn removing_a_drama_by_part_of_its_title_needs_yes() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin"]);
    let stderr = lib.fail(&["rm", "gob"], 1);
    assert!(stderr.contains("only part of the title"), "{stderr}");
    assert_eq!(lib.dramas().as_array().unwrap().len(), 1, "still there");
    let removed = lib.run(&["rm", "gob", "--yes"]);
    assert!(removed.starts_with("removed \"Goblin\""), "{removed}");
    assert_eq!(lib.dramas(), Value::Array(vec![]));
}

/// The sample with one change made by `spoil`, written into the library's folder.
fn spoiled_sample(lib: &TempLibrary, name: &str, spoil: impl FnOnce(&mut Value)) -> String {
    let mut sample: Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    spoil(&mut sample);
    let path = lib.path(name);
    std::fs::write(&path, serde_json::to_string_pretty(&sample).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn importing_a_file_with_a_bad_scene_time_changes_nothing_and_names_the_place() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Reply 1988", "--episodes", "20"]);
    lib.run(&["watch", "reply", "1-3"]);
    let before = lib.dramas();
    let mut place = String::new();
    let file = spoiled_sample(&lib, "bad-time.json", |sample| {
        let dramas = sample["dramas"].as_array_mut().unwrap();
        let (i, drama) = dramas
            .iter_mut()
            .enumerate()
            .find(|(_, d)| !d["scenes"].as_array().unwrap().is_empty())
            .expect("the sample has a scene");
        drama["scenes"][0]["start"] = "12:75".into();
        place = format!("dramas[{i}].scenes[0].start");
    });
    let stderr = lib.fail(&["import", &file], 1);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(format!("drakor: {file} was not imported, nothing was changed:").as_str()),
        "the file is named first: {stderr}"
    );
    assert!(
        lines.any(|l| l.trim_start().starts_with(&format!("{place}: \"12:75\""))),
        "then each problem, field: message ({place}): {stderr}"
    );
    assert_eq!(lib.dramas(), before, "the library is unchanged");
}

#[test]
fn importing_a_file_of_a_newer_version_is_refused_and_changes_nothing() {
    let lib = TempLibrary::new().with_sample();
    let before = lib.dramas();
    let file = spoiled_sample(&lib, "future.json", |sample| {
        sample["version"] = 3.into();
        sample["dramas"][0]["title"] = "Changed".into();
    });
    let stderr = lib.fail(&["import", &file], 1);
    assert!(
        stderr.contains(&file) && stderr.contains("version: 3 is newer"),
        "{stderr}"
    );
    assert_eq!(lib.dramas(), before, "the library is unchanged");
    let stderr = lib.fail(&["import", &file, "--dry-run"], 1);
    assert!(
        stderr.contains("version"),
        "a dry run refuses it too: {stderr}"
    );
}

#[test]
fn importing_a_missing_file_says_it_cannot_read_it() {
    let lib = TempLibrary::new();
    let stderr = lib.fail(&["import", "no-such-file.json"], 1);
    assert!(
        stderr.starts_with("drakor: cannot read no-such-file.json: "),
        "{stderr}"
    );
}

#[test]
fn a_library_folder_that_cannot_be_created_is_a_clear_error() {
    let lib = TempLibrary::new();
    let blocker = lib.path("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let db = blocker.join("library").join("drakor.sqlite3");
    let output = common::drakor_in(lib.dir.path())
        .arg("--db")
        .arg(&db)
        .arg("list")
        .output()
        .unwrap();
    let stderr = common::expect_failure(&output, 1, &["list"]);
    assert!(
        stderr.starts_with(&format!(
            "drakor: cannot open the library at {}",
            db.display()
        )) && stderr.contains("cannot create its folder"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let lib = TempLibrary::new();
    std::fs::write(&lib.db, "this is not SQLite, it is a shopping list").unwrap();
    let stderr = lib.fail(&["list"], 1);
    assert!(stderr.contains("not a Drakor library"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&lib.db).unwrap(),
        "this is not SQLite, it is a shopping list",
        "the file was left as it was"
    );
}

#[test]
fn command_lines_that_cannot_work_exit_with_2() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin"]);
    lib.fail(&["watch", "goblin"], 2);
    lib.fail(&["list", "--sort", "mood"], 2);
    lib.fail(&["watch", "goblin", "1", "--at", "last tuesday"], 2);
    let stderr = lib.fail(&["edit", "goblin"], 2);
    assert!(stderr.contains("nothing to change"), "{stderr}");
}

#[test]
fn bad_episode_lists_and_ratings_name_their_field() {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin", "--episodes", "16"]);
    let stderr = lib.fail(&["watch", "goblin", "8-1"], 1);
    assert!(stderr.starts_with("drakor: episodes: "), "{stderr}");
    let stderr = lib.fail(&["watch", "goblin", "17"], 1);
    assert!(stderr.contains("past the drama's last episode"), "{stderr}");
    let stderr = lib.fail(&["edit", "goblin", "--rating", "9.3"], 1);
    assert!(stderr.starts_with("drakor: rating: "), "{stderr}");
    let stderr = lib.fail(&["add", "Bad", "--year", "1800", "--rating", "11"], 1);
    assert!(
        stderr.starts_with("drakor: 2 problems, nothing was saved:")
            && stderr.contains("\n  year: ")
            && stderr.contains("\n  rating: "),
        "one line per problem: {stderr}"
    );
}
