//! Links to behind-the-scenes clips and articles. Only `http` and `https`
//! URLs are kept: anything a browser would run or read from disk
//! (`javascript:`, `file:`, `data:`) is refused where it enters, whether
//! typed, given to the CLI or read from an imported file.
//!
//! A link must be written in full (`https://host/…`): `http:/x` or
//! `https:example.com`, which browsers repair in their own ways, are
//! refused rather than guessed at. The scheme is kept in lower case
//! (`HTTP://` is stored as `http://`); the rest as typed, except that
//! spaces, control characters and invisible characters (zero-width or
//! direction marks, which can make an address look like another) are refused.

use serde::{Deserialize, Serialize};

use crate::error::Problems;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    BehindTheScenes,
    Clip,
    Article,
    #[default]
    Other,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [
        LinkKind::BehindTheScenes,
        LinkKind::Clip,
        LinkKind::Article,
        LinkKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::BehindTheScenes => "behind_the_scenes",
            LinkKind::Clip => "clip",
            LinkKind::Article => "article",
            LinkKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|k| k.as_str() == wanted)
    }

    /// The kind as the database holds it (`as_str`; the schema checks it).
    pub(crate) fn from_sql(text: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == text)
            .unwrap_or_default()
    }
}

/// A link as stored: the URL is known to be http or https.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: LinkKind,
}

impl Link {
    /// Checks a link typed by a user or read from a file.
    pub fn validate(url: &str, label: &str, kind: LinkKind) -> Result<Link, Problems> {
        let mut problems = Problems::new();
        let url = check_url(url.trim())
            .map_err(|why| problems.push("url", why))
            .unwrap_or_default();
        let label = text::label(label, text::MAX_TITLE_CHARS)
            .map_err(|why| problems.push("label", why))
            .unwrap_or_default();
        problems.into_result(Link { url, label, kind })
    }
}

/// Validates every link of a list, naming each by its place (`links[1].url`).
pub fn validate_all(links: &[Link]) -> Result<Vec<Link>, Problems> {
    let mut problems = Problems::new();
    let mut valid = Vec::with_capacity(links.len());
    for (i, link) in links.iter().enumerate() {
        match Link::validate(&link.url, &link.label, link.kind) {
            Ok(link) => valid.push(link),
            Err(p) => problems.extend_prefixed(&format!("links[{i}]"), p),
        }
    }
    problems.into_result(valid)
}

/// Checks an address and gives it as stored: the scheme in lower case.
fn check_url(url: &str) -> Result<String, String> {
    if url.is_empty() {
        return Err("is empty; a link needs an http or https address".into());
    }
    if url.len() > 2048 {
        return Err("is longer than 2048 characters".into());
    }
    let shown = text::shown(url);
    let not_web =
        || format!("{shown} is not a web address; write it in full, like https://example.com/…");
    let (scheme, rest) = url.split_once(':').ok_or_else(not_web)?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return Err(not_web());
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "{scheme}: links are refused; only http and https addresses are kept"
        ));
    }
    // `http:/x`, `https:example.com` and `https:///x` are repaired by
    // browsers in their own ways; only the plain form is kept.
    let Some(authority) = rest.strip_prefix("//") else {
        return Err(not_web());
    };
    if authority.starts_with(['/', '\\']) {
        return Err(not_web());
    }
    if url.chars().any(char::is_whitespace) {
        return Err(format!("{shown} contains spaces"));
    }
    if let Some(c) = url.chars().find(|&c| c.is_control() || text::is_format(c)) {
        return Err(format!(
            "{shown} contains the invisible character U+{:04X}; remove it",
            u32::from(c)
        ));
    }
    let normalized = format!("{scheme}:{rest}");
    let parsed =
        url::Url::parse(&normalized).map_err(|e| format!("{shown} is not a web address ({e})"))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("{shown} has no host"));
    }
    Ok(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_links_are_kept_as_typed() {
        let link = Link::validate(
            " https://www.youtube.com/watch?v=x ",
            " BTS ",
            LinkKind::Clip,
        )
        .expect("a youtube link is fine");
        assert_eq!(link.url, "https://www.youtube.com/watch?v=x");
        assert_eq!(link.label, "BTS");
        assert!(Link::validate("http://example.com/a", "", LinkKind::Other).is_ok());
    }

    #[test]
    fn links_that_run_or_read_local_things_are_refused() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "ftp://example.com/x",
            "vbscript:msgbox",
        ] {
            let err = Link::validate(url, "", LinkKind::Other).expect_err(url);
            assert!(err.to_string().starts_with("url: "), "{url}: {err}");
            assert!(
                err.to_string().contains("only http and https"),
                "{url}: {err}"
            );
        }
    }

    #[test]
    fn empty_relative_and_spaced_links_are_refused() {
        for url in [
            "",
            "www.example.com",
            "https://",
            "https://exa mple.com",
            "/relative",
        ] {
            assert!(
                Link::validate(url, "", LinkKind::Other).is_err(),
                "{url:?} should be refused"
            );
        }
    }

    #[test]
    fn links_must_be_written_in_full() {
        for url in [
            "http:/x",
            "https:example.com",
            "http:\\\\example.com",
            "//example.com",
            "https:///example.com",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
        ] {
            assert!(
                Link::validate(url, "", LinkKind::Other).is_err(),
                "{url:?} should be refused"
            );
        }
    }

    #[test]
    fn the_scheme_is_kept_in_lower_case() {
        let link = Link::validate("HTTPS://Example.com/Path", "", LinkKind::Other).expect("https");
        assert_eq!(link.url, "https://Example.com/Path");
        assert_eq!(
            Link::validate("Http://example.com", "", LinkKind::Other)
                .expect("http")
                .url,
            "http://example.com"
        );
    }

    #[test]
    fn invisible_characters_in_an_address_are_refused() {
        for url in [
            "https://example.com/\u{202E}gpj.exe",
            "https://exam\u{00AD}ple.com",
            "https://example.com/\u{200B}",
            "https://example.com/\u{0}",
        ] {
            let err = Link::validate(url, "", LinkKind::Other).expect_err(url);
            assert!(err.to_string().contains("U+"), "{url:?}: {err}");
        }
        assert!(
            Link::validate(
                "https://ko.wikipedia.org/wiki/나의_해방일지",
                "",
                LinkKind::Other
            )
            .is_ok(),
            "Hangul in an address is fine"
        );
    }

    #[test]
    fn a_bad_link_in_a_list_is_named_by_its_place() {
        let links = vec![
            Link {
                url: "https://ok.example".into(),
                label: String::new(),
                kind: LinkKind::Other,
            },
            Link {
                url: "file:///x".into(),
                label: String::new(),
                kind: LinkKind::Other,
            },
        ];
        let err = validate_all(&links).expect_err("second link is bad");
        assert!(err.to_string().starts_with("links[1].url: "), "{err}");
    }

    #[test]
    fn link_kinds_read_in_several_spellings() {
        assert_eq!(
            LinkKind::parse("behind-the-scenes"),
            Some(LinkKind::BehindTheScenes)
        );
        assert_eq!(LinkKind::parse("Clip"), Some(LinkKind::Clip));
        assert_eq!(LinkKind::parse("video"), None);
    }
}
