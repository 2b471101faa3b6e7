//! What a player reports: its position and what it plays, as untrusted
//! text; and the ways asking it can fail.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// The longest title or file name Drakor keeps from a player.
pub const MAX_TITLE: usize = 1000;

/// What a running player is playing, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Playing {
    /// `mpv`, or `mpris:<name>` for a player on the session bus.
    pub player: String,
    /// Where playback is, from the start, in milliseconds.
    pub position_ms: u64,
    /// The local file, when it plays one.
    pub file: Option<PathBuf>,
    /// The address, when it plays a stream.
    pub url: Option<String>,
    /// The title it shows (the file name when nothing better).
    pub title: Option<String>,
    /// True when it is paused rather than playing.
    pub paused: bool,
}

/// Why Drakor could not tell what is playing.
#[derive(Debug, thiserror::Error)]
pub enum PlayerError {
    /// No player is running (or none Drakor can reach).
    #[error("{0}")]
    NotRunning(String),
    /// Something answered that is not a player Drakor talks to.
    #[error("{} is not an mpv Drakor can ask: {why}", at.display())]
    NotAPlayer { at: PathBuf, why: String },
    #[error("cannot reach {}: {}", at.display(), drakor_core::io_words(.source))]
    Io {
        at: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl PlayerError {
    pub(crate) fn io(at: &Path, source: std::io::Error) -> Self {
        PlayerError::Io {
            at: at.to_owned(),
            source,
        }
    }
}

/// A player's text, cut to [`MAX_TITLE`] characters and stripped of
/// control characters: it is shown and matched, never run.
pub fn limited(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(MAX_TITLE)
        .collect()
}

/// What is playing: the mpv Drakor knows (its own, or `DRAKOR_MPV_SOCKET`'s)
/// or any MPRIS player on the session bus, a playing one before a paused
/// one, Drakor's mpv first among equals.
#[cfg(unix)]
pub fn ask_any() -> Result<Playing, PlayerError> {
    let socket = crate::mpv::default_socket();
    let mpv = match crate::mpv::Mpv::connect(&socket).and_then(|mut mpv| mpv.now_playing()) {
        Ok(playing) if !playing.paused => return Ok(playing),
        Ok(paused) => Ok(paused),
        Err(PlayerError::NotRunning(why)) => Err(why),
        Err(other) => return Err(other),
    };
    let bus = crate::mpris::connect(None).and_then(|conn| crate::mpris::now_playing(&conn));
    match (mpv, bus) {
        (_, Ok(playing)) if !playing.paused => Ok(playing),
        (Ok(paused), _) => Ok(paused),
        (Err(_), Ok(paused)) => Ok(paused),
        (Err(mpv_said), Err(PlayerError::NotRunning(bus_said))) => Err(PlayerError::NotRunning(
            format!("{mpv_said}, and {bus_said}"),
        )),
        (Err(_), Err(other)) => Err(other),
    }
}

/// What is playing: nothing Drakor can ask on this system yet.
#[cfg(not(unix))]
pub fn ask_any() -> Result<Playing, PlayerError> {
    Err(PlayerError::NotRunning(
        "asking a player what it plays works on Linux and macOS only".into(),
    ))
}
