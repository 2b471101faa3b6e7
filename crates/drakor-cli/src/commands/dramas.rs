//! `add`, `edit`, `rm`, `list` and `show`.

use std::io::Write;

use drakor_core::{DramaDetail, DramaDraft, DramaFilter, Sort};

use crate::cli::{AddArgs, DramaFields, EditArgs, ListArgs, RmArgs, ShowArgs, SortBy};
use crate::commands::Ctx;
use crate::error::{CliError, CliResult};
use crate::output::{self, Table};
use crate::parse;

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
    let mut draft = DramaDraft::titled(args.title);
    args.fields.apply(&mut draft);
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
    let mut draft = ctx.library.get_drama(id)?.drama.fields;
    if let Some(title) = args.title {
        draft.title = title;
    }
    args.fields.apply(&mut draft);
    let drama = ctx.library.update_drama(id, &draft, ctx.now)?;
    ctx.confirm(format_args!(
        "updated \"{}\" ({})",
        drama.fields.title, drama.id
    ))
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
        },
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
    let mut table = Table::new(&["TITLE", "ORIGINAL", "STATUS", "PROGRESS", "RATING"]);
    for d in &dramas {
        table.row(vec![
            d.title.clone(),
            d.original_title.clone().unwrap_or_default(),
            output::status(d.status),
            output::progress(&d.progress),
            output::rating(d.rating),
        ]);
    }
    table.write(ctx.out)?;
    Ok(())
}

pub fn show(ctx: &mut Ctx<'_>, args: ShowArgs) -> CliResult {
    let id = ctx.drama(&args.drama)?;
    let detail = ctx.library.get_drama(id)?;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&detail));
    }
    write_detail(ctx.out, &detail)?;
    Ok(())
}

fn write_detail(out: &mut dyn Write, detail: &DramaDetail) -> std::io::Result<()> {
    let f = &detail.drama.fields;
    match &f.original_title {
        Some(original) => writeln!(out, "{}  {original}", f.title)?,
        None => writeln!(out, "{}", f.title)?,
    }
    let field = |out: &mut dyn Write, name: &str, value: String| -> std::io::Result<()> {
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
        field(out, "link", describe_link(link))?;
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
            super::scenes::write_scene(out, scene)?;
        }
    }
    Ok(())
}

/// `https://… (Behind the scenes, behind_the_scenes)`.
pub fn describe_link(link: &drakor_core::Link) -> String {
    let mut about = Vec::new();
    if !link.label.is_empty() {
        about.push(link.label.clone());
    }
    let kind = link.kind.as_str().replace('_', " ");
    if link.kind != drakor_core::LinkKind::Other && !link.label.eq_ignore_ascii_case(&kind) {
        about.push(kind);
    }
    if about.is_empty() {
        link.url.clone()
    } else {
        format!("{} ({})", link.url, about.join(", "))
    }
}
