//! ▶ Play in the real app starts a real mpv (headless) at the scene's
//! start, on a video the test makes with ffmpeg.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use drakor_core::{DramaDraft, Library, SceneDraft};
use drakor_e2e::{Launch, Result};
use serde_json::{Value, json};

fn make_video(path: &Path) {
    let status = Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=32x32:r=1:d=3000",
        ])
        .args([
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "60",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(path)
        .status()
        .expect("ffmpeg runs (make deps installs it)");
    assert!(status.success());
}

fn ask(socket: &Path, command: Value) -> Option<Value> {
    let mut stream = UnixStream::connect(socket).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    writeln!(stream, "{}", json!({"command": command, "request_id": 7})).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).ok()? > 0 {
        let reply: Value = serde_json::from_str(&line).ok()?;
        if reply["request_id"] == 7 {
            return Some(reply["data"].clone());
        }
        line.clear();
    }
    None
}

#[tokio::test]
async fn play_on_a_scene_starts_mpv_where_the_scene_starts() -> Result<()> {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drakor.sqlite3");
    let folder = dir.path().join("Goblin");
    std::fs::create_dir_all(&folder).unwrap();
    make_video(&folder.join("Goblin.S01E03.1080p.mkv"));
    let id = {
        let mut lib = Library::open(&db).unwrap();
        let draft = DramaDraft {
            title: "Goblin".into(),
            total_episodes: Some(16),
            ..DramaDraft::default()
        };
        let id = lib.add_drama(&draft, Utc::now()).unwrap().id;
        let scene = SceneDraft {
            episode: 3,
            start: "48:12".into(),
            title: "The first snow".into(),
            ..SceneDraft::default()
        };
        lib.add_scene(id, &scene, Utc::now()).unwrap();
        let matched = [(1, 3, "Goblin.S01E03.1080p.mkv".to_owned())];
        lib.link_folder(id, &folder, &matched).unwrap();
        id
    };
    let config = dir.path().join("mpv-config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("mpv.conf"), "vo=null\nao=null\npause=yes\n").unwrap();
    let socket = dir.path().join("mpv.sock");
    let app = Launch::new()
        .db(&db)
        .env("DRAKOR_PLAYER", "mpv")
        .env("DRAKOR_MPV_SOCKET", &socket)
        .env("MPV_HOME", &config)
        .start()
        .await?;
    app.eval(&format!("location.hash = '#/drama/{id}'; return true;"))
        .await?;
    app.wait_for_text("[data-videos]", |t| t.contains("1 episode file in"))
        .await?;
    app.click(".page-drama [data-play]").await?;
    app.wait_for_text("#toast .toast-text", |t| t == "Playing from 48:12 in mpv")
        .await?;
    let deadline = Instant::now() + Duration::from_secs(20);
    let position = loop {
        if let Some(at) = ask(&socket, json!(["get_property", "time-pos"])).and_then(|v| v.as_f64())
        {
            break at;
        }
        assert!(Instant::now() < deadline, "mpv never answered");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    ask(&socket, json!(["quit"]));
    assert!((position - 2892.0).abs() <= 1.0, "mpv is at {position} s");

    app.click("a[data-route=scenes]").await?;
    app.find(".page-scenes [data-play]").await?;
    app.close().await
}
