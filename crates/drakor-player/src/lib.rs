//! Drakor and the video players. This crate talks to the world outside the
//! library (files on disk, player processes, their sockets), so the core
//! stays free of all of it; the CLI and the app both use it.
//!
//! - [`names`] reads the episode a video file's name stands for, and
//!   [`folder`] a drama's folder of them;
//! - [`play`] builds the command that plays a scene where it starts, and
//!   [`scene`] that command for a scene of the library;
//! - [`mpv`] asks a running mpv what it plays and where ([`playing`]),
//!   [`mpris`] any player on the session D-Bus, and
//!   [`titles`] finds the drama a stream's title names;
//! - [`now`] maps what plays to the library, and bookmarks that moment.

pub mod folder;
#[cfg(unix)]
pub mod mpris;
#[cfg(unix)]
pub mod mpv;
pub mod names;
pub mod now;
pub mod play;
pub mod playing;
pub mod scene;
pub mod titles;
