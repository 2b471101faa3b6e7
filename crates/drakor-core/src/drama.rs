//! Dramas: what a user keeps about a show, and the checks it passes first.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::episode::Episode;
use crate::error::Problems;
use crate::link::{self, Link};
use crate::scene::Scene;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    PlanToWatch,
    Watching,
    Completed,
    OnHold,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::PlanToWatch,
        Status::Watching,
        Status::Completed,
        Status::OnHold,
        Status::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::PlanToWatch => "plan_to_watch",
            Status::Watching => "watching",
            Status::Completed => "completed",
            Status::OnHold => "on_hold",
            Status::Dropped => "dropped",
        }
    }

    /// Reads `plan_to_watch`, `plan-to-watch` or `Plan to watch`.
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|s| s.as_str() == wanted)
    }

    pub(crate) fn from_sql(text: &str) -> rusqlite::Result<Self> {
        Self::parse(text).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown status {text:?}").into(),
            )
        })
    }
}

/// Ids of the same show elsewhere, so imports from other trackers match it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIds {
    #[serde(default)]
    pub tmdb: Option<u64>,
    #[serde(default)]
    pub imdb: Option<String>,
    /// The drama's MyDramaList page.
    #[serde(default)]
    pub mdl: Option<String>,
    /// The show's Trakt id. Left out of files when unknown, so exports of
    /// libraries without Trakt imports read as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trakt: Option<u64>,
}

/// Everything a user can set on a drama; used to add one and to edit one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DramaDraft {
    pub title: String,
    pub original_title: Option<String>,
    pub country: Option<String>,
    pub year: Option<i32>,
    pub network: Option<String>,
    pub total_episodes: Option<u32>,
    pub status: Status,
    pub rating: Option<f64>,
    pub started_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub rewatch_count: u32,
    pub tags: Vec<String>,
    pub notes: String,
    pub external_ids: ExternalIds,
    pub links: Vec<Link>,
}

impl DramaDraft {
    pub fn titled(title: impl Into<String>) -> Self {
        DramaDraft {
            title: title.into(),
            ..Self::default()
        }
    }

    /// Checks every field and returns the draft cleaned up (trimmed text,
    /// normalized tags), or every problem found, each naming its field.
    pub fn validate(&self) -> Result<DramaDraft, Problems> {
        let mut problems = Problems::new();
        let mut check = |field: &str, result: Result<(), String>| {
            if let Err(why) = result {
                problems.push(field, why);
            }
        };
        let mut clean = self.clone();
        check("title", text::title(&self.title).map(|t| clean.title = t));
        check(
            "original_title",
            text::optional_line(self.original_title.as_deref(), text::MAX_TITLE_CHARS)
                .map(|t| clean.original_title = t),
        );
        check(
            "country",
            text::optional_line(self.country.as_deref(), 64).map(|t| clean.country = t),
        );
        check(
            "network",
            text::optional_line(self.network.as_deref(), 100).map(|t| clean.network = t),
        );
        if let Some(year) = self.year {
            check(
                "year",
                if (1900..=2100).contains(&year) {
                    Ok(())
                } else {
                    Err(format!("{year} is not a year between 1900 and 2100"))
                },
            );
        }
        if let Some(total) = self.total_episodes {
            check(
                "total_episodes",
                if (1..=5_000).contains(&total) {
                    Ok(())
                } else {
                    Err(format!("{total} is not a number of episodes (1–5000)"))
                },
            );
        }
        check("rating", text::rating(self.rating).map(|_| ()));
        if let (Some(start), Some(end)) = (self.started_on, self.finished_on) {
            check(
                "finished_on",
                if end >= start {
                    Ok(())
                } else {
                    Err(format!("{end} is before the start date {start}"))
                },
            );
        }
        check(
            "rewatch_count",
            if self.rewatch_count <= 1_000 {
                Ok(())
            } else {
                Err(format!(
                    "{} rewatches is not believable",
                    self.rewatch_count
                ))
            },
        );
        check("tags", text::tags(&self.tags).map(|t| clean.tags = t));
        check("notes", text::notes(&self.notes).map(|n| clean.notes = n));
        check(
            "external_ids.imdb",
            text::optional_line(self.external_ids.imdb.as_deref(), 32)
                .map(|t| clean.external_ids.imdb = t),
        );
        if let Some(mdl) = self.external_ids.mdl.as_deref().map(str::trim) {
            if mdl.is_empty() {
                clean.external_ids.mdl = None;
            } else {
                match Link::validate(mdl, "", link::LinkKind::Other) {
                    Ok(l) => clean.external_ids.mdl = Some(l.url),
                    Err(p) => problems.extend_prefixed("external_ids.mdl", strip_field(p)),
                }
            }
        }
        match link::validate_all(&self.links) {
            Ok(links) => clean.links = links,
            Err(p) => problems.extend_prefixed("", p),
        }
        problems.into_result(clean)
    }
}

/// Drops the inner field name (`url`) so the outer one stands alone.
fn strip_field(problems: Problems) -> Problems {
    let mut out = Problems::new();
    for p in problems.iter() {
        out.push("", p.message.clone());
    }
    out
}

/// A drama as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Drama {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: DramaDraft,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How far along a drama the user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Episodes (not specials) watched at least once.
    pub watched: u32,
    pub total: Option<u32>,
    /// The first episode not yet watched; `None` when all are.
    pub next_episode: Option<u32>,
}

/// A drama with everything under it: the Drama screen.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DramaDetail {
    #[serde(flatten)]
    pub drama: Drama,
    pub progress: Progress,
    pub episodes: Vec<Episode>,
    /// Sorted by season, episode and start time.
    pub scenes: Vec<Scene>,
}

/// A drama by name only: what a drama picker needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DramaName {
    pub id: Uuid,
    pub title: String,
}

/// One row of the library list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DramaSummary {
    pub id: Uuid,
    pub title: String,
    pub original_title: Option<String>,
    pub year: Option<i32>,
    pub country: Option<String>,
    pub network: Option<String>,
    pub status: Status,
    pub rating: Option<f64>,
    pub tags: Vec<String>,
    pub progress: Progress,
    pub scene_count: u32,
    pub last_watched_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// When the next episode to watch airs (or aired), when TMDB said.
    pub next_air_date: Option<NaiveDate>,
    /// Its TMDB id: the name of its poster, when one was fetched.
    pub tmdb_id: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Most recently watched first, then most recently changed.
    #[default]
    Recent,
    Title,
    /// Highest rated first; unrated last.
    Rating,
    /// By the air date of the next episode to watch: what airs soonest
    /// (from the filter's `today`) first, then episodes already aired and
    /// waiting, most recent first; dramas without a date last.
    NextAiring,
}

impl Sort {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "recent" | "recently_watched" => Some(Sort::Recent),
            "title" => Some(Sort::Title),
            "rating" => Some(Sort::Rating),
            "next_airing" | "airing" | "next-airing" => Some(Sort::NextAiring),
            _ => None,
        }
    }
}

/// Which dramas the library list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DramaFilter {
    pub status: Option<Status>,
    pub tag: Option<String>,
    /// Full-text search over the drama, its scenes and its episodes' titles
    /// and notes.
    pub text: Option<String>,
    pub sort: Sort,
    /// The user's today, for [`Sort::NextAiring`]: episodes airing on or
    /// after it come first. Without it, the order is by date alone.
    pub today: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(draft: &DramaDraft) -> String {
        draft
            .validate()
            .expect_err("draft should be refused")
            .to_string()
    }

    #[test]
    fn a_drama_with_only_a_title_is_valid() {
        let clean = DramaDraft::titled("  Goblin ").validate().expect("valid");
        assert_eq!(clean.title, "Goblin");
        assert_eq!(clean.status, Status::PlanToWatch);
    }

    #[test]
    fn an_empty_title_is_refused_by_name() {
        assert_eq!(
            problems_of(&DramaDraft::titled("  ")),
            "title: must not be empty"
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let draft = DramaDraft {
            title: String::new(),
            year: Some(1800),
            rating: Some(11.0),
            total_episodes: Some(0),
            started_on: NaiveDate::from_ymd_opt(2022, 5, 1),
            finished_on: NaiveDate::from_ymd_opt(2022, 4, 1),
            links: vec![Link {
                url: "javascript:alert(1)".into(),
                label: String::new(),
                kind: link::LinkKind::Other,
            }],
            external_ids: ExternalIds {
                mdl: Some("file:///etc".into()),
                ..ExternalIds::default()
            },
            ..DramaDraft::default()
        };
        let shown = problems_of(&draft);
        for field in [
            "title:",
            "year:",
            "rating:",
            "total_episodes:",
            "finished_on:",
            "links[0].url:",
            "external_ids.mdl:",
        ] {
            assert!(shown.contains(field), "{field} missing from {shown}");
        }
    }

    #[test]
    fn statuses_read_in_several_spellings() {
        assert_eq!(Status::parse("plan-to-watch"), Some(Status::PlanToWatch));
        assert_eq!(Status::parse("On hold"), Some(Status::OnHold));
        assert_eq!(Status::parse("binge"), None);
    }
}
