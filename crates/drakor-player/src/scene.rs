//! A scene of the library as something to play: its episode's linked file
//! at the scene's start, else its YouTube link at the scene's time. The CLI
//! and the app both start scenes through here.

use std::ffi::OsStr;
use std::path::PathBuf;

use drakor_core::{Library, Scene};

use crate::play::{PlayCommand, Player, UnknownPlayer, youtube_at};

/// Why a scene cannot be played.
#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    /// The episode has no linked file, and the scene no YouTube link.
    #[error("{episode} of {drama} has no video file; link the folder its episodes are in")]
    NoFile { episode: String, drama: String },
    /// The linked file is not where it was.
    #[error("the file of {episode} of {drama} is missing: {}; if the folder moved, link it again", path.display())]
    Missing {
        episode: String,
        drama: String,
        path: PathBuf,
    },
    #[error("DRAKOR_PLAYER: {0}")]
    Player(#[from] UnknownPlayer),
    #[error("{} is not valid UTF-8, which the player cannot be given", .0.display())]
    NotUtf8(PathBuf),
    #[error(transparent)]
    Library(#[from] drakor_core::Error),
}

impl PlayError {
    /// A stable name for each kind, for the window to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            PlayError::NoFile { .. } => "no_video_file",
            PlayError::Missing { .. } => "video_missing",
            PlayError::Player(_) => "unknown_player",
            PlayError::NotUtf8(_) => "invalid",
            PlayError::Library(e) => e.code(),
        }
    }
}

/// The player the user chose: `DRAKOR_PLAYER`, else the settings' one.
pub fn chosen_player(settings: &drakor_core::Settings) -> Option<String> {
    std::env::var("DRAKOR_PLAYER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .or_else(|| settings.player.clone())
}

/// `E11`, `Special 2`, `S2 E3`.
pub fn episode_label(season: u32, episode: u32) -> String {
    match season {
        1 => format!("E{episode}"),
        0 => format!("Special {episode}"),
        s => format!("S{s} E{episode}"),
    }
}

/// What to run to play `scene` from its start. `player` is the user's
/// choice (`DRAKOR_PLAYER` or the app's setting) and `path` the `PATH` to
/// look for players on.
pub fn scene_command(
    library: &Library,
    scene: &Scene,
    player: Option<&str>,
    path: Option<&OsStr>,
) -> Result<PlayCommand, PlayError> {
    let drama = || -> Result<String, PlayError> {
        Ok(library.get_drama(scene.drama_id)?.drama.fields.title)
    };
    let start_ms = u64::from(scene.start.as_millis());
    let episode = episode_label(scene.season, scene.episode);
    let links = library.video_links(scene.drama_id)?;
    if let Some(file) = links.path_of(scene.season, scene.episode) {
        if !file.is_file() {
            return Err(PlayError::Missing {
                episode,
                drama: drama()?,
                path: file,
            });
        }
        let player = Player::choose(player, path)?;
        let name = file
            .to_str()
            .ok_or_else(|| PlayError::NotUtf8(file.clone()))?;
        #[cfg(unix)]
        let socket = (player == Player::Mpv).then(crate::mpv::default_socket);
        #[cfg(not(unix))]
        let socket: Option<PathBuf> = None;
        return Ok(PlayCommand::new(player, name, start_ms, socket.as_deref()));
    }
    if let Some(url) = scene
        .links
        .iter()
        .find_map(|l| youtube_at(&l.url, start_ms))
    {
        return Ok(PlayCommand::new(Player::System, &url, start_ms, None));
    }
    Err(PlayError::NoFile {
        episode,
        drama: drama()?,
    })
}
