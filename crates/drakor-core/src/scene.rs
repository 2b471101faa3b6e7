//! Scene bookmarks: a moment in an episode, with what the user felt about it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::episode::check_episode_ref;
use crate::error::Problems;
use crate::link::{self, Link};
use crate::ost_quote::{Ost, Quote};
use crate::scene_time::SceneTime;
use crate::text;

/// A scene as the user types it: times are text in any form
/// [`SceneTime::parse`] reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SceneDraft {
    pub season: u32,
    pub episode: u32,
    pub start: String,
    pub end: Option<String>,
    pub title: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub people: Vec<String>,
    pub favourite: bool,
    pub links: Vec<Link>,
    /// The song playing in the scene.
    pub ost: Option<Ost>,
    /// The scene's famous line.
    pub quote: Option<Quote>,
}

impl Default for SceneDraft {
    fn default() -> Self {
        SceneDraft {
            season: 1,
            episode: 1,
            start: String::new(),
            end: None,
            title: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            people: Vec::new(),
            favourite: false,
            links: Vec::new(),
            ost: None,
            quote: None,
        }
    }
}

/// A scene that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneFields {
    pub season: u32,
    pub episode: u32,
    pub start: SceneTime,
    pub end: Option<SceneTime>,
    pub title: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub people: Vec<String>,
    pub favourite: bool,
    pub links: Vec<Link>,
    /// The song playing in the scene.
    pub ost: Option<Ost>,
    /// The scene's famous line.
    pub quote: Option<Quote>,
}

impl SceneDraft {
    pub fn validate(&self) -> Result<SceneFields, Problems> {
        let mut problems = Problems::new();
        if let Err(p) = check_episode_ref(self.season, self.episode) {
            problems.extend_prefixed("", p);
        }
        let start = SceneTime::parse(&self.start)
            .map_err(|e| problems.push("start", e.to_string()))
            .ok();
        let end = match self.end.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => SceneTime::parse(text)
                .map_err(|e| problems.push("end", e.to_string()))
                .ok(),
        };
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            problems.push("end", format!("{e} must come after the start {s}"));
        }
        let title = text::title(&self.title)
            .map_err(|why| problems.push("title", why))
            .unwrap_or_default();
        let tags = text::tags(&self.tags)
            .map_err(|why| problems.push("tags", why))
            .unwrap_or_default();
        let notes = text::notes(&self.notes)
            .map_err(|why| problems.push("notes", why))
            .unwrap_or_default();
        let people = text::people(&self.people)
            .map_err(|why| problems.push("people", why))
            .unwrap_or_default();
        let links = link::validate_all(&self.links)
            .map_err(|p| problems.extend_prefixed("", p))
            .unwrap_or_default();
        let ost = match &self.ost {
            Some(ost) => ost
                .validate()
                .map_err(|p| problems.extend_prefixed("ost", p))
                .unwrap_or_default(),
            None => None,
        };
        let quote = match &self.quote {
            Some(quote) => quote
                .validate()
                .map_err(|p| problems.extend_prefixed("quote", p))
                .unwrap_or_default(),
            None => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SceneFields {
            season: self.season,
            episode: self.episode,
            start: start.unwrap_or(SceneTime::ZERO),
            end,
            title,
            tags,
            notes,
            people,
            favourite: self.favourite,
            links,
            ost,
            quote,
        })
    }
}

/// A scene as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    pub id: Uuid,
    pub drama_id: Uuid,
    pub season: u32,
    pub episode: u32,
    /// Shown as a player shows it: `48:12`.
    pub start: SceneTime,
    pub end: Option<SceneTime>,
    pub title: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub people: Vec<String>,
    pub favourite: bool,
    pub links: Vec<Link>,
    pub ost: Option<Ost>,
    pub quote: Option<Quote>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Scene {
    /// The draft that reproduces this scene: what an editor starts from.
    pub fn to_draft(&self) -> SceneDraft {
        SceneDraft {
            season: self.season,
            episode: self.episode,
            start: self.start.to_string(),
            end: self.end.map(|e| e.to_string()),
            title: self.title.clone(),
            tags: self.tags.clone(),
            notes: self.notes.clone(),
            people: self.people.clone(),
            favourite: self.favourite,
            links: self.links.clone(),
            ost: self.ost.clone(),
            quote: self.quote.clone(),
        }
    }
}

/// A scene in the list across dramas, with its drama's titles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SceneInList {
    #[serde(flatten)]
    pub scene: Scene,
    pub drama_title: String,
    pub drama_original_title: Option<String>,
}

/// Which scenes the Scenes list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SceneFilter {
    pub tag: Option<String>,
    pub drama_id: Option<Uuid>,
    pub favourites_only: bool,
    /// Only scenes with this person in them, under any of their names (an
    /// alias finds the person's scenes, and the person's name the scenes
    /// written with an alias).
    pub person: Option<String>,
    /// Only bookmarks still titled [`UNTITLED`], saved in one step while
    /// watching, to fill in later.
    pub untitled_only: bool,
    pub sort: SceneSort,
}

/// The order of the Scenes list.
///
/// A fan looks a scene up by its drama, so the list is by drama title
/// (A–Z, as the drama picker and an index are), not by the drama last
/// touched: that is what [`SceneSort::Newest`] is for, and a drama that
/// moved with every edit would be hard to find again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SceneSort {
    /// By drama title, each drama's scenes in episode and time order.
    #[default]
    Drama,
    /// The newest bookmark first, whatever its drama: one list, not
    /// groups (a drama's scenes added on different days would otherwise
    /// make it appear many times).
    Newest,
    /// By drama title, each drama's ★ scenes first (in episode and time
    /// order), then its others. ("★ only" lists the favourites alone.)
    Favourites,
}

/// The title a scene bookmarked in one step gets until the user gives one.
pub const UNTITLED: &str = "Untitled";

/// A window on a long list: `limit` items from `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

impl Page {
    /// The whole list at once (the CLI, exports).
    pub const ALL: Page = Page {
        offset: 0,
        limit: u32::MAX,
    };

    /// The first `limit` items.
    pub fn first(limit: u32) -> Page {
        Page { offset: 0, limit }
    }
}

/// One page of the Scenes list, and how many scenes pass the filter in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenePage {
    pub scenes: Vec<SceneInList>,
    pub total: u32,
    pub offset: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(start: &str, end: Option<&str>) -> SceneDraft {
        SceneDraft {
            episode: 11,
            start: start.into(),
            end: end.map(Into::into),
            title: "Reed field kiss".into(),
            ..SceneDraft::default()
        }
    }

    #[test]
    fn a_scene_reads_its_times_in_any_typed_form() {
        let fields = draft("48:12", Some("49m40s")).validate().expect("valid");
        assert_eq!(fields.start.to_string(), "48:12");
        assert_eq!(fields.end.map(|e| e.to_string()).as_deref(), Some("49:40"));
    }

    #[test]
    fn the_end_must_come_after_the_start() {
        let err = draft("48:12", Some("48:12"))
            .validate()
            .expect_err("same time");
        assert!(
            err.to_string()
                .starts_with("end: 48:12 must come after the start 48:12"),
            "{err}"
        );
        assert!(draft("48:12", Some("47:00")).validate().is_err());
        assert!(
            draft("48:12", Some("")).validate().is_ok(),
            "a blank end means no end"
        );
    }

    #[test]
    fn a_bad_time_names_the_start_field() {
        let err = draft("12:75", None).validate().expect_err("bad time");
        assert!(
            err.to_string()
                .starts_with("start: \"12:75\" is not a time"),
            "{err}"
        );
    }

    #[test]
    fn a_scene_needs_a_title_and_a_real_episode() {
        let mut d = draft("1:00", None);
        d.title = " ".into();
        d.episode = 0;
        let shown = d.validate().expect_err("bad").to_string();
        assert!(shown.contains("title: must not be empty"), "{shown}");
        assert!(
            shown.contains("episode: must be a positive number"),
            "{shown}"
        );
    }

    #[test]
    fn a_scene_link_must_be_http_or_https() {
        let mut d = draft("1:00", None);
        d.links = vec![Link {
            url: "data:text/html,hi".into(),
            label: String::new(),
            kind: link::LinkKind::Clip,
        }];
        let err = d.validate().expect_err("data link");
        assert!(err.to_string().starts_with("links[0].url:"), "{err}");
    }

    #[test]
    fn a_bad_song_or_line_is_named_by_its_field_inside_the_scene() {
        let mut d = draft("1:00", None);
        d.ost = Some(Ost {
            title: " ".into(),
            artist: "Chanyeol & Punch".into(),
        });
        d.quote = Some(Quote {
            text: "x".repeat(crate::ost_quote::MAX_QUOTE_CHARS + 1),
            translation: None,
        });
        let shown = d.validate().expect_err("bad").to_string();
        assert!(
            shown.contains("ost.title: a song needs its title"),
            "{shown}"
        );
        assert!(shown.contains("quote.text: is 1001 characters"), "{shown}");
    }

    #[test]
    fn a_draft_from_the_window_carries_its_song_and_line_or_neither() {
        let sent = r#"{"episode": 8, "start": "55:30", "title": "Kiss by the sea",
            "ost": {"title": "Stay With Me", "artist": "Chanyeol & Punch"},
            "quote": {"text": "날이 좋아서", "translation": null}}"#;
        let draft: SceneDraft = serde_json::from_str(sent).expect("a draft");
        assert_eq!(
            draft.ost.as_ref().map(|o| o.artist.as_str()),
            Some("Chanyeol & Punch")
        );
        assert_eq!(
            draft.quote.as_ref().map(|q| q.text.as_str()),
            Some("날이 좋아서")
        );
        let older: SceneDraft =
            serde_json::from_str(r#"{"episode": 8, "start": "55:30", "title": "x"}"#)
                .expect("a draft without them");
        assert_eq!((older.ost, older.quote), (None, None));
        let back: SceneDraft =
            serde_json::from_value(serde_json::to_value(&draft).expect("json")).expect("draft");
        assert_eq!(back, draft, "the draft round-trips as the window sends it");
    }

    #[test]
    fn a_scene_keeps_its_song_and_line() {
        let mut d = draft("1:00", None);
        d.ost = Some(Ost {
            title: "Stay With Me".into(),
            artist: "Chanyeol & Punch".into(),
        });
        d.quote = Some(Quote {
            text: "날 추앙해요".into(),
            translation: Some("Worship me".into()),
        });
        let fields = d.validate().expect("valid");
        assert_eq!(fields.ost, d.ost);
        assert_eq!(fields.quote, d.quote);
    }
}
