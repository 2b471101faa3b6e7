//! Lists: named, ordered sets of scenes and dramas ("The best kiss scenes",
//! "Comfort rewatches"), each entry with an optional note ("#1 because of
//! the rain"). A scene or drama can be in many lists; deleting it removes
//! its entries, and the list counts them (`dropped`) so it can say so.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Problems;
use crate::scene::Scene;
use crate::text;

/// The longest list name.
pub const MAX_LIST_NAME_CHARS: usize = 200;
/// The longest list description, and entry note.
pub const MAX_LIST_TEXT_CHARS: usize = 10_000;

/// What a user sets on a list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListDraft {
    pub name: String,
    pub description: String,
}

impl ListDraft {
    pub fn named(name: impl Into<String>) -> Self {
        ListDraft {
            name: name.into(),
            ..Self::default()
        }
    }

    /// The draft cleaned up (trimmed), or every problem, by field.
    pub fn validate(&self) -> Result<ListDraft, Problems> {
        let mut problems = Problems::new();
        let mut clean = self.clone();
        match text::label(&self.name, MAX_LIST_NAME_CHARS) {
            Ok(name) if name.is_empty() => problems.push("name", "must not be empty"),
            Ok(name) => clean.name = name,
            Err(why) => problems.push("name", why),
        }
        match note_text(&self.description) {
            Ok(d) => clean.description = d,
            Err(why) => problems.push("description", why),
        }
        problems.into_result(clean)
    }
}

/// A description or an entry note: line breaks kept, ends trimmed.
pub(crate) fn note_text(raw: &str) -> Result<String, String> {
    let clean = text::notes(raw)?;
    text::check_length(&clean, MAX_LIST_TEXT_CHARS)?;
    Ok(clean)
}

/// The key that makes names unique without regard to case, in any script.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What an entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryRef {
    Scene(Uuid),
    Drama(Uuid),
}

/// A list in the list of lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListSummary {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub entries: u32,
    /// Entries that left with their scene or drama since the list was
    /// last changed.
    pub dropped: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One entry as a list shows it: where it is, what it is, and its note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListEntry {
    /// 1 for the first, as the list shows it.
    pub position: u32,
    pub target: EntryRef,
    pub note: String,
    pub drama_id: Uuid,
    pub drama_title: String,
    pub drama_original_title: Option<String>,
    /// The scene, for a scene entry.
    pub scene: Option<Scene>,
}

/// A list with its entries, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListDetail {
    #[serde(flatten)]
    pub list: ListSummary,
    pub items: Vec<ListEntry>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_list_needs_a_name_of_one_line() {
        assert!(ListDraft::named("  Best kisses ").validate().is_ok());
        let err = ListDraft::named("  ").validate().unwrap_err();
        assert_eq!(err.to_string(), "name: must not be empty");
        let folded = ListDraft::named("Rainy\nweek").validate().unwrap();
        assert_eq!(folded.name, "Rainy week", "a name is one line");
        let long = ListDraft {
            name: "x".into(),
            description: "y".repeat(MAX_LIST_TEXT_CHARS + 1),
        };
        assert!(
            long.validate()
                .unwrap_err()
                .to_string()
                .starts_with("description:")
        );
    }

    #[test]
    fn names_are_the_same_in_any_case_and_script() {
        assert_eq!(name_key(" Best KISSES "), name_key("best kisses"));
        assert_eq!(name_key("ÉTÉ"), name_key("été"));
        assert_ne!(name_key("도깨비"), name_key("도깨비 2"));
    }
}
