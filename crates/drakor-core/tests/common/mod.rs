//! Helpers shared by the integration tests: a library in a temp file, a
//! fixed clock, and a fingerprint of a library's whole content.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use drakor_core::{DramaDraft, ExportFilter, Library, SceneDraft, Status};
use tempfile::TempDir;

/// The sample library of the repository's test fixtures.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/sample-library.json"
);

pub fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).expect("the sample library is in tests/fixtures")
}

/// An instant from RFC 3339 text.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn now() -> DateTime<Utc> {
    at("2026-11-21T09:30:00Z")
}

/// A library in a fresh temp folder; keep the folder alive with it.
pub fn temp_library() -> (TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open(dir.path().join("drakor.sqlite3")).unwrap();
    (dir, library)
}

/// Everything the library holds, as export JSON at a fixed instant.
pub fn content(library: &Library) -> String {
    library
        .export_json(&ExportFilter::default(), now())
        .unwrap()
}

pub fn liberation() -> DramaDraft {
    DramaDraft {
        title: "My Liberation Notes".into(),
        original_title: Some("나의 해방일지".into()),
        country: Some("KR".into()),
        year: Some(2022),
        network: Some("JTBC".into()),
        total_episodes: Some(16),
        status: Status::PlanToWatch,
        tags: vec!["slice-of-life".into()],
        ..DramaDraft::default()
    }
}

pub fn reed_field_kiss() -> SceneDraft {
    SceneDraft {
        season: 1,
        episode: 11,
        start: "48:12".into(),
        end: Some("49:40".into()),
        title: "Reed field kiss".into(),
        tags: vec!["kiss".into(), "reed-field".into()],
        notes: "They agreed on the timing of turning their heads before the take.".into(),
        people: vec!["Kim Ji-won".into(), "Son Seok-koo".into()],
        favourite: true,
        links: vec![drakor_core::Link {
            url: "https://www.youtube.com/watch?v=example".into(),
            label: "Behind the scenes".into(),
            kind: drakor_core::LinkKind::BehindTheScenes,
        }],
    }
}
