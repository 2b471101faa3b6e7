//! Replays the fuzzers' files through the fuzz bodies on stable, so every
//! `cargo test` checks again what fuzzing once found: the hand-written
//! seeds (`fuzz/seeds/`), the minimized corpus (`fuzz/corpus/`) and every
//! input that once crashed (`fuzz/regressions/`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use drakor_testkit::fuzzing;

/// The fuzz folder beside the workspace's crates.
fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every file of a target's seeds, corpus and regressions.
fn inputs_of(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for kind in ["seeds", "corpus", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a corpus folder lists").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs every input of `target` through `body` and fails naming each input
/// that panicked (the panic messages are printed above the failure).
fn replay(target: &str, body: fn(&[u8])) {
    let files = inputs_of(target);
    assert!(
        files.len() >= 5,
        "{target}: only {} inputs found under {}; the corpus should be there",
        files.len(),
        fuzz_dir().display()
    );
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = std::fs::read(path).expect("a corpus file reads");
            catch_unwind(AssertUnwindSafe(|| body(&data))).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn every_saved_import_json_input_is_read_or_refused_as_the_fuzzer_demands() {
    replay("import_json", fuzzing::import_json);
}

#[test]
fn every_saved_import_any_input_is_read_or_refused_as_the_fuzzer_demands() {
    replay("import_any", fuzzing::import_any);
}

#[test]
fn every_saved_scene_time_input_is_read_or_refused_as_the_fuzzer_demands() {
    replay("scene_time", fuzzing::scene_time);
}

#[test]
fn the_replay_fails_when_a_body_panics() {
    let result = catch_unwind(|| replay("scene_time", |_| panic!("a finding")));
    assert!(result.is_err(), "a panicking body must fail the replay");
}
