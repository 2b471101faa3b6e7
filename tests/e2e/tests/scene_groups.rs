//! The Scenes screen in the real app: scenes grouped under their dramas'
//! headings, in the order the sort control asks; "Export this list" writes
//! what the screen lists, in the format the file's name or the picker
//! says; and the filters of the Library and the Scenes screen stay while
//! the user browses, show which are on, and clear at once.
#![allow(clippy::unwrap_used)]

use chrono::{Duration, Utc};
use drakor_core::{DramaDraft, ImportOptions, ImportSource, Library, SceneDraft, Status};
use drakor_e2e::{App, Launch, Result};
use serde_json::Value;

/// The sample library (Goblin, My Liberation Notes and The Heirs have a
/// scene each) and Vincenzo, being watched, with no original title and three scenes
/// added out of order, the ★ one in the middle, newer than the sample's.
fn library(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())
        .unwrap();
    let mut draft = DramaDraft::titled("Vincenzo");
    draft.total_episodes = Some(20);
    draft.status = Status::Watching;
    let vincenzo = lib.add_drama(&draft, Utc::now()).unwrap().id;
    let scenes = [
        (8, "12:30", "Tower fight", false),
        (1, "48:12.000", "The vault", true),
        (1, "3:05.250", "Arrival in Seoul", false),
    ];
    for (i, (episode, start, title, favourite)) in scenes.into_iter().enumerate() {
        let scene = SceneDraft {
            episode,
            start: start.into(),
            title: title.into(),
            favourite,
            ..SceneDraft::default()
        };
        let at = Utc::now() + Duration::seconds(i64::try_from(i).unwrap());
        lib.add_scene(vincenzo, &scene, at).unwrap();
    }
    path
}

async fn texts(app: &App, css: &str) -> Result<Vec<String>> {
    let script =
        format!("return [...document.querySelectorAll({css:?})].map((e) => e.textContent);");
    Ok(serde_json::from_value(app.eval(&script).await?).unwrap())
}

/// Sets a `<select>` or ticks a checkbox of the page's toolbar as a user would.
async fn choose(app: &App, css: &str, value: &str) -> Result<()> {
    let script = format!(
        "const el = document.querySelector({css:?}); \
         if (el.type === 'checkbox') el.checked = {value:?} === 'on'; else el.value = {value:?}; \
         el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    );
    app.eval(&script).await?;
    Ok(())
}

#[tokio::test]
async fn scenes_are_grouped_under_drama_headings_in_the_order_the_sort_control_asks() -> Result<()>
{
    let dir = tempfile::tempdir().unwrap();
    let app = Launch::new().db(library(&dir)).start().await?;
    app.client().set_window_size(1100, 900).await.unwrap();
    app.click("nav [data-route=scenes]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "6 scenes")
        .await?;
    assert_eq!(
        texts(&app, ".scene-group .scene-drama").await?,
        ["Goblin", "My Liberation Notes", "The Heirs", "Vincenzo"],
        "dramas A to Z, each once"
    );
    assert_eq!(
        texts(&app, ".scene-group .original").await?,
        ["쓸쓸하고 찬란하神 – 도깨비", "나의 해방일지", "상속자들"],
        "the original title beside the title, where there is one"
    );
    let vincenzo = ".scene-group:last-of-type ~ .scene .scene-where";
    assert_eq!(
        texts(&app, vincenzo).await?,
        ["E1 · 3:05.250", "E1 · 48:12", "E8 · 12:30"],
        "episode and time order; milliseconds only when there are some"
    );
    assert!(
        app.find_all(".scene-list > .scene .scene-drama")
            .await?
            .is_empty(),
        "under a heading a scene does not repeat its drama"
    );
    app.shot("scenes-grouped").await?;

    choose(&app, ".page-scenes select[name=sort]", "favourites").await?;
    app.wait_until("document.querySelector('.scene-list').dataset.sort === 'favourites'")
        .await?;
    assert_eq!(
        texts(&app, vincenzo).await?,
        ["E1 · 48:12", "E1 · 3:05.250", "E8 · 12:30"],
        "the ★ scene leads its drama"
    );

    choose(&app, ".page-scenes select[name=sort]", "newest").await?;
    app.wait_until("document.querySelector('.scene-list').dataset.sort === 'newest'")
        .await?;
    assert!(
        app.find_all(".scene-group").await?.is_empty(),
        "one flat list"
    );
    let titles = texts(&app, ".scene-list .scene-title").await?;
    assert_eq!(
        titles[..3],
        ["Arrival in Seoul", "The vault", "Tower fight"],
        "the last bookmark first"
    );
    assert_eq!(
        texts(&app, ".scene-list .scene .scene-drama").await?.len(),
        6,
        "each scene names its drama"
    );

    // The sort stays when the user comes back; the heading leads to the drama.
    app.click("nav [data-route=library]").await?;
    app.find(".page-library").await?;
    app.click("nav [data-route=scenes]").await?;
    app.wait_until("document.querySelector('.scene-list')?.dataset.sort === 'newest'")
        .await?;
    choose(&app, ".page-scenes select[name=sort]", "drama").await?;
    app.wait_until("document.querySelectorAll('.scene-group').length === 4")
        .await?;
    app.click(".scene-group:last-of-type .scene-drama").await?;
    app.wait_for_text(".page-drama .drama-head .title", |t| t == "Vincenzo")
        .await?;
    app.close().await
}

async fn export_to(app: &App, path: &std::path::Path) -> Result<String> {
    if app
        .find_all(".scene-export:not([hidden])")
        .await?
        .is_empty()
    {
        app.click("[data-export-list]").await?;
    }
    app.eval("document.querySelector('.scene-export [name=export-path]').value = ''; return true;")
        .await?;
    app.type_into(".scene-export [name=export-path]", path.to_str().unwrap())
        .await?;
    app.click(".scene-export [data-action=export]").await?;
    app.wait_for_text(".scene-export [role=status]", |t| t.starts_with("Wrote"))
        .await
}

#[tokio::test]
async fn export_this_list_writes_markdown_to_an_md_name_csv_when_picked_and_only_favourites_with_star_only()
-> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let app = Launch::new().db(library(&dir)).start().await?;
    app.eval("location.hash = '#/scenes?tag=kiss'; return true;")
        .await?;
    app.wait_for_text(".page-scenes .count", |t| t == "3 scenes")
        .await?;

    // The picker says Drakor JSON; the name says Markdown, and wins.
    let md = dir.path().join("kisses.md");
    let said = export_to(&app, &md).await?;
    assert!(said.starts_with("Wrote 3 scenes from 3 dramas"), "{said}");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Kiss scenes\n"), "{text}");
    assert!(text.contains("## Goblin"), "{text}");
    assert!(!text.contains("Vincenzo"), "only the listed scenes: {text}");

    // A name that says nothing: the picker decides.
    let sheet = dir.path().join("kisses.txt");
    app.eval("document.querySelector('.scene-export [name=export-path]').value = ''; return true;")
        .await?;
    choose(&app, ".scene-export [name=export-format]", "csv_scenes").await?;
    export_to(&app, &sheet).await?;
    let csv = std::fs::read_to_string(&sheet).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("start"), "a CSV header: {header}");
    assert_eq!(csv.lines().count(), 4, "a header and three scenes: {csv}");

    // "★ only": the file holds the favourites alone.
    choose(&app, ".page-scenes input[name=favourites]", "on").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "2 scenes")
        .await?;
    let json = dir.path().join("best.json");
    let said = export_to(&app, &json).await?;
    assert!(said.starts_with("Wrote 2 scenes from 2 dramas"), "{said}");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let mut titles: Vec<&str> = file["dramas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["scenes"].as_array().unwrap())
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    titles.sort_unstable();
    assert_eq!(titles, ["First kiss", "Reed field kiss"]);

    // The same name again asks first; Cancel keeps the file.
    let before = std::fs::read_to_string(&json).unwrap();
    app.click(".scene-export [data-action=export]").await?;
    app.find("#confirm-dialog[open]").await?;
    app.click("#confirm-cancel").await?;
    app.wait_for_text(".scene-export [role=status]", |t| {
        t.starts_with("Nothing was written")
    })
    .await?;
    assert_eq!(std::fs::read_to_string(&json).unwrap(), before);
    app.close().await
}

#[tokio::test]
async fn filters_stay_while_browsing_show_what_is_on_and_clear_filters_resets_each_screen()
-> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let app = Launch::new().db(library(&dir)).start().await?;
    app.wait_for_text(".page-library .count", |t| t == "5 dramas")
        .await?;
    assert!(
        app.find_all("[data-clear-filters]").await?.is_empty(),
        "no filter, no bar"
    );

    choose(&app, ".page-library select[name=status]", "watching").await?;
    app.wait_for_text(".page-library .count", |t| t == "2 dramas")
        .await?;
    assert_eq!(
        texts(&app, ".filter-bar .filter-chip bdi").await?,
        ["Watching"]
    );

    app.click("nav [data-route=scenes]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "6 scenes")
        .await?;
    choose(&app, ".page-scenes select[name=tag]", "kiss").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "3 scenes")
        .await?;
    choose(&app, ".page-scenes input[name=favourites]", "on").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "2 scenes")
        .await?;
    assert_eq!(
        texts(&app, ".filter-bar .filter-chip bdi").await?,
        ["#kiss", "★ only"]
    );

    // Away and back, by the tabs: each screen shows its filters as left.
    app.click("nav [data-route=library]").await?;
    app.wait_for_text(".page-library .count", |t| t == "2 dramas")
        .await?;
    app.click("nav [data-route=stats]").await?;
    app.find(".page-stats").await?;
    app.click("nav [data-route=scenes]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "2 scenes")
        .await?;
    let ticked = app
        .eval("return document.querySelector('.page-scenes input[name=favourites]').checked;")
        .await?;
    assert_eq!(ticked, Value::Bool(true));

    // A chip takes its one filter away.
    app.click(".filter-bar [data-filter='★ only']").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "3 scenes")
        .await?;
    app.click("[data-clear-filters]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "6 scenes")
        .await?;
    assert!(app.find_all(".filter-bar").await?.is_empty());
    assert_eq!(
        app.eval("return document.querySelector('.page-scenes select[name=tag]').value;")
            .await?,
        ""
    );

    // Clearing the Scenes screen left the Library's filter alone.
    app.click("nav [data-route=library]").await?;
    app.wait_for_text(".page-library .count", |t| t == "2 dramas")
        .await?;
    app.click("[data-clear-filters]").await?;
    app.wait_for_text(".page-library .count", |t| t == "5 dramas")
        .await?;
    app.click("nav [data-route=scenes]").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "6 scenes")
        .await?;
    app.click("nav [data-route=library]").await?;
    app.wait_for_text(".page-library .count", |t| t == "5 dramas")
        .await?;
    app.close().await
}

/// Twelve dramas of sixty scenes: groups that start on a page's first row
/// (offset 300, 600) and groups that run across pages.
fn long_library(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    for d in 1..=12 {
        let drama = lib
            .add_drama(&DramaDraft::titled(format!("D{d:02}")), Utc::now())
            .unwrap()
            .id;
        for s in 0..60u32 {
            let scene = SceneDraft {
                episode: 1,
                start: format!("{}:{:02}", s / 60, s % 60),
                title: format!("D{d:02} s{s:02}"),
                ..SceneDraft::default()
            };
            lib.add_scene(drama, &scene, Utc::now()).unwrap();
        }
    }
    path
}

/// What is wrong with the headings shown: a row under another drama's
/// heading, or a heading over a row of its own drama (drawn twice).
const HEADING_FAULTS: &str = "
    const faults = []; let heading = null; let last = null; const seen = [];
    for (const el of document.querySelector('.scene-list').children) {
      if (el.matches('.scene-group')) {
        heading = el.querySelector('.scene-drama').textContent;
        if (heading === last) faults.push(`${heading} twice`);
        seen.push(heading);
      } else if (el.matches('.scene')) {
        last = el.querySelector('.scene-title').textContent.split(' ')[0];
        if (heading !== null && last !== heading) faults.push(`${last} under ${heading}`);
      }
    }
    return { faults, seen };";

async fn headings(app: &App) -> Result<(Vec<String>, Vec<String>)> {
    let found = app.eval(HEADING_FAULTS).await?;
    Ok((
        serde_json::from_value(found["faults"].clone()).unwrap(),
        serde_json::from_value(found["seen"].clone()).unwrap(),
    ))
}

async fn scroll_to(app: &App, button: &str, until: &str) -> Result<()> {
    for _ in 0..40 {
        if app.eval(&format!("return {until};")).await? == Value::Bool(true) {
            return Ok(());
        }
        app.eval(&format!(
            "document.querySelector('.scene-list {button}:not([hidden])')?.scrollIntoView(); return true;"
        ))
        .await?;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    panic!("never reached: {until}");
}

#[tokio::test]
async fn drama_headings_stay_right_as_a_long_list_drops_and_brings_back_pages() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let app = Launch::new().db(long_library(&dir)).start().await?;
    app.eval("location.hash = '#/scenes'; return true;").await?;
    app.wait_for_text(".page-scenes .count", |t| t == "720 scenes")
        .await?;
    assert_eq!(headings(&app).await?.1, ["D01", "D02"]);

    let last = "document.querySelector('.scene-list .scene:last-of-type .scene-title')?.textContent === 'D12 s59'";
    scroll_to(&app, ".show-more:not(.show-earlier)", last).await?;
    let (faults, seen) = headings(&app).await?;
    assert!(faults.is_empty(), "{faults:?}");
    assert!(
        !seen.contains(&"D01".to_owned()),
        "the first pages were dropped: {seen:?}"
    );
    assert_eq!(seen.last().map(String::as_str), Some("D12"));

    let first =
        "document.querySelector('.scene-list .scene .scene-title')?.textContent === 'D01 s00'";
    scroll_to(&app, ".show-earlier", first).await?;
    let (faults, seen) = headings(&app).await?;
    assert!(faults.is_empty(), "{faults:?}");
    assert_eq!(seen.first().map(String::as_str), Some("D01"));
    let expected: Vec<String> = (1..=seen.len()).map(|d| format!("D{d:02}")).collect();
    assert_eq!(seen, expected, "each drama once, in order");
    app.close().await
}
