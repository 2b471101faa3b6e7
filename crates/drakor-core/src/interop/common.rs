//! What the readers of other trackers' files share: JSON read with paths in
//! every problem, ratings brought to Drakor's scale, stable ids, instants.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, TimeDelta, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use crate::drama::DramaDraft;
use crate::episode::{EpisodeNotes, check_episode_ref};
use crate::error::Problems;
use crate::merge::ValidEpisode;

pub(crate) use crate::exchange::read::kind_of;

/// Dramas read from other trackers get UUIDv5 ids under this namespace,
/// named by the show's best id (`trakt:130001`, `tmdb:76662`) or by its
/// title, so importing the same file twice finds them again.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x6472_616b_6f72_4946_8000_0000_0000_0002);

/// The instant given to a watch the file has no date for (Watcharr's
/// episodes without a creation date, Yamtrack's episode rows without an
/// end date): the Unix epoch, 1970-01-01T00:00:00Z. Always the same
/// instant, so a second import adds no second watch.
pub const UNDATED: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The most watches without a date one episode can have: their instants
/// ([`undated`]) stay within the first second of 1970-01-01.
pub const MAX_UNDATED: u32 = 1_000;

/// The instant of the `n`th (from 0) of several watches of one episode the
/// file has no date for: [`UNDATED`] plus `n` milliseconds, so each stays a
/// watch of its own and the same file gives the same instants again.
/// `n` is below [`MAX_UNDATED`].
pub fn undated(n: u32) -> DateTime<Utc> {
    UNDATED + TimeDelta::milliseconds(i64::from(n.min(MAX_UNDATED - 1)))
}

/// Whether `at` is the instant of a watch without a date (see [`undated`]).
pub fn is_undated(at: DateTime<Utc>) -> bool {
    at >= UNDATED && at < undated(MAX_UNDATED - 1) + TimeDelta::milliseconds(1)
}

/// The id of a drama read from another tracker, from its best key.
pub fn drama_id(key: &str) -> Uuid {
    Uuid::new_v5(&ID_NAMESPACE, key.as_bytes())
}

/// The instant as the library stores it: whole milliseconds.
pub fn ms(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(3)
}

/// A rating on a 0–10 scale brought to Drakor's: 0–10 in halves, rounded
/// to the nearest half (9.2 → 9, 9.25 → 9.5, 7.8 → 8).
pub fn halves(value: f64) -> f64 {
    (value * 2.0).round() / 2.0
}

/// Text without a UTF-8 byte order mark.
pub fn text_of(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (bad byte at position {})",
            e.valid_up_to()
        )
    })
}

/// Parses JSON text, naming where it breaks.
pub fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            format!("the file ends too soon (is it cut off?): {e}")
        } else {
            format!("it is not valid JSON: {e}")
        }
    })
}

/// The items of a JSON list, or a problem at `at` naming what was found.
pub fn list_at(value: Value, at: &str, what: &str) -> Result<Vec<Value>, Problems> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(Problems::one(
            at,
            format!("expected a list of {what}, found {}", kind_of(&other)),
        )),
    }
}

/// Deserializes `value`, reporting a type error at its full path
/// (`watched-history.json[3].episode.season`).
pub fn parse_at<T: DeserializeOwned>(value: Value, at: &str, problems: &mut Problems) -> Option<T> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| {
            let path = e.path().to_string();
            let field = match path.as_str() {
                "." => at.to_owned(),
                p if p.starts_with('[') => format!("{at}{p}"),
                p => format!("{at}.{p}"),
            };
            problems.push(field, plain(e.into_inner().to_string()));
        })
        .ok()
}

/// serde's words for JSON kinds, in the words the rest of Drakor uses.
fn plain(message: String) -> String {
    // A list where an object was expected reaches serde as a too short or
    // too long sequence.
    let message = match message.strip_prefix("invalid length ") {
        Some(rest) => match rest.split_once(", expected ") {
            Some((_, expected)) => format!("found a list, expected {expected}"),
            None => message,
        },
        None => message,
    };
    message
        .replace("invalid type: map,", "found an object,")
        .replace("invalid type: sequence,", "found a list,")
        .replace("invalid type: null,", "found null,")
        .replace("invalid type: string", "found text")
        .replace("invalid type: integer", "found the number")
        .replace("invalid type: floating point", "found the number")
        .replace("invalid type: boolean", "found")
        .replace("a sequence", "a list")
}

/// Reads an instant or a date as other trackers write them: RFC 3339,
/// `2024-07-01 12:00:00[+00:00]` (UTC without an offset) or `2024-07-01`
/// (midnight UTC).
pub fn instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(ms(at.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Some(ms(at.with_timezone(&Utc)));
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(ms(at.and_utc()));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// Checks a drama built from a file, naming each problem at `at` with the
/// file's own name for the field (`renames` maps Drakor's names to the
/// file's, e.g. `total_episodes` → `aired_episodes`).
pub fn checked_drama(
    draft: DramaDraft,
    at: &str,
    sep: &str,
    renames: &[(&str, &str)],
    problems: &mut Problems,
) -> Option<DramaDraft> {
    match draft.validate() {
        Ok(clean) => Some(clean),
        Err(found) => {
            for p in found.iter() {
                let field = renames
                    .iter()
                    .find(|(ours, _)| *ours == p.field)
                    .map_or(p.field.as_str(), |(_, theirs)| theirs);
                problems.push(format!("{at}{sep}{field}"), p.message.clone());
            }
            None
        }
    }
}

/// An episode built from a file: its season and number checked, its notes
/// cleaned up. `name` gives the file's place for each Drakor field
/// (`season`, `episode`, `title`, `rating`, `notes`) in problems.
pub fn checked_episode(
    season: u32,
    number: u32,
    notes: EpisodeNotes,
    watched_at: BTreeSet<DateTime<Utc>>,
    name: &dyn Fn(&str) -> String,
    problems: &mut Problems,
) -> Option<ValidEpisode> {
    let mut ok = true;
    for found in [
        check_episode_ref(season, number),
        notes.validate().map(|_| ()),
    ] {
        if let Err(found) = found {
            for p in found.iter() {
                problems.push(name(&p.field), p.message.clone());
            }
            ok = false;
        }
    }
    let notes = notes.validate().ok()?;
    ok.then_some(ValidEpisode {
        season,
        number,
        notes,
        watched_at,
        updated_at: None,
    })
}

/// What an import left out, counted by kind.
#[derive(Debug, Clone, Default)]
pub struct Skips(Vec<(String, String, String, u32)>);

impl Skips {
    /// Counts one `singular` thing (`plural` for several) left out because `why`.
    pub fn add(&mut self, singular: &str, plural: &str, why: &str) {
        match self
            .0
            .iter_mut()
            .find(|(s, _, w, _)| s == singular && w == why)
        {
            Some(entry) => entry.3 += 1,
            None => self
                .0
                .push((singular.to_owned(), plural.to_owned(), why.to_owned(), 1)),
        }
    }

    /// Adds `other`'s counts after these.
    pub fn extend(&mut self, other: Skips) {
        for (singular, plural, why, count) in other.0 {
            for _ in 0..count {
                self.add(&singular, &plural, &why);
            }
        }
    }

    pub fn into_list(self) -> Vec<super::Skipped> {
        self.0
            .into_iter()
            .map(|(singular, plural, why, count)| super::Skipped {
                count,
                what: if count == 1 { singular } else { plural },
                why,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_round_to_the_nearest_half() {
        assert_eq!(halves(9.2), 9.0);
        assert_eq!(halves(9.25), 9.5);
        assert_eq!(halves(7.8), 8.0);
        assert_eq!(halves(10.0), 10.0);
        assert_eq!(halves(0.2), 0.0);
    }

    #[test]
    fn instants_are_read_in_the_forms_trackers_write() {
        let want = |t: &str| {
            DateTime::parse_from_rfc3339(t)
                .map(|d| d.with_timezone(&Utc))
                .ok()
        };
        assert_eq!(instant("2024-07-01"), want("2024-07-01T00:00:00Z"));
        assert_eq!(
            instant("2024-07-01T12:00:00Z"),
            want("2024-07-01T12:00:00Z")
        );
        assert_eq!(
            instant("2024-07-01 21:00:00+09:00"),
            want("2024-07-01T12:00:00Z")
        );
        assert_eq!(instant("2024-07-01 12:00:00"), want("2024-07-01T12:00:00Z"));
        assert_eq!(
            instant("2024-06-08T12:51:09.869791Z"),
            want("2024-06-08T12:51:09.869Z"),
            "whole milliseconds, as stored"
        );
        assert_eq!(instant("last week"), None);
    }
}
