//! Lists in the real app: a list is made from a scene's "Add to list…",
//! filled from another drama, reordered by keyboard (Alt+↑, a real key
//! press), and exported to Markdown through a typed path. The order on
//! screen, in the library and in the file agree.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{ImportOptions, ImportSource, Library};
use drakor_e2e::{App, Launch, Result};

fn sample_library() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())
        .unwrap();
    (dir, path)
}

async fn add_scene_of(
    app: &App,
    drama: &str,
    scene: &str,
    note: &str,
    new_list: Option<&str>,
) -> Result<()> {
    app.eval(&format!("location.hash = '#/drama/{drama}'; return true;"))
        .await?;
    app.find(&format!("[data-add-to-list='{scene}']")).await?;
    app.click(&format!("[data-add-to-list='{scene}']")).await?;
    app.find("#add-to-list-dialog[open]").await?;
    if let Some(name) = new_list {
        app.type_into("#add-to-list-form [name=new_name]", name)
            .await?;
    }
    app.type_into("#add-to-list-form [name=note]", note).await?;
    app.click("#add-to-list-form button[type=submit]").await?;
    app.wait_until("!document.getElementById('add-to-list-dialog').open")
        .await?;
    Ok(())
}

async fn order(app: &App) -> Result<Vec<String>> {
    let texts = app
        .eval("return [...document.querySelectorAll('.list-items li .entry-what strong')].map((s) => s.textContent);")
        .await?;
    Ok(serde_json::from_value(texts).unwrap())
}

#[tokio::test]
async fn a_list_is_made_reordered_by_keyboard_and_exported_to_markdown() -> Result<()> {
    let (dir, db) = sample_library();
    let app = Launch::new().db(&db).start().await?;
    let mln = "b53a3e61-9e99-5127-9f0e-3415ec2bd1a4";
    let reed = "9a63bc59-c34b-5024-a0ab-3dbcbe512bb9";
    let goblin = "d1f0c5a6-c78a-5983-8d68-d891711781fa";
    let sea = "91183eca-e7cd-57d1-ba38-c2a26cd82a01";
    add_scene_of(
        &app,
        mln,
        reed,
        "#1 because of the <i>reeds</i>",
        Some("The best drakor kiss scenes"),
    )
    .await?;
    add_scene_of(&app, goblin, sea, "by the sea", None).await?;

    app.click("nav [data-route=lists]").await?;
    app.click(".list-card").await?;
    app.find(".page-list .list-items li").await?;
    assert_eq!(order(&app).await?, ["Reed field kiss", "Kiss by the sea"]);
    assert_eq!(
        app.text(".list-items li[data-position='2'] .scene-ost")
            .await?,
        "♪ Stay With Me — Chanyeol & Punch",
        "an entry names the song playing in its scene"
    );
    let note = app
        .text(".list-items li[data-position='1'] .entry-note")
        .await?;
    assert_eq!(
        note, "#1 because of the <i>reeds</i>",
        "a note is text, never markup"
    );
    let marked = app
        .eval("return document.querySelector('.list-items i') === null;")
        .await?;
    assert_eq!(marked, serde_json::Value::Bool(true));

    // Alt+↑ on the second entry, pressed for real on the app's display.
    app.eval("document.querySelector('.list-items li[data-position=\"2\"]').focus(); return true;")
        .await?;
    let display = app.display().expect("the app's own display").to_owned();
    std::process::Command::new("xdotool")
        .args(["key", "--clearmodifiers", "alt+Up"])
        .env("DISPLAY", &display)
        .status()
        .unwrap();
    app.wait_until(
        "document.querySelector('.list-items li[data-position=\"1\"] .entry-what strong').textContent === 'Kiss by the sea'",
    )
    .await?;
    let focused = app
        .eval("return document.activeElement.dataset.position;")
        .await?;
    assert_eq!(focused, "1", "focus follows the moved entry");
    app.shot("list").await?;

    let file = dir.path().join("kisses.md");
    app.type_into(".list-export [name=path]", file.to_str().unwrap())
        .await?;
    app.click(".list-export [data-action=export]").await?;
    app.wait_for_text(".list-export [role=status]", |t| t.starts_with("Wrote"))
        .await?;
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(md.starts_with("# The best drakor kiss scenes\n"), "{md}");
    let first = md.find("1. **Kiss by the sea**").expect("the sea first");
    let second = md.find("2. **Reed field kiss**").expect("the reeds second");
    assert!(first < second, "{md}");
    assert!(
        md.contains("   - \\#1 because of the \\<i>reeds\\</i>"),
        "{md}"
    );

    // A second export to the same file asks first; Cancel keeps the file.
    app.click(".list-export [data-action=export]").await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-cancel").await?;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md);
    app.close().await?;

    let lib = Library::open(&db).unwrap();
    let list = lib.find_list("the best drakor kiss scenes").unwrap();
    let saved: Vec<String> = lib
        .get_list(list)
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.scene.unwrap().title)
        .collect();
    assert_eq!(
        saved,
        ["Kiss by the sea", "Reed field kiss"],
        "the order was saved at once"
    );
    Ok(())
}
