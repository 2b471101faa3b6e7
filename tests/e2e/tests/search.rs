//! Search in the window: episode notes are found, and a result opens the
//! drama at that episode.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, EpisodeNotes, Library};
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
