//! Searching TMDB for a show by name, against the fake TMDB.

#![allow(clippy::unwrap_used)]

use drakor_testkit::tmdb::{FakeTmdb, GOBLIN, LIBERATION_NOTES, TOKEN};
use drakor_tmdb::{Client, Config};

fn client(fake: &FakeTmdb) -> Client {
    Client::new(Config::new(fake.url(), TOKEN))
}

#[test]
fn a_hangul_search_finds_goblin() {
    let fake = FakeTmdb::start();
    let found = client(&fake).search("도깨비", None).unwrap();
    assert_eq!(found.len(), 1);
    let goblin = &found[0];
    assert_eq!(goblin.tmdb_id, GOBLIN);
    assert_eq!(goblin.name, "Guardian: The Lonely and Great God");
    assert_eq!(goblin.original_name, "쓸쓸하고 찬란하神-도깨비");
    assert_eq!(goblin.first_air_date.as_deref(), Some("2016-12-02"));
    assert_eq!(goblin.origin_country, ["KR"]);
    assert_eq!(goblin.poster_path.as_deref(), Some("/goblin.jpg"));
    assert!(goblin.overview.contains("939 years"));
    // The query went out percent-encoded, with the language.
    let asked = fake.requests();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].starts_with("/3/search/tv?"), "{asked:?}");
    assert!(
        asked[0].contains("query=%EB%8F%84%EA%B9%A8%EB%B9%84"),
        "{asked:?}"
    );
    assert!(asked[0].contains("language=en-US"), "{asked:?}");
}

#[test]
fn an_english_search_ignores_case_and_finds_alternative_titles() {
    let fake = FakeTmdb::start();
    let client = client(&fake);
    let ids = |query: &str| -> Vec<u64> {
        let found = client.search(query, None).unwrap();
        found.iter().map(|m| m.tmdb_id).collect()
    };
    assert_eq!(ids("goblin"), [GOBLIN]);
    assert_eq!(ids("LIBERATION notes"), [LIBERATION_NOTES]);
    assert_eq!(ids("나의 해방"), [LIBERATION_NOTES]);
    assert!(ids("no such drama").is_empty());
}

#[test]
fn a_year_keeps_only_shows_first_aired_that_year() {
    let fake = FakeTmdb::start();
    let client = client(&fake);
    assert_eq!(client.search("goblin", Some(2016)).unwrap().len(), 1);
    assert!(client.search("goblin", Some(2017)).unwrap().is_empty());
    let asked = fake.requests();
    assert!(asked[1].contains("first_air_date_year=2017"), "{asked:?}");
}

#[test]
fn a_blank_search_finds_nothing_without_asking() {
    let fake = FakeTmdb::start();
    assert!(client(&fake).search("  ", None).unwrap().is_empty());
    assert!(fake.requests().is_empty());
}

#[test]
fn a_match_serializes_with_the_documented_keys_in_order() {
    let fake = FakeTmdb::start();
    let found = client(&fake).search("오징어", None).unwrap();
    let json = serde_json::to_string(&found[0]).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected = [
        "tmdb_id",
        "name",
        "original_name",
        "first_air_date",
        "origin_country",
        "overview",
        "poster_path",
    ];
    // serde_json's map is sorted, so the order is checked on the text.
    let mut sorted = expected.to_vec();
    sorted.sort_unstable();
    assert_eq!(keys, sorted);
    let positions: Vec<usize> = expected
        .iter()
        .map(|k| json.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.is_sorted(), "{json}");
    assert!(json.starts_with(r#"{"tmdb_id":93405,"name":"Squid Game","original_name":"오징어 게임","first_air_date":"2021-09-17","origin_country":["KR"],"#), "{json}");
}

#[test]
fn a_missing_first_air_date_serializes_as_null() {
    let m = drakor_tmdb::Match {
        tmdb_id: 1,
        name: "A".into(),
        original_name: "에이".into(),
        first_air_date: None,
        origin_country: vec![],
        overview: String::new(),
        poster_path: None,
    };
    let json = serde_json::to_value(&m).unwrap();
    assert!(json["first_air_date"].is_null());
    assert!(json["poster_path"].is_null());
}
