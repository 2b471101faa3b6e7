//! The requests: one blocking HTTP agent, TMDB's answers checked and read
//! within limits, and 429s waited out.
//!
//! Statuses are read here rather than turned into errors by the HTTP
//! library, so a 401, a 404 and a 429 each become the error a user can act
//! on, and a 429's `Retry-After` can be honoured.

use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::de::DeserializeOwned;
use ureq::http::Response;
use ureq::typestate::WithoutBody;
use ureq::{Body, RequestBuilder};

use crate::config::Hidden;
use crate::{Config, Match, Show, TmdbError, show, wire};

/// The largest JSON answer read: TMDB's biggest season pages are a few
/// hundred KB, so this only stops a broken or hostile server.
const MAX_JSON_BYTES: u64 = 8 * 1024 * 1024;
/// The longest wait for a 429's `Retry-After`: TMDB asks for seconds, and a
/// user waiting on a lookup should not wait longer for one request. A 429
/// asking for more is not retried early but reported as rate limiting.
const MAX_WAIT_SECS: u64 = 10;
/// The most seasons a show is read with: each is one request.
const MAX_SEASONS: usize = 100;

/// A TMDB client. Cheap to share between threads; keep one for a session so
/// the image configuration is asked once. `Debug` never shows the token.
pub struct Client {
    agent: ureq::Agent,
    config: Config,
    /// `/configuration`'s `secure_base_url`, once asked.
    image_base: Mutex<Option<String>>,
}

/// Whether a request goes to the API (with the token) or the image server
/// (without: it needs none, and may be another host).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Api,
    Image,
}

impl Client {
    pub fn new(config: Config) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .user_agent(concat!("drakor/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client {
            agent,
            config,
            image_base: Mutex::new(None),
        }
    }

    /// The shows whose name or original name matches `query` (the first
    /// page of TMDB's results, its 20 best), first aired in `year` when
    /// given. A blank query finds nothing without asking.
    pub fn search(&self, query: &str, year: Option<i32>) -> Result<Vec<Match>, TmdbError> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let year = year.map(|y| y.to_string());
        let mut params = vec![("query", query), ("language", self.language())];
        if let Some(year) = &year {
            params.push(("first_air_date_year", year));
        }
        let page: wire::SearchPage = self.api("/search/tv", &params, "search results")?;
        Ok(page.results.into_iter().map(Match::from_wire).collect())
    }

    /// The show with every season's episodes (specials, season 0,
    /// included) and its IMDb id: 2 requests, and one per season.
    pub fn show(&self, tmdb_id: u64) -> Result<Show, TmdbError> {
        let lang = [("language", self.language())];
        let what = format!("show {tmdb_id}");
        let details: wire::TvDetails = self.api(&format!("/tv/{tmdb_id}"), &lang, &what)?;
        let ids: wire::ExternalIds = self.api(
            &format!("/tv/{tmdb_id}/external_ids"),
            &[],
            &format!("external ids of show {tmdb_id}"),
        )?;
        let mut numbers: Vec<u32> = details.seasons.iter().map(|s| s.season_number).collect();
        numbers.sort_unstable();
        numbers.dedup();
        if numbers.len() > MAX_SEASONS {
            let reason = format!("it lists {} seasons", numbers.len());
            return Err(TmdbError::unreadable(&what, reason));
        }
        let seasons = numbers
            .into_iter()
            .map(|n| {
                let path = format!("/tv/{tmdb_id}/season/{n}");
                let season = self.api(&path, &lang, &format!("season {n} of show {tmdb_id}"))?;
                Ok((n, season))
            })
            .collect::<Result<Vec<_>, TmdbError>>()?;
        Ok(show::show(details, ids.imdb_id, seasons))
    }

    /// Where TMDB's images are (`images.secure_base_url` of
    /// `/configuration`, ending in `/`). Asked once per client: it changes
    /// rarely, and every poster needs it.
    pub fn image_base(&self) -> Result<String, TmdbError> {
        // Held while asking, so two threads wanting posters ask once.
        let mut cached = self
            .image_base
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(base) = cached.as_ref() {
            return Ok(base.clone());
        }
        let what = "the image configuration";
        let answer: wire::Configuration = self.api("/configuration", &[], what)?;
        let mut base = answer.images.secure_base_url.trim().to_owned();
        if !crate::poster::is_web_url(&base) {
            return Err(TmdbError::unreadable(
                what,
                "its image address is not a web address",
            ));
        }
        if !base.ends_with('/') {
            base.push('/');
        }
        *cached = Some(base.clone());
        Ok(base)
    }

    /// The body of the image at `url` (no token sent), at most `limit` bytes.
    pub(crate) fn image(&self, url: &str, what: &str, limit: u64) -> Result<Vec<u8>, TmdbError> {
        let build = || self.agent.get(url).header("Accept", "image/jpeg");
        let response = self.send(url, what, Kind::Image, build)?;
        read_limited(response, url, what, limit)
    }

    fn language(&self) -> &str {
        &self.config.language
    }

    /// `GET {base_url}{path}?{params}` with the token, read as JSON.
    fn api<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
        what: &str,
    ) -> Result<T, TmdbError> {
        let url = format!("{}{path}", self.config.base_url);
        let auth = format!("Bearer {}", self.config.token);
        let build = || {
            let request = self
                .agent
                .get(&url)
                .header("Authorization", &auth)
                .header("Accept", "application/json");
            params.iter().fold(request, |r, (k, v)| r.query(k, v))
        };
        let response = self.send(&url, what, Kind::Api, build)?;
        let bytes = read_limited(response, &url, what, MAX_JSON_BYTES)?;
        serde_json::from_slice(&bytes).map_err(|e| TmdbError::unreadable(what, e))
    }

    /// Sends the request `build` makes, again after a wait while TMDB
    /// answers 429 (up to `retries` times), and checks the final status.
    fn send(
        &self,
        url: &str,
        what: &str,
        kind: Kind,
        build: impl Fn() -> RequestBuilder<WithoutBody>,
    ) -> Result<Response<Body>, TmdbError> {
        let mut attempt = 0;
        loop {
            let response = build()
                .call()
                .map_err(|e| TmdbError::from_ureq(e, &host_of(url), what))?;
            let status = response.status().as_u16();
            if status != 429 {
                return check_status(status, kind, what).map(|()| response);
            }
            let asked = retry_after(&response);
            // A wait longer than a user would sit through is not cut short
            // (retrying early only earns another 429): it is said instead.
            if attempt >= self.config.retries || asked.is_some_and(|s| s > MAX_WAIT_SECS) {
                return Err(TmdbError::RateLimited);
            }
            std::thread::sleep(wait(attempt, asked));
            attempt += 1;
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.config.base_url)
            .field("token", &Hidden(&self.config.token))
            .field("language", &self.config.language)
            .finish_non_exhaustive()
    }
}

/// The error a final status stands for, if any.
fn check_status(status: u16, kind: Kind, what: &str) -> Result<(), TmdbError> {
    match status {
        200..=299 => Ok(()),
        401 if kind == Kind::Api => Err(TmdbError::BadToken),
        404 => Err(TmdbError::NotFound {
            what: what.to_owned(),
        }),
        _ => Err(TmdbError::Server { status }),
    }
}

/// The body, refused when over `limit` bytes.
fn read_limited(
    mut response: Response<Body>,
    url: &str,
    what: &str,
    limit: u64,
) -> Result<Vec<u8>, TmdbError> {
    // One byte over the limit, so a body of exactly `limit` bytes is read.
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit.saturating_add(1))
        .read_to_vec()
        .map_err(|e| TmdbError::from_ureq(e, &host_of(url), what))?;
    if bytes.len() as u64 > limit {
        let reason = format!("it is over {} MB", limit / (1024 * 1024));
        return Err(TmdbError::unreadable(what, reason));
    }
    Ok(bytes)
}

/// The seconds a 429 asks to wait, when given as a number.
fn retry_after(response: &Response<Body>) -> Option<u64> {
    let value = response.headers().get("retry-after")?.to_str().ok()?;
    value.trim().parse().ok()
}

/// How long to wait before attempt `attempt + 1`: what TMDB asked, else
/// 1 s, 2 s, 4 s…, never more than [`MAX_WAIT_SECS`].
fn wait(attempt: u32, retry_after: Option<u64>) -> Duration {
    let backoff = 1u64 << attempt.min(6);
    Duration::from_secs(retry_after.unwrap_or(backoff).min(MAX_WAIT_SECS))
}

/// The host (and port) of `url`, to name in an error.
fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            _ => url.to_owned(),
        },
        Err(_) => url.split('?').next().unwrap_or(url).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_follow_retry_after_capped_else_back_off() {
        assert_eq!(wait(0, Some(3)), Duration::from_secs(3));
        assert_eq!(wait(0, Some(600)), Duration::from_secs(10));
        let backoff: Vec<_> = (0..5).map(|a| wait(a, None).as_secs()).collect();
        assert_eq!(backoff, [1, 2, 4, 8, 10]);
    }

    #[test]
    fn a_client_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Client>();
    }

    #[test]
    fn errors_name_the_host_and_port() {
        assert_eq!(
            host_of("https://api.themoviedb.org/3/tv/1"),
            "api.themoviedb.org"
        );
        assert_eq!(host_of("http://127.0.0.1:9/3"), "127.0.0.1:9");
    }
}
