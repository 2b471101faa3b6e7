//! Adding a drama from TMDB in the real app, against a local server that
//! answers as TMDB does: a Hangul search lists Goblin with its episode
//! count and network, picking it fills the form, saving brings every
//! episode along, and its poster shows on the Library card from the posters
//! folder (never from the web). Without a token, the dialog says how to get
//! one and the form works as before.
#![allow(clippy::unwrap_used)]

use drakor_e2e::{App, Launch, Result};
use drakor_testkit::tmdb::{FakeTmdb, TOKEN};

async fn add_goblin_by_its_hangul_title(app: &App) -> Result<()> {
    app.find(".empty-state").await?;
    app.click("#add-drama").await?;
    app.find("#drama-dialog[open] #drama-form.searching")
        .await?;
    app.type_into("#drama-form [name=tmdb_query]", "도깨비")
        .await?;
    app.wait_for_text("#drama-form .tmdb-match .tmdb-facts", |t| {
        t.contains("16 episodes") && t.contains("tvN")
    })
    .await?;
    app.shot_named_if_dark("add-from-tmdb").await?;
    app.click("#drama-form .tmdb-match").await?;
    app.wait_for_text("#drama-form .tmdb-picked", |t| {
        t.contains("From TMDB: 16 episodes")
    })
    .await?;
    let filled = app
        .eval(
            "const f = document.getElementById('drama-form').elements; \
             return [f.title.value, f.original_title.value, f.network.value, f.total_episodes.value, f.tmdb.value];",
        )
        .await?;
    assert_eq!(
        filled,
        serde_json::json!([
            "Guardian: The Lonely and Great God",
            "쓸쓸하고 찬란하神-도깨비",
            "tvN",
            "16",
            "67915"
        ])
    );
    app.click("#drama-form button[type=submit]").await?;
    app.wait_for_text(".page-drama h1", |t| {
        t == "Guardian: The Lonely and Great God"
    })
    .await?;
    app.wait_for_text(".page-drama .drama-meta", |t| t.contains("16 episodes"))
        .await?;
    Ok(())
}

trait Shots {
    async fn shot_named_if_dark(&self, name: &str) -> Result<()>;
}

impl Shots for App {
    /// Shots are taken in the light run only, so each picture is made once.
    async fn shot_named_if_dark(&self, name: &str) -> Result<()> {
        let dark = self
            .eval("return matchMedia('(prefers-color-scheme: dark)').matches;")
            .await?;
        if dark == serde_json::Value::Bool(false) {
            self.shot(name).await?;
        }
        Ok(())
    }
}

async fn poster_shows_on_the_card(app: &App, suffix: &str) -> Result<()> {
    app.eval("location.hash = '#/library'; return true;")
        .await?;
    app.find(".drama-card img.card-poster").await?;
    app.wait_until(
        "const img = document.querySelector('.drama-card img.card-poster'); \
         return img && img.complete && img.naturalWidth === 342;",
    )
    .await?;
    let src = app
        .eval("return document.querySelector('.drama-card img.card-poster').src;")
        .await?;
    assert!(
        src.as_str().unwrap().starts_with("poster://"),
        "the poster comes from the app's own protocol: {src}"
    );
    app.client().set_window_size(1100, 720).await.unwrap();
    app.shot(&format!("library-posters{suffix}")).await?;
    Ok(())
}

#[tokio::test]
async fn a_drama_added_through_the_tmdb_search_shows_its_poster() -> Result<()> {
    let server = FakeTmdb::start();
    for dark in [false, true] {
        let mut launch = Launch::new()
            .env("DRAKOR_TMDB_URL", server.url())
            .env("DRAKOR_TMDB_TOKEN", TOKEN);
        if dark {
            launch = launch.env("GTK_THEME", "Adwaita:dark");
        }
        let app = launch.start().await?;
        add_goblin_by_its_hangul_title(&app).await?;
        poster_shows_on_the_card(&app, if dark { "-dark" } else { "" }).await?;
        let poster = app.db_path().parent().unwrap().join("posters/67915.jpg");
        assert!(poster.is_file(), "{} is kept on disk", poster.display());
        app.close().await?;
    }
    let asked_images = server
        .requests()
        .iter()
        .filter(|r| r.contains("/t/p/"))
        .count();
    assert_eq!(asked_images, 2, "one poster download per fresh library");
    Ok(())
}

#[tokio::test]
async fn without_a_token_the_add_dialog_says_how_to_get_one_and_still_adds() -> Result<()> {
    let app = Launch::new()
        .env("DRAKOR_TMDB_URL", "http://127.0.0.1:9/3")
        .start()
        .await?;
    app.find(".empty-state").await?;
    app.click("#add-drama").await?;
    app.find("#drama-dialog[open]").await?;
    let how = app.text("#drama-form .tmdb-how-to").await?;
    assert!(how.contains("token in Settings"), "{how}");
    app.type_into("#drama-form [name=title]", "Goblin").await?;
    app.click("#drama-form button[type=submit]").await?;
    app.wait_for_text(".page-drama h1", |t| t == "Goblin")
        .await?;
    app.find(".page-drama .drama-head .poster-none").await?;
    app.close().await
}
