//! Trakt's data export: the ZIP that "export your data" gives, the folder it
//! unpacks to, or one of its JSON files on its own.
//!
//! Read, by file name wherever they sit in the ZIP or folder:
//! - `watched-history.json` (or `watched-history-1.json`, `-2`, … when
//!   Trakt splits it): every entry is one watch of an episode; a repeat is
//!   a rewatch;
//! - `watched-shows.json`: every show watched, with how many times each
//!   episode was played and when last. The last play is at its
//!   `last_watched_at`; earlier plays have no known time and take the fixed
//!   instants of watches without a date, 1970-01-01T00:00:00.000Z, .001Z,
//!   … (one millisecond apart, see [`super::UNDATED`]), so a second import
//!   adds nothing. With the history also there, an episode
//!   the history lists keeps the history's exact times and its plays here
//!   are not added again; only episodes the history lacks come from here;
//! - `ratings-shows.json`, `ratings-episodes.json`: ratings 1–10;
//! - `lists-watchlist.json`: shows the user plans to watch, with notes.
//!
//! No other file is opened: not the profile or settings (personal data),
//! not movie, season or list files. Movies anywhere are skipped and counted.
//!
//! A show becomes a drama: its title and year, `aired_episodes` as the
//! total, its Trakt, TMDB and IMDb ids. Its status follows from the
//! history: every aired episode watched is `completed`, some is `watching`;
//! a show only rated is `completed`, one only on the watchlist
//! `plan_to_watch`. Started and finished dates are the first and last
//! watch with a known time; the rewatch count is how many times every
//! watched episode was seen, less one. A show's `updated_at` is its latest
//! watch, rating or listing, so a newer export updates it and the same
//! export twice changes nothing.

mod drama;
mod entries;
mod files;
mod reader;
mod watched_shows;

use super::Parsed;
use super::common::Skips;
use crate::error::Problems;
use files::{File, kind_by_content, kind_of_name};
use reader::Reader;

pub use files::{read_folder, read_zip};

const EXPECTED_FILES: &str = "watched-history.json, watched-shows.json, ratings-shows.json, ratings-episodes.json or \
     lists-watchlist.json";

/// Reads a Trakt export's ZIP, or one of its JSON files on its own.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Parsed, Problems> {
    if super::detect::is_zip(bytes) {
        return read_zip(bytes);
    }
    let kind = match kind_of_name(name) {
        Some((kind, _)) => kind,
        None => kind_by_content(bytes).ok_or_else(|| {
            Problems::one(
                "",
                format!(
                    "this is not one of Trakt's export files: expected a ZIP, a folder, or \
                     {EXPECTED_FILES}"
                ),
            )
        })?,
    };
    read_files(
        vec![File {
            name: name.to_owned(),
            kind,
            part: 0,
            bytes: bytes.to_vec(),
        }],
        Skips::default(),
    )
}

/// Reads the export's files; `other_files` counts those left unread.
fn read_files(mut files: Vec<File>, other_files: Skips) -> Result<Parsed, Problems> {
    files.sort_by(|a, b| (a.kind, a.part, &a.name).cmp(&(b.kind, b.part, &b.name)));
    let mut reader = Reader::default();
    for file in files {
        reader.file(file);
    }
    reader.skips.extend(other_files);
    reader.finish()
}
