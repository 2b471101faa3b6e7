//! The one way out of the library: an export of all of it, or of a
//! filtered part, as Drakor JSON (format version 2), CSV or Markdown, to
//! any writer or, whole or not at all, to a file.
//!
//! A JSON export is streamed: the library is read one drama at a time and
//! each drama is written with serde_json's pretty printer before the next
//! is read, so its memory stays that of one drama however large the
//! library (100,000 scenes export in well under half a second; see
//! `docs/performance.md`).

use std::cell::{Cell, RefCell};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use chrono::{DateTime, SubsecRound, Utc};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};
use uuid::Uuid;

use crate::drama::Status;
use crate::error::{Error, Result};
use crate::exchange::format::{DramaV1, FORMAT, LibraryFile, ListV2, PersonV2, VERSION};
use crate::exchange::{csv, markdown};
use crate::store::{DramaRecord, Library, Scope, each_record};

/// What to export. Empty means the whole library.
///
/// `status` and `drama_id` pick whole dramas. `tag` keeps a drama whole when
/// the drama itself has the tag; otherwise it keeps only the drama's scenes
/// with that tag and the episodes they are in ("all my kiss scenes").
/// `favourites` then keeps only the ★ scenes of what is left, and the
/// episodes they are in; a drama left with none is left out ("my favourite
/// kiss scenes", the Scenes screen's "★ only").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub status: Option<Status>,
    pub drama_id: Option<Uuid>,
    pub favourites: bool,
    /// The tag picks scenes only, as the Scenes screen lists them: a drama
    /// that has the tag itself is not kept whole, only its tagged scenes.
    pub scene_tag_only: bool,
}

impl ExportFilter {
    pub fn is_everything(&self) -> bool {
        self.tag.is_none() && self.status.is_none() && self.drama_id.is_none() && !self.favourites
    }
}

/// The kinds of file an export can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Drakor JSON, format version 2: the one Drakor imports again.
    #[default]
    Json,
    /// CSV, one row per scene.
    CsvScenes,
    /// CSV, one row per watch event.
    CsvWatchLog,
    /// A Markdown list of the scenes, to share.
    Markdown,
}

/// How to export: what, and as what kind of file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    pub filter: ExportFilter,
    pub format: ExportFormat,
    /// The heading of a Markdown list; without one it is made from the
    /// filter ("Kiss scenes", "Scenes from Goblin").
    pub title: Option<String>,
}

impl ExportOptions {
    /// The whole library as Drakor JSON.
    pub fn everything() -> Self {
        ExportOptions::default()
    }

    /// The part `filter` picks, as Drakor JSON.
    pub fn of(filter: ExportFilter) -> Self {
        ExportOptions {
            filter,
            ..ExportOptions::default()
        }
    }

    /// The same part, as another kind of file.
    pub fn as_format(self, format: ExportFormat) -> Self {
        ExportOptions { format, ..self }
    }
}

/// How much an export holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ExportCounts {
    pub dramas: usize,
    pub episodes: usize,
    pub scenes: usize,
}

impl ExportCounts {
    fn of(dramas: &[DramaV1]) -> Self {
        let mut counts = ExportCounts::default();
        dramas.iter().for_each(|d| counts.add(d));
        counts
    }

    fn add(&mut self, drama: &DramaV1) {
        self.dramas += 1;
        self.episodes += drama.episodes.len();
        self.scenes += drama.scenes.len();
    }
}

/// What an export to a file wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportWritten {
    pub path: PathBuf,
    #[serde(flatten)]
    pub counts: ExportCounts,
}

impl Library {
    /// Writes the export to `out` (standard output, say), and says how
    /// much it held. A JSON export ends with a line break, like any text
    /// file. A failure partway leaves `out` with part of the export: write
    /// to a file with [`Library::export_file`] to have all of it or nothing.
    pub fn export_to(
        &self,
        out: &mut dyn Write,
        options: &ExportOptions,
        now: DateTime<Utc>,
    ) -> Result<ExportCounts> {
        self.export_named(out, options, now, "the export")
    }

    /// The library (or the filtered part of it) as an export file, in
    /// memory (what CSV and Markdown are made from).
    pub(crate) fn export_file_data(
        &self,
        filter: &ExportFilter,
        now: DateTime<Utc>,
    ) -> Result<LibraryFile> {
        let mut dramas = Vec::new();
        Selection::of(self, filter)?.each(self, |drama| {
            dramas.push(drama);
            Ok(())
        })?;
        Ok(file_of(
            dramas,
            lists_of(self, filter)?,
            people_of(self)?,
            now,
        ))
    }

    /// [`Library::export_to`], with `out` named `name` in errors.
    pub(crate) fn export_named(
        &self,
        out: &mut dyn Write,
        options: &ExportOptions,
        now: DateTime<Utc>,
        name: &str,
    ) -> Result<ExportCounts> {
        let failed = |e: io::Error| Error::io(format!("cannot write {name}"), e);
        let filter = &options.filter;
        // The export's own timestamp is not part of a CSV or a list.
        let data = || self.export_file_data(filter, DateTime::UNIX_EPOCH);
        let (text, dramas) = match options.format {
            ExportFormat::Json => {
                let mut out = BufWriter::new(out);
                let counts = self.write_json(&mut out, filter, now, name)?;
                out.write_all(b"\n")
                    .and_then(|()| out.flush())
                    .map_err(failed)?;
                return Ok(counts);
            }
            ExportFormat::CsvScenes => {
                let file = data()?;
                (csv::scenes_csv(&file.dramas)?, file.dramas)
            }
            ExportFormat::CsvWatchLog => {
                let file = data()?;
                (csv::watch_log_csv(&file.dramas)?, file.dramas)
            }
            ExportFormat::Markdown => {
                let file = data()?;
                let title = match options.title.as_deref().map(str::trim) {
                    Some(title) if !title.is_empty() => title.to_owned(),
                    _ => markdown::derived_title(filter, &file),
                };
                (
                    markdown::scene_list(&file.dramas, &title, filter.tag.as_deref()),
                    file.dramas,
                )
            }
        };
        out.write_all(text.as_bytes()).map_err(failed)?;
        Ok(ExportCounts::of(&dramas))
    }
    /// Writes the export as pretty JSON, one drama at a time: serde_json
    /// writes the file, and its `dramas` list is read from the library as
    /// it is written ([`Streamed`]).
    fn write_json(
        &self,
        out: &mut impl Write,
        filter: &ExportFilter,
        now: DateTime<Utc>,
        name: &str,
    ) -> Result<ExportCounts> {
        let dramas = Streamed {
            library: self,
            selection: Selection::of(self, filter)?,
            counts: Cell::default(),
            failure: RefCell::default(),
        };
        let lists = lists_of(self, filter)?;
        let people = people_of(self)?;
        let written =
            serde_json::to_writer_pretty(&mut *out, &file_of(&dramas, lists, people, now));
        if let Some(failure) = dramas.failure.take() {
            return Err(failure);
        }
        written.map_err(|e| Error::io(format!("cannot write {name}"), e.into()))?;
        Ok(dramas.counts.get())
    }
}

fn file_of<D>(
    dramas: D,
    lists: Vec<ListV2>,
    people: Vec<PersonV2>,
    now: DateTime<Utc>,
) -> LibraryFile<D> {
    LibraryFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: now.trunc_subsecs(0),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        dramas,
        lists,
        people,
    }
}

/// The aliases an export carries: all of them, with the whole library or a
/// part of it. An alias names no scene, only how names go together, and
/// it keeps the names in the file's scenes one person on import.
fn people_of(library: &Library) -> Result<Vec<PersonV2>> {
    Ok(crate::store::all_aliases(library.conn())?
        .into_iter()
        .map(|(name, aliases)| PersonV2 { name, aliases })
        .collect())
}

/// The lists an export carries: all of them with the whole library; none
/// with a part of it, whose lists could name scenes the file leaves out.
fn lists_of(library: &Library, filter: &ExportFilter) -> Result<Vec<ListV2>> {
    if !filter.is_everything() {
        return Ok(Vec::new());
    }
    Ok(crate::store::all_lists(library.conn())?
        .into_iter()
        .map(ListV2::from)
        .collect())
}

/// The `dramas` list of a JSON export, read from the library while
/// serde_json writes it. A failure to read the library is kept in
/// `failure` (serde's error can only carry text) and returned instead of
/// the writer's error it causes.
struct Streamed<'l> {
    library: &'l Library,
    selection: Selection,
    counts: Cell<ExportCounts>,
    failure: RefCell<Option<Error>>,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(None)?;
        let mut counts = ExportCounts::default();
        let mut written = Ok(());
        let read = self.selection.each(self.library, |drama| {
            written = list.serialize_element(&drama);
            counts.add(&drama);
            // Stops the walk; the writer's own error is the one returned.
            written
                .as_ref()
                .map_err(|_| Error::io("cannot write the export", io::Error::other("stopped")))?;
            Ok(())
        });
        self.counts.set(counts);
        written?;
        if let Err(failure) = read {
            *self.failure.borrow_mut() = Some(failure);
            return Err(S::Error::custom("the library could not be read"));
        }
        list.end()
    }
}

/// Which dramas, and which of their scenes, an export filter keeps.
struct Selection {
    scope: Scope,
    status: Option<Status>,
    tag: Option<String>,
    favourites: bool,
    scene_tag_only: bool,
}

impl Selection {
    fn of(library: &Library, filter: &ExportFilter) -> Result<Self> {
        let scope = match filter.drama_id {
            Some(id) => Scope::Drama(crate::store::drama_pk_of(library, id)?),
            None => Scope::All,
        };
        let tag = filter
            .tag
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        Ok(Selection {
            scope,
            status: filter.status,
            tag,
            favourites: filter.favourites,
            scene_tag_only: filter.scene_tag_only,
        })
    }

    /// Hands each drama the filter keeps, in the shape of the file, to
    /// `take`, one at a time.
    fn each(&self, library: &Library, mut take: impl FnMut(DramaV1) -> Result<()>) -> Result<()> {
        each_record(library.conn(), self.scope, |record| {
            match self.keep(record) {
                Some(record) => take(DramaV1::from(record)),
                None => Ok(()),
            }
        })
    }

    fn keep(&self, record: DramaRecord) -> Option<DramaRecord> {
        if self.status.is_some_and(|s| record.drama.fields.status != s) {
            return None;
        }
        let record = match &self.tag {
            None => record,
            Some(tag)
                if !self.scene_tag_only && record.drama.fields.tags.iter().any(|t| t == tag) =>
            {
                record
            }
            Some(tag) => keep_scenes(record, |s| s.tags.iter().any(|t| t == tag))?,
        };
        if self.favourites {
            return keep_scenes(record, |s| s.favourite);
        }
        Some(record)
    }
}

/// The drama with only the scenes `keep` wants and the episodes those are
/// in; `None` when no scene is wanted.
fn keep_scenes(
    mut record: DramaRecord,
    keep: impl Fn(&crate::scene::Scene) -> bool,
) -> Option<DramaRecord> {
    record.scenes.retain(keep);
    if record.scenes.is_empty() {
        return None;
    }
    let wanted: Vec<(u32, u32)> = record
        .scenes
        .iter()
        .map(|s| (s.season, s.episode))
        .collect();
    record
        .episodes
        .retain(|e| wanted.contains(&(e.season, e.number)));
    Some(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ImportOptions, ImportSource};

    fn sample() -> Library {
        let mut lib = Library::open_in_memory().expect("in-memory library");
        lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())
            .expect("sample loads");
        lib
    }

    #[test]
    fn the_sample_library_loads_into_an_empty_library() {
        let mut lib = Library::open_in_memory().expect("in-memory library");
        let report = lib
            .import(ImportSource::sample(), ImportOptions::default(), Utc::now())
            .expect("sample loads");
        assert_eq!(report.summary.dramas_added, 4);
        assert_eq!(lib.list_dramas(&Default::default()).expect("list").len(), 4);
    }

    #[test]
    fn an_export_to_a_missing_folder_fails_without_leaving_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open_in_memory().expect("in-memory library");
        let target = dir.path().join("missing").join("out.json");
        let err = lib
            .export_file(&target, &ExportOptions::everything(), Utc::now())
            .expect_err("no folder");
        assert!(err.to_string().starts_with("cannot write"), "{err}");
        assert!(!target.exists());
    }

    #[test]
    fn every_export_format_writes_its_kind_of_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = sample();
        let kiss = ExportOptions::of(ExportFilter {
            tag: Some("kiss".into()),
            ..ExportFilter::default()
        });
        let read = |format, name: &str| {
            let path = dir.path().join(name);
            lib.export_file(&path, &kiss.clone().as_format(format), Utc::now())
                .expect("export");
            std::fs::read_to_string(&path).expect("written")
        };
        assert!(read(ExportFormat::CsvScenes, "s.csv").contains("Reed field kiss"));
        assert!(read(ExportFormat::CsvWatchLog, "w.csv").contains("watched_at"));
        assert!(read(ExportFormat::Markdown, "k.md").starts_with("# Kiss scenes"));
        assert!(read(ExportFormat::Json, "k.json").contains("\"format\": \"drakor\""));
    }

    #[test]
    fn an_export_file_holds_the_counts_it_reports() {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = sample();
        let target = dir.path().join("out.json");
        let written = lib
            .export_file(&target, &ExportOptions::everything(), Utc::now())
            .expect("export");
        assert_eq!((written.counts.dramas, written.counts.scenes), (4, 3));
        let text = std::fs::read_to_string(&target).expect("written");
        assert!(text.contains("\"format\": \"drakor\""));
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            1,
            "no temp file is left behind"
        );
    }

    #[test]
    fn the_streamed_export_is_serde_json_pretty_printing_the_whole_file() {
        let lib = sample();
        // One instant for both: two readings of the clock can fall on
        // either side of a second, and `exported_at` would differ.
        let now = Utc::now();
        let mut streamed = Vec::new();
        lib.export_to(&mut streamed, &ExportOptions::everything(), now)
            .expect("export");
        let whole = lib
            .export_file_data(&ExportFilter::default(), now)
            .expect("export");
        let mut expected = serde_json::to_string_pretty(&whole).expect("serializes");
        expected.push('\n');
        assert_eq!(String::from_utf8(streamed).expect("UTF-8"), expected);
    }

    #[test]
    fn an_empty_library_exports_an_empty_list_of_dramas() {
        let lib = Library::open_in_memory().expect("in-memory library");
        let mut out = Vec::new();
        let counts = lib
            .export_to(&mut out, &ExportOptions::everything(), Utc::now())
            .expect("export");
        assert_eq!(counts, ExportCounts::default());
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(
            text.ends_with("\"dramas\": [],\n  \"lists\": [],\n  \"people\": []\n}\n"),
            "{text}"
        );
    }
}
