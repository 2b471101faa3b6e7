//! The .deb installs what a fan needs: the app with its desktop entry and
//! icons, and the `drakor` command line with its manual pages, depending on
//! runtime libraries only. The package is unpacked with `dpkg-deb -x` into
//! a temp folder, so the machine is not changed, and the unpacked programs
//! are run from there: the CLI fills a library, the app shows it.
//!
//! The package: `DRAKOR_DEB` (relative to the workspace root), else the one `make deb-debug` (run by
//! `make test` and `make e2e`) bundles from this target dir's build,
//! `target/debug/bundle/deb/Drakor_<version>_<arch>.deb`. To check the
//! release package: `make package`, then
//! `DRAKOR_DEB=target/release/bundle/deb/Drakor_0.1.0_amd64.deb cargo test --workspace --test package`
//! (`--workspace`, as `make test` builds: `-p drakor-e2e` would compile
//! many dependencies again with other features).
#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use drakor_e2e::{Launch, Result};
use tempfile::TempDir;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The .deb under test and, unless `DRAKOR_DEB` names it, the target
/// profile directory its binaries were bundled from. Panics, saying how to
/// build it, when there is none.
fn deb() -> (PathBuf, Option<PathBuf>) {
    if let Some(path) = std::env::var_os("DRAKOR_DEB") {
        // Relative to the workspace root, where `make package` is run.
        let path = drakor_e2e::workspace_root().join(path);
        assert!(
            path.is_file(),
            "DRAKOR_DEB points to {}, which is not a file",
            path.display()
        );
        return (path, None);
    }
    // target/<profile>/deps/<test binary> -> target/<profile>
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    let dir = profile_dir.join("bundle/deb");
    let prefix = format!("Drakor_{VERSION}_");
    let found: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.starts_with(&prefix) && name.ends_with(".deb"))
                })
                .collect()
        })
        .unwrap_or_default();
    let [deb] = found.as_slice() else {
        panic!(
            "expected one {prefix}*.deb in {}, found {}: build it with `make deb-debug` \
             (`make test` and `make e2e` do), or build the release one with `make package` \
             and name it in DRAKOR_DEB",
            dir.display(),
            found.len()
        );
    };
    (deb.clone(), Some(profile_dir.to_owned()))
}

/// Panics unless the unpacked binaries are the ones cargo last built in
/// `profile_dir` (and the app is newer than its sources): a package
/// bundled before the last build is stale. Compared by content, since the
/// bundler rewrites the app binary after packing it.
fn assert_fresh(root: &Path, profile_dir: &Path) {
    let app = drakor_e2e::app_binary().unwrap_or_else(|e| panic!("{e}"));
    for (packed, built) in [
        ("usr/bin/drakor-app", app),
        ("usr/bin/drakor", profile_dir.join("drakor")),
    ] {
        assert!(
            same_content(&root.join(packed), &built),
            "the package's /{packed} is not {}: bundle it again with `make deb-debug`",
            built.display()
        );
    }
}

fn same_content(a: &Path, b: &Path) -> bool {
    let open = |path: &Path| {
        fs::File::open(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    };
    let (mut a, mut b) = (BufReader::new(open(a)), BufReader::new(open(b)));
    loop {
        let (chunk_a, chunk_b) = (a.fill_buf().unwrap(), b.fill_buf().unwrap());
        let n = chunk_a.len().min(chunk_b.len());
        if chunk_a[..n] != chunk_b[..n] {
            return false;
        }
        if n == 0 {
            return chunk_a.is_empty() && chunk_b.is_empty();
        }
        a.consume(n);
        b.consume(n);
    }
}

/// Runs a command to success and gives its stdout.
fn run(command: &mut Command) -> String {
    let output: Output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The package's files, unpacked into a temp folder (`dpkg-deb -x`).
fn unpacked(deb: &Path) -> TempDir {
    let root = tempfile::Builder::new()
        .prefix("drakor-deb-")
        .tempdir()
        .unwrap();
    run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(root.path()));
    root
}

/// The package names in a Depends field, without versions or alternatives' bars.
fn depends(control: &str) -> Vec<String> {
    let field = control
        .lines()
        .find_map(|line| line.strip_prefix("Depends:"))
        .unwrap_or_else(|| panic!("the control file has no Depends:\n{control}"));
    field
        .split([',', '|'])
        .map(|item| item.split('(').next().unwrap_or("").trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn the_control_file_names_the_package_and_runtime_libraries_only() {
    let (deb, _) = deb();
    let control = run(Command::new("dpkg-deb").arg("-f").arg(&deb));
    let field = |name: &str| {
        control
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in the control file:\n{control}"))
            .to_owned()
    };
    assert_eq!(field("Package"), "drakor");
    assert_eq!(field("Version"), VERSION);
    let arch = run(Command::new("dpkg").arg("--print-architecture"));
    assert_eq!(field("Architecture"), arch.trim());
    assert!(
        field("Description").contains("K-drama"),
        "{}",
        field("Description")
    );

    let depends = depends(&control);
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(
            depends.iter().any(|d| d == needed),
            "Depends has {needed}: {depends:?}"
        );
    }
    let dev: Vec<&String> = depends.iter().filter(|d| d.ends_with("-dev")).collect();
    assert!(
        dev.is_empty(),
        "a user's machine needs no -dev package: {dev:?}"
    );

    // Every file belongs to root (uid and gid 0), as installed files must.
    let listing = run(Command::new("dpkg-deb").arg("-c").arg(&deb));
    for line in listing.lines() {
        let owner = line.split_whitespace().nth(1).unwrap_or("");
        assert!(
            owner == "0/0" || owner == "root/root",
            "owned by root: {line}"
        );
    }
}

#[test]
fn the_package_holds_the_app_the_cli_the_desktop_entry_icons_and_man_pages() {
    let (deb, profile_dir) = deb();
    let root = unpacked(&deb);
    let root = root.path();
    if let Some(profile_dir) = profile_dir {
        assert_fresh(root, &profile_dir);
    }

    for binary in ["usr/bin/drakor-app", "usr/bin/drakor"] {
        let mode = fs::metadata(root.join(binary))
            .unwrap_or_else(|e| panic!("the package has no {binary}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o755, 0o755, "{binary} is executable: {mode:o}");
    }

    let entry_path = root.join("usr/share/applications/Drakor.desktop");
    let entry = fs::read_to_string(&entry_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", entry_path.display()));
    let key = |name: &str| {
        entry
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("the desktop entry has no {name}=:\n{entry}"))
    };
    assert_eq!(entry.lines().next(), Some("[Desktop Entry]"));
    assert_eq!(key("Type"), "Application");
    assert_eq!(key("Name"), "Drakor");
    assert_eq!(key("Name[ko]"), "드라코르");
    assert_eq!(key("Exec"), "drakor-app");
    assert_eq!(key("Icon"), "drakor-app");
    assert!(!key("Comment").is_empty(), "{entry}");
    assert!(key("Categories").starts_with("AudioVideo;"), "{entry}");

    let icon = root.join("usr/share/icons/hicolor/128x128/apps/drakor-app.png");
    let png = fs::read(&icon).unwrap_or_else(|e| panic!("cannot read {}: {e}", icon.display()));
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is a PNG",
        icon.display()
    );

    let man = root.join("usr/share/man/man1");
    for page in ["drakor.1.gz", "drakor-import.1.gz", "drakor-scene-add.1.gz"] {
        assert!(man.join(page).is_file(), "the package has {page}");
    }
    let page = run(Command::new("gzip").arg("-dc").arg(man.join("drakor.1.gz")));
    assert!(page.contains(".TH drakor 1"), "a man page: {page:.200}");
    assert!(page.contains(VERSION), "of this version: {page}");
}

#[tokio::test]
async fn the_unpacked_app_shows_a_library_the_unpacked_cli_filled() -> Result<()> {
    let (deb, _) = deb();
    let root = unpacked(&deb);
    let bin = root.path().join("usr/bin");
    let drakor = bin.join("drakor");

    let version = run(Command::new(&drakor).arg("--version"));
    assert_eq!(version.trim(), format!("drakor {VERSION}"));

    let db = root.path().join("library.sqlite3");
    let sample = drakor_e2e::workspace_root().join("tests/fixtures/sample-library.json");
    run(Command::new(&drakor)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&sample));

    let app = Launch::new()
        .binary(bin.join("drakor-app"))
        .db(&db)
        .start()
        .await?;
    app.wait_for_text(".page-library .count", |t| t == "4 dramas")
        .await?;
    let mut titles = Vec::new();
    for card in app.find_all(".drama-card .title").await? {
        titles.push(card.text().await?);
    }
    assert!(
        titles.iter().any(|t| t == "My Liberation Notes"),
        "the Library screen lists the imported dramas: {titles:?}"
    );
    app.wait_for_attr("#app-version", "data-state", "ready")
        .await?;
    assert_eq!(app.text("#app-version").await?, format!("Drakor {VERSION}"));
    app.close().await
}
