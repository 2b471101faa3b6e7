//! Taking the library anywhere: export format version 2 and its reader,
//! the one way in ([`import`]) and the one way out ([`export`]); CSV and
//! Markdown for spreadsheets and sharing.

pub mod csv;
pub mod deleted;
pub mod export;
mod export_file;
pub mod format;
pub mod import;
pub mod list_export;
pub mod markdown;
mod people;
pub mod read;
