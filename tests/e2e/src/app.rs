//! [`App`], a running app under WebDriver control: what it runs on (its
//! processes, display, database, temp directory), [`App::close`], and the
//! teardown on drop that stops every process it started. The helpers that
//! drive its page are in `webdriver`.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use fantoccini::Client;
use tempfile::TempDir;

use crate::error::{Result, tail};
use crate::launch::Launch;
use crate::process::{Proc, process_tree};
use crate::webdriver::command;

/// A running app under WebDriver control. Dropping it tears everything down.
pub struct App {
    pub(crate) client: Option<Client>,
    pub(crate) app_bin: PathBuf,
    pub(crate) display: Option<String>,
    pub(crate) launched_at: Instant,
    pub(crate) db_path: PathBuf,
    // Field order is drop order: driver (and the app under it) before Xvfb.
    pub(crate) driver: Option<Proc>,
    pub(crate) xvfb: Option<Proc>,
    pub(crate) work: Option<TempDir>,
    pub(crate) closed: bool,
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
