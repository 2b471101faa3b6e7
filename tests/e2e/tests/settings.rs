//! The Settings dialog: the player and the bookmark shortcut are checked,
//! saved in the app's own settings file (not the library), and a new
//! shortcut works at once.
#![allow(clippy::unwrap_used)]

use drakor_e2e::{App, Result};
use serde_json::Value;

#[tokio::test]
async fn settings_are_checked_saved_and_a_new_shortcut_takes_over() -> Result<()> {
    let app = App::launch().await?;
    app.find(".empty-state").await?;
    app.click("#open-settings").await?;
    app.find("#settings-dialog[open]").await?;
    app.type_into("#settings-form [name=bookmark_shortcut]", "Ctrl+Nope")
        .await?;
    app.click("#settings-form button[type=submit]").await?;
    let error = app
        .wait_for_text(
            "#settings-form .field-error[data-field=bookmark_shortcut]",
            |t| !t.is_empty(),
        )
        .await?;
    assert!(error.contains("\"Ctrl+Nope\" cannot be used"), "{error}");
    let file = app
        .work_dir()
        .join("config/app.drakor.desktop/settings.json");
    assert!(!file.exists(), "nothing is saved while a field is wrong");

    app.eval(
        "const f = document.getElementById('settings-form'); f.elements.bookmark_shortcut.value = 'Ctrl+Alt+M'; \
         f.elements.player.value = 'mpv'; return true;",
    )
    .await?;
    app.click("#settings-form button[type=submit]").await?;
    app.wait_until("!document.getElementById('settings-dialog').open")
        .await?;
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["player"], "mpv");
    assert_eq!(saved["bookmark_shortcut"], "Ctrl+Alt+M");

    // Ctrl+Alt+M now bookmarks: with no player running, it says so.
    let display = app.display().expect("the app's own display").to_owned();
    std::process::Command::new("xdotool")
        .args(["key", "--clearmodifiers", "ctrl+alt+m"])
        .env("DISPLAY", &display)
        .status()
        .unwrap();
    app.wait_for_text("#toast .toast-text", |t| t.starts_with("No player to ask"))
        .await?;
    app.close().await
}
