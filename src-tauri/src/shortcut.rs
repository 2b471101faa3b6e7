//! The bookmark shortcut: a global key (Ctrl+Alt+B unless the settings or
//! `DRAKOR_BOOKMARK_SHORTCUT` name another) that saves a scene where the
//! player is, while the player is in front, even full screen. It is
//! registered from Rust, so the window holds no shortcut permission; the
//! saved scene is handed to the page, which says so in a toast.

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime, Wry};
use tauri_plugin_global_shortcut::{Builder, ShortcutState};

use crate::state::AppState;

/// The shortcut when none is set.
pub const DEFAULT: &str = "Ctrl+Alt+B";

/// The shortcut plugin, or `None` when the key cannot be read or grabbed
/// (another program holds it, or a desktop without global keys): the app
/// then runs without it, and says why on its standard error.
pub fn plugin() -> Option<TauriPlugin<Wry>> {
    let settings = crate::settings::load().unwrap_or_default();
    let key = crate::settings::shortcut_key(&settings);
    let builder = Builder::new()
        .with_shortcut(key.as_str())
        .map_err(|e| eprintln!("drakor: the bookmark shortcut {key:?} is not used: {e}"))
        .ok()?;
    Some(
        builder
            .with_handler(|app, _shortcut, event| {
                if event.state == ShortcutState::Pressed {
                    bookmark(app.clone());
                }
            })
            .build(),
    )
}

/// Saves the scene on the blocking pool and tells the page how it went.
fn bookmark<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let outcome = crate::videos::bookmark_playing(&state, None).await;
        let script = match outcome {
            Ok(scene) => format!("window.drakorBookmarked?.({})", json(&scene)),
            Err(error) => format!("window.drakorBookmarkFailed?.({})", json(&error)),
        };
        if let Some(window) = app.get_webview_window("main") {
            // Data only: serde's JSON is a JavaScript value, never code.
            let _ = window.eval(script);
        }
    });
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}
