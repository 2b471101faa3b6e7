//! A scene list as Markdown, to paste into a post or a chat: "My favourite
//! kiss scenes", grouped by drama, each scene with its episode and time
//! (`E11 48:12–49:40`), tags, people, notes and links.
//!
//! Everything the user typed is escaped, so a title like `*Goblin* [BTS]`
//! shows as typed and cannot turn into emphasis, a link, a heading, a list
//! or HTML. Links are http/https (checked where they entered the library);
//! their addresses are percent-encoded where Markdown would end them early.

use std::fmt::Write as _;

use crate::drama::Status;
use crate::exchange::export::ExportFilter;
use crate::exchange::format::{DramaV1, LibraryFile, SceneV1};
use crate::scene_time::SceneTime;

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
pub fn scene_list(dramas: &[DramaV1], title: &str) -> String {
    let mut out = String::new();
    line(&mut out, format_args!("# {}", escape_line(title)));
    let mut any = false;
    for drama in dramas.iter().filter(|d| !d.scenes.is_empty()) {
        any = true;
        out.push('\n');
        line(&mut out, format_args!("## {}", drama_heading(drama)));
        out.push('\n');
        for scene in &drama.scenes {
            write_scene(&mut out, scene);
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

fn write_scene(out: &mut String, scene: &SceneV1) {
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
    if !scene.tags.is_empty() {
        line(out, format_args!("  - Tags: {}", escape_list(&scene.tags)));
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
        escape(&link.url)
    } else {
        escape(&link.label)
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

/// Characters that mean something to Markdown (CommonMark and GitHub's
/// tables, strikethrough and HTML) anywhere in a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '(', ')', '{', '}', '#', '<', '>', '|', '~', '&', '!',
];

/// User text, escaped to show literally inside a line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// User text that starts a line: also escapes what would make the line a
/// list item (`- `, `+ `, `1. `), a heading underline (`===`) or a rule.
pub fn escape_line(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    match escaped.chars().next() {
        Some('-' | '+' | '=') => format!("\\{escaped}"),
        Some(_) if digits > 0 && escaped[digits..].starts_with(['.', ')']) => {
            format!("{}\\{}", &escaped[..digits], &escaped[digits..])
        }
        _ => escaped,
    }
}

/// A link address that Markdown reads whole: characters that would end
/// or confuse it are percent-encoded.
pub fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
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
    fn markdown_characters_in_user_text_are_escaped() {
        assert_eq!(escape("*Goblin* [BTS](x)"), r"\*Goblin\* \[BTS\]\(x\)");
        assert_eq!(escape("<script>"), r"\<script\>");
        assert_eq!(escape(r"a\b_c|d`e"), r"a\\b\_c\|d\`e");
        assert_eq!(escape("나의 해방일지 💚"), "나의 해방일지 💚");
    }

    #[test]
    fn a_line_that_would_start_a_list_or_heading_is_escaped() {
        assert_eq!(escape_line("- not a list"), r"\- not a list");
        assert_eq!(escape_line("1. not a list"), r"1\. not a list");
        assert_eq!(escape_line("==="), r"\===");
        assert_eq!(escape_line("# not a heading"), r"\# not a heading");
        assert_eq!(escape_line("2022 was good"), "2022 was good");
    }

    #[test]
    fn link_addresses_keep_markdown_from_ending_them_early() {
        assert_eq!(
            link_destination("https://en.wikipedia.org/wiki/Goblin_(TV_series)"),
            "https://en.wikipedia.org/wiki/Goblin_%28TV_series%29"
        );
        assert_eq!(
            link_destination("https://x.example/a b"),
            "https://x.example/a%20b"
        );
    }

    #[test]
    fn episodes_are_labelled_as_fans_say_them() {
        assert_eq!(episode_label(1, 11), "E11");
        assert_eq!(episode_label(2, 3), "S2E3");
        assert_eq!(episode_label(0, 1), "Special 1");
    }
}
