//! Hostile text in the real window: a library whose every field holds
//! markup, script, SQL, search syntax or direction marks is shown as that
//! text on the Library, Drama, Scenes, Up next and Search screens. Nothing
//! becomes an element, nothing runs, no dialog opens, and search takes
//! what is typed as words.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{DramaDraft, EpisodeNotes, Library, Link, LinkKind, SceneDraft, Status};
use drakor_e2e::{App, Launch, Result};
use serde_json::Value;
use tempfile::TempDir;
use uuid::Uuid;

/// Text that would run or become markup if any layer took it for HTML,
/// and text that means something to SQL or the search engine.
const PAYLOADS: &[&str] = &[
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned=1;document.title='pwned'\">",
    "\"><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><iframe src=x></iframe>",
    "'; DROP TABLE dramas; --",
    "\" OR 1=1 --",
    "NEAR(kiss \"unbalanced * AND OR NOT %_",
    "&lt;b&gt; &amp; {{7*7}} ${7*7}",
    "\u{202E}txet desrever\u{200B}\u{200F} 나의 해방일지",
];

/// A library with one drama per payload, the payload in every field.
fn hostile_library() -> (TempDir, std::path::PathBuf, Vec<Uuid>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&path).unwrap();
    let now = Utc::now();
    let mut ids = Vec::new();
    for p in PAYLOADS {
        let draft = DramaDraft {
            title: (*p).into(),
            original_title: Some((*p).into()),
            country: Some((*p).into()),
            network: Some((*p).into()),
            total_episodes: Some(16),
            status: Status::Watching,
            tags: vec![(*p).into()],
            notes: (*p).into(),
            links: vec![Link {
                url: "https://example.com/?q=\"><script>window.__pwned=1</script>".into(),
                label: (*p).into(),
                kind: LinkKind::Article,
            }],
            ..DramaDraft::default()
        };
        let id = lib.add_drama(&draft, now).unwrap().id;
        lib.mark_watched(id, 1, &[1], now, now).unwrap();
        let notes = EpisodeNotes {
            title: Some((*p).into()),
            notes: (*p).into(),
            ..EpisodeNotes::default()
        };
        lib.annotate_episode(id, 1, 1, &notes, now).unwrap();
        let scene = SceneDraft {
            episode: 1,
            start: "48:12".into(),
            title: (*p).into(),
            tags: vec![(*p).into(), "hostile".into()],
            notes: (*p).into(),
            people: vec![(*p).into(), "Kim Ji-won".into()],
            links: vec![Link {
                url: "https://example.com/clip".into(),
                label: (*p).into(),
                kind: LinkKind::Clip,
            }],
            ..SceneDraft::default()
        };
        lib.add_scene(id, &scene, now).unwrap();
        ids.push(id);
    }
    (dir, path, ids)
}

/// `textContent` of every element matching `css`, in page order.
async fn texts(app: &App, css: &str) -> Result<Vec<String>> {
    let script = format!(
        "return [...document.querySelectorAll({})].map(e => e.textContent);",
        Value::from(css)
    );
    let found = app.eval(&script).await?;
    Ok(found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect())
}

/// Waits (up to 20 s) until the script `condition` (an expression) is true.
async fn wait_until(app: &App, condition: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if app.eval(&format!("return Boolean({condition});")).await? == Value::Bool(true) {
            return Ok(());
        }
        assert!(
            std::time::Instant::now() < deadline,
            "never became true: {condition}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The JavaScript expression for the text of the first `css` element.
fn text_of(css: &str) -> String {
    format!("document.querySelector({})?.textContent", Value::from(css))
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}

fn payloads() -> Vec<String> {
    sorted(PAYLOADS.iter().map(|p| (*p).to_owned()).collect())
}

/// Nothing of the payloads became an element or ran, no dialog is open,
/// every link goes to the app's own screens or to an http(s) address, and
/// no element carries an inline event handler.
async fn assert_inert(app: &App, screen: &str) -> Result<()> {
    let found = app
        .eval(
            "return {
               injected: document.querySelectorAll('img, svg, iframe, object, embed, math, video, audio, frame').length,
               scripts: [...document.scripts].map(s => s.getAttribute('src')),
               pwned: window.__pwned ?? null,
               title: document.title,
               handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
               hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))
                 .filter(h => !(h.startsWith('#/') || /^https?:\\/\\//.test(h) || h === 'style.css')),
               error: document.querySelector('#view .error')?.textContent ?? null,
             };",
        )
        .await?;
    assert_eq!(found["injected"], 0, "{screen}: no element was injected");
    assert_eq!(
        found["scripts"],
        serde_json::json!(["js/main.js"]),
        "{screen}: the app's script is the only one"
    );
    assert_eq!(found["pwned"], Value::Null, "{screen}: no payload ran");
    assert_eq!(found["title"], "Drakor", "{screen}: no payload ran");
    assert_eq!(
        found["handlers"], 0,
        "{screen}: no element carries an on… attribute"
    );
    assert_eq!(
        found["hrefs"],
        serde_json::json!([]),
        "{screen}: every link is a screen of the app or a web address"
    );
    assert_eq!(found["error"], Value::Null, "{screen}: no error is shown");
    assert!(
        app.client().get_alert_text().await.is_err(),
        "{screen}: no alert, confirm or prompt is open"
    );
    Ok(())
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_on_every_screen_and_never_runs() -> Result<()> {
    let (_dir, db, ids) = hostile_library();
    let app = Launch::new().db(&db).start().await?;

    // Library: every title and original title exactly as stored.
    app.wait_for_text(".page-library .count", |t| {
        t == format!("{} dramas", PAYLOADS.len())
    })
    .await?;
    assert_eq!(sorted(texts(&app, ".drama-card .title").await?), payloads());
    assert_eq!(
        sorted(texts(&app, ".drama-card .original").await?),
        payloads()
    );
    let tag_options = texts(&app, ".page-library select[name=tag] option").await?;
    for p in PAYLOADS {
        assert!(
            tag_options.contains(&format!("#{}", p.to_lowercase())),
            "the tag filter offers {p:?}: {tag_options:?}"
        );
    }
    assert_inert(&app, "library").await?;

    // Drama: every field of every drama, its episode and its scene.
    for (id, p) in ids.iter().zip(PAYLOADS) {
        app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
            .await?;
        wait_until(
            &app,
            &format!(
                "{} === {}",
                text_of(".page-drama .drama-head .title"),
                Value::from(*p)
            ),
        )
        .await?;
        let head = |css: &str| format!(".page-drama .drama-head {css}");
        assert_eq!(texts(&app, &head(".title")).await?, [*p]);
        assert_eq!(texts(&app, &head(".original")).await?, [*p]);
        assert_eq!(
            texts(&app, &head(".drama-meta bdi")).await?,
            [*p, *p],
            "network and country, each isolated"
        );
        assert_eq!(texts(&app, &head(".notes")).await?, [*p]);
        assert_eq!(
            texts(&app, &head(".chip.tag")).await?,
            [format!("#{}", p.to_lowercase())]
        );
        assert_eq!(texts(&app, &head("a.external")).await?, [*p]);
        assert_eq!(texts(&app, ".page-drama .scene-title").await?, [*p]);
        assert_eq!(texts(&app, ".page-drama .scene .notes").await?, [*p]);
        assert_eq!(
            texts(&app, ".page-drama .scene .people bdi").await?,
            [*p, "Kim Ji-won"]
        );
        assert_eq!(
            texts(&app, ".page-drama .scene .chip.tag").await?,
            [format!("#{}", p.to_lowercase()), "#hostile".to_owned()]
        );
        assert_eq!(texts(&app, ".page-drama .scene a.external").await?, [*p]);
        assert_eq!(
            texts(&app, ".page-drama .watch-log .notes-cell").await?,
            [*p]
        );
        assert_eq!(
            texts(&app, ".page-drama .watch-log td .muted").await?,
            [format!(" {p}")]
        );
        // The episode's notes come back into the editor as they are.
        app.click(".episode[data-episode='1']").await?;
        wait_until(&app, "document.querySelector('[data-episode-panel=\"1\"]')").await?;
        let values = app
            .eval("const panel = document.querySelector('[data-episode-panel=\"1\"]'); return [panel.querySelector('textarea').value, panel.querySelector('input:not([type])').value];")
            .await?;
        assert_eq!(values, serde_json::json!([p, p]));
        assert_inert(&app, &format!("drama {p:?}")).await?;
    }

    // The drama editor holds the text as its value, not as markup.
    app.click(".page-drama .head-actions [data-action=edit]")
        .await?;
    app.find("#drama-dialog[open]").await?;
    let last = PAYLOADS[PAYLOADS.len() - 1];
    let values = app
        .eval("const f = document.querySelector('#drama-form').elements; return ['title', 'original_title', 'network', 'country', 'notes'].map(n => f[n].value);")
        .await?;
    assert_eq!(values, serde_json::json!([last, last, last, last, last]));
    app.click("#drama-form [data-cancel]").await?;
    assert_inert(&app, "drama editor").await?;

    // Scenes: every scene with its drama's title.
    app.click("a[data-route=scenes]").await?;
    wait_until(
        &app,
        &format!(
            "document.querySelectorAll('.page-scenes .scene-title').length === {}",
            PAYLOADS.len()
        ),
    )
    .await?;
    let scene_titles = texts(&app, ".page-scenes .scene-title").await?;
    assert_eq!(sorted(scene_titles), payloads());
    assert_eq!(
        sorted(texts(&app, ".page-scenes .scene-drama").await?),
        payloads()
    );
    assert_inert(&app, "scenes").await?;

    // Up next: each drama is being watched, episode 2 next.
    app.click("a[data-route=next]").await?;
    app.wait_for_text(".page-next .count", |t| {
        t == format!("{} dramas in progress", PAYLOADS.len())
    })
    .await?;
    assert_eq!(
        sorted(texts(&app, ".up-next-item .title").await?),
        payloads()
    );
    assert_inert(&app, "up next").await?;

    // Search: typed search syntax is taken as words, never as an error.
    app.click("a[data-route=library]").await?;
    app.find(".page-library").await?;
    app.type_into("#search", "DROP TABLE").await?;
    wait_until(
        &app,
        &format!(
            "{}?.endsWith('for “DROP TABLE”')",
            text_of(".page-search .count")
        ),
    )
    .await?;
    let found = texts(&app, ".page-search .hits strong").await?;
    assert!(
        found.contains(&"'; DROP TABLE dramas; --".to_owned()),
        "{found:?}"
    );
    assert_inert(&app, "search for DROP TABLE").await?;
    for q in [
        "pwned",
        "onerror",
        "NEAR(",
        "\"unbalanced",
        "*",
        "AND OR NOT",
        "%_",
        "'",
        "\u{202E}",
        "<script>",
    ] {
        app.eval(&format!(
            "location.hash = '#/search?' + new URLSearchParams({{ q: {} }}); return true;",
            Value::from(q)
        ))
        .await?;
        wait_until(
            &app,
            &format!(
                "{}?.endsWith({})",
                text_of(".page-search .count"),
                Value::from(format!("for “{q}”"))
            ),
        )
        .await?;
        assert_inert(&app, &format!("search for {q:?}")).await?;
    }
    let found = texts(&app, ".page-search .hits strong").await?;
    assert!(
        found
            .iter()
            .any(|t| t == "<script>window.__pwned = 1</script>"),
        "searching <script> finds the drama named so: {found:?}"
    );
    app.close().await
}

#[tokio::test]
async fn direction_marks_in_user_text_never_reorder_the_text_around_it() -> Result<()> {
    let (_dir, db, ids) = hostile_library();
    let app = Launch::new().db(&db).start().await?;
    let rtl = ids[PAYLOADS.len() - 1];
    app.eval(&format!("location.hash = '#/drama/{rtl}'; return true;"))
        .await?;
    app.find(".page-drama .drama-head .title").await?;
    // Each piece of user text sits in an isolate, so an override in it ends
    // with it and the app's own words beside it keep their order.
    let isolation = app
        .eval(
            "const css = ['.drama-head .title', '.drama-head .original', '.drama-meta bdi',
                          '.drama-head .chip.tag', '.drama-head a.external', '.scene-title',
                          '.scene .people bdi', '.scene .chip.tag', '.scene a.external'];
             return css.map(c => [c, [...document.querySelectorAll('.page-drama ' + c)]
               .map(e => getComputedStyle(e).unicodeBidi)]);",
        )
        .await?;
    for entry in isolation.as_array().unwrap() {
        let styles = entry[1].as_array().unwrap();
        assert!(!styles.is_empty(), "{} is on the page", entry[0]);
        assert!(
            styles.iter().all(|s| s == "isolate"),
            "{} is isolated: {styles:?}",
            entry[0]
        );
    }
    // The sentence after a reversed network still reads left to right:
    // "16 episodes" comes after the network, on screen as in the text.
    let order = app
        .eval(
            "const meta = document.querySelector('.drama-meta');
             const range = document.createRange();
             const text = [...meta.childNodes].filter(n => n.nodeType === 3).find(n => n.textContent.includes('16 episodes'));
             range.selectNodeContents(text);
             const episodes = range.getBoundingClientRect();
             const bdis = [...meta.querySelectorAll('bdi')].map(b => b.getBoundingClientRect());
             return bdis.every(b => b.right <= episodes.left + 1);",
        )
        .await?;
    assert_eq!(order, true, "the app's words stay after the user's text");
    app.close().await
}

#[tokio::test]
async fn ten_thousand_tags_and_100_kb_of_notes_are_shown_whole() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let notes = "나의 해방일지 <b>not bold</b>\n".repeat(2_500);
    let notes = format!("{notes}{}", "x".repeat(100 * 1024 - notes.len()));
    assert_eq!(notes.len(), 100 * 1024);
    let id = {
        let mut lib = Library::open(&db).unwrap();
        let id = lib
            .add_drama(&DramaDraft::titled("Ten thousand tags"), Utc::now())
            .unwrap()
            .id;
        let scene = SceneDraft {
            episode: 1,
            start: "1:00".into(),
            title: "Every tag".into(),
            tags: (0..10_000).map(|i| format!("tag-{i:05}")).collect(),
            notes: notes.clone(),
            ..SceneDraft::default()
        };
        lib.add_scene(id, &scene, Utc::now()).unwrap();
        id
    };
    let app = Launch::new().db(&db).start().await?;
    app.find(".drama-card").await?;
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.find(".page-drama .scene-title").await?;
    let shown = app
        .eval(
            "const scene = document.querySelector('.page-drama .scene');
             const chips = [...scene.querySelectorAll('.chip.tag')].map(c => c.textContent);
             return [chips.length, chips[0], chips[9999], scene.querySelector('.notes').textContent];",
        )
        .await?;
    assert_eq!(shown[0], 10_000, "every tag is shown");
    assert_eq!(shown[1], "#tag-00000");
    assert_eq!(shown[2], "#tag-09999");
    assert!(shown[3] == notes.as_str(), "the notes are shown whole");
    app.close().await
}
