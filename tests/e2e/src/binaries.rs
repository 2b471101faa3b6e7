//! Finding the programs a test runs: the app under test ([`app_binary`],
//! refused when older than a source it was built from, as Cargo's dep-info
//! lists them), `tauri-driver`, any program on `PATH`, and the workspace
//! root.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::error::{Context, Error, Result};

/// The app binary under test: `DRAKOR_APP_BIN`, else `drakor-app` in the
/// same target dir as this test binary. Refuses a binary older than any
/// source it was built from, so a test never silently runs yesterday's UI.
/// Decided once per test binary, so all its tests agree even if a source
/// file is saved while they run.
pub fn app_binary() -> Result<PathBuf> {
    static DECIDED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    DECIDED
        .get_or_init(|| find_app_binary().map_err(|e| e.0))
        .clone()
        .map_err(Error)
}

fn find_app_binary() -> Result<PathBuf> {
    if let Some(path) = file_named_by("DRAKOR_APP_BIN") {
        return path;
    }
    // target/<profile>/deps/<test binary> -> target/<profile>/drakor-app
    let exe = std::env::current_exe().context(|| "cannot locate the test binary".into())?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or_else(|| Error::new("cannot locate the target directory"))?;
    let path = profile_dir.join("drakor-app");
    let built = fs::metadata(&path)
        .and_then(|m| m.modified())
        .map_err(|_| {
            Error(format!(
                "the app binary {} does not exist: build it first with \
             `cargo build -p drakor-app` (or run `make test`), or set DRAKOR_APP_BIN",
                path.display()
            ))
        })?;
    // Cargo's dep-info next to the binary lists every local file it was built
    // from, including each embedded ../ui asset and the ui directory itself.
    if let Ok(dep_info) = fs::read_to_string(profile_dir.join("drakor-app.d")) {
        for source in dep_info_sources(&dep_info) {
            let changed = fs::metadata(&source).and_then(|m| m.modified());
            if changed.is_ok_and(|changed| changed > built) {
                return Err(Error(format!(
                    "the app binary {} is older than {}: rebuild it with \
                     `cargo build -p drakor-app` before running the end-to-end tests",
                    path.display(),
                    source.display()
                )));
            }
        }
    }
    Ok(path)
}

/// The prerequisites listed in a Makefile-style dep-info file
/// (`target: dep dep…`, spaces in paths escaped as `\ `).
fn dep_info_sources(dep_info: &str) -> Vec<PathBuf> {
    let Some(first) = dep_info.lines().next() else {
        return Vec::new();
    };
    let Some((_, deps)) = first.split_once(": ") else {
        return Vec::new();
    };
    let mut sources = Vec::new();
    let mut current = String::new();
    let mut chars = deps.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.extend(chars.next()),
            c if c.is_whitespace() => {
                if !current.is_empty() {
                    sources.push(PathBuf::from(std::mem::take(&mut current)));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        sources.push(PathBuf::from(current));
    }
    sources
}

/// The file the environment variable `var` names, if it names one; an
/// error if what it names is not a file.
fn file_named_by(var: &str) -> Option<Result<PathBuf>> {
    let path = PathBuf::from(std::env::var_os(var)?);
    Some(if path.is_file() {
        Ok(path)
    } else {
        Err(Error(format!(
            "{var} points to {}, which is not a file",
            path.display()
        )))
    })
}

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .nth(2)
        .map_or_else(|| here.to_owned(), Path::to_owned)
}

pub(crate) fn tauri_driver_binary() -> Result<PathBuf> {
    if let Some(path) = file_named_by("DRAKOR_TAURI_DRIVER") {
        return path;
    }
    find_on_path("tauri-driver")
        .or_else(|| {
            let cargo_bin = std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?
                .join("bin/tauri-driver");
            cargo_bin.is_file().then_some(cargo_bin)
        })
        .ok_or_else(|| {
            Error::new(
                "tauri-driver not found on PATH or in ~/.cargo/bin: install it with \
                 `cargo install tauri-driver --locked --version ^2` (or run `make deps`), \
                 or set DRAKOR_TAURI_DRIVER",
            )
        })
}

pub(crate) fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dep_info_paths_with_escaped_spaces_are_read_whole() {
        let dep_info = "/t/drakor-app: /w/ui /w/ui/my\\ file.js /w/src/lib.rs\n\n/w/ui:\n";
        assert_eq!(
            dep_info_sources(dep_info),
            ["/w/ui", "/w/ui/my file.js", "/w/src/lib.rs"].map(PathBuf::from)
        );
    }
}
