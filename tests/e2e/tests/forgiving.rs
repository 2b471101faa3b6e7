//! The window forgives: a click that marks can be undone, an episode can be
//! read without marking it, a double-click counts once, the grid moves with
//! the arrow keys, a fixed field loses its error at once, fields are checked
//! Drakor's way (no browser bubbles), a file of no known kind is imported by
//! naming its format, and errors are said in words, not OS numbers.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use drakor_core::{DramaDraft, EpisodeNotes, Library, Status};
use drakor_e2e::{App, Launch, Result};
use tempfile::TempDir;
use uuid::Uuid;

const ENTER: &str = "\u{E007}";
const BACKSPACE: &str = "\u{E003}";
const RIGHT: &str = "\u{E014}";
const DOWN: &str = "\u{E015}";
const END: &str = "\u{E010}";

const EARLIER: &str = "2026-10-01T20:00:00Z";

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A library with "Goblin" (16 episodes, watching), episodes `watched`
/// watched once at [`EARLIER`].
fn goblin(watched: &[u32]) -> (TempDir, PathBuf, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let draft = DramaDraft {
        title: "Goblin".into(),
        total_episodes: Some(16),
        status: Status::Watching,
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
    if !watched.is_empty() {
        let at = instant(EARLIER);
        lib.mark_watched(id, 1, watched, at, at).unwrap();
    }
    (dir, path, id)
}

/// The watches of each season-1 episode, as the library file has them.
fn watches(db: &PathBuf, id: Uuid) -> Vec<(u32, Vec<DateTime<Utc>>)> {
    let lib = Library::open(db).unwrap();
    let detail = lib.get_drama(id).unwrap();
    detail
        .episodes
        .iter()
        .filter(|e| e.season == 1 && !e.watched_at.is_empty())
        .map(|e| (e.number, e.watched_at.clone()))
        .collect()
}

async fn open_drama(app: &App, id: Uuid) -> Result<()> {
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find(".page-drama .drama-head .title").await?;
    Ok(())
}

#[tokio::test]
async fn one_click_marks_an_episode_and_undo_takes_out_exactly_that_watch() -> Result<()> {
    let (_dir, db, id) = goblin(&[1]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='2']").await?;
    app.wait_for_attr(".episode[data-episode='2']", "data-watched", "true")
        .await?;
    app.wait_for_text("#toast .toast-text", |t| t == "Marked E2 watched")
        .await?;
    assert_eq!(watches(&db, id).len(), 2);

    app.click("#toast [data-toast-action=Undo]").await?;
    app.wait_for_attr(".episode[data-episode='2']", "data-watched", "false")
        .await?;
    app.wait_for_text("#toast .toast-text", |t| t.contains("the mark is undone"))
        .await?;
    assert_eq!(
        watches(&db, id),
        [(1, vec![instant(EARLIER)])],
        "only the watch of episode 2 is gone"
    );
    app.close().await
}

#[tokio::test]
async fn the_note_dot_and_the_o_key_open_an_unwatched_episode_without_marking_it() -> Result<()> {
    let (_dir, db, id) = goblin(&[]);
    {
        let mut lib = Library::open(&db).unwrap();
        let notes = EpisodeNotes {
            notes: "Watch with tissues.".into(),
            ..EpisodeNotes::default()
        };
        lib.annotate_episode(id, 1, 4, &notes, Utc::now()).unwrap();
    }
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    let dot = app
        .eval("const d = document.querySelector('[data-open-episode=\"4\"]'); return [d.title, d.getAttribute('aria-label')];")
        .await?;
    assert!(
        dot[0].as_str().unwrap().contains("without marking"),
        "{dot}"
    );
    assert!(dot[1].as_str().unwrap().contains("notes"), "{dot}");

    app.click("[data-open-episode='4']").await?;
    app.find("[data-episode-panel='4']").await?;
    let notes = app
        .eval("return document.querySelector(\"[data-episode-panel='4'] textarea\").value;")
        .await?;
    assert_eq!(notes, "Watch with tissues.");
    assert_eq!(
        app.find(".episode[data-episode='4']")
            .await?
            .attr("data-watched")
            .await
            .unwrap()
            .as_deref(),
        Some("false")
    );

    // O on a tile opens it too.
    app.type_into(".episode[data-episode='6']", "o").await?;
    app.find("[data-episode-panel='6']").await?;
    assert!(watches(&db, id).is_empty(), "nothing was marked");
    app.close().await
}

#[tokio::test]
async fn a_double_click_on_up_next_marks_one_episode() -> Result<()> {
    let (_dir, db, id) = goblin(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    let app = Launch::new().db(&db).start().await?;
    app.click("a[data-route=next]").await?;
    app.wait_for_text(".up-next-item .next-episode", |t| t == "Episode 11")
        .await?;
    assert_eq!(
        app.text(".up-next-item button.primary").await?,
        "Mark E11 watched"
    );
    // A double-click: two clicks on one button before the page redraws…
    app.eval(
        "const b = document.querySelector('.up-next-item button.primary'); \
         b.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 })); \
         b.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 2 })); return true;",
    )
    .await?;
    app.wait_for_text(".up-next-item .next-episode", |t| t == "Episode 12")
        .await?;
    // …and the second click of a double-click landing on the redrawn button.
    app.eval(
        "document.querySelector('.up-next-item button.primary')\
         .dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 2 })); return true;",
    )
    .await?;
    // Then one plain click, which marks E12: had the stray second click
    // marked anything, this one would reach E13.
    app.eval(
        "document.querySelector('.up-next-item button.primary')\
         .dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 })); return true;",
    )
    .await?;
    app.wait_for_text(".up-next-item .next-episode", |t| t == "Episode 13")
        .await?;
    let marked: Vec<u32> = watches(&db, id).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        marked,
        (1..=12).collect::<Vec<_>>(),
        "one episode for the double-click, one for the plain click"
    );
    app.close().await
}

#[tokio::test]
async fn the_arrow_keys_move_focus_in_the_grid_which_is_one_tab_stop() -> Result<()> {
    let (_dir, db, id) = goblin(&[1, 2, 3]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    let stops = app
        .eval("return [...document.querySelectorAll('.episode')].filter(t => t.tabIndex === 0).map(t => t.dataset.episode);")
        .await?;
    assert_eq!(
        stops,
        serde_json::json!(["4"]),
        "the next episode is the one tab stop"
    );

    let focused = "return document.activeElement?.dataset?.episode ?? null;";
    app.type_into(".episode[data-episode='4']", RIGHT).await?;
    assert_eq!(app.eval(focused).await?, "5");
    let per_row = app
        .eval("const t = [...document.querySelectorAll('.episode')]; return t.filter(e => e.offsetTop === t[0].offsetTop).length;")
        .await?
        .as_u64()
        .unwrap();
    app.type_into(".episode[data-episode='5']", DOWN).await?;
    let below = (5 + per_row).min(16).to_string();
    assert_eq!(app.eval(focused).await?, below.as_str());
    app.type_into(&format!(".episode[data-episode='{below}']"), END)
        .await?;
    assert_eq!(app.eval(focused).await?, "16");
    let stops = app
        .eval("return [...document.querySelectorAll('.episode')].filter(t => t.tabIndex === 0).map(t => t.dataset.episode);")
        .await?;
    assert_eq!(
        stops,
        serde_json::json!(["16"]),
        "the tab stop moves with focus"
    );

    // A watched tile shows its focus in a colour of its own.
    app.eval("document.querySelector(\".episode[data-episode='16']\").blur(); return true;")
        .await?;
    app.type_into(".episode[data-episode='4']", "\u{E012}")
        .await?; // Left, from 4 to the watched 3
    assert_eq!(app.eval(focused).await?, "3");
    let look = app
        .eval("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineColor, s.backgroundColor];")
        .await?;
    assert_eq!(look[0], "solid", "{look}");
    assert_ne!(
        look[1], look[2],
        "the outline is not the tile's own colour: {look}"
    );
    app.close().await
}

#[tokio::test]
async fn a_fixed_fields_error_goes_as_soon_as_it_is_typed_in() -> Result<()> {
    let (_dir, db, id) = goblin(&[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".page-drama [data-action=edit]").await?;
    app.find("#drama-dialog[open]").await?;
    app.eval("document.querySelector('#drama-form [name=title]').value = ''; return true;")
        .await?;
    app.click("#drama-form button[type=submit]").await?;
    app.wait_for_text("#drama-form .field-error[data-field=title]", |t| {
        !t.is_empty()
    })
    .await?;
    app.type_into("#drama-form [name=title]", "G").await?;
    let after = app
        .eval("const f = document.getElementById('drama-form'); return [f.querySelector('.field-error[data-field=title]').textContent, f.elements.title.hasAttribute('aria-invalid')];")
        .await?;
    assert_eq!(after, serde_json::json!(["", false]));
    app.close().await
}

#[tokio::test]
async fn the_episode_rating_is_checked_drakors_way_without_a_browser_bubble() -> Result<()> {
    let (_dir, db, id) = goblin(&[2]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='2']").await?;
    let rating = "[data-episode-panel='2'] [name=rating]";
    let error = "[data-episode-panel='2'] .field-error";
    app.type_into(rating, "11").await?;
    app.click("[data-episode-panel='2'] .episode-notes button[type=submit]")
        .await?;
    let said = app.wait_for_text(error, |t| !t.is_empty()).await?;
    assert!(said.contains("11 is outside 0–10"), "{said}");
    let form = app
        .eval(&format!(
            "const r = document.querySelector(\"{rating}\"); return [r.validationMessage, r.form.checkValidity(), r.getAttribute('aria-invalid')];"
        ))
        .await?;
    assert_eq!(
        form,
        serde_json::json!(["", true, "true"]),
        "no bubble, Drakor's error"
    );

    // Fixing it takes the error away at once; a word is named, not dropped.
    app.type_into(rating, BACKSPACE).await?;
    assert_eq!(app.text(error).await.unwrap_or_default(), "");
    app.type_into(rating, &format!("{BACKSPACE}eight")).await?;
    app.click("[data-episode-panel='2'] .episode-notes button[type=submit]")
        .await?;
    let said = app.wait_for_text(error, |t| !t.is_empty()).await?;
    assert!(said.contains("“eight” is not a number"), "{said}");
    app.close().await
}

#[tokio::test]
async fn the_format_picker_imports_a_file_whose_kind_cannot_be_told() -> Result<()> {
    let fixture =
        drakor_e2e::workspace_root().join("tests/fixtures/interop/watcharr-deleted-first.json");
    let app = App::launch().await?;
    app.click("a[data-route=io]").await?;
    app.type_into("[name=import-path]", &fixture.display().to_string())
        .await?;
    app.click("[data-import]").await?;
    app.wait_for_attr("[data-import-result]", "data-state", "error")
        .await?;
    let said = app.text("[data-import-result]").await?;
    assert!(said.contains("Choose its format"), "{said}");
    assert!(!said.contains("--"), "no command-line flag: {said}");

    app.eval(
        "const s = document.querySelector('[name=import-format]'); s.value = 'watcharr'; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return true;",
    )
    .await?;
    // Enter in the path field imports.
    app.type_into("[name=import-path]", ENTER).await?;
    app.wait_for_attr("[data-import-result]", "data-state", "imported")
        .await?;
    let lib = Library::open(app.db_path()).unwrap();
    let titles: Vec<String> = lib
        .list_dramas(&Default::default())
        .unwrap()
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles, ["Welcome to Samdal-ri"]);
    app.close().await
}

#[tokio::test]
async fn bookmark_now_without_a_player_says_so_in_words() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let app = Launch::new()
        .env("DRAKOR_MPV_SOCKET", dir.path().join("no-mpv.sock"))
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", dir.path().join("no-bus").display()),
        )
        .start()
        .await?;
    app.find(".page").await?;
    app.click("#bookmark-now").await?;
    let said = app
        .wait_for_text("#toast .toast-text", |t| t.starts_with("No player to ask"))
        .await?;
    assert!(!said.contains("os error"), "{said}");
    assert!(said.contains("no mpv is listening at"), "{said}");
    assert!(said.contains("no session bus is running"), "said: {said:?}");
    app.close().await
}
