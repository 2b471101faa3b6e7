//! How dramas look: the `list` table and the `show` page.

use std::io::{self, Write};

use drakor_core::{DramaDetail, DramaSummary};

use crate::output::{self, Table};

/// The `list` table: title, original title, status, progress and rating.
pub fn drama_table(out: &mut dyn Write, dramas: &[DramaSummary]) -> io::Result<()> {
    let mut table = Table::new(&["TITLE", "ORIGINAL", "STATUS", "PROGRESS", "RATING"]);
    for d in dramas {
        table.row(vec![
            d.title.clone(),
            d.original_title.clone().unwrap_or_default(),
            output::status(d.status),
            output::progress(&d.progress),
            output::rating(d.rating),
        ]);
    }
    table.write(out)
}

/// The `show` page: the drama's fields, its episodes with when they were
/// watched, and its scenes.
pub fn drama_detail(out: &mut dyn Write, detail: &DramaDetail) -> io::Result<()> {
    let f = &detail.drama.fields;
    match &f.original_title {
        Some(original) => writeln!(out, "{}  {original}", f.title)?,
        None => writeln!(out, "{}", f.title)?,
    }
    let field = |out: &mut dyn Write, name: &str, value: String| -> io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(out, "  {name:<10}{value}")
        }
    };
    field(out, "id", detail.drama.id.to_string())?;
    field(
        out,
        "status",
        format!(
            "{}, {} watched",
            output::status(f.status),
            output::progress(&detail.progress)
        ),
    )?;
    field(
        out,
        "rating",
        f.rating.map(|r| r.to_string()).unwrap_or_default(),
    )?;
    let aired: Vec<String> = [
        f.year.map(|y| y.to_string()),
        f.country.clone(),
        f.network.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    field(out, "aired", aired.join(", "))?;
    let dates = match (f.started_on, f.finished_on) {
        (Some(s), Some(e)) => format!("{} to {}", output::date(s), output::date(e)),
        (Some(s), None) => format!("since {}", output::date(s)),
        (None, Some(e)) => format!("finished {}", output::date(e)),
        (None, None) => String::new(),
    };
    field(out, "watched", dates)?;
    if f.rewatch_count > 0 {
        field(out, "rewatches", f.rewatch_count.to_string())?;
    }
    field(out, "tags", f.tags.join(", "))?;
    let ids: Vec<String> = [
        f.external_ids.tmdb.map(|v| format!("TMDB {v}")),
        f.external_ids.imdb.as_ref().map(|v| format!("IMDb {v}")),
        f.external_ids
            .mdl
            .as_ref()
            .map(|v| format!("MyDramaList {v}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    field(out, "elsewhere", ids.join(", "))?;
    for link in &f.links {
        field(out, "link", output::link(link))?;
    }
    if !f.notes.is_empty() {
        writeln!(out, "  notes")?;
        for line in f.notes.lines() {
            writeln!(out, "    {line}")?;
        }
    }

    writeln!(out)?;
    if detail.episodes.is_empty() {
        writeln!(out, "Episodes: none watched yet")?;
    } else {
        writeln!(out, "Episodes (watched, UTC)")?;
        for e in &detail.episodes {
            let mut line = format!("  {:<6}", output::episode(e.season, e.number));
            if e.watched_at.is_empty() {
                line.push_str("not watched");
            } else {
                let watched: Vec<String> =
                    e.watched_at.iter().map(|t| output::instant(*t)).collect();
                line.push_str(&watched.join(", "));
            }
            if e.watched_at.len() > 1 {
                line.push_str(&format!(
                    " ({})",
                    output::count(e.watched_at.len() - 1, "rewatch")
                ));
            }
            if let Some(title) = &e.title {
                line.push_str(&format!("  \"{title}\""));
            }
            if let Some(minutes) = e.runtime_min {
                line.push_str(&format!("  {minutes} min"));
            }
            if let Some(r) = e.rating {
                line.push_str(&format!("  rated {r}"));
            }
            writeln!(out, "{line}")?;
            for note in e.notes.lines() {
                writeln!(out, "          {note}")?;
            }
        }
    }
    if let Some(next) = detail.progress.next_episode {
        writeln!(out, "  next: episode {next}")?;
    }

    writeln!(out)?;
    if detail.scenes.is_empty() {
        writeln!(out, "Scenes: none yet")?;
    } else {
        writeln!(out, "Scenes ({})", detail.scenes.len())?;
        for scene in &detail.scenes {
            output::write_scene(out, scene)?;
        }
    }
    Ok(())
}
