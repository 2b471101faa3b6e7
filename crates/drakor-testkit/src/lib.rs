//! Drakor's test tooling, kept out of the shipped crates: the generator of
//! realistic libraries of any size ([`generate`]), the bodies of the fuzz
//! targets ([`fuzzing`]), and what several test suites share: the
//! repository's fixtures and a look into folders ([`fixtures`]). `drakor-dev generate` writes a generated library to a file.
//!
//! The core's integration tests, benches and fuzz targets, and the CLI's
//! tests, depend on it; nothing that ships does.

pub mod fixtures;
pub mod fuzzing;
pub mod generate;
#[cfg(unix)]
pub mod players;
pub mod tmdb;
