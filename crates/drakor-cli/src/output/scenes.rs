//! How scenes look: one scene as a few lines, and the scenes of `scene
//! list` under the dramas they belong to.

use std::io::{self, Write};

use drakor_core::{Scene, SceneInList};
use uuid::Uuid;

use crate::output;

/// The scenes of `scene list`, each drama's under its title.
pub fn scene_list(out: &mut dyn Write, scenes: &[SceneInList]) -> io::Result<()> {
    let mut current: Option<Uuid> = None;
    for item in scenes {
        if current != Some(item.scene.drama_id) {
            if current.is_some() {
                writeln!(out)?;
            }
            current = Some(item.scene.drama_id);
            match &item.drama_original_title {
                Some(original) => writeln!(out, "{}  {original}", item.drama_title)?,
                None => writeln!(out, "{}", item.drama_title)?,
            }
        }
        write_scene(out, &item.scene)?;
    }
    Ok(())
}

/// A scene as a few lines: episode, time, title and tags, then its id,
/// song, famous line, people, links and notes, indented under it.
pub fn write_scene(out: &mut dyn Write, scene: &Scene) -> io::Result<()> {
    let mut line = format!(
        "  {:<5} {:<12} {}{}",
        output::episode(scene.season, scene.episode),
        output::span(scene.start, scene.end),
        if scene.favourite { "★ " } else { "" },
        scene.title
    );
    if !scene.tags.is_empty() {
        let tags: Vec<String> = scene.tags.iter().map(|t| format!("#{t}")).collect();
        line.push_str("  ");
        line.push_str(&tags.join(" "));
    }
    writeln!(out, "{line}")?;
    let indent = "        ";
    writeln!(out, "{indent}id      {}", scene.id)?;
    if let Some(ost) = &scene.ost {
        match ost.artist.as_str() {
            "" => writeln!(out, "{indent}ost     ♪ {}", ost.title)?,
            artist => writeln!(out, "{indent}ost     ♪ {} — {artist}", ost.title)?,
        }
    }
    if let Some(quote) = &scene.quote {
        match &quote.translation {
            Some(t) => writeln!(out, "{indent}quote   “{}” ({t})", quote.text)?,
            None => writeln!(out, "{indent}quote   “{}”", quote.text)?,
        }
    }
    if !scene.people.is_empty() {
        writeln!(out, "{indent}with    {}", scene.people.join(", "))?;
    }
    for link in &scene.links {
        writeln!(out, "{indent}link    {}", output::link(link))?;
    }
    for (i, note) in scene.notes.lines().enumerate() {
        let head = if i == 0 { "notes   " } else { "        " };
        writeln!(out, "{indent}{head}{note}")?;
    }
    Ok(())
}
