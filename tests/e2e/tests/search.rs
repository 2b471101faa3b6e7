//! Search in the window: episode notes are found, and a result opens the
//! drama at that episode; Enter in the header box opens the top result, and
//! the box empties once the user leaves search.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, EpisodeNotes, Library, SceneDraft};
use drakor_e2e::{Launch, Result};

#[tokio::test]
async fn a_word_from_an_episode_note_finds_the_episode_and_opens_the_drama_there() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    {
        let mut lib = Library::open(&db).unwrap();
        let draft = DramaDraft {
            title: "Goblin".into(),
            total_episodes: Some(16),
            ..DramaDraft::default()
        };
        let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
        let notes = EpisodeNotes {
            title: Some("The first snow".into()),
            notes: "The persimmon tree by the gate.".into(),
            ..EpisodeNotes::default()
        };
        lib.annotate_episode(id, 1, 9, &notes, Utc::now()).unwrap();
    }
    let app = Launch::new().db(&db).start().await?;
    app.find(".page-library").await?;
    app.type_into("#search", "persimmon").await?;
    let hit = app
        .wait_for_text("[data-episode-hit='1/9']", |t| !t.is_empty())
        .await?;
    assert!(hit.contains("Goblin · E9 “The first snow”"), "{hit}");
    app.click("[data-episode-hit='1/9'] a").await?;
    app.find("[data-episode-panel='9']").await?;
    let notes = app
        .eval("return document.querySelector(\"[data-episode-panel='9'] textarea\").value;")
        .await?;
    assert_eq!(notes, "The persimmon tree by the gate.");
    app.close().await
}

/// Goblin (쓸쓸하고 찬란하神 – 도깨비) with a scene whose notes name it, and
/// a drama whose notes hold the same word.
fn library_with_goblin(db: &std::path::Path) {
    let mut lib = Library::open(db).unwrap();
    let goblin = DramaDraft {
        title: "Goblin".into(),
        original_title: Some("쓸쓸하고 찬란하神 – 도깨비".into()),
        total_episodes: Some(16),
        ..DramaDraft::default()
    };
    let id = lib.add_drama(&goblin, Utc::now()).unwrap().id;
    let scene = SceneDraft {
        season: 1,
        episode: 1,
        start: "12:00".into(),
        title: "Buckwheat field".into(),
        notes: "찬란 is the word of the title.".into(),
        ..SceneDraft::default()
    };
    lib.add_scene(id, &scene, Utc::now()).unwrap();
    let other = DramaDraft {
        title: "Reply 1988".into(),
        notes: "Like Goblin's 찬란, but in Ssangmun-dong.".into(),
        ..DramaDraft::default()
    };
    lib.add_drama(&other, Utc::now()).unwrap();
}

#[tokio::test]
async fn enter_in_the_search_box_opens_the_top_result_and_leaving_search_empties_the_box()
-> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    library_with_goblin(&db);
    let app = Launch::new().db(&db).start().await?;
    app.find(".page-library").await?;

    // Typed and entered at once, before the results show: the drama whose
    // Hangul title holds the word comes before the notes that hold it.
    app.type_into("#search", "찬란\u{E007}").await?;
    app.wait_for_text(".page-drama .drama-head .title", |t| t == "Goblin")
        .await?;
    app.wait_until("document.getElementById('search').value === ''")
        .await?;

    // The results in the core's order, titles first; leaving them for
    // another screen by a tab empties the box.
    app.type_into("#search", "찬란").await?;
    app.wait_for_text(".page-search .count", |t| t.starts_with("3 results"))
        .await?;
    let headings = app
        .eval("return [...document.querySelectorAll('.page-search h2')].map((e) => e.textContent);")
        .await?;
    assert_eq!(headings, serde_json::json!(["Titles", "Notes"]));
    assert_eq!(app.text(".page-search .hits strong").await?, "Goblin");
    app.click("a[data-route=scenes]").await?;
    app.find(".page-scenes").await?;
    app.wait_until("document.getElementById('search').value === ''")
        .await?;
    app.close().await
}
