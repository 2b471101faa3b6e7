//! Scene bookmarks: `scene add`, `scene edit`, `scene rm`, `scene list`.
//! A scene's song (`--ost`) and famous line (`--quote`) are set like its
//! other fields, and cleared by an empty value.

use drakor_core::{Error, Page, Quote, SceneDraft, SceneFilter};
use uuid::Uuid;

use drakor_player::now::Bookmark;

use crate::cli::{SceneAddArgs, SceneEditArgs, SceneExtras, SceneListArgs, SceneRmArgs};
use crate::commands::Ctx;
use crate::error::{CliError, CliResult};
use crate::output;
use crate::parse;

impl SceneExtras {
    /// Puts the lists, notes, song and line given into `draft`, leaving the
    /// rest. A translation needs a line, given now or already the scene's.
    fn apply(&self, draft: &mut SceneDraft) -> CliResult {
        if !self.tags.is_empty() {
            draft.tags = self.tags.clone();
        }
        if let Some(notes) = &self.notes {
            draft.notes = notes.clone();
        }
        if !self.people.is_empty() {
            draft.people = self.people.clone();
        }
        if !self.links.is_empty() {
            draft.links = parse::links(&self.links);
        }
        if let Some(ost) = &self.ost {
            draft.ost = ost.0.clone();
        }
        if let Some(text) = &self.quote {
            draft.quote = (!text.trim().is_empty()).then(|| Quote {
                text: text.clone(),
                translation: draft.quote.take().and_then(|q| q.translation),
            });
        }
        if let Some(translation) = &self.quote_translation {
            let translation = Some(translation.clone()).filter(|t| !t.trim().is_empty());
            match &mut draft.quote {
                Some(quote) => quote.translation = translation,
                None if translation.is_none() => {}
                None => {
                    return Err(CliError::Usage(
                        "--quote-translation translates the scene's famous line, and it has \
                         none; give the line with --quote too"
                            .into(),
                    ));
                }
            }
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.notes.is_none()
            && self.people.is_empty()
            && self.links.is_empty()
            && self.ost.is_none()
            && self.quote.is_none()
            && self.quote_translation.is_none()
    }
}

pub fn add(ctx: &mut Ctx<'_>, args: SceneAddArgs) -> CliResult {
    let drama = args.drama.as_deref().map(|d| ctx.drama(d)).transpose()?;
    let mut draft = SceneDraft {
        season: args.season.unwrap_or(1),
        episode: args.episode.unwrap_or_default(),
        start: args.at.unwrap_or_default(),
        end: args.end,
        title: args.title.unwrap_or_default(),
        favourite: args.favourite,
        ..SceneDraft::default()
    };
    args.extras.apply(&mut draft)?;
    let scene = match (args.now, drama) {
        (true, _) => {
            // A drama named on the command line is the user's pick: it wins,
            // and a show that named no drama is remembered as it.
            let given = Bookmark {
                drama,
                fallback_drama: None,
                season: args.season,
                episode: args.episode,
                draft,
            };
            crate::commands::videos::bookmark_now(ctx, given)?
        }
        (false, Some(drama)) => ctx.library.add_scene(drama, &draft, ctx.now)?,
        (false, None) => return Err(CliError::Usage("name the drama, or give --now".into())),
    };
    if ctx.quiet {
        writeln!(ctx.out, "{}", scene.id)?;
        return Ok(());
    }
    writeln!(
        ctx.out,
        "added scene \"{}\" at {} in {} (id {})",
        scene.title,
        scene.start,
        output::episode_words(scene.season, scene.episode),
        scene.id
    )?;
    Ok(())
}

pub fn edit(ctx: &mut Ctx<'_>, args: SceneEditArgs) -> CliResult {
    let nothing_given = args.episode.is_none()
        && args.season.is_none()
        && args.at.is_none()
        && args.end.is_none()
        && args.title.is_none()
        && args.extras.is_empty()
        && !args.favourite
        && !args.not_favourite;
    if nothing_given {
        return Err(CliError::Usage(
            "nothing to change; give the flags to change, e.g. `drakor scene edit ID --end 49:40` \
             (see `drakor scene edit --help`)"
                .into(),
        ));
    }
    let id = scene_id(ctx, &args.id)?;
    let mut draft = ctx.library.get_scene(id)?.to_draft();
    if let Some(n) = args.episode {
        draft.episode = n;
    }
    if let Some(n) = args.season {
        draft.season = n;
    }
    if let Some(at) = args.at {
        draft.start = at;
    }
    if let Some(end) = args.end {
        draft.end = Some(end);
    }
    if let Some(title) = args.title {
        draft.title = title;
    }
    if args.favourite {
        draft.favourite = true;
    }
    if args.not_favourite {
        draft.favourite = false;
    }
    args.extras.apply(&mut draft)?;
    let scene = ctx.library.update_scene(id, &draft, ctx.now)?;
    ctx.confirm(format_args!(
        "updated scene \"{}\" at {} in {} (id {})",
        scene.title,
        scene.start,
        output::episode_words(scene.season, scene.episode),
        scene.id
    ))
}

pub fn remove(ctx: &mut Ctx<'_>, args: SceneRmArgs) -> CliResult {
    let id = scene_id(ctx, &args.id)?;
    let scene = ctx.library.get_scene(id)?;
    ctx.library.delete_scene(id)?;
    ctx.confirm(format_args!(
        "removed scene \"{}\" at {} in {} (id {})",
        scene.title,
        scene.start,
        output::episode_words(scene.season, scene.episode),
        scene.id
    ))
}

pub fn list(ctx: &mut Ctx<'_>, args: SceneListArgs) -> CliResult {
    let drama_id = args.drama.as_deref().map(|d| ctx.drama(d)).transpose()?;
    let filter = SceneFilter {
        tag: args.tag,
        drama_id,
        favourites_only: args.favourites,
        person: args.person,
        untitled_only: args.untitled,
        ..SceneFilter::default()
    };
    let scenes = ctx.library.list_scenes(&filter, Page::ALL)?.scenes;
    if args.json {
        return output::json(ctx.out, serde_json::to_string_pretty(&scenes));
    }
    if scenes.is_empty() {
        let filtered = filter.tag.is_some()
            || filter.drama_id.is_some()
            || filter.person.is_some()
            || filter.favourites_only
            || filter.untitled_only;
        if filtered {
            writeln!(ctx.out, "no scenes match")?;
        } else {
            writeln!(
                ctx.out,
                "no scenes yet; bookmark one with `drakor scene add DRAMA --episode N --at 48:12 --title TITLE`"
            )?;
        }
        return Ok(());
    }
    output::scene_list(ctx.out, &scenes)?;
    Ok(())
}

/// A scene id, or a prefix of one (4 characters or more) that only one
/// scene's id starts with.
pub(crate) fn scene_id(ctx: &Ctx<'_>, query: &str) -> CliResult<Uuid> {
    let query = query.trim().to_ascii_lowercase();
    if let Ok(id) = Uuid::parse_str(&query) {
        return Ok(id);
    }
    let not_found = || {
        CliError::Core(Error::NotFound {
            what: "scene",
            key: query.clone(),
        })
    };
    if query.len() < 4 || !query.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(not_found());
    }
    let found = ctx.library.scenes_with_id_prefix(&query, 20)?;
    match found.as_slice() {
        [] => Err(not_found()),
        [(id, _)] => Ok(*id),
        many => Err(CliError::Choices {
            message: format!(
                "{query:?} starts {} scene ids; give more of the id:",
                many.len()
            ),
            choices: many
                .iter()
                .map(|(id, title)| format!("{id}  {title}"))
                .collect(),
        }),
    }
}
