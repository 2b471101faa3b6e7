//! The helpers that drive the app's page through WebDriver: find, wait for
//! a text or an attribute, click, type, run a script, take a screenshot;
//! each command with a time limit, so a test fails instead of hanging.

use std::fs;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;

use crate::app::App;
use crate::binaries::workspace_root;
use crate::error::{Context, Error, Result};

/// How long helpers wait for an element or a text before giving up.
/// Generous: a debug WebKit build on a 2-core CI box is slow to first paint.
pub const WAIT: Duration = Duration::from_secs(20);

/// How long any single WebDriver command may take before the test fails
/// (instead of hanging): longer than [`WAIT`], which bounds the waits.
const COMMAND: Duration = Duration::from_secs(45);
/// Pause between two looks at the page while waiting for something.
const POLL: Duration = Duration::from_millis(100);

impl App {
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

    /// Waits until `script` (an expression, e.g. `!document.getElementById('d').open`)
    /// is true in the page: for what a user sees settle after a click, such
    /// as a dialog closing once its `close` event ran.
    pub async fn wait_until(&self, expression: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        let script = format!("return Boolean({expression});");
        loop {
            if self.eval(&script).await? == true {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(Error(format!(
                    "`{expression}` never became true within {WAIT:?}"
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
pub(crate) async fn command<T>(
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
