//! The Stats screen shows the same figures `drakor stats --json` gives for
//! the same library and year, in light and dark.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{ImportOptions, ImportSource, Library};
use drakor_e2e::{App, Launch, Result};
use serde_json::Value;

#[tokio::test]
async fn the_stats_screen_matches_drakor_stats_for_the_same_year() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let mut lib = Library::open(&db).unwrap();
    lib.import(ImportSource::sample(), ImportOptions::default(), Utc::now())
        .unwrap();
    drop(lib);
    let cli = drakor_e2e::app_binary()?.with_file_name("drakor");
    let out = std::process::Command::new(&cli)
        .args([
            "--db",
            db.to_str().unwrap(),
            "stats",
            "--year",
            "2026",
            "--json",
        ])
        .env("TZ", "Asia/Seoul")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: Value = serde_json::from_slice(&out.stdout).unwrap();

    for (dark, suffix) in [(false, ""), (true, "-dark")] {
        let mut launch = Launch::new().db(&db).env("TZ", "Asia/Seoul");
        if dark {
            launch = launch.env("GTK_THEME", "Adwaita:dark");
        }
        let app = launch.start().await?;
        app.client().set_window_size(1100, 900).await.unwrap();
        app.eval("location.hash = '#/stats?year=2026'; return true;")
            .await?;
        app.find(".figures").await?;
        for key in [
            "episodes_watched",
            "rewatches",
            "dramas_started",
            "scenes_bookmarked",
        ] {
            let shown = app
                .text(&format!(".figure[data-stat={key}] .figure-value"))
                .await?;
            assert_eq!(shown, expected[key].to_string(), "{key}");
        }
        let streak = app
            .text(".figure[data-stat=longest_streak_days] .figure-value")
            .await?;
        assert!(
            streak.starts_with(&expected["longest_streak_days"].to_string()),
            "{streak}"
        );
        let days = app.find_all(".calendar .day:not(.level-0)").await?.len();
        assert_eq!(
            days,
            expected["by_day"].as_array().unwrap().len(),
            "one shaded cell a watched day"
        );
        let october = app
            .eval("return document.querySelectorAll('.bars g')[9].querySelector('title').textContent;")
            .await?;
        let episodes = expected["by_month"][9]["episodes"].as_u64().unwrap();
        assert!(
            october
                .as_str()
                .unwrap()
                .starts_with(&format!("Oct: {episodes} episode")),
            "{october}"
        );
        app.shot(&format!("stats{suffix}")).await?;
        if !dark {
            year_in_review_saves_a_png(&app, &dir.path().join("drakor-2026.png")).await?;
        }
        app.close().await?;
    }
    Ok(())
}

/// The year in review draws a share-sized card and saves it as a PNG (the
/// save goes through the command the native dialog's answer is given to).
async fn year_in_review_saves_a_png(app: &App, file: &std::path::Path) -> Result<()> {
    app.click("[data-action=wrapped]").await?;
    app.find("#wrapped-dialog[open]").await?;
    let size = app
        .eval("const c = document.querySelector('#wrapped-dialog canvas'); return [c.width, c.height];")
        .await?;
    assert_eq!(size, serde_json::json!([1080, 1350]));
    app.shot("wrapped").await?;
    let path = serde_json::to_string(file.to_str().unwrap()).unwrap();
    app.eval(&format!(
        "const c = document.querySelector('#wrapped-dialog canvas'); \
         const blob = await new Promise((r) => c.toBlob(r, 'image/png')); \
         const bytes = Array.from(new Uint8Array(await blob.arrayBuffer())); \
         await window.__TAURI__.core.invoke('save_png', {{ path: {path}, bytes }}); return true;"
    ))
    .await?;
    let png = std::fs::read(file).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG was written");
    assert!(
        png.len() > 20_000,
        "with the card on it: {} bytes",
        png.len()
    );
    // Anything but a PNG is refused.
    let refused = app
        .eval(&format!(
            "try {{ await window.__TAURI__.core.invoke('save_png', {{ path: {path}, bytes: [60, 104, 116, 109, 108] }}); return 'saved'; }} \
             catch (e) {{ return e.message; }}"
        ))
        .await?;
    assert!(refused.as_str().unwrap().contains("not a PNG"), "{refused}");
    Ok(())
}
