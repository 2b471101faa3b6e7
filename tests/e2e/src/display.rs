//! The private X display an app runs on when the test has none: an Xvfb
//! that picks a free display number itself and announces it.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::binaries::find_on_path;
use crate::error::{Context, Error, Result, tail};
use crate::process::Proc;

/// How long Xvfb may take to announce its display.
const XVFB_READY: Duration = Duration::from_secs(15);

/// Starts a private Xvfb on a free display; returns it and e.g. `":3"`.
pub(crate) fn start_xvfb(log: &Path) -> Result<(Proc, String)> {
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
