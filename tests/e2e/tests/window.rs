//! The window opens on the user's library and talks to the backend.

use drakor_e2e::{App, Result};

#[tokio::test]
async fn the_window_shows_the_app_name_and_version() -> Result<()> {
    let app = App::launch().await?;

    assert_eq!(
        app.text(".brand-name").await?,
        "Drakor",
        "the top bar names the app"
    );

    // The version comes from the backend over IPC, so this proves the bridge,
    // the capabilities and the CSP all let the page call a command.
    app.wait_for_attr("#app-version", "data-state", "ready")
        .await?;
    assert_eq!(
        app.text("#app-version").await?,
        concat!("Drakor ", env!("CARGO_PKG_VERSION")),
        "the page shows the version the backend reports (the workspace version)"
    );
    let path = app.text("#db-path").await?;
    assert_eq!(
        path,
        app.db_path().display().to_string(),
        "the app opened the library DRAKOR_DB names"
    );

    app.close().await
}
