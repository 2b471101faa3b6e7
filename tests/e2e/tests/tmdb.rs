//! Adding a drama from TMDB in the real app, against a local server that
//! answers as TMDB does: a Hangul search lists Goblin with its episode
//! count and network, picking it fills the form, saving brings every
//! episode along, and its poster shows on the Library card from the posters
//! folder (never from the web). Without a token, the dialog says how to get
//! one and the form works as before.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, Library, Status, paths};
use drakor_e2e::{App, Launch, Result};
use drakor_testkit::tmdb::{FakeTmdb, TOKEN};
use drakor_tmdb::{Client, Config};

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
    let tile = app
        .eval("return document.querySelector('.episode[data-episode=\"7\"]').title;")
        .await?;
    assert!(
        tile.as_str().unwrap().starts_with('“'),
        "a tile names its episode: {tile}"
    );
    app.click(".page-drama .head-actions [data-action=tmdb]")
        .await?; // Update from TMDB
    app.wait_for_text("#toast .toast-text", |t| t.ends_with("is up to date"))
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

async fn poster_shows_on_the_card(app: &App) -> Result<()> {
    app.eval("location.hash = '#/library'; return true;")
        .await?;
    app.find(".drama-card img.card-poster").await?;
    app.wait_until(
        "(() => { const img = document.querySelector('.drama-card img.card-poster'); \
         return img !== null && img.complete && img.naturalWidth === 342; })()",
    )
    .await?;
    let src = app
        .eval("return document.querySelector('.drama-card img.card-poster').src;")
        .await?;
    assert!(
        src.as_str().unwrap().starts_with("poster://"),
        "the poster comes from the app's own protocol: {src}"
    );
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
        poster_shows_on_the_card(&app).await?;
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

/// A library of the fake's four shows, added and watched as a fan would,
/// their posters fetched, and one drama typed by hand (no poster).
fn library_from_tmdb(server: &FakeTmdb) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&db).unwrap();
    let client = Client::new(Config::new(server.url(), TOKEN));
    let watched = [(250000, 8), (67915, 16), (135157, 11), (93405, 0)];
    for (tmdb_id, episodes) in watched {
        let show = client.show(tmdb_id).unwrap();
        let mut draft = show.info.draft();
        draft.status = Status::Watching;
        let id = lib
            .add_from_show(&draft, &show.info, Utc::now())
            .unwrap()
            .drama_id;
        let numbers: Vec<u32> = (1..=episodes).collect();
        if !numbers.is_empty() {
            lib.mark_watched(id, 1, &numbers, Utc::now(), Utc::now())
                .unwrap();
        }
        let poster = show.poster_path.as_deref().unwrap();
        client
            .download_poster(tmdb_id, poster, &paths::posters_folder(&db))
            .unwrap();
    }
    let mut typed = DramaDraft::titled("Crash Landing on You");
    typed.original_title = Some("사랑의 불시착".into());
    typed.year = Some(2019);
    lib.add_drama(&typed, Utc::now()).unwrap();
    (dir, db)
}

#[tokio::test]
async fn the_library_shows_every_kept_poster_and_a_placeholder_for_the_rest() -> Result<()> {
    let server = FakeTmdb::start();
    let (_dir, db) = library_from_tmdb(&server);
    let requests = server.requests().len();
    for (dark, suffix) in [(false, ""), (true, "-dark")] {
        let mut launch = Launch::new().db(&db);
        if dark {
            launch = launch.env("GTK_THEME", "Adwaita:dark");
        }
        let app = launch.start().await?;
        app.client().set_window_size(1100, 720).await.unwrap();
        app.wait_for_text(".page-library .count", |t| t == "5 dramas")
            .await?;
        app.wait_until(
            "(() => { const imgs = [...document.querySelectorAll('.drama-card img.card-poster')]; \
             return imgs.length === 4 && imgs.every((i) => i.complete && i.naturalWidth === 342); })()",
        )
        .await?;
        assert_eq!(app.find_all(".drama-card .poster-none").await?.len(), 1);
        let airs = app.text(".drama-card .airs").await?;
        assert!(
            airs.starts_with("E9 airs "),
            "the still-airing drama says when: {airs}"
        );
        app.shot(&format!("library-posters{suffix}")).await?;
        app.close().await?;
    }
    assert_eq!(
        server.requests().len(),
        requests,
        "the window asked TMDB for nothing: the posters came from disk"
    );
    Ok(())
}

#[tokio::test]
async fn a_token_saved_in_settings_is_kept_owner_only_and_never_shown_back() -> Result<()> {
    let server = FakeTmdb::start();
    let app = Launch::new()
        .env("DRAKOR_TMDB_URL", server.url())
        .start()
        .await?;
    app.find(".empty-state").await?;
    app.click("#open-settings").await?;
    app.find("#settings-dialog[open]").await?;
    app.type_into("#settings-form [name=tmdb_token]", TOKEN)
        .await?;
    app.click("#settings-form button[type=submit]").await?;
    app.wait_until("!document.getElementById('settings-dialog').open")
        .await?;
    let file = app
        .work_dir()
        .join("config/app.drakor.desktop/settings.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the token");
    }
    assert!(std::fs::read_to_string(&file).unwrap().contains(TOKEN));

    app.click("#open-settings").await?;
    let state = app
        .wait_for_text("#settings-form [data-token-state]", |t| !t.is_empty())
        .await?;
    assert!(state.starts_with("A token is saved"), "{state}");
    let shown = app
        .eval(&format!(
            "return document.getElementById('settings-form').elements.tmdb_token.value === '' \
             && !document.documentElement.outerHTML.includes('{TOKEN}');"
        ))
        .await?;
    assert_eq!(
        shown,
        serde_json::Value::Bool(true),
        "the token never comes back to the window"
    );
    app.click("#settings-form [data-cancel]").await?;

    // The saved token is the one the search uses.
    app.click("#add-drama").await?;
    app.type_into("#drama-form [name=tmdb_query]", "liberation")
        .await?;
    app.wait_for_text("#drama-form .tmdb-match .tmdb-name", |t| {
        t == "My Liberation Notes"
    })
    .await?;
    assert!(
        server
            .authorizations()
            .iter()
            .all(|a| a == &format!("Bearer {TOKEN}"))
    );
    let log = std::fs::read_to_string(app.work_dir().join("driver.log")).unwrap_or_default();
    assert!(!log.contains(TOKEN), "the token is never logged");
    app.close().await
}
