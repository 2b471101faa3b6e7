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
