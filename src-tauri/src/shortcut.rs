//! The bookmark shortcut: a global key (Ctrl+Alt+B unless the settings or
//! `DRAKOR_BOOKMARK_SHORTCUT` name another) that saves a scene where the
//! player is, while the player is in front, even full screen. It is
//! registered from Rust, so the window holds no shortcut permission; the
//! saved scene is handed to the page, which says so in a toast.

use std::sync::atomic::{AtomicBool, Ordering};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime, Wry};

use tauri_plugin_global_shortcut::{Builder, GlobalShortcutExt, ShortcutState};

use crate::state::AppState;

/// The shortcut when none is set.
pub const DEFAULT: &str = "Ctrl+Alt+B";

/// The shortcut plugin, with no key yet: [`register`] adds it once the app
/// runs, so a key that cannot be had (another program holds it, or a
/// desktop without global keys) leaves the app running without it.
pub fn plugin() -> TauriPlugin<Wry> {
    Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed {
                bookmark(app.clone());
            }
        })
        .build()
}

/// Registers the shortcut the settings (or `DRAKOR_BOOKMARK_SHORTCUT`)
/// name; says on standard error why not when it cannot.
pub fn register(app: &AppHandle<Wry>) {
    let settings = crate::settings::load().unwrap_or_default();
    let key = crate::settings::shortcut_key(&settings);
    if let Err(e) = app.global_shortcut().register(key.as_str()) {
        eprintln!("drakor: the bookmark shortcut {key:?} is not used: {e}");
    }
}

/// True while a bookmark from the shortcut is being saved: a second press
/// in that time is the same bookmark, not another.
static SAVING: AtomicBool = AtomicBool::new(false);

/// Saves the scene on the blocking pool and tells the page how it went.
fn bookmark<R: Runtime>(app: AppHandle<R>) {
    if SAVING.swap(true, Ordering::SeqCst) {
        return;
    }
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let outcome = crate::videos::bookmark_playing(&state, Default::default()).await;
        let script = match outcome {
            Ok(scene) => format!("window.drakorBookmarked?.({})", json(&scene)),
            Err(error) => format!("window.drakorBookmarkFailed?.({})", json(&error)),
        };
        SAVING.store(false, Ordering::SeqCst);
        if let Some(window) = app.get_webview_window("main") {
            // Data only: serde's JSON is a JavaScript value, never code.
            let _ = window.eval(script);
        }
    });
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}
