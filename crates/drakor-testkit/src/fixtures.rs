//! The repository's test fixtures (`tests/fixtures/`, with a README of
//! what each file is), and a look into folders a test wrote to.

use std::path::{Path, PathBuf};

/// The folder of the test fixtures.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The sample library in Drakor's format.
pub fn sample_library() -> PathBuf {
    dir().join("sample-library.json")
}

/// One of the other trackers' files (`interop/…`).
pub fn interop(name: &str) -> PathBuf {
    dir().join("interop").join(name)
}

/// The names of the files in `dir`, sorted: what a test left behind there.
/// Panics when the folder cannot be read, as a test should.
pub fn names_in(dir: &Path) -> Vec<String> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Writes a Drakor file of 30 dramas and 90 scenes, each with about 75 KB
/// of notes (Hangul among them), to `path`: about 7 MB for SQLite to
/// write, far more than a small disk quota allows.
pub fn write_big_import(path: &Path) {
    let notes = "나의 해방일지 — the reed field, again and again. ".repeat(1_500);
    let dramas: Vec<_> = (0..30)
        .map(|i| {
            serde_json::json!({
                "title": format!("Big drama {i}"),
                "notes": notes,
                "scenes": (0..3).map(|j| serde_json::json!({
                    "season": 1, "episode": j + 1, "start": "00:10:00",
                    "title": format!("Scene {j}"), "notes": notes
                })).collect::<Vec<_>>()
            })
        })
        .collect();
    let file = serde_json::json!({ "format": "drakor", "version": 1, "dramas": dramas });
    std::fs::write(path, file.to_string())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
