//! Nothing a fan typed or logged is lost in the window: typed notes survive
//! redraws, dialogs and screens ask before dropping changes, unmark and
//! delete can be undone, errors stay until read, files are not replaced
//! unasked, and the window cannot be taken away from the app.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use drakor_core::{DramaDraft, Library, Status};
use drakor_e2e::{App, Launch, Result};
use tempfile::TempDir;
use uuid::Uuid;

const ESCAPE: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const CTRL_ENTER: &str = "\u{E009}\u{E007}\u{E000}";

fn instant(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A library with "Goblin" (16 episodes), episodes `watched` watched once.
fn goblin(watched: &[u32]) -> (TempDir, PathBuf, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let draft = DramaDraft {
        title: "Goblin".into(),
        original_title: Some("쓸쓸하고 찬란하神 도깨비".into()),
        total_episodes: Some(16),
        status: Status::Watching,
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
    if !watched.is_empty() {
        let at = instant("2026-10-01T20:00:00Z");
        lib.mark_watched(id, 1, watched, at, at).unwrap();
    }
    (dir, path, id)
}

async fn open_drama(app: &App, id: Uuid) -> Result<()> {
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find(".page-drama .drama-head .title").await?;
    Ok(())
}

async fn value(app: &App, css: &str) -> Result<String> {
    let script = format!("return document.querySelector({css:?})?.value ?? null;");
    Ok(app
        .eval(&script)
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

async fn is_open(app: &App, dialog: &str) -> Result<bool> {
    let script = format!("return document.getElementById({dialog:?}).open;");
    Ok(app.eval(&script).await? == true)
}

const NOTES_2: &str = "[data-episode-panel='2'] textarea";

#[tokio::test]
async fn typed_episode_notes_survive_marking_another_episode_and_coming_back() -> Result<()> {
    let (_dir, db, id) = goblin(&[1, 2]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='2']").await?;
    app.type_into(NOTES_2, "The first snow, and the sword.")
        .await?;
    // Marking episode 3 redraws the page and shows episode 3's panel.
    app.click(".episode[data-episode='3']").await?;
    app.wait_for_attr(".episode[data-episode='3']", "data-watched", "true")
        .await?;
    app.find("[data-episode-panel='3']").await?;
    app.click(".episode[data-episode='2']").await?;
    app.find(NOTES_2).await?;
    assert_eq!(
        value(&app, NOTES_2).await?,
        "The first snow, and the sword."
    );
    app.close().await
}

#[tokio::test]
async fn ctrl_enter_in_the_episode_notes_saves_them() -> Result<()> {
    let (_dir, db, id) = goblin(&[1, 2]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='2']").await?;
    app.type_into(NOTES_2, "Saved from the keyboard").await?;
    app.type_into(NOTES_2, CTRL_ENTER).await?;
    app.wait_for_text("#toast .toast-text", |t| t == "Saved notes on episode 2")
        .await?;
    app.close().await?;
    let lib = Library::open(&db).unwrap();
    let episode = lib.get_drama(id).unwrap().episodes.remove(1);
    assert_eq!(episode.notes, "Saved from the keyboard");
    Ok(())
}

#[tokio::test]
async fn leaving_a_drama_with_unsaved_notes_asks_first() -> Result<()> {
    let (_dir, db, id) = goblin(&[1, 2]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='2']").await?;
    app.type_into(NOTES_2, "Not saved yet").await?;

    app.click("a[data-route=library]").await?;
    app.wait_for_text("#confirm-message", |t| t.contains("episode 2 of “Goblin”"))
        .await?;
    app.click("#confirm-cancel").await?; // "Keep editing"
    app.wait_until("!document.getElementById('confirm-dialog').open")
        .await?;
    assert_eq!(value(&app, NOTES_2).await?, "Not saved yet");
    assert_eq!(
        app.eval("return location.hash;").await?,
        format!("#/drama/{id}")
    );

    app.click("a[data-route=library]").await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-ok").await?; // "Discard"
    app.find(".page-library").await?;
    app.close().await
}

#[tokio::test]
async fn a_dialog_with_typed_changes_asks_before_esc_or_cancel_drops_them() -> Result<()> {
    let app = App::launch().await?;
    app.find(".empty-state").await?;
    app.click("#add-drama").await?;
    app.type_into("#drama-form [name=title]", "Crash Landing on You")
        .await?;
    app.type_into("#drama-form [name=title]", ESCAPE).await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-cancel").await?; // "Keep editing"
    app.wait_until("!document.getElementById('confirm-dialog').open")
        .await?;
    assert!(
        is_open(&app, "drama-dialog").await?,
        "the dialog stays open"
    );
    assert_eq!(
        value(&app, "#drama-form [name=title]").await?,
        "Crash Landing on You"
    );

    app.click("#drama-form [data-cancel]").await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-ok").await?; // "Discard"
    app.wait_until("!document.getElementById('drama-dialog').open")
        .await?;

    // With nothing typed, Esc closes at once.
    app.click("#add-drama").await?;
    app.find("#drama-dialog[open]").await?;
    app.type_into("#drama-form [name=title]", ESCAPE).await?;
    app.wait_until("!document.getElementById('drama-dialog').open")
        .await?;
    assert!(
        !is_open(&app, "confirm-dialog").await?,
        "nothing to ask about"
    );
    app.close().await
}

#[tokio::test]
async fn unmark_takes_out_only_the_latest_watch_and_undo_puts_it_back() -> Result<()> {
    let (_dir, db, id) = goblin(&[3]);
    {
        let mut lib = Library::open(&db).unwrap();
        let again = instant("2026-11-20T21:00:00Z");
        lib.record_rewatch(id, 1, &[3], again, again).unwrap();
    }
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='3']").await?;
    assert_eq!(
        app.find_all("[data-episode-panel='3'] .watch-dates li")
            .await?
            .len(),
        2
    );
    assert_eq!(
        app.text("[data-episode-panel='3'] [data-unmark=all]")
            .await?,
        "Remove all 2 watches"
    );

    app.click("[data-episode-panel='3'] [data-unmark=latest]")
        .await?;
    app.wait_for_text("#toast .toast-text", |t| {
        t.starts_with("Removed the watch of")
    })
    .await?;
    app.wait_for_text("[data-episode-panel='3'] .watch-dates", |t| {
        !t.contains("rewatch")
    })
    .await?;
    assert_eq!(
        app.find_all("[data-episode-panel='3'] .watch-dates li")
            .await?
            .len(),
        1
    );

    app.click("#toast [data-toast-action=Undo]").await?;
    app.wait_for_text("[data-episode-panel='3'] .watch-dates", |t| {
        t.contains("rewatch")
    })
    .await?;
    let said = app.text("#toast").await?;
    assert!(said.contains("the watch log is back"), "{said}");
    assert!(
        !said.contains("null"),
        "a toast without an action says only its message: {said}"
    );
    app.close().await?;
    let lib = Library::open(&db).unwrap();
    let episode = lib.get_drama(id).unwrap().episodes.remove(0);
    assert_eq!(
        episode.watched_at,
        vec![
            instant("2026-10-01T20:00:00Z"),
            instant("2026-11-20T21:00:00Z")
        ]
    );
    Ok(())
}

#[tokio::test]
async fn a_deleted_drama_comes_back_with_undo() -> Result<()> {
    let (dir, db, id) = goblin(&[1, 2, 3]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".drama-head .danger-text").await?; // "Delete"
    app.wait_for_text("#confirm-message", |t| t.contains("Undo brings it back"))
        .await?;
    app.click("#confirm-ok").await?;
    app.find(".page-library .empty-state").await?;
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        copies
            .iter()
            .any(|n| n.starts_with("deleted-") && n.ends_with(".json")),
        "a copy of the drama is kept: {copies:?}"
    );

    app.click("#toast [data-toast-action=Undo]").await?;
    app.wait_for_text(".page-drama .drama-head .title", |t| t == "Goblin")
        .await?;
    app.wait_for_text("[data-progress]", |t| t == "3/16")
        .await?;
    app.close().await
}

#[tokio::test]
async fn an_error_toast_stays_until_it_is_dismissed() -> Result<()> {
    let (_dir, db, id) = goblin(&[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    // The drama goes away behind the window's back: marking then fails.
    Library::open(&db).unwrap().delete_drama(id).unwrap();
    app.click(".episode[data-episode='1']").await?;
    app.wait_for_attr("#toast", "data-kind", "error").await?;
    tokio::time::sleep(Duration::from_secs(7)).await;
    let shown = app
        .eval("return !document.getElementById('toast').hidden;")
        .await?;
    assert_eq!(shown, true, "the error is still there to read");
    app.click("#toast .toast-close").await?;
    let shown = app
        .eval("return !document.getElementById('toast').hidden;")
        .await?;
    assert_eq!(shown, false);
    app.close().await
}

#[tokio::test]
async fn a_new_drama_with_no_watches_shows_no_stray_text() -> Result<()> {
    let (_dir, db, id) = goblin(&[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    let text = app.text(".page-drama").await?;
    assert!(!text.contains("null"), "{text}");
    assert!(!text.contains("undefined"), "{text}");
    app.close().await
}

#[tokio::test]
async fn an_import_of_a_file_that_is_not_there_says_so_without_stray_text() -> Result<()> {
    let app = App::launch().await?;
    app.click("a[data-route=io]").await?;
    app.type_into("[name=import-path]", "/nowhere/drakor-export.json")
        .await?;
    app.click("[data-import]").await?;
    app.wait_for_attr("[data-import-result]", "data-state", "error")
        .await?;
    let said = app.text("[data-import-result]").await?;
    assert!(said.contains("/nowhere/drakor-export.json"), "{said}");
    assert!(!said.contains("null"), "{said}");
    app.close().await
}

#[tokio::test]
async fn tag_chips_do_not_repeat_in_another_case() -> Result<()> {
    let (_dir, db, id) = goblin(&[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".page-drama .section-head button.primary")
        .await?; // "+ Scene"
    app.find("#scene-dialog[open]").await?;
    let tags = "#scene-form [data-chips=tags] input";
    app.type_into(tags, &format!("Kiss{ENTER}")).await?;
    app.type_into(tags, &format!("kiss{ENTER}")).await?;
    app.type_into(tags, &format!("KISS{ENTER}")).await?;
    let chips = app.eval(
        "return [...document.querySelectorAll('#scene-form [data-chips=tags] .chip')].map(c => c.firstChild.textContent);",
    )
    .await?;
    assert_eq!(chips, serde_json::json!(["kiss"]));
    app.close().await
}

#[tokio::test]
async fn library_cards_say_when_in_one_style() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    {
        let mut lib = Library::open(&db).unwrap();
        for (title, days) in [
            ("Goblin", 3),
            ("Signal", 29),
            ("Stranger", 40),
            ("Reply 1988", 400),
        ] {
            let draft = DramaDraft {
                title: title.into(),
                status: Status::Watching,
                ..DramaDraft::default()
            };
            let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
            let at = Utc::now() - chrono::Duration::days(days);
            lib.mark_watched(id, 1, &[1], at, Utc::now()).unwrap();
        }
    }
    let app = Launch::new().db(&db).start().await?;
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    let feet = app
        .eval("return [...document.querySelectorAll('.card-foot time')].map(t => t.textContent);")
        .await?;
    let feet: Vec<String> = serde_json::from_value(feet).unwrap();
    assert_eq!(feet.len(), 4, "{feet:?}");
    for foot in &feet {
        assert!(
            foot.starts_with("watched ") && foot.ends_with(" ago"),
            "one style on every card: {feet:?}"
        );
    }
    app.close().await
}

#[tokio::test]
async fn the_window_refuses_to_load_any_page_but_the_apps_own() -> Result<()> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = App::launch().await?;
    app.find(".empty-state").await?;
    app.eval(&format!(
        "setTimeout(() => {{ location.href = 'http://127.0.0.1:{port}/'; }}, 0); return true;"
    ))
    .await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        listener.accept().is_err(),
        "the window must not even ask the other page"
    );
    app.find(".empty-state").await?;
    // base-uri 'none': a <base> cannot point the page's links elsewhere.
    let base = app
        .eval(
            "const b = document.createElement('base'); b.href = 'https://example.com/'; \
             document.head.append(b); const uri = document.baseURI; b.remove(); return uri;",
        )
        .await?;
    assert!(
        !base.as_str().unwrap_or_default().contains("example.com"),
        "{base}"
    );
    app.close().await
}

#[tokio::test]
async fn the_context_menu_is_kept_only_in_text_fields() -> Result<()> {
    let app = App::launch().await?;
    app.find(".empty-state").await?;
    let menu = |css: &str| {
        format!(
            "const e = new MouseEvent('contextmenu', {{ bubbles: true, cancelable: true }}); \
             document.querySelector({css:?}).dispatchEvent(e); return e.defaultPrevented;"
        )
    };
    assert_eq!(
        app.eval(&menu(".empty-state h1")).await?,
        true,
        "no Reload on the page"
    );
    assert_eq!(
        app.eval(&menu("#search")).await?,
        false,
        "copy and paste in text fields"
    );
    app.close().await
}

#[tokio::test]
async fn an_export_to_a_typed_path_that_exists_asks_before_replacing_it() -> Result<()> {
    let (_dir, db, _id) = goblin(&[1]);
    let app = Launch::new().db(&db).start().await?;
    let out = app.work_dir().join("mine.json");
    std::fs::write(&out, "my own notes, not an export").unwrap();
    app.click("a[data-route=io]").await?;
    app.type_into("[name=export-path]", &out.display().to_string())
        .await?;
    app.click("[data-export]").await?;
    app.wait_for_text("#confirm-message", |t| t.contains("Replace it?"))
        .await?;
    app.click("#confirm-cancel").await?;
    app.wait_for_attr("[data-export-result]", "data-state", "kept")
        .await?;
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "my own notes, not an export"
    );

    app.click("[data-export]").await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-ok").await?; // "Replace"
    app.wait_for_attr("[data-export-result]", "data-state", "exported")
        .await?;
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"Goblin\"")
    );
    app.close().await
}

#[tokio::test]
async fn changing_any_export_filter_clears_a_typed_path() -> Result<()> {
    let app = App::launch().await?;
    app.click("a[data-route=io]").await?;
    for select in ["export-format", "export-status", "export-tag"] {
        app.type_into("[name=export-path]", "/tmp/full-library.json")
            .await?;
        app.eval(&format!(
            "const s = document.querySelector('[name={select}]'); \
             s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change')); return true;"
        ))
        .await?;
        assert_eq!(
            value(&app, "[name=export-path]").await?,
            "",
            "{select} clears it"
        );
    }
    app.close().await
}
