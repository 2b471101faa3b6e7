//! One list to share: as Markdown (numbered, each entry with its drama,
//! episode, time, famous line, song, tags, people, links and note, everything the user typed
//! escaped as the scene list is), as CSV (one row per entry), or as a
//! Drakor file holding the list and the dramas it names, which another
//! library imports whole.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Result;
use crate::exchange::csv::{finish, song_and_line, text, write_row, writer};
use crate::exchange::format::{DramaV1, FORMAT, LibraryFile, ListV2, VERSION};
use crate::exchange::markdown::{
    episode_label, escape, escape_line, escape_list, line, link_item, notes_item,
    write_song_and_line,
};
use crate::list::ListDetail;
use crate::store::{Library, Scope};

/// The kinds of file a list exports as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListFormat {
    #[default]
    Markdown,
    Csv,
    /// A Drakor file (version 2): the list and the dramas it names.
    Json,
}

/// The columns of a list's CSV.
/// (The song and famous line of a scene are last, as in the scenes CSV.)
pub const LIST_COLUMNS: [&str; 15] = [
    "position",
    "kind",
    "drama",
    "original_title",
    "season",
    "episode",
    "start",
    "end",
    "title",
    "note",
    "links",
    "ost_title",
    "ost_artist",
    "quote",
    "quote_translation",
];

impl Library {
    /// The list `id` as a file of `format`, as text.
    pub fn export_list(&self, id: Uuid, format: ListFormat, now: DateTime<Utc>) -> Result<String> {
        let detail = self.get_list(id)?;
        match format {
            ListFormat::Markdown => Ok(markdown(&detail)),
            ListFormat::Csv => csv(&detail),
            ListFormat::Json => {
                let file = self.list_file(&detail, now)?;
                let mut text = serde_json::to_string_pretty(&file)
                    .map_err(|e| crate::Error::io("cannot write the list", e.into()))?;
                text.push('\n');
                Ok(text)
            }
        }
    }

    /// The list and what it names, to share: each drama by what identifies
    /// it only (titles, year, country, network, episode count, ids) and
    /// the listed scenes. No watch, rating, status or note of the user's
    /// goes along, and the dramas carry the oldest possible time, so a
    /// friend's own copy of a drama is never changed by importing the list.
    fn list_file(&self, detail: &ListDetail, now: DateTime<Utc>) -> Result<LibraryFile> {
        let wanted: BTreeSet<Uuid> = detail.items.iter().map(|e| e.drama_id).collect();
        let scenes: BTreeSet<Uuid> = detail
            .items
            .iter()
            .filter_map(|e| e.scene.as_ref().map(|s| s.id))
            .collect();
        let mut dramas = Vec::with_capacity(wanted.len());
        for id in wanted {
            let pk = crate::store::drama_pk_of(self, id)?;
            for record in crate::store::records(self.conn(), Scope::Drama(pk))? {
                let full = DramaV1::from(record);
                dramas.push(DramaV1 {
                    status: Default::default(),
                    rating: None,
                    started_on: None,
                    finished_on: None,
                    rewatch_count: 0,
                    tags: Vec::new(),
                    notes: String::new(),
                    links: Vec::new(),
                    created_at: Some(DateTime::UNIX_EPOCH),
                    updated_at: Some(DateTime::UNIX_EPOCH),
                    episodes: Vec::new(),
                    scenes: full
                        .scenes
                        .iter()
                        .filter(|s| s.id.is_some_and(|id| scenes.contains(&id)))
                        .cloned()
                        .collect(),
                    ..full
                });
            }
        }
        let list = crate::store::all_lists(self.conn())?
            .into_iter()
            .find(|l| l.id == detail.list.id)
            .map(ListV2::from);
        Ok(LibraryFile {
            format: FORMAT.to_owned(),
            version: VERSION,
            exported_at: chrono::SubsecRound::trunc_subsecs(now, 0),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            dramas,
            lists: list.into_iter().collect(),
            // Aliases are the user's own way of naming people; a shared
            // list changes nothing of a friend's but adds to it.
            people: Vec::new(),
        })
    }
}

/// `# Name`, the description, then `1. **Reed field kiss** · …`.
fn markdown(detail: &ListDetail) -> String {
    let mut out = String::new();
    line(
        &mut out,
        format_args!("# {}", escape_line(&detail.list.name)),
    );
    for para in detail
        .list
        .description
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        out.push('\n');
        line(&mut out, format_args!("{}", escape_line(para)));
    }
    out.push('\n');
    if detail.items.is_empty() {
        line(&mut out, format_args!("_Nothing in this list yet._"));
        return out;
    }
    for item in &detail.items {
        let mut drama = escape(&item.drama_title);
        if let Some(original) = item
            .drama_original_title
            .as_deref()
            .filter(|o| *o != item.drama_title)
        {
            let _ = write!(drama, " · {}", escape(original));
        }
        match &item.scene {
            Some(scene) => {
                let when = match scene.end {
                    Some(end) => format!("{}–{end}", scene.start),
                    None => scene.start.to_string(),
                };
                let star = if scene.favourite { " ★" } else { "" };
                line(
                    &mut out,
                    format_args!(
                        "{}. **{}**{star} · {drama}, {} {when}",
                        item.position,
                        escape(&scene.title),
                        episode_label(scene.season, scene.episode)
                    ),
                );
                write_song_and_line(&mut out, scene.ost.as_ref(), scene.quote.as_ref(), "   ");
                if !scene.tags.is_empty() {
                    line(
                        &mut out,
                        format_args!("   - Tags: {}", escape_list(&scene.tags)),
                    );
                }
                if !scene.people.is_empty() {
                    line(
                        &mut out,
                        format_args!("   - With: {}", escape_list(&scene.people)),
                    );
                }
                for link in &scene.links {
                    line(&mut out, format_args!("   - {}", link_item(link)));
                }
            }
            None => line(
                &mut out,
                format_args!("{}. **{drama}** (the drama)", item.position),
            ),
        }
        if let Some(note) = notes_item(&item.note, "     ") {
            line(&mut out, format_args!("   - {note}"));
        }
    }
    out
}

/// One row per entry, in the list's order.
fn csv(detail: &ListDetail) -> Result<String> {
    let mut out = writer();
    write_row(&mut out, LIST_COLUMNS.iter().map(|c| Cow::Borrowed(*c)))?;
    for item in &detail.items {
        let position = item.position.to_string();
        let original = item.drama_original_title.clone().unwrap_or_default();
        let row: Vec<Cow<'_, str>> = match &item.scene {
            Some(scene) => vec![
                Cow::Owned(position),
                Cow::Borrowed("scene"),
                text(&item.drama_title),
                text(&original),
                Cow::Owned(scene.season.to_string()),
                Cow::Owned(scene.episode.to_string()),
                Cow::Owned(scene.start.to_string()),
                Cow::Owned(scene.end.map(|e| e.to_string()).unwrap_or_default()),
                text(&scene.title),
                text(&item.note),
                Cow::Owned(
                    scene
                        .links
                        .iter()
                        .map(|l| l.url.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            ]
            .into_iter()
            .chain(song_and_line(scene.ost.as_ref(), scene.quote.as_ref()))
            .collect(),
            None => vec![
                Cow::Owned(position),
                Cow::Borrowed("drama"),
                text(&item.drama_title),
                text(&original),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                text(&item.note),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
            ],
        };
        write_row(&mut out, row)?;
    }
    finish(out)
}
