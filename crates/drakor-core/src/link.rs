//! Links to behind-the-scenes clips and articles. Only `http` and `https`
//! URLs are kept: anything a browser would run or read from disk
//! (`javascript:`, `file:`, `data:`) is refused where it enters.

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
        let url = url.trim();
        if let Err(why) = check_url(url) {
            problems.push("url", why);
        }
        let label = text::single_line(label);
        if let Err(why) = text::check_length(&label, text::MAX_TITLE_CHARS) {
            problems.push("label", why);
        }
        problems.into_result(Link {
            url: url.to_owned(),
            label,
            kind,
        })
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

fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("is empty; a link needs an http or https address".into());
    }
    if url.len() > 2048 {
        return Err("is longer than 2048 characters".into());
    }
    let parsed = url::Url::parse(url).map_err(|e| format!("{url:?} is not a web address ({e})"))?;
    match parsed.scheme() {
        "http" | "https" => {}
        other => {
            return Err(format!(
                "{other}: links are refused; only http and https addresses are kept"
            ));
        }
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("{url:?} has no host"));
    }
    if url.chars().any(char::is_whitespace) {
        return Err(format!("{url:?} contains spaces"));
    }
    Ok(())
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
