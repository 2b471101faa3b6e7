//! Search finds what fans type: Hangul inside compound words, one and two
//! characters, Latin words by their start in any case, every word required;
//! results come in the order of `SearchMatch`; and a library from before
//! (schema version 9) keeps its hits once upgraded.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{
    DramaDraft, EpisodeNotes, Library, SceneDraft, SearchHit, SearchHitKind, SearchMatch,
};
use uuid::Uuid;

fn goblin() -> DramaDraft {
    DramaDraft {
        original_title: Some("쓸쓸하고 찬란하神 - 도깨비".into()),
        total_episodes: Some(16),
        ..DramaDraft::titled("Goblin")
    }
}

fn scene(title: &str) -> SceneDraft {
    SceneDraft {
        title: title.into(),
        tags: Vec::new(),
        notes: String::new(),
        people: Vec::new(),
        links: Vec::new(),
        ..reed_field_kiss()
    }
}

fn found(lib: &Library, words: &str) -> Vec<SearchHit> {
    lib.search(words, 100).unwrap()
}

fn drama_titles(lib: &Library, words: &str) -> Vec<String> {
    found(lib, words)
        .into_iter()
        .filter(|h| h.kind == SearchHitKind::Drama)
        .map(|h| h.drama_title)
        .collect()
}

fn kinds_found(lib: &Library, words: &str) -> Vec<SearchHitKind> {
    found(lib, words).into_iter().map(|h| h.kind).collect()
}

fn finds_scene(lib: &Library, words: &str, id: Uuid) -> bool {
    found(lib, words).iter().any(|h| h.scene_id == Some(id))
}

#[test]
fn hangul_inside_a_compound_title_finds_the_drama() {
    let (_dir, mut lib) = temp_library();
    lib.add_drama(&liberation(), now()).unwrap();
    lib.add_drama(&goblin(), now()).unwrap();
    for (words, title) in [
        ("일지", "My Liberation Notes"),
        ("해방일", "My Liberation Notes"),
        ("방일지", "My Liberation Notes"),
        ("찬란", "Goblin"),
        ("찬란하神", "Goblin"),
        ("깨비", "Goblin"),
    ] {
        assert_eq!(drama_titles(&lib, words), [title], "{words:?}");
    }
    assert!(
        found(&lib, "일기").is_empty(),
        "two characters not in a row"
    );
}

#[test]
fn two_characters_are_found_in_titles_notes_tags_and_people() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&goblin(), now()).unwrap().id;
    let s = |title: &str, change: fn(&mut SceneDraft)| {
        let mut draft = scene(title);
        change(&mut draft);
        draft
    };
    let by_title = lib.add_scene(id, &scene("첫눈 키스"), now()).unwrap().id;
    let by_notes = lib
        .add_scene(
            id,
            &s("Rooftop", |d| d.notes = "여기서 명장면 시작".into()),
            now(),
        )
        .unwrap()
        .id;
    let by_person = lib
        .add_scene(id, &s("Bridge", |d| d.people = vec!["공유".into()]), now())
        .unwrap()
        .id;
    let by_tag = lib
        .add_scene(id, &s("Snow", |d| d.tags = vec!["눈물".into()]), now())
        .unwrap()
        .id;
    assert!(finds_scene(&lib, "첫눈", by_title), "a title's first word");
    assert!(finds_scene(&lib, "키스", by_title), "a title's last word");
    assert!(
        finds_scene(&lib, "장면", by_notes),
        "inside a word of notes"
    );
    assert!(
        finds_scene(&lib, "공유", by_person),
        "a person named by two characters"
    );
    assert!(finds_scene(&lib, "눈물", by_tag), "a tag of two characters");
    assert!(
        finds_scene(&lib, "OF", by_notes),
        "Latin pairs too, in any case"
    );
    assert!(!finds_scene(&lib, "of", by_title));
}

#[test]
fn one_character_finds_dramas_by_their_titles_only() {
    let (_dir, mut lib) = temp_library();
    let liberation = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.add_drama(&goblin(), now()).unwrap();
    let mut noted = scene("Bus stop");
    noted.notes = "해가 진다".into();
    lib.add_scene(liberation, &noted, now()).unwrap();

    let hits = found(&lib, "해");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].drama_title, "My Liberation Notes");
    assert_eq!(hits[0].matched, SearchMatch::DramaTitle);
    assert_eq!(
        hits[0].snippet, "나의 \u{2}해\u{3}방일지",
        "the letter marked"
    );
    assert_eq!(drama_titles(&lib, "G"), ["Goblin"], "any case");
    assert_eq!(
        drama_titles(&lib, "g 깨"),
        ["Goblin"],
        "every letter required"
    );
    assert!(found(&lib, "g 해").is_empty());
}

#[test]
fn latin_words_are_found_by_their_start_in_any_case_and_every_word_is_required() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let kiss = lib.add_scene(id, &reed_field_kiss(), now()).unwrap().id;
    for words in [
        "reed fie",
        "REED FIELD",
        "Ree",
        "fi ki",
        "reed-field",
        "son seok",
    ] {
        assert!(finds_scene(&lib, words, kiss), "{words:?} finds the scene");
    }
    assert!(
        !finds_scene(&lib, "reed goblin", kiss),
        "every word is required"
    );
    assert!(
        finds_scene(&lib, "reed k", kiss),
        "a single letter beside longer words is looked for in what they found"
    );
    assert!(!finds_scene(&lib, "reed z", kiss));
}

#[test]
fn people_in_a_snippet_are_separated_by_commas() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    let [hit] = <[SearchHit; 1]>::try_from(found(&lib, "seok-koo")).unwrap();
    assert_eq!(hit.matched, SearchMatch::TagsOrPeople);
    assert!(
        hit.snippet.starts_with("Kim Ji-won, Son \u{2}Seok\u{3}"),
        "the snippet: {:?}",
        hit.snippet
    );
}

#[test]
fn title_matches_come_first_then_tags_and_people_then_notes() {
    let (_dir, mut lib) = temp_library();
    let noted = lib
        .add_drama(
            &DramaDraft {
                notes: "Watched it in the snow.".into(),
                ..DramaDraft::titled("Reply 1988")
            },
            now(),
        )
        .unwrap()
        .id;
    let mut in_notes = scene("Bus stop");
    in_notes.notes = "The snow starts here.".into();
    lib.add_scene(noted, &in_notes, now()).unwrap();
    let mut tagged = scene("Rooftop");
    tagged.tags = vec!["snow".into()];
    lib.add_scene(noted, &tagged, now()).unwrap();
    lib.add_scene(noted, &scene("First snow"), now()).unwrap();
    let snow = lib
        .add_drama(&DramaDraft::titled("Snowdrop"), now())
        .unwrap()
        .id;
    let episode = EpisodeNotes {
        title: Some("Snow at night".into()),
        ..EpisodeNotes::default()
    };
    lib.annotate_episode(snow, 1, 3, &episode, now()).unwrap();

    let order: Vec<(SearchMatch, SearchHitKind, String)> = found(&lib, "snow")
        .into_iter()
        .map(|h| {
            let name = h.scene_title.or(h.episode_title).unwrap_or(h.drama_title);
            (h.matched, h.kind, name)
        })
        .collect();
    use SearchHitKind::*;
    use SearchMatch::*;
    assert_eq!(order[0], (DramaTitle, Drama, "Snowdrop".into()));
    let titles: Vec<&str> = order[1..3].iter().map(|(_, _, n)| n.as_str()).collect();
    assert!(order[1..3].iter().all(|(m, _, _)| *m == Title), "{order:?}");
    assert!(titles.contains(&"First snow") && titles.contains(&"Snow at night"));
    assert_eq!(order[3], (TagsOrPeople, Scene, "Rooftop".into()));
    assert_eq!(order[4..].len(), 2, "{order:?}");
    assert!(order[4..].iter().all(|(m, _, _)| *m == Notes), "{order:?}");
}

#[test]
fn an_episode_hit_says_which_episode_it_is() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&goblin(), now()).unwrap().id;
    let notes = EpisodeNotes {
        title: Some("The first snow".into()),
        notes: "감나무 아래에서".into(),
        ..EpisodeNotes::default()
    };
    lib.annotate_episode(id, 1, 9, &notes, now()).unwrap();
    for (words, matched) in [
        ("first sn", SearchMatch::Title),
        ("나무", SearchMatch::Notes),
    ] {
        let [hit] = <[SearchHit; 1]>::try_from(found(&lib, words)).unwrap();
        assert_eq!(hit.kind, SearchHitKind::Episode);
        assert_eq!(hit.matched, matched, "{words:?}");
        assert_eq!((hit.season, hit.episode), (Some(1), Some(9)));
        assert_eq!(hit.episode_title.as_deref(), Some("The first snow"));
        assert_eq!(hit.drama_title, "Goblin");
    }
}

/// A library as Drakor wrote it at schema version 9, with its word index:
/// a drama, a scene with a tag and a person, an episode with notes.
fn version_nine_library(path: &std::path::Path) {
    let conn = library_at_version(path, 9);
    conn.execute_batch(
        "INSERT INTO dramas (pk, id, title, original_title, status, notes, created_at, updated_at)
             VALUES (1, '0190a4a0-0000-7000-8000-000000000001', 'My Liberation Notes',
                     '나의 해방일지', 'watching', '', 0, 0);
         INSERT INTO scenes (pk, id, drama_pk, season, episode, start_ms, title, notes,
                             favourite, created_at, updated_at)
             VALUES (1, '0190a4a0-0000-7000-8000-000000000002', 1, 1, 11, 2892000,
                     '갈대밭 키스', 'Filmed at dawn.', 1, 0, 0);
         INSERT INTO scene_tags (scene_pk, tag, position) VALUES (1, 'kiss', 0);
         INSERT INTO scene_people (scene_pk, position, name) VALUES (1, 0, 'Son Seok-koo');
         INSERT INTO episodes (pk, drama_pk, season, number, title, notes)
             VALUES (1, 1, 1, 11, 'Worship', '추앙해요.');
         INSERT INTO drama_search (rowid, title, original_title, notes, tags)
             VALUES (1, 'My Liberation Notes', '나의 해방일지', '', '');
         INSERT INTO scene_search (rowid, title, notes, tags, people)
             VALUES (1, '갈대밭 키스', 'Filmed at dawn.', 'kiss', 'Son Seok-koo');",
    )
    .unwrap();
}

#[test]
fn a_version_nine_library_keeps_its_hits_and_finds_inside_words_once_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drakor.sqlite3");
    version_nine_library(&path);
    let mut lib = Library::open_at(&path, now()).unwrap();
    assert_eq!(
        kinds_found(&lib, "일지"),
        [SearchHitKind::Drama],
        "inside the title"
    );
    assert_eq!(
        kinds_found(&lib, "대밭"),
        [SearchHitKind::Scene],
        "inside the scene's title"
    );
    assert_eq!(kinds_found(&lib, "dawn"), [SearchHitKind::Scene]);
    assert_eq!(kinds_found(&lib, "seok"), [SearchHitKind::Scene]);
    assert_eq!(kinds_found(&lib, "추앙"), [SearchHitKind::Episode]);

    // The upgraded library keeps its index in step like a new one.
    let id = lib.find_drama("liberation").unwrap();
    let notes = EpisodeNotes {
        notes: "Rain instead.".into(),
        ..EpisodeNotes::default()
    };
    lib.annotate_episode(id, 1, 11, &notes, now()).unwrap();
    assert!(kinds_found(&lib, "추앙").is_empty());
    assert_eq!(kinds_found(&lib, "rain"), [SearchHitKind::Episode]);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}
