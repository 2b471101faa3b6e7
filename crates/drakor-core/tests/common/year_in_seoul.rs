//! The hand-built library of the statistics tests: eight dramas around New
//! Year 2026 in Seoul (+09:00). Instants are UTC; each comment gives the
//! day it is in Seoul.

use drakor_core::Library;
use serde_json::{Value, json};
use tempfile::TempDir;

use super::{Shortcuts, now, temp_library};

fn episode(season: u32, number: u32, runtime: Option<u32>, watched: &[&str]) -> Value {
    json!({ "season": season, "number": number, "runtime_min": runtime, "watched_at": watched })
}

fn scene(episode: u32, created: &str, tags: &[&str], people: &[&str]) -> Value {
    json!({ "season": 1, "episode": episode, "start": "10:00", "title": format!("Scene of {created}"),
            "tags": tags, "people": people, "created_at": created, "updated_at": created })
}

fn drama(title: &str, network: &str, status: &str, episodes: Vec<Value>) -> Value {
    json!({ "title": title, "network": network, "status": status, "total_episodes": 16,
            "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
            "episodes": episodes, "scenes": [] })
}

/// Eight dramas around New Year 2026 in Seoul.
pub fn library() -> (TempDir, Library) {
    let mut goblin = drama(
        "Goblin",
        "tvN",
        "completed",
        vec![
            // 2025-12-20, then a rewatch on 2026-01-10.
            episode(
                1,
                1,
                Some(70),
                &["2025-12-20T12:00:00Z", "2026-01-10T12:00:00Z"],
            ),
            // 2026-01-01 01:30: New Year's Day in Seoul, still 2025 in UTC.
            episode(1, 2, Some(70), &["2025-12-31T16:30:00Z"]),
            // 2025-12-31 23:59: the last minute of 2025.
            episode(1, 3, Some(90), &["2025-12-31T14:59:00Z"]),
            // 2026-01-02 00:00 exactly; no runtime: Goblin's usual, 70.
            episode(1, 4, None, &["2026-01-01T15:00:00Z"]),
            // 2025-12-30.
            episode(1, 5, Some(70), &["2025-12-30T03:00:00Z"]),
        ],
    );
    goblin["finished_on"] = json!("2026-01-02");
    goblin["scenes"] = json!([
        scene(
            1,
            "2026-01-10T13:00:00Z",
            &["kiss", "rain"],
            &["Gong Yoo", "Kim Go-eun"]
        ),
        scene(1, "2026-01-10T13:10:00Z", &["kiss"], &["Gong Yoo"]),
        // 2025-12-31 23:50 in Seoul.
        scene(3, "2025-12-31T14:50:00Z", &["sad"], &["Gong Yoo"]),
    ]);
    let mut liberation = drama(
        "My Liberation Notes",
        "JTBC",
        "watching",
        vec![
            // 2026-01-31 23:30.
            episode(1, 1, Some(75), &["2026-01-31T14:30:00Z"]),
            // 2026-02-01 00:30.
            episode(1, 2, Some(65), &["2026-01-31T15:30:00Z"]),
            // 2026-02-01, rewatched 2026-02-02; 75 and 65 tie: the shorter, 65.
            episode(
                1,
                3,
                None,
                &["2026-02-01T10:00:00Z", "2026-02-02T03:00:00Z"],
            ),
        ],
    );
    liberation["scenes"] = json!([
        // 2026-01-01 00:10 in Seoul.
        scene(2, "2025-12-31T15:10:00Z", &["confession"], &["Kim Ji-won"]),
        scene(
            3,
            "2026-02-01T10:30:00Z",
            &["kiss"],
            &["Kim Ji-won", "Son Seok-koo"]
        ),
    ]);
    let mut reply = drama(
        "Reply 1988",
        "tvN",
        "dropped",
        // 2026-03-05, an episode and a special, no runtimes at all: 60 each.
        vec![
            episode(1, 1, None, &["2026-03-05T03:00:00Z"]),
            episode(0, 1, None, &["2026-03-05T04:00:00Z"]),
        ],
    );
    reply["updated_at"] = json!("2026-06-01T00:00:00Z");
    let mut landing = drama("Crash Landing on You", "tvN", "plan_to_watch", vec![]);
    landing["scenes"] = json!([scene(1, "2026-04-01T00:00:00Z", &["rain"], &["Hyun Bin"])]);
    let mut signal = drama("Signal", "tvN", "dropped", vec![]);
    signal["updated_at"] = json!("2026-05-01T00:00:00Z");
    let stranger = drama("Stranger", "tvN", "dropped", vec![]);
    let mut sunshine = drama(
        "Mr. Sunshine",
        "Netflix",
        "completed",
        vec![episode(1, 1, Some(80), &["2025-11-29T12:00:00Z"])],
    );
    sunshine["finished_on"] = json!("2025-11-30");
    let heaven = drama(
        "Move to Heaven",
        "Netflix",
        "watching",
        vec![
            // 2026-12-31 23:59, then 2027-01-01 00:00.
            episode(1, 1, Some(50), &["2026-12-31T14:59:00Z"]),
            episode(1, 2, Some(50), &["2026-12-31T15:00:00Z"]),
        ],
    );
    let file = json!({ "format": "drakor", "version": 1, "dramas": [
        goblin, liberation, reply, landing, signal, stranger, sunshine, heaven
    ]});
    let (dir, mut lib) = temp_library();
    lib.import_json(&file.to_string(), now(), false).unwrap();
    (dir, lib)
}
