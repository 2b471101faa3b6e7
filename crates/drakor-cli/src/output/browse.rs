//! How finding things looks: `search` hits and the `tags` table.

use std::io::{self, Write};

use drakor_core::{SearchHit, SearchHitKind, TagCount};

use crate::output::{self, Table};

/// The hits of `search`: the drama, where a scene or an episode is, and
/// the snippet that matched (its matches in bold when `bold`).
pub fn search_hits(out: &mut dyn Write, hits: &[SearchHit], bold: bool) -> io::Result<()> {
    for hit in hits {
        let drama = match &hit.drama_original_title {
            Some(original) => format!("{} ({original})", hit.drama_title),
            None => hit.drama_title.clone(),
        };
        match hit.kind {
            SearchHitKind::Drama => writeln!(out, "drama  {drama}")?,
            SearchHitKind::Scene => {
                let mut line = format!("scene  {drama}");
                if let (Some(season), Some(episode)) = (hit.season, hit.episode) {
                    line.push_str(&format!(", {}", output::episode(season, episode)));
                }
                if let Some(start) = hit.start {
                    line.push_str(&format!(" {start}"));
                }
                if let Some(title) = &hit.scene_title {
                    line.push_str(&format!(": {title}"));
                }
                writeln!(out, "{line}")?;
                if let Some(id) = hit.scene_id {
                    writeln!(out, "       id {id}")?;
                }
            }
            SearchHitKind::Episode => {
                let mut line = format!("episode {drama}");
                if let (Some(season), Some(episode)) = (hit.season, hit.episode) {
                    line.push_str(&format!(", {}", output::episode(season, episode)));
                }
                if let Some(title) = &hit.episode_title {
                    line.push_str(&format!(": {title}"));
                }
                writeln!(out, "{line}")?;
            }
        }
        let snippet = output::snippet(&hit.snippet, bold);
        if !snippet.is_empty() {
            writeln!(out, "       {snippet}")?;
        }
    }
    Ok(())
}

/// The `tags` table: each tag with how many dramas and scenes carry it.
pub fn tag_table(out: &mut dyn Write, tags: &[TagCount]) -> io::Result<()> {
    let mut table = Table::new(&["TAG", "DRAMAS", "SCENES"]);
    for t in tags {
        table.row(vec![
            t.tag.clone(),
            t.dramas.to_string(),
            t.scenes.to_string(),
        ]);
    }
    table.write(out)
}
