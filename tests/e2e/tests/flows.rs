//! What a fan does in the window, end to end: the real app, in a real
//! WebKit, on a real SQLite file. Each test asserts on what the page shows.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, Library, Status};
use drakor_e2e::{App, Launch, Result};
use tempfile::TempDir;
use uuid::Uuid;

/// A library file with one drama of 16 episodes, and its id.
fn seeded(title: &str, watched: &[u32]) -> (TempDir, std::path::PathBuf, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let draft = DramaDraft {
        title: title.into(),
        original_title: Some("나의 해방일지".into()),
        total_episodes: Some(16),
        status: Status::PlanToWatch,
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
    if !watched.is_empty() {
        lib.mark_watched(id, 1, watched, Utc::now(), Utc::now())
            .unwrap();
    }
    (dir, path, id)
}

async fn open_drama(app: &App, id: Uuid) -> Result<()> {
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find(".page-drama .drama-head .title").await?;
    Ok(())
}

#[tokio::test]
async fn a_drama_added_with_a_hangul_title_shows_in_the_library() -> Result<()> {
    let app = App::launch().await?;
    app.find(".empty-state").await?;
    app.click("#add-drama").await?;
    app.type_into("#drama-form [name=title]", "My Liberation Notes")
        .await?;
    app.type_into("#drama-form [name=original_title]", "나의 해방일지")
        .await?;
    app.type_into("#drama-form [name=total_episodes]", "16")
        .await?;
    app.click("#drama-form button[type=submit]").await?;
    app.wait_for_text(".page-drama .drama-head .title", |t| {
        t == "My Liberation Notes"
    })
    .await?;

    app.click("a[data-route=library]").await?;
    app.wait_for_text(".drama-card .title", |t| t == "My Liberation Notes")
        .await?;
    assert_eq!(app.text(".drama-card .original").await?, "나의 해방일지");
    assert_eq!(app.text(".drama-card .progress-text").await?, "0/16");
    app.shot("library-one").await?;
    app.close().await
}

#[tokio::test]
async fn marking_episodes_one_to_eight_as_a_range_shows_eight_of_sixteen() -> Result<()> {
    let (_dir, db, id) = seeded("My Liberation Notes", &[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='1']").await?;
    app.wait_for_attr(".episode[data-episode='1']", "data-watched", "true")
        .await?;
    // Shift-click on episode 8 marks 2–8 too.
    app.eval(
        "document.querySelector(\".episode[data-episode='8']\")\
         .dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true })); return true;",
    )
    .await?;
    app.wait_for_text("[data-progress]", |t| t == "8/16")
        .await?;
    let watched = app.find_all(".episode[data-watched='true']").await?;
    assert_eq!(watched.len(), 8, "episodes 1 to 8 are marked in the grid");
    assert_eq!(
        app.text(".progress-panel button.primary").await?,
        "Mark E9 watched"
    );
    app.close().await
}

#[tokio::test]
async fn watched_up_to_here_marks_every_earlier_episode() -> Result<()> {
    let (_dir, db, id) = seeded("Goblin", &[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".episode[data-episode='5']").await?;
    app.wait_for_text("[data-episode-panel='5'] h3", |t| t == "Episode 5")
        .await?;
    app.click("[data-episode-panel='5'] button.small").await?; // "Watched 1–5"
    app.wait_for_text("[data-progress]", |t| t == "5/16")
        .await?;
    app.close().await
}

#[tokio::test]
async fn a_kiss_scene_at_48_12_with_a_link_is_found_under_the_kiss_tag() -> Result<()> {
    let (_dir, db, id) = seeded("My Liberation Notes", &[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    add_reed_field_kiss(&app).await?;
    app.wait_for_text(".scene .scene-where", |t| t == "E11 · 48:12–49:40")
        .await?;

    app.click("a[data-route=scenes]").await?;
    app.find(".page-scenes").await?;
    app.eval(
        "const s = document.querySelector('.page-scenes select[name=tag]'); s.value = 'kiss'; \
         s.dispatchEvent(new Event('change')); return true;",
    )
    .await?;
    app.wait_for_text(".page-scenes h1", |t| t == "#kiss scenes")
        .await?;
    assert_eq!(
        app.text(".page-scenes .scene-title").await?,
        "Reed field kiss"
    );
    assert_eq!(
        app.text(".page-scenes .scene-drama").await?,
        "My Liberation Notes"
    );
    assert_eq!(
        app.text(".page-scenes a.external").await?,
        "Behind the scenes"
    );
    app.shot("scenes-kiss").await?;
    app.close().await
}

async fn add_reed_field_kiss(app: &App) -> Result<()> {
    app.click(".page-drama .section-head button.primary")
        .await?; // "+ Scene"
    app.find("#scene-dialog[open]").await?;
    let episode = app.find("#scene-form [name=episode]").await?;
    episode.clear().await.unwrap();
    app.type_into("#scene-form [name=episode]", "11").await?;
    app.type_into("#scene-form [name=start]", "48:12").await?;
    app.type_into("#scene-form [name=end]", "49:40").await?;
    app.type_into("#scene-form [name=title]", "Reed field kiss")
        .await?;
    app.type_into("#scene-form [data-chips=tags] input", "kiss\u{E007}")
        .await?; // Enter makes a chip
    app.type_into(
        "#scene-form [name=notes]",
        "They agreed on the timing of turning their heads.",
    )
    .await?;
    app.click("#scene-form .links-editor > button").await?;
    app.type_into(
        "#scene-form .link-row input[type=url]",
        "https://www.youtube.com/watch?v=example",
    )
    .await?;
    app.type_into(
        "#scene-form .link-row input:not([type])",
        "Behind the scenes",
    )
    .await?;
    app.click("#scene-form button[type=submit]").await?;
    app.wait_for_text(".page-drama .scene-title", |t| t == "Reed field kiss")
        .await?;
    Ok(())
}

#[tokio::test]
async fn searching_a_word_from_a_scene_note_finds_the_scene() -> Result<()> {
    let (_dir, db, id) = seeded("My Liberation Notes", &[]);
    {
        let mut lib = Library::open(&db).unwrap();
        let scene = drakor_core::SceneDraft {
            episode: 11,
            start: "48:12".into(),
            title: "Reed field kiss".into(),
            notes: "They agreed on the timing of turning their heads before the take.".into(),
            ..Default::default()
        };
        lib.add_scene(id, &scene, Utc::now()).unwrap();
    }
    let app = Launch::new().db(&db).start().await?;
    app.find(".drama-card").await?;
    app.type_into("#search", "timing").await?;
    // Results show as the user types; wait for those of the whole word.
    app.wait_for_text(".page-search .count", |t| t.ends_with("for “timing”"))
        .await?;
    app.wait_for_text(".page-search .hits strong", |t| t == "Reed field kiss")
        .await?;
    assert!(
        app.text(".page-search .hits mark")
            .await?
            .eq_ignore_ascii_case("timing"),
        "the match is highlighted"
    );
    app.close().await
}

#[tokio::test]
async fn a_title_holding_markup_is_shown_as_text_and_never_run() -> Result<()> {
    let payload = "<img src=x onerror=\"document.title='pwned'\">";
    let (_dir, db, _id) = seeded(payload, &[]);
    let app = Launch::new().db(&db).start().await?;
    app.wait_for_text(".drama-card .title", |t| t == payload)
        .await?;
    let title = app.eval("return document.title;").await?;
    assert_eq!(title, "Drakor", "the payload must not run");
    let images = app
        .eval("return document.querySelectorAll('.drama-card img').length;")
        .await?;
    assert_eq!(images, 0, "the payload must not become an element");
    app.close().await
}

#[tokio::test]
async fn a_bad_time_shows_the_cores_message_and_saves_nothing() -> Result<()> {
    let (_dir, db, id) = seeded("My Liberation Notes", &[]);
    let app = Launch::new().db(&db).start().await?;
    open_drama(&app, id).await?;
    app.click(".page-drama .section-head button.primary")
        .await?;
    app.find("#scene-dialog[open]").await?;
    app.type_into("#scene-form [name=start]", "12:75").await?;
    app.type_into("#scene-form [name=title]", "Broken").await?;
    app.click("#scene-form button[type=submit]").await?;
    let message = app
        .wait_for_text("#scene-form .field-error[data-field=start]", |t| {
            !t.is_empty()
        })
        .await?;
    assert!(message.contains("\"12:75\" is not a time"), "{message}");
    assert!(message.contains("seconds must be below 60"), "{message}");
    assert!(
        !app.find_all("#scene-dialog[open]").await?.is_empty(),
        "the dialog stays open until the time is fixed"
    );
    app.click("#scene-form [data-cancel]").await?;
    // What was typed is not dropped without asking.
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-ok").await?; // "Discard"
    // Cancel, then Discard, closes the dialog.
    app.wait_until("!document.querySelector('#scene-dialog').open")
        .await?;
    app.close().await?;
    let lib = Library::open(&db).unwrap();
    assert!(
        lib.list_scenes(&Default::default(), drakor_core::Page::ALL)
            .unwrap()
            .scenes
            .is_empty(),
        "nothing was saved"
    );
    Ok(())
}

#[tokio::test]
async fn up_next_shows_episode_nine_and_marks_it() -> Result<()> {
    let (_dir, db, _id) = seeded("My Liberation Notes", &[1, 2, 3, 4, 5, 6, 7, 8]);
    let app = Launch::new().db(&db).start().await?;
    app.click("a[data-route=next]").await?;
    app.wait_for_text(".up-next-item .next-episode", |t| t == "Episode 9")
        .await?;
    assert_eq!(app.text(".up-next-item .progress-text").await?, "8/16");
    app.click(".up-next-item button.primary").await?;
    app.wait_for_text(".up-next-item .next-episode", |t| t == "Episode 10")
        .await?;
    assert_eq!(app.text(".up-next-item .progress-text").await?, "9/16");
    app.close().await
}

#[tokio::test]
async fn importing_the_sample_then_exporting_gives_the_same_dramas() -> Result<()> {
    let sample_path = drakor_e2e::workspace_root().join("tests/fixtures/sample-library.json");
    let app = App::launch().await?;
    let out = app.work_dir().join("exported.json");
    app.click("a[data-route=io]").await?;
    app.type_into("[name=import-path]", &sample_path.display().to_string())
        .await?;
    app.click("[data-import]").await?;
    let summary = app
        .wait_for_text("[data-import-result]", |t| !t.is_empty())
        .await?;
    assert!(summary.starts_with("Added 4 dramas"), "{summary}");
    let backups = std::fs::read_dir(app.db_path().parent().unwrap().join("backups"))
        .expect("an import is preceded by an automatic backup")
        .count();
    assert_eq!(backups, 1, "one import, one backup");

    app.type_into("[name=export-path]", &out.display().to_string())
        .await?;
    app.click("[data-export]").await?;
    app.wait_for_text("[data-export-result]", |t| t.starts_with("Wrote 4 dramas"))
        .await?;

    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    assert_eq!(
        read(&out)["dramas"],
        read(&sample_path)["dramas"],
        "export must give back what was imported"
    );

    app.click("a[data-route=library]").await?;
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    app.close().await
}

#[tokio::test]
async fn a_refused_import_lists_every_problem_and_changes_nothing() -> Result<()> {
    let app = App::launch().await?;
    let bad = app.work_dir().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format":"drakor","version":1,"dramas":[{"title":"","scenes":[{"episode":1,"start":"12:75","title":"x"}]}]}"#,
    )
    .unwrap();
    app.click("a[data-route=io]").await?;
    app.type_into("[name=import-path]", &bad.display().to_string())
        .await?;
    app.click("[data-import]").await?;
    let problems = app.wait_for_text(".problems", |t| !t.is_empty()).await?;
    assert!(problems.contains("dramas[0].title"), "{problems}");
    assert!(problems.contains("dramas[0].scenes[0].start"), "{problems}");
    app.click("a[data-route=library]").await?;
    app.find(".empty-state").await?;
    app.close().await
}

#[tokio::test]
async fn a_trakt_export_imports_and_the_kiss_scenes_export_as_markdown() -> Result<()> {
    let trakt = drakor_e2e::workspace_root().join("tests/fixtures/interop/trakt-export");
    let app = App::launch().await?;
    app.click("a[data-route=io]").await?;
    app.type_into("[name=import-path]", &trakt.display().to_string())
        .await?;
    app.click("[data-import]").await?;
    let report = app
        .wait_for_text("[data-import-result]", |t| !t.is_empty())
        .await?;
    assert!(report.starts_with("Added "), "{report}");
    assert!(report.contains("Read as a Trakt export"), "{report}");

    // Bookmark a kiss in one of the imported dramas.
    app.click("a[data-route=library]").await?;
    app.click(".drama-card").await?;
    app.find(".page-drama .drama-head .title").await?;
    add_reed_field_kiss(&app).await?;

    let out = app.work_dir().join("kisses.md");
    app.click("a[data-route=io]").await?;
    app.eval(
        "const f = document.querySelector('[name=export-format]'); f.value = 'markdown'; \
         f.dispatchEvent(new Event('change')); \
         const t = document.querySelector('[name=export-tag]'); t.value = 'kiss'; \
         t.dispatchEvent(new Event('change')); return true;",
    )
    .await?;
    app.type_into("[name=export-path]", &out.display().to_string())
        .await?;
    app.click("[data-export]").await?;
    app.wait_for_text("[data-export-result]", |t| t.starts_with("Wrote "))
        .await?;
    let markdown = std::fs::read_to_string(&out).unwrap();
    assert!(
        markdown.starts_with("# Kiss scenes"),
        "the list is titled by its tag: {markdown}"
    );
    let line = markdown
        .lines()
        .find(|l| l.contains("Reed field kiss"))
        .unwrap_or_else(|| panic!("the kiss scene is listed: {markdown}"));
    assert!(line.contains("E11"), "{line}");
    assert!(line.contains("48:12"), "{line}");
    app.close().await
}
