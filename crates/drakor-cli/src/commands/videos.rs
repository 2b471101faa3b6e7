//! `link` and `play`: episodes joined to their video files, and a scene
//! played from where it starts.

use std::path::Path;

use drakor_core::{Scene, VideoLinks};
use drakor_player::folder::{FolderScan, scan};
use drakor_player::now::{Bookmark, BookmarkError, playing_episode};
use drakor_player::play::PlayCommand;
use drakor_player::scene::{PlayError, episode_label};
use serde_json::json;

use crate::cli::{JsonArg, LinkArgs, PlayArgs};
use crate::commands::Ctx;
use crate::commands::scenes::scene_id;
use crate::error::{CliError, CliResult};
use crate::output;

pub fn link(ctx: &mut Ctx<'_>, args: LinkArgs) -> CliResult {
    let id = ctx.drama(&args.drama)?;
    let title = ctx.library.get_drama(id)?.drama.fields.title;
    let mut found = FolderScan::default();
    match (args.path, args.episode) {
        (Some(file), Some(episode)) => {
            let links = ctx.library.video_links(id)?;
            let relative = inside_folder(&links, &file, &title)?;
            ctx.library
                .link_episode_file(id, args.season, episode, &relative)?;
        }
        (Some(dir), None) => {
            let folder = std::fs::canonicalize(&dir).map_err(|e| CliError::File {
                context: format!("cannot open the folder {}", dir.display()),
                source: e,
            })?;
            found = scan(&folder).map_err(|e| CliError::File {
                context: format!("cannot read the folder {}", folder.display()),
                source: e,
            })?;
            ctx.library.link_folder(id, &folder, &found.matched)?;
        }
        (None, _) => {}
    }
    let links = ctx.library.video_links(id)?;
    if args.json.json {
        let value = json!({
            "drama_id": id,
            "folder": links.folder,
            "files": links.files,
            "unmatched": found.unmatched,
            "doubles": found.doubles.iter().map(|(season, episode, files)| {
                json!({"season": season, "episode": episode, "files": files})
            }).collect::<Vec<_>>(),
        });
        return output::json(ctx.out, serde_json::to_string_pretty(&value));
    }
    print_links(ctx, &title, &links, &found)
}

/// `file` as a name relative to the drama's folder; an absolute path must
/// be inside it, and the file must be there.
fn inside_folder(links: &VideoLinks, file: &Path, title: &str) -> CliResult<String> {
    let Some(folder) = &links.folder else {
        return Err(CliError::Refused(format!(
            "{title} is linked to no folder yet; link it first with `drakor link DRAMA DIR`"
        )));
    };
    let relative = if file.is_absolute() {
        file.strip_prefix(folder)
            .map_err(|_| {
                CliError::Refused(format!(
                    "{} is not inside {title}'s folder {}",
                    file.display(),
                    folder.display()
                ))
            })?
            .to_path_buf()
    } else {
        file.to_path_buf()
    };
    if !folder.join(&relative).is_file() {
        return Err(CliError::Refused(format!(
            "there is no file {} in {}",
            relative.display(),
            folder.display()
        )));
    }
    relative.to_str().map(str::to_owned).ok_or_else(|| {
        CliError::Refused(format!(
            "{} is not valid UTF-8, which Drakor cannot store",
            relative.display()
        ))
    })
}

fn print_links(
    ctx: &mut Ctx<'_>,
    title: &str,
    links: &VideoLinks,
    found: &FolderScan,
) -> CliResult {
    let Some(folder) = &links.folder else {
        return ctx.confirm(format_args!(
            "{title} is linked to no folder; link one with `drakor link DRAMA DIR`"
        ));
    };
    let mut text = format!(
        "{title}: {} in {}\n",
        output::count(links.files.len(), "episode file"),
        folder.display()
    );
    for file in &links.files {
        let by_hand = if file.by_hand { "  (set by hand)" } else { "" };
        let missing = if folder.join(&file.file).is_file() {
            ""
        } else {
            "  (missing)"
        };
        text.push_str(&format!(
            "  {:<8} {}{by_hand}{missing}\n",
            episode_label(file.season, file.episode),
            file.file
        ));
    }
    for (season, episode, files) in &found.doubles {
        text.push_str(&format!(
            "two files for {}, so neither is linked (set one with --episode {episode}{}):\n",
            episode_label(*season, *episode),
            if *season == 1 {
                String::new()
            } else {
                format!(" --season {season}")
            }
        ));
        for file in files {
            text.push_str(&format!("    {file}\n"));
        }
    }
    if !found.unmatched.is_empty() {
        text.push_str("no episode in the name of:\n");
        for file in &found.unmatched {
            text.push_str(&format!("    {file}\n"));
        }
    }
    write!(ctx.out, "{text}")?;
    Ok(())
}

pub fn play(ctx: &mut Ctx<'_>, args: PlayArgs) -> CliResult {
    let scene = ctx.library.get_scene(scene_id(ctx, &args.scene)?)?;
    let drama = ctx.library.get_drama(scene.drama_id)?.drama.fields.title;
    let command = play_command(ctx, &scene)?;
    if args.print {
        return output::json(ctx.out, serde_json::to_string(&command));
    }
    command.spawn().map_err(|e| CliError::File {
        context: format!("cannot start {}", command.program),
        source: e,
    })?;
    let at = scene.start.to_string();
    let note =
        if command.program == "mpv" || command.program == "vlc" || command.file.starts_with("http")
        {
            String::new()
        } else {
            format!("; the system's player cannot be told where to start: skip to {at}")
        };
    ctx.confirm(format_args!(
        "playing {} of {drama} from {at} with {}{note}",
        episode_label(scene.season, scene.episode),
        command.program
    ))
}

fn play_command(ctx: &Ctx<'_>, scene: &Scene) -> CliResult<PlayCommand> {
    // A damaged settings file is said, not fatal: DRAKOR_PLAYER still works.
    let settings = drakor_core::Settings::load_or_default();
    let player = drakor_player::scene::chosen_player(&settings);
    let path = std::env::var_os("PATH");
    drakor_player::scene::scene_command(&ctx.library, scene, player.as_deref(), path.as_deref())
        .map_err(|e| match e {
            PlayError::Library(e) => CliError::Core(e),
            PlayError::NoFile { .. } => CliError::Refused(format!(
                "{e} with `drakor link {:?} DIR`",
                ctx.library
                    .get_drama(scene.drama_id)
                    .map(|d| d.drama.fields.title)
                    .unwrap_or_default()
            )),
            PlayError::Missing { .. } => {
                CliError::Refused(format!("{e} with `drakor link DRAMA DIR`"))
            }
            other => CliError::Refused(other.to_string()),
        })
}

/// What the player Drakor asks is playing: its mpv, else any MPRIS player
/// on the session bus.
fn ask_player() -> CliResult<drakor_player::playing::Playing> {
    drakor_player::playing::ask_any()
        .map_err(|e| CliError::Refused(format!("no player to ask: {e}")))
}

/// `scene add --now`: a scene at the player's position.
pub fn bookmark_now(ctx: &mut Ctx<'_>, given: Bookmark) -> CliResult<Scene> {
    let playing = ask_player()?;
    drakor_player::now::bookmark(&mut ctx.library, &playing, given, ctx.now).map_err(|e| match e {
        BookmarkError::Library(e) => CliError::Core(e),
        other => CliError::Refused(format!(
            "{other} (drakor scene add DRAMA --now --episode N)"
        )),
    })
}

pub fn now(ctx: &mut Ctx<'_>, args: JsonArg) -> CliResult {
    let playing = ask_player()?;
    let (drama, season, episode) = match playing_episode(&ctx.library, &playing)? {
        Some(found) => (
            Some((found.drama_id, found.drama_title)),
            Some(found.season),
            found.episode,
        ),
        None => (None, None, None),
    };
    if args.json {
        let value = json!({
            "player": playing.player,
            "drama_id": drama.as_ref().map(|(id, _)| id),
            "drama_title": drama.as_ref().map(|(_, title)| title),
            "season": season,
            "episode": episode,
            "position_ms": playing.position_ms,
            "file": playing.file,
            "title": playing.title,
        });
        return output::json(ctx.out, serde_json::to_string(&value));
    }
    let at =
        drakor_core::SceneTime::from_millis(u32::try_from(playing.position_ms).unwrap_or(u32::MAX))
            .map(|t| t.to_string())
            .unwrap_or_else(|| format!("{} ms", playing.position_ms));
    let what = match (&drama, season, episode) {
        (Some((_, title)), Some(season), Some(episode)) => {
            format!("{title}, {}", episode_label(season, episode))
        }
        (Some((_, title)), _, _) => format!("{title} (no episode in its name)"),
        _ => format!(
            "{} (not a drama of this library)",
            playing.title.as_deref().unwrap_or("something untitled")
        ),
    };
    writeln!(ctx.out, "{} is at {at} in {what}", playing.player)?;
    Ok(())
}
