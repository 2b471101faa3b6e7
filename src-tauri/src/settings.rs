//! The Settings dialog's commands: the player that plays scenes, the
//! bookmark shortcut and the TMDB token and language, kept in the app's own
//! settings file (not the library). The token goes in and never comes back
//! out: the window only learns whether one is saved.

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

/// The settings as the window sees them: the token only as where it is.
#[derive(Debug, serde::Serialize)]
pub struct SettingsView {
    pub player: Option<String>,
    pub bookmark_shortcut: Option<String>,
    pub tmdb_language: Option<String>,
    /// `environment`, `settings`, or `null` without a token.
    pub tmdb_token: Option<drakor_tmdb::TokenSource>,
}

impl SettingsView {
    fn of(settings: &Settings) -> Self {
        SettingsView {
            player: settings.player.clone(),
            bookmark_shortcut: settings.bookmark_shortcut.clone(),
            tmdb_language: settings.tmdb_language.clone(),
            tmdb_token: drakor_tmdb::Config::token_source(settings.tmdb_token.as_deref()),
        }
    }
}

/// What the Settings form sends: a token only when one was typed.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub player: Option<String>,
    pub bookmark_shortcut: Option<String>,
    pub tmdb_language: Option<String>,
    /// A new token; `None` keeps the saved one.
    pub tmdb_token: Option<String>,
    pub forget_tmdb_token: bool,
}

#[tauri::command]
pub fn get_settings() -> CommandResult<SettingsView> {
    Ok(SettingsView::of(&load()?))
}

/// A TMDB language tag as TMDB takes it: `en-US`, `ko-KR`, `ko`.
fn check_language(tag: &str) -> Result<(), String> {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or_default();
    let region = parts.next();
    let ok = (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
        && parts.next().is_none();
    if ok {
        Ok(())
    } else {
        Err(format!("{tag:?} is not a language like en-US or ko-KR"))
    }
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
pub fn save_settings(app: AppHandle, settings: SettingsForm) -> CommandResult<SettingsView> {
    let before = load().unwrap_or_default();
    let typed_token = settings
        .tmdb_token
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    if let Some(token) = &typed_token
        && (token.len() > 4096 || token.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        return Err(field_error(
            "tmdb_token",
            "is not a TMDB read access token (paste it as one line, without spaces)".into(),
        ));
    }
    let settings = Settings {
        player: settings.player.filter(|p| !p.trim().is_empty()),
        bookmark_shortcut: settings.bookmark_shortcut.filter(|k| !k.trim().is_empty()),
        tmdb_language: settings
            .tmdb_language
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty()),
        tmdb_token: if settings.forget_tmdb_token {
            None
        } else {
            typed_token.or(before.tmdb_token.clone())
        },
    };
    if let Some(language) = &settings.tmdb_language {
        check_language(language).map_err(|e| field_error("tmdb_language", e))?;
    }
    if let Some(player) = &settings.player {
        Player::from_str(player).map_err(|e| field_error("player", e.to_string()))?;
    }
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
    Ok(SettingsView::of(&settings))
}
