//! The `people` of a Drakor file (format version 2): each person's name and
//! aliases, checked. A file's aliases must be flat, as the library's are:
//! no name twice in the file, no alias that is another person of the file,
//! none that is its own person's name.

use std::collections::HashMap;

use serde_json::Value;

use crate::error::Problems;
use crate::exchange::format::PersonV2;
use crate::exchange::read::parse_at;
use crate::merge::ValidPerson;
use crate::person::{clean_name, name_key};

pub(super) fn read_people(values: Vec<Value>, problems: &mut Problems) -> Vec<ValidPerson> {
    let mut people = Vec::with_capacity(values.len());
    // Every name's key, with the place it was first given at.
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut first_at = |key: String, at: &str| match seen.entry(key) {
        std::collections::hash_map::Entry::Occupied(before) => Some(before.get().clone()),
        std::collections::hash_map::Entry::Vacant(free) => {
            free.insert(at.to_owned());
            None
        }
    };
    for (i, value) in values.into_iter().enumerate() {
        let at = format!("people[{i}]");
        let Some(raw) = parse_at::<PersonV2>(value, &at, problems) else {
            continue;
        };
        let name = match clean_name("name", &raw.name) {
            Ok(name) => name,
            Err(p) => {
                problems.extend_prefixed(&at, p);
                continue;
            }
        };
        if let Some(before) = first_at(name_key(&name), &format!("{at}.name")) {
            problems.push(
                format!("{at}.name"),
                format!("{} is named at {before} already", crate::text::shown(&name)),
            );
        }
        let mut aliases = Vec::with_capacity(raw.aliases.len());
        for (j, alias) in raw.aliases.iter().enumerate() {
            let here = format!("{at}.aliases[{j}]");
            // A blank alias says nothing; it is left out, as a blank name
            // in a scene is.
            if !crate::text::has_visible(alias) {
                continue;
            }
            let alias = match clean_name("", alias) {
                Ok(alias) => alias,
                Err(p) => {
                    problems.extend_prefixed(&here, p);
                    continue;
                }
            };
            let key = name_key(&alias);
            if key == name_key(&name) {
                problems.push(
                    &here,
                    format!("{} is the person's own name", crate::text::shown(&alias)),
                );
            } else if let Some(before) = first_at(key, &here) {
                problems.push(
                    &here,
                    format!(
                        "{} is named at {before} already; a name is one person's, and aliases have none of their own",
                        crate::text::shown(&alias)
                    ),
                );
            } else {
                aliases.push(alias);
            }
        }
        people.push(ValidPerson { name, aliases });
    }
    people
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Vec<ValidPerson>, Problems) {
        let values: Vec<Value> = serde_json::from_str(json).unwrap();
        let mut problems = Problems::new();
        (read_people(values, &mut problems), problems)
    }

    #[test]
    fn a_person_is_read_with_their_aliases_and_blank_ones_left_out() {
        let (people, problems) =
            read(r#"[{"name": " 공유 ", "aliases": ["Gong Yoo", " ", "\u3164"]}]"#);
        assert!(problems.is_empty(), "{problems}");
        assert_eq!(
            people,
            vec![ValidPerson {
                name: "공유".into(),
                aliases: vec!["Gong Yoo".into()]
            }]
        );
    }

    #[test]
    fn aliases_that_are_not_flat_are_refused_with_their_place() {
        let (_, problems) = read(
            r#"[{"name": "공유", "aliases": ["Gong Yoo", "공유"]},
                {"name": "GONG YOO", "aliases": []},
                {"name": "Kim Go-eun", "aliases": ["gong yoo"]}]"#,
        );
        let shown = problems.to_string();
        assert!(
            shown.contains("people[0].aliases[1]: \"공유\" is the person's own name"),
            "{shown}"
        );
        assert!(
            shown.contains("people[1].name: \"GONG YOO\" is named at people[0].aliases[0]"),
            "{shown}"
        );
        assert!(
            shown.contains("people[2].aliases[0]: \"gong yoo\" is named at people[0].aliases[0]"),
            "{shown}"
        );
    }

    #[test]
    fn a_person_without_a_name_is_refused() {
        let (_, problems) = read(r#"[{"aliases": ["Gong Yoo"]}]"#);
        assert_eq!(problems.to_string(), "people[0].name: must not be empty");
    }
}
