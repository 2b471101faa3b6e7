//! Long lists in the window: the Scenes screen fetches a page at a time and
//! the next as the list scrolls, so a tag with thousands of scenes opens at
//! once and never puts every scene in the page.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, Library, SceneDraft};
use drakor_e2e::{App, Launch, Result};

/// 250 kiss scenes over a drama's 16 episodes, and 10 without the tag.
fn library_of_kisses(path: &std::path::Path) {
    let mut lib = Library::open(path).unwrap();
    let mut draft = DramaDraft::titled("Crash Landing on You");
    draft.total_episodes = Some(16);
    let drama = lib.add_drama(&draft, Utc::now()).unwrap().id;
    for i in 0..260u32 {
        let scene = SceneDraft {
            episode: i % 16 + 1,
            start: format!("{}:{:02}", i / 60, i % 60),
            title: format!("Scene {i}"),
            tags: if i < 250 { vec!["kiss".into()] } else { vec![] },
            ..SceneDraft::default()
        };
        lib.add_scene(drama, &scene, Utc::now()).unwrap();
    }
}

async fn scenes_shown(app: &App) -> Result<u64> {
    Ok(app
        .eval("return document.querySelectorAll('.scene-list .scene').length;")
        .await?
        .as_u64()
        .unwrap_or(0))
}

async fn wait_for_scenes(app: &App, count: u64) -> Result<()> {
    for _ in 0..100 {
        if scenes_shown(app).await? == count {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("expected {count} scenes, saw {}", scenes_shown(app).await?);
}

#[tokio::test]
async fn a_long_tag_opens_with_one_page_and_the_next_comes_as_the_list_scrolls() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    library_of_kisses(&db);
    let app = Launch::new().db(&db).start().await?;
    app.eval("location.hash = '#/scenes?tag=kiss'; return true;")
        .await?;
    app.wait_for_text(".toolbar .count", |t| t == "250 scenes")
        .await?;
    wait_for_scenes(&app, 100).await?;
    let more = app
        .eval("return document.querySelector('.scene-list .show-more:not(.show-earlier)').textContent;")
        .await?;
    assert_eq!(more, "Show more (150 left)");

    app.eval("document.querySelector('.scene-list .show-more:not(.show-earlier)').scrollIntoView(); return true;")
        .await?;
    wait_for_scenes(&app, 200).await?;
    app.eval("document.querySelector('.scene-list .show-more:not(.show-earlier)').scrollIntoView(); return true;")
        .await?;
    wait_for_scenes(&app, 250).await?;
    let hidden = app
        .eval("return document.querySelector('.scene-list .show-more:not(.show-earlier)').hidden;")
        .await?;
    assert_eq!(
        hidden,
        serde_json::Value::Bool(true),
        "nothing is left to show"
    );
    let titles = app
        .eval("return [...document.querySelectorAll('.scene-list .scene-title')].map(e => e.textContent);")
        .await?;
    let titles: Vec<String> = serde_json::from_value(titles).unwrap();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 250, "every kiss scene once, none twice");
    assert!(
        !titles.iter().any(|t| t == "Scene 255"),
        "untagged scenes stay out"
    );
    app.close().await
}
