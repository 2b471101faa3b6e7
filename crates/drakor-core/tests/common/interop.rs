//! Helpers of the tests of other trackers' files: the fixtures, imports
//! that must pass or be refused, folders and ZIPs made on the spot, Trakt
//! entries built in code.

use std::io::Write;
use std::path::{Path, PathBuf};

use drakor_core::{DramaDetail, Format, ImportReport, Library};
use serde_json::{Value, json};
use tempfile::TempDir;

use super::{Shortcuts, now};

pub const INTEROP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/interop");

pub fn fixture(name: &str) -> PathBuf {
    Path::new(INTEROP).join(name)
}

pub fn import(lib: &mut Library, path: &Path) -> ImportReport {
    lib.import_path(path, Format::Auto, now(), false)
        .unwrap_or_else(|e| panic!("{} should import: {e}", path.display()))
}

pub fn refused(lib: &mut Library, path: &Path, format: Format) -> String {
    let err = lib.import_path(path, format, now(), false).unwrap_err();
    assert_eq!(err.code(), "import_refused", "{err}");
    err.to_string()
}

pub fn detail(lib: &Library, title: &str) -> DramaDetail {
    lib.get_drama(lib.find_drama(title).unwrap()).unwrap()
}

pub fn watches(detail: &DramaDetail) -> usize {
    detail.episodes.iter().map(|e| e.watched_at.len()).sum()
}

/// A folder holding `files` (name, text); names may have a folder part.
pub fn folder_with(files: &[(&str, String)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A ZIP holding `files` (name, text), deflated as Trakt's are.
pub fn zip_of(files: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The sample Trakt export's files, as (name, text).
pub fn trakt_sample_files() -> Vec<(&'static str, String)> {
    [
        "watched-history.json",
        "ratings-shows.json",
        "ratings-episodes.json",
        "lists-watchlist.json",
    ]
    .into_iter()
    .map(|name| {
        let text = std::fs::read_to_string(fixture("trakt-export").join(name)).unwrap();
        (name, text)
    })
    .collect()
}

pub fn show(title: &str, year: Option<i32>, trakt: Option<u64>, aired: Option<u32>) -> Value {
    json!({
        "title": title, "year": year,
        "ids": { "trakt": trakt, "slug": null, "tvdb": null, "imdb": null, "tmdb": null },
        "aired_episodes": aired
    })
}

pub fn watch(show: &Value, season: u32, number: u32, at: &str) -> Value {
    json!({
        "id": 1, "watched_at": at, "action": "watch", "type": "episode",
        "episode": { "season": season, "number": number, "title": null,
                     "ids": { "trakt": null, "tvdb": null, "imdb": null, "tmdb": null } },
        "show": show
    })
}

pub fn history(entries: &[Value]) -> String {
    serde_json::to_string_pretty(&Value::Array(entries.to_vec())).unwrap()
}
