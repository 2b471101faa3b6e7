//! A scene's song (OST) and famous line in the real window: typed into the
//! scene dialog, shown on the drama page and the Scenes screen, and back in
//! the dialog when the scene is edited.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, Library};
use drakor_e2e::{Launch, Result};

#[tokio::test]
async fn a_scene_added_with_its_song_and_famous_line_shows_both() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let id = {
        let mut lib = Library::open(&db).unwrap();
        let draft = DramaDraft {
            original_title: Some("쓸쓸하고 찬란하神 – 도깨비".into()),
            total_episodes: Some(16),
            ..DramaDraft::titled("Goblin")
        };
        lib.add_drama(&draft, Utc::now()).unwrap().id
    };
    let app = Launch::new().db(&db).start().await?;
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find(".page-drama .drama-head .title").await?;

    app.click(".page-drama .section-head button.primary")
        .await?; // "+ Scene"
    app.find("#scene-dialog[open]").await?;
    let episode = app.find("#scene-form [name=episode]").await?;
    episode.clear().await.unwrap();
    app.type_into("#scene-form [name=episode]", "8").await?;
    app.type_into("#scene-form [name=start]", "55:30").await?;
    app.type_into("#scene-form [name=title]", "Kiss by the sea")
        .await?;
    app.type_into("#scene-form [name=ost_title]", "Stay With Me")
        .await?;
    app.type_into("#scene-form [name=ost_artist]", "Chanyeol & Punch")
        .await?;
    app.type_into(
        "#scene-form [name=quote_text]",
        "날이 좋아서 모든 날이 좋았다",
    )
    .await?;
    app.type_into("#scene-form [name=quote_translation]", "Every day was good")
        .await?;
    app.click("#scene-form button[type=submit]").await?;

    app.wait_for_text(".page-drama .scene-ost", |t| {
        t == "♪ Stay With Me — Chanyeol & Punch"
    })
    .await?;
    assert_eq!(
        app.text(".page-drama .scene-quote .quote-text").await?,
        "날이 좋아서 모든 날이 좋았다"
    );
    assert_eq!(
        app.text(".page-drama .scene-quote .quote-translation")
            .await?,
        "Every day was good"
    );

    app.click("a[data-route=scenes]").await?;
    app.wait_for_text(".page-scenes .scene-ost", |t| {
        t == "♪ Stay With Me — Chanyeol & Punch"
    })
    .await?;
    assert_eq!(
        app.text(".page-scenes .scene-quote .quote-text").await?,
        "날이 좋아서 모든 날이 좋았다"
    );
    // The README's picture, without the "Saved" toast over it.
    app.eval("document.getElementById('toast').hidden = true; return true;")
        .await?;
    app.shot("scene-ost-quote").await?;

    // The editor starts from what the scene holds.
    app.eval(
        "[...document.querySelectorAll('.page-scenes .scene-actions button')] \
         .find((b) => b.textContent === 'Edit').click(); return true;",
    )
    .await?;
    app.find("#scene-dialog[open]").await?;
    let artist = app
        .eval("return document.querySelector('#scene-form [name=ost_artist]').value;")
        .await?;
    assert_eq!(artist, "Chanyeol & Punch");
    app.close().await
}
