//! Dramas added and filled from what TMDB says (`ShowInfo`), in a real
//! library file: nothing the user typed is replaced, a refresh run twice
//! changes nothing, and a refused fill writes nothing.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::{at, content, now, temp_library};
use drakor_core::{DramaFilter, EpisodeInfo, EpisodeNotes, Error, Relink, ShowInfo, Sort, Status};

fn date(text: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap())
}

/// Goblin as TMDB has it: 16 titled episodes and one special.
fn goblin(aired: u32) -> ShowInfo {
    ShowInfo {
        tmdb_id: 67915,
        imdb_id: Some("tt5994346".into()),
        name: "Guardian: The Lonely and Great God".into(),
        original_name: Some("쓸쓸하고 찬란하神-도깨비".into()),
        first_air_date: date("2016-12-02"),
        origin_country: Some("KR".into()),
        network: Some("tvN".into()),
        episodes: (1..=aired)
            .map(|n| EpisodeInfo {
                season: 1,
                number: n,
                title: Some(format!("The {n}th snow")),
                runtime_min: Some(if n == 16 { 90 } else { 75 }),
                air_date: NaiveDate::from_ymd_opt(2016, 12, 2)
                    .map(|d| d + chrono::Days::new(u64::from(n) * 3)),
            })
            .chain([EpisodeInfo {
                season: 0,
                number: 1,
                title: Some("Making of".into()),
                runtime_min: Some(60),
                air_date: date("2017-01-28"),
            }])
            .collect(),
    }
}

#[test]
fn a_drama_added_from_a_show_gets_its_hangul_title_and_every_titled_episode() {
    let (_dir, mut lib) = temp_library();
    let show = goblin(16);
    let filled = lib.add_from_show(&show.draft(), &show, now()).unwrap();
    assert!(filled.added);
    assert_eq!(filled.episodes_added, 17, "16 episodes and the special");
    let detail = lib.get_drama(filled.drama_id).unwrap();
    let fields = &detail.drama.fields;
    assert_eq!(
        fields.original_title.as_deref(),
        Some("쓸쓸하고 찬란하神-도깨비")
    );
    assert_eq!(fields.network.as_deref(), Some("tvN"));
    assert_eq!(fields.total_episodes, Some(16));
    assert_eq!(fields.external_ids.tmdb, Some(67915));
    let e16 = detail
        .episodes
        .iter()
        .find(|e| e.season == 1 && e.number == 16)
        .unwrap();
    assert_eq!(e16.title.as_deref(), Some("The 16th snow"));
    assert_eq!(e16.runtime_min, Some(90));
    assert_eq!(e16.air_date, date("2017-01-19"));
    assert!(detail.episodes.iter().any(|e| e.season == 0));
    assert_eq!(detail.progress.watched, 0, "titles are not watches");
}

#[test]
fn adding_the_same_show_twice_finds_the_drama_already_there() {
    let (_dir, mut lib) = temp_library();
    let show = goblin(16);
    let first = lib.add_from_show(&show.draft(), &show, now()).unwrap();
    let before = content(&lib);
    let second = lib.add_from_show(&show.draft(), &show, now()).unwrap();
    assert!(!second.added);
    assert_eq!(second.drama_id, first.drama_id);
    assert_eq!(content(&lib), before);
    assert_eq!(lib.drama_by_tmdb(67915).unwrap(), Some(first.drama_id));
}

#[test]
fn a_refresh_adds_newly_aired_episodes_and_keeps_every_user_edit() {
    let (_dir, mut lib) = temp_library();
    let early = goblin(8);
    let mut draft = early.draft();
    draft.total_episodes = None;
    let id = lib.add_from_show(&draft, &early, now()).unwrap().drama_id;
    // The user renames an episode, sets a runtime and the network.
    let notes = EpisodeNotes {
        title: Some("The rain one".into()),
        runtime_min: Some(70),
        notes: "cried".into(),
        ..EpisodeNotes::default()
    };
    lib.annotate_episode(id, 1, 2, &notes, at("2016-12-10T20:00:00Z"))
        .unwrap();
    let mut edited = lib.get_drama(id).unwrap().drama.fields;
    edited.network = Some("tvN / Netflix".into());
    lib.update_drama(id, &edited, at("2016-12-10T20:00:00Z"))
        .unwrap();

    let filled = lib
        .fill_from_show(id, &goblin(16), Relink::Keep, at("2017-01-25T00:00:00Z"))
        .unwrap();
    assert_eq!(filled.episodes_added, 8);
    assert_eq!(filled.fields, ["total_episodes"]);
    assert_eq!(
        filled.kept,
        ["network: kept yours (tvN / Netflix); TMDB has tvN".to_owned()]
    );
    let detail = lib.get_drama(id).unwrap();
    assert_eq!(
        detail.drama.fields.network.as_deref(),
        Some("tvN / Netflix")
    );
    assert_eq!(detail.drama.fields.total_episodes, Some(16));
    let e2 = detail.episodes.iter().find(|e| e.number == 2).unwrap();
    assert_eq!(e2.title.as_deref(), Some("The rain one"));
    assert_eq!(e2.runtime_min, Some(70));
    assert_eq!(e2.notes, "cried");
    assert_eq!(detail.episodes.iter().filter(|e| e.season == 1).count(), 16);

    let settled = content(&lib);
    let again = lib
        .fill_from_show(id, &goblin(16), Relink::Keep, at("2017-02-01T00:00:00Z"))
        .unwrap();
    assert!(!again.changed(), "{again:?}");
    assert_eq!(content(&lib), settled, "a second refresh changes nothing");
}

#[test]
fn a_show_with_two_seasons_and_specials_fills_every_season() {
    let (_dir, mut lib) = temp_library();
    let mut show = goblin(0);
    show.tmdb_id = 93405;
    show.name = "Squid Game".into();
    show.episodes = [(1, 9), (2, 7), (0, 2)]
        .into_iter()
        .flat_map(|(season, count)| {
            (1..=count).map(move |number| EpisodeInfo {
                season,
                number,
                title: Some(format!("S{season}E{number}")),
                runtime_min: None,
                air_date: None,
            })
        })
        .collect();
    let filled = lib.add_from_show(&show.draft(), &show, now()).unwrap();
    let detail = lib.get_drama(filled.drama_id).unwrap();
    assert_eq!(
        detail.drama.fields.total_episodes,
        Some(16),
        "9 + 7, no specials"
    );
    for season in [0, 1, 2] {
        assert!(
            detail.episodes.iter().any(|e| e.season == season),
            "{season}"
        );
    }
}

#[test]
fn a_refused_fill_leaves_the_library_as_it_was() {
    let (_dir, mut lib) = temp_library();
    let show = goblin(16);
    lib.add_from_show(&show.draft(), &show, now()).unwrap();
    let other = lib
        .add_drama(&drakor_core::DramaDraft::titled("Goblin (my copy)"), now())
        .unwrap()
        .id;
    let before = content(&lib);
    let err = lib
        .fill_from_show(other, &show, Relink::Replace, now())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("TMDB entry 67915 is already linked to Guardian"),
        "{err}"
    );
    let mut elsewhere = show.clone();
    elsewhere.tmdb_id = 1;
    let linked = lib.drama_by_tmdb(67915).unwrap().unwrap();
    let err = lib
        .fill_from_show(linked, &elsewhere, Relink::Keep, now())
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert!(err.to_string().contains("not 1"), "{err}");
    assert_eq!(content(&lib), before);
}

#[test]
fn linking_a_drama_replaces_its_old_tmdb_entry_only_when_asked() {
    let (_dir, mut lib) = temp_library();
    let mut draft = drakor_core::DramaDraft::titled("Goblin");
    draft.external_ids.tmdb = Some(1);
    let id = lib.add_drama(&draft, now()).unwrap().id;
    let filled = lib
        .fill_from_show(id, &goblin(16), Relink::Replace, now())
        .unwrap();
    assert!(filled.fields.contains(&"external_ids.tmdb"));
    assert_eq!(lib.drama_by_tmdb(67915).unwrap(), Some(id));
    assert_eq!(lib.linked_dramas().unwrap()[0].title, "Goblin");
}

#[test]
fn up_next_and_the_library_know_when_the_next_episode_airs() {
    let (_dir, mut lib) = temp_library();
    let show = goblin(16);
    let mut draft = show.draft();
    draft.status = Status::Watching;
    let goblin_id = lib.add_from_show(&draft, &show, now()).unwrap().drama_id;
    lib.mark_watched(goblin_id, 1, &[1, 2, 3], now(), now())
        .unwrap();
    let mut plain = drakor_core::DramaDraft::titled("A drama without dates");
    plain.status = Status::Watching;
    lib.add_drama(&plain, now()).unwrap();

    let next = lib.up_next().unwrap();
    let up = next.iter().find(|u| u.drama_id == goblin_id).unwrap();
    assert_eq!((up.episode, up.air_date), (4, date("2016-12-14")));

    let by_airing = lib
        .list_dramas(&DramaFilter {
            sort: Sort::NextAiring,
            ..DramaFilter::default()
        })
        .unwrap();
    assert_eq!(by_airing[0].id, goblin_id);
    assert_eq!(by_airing[0].next_air_date, date("2016-12-14"));
    assert_eq!(by_airing[1].next_air_date, None);

    // From a today, what airs next comes before what aired long ago.
    let mut airing = goblin(16);
    airing.tmdb_id = 250000;
    airing.name = "Spring of the Reed Field".into();
    for e in &mut airing.episodes {
        e.air_date = e.air_date.map(|d| d + chrono::Days::new(3650));
    }
    lib.add_from_show(&airing.draft(), &airing, now()).unwrap();
    let from_today = |today: &str| {
        lib.list_dramas(&DramaFilter {
            sort: Sort::NextAiring,
            today: date(today),
            ..DramaFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|d| d.title)
        .collect::<Vec<_>>()
    };
    assert_eq!(
        from_today("2026-12-01"),
        [
            "Spring of the Reed Field",
            "Guardian: The Lonely and Great God",
            "A drama without dates"
        ]
    );
    assert_eq!(
        from_today("2016-12-01")[0],
        "Guardian: The Lonely and Great God"
    );
}

#[test]
fn a_tmdb_id_already_linked_is_refused_for_a_second_drama() {
    let (_dir, mut lib) = temp_library();
    let show = goblin(16);
    lib.add_from_show(&show.draft(), &show, now()).unwrap();
    let mut copy = drakor_core::DramaDraft::titled("Goblin again");
    copy.external_ids.tmdb = Some(67915);
    let err = lib.add_drama(&copy, now()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("external_ids.tmdb: TMDB id 67915 is already linked to Guardian"),
        "{err}"
    );
    let other = lib
        .add_drama(&drakor_core::DramaDraft::titled("Another"), now())
        .unwrap()
        .id;
    assert!(lib.update_drama(other, &copy, now()).is_err());
}

#[test]
fn an_edit_given_with_a_link_wins_over_what_the_fill_puts_in() {
    let (_dir, mut lib) = temp_library();
    let mut typed = drakor_core::DramaDraft::titled("Goblin");
    typed.network = Some("tvN".into());
    let id = lib.add_drama(&typed, now()).unwrap().id;
    let filled = lib
        .fill_from_show_edited(
            id,
            &goblin(16),
            Relink::Replace,
            |d| d.network = None,
            now(),
        )
        .unwrap();
    let fields = lib.get_drama(id).unwrap().drama.fields;
    assert_eq!(fields.network, None, "the user's clearing wins");
    assert_eq!(
        fields.original_title.as_deref(),
        Some("쓸쓸하고 찬란하神-도깨비")
    );
    assert!(!filled.fields.contains(&"network"));
    assert_eq!(fields.external_ids.tmdb, Some(67915));
}
