//! Posters on disk, against the fake TMDB's image server.

#![allow(clippy::unwrap_used)]

use drakor_testkit::fixtures::names_in;
use drakor_testkit::tmdb::{FakeTmdb, GOBLIN, LIBERATION_NOTES, TOKEN};
use drakor_tmdb::{Client, Config, TmdbError, poster_file};

fn client(fake: &FakeTmdb) -> Client {
    Client::new(Config::new(fake.url(), TOKEN))
}

fn count(fake: &FakeTmdb, prefix: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.starts_with(prefix))
        .count()
}

#[test]
fn a_poster_is_downloaded_once_into_the_folder_under_the_shows_id() {
    let fake = FakeTmdb::start();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("posters");
    let client = client(&fake);
    let path = client
        .download_poster(GOBLIN, "/goblin.jpg", &folder)
        .unwrap();
    assert_eq!(path, folder.join("67915.jpg"));
    assert_eq!(path, poster_file(&folder, GOBLIN));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.len() > 10_000);
    assert_eq!(names_in(&folder), ["67915.jpg"], "no temporary file left");
    assert_eq!(count(&fake, "/t/p/w342/goblin.jpg"), 1);

    let asked = fake.requests().len();
    let again = client
        .download_poster(GOBLIN, "/goblin.jpg", &folder)
        .unwrap();
    assert_eq!(again, path);
    assert_eq!(
        fake.requests().len(),
        asked,
        "the second call asked nothing"
    );
}

#[test]
fn the_configuration_is_asked_once_per_client_even_for_two_posters() {
    let fake = FakeTmdb::start();
    let dir = tempfile::tempdir().unwrap();
    let client = client(&fake);
    client
        .download_poster(GOBLIN, "/goblin.jpg", dir.path())
        .unwrap();
    client
        .download_poster(LIBERATION_NOTES, "/liberation.jpg", dir.path())
        .unwrap();
    assert_eq!(count(&fake, "/3/configuration"), 1);
    assert_eq!(names_in(dir.path()), ["135157.jpg", "67915.jpg"]);
    assert_eq!(
        client.image_base().unwrap(),
        fake.url().replace("/3", "/t/p/")
    );
    assert_eq!(count(&fake, "/3/configuration"), 1);
}

#[test]
fn the_image_server_is_not_sent_the_token() {
    let fake = FakeTmdb::start();
    let dir = tempfile::tempdir().unwrap();
    client(&fake)
        .download_poster(GOBLIN, "/goblin.jpg", dir.path())
        .unwrap();
    // One Authorization header: /configuration's; none with the image.
    assert_eq!(fake.authorizations().len(), 1);
    assert_eq!(fake.requests().len(), 2);
}

#[test]
fn a_body_that_is_not_a_jpeg_is_refused_and_leaves_no_file() {
    let fake = FakeTmdb::start();
    fake.serve_image(
        "portal.jpg",
        b"<html>Log in to the hotel Wi-Fi</html>".to_vec(),
    );
    let dir = tempfile::tempdir().unwrap();
    let err = client(&fake)
        .download_poster(GOBLIN, "/portal.jpg", dir.path())
        .unwrap_err();
    assert!(matches!(err, TmdbError::BadResponse { .. }), "{err:?}");
    assert!(err.to_string().ends_with("it is not a JPEG image"), "{err}");
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_poster_over_ten_megabytes_is_refused() {
    let fake = FakeTmdb::start();
    let mut huge = vec![0xFF, 0xD8, 0xFF, 0xE0];
    huge.resize(10 * 1024 * 1024 + 1, 0);
    fake.serve_image("huge.jpg", huge);
    let dir = tempfile::tempdir().unwrap();
    let err = client(&fake)
        .download_poster(GOBLIN, "/huge.jpg", dir.path())
        .unwrap_err();
    assert_eq!(err.code(), "bad_response");
    assert!(err.to_string().ends_with("it is over 10 MB"), "{err}");
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn an_unknown_poster_is_not_found_and_an_odd_path_is_refused_unasked() {
    let fake = FakeTmdb::start();
    let dir = tempfile::tempdir().unwrap();
    let client = client(&fake);
    let err = client
        .download_poster(GOBLIN, "/missing.jpg", dir.path())
        .unwrap_err();
    assert_eq!(err.to_string(), "TMDB has no poster /missing.jpg");
    let asked = fake.requests().len();
    let err = client
        .download_poster(GOBLIN, "/../../etc/passwd", dir.path())
        .unwrap_err();
    assert_eq!(err.code(), "bad_response");
    assert_eq!(fake.requests().len(), asked);
}

#[test]
fn a_poster_already_on_disk_needs_no_network_at_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(poster_file(dir.path(), GOBLIN), b"\xFF\xD8\xFFkept").unwrap();
    // Nothing listens at port 1: any request would fail.
    let client = Client::new(Config::new("http://127.0.0.1:1/3", TOKEN));
    let path = client
        .download_poster(GOBLIN, "/goblin.jpg", dir.path())
        .unwrap();
    assert_eq!(std::fs::read(path).unwrap(), b"\xFF\xD8\xFFkept");
}
