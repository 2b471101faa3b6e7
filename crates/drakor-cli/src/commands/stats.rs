//! `stats`: the year in review, or all time.

use crate::cli::StatsArgs;
use crate::commands::Ctx;
use crate::error::CliResult;
use crate::output;

/// Days, months and years are the user's own: the local zone, which
/// honours `TZ`, not the UTC the rest of the CLI shows instants in.
pub fn stats(ctx: &mut Ctx<'_>, args: StatsArgs) -> CliResult {
    let stats = ctx.library.stats(args.year, &chrono::Local)?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&stats));
    }
    output::stats_summary(ctx.out, &stats)?;
    Ok(())
}
