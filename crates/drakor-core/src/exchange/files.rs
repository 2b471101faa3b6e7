//! Export files on disk: written whole or not at all, read with the file's
//! name in every error.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::exchange::csv::{self, CsvRows};
use crate::exchange::export::{ExportFilter, Tally};
use crate::exchange::format::LibraryFile;
use crate::exchange::import::ImportSummary;
use crate::exchange::markdown;
use crate::store::Library;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportWritten {
    pub path: PathBuf,
    pub dramas: usize,
    pub episodes: usize,
    pub scenes: usize,
}

/// The kinds of file an export can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Drakor JSON, format version 1: the one Drakor imports again.
    #[default]
    Json,
    /// CSV, one row per scene.
    CsvScenes,
    /// CSV, one row per watch event.
    CsvWatchLog,
    /// A Markdown list of the scenes, to share.
    Markdown,
}

/// The small library the app offers to load into an empty library.
const SAMPLE_LIBRARY: &str = include_str!("sample-library.json");

impl Library {
    /// Writes a JSON export to `path` (see [`Library::export_file_as`]).
    pub fn export_to_file(
        &self,
        path: &Path,
        filter: &ExportFilter,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        self.export_file_as(path, filter, ExportFormat::Json, now)
    }

    /// Writes an export in `format` to `path` through a temporary file in the
    /// same folder, renamed into place: a failed export never leaves half a file.
    pub fn export_file_as(
        &self,
        path: &Path,
        filter: &ExportFilter,
        format: ExportFormat,
        now: DateTime<Utc>,
    ) -> Result<ExportWritten> {
        self.refuse_own_files(path)?;
        let (bytes, tally) = match format {
            ExportFormat::Json => {
                let name = path.display().to_string();
                let tally = write_file_atomically(path, |file| {
                    let tally = self.write_json(filter, now, file, &name)?;
                    file.write_all(b"\n")
                        .map_err(|e| Error::io(format!("cannot write {name}"), e))?;
                    Ok(tally)
                })?;
                return Ok(written(path, tally));
            }
            ExportFormat::CsvScenes => {
                self.rendered(filter, now, |file| csv::to_csv(file, CsvRows::Scenes))?
            }
            ExportFormat::CsvWatchLog => {
                self.rendered(filter, now, |file| csv::to_csv(file, CsvRows::Episodes))?
            }
            ExportFormat::Markdown => self.rendered(filter, now, |file| {
                let title = markdown::derived_title(filter, file);
                Ok(markdown::scene_list(&file.dramas, &title))
            })?,
        };
        write_atomically(path, &bytes)?;
        Ok(written(path, tally))
    }

    /// The export rendered as text by `render`, and what it holds.
    fn rendered(
        &self,
        filter: &ExportFilter,
        now: DateTime<Utc>,
        render: impl FnOnce(&LibraryFile) -> Result<String>,
    ) -> Result<(Vec<u8>, Tally)> {
        let file = self.export(filter, now)?;
        Ok((render(&file)?.into_bytes(), Tally::of(&file)))
    }

    /// An export must never land on the library it came from (nor its
    /// `-wal`/`-shm` files): that would replace the library with a text file.
    fn refuse_own_files(&self, path: &Path) -> Result<()> {
        let Some(library) = self.path() else {
            return Ok(());
        };
        let canonical = |p: &Path| {
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::canonicalize(parent)
                .ok()
                .map(|d| d.join(p.file_name().unwrap_or_default()))
        };
        let (Some(target), Some(library)) = (canonical(path), canonical(library)) else {
            return Ok(());
        };
        let own = ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut name = library.clone().into_os_string();
            name.push(suffix);
            Path::new(&name) == target
        });
        if own {
            return Err(Error::invalid(
                "path",
                format!(
                    "{} is the library itself; choose another file",
                    path.display()
                ),
            ));
        }
        Ok(())
    }

    /// Imports a Drakor JSON file from disk (see [`Library::import_json`]).
    pub fn import_json_file(
        &mut self,
        path: &Path,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        self.import_json(&text, now, dry_run)
    }

    /// Loads the built-in sample library (four well-loved dramas with a few
    /// scenes), merged like any import.
    pub fn load_sample(&mut self, now: DateTime<Utc>) -> Result<ImportSummary> {
        self.import_json(SAMPLE_LIBRARY, now, false)
    }
}

fn written(path: &Path, tally: Tally) -> ExportWritten {
    ExportWritten {
        path: path.to_owned(),
        dramas: tally.dramas,
        episodes: tally.episodes,
        scenes: tally.scenes,
    }
}

/// Writes `bytes` to a new file in `path`'s folder, syncs it and renames it
/// over `path`, so readers see the old file or the whole new one, never half.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_atomically(path, |file| {
        file.write_all(bytes)
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
    })
}

/// [`write_atomically`], with the file's content written by `write`.
fn write_file_atomically<T>(path: &Path, write: impl FnOnce(&mut File) -> Result<T>) -> Result<T> {
    let fail = |source: io::Error| Error::io(format!("cannot write {}", path.display()), source);
    let Some(name) = path.file_name() else {
        return Err(fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is a folder, not a file name",
        )));
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (temp, mut file) = create_temp(folder, &name.to_string_lossy()).map_err(fail)?;
    let written = write(&mut file).and_then(|value| {
        file.sync_all()
            .and_then(|()| {
                drop(file);
                std::fs::rename(&temp, path)
            })
            .map_err(fail)?;
        Ok(value)
    });
    if written.is_err() {
        // The temp file is ours and useless now; the error to report is the write's.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Reserves a new, empty temp file beside `path` and returns its name.
pub(crate) fn reserve_temp(path: &Path) -> Result<PathBuf> {
    let fail = |source: io::Error| Error::io(format!("cannot write {}", path.display()), source);
    let name = path.file_name().ok_or_else(|| {
        fail(io::Error::new(
            io::ErrorKind::InvalidInput,
            "that is a folder, not a file name",
        ))
    })?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_temp(folder, &name.to_string_lossy())
        .map(|(temp, _)| temp)
        .map_err(fail)
}

/// A new file `.NAME.PID-N.tmp` beside `NAME`; never one that exists already
/// (nor a link planted at that name).
fn create_temp(folder: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0.. {
        let temp = folder.join(format!(".{name}.{pid}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("the loop returns within 101 attempts")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_library_loads_into_an_empty_library() {
        let mut lib = Library::open_in_memory().expect("in-memory library");
        let summary = lib.load_sample(Utc::now()).expect("sample loads");
        assert_eq!(summary.dramas_added, 4);
        assert_eq!(lib.list_dramas(&Default::default()).expect("list").len(), 4);
    }

    #[test]
    fn an_export_to_a_missing_folder_fails_without_leaving_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open_in_memory().expect("in-memory library");
        let target = dir.path().join("missing").join("out.json");
        let err = lib
            .export_to_file(&target, &ExportFilter::default(), Utc::now())
            .expect_err("no folder");
        assert!(err.to_string().starts_with("cannot write"), "{err}");
        assert!(!target.exists());
    }

    #[test]
    fn every_export_format_writes_its_kind_of_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut lib = Library::open_in_memory().expect("in-memory library");
        lib.load_sample(Utc::now()).expect("sample loads");
        let kiss = ExportFilter {
            tag: Some("kiss".into()),
            ..ExportFilter::default()
        };
        let read = |format, name: &str| {
            let path = dir.path().join(name);
            lib.export_file_as(&path, &kiss, format, Utc::now())
                .expect("export");
            std::fs::read_to_string(&path).expect("written")
        };
        assert!(read(ExportFormat::CsvScenes, "s.csv").contains("Reed field kiss"));
        assert!(read(ExportFormat::CsvWatchLog, "w.csv").contains("watched_at"));
        assert!(read(ExportFormat::Markdown, "k.md").starts_with("# Kiss scenes"));
        assert!(read(ExportFormat::Json, "k.json").contains("\"format\": \"drakor\""));
    }

    #[test]
    fn an_export_is_never_written_over_the_library_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("drakor.sqlite3");
        let lib = Library::open(&path).expect("library");
        for target in [path.clone(), dir.path().join("drakor.sqlite3-wal")] {
            let err = lib
                .export_to_file(&target, &ExportFilter::default(), Utc::now())
                .expect_err("the library is not an export target");
            assert!(err.to_string().contains("is the library itself"), "{err}");
        }
        assert_eq!(lib.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn an_export_file_holds_the_counts_it_reports() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut lib = Library::open_in_memory().expect("in-memory library");
        lib.load_sample(Utc::now()).expect("sample loads");
        let target = dir.path().join("out.json");
        let written = lib
            .export_to_file(&target, &ExportFilter::default(), Utc::now())
            .expect("export");
        assert_eq!((written.dramas, written.scenes), (4, 3));
        let text = std::fs::read_to_string(&target).expect("written");
        assert!(text.contains("\"format\": \"drakor\""));
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no temp file is left behind"
        );
    }
}
