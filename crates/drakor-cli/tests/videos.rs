//! `drakor link` and `drakor play`, run as processes: a folder of episode
//! files linked to a drama, and a scene played where it starts, in a real
//! mpv where one is asked for.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::TempLibrary;
use drakor_testkit::players::{ask, headless_mpv, make_video, private_bus};
use serde_json::{Value, json};

/// A library with Goblin (16 episodes) and a folder holding some of its
/// episodes under release names, a stray, and two files for episode 2.
fn goblin_with_folder() -> (TempLibrary, std::path::PathBuf) {
    let lib = TempLibrary::new();
    lib.run(&["add", "Goblin", "--original", "도깨비", "--episodes", "16"]);
    let folder = lib.path("videos/Goblin (2016)");
    std::fs::create_dir_all(&folder).unwrap();
    for name in [
        "Goblin.S01E01.1080p.WEB-DL.x265.mkv",
        "[Group] Goblin - 03 [1080p][A1B2C3D4].mkv",
        "도깨비 11화.mp4",
        "Goblin.S01E02.720p.mkv",
        "Goblin.S01E02.1080p.mkv",
        "Goblin OST.mp4",
        "Goblin.S01E01.srt",
    ] {
        std::fs::write(folder.join(name), b"").unwrap();
    }
    (lib, folder)
}

#[test]
fn linking_a_folder_prints_each_match_and_lists_what_it_did_not_guess() {
    let (lib, folder) = goblin_with_folder();
    let out = lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    assert!(out.starts_with("Goblin: 3 episode files in "), "{out}");
    assert!(
        out.contains("E1       Goblin.S01E01.1080p.WEB-DL.x265.mkv"),
        "{out}"
    );
    assert!(
        out.contains("E3       [Group] Goblin - 03 [1080p][A1B2C3D4].mkv"),
        "{out}"
    );
    assert!(out.contains("E11      도깨비 11화.mp4"), "{out}");
    assert!(
        out.contains("two files for E2, so neither is linked (set one with --episode 2)"),
        "{out}"
    );
    assert!(
        out.contains("no episode in the name of:\n    Goblin OST.mp4"),
        "{out}"
    );
    assert!(!out.contains(".srt"), "{out}");

    let shown: Value =
        serde_json::from_str(&lib.run(&["link", "goblin", "--show", "--json"])).unwrap();
    assert_eq!(shown["files"].as_array().unwrap().len(), 3);
    assert_eq!(
        shown["files"][0],
        json!({"season": 1, "episode": 1, "file": "Goblin.S01E01.1080p.WEB-DL.x265.mkv", "by_hand": false})
    );
}

#[test]
fn a_file_set_by_hand_is_kept_when_the_moved_folder_is_linked_again() {
    let (lib, folder) = goblin_with_folder();
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    lib.run(&[
        "link",
        "goblin",
        "--episode",
        "2",
        "Goblin.S01E02.1080p.mkv",
    ]);
    let moved = lib.path("elsewhere");
    std::fs::rename(&folder, &moved).unwrap();
    let out = lib.run(&["link", "goblin", moved.to_str().unwrap()]);
    assert!(out.starts_with("Goblin: 4 episode files in "), "{out}");
    assert!(
        out.contains("E2       Goblin.S01E02.1080p.mkv  (set by hand)"),
        "{out}"
    );
}

#[test]
fn a_file_set_by_hand_must_be_in_the_folder() {
    let (lib, folder) = goblin_with_folder();
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let err = lib.fail(&["link", "goblin", "--episode", "5", "Goblin E05.mkv"], 1);
    assert!(err.contains("there is no file Goblin E05.mkv in"), "{err}");
    let err = lib.fail(&["link", "goblin", "--episode", "5", "/etc/passwd"], 1);
    assert!(err.contains("is not inside Goblin's folder"), "{err}");
}

fn add_scene(lib: &TempLibrary, episode: &str, at: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "scene",
        "add",
        "goblin",
        "--episode",
        episode,
        "--at",
        at,
        "--title",
        "First snow",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    lib.run(&args).trim().to_owned()
}

#[test]
fn play_print_shows_the_mpv_command_at_the_scenes_start() {
    let (lib, folder) = goblin_with_folder();
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let scene = add_scene(&lib, "11", "48:12.5", &[]);
    let out = lib
        .cmd()
        .env("DRAKOR_PLAYER", "mpv")
        .env("DRAKOR_MPV_SOCKET", "/run/drakor-test.sock")
        .args(["play", &scene[..8], "--print"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = folder.canonicalize().unwrap().join("도깨비 11화.mp4");
    assert_eq!(
        printed,
        json!({
            "program": "mpv",
            "args": ["--start=2892.5", "--input-ipc-server=/run/drakor-test.sock", "--", file],
            "file": file,
            "start_ms": 2_892_500,
        })
    );
}

#[test]
fn play_says_what_is_missing_and_how_to_fix_it() {
    let (lib, folder) = goblin_with_folder();
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let unlinked = add_scene(&lib, "7", "10:00", &[]);
    let err = lib.fail(&["play", &unlinked, "--print"], 1);
    assert!(
        err.contains(
            "E7 of Goblin has no video file; link the folder its episodes are in with `drakor link"
        ),
        "{err}"
    );

    let linked = add_scene(&lib, "1", "10:00", &[]);
    std::fs::remove_file(folder.join("Goblin.S01E01.1080p.WEB-DL.x265.mkv")).unwrap();
    let err = lib.fail(&["play", &linked, "--print"], 1);
    assert!(err.contains("the file of E1 of Goblin is missing"), "{err}");
    assert!(
        err.contains("link it again with `drakor link DRAMA DIR`"),
        "{err}"
    );
}

#[test]
fn a_scene_without_a_file_but_with_a_youtube_link_opens_it_at_the_scene() {
    let (lib, _folder) = goblin_with_folder();
    let scene = add_scene(
        &lib,
        "9",
        "1:02:03",
        &[
            "--link",
            "https://www.youtube.com/watch?v=abc|Behind the scenes|behind_the_scenes",
        ],
    );
    let printed: Value = serde_json::from_str(&lib.run(&["play", &scene, "--print"])).unwrap();
    assert_eq!(
        printed["file"],
        "https://www.youtube.com/watch?v=abc&t=3723"
    );
    assert_eq!(printed["start_ms"], 3_723_000);
}

#[test]
fn play_starts_a_real_mpv_at_the_scenes_start() {
    let (lib, folder) = goblin_with_folder();
    make_video(&folder.join("도깨비 11화.mp4"));
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let scene = add_scene(&lib, "11", "48:12", &[]);
    // No window, no sound, paused where it starts: what the test sees.
    let config = lib.path("mpv-config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("mpv.conf"), "vo=null\nao=null\npause=yes\n").unwrap();
    let socket = lib.path("mpv.sock");
    let out = lib
        .cmd()
        .env("DRAKOR_PLAYER", "mpv")
        .env("DRAKOR_MPV_SOCKET", &socket)
        .env("MPV_HOME", &config)
        .args(["play", &scene])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("playing E11 of Goblin from 48:12 with mpv"),
        "{said}"
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    let position = loop {
        if let Some(at) = ask(&socket, json!(["get_property", "time-pos"])).and_then(|v| v.as_f64())
        {
            break at;
        }
        assert!(
            Instant::now() < deadline,
            "mpv never answered on {}",
            socket.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    ask(&socket, json!(["quit"]));
    assert!((position - 2892.0).abs() <= 1.0, "mpv is at {position} s");
}

fn now_json(lib: &TempLibrary, socket: &Path) -> Value {
    let out = lib
        .cmd()
        .env("DRAKOR_MPV_SOCKET", socket)
        .args(["now", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn now_tells_the_linked_episode_a_real_mpv_plays_and_where() {
    let (lib, folder) = goblin_with_folder();
    let video = folder.join("[Group] Goblin - 03 [1080p][A1B2C3D4].mkv");
    make_video(&video);
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let socket = lib.path("mpv.sock");
    let _mpv = headless_mpv(&video, Some(&socket), 2892, &[], &[]);
    let now = now_json(&lib, &socket);
    assert_eq!(now["player"], "mpv");
    assert_eq!(now["drama_title"], "Goblin");
    assert_eq!(now["season"], 1);
    assert_eq!(now["episode"], 3);
    let at = now["position_ms"].as_u64().unwrap();
    assert!(at.abs_diff(2_892_000) <= 1000, "{now}");
    assert_eq!(now["file"], json!(video.canonicalize().unwrap()));
}

#[test]
fn now_finds_an_unlinked_file_by_the_dramas_title_in_it() {
    let lib = TempLibrary::new();
    lib.run(&[
        "add",
        "My Liberation Notes",
        "--original",
        "나의 해방일지",
        "--episodes",
        "16",
    ]);
    let video = lib.path("나의 해방일지 11화.mkv");
    make_video(&video);
    let socket = lib.path("mpv.sock");
    let _mpv = headless_mpv(&video, Some(&socket), 60, &[], &[]);
    let now = now_json(&lib, &socket);
    assert_eq!(now["drama_title"], "My Liberation Notes");
    assert_eq!(now["episode"], 11);
    assert!(now["drama_id"].is_string(), "{now}");
}

#[test]
fn now_with_no_player_running_says_so_in_one_line() {
    let lib = TempLibrary::new();
    let output = lib
        .cmd()
        .env("DRAKOR_MPV_SOCKET", lib.path("nobody.sock"))
        .args(["now"])
        .output()
        .unwrap();
    let err = common::expect_failure(&output, 1, &["now"]);
    assert!(
        err.contains("no player to ask: no mpv is listening at"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

fn add_now(lib: &TempLibrary, socket: &Path, args: &[&str]) -> std::process::Output {
    lib.cmd()
        .env("DRAKOR_MPV_SOCKET", socket)
        .args(["scene", "add", "--now"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn scene_add_now_bookmarks_the_moment_a_real_mpv_is_at() {
    let (lib, folder) = goblin_with_folder();
    let video = folder.join("도깨비 11화.mp4");
    make_video(&video);
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let socket = lib.path("mpv.sock");
    let _mpv = headless_mpv(&video, Some(&socket), 2892, &[], &[]);

    let out = add_now(&lib, &socket, &["--tag", "kiss"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.starts_with("added scene \"Untitled\" at 48:12 in episode 11"),
        "{said}"
    );

    // An explicit episode (and title) wins over the player's.
    let out = add_now(
        &lib,
        &socket,
        &["goblin", "--episode", "5", "--title", "Rain"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scenes = &lib.dramas()[0]["scenes"];
    let scenes: Vec<(u64, String, String)> = scenes
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["episode"].as_u64().unwrap(),
                s["start"].as_str().unwrap().to_owned(),
                s["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        scenes.contains(&(11, "00:48:12".to_owned(), "Untitled".to_owned())),
        "{scenes:?}"
    );
    assert!(
        scenes.contains(&(5, "00:48:12".to_owned(), "Rain".to_owned())),
        "{scenes:?}"
    );
    let listed: Value =
        serde_json::from_str(&lib.run(&["scene", "list", "--untitled", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    let dramas = lib.dramas();
    let untitled = dramas[0]["scenes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Untitled")
        .unwrap();
    assert_eq!(untitled["tags"], json!(["kiss"]));
}

#[test]
fn scene_add_now_with_nothing_playing_writes_nothing() {
    let (lib, _folder) = goblin_with_folder();
    let out = add_now(&lib, &lib.path("nobody.sock"), &[]);
    let err = common::expect_failure(&out, 1, &["scene", "add", "--now"]);
    assert!(err.contains("no player to ask"), "{err}");
    assert_eq!(lib.dramas()[0]["scenes"], json!([]));
}

#[test]
fn now_asks_an_mpris_player_on_the_session_bus_when_no_mpv_socket_answers() {
    let (lib, folder) = goblin_with_folder();
    let video = folder.join("Goblin.S01E01.1080p.WEB-DL.x265.mkv");
    make_video(&video);
    lib.run(&["link", "goblin", folder.to_str().unwrap()]);
    let (_bus, address) = private_bus();
    let _mpv = headless_mpv(
        &video,
        None,
        600,
        &["--script=/usr/lib/mpv-mpris/mpris.so"],
        &[("DBUS_SESSION_BUS_ADDRESS", &address)],
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let now = loop {
        let out = lib
            .cmd()
            .env("DRAKOR_MPV_SOCKET", lib.path("no-mpv-here.sock"))
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .args(["now", "--json"])
            .output()
            .unwrap();
        if out.status.success() {
            let now: Value = serde_json::from_slice(&out.stdout).unwrap();
            // Until mpv has finished its seek to --start, it reports where it was.
            if now["position_ms"].as_u64().is_some_and(|at| at >= 599_000) {
                break now;
            }
        }
        assert!(
            Instant::now() < deadline,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(
        now["player"].as_str().unwrap().starts_with("mpris:mpv"),
        "{now}"
    );
    assert_eq!(now["drama_title"], "Goblin");
    assert_eq!(now["episode"], 1);
    assert!(
        now["position_ms"].as_u64().unwrap().abs_diff(600_000) <= 1000,
        "{now}"
    );
}
