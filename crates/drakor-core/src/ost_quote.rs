//! The song playing in a scene (its OST) and the scene's famous line
//! (명대사), each optional.
//!
//! Both are one-line texts, checked like every other: a song needs a title
//! (the artist may be unknown, so empty); a line needs its text (the
//! translation is optional). A song or line left wholly blank is no song or
//! line, as a blank end time is no end.

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Problems;
use crate::text;

/// The longest famous line, or translation of one, in characters: a few
/// sentences, not a script.
pub const MAX_QUOTE_CHARS: usize = 1000;

/// The song playing in a scene: "Stay With Me" by "Chanyeol & Punch".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ost {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub title: String,
    /// Empty when unknown.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub artist: String,
}

/// A scene's famous line as said, and optionally a translation of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    #[serde(default, deserialize_with = "null_as_empty")]
    pub text: String,
    #[serde(default)]
    pub translation: Option<String>,
}

impl Ost {
    /// The song checked, or `None` when both its fields are blank. Problems
    /// name the field inside the song (`title`, `artist`).
    pub fn validate(&self) -> Result<Option<Ost>, Problems> {
        let mut problems = Problems::new();
        let artist = text::label(&self.artist, text::MAX_NAME_CHARS)
            .map_err(|why| problems.push("artist", why))
            .unwrap_or_default();
        if !text::has_visible(&self.title) {
            if artist.is_empty() && problems.is_empty() {
                return Ok(None);
            }
            problems.push(
                "title",
                "a song needs its title (the artist may be left empty)",
            );
        }
        let title = match text::title(&self.title) {
            Ok(title) => title,
            Err(why) => {
                if problems.iter().all(|p| p.field != "title") {
                    problems.push("title", why);
                }
                String::new()
            }
        };
        problems.into_result(Some(Ost { title, artist }))
    }
}

impl Quote {
    /// The line checked, or `None` when it and its translation are blank.
    /// Problems name the field inside the line (`text`, `translation`).
    pub fn validate(&self) -> Result<Option<Quote>, Problems> {
        let mut problems = Problems::new();
        let said = text::optional_line(Some(&self.text), MAX_QUOTE_CHARS)
            .map_err(|why| problems.push("text", why))
            .unwrap_or_default();
        let translation = text::optional_line(self.translation.as_deref(), MAX_QUOTE_CHARS)
            .map_err(|why| problems.push("translation", why))
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(problems);
        }
        match (said, translation) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(Problems::one(
                "text",
                "a translation needs the line it translates",
            )),
            (Some(text), translation) => Ok(Some(Quote { text, translation })),
        }
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ost(title: &str, artist: &str) -> Ost {
        Ost {
            title: title.into(),
            artist: artist.into(),
        }
    }

    #[test]
    fn a_song_needs_a_title_but_not_an_artist() {
        assert_eq!(
            ost(" Stay With Me ", "").validate().expect("valid"),
            Some(ost("Stay With Me", "")),
        );
        let err = ost("", "Chanyeol & Punch")
            .validate()
            .expect_err("no title");
        assert!(
            err.to_string().starts_with("title: a song needs its title"),
            "{err}"
        );
    }

    #[test]
    fn a_blank_song_or_line_is_none() {
        assert_eq!(ost(" ", "\u{200B}").validate().expect("blank"), None);
        let blank = Quote {
            text: "  ".into(),
            translation: Some(String::new()),
        };
        assert_eq!(blank.validate().expect("blank"), None);
    }

    #[test]
    fn a_line_is_kept_on_one_line_and_within_its_limit() {
        let quote = Quote {
            text: "나 좀\n추앙해요".into(),
            translation: Some("Worship me.".into()),
        };
        assert_eq!(
            quote.validate().expect("valid").map(|q| q.text),
            Some("나 좀 추앙해요".to_owned())
        );
        let long = Quote {
            text: "가".repeat(MAX_QUOTE_CHARS + 1),
            translation: None,
        };
        let err = long.validate().expect_err("too long");
        assert!(
            err.to_string().starts_with("text: is 1001 characters"),
            "{err}"
        );
    }

    #[test]
    fn a_translation_without_its_line_is_refused() {
        let quote = Quote {
            text: String::new(),
            translation: Some("Worship me.".into()),
        };
        let err = quote.validate().expect_err("no line");
        assert!(
            err.to_string().starts_with("text: a translation needs"),
            "{err}"
        );
    }

    #[test]
    fn control_characters_in_an_artist_are_refused() {
        let err = ost("Stay With Me", "Chanyeol\u{1b}[31m")
            .validate()
            .expect_err("escape");
        assert!(
            err.to_string().starts_with("artist: contains the control"),
            "{err}"
        );
    }
}
