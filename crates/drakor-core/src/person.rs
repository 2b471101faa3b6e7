//! People in scenes, and their other names. Fans write `공유` in one scene
//! and `Gong Yoo` in another; an alias says they are one person, shown
//! under one name (the person's) with the others beside it.
//!
//! A person is a name as scenes use it, without regard to case or width
//! ([`name_key`]): `Gong Yoo`, `gong yoo` and `Ｇｏｎｇ Ｙｏｏ` are one
//! person even without an alias. Aliases are flat: an alias names a person
//! that is no alias itself, so every name resolves in one step.

use serde::Serialize;
use uuid::Uuid;

use crate::error::Problems;
use crate::scene::Scene;
use crate::text;

/// The key that makes two spellings of a name one person: one line, lower
/// case, and full-width Latin letters, digits and signs (`Ｇｏｎｇ`, as a
/// Korean or Japanese keyboard may type them) read as their usual forms.
/// Hangul is kept as it is.
pub fn name_key(name: &str) -> String {
    let narrow: String = text::single_line(name)
        .chars()
        .map(|c| match c {
            // The full-width forms of ASCII `!` to `~` sit 0xFEE0 above it.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect();
    text::single_line(&narrow).to_lowercase()
}

/// A name as typed where a person goes (`field` names it in errors):
/// trimmed to one line, visible, not too long.
pub(crate) fn clean_name(field: &str, raw: &str) -> Result<String, Problems> {
    match text::people(&[raw.to_owned()]) {
        Ok(mut names) if !names.is_empty() => Ok(names.swap_remove(0)),
        Ok(_) => Err(Problems::one(field, "must not be empty")),
        Err(why) => Err(Problems::one(field, why)),
    }
}

/// A person in the list of people: the name shown, the other names, and
/// how many scenes they are in under any of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonSummary {
    pub name: String,
    /// The aliases, by key.
    pub aliases: Vec<String>,
    pub scenes: u32,
}

/// A person's page: who, and their scenes, grouped by drama.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonPage {
    #[serde(flatten)]
    pub person: PersonSummary,
    /// Dramas by title; in each, favourites first, then the others, each
    /// part in episode and time order. (Favourites lead inside their drama
    /// rather than in a group of their own, so a scene is always found
    /// under its drama's heading.)
    pub dramas: Vec<PersonDrama>,
}

/// One drama on a person's page, with the person's scenes in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonDrama {
    pub drama_id: Uuid,
    pub drama_title: String,
    pub drama_original_title: Option<String>,
    pub scenes: Vec<Scene>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_person_in_any_case_or_width() {
        assert_eq!(name_key(" Gong  Yoo "), "gong yoo");
        assert_eq!(name_key("GONG YOO"), name_key("gong yoo"));
        assert_eq!(name_key("Ｇｏｎｇ　Ｙｏｏ"), "gong yoo");
        assert_eq!(name_key("공유"), "공유");
        assert_ne!(name_key("공유"), name_key("공 유"));
    }

    #[test]
    fn a_name_must_have_visible_text() {
        assert_eq!(clean_name("alias", "  공유 ").unwrap(), "공유");
        let err = clean_name("alias", " \u{3164} ").unwrap_err();
        assert_eq!(err.to_string(), "alias: must not be empty");
        let err = clean_name("name", &"가".repeat(201)).unwrap_err();
        assert!(err.to_string().starts_with("name: "), "{err}");
    }
}
