//! Finding things: `search` and `tags`.

use crate::cli::{JsonArg, SearchArgs};
use crate::commands::Ctx;
use crate::error::CliResult;
use crate::output;

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
    output::search_hits(ctx.out, &hits, output::highlight())?;
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
    output::tag_table(ctx.out, &tags)?;
    Ok(())
}
