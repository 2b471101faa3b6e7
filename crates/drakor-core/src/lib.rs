//! Drakor's core: the library of dramas, episodes, watch log and scene
//! bookmarks, stored in one SQLite file, with export and import as open
//! JSON (and in from Trakt, Yamtrack and Watcharr; out as CSV and
//! Markdown). No UI code lives here: the desktop app and the `drakor` CLI are
//! thin layers over [`Library`].
//!
//! Writes take the clock as an argument (`now`) so tests are exact.

mod atomic_file;
pub mod drama;
pub mod episode;
pub mod episode_set;
pub mod error;
pub mod exchange;
pub mod interop;
pub mod io_words;
pub mod link;
pub mod list;
pub mod merge;
pub mod metadata;
pub mod ost_quote;
pub mod paths;
pub mod person;
pub mod scene;
pub mod scene_time;
pub mod settings;
pub mod stats;
mod store;
mod text;

pub use atomic_file::{IfExists, write_atomically};
pub use drama::{
    Drama, DramaDetail, DramaDraft, DramaFilter, DramaName, DramaSummary, ExternalIds, Progress,
    Sort, Status,
};
pub use episode::{Episode, EpisodeNotes, UpNext};
pub use episode_set::parse_episode_set;
pub use error::{Error, Problem, Problems, Result};
pub use exchange::deleted::Deleted;
pub use exchange::export::{
    ExportCounts, ExportFilter, ExportFormat, ExportOptions, ExportWritten,
};
pub use exchange::format::{DramaV1, EpisodeV1, LibraryFile, SceneV1};
pub use exchange::import::{ImportDone, ImportOptions, ImportReport, ImportSource};
pub use exchange::list_export::ListFormat;
pub use exchange::read::read_library_json;
pub use interop::{Format, Parsed, Skipped};
pub use io_words::{io_words, io_words_writing};
pub use link::{Link, LinkKind};
pub use list::{EntryRef, ListDetail, ListDraft, ListEntry, ListSummary};
pub use merge::{ImportSummary, MergeRule, ValidLibrary, ValidPerson};
pub use metadata::{EpisodeInfo, Filled, LinkedDrama, ShowInfo};
pub use ost_quote::{Ost, Quote};
pub use person::{PersonDrama, PersonPage, PersonSummary};
pub use scene::{
    Page, Scene, SceneDraft, SceneFilter, SceneInList, ScenePage, SceneSort, UNTITLED,
};
pub use scene_time::{SceneTime, TimeError};
pub use settings::Settings;
pub use stats::{
    DayCount, DramaScenes, EpisodeScenes, MonthStats, NetworkDramas, PersonScenes, Stats, TagScenes,
};
pub use store::episodes::{RemovedWatch, StatusMove, Unmark, Unmarked, WatchChange};
pub use store::{
    EpisodeFile, KEEP_BACKUPS, Library, Relink, SearchHit, SearchHitKind, SearchMatch, TagCount,
    VideoLinks,
};

/// The version written into exports.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
