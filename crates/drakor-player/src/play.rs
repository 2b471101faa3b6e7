//! Playing a scene where it starts: which player, and the exact program and
//! arguments to start it with. The command is built here as data (so `drakor
//! play --print` can show it and tests can read it) and started directly
//! with its argument list, never through a shell: no title or file name
//! can run anything.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;

/// The players Drakor starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Player {
    /// mpv: starts at `--start=`, and Drakor can read where it is.
    Mpv,
    /// VLC: starts at `--start-time=`.
    Vlc,
    /// Whatever the system opens the file with; it cannot be told where to
    /// start.
    System,
}

/// A player name Drakor does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a player Drakor can start: use mpv, vlc or system")]
pub struct UnknownPlayer(pub String);

impl FromStr for Player {
    type Err = UnknownPlayer;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "mpv" => Ok(Player::Mpv),
            "vlc" => Ok(Player::Vlc),
            "system" => Ok(Player::System),
            _ => Err(UnknownPlayer(name.to_owned())),
        }
    }
}

impl Player {
    /// The player to use: the one named (`DRAKOR_PLAYER` or the app's
    /// setting), else the first of mpv and VLC found on `path` (the value of
    /// `PATH`), else the system's.
    pub fn choose(named: Option<&str>, path: Option<&OsStr>) -> Result<Player, UnknownPlayer> {
        if let Some(name) = named.filter(|n| !n.trim().is_empty()) {
            return name.parse();
        }
        let found = |program: &str| path.is_some_and(|p| find_program(program, p).is_some());
        Ok(if found("mpv") {
            Player::Mpv
        } else if found("vlc") {
            Player::Vlc
        } else {
            Player::System
        })
    }

    /// True when the player starts where it is told to.
    pub fn seeks(self) -> bool {
        !matches!(self, Player::System)
    }
}

/// What to run to play something, as `drakor play --print` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlayCommand {
    pub program: String,
    pub args: Vec<String>,
    /// The file or address played.
    pub file: String,
    pub start_ms: u64,
}

impl PlayCommand {
    /// Plays `file` (an absolute path or an http(s) address) from
    /// `start_ms`. For mpv, `ipc_socket` is where it answers Drakor's
    /// questions (`--input-ipc-server`).
    pub fn new(player: Player, file: &str, start_ms: u64, ipc_socket: Option<&Path>) -> Self {
        let start = seconds(start_ms);
        let (program, mut args) = match player {
            Player::Mpv => {
                let mut args = vec![format!("--start={start}")];
                if let Some(socket) = ipc_socket {
                    args.push(format!("--input-ipc-server={}", socket.display()));
                }
                // Everything after `--` is a file, whatever it starts with.
                args.push("--".to_owned());
                ("mpv", args)
            }
            Player::Vlc => ("vlc", vec![format!("--start-time={start}")]),
            Player::System => (system_opener(), Vec::new()),
        };
        args.push(file.to_owned());
        PlayCommand {
            program: program.to_owned(),
            args,
            file: file.to_owned(),
            start_ms,
        }
    }

    /// Starts it, detached from Drakor's own input and output; a thread
    /// waits for it, so a player that quits leaves no zombie behind.
    pub fn spawn(&self) -> std::io::Result<()> {
        let mut child = std::process::Command::new(&self.program)
            .args(&self.args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

/// `2892120` ms as `2892.12`, `2892000` as `2892`: what both players read.
fn seconds(ms: u64) -> String {
    let (whole, rest) = (ms / 1000, ms % 1000);
    if rest == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{rest:03}")
            .trim_end_matches('0')
            .to_owned()
    }
}

fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    }
}

/// The first executable `program` in the folders of `path` (a `PATH` value).
pub fn find_program(program: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}

/// A YouTube address that starts at `start_ms` on its own (`t=` in whole
/// seconds, replacing any `t` it had); `None` for any other address.
pub fn youtube_at(address: &str, start_ms: u64) -> Option<String> {
    let mut url = url::Url::parse(address).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let youtube = matches!(
        host.as_str(),
        "youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com" | "youtu.be"
    );
    if !youtube || !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| key != "t" && key != "start")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut()
        .clear()
        .extend_pairs(kept)
        .append_pair("t", &(start_ms / 1000).to_string());
    Some(url.into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn mpv_starts_at_the_scene_in_seconds_and_answers_on_drakors_socket() {
        let socket = Path::new("/run/user/1000/drakor-mpv.sock");
        let cmd = PlayCommand::new(
            Player::Mpv,
            "/videos/Goblin E03.mkv",
            2_892_120,
            Some(socket),
        );
        assert_eq!(cmd.program, "mpv");
        assert_eq!(
            cmd.args,
            [
                "--start=2892.12",
                "--input-ipc-server=/run/user/1000/drakor-mpv.sock",
                "--",
                "/videos/Goblin E03.mkv"
            ]
        );
        assert_eq!(cmd.start_ms, 2_892_120);
    }

    #[test]
    fn vlc_starts_at_the_scene_with_start_time() {
        let cmd = PlayCommand::new(Player::Vlc, "/videos/a.mkv", 2_892_000, None);
        assert_eq!(cmd.program, "vlc");
        assert_eq!(cmd.args, ["--start-time=2892", "/videos/a.mkv"]);
    }

    #[test]
    fn a_file_name_that_looks_like_a_flag_or_a_command_stays_one_argument() {
        let name = "/videos/--script=evil.lua; rm -rf ~ $(reboot).mkv";
        let cmd = PlayCommand::new(Player::Mpv, name, 0, None);
        assert_eq!(cmd.args.last().map(String::as_str), Some(name));
        assert_eq!(cmd.args[cmd.args.len() - 2], "--");
    }

    #[test]
    fn the_player_named_wins_and_an_unknown_one_is_refused() {
        assert_eq!(Player::choose(Some("VLC"), None), Ok(Player::Vlc));
        assert_eq!(Player::choose(Some("system"), None), Ok(Player::System));
        let err = Player::choose(Some("winamp"), None).unwrap_err();
        assert!(err.to_string().contains("mpv, vlc or system"), "{err}");
    }

    #[test]
    fn the_default_is_the_first_of_mpv_and_vlc_on_the_path_else_the_system() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().as_os_str();
        assert_eq!(Player::choose(None, Some(path)), Ok(Player::System));
        let vlc = dir.path().join("vlc");
        std::fs::write(&vlc, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&vlc, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        assert_eq!(Player::choose(None, Some(path)), Ok(Player::Vlc));
        let mpv = dir.path().join("mpv");
        std::fs::copy(&vlc, &mpv).unwrap();
        assert_eq!(Player::choose(Some(""), Some(path)), Ok(Player::Mpv));
    }

    #[test]
    fn a_youtube_link_gets_the_scenes_time_in_seconds() {
        assert_eq!(
            youtube_at("https://www.youtube.com/watch?v=abc&t=10", 2_892_900).as_deref(),
            Some("https://www.youtube.com/watch?v=abc&t=2892")
        );
        assert_eq!(
            youtube_at("https://youtu.be/abc", 61_000).as_deref(),
            Some("https://youtu.be/abc?t=61")
        );
        assert_eq!(youtube_at("https://www.viki.com/videos/1", 5_000), None);
        assert_eq!(
            youtube_at("https://youtube.com.evil.example/watch?v=a", 5_000),
            None
        );
    }
}
