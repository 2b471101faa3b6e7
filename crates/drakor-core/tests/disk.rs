//! When the disk says no: a library in a read-only folder, a read-only
//! library file, and a disk that fills up in the middle of an import. Each
//! time the error says what happened in the user's words, and the library
//! on disk stays exactly as it was.
//!
//! The tests run as root here and in CI, and root writes wherever it likes,
//! so the part that meets the refusal runs in a child process (this test
//! binary again, running just that test) that cannot:
//! - for read-only folders and files, the child runs through `setpriv` with
//!   every capability dropped (as root) — it keeps uid 0 but, like any user,
//!   may no longer write where the permission bits say no;
//! - for a full disk, the child runs with a file size limit (`ulimit -f`,
//!   SIGXFSZ ignored, so writes past it fail with EFBIG the way they fail
//!   on a full disk) that the library's journal reaches mid-import.
#![allow(clippy::unwrap_used)]

mod common;

use drakor_testkit::fixtures::{names_in, write_big_import};

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use drakor_core::{DramaDraft, ExportFilter, ExportFormat, Library};
use serde_json::json;

/// Set in the child: the folder the test works in.
const CHILD_DIR: &str = "DRAKOR_DISK_TEST_DIR";

/// The folder to work in when this process is the child, else `None`.
fn child_dir() -> Option<PathBuf> {
    std::env::var_os(CHILD_DIR).map(PathBuf::from)
}

/// How the child is held back.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// No capabilities: permission bits apply, even to root.
    NoPrivileges,
    /// Files may not grow past this many bytes.
    FileSize(u64),
}

/// Runs the test `name` again in a child process under `limit`, working in
/// `dir`, and returns what it printed after `RESULT ` (one line).
fn in_child(name: &str, dir: &Path, limit: Limit) -> String {
    let test_binary = std::env::current_exe().unwrap();
    let mut cmd = match limit {
        Limit::NoPrivileges if is_privileged() => {
            let mut cmd = Command::new("setpriv");
            cmd.args(["--inh-caps=-all", "--bounding-set=-all", "--"])
                .arg(&test_binary);
            cmd
        }
        Limit::NoPrivileges => Command::new(&test_binary),
        Limit::FileSize(bytes) => {
            // `ulimit -f` counts 512-byte blocks in a POSIX shell.
            let script = format!(
                "trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"",
                bytes / 512
            );
            let mut cmd = Command::new("sh");
            cmd.arg("-c").arg(script).arg(&test_binary);
            cmd
        }
    };
    let output = cmd
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot start the child for {name} ({limit:?}): {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the child for {name} ({limit:?}) failed: {:?}\n{stdout}\n{stderr}",
        output.status
    );
    stdout
        .lines()
        .find_map(|line| line.split_once("RESULT ").map(|(_, result)| result))
        .unwrap_or_else(|| panic!("the child for {name} said nothing:\n{stdout}\n{stderr}"))
        .to_owned()
}

/// What the child reports: an error's code and message, or `ok`.
fn report<T>(result: drakor_core::Result<T>) {
    match result {
        Ok(_) => println!("RESULT ok"),
        Err(e) => println!("RESULT {}\t{e}", e.code()),
    }
}

/// True when this process writes past permission bits (root with
/// CAP_DAC_OVERRIDE): found by trying, in a folder that forbids it.
fn is_privileged() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let wrote = fs::write(locked.join("probe"), b"x").is_ok();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    wrote
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A folder holding a library with the sample in it, closed cleanly.
fn sample_library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib").join("drakor.sqlite3");
    let mut lib = Library::open(&db).unwrap();
    lib.import_json(&sample_text(), now(), false).unwrap();
    drop(lib);
    (dir, db)
}

/// The library's content, after checking that SQLite finds it sound.
fn checked_content(db: &Path) -> String {
    let lib = Library::open(db).unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok", "{}", db.display());
    content(&lib)
}

#[test]
fn a_library_cannot_be_created_in_a_read_only_folder() {
    if let Some(dir) = child_dir() {
        return report(Library::open(dir.join("drakor.sqlite3")));
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    fs::create_dir(&folder).unwrap();
    set_mode(&folder, 0o555);
    let result = in_child(
        "a_library_cannot_be_created_in_a_read_only_folder",
        &folder,
        Limit::NoPrivileges,
    );
    set_mode(&folder, 0o755);
    let shown = fs::canonicalize(&folder).unwrap();
    assert_eq!(
        result,
        format!(
            "cannot_open\tcannot open the library at {}: its folder {} is read-only, so a \
             library cannot be created there",
            folder.join("drakor.sqlite3").display(),
            shown.display()
        )
    );
    assert!(names_in(&folder).is_empty(), "nothing was left behind");
}

#[test]
fn a_library_in_a_read_only_folder_is_refused_and_left_byte_identical() {
    if let Some(dir) = child_dir() {
        return report(Library::open(dir.join("drakor.sqlite3")));
    }
    let (_dir, db) = sample_library();
    let folder = db.parent().unwrap().to_owned();
    let before = fs::read(&db).unwrap();
    let files_before = names_in(&folder);
    let content_before = checked_content(&db);
    assert_eq!(
        names_in(&folder),
        files_before,
        "a clean close leaves no -wal"
    );

    set_mode(&folder, 0o555);
    let result = in_child(
        "a_library_in_a_read_only_folder_is_refused_and_left_byte_identical",
        &folder,
        Limit::NoPrivileges,
    );
    set_mode(&folder, 0o755);
    assert!(
        result.starts_with("cannot_open\tcannot open the library at "),
        "{result}"
    );
    assert!(
        result.contains("is read-only, and Drakor needs to write beside the library"),
        "the message says why: {result}"
    );
    assert_eq!(fs::read(&db).unwrap(), before, "the file is byte-identical");
    assert_eq!(names_in(&folder), files_before, "no file was added");
    assert_eq!(checked_content(&db), content_before);
}

#[test]
fn a_read_only_library_file_is_read_but_refuses_writes_with_a_clear_error() {
    if let Some(dir) = child_dir() {
        let db = dir.join("drakor.sqlite3");
        let mut lib = match Library::open(&db) {
            Ok(lib) => lib,
            Err(e) => return report::<()>(Err(e)),
        };
        let listed = lib.list_dramas(&Default::default()).unwrap().len();
        assert_eq!(listed, 4, "the sample is there to read");
        let added = lib.add_drama(&DramaDraft::titled("Goblin"), now());
        let file = json!({ "format": "drakor", "version": 1, "dramas": [{ "title": "Dokkaebi" }] });
        let imported = lib.import_json(&file.to_string(), now(), false);
        let add_error = added.map(|_| ()).unwrap_err();
        let import_error = imported.map(|_| ()).unwrap_err();
        assert_eq!(add_error.to_string(), import_error.to_string());
        return report::<()>(Err(add_error));
    }
    let (_dir, db) = sample_library();
    let content_before = checked_content(&db);
    let before = fs::read(&db).unwrap();
    set_mode(&db, 0o444);
    let result = in_child(
        "a_read_only_library_file_is_read_but_refuses_writes_with_a_clear_error",
        db.parent().unwrap(),
        Limit::NoPrivileges,
    );
    set_mode(&db, 0o644);
    assert_eq!(
        result,
        "read_only\tcannot write the library: the file or its folder is read-only (check its \
         permissions)"
    );
    assert_eq!(fs::read(&db).unwrap(), before, "the file is byte-identical");
    assert_eq!(checked_content(&db), content_before);
}

/// The file size limit for the full-disk child: far above what opening the
/// library writes, far below what the big import needs.
const ONE_MEGABYTE: u64 = 1024 * 1024;

#[test]
fn running_out_of_space_mid_import_leaves_the_library_as_it_was() {
    if let Some(dir) = child_dir() {
        let mut lib = Library::open(dir.join("lib").join("drakor.sqlite3")).unwrap();
        return report(lib.import_json_file(&dir.join("big.json"), now(), false));
    }
    let (dir, db) = sample_library();
    write_big_import(&dir.path().join("big.json"));
    let content_before = checked_content(&db);
    let before = fs::read(&db).unwrap();

    let result = in_child(
        "running_out_of_space_mid_import_leaves_the_library_as_it_was",
        dir.path(),
        Limit::FileSize(ONE_MEGABYTE),
    );
    assert_eq!(
        result,
        "disk_full\tcannot write to the disk: it is full or failing (disk I/O error); free some \
         space and try again"
    );
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "the library file is byte-identical"
    );
    assert_eq!(
        checked_content(&db),
        content_before,
        "nothing of the import landed"
    );

    // With room again, the same import goes through.
    let mut lib = Library::open(&db).unwrap();
    let summary = lib
        .import_json_file(&dir.path().join("big.json"), now(), false)
        .unwrap();
    assert_eq!(summary.dramas_added, 30);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn an_export_or_backup_that_runs_out_of_space_leaves_no_half_file() {
    if let Some(dir) = child_dir() {
        let lib = Library::open(dir.join("lib").join("drakor.sqlite3")).unwrap();
        let out = dir.join("out");
        let exported = lib.export_file_as(
            &out.join("export.json"),
            &ExportFilter::default(),
            ExportFormat::Json,
            now(),
        );
        let backed_up = lib.backup_to(out.join("backup.sqlite3"));
        let backup_error = backed_up.map(|_| ()).unwrap_err();
        assert_eq!(backup_error.code(), "disk_full", "{backup_error}");
        return report(exported);
    }
    let (dir, db) = sample_library();
    // Big enough that the export and the backup outgrow the limit.
    let mut lib = Library::open(&db).unwrap();
    lib.import_json_file(
        &{
            let path = dir.path().join("big.json");
            write_big_import(&path);
            path
        },
        now(),
        false,
    )
    .unwrap();
    drop(lib);
    fs::create_dir(dir.path().join("out")).unwrap();
    let result = in_child(
        "an_export_or_backup_that_runs_out_of_space_leaves_no_half_file",
        dir.path(),
        Limit::FileSize(ONE_MEGABYTE),
    );
    let export = dir.path().join("out").join("export.json");
    assert_eq!(
        result,
        format!(
            "disk_full\tcannot write {}: the disk is full, or the file is larger than it allows",
            export.display()
        )
    );
    assert!(
        names_in(&dir.path().join("out")).is_empty(),
        "no half-written export or backup is left behind: {:?}",
        names_in(&dir.path().join("out"))
    );
}

#[test]
fn an_export_into_a_read_only_folder_says_the_folder_is_read_only() {
    if let Some(dir) = child_dir() {
        let lib = Library::open(dir.join("lib").join("drakor.sqlite3")).unwrap();
        return report(lib.export_file_as_json(
            &dir.join("read-only").join("export.json"),
            &ExportFilter::default(),
            now(),
        ));
    }
    let (dir, _db) = sample_library();
    let folder = dir.path().join("read-only");
    fs::create_dir(&folder).unwrap();
    set_mode(&folder, 0o555);
    let result = in_child(
        "an_export_into_a_read_only_folder_says_the_folder_is_read_only",
        dir.path(),
        Limit::NoPrivileges,
    );
    set_mode(&folder, 0o755);
    assert_eq!(
        result,
        format!(
            "read_only\tcannot write {}: permission denied (the folder is read-only)",
            folder.join("export.json").display()
        )
    );
    assert!(names_in(&folder).is_empty());
}
