//! Where the client sends its requests and with which token.
//!
//! The token comes from the environment (`DRAKOR_TMDB_TOKEN`) or from the
//! user's saved settings; the environment wins so a script or a test can
//! use another token without touching Settings. `DRAKOR_TMDB_URL` points
//! the client at another server (the tests' fake TMDB).

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::{DEFAULT_URL, TmdbError};

/// The environment variable holding a TMDB read access token.
pub const TOKEN_VAR: &str = "DRAKOR_TMDB_TOKEN";
/// The environment variable holding another API base URL.
pub const URL_VAR: &str = "DRAKOR_TMDB_URL";

/// How the client reaches TMDB. `Debug` shows whether a token is set, never
/// the token.
#[derive(Clone)]
pub struct Config {
    /// The API base, without a trailing slash, e.g. `https://api.themoviedb.org/3`.
    pub base_url: String,
    /// A TMDB "API read access token", sent as `Authorization: Bearer`.
    pub token: String,
    /// The language titles and overviews come in, e.g. `en-US` or `ko-KR`.
    pub language: String,
    /// The longest one request (connecting, asking, reading) may take.
    pub timeout: Duration,
    /// How many times a request TMDB answers 429 is asked again.
    pub retries: u32,
}

/// Where the token in use comes from (the app shows it next to the token
/// field, so a user knows why editing Settings changes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenSource {
    Environment,
    Settings,
}

impl Config {
    /// A config for `base_url` with `token` and the defaults: `en-US`, 15 s
    /// per request, 3 retries on 429.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Config {
        Config {
            base_url: trim_url(&base_url.into()),
            token: token.into().trim().to_owned(),
            language: "en-US".to_owned(),
            timeout: Duration::from_secs(15),
            retries: 3,
        }
    }

    /// The config from the environment and the saved settings. The token is
    /// `DRAKOR_TMDB_TOKEN` when it is set and not blank, else
    /// `saved_token`; the URL is `DRAKOR_TMDB_URL`, else [`DEFAULT_URL`];
    /// the language is `language`, else `en-US`. Without a token from
    /// either: [`TmdbError::NoToken`].
    pub fn from_env(
        saved_token: Option<&str>,
        language: Option<&str>,
    ) -> Result<Config, TmdbError> {
        Config::from_sources(
            std::env::var(TOKEN_VAR).ok().as_deref(),
            std::env::var(URL_VAR).ok().as_deref(),
            saved_token,
            language,
        )
    }

    /// Which token [`Config::from_env`] would use, without reading it out.
    pub fn token_source(saved_token: Option<&str>) -> Option<TokenSource> {
        source(std::env::var(TOKEN_VAR).ok().as_deref(), saved_token).map(|(source, _)| source)
    }

    /// [`Config::from_env`] with the environment's values passed in, so it
    /// can be tested without changing the process's environment.
    fn from_sources(
        env_token: Option<&str>,
        env_url: Option<&str>,
        saved_token: Option<&str>,
        language: Option<&str>,
    ) -> Result<Config, TmdbError> {
        let (_, token) = source(env_token, saved_token).ok_or(TmdbError::NoToken)?;
        let url = non_blank(env_url).unwrap_or(DEFAULT_URL);
        let mut config = Config::new(url, token);
        if let Some(language) = non_blank(language) {
            config.language = language.to_owned();
        }
        Ok(config)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("token", &Hidden(&self.token))
            .field("language", &self.language)
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .finish()
    }
}

/// Shows a secret as whether it is set, for `Debug` output.
pub(crate) struct Hidden<'a>(pub &'a str);

impl fmt::Debug for Hidden<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "<none>"
        } else {
            "<hidden>"
        })
    }
}

/// The token to use and where it is from: the environment's when not
/// blank, else the saved one when not blank.
fn source<'a>(env: Option<&'a str>, saved: Option<&'a str>) -> Option<(TokenSource, &'a str)> {
    non_blank(env)
        .map(|t| (TokenSource::Environment, t))
        .or_else(|| non_blank(saved).map(|t| (TokenSource::Settings, t)))
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The URL without the trailing slashes, so paths can be appended as `/tv/1`.
fn trim_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_environment_token_wins_over_the_saved_one_unless_blank() {
        let c = Config::from_sources(Some("env"), None, Some("saved"), None).unwrap();
        assert_eq!(c.token, "env");
        let c = Config::from_sources(Some("  "), None, Some(" saved "), None).unwrap();
        assert_eq!(c.token, "saved");
        assert_eq!(
            source(Some(""), Some("s")).map(|s| s.0),
            Some(TokenSource::Settings)
        );
        assert_eq!(
            source(Some("e"), Some("s")).map(|s| s.0),
            Some(TokenSource::Environment)
        );
    }

    #[test]
    fn the_token_source_serializes_in_snake_case() {
        let json = serde_json::to_string(&[TokenSource::Environment, TokenSource::Settings]);
        assert_eq!(json.unwrap(), r#"["environment","settings"]"#);
    }

    #[test]
    fn no_token_from_either_is_no_token() {
        let err = Config::from_sources(None, None, Some(" "), None).unwrap_err();
        assert_eq!(err.code(), "no_token");
        assert_eq!(source(None, None), None);
    }

    #[test]
    fn the_url_and_language_fall_back_to_the_defaults() {
        let c = Config::from_sources(None, Some(""), Some("t"), Some("")).unwrap();
        assert_eq!(c.base_url, DEFAULT_URL);
        assert_eq!(c.language, "en-US");
        assert_eq!(c.timeout, Duration::from_secs(15));
        assert_eq!(c.retries, 3);
        let c = Config::from_sources(None, Some("http://x/3/"), Some("t"), Some("ko-KR")).unwrap();
        assert_eq!(c.base_url, "http://x/3");
        assert_eq!(c.language, "ko-KR");
    }
}
