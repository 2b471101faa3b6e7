//! `add`, `edit`, `rm`, `list` and `show`.

use drakor_core::{DramaDetail, DramaDraft, DramaFilter, Sort};

use crate::cli::{AddArgs, DramaFields, EditArgs, ListArgs, RmArgs, ShowArgs, SortBy};
use crate::commands::{Ctx, tmdb};
use crate::error::{CliError, CliResult};
use crate::output;
use crate::parse::{self, Clearable};

impl DramaFields {
    /// Puts the flags given into `draft`, leaving the rest as they are.
    pub fn apply(&self, draft: &mut DramaDraft) {
        let text = |value: &Option<String>, field: &mut Option<String>| {
            if let Some(value) = value {
                *field = Some(value.clone());
            }
        };
        text(&self.original, &mut draft.original_title);
        text(&self.country, &mut draft.country);
        text(&self.network, &mut draft.network);
        text(&self.imdb, &mut draft.external_ids.imdb);
        text(&self.mdl, &mut draft.external_ids.mdl);
        if let Some(year) = self.year {
            draft.year = year.0;
        }
        if let Some(total) = self.episodes {
            draft.total_episodes = total.0;
        }
        if let Some(status) = self.status {
            draft.status = status;
        }
        if let Some(rating) = self.rating {
            draft.rating = rating.0;
        }
        if let Some(day) = self.started {
            draft.started_on = day.0;
        }
        if let Some(day) = self.finished {
            draft.finished_on = day.0;
        }
        if let Some(n) = self.rewatches {
            draft.rewatch_count = n;
        }
        if !self.tags.is_empty() {
            draft.tags = self.tags.clone();
        }
        if let Some(notes) = &self.notes {
            draft.notes = notes.clone();
        }
        if !self.links.is_empty() {
            draft.links = parse::links(&self.links);
        }
        if let Some(tmdb) = self.tmdb {
            draft.external_ids.tmdb = tmdb.0;
        }
    }

    fn is_empty(&self) -> bool {
        let DramaFields {
            original,
            country,
            year,
            network,
            episodes,
            status,
            rating,
            started,
            finished,
            rewatches,
            tags,
            notes,
            links,
            tmdb,
            imdb,
            mdl,
        } = self;
        original.is_none()
            && country.is_none()
            && year.is_none()
            && network.is_none()
            && episodes.is_none()
            && status.is_none()
            && rating.is_none()
            && started.is_none()
            && finished.is_none()
            && rewatches.is_none()
            && tags.is_empty()
            && notes.is_none()
            && links.is_empty()
            && tmdb.is_none()
            && imdb.is_none()
            && mdl.is_none()
    }
}

pub fn add(ctx: &mut Ctx<'_>, args: AddArgs) -> CliResult {
    match (args.fields.tmdb, args.title) {
        (Some(Clearable(Some(tmdb_id))), title) => tmdb::add(ctx, title, &args.fields, tmdb_id),
        (_, Some(title)) => add_plain(ctx, title, &args.fields),
        (_, None) => Err(CliError::Usage(
            "give the drama's title, or --tmdb ID to add it from TMDB".into(),
        )),
    }
}

/// Adds a drama from the title and flags alone.
pub fn add_plain(ctx: &mut Ctx<'_>, title: String, fields: &DramaFields) -> CliResult {
    let mut draft = DramaDraft::titled(title);
    fields.apply(&mut draft);
    let drama = ctx.library.add_drama(&draft, ctx.now)?;
    if ctx.quiet {
        writeln!(ctx.out, "{}", drama.id)?;
        return Ok(());
    }
    writeln!(ctx.out, "added \"{}\" ({})", drama.fields.title, drama.id)?;
    Ok(())
}

pub fn edit(ctx: &mut Ctx<'_>, args: EditArgs) -> CliResult {
    if args.title.is_none() && args.fields.is_empty() {
        return Err(CliError::Usage(
            "nothing to change; give the flags to change, e.g. `drakor edit DRAMA --status completed` \
             (see `drakor edit --help`)"
                .into(),
        ));
    }
    let id = ctx.drama(&args.drama)?;
    let stored = ctx.library.get_drama(id)?.drama.fields;
    let edit = |draft: &mut DramaDraft| {
        if let Some(title) = &args.title {
            draft.title = title.clone();
        }
        args.fields.apply(draft);
    };
    // A new TMDB link goes through TMDB: the show is fetched first, then
    // fills what is empty and every flag given is put over it, in one
    // transaction (a field cleared by a flag stays cleared). Without a
    // token the id is saved like any other field.
    let linking = match args.fields.tmdb {
        Some(Clearable(Some(tmdb_id))) if stored.external_ids.tmdb != Some(tmdb_id) => {
            tmdb::show_to_link(ctx, id, tmdb_id)?
        }
        _ => None,
    };
    if let Some(show) = linking {
        return tmdb::link(ctx, id, show, edit);
    }
    let mut draft = stored.clone();
    edit(&mut draft);
    if draft != stored {
        ctx.library.update_drama(id, &draft, ctx.now)?;
    }
    ctx.confirm(format_args!("updated \"{}\" ({id})", draft.title))
}

pub fn remove(ctx: &mut Ctx<'_>, args: RmArgs) -> CliResult {
    let id = ctx.drama(&args.drama)?;
    let detail = ctx.library.get_drama(id)?;
    if !args.yes && !names_exactly(&args.drama, &detail) {
        return Err(CliError::Refused(format!(
            "{:?} is only part of the title \"{}\"; to remove it, give its full title or id, \
             or add --yes",
            args.drama.trim(),
            detail.drama.fields.title
        )));
    }
    ctx.library.delete_drama(id)?;
    let watched = detail
        .episodes
        .iter()
        .filter(|e| !e.watched_at.is_empty())
        .count();
    ctx.confirm(format_args!(
        "removed \"{}\" with {} and {}",
        detail.drama.fields.title,
        output::count(watched, "watched episode"),
        output::count(detail.scenes.len(), "scene"),
    ))
}

/// Whether the query is the drama's whole title, original title, id or id
/// prefix, rather than a part of its title.
fn names_exactly(query: &str, detail: &DramaDetail) -> bool {
    let query = query.trim();
    let fields = &detail.drama.fields;
    let id = detail.drama.id.to_string();
    let same = |text: &str| text.to_lowercase() == query.to_lowercase();
    same(&fields.title)
        || fields.original_title.as_deref().is_some_and(same)
        || (query.len() >= 4 && id.starts_with(&query.to_ascii_lowercase()))
}

pub fn list(ctx: &mut Ctx<'_>, args: ListArgs) -> CliResult {
    let filter = DramaFilter {
        status: args.status,
        tag: args.tag,
        text: args.search,
        sort: match args.sort {
            SortBy::Recent => Sort::Recent,
            SortBy::Title => Sort::Title,
            SortBy::Rating => Sort::Rating,
            SortBy::NextAiring => Sort::NextAiring,
        },
        today: Some(ctx.now.with_timezone(&chrono::Local).date_naive()),
    };
    let filtered = filter.status.is_some() || filter.tag.is_some() || filter.text.is_some();
    let dramas = ctx.library.list_dramas(&filter)?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&dramas));
    }
    if dramas.is_empty() {
        if filtered {
            writeln!(ctx.out, "no dramas match")?;
        } else {
            writeln!(
                ctx.out,
                "the library is empty; add a drama with `drakor add TITLE`"
            )?;
        }
        return Ok(());
    }
    output::drama_table(ctx.out, &dramas)?;
    Ok(())
}

pub fn show(ctx: &mut Ctx<'_>, args: ShowArgs) -> CliResult {
    let id = ctx.drama(&args.drama)?;
    let detail = ctx.library.get_drama(id)?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&detail));
    }
    output::drama_detail(ctx.out, &detail)?;
    Ok(())
}
