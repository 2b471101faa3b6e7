//! Taking the library anywhere: export format version 1, its import, and
//! the files on disk; CSV and Markdown for spreadsheets and sharing.

pub mod csv;
mod drama_json;
pub mod export;
pub mod files;
pub mod format;
pub mod import;
mod instant;
pub mod markdown;
pub mod merge;
mod pretty;
