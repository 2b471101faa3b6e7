//! Helpers shared by the integration tests: a library in a temp file, a
//! fixed clock, and a fingerprint of a library's whole content.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use std::path::Path;

pub mod interop;
pub mod year_in_seoul;

pub use drakor_core::ExportFormat;

use drakor_core::{
    DramaDraft, ExportFilter, ExportOptions, ExportWritten, Format, ImportOptions, ImportReport,
    ImportSource, ImportSummary, Library, LibraryFile, Result, SceneDraft, Status,
};
use tempfile::TempDir;

/// The sample library of the repository's test fixtures.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/sample-library.json"
);

pub fn sample_text() -> String {
    std::fs::read_to_string(SAMPLE).expect("the sample library is in tests/fixtures")
}

/// The number of the last schema migration (`src/migrations/NNNN_*.sql`):
/// the schema version a library has once opened. Numbers may have gaps.
pub fn migrations() -> i64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/migrations");
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let number = name.strip_suffix(".sql")?.split('_').next()?;
            number.parse::<i64>().ok()
        })
        .max()
        .unwrap()
}

/// A library file at `path` as an older Drakor left it: the migrations
/// numbered up to `version` run, with the version and the library's mark
/// set, and no row in it. A test adds the rows it needs with SQL of that
/// schema, then opens it with [`Library::open`] to upgrade it.
pub fn library_at_version(path: &Path, version: i64) -> rusqlite::Connection {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/migrations");
    let mut files: Vec<(i64, std::path::PathBuf)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_str()?.to_owned();
            let number = name.strip_suffix(".sql")?.split('_').next()?.parse().ok()?;
            (number <= version).then_some((number, path))
        })
        .collect();
    files.sort();
    let conn = rusqlite::Connection::open(path).unwrap();
    for (_, file) in files {
        conn.execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
    conn.pragma_update(None, "application_id", 0x4452_4B52)
        .unwrap();
    conn
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

/// The tests' short ways through the library's one way in
/// ([`Library::import`]) and one way out ([`Library::export_to`],
/// [`Library::export_file`]).
pub trait Shortcuts {
    /// Imports Drakor JSON text.
    fn import_json(
        &mut self,
        text: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary>;
    /// Imports a Drakor JSON file.
    fn import_json_file(
        &mut self,
        path: &Path,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        Ok(self
            .import_path(path, Format::Drakor, now, dry_run)?
            .summary)
    }
    /// Imports a file or folder, in `format`.
    fn import_path(
        &mut self,
        path: &Path,
        format: Format,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportReport>;
    /// Imports a file's bytes, in `format`.
    fn import_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        format: Format,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportReport>;
    /// Loads the built-in sample library.
    fn load_sample(&mut self, now: DateTime<Utc>) -> Result<ImportSummary>;
    /// The export as Drakor JSON text, as a file holds it.
    fn export_json(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<String>;
    /// The export as a kind of file, as text.
    fn export_text(&self, filter: &ExportFilter, format: ExportFormat) -> Result<String>;
    /// The scenes as a Markdown list under `title` (made from the filter
    /// without one).
    fn export_markdown(&self, filter: &ExportFilter, title: Option<&str>) -> Result<String>;
    /// The export, read back.
    fn export(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<LibraryFile>;
    /// Exports Drakor JSON to a file, whole or not at all.
    fn export_file_as_json(
        &self,
        path: &Path,
        filter: &ExportFilter,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        self.export_file_as(path, filter, ExportFormat::Json, now)
    }
    /// Exports to a file, whole or not at all.
    fn export_file_as(
        &self,
        path: &Path,
        filter: &ExportFilter,
        format: ExportFormat,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten>;
}

impl Shortcuts for Library {
    fn import_json(
        &mut self,
        text: &str,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let source = ImportSource::Bytes {
            name: "library.json",
            bytes: text.as_bytes(),
        };
        let options = ImportOptions {
            format: Format::Drakor,
            dry_run,
        };
        Ok(self.import(source, options, now)?.summary)
    }

    fn import_path(
        &mut self,
        path: &Path,
        format: Format,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.import(
            ImportSource::Path(path),
            ImportOptions { format, dry_run },
            now,
        )
    }

    fn import_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        format: Format,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportReport> {
        let source = ImportSource::Bytes { name, bytes };
        self.import(source, ImportOptions { format, dry_run }, now)
    }

    fn load_sample(&mut self, now: DateTime<Utc>) -> Result<ImportSummary> {
        Ok(self
            .import(ImportSource::sample(), ImportOptions::default(), now)?
            .summary)
    }

    fn export_json(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<String> {
        let mut out = Vec::new();
        self.export_to(&mut out, &ExportOptions::of(filter.clone()), now)?;
        Ok(String::from_utf8(out).unwrap())
    }

    fn export_text(&self, filter: &ExportFilter, format: ExportFormat) -> Result<String> {
        let mut out = Vec::new();
        let options = ExportOptions::of(filter.clone()).as_format(format);
        self.export_to(&mut out, &options, now())?;
        Ok(String::from_utf8(out).unwrap())
    }

    fn export_markdown(&self, filter: &ExportFilter, title: Option<&str>) -> Result<String> {
        let mut out = Vec::new();
        let options = ExportOptions {
            filter: filter.clone(),
            format: ExportFormat::Markdown,
            title: title.map(str::to_owned),
        };
        self.export_to(&mut out, &options, now())?;
        Ok(String::from_utf8(out).unwrap())
    }

    fn export(&self, filter: &ExportFilter, now: DateTime<Utc>) -> Result<LibraryFile> {
        Ok(serde_json::from_str(&self.export_json(filter, now)?).unwrap())
    }

    fn export_file_as(
        &self,
        path: &Path,
        filter: &ExportFilter,
        format: ExportFormat,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        let options = ExportOptions::of(filter.clone()).as_format(format);
        self.export_file(path, &options, now)
    }
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
        ..SceneDraft::default()
    }
}
