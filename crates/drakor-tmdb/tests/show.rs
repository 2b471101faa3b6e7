//! Reading a whole show into the core's ShowInfo, against the fake TMDB.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use drakor_testkit::tmdb::{FakeTmdb, GOBLIN, LIBERATION_NOTES, REED_FIELD, SQUID_GAME, TOKEN};
use drakor_tmdb::{Client, Config, TmdbError};

fn client(fake: &FakeTmdb) -> Client {
    Client::new(Config::new(fake.url(), TOKEN))
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn goblin_maps_to_a_show_info_with_its_hangul_title_network_and_imdb_id() {
    let fake = FakeTmdb::start();
    let show = client(&fake).show(GOBLIN).unwrap();
    let info = &show.info;
    assert_eq!(info.tmdb_id, GOBLIN);
    assert_eq!(info.imdb_id.as_deref(), Some("tt5994346"));
    assert_eq!(info.name, "Guardian: The Lonely and Great God");
    assert_eq!(
        info.original_name.as_deref(),
        Some("쓸쓸하고 찬란하神-도깨비")
    );
    assert_eq!(info.first_air_date, day(2016, 12, 2));
    assert_eq!(info.origin_country.as_deref(), Some("KR"));
    assert_eq!(info.network.as_deref(), Some("tvN"));
    assert_eq!(show.poster_path.as_deref(), Some("/goblin.jpg"));
    assert_eq!(show.episode_count, 16);
    assert!(!show.in_production);
    assert_eq!(info.regular_episodes(), 16);
    let specials: Vec<_> = info.episodes.iter().filter(|e| e.season == 0).collect();
    assert_eq!(specials.len(), 2);
    let first = &info.episodes[2];
    assert_eq!((first.season, first.number), (1, 1));
    assert_eq!(first.title.as_deref(), Some("The Sword in His Chest"));
    assert_eq!(first.runtime_min, Some(80));
    assert_eq!(first.air_date, day(2016, 12, 2));
    let last = info.episodes.last().unwrap();
    assert_eq!(
        (last.season, last.number, last.runtime_min),
        (1, 16, Some(90))
    );
    assert_eq!(last.air_date, day(2017, 1, 21));
}

#[test]
fn an_episode_without_a_runtime_takes_the_shows_usual_runtime() {
    let fake = FakeTmdb::start();
    let show = client(&fake).show(GOBLIN).unwrap();
    let seventh = show
        .info
        .episodes
        .iter()
        .find(|e| e.season == 1 && e.number == 7);
    // TMDB has `"runtime": null` for it; the show's episode_run_time is [80].
    assert_eq!(seventh.unwrap().runtime_min, Some(80));
    let eighth = show
        .info
        .episodes
        .iter()
        .find(|e| e.season == 1 && e.number == 8);
    assert_eq!(eighth.unwrap().runtime_min, Some(83));
}

#[test]
fn every_season_and_the_ids_are_asked_once() {
    let fake = FakeTmdb::start();
    client(&fake).show(GOBLIN).unwrap();
    let paths: Vec<String> = fake
        .requests()
        .iter()
        .map(|r| r.split('?').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "/3/tv/67915",
            "/3/tv/67915/external_ids",
            "/3/tv/67915/season/0",
            "/3/tv/67915/season/1",
        ]
    );
}

#[test]
fn squid_game_has_two_seasons_and_a_special_without_an_air_date() {
    let fake = FakeTmdb::start();
    let show = client(&fake).show(SQUID_GAME).unwrap();
    let info = &show.info;
    assert_eq!(info.original_name.as_deref(), Some("오징어 게임"));
    assert_eq!(info.network.as_deref(), Some("Netflix"));
    assert_eq!(info.imdb_id.as_deref(), Some("tt10919420"));
    let count = |season| info.episodes.iter().filter(|e| e.season == season).count();
    assert_eq!((count(0), count(1), count(2)), (1, 9, 7));
    assert_eq!(show.episode_count, 16);
    let special = &info.episodes[0];
    assert_eq!((special.season, special.number), (0, 1));
    assert_eq!(special.air_date, None, "TMDB sends \"\" for it");
    let s2e1 = info
        .episodes
        .iter()
        .find(|e| e.season == 2 && e.number == 1)
        .unwrap();
    assert_eq!(s2e1.title.as_deref(), Some("Bread and Lottery"));
    assert_eq!(s2e1.air_date, day(2024, 12, 26));
}

#[test]
fn my_liberation_notes_airs_on_jtbc_in_sixteen_episodes() {
    let fake = FakeTmdb::start();
    let show = client(&fake).show(LIBERATION_NOTES).unwrap();
    assert_eq!(show.info.original_name.as_deref(), Some("나의 해방일지"));
    assert_eq!(show.info.network.as_deref(), Some("JTBC"));
    assert_eq!(show.info.episodes.len(), 16);
    assert_eq!(show.poster_path.as_deref(), Some("/liberation.jpg"));
}

#[test]
fn a_show_still_airing_has_future_air_dates_and_no_imdb_id_yet() {
    let fake = FakeTmdb::start();
    let show = client(&fake).show(REED_FIELD).unwrap();
    assert!(show.in_production);
    assert_eq!(show.info.imdb_id, None);
    assert_eq!(show.episode_count, 12);
    let in_2027 = show
        .info
        .episodes
        .iter()
        .filter(|e| e.air_date >= day(2027, 1, 1));
    assert_eq!(in_2027.count(), 4);
    let last = show.info.episodes.last().unwrap();
    assert_eq!(last.title, None, "TMDB sends an empty name");
    assert_eq!(last.runtime_min, Some(65), "the show's usual runtime");
}

#[test]
fn a_show_set_airing_lists_only_its_aired_episodes() {
    let fake = FakeTmdb::start();
    fake.set_airing_episodes(SQUID_GAME, 11);
    let show = client(&fake).show(SQUID_GAME).unwrap();
    let count = |season| {
        show.info
            .episodes
            .iter()
            .filter(|e| e.season == season)
            .count()
    };
    assert_eq!((count(0), count(1), count(2)), (1, 9, 2));
    assert_eq!(show.episode_count, 11);
    assert!(show.in_production);
}

#[test]
fn an_unknown_id_is_not_found_naming_the_show() {
    let fake = FakeTmdb::start();
    let err = client(&fake).show(999).unwrap_err();
    assert!(matches!(err, TmdbError::NotFound { .. }), "{err:?}");
    assert_eq!(err.to_string(), "TMDB has no show 999");
    assert_eq!(err.code(), "not_found");
}

#[test]
fn the_show_info_is_clean_for_the_core() {
    let fake = FakeTmdb::start();
    for id in drakor_testkit::tmdb::SHOWS {
        let show = client(&fake).show(id).unwrap();
        assert_eq!(show.info.cleaned(), show.info, "show {id}");
    }
}
