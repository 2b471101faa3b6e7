//! Taking the library anywhere: export format version 1 and its import.

pub mod export;
pub mod format;
pub mod import;
