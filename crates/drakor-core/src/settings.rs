//! The app's settings: which player plays scenes, which key bookmarks what
//! plays, and the user's TMDB token and language. They belong to this
//! computer and user, not to the library, so they live apart from it (and
//! from exports and backups): `settings.json` in the config folder of
//! `app.drakor.desktop`, readable by its owner only, from the moment it is
//! created (it may hold the token).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::IfExists;
use crate::atomic_file::write_file_atomically;
use crate::error::{Error, Result};
use crate::paths::APP_IDENTIFIER;

/// What the user chose; `None` leaves each to its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `mpv`, `vlc` or `system`; `None`: the first of mpv and VLC found.
    pub player: Option<String>,
    /// The bookmark shortcut, e.g. `Ctrl+Alt+B`.
    pub bookmark_shortcut: Option<String>,
    /// The user's TMDB read access token; `DRAKOR_TMDB_TOKEN` wins over it.
    /// Never shown back in full, logged, or written anywhere but here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tmdb_token: Option<String>,
    /// The language TMDB answers in, e.g. `en-US` (the default) or `ko-KR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tmdb_language: Option<String>,
}

impl Settings {
    /// `settings.json` in the platform config folder of the app.
    pub fn default_path() -> Option<PathBuf> {
        let dirs = directories::BaseDirs::new()?;
        Some(dirs.config_dir().join(APP_IDENTIFIER).join("settings.json"))
    }

    /// The settings in `path`; the defaults when there is no such file.
    pub fn load(path: &Path) -> Result<Settings> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::invalid(
                    "settings",
                    format!(
                        "{} is not a settings file Drakor can read: {e}",
                        path.display()
                    ),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(Error::io(format!("cannot read {}", path.display()), e)),
        }
    }

    /// The saved settings, or the defaults (said on standard error) when
    /// the file cannot be read or the system has no config folder: a
    /// damaged settings file never stops a command.
    pub fn load_or_default() -> Settings {
        let Some(path) = Settings::default_path() else {
            return Settings::default();
        };
        Settings::load(&path).unwrap_or_else(|e| {
            eprintln!("drakor: {e}; using the default settings");
            Settings::default()
        })
    }

    /// Writes the settings to `path` in one step, readable by its owner only.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::invalid("settings", e.to_string()))?;
        text.push('\n');
        let fail = |e| Error::io(format!("cannot write {}", path.display()), e);
        write_file_atomically(path, IfExists::Replace, |file| {
            // Owner-only before a byte is written, so the token is never
            // readable by others, not even for a moment.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(0o600))
                    .map_err(fail)?;
            }
            use std::io::Write;
            file.write_all(text.as_bytes()).map_err(fail)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn settings_come_back_as_saved_and_only_their_owner_can_read_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.drakor.desktop/settings.json");
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
        let chosen = Settings {
            player: Some("vlc".into()),
            bookmark_shortcut: Some("Ctrl+Shift+M".into()),
            tmdb_token: Some("eyJ-secret".into()),
            tmdb_language: Some("ko-KR".into()),
        };
        chosen.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), chosen);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_settings_file_drakor_cannot_read_is_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let err = Settings::load(&path).unwrap_err();
        assert!(
            err.to_string()
                .contains("settings.json is not a settings file"),
            "{err}"
        );
    }
}
