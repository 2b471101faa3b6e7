//! Reading a Drakor library file (format version 1 or 2): every field of it
//! is checked, and every problem reported with its place, before anything
//! is merged. Reading gives a [`ValidLibrary`], as every reader does. A
//! version 1 file is a version 2 file without lists and people.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::{EpisodeNotes, check_episode_ref};
use crate::error::Problems;
use crate::exchange::format::{DramaV1, EpisodeV1, FORMAT, ListV2, SceneV1, VERSION};
use crate::list::{EntryRef, ListDraft};
use crate::merge::{ValidDrama, ValidEpisode, ValidLibrary, ValidList, ValidListEntry, ValidScene};
use crate::scene::SceneDraft;

/// Ids made for dramas and scenes that arrive without one are UUIDv5 names
/// under this namespace, so importing such a file twice matches them again.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6472_616b_6f72_4e53_8000_0000_0000_0001);

/// Reads and checks a Drakor JSON file (format version 1). Every problem is
/// reported with its JSON path; `now` stands in for missing timestamps.
pub fn read_library_json(text: &str, now: DateTime<Utc>) -> Result<ValidLibrary, Problems> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let what = if e.is_eof() {
            "the file ends too soon (is it cut off?)"
        } else {
            "it is not valid JSON"
        };
        Problems::one("", format!("{what}: {e}"))
    })?;
    let Value::Object(mut root) = root else {
        return Err(Problems::one(
            "",
            format!("expected a Drakor export object, found {}", kind_of(&root)),
        ));
    };
    let version = check_header(&root)?;
    let lists = version_2_section(&mut root, "lists", version)?;
    let people = version_2_section(&mut root, "people", version)?;
    let dramas = match root.remove("dramas") {
        Some(Value::Array(dramas)) => dramas,
        Some(Value::Null) | None => Vec::new(),
        Some(other) => {
            return Err(Problems::one(
                "dramas",
                format!("expected a list, found {}", kind_of(&other)),
            ));
        }
    };
    let mut problems = Problems::new();
    let mut valid = Vec::with_capacity(dramas.len());
    let mut drama_ids = HashSet::new();
    let mut scene_ids = HashSet::new();
    for (i, value) in dramas.into_iter().enumerate() {
        let at = format!("dramas[{i}]");
        let Some(drama) = read_drama(value, &at, now, &mut problems) else {
            continue;
        };
        if !drama_ids.insert(drama.id) {
            problems.push(
                format!("{at}.id"),
                format!("{} appears twice in the file", drama.id),
            );
        }
        for (j, scene) in drama.scenes.iter().enumerate() {
            if !scene_ids.insert(scene.id) {
                problems.push(
                    format!("{at}.scenes[{j}].id"),
                    format!("{} appears twice in the file", scene.id),
                );
            }
        }
        valid.push(drama);
    }
    let lists = read_lists(lists, now, &mut problems);
    let people = super::people::read_people(people, &mut problems);
    problems.into_result(ValidLibrary {
        dramas: valid,
        lists,
        people,
    })
}

/// A top-level list that version 2 added (`lists`, `people`): optional,
/// and in a version 1 file whatever a key of that name holds is not
/// Drakor's.
fn version_2_section(
    root: &mut serde_json::Map<String, Value>,
    key: &str,
    version: u64,
) -> Result<Vec<Value>, Problems> {
    match root.remove(key) {
        _ if version < 2 => Ok(Vec::new()),
        Some(Value::Array(items)) => Ok(items),
        Some(Value::Null) | None => Ok(Vec::new()),
        Some(other) => Err(Problems::one(
            key,
            format!("expected a list, found {}", kind_of(&other)),
        )),
    }
}

/// The file's lists: each checked, names unique in the file in any case,
/// each entry naming exactly one scene or drama. Whether those exist is
/// known only once the file is merged (they may be in the library).
fn read_lists(values: Vec<Value>, now: DateTime<Utc>, problems: &mut Problems) -> Vec<ValidList> {
    let mut lists = Vec::with_capacity(values.len());
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    for (i, value) in values.into_iter().enumerate() {
        let at = format!("lists[{i}]");
        let Some(raw) = parse_at::<ListV2>(value, &at, problems) else {
            continue;
        };
        let draft = ListDraft {
            name: raw.name,
            description: raw.description,
        };
        let Some(draft) = draft
            .validate()
            .map_err(|p| problems.extend_prefixed(&at, p))
            .ok()
        else {
            continue;
        };
        if !names.insert(crate::list::name_key(&draft.name)) {
            problems.push(
                format!("{at}.name"),
                format!("a list called \"{}\" appears twice in the file", draft.name),
            );
        }
        let id = raw.id.unwrap_or_else(|| {
            let key = format!("list:{}", crate::list::name_key(&draft.name));
            Uuid::new_v5(&ID_NAMESPACE, key.as_bytes())
        });
        if !ids.insert(id) {
            problems.push(
                format!("{at}.id"),
                format!("{id} appears twice in the file"),
            );
        }
        let mut entries = Vec::with_capacity(raw.entries.len());
        for (j, entry) in raw.entries.into_iter().enumerate() {
            let at = format!("{at}.entries[{j}]");
            let target = match (entry.scene, entry.drama) {
                (Some(scene), None) => EntryRef::Scene(scene),
                (None, Some(drama)) => EntryRef::Drama(drama),
                _ => {
                    problems.push(&at, "names neither a scene nor a drama, or both; give one");
                    continue;
                }
            };
            match crate::list::note_text(&entry.note) {
                Ok(note) => entries.push(ValidListEntry { target, note }),
                Err(why) => problems.push(format!("{at}.note"), why),
            }
        }
        let created_at = raw.created_at.unwrap_or(now);
        lists.push(ValidList {
            id,
            draft,
            created_at,
            updated_at: raw.updated_at.unwrap_or(created_at),
            entries,
        });
    }
    lists
}

/// Checks the format and the version; gives the version.
fn check_header(root: &serde_json::Map<String, Value>) -> Result<u64, Problems> {
    match root.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(Problems::one(
                "format",
                format!(
                    "{} is not a Drakor file (expected \"{FORMAT}\")",
                    crate::text::shown(f)
                ),
            ));
        }
        Some(other) => {
            return Err(Problems::one(
                "format",
                format!("expected \"{FORMAT}\", found {}", kind_of(other)),
            ));
        }
        None => {
            return Err(Problems::one(
                "format",
                format!("missing; a Drakor file says \"format\": \"{FORMAT}\""),
            ));
        }
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(v @ 1..=VERSION) => Ok(v),
        Some(v) if v > VERSION => Err(Problems::one(
            "version",
            format!(
                "{v} is newer than this Drakor reads (up to {VERSION}); update Drakor to import this file"
            ),
        )),
        Some(v) => Err(Problems::one(
            "version",
            format!("{v} is not a known version"),
        )),
        None => Err(Problems::one("version", "missing or not a whole number")),
    }
}

fn read_drama(
    value: Value,
    at: &str,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<ValidDrama> {
    let Value::Object(mut object) = value else {
        problems.push(
            at,
            format!("expected a drama object, found {}", kind_of(&value)),
        );
        return None;
    };
    let episodes = take_list(&mut object, "episodes", at, problems);
    let scenes = take_list(&mut object, "scenes", at, problems);
    let raw: DramaV1 = parse_at(Value::Object(object), at, problems)?;
    let (raw_id, raw_created_at, raw_updated_at) = (raw.id, raw.created_at, raw.updated_at);
    let draft = DramaDraft::from(raw);
    let fields = draft
        .validate()
        .map_err(|p| problems.extend_prefixed(at, p))
        .ok();
    let id = raw_id.unwrap_or_else(|| {
        let key = format!(
            "drama:{}:{:?}",
            draft.title.trim().to_lowercase(),
            draft.year
        );
        Uuid::new_v5(&ID_NAMESPACE, key.as_bytes())
    });
    let mut valid_episodes = Vec::with_capacity(episodes.len());
    let mut seen = HashSet::new();
    for (j, value) in episodes.into_iter().enumerate() {
        let at = format!("{at}.episodes[{j}]");
        if let Some(episode) = read_episode(value, &at, problems) {
            if !seen.insert((episode.season, episode.number)) {
                problems.push(
                    &at,
                    format!(
                        "season {} episode {} appears twice",
                        episode.season, episode.number
                    ),
                );
            }
            valid_episodes.push(episode);
        }
    }
    let valid_scenes = scenes
        .into_iter()
        .enumerate()
        .filter_map(|(j, value)| read_scene(value, id, &format!("{at}.scenes[{j}]"), now, problems))
        .collect();
    let created_at = raw_created_at.unwrap_or(now);
    Some(ValidDrama {
        id,
        id_given: raw_id.is_some(),
        fields: fields?,
        created_at,
        updated_at: raw_updated_at.unwrap_or(created_at),
        episodes: valid_episodes,
        scenes: valid_scenes,
    })
}

fn read_episode(value: Value, at: &str, problems: &mut Problems) -> Option<ValidEpisode> {
    let mut raw: EpisodeV1 = parse_at(value, at, problems)?;
    let mut ok = check_episode_ref(raw.season, raw.number)
        .map_err(|p| problems.extend_prefixed(at, renamed(p, "episode", "number")))
        .is_ok();
    let (season, number) = (raw.season, raw.number);
    let watched_at = std::mem::take(&mut raw.watched_at);
    let updated_at = raw.updated_at;
    let notes = EpisodeNotes::from(raw)
        .validate()
        .map_err(|p| {
            ok = false;
            problems.extend_prefixed(at, p)
        })
        .ok()?;
    ok.then(|| ValidEpisode {
        season,
        number,
        notes,
        watched_at: watched_at.into_iter().collect(),
        updated_at,
    })
}

fn read_scene(
    value: Value,
    drama: Uuid,
    at: &str,
    now: DateTime<Utc>,
    problems: &mut Problems,
) -> Option<ValidScene> {
    let raw: SceneV1 = parse_at(value, at, problems)?;
    let (raw_id, raw_created_at, raw_updated_at) = (raw.id, raw.created_at, raw.updated_at);
    let draft = SceneDraft::from(raw);
    let fields = draft
        .validate()
        .map_err(|p| problems.extend_prefixed(at, p))
        .ok()?;
    let id = raw_id.unwrap_or_else(|| {
        let key = format!(
            "scene:{}:{}:{}:{}",
            fields.season,
            fields.episode,
            fields.start.as_millis(),
            fields.title
        );
        Uuid::new_v5(&drama, key.as_bytes())
    });
    let created_at = raw_created_at.unwrap_or(now);
    Some(ValidScene {
        id,
        fields,
        created_at,
        updated_at: raw_updated_at.unwrap_or(created_at),
    })
}

/// Deserializes `value`, reporting a type error with its full path.
pub(super) fn parse_at<T: serde::de::DeserializeOwned>(
    value: Value,
    at: &str,
    problems: &mut Problems,
) -> Option<T> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                at.to_owned()
            } else {
                format!("{at}.{path}")
            };
            problems.push(field, e.into_inner().to_string());
        })
        .ok()
}

fn take_list(
    object: &mut serde_json::Map<String, Value>,
    key: &str,
    at: &str,
    problems: &mut Problems,
) -> Vec<Value> {
    match object.remove(key) {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => Vec::new(),
        Some(other) => {
            problems.push(
                format!("{at}.{key}"),
                format!("expected a list, found {}", kind_of(&other)),
            );
            Vec::new()
        }
    }
}

fn renamed(problems: Problems, from: &str, to: &str) -> Problems {
    let mut out = Problems::new();
    for p in problems.iter() {
        out.push(
            if p.field == from {
                to
            } else {
                p.field.as_str()
            },
            p.message.clone(),
        );
    }
    out
}

/// `a list`, `an object`, …: what a JSON value is, for messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
