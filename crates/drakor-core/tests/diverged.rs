//! Property test of two libraries that diverged: one user's two machines
//! start from the same library, each takes its own edits, then each imports
//! the other's export. Both must end with the same content, and every
//! drama, scene and episode as its newest edit left it.
//!
//! Each edit writes a whole thing, as the app's forms do: a drama's fields,
//! a scene, or an episode's title, runtime, rating and notes (all given, so
//! the newest edit of the episode is the newest of each of its fields).
//! Deletions (of a drama, a scene, a watch, or a cleared field) are left
//! out: an export does not carry them yet.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use common::{Shortcuts, at};
use drakor_core::{
    DramaDraft, Episode, EpisodeNotes, ExportFilter, Library, Scene, SceneDraft, Status,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use uuid::Uuid;

/// When the common library was made; every edit comes after.
fn start() -> DateTime<Utc> {
    at("2026-01-01T00:00:00Z")
}

/// The library both machines start from: three dramas, one being watched
/// with notes and a scene, one planned, one finished with a scene.
fn common_library() -> Library {
    let mut lib = Library::open_in_memory().unwrap();
    let dramas = [
        DramaDraft {
            total_episodes: Some(16),
            status: Status::Watching,
            ..common::liberation()
        },
        DramaDraft {
            year: Some(2015),
            ..DramaDraft::titled("Reply 1988")
        },
        DramaDraft {
            status: Status::Completed,
            rating: Some(9.5),
            ..DramaDraft::titled("Goblin")
        },
    ];
    for (i, draft) in dramas.iter().enumerate() {
        let id = lib.add_drama(draft, start()).unwrap().id;
        if i != 1 {
            lib.mark_watched(id, 1, &[1, 2], start(), start()).unwrap();
            let notes = EpisodeNotes {
                notes: "First thoughts.".into(),
                ..EpisodeNotes::default()
            };
            lib.annotate_episode(id, 1, 2, &notes, start()).unwrap();
            lib.add_scene(id, &common::reed_field_kiss(), start())
                .unwrap();
        }
    }
    lib
}

#[derive(Debug, Clone)]
enum Edit {
    /// The episode form saved: title, runtime, rating and notes.
    Episode {
        number: u32,
        notes: EpisodeNotes,
    },
    /// An episode watched (again) at the time of the edit.
    Watch {
        number: u32,
    },
    NewScene(SceneDraft),
    /// The scene form saved over the drama's `nth` scene (of those it has).
    SceneSaved {
        nth: usize,
        draft: SceneDraft,
    },
    /// The drama form saved, its title and year kept.
    Drama(DramaDraft),
}

#[derive(Debug, Clone)]
struct Step {
    on_b: bool,
    drama: usize,
    edit: Edit,
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z가-힣][a-z가-힣 ]{0,12}[a-z.!]"
}

fn rating() -> impl Strategy<Value = f64> {
    (0u32..=20).prop_map(|halves| f64::from(halves) / 2.0)
}

fn scene() -> impl Strategy<Value = SceneDraft> {
    (1u32..=6, 0u32..3_600, words(), words(), any::<bool>()).prop_map(
        |(episode, second, title, notes, favourite)| SceneDraft {
            episode,
            start: second.to_string(),
            title,
            notes,
            tags: vec!["kiss".into()],
            favourite,
            ..SceneDraft::default()
        },
    )
}

fn edit() -> impl Strategy<Value = Edit> {
    let episode = (1u32..=6, words(), 20u32..=90, rating(), words()).prop_map(
        |(number, title, runtime, rating, notes)| Edit::Episode {
            number,
            notes: EpisodeNotes {
                title: Some(title),
                runtime_min: Some(runtime),
                rating: Some(rating),
                notes,
            },
        },
    );
    let drama =
        (select(Status::ALL.to_vec()), rating(), words()).prop_map(|(status, rating, notes)| {
            Edit::Drama(DramaDraft {
                status,
                rating: Some(rating),
                notes,
                tags: vec!["edited".into()],
                ..DramaDraft::default()
            })
        });
    prop_oneof![
        3 => episode,
        2 => (1u32..=6).prop_map(|number| Edit::Watch { number }),
        1 => scene().prop_map(Edit::NewScene),
        2 => (0usize..4, scene()).prop_map(|(nth, draft)| Edit::SceneSaved { nth, draft }),
        2 => drama,
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (any::<bool>(), 0usize..3, edit()).prop_map(|(on_b, drama, edit)| Step {
            on_b,
            drama,
            edit,
        }),
        1..16,
    )
}

/// The newest version of everything, across both machines, as each edit
/// left it: what both must hold after the merges.
#[derive(Debug, Default)]
struct Newest {
    dramas: BTreeMap<Uuid, (DateTime<Utc>, DramaDraft)>,
    episodes: BTreeMap<(Uuid, u32), (DateTime<Utc>, EpisodeNotes)>,
    watches: BTreeMap<(Uuid, u32), BTreeSet<DateTime<Utc>>>,
    scenes: BTreeMap<Uuid, Scene>,
}

impl Newest {
    fn of(library: &Library) -> Self {
        let mut newest = Newest::default();
        for id in ids(library) {
            newest.saw(library, id);
            for episode in library.get_drama(id).unwrap().episodes {
                let key = (id, episode.number);
                newest
                    .episodes
                    .insert(key, (episode.updated_at, notes_of(&episode)));
                newest
                    .watches
                    .entry(key)
                    .or_default()
                    .extend(episode.watched_at);
            }
        }
        newest
    }

    /// Takes the drama's fields and scenes as `library` holds them now,
    /// where they are newer than what is known.
    fn saw(&mut self, library: &Library, id: Uuid) {
        let detail = library.get_drama(id).unwrap();
        let drama = detail.drama;
        let known = self.dramas.get(&id).map(|(at, _)| *at);
        if known.is_none_or(|at| drama.updated_at > at) {
            self.dramas.insert(id, (drama.updated_at, drama.fields));
        }
        for scene in detail.scenes {
            let known = self.scenes.get(&scene.id).map(|s| s.updated_at);
            if known.is_none_or(|at| scene.updated_at > at) {
                self.scenes.insert(scene.id, scene);
            }
        }
    }

    /// Checks `library` holds exactly the newest of everything.
    fn check(&self, library: &Library, name: &str) -> Result<(), TestCaseError> {
        for id in ids(library) {
            let detail = library.get_drama(id).unwrap();
            let (_, fields) = &self.dramas[&id];
            prop_assert_eq!(&detail.drama.fields, fields, "{}: drama {}", name, id);
            let scenes: BTreeMap<Uuid, &Scene> = detail.scenes.iter().map(|s| (s.id, s)).collect();
            let wanted: BTreeMap<Uuid, &Scene> = self
                .scenes
                .values()
                .filter(|s| s.drama_id == id)
                .map(|s| (s.id, s))
                .collect();
            prop_assert_eq!(scenes, wanted, "{}: scenes of {}", name, id);
            for episode in &detail.episodes {
                let key = (id, episode.number);
                let wanted = self.episodes.get(&key).map(|(_, n)| n.clone());
                prop_assert_eq!(
                    notes_of(episode),
                    wanted.unwrap_or_default(),
                    "{}: {:?}",
                    name,
                    key
                );
                let watches: BTreeSet<_> = episode.watched_at.iter().copied().collect();
                let wanted = self.watches.get(&key).cloned().unwrap_or_default();
                prop_assert_eq!(watches, wanted, "{}: watches of {:?}", name, key);
            }
        }
        Ok(())
    }
}

fn notes_of(episode: &Episode) -> EpisodeNotes {
    EpisodeNotes {
        title: episode.title.clone(),
        runtime_min: episode.runtime_min,
        rating: episode.rating,
        notes: episode.notes.clone(),
    }
}

fn ids(library: &Library) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = library
        .list_dramas(&Default::default())
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    ids.sort();
    ids
}

/// Applies one edit at `now`, and notes what it wrote in `newest`.
fn apply(library: &mut Library, step: &Step, now: DateTime<Utc>, newest: &mut Newest) {
    let id = ids(library)[step.drama];
    match &step.edit {
        Edit::Episode { number, notes } => {
            library
                .annotate_episode(id, 1, *number, notes, now)
                .unwrap();
            // As stored: text is trimmed and its spaces tidied.
            let episode = library
                .get_drama(id)
                .unwrap()
                .episodes
                .into_iter()
                .find(|e| e.season == 1 && e.number == *number)
                .unwrap();
            newest
                .episodes
                .insert((id, *number), (now, notes_of(&episode)));
        }
        Edit::Watch { number } => {
            library.record_rewatch(id, 1, &[*number], now, now).unwrap();
            newest.watches.entry((id, *number)).or_default().insert(now);
        }
        Edit::NewScene(draft) => {
            library.add_scene(id, draft, now).unwrap();
        }
        Edit::SceneSaved { nth, draft } => {
            let scenes = library.get_drama(id).unwrap().scenes;
            if let Some(scene) = scenes.get(nth % scenes.len().max(1)) {
                library.update_scene(scene.id, draft, now).unwrap();
            }
        }
        Edit::Drama(draft) => {
            let old = library.get_drama(id).unwrap().drama.fields;
            let draft = DramaDraft {
                title: old.title,
                year: old.year,
                total_episodes: old.total_episodes,
                ..draft.clone()
            };
            library.update_drama(id, &draft, now).unwrap();
        }
    }
    // Watches may move the drama's status; every edit may touch scenes.
    newest.saw(library, id);
}

/// An export's content: without the time it was made, and with scenes in
/// id order (two machines number scenes added at once differently).
fn content(library: &Library) -> Value {
    let mut file: Value = serde_json::from_str(
        &library
            .export_json(&ExportFilter::default(), start())
            .unwrap(),
    )
    .unwrap();
    file.as_object_mut().unwrap().remove("exported_at");
    for drama in file["dramas"].as_array_mut().unwrap() {
        let scenes = drama["scenes"].as_array_mut().unwrap();
        scenes.sort_by_key(|s| s["id"].as_str().unwrap_or_default().to_owned());
    }
    file
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn two_libraries_that_diverged_agree_after_importing_each_others_export(steps in steps()) {
        let mut a = common_library();
        let mut b = Library::open_in_memory().unwrap();
        let base = a.export_json(&ExportFilter::default(), start()).unwrap();
        b.import_json(&base, start(), false).unwrap();
        let mut newest = Newest::of(&a);

        let mut clock = start();
        for step in &steps {
            clock += Duration::seconds(1);
            let library = if step.on_b { &mut b } else { &mut a };
            apply(library, step, clock, &mut newest);
        }

        clock += Duration::seconds(1);
        let from_b = b.export_json(&ExportFilter::default(), clock).unwrap();
        let from_a = a.export_json(&ExportFilter::default(), clock).unwrap();
        a.import_json(&from_b, clock, false).unwrap();
        b.import_json(&from_a, clock, false).unwrap();

        prop_assert_eq!(content(&a), content(&b), "the two machines differ");
        newest.check(&a, "A")?;
        newest.check(&b, "B")?;
    }
}
