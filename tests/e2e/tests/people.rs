//! A person's page in the real app: opened from a person chip on a drama's
//! scene, it shows their scenes from two dramas under the dramas' headings,
//! a favourite first; an alias typed there brings in a scene written with
//! that name; Back and Forward move between the pages; and a chip with the
//! alias opens the same person. Pictures for the README, light and dark.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, ImportOptions, ImportSource, Library, SceneDraft};
use drakor_e2e::{App, Launch, Result};
use serde_json::{Value, json};

const GOBLIN: &str = "d1f0c5a6-c78a-5983-8d68-d891711781fa";
const SEA: &str = "91183eca-e7cd-57d1-ba38-c2a26cd82a01"; // Goblin E8, with Gong Yoo

fn scene(episode: u32, start: &str, title: &str, person: &str, favourite: bool) -> SceneDraft {
    SceneDraft {
        episode,
        start: start.into(),
        title: title.into(),
        people: vec![person.into(), "Kim Go-eun".into()],
        tags: vec!["gong-yoo".into()],
        favourite,
        ..SceneDraft::default()
    }
}

/// The sample, with Gong Yoo in Coffee Prince too, a favourite of his in
/// Goblin, and a Goblin scene written with his Hangul name.
fn library() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let now = Utc::now();
    lib.import(ImportSource::sample(), ImportOptions::default(), now)
        .unwrap();
    let goblin = lib.find_drama("goblin").unwrap();
    let coffee = DramaDraft {
        original_title: Some("커피프린스 1호점".into()),
        year: Some(2007),
        ..DramaDraft::titled("Coffee Prince")
    };
    let coffee = lib.add_drama(&coffee, now).unwrap().id;
    let mut hired = scene(2, "10:00", "Hired as a boy", "Gong Yoo", false);
    hired.people = vec!["Gong Yoo".into(), "윤은혜".into()];
    lib.add_scene(coffee, &hired, now).unwrap();
    lib.add_scene(
        goblin,
        &scene(1, "40:00", "The sword", "Gong Yoo", true),
        now,
    )
    .unwrap();
    lib.add_scene(goblin, &scene(1, "12:30", "First snow", "공유", false), now)
        .unwrap();
    (dir, path)
}

/// The page's dramas, each with its scenes' titles (★ before a favourite).
async fn groups(app: &App) -> Result<Value> {
    app.eval(
        "return [...document.querySelectorAll('.person-drama')].map((g) => [
           g.querySelector('h2 .title').textContent,
           [...g.querySelectorAll('.scene')].map((s) =>
             (s.querySelector('.star') ? '★ ' : '') + s.querySelector('.scene-title').textContent),
         ]);",
    )
    .await
}

#[tokio::test]
async fn a_person_chip_opens_their_scenes_by_drama_and_an_alias_joins_another_spelling()
-> Result<()> {
    let (_dir, db) = library();
    let app = Launch::new().db(&db).start().await?;
    app.client().set_window_size(1100, 900).await.unwrap();
    app.eval(&format!("location.hash = '#/drama/{GOBLIN}'; return true;"))
        .await?;
    let chip = format!(".scene[data-scene-id='{SEA}'] a.chip.person");
    app.find(&chip).await?;
    app.click(&chip).await?;
    app.find(".page-person .person-drama").await?;
    assert_eq!(app.text(".page-person h1").await?, "Gong Yoo");
    assert_eq!(
        groups(&app).await?,
        json!([
            ["Coffee Prince", ["Hired as a boy"]],
            ["Goblin", ["★ The sword", "Kiss by the sea"]],
        ]),
        "dramas by title, a favourite first within its drama"
    );

    // 공유 becomes another name of Gong Yoo: its scene joins his page.
    app.type_into(".alias-form [name=alias]", "공유").await?;
    app.click(".alias-form button[type=submit]").await?;
    app.find(".page-person .aliases [data-alias='공유']")
        .await?;
    assert_eq!(
        groups(&app).await?,
        json!([
            ["Coffee Prince", ["Hired as a boy"]],
            ["Goblin", ["★ The sword", "First snow", "Kiss by the sea"]],
        ])
    );
    assert_eq!(
        app.text(".page-person [data-count]").await?,
        "4 scenes in 2 dramas"
    );
    app.click("#toast .toast-close").await?;
    app.shot("person").await?;

    // Back to the drama, Forward to the person again.
    app.eval("history.back(); return true;").await?;
    app.find(".page-drama").await?;
    app.eval("history.forward(); return true;").await?;
    app.wait_for_text(".page-person h1", |t| t == "Gong Yoo")
        .await?;

    // The chip of the scene written 공유 opens the same person.
    app.eval(&format!("location.hash = '#/drama/{GOBLIN}'; return true;"))
        .await?;
    app.find(".page-drama .scene a.chip.person").await?;
    app.eval(
        "[...document.querySelectorAll('.page-drama a.chip.person')]
           .find((a) => a.textContent === '공유').click(); return true;",
    )
    .await?;
    app.wait_for_text(".page-person h1", |t| t == "Gong Yoo")
        .await?;
    let people = app
        .eval("return [...document.querySelectorAll('.page-person .scene .people bdi')].map((b) => b.textContent);")
        .await?;
    assert!(
        people.as_array().unwrap().contains(&json!("공유")),
        "scenes keep the name they were written with: {people}"
    );
    app.close().await?;

    let lib = Library::open(&db).unwrap();
    let person = lib.person("공유").unwrap().person;
    assert_eq!(
        (
            person.name.as_str(),
            person.aliases.as_slice(),
            person.scenes
        ),
        ("Gong Yoo", ["공유".to_owned()].as_slice(), 4),
        "the alias was saved"
    );
    Ok(())
}

#[tokio::test]
async fn the_person_page_reads_in_dark_too() -> Result<()> {
    let (_dir, db) = library();
    let mut lib = Library::open(&db).unwrap();
    lib.add_alias("Gong Yoo", "공유").unwrap();
    drop(lib);
    let app = Launch::new()
        .db(&db)
        .env("GTK_THEME", "Adwaita:dark")
        .start()
        .await?;
    app.client().set_window_size(1100, 900).await.unwrap();
    app.eval("location.hash = '#/person/%EA%B3%B5%EC%9C%A0'; return true;")
        .await?;
    app.find(".page-person .person-drama").await?;
    assert_eq!(
        app.text(".page-person h1").await?,
        "Gong Yoo",
        "an alias in the address opens the person"
    );
    app.shot("person-dark").await?;
    app.close().await
}

#[tokio::test]
async fn open_in_scenes_filters_the_scenes_by_the_person_under_any_name_until_cleared() -> Result<()>
{
    let (_dir, db) = library();
    let mut lib = Library::open(&db).unwrap();
    lib.add_alias("Gong Yoo", "공유").unwrap();
    drop(lib);
    let app = Launch::new().db(&db).start().await?;
    app.eval("location.hash = '#/person/Gong%20Yoo'; return true;")
        .await?;
    app.find(".page-person .person-drama").await?;
    app.eval(
        "[...document.querySelectorAll('.page-person button')]
           .find((b) => b.textContent === 'Open in Scenes').click(); return true;",
    )
    .await?;
    app.wait_for_text(".page-scenes .count", |t| t == "4 scenes")
        .await?;
    let titles = "return [...document.querySelectorAll('.page-scenes .scene-title')].map((t) => t.textContent).sort();";
    assert_eq!(
        app.eval(titles).await?,
        json!([
            "First snow",
            "Hired as a boy",
            "Kiss by the sea",
            "The sword"
        ]),
        "his scenes under both names, and no one else's"
    );
    assert_eq!(
        app.eval("return document.querySelector('.page-scenes .filter-bar .filter-chip bdi').textContent;")
            .await?,
        json!("with Gong Yoo")
    );
    let export_off = "return document.querySelector('[data-export-list]').disabled;";
    assert_eq!(
        app.eval(export_off).await?,
        json!(true),
        "an export cannot hold one person's scenes alone"
    );

    app.click(".page-scenes [data-clear-filters]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "6 scenes")
        .await?;
    assert_eq!(
        app.eval("return document.querySelector('.page-scenes .filter-bar') === null;")
            .await?,
        json!(true)
    );
    assert_eq!(app.eval(export_off).await?, json!(false));
    app.close().await
}
