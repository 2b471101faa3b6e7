//! Telling a file's format from its content, not its name:
//!
//! - a ZIP (`PK` magic) is a Trakt export;
//! - a JSON object is a Drakor export;
//! - a JSON list is a Watcharr export when its entries have `content` or
//!   `watchedEpisodes`, one of Trakt's files when they have `watched_at`,
//!   `rated_at`, `listed_at` or (`watched-shows.json`) `last_watched_at`;
//! - text whose first line names the columns `media_type` and `title` is a
//!   Yamtrack CSV.
//!
//! A folder is a Trakt export (see [`super::trakt::read_folder`]).

use serde_json::Value;

use super::Format;
use super::common;

/// The start of a ZIP file: a local file header, or the end record of an
/// empty archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The format a file's bytes are in, or `None` when they are none known.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if is_zip(bytes) {
        return Some(Format::Trakt);
    }
    let text = common::text_of(bytes).ok()?.trim_start();
    match text.chars().next()? {
        '{' => Some(Format::Drakor),
        '[' => json_list(text),
        _ if is_yamtrack_header(text) => Some(Format::Yamtrack),
        _ => None,
    }
}

/// A few words on what the bytes look like, for the message when the
/// format is not known.
pub fn describe(bytes: &[u8]) -> &'static str {
    match common::text_of(bytes) {
        Err(_) => "it is neither text nor a ZIP file",
        Ok(text) if text.trim().is_empty() => "it is empty",
        Ok(text) if text.trim_start().starts_with('[') => {
            "it is a JSON list of entries no known tracker writes"
        }
        Ok(text) if text.lines().next().is_some_and(|l| l.contains(',')) => {
            "it looks like CSV, but without Yamtrack's media_type and title columns"
        }
        Ok(_) => "it is text of an unknown kind",
    }
}

/// Keys of the entries of Trakt's files: the history's, the ratings', the
/// watchlist's, watched-shows'.
const TRAKT_KEYS: [&str; 4] = ["watched_at", "rated_at", "listed_at", "last_watched_at"];

/// A JSON list: Watcharr's or one of Trakt's files, by the keys of its
/// entries. A list cut short is told by the keys in its text.
fn json_list(text: &str) -> Option<Format> {
    if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) {
        let first = items.iter().find_map(Value::as_object)?;
        let has = |key: &str| first.contains_key(key);
        return if has("content") || has("watchedEpisodes") || has("watched_episodes") {
            Some(Format::Watcharr)
        } else if TRAKT_KEYS.iter().any(|k| has(k)) {
            Some(Format::Trakt)
        } else {
            None
        };
    }
    let head: String = text.chars().take(64 * 1024).collect();
    if head.contains("\"watchedEpisodes\"") || head.contains("\"content\"") {
        Some(Format::Watcharr)
    } else if TRAKT_KEYS
        .iter()
        .any(|k| head.contains(&format!("\"{k}\"")))
    {
        Some(Format::Trakt)
    } else {
        None
    }
}

/// A first line that names Yamtrack's columns (quoted or not).
fn is_yamtrack_header(text: &str) -> bool {
    let Some(first) = text.lines().next() else {
        return false;
    };
    let columns: Vec<String> = first
        .split(',')
        .map(|c| c.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect();
    columns.iter().any(|c| c == "media_type") && columns.iter().any(|c| c == "title")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_told_by_its_content() {
        assert_eq!(detect(b"PK\x03\x04rest"), Some(Format::Trakt));
        assert_eq!(
            detect(b"  {\"format\":\"drakor\",\"version\":1}"),
            Some(Format::Drakor)
        );
        assert_eq!(
            detect(br#"[{"status":"WATCHING","content":{"title":"x"}}]"#),
            Some(Format::Watcharr)
        );
        assert_eq!(
            detect(br#"[{"watched_at":"2025-01-01T00:00:00Z"}]"#),
            Some(Format::Trakt)
        );
        assert_eq!(
            detect(b"\xEF\xBB\xBF\"title\",\"media_type\"\n\"x\",\"tv\"\n"),
            Some(Format::Yamtrack)
        );
        assert_eq!(
            detect(br#"[{"plays":2,"last_watched_at":"2025-01-01T00:00:00Z","show":{}}]"#),
            Some(Format::Trakt)
        );
        assert_eq!(detect(b"name,year\nGoblin,2016\n"), None);
        assert_eq!(detect(b"[]"), None);
        assert_eq!(detect(b""), None);
    }

    #[test]
    fn a_json_list_cut_short_is_still_told_by_its_keys() {
        assert_eq!(
            detect(br#"[{"id": 1, "watched_at": "2025-01-01T13:00:00.000Z", "show": {"#),
            Some(Format::Trakt)
        );
        assert_eq!(
            detect(br#"[{"status": "WATCHING", "content": {"tmdbId": 1,"#),
            Some(Format::Watcharr)
        );
    }
}
