//! Drakor's client for The Movie Database (TMDB) API v3.
//!
//! It finds shows by name ([`Client::search`]), reads one show with every
//! season's episodes into the core's [`drakor_core::ShowInfo`]
//! ([`Client::show`]), and keeps posters on disk
//! ([`Client::download_poster`]). The core never talks to the network;
//! this crate is the only part of Drakor that does, and only when the user
//! asks (a lookup, adding or refreshing a drama).
//!
//! Requests are blocking (the CLI waits for them; the app runs them off its
//! UI thread), carry the user's read access token as a bearer token, and
//! are bounded: a timeout per request, a size limit per answer, and a few
//! polite retries when TMDB says 429. Errors are [`TmdbError`]s, one line
//! each, and never contain the token.
//!
//! Apps using TMDB's data must show [`ATTRIBUTION`] where they credit it.

mod client;
mod config;
mod error;
mod poster;
mod search;
mod show;
mod wire;

pub use client::Client;
pub use config::{Config, TOKEN_VAR, TokenSource, URL_VAR};
pub use error::TmdbError;
pub use poster::poster_file;
pub use search::Match;
pub use show::Show;

/// TMDB's API v3.
pub const DEFAULT_URL: &str = "https://api.themoviedb.org/3";

/// The notice TMDB's terms ask every app using its API to show.
pub const ATTRIBUTION: &str =
    "This product uses the TMDB API but is not endorsed or certified by TMDB.";

/// The poster size Drakor downloads: 342 pixels wide, sharp on a drama's
/// page and a few tens of KB.
pub const POSTER_SIZE: &str = "w342";
