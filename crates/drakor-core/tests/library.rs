//! The domain API against a real SQLite file: dramas, the watch log, scenes,
//! search and tags.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use drakor_core::{
    DramaDraft, DramaFilter, EpisodeNotes, Error, Link, LinkKind, Page, SceneFilter, SearchHitKind,
    Sort, Status, Unmark,
};

#[test]
fn an_added_drama_comes_back_with_every_field() {
    let (_dir, mut lib) = temp_library();
    let added = lib.add_drama(&liberation(), now()).unwrap();
    let detail = lib.get_drama(added.id).unwrap();
    assert_eq!(detail.drama.fields.title, "My Liberation Notes");
    assert_eq!(
        detail.drama.fields.original_title.as_deref(),
        Some("나의 해방일지")
    );
    assert_eq!(detail.drama.fields.tags, vec!["slice-of-life"]);
    assert_eq!(detail.drama.created_at, now());
    assert_eq!(detail.progress.watched, 0);
    assert_eq!(detail.progress.next_episode, Some(1));
}

#[test]
fn editing_a_drama_replaces_its_fields_and_bumps_updated_at() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let later = at("2026-11-22T10:00:00Z");
    let mut draft = liberation();
    draft.rating = Some(9.5);
    draft.tags = vec!["healing".into()];
    draft.links = vec![Link {
        url: "https://example.com/a".into(),
        label: "Review".into(),
        kind: LinkKind::Article,
    }];
    let edited = lib.update_drama(id, &draft, later).unwrap();
    assert_eq!(edited.fields.rating, Some(9.5));
    assert_eq!(edited.fields.tags, vec!["healing"]);
    assert_eq!(edited.fields.links.len(), 1);
    assert_eq!(edited.created_at, now());
    assert_eq!(edited.updated_at, later);
}

#[test]
fn a_rejected_edit_changes_nothing() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let before = content(&lib);
    let mut draft = liberation();
    draft.title = "   ".into();
    draft.rating = Some(10.5);
    let err = lib.update_drama(id, &draft, now()).unwrap_err();
    assert_eq!(err.code(), "invalid");
    let shown = err.to_string();
    assert!(
        shown.contains("title: must not be empty") && shown.contains("rating:"),
        "{shown}"
    );
    assert_eq!(
        content(&lib),
        before,
        "a refused edit must leave the library as it was"
    );
}

#[test]
fn deleting_a_drama_takes_its_episodes_scenes_and_search_entries_with_it() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.mark_watched(id, 1, &[1, 2, 3], now(), now()).unwrap();
    lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    lib.delete_drama(id).unwrap();
    assert!(matches!(lib.get_drama(id), Err(Error::NotFound { .. })));
    assert!(
        lib.list_scenes(&SceneFilter::default(), Page::ALL)
            .unwrap()
            .scenes
            .is_empty()
    );
    assert!(
        lib.search("reed", 10).unwrap().is_empty(),
        "search must forget deleted scenes"
    );
    assert!(
        lib.search("liberation", 10).unwrap().is_empty(),
        "search must forget deleted dramas"
    );
    assert!(lib.tags().unwrap().is_empty());
}

#[test]
fn marking_a_range_shows_progress_and_the_next_episode() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let change = lib
        .mark_watched(
            id,
            1,
            &drakor_core::parse_episode_set("1-8").unwrap(),
            now(),
            now(),
        )
        .unwrap();
    assert_eq!(change.events, 8);
    let summary = &lib.list_dramas(&DramaFilter::default()).unwrap()[0];
    assert_eq!(
        (summary.progress.watched, summary.progress.total),
        (8, Some(16))
    );
    assert_eq!(summary.progress.next_episode, Some(9));
    assert_eq!(summary.last_watched_at, Some(now()));
}

#[test]
fn the_first_watch_starts_a_planned_drama_and_the_last_completes_it() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let first = lib
        .mark_watched(id, 1, &[1], at("2026-11-01T20:00:00Z"), now())
        .unwrap();
    assert_eq!(first.status, Status::Watching);
    let rest: Vec<u32> = (2..=16).collect();
    let last = lib
        .mark_watched(id, 1, &rest, at("2026-11-10T20:00:00Z"), now())
        .unwrap();
    assert_eq!(last.status, Status::Completed);
    let drama = lib.get_drama(id).unwrap();
    assert_eq!(
        drama.drama.fields.started_on.unwrap().to_string(),
        "2026-11-01"
    );
    assert_eq!(
        drama.drama.fields.finished_on.unwrap().to_string(),
        "2026-11-10"
    );
    assert_eq!(
        drama.progress.next_episode, None,
        "nothing is next after the finale"
    );
}

#[test]
fn marking_a_watched_episode_again_adds_no_event_but_a_rewatch_does() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.mark_watched(id, 1, &[1], at("2026-11-01T20:00:00Z"), now())
        .unwrap();
    let again = lib
        .mark_watched(id, 1, &[1], at("2026-11-02T20:00:00Z"), now())
        .unwrap();
    assert_eq!(again.events, 0);
    let rewatch = lib
        .record_rewatch(id, 1, &[1], at("2026-11-03T20:00:00Z"), now())
        .unwrap();
    assert_eq!(rewatch.events, 1);
    let episode = &lib.get_drama(id).unwrap().episodes[0];
    assert_eq!(
        episode.watched_at,
        vec![at("2026-11-01T20:00:00Z"), at("2026-11-03T20:00:00Z")]
    );
}

#[test]
fn unmarking_removes_the_watch_log_and_the_empty_episode() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.mark_watched(id, 1, &[1, 2, 3], now(), now()).unwrap();
    lib.annotate_episode(
        id,
        1,
        2,
        &EpisodeNotes {
            rating: Some(8.0),
            ..EpisodeNotes::default()
        },
        now(),
    )
    .unwrap();
    let change = lib.unmark_watched(id, 1, &[2, 3], Unmark::All).unwrap();
    assert_eq!(change.events, 2);
    let detail = lib.get_drama(id).unwrap();
    let numbers: Vec<u32> = detail.episodes.iter().map(|e| e.number).collect();
    assert_eq!(
        numbers,
        vec![1, 2],
        "episode 2 keeps its rating, episode 3 had nothing left"
    );
    assert!(detail.episodes[1].watched_at.is_empty());
    assert_eq!(detail.progress.watched, 1);
    assert_eq!(detail.progress.next_episode, Some(2));
}

#[test]
fn marking_past_the_last_episode_is_refused_and_writes_nothing() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let before = content(&lib);
    let err = lib
        .mark_watched(id, 1, &(1..=80).collect::<Vec<_>>(), now(), now())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("episode 80 is past the drama's last episode (16)"),
        "{err}"
    );
    assert_eq!(content(&lib), before);
}

#[test]
fn episode_notes_ratings_and_titles_are_kept() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let notes = EpisodeNotes {
        title: Some("Worship me".into()),
        runtime_min: Some(70),
        rating: Some(9.5),
        notes: "추앙해요.".into(),
    };
    lib.annotate_episode(id, 1, 11, &notes, now()).unwrap();
    let episode = &lib.get_drama(id).unwrap().episodes[0];
    assert_eq!(
        (episode.number, episode.rating, episode.notes.as_str()),
        (11, Some(9.5), "추앙해요.")
    );
    let bad = EpisodeNotes {
        rating: Some(4.2),
        ..EpisodeNotes::default()
    };
    assert!(
        lib.annotate_episode(id, 1, 11, &bad, now())
            .unwrap_err()
            .to_string()
            .starts_with("rating:")
    );
}

#[test]
fn up_next_lists_the_next_episode_of_each_drama_being_watched() {
    let (_dir, mut lib) = temp_library();
    let watching = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.mark_watched(watching, 1, &(1..=8).collect::<Vec<_>>(), now(), now())
        .unwrap();
    let gap = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    lib.mark_watched(gap, 1, &[1, 2, 4], at("2026-11-20T20:00:00Z"), now())
        .unwrap();
    lib.add_drama(&DramaDraft::titled("Crash Landing on You"), now())
        .unwrap();
    let next = lib.up_next().unwrap();
    let shown: Vec<(&str, u32)> = next.iter().map(|n| (n.title.as_str(), n.episode)).collect();
    assert_eq!(
        shown,
        vec![("My Liberation Notes", 9), ("Goblin", 3)],
        "most recently watched first; planned dramas are not listed"
    );
}

#[test]
fn scenes_are_added_edited_listed_by_tag_and_deleted() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let scene = lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    assert_eq!(scene.start.to_string(), "48:12");
    assert_eq!(scene.end.unwrap().to_string(), "49:40");
    assert_eq!(scene.links[0].kind, LinkKind::BehindTheScenes);

    let mut draft = scene.to_draft();
    draft.start = "1:02:03.250".into();
    draft.end = None;
    draft.tags = vec!["confession".into()];
    let edited = lib
        .update_scene(scene.id, &draft, at("2026-11-22T00:00:00Z"))
        .unwrap();
    assert_eq!(edited.start.to_string(), "1:02:03.250");
    assert_eq!(edited.created_at, now());

    let kisses = lib
        .list_scenes(
            &SceneFilter {
                tag: Some("kiss".into()),
                ..SceneFilter::default()
            },
            Page::ALL,
        )
        .unwrap()
        .scenes;
    assert!(kisses.is_empty(), "the edit replaced the kiss tag");
    let confessions = lib
        .list_scenes(
            &SceneFilter {
                tag: Some("Confession".into()),
                ..SceneFilter::default()
            },
            Page::ALL,
        )
        .unwrap()
        .scenes;
    assert_eq!(confessions.len(), 1);
    assert_eq!(confessions[0].drama_title, "My Liberation Notes");

    lib.delete_scene(scene.id).unwrap();
    assert!(matches!(
        lib.get_scene(scene.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn scenes_list_across_dramas_in_episode_and_time_order() {
    let (_dir, mut lib) = temp_library();
    let a = lib.add_drama(&liberation(), now()).unwrap().id;
    let b = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    for (drama, episode, start) in [
        (a, 11, "50:00"),
        (a, 2, "10:00"),
        (a, 11, "48:12"),
        (b, 8, "55:30"),
    ] {
        let draft = drakor_core::SceneDraft {
            episode,
            start: start.into(),
            title: format!("at {start}"),
            tags: vec!["kiss".into()],
            ..drakor_core::SceneDraft::default()
        };
        lib.add_scene(drama, &draft, now()).unwrap();
    }
    let all = lib
        .list_scenes(
            &SceneFilter {
                tag: Some("kiss".into()),
                ..SceneFilter::default()
            },
            Page::ALL,
        )
        .unwrap()
        .scenes;
    let order: Vec<(&str, u32, String)> = all
        .iter()
        .map(|s| {
            (
                s.drama_title.as_str(),
                s.scene.episode,
                s.scene.start.to_string(),
            )
        })
        .collect();
    assert_eq!(
        order,
        vec![
            ("Goblin", 8, "55:30".into()),
            ("My Liberation Notes", 2, "10:00".into()),
            ("My Liberation Notes", 11, "48:12".into()),
            ("My Liberation Notes", 11, "50:00".into()),
        ]
    );
    let only_b = lib
        .list_scenes(
            &SceneFilter {
                drama_id: Some(b),
                ..SceneFilter::default()
            },
            Page::ALL,
        )
        .unwrap()
        .scenes;
    assert_eq!(only_b.len(), 1);
    let detail = lib.get_drama(a).unwrap();
    let starts: Vec<String> = detail.scenes.iter().map(|s| s.start.to_string()).collect();
    assert_eq!(
        starts,
        vec!["10:00", "48:12", "50:00"],
        "a drama's scenes are sorted by episode and time"
    );
}

#[test]
fn a_bad_scene_is_refused_naming_the_field_and_nothing_is_saved() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let before = content(&lib);
    for (change, field) in [
        (
            Box::new(|d: &mut drakor_core::SceneDraft| d.start = "12:75".into())
                as Box<dyn Fn(&mut _)>,
            "start:",
        ),
        (
            Box::new(|d: &mut drakor_core::SceneDraft| d.end = Some("40:00".into())),
            "end:",
        ),
        (
            Box::new(|d: &mut drakor_core::SceneDraft| d.episode = 0),
            "episode:",
        ),
        (
            Box::new(|d: &mut drakor_core::SceneDraft| d.episode = 17),
            "episode:",
        ),
        (
            Box::new(|d: &mut drakor_core::SceneDraft| d.title = String::new()),
            "title:",
        ),
        (
            Box::new(|d: &mut drakor_core::SceneDraft| {
                d.links[0].url = "javascript:alert(1)".into()
            }),
            "links[0].url:",
        ),
    ] {
        let mut draft = reed_field_kiss();
        change(&mut draft);
        let err = lib.add_scene(id, &draft, now()).unwrap_err();
        assert!(
            err.to_string().starts_with(field),
            "expected {field} in {err}"
        );
    }
    assert_eq!(content(&lib), before);
}

#[test]
fn search_finds_dramas_by_hangul_title_and_scenes_by_note_tag_and_person() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let scene = lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    let hits = lib.search("해방", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, SearchHitKind::Drama);
    for word in ["timing", "REED", "reed-field", "Son Seok"] {
        let hits = lib.search(word, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.scene_id == Some(scene.id)),
            "{word:?} should find the scene"
        );
    }
    assert!(
        lib.search("\"unbalanced OR (", 10).is_ok(),
        "search syntax in user text must not fail"
    );
    assert!(lib.search("nothing-like-this", 10).unwrap().is_empty());
}

#[test]
fn search_follows_edits() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    let scene = lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    let mut draft = scene.to_draft();
    draft.notes = "Filmed at dawn".into();
    lib.update_scene(scene.id, &draft, now()).unwrap();
    assert!(
        lib.search("timing", 10).unwrap().is_empty(),
        "old notes must leave the index"
    );
    assert_eq!(lib.search("dawn", 10).unwrap().len(), 1);
}

#[test]
fn the_library_list_filters_by_status_tag_and_text_and_sorts() {
    let (_dir, mut lib) = temp_library();
    let a = lib.add_drama(&liberation(), now()).unwrap().id;
    let mut goblin = DramaDraft::titled("Goblin");
    goblin.rating = Some(8.0);
    goblin.tags = vec!["fantasy".into()];
    let b = lib.add_drama(&goblin, now()).unwrap().id;
    lib.mark_watched(b, 1, &[1], now(), now()).unwrap();
    lib.add_scene(a, &reed_field_kiss(), now()).unwrap();

    let titles = |filter: DramaFilter| -> Vec<String> {
        lib.list_dramas(&filter)
            .unwrap()
            .into_iter()
            .map(|d| d.title)
            .collect()
    };
    assert_eq!(
        titles(DramaFilter {
            status: Some(Status::Watching),
            ..DramaFilter::default()
        }),
        vec!["Goblin"]
    );
    assert_eq!(
        titles(DramaFilter {
            tag: Some("fantasy".into()),
            ..DramaFilter::default()
        }),
        vec!["Goblin"]
    );
    assert_eq!(
        titles(DramaFilter {
            text: Some("timing".into()),
            ..DramaFilter::default()
        }),
        vec!["My Liberation Notes"],
        "text search finds a drama through its scenes"
    );
    assert_eq!(
        titles(DramaFilter {
            sort: Sort::Title,
            ..DramaFilter::default()
        }),
        vec!["Goblin", "My Liberation Notes"]
    );
    assert_eq!(
        titles(DramaFilter {
            sort: Sort::Rating,
            ..DramaFilter::default()
        }),
        vec!["Goblin", "My Liberation Notes"]
    );
    assert_eq!(
        titles(DramaFilter::default())[0],
        "Goblin",
        "recently watched comes first"
    );
}

#[test]
fn dramas_are_found_by_id_title_or_a_unique_part_of_it() {
    let (_dir, mut lib) = temp_library();
    let a = lib.add_drama(&liberation(), now()).unwrap().id;
    let b = lib
        .add_drama(&DramaDraft::titled("My Mister"), now())
        .unwrap()
        .id;
    assert_eq!(lib.find_drama(&a.to_string()).unwrap(), a);
    assert_eq!(lib.find_drama("my mister").unwrap(), b);
    assert_eq!(lib.find_drama("나의 해방일지").unwrap(), a);
    assert_eq!(lib.find_drama("liberation").unwrap(), a);
    assert_eq!(lib.find_drama("My").unwrap_err().code(), "ambiguous");
    assert_eq!(lib.find_drama("Goblin").unwrap_err().code(), "not_found");
}

#[test]
fn tags_are_counted_across_dramas_and_scenes() {
    let (_dir, mut lib) = temp_library();
    let id = lib.add_drama(&liberation(), now()).unwrap().id;
    lib.add_scene(id, &reed_field_kiss(), now()).unwrap();
    let tags = lib.tags().unwrap();
    let kiss = tags.iter().find(|t| t.tag == "kiss").unwrap();
    assert_eq!((kiss.dramas, kiss.scenes), (0, 1));
    assert!(
        tags.iter()
            .any(|t| t.tag == "slice-of-life" && t.dramas == 1)
    );

    let mut second = reed_field_kiss();
    second.start = "10:00".into();
    second.end = None;
    second.tags = vec!["kiss".into(), "slice-of-life".into()];
    lib.add_scene(id, &second, now()).unwrap();
    let order: Vec<(String, u32)> = lib
        .tags()
        .unwrap()
        .into_iter()
        .map(|t| (t.tag, t.dramas + t.scenes))
        .collect();
    let mut expected = order.clone();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(order, expected, "most used first, then by name");
    assert_eq!(order[0], ("kiss".into(), 2));
}

#[test]
fn hostile_text_is_stored_and_returned_literally() {
    let (_dir, mut lib) = temp_library();
    let payloads = [
        "<img src=x onerror=\"document.title='pwned'\">",
        "'); DROP TABLE dramas; --",
        "\u{202E}evil\u{200B}zero-width",
    ];
    for payload in payloads {
        let mut draft = DramaDraft::titled(payload);
        draft.notes = payload.into();
        let id = lib.add_drama(&draft, now()).unwrap().id;
        let back = lib.get_drama(id).unwrap();
        assert_eq!(back.drama.fields.title, payload);
        assert_eq!(back.drama.fields.notes, payload);
    }
    assert_eq!(
        lib.list_dramas(&DramaFilter::default()).unwrap().len(),
        payloads.len()
    );
}

#[test]
fn the_list_and_the_drama_page_agree_on_the_next_episode_for_any_watch_pattern() {
    let (_dir, mut lib) = temp_library();
    let patterns: [&[u32]; 7] = [
        &[],
        &[1],
        &[2, 3],
        &[1, 2, 4],
        &[1, 2, 3],
        &[1, 3, 5, 6],
        &[1, 2, 3, 4, 5, 6, 7, 8],
    ];
    for (i, watched) in patterns.iter().enumerate() {
        let mut draft = DramaDraft::titled(format!("Drama {i}"));
        draft.total_episodes = Some(8);
        let id = lib.add_drama(&draft, now()).unwrap().id;
        if !watched.is_empty() {
            lib.mark_watched(id, 1, watched, now(), now()).unwrap();
        }
    }
    let expected = [Some(1), Some(2), Some(1), Some(3), Some(4), Some(2), None];
    for summary in lib
        .list_dramas(&DramaFilter {
            sort: Sort::Title,
            ..DramaFilter::default()
        })
        .unwrap()
    {
        let i: usize = summary.title.trim_start_matches("Drama ").parse().unwrap();
        let page = lib.get_drama(summary.id).unwrap();
        assert_eq!(
            summary.progress, page.progress,
            "{} ({:?} watched)",
            summary.title, patterns[i]
        );
        assert_eq!(
            summary.progress.next_episode, expected[i],
            "{} ({:?} watched)",
            summary.title, patterns[i]
        );
    }
}

/// Every drama's line in the list says what its page says: progress, scene
/// count and last watch.
fn assert_list_matches_pages(lib: &drakor_core::Library, step: &str) {
    for summary in lib.list_dramas(&DramaFilter::default()).unwrap() {
        let page = lib.get_drama(summary.id).unwrap();
        assert_eq!(summary.progress, page.progress, "{step}: {}", summary.title);
        assert_eq!(
            summary.scene_count as usize,
            page.scenes.len(),
            "{step}: {}",
            summary.title
        );
        let last = page
            .episodes
            .iter()
            .flat_map(|e| e.watched_at.iter().copied())
            .max();
        assert_eq!(summary.last_watched_at, last, "{step}: {}", summary.title);
    }
}

#[test]
fn the_list_keeps_up_with_every_kind_of_write() {
    let (_dir, mut lib) = temp_library();
    let mut draft = liberation();
    draft.total_episodes = Some(16);
    let notes = lib.add_drama(&draft, now()).unwrap().id;
    let goblin = lib
        .add_drama(&DramaDraft::titled("Goblin"), now())
        .unwrap()
        .id;
    assert_list_matches_pages(&lib, "added");

    lib.mark_watched(notes, 1, &[1, 2, 3, 4], at("2026-03-01T20:00:00Z"), now())
        .unwrap();
    lib.mark_watched(goblin, 0, &[1], at("2026-03-02T20:00:00Z"), now())
        .unwrap();
    assert_list_matches_pages(&lib, "marked, a special included");

    lib.record_rewatch(notes, 1, &[2], at("2026-04-01T20:00:00Z"), now())
        .unwrap();
    lib.unmark_watched(notes, 1, &[3], Unmark::Latest).unwrap();
    assert_list_matches_pages(&lib, "rewatched and unmarked");

    let kiss = lib.add_scene(notes, &reed_field_kiss(), now()).unwrap().id;
    let other = lib.add_scene(goblin, &reed_field_kiss(), now()).unwrap().id;
    assert_list_matches_pages(&lib, "scenes added");
    lib.delete_scene(kiss).unwrap();
    assert_list_matches_pages(&lib, "scene deleted");

    let export = lib.export_json(&Default::default(), now()).unwrap();
    let (_dir2, mut second) = temp_library();
    second.import_json(&export, now(), false).unwrap();
    second
        .mark_watched(notes, 1, &[5, 6], at("2026-05-01T20:00:00Z"), now())
        .unwrap();
    let newer = second.export_json(&Default::default(), now()).unwrap();
    lib.import_json(&newer, now(), true).unwrap();
    assert_list_matches_pages(&lib, "dry run");
    lib.import_json(&newer, now(), false).unwrap();
    assert_list_matches_pages(&lib, "imported");
    assert_eq!(
        lib.get_drama(notes).unwrap().progress.watched,
        5,
        "the import brought episodes 5 and 6"
    );

    lib.delete_drama(goblin).unwrap();
    assert!(lib.get_scene(other).is_err());
    assert_list_matches_pages(&lib, "drama deleted");
}

#[test]
fn the_scene_list_comes_in_pages_that_add_up_to_the_whole_list_in_order() {
    let (_dir, mut lib) = temp_library();
    // Titles whose order differs from the order they were added in.
    for (title, episodes) in [
        ("Twenty-Five Twenty-One", 3),
        ("goblin", 2),
        ("Crash Landing on You", 4),
    ] {
        let id = lib.add_drama(&DramaDraft::titled(title), now()).unwrap().id;
        for episode in (1..=episodes).rev() {
            for start in ["30:00", "5:00"] {
                let mut scene = reed_field_kiss();
                scene.episode = episode;
                scene.start = start.into();
                scene.end = None;
                scene.tags = if episode % 2 == 1 {
                    vec!["kiss".into()]
                } else {
                    vec![]
                };
                lib.add_scene(id, &scene, now()).unwrap();
            }
        }
    }
    let filter = SceneFilter::default();
    let whole = lib.list_scenes(&filter, Page::ALL).unwrap();
    assert_eq!(whole.total, 18);
    let order: Vec<(String, u32, String)> = whole
        .scenes
        .iter()
        .map(|s| {
            (
                s.drama_title.clone(),
                s.scene.episode,
                s.scene.start.to_string(),
            )
        })
        .collect();
    assert_eq!(order[0], ("Crash Landing on You".into(), 1, "5:00".into()));
    assert_eq!(order[1], ("Crash Landing on You".into(), 1, "30:00".into()));
    assert_eq!(order[8].0, "goblin", "titles sort without regard to case");
    assert_eq!(
        order[17],
        ("Twenty-Five Twenty-One".into(), 3, "30:00".into())
    );

    let mut paged = Vec::new();
    for offset in (0..20).step_by(5) {
        let page = lib.list_scenes(&filter, Page { offset, limit: 5 }).unwrap();
        assert_eq!((page.total, page.offset), (18, offset));
        paged.extend(page.scenes);
    }
    assert_eq!(paged, whole.scenes, "pages of five make up the whole list");

    let kiss = SceneFilter {
        tag: Some("kiss".into()),
        ..SceneFilter::default()
    };
    let first = lib.list_scenes(&kiss, Page::first(3)).unwrap();
    assert_eq!(
        first.total, 10,
        "the total counts every match, not the page"
    );
    assert_eq!(first.scenes.len(), 3);
    assert!(first.scenes.iter().all(|s| s.scene.tags == ["kiss"]));

    let goblin = whole.scenes[8].scene.drama_id;
    let kiss_in_goblin = SceneFilter {
        drama_id: Some(goblin),
        ..kiss
    };
    let page = lib.list_scenes(&kiss_in_goblin, Page::first(100)).unwrap();
    assert_eq!(
        page.total, 2,
        "tag and drama together: episode 1's two scenes"
    );
    assert_eq!(page.scenes.len(), 2);
}

#[test]
fn a_scene_is_found_by_the_first_characters_of_its_id() {
    let (_dir, mut lib) = temp_library();
    let drama = lib.add_drama(&liberation(), now()).unwrap().id;
    let scene = lib.add_scene(drama, &reed_field_kiss(), now()).unwrap();
    let id = scene.id.to_string();
    assert_eq!(
        lib.scenes_with_id_prefix(&id[..13], 5).unwrap(),
        vec![(scene.id, scene.title.clone())]
    );
    assert!(lib.scenes_with_id_prefix("ffffffff", 5).unwrap().is_empty());
    assert!(
        lib.scenes_with_id_prefix("*", 5).unwrap().is_empty(),
        "only hex digits and dashes are looked up"
    );
}

#[test]
fn the_scene_filter_lists_only_dramas_with_scenes_by_title() {
    let (_dir, mut lib) = temp_library();
    let notes = lib.add_drama(&liberation(), now()).unwrap().id;
    let goblin = lib
        .add_drama(&DramaDraft::titled("goblin"), now())
        .unwrap()
        .id;
    lib.add_drama(&DramaDraft::titled("Airport Strangers"), now())
        .unwrap();
    lib.add_scene(notes, &reed_field_kiss(), now()).unwrap();
    let scene = lib.add_scene(goblin, &reed_field_kiss(), now()).unwrap();
    let names = |lib: &drakor_core::Library| -> Vec<String> {
        lib.dramas_with_scenes()
            .unwrap()
            .into_iter()
            .map(|d| d.title)
            .collect()
    };
    assert_eq!(names(&lib), ["goblin", "My Liberation Notes"]);
    lib.delete_scene(scene.id).unwrap();
    assert_eq!(names(&lib), ["My Liberation Notes"]);
}
