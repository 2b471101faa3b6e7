//! Taking the library anywhere: export format version 1, its import, and
//! the files on disk.

pub mod export;
pub mod files;
pub mod format;
pub mod import;
