//! What a user sees when TMDB is slow, refuses or cannot be reached.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use drakor_testkit::tmdb::{FakeTmdb, GOBLIN, TOKEN};
use drakor_tmdb::{Client, Config, TmdbError};

#[test]
fn a_429_answered_once_is_retried_after_retry_after_and_succeeds() {
    let fake = FakeTmdb::start();
    fake.answer_429_once(1);
    let client = Client::new(Config::new(fake.url(), TOKEN));
    let started = Instant::now();
    let found = client.search("goblin", None).unwrap();
    assert_eq!(found[0].tmdb_id, GOBLIN);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as asked"
    );
    let asked = fake.requests();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert_eq!(asked[0], asked[1], "the same request again");
}

#[test]
fn a_429_with_no_retries_left_is_rate_limited() {
    let fake = FakeTmdb::start();
    fake.answer_429_once(5);
    let mut config = Config::new(fake.url(), TOKEN);
    config.retries = 0;
    let err = Client::new(config).show(GOBLIN).unwrap_err();
    assert!(matches!(err, TmdbError::RateLimited), "{err:?}");
    assert_eq!(err.code(), "rate_limited");
    assert_eq!(fake.requests().len(), 1);
}

#[test]
fn a_429_asking_for_a_long_wait_is_reported_not_retried_early() {
    let fake = FakeTmdb::start();
    fake.answer_429_once(60);
    let err = Client::new(Config::new(fake.url(), TOKEN))
        .search("goblin", None)
        .unwrap_err();
    assert!(matches!(err, TmdbError::RateLimited), "{err:?}");
    assert_eq!(fake.requests().len(), 1, "no retry before the minute is up");
}

#[test]
fn a_wrong_token_is_bad_token_in_one_line_without_the_token() {
    let fake = FakeTmdb::start();
    let token = "not-the-right-token-12345";
    let err = Client::new(Config::new(fake.url(), token))
        .show(GOBLIN)
        .unwrap_err();
    assert!(matches!(err, TmdbError::BadToken), "{err:?}");
    let text = err.to_string();
    assert_eq!(
        text,
        "TMDB refused the token (401): check your read access token"
    );
    assert!(!text.contains(token) && !format!("{err:?}").contains(token));
    assert_eq!(fake.authorizations(), [format!("Bearer {token}")]);
}

#[test]
fn requests_carry_the_token_as_a_bearer_token() {
    let fake = FakeTmdb::start();
    Client::new(Config::new(fake.url(), TOKEN))
        .search("goblin", None)
        .unwrap();
    assert_eq!(fake.authorizations(), [format!("Bearer {TOKEN}")]);
}

#[test]
fn a_closed_port_is_unreachable_with_a_plain_reason() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let config = Config::new(format!("http://127.0.0.1:{port}/3"), TOKEN);
    let err = Client::new(config).search("goblin", None).unwrap_err();
    let TmdbError::Unreachable { host, reason } = &err else {
        panic!("not unreachable: {err:?}");
    };
    assert_eq!(host, &format!("127.0.0.1:{port}"));
    assert_eq!(
        reason,
        "the connection was refused (nothing is listening there)"
    );
    let text = err.to_string();
    assert!(text.starts_with(&format!("TMDB could not be reached at 127.0.0.1:{port}: ")));
    assert!(!text.contains("os error") && !text.contains('\n'), "{text}");
    assert_eq!(err.code(), "unreachable");
}

#[test]
fn debug_output_of_a_client_or_config_never_shows_the_token() {
    let config = Config::new("http://127.0.0.1:1/3", "secret-token-value");
    let client = Client::new(config.clone());
    for text in [
        format!("{config:?}"),
        format!("{client:?}"),
        format!("{client:#?}"),
    ] {
        assert!(!text.contains("secret-token-value"), "{text}");
        assert!(text.contains("<hidden>"), "{text}");
    }
}

#[test]
fn no_token_explains_where_to_get_one() {
    let text = TmdbError::NoToken.to_string();
    assert!(
        text.contains("DRAKOR_TMDB_TOKEN") && text.contains("Settings"),
        "{text}"
    );
    assert!(
        text.contains("https://www.themoviedb.org/settings/api"),
        "{text}"
    );
    assert!(!text.contains('\n'));
}

#[test]
fn a_saved_token_is_used_when_the_environment_has_none() {
    // The tests never set DRAKOR_TMDB_TOKEN; with it set this checks nothing.
    if std::env::var_os(drakor_tmdb::TOKEN_VAR).is_some() {
        return;
    }
    let config = Config::from_env(Some(" saved "), None).unwrap();
    assert_eq!(config.token, "saved");
    assert_eq!(config.language, "en-US");
    assert_eq!(
        Config::token_source(Some("saved")),
        Some(drakor_tmdb::TokenSource::Settings)
    );
    assert_eq!(Config::token_source(None), None);
    assert!(matches!(
        Config::from_env(None, None),
        Err(TmdbError::NoToken)
    ));
}
