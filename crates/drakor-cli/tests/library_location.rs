//! Which library file drakor uses: `--db` beats `DRAKOR_DB`, which beats
//! the desktop app's library.
#![allow(clippy::unwrap_used)]

mod common;

use common::drakor_in;

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_db_flag_beats_the_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let flag = dir.path().join("flag.sqlite3");
    let env = dir.path().join("env.sqlite3");
    let shown = stdout_of(
        drakor_in(dir.path())
            .env("DRAKOR_DB", &env)
            .arg("--db")
            .arg(&flag)
            .arg("path"),
    );
    assert_eq!(shown.trim(), flag.to_str().unwrap());
    stdout_of(
        drakor_in(dir.path())
            .env("DRAKOR_DB", &env)
            .args(["add", "Goblin", "--db"])
            .arg(&flag),
    );
    assert!(flag.exists(), "the drama went into the --db library");
    assert!(!env.exists(), "the DRAKOR_DB library was not touched");
}

#[test]
fn the_environment_variable_beats_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("env.sqlite3");
    let shown = stdout_of(drakor_in(dir.path()).env("DRAKOR_DB", &env).arg("path"));
    assert_eq!(shown.trim(), env.to_str().unwrap());
    stdout_of(
        drakor_in(dir.path())
            .env("DRAKOR_DB", &env)
            .args(["add", "Goblin"]),
    );
    let list = stdout_of(drakor_in(dir.path()).arg("--db").arg(&env).arg("list"));
    assert!(
        list.contains("Goblin"),
        "the drama is in the DRAKOR_DB library: {list}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn without_either_the_desktop_apps_library_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let expected = dir
        .path()
        .join("data")
        .join("app.drakor.desktop")
        .join("drakor.sqlite3");
    let shown = stdout_of(drakor_in(dir.path()).arg("path"));
    assert_eq!(shown.trim(), expected.to_str().unwrap());
    stdout_of(drakor_in(dir.path()).args(["add", "Goblin"]));
    assert!(
        expected.exists(),
        "the library was made in the app's data folder"
    );
    let empty_env = stdout_of(drakor_in(dir.path()).env("DRAKOR_DB", "").arg("path"));
    assert_eq!(
        empty_env.trim(),
        expected.to_str().unwrap(),
        "an empty DRAKOR_DB counts as unset"
    );
}
