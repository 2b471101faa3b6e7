//! Writes survive a crash, and two writers at once both get through.
//!
//! The real `drakor` binary is killed with SIGKILL at seeded random moments
//! during a large import and during a loop of range marks; each time the
//! library must reopen sound (`PRAGMA integrity_check` says `ok`) and hold
//! exactly the state before the write or the state after it, never a mix.
//! Then two `drakor` processes write 500 times each at once: every run
//! must succeed (no "database is locked") and every write must be there.
//! And `drakor backup` taken while another process writes gives sound copies.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use drakor_core::{ExportOptions, Library, Status};
use drakor_testkit::generate::{self, SplitMix64};
use tempfile::TempDir;

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).unwrap()
}

/// `drakor --db DB` in an environment that cannot reach a real library.
fn drakor(dir: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drakor"));
    cmd.env_remove("DRAKOR_DB")
        .env("HOME", dir.join("home"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_ok(dir: &Path, db: &Path, args: &[&str]) {
    let output = drakor(dir, db).args(args).output().unwrap();
    assert_ran(&output, args);
}

fn assert_ran(output: &Output, args: &[&str]) {
    assert!(
        output.status.success(),
        "drakor {args:?} exited {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The whole library as its export shows it, at a fixed instant, after
/// checking the file is sound.
fn state(db: &Path) -> String {
    let library = Library::open(db).unwrap();
    assert_eq!(
        library.integrity_check().unwrap(),
        "ok",
        "{} must pass PRAGMA integrity_check",
        db.display()
    );
    let mut out = Vec::new();
    library
        .export_to(&mut out, &ExportOptions::everything(), base())
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// Counts for a message: dramas, episodes, watch events, scenes.
fn sizes(json: &str) -> String {
    let file: drakor_core::LibraryFile = serde_json::from_str(json).unwrap();
    generate::Sizes::of(&file).to_string()
}

/// Copies a closed library file (and its WAL, if one was left) to `to`.
fn copy_library(from: &Path, to: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(to, suffix));
    }
    std::fs::copy(from, to).unwrap();
    let wal = with_suffix(from, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, with_suffix(to, "-wal")).unwrap();
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

fn write_library(path: &Path, spec: &generate::Spec) -> drakor_core::LibraryFile {
    let file = generate::library(spec, base()).unwrap();
    std::fs::write(path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    file
}

/// Starts `drakor args`, kills it with SIGKILL after `delay` (unless it
/// ended first) and says whether it was killed.
fn kill_after(dir: &Path, db: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = drakor(dir, db).args(args).spawn().unwrap();
    let deadline = Instant::now() + delay;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "drakor {args:?} failed on its own: {status}"
            );
            return false;
        }
        if Instant::now() >= deadline {
            // std's kill is SIGKILL on Unix: no destructor, no rollback.
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_library_before_or_after_it() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    // The library before: a small library of its own.
    let small = d.join("small.json");
    write_library(&small, &generate::Spec::new(12, 300, 2));
    let before_db = d.join("before.sqlite3");
    run_ok(d, &before_db, &["import", small.to_str().unwrap()]);
    let before = state(&before_db);
    // The import: 200 dramas, 10,000 scenes.
    let big = d.join("big.json");
    write_library(&big, &generate::Spec::new(200, 10_000, 1));
    let args = ["import", big.to_str().unwrap()];
    let after_db = d.join("after.sqlite3");
    copy_library(&before_db, &after_db);
    let started = Instant::now();
    run_ok(d, &after_db, &args);
    let whole = started.elapsed();
    let after = state(&after_db);
    assert_ne!(before, after);

    let mut rng = SplitMix64::new(20_261_121);
    let (mut killed_before, mut killed_after, mut finished) = (0, 0, 0);
    let victim = d.join("victim.sqlite3");
    for point in 0..20 {
        copy_library(&before_db, &victim);
        // Anywhere from the start to a little past the usual end.
        let delay = whole.mul_f64(rng.unit() * 1.15);
        let killed = kill_after(d, &victim, &args, delay);
        let now = state(&victim);
        if now == before {
            killed_before += 1;
        } else if now == after {
            if killed {
                killed_after += 1;
            } else {
                finished += 1;
            }
        } else {
            panic!(
                "kill point {point} ({delay:?} into a {whole:?} import) left a mix: {} \
                 (before: {}; after: {})",
                sizes(&now),
                sizes(&before),
                sizes(&after)
            );
        }
    }
    eprintln!(
        "import of {whole:?}: {killed_before} kills left the library before it, \
         {killed_after} after it; {finished} runs ended before their kill"
    );
    assert!(
        killed_before > 0,
        "some kills should land before the import commits"
    );
}

#[test]
fn range_marks_killed_at_any_moment_land_whole_or_not_at_all() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let json = d.join("library.json");
    let file = write_library(&json, &generate::Spec::new(40, 800, 3));
    let db = d.join("library.sqlite3");
    run_ok(d, &db, &["import", json.to_str().unwrap()]);
    // Rewatches of completed dramas: 16 new watch events each, and no
    // status change, so the state after a mark does not depend on the clock.
    let dramas: Vec<String> = file
        .dramas
        .iter()
        .filter(|d| d.status == Status::Completed && d.total_episodes >= Some(16))
        .filter_map(|d| d.id.map(|id| id.to_string()))
        .collect();
    assert!(dramas.len() >= 5, "the library has completed dramas");

    let marks = 30;
    let mark = |i: usize| -> Vec<String> {
        let at = base() - chrono::Duration::hours(i as i64 + 1);
        vec![
            "watch".into(),
            dramas[i % dramas.len()].clone(),
            "1-16".into(),
            "--rewatch".into(),
            "--at".into(),
            at.to_rfc3339(),
        ]
    };
    // The states the loop goes through when nothing is killed.
    let reference = d.join("reference.sqlite3");
    copy_library(&db, &reference);
    let mut states = vec![state(&reference)];
    let mut longest = Duration::ZERO;
    for i in 0..marks {
        let args = mark(i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        run_ok(d, &reference, &args);
        longest = longest.max(started.elapsed());
        states.push(state(&reference));
    }

    let mut rng = SplitMix64::new(16);
    let (mut lost, mut landed) = (0, 0);
    for (i, expected) in states.windows(2).enumerate() {
        let args = mark(i);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let delay = longest.mul_f64(rng.unit() * 1.1);
        kill_after(d, &db, &args, delay);
        let now = state(&db);
        if now == expected[0] {
            lost += 1;
            // The write did not happen: do it again, as the user would.
            run_ok(d, &db, &args);
            assert_eq!(state(&db), expected[1], "mark {i} run again");
        } else if now == expected[1] {
            landed += 1;
        } else {
            panic!(
                "killing mark {i} after {delay:?} left a mix: {} (before: {}; after: {})",
                sizes(&now),
                sizes(&expected[0]),
                sizes(&expected[1])
            );
        }
    }
    eprintln!("{marks} range marks killed: {lost} left nothing, {landed} landed whole");
}

#[test]
fn two_writers_at_once_both_get_through_and_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let d = dir.path().to_owned();
    let db = d.join("library.sqlite3");
    run_ok(&d, &db, &["add", "Writer One", "--episodes", "16"]);
    run_ok(&d, &db, &["add", "Writer Two", "--episodes", "16"]);
    let writes = 500;
    let writers: Vec<_> = ["Writer One", "Writer Two"]
        .into_iter()
        .map(|drama| {
            let (d, db) = (d.clone(), db.clone());
            thread::spawn(move || {
                for i in 0..writes {
                    let episode = (i % 16 + 1).to_string();
                    let at = format!("{}:{:02}", i / 60, i % 60);
                    let title = format!("{drama} scene {i}");
                    let args = [
                        "scene",
                        "add",
                        drama,
                        "--episode",
                        &episode,
                        "--at",
                        &at,
                        "--title",
                        &title,
                    ];
                    let output = drakor(&d, &db).args(args).output().unwrap();
                    assert_ran(&output, &args);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let library = Library::open(&db).unwrap();
    assert_eq!(library.integrity_check().unwrap(), "ok");
    for drama in ["Writer One", "Writer Two"] {
        let id = library.find_drama(drama).unwrap();
        let scenes = library.get_drama(id).unwrap().scenes;
        assert_eq!(scenes.len(), writes, "every scene of {drama} is there");
    }
}

#[test]
fn a_backup_taken_while_the_app_writes_is_a_sound_copy() {
    let dir = TempDir::new().unwrap();
    let d = dir.path().to_owned();
    let db = d.join("library.sqlite3");
    // The app: the library held open by another process's connection,
    // writing scene after scene while `drakor backup` runs.
    let mut app = Library::open(&db).unwrap();
    let drama = app
        .add_drama(&drakor_core::DramaDraft::titled("Goblin"), base())
        .unwrap()
        .id;
    let writes = 300;
    let writer = thread::spawn(move || {
        for i in 0..writes {
            let scene = drakor_core::SceneDraft {
                episode: 1,
                start: format!("{}:{:02}", i / 60, i % 60),
                title: format!("Scene {i}"),
                ..drakor_core::SceneDraft::default()
            };
            app.add_scene(drama, &scene, base()).unwrap();
        }
        app
    });
    let mut copies = Vec::new();
    for n in 0..3 {
        let copy = d.join(format!("backup-{n}.sqlite3"));
        run_ok(&d, &db, &["backup", copy.to_str().unwrap()]);
        copies.push(copy);
    }
    let app = writer.join().unwrap();
    for copy in &copies {
        let restored = Library::open(copy).unwrap();
        assert_eq!(restored.integrity_check().unwrap(), "ok", "{copy:?}");
        let id = restored.find_drama("Goblin").unwrap();
        let scenes = restored.get_drama(id).unwrap().scenes.len();
        assert!(scenes <= writes, "{copy:?} holds {scenes} scenes");
    }
    assert_eq!(app.get_drama(drama).unwrap().scenes.len(), writes);
}
