//! The Settings dialog's commands: the player that plays scenes, and the
//! bookmark shortcut, kept in the app's own settings file (not the library).

use std::str::FromStr;

use drakor_core::Settings;
use drakor_player::play::Player;
use tauri::AppHandle;
use tauri_plugin_global_shortcut::GlobalShortcutExt;

use crate::state::{CommandError, CommandResult};

/// The settings file's place; an error when the system has no config folder.
fn path() -> CommandResult<std::path::PathBuf> {
    Settings::default_path().ok_or_else(|| {
        CommandError::internal("this system has no config folder to keep settings in")
    })
}

/// The settings as saved: the defaults when none are, or when the file
/// cannot be read (said on standard error), so a damaged file never stops
/// Play or the Settings dialog that can write it again.
pub fn load() -> CommandResult<Settings> {
    match Settings::load(&path()?) {
        Ok(settings) => Ok(settings),
        Err(e) => {
            eprintln!("drakor: {e}; using the default settings");
            Ok(Settings::default())
        }
    }
}

/// The key the shortcut uses: `DRAKOR_BOOKMARK_SHORTCUT`, else the saved one,
/// else the default.
pub fn shortcut_key(settings: &Settings) -> String {
    std::env::var("DRAKOR_BOOKMARK_SHORTCUT")
        .ok()
        .filter(|k| !k.trim().is_empty())
        .or_else(|| settings.bookmark_shortcut.clone())
        .unwrap_or_else(|| crate::shortcut::DEFAULT.to_owned())
}

#[tauri::command]
pub fn get_settings() -> CommandResult<Settings> {
    load()
}

fn field_error(field: &str, message: String) -> CommandError {
    let mut problems = drakor_core::Problems::new();
    problems.push(field, message.clone());
    CommandError {
        code: "invalid",
        message: format!("{field}: {message}"),
        problems: problems.iter().cloned().collect(),
    }
}

/// Checks and saves the settings; a new shortcut takes effect at once (the
/// old one stays when the new one cannot be had).
#[tauri::command]
pub fn save_settings(app: AppHandle, settings: Settings) -> CommandResult<Settings> {
    let settings = Settings {
        player: settings.player.filter(|p| !p.trim().is_empty()),
        bookmark_shortcut: settings.bookmark_shortcut.filter(|k| !k.trim().is_empty()),
    };
    if let Some(player) = &settings.player {
        Player::from_str(player).map_err(|e| field_error("player", e.to_string()))?;
    }
    let before = load().unwrap_or_default();
    let (old_key, new_key) = (shortcut_key(&before), shortcut_key(&settings));
    if old_key != new_key {
        let keys = app.global_shortcut();
        keys.register(new_key.as_str()).map_err(|e| {
            field_error(
                "bookmark_shortcut",
                format!("{new_key:?} cannot be used: {e}"),
            )
        })?;
        let _ = keys.unregister(old_key.as_str());
    }
    settings.save(&path()?)?;
    Ok(settings)
}
