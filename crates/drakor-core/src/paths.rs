//! Where the library lives. The desktop app and the CLI share one rule:
//! `DRAKOR_DB` if set, else `drakor.sqlite3` in the platform data folder of
//! the app identifier `app.drakor.desktop` (on Linux
//! `$XDG_DATA_HOME/app.drakor.desktop/drakor.sqlite3`).

use std::path::{Path, PathBuf};

/// The app identifier, shared with the desktop app's `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "app.drakor.desktop";
pub const DB_FILE_NAME: &str = "drakor.sqlite3";
pub const DB_ENV_VAR: &str = "DRAKOR_DB";

/// The library path from `DRAKOR_DB`, else the default one; `None` when
/// the system has no home folder to put it in.
pub fn library_path() -> Option<PathBuf> {
    match std::env::var_os(DB_ENV_VAR) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => default_library_path(),
    }
}

/// The folder the posters of a library's dramas are kept in: `posters/`
/// beside the library file, named `<tmdb id>.jpg`. They are fetched again
/// on demand, so backups and exports leave them out.
pub fn posters_folder(library_file: &Path) -> PathBuf {
    library_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("posters")
}

/// `drakor.sqlite3` in the platform data folder of `app.drakor.desktop`,
/// the folder Tauri's `app_data_dir()` gives the desktop app.
pub fn default_library_path() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new()?;
    Some(dirs.data_dir().join(APP_IDENTIFIER).join(DB_FILE_NAME))
}
