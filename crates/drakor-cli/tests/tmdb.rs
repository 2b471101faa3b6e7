//! `drakor lookup`, `add --tmdb`, `edit --tmdb` and `refresh`, run as a
//! process against a local server that answers as TMDB does. The network is
//! never reached, the token never lands in the library or an export, and
//! every failure leaves the library as it was.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TempLibrary, expect_failure};
use drakor_testkit::tmdb::{FakeTmdb, TOKEN};
use serde_json::Value;

const GOBLIN: &str = "67915";

/// `drakor` against `server`, with the test token.
fn with_tmdb(lib: &TempLibrary, server: &FakeTmdb) -> assert_cmd::Command {
    let mut cmd = lib.cmd();
    cmd.env("DRAKOR_TMDB_URL", server.url())
        .env("DRAKOR_TMDB_TOKEN", TOKEN);
    cmd
}

fn run(lib: &TempLibrary, server: &FakeTmdb, args: &[&str]) -> String {
    let output = with_tmdb(lib, server).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "drakor {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn goblin(lib: &TempLibrary) -> Value {
    let shown = lib.run(&["show", "Guardian", "--json"]);
    serde_json::from_str(&shown).unwrap()
}

#[test]
fn a_hangul_lookup_lists_goblin_with_its_tmdb_id() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    let out = run(&lib, &server, &["lookup", "도깨비"]);
    assert!(out.contains("67915"), "{out}");
    assert!(out.contains("쓸쓸하고 찬란하神-도깨비"), "{out}");
    let json: Value =
        serde_json::from_str(&run(&lib, &server, &["lookup", "도깨비", "--json"])).unwrap();
    let first = &json[0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "tmdb_id",
        "name",
        "original_name",
        "first_air_date",
        "origin_country",
    ] {
        assert!(keys.contains(&key), "{key} missing from {first}");
    }
    assert_eq!(first["tmdb_id"], 67915);
    assert!(!lib.db.exists(), "a lookup opens no library");
}

#[test]
fn adding_by_tmdb_id_fills_titles_episodes_runtimes_and_the_poster() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    let out = run(
        &lib,
        &server,
        &["add", "--tmdb", GOBLIN, "--status", "watching"],
    );
    assert!(
        out.starts_with("added \"Guardian: The Lonely and Great God\""),
        "{out}"
    );
    let drama = goblin(&lib);
    assert_eq!(drama["original_title"], "쓸쓸하고 찬란하神-도깨비");
    assert_eq!(drama["network"], "tvN");
    assert_eq!(drama["status"], "watching", "a flag given wins over TMDB");
    assert_eq!(drama["total_episodes"], 16);
    let episodes = drama["episodes"].as_array().unwrap();
    let regular: Vec<&Value> = episodes.iter().filter(|e| e["season"] == 1).collect();
    assert_eq!(regular.len(), 16);
    assert!(
        regular
            .iter()
            .all(|e| e["title"].is_string() && e["runtime_min"].is_u64())
    );
    assert!(lib.path("posters/67915.jpg").is_file());

    // The same id again finds the drama already there.
    let again = run(&lib, &server, &["add", "--tmdb", GOBLIN]);
    assert!(again.contains("already in the library"), "{again}");
    assert_eq!(lib.run(&["list", "--json"]).matches("\"id\"").count(), 1);
    let posters = server
        .requests()
        .iter()
        .filter(|r| r.contains("/t/p/"))
        .count();
    assert_eq!(posters, 1, "the poster is downloaded once");
}

#[test]
fn the_token_is_never_written_to_the_library_or_an_export() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    run(&lib, &server, &["add", "--tmdb", GOBLIN]);
    let export = lib.run(&["export"]);
    assert!(!export.contains(TOKEN));
    let bytes = std::fs::read(&lib.db).unwrap();
    let needle = TOKEN.as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    assert!(
        server
            .authorizations()
            .iter()
            .all(|a| a == &format!("Bearer {TOKEN}"))
    );
}

#[test]
fn a_refresh_adds_new_episodes_keeps_user_edits_and_changes_nothing_twice() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    server.set_airing_episodes(67915, 8);
    run(&lib, &server, &["add", "--tmdb", GOBLIN]);
    lib.run(&[
        "episode",
        "Guardian",
        "2",
        "--title",
        "My title",
        "--runtime",
        "61",
    ]);
    lib.run(&["edit", "Guardian", "--network", "tvN / Netflix"]);
    server.set_airing_episodes(67915, 16);

    let out = run(&lib, &server, &["refresh", "Guardian"]);
    assert!(out.contains("8 episodes added"), "{out}");
    let drama = goblin(&lib);
    assert_eq!(drama["network"], "tvN / Netflix");
    let e2 = drama["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["season"] == 1 && e["number"] == 2)
        .unwrap()
        .clone();
    assert_eq!(
        (e2["title"].as_str(), e2["runtime_min"].as_u64()),
        (Some("My title"), Some(61))
    );

    let before = lib.dramas();
    let again = run(&lib, &server, &["refresh", "--all"]);
    assert!(again.contains("is up to date"), "{again}");
    assert_eq!(lib.dramas(), before, "a second refresh changes nothing");
}

#[test]
fn linking_an_existing_drama_fills_it_without_replacing_what_was_typed() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    lib.run(&[
        "add",
        "Goblin",
        "--year",
        "2016",
        "--notes",
        "Rewatch every winter",
    ]);
    let out = run(&lib, &server, &["edit", "Goblin", "--tmdb", GOBLIN]);
    assert!(out.contains("updated \"Goblin\" from TMDB"), "{out}");
    let shown: Value = serde_json::from_str(&lib.run(&["show", "Goblin", "--json"])).unwrap();
    assert_eq!(shown["title"], "Goblin");
    assert_eq!(shown["notes"], "Rewatch every winter");
    assert_eq!(shown["original_title"], "쓸쓸하고 찬란하神-도깨비");
    assert_eq!(shown["external_ids"]["tmdb"], 67915);
}

#[test]
fn a_429_is_waited_out_and_the_add_goes_through() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    server.answer_429_once(1);
    run(&lib, &server, &["add", "--tmdb", GOBLIN]);
    assert_eq!(goblin(&lib)["total_episodes"], 16);
}

#[test]
fn every_failure_names_its_cause_in_one_line_and_changes_nothing() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    lib.run(&["add", "Goblin"]);
    let before = lib.dramas();

    let output = with_tmdb(&lib, &server)
        .env("DRAKOR_TMDB_TOKEN", "wrong-token")
        .args(["add", "--tmdb", GOBLIN])
        .output()
        .unwrap();
    let err = expect_failure(&output, 1, &["add"]);
    assert!(
        err.contains("refused the token (401)") && !err.contains("wrong-token"),
        "{err}"
    );

    let output = with_tmdb(&lib, &server)
        .args(["refresh", "Goblin"])
        .output()
        .unwrap();
    let err = expect_failure(&output, 1, &["refresh"]);
    assert!(err.contains("not linked to TMDB"), "{err}");

    let output = with_tmdb(&lib, &server)
        .args(["add", "--tmdb", "999999"])
        .output()
        .unwrap();
    let err = expect_failure(&output, 1, &["add"]);
    assert!(err.contains("TMDB has no show 999999"), "{err}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let output = lib
        .cmd()
        .env("DRAKOR_TMDB_URL", format!("http://127.0.0.1:{port}/3"))
        .env("DRAKOR_TMDB_TOKEN", TOKEN)
        .args(["edit", "Goblin", "--tmdb", GOBLIN, "--rating", "9"])
        .output()
        .unwrap();
    let err = expect_failure(&output, 1, &["edit"]);
    assert!(err.contains("could not be reached"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    assert_eq!(lib.dramas(), before, "no failure changed the library");
}

#[test]
fn without_a_token_a_titled_add_still_works_and_keeps_the_tmdb_id() {
    let lib = TempLibrary::new();
    let output = lib
        .cmd()
        .args(["add", "Goblin", "--tmdb", GOBLIN])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no TMDB token"));
    let shown: Value = serde_json::from_str(&lib.run(&["show", "Goblin", "--json"])).unwrap();
    assert_eq!(shown["external_ids"]["tmdb"], 67915);
    let err = lib.fail(&["add", "--tmdb", GOBLIN], 1);
    assert!(err.contains("no TMDB token"), "{err}");
    let err = lib.fail(&["lookup", "goblin"], 1);
    assert!(err.contains("DRAKOR_TMDB_TOKEN"), "{err}");
}

#[test]
fn a_field_cleared_while_linking_stays_cleared() {
    let (lib, server) = (TempLibrary::new(), FakeTmdb::start());
    lib.run(&["add", "Goblin", "--network", "tvN"]);
    run(
        &lib,
        &server,
        &["edit", "Goblin", "--tmdb", GOBLIN, "--network", ""],
    );
    let shown: Value = serde_json::from_str(&lib.run(&["show", "Goblin", "--json"])).unwrap();
    assert_eq!(shown["network"], Value::Null);
    assert_eq!(shown["year"], 2016);
    let err = lib.fail(&["add", "Goblin copy", "--tmdb", GOBLIN], 1);
    assert!(err.contains("already linked to Goblin"), "{err}");
}
