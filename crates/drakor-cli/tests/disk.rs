//! `drakor` when the disk says no: a library in a read-only folder, a
//! read-only library file, a disk that fills up mid-import. The error is
//! one line a user understands, and the library stays as it was.
//!
//! The tests run as root here and in CI; root writes wherever it likes, so
//! `drakor` runs through `setpriv` with every capability dropped (it keeps
//! uid 0 but obeys permission bits like any user). A full disk is a file
//! size limit (`ulimit -f`, SIGXFSZ ignored): past it writes fail with
//! EFBIG, as they fail with ENOSPC on a full disk, and SQLite reports both
//! as a failed write.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{SAMPLE, expect_failure, names_in};
use drakor_core::{ExportOptions, Library};
use drakor_testkit::fixtures::write_big_import;
use serde_json::json;
use tempfile::TempDir;

/// How `drakor` is held back.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// No capabilities: permission bits apply, even to root.
    NoPrivileges,
    /// Files may not grow past this many bytes.
    FileSize(u64),
}

/// True when this process writes past permission bits (root with
/// CAP_DAC_OVERRIDE): found by trying, in a folder that forbids it.
fn is_privileged() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    set_mode(&locked, 0o555);
    let wrote = fs::write(locked.join("probe"), b"x").is_ok();
    set_mode(&locked, 0o755);
    wrote
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A library folder of its own, the library in a subfolder `lib`.
struct Setup {
    dir: TempDir,
    db: PathBuf,
}

impl Setup {
    /// A library holding the shared sample, closed cleanly.
    fn with_sample() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib").join("drakor.sqlite3");
        let setup = Setup { dir, db };
        let out = setup.drakor(None, &["import", SAMPLE]);
        assert!(out.status.success(), "{out:?}");
        setup
    }

    fn folder(&self) -> &Path {
        self.db.parent().unwrap()
    }

    /// Runs `drakor --db <db> args` under `limit`.
    fn drakor(&self, limit: Option<Limit>, args: &[&str]) -> Output {
        let exe = env!("CARGO_BIN_EXE_drakor");
        let mut cmd = match limit {
            Some(Limit::NoPrivileges) if is_privileged() => {
                let mut cmd = Command::new("setpriv");
                cmd.args(["--inh-caps=-all", "--bounding-set=-all", "--", exe]);
                cmd
            }
            Some(Limit::FileSize(bytes)) => {
                // `ulimit -f` counts 512-byte blocks in a POSIX shell.
                let script = format!(
                    "trap '' XFSZ; ulimit -f {}; exec \"$0\" \"$@\"",
                    bytes / 512
                );
                let mut cmd = Command::new("sh");
                cmd.arg("-c").arg(script).arg(exe);
                cmd
            }
            Some(Limit::NoPrivileges) | None => Command::new(exe),
        };
        let home = self.dir.path();
        cmd.env_remove("DRAKOR_DB")
            .env("HOME", home.join("home"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run drakor {args:?} ({limit:?}): {e}"))
    }

    /// Runs `args` under `limit`; it must fail with one line on stderr.
    fn fails(&self, limit: Limit, args: &[&str]) -> String {
        let output = self.drakor(Some(limit), args);
        let stderr = expect_failure(&output, 1, args);
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        stderr.trim_end().to_owned()
    }

    /// The library's bytes and content (after checking it is sound).
    fn snapshot(&self) -> (Vec<u8>, String) {
        let bytes = fs::read(&self.db).unwrap();
        let lib = Library::open(&self.db).unwrap();
        assert_eq!(lib.integrity_check().unwrap(), "ok");
        let mut content = Vec::new();
        lib.export_to(
            &mut content,
            &ExportOptions::everything(),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
        (bytes, String::from_utf8(content).unwrap())
    }
}

#[test]
fn a_library_cannot_be_created_in_a_read_only_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    fs::create_dir(&folder).unwrap();
    let setup = Setup {
        db: folder.join("drakor.sqlite3"),
        dir,
    };
    set_mode(&folder, 0o555);
    let stderr = setup.fails(Limit::NoPrivileges, &["add", "Goblin"]);
    set_mode(&folder, 0o755);
    assert_eq!(
        stderr,
        format!(
            "drakor: cannot open the library at {}: its folder {} is read-only, so a library \
             cannot be created there",
            setup.db.display(),
            fs::canonicalize(&folder).unwrap().display()
        )
    );
    assert!(names_in(&folder).is_empty(), "nothing was left behind");
}

#[test]
fn a_library_in_a_read_only_folder_is_refused_and_left_byte_identical() {
    let setup = Setup::with_sample();
    let (bytes, content) = setup.snapshot();
    let files = names_in(setup.folder());
    set_mode(setup.folder(), 0o555);
    let listed = setup.fails(Limit::NoPrivileges, &["list"]);
    let added = setup.fails(Limit::NoPrivileges, &["add", "Goblin"]);
    set_mode(setup.folder(), 0o755);
    let says = format!(
        "drakor: cannot open the library at {}: its folder {} is read-only, and Drakor needs to \
         write beside the library (its -wal and -shm files): make the folder writable, or copy \
         the library to a folder that is",
        setup.db.display(),
        fs::canonicalize(setup.folder()).unwrap().display()
    );
    assert_eq!(listed, says);
    assert_eq!(added, says);
    assert_eq!(names_in(setup.folder()), files, "no file was added");
    assert_eq!(
        setup.snapshot(),
        (bytes, content),
        "the library is byte-identical"
    );
}

#[test]
fn a_read_only_library_file_is_listed_but_not_changed() {
    let setup = Setup::with_sample();
    let (bytes, content) = setup.snapshot();
    set_mode(&setup.db, 0o444);
    let listed = setup.drakor(Some(Limit::NoPrivileges), &["list"]);
    let says =
        "cannot write the library: the file or its folder is read-only (check its permissions)";
    let added = setup.fails(Limit::NoPrivileges, &["add", "Goblin"]);
    let file = setup.dir.path().join("one.json");
    fs::write(
        &file,
        json!({ "format": "drakor", "version": 1, "dramas": [{ "title": "Goblin" }] }).to_string(),
    )
    .unwrap();
    let imported = setup.fails(Limit::NoPrivileges, &["import", file.to_str().unwrap()]);
    set_mode(&setup.db, 0o644);
    assert!(listed.status.success(), "reading still works: {listed:?}");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("My Liberation Notes"));
    assert_eq!(added, format!("drakor: {says}"));
    assert_eq!(
        imported,
        format!("drakor: cannot import {}: {says}", file.display())
    );
    assert_eq!(
        setup.snapshot(),
        (bytes, content),
        "the library is byte-identical"
    );
}

/// Far above what opening the library writes, far below what the big
/// import needs.
const ONE_MEGABYTE: u64 = 1024 * 1024;

#[test]
fn running_out_of_space_mid_import_says_so_and_leaves_the_library_as_it_was() {
    let setup = Setup::with_sample();
    let big = setup.dir.path().join("big.json");
    write_big_import(&big);
    let (bytes, content) = setup.snapshot();
    let stderr = setup.fails(
        Limit::FileSize(ONE_MEGABYTE),
        &["import", big.to_str().unwrap()],
    );
    assert_eq!(
        stderr,
        format!(
            "drakor: cannot import {}: cannot write to the disk: it is full or failing (disk I/O \
             error); free some space and try again",
            big.display()
        )
    );
    assert_eq!(
        setup.snapshot(),
        (bytes, content),
        "the library is byte-identical"
    );

    // With room again, the same import goes through.
    let output = setup.drakor(None, &["import", big.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("30 dramas added"));
}

#[test]
fn an_export_or_backup_that_cannot_be_written_leaves_nothing_behind() {
    let setup = Setup::with_sample();
    let big = setup.dir.path().join("big.json");
    write_big_import(&big);
    let output = setup.drakor(None, &["import", big.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let out = setup.dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let export = out.join("export.json");
    let backup = out.join("backup.sqlite3");

    let stderr = setup.fails(
        Limit::FileSize(ONE_MEGABYTE),
        &["export", "-o", export.to_str().unwrap()],
    );
    assert_eq!(
        stderr,
        format!(
            "drakor: cannot write {}: the disk is full, or the file is larger than it allows",
            export.display()
        )
    );
    let stderr = setup.fails(
        Limit::FileSize(ONE_MEGABYTE),
        &["backup", backup.to_str().unwrap()],
    );
    assert_eq!(
        stderr,
        "drakor: cannot write to the disk: it is full or failing (disk I/O error); free some \
         space and try again"
    );
    assert!(
        names_in(&out).is_empty(),
        "no half file: {:?}",
        names_in(&out)
    );

    set_mode(&out, 0o555);
    let exported = setup.fails(
        Limit::NoPrivileges,
        &["export", "-o", export.to_str().unwrap()],
    );
    let backed_up = setup.fails(Limit::NoPrivileges, &["backup", backup.to_str().unwrap()]);
    set_mode(&out, 0o755);
    assert_eq!(
        exported,
        format!(
            "drakor: cannot write {}: permission denied (the folder is read-only)",
            export.display()
        )
    );
    assert_eq!(
        backed_up,
        format!(
            "drakor: cannot write {}: permission denied (the folder is read-only)",
            backup.display()
        )
    );
    assert!(names_in(&out).is_empty());
}
