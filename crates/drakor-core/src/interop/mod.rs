//! Bringing history from other trackers: Trakt's data export (ZIP or
//! folder), Yamtrack's CSV and Watcharr's JSON, read offline from the files
//! as the trackers give them.
//!
//! Each reader turns its file into the same [`ValidLibrary`] the Drakor
//! JSON reader produces, checking everything first and naming every
//! problem by file, row or JSON path and field; the store then merges it
//! in one transaction. So an import of any format is
//! all-or-nothing and idempotent, and matches dramas already in the library
//! by id, then TMDB/IMDb/Trakt id, then title and year. Dramas from other
//! trackers are merged field by field ([`MergeRule::FillIn`]) so nothing
//! kept only in Drakor is lost.
//!
//! [`Library::import`](crate::Library::import) is the one call for the app
//! and the CLI: it tells the format from the content ([`detect`]) unless
//! told.

mod common;
pub mod detect;
pub mod trakt;
pub mod watcharr;
pub mod yamtrack;

use std::fmt;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Problems, Result};
use crate::exchange::read::read_library_json;
use crate::merge::{MergeRule, ValidLibrary};

pub use common::UNDATED;

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Tell the format from the file's content.
    #[default]
    Auto,
    /// Drakor's own JSON export (format version 2, or 1).
    Drakor,
    /// Trakt's data export: a ZIP, the folder it unpacks to, or one of its
    /// JSON files.
    Trakt,
    /// Yamtrack's CSV export.
    Yamtrack,
    /// Watcharr's JSON export.
    Watcharr,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Auto,
        Format::Drakor,
        Format::Trakt,
        Format::Yamtrack,
        Format::Watcharr,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Drakor => "drakor",
            Format::Trakt => "trakt",
            Format::Yamtrack => "yamtrack",
            Format::Watcharr => "watcharr",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.as_str() == wanted)
    }

    /// `a Trakt export`, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Auto => "a file of any known kind",
            Format::Drakor => "a Drakor export",
            Format::Trakt => "a Trakt export",
            Format::Yamtrack => "a Yamtrack CSV export",
            Format::Watcharr => "a Watcharr export",
        }
    }

    /// How dramas from this format merge into ones already in the library.
    pub fn merge_rule(self) -> MergeRule {
        match self {
            Format::Drakor | Format::Auto => MergeRule::NewerWins,
            _ => MergeRule::FillIn,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Things a file held that an import leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub count: u32,
    /// What was left out, agreeing with `count`: `movie`, `anime rows`.
    pub what: String,
    pub why: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.count, self.what, self.why)
    }
}

/// A file read and checked, ready to merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The format it was read as.
    pub format: Format,
    pub library: ValidLibrary,
    pub skipped: Vec<Skipped>,
}

/// Reads and checks the file or folder at `path` as `format` (or as what
/// its content says, with [`Format::Auto`]). Nothing is written.
pub fn read_path(path: &Path, format: Format, now: DateTime<Utc>) -> Result<Parsed> {
    let cannot_read = |e| Error::io(format!("cannot read {}", path.display()), e);
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return match format {
            Format::Auto | Format::Trakt => trakt::read_folder(path),
            other => Err(refused(format!(
                "{} is a folder; {} is one file",
                path.display(),
                other.label()
            ))),
        };
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    read_bytes(&name, &bytes, format, now)
}

/// Reads and checks a file's bytes as `format` (or as what they say, with
/// [`Format::Auto`]). `name` is the file's name: Trakt's files are told
/// apart by it. Nothing is written.
pub fn read_bytes(name: &str, bytes: &[u8], format: Format, now: DateTime<Utc>) -> Result<Parsed> {
    let format = match format {
        Format::Auto => detect::detect(bytes).ok_or_else(|| Error::UnknownFormat {
            looks_like: detect::describe(bytes).to_owned(),
        })?,
        known => known,
    };
    let parsed = match format {
        Format::Drakor | Format::Auto => {
            let text = common::text_of(bytes).map_err(refused)?;
            read_library_json(text, now).map(|library| Parsed {
                format: Format::Drakor,
                library,
                skipped: Vec::new(),
            })
        }
        Format::Trakt => trakt::read_bytes(name, bytes),
        Format::Yamtrack => yamtrack::read_bytes(bytes),
        Format::Watcharr => watcharr::read_bytes(bytes),
    };
    parsed.map_err(Error::ImportRefused)
}

fn refused(message: String) -> Error {
    Error::ImportRefused(Problems::one("", message))
}
