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
//!
//! The harness, by concern:
//! - `launch`: [`Launch`], the options, and starting the app;
//! - `app`: [`App`], what it runs on, closing it and the teardown;
//! - `webdriver`: the helpers that drive its page ([`App::find`], [`App::click`]…);
//! - `driver`: `tauri-driver` and `WebKitWebDriver`, their ports and the session;
//! - `display`: the private Xvfb;
//! - `process`: child processes stopped with their whole tree;
//! - `binaries`: finding the app (and refusing a stale one), the drivers and
//!   the workspace root;
//! - `error`: the harness [`Error`] and [`Result`].

mod app;
mod binaries;
mod display;
mod driver;
mod error;
mod launch;
mod process;
mod webdriver;

pub use fantoccini::elements::Element;
pub use fantoccini::{Client, Locator};

pub use app::App;
pub use binaries::{app_binary, workspace_root};
pub use error::{Error, Result};
pub use launch::Launch;
pub use webdriver::WAIT;
