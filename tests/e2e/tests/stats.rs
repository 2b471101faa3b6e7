//! The Stats screen shows the same figures `drakor stats --json` gives for
//! the same library and year, in light and dark.
#![allow(clippy::unwrap_used)]

use chrono::Utc;
use drakor_core::{ImportOptions, ImportSource, Library};
use drakor_e2e::{Launch, Result};
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
        app.close().await?;
    }
    Ok(())
}
