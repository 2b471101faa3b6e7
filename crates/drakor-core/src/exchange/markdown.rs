//! A scene list as Markdown, to paste into a post or a chat: "My favourite
//! kiss scenes", grouped by drama, each scene with its episode and time
//! (`E11 48:12–49:40`), famous line, song, tags, people, notes and links.
//!
//! Everything the user typed is escaped, so a title like `*Goblin* [BTS]`
//! shows as typed and cannot turn into emphasis, a link, a heading, a list
//! or HTML; but only where Markdown would misread it ([`escape`]), so the
//! file also reads well as plain text: `Goblin (first snow) | OST` stays as
//! it is. Links are http/https (checked where they entered the library);
//! their addresses are percent-encoded where Markdown would end them early.
//!
//! A scene's famous line is a quote under it, and its song an item:
//! `♪ Stay With Me — Chanyeol & Punch`.

use std::fmt::Write as _;

use crate::drama::Status;
use crate::exchange::export::ExportFilter;
use crate::exchange::format::{DramaV1, LibraryFile, SceneV1};
use crate::ost_quote::{Ost, Quote};
use crate::scene_time::SceneTime;

mod escape;

pub(crate) use escape::escape_label;
pub use escape::{escape, escape_line, link_destination};

/// A title that says what the filter picked: "Kiss scenes", "Scenes from
/// My Liberation Notes", "Kiss scenes from dramas I finished", "My scenes".
pub fn derived_title(filter: &ExportFilter, file: &LibraryFile) -> String {
    let tag = filter
        .tag
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let what = match (tag, filter.favourites) {
        (Some(tag), false) => format!("{} scenes", capitalized(tag)),
        (Some(tag), true) => format!("Favourite {tag} scenes"),
        (None, false) => "Scenes".to_owned(),
        (None, true) => "Favourite scenes".to_owned(),
    };
    let drama = filter
        .drama_id
        .and_then(|id| file.dramas.iter().find(|d| d.id == Some(id)));
    match (drama, filter.status) {
        (Some(drama), _) => format!("{what} from {}", drama.title),
        (None, Some(status)) => format!("{what} from {}", status_phrase(status)),
        (None, None) if tag.is_some() || filter.favourites => what,
        (None, None) => "My scenes".to_owned(),
    }
}

/// The scene list: a heading, then one section per drama with scenes.
/// When the scenes were picked by `tag`, the heading says so once (unless
/// its title already names the tag) and the scenes leave it out of their
/// tags.
pub fn scene_list(dramas: &[DramaV1], title: &str, tag: Option<&str>) -> String {
    let tag = tag
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty());
    let mut out = String::new();
    line(&mut out, format_args!("# {}", escape_line(title)));
    if let Some(tag) = tag.as_deref().filter(|t| !title.to_lowercase().contains(t)) {
        out.push('\n');
        line(
            &mut out,
            format_args!("Every scene here is tagged {}.", escape(tag)),
        );
    }
    let mut any = false;
    for drama in dramas.iter().filter(|d| !d.scenes.is_empty()) {
        any = true;
        out.push('\n');
        line(&mut out, format_args!("## {}", drama_heading(drama)));
        out.push('\n');
        for scene in &drama.scenes {
            write_scene(&mut out, scene, tag.as_deref());
        }
    }
    if !any {
        out.push('\n');
        line(&mut out, format_args!("_No scenes._"));
    }
    out
}

fn drama_heading(drama: &DramaV1) -> String {
    let mut heading = escape_line(&drama.title);
    if let Some(original) = drama
        .original_title
        .as_deref()
        .filter(|o| *o != drama.title)
    {
        let _ = write!(heading, " · {}", escape(original));
    }
    if let Some(year) = drama.year {
        let _ = write!(heading, " ({year})");
    }
    heading
}

fn write_scene(out: &mut String, scene: &SceneV1, tag: Option<&str>) {
    let when = match (time(&scene.start), scene.end.as_deref().map(time)) {
        (start, Some(end)) => format!("{start}–{end}"),
        (start, None) => start,
    };
    let star = if scene.favourite { " ★" } else { "" };
    line(
        out,
        format_args!(
            "- **{} {when}** {}{star}",
            episode_label(scene.season, scene.episode),
            escape(&scene.title)
        ),
    );
    write_song_and_line(out, scene.ost.as_ref(), scene.quote.as_ref(), "  ");
    let tags: Vec<String> = scene
        .tags
        .iter()
        .filter(|t| Some(t.as_str()) != tag)
        .cloned()
        .collect();
    if !tags.is_empty() {
        line(out, format_args!("  - Tags: {}", escape_list(&tags)));
    }
    if !scene.people.is_empty() {
        line(
            out,
            format_args!("  - With: {}", escape_list(&scene.people)),
        );
    }
    if let Some(notes) = notes_item(&scene.notes, "    ") {
        line(out, format_args!("  - {notes}"));
    }
    for link in &scene.links {
        line(out, format_args!("  - {}", link_item(link)));
    }
}

/// A scene's famous line as a quote (`> 나 좀 추앙해요. (Worship me.)`)
/// and its song as an item (`- ♪ Stay With Me — Chanyeol & Punch`), each
/// under the scene's first line, indented by `indent`.
pub(crate) fn write_song_and_line(
    out: &mut String,
    ost: Option<&Ost>,
    quote: Option<&Quote>,
    indent: &str,
) {
    if let Some(quote) = quote {
        let mut said = escape_line(&quote.text);
        if let Some(translation) = &quote.translation {
            let _ = write!(said, " ({})", escape(translation));
        }
        line(out, format_args!("{indent}> {said}"));
    }
    if let Some(ost) = ost {
        let mut song = format!("♪ {}", escape(&ost.title));
        if !ost.artist.is_empty() {
            let _ = write!(song, " — {}", escape(&ost.artist));
        }
        line(out, format_args!("{indent}- {song}"));
    }
}

/// Notes as one list item's text: each non-blank line escaped, joined by
/// hard line breaks (a backslash at the end of a line), the lines after the
/// first indented by `indent`. `None` when there is nothing to show.
pub(crate) fn notes_item(notes: &str, indent: &str) -> Option<String> {
    let lines: Vec<String> = notes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(escape_line)
        .collect();
    (!lines.is_empty()).then(|| lines.join(&format!("\\\n{indent}")))
}

/// A link as `[label](address)`, the address itself when it has no label.
pub(crate) fn link_item(link: &crate::link::Link) -> String {
    let label = if link.label.trim().is_empty() {
        escape_label(&link.url)
    } else {
        escape_label(&link.label)
    };
    format!("[{label}]({})", link_destination(&link.url))
}

pub(crate) fn line(out: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
    out.push('\n');
}

/// `E11` in the first season, `S2E3` in others, `Special 1` in season 0.
pub(crate) fn episode_label(season: u32, episode: u32) -> String {
    match season {
        0 => format!("Special {episode}"),
        1 => format!("E{episode}"),
        s => format!("S{s}E{episode}"),
    }
}

/// `48:12` or `1:02:03`, as a player shows it.
fn time(text: &str) -> String {
    SceneTime::parse(text).map_or_else(|_| escape(text), |t| t.to_string())
}

pub(crate) fn escape_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| escape(i))
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn status_phrase(status: Status) -> &'static str {
    match status {
        Status::PlanToWatch => "dramas I plan to watch",
        Status::Watching => "dramas I'm watching",
        Status::Completed => "dramas I finished",
        Status::OnHold => "dramas on hold",
        Status::Dropped => "dramas I dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episodes_are_labelled_as_fans_say_them() {
        assert_eq!(episode_label(1, 11), "E11");
        assert_eq!(episode_label(2, 3), "S2E3");
        assert_eq!(episode_label(0, 1), "Special 1");
    }
}
