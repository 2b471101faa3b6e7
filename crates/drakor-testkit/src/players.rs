//! Real players for tests: a short video made with ffmpeg, a headless mpv
//! answering on its IPC socket, a private session bus, and the raw IPC
//! question tests use to check where mpv is. Each started process is
//! stopped when its guard is dropped.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A started process, killed and reaped when dropped.
#[derive(Debug)]
pub struct Stopped(pub Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Writes a 50-minute, 32×32, one-frame-a-second video to `path`: a few
/// hundred KB, made in about a second.
///
/// # Panics
///
/// When ffmpeg is missing (`make deps` installs it) or fails.
pub fn make_video(path: &Path) {
    let status = Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=32x32:r=1:d=3000",
        ])
        .args([
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "60",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(path)
        .status()
        .expect("ffmpeg runs (make deps installs it)");
    assert!(status.success(), "ffmpeg made {}", path.display());
}

/// Asks the mpv on `socket` one IPC `command`; its `data`, or `None` when
/// nothing answers.
pub fn ask(socket: &Path, command: Value) -> Option<Value> {
    let mut stream = UnixStream::connect(socket).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    writeln!(stream, "{}", json!({"command": command, "request_id": 7})).ok()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).ok()? > 0 {
        let reply: Value = serde_json::from_str(&line).ok()?;
        if reply["request_id"] == 7 {
            return Some(reply["data"].clone());
        }
        line.clear();
    }
    None
}

/// mpv without a window or sound, paused at `start` seconds on `video`,
/// with `extra` arguments and environment; when `socket` is given, it
/// answers there, and this returns once it does.
///
/// # Panics
///
/// When mpv is missing (`make deps` installs it) or never answers.
pub fn headless_mpv(
    video: &Path,
    socket: Option<&Path>,
    start: u32,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Stopped {
    let mut mpv = Command::new("mpv");
    mpv.args([
        "--no-config",
        "--vo=null",
        "--ao=null",
        "--pause",
        "--idle=no",
    ])
    .arg(format!("--start={start}"))
    .args(extra);
    if let Some(socket) = socket {
        mpv.arg(format!("--input-ipc-server={}", socket.display()));
    }
    let child = mpv
        .arg("--")
        .arg(video)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("mpv runs (make deps installs it)");
    let started = Stopped(child);
    if let Some(socket) = socket {
        let deadline = Instant::now() + Duration::from_secs(20);
        while ask(socket, json!(["get_property", "time-pos"])).is_none_or(|v| v.is_null()) {
            assert!(
                Instant::now() < deadline,
                "mpv never answered on {}",
                socket.display()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    started
}

/// A session bus of the test's own (`dbus-daemon`), and its address.
///
/// # Panics
///
/// When dbus-daemon is missing (`make deps` installs dbus).
pub fn private_bus() -> (Stopped, String) {
    let mut child = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon runs (make deps installs dbus)");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    (Stopped(child), line.trim().to_owned())
}
