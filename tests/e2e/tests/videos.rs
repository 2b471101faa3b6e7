//! The drama page's Videos panel: linking a folder (the native folder
//! picker answered by the test, since WebDriver cannot drive it), the files
//! it could not decide offered, and one given its episode by hand.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, Library};
use drakor_e2e::{Launch, Result};

#[tokio::test]
async fn a_linked_folder_is_shown_and_its_undecided_files_are_fixed_by_hand() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let folder = dir.path().join("Goblin");
    std::fs::create_dir_all(&folder).unwrap();
    for name in [
        "Goblin.S01E01.mkv",
        "Goblin.S01E02.1080p.mkv",
        "Goblin.S01E02.720p.mkv",
        "Goblin - the finale.mkv",
    ] {
        std::fs::write(folder.join(name), b"").unwrap();
    }
    let id = {
        let mut lib = Library::open(&db).unwrap();
        let draft = DramaDraft {
            title: "Goblin".into(),
            total_episodes: Some(16),
            ..DramaDraft::default()
        };
        lib.add_drama(&draft, Utc::now()).unwrap().id
    };
    let app = Launch::new().db(&db).start().await?;
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find("[data-videos]").await?;
    // The folder picker is the system's: answer it with the test's folder.
    app.eval(&format!(
        "window.__TAURI__.dialog.open = async () => {:?}; return true;",
        folder.display().to_string()
    ))
    .await?;
    app.click("[data-link-folder]").await?;
    app.wait_for_text("[data-videos]", |t| t.contains("1 episode file in"))
        .await?;
    let panel = app.text("[data-videos]").await?;
    assert!(panel.contains("Two files for one episode"), "{panel}");
    assert!(panel.contains("Goblin - the finale.mkv"), "{panel}");

    app.click("[data-double='1/2'] button").await?;
    app.wait_for_text("[data-videos]", |t| t.contains("2 episode files in"))
        .await?;
    app.type_into(
        "[data-unmatched='Goblin - the finale.mkv'] input",
        "16\u{E007}",
    )
    .await?;
    app.wait_for_text("[data-videos]", |t| t.contains("3 episode files in"))
        .await?;
    app.close().await?;
    let lib = Library::open(&db).unwrap();
    let links = lib.video_links(id).unwrap();
    let sixteen = links.files.iter().find(|f| f.episode == 16).unwrap();
    assert_eq!(sixteen.file, "Goblin - the finale.mkv");
    assert!(sixteen.by_hand);
    Ok(())
}
