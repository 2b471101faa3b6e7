//! Posters kept on disk, one per show: `<folder>/<tmdb id>.jpg`.
//!
//! A poster is downloaded once; after that the file is the poster, so the
//! app works offline and TMDB is not asked again. What is written is
//! checked first (a JPEG, at most 10 MB: a captive portal's HTML page or a
//! runaway body never becomes a "poster"), and written whole or not at all.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Client, POSTER_SIZE, TmdbError};

/// The largest poster accepted; a w342 poster is a few tens of KB.
const MAX_POSTER_BYTES: u64 = 10 * 1024 * 1024;
/// How every JPEG file starts.
const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];

/// Where a poster for this TMDB id is kept in `folder` (`<id>.jpg`).
pub fn poster_file(folder: &Path, tmdb_id: u64) -> PathBuf {
    folder.join(format!("{tmdb_id}.jpg"))
}

impl Client {
    /// Downloads the show's w342 poster to `folder/<tmdb id>.jpg` unless
    /// that file already exists (then its path is returned without any
    /// request). The folder is created if needed; the file is written to a
    /// temporary file beside it, then renamed into place. A body over
    /// 10 MB, or one that is not a JPEG, is refused
    /// ([`TmdbError::BadResponse`]) and leaves nothing behind.
    pub fn download_poster(
        &self,
        tmdb_id: u64,
        poster_path: &str,
        folder: &Path,
    ) -> Result<PathBuf, TmdbError> {
        let target = poster_file(folder, tmdb_id);
        if target.is_file() {
            return Ok(target);
        }
        check_poster_path(poster_path)?;
        let url = format!("{}{POSTER_SIZE}{poster_path}", self.image_base()?);
        if !is_web_url(&url) {
            return Err(TmdbError::bad_response(
                "an image address",
                "only http and https addresses are fetched",
            ));
        }
        let what = format!("poster {poster_path}");
        let bytes = self.image(&url, &what, MAX_POSTER_BYTES)?;
        if !bytes.starts_with(&JPEG_MAGIC) {
            return Err(TmdbError::unreadable(&what, "it is not a JPEG image"));
        }
        save(folder, &target, &bytes)?;
        Ok(target)
    }
}

/// Whether `url` is an http or https address Drakor may fetch.
pub(crate) fn is_web_url(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
}

/// TMDB's poster paths are one file name after a slash (`/abc123.jpg`);
/// anything else could walk the image server, or add a query, so it is
/// refused.
fn check_poster_path(path: &str) -> Result<(), TmdbError> {
    let name = path.strip_prefix('/').unwrap_or("");
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if name.is_empty() || name.len() > 200 || !plain || name.starts_with('.') {
        return Err(TmdbError::bad_response(
            "a poster path",
            format!("{path:?} is not a file name on TMDB's image server"),
        ));
    }
    Ok(())
}

/// Writes `bytes` to `target` in `folder`: a new temporary file first,
/// synced, then renamed over the target, so the poster is whole or absent.
fn save(folder: &Path, target: &Path, bytes: &[u8]) -> Result<(), TmdbError> {
    let failed = |path: &Path| {
        let path = path.to_owned();
        move |source| TmdbError::Io { path, source }
    };
    fs::create_dir_all(folder).map_err(failed(folder))?;
    let temp = folder.join(temp_name(target));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, target)
    })();
    if written.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = fs::remove_file(&temp);
    }
    written.map_err(failed(target))
}

/// A hidden name no other writer (thread or process) uses at the same time.
fn temp_name(target: &Path) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!(".{name}.{}-{n}.part", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_are_poster_paths() {
        assert!(check_poster_path("/goblin.jpg").is_ok());
        assert!(check_poster_path("/x7Ab-_9.jpg").is_ok());
        for bad in [
            "",
            "/",
            "goblin.jpg",
            "/../x.jpg",
            "/a/b.jpg",
            "/x.jpg?y=1",
            "/.x",
        ] {
            assert!(check_poster_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_web_addresses_are_fetched() {
        assert!(is_web_url("https://image.tmdb.org/t/p/"));
        assert!(is_web_url("http://127.0.0.1:8/t/p/"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("/t/p/"));
    }
}
