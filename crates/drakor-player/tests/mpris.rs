//! A real mpv with its MPRIS plugin on a private session bus (a
//! `dbus-daemon` of the test's own): Drakor reads what it plays and where.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use drakor_player::mpris;
use drakor_testkit::players::{headless_mpv, make_video, private_bus};

/// The mpris plugin Debian's mpv-mpris installs (`make deps`).
const MPRIS_PLUGIN: &str = "/usr/lib/mpv-mpris/mpris.so";

#[test]
fn an_mpv_on_the_session_bus_tells_its_file_and_position_through_mpris() {
    assert!(
        Path::new(MPRIS_PLUGIN).exists(),
        "{MPRIS_PLUGIN} is installed (make deps)"
    );
    let dir = tempfile::tempdir().unwrap();
    let video = dir
        .path()
        .join("My.Liberation.Notes.S01E11.1080p.WEB-DL.mkv");
    make_video(&video);
    let (_bus, address) = private_bus();
    let script = format!("--script={MPRIS_PLUGIN}");
    let _mpv = headless_mpv(
        &video,
        None,
        2892,
        &[script.as_str()],
        &[("DBUS_SESSION_BUS_ADDRESS", &address)],
    );
    let conn = mpris::connect(Some(&address)).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let playing = loop {
        match mpris::now_playing(&conn) {
            // Until mpv has finished its seek to --start, it reports where it was.
            Ok(p) if p.position_ms >= 2_891_000 => break p,
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
