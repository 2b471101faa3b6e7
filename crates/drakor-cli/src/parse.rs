//! Readers for flag values that clap does not know: statuses, dates,
//! instants, links, and values that an empty argument clears.
//!
//! These only check syntax. What a value means (is a rating a step of 0.5,
//! is a link http or https, is `12:75` a time) is the core's to judge, so
//! the CLI, the desktop app and imports refuse the same things with the
//! same words.

use std::fmt::Display;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use drakor_core::{Link, LinkKind, Ost, Status};

/// A flag value where an empty argument (`--rating ''`) means "clear it".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clearable<T>(pub Option<T>);

/// Reads a `Clearable<T>`: empty text clears, anything else must parse as `T`.
pub fn clearable<T: FromStr>(text: &str) -> Result<Clearable<T>, String>
where
    T::Err: Display,
{
    let text = text.trim();
    if text.is_empty() {
        return Ok(Clearable(None));
    }
    text.parse()
        .map(|value| Clearable(Some(value)))
        .map_err(|e| format!("{e} (an empty value clears the field)"))
}

/// Reads a `YYYY-MM-DD` date, or empty text to clear it.
pub fn clearable_date(text: &str) -> Result<Clearable<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Clearable(None));
    }
    date(text).map(|d| Clearable(Some(d)))
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date; type it as YYYY-MM-DD, e.g. 2022-04-09"))
}

/// Reads when an episode was watched: RFC 3339 (`2022-05-14T22:30:00+09:00`)
/// or a plain date (`2022-05-14`, read as midnight UTC).
pub fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    Err(format!(
        "{text:?} is not a date or time; type 2022-05-14 or 2022-05-14T22:30:00+09:00"
    ))
}

/// Reads a status in any spelling the core reads (`on_hold`, `on-hold`).
pub fn status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("{text:?} is not a status; use one of {}", all.join(", "))
    })
}

/// A `--link` argument: a link, or `None` for an empty argument, which
/// clears the links when editing.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArg(pub Option<Link>);

/// Reads `URL`, `URL|LABEL` or `URL|LABEL|KIND`. The URL itself is checked
/// by the core (only http and https are kept), so a refused link is named
/// by its place (`links[0].url`) like every other invalid field.
pub fn link(text: &str) -> Result<LinkArg, String> {
    let mut parts = text.splitn(3, '|');
    let url = parts.next().unwrap_or_default().trim();
    let label = parts.next().unwrap_or_default().trim();
    let kind = match parts.next().map(str::trim) {
        None | Some("") => LinkKind::Other,
        Some(kind) => LinkKind::parse(kind).ok_or_else(|| {
            let all: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
            format!(
                "{kind:?} is not a kind of link; use one of {}",
                all.join(", ")
            )
        })?,
    };
    if url.is_empty() && label.is_empty() {
        return Ok(LinkArg(None));
    }
    Ok(LinkArg(Some(Link {
        url: url.to_owned(),
        label: label.to_owned(),
        kind,
    })))
}

/// Reads `--ost TITLE|ARTIST` (or `TITLE` alone, the artist unknown); an
/// empty argument is no song, which clears it when editing. The title and
/// artist themselves are checked by the core.
pub fn ost(text: &str) -> Result<Clearable<Ost>, String> {
    let example = "e.g. --ost \"Stay With Me|Chanyeol & Punch\"";
    if text.trim().is_empty() {
        return Ok(Clearable(None));
    }
    let (title, artist) = match text.split('|').collect::<Vec<_>>()[..] {
        [title] => (title, ""),
        [title, artist] => (title, artist),
        _ => {
            return Err(format!(
                "give the song as TITLE|ARTIST, with one | between them ({example})"
            ));
        }
    };
    if title.trim().is_empty() {
        return Err(format!(
            "a song needs its title before the | ({example}; '' clears the song)"
        ));
    }
    Ok(Clearable(Some(Ost {
        title: title.trim().to_owned(),
        artist: artist.trim().to_owned(),
    })))
}

/// The links given on the command line, without the empty (clearing) ones.
pub fn links(args: &[LinkArg]) -> Vec<Link> {
    args.iter().filter_map(|l| l.0.clone()).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_song_is_a_title_and_an_optional_artist() {
        let song = |title: &str, artist: &str| {
            Ok(Clearable(Some(Ost {
                title: title.into(),
                artist: artist.into(),
            })))
        };
        assert_eq!(
            ost(" Stay With Me | Chanyeol & Punch "),
            song("Stay With Me", "Chanyeol & Punch")
        );
        assert_eq!(ost("Beautiful"), song("Beautiful", ""));
        assert_eq!(ost(""), Ok(Clearable(None)));
        assert!(ost("|Chanyeol").unwrap_err().contains("needs its title"));
        assert!(ost("a|b|c").unwrap_err().contains("one | between"));
    }

    #[test]
    fn an_empty_value_clears_and_anything_else_must_parse() {
        assert_eq!(clearable::<u32>(""), Ok(Clearable(None)));
        assert_eq!(clearable::<u32>(" 16 "), Ok(Clearable(Some(16))));
        assert!(clearable::<u32>("sixteen").is_err());
        assert_eq!(clearable_date(""), Ok(Clearable(None)));
        assert!(clearable_date("2022-13-01").is_err());
    }

    #[test]
    fn watch_times_read_as_rfc3339_or_as_a_date_at_midnight_utc() {
        assert_eq!(
            instant("2022-05-14T22:30:00+09:00").unwrap().to_rfc3339(),
            "2022-05-14T13:30:00+00:00"
        );
        assert_eq!(
            instant("2022-05-14").unwrap().to_rfc3339(),
            "2022-05-14T00:00:00+00:00"
        );
        assert!(instant("yesterday").is_err());
    }

    #[test]
    fn links_read_url_label_and_kind_separated_by_bars() {
        let LinkArg(Some(full)) =
            link("https://youtu.be/x|Behind the scenes|behind-the-scenes").unwrap()
        else {
            panic!("a link")
        };
        assert_eq!(full.url, "https://youtu.be/x");
        assert_eq!(full.label, "Behind the scenes");
        assert_eq!(full.kind, LinkKind::BehindTheScenes);
        assert_eq!(
            link("https://a.example").unwrap().0.unwrap().kind,
            LinkKind::Other
        );
        assert_eq!(link("").unwrap(), LinkArg(None));
        assert!(link("https://a.example|x|video").is_err());
    }

    #[test]
    fn statuses_name_the_choices_when_refused() {
        assert_eq!(status("on-hold"), Ok(Status::OnHold));
        assert!(status("binge").unwrap_err().contains("plan_to_watch"));
    }
}
