//! What can go wrong talking to TMDB, each as one line a user can act on.
//!
//! No message carries the token: it only ever travels in the
//! `Authorization` header, and nothing here formats headers or requests.
//! Reasons from the network are put in plain words ("the connection was
//! refused") rather than passed on as the OS says them ("os error 111").

use std::io;
use std::path::PathBuf;

/// A failed TMDB request, or a poster that could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum TmdbError {
    #[error(
        "no TMDB token: set DRAKOR_TMDB_TOKEN, or save your read access token in Settings \
         (get one at https://www.themoviedb.org/settings/api)"
    )]
    NoToken,
    #[error("TMDB could not be reached at {host}: {reason}")]
    Unreachable { host: String, reason: String },
    #[error("TMDB refused the token (401): check your read access token")]
    BadToken,
    #[error("TMDB has no {what}")]
    NotFound { what: String },
    #[error("TMDB is limiting requests (429); try again in a minute")]
    RateLimited,
    #[error("TMDB answered {status}")]
    Server { status: u16 },
    #[error("TMDB sent {what} Drakor cannot read: {reason}")]
    BadResponse { what: String, reason: String },
    #[error("cannot write {}: {}", path.display(), plain_io(source))]
    Io { path: PathBuf, source: io::Error },
}

impl TmdbError {
    /// A stable name for the kind of error, for `--json` output and the
    /// app, which pick their wording or their retry button by it.
    pub fn code(&self) -> &'static str {
        match self {
            TmdbError::NoToken => "no_token",
            TmdbError::Unreachable { .. } => "unreachable",
            TmdbError::BadToken => "bad_token",
            TmdbError::NotFound { .. } => "not_found",
            TmdbError::RateLimited => "rate_limited",
            TmdbError::Server { .. } => "server",
            TmdbError::BadResponse { .. } => "bad_response",
            TmdbError::Io { .. } => "io",
        }
    }

    pub(crate) fn bad_response(what: &str, reason: impl std::fmt::Display) -> TmdbError {
        TmdbError::BadResponse {
            what: what.to_owned(),
            reason: one_line(&reason.to_string()),
        }
    }

    /// An answer about `what` (e.g. "show 67915") that cannot be read.
    pub(crate) fn unreadable(what: &str, reason: impl std::fmt::Display) -> TmdbError {
        TmdbError::bad_response(&format!("an answer about {what}"), reason)
    }

    /// The error for a request to `host` that ureq could not complete
    /// (`what` names what was asked, for an answer that could not be read).
    pub(crate) fn from_ureq(error: ureq::Error, host: &str, what: &str) -> TmdbError {
        let unreachable = |reason: &str| TmdbError::Unreachable {
            host: host.to_owned(),
            reason: reason.to_owned(),
        };
        match error {
            ureq::Error::HostNotFound => {
                unreachable("the name could not be found (is the computer offline?)")
            }
            ureq::Error::Io(e) => unreachable(&plain_io(&e)),
            ureq::Error::Timeout(_) => unreachable("it did not answer in time"),
            ureq::Error::ConnectionFailed => unreachable("the connection failed"),
            ureq::Error::BadUri(_) => unreachable("the address is not a valid URL"),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
                unreachable("a secure (TLS) connection could not be made")
            }
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                unreachable("it kept redirecting")
            }
            ureq::Error::BodyExceedsLimit(limit) => {
                TmdbError::unreadable(what, format!("it is over {} MB", limit / (1024 * 1024)))
            }
            ureq::Error::Protocol(e) => TmdbError::unreadable(what, e),
            other => unreachable(&strip_os_error(&other.to_string())),
        }
    }
}

/// An I/O error in plain words, without the OS's error number.
pub(crate) fn plain_io(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let words = match error.kind() {
        K::ConnectionRefused => "the connection was refused (nothing is listening there)",
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => "the connection was cut off",
        K::TimedOut | K::WouldBlock => "it did not answer in time",
        K::NetworkUnreachable | K::NetworkDown => {
            "the network is unreachable (is the computer offline?)"
        }
        K::HostUnreachable => "the host is unreachable",
        K::AddrNotAvailable => "the address is not available",
        K::UnexpectedEof => "the connection closed before the answer was complete",
        K::NotFound => "the folder does not exist",
        K::PermissionDenied => "permission denied",
        K::StorageFull => "the disk is full",
        K::QuotaExceeded => "the disk quota is exceeded",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::NotADirectory => "a file is where a folder should be",
        K::IsADirectory => "a folder is where the file should be",
        _ => return strip_os_error(&error.to_string()),
    };
    words.to_owned()
}

/// `text` without the " (os error N)" the standard library appends.
fn strip_os_error(text: &str) -> String {
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => text,
    };
    one_line(text)
}

/// `text` on one line: messages are printed one per line, and some
/// parsers' reasons span several.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_one_line() {
        let errors = [
            TmdbError::NoToken,
            TmdbError::bad_response("a show", "line one\nline two"),
            TmdbError::Io {
                path: PathBuf::from("/x"),
                source: io::Error::from_raw_os_error(28),
            },
        ];
        for error in errors {
            let text = error.to_string();
            assert!(!text.contains('\n'), "{text}");
            assert!(!text.contains("os error"), "{text}");
        }
    }

    #[test]
    fn a_refused_connection_reads_as_plain_words() {
        let e = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(
            plain_io(&e),
            "the connection was refused (nothing is listening there)"
        );
        assert_eq!(strip_os_error("oops (os error 7)"), "oops");
    }
}
