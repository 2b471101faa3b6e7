//! Finding things: `search` and `tags`.

use drakor_core::SearchHitKind;

use crate::cli::{JsonArg, SearchArgs};
use crate::commands::{Ctx, highlight};
use crate::error::CliResult;
use crate::output::{self, Table};

pub fn search(ctx: &mut Ctx<'_>, args: SearchArgs) -> CliResult {
    let text = args.words.join(" ");
    let hits = ctx.library.search(&text, args.limit)?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&hits));
    }
    if hits.is_empty() {
        writeln!(ctx.out, "nothing matches {text:?}")?;
        return Ok(());
    }
    let bold = highlight();
    for hit in &hits {
        let drama = match &hit.drama_original_title {
            Some(original) => format!("{} ({original})", hit.drama_title),
            None => hit.drama_title.clone(),
        };
        match hit.kind {
            SearchHitKind::Drama => writeln!(ctx.out, "drama  {drama}")?,
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
                writeln!(ctx.out, "{line}")?;
                if let Some(id) = hit.scene_id {
                    writeln!(ctx.out, "       id {id}")?;
                }
            }
        }
        let snippet = output::snippet(&hit.snippet, bold);
        if !snippet.is_empty() {
            writeln!(ctx.out, "       {snippet}")?;
        }
    }
    Ok(())
}

pub fn tags(ctx: &mut Ctx<'_>, args: JsonArg) -> CliResult {
    let tags = ctx.library.tags()?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&tags));
    }
    if tags.is_empty() {
        writeln!(ctx.out, "no tags yet; add some with --tag")?;
        return Ok(());
    }
    let mut table = Table::new(&["TAG", "DRAMAS", "SCENES"]);
    for t in &tags {
        table.row(vec![
            t.tag.clone(),
            t.dramas.to_string(),
            t.scenes.to_string(),
        ]);
    }
    table.write(ctx.out)?;
    Ok(())
}
