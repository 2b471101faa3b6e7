//! The main screens render a real library fully, in light and dark. With
//! `DRAKOR_E2E_SHOTS=docs` these tests also refresh the README's pictures.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{ImportOptions, ImportSource, Library, SceneDraft};
use drakor_e2e::{App, Launch, Result};

/// The sample library plus a long-noted scene and a drama mid-way.
fn sample_library() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())
        .unwrap();
    let mln = lib.find_drama("My Liberation Notes").unwrap();
    let scene = SceneDraft {
        episode: 14,
        start: "1:02:03".into(),
        title: "추앙 — \"Worship me\"".into(),
        tags: vec!["confession".into(), "ost".into()],
        notes: "The whole winter in one look. ".repeat(12),
        people: vec!["Kim Ji-won".into()],
        ..SceneDraft::default()
    };
    lib.add_scene(mln, &scene, Utc::now()).unwrap();
    (dir, path)
}

async fn tour(app: &App, suffix: &str) -> Result<()> {
    app.client().set_window_size(1100, 900).await.unwrap();
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    assert_eq!(app.find_all(".drama-card").await?.len(), 4);
    app.shot(&format!("library{suffix}")).await?;

    app.click(".drama-card[href*='drama/'] .title").await?; // most recently watched first
    app.find(".page-drama").await?;
    app.eval("location.hash = '#/library'; return true;")
        .await?;
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    let id = app
        .eval("return [...document.querySelectorAll('.drama-card')].find(c => c.textContent.includes('My Liberation Notes')).dataset.dramaId;")
        .await?;
    app.eval(&format!(
        "location.hash = '#/drama/{}'; return true;",
        id.as_str().unwrap()
    ))
    .await?;
    app.wait_for_text(".page-drama .drama-head .title", |t| {
        t == "My Liberation Notes"
    })
    .await?;
    app.click(".episode[data-episode='11']").await?;
    app.wait_for_text("[data-episode-panel='11'] h3", |t| t == "Episode 11")
        .await?;
    let scenes = app.find_all(".page-drama .scene").await?;
    assert_eq!(
        scenes.len(),
        2,
        "the sample's reed-field kiss and the added scene"
    );
    assert_eq!(
        app.text(".page-drama .scene .scene-where").await?,
        "E11 · 48:12–49:40",
        "sorted by episode and time"
    );
    app.shot(&format!("drama{suffix}")).await?;
    Ok(())
}

#[tokio::test]
async fn the_library_and_a_drama_page_render_the_sample_library() -> Result<()> {
    let (_dir, db) = sample_library();
    let app = Launch::new().db(&db).start().await?;
    tour(&app, "").await?;
    app.close().await
}

#[tokio::test]
async fn the_window_follows_a_dark_system_theme() -> Result<()> {
    let (_dir, db) = sample_library();
    let app = Launch::new()
        .db(&db)
        .env("GTK_THEME", "Adwaita:dark")
        .start()
        .await?;
    let dark = app
        .eval("return matchMedia('(prefers-color-scheme: dark)').matches;")
        .await?;
    assert_eq!(
        dark, true,
        "the page sees the dark system theme (GTK_THEME=Adwaita:dark)"
    );
    let background = app
        .eval("return getComputedStyle(document.body).backgroundColor;")
        .await?;
    assert_eq!(background, "rgb(22, 18, 20)", "the dark palette is applied");
    tour(&app, "-dark").await?;
    app.close().await
}

#[tokio::test]
async fn every_screen_fits_an_800_by_600_window_without_sideways_scrolling() -> Result<()> {
    let (_dir, db) = sample_library();
    let app = Launch::new().db(&db).start().await?;
    app.client().set_window_size(800, 600).await.unwrap();
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    let width = app.eval("return window.innerWidth;").await?;
    assert!(
        width.as_u64().unwrap() <= 800,
        "the window was resized: {width}"
    );
    for (route, ready) in [
        ("#/library", ".page-library"),
        ("#/next", ".page-next"),
        ("#/scenes", ".page-scenes"),
        ("#/io", ".page-io"),
        ("#/search?q=kiss", ".page-search"),
        ("#/lists", ".page-lists"),
        ("#/stats?year=2026", ".page-stats .figures"),
    ] {
        app.eval(&format!("location.hash = '{route}'; return true;"))
            .await?;
        app.find(ready).await?;
        let overflow = app
            .eval("return document.getElementById('view').scrollWidth - document.getElementById('view').clientWidth;")
            .await?;
        assert_eq!(
            overflow.as_i64(),
            Some(0),
            "{route} scrolls sideways at 800×600"
        );
    }
    app.shot("small-search").await?;
    app.close().await
}
