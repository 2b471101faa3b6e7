//! How the watch log looks: an episode on its own (`episode` without
//! flags) and the `next` table.

use std::io::{self, Write};

use drakor_core::{Episode, Scene, UpNext};

use crate::output::{self, Table};

/// An episode of `title` (`label` is e.g. `E3`): its title, runtime,
/// rating, when it was watched and its notes, then its scenes.
pub fn episode_detail(
    out: &mut dyn Write,
    title: &str,
    label: &str,
    episode: Option<&Episode>,
    scenes: &[&Scene],
) -> io::Result<()> {
    writeln!(out, "{title}, {label}")?;
    match episode {
        None => writeln!(out, "  not watched, no notes")?,
        Some(e) => {
            if let Some(t) = &e.title {
                writeln!(out, "  title     {t}")?;
            }
            if let Some(m) = e.runtime_min {
                writeln!(out, "  runtime   {m} min")?;
            }
            if let Some(r) = e.rating {
                writeln!(out, "  rating    {r}")?;
            }
            let watched: Vec<String> = e.watched_at.iter().map(|t| output::instant(*t)).collect();
            if watched.is_empty() {
                writeln!(out, "  watched   not yet")?;
            } else {
                writeln!(out, "  watched   {} (UTC)", watched.join(", "))?;
            }
            if !e.notes.is_empty() {
                writeln!(out, "  notes")?;
                for line in e.notes.lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    if !scenes.is_empty() {
        writeln!(out, "Scenes ({})", scenes.len())?;
        for scene in scenes {
            output::write_scene(out, scene)?;
        }
    }
    Ok(())
}

/// The `next` table: the next episode of each drama being watched.
/// The next episodes; one still to air (on or after `today`) says when.
pub fn up_next_table(
    out: &mut dyn Write,
    next: &[UpNext],
    today: chrono::NaiveDate,
) -> io::Result<()> {
    let mut table = Table::new(&["TITLE", "NEXT", "PROGRESS", "LAST WATCHED"]);
    for n in next {
        let mut episode = output::episode(n.season, n.episode);
        if let Some(day) = n.air_date.filter(|&d| d >= today) {
            episode.push_str(&format!(" (airs {})", output::date(day)));
        }
        table.row(vec![
            n.title.clone(),
            episode,
            output::fraction(n.watched, n.total),
            n.last_watched_at
                .map(|t| output::date(t.date_naive()))
                .unwrap_or_default(),
        ]);
    }
    table.write(out)
}
