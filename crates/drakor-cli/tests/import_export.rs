//! Moving the library in and out: import of the shared sample, export to
//! standard output and to a file, and backups.
#![allow(clippy::unwrap_used)]

mod common;

use common::{SAMPLE, TempLibrary, names_in};
use serde_json::Value;

#[test]
fn importing_the_sample_library_prints_a_one_line_summary() {
    let lib = TempLibrary::new();
    let summary = lib.run(&["import", SAMPLE]);
    assert_eq!(summary.lines().count(), 1, "one line: {summary}");
    assert!(
        summary.starts_with("imported: ") && summary.contains("dramas added"),
        "{summary}"
    );
    let sample: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let count = sample["dramas"].as_array().unwrap().len();
    assert!(
        summary.starts_with(&format!("imported: {count} dramas added")),
        "every drama of the sample is added: {summary}"
    );
    assert_eq!(lib.dramas().as_array().unwrap().len(), count);
}

#[test]
fn importing_the_same_file_again_adds_and_updates_nothing() {
    let lib = TempLibrary::new().with_sample();
    let before = lib.dramas();
    let again = lib.run(&["import", SAMPLE]);
    for nothing in [
        "0 dramas added, 0 updated",
        "0 episodes added, 0 updated",
        "0 watch events added",
        "0 scenes added, 0 updated",
    ] {
        assert!(again.contains(nothing), "{nothing:?} missing from: {again}");
    }
    assert_eq!(lib.dramas(), before, "the library is as it was");
}

#[test]
fn a_dry_run_reports_what_would_change_and_writes_nothing() {
    let lib = TempLibrary::new();
    let summary = lib.run(&["import", SAMPLE, "--dry-run"]);
    assert!(
        summary.starts_with("dry run, nothing written: ") && summary.contains("dramas added"),
        "{summary}"
    );
    assert_eq!(summary.lines().count(), 1);
    assert_eq!(lib.dramas(), Value::Array(vec![]), "nothing was imported");
}

#[test]
fn export_to_a_file_writes_the_file_and_keeps_standard_output_quiet() {
    let lib = TempLibrary::new().with_sample();
    let file = lib.path("backup.json");
    let stdout = lib.run(&["export", "-o", file.to_str().unwrap()]);
    assert!(
        !stdout.contains('{') && stdout.lines().count() <= 1,
        "the JSON goes to the file, not stdout: {stdout}"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["format"], "drakor");
    assert_eq!(
        written["dramas"],
        lib.dramas(),
        "the file holds the library"
    );
    let leftovers: Vec<_> = names_in(lib.dir.path())
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left: {leftovers:?}");
}

#[test]
fn a_failed_export_leaves_no_half_written_file() {
    let lib = TempLibrary::new().with_sample();
    let taken = lib.path("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), "mine").unwrap();
    let before = names_in(lib.dir.path());
    let stderr = lib.fail(&["export", "-o", taken.to_str().unwrap()], 1);
    assert!(stderr.contains("cannot write"), "{stderr}");
    let after = names_in(lib.dir.path());
    assert_eq!(before, after, "the temp file was removed");
    assert!(
        taken.join("keep.txt").exists(),
        "the folder was not touched"
    );
}

#[test]
fn a_tag_export_holds_only_what_has_the_tag() {
    let lib = TempLibrary::new().with_sample();
    let export: Value = serde_json::from_str(&lib.run(&["export", "--tag", "kiss"])).unwrap();
    let dramas = export["dramas"].as_array().unwrap();
    assert!(!dramas.is_empty(), "the sample has kiss scenes");
    for drama in dramas {
        let tagged = drama["tags"].as_array().unwrap().contains(&"kiss".into());
        for scene in drama["scenes"].as_array().unwrap() {
            assert!(
                tagged || scene["tags"].as_array().unwrap().contains(&"kiss".into()),
                "only kiss scenes: {scene}"
            );
        }
    }
}

#[test]
fn favourites_exports_only_the_starred_scenes_as_markdown() {
    let lib = TempLibrary::new().with_sample();
    let md = lib.run(&["export", "--favourites", "--format", "markdown"]);
    assert!(md.starts_with("# Favourite scenes\n"), "{md}");
    // The sample stars the reed field kiss and the first kiss, not the sea.
    assert!(md.contains("Reed field kiss"), "{md}");
    assert!(md.contains("First kiss"), "{md}");
    assert!(!md.contains("Kiss by the sea"), "{md}");
    assert!(
        !md.contains("Goblin"),
        "a drama without a ★ scene is left out: {md}"
    );
}

#[test]
fn favourites_with_a_tag_keeps_the_starred_scenes_of_that_tag_in_json() {
    let lib = TempLibrary::new().with_sample();
    let export: Value =
        serde_json::from_str(&lib.run(&["export", "--tag", "reed-field", "--favourites"])).unwrap();
    let titles: Vec<&str> = export["dramas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["scenes"].as_array().unwrap())
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Reed field kiss"]);
}

#[test]
fn a_backup_is_a_library_drakor_can_open() {
    let lib = TempLibrary::new();
    lib.run(&["add", "My Liberation Notes", "--original", "나의 해방일지"]);
    let copy = lib.path("copy.sqlite3");
    let said = lib.run(&["backup", copy.to_str().unwrap()]);
    assert!(said.starts_with("backed up the library to "), "{said}");
    let list = common::drakor_in(lib.dir.path())
        .arg("--db")
        .arg(&copy)
        .arg("list")
        .output()
        .unwrap();
    assert!(list.status.success());
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.contains("My Liberation Notes") && list.contains("나의 해방일지"),
        "{list}"
    );
    let stderr = lib.fail(&["backup", copy.to_str().unwrap()], 1);
    assert!(
        stderr.contains("already exists"),
        "a backup never overwrites a file: {stderr}"
    );
}

#[test]
fn an_export_to_an_existing_file_is_refused_in_one_line_naming_it() {
    let lib = TempLibrary::new().with_sample();
    let file = lib.path("library.json");
    std::fs::write(&file, "an older export").unwrap();
    let stderr = lib.fail(&["export", "-o", file.to_str().unwrap()], 1);
    assert_eq!(
        stderr,
        format!(
            "drakor: {} already exists; --force replaces it\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "an older export");
}

#[test]
fn force_replaces_an_existing_export_file_whole() {
    let lib = TempLibrary::new().with_sample();
    let file = lib.path("library.json");
    std::fs::write(&file, "an older export").unwrap();
    lib.run(&["export", "-o", file.to_str().unwrap(), "--force"]);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        written["dramas"],
        lib.dramas(),
        "the file holds the library"
    );
    let leftovers: Vec<_> = names_in(lib.dir.path())
        .into_iter()
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file is left: {leftovers:?}");
}

#[test]
fn force_never_replaces_the_library_through_a_symlink_or_a_hard_link() {
    let lib = TempLibrary::new().with_sample();
    let before = lib.dramas();
    let symlink = lib.path("symlink.json");
    std::os::unix::fs::symlink(&lib.db, &symlink).unwrap();
    let hard_link = lib.path("hard-link.json");
    std::fs::hard_link(&lib.db, &hard_link).unwrap();
    let bytes = std::fs::read(&lib.db).unwrap();
    for link in [&symlink, &hard_link] {
        let stderr = lib.fail(&["export", "-o", link.to_str().unwrap(), "--force"], 1);
        assert_eq!(
            stderr,
            format!(
                "drakor: path: {} is the library itself; choose another file\n",
                link.display()
            )
        );
    }
    assert!(std::fs::symlink_metadata(&symlink).unwrap().is_symlink());
    assert_eq!(std::fs::read(&lib.db).unwrap(), bytes);
    assert_eq!(std::fs::read(&hard_link).unwrap(), bytes);
    assert_eq!(lib.dramas(), before, "the library is as it was");
}

#[test]
fn force_without_an_output_file_is_a_usage_error() {
    let lib = TempLibrary::new();
    let stderr = lib.fail(&["export", "--force"], 2);
    assert!(stderr.contains("--output"), "{stderr}");
}
