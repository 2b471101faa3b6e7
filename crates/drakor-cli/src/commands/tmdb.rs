//! `lookup`, `refresh`, `add --tmdb` and `edit --tmdb`: dramas filled from
//! TMDB with the user's own token. A failed lookup changes nothing: the
//! show is fetched whole first, then written in one transaction.

use std::io::Write;

use drakor_core::{Filled, Relink, Settings, paths};
use drakor_tmdb::{Client, Config, Match, Show, TmdbError};
use uuid::Uuid;

use crate::cli::{DramaFields, LookupArgs, RefreshArgs};
use crate::commands::Ctx;
use crate::error::{CliError, CliResult};

/// A client from `DRAKOR_TMDB_TOKEN` or the saved token, `None` without one.
fn client() -> Result<Client, TmdbError> {
    let settings = Settings::load_or_default();
    Config::from_env(
        settings.tmdb_token.as_deref(),
        settings.tmdb_language.as_deref(),
    )
    .map(Client::new)
}

/// `drakor lookup QUERY`: the shows TMDB has by that name, to add by id.
pub fn lookup(args: LookupArgs, out: &mut dyn Write) -> CliResult {
    let matches = client()?.search(&args.query, args.year)?;
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &matches).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    if matches.is_empty() {
        writeln!(out, "TMDB has no show called {:?}", args.query.trim())?;
        return Ok(());
    }
    for m in &matches {
        writeln!(out, "{}", match_line(m))?;
    }
    writeln!(out, "\nAdd one with `drakor add --tmdb ID`.")?;
    Ok(())
}

/// `67915  Guardian: The Lonely and Great God (쓸쓸하고 찬란하神-도깨비)  2016  KR`
fn match_line(m: &Match) -> String {
    let mut line = format!("{:<8} {}", m.tmdb_id, m.name);
    if !m.original_name.is_empty() && m.original_name != m.name {
        line.push_str(&format!(" ({})", m.original_name));
    }
    if let Some(year) = m.first_air_date.as_deref().and_then(|d| d.get(..4)) {
        line.push_str(&format!("  {year}"));
    }
    if !m.origin_country.is_empty() {
        line.push_str(&format!("  {}", m.origin_country.join(", ")));
    }
    line
}

/// `drakor add --tmdb ID [TITLE] [flags]`: the show's values, with every
/// flag given (the title too) put over them. Without a token, a title is
/// enough to add the drama as before, with its TMDB id kept for later.
pub fn add(ctx: &mut Ctx<'_>, title: Option<String>, fields: &DramaFields, id: u64) -> CliResult {
    let client = match (client(), &title) {
        (Ok(client), _) => client,
        (Err(TmdbError::NoToken), Some(title)) => {
            eprintln!(
                "drakor: no TMDB token, so \"{title}\" is added with TMDB id {id} but without its \
                 details; set DRAKOR_TMDB_TOKEN and run `drakor refresh` to fill them"
            );
            return super::dramas::add_plain(ctx, title.clone(), fields);
        }
        (Err(e), _) => return Err(e.into()),
    };
    let show = client.show(id)?;
    let mut draft = show.info.draft();
    if let Some(title) = title {
        draft.title = title;
    }
    fields.apply(&mut draft);
    let filled = ctx.library.add_from_show(&draft, &show.info, ctx.now)?;
    fetch_poster(ctx, &client, id, show.poster_path.as_deref());
    if ctx.quiet {
        writeln!(ctx.out, "{}", filled.drama_id)?;
    } else if filled.added {
        writeln!(
            ctx.out,
            "added \"{}\" ({}) from TMDB: {} episodes{}",
            filled.title,
            filled.drama_id,
            show.episode_count,
            specials(&filled, show.episode_count)
        )?;
    } else {
        writeln!(
            ctx.out,
            "\"{}\" ({}) is already in the library for TMDB id {id}; nothing was added \
             (update it with `drakor refresh`)",
            filled.title, filled.drama_id
        )?;
    }
    Ok(())
}

fn specials(filled: &Filled, regular: u32) -> String {
    match filled.episodes_added.saturating_sub(regular) {
        0 => String::new(),
        1 => " and 1 special".into(),
        n => format!(" and {n} specials"),
    }
}

/// The show to link a drama to (`drakor edit DRAMA --tmdb ID`), fetched
/// before anything is written; `None` without a token (the id is then
/// saved as before). A show already linked to another drama is refused.
pub fn show_to_link(ctx: &Ctx<'_>, id: Uuid, tmdb_id: u64) -> CliResult<Option<(Client, Show)>> {
    if let Some(other) = ctx.library.drama_by_tmdb(tmdb_id)?
        && other != id
    {
        let title = ctx.library.get_drama(other)?.drama.fields.title;
        return Err(CliError::Refused(format!(
            "TMDB id {tmdb_id} is already linked to \"{title}\" ({other}); nothing was changed"
        )));
    }
    match client() {
        Ok(client) => {
            let show = client.show(tmdb_id)?;
            Ok(Some((client, show)))
        }
        Err(TmdbError::NoToken) => {
            eprintln!(
                "drakor: no TMDB token, so only the TMDB id is saved; set DRAKOR_TMDB_TOKEN \
                 and run `drakor refresh` to fill the details"
            );
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Links the drama to the fetched show and fills it as a refresh does, with
/// the user's `edit` put over it, in one transaction.
pub fn link(
    ctx: &mut Ctx<'_>,
    id: Uuid,
    (client, show): (Client, Show),
    edit: impl FnOnce(&mut drakor_core::DramaDraft),
) -> CliResult {
    let tmdb_id = show.info.tmdb_id;
    let filled =
        ctx.library
            .fill_from_show_edited(id, &show.info, Relink::Replace, edit, ctx.now)?;
    fetch_poster(ctx, &client, tmdb_id, show.poster_path.as_deref());
    say_filled(ctx, &filled)
}

/// `drakor refresh DRAMA` or `--all`: new episodes and empty fields from
/// TMDB. With `--all`, a drama TMDB cannot give is said and skipped; a
/// refused token or no network stops at once, as every drama would fail.
pub fn refresh(ctx: &mut Ctx<'_>, args: RefreshArgs) -> CliResult {
    let client = client()?;
    let dramas = match &args.drama {
        Some(query) => {
            let id = ctx.drama(query)?;
            let drama = ctx.library.get_drama(id)?.drama;
            let Some(tmdb_id) = drama.fields.external_ids.tmdb else {
                return Err(CliError::Refused(format!(
                    "\"{}\" is not linked to TMDB; link it with `drakor edit {query:?} --tmdb ID` \
                     (find the id with `drakor lookup`)",
                    drama.fields.title
                )));
            };
            vec![(id, drama.fields.title, tmdb_id)]
        }
        None => ctx
            .library
            .linked_dramas()?
            .into_iter()
            .map(|d| (d.id, d.title, d.tmdb_id))
            .collect(),
    };
    if dramas.is_empty() {
        return ctx.confirm(format_args!(
            "no drama is linked to TMDB (link one with `drakor edit DRAMA --tmdb ID`)"
        ));
    }
    let total = dramas.len();
    let mut failed = 0;
    // On a terminal the progress line is redrawn in place; in a log it is
    // one line per drama.
    let progress = args.all && std::io::IsTerminal::is_terminal(&std::io::stderr());
    for (n, (id, title, tmdb_id)) in dramas.into_iter().enumerate() {
        if progress {
            eprint!("\rrefresh: {}/{total} {title}\x1b[K", n + 1);
        } else if args.all {
            eprintln!("refresh: {}/{total} {title}", n + 1);
        }
        let show = match client.show(tmdb_id) {
            Ok(show) => show,
            Err(e @ (TmdbError::NotFound { .. } | TmdbError::BadResponse { .. })) if args.all => {
                if progress {
                    eprint!("\r\x1b[K");
                }
                eprintln!("drakor: \"{title}\" was left as it is: {e}");
                failed += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let filled = match ctx
            .library
            .fill_from_show(id, &show.info, Relink::Keep, ctx.now)
        {
            Ok(filled) => filled,
            // One drama the library refuses (linked twice, say) is said and
            // skipped; the others are still refreshed.
            Err(e @ drakor_core::Error::Invalid(_)) if args.all => {
                if progress {
                    eprint!("\r\x1b[K");
                }
                eprintln!("drakor: \"{title}\" was left as it is: {e}");
                failed += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        fetch_poster(ctx, &client, tmdb_id, show.poster_path.as_deref());
        if progress {
            eprint!("\r\x1b[K");
        }
        say_filled(ctx, &filled)?;
    }
    if failed > 0 {
        return Err(CliError::Refused(format!(
            "{failed} of {total} dramas could not be refreshed (said above)"
        )));
    }
    Ok(())
}

fn say_filled(ctx: &mut Ctx<'_>, filled: &Filled) -> CliResult {
    if !filled.changed() {
        ctx.confirm(format_args!("\"{}\" is up to date", filled.title))?;
    } else {
        let mut parts = Vec::new();
        if filled.episodes_added > 0 {
            parts.push(format!("{} episodes added", filled.episodes_added));
        }
        if filled.episodes_filled > 0 {
            parts.push(format!("{} episodes filled in", filled.episodes_filled));
        }
        if !filled.fields.is_empty() {
            parts.push(format!("filled {}", filled.fields.join(", ")));
        }
        ctx.confirm(format_args!(
            "updated \"{}\" from TMDB: {}",
            filled.title,
            parts.join("; ")
        ))?;
    }
    for kept in &filled.kept {
        ctx.confirm(format_args!("  {kept}"))?;
    }
    Ok(())
}

/// Downloads the drama's poster once. A poster that cannot be had is said
/// on stderr; the drama is saved either way.
fn fetch_poster(ctx: &Ctx<'_>, client: &Client, tmdb_id: u64, poster_path: Option<&str>) {
    let (Some(poster_path), Some(library)) = (poster_path, ctx.library.path()) else {
        return;
    };
    let folder = paths::posters_folder(library);
    if let Err(e) = client.download_poster(tmdb_id, poster_path, &folder) {
        eprintln!("drakor: no poster this time: {e}");
    }
}
