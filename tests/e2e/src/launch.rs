//! [`Launch`]: the options for starting the app, and the start itself:
//! a temp directory, Xvfb if needed, `tauri-driver` and the session, retried
//! on a fresh driver when it fails for a transient reason.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::time::Instant;

use crate::app::App;
use crate::binaries::{app_binary, find_on_path, tauri_driver_binary};
use crate::display::start_xvfb;
use crate::driver::{
    Ready, Retry, free_port_pair, new_session, start_tauri_driver, wait_until_ready,
};
use crate::error::{Context, Error, Result};

/// How many times a driver start that failed for a transient reason is tried.
/// Under load (a dozen windows starting at once on two cores) three tries in
/// a row have failed within a second; the later tries wait a little first.
const ATTEMPTS: u32 = 5;

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
            // Let the moment of load pass: 0.5 s, 1 s, 1.5 s, 2 s.
            tokio::time::sleep(std::time::Duration::from_millis(500 * u64::from(attempt))).await;
        }
        unreachable!("the last attempt returns")
    }
}
