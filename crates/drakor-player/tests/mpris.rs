//! A real mpv with its MPRIS plugin on a private session bus (a
//! `dbus-daemon` of the test's own): Drakor reads what it plays and where.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use drakor_player::mpris;

/// The mpris plugin Debian's mpv-mpris installs (`make deps`).
const MPRIS_PLUGIN: &str = "/usr/lib/mpv-mpris/mpris.so";

struct Stop(Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A session bus of this test's own, and its address.
fn private_bus() -> (Stop, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon runs (make deps installs dbus)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (Stop(child), line.trim().to_owned())
}

fn make_video(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("ffmpeg")
        .args([
            "-v",
            "error",
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
        .arg(&path)
        .status()
        .expect("ffmpeg runs (make deps installs it)");
    assert!(status.success());
    path
}

#[test]
fn an_mpv_on_the_session_bus_tells_its_file_and_position_through_mpris() {
    assert!(
        Path::new(MPRIS_PLUGIN).exists(),
        "{MPRIS_PLUGIN} is installed (make deps)"
    );
    let dir = tempfile::tempdir().unwrap();
    let video = make_video(dir.path(), "My.Liberation.Notes.S01E11.1080p.WEB-DL.mkv");
    let (_bus, address) = private_bus();
    let _mpv = Stop(
        Command::new("mpv")
            .args([
                "--no-config",
                "--vo=null",
                "--ao=null",
                "--pause",
                "--idle=no",
                "--start=2892",
            ])
            .arg(format!("--script={MPRIS_PLUGIN}"))
            .arg("--")
            .arg(&video)
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mpv runs"),
    );
    let conn = mpris::connect(Some(&address)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let playing = loop {
        match mpris::now_playing(&conn) {
            Ok(p) if p.position_ms > 0 => break p,
            other => {
                assert!(Instant::now() < deadline, "no player on the bus: {other:?}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    };
    assert!(
        playing.player.starts_with("mpris:mpv"),
        "{}",
        playing.player
    );
    assert!(
        playing.position_ms.abs_diff(2_892_000) <= 1000,
        "{}",
        playing.position_ms
    );
    assert_eq!(playing.file.as_deref(), Some(video.as_path()));
}

#[test]
fn an_empty_session_bus_says_no_player_is_playing() {
    let (_bus, address) = private_bus();
    let conn = mpris::connect(Some(&address)).unwrap();
    let err = mpris::now_playing(&conn).unwrap_err();
    assert!(
        err.to_string()
            .contains("no player on the session bus is playing"),
        "{err}"
    );
}
