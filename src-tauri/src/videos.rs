//! The window's commands for videos: linking a drama's folder, and playing
//! a scene where it starts (through `drakor-player`, as the CLI does).

use std::path::PathBuf;

use drakor_core::VideoLinks;
use drakor_core::io_words as words;
use drakor_player::folder::{FolderScan, scan};
use drakor_player::now::{Bookmark, BookmarkError, bookmark};
use drakor_player::scene::{PlayError, scene_command};
use serde::Serialize;
use tauri::State;
use uuid::Uuid;

use crate::state::{AppState, CommandError, CommandResult};

impl From<PlayError> for CommandError {
    fn from(err: PlayError) -> Self {
        match err {
            PlayError::Library(e) => CommandError::from(e),
            other => CommandError {
                code: other.code(),
                message: other.to_string(),
                problems: Vec::new(),
            },
        }
    }
}

/// A drama's links, and what the last folder read could not decide.
#[derive(Debug, Serialize)]
pub struct Linked {
    #[serde(flatten)]
    pub links: VideoLinks,
    pub unmatched: Vec<String>,
    pub doubles: Vec<(u32, u32, Vec<String>)>,
}

#[tauri::command]
pub async fn video_links(state: State<'_, AppState>, drama_id: Uuid) -> CommandResult<VideoLinks> {
    state.run(move |lib| lib.video_links(drama_id)).await
}

/// Reads `folder`, links every episode it names once, and says what it
/// left: files that name no episode, episodes two files claim.
#[tauri::command]
pub async fn link_folder(
    state: State<'_, AppState>,
    drama_id: Uuid,
    folder: PathBuf,
) -> CommandResult<Linked> {
    let folder = std::fs::canonicalize(&folder).map_err(|e| {
        CommandError::internal(format!(
            "cannot open the folder {}: {}",
            folder.display(),
            words(&e)
        ))
    })?;
    let FolderScan {
        matched,
        unmatched,
        doubles,
    } = scan(&folder).map_err(|e| {
        CommandError::internal(format!(
            "cannot read the folder {}: {}",
            folder.display(),
            words(&e)
        ))
    })?;
    state
        .run(move |lib| {
            lib.link_folder(drama_id, &folder, &matched)?;
            Ok(Linked {
                links: lib.video_links(drama_id)?,
                unmatched,
                doubles,
            })
        })
        .await
}

/// Sets one episode's file by hand: `file` is a name inside the folder.
#[tauri::command]
pub async fn link_episode_file(
    state: State<'_, AppState>,
    drama_id: Uuid,
    season: u32,
    episode: u32,
    file: String,
) -> CommandResult<VideoLinks> {
    state
        .run(move |lib| {
            lib.link_episode_file(drama_id, season, episode, &file)?;
            lib.video_links(drama_id)
        })
        .await
}

/// What Play started.
#[derive(Debug, Serialize)]
pub struct Started {
    pub program: String,
    /// False for the system's player, which cannot be told where to start.
    pub seeks: bool,
    pub start_ms: u64,
}

/// Plays a scene from its start in the user's player (`DRAKOR_PLAYER`, the
/// settings' choice, or the first of mpv and VLC on `PATH`), or opens its
/// YouTube link at the scene's time.
#[tauri::command]
pub async fn play_scene(state: State<'_, AppState>, id: Uuid) -> CommandResult<Started> {
    let settings = crate::settings::load()?;
    let player = drakor_player::scene::chosen_player(&settings);
    let command = state
        .run_with(move |lib| {
            let scene = lib.get_scene(id).map_err(PlayError::from)?;
            let path = std::env::var_os("PATH");
            scene_command(lib, &scene, player.as_deref(), path.as_deref())
        })
        .await?;
    command.spawn().map_err(|e| {
        CommandError::internal(format!("cannot start {}: {}", command.program, words(&e)))
    })?;
    let seeks =
        matches!(command.program.as_str(), "mpv" | "vlc") || command.file.starts_with("http");
    Ok(Started {
        program: command.program,
        seeks,
        start_ms: command.start_ms,
    })
}

/// Why "Bookmark now" saved nothing: no player to ask, or what it plays
/// is not in the library.
fn not_saved(code: &'static str, message: String) -> CommandError {
    CommandError {
        code,
        message,
        problems: Vec::new(),
    }
}

/// Saves a scene at the moment the player is at: its drama and episode
/// from what it plays (else `page_drama`, the drama page the window is on;
/// `picked` is a drama the user chose for a show that named none, and is
/// remembered), its start the player's position rounded down to the second,
/// titled "Untitled" to fill in later.
#[tauri::command]
pub async fn bookmark_now(
    state: State<'_, AppState>,
    page_drama: Option<Uuid>,
    picked: Option<Uuid>,
) -> CommandResult<drakor_core::Scene> {
    let given = Bookmark {
        drama: picked,
        fallback_drama: page_drama,
        ..Bookmark::default()
    };
    bookmark_playing(&state, given).await
}

/// [`bookmark_now`], for the window's button and the global shortcut.
pub async fn bookmark_playing(
    state: &AppState,
    given: Bookmark,
) -> CommandResult<drakor_core::Scene> {
    let playing = tauri::async_runtime::spawn_blocking(drakor_player::playing::ask_any)
        .await
        .map_err(|e| CommandError::internal(format!("asking the player failed: {e}")))?
        .map_err(|e| {
            not_saved(
                "no_player",
                format!("No player to ask: {e}. Start a scene with ▶ Play first."),
            )
        })?;
    state
        .run_with(move |lib| {
            bookmark(lib, &playing, given, chrono::Utc::now()).map_err(|e| match e {
                BookmarkError::Library(e) => CommandError::from(e),
                BookmarkError::UnknownEpisode(_) => {
                    not_saved("no_episode", format!("Nothing was saved: {e}."))
                }
                other => not_saved("not_in_library", format!("Nothing was saved: {other}.")),
            })
        })
        .await
}
