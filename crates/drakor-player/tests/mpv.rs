//! A real mpv, headless, on a video these tests make with ffmpeg: Drakor
//! reads where it is through its IPC socket, and anything on a socket that
//! is not mpv (or an mpv saying too much) is refused with a clear error.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::time::{Duration, Instant};

use drakor_player::mpv::Mpv;
use drakor_player::playing::PlayerError;
use drakor_testkit::players::{headless_mpv, make_video};

/// Connects once mpv has opened its socket and loaded the file.
fn ask_until_ready(socket: &Path) -> drakor_player::playing::Playing {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let last = Mpv::connect(socket).and_then(|mut mpv| mpv.now_playing());
        match last {
            Ok(playing) => return playing,
            Err(e) if Instant::now() > deadline => panic!("mpv never answered: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

#[test]
fn a_headless_mpv_tells_its_file_and_position_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir
        .path()
        .join("My.Liberation.Notes.S01E11.1080p.WEB-DL.mkv");
    make_video(&video);
    let socket = dir.path().join("mpv.sock");
    let _mpv = headless_mpv(&video, Some(&socket), 2892, &[], &[]);
    let playing = ask_until_ready(&socket);
    assert_eq!(playing.player, "mpv");
    assert!(
        playing.position_ms.abs_diff(2_892_000) <= 1000,
        "at 48:12: {}",
        playing.position_ms
    );
    assert_eq!(playing.file.as_deref(), Some(video.as_path()));
    assert!(
        playing
            .title
            .as_deref()
            .is_some_and(|t| t.contains("S01E11")),
        "{:?}",
        playing.title
    );
}

#[test]
fn a_seek_through_the_socket_moves_mpv() {
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("goblin.ep03.mp4");
    make_video(&video);
    let socket = dir.path().join("mpv.sock");
    let _mpv = headless_mpv(&video, Some(&socket), 10, &[], &[]);
    ask_until_ready(&socket);
    let mut mpv = Mpv::connect(&socket).unwrap();
    mpv.seek(1_500_000).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let at = mpv.now_playing().unwrap().position_ms;
        if at.abs_diff(1_500_000) <= 1000 {
            break;
        }
        assert!(Instant::now() < deadline, "mpv stayed at {at}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn with_no_player_at_all_the_error_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let err = Mpv::connect(&dir.path().join("nothing.sock")).unwrap_err();
    assert!(matches!(err, PlayerError::NotRunning(_)), "{err}");
    assert!(err.to_string().contains("no mpv is listening"), "{err}");
}

#[test]
fn a_plain_file_in_place_of_the_socket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mpv.sock");
    std::fs::write(&path, "not a socket").unwrap();
    let err = Mpv::connect(&path).unwrap_err();
    assert!(err.to_string().contains("it is not a socket"), "{err}");
}

/// A socket that answers every line with `reply`, as something other than
/// mpv (or a misbehaving one) might.
fn fake_player(socket: &Path, reply: Vec<u8>) -> std::thread::JoinHandle<()> {
    let listener = UnixListener::bind(socket).unwrap();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            let mut lines = BufReader::new(stream.try_clone().unwrap());
            let mut out = stream;
            let mut line = String::new();
            while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
                if out.write_all(&reply).is_err() {
                    break;
                }
                line.clear();
            }
        }
    })
}

#[test]
fn a_socket_that_is_not_mpv_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("other.sock");
    let _server = fake_player(&socket, b"SSH-2.0-OpenSSH_9.2\n".to_vec());
    let err = Mpv::connect(&socket).unwrap().now_playing().unwrap_err();
    assert!(err.to_string().contains("its reply is not JSON"), "{err}");
}

#[test]
fn a_player_reporting_a_ten_megabyte_title_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("huge.sock");
    let mut reply = br#"{"request_id":1,"error":"success","data":""#.to_vec();
    reply.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    reply.extend(b"\"}\n");
    let _server = fake_player(&socket, reply);
    let err = Mpv::connect(&socket).unwrap().now_playing().unwrap_err();
    assert!(err.to_string().contains("over 64 KB"), "{err}");
}

#[test]
fn a_hostile_title_comes_back_as_limited_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("hostile.sock");
    let title = format!(
        "<img src=x onerror=alert(1)>\u{1b}[31m{}",
        "가".repeat(5000)
    );
    // Every question gets the same answer: a position, then this title.
    let reply = serde_json::json!({"request_id": 1, "error": "success", "data": title});
    let listener = UnixListener::bind(&socket).unwrap();
    let answers = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut lines = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        let mut line = String::new();
        while lines.read_line(&mut line).is_ok_and(|n| n > 0) {
            let asked: serde_json::Value = serde_json::from_str(&line).unwrap();
            let id = asked["request_id"].clone();
            let data = match asked["command"][1].as_str() {
                Some("time-pos") => serde_json::json!(61.5),
                _ => reply["data"].clone(),
            };
            let answer = serde_json::json!({"request_id": id, "error": "success", "data": data});
            out.write_all(format!("{answer}\n").as_bytes()).unwrap();
            line.clear();
        }
    });
    let playing = Mpv::connect(&socket).unwrap().now_playing().unwrap();
    assert_eq!(playing.position_ms, 61_500);
    let shown = playing.title.unwrap();
    assert_eq!(shown.chars().count(), 1000, "cut to 1,000 characters");
    assert!(
        shown.starts_with("<img src=x onerror=alert(1)>[31m"),
        "control characters are dropped: {shown:.40}"
    );
    drop(answers);
}
