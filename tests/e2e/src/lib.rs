//! End-to-end harness: drives the real `drakor-app` binary through
//! `tauri-driver` → `WebKitWebDriver`, under Xvfb when there is no display.
//!
//! Every [`App`] is fully isolated: its own Xvfb (unless a display is given),
//! its own `tauri-driver` on free ports, its own temp directory holding the
//! database (`DRAKOR_DB`), the XDG data/config/cache dirs and the logs. Tests
//! can therefore run in parallel, and a test never touches a real library.
//!
//! A test is a `#[tokio::test]` that returns [`Result`] and ends with
//! [`App::close`]:
//!
//! ```no_run
//! use drakor_e2e::{App, Launch, Result};
//!
//! #[tokio::test]
//! async fn the_library_starts_empty() -> Result<()> {
//!     let app = App::launch().await?; // or Launch::new().db(seeded_file).start()
//!     app.find(".empty-state").await?;
//!     app.close().await
//! }
//! ```
//!
//! Run them with `cargo build -p drakor-app && cargo test -p drakor-e2e`
//! (`make e2e`); one file with `--test window`, one test by adding its name.
//! The binary must be fresh: [`app_binary`] refuses one older than its sources.
//!
//! Teardown is a `Drop` guard: whether the test passes, returns an error or
//! panics, every process it started (Xvfb, tauri-driver, WebKitWebDriver, the
//! app and WebKit's helper processes) is terminated. A test that ends without
//! [`App::close`] is treated as failed: its temp directory is kept and the tail
//! of the driver log is printed (libtest shows it under the failing test).
//!
//! Environment knobs:
//! - `DRAKOR_APP_BIN`: the app binary (default: `drakor-app` next to the test
//!   binary's target dir, i.e. `target/debug/drakor-app`).
//! - `DRAKOR_TAURI_DRIVER`: the `tauri-driver` binary (default: `PATH`, then
//!   `~/.cargo/bin`).
//! - `DISPLAY`: used as is when set; otherwise a private Xvfb is started.
//!   `DRAKOR_E2E_XVFB=1` forces a private Xvfb even when `DISPLAY` is set.
//! - `DRAKOR_E2E_SHOTS=dir`: where [`App::shot`] saves screenshots (relative
//!   to the workspace root); unset, `shot` does nothing.
//! - `DRAKOR_E2E_KEEP=1`: keep every test's temp directory, passed or not.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File};
use std::future::Future;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock, PoisonError, mpsc};
use std::time::{Duration, Instant};

pub use fantoccini::elements::Element;
pub use fantoccini::{Client, Locator};

use fantoccini::ClientBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// How long helpers wait for an element or a text before giving up.
/// Generous: a debug WebKit build on a 2-core CI box is slow to first paint.
pub const WAIT: Duration = Duration::from_secs(20);

/// How long any single WebDriver command may take before the test fails
/// (instead of hanging): longer than [`WAIT`], which bounds the waits.
const COMMAND: Duration = Duration::from_secs(45);
/// Pause between two looks at the page while waiting for something.
const POLL: Duration = Duration::from_millis(100);
/// How long `tauri-driver` (and the native driver behind it) may take to be ready.
const DRIVER_READY: Duration = Duration::from_secs(30);
/// How long creating the session (launching the app) may take.
const SESSION_READY: Duration = Duration::from_secs(90);
/// How long Xvfb may take to announce its display.
const XVFB_READY: Duration = Duration::from_secs(15);
/// How many times a driver start that failed for a transient reason is retried.
const ATTEMPTS: u32 = 3;
/// Grace period between SIGTERM and SIGKILL at teardown.
const TERM_GRACE: Duration = Duration::from_secs(3);

/// The harness error: a message that says what was being done and why it failed.
pub struct Error(String);

/// `Result` with the harness [`Error`]; tests can return `drakor_e2e::Result<()>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

// Debug is what libtest prints when a test returns `Err`, so keep it readable.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<fantoccini::error::CmdError> for Error {
    fn from(e: fantoccini::error::CmdError) -> Self {
        Self(format!("WebDriver command failed: {e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Self(format!("I/O error: {e}"))
    }
}

trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error(format!("{}: {e}", what())))
    }
}

/// Options for starting the app; [`App::launch`] uses the defaults.
#[derive(Debug, Default)]
pub struct Launch {
    envs: Vec<(OsString, OsString)>,
    args: Vec<String>,
    db: Option<PathBuf>,
    binary: Option<PathBuf>,
}

impl Launch {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an environment variable for the app (and the drivers that start it).
    #[must_use]
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Passes a command-line argument to the app.
    #[must_use]
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Uses this database file (e.g. one seeded with the `drakor` CLI)
    /// instead of a fresh one in the test's temp directory.
    #[must_use]
    pub fn db(mut self, path: impl Into<PathBuf>) -> Self {
        self.db = Some(path.into());
        self
    }

    /// Starts this binary instead of [`app_binary`] (no freshness check):
    /// any Tauri app, e.g. a release build or the empty window the app's
    /// memory is measured against.
    #[must_use]
    pub fn binary(mut self, path: impl Into<PathBuf>) -> Self {
        self.binary = Some(path.into());
        self
    }

    /// Starts Xvfb (if needed), tauri-driver and the app, and opens a session.
    pub async fn start(self) -> Result<App> {
        let app_bin = match self.binary {
            Some(path) => path,
            None => app_binary()?,
        };
        let tauri_driver = tauri_driver_binary()?;
        let native_driver = find_on_path("WebKitWebDriver").ok_or_else(|| {
            Error::new(
                "WebKitWebDriver not found on PATH: install it with \
                 `apt-get install webkit2gtk-driver` (or run `make deps`)",
            )
        })?;

        let work = tempfile::Builder::new()
            .prefix("drakor-e2e-")
            .tempdir()
            .context(|| "cannot create the test's temp directory".into())?;
        let db_path = self
            .db
            .unwrap_or_else(|| work.path().join("drakor.sqlite3"));

        let mut app = App {
            client: None,
            app_bin: app_bin.clone(),
            display: None,
            launched_at: Instant::now(),
            db_path,
            driver: None,
            xvfb: None,
            work: Some(work),
            closed: false,
        };
        let work_dir = app.work_dir().to_owned();

        let own_display = std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
            || std::env::var_os("DRAKOR_E2E_XVFB").is_some_and(|v| v == "1");
        let display = if own_display {
            let (xvfb, display) = start_xvfb(&work_dir.join("xvfb.log"))?;
            app.xvfb = Some(xvfb);
            app.display = Some(display.clone());
            Some(display)
        } else {
            None
        };

        let mut env: Vec<(OsString, OsString)> = vec![
            ("DRAKOR_DB".into(), app.db_path.clone().into()),
            // Keep the app's own files (WebKit storage, config) out of the real home.
            ("XDG_DATA_HOME".into(), work_dir.join("data").into()),
            ("XDG_CONFIG_HOME".into(), work_dir.join("config").into()),
            ("XDG_CACHE_HOME".into(), work_dir.join("cache").into()),
            // No GPU under Xvfb or on CI: paint in software, or the page may
            // stay blank (see `save_screenshot` for its one side effect).
            ("WEBKIT_DISABLE_COMPOSITING_MODE".into(), "1".into()),
            // No accessibility bus in a headless session; silences GTK warnings.
            ("NO_AT_BRIDGE".into(), "1".into()),
        ];
        if let Some(display) = &display {
            env.push(("DISPLAY".into(), display.into()));
            env.push(("GDK_BACKEND".into(), "x11".into()));
        }
        env.extend(self.envs);

        let log = work_dir.join("driver.log");
        // Two transient failures are retried on a fresh driver and fresh
        // ports: a port taken between our probe and the driver's bind, and
        // tauri-driver's proxy reusing a connection the native driver just
        // closed (session creation fails with "connection reset").
        for attempt in 1..=ATTEMPTS {
            let (port, native_port) = free_port_pair()?;
            app.driver = Some(start_tauri_driver(
                &tauri_driver,
                &native_driver,
                port,
                native_port,
                &env,
                display.is_some(),
                &log,
            )?);
            let error = match wait_until_ready(port, app.driver.as_mut(), &log).await {
                Ready::Yes => {
                    let url = format!("http://127.0.0.1:{port}");
                    app.launched_at = Instant::now();
                    match new_session(&url, &app_bin, &self.args, &log).await {
                        Ok(client) => {
                            app.client = Some(client);
                            return Ok(app);
                        }
                        Err(Retry::Yes(e)) => e,
                        Err(Retry::No(e)) => return Err(e),
                    }
                }
                Ready::Exited(e) => e,
                Ready::TimedOut(e) => return Err(e),
            };
            if attempt == ATTEMPTS {
                return Err(error);
            }
            eprintln!("drakor-e2e: attempt {attempt} failed, retrying on a fresh driver: {error}");
            app.driver = None; // Drop stops it
        }
        unreachable!("the last attempt returns")
    }
}

/// A running app under WebDriver control. Dropping it tears everything down.
pub struct App {
    client: Option<Client>,
    app_bin: PathBuf,
    display: Option<String>,
    launched_at: Instant,
    db_path: PathBuf,
    // Field order is drop order: driver (and the app under it) before Xvfb.
    driver: Option<Proc>,
    xvfb: Option<Proc>,
    work: Option<TempDir>,
    closed: bool,
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("db_path", &self.db_path)
            .field("work", &self.work.as_ref().map(TempDir::path))
            .finish_non_exhaustive()
    }
}

impl App {
    /// Starts the app with a fresh, empty database.
    pub async fn launch() -> Result<Self> {
        Launch::new().start().await
    }

    /// The raw WebDriver client, for anything the helpers below do not cover.
    pub fn client(&self) -> &Client {
        match &self.client {
            Some(client) => client,
            None => unreachable!("the client exists from launch until close"),
        }
    }

    /// When the session that launched the app was requested: the driver
    /// starts the app on that request, so this is the app's launch.
    pub fn launched_at(&self) -> Instant {
        self.launched_at
    }

    /// The private Xvfb display the app runs on (e.g. `":3"`), if the
    /// harness started one.
    pub fn display(&self) -> Option<&str> {
        self.display.as_deref()
    }

    /// The app's process and all its descendants (WebKit's web and network
    /// processes…), parents first; empty if the app is not running.
    pub fn app_processes(&self) -> Vec<u32> {
        let Some(driver) = &self.driver else {
            return Vec::new();
        };
        let exe = fs::canonicalize(&self.app_bin).unwrap_or_else(|_| self.app_bin.clone());
        // The app is a child of the native driver, under tauri-driver.
        let app = process_tree(driver.child.id())
            .into_iter()
            .find(|pid| fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|path| path == exe));
        app.map(process_tree).unwrap_or_default()
    }

    /// The database file the app was started with (`DRAKOR_DB`).
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The test's private temp directory (database, logs, XDG dirs).
    pub fn work_dir(&self) -> &Path {
        match &self.work {
            Some(work) => work.path(),
            None => unreachable!("the temp dir exists until drop"),
        }
    }

    /// Waits (up to [`WAIT`]) for the first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Result<Element> {
        let wait = self
            .client()
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css));
        match tokio::time::timeout(COMMAND, wait).await {
            Ok(Ok(element)) => Ok(element),
            Ok(Err(fantoccini::error::CmdError::WaitTimeout)) | Err(_) => {
                Err(Error(format!("no element matches `{css}` after {WAIT:?}")))
            }
            Ok(Err(e)) => Err(Error(format!("cannot look up `{css}`: {e}"))),
        }
    }

    /// All elements matching a CSS selector right now (possibly none).
    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let find = self.client().find_all(Locator::Css(css));
        command(find, || format!("cannot look up `{css}`")).await
    }

    /// The rendered text of the first element matching `css` (waits for it).
    pub async fn text(&self, css: &str) -> Result<String> {
        let element = self.find(css).await?;
        command(element.text(), || {
            format!("cannot read the text of `{css}`")
        })
        .await
    }

    /// Waits until the text of `css` satisfies `ready` and returns it, e.g.
    /// `app.wait_for_text("#status", |t| t.contains("Saved")).await?`.
    pub async fn wait_for_text(&self, css: &str, ready: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + WAIT;
        let mut last = None;
        loop {
            if let Ok(element) = self.find_now(css).await
                && let Ok(text) = command(element.text(), String::new).await
            {
                if ready(&text) {
                    return Ok(text);
                }
                last = Some(text);
            }
            if Instant::now() >= deadline {
                return Err(Error(match last {
                    Some(text) => format!(
                        "the text of `{css}` never became what the test waits for \
                         within {WAIT:?}; last seen: {text:?}"
                    ),
                    None => format!("no element matches `{css}` after {WAIT:?}"),
                }));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until an element matching `css` exists and carries
    /// `attribute="value"`, e.g. `data-state="ready"` after a backend call.
    pub async fn wait_for_attr(&self, css: &str, attribute: &str, value: &str) -> Result<Element> {
        let deadline = Instant::now() + WAIT;
        let mut last = None;
        loop {
            if let Ok(element) = self.find_now(css).await {
                let seen = command(element.attr(attribute), String::new)
                    .await
                    .ok()
                    .flatten();
                if seen.as_deref() == Some(value) {
                    return Ok(element);
                }
                last = Some(seen);
            }
            if Instant::now() >= deadline {
                let seen = match last {
                    Some(seen) => format!("{seen:?}"),
                    None => "no such element".into(),
                };
                return Err(Error(format!(
                    "`{css}` never got {attribute}={value:?} within {WAIT:?}; last seen: {seen}"
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Clicks the first element matching `css` (waits for it).
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.find(css).await?;
        // The page scrolls inside `#view`, not the document; bring the
        // element to the middle of it first, as a user would scroll to it.
        let reference = serde_json::to_value(&element)
            .context(|| format!("cannot refer to `{css}` in a script"))?;
        command(
            self.client().execute(
                "arguments[0].scrollIntoView({ block: 'center' }); return true;",
                vec![reference],
            ),
            || format!("cannot scroll to `{css}`"),
        )
        .await?;
        command(element.click(), || format!("cannot click `{css}`")).await
    }

    /// Types `text` into the first element matching `css` (waits for it).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let element = self.find(css).await?;
        command(element.send_keys(text), || {
            format!("cannot type into `{css}`")
        })
        .await
    }

    /// Runs JavaScript in the page (`return …;` to get a value back).
    pub async fn eval(&self, script: &str) -> Result<serde_json::Value> {
        let run = self.client().execute(script, Vec::new());
        command(run, || format!("script failed in the page: {script}")).await
    }

    /// Saves a PNG screenshot of the window's page to `path` (parent
    /// directories are created) and returns the path. Handy for docs:
    /// `app.save_screenshot("shots/library.png")`.
    pub async fn save_screenshot(&self, path: impl AsRef<Path>) -> Result<PathBuf> {
        let path = path.as_ref();
        // With WEBKIT_DISABLE_COMPOSITING_MODE=1, WebKitWebDriver answers a
        // screenshot only after the page's next paint, and a page at rest
        // never paints again: the call would hang forever. Keep the page
        // repainting (an invisible outline toggle) while the shot is taken.
        self.eval(NUDGE_START).await?;
        let png = command(self.client().screenshot(), || {
            "cannot take a screenshot".into()
        })
        .await;
        let stopped = self.eval(NUDGE_STOP).await;
        let png = png?;
        stopped?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(path, png).context(|| format!("cannot write {}", path.display()))?;
        Ok(path.to_owned())
    }

    async fn find_now(&self, css: &str) -> Result<Element> {
        command(self.client().find(Locator::Css(css)), String::new).await
    }

    /// Saves a screenshot as `<name>.png` in the directory named by
    /// `DRAKOR_E2E_SHOTS` (relative to the workspace root), and does nothing
    /// when it is unset: `DRAKOR_E2E_SHOTS=shots cargo test -p drakor-e2e`
    /// refreshes the pictures for the docs.
    pub async fn shot(&self, name: &str) -> Result<Option<PathBuf>> {
        let Some(dir) = std::env::var_os("DRAKOR_E2E_SHOTS").filter(|d| !d.is_empty()) else {
            return Ok(None);
        };
        let dir = workspace_root().join(dir);
        self.save_screenshot(dir.join(format!("{name}.png")))
            .await
            .map(Some)
    }

    /// Ends the session (the driver closes the app), stops the drivers and
    /// removes the temp directory. Call it at the end of every test.
    pub async fn close(mut self) -> Result<()> {
        let result = match self.client.take() {
            Some(client) => {
                command(client.close(), || "cannot end the WebDriver session".into()).await
            }
            None => Ok(()),
        };
        self.closed = result.is_ok();
        result
        // Drop stops the processes and cleans up.
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Without close(), the session is not ended politely: the processes
        // below are stopped regardless, which ends it.
        drop(self.client.take());
        if let Some(mut driver) = self.driver.take() {
            driver.stop();
        }
        if let Some(mut xvfb) = self.xvfb.take() {
            xvfb.stop();
        }
        let keep = !self.closed
            || std::thread::panicking()
            || std::env::var_os("DRAKOR_E2E_KEEP").is_some_and(|v| v == "1");
        if let Some(work) = self.work.take()
            && keep
        {
            let dir = work.keep();
            eprintln!(
                "drakor-e2e: kept the test's files (database, logs) in {}",
                dir.display()
            );
            if !self.closed {
                let log = dir.join("driver.log");
                eprintln!("--- last lines of {} ---", log.display());
                eprintln!("{}", tail(&log, 40));
            }
        }
    }
}

/// Starts repainting the page every 20 ms without visible change.
const NUDGE_START: &str = "if (!window.__drakorE2eNudge) { let on = false; \
    window.__drakorE2eNudge = setInterval(() => { on = !on; \
    document.documentElement.style.outline = on ? '1px solid transparent' : ''; }, 20); } \
    return null;";
/// Stops [`NUDGE_START`] and restores the page.
const NUDGE_STOP: &str = "clearInterval(window.__drakorE2eNudge); window.__drakorE2eNudge = undefined; \
    document.documentElement.style.outline = ''; return null;";

/// Runs one WebDriver command with a time limit, naming what failed.
async fn command<T>(
    cmd: impl Future<Output = std::result::Result<T, fantoccini::error::CmdError>>,
    what: impl FnOnce() -> String,
) -> Result<T> {
    match tokio::time::timeout(COMMAND, cmd).await {
        Ok(result) => result.context(what),
        Err(_) => Err(Error(format!(
            "{}: the driver did not answer within {COMMAND:?}",
            what()
        ))),
    }
}

/// A child process that is terminated, with all its descendants, on drop.
struct Proc {
    name: &'static str,
    child: Child,
}

impl Proc {
    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        // Snapshot the whole tree first: once the parent dies its children are
        // re-parented and could no longer be found.
        let root = self.child.id();
        let tree = process_tree(root);
        for &pid in tree.iter().rev() {
            signal(pid, Signal::SIGTERM);
        }
        let deadline = Instant::now() + TERM_GRACE;
        while Instant::now() < deadline && tree.iter().any(|&pid| alive(pid)) {
            let _ = self.child.try_wait();
            std::thread::sleep(Duration::from_millis(50));
        }
        for &pid in &tree {
            if alive(pid) {
                signal(pid, Signal::SIGKILL);
            }
        }
        if let Err(e) = self.child.wait() {
            eprintln!("drakor-e2e: cannot reap {}: {e}", self.name);
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

fn signal(pid: u32, sig: Signal) {
    if let Ok(pid) = i32::try_from(pid) {
        // ESRCH (already gone) is fine.
        let _ = kill(Pid::from_raw(pid), sig);
    }
}

/// Alive and not a zombie.
fn alive(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => parse_stat(&stat).is_some_and(|(state, _)| state != 'Z' && state != 'X'),
        Err(_) => false,
    }
}

/// (state, ppid) from `/proc/<pid>/stat`; the command name may hold spaces
/// and parentheses, so parse from the last `)`.
fn parse_stat(stat: &str) -> Option<(char, u32)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let ppid = fields.next()?.parse().ok()?;
    Some((state, ppid))
}

/// `root` followed by all its descendants, parents before children.
fn process_tree(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            if let Ok(stat) = fs::read_to_string(entry.path().join("stat"))
                && let Some((_, ppid)) = parse_stat(&stat)
            {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        if let Some(kids) = children.get(&tree[i]) {
            tree.extend(kids);
        }
        i += 1;
    }
    tree
}

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
    if let Some(path) = std::env::var_os("DRAKOR_APP_BIN") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error(format!(
                "DRAKOR_APP_BIN points to {}, which is not a file",
                path.display()
            )))
        };
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

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .nth(2)
        .map_or_else(|| here.to_owned(), Path::to_owned)
}

fn tauri_driver_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("DRAKOR_TAURI_DRIVER") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error(format!(
                "DRAKOR_TAURI_DRIVER points to {}, which is not a file",
                path.display()
            )))
        };
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

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// Starts a private Xvfb on a free display; returns it and e.g. `":3"`.
fn start_xvfb(log: &Path) -> Result<(Proc, String)> {
    let xvfb = find_on_path("Xvfb").ok_or_else(|| {
        Error::new("DISPLAY is not set and Xvfb is not installed: `apt-get install xvfb` (or run `make deps`)")
    })?;
    let log_file = File::create(log).context(|| format!("cannot create {}", log.display()))?;
    // -displayfd: Xvfb picks a free display itself and writes its number to
    // stdout once it accepts connections, so there is no race on display numbers.
    let mut child = Command::new(xvfb)
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x1024x24",
            "-nolisten",
            "tcp",
            "-noreset",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log_file)
        .spawn()
        .context(|| "cannot start Xvfb".into())?;
    let stdout = child.stdout.take();
    let proc = Proc {
        name: "Xvfb",
        child,
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        if let Some(stdout) = stdout {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        let _ = tx.send(line);
    });
    match rx.recv_timeout(XVFB_READY) {
        Ok(line) if line.trim().parse::<u32>().is_ok() => Ok((proc, format!(":{}", line.trim()))),
        _ => Err(Error(format!(
            "Xvfb did not announce a display within {XVFB_READY:?}; its log:\n{}",
            tail(log, 20)
        ))),
    }
}

/// Two distinct free TCP ports on 127.0.0.1 (both held until both are
/// chosen), never handed out before in this process: parallel tests in one
/// binary must not get the same port back after another test released it.
fn free_port_pair() -> Result<(u16, u16)> {
    static GIVEN: Mutex<Vec<u16>> = Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut held = Vec::new();
    let mut ports = Vec::new();
    while ports.len() < 2 {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        if !given.contains(&port) {
            given.push(port);
            ports.push(port);
        }
        held.push(listener);
        if held.len() > 64 {
            return Err(Error::new("cannot find two free TCP ports on 127.0.0.1"));
        }
    }
    Ok((ports[0], ports[1]))
}

fn start_tauri_driver(
    tauri_driver: &Path,
    native_driver: &Path,
    port: u16,
    native_port: u16,
    env: &[(OsString, OsString)],
    own_display: bool,
    log: &Path,
) -> Result<Proc> {
    let log_file = File::options()
        .create(true)
        .append(true)
        .open(log)
        .context(|| format!("cannot open {}", log.display()))?;
    let mut command = Command::new(tauri_driver);
    command
        .arg("--port")
        .arg(port.to_string())
        .arg("--native-port")
        .arg(native_port.to_string())
        .arg("--native-driver")
        .arg(native_driver)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file);
    if own_display {
        // Our Xvfb is X11; a session's Wayland socket must not win over it.
        command.env_remove("WAYLAND_DISPLAY");
    }
    let child = command
        .spawn()
        .context(|| format!("cannot start tauri-driver ({})", tauri_driver.display()))?;
    Ok(Proc {
        name: "tauri-driver",
        child,
    })
}

enum Ready {
    Yes,
    Exited(Error),
    TimedOut(Error),
}

/// Polls `GET /status` until the native driver behind tauri-driver reports
/// `"ready": true`. tauri-driver accepts connections before that, so a
/// successful connect alone proves nothing.
async fn wait_until_ready(port: u16, mut driver: Option<&mut Proc>, log: &Path) -> Ready {
    let deadline = Instant::now() + DRIVER_READY;
    loop {
        if let Some(proc) = driver.as_deref_mut()
            && let Ok(Some(status)) = proc.child.try_wait()
        {
            return Ready::Exited(Error(format!(
                "tauri-driver exited early ({status}); its log:\n{}",
                tail(log, 30)
            )));
        }
        if let Ok(response) = http_get(port, "/status").await {
            let body = response.find('{').map_or("", |i| &response[i..]);
            if let Ok(json) = serde_json::from_str::<serde_json::Value>(body)
                && json["value"]["ready"] == serde_json::Value::Bool(true)
            {
                return Ready::Yes;
            }
        }
        if Instant::now() >= deadline {
            return Ready::TimedOut(Error(format!(
                "tauri-driver on port {port} was not ready within {DRIVER_READY:?}; its log:\n{}",
                tail(log, 30)
            )));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// A minimal HTTP/1.1 GET on 127.0.0.1 returning the raw response.
async fn http_get(port: u16, path: &str) -> std::io::Result<String> {
    let request = async {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        stream
            .write_all(
                format!(
                    "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )
            .await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        Ok(String::from_utf8_lossy(&response).into_owned())
    };
    tokio::time::timeout(Duration::from_secs(2), request)
        .await
        .unwrap_or_else(|_| Err(std::io::ErrorKind::TimedOut.into()))
}

enum Retry {
    Yes(Error),
    No(Error),
}

async fn new_session(
    url: &str,
    app_bin: &Path,
    args: &[String],
    log: &Path,
) -> std::result::Result<Client, Retry> {
    use fantoccini::error::NewSessionError;

    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app_bin, "args": args }),
    );
    // fantoccini sends these in `capabilities.alwaysMatch`, which is where
    // tauri-driver looks for `tauri:options`. No `browserName`: WebKitWebDriver
    // rejects any name but its own ("Failed to match capabilities").
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities);
    match tokio::time::timeout(SESSION_READY, builder.connect(url)).await {
        Ok(Ok(client)) => Ok(client),
        Ok(Err(e)) => {
            let error = Error(format!(
                "could not start {} through tauri-driver: {e}; driver log:\n{}",
                app_bin.display(),
                tail(log, 30)
            ));
            // The driver answered and refused: retrying will not help.
            let refused = matches!(
                e,
                NewSessionError::SessionNotCreated(_)
                    | NewSessionError::NotW3C(_)
                    | NewSessionError::BadWebdriverUrl(_)
            );
            Err(if refused {
                Retry::No(error)
            } else {
                Retry::Yes(error)
            })
        }
        Err(_) => Err(Retry::No(Error(format!(
            "starting {} took longer than {SESSION_READY:?}; driver log:\n{}",
            app_bin.display(),
            tail(log, 30)
        )))),
    }
}

/// The last `lines` lines of a log file, or a note that it cannot be read.
fn tail(path: &Path, lines: usize) -> String {
    let mut text = String::new();
    match File::open(path).and_then(|mut f| f.read_to_string(&mut text)) {
        Ok(_) => {
            let all: Vec<&str> = text.lines().collect();
            all[all.len().saturating_sub(lines)..].join("\n")
        }
        Err(e) => format!("(cannot read {}: {e})", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_spaces_and_parens_in_the_name_parse() {
        let stat = "4242 (Web Content (x)) S 4200 4242 4200 0 -1 4194560";
        assert_eq!(parse_stat(stat), Some(('S', 4200)));
    }

    #[test]
    fn the_process_tree_of_this_process_starts_with_itself() {
        let me = std::process::id();
        assert_eq!(process_tree(me).first(), Some(&me));
    }

    #[test]
    fn dep_info_paths_with_escaped_spaces_are_read_whole() {
        let dep_info = "/t/drakor-app: /w/ui /w/ui/my\\ file.js /w/src/lib.rs\n\n/w/ui:\n";
        assert_eq!(
            dep_info_sources(dep_info),
            ["/w/ui", "/w/ui/my file.js", "/w/src/lib.rs"].map(PathBuf::from)
        );
    }

    #[test]
    fn free_port_pairs_are_distinct() -> Result<()> {
        let (a, b) = free_port_pair()?;
        assert_ne!(a, b, "tauri-driver and the native driver need two ports");
        Ok(())
    }
}
