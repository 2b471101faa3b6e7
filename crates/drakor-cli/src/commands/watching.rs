//! The watch log: `watch`, `unwatch`, `episode` and `next`.

use drakor_core::{EpisodeNotes, Status, Unmark, parse_episode_set};

use crate::cli::{EpisodeArgs, JsonArg, UnwatchArgs, WatchArgs};
use crate::commands::Ctx;
use crate::error::CliResult;
use crate::output;

pub fn watch(ctx: &mut Ctx<'_>, args: WatchArgs) -> CliResult {
    let episodes = parse_episode_set(&args.episodes)?;
    let id = ctx.drama(&args.drama)?;
    let before = ctx.library.get_drama(id)?.drama.fields.status;
    let at = args.at.unwrap_or(ctx.now);
    let change = if args.rewatch {
        ctx.library
            .record_rewatch(id, args.season, &episodes, at, ctx.now)?
    } else {
        ctx.library
            .mark_watched(id, args.season, &episodes, at, ctx.now)?
    };
    let after = ctx.library.get_drama(id)?;
    let title = &after.drama.fields.title;
    let progress = output::progress(&after.progress);
    let events = change.events as usize;
    let mut line = if args.rewatch {
        format!(
            "logged a rewatch of {} of {title} ({progress})",
            output::episodes_phrase(&episodes)
        )
    } else if events == 0 {
        format!(
            "{} of {title} {} already watched; nothing changed ({progress}); \
             use --rewatch to log another viewing",
            output::episodes_phrase(&episodes),
            if episodes.len() == 1 { "was" } else { "were" }
        )
    } else if events == 1 && episodes.len() == 1 {
        format!(
            "marked {} of {title} watched ({progress})",
            output::episodes_phrase(&episodes)
        )
    } else if events < episodes.len() {
        format!(
            "marked {events} of {} of {title} watched ({progress}); the others were already watched",
            output::count(episodes.len(), "episode")
        )
    } else {
        format!(
            "marked {} of {title} watched ({progress})",
            output::count(events, "episode")
        )
    };
    if change.status != before {
        line.push_str(&format!(", now {}", output::status(change.status)));
    }
    ctx.confirm(format_args!("{line}"))
}

pub fn unwatch(ctx: &mut Ctx<'_>, args: UnwatchArgs) -> CliResult {
    let episodes = parse_episode_set(&args.episodes)?;
    let id = ctx.drama(&args.drama)?;
    let which = if args.all {
        Unmark::All
    } else {
        Unmark::Latest
    };
    let change = ctx
        .library
        .unmark_watched(id, args.season, &episodes, which)?;
    let after = ctx.library.get_drama(id)?;
    let title = &after.drama.fields.title;
    let progress = output::progress(&after.progress);
    let phrase = output::episodes_phrase(&episodes);
    if change.events == 0 {
        ctx.confirm(format_args!(
            "{phrase} of {title} {} not in the watch log; nothing changed ({progress})",
            if episodes.len() == 1 { "was" } else { "were" }
        ))
    } else {
        let watches = match change.events {
            1 => "1 watch".to_owned(),
            n => format!("{n} watches"),
        };
        let left = if after.episodes.iter().any(|e| {
            e.season == args.season && episodes.contains(&e.number) && !e.watched_at.is_empty()
        }) {
            "; earlier watches stay"
        } else {
            ""
        };
        ctx.confirm(format_args!(
            "took {watches} of {phrase} of {title} out of the watch log{left} ({progress})"
        ))
    }
}

pub fn episode(ctx: &mut Ctx<'_>, args: EpisodeArgs) -> CliResult {
    let id = ctx.drama(&args.drama)?;
    let detail = ctx.library.get_drama(id)?;
    let existing = detail
        .episodes
        .iter()
        .find(|e| e.season == args.season && e.number == args.number);
    let label = output::episode(args.season, args.number);
    let title = &detail.drama.fields.title;
    let nothing_given = args.rating.is_none()
        && args.notes.is_none()
        && args.title.is_none()
        && args.runtime.is_none();
    if nothing_given {
        let scenes: Vec<_> = detail
            .scenes
            .iter()
            .filter(|s| s.season == args.season && s.episode == args.number)
            .collect();
        output::episode_detail(ctx.out, title, &label, existing, &scenes)?;
        return Ok(());
    }
    let mut notes = existing.map_or_else(EpisodeNotes::default, |e| EpisodeNotes {
        title: e.title.clone(),
        runtime_min: e.runtime_min,
        rating: e.rating,
        notes: e.notes.clone(),
    });
    if let Some(rating) = args.rating {
        notes.rating = rating.0;
    }
    if let Some(text) = args.notes {
        notes.notes = text;
    }
    if let Some(t) = args.title {
        notes.title = Some(t);
    }
    if let Some(runtime) = args.runtime {
        notes.runtime_min = runtime.0;
    }
    ctx.library
        .annotate_episode(id, args.season, args.number, &notes, ctx.now)?;
    ctx.confirm(format_args!("saved {label} of {title}"))
}

pub fn next(ctx: &mut Ctx<'_>, args: JsonArg) -> CliResult {
    let next = ctx.library.up_next()?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&next));
    }
    if next.is_empty() {
        writeln!(
            ctx.out,
            "nothing up next; dramas with the status {} show here (start one with `drakor watch DRAMA 1`)",
            output::status(Status::Watching)
        )?;
        return Ok(());
    }
    let today = ctx.now.with_timezone(&chrono::Local).date_naive();
    output::up_next_table(ctx.out, &next, today)?;
    Ok(())
}
