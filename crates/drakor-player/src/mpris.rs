//! What a player on the session D-Bus is playing, through MPRIS: VLC,
//! Celluloid, mpv with its mpris plugin, and browsers playing Netflix, Viki
//! or YouTube. Read with zbus; everything a player reports is untrusted text
//! (cut and stripped like mpv's).

use std::collections::HashMap;

use zbus::blocking::{Connection, Proxy};
use zbus::zvariant::OwnedValue;

use crate::playing::{PlayerError, Playing, limited};

const PREFIX: &str = "org.mpris.MediaPlayer2.";
const PATH: &str = "/org/mpris/MediaPlayer2";
const PLAYER: &str = "org.mpris.MediaPlayer2.Player";

fn bus_error(e: zbus::Error) -> PlayerError {
    PlayerError::NotRunning(bus_words(&e))
}

/// Why the session bus could not be asked, in words: most often there is
/// none (a desktop without D-Bus), which the OS says as a missing file.
fn bus_words(e: &zbus::Error) -> String {
    use std::io::ErrorKind;
    let io = match e {
        zbus::Error::InputOutput(io) | zbus::Error::Connection(io, _) => Some(io),
        _ => None,
    };
    match io {
        Some(io)
            if matches!(
                io.kind(),
                ErrorKind::NotFound | ErrorKind::ConnectionRefused
            ) =>
        {
            "no session bus is running to find another player on".into()
        }
        Some(io) => format!(
            "the session bus cannot be reached: {}",
            drakor_core::io_words(io)
        ),
        None => format!(
            "the session bus cannot be reached: {}",
            drakor_core::io_words::without_os_error(&e.to_string())
        ),
    }
}

/// Connects to the session bus, or to the bus at `address` (tests run a
/// private one).
pub fn connect(address: Option<&str>) -> Result<Connection, PlayerError> {
    use zbus::blocking::connection::Builder;
    let builder = match address {
        None => Builder::session(),
        Some(address) => Builder::address(address),
    };
    // A player that hangs must not hang Drakor: each question waits 2 s.
    builder
        .map(|b| b.method_timeout(std::time::Duration::from_secs(2)))
        .and_then(|b| b.build())
        .map_err(bus_error)
}

/// What the players on the bus are playing: a playing one first, then a
/// paused one. Fails when no MPRIS player is on the bus.
pub fn now_playing(conn: &Connection) -> Result<Playing, PlayerError> {
    let dbus = zbus::blocking::fdo::DBusProxy::new(conn).map_err(bus_error)?;
    let names = dbus.list_names().map_err(|e| bus_error(e.into()))?;
    let mut best: Option<(u8, Playing)> = None;
    for name in names.iter().filter(|n| n.as_str().starts_with(PREFIX)) {
        let Ok(proxy) = Proxy::new(conn, name.as_str(), PATH, PLAYER) else {
            continue;
        };
        let rank = match proxy.get_property::<String>("PlaybackStatus").as_deref() {
            Ok("Playing") => 2,
            Ok("Paused") => 1,
            _ => continue,
        };
        if best.as_ref().is_some_and(|(r, _)| *r >= rank) {
            continue;
        }
        // A player that does not say where it is cannot be bookmarked.
        let Ok(position) = proxy.get_property::<i64>("Position") else {
            continue;
        };
        let metadata: HashMap<String, OwnedValue> =
            proxy.get_property("Metadata").unwrap_or_default();
        let text = |key: &str| {
            metadata
                .get(key)
                .and_then(|v| <&str>::try_from(v).ok())
                .map(limited)
        };
        let url = text("xesam:url");
        let file = url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .filter(|u| u.scheme() == "file")
            .and_then(|u| u.to_file_path().ok());
        let player = name.as_str().trim_start_matches(PREFIX);
        best = Some((
            rank,
            Playing {
                player: format!("mpris:{}", limited(player)),
                position_ms: u64::try_from(position / 1000).unwrap_or(0),
                url: url.filter(|_| file.is_none()),
                file,
                title: text("xesam:title"),
                paused: rank == 1,
            },
        ));
    }
    best.map(|(_, playing)| playing)
        .ok_or_else(|| PlayerError::NotRunning("no player on the session bus is playing".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_session_bus_is_said_in_words() {
        let missing = zbus::Error::InputOutput(std::io::Error::from_raw_os_error(2).into());
        let words = bus_words(&missing);
        assert_eq!(words, "no session bus is running to find another player on");
        let address: zbus::Address = "unix:path=/nowhere/bus".parse().expect("an address");
        let gone = zbus::Error::Connection(std::io::Error::from_raw_os_error(2).into(), address);
        assert_eq!(
            bus_words(&gone),
            "no session bus is running to find another player on"
        );
        let denied = zbus::Error::InputOutput(std::io::Error::from_raw_os_error(13).into());
        let words = bus_words(&denied);
        assert!(!words.contains("os error"), "{words}");
        assert!(words.contains("permission"), "{words}");
    }
}
