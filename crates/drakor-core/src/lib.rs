//! Drakor's core: the library of dramas, episodes, watch log and scene
//! bookmarks, stored in one SQLite file, with export and import as open
//! JSON (and in from Trakt, Yamtrack and Watcharr; out as CSV and
//! Markdown). No UI code lives here: the desktop app and the `drakor` CLI are
//! thin layers over [`Library`].
//!
//! Writes take the clock as an argument (`now`) so tests are exact.

pub mod drama;
pub mod episode;
pub mod episode_set;
pub mod error;
pub mod exchange;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod interop;
pub mod link;
pub mod paths;
pub mod scene;
pub mod scene_time;
mod store;
mod text;

pub use drama::{
    Drama, DramaDetail, DramaDraft, DramaFilter, DramaName, DramaSummary, ExternalIds, Progress,
    Sort, Status,
};
pub use episode::{Episode, EpisodeNotes, UpNext};
pub use episode_set::parse_episode_set;
pub use error::{Error, Problem, Problems, Result};
pub use exchange::csv::CsvRows;
pub use exchange::export::ExportFilter;
pub use exchange::files::{ExportFormat, ExportWritten, write_atomically};
pub use exchange::format::LibraryFile;
pub use exchange::import::{ImportSummary, ValidLibrary, read_library_json};
pub use exchange::merge::MergeRule;
pub use interop::{Format, ImportReport, Parsed, Skipped};
pub use link::{Link, LinkKind};
pub use scene::{Page, Scene, SceneDraft, SceneFilter, SceneInList, ScenePage};
pub use scene_time::{SceneTime, TimeError};
pub use store::episodes::WatchChange;
pub use store::{KEEP_BACKUPS, Library, SearchHit, SearchHitKind, TagCount};

/// The version written into exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
