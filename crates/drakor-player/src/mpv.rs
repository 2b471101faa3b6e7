//! Asking a running mpv what it plays and where, through its JSON IPC
//! socket (`--input-ipc-server`). Drakor only connects to a Unix socket
//! owned by the user it runs as, sends only `get_property` (and `seek`),
//! never `run` or any command that could start something, and reads
//! every reply as untrusted text: a line over [`MAX_REPLY`] bytes is
//! refused, not read, and reported titles are cut to [`MAX_TITLE`](crate::playing::MAX_TITLE)
//! characters.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::playing::{PlayerError, Playing, limited};

/// The longest reply line Drakor reads from a player.
pub const MAX_REPLY: usize = 64 * 1024;
/// How long Drakor waits for mpv to answer.
const TIMEOUT: Duration = Duration::from_secs(2);

/// Where the mpv Drakor starts answers, and where Drakor asks first:
/// `DRAKOR_MPV_SOCKET`, else `drakor-mpv.sock` in the user's runtime folder
/// (`XDG_RUNTIME_DIR`, private to the user), else in the temporary folder
/// with the user's id in its name.
pub fn default_socket() -> PathBuf {
    if let Some(path) = std::env::var_os("DRAKOR_MPV_SOCKET").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|p| !p.is_empty()) {
        Some(dir) => PathBuf::from(dir).join("drakor-mpv.sock"),
        None => std::env::temp_dir().join(format!(
            "drakor-mpv-{}.sock",
            rustix::process::getuid().as_raw()
        )),
    }
}

/// A connection to one mpv.
#[derive(Debug)]
pub struct Mpv {
    socket: PathBuf,
    writer: UnixStream,
    reader: BufReader<UnixStream>,
    next_id: u64,
}

impl Mpv {
    /// Connects to the mpv answering on `socket`, which must be a socket
    /// owned by the current user.
    pub fn connect(socket: &Path) -> Result<Mpv, PlayerError> {
        let meta = match std::fs::symlink_metadata(socket) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(PlayerError::NotRunning(format!(
                    "no mpv is listening at {}",
                    socket.display()
                )));
            }
            Err(e) => return Err(PlayerError::io(socket, e)),
        };
        if !meta.file_type().is_socket() {
            return Err(PlayerError::NotAPlayer {
                at: socket.to_owned(),
                why: "it is not a socket".into(),
            });
        }
        if meta.uid() != rustix::process::getuid().as_raw() {
            return Err(PlayerError::NotAPlayer {
                at: socket.to_owned(),
                why: "it belongs to another user, so Drakor does not talk to it".into(),
            });
        }
        let stream = UnixStream::connect(socket).map_err(|e| match e.kind() {
            std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::NotFound => {
                PlayerError::NotRunning(format!(
                    "no mpv is listening at {} (the socket is left from an mpv that quit)",
                    socket.display()
                ))
            }
            _ => PlayerError::io(socket, e),
        })?;
        for timeout in [
            stream.set_read_timeout(Some(TIMEOUT)),
            stream.set_write_timeout(Some(TIMEOUT)),
        ] {
            timeout.map_err(|e| PlayerError::io(socket, e))?;
        }
        let reader = BufReader::new(stream.try_clone().map_err(|e| PlayerError::io(socket, e))?);
        Ok(Mpv {
            socket: socket.to_owned(),
            writer: stream,
            reader,
            next_id: 1,
        })
    }

    /// What mpv plays and where: its position, file and title.
    pub fn now_playing(&mut self) -> Result<Playing, PlayerError> {
        let position = self.property("time-pos")?;
        let seconds = position.as_f64().ok_or_else(|| {
            PlayerError::NotRunning(format!(
                "the mpv at {} is not playing anything",
                self.socket.display()
            ))
        })?;
        let text = |value: Value| value.as_str().map(limited);
        let path = text(self.property("path")?);
        let title = text(self.property("media-title")?);
        let paused = self.property("pause")?.as_bool().unwrap_or(false);
        Ok(Playing {
            player: "mpv".into(),
            position_ms: (seconds.max(0.0) * 1000.0).floor() as u64,
            file: path.filter(|p| !p.contains("://")).map(PathBuf::from),
            url: None,
            title,
            paused,
        })
    }

    /// Moves playback to `ms` from the start.
    pub fn seek(&mut self, ms: u64) -> Result<(), PlayerError> {
        let seconds = ms as f64 / 1000.0;
        self.request(json!(["seek", seconds, "absolute"])).map(drop)
    }

    /// One property, or null when mpv has none now ("property unavailable").
    fn property(&mut self, name: &str) -> Result<Value, PlayerError> {
        self.request(json!(["get_property", name]))
    }

    fn request(&mut self, command: Value) -> Result<Value, PlayerError> {
        let id = self.next_id;
        self.next_id += 1;
        let mut line = json!({ "command": command, "request_id": id }).to_string();
        line.push('\n');
        self.writer
            .write_all(line.as_bytes())
            .map_err(|e| self.not_mpv(format!("it does not take commands ({e})")))?;
        // mpv sends events too; the reply is the line with our id.
        for _ in 0..1000 {
            let reply = self.read_reply()?;
            if reply.get("request_id").and_then(Value::as_u64) != Some(id) {
                continue;
            }
            return match reply.get("error").and_then(Value::as_str) {
                Some("success") => Ok(reply.get("data").cloned().unwrap_or(Value::Null)),
                Some("property unavailable") => Ok(Value::Null),
                Some(other) => Err(self.not_mpv(format!("it answered {:?}", limited(other)))),
                None => Err(self.not_mpv("its reply has no \"error\" field".into())),
            };
        }
        Err(self.not_mpv("it never answered the question".into()))
    }

    fn read_reply(&mut self) -> Result<Value, PlayerError> {
        let mut line = Vec::new();
        let read = (&mut self.reader)
            .take(MAX_REPLY as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                    self.not_mpv(format!("it did not answer within {} s", TIMEOUT.as_secs()))
                }
                _ => PlayerError::io(&self.socket, e),
            })?;
        if read == 0 {
            return Err(self.not_mpv("it closed the connection".into()));
        }
        if line.len() > MAX_REPLY {
            return Err(self.not_mpv(format!(
                "it sent a reply over {} KB, which Drakor does not read",
                MAX_REPLY / 1024
            )));
        }
        serde_json::from_slice(&line).map_err(|_| self.not_mpv("its reply is not JSON".into()))
    }

    fn not_mpv(&self, why: String) -> PlayerError {
        PlayerError::NotAPlayer {
            at: self.socket.clone(),
            why,
        }
    }
}
