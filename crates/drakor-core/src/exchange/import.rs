//! The one way into the library: a file, given by its path or as its
//! bytes with its name, read in whichever format it is (Drakor's own JSON,
//! or an export of Trakt, Yamtrack or Watcharr), checked whole, then merged
//! in one transaction (see [`crate::merge`]).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::interop::{self, Format, Parsed, Skipped};
use crate::merge::ImportSummary;
use crate::store::Library;

/// The small library the app offers to load into an empty library: four
/// well-loved dramas with a few scenes.
const SAMPLE_LIBRARY: &str = include_str!("sample-library.json");

/// The file an import reads.
#[derive(Debug, Clone, Copy)]
pub enum ImportSource<'a> {
    /// A file or a folder on disk (a Trakt export unpacks to a folder).
    Path(&'a Path),
    /// A file's bytes (standard input, a dropped file) and its name:
    /// Trakt's files are told apart by their names.
    Bytes { name: &'a str, bytes: &'a [u8] },
}

impl ImportSource<'static> {
    /// The built-in sample library.
    pub fn sample() -> Self {
        ImportSource::Bytes {
            name: "sample-library.json",
            bytes: SAMPLE_LIBRARY.as_bytes(),
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// What the file is; [`Format::Auto`] tells it from the content.
    pub format: Format,
    /// Check the file and say what an import would change, writing nothing.
    pub dry_run: bool,
}

impl ImportOptions {
    /// A check only: what an import would do.
    pub fn dry_run() -> Self {
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        }
    }
}

/// What an import of a file did: the merge summary, the format the file
/// was read as, and what it left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub format: Format,
    #[serde(flatten)]
    pub summary: ImportSummary,
    pub skipped: Vec<Skipped>,
}

impl fmt::Display for ImportReport {
    /// The summary line; for files of other trackers, a second line with
    /// the format and what was skipped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.summary)?;
        if self.format != Format::Drakor {
            write!(f, "\nread as {}", self.format.label())?;
            for (i, skipped) in self.skipped.iter().enumerate() {
                f.write_str(if i == 0 { "; skipped " } else { ", " })?;
                write!(f, "{skipped}")?;
            }
        }
        Ok(())
    }
}

/// What an import did, and where the copy of the library taken just
/// before it wrote is: `None` for a dry run and for a library in memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportDone {
    #[serde(flatten)]
    pub report: ImportReport,
    pub backup: Option<PathBuf>,
}

impl Library {
    /// Imports a file: the whole file is read and checked first (a refused
    /// file lists every problem with its place), then merged in one
    /// transaction. `now` stands in for times a file leaves out.
    ///
    /// Takes no backup; the app and the CLI import with
    /// [`Library::import_with_backup`].
    pub fn import(
        &mut self,
        source: ImportSource<'_>,
        options: ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<ImportReport> {
        let parsed = read(source, options, now)?;
        self.merge_parsed(parsed, options)
    }

    /// [`Library::import`], with an automatic backup of the library
    /// ([`Library::auto_backup`], reason `import`) taken once the file has
    /// been read and checked, just before the merge writes: a dry run and a
    /// refused file take none, so they never push a good backup out. A
    /// backup that fails stops the import before anything is written.
    pub fn import_with_backup(
        &mut self,
        source: ImportSource<'_>,
        options: ImportOptions,
        now: DateTime<Utc>,
    ) -> Result<ImportDone> {
        let parsed = read(source, options, now)?;
        let backup = if options.dry_run {
            None
        } else {
            self.auto_backup("import", now)?
        };
        let report = self.merge_parsed(parsed, options)?;
        Ok(ImportDone { report, backup })
    }

    fn merge_parsed(&mut self, parsed: Parsed, options: ImportOptions) -> Result<ImportReport> {
        let rule = parsed.format.merge_rule();
        let summary = self.merge(&parsed.library, rule, options.dry_run)?;
        Ok(ImportReport {
            format: parsed.format,
            summary,
            skipped: parsed.skipped,
        })
    }
}

/// The file read in its format and checked whole.
fn read(source: ImportSource<'_>, options: ImportOptions, now: DateTime<Utc>) -> Result<Parsed> {
    match source {
        ImportSource::Path(path) => interop::read_path(path, options.format, now),
        ImportSource::Bytes { name, bytes } => {
            interop::read_bytes(name, bytes, options.format, now)
        }
    }
}
