//! Property tests of export and import: any library a user can build
//! survives export (format version 1) and import into an empty library
//! unchanged, and its export merged back into it changes nothing.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::Shortcuts;
use common::at;
use drakor_core::{
    DramaDraft, EpisodeNotes, ExportFilter, ExternalIds, Library, LibraryFile, Link, LinkKind, Ost,
    Quote, SceneDraft, SceneTime, Status,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Every instant in these tests is some milliseconds after this one.
fn epoch() -> DateTime<Utc> {
    at("2015-01-01T00:00:00Z")
}

/// Up to about eleven years after [`epoch`], to the millisecond.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..350_000_000_000).prop_map(|ms| epoch() + Duration::milliseconds(ms))
}

fn hangul_words() -> impl Strategy<Value = String> {
    "[가-힣]{1,6}( [가-힣]{1,6}){0,2}"
}

fn latin_words() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{0,8}( [A-Za-z][a-z']{0,8}){0,3}"
}

/// A title as typed: Hangul or Latin or both, sometimes with stray spaces.
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        latin_words(),
        hangul_words(),
        (latin_words(), hangul_words()).prop_map(|(l, h)| format!("{l}: {h}")),
        latin_words().prop_map(|t| format!("  {t}\t ")),
    ]
}

/// Notes keep their lines; any text, emoji included.
fn notes() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z가-힣0-9 .,!?😭💕\n]{1,60}",
        "\\PC{1,30}",
    ]
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            select(vec!["kiss", "Confession", "ost", "slice-of-life", "rain"])
                .prop_map(str::to_owned),
            "[가-힣]{1,4}",
            "[a-z]{1,10}",
        ],
        0..4,
    )
}

fn people() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop_oneof![latin_words(), "[가-힣]{2,4}"], 0..3)
}

/// http and https links only: the others are refused where they enter.
fn links() -> impl Strategy<Value = Vec<Link>> {
    let link = (
        select(vec!["http", "https"]),
        select(vec![
            "www.youtube.com",
            "tv.naver.com",
            "example.com",
            "드라마.kr",
        ]),
        "[a-z0-9_/-]{0,16}",
        prop_oneof![Just(String::new()), latin_words(), hangul_words()],
        select(LinkKind::ALL.to_vec()),
    )
        .prop_map(|(scheme, host, path, label, kind)| Link {
            url: format!("{scheme}://{host}/{path}"),
            label,
            kind,
        });
    prop::collection::vec(link, 0..3)
}

fn rating() -> impl Strategy<Value = Option<f64>> {
    prop::option::of((0u32..=20).prop_map(|halves| f64::from(halves) / 2.0))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..4_000).prop_map(|days| epoch().date_naive() + chrono::Days::new(days))
}

/// A drama as a user adds it. External ids are made unique per drama by
/// [`Spec::build`]: two dramas with one TMDB id are one show.
fn drama_draft() -> impl Strategy<Value = DramaDraft> {
    (
        (
            title(),
            prop::option::of(hangul_words()),
            prop::option::of(select(vec!["KR", "JP", "TW", "Korea"])),
            prop::option::of(1990i32..=2026),
            prop::option::of(select(vec!["JTBC", "tvN", "KBS2", "Netflix", "SBS"])),
            prop::option::of(8u32..=24),
        ),
        (
            select(Status::ALL.to_vec()),
            rating(),
            (prop::option::of(date()), prop::option::of(date())),
            0u32..4,
            tags(),
            notes(),
            links(),
            (any::<bool>(), any::<bool>(), any::<bool>()),
        ),
    )
        .prop_map(
            |(
                (title, original_title, country, year, network, total_episodes),
                (status, rating, dates, rewatch_count, tags, notes, links, ids),
            )| DramaDraft {
                title,
                original_title,
                country: country.map(str::to_owned),
                year,
                network: network.map(str::to_owned),
                total_episodes,
                status,
                rating,
                // A finish before the start is refused; either may be unknown.
                started_on: match dates {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (start, _) => start,
                },
                finished_on: match dates {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (_, finish) => finish,
                },
                rewatch_count,
                tags,
                notes,
                // Marks which ids to set; filled in per drama.
                external_ids: ExternalIds {
                    tmdb: ids.0.then_some(0),
                    imdb: ids.1.then(String::new),
                    mdl: ids.2.then(String::new),
                    trakt: None,
                },
                links,
            },
        )
}

#[derive(Debug, Clone)]
struct EpisodeSpec {
    season: u32,
    number: u32,
    watches: Vec<DateTime<Utc>>,
    notes: Option<EpisodeNotes>,
}

fn episode() -> impl Strategy<Value = EpisodeSpec> {
    let notes = (
        prop::option::of(prop_oneof![latin_words(), hangul_words()]),
        prop::option::of(20u32..=120),
        rating(),
        notes(),
    )
        .prop_map(|(title, runtime_min, rating, notes)| EpisodeNotes {
            title,
            runtime_min,
            rating,
            notes,
        });
    (
        prop_oneof![9 => Just(1u32), 1 => Just(0u32), 1 => Just(2u32)],
        1u32..=30,
        prop::collection::vec(instant(), 0..3),
        prop::option::of(notes),
    )
        .prop_map(|(season, number, watches, notes)| EpisodeSpec {
            season,
            number,
            watches,
            notes,
        })
}

#[derive(Debug, Clone)]
struct SceneSpec {
    season: u32,
    episode: u32,
    /// Start as typed, in one of the forms users type.
    start: String,
    end: Option<String>,
    title: String,
    tags: Vec<String>,
    notes: String,
    people: Vec<String>,
    favourite: bool,
    links: Vec<Link>,
    ost: Option<Ost>,
    quote: Option<Quote>,
    added_at: DateTime<Utc>,
}

/// `ms` in one of the forms a user types: `00:48:12.250`, `48:12.250`,
/// `2892.25` or `48m12.25s`.
fn typed(ms: u32, form: u8) -> String {
    let time = SceneTime::from_millis(ms).unwrap();
    let (seconds, millis) = (ms / 1_000, ms % 1_000);
    let fraction = if millis == 0 {
        String::new()
    } else {
        format!(".{millis:03}")
    };
    match form % 4 {
        0 => time.canonical(),
        1 => time.to_string(),
        2 => format!("{seconds}{fraction}"),
        _ => {
            let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
            let mut text = String::new();
            if h > 0 {
                text += &format!("{h}h");
            }
            if h > 0 || m > 0 {
                text += &format!("{m}m");
            }
            text + &format!("{s}{fraction}s")
        }
    }
}

fn scene() -> impl Strategy<Value = SceneSpec> {
    (
        (
            prop_oneof![9 => Just(1u32), 1 => Just(0u32)],
            1u32..=30,
            0u32..3 * 3_600_000,
            prop::option::of(1u32..600_000),
            any::<(u8, u8)>(),
            title(),
        ),
        (tags(), notes(), people(), any::<bool>(), links(), instant()),
        (
            prop::option::of((title(), prop_oneof![Just(String::new()), latin_words()])),
            prop::option::of((hangul_words(), prop::option::of(latin_words()))),
        ),
    )
        .prop_map(
            |(
                (season, episode, start, length, forms, title),
                (tags, notes, people, favourite, links, added_at),
                (ost, quote),
            )| SceneSpec {
                season,
                episode,
                start: typed(start, forms.0),
                end: length.map(|l| typed(start + l, forms.1)),
                title,
                tags,
                notes,
                people,
                favourite,
                links,
                ost: ost.map(|(title, artist)| Ost { title, artist }),
                quote: quote.map(|(text, translation)| Quote { text, translation }),
                added_at,
            },
        )
}

#[derive(Debug, Clone)]
struct DramaSpec {
    draft: DramaDraft,
    /// Fields written over the drama's after its watches and scenes (its
    /// title, year and external ids are kept).
    edit: Option<DramaDraft>,
    added_at: DateTime<Utc>,
    episodes: Vec<EpisodeSpec>,
    scenes: Vec<SceneSpec>,
}

fn drama() -> impl Strategy<Value = DramaSpec> {
    (
        drama_draft(),
        prop::option::weighted(0.3, drama_draft()),
        instant(),
        prop::collection::vec(episode(), 0..6),
        prop::collection::vec(scene(), 0..4),
    )
        .prop_map(|(draft, edit, added_at, episodes, scenes)| DramaSpec {
            draft,
            edit,
            added_at,
            episodes,
            scenes,
        })
}

/// A drama's title and year as an import compares them.
fn title_key(draft: &DramaDraft) -> (String, Option<i32>) {
    let words: Vec<&str> = draft.title.split_whitespace().collect();
    (words.join(" ").to_lowercase(), draft.year)
}

#[derive(Debug, Clone)]
struct Spec {
    dramas: Vec<DramaSpec>,
}

impl Spec {
    /// Builds the library through the calls the app makes: add each drama,
    /// log its watches (rewatches too), write episode notes, bookmark scenes.
    fn build(&self) -> Library {
        let mut library = Library::open_in_memory().unwrap();
        let mut titles = Vec::new();
        for (i, spec) in self.dramas.iter().enumerate() {
            let mut draft = spec.draft.clone();
            // An import matches a drama by id, then external id, then title
            // and year, so two dramas sharing a title and year (or a TMDB id)
            // would be merged by an import into an empty library; keep them apart.
            if titles.contains(&title_key(&draft)) {
                draft.title = format!("{} {}", draft.title.trim(), i + 1);
            }
            titles.push(title_key(&draft));
            let n = i as u64 + 1;
            let ids = &mut draft.external_ids;
            ids.tmdb = ids.tmdb.map(|_| 100_000 + n);
            ids.imdb = ids.imdb.take().map(|_| format!("tt{:07}", 1_000 + n));
            ids.mdl = ids
                .mdl
                .take()
                .map(|_| format!("https://mydramalist.com/{n}-drama"));
            let id = library.add_drama(&draft, spec.added_at).unwrap().id;
            let total = draft.total_episodes;
            // Past the last episode is refused; keep numbers within it.
            let within = |season: u32, number: u32| match total {
                Some(total) if season >= 1 => (number - 1) % total + 1,
                _ => number,
            };
            let mut later = spec.added_at;
            for episode in &spec.episodes {
                let number = within(episode.season, episode.number);
                for &watched in &episode.watches {
                    later += Duration::seconds(1);
                    library
                        .record_rewatch(id, episode.season, &[number], watched, later)
                        .unwrap();
                }
                if let Some(notes) = &episode.notes {
                    library
                        .annotate_episode(id, episode.season, number, notes, later)
                        .unwrap();
                }
            }
            for scene in &spec.scenes {
                let draft = SceneDraft {
                    season: scene.season,
                    episode: within(scene.season, scene.episode),
                    start: scene.start.clone(),
                    end: scene.end.clone(),
                    title: scene.title.clone(),
                    tags: scene.tags.clone(),
                    notes: scene.notes.clone(),
                    people: scene.people.clone(),
                    favourite: scene.favourite,
                    links: scene.links.clone(),
                    ost: scene.ost.clone(),
                    quote: scene.quote.clone(),
                };
                library.add_scene(id, &draft, scene.added_at).unwrap();
            }
            if let Some(edit) = &spec.edit {
                let edited = DramaDraft {
                    title: draft.title.clone(),
                    year: draft.year,
                    external_ids: draft.external_ids.clone(),
                    ..edit.clone()
                };
                library
                    .update_drama(id, &edited, later + Duration::seconds(1))
                    .unwrap();
            }
        }
        library
    }
}

fn library_spec() -> impl Strategy<Value = Spec> {
    prop::collection::vec(drama(), 0..5).prop_map(|dramas| Spec { dramas })
}

fn everything() -> ExportFilter {
    ExportFilter::default()
}

fn export_now() -> DateTime<Utc> {
    common::now()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_random_library_survives_export_then_import_unchanged(spec in library_spec()) {
        let original = spec.build();
        let first = original.export_json(&everything(), export_now()).unwrap();
        let whole = original.export(&everything(), export_now()).unwrap();
        prop_assert_eq!(
            &first, &(serde_json::to_string_pretty(&whole).unwrap() + "\n"),
            "the export is serde's pretty text of the whole file, and a line break"
        );
        let file: LibraryFile = serde_json::from_str(&first).unwrap();
        prop_assert_eq!((file.format.as_str(), file.version), ("drakor", 2));
        prop_assert_eq!(file.dramas.len(), spec.dramas.len());

        let mut copy = Library::open_in_memory().unwrap();
        let summary = copy.import_json(&first, export_now(), false).unwrap();
        prop_assert_eq!(summary.dramas_added as usize, spec.dramas.len(), "{}", summary);
        let second = copy.export_json(&everything(), export_now()).unwrap();
        prop_assert_eq!(&second, &first, "export, import into an empty library, export differ");

        for drama in original.list_dramas(&Default::default()).unwrap() {
            prop_assert_eq!(
                copy.get_drama(drama.id).unwrap(),
                original.get_drama(drama.id).unwrap(),
                "the copy of {} differs", drama.title
            );
        }
    }

    #[test]
    fn a_library_export_merged_back_into_it_changes_nothing(spec in library_spec()) {
        let mut library = spec.build();
        let first = library.export_json(&everything(), export_now()).unwrap();
        let summary = library.import_json(&first, export_now(), false).unwrap();
        prop_assert!(!summary.changed_anything(), "{}", summary);
        prop_assert_eq!(library.export_json(&everything(), export_now()).unwrap(), first);
    }
}

/// Found by the property above: logging a watch on a drama with a finish
/// date but no start date set the start to the day watched, after the
/// finish, and the library's export was then refused on import.
#[test]
fn a_watch_after_the_finish_date_never_starts_a_drama_after_it_finished() {
    let mut library = Library::open_in_memory().unwrap();
    let draft = DramaDraft {
        status: Status::OnHold,
        finished_on: Some(epoch().date_naive()),
        ..DramaDraft::titled("Reply 1988")
    };
    let id = library.add_drama(&draft, epoch()).unwrap().id;
    let next_day = epoch() + Duration::days(1);
    library
        .mark_watched(id, 1, &[1], next_day, next_day)
        .unwrap();
    let fields = library.get_drama(id).unwrap().drama.fields;
    assert!(
        fields.started_on <= fields.finished_on,
        "started {:?}, finished {:?}",
        fields.started_on,
        fields.finished_on
    );
    let export = library.export_json(&everything(), export_now()).unwrap();
    let mut copy = Library::open_in_memory().unwrap();
    copy.import_json(&export, export_now(), false)
        .expect("the library's own export reads back");
}
