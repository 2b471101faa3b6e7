//! The library as CSV for spreadsheets: one row per scene, or one row per
//! watch event (the watch log).
//!
//! - Quoting follows RFC 4180 (the `csv` crate, CRLF line ends), so commas,
//!   quotes and line breaks in titles and notes survive a round trip.
//! - The text starts with a UTF-8 byte order mark: without it Excel reads
//!   the file in the system's legacy code page and Hangul turns into noise.
//!   LibreOffice, Numbers and Google Sheets ignore it.
//! - Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
//!   gets a leading `'`, the usual guard against formula injection; numbers
//!   and times are written as they are.

use std::borrow::Cow;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::error::{Error, Result};
use crate::exchange::format::DramaV1;
use crate::ost_quote::{Ost, Quote};

/// The columns of a scenes CSV, in order. The song and the famous line
/// came later than the rest, and are the last columns so that a sheet or
/// script that reads the earlier ones by place keeps working.
pub const SCENE_COLUMNS: [&str; 16] = [
    "drama_title",
    "original_title",
    "season",
    "episode",
    "start",
    "end",
    "title",
    "tags",
    "people",
    "favourite",
    "notes",
    "link",
    "ost_title",
    "ost_artist",
    "quote",
    "quote_translation",
];

/// The columns of a watch-log CSV, in order.
pub const EPISODE_COLUMNS: [&str; 6] = [
    "drama_title",
    "original_title",
    "season",
    "episode",
    "episode_title",
    "watched_at",
];

/// One row per scene: the drama's titles, where and when the scene is, its
/// title, tags, people, favourite flag, notes, first link, song and line.
pub fn scenes_csv(dramas: &[DramaV1]) -> Result<String> {
    let mut out = writer();
    write_row(&mut out, SCENE_COLUMNS.iter().map(|c| Cow::Borrowed(*c)))?;
    for drama in dramas {
        for scene in &drama.scenes {
            write_row(
                &mut out,
                [
                    text(&drama.title),
                    text(drama.original_title.as_deref().unwrap_or("")),
                    scene.season.to_string().into(),
                    scene.episode.to_string().into(),
                    Cow::Borrowed(scene.start.as_str()),
                    Cow::Borrowed(scene.end.as_deref().unwrap_or("")),
                    text(&scene.title),
                    text(&scene.tags.join(", ")).into_owned().into(),
                    text(&scene.people.join(", ")).into_owned().into(),
                    Cow::Borrowed(if scene.favourite { "yes" } else { "" }),
                    text(&scene.notes),
                    Cow::Borrowed(scene.links.first().map_or("", |l| l.url.as_str())),
                ]
                .into_iter()
                .chain(song_and_line(scene.ost.as_ref(), scene.quote.as_ref())),
            )?;
        }
    }
    finish(out)
}

/// One row per watch event, oldest first within each episode.
pub fn watch_log_csv(dramas: &[DramaV1]) -> Result<String> {
    let mut out = writer();
    write_row(&mut out, EPISODE_COLUMNS.iter().map(|c| Cow::Borrowed(*c)))?;
    for drama in dramas {
        for episode in &drama.episodes {
            for at in &episode.watched_at {
                write_row(
                    &mut out,
                    [
                        text(&drama.title),
                        text(drama.original_title.as_deref().unwrap_or("")),
                        episode.season.to_string().into(),
                        episode.number.to_string().into(),
                        text(episode.title.as_deref().unwrap_or("")),
                        instant(*at).into(),
                    ],
                )?;
            }
        }
    }
    finish(out)
}

pub(crate) fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec())
}

pub(crate) fn write_row<'a>(
    out: &mut ::csv::Writer<Vec<u8>>,
    cells: impl IntoIterator<Item = Cow<'a, str>>,
) -> Result<()> {
    out.write_record(cells.into_iter().map(|c| c.into_owned()))
        .map_err(|e| Error::io("cannot write the CSV", e.into()))
}

pub(crate) fn finish(out: ::csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = out
        .into_inner()
        .map_err(|e| Error::io("cannot write the CSV", e.into_error()))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::io(
            "cannot write the CSV",
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })
}

/// User text, with a `'` in front when a spreadsheet would read it as a
/// formula.
/// The last four cells of a scene's row, in the columns' order: the song's
/// title and artist, the famous line and its translation (empty when the
/// scene has none).
pub(crate) fn song_and_line<'a>(
    ost: Option<&'a Ost>,
    quote: Option<&'a Quote>,
) -> [Cow<'a, str>; 4] {
    [
        text(ost.map_or("", |o| o.title.as_str())),
        text(ost.map_or("", |o| o.artist.as_str())),
        text(quote.map_or("", |q| q.text.as_str())),
        text(quote.and_then(|q| q.translation.as_deref()).unwrap_or("")),
    ]
}

pub(crate) fn text(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_looks_like_a_formula_is_guarded() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@cmd"), "'@cmd");
        assert_eq!(text("Reed field kiss"), "Reed field kiss");
        assert_eq!(text("나의 해방일지"), "나의 해방일지");
    }
}
