//! Helpers for driving the `drakor` binary as a user would: each test gets
//! its own library in a temp folder, and the binary never sees the real
//! library (`DRAKOR_DB` is removed and the home folders point into the
//! temp folder).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The sample library of the repository's test fixtures.
pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/sample-library.json"
);

/// `drakor` with no library chosen, in an environment that cannot reach
/// the user's real library.
pub fn drakor_in(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drakor"));
    cmd.env_remove("DRAKOR_DB")
        .env_remove("DRAKOR_TMDB_TOKEN")
        .env_remove("DRAKOR_TMDB_URL")
        .env("HOME", home.join("home"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1");
    cmd
}

/// A library file in a temp folder of its own.
pub struct TempLibrary {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl TempLibrary {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("drakor.sqlite3");
        TempLibrary { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `drakor --db <this library>`.
    pub fn cmd(&self) -> Command {
        let mut cmd = drakor_in(self.dir.path());
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.cmd().args(args).output().unwrap();
        assert!(
            output.status.success(),
            "drakor {args:?} should succeed but exited {:?}\nstderr: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("the output is UTF-8")
    }

    /// Runs a command that must fail with `code`, and returns its stderr
    /// after checking it is a clean message, not a panic or a debug dump.
    pub fn fail(&self, args: &[&str], code: i32) -> String {
        let output = self.cmd().args(args).output().unwrap();
        expect_failure(&output, code, args)
    }

    /// The library's `dramas` as its export shows them: everything in it,
    /// without the export's own timestamp.
    pub fn dramas(&self) -> Value {
        let export: Value = serde_json::from_str(&self.run(&["export"])).unwrap();
        export["dramas"].clone()
    }

    /// Imports the shared sample library.
    pub fn with_sample(self) -> Self {
        self.run(&["import", SAMPLE]);
        self
    }
}

/// Checks a failed run: the exit code, and a stderr of `drakor: ` lines
/// (usage errors are clap's `error: ` lines) with no panic or Debug output.
pub fn expect_failure(output: &Output, code: i32, args: &[&str]) -> String {
    let stderr = String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8");
    assert_eq!(
        output.status.code(),
        Some(code),
        "drakor {args:?} should exit {code}; stderr: {stderr}"
    );
    assert!(
        stderr.starts_with("drakor: ") || (code == 2 && stderr.starts_with("error: ")),
        "errors start with `drakor: `, got: {stderr}"
    );
    for dump in [
        "panicked",
        "RUST_BACKTRACE",
        "Error {",
        "Invalid(",
        "Problems(",
    ] {
        assert!(
            !stderr.contains(dump),
            "stderr should be a message, not {dump:?}: {stderr}"
        );
    }
    stderr
}

#[allow(unused_imports)]
pub use drakor_testkit::fixtures::names_in;

/// The id printed in parentheses by `add` (`added "Title" (id)`).
pub fn id_in(line: &str) -> String {
    let start = line.rfind('(').unwrap() + 1;
    let end = line.rfind(')').unwrap();
    line[start..end].trim_start_matches("id ").to_owned()
}
