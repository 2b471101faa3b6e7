//! The drivers between a test and the app: `tauri-driver` started on two
//! free ports in front of `WebKitWebDriver`, waited for until the native
//! driver is ready, and the WebDriver session that launches the app.

use std::ffi::OsString;
use std::fs::File;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::error::{Context, Error, Result, tail};
use crate::process::Proc;

/// How long `tauri-driver` (and the native driver behind it) may take to be ready.
const DRIVER_READY: Duration = Duration::from_secs(30);
/// How long creating the session (launching the app) may take.
const SESSION_READY: Duration = Duration::from_secs(90);

/// Two distinct free TCP ports on 127.0.0.1 (both held until both are
/// chosen), never handed out before in this process: parallel tests in one
/// binary must not get the same port back after another test released it.
pub(crate) fn free_port_pair() -> Result<(u16, u16)> {
    static GIVEN: Mutex<Vec<u16>> = Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(PoisonError::into_inner);
    pair_not_given(&mut given, || {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        Ok((port, listener))
    })
}

/// Two ports from `bind` that are not in `given`, which then holds them
/// too. `bind` gives a port with whatever holds it open (a listener); each
/// is kept until both ports are chosen, so the system cannot give one twice.
fn pair_not_given<H>(
    given: &mut Vec<u16>,
    mut bind: impl FnMut() -> Result<(u16, H)>,
) -> Result<(u16, u16)> {
    let mut held = Vec::new();
    let mut ports = Vec::new();
    while ports.len() < 2 {
        let (port, holder) = bind()?;
        if !given.contains(&port) {
            given.push(port);
            ports.push(port);
        }
        held.push(holder);
        if held.len() > 64 {
            return Err(Error::new("cannot find two free TCP ports on 127.0.0.1"));
        }
    }
    Ok((ports[0], ports[1]))
}

pub(crate) fn start_tauri_driver(
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

pub(crate) enum Ready {
    Yes,
    Exited(Error),
    TimedOut(Error),
}

/// Polls `GET /status` until the native driver behind tauri-driver reports
/// `"ready": true`. tauri-driver accepts connections before that, so a
/// successful connect alone proves nothing.
pub(crate) async fn wait_until_ready(
    port: u16,
    mut driver: Option<&mut Proc>,
    log: &Path,
) -> Ready {
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

pub(crate) enum Retry {
    Yes(Error),
    No(Error),
}

pub(crate) async fn new_session(
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A `bind` that hands out `ports` in turn, as a system may after the
    /// listeners of an earlier pair were closed.
    fn handing_out(ports: &[u16]) -> impl FnMut() -> Result<(u16, ())> + '_ {
        let mut next = ports.iter();
        move || {
            next.next()
                .map(|&port| (port, ()))
                .ok_or_else(|| Error::new("no ports left"))
        }
    }

    #[test]
    fn a_port_given_out_before_is_never_given_again() -> Result<()> {
        let mut given = Vec::new();
        let ports = [4001, 4002, 4001, 4002, 4003, 4003, 4004];
        let mut bind = handing_out(&ports);
        assert_eq!(pair_not_given(&mut given, &mut bind)?, (4001, 4002));
        assert_eq!(
            pair_not_given(&mut given, &mut bind)?,
            (4003, 4004),
            "ports released by the first pair, and one offered twice, are passed over"
        );
        Ok(())
    }

    #[test]
    fn a_system_offering_only_ports_given_out_before_is_an_error_not_a_hang() {
        let mut given = vec![4001, 4002];
        let failed = pair_not_given(&mut given, || Ok((4001, ())));
        assert!(
            failed.is_err_and(|e| e.to_string().contains("two free TCP ports")),
            "gives up after a bounded number of tries"
        );
    }
}
