//! `drakor lists` and its subcommands: lists of scenes and dramas.

use std::io::Write;

use drakor_core::{EntryRef, ListDetail, ListDraft};

use crate::cli::{ListsArgs, ListsCommand};
use crate::commands::Ctx;
use crate::commands::scenes::scene_id;
use crate::error::{CliError, CliResult};
use crate::output;

pub fn run(ctx: &mut Ctx<'_>, args: ListsArgs) -> CliResult {
    let Some(command) = args.command else {
        return all(ctx, args.json);
    };
    match command {
        ListsCommand::New { name, description } => {
            let draft = ListDraft {
                name,
                description: description.unwrap_or_default(),
            };
            let list = ctx.library.create_list(&draft, ctx.now)?;
            if ctx.quiet {
                writeln!(ctx.out, "{}", list.id)?;
                return Ok(());
            }
            writeln!(ctx.out, "made the list \"{}\" ({})", list.name, list.id)?;
            Ok(())
        }
        ListsCommand::Rename {
            list,
            name,
            description,
        } => {
            let id = ctx.library.find_list(&list)?;
            let old = ctx.library.get_list(id)?.list;
            let draft = ListDraft {
                name,
                description: description.unwrap_or(old.description),
            };
            let list = ctx.library.update_list(id, &draft, ctx.now)?;
            ctx.confirm(format_args!("\"{}\" is now \"{}\"", old.name, list.name))
        }
        ListsCommand::Rm { list } => {
            let id = ctx.library.find_list(&list)?;
            let name = ctx.library.get_list(id)?.list.name;
            ctx.library.delete_list(id)?;
            ctx.confirm(format_args!("deleted the list \"{name}\""))
        }
        ListsCommand::Add {
            list,
            scene,
            drama,
            note,
            at,
        } => {
            let id = ctx.library.find_list(&list)?;
            let target = match (scene, drama) {
                (Some(scene), _) => EntryRef::Scene(scene_id(ctx, &scene)?),
                (None, Some(drama)) => EntryRef::Drama(ctx.drama(&drama)?),
                (None, None) => {
                    return Err(CliError::Usage(
                        "give --scene SCENE or --drama DRAMA".into(),
                    ));
                }
            };
            let note = note.unwrap_or_default();
            let position = ctx.library.add_to_list(id, target, &note, at, ctx.now)?;
            let detail = ctx.library.get_list(id)?;
            ctx.confirm(format_args!(
                "added to \"{}\" at {position} of {}",
                detail.list.name, detail.list.entries
            ))
        }
        ListsCommand::Move { list, pos, newpos } => {
            let id = ctx.library.find_list(&list)?;
            ctx.library.move_in_list(id, pos, newpos, ctx.now)?;
            let detail = ctx.library.get_list(id)?;
            ctx.confirm(format_args!(
                "moved {pos} to {newpos} in \"{}\"",
                detail.list.name
            ))
        }
        ListsCommand::Drop { list, pos } => {
            let id = ctx.library.find_list(&list)?;
            ctx.library.drop_from_list(id, pos, ctx.now)?;
            let detail = ctx.library.get_list(id)?;
            ctx.confirm(format_args!(
                "took {pos} out of \"{}\" ({} left)",
                detail.list.name, detail.list.entries
            ))
        }
        ListsCommand::Show { list, json } => {
            let id = ctx.library.find_list(&list)?;
            let detail = ctx.library.get_list(id)?;
            if json {
                return output::json(ctx.out, serde_json::to_string_pretty(&detail));
            }
            show(ctx.out, &detail)
        }
    }
}

fn all(ctx: &mut Ctx<'_>, json: bool) -> CliResult {
    let lists = ctx.library.lists()?;
    if json {
        return output::json(ctx.out, serde_json::to_string_pretty(&lists));
    }
    if lists.is_empty() {
        writeln!(
            ctx.out,
            "no lists yet; make one with `drakor lists new NAME`"
        )?;
        return Ok(());
    }
    let mut table = output::Table::new(&["NAME", "ENTRIES", "ID"]);
    for list in &lists {
        table.row(vec![
            list.name.clone(),
            list.entries.to_string(),
            list.id.to_string(),
        ]);
    }
    table.write(ctx.out)?;
    Ok(())
}

/// A list as a numbered page: `1. Reed field kiss · My Liberation Notes E11 48:12`.
fn show(out: &mut dyn Write, detail: &ListDetail) -> CliResult {
    let list = &detail.list;
    writeln!(out, "{}", list.name)?;
    if !list.description.is_empty() {
        writeln!(out, "{}", list.description)?;
    }
    if list.dropped > 0 {
        writeln!(
            out,
            "({} entries left this list when their scene or drama was deleted)",
            list.dropped
        )?;
    }
    if detail.items.is_empty() {
        writeln!(out, "\n(empty; add to it with `drakor lists add`)")?;
        return Ok(());
    }
    writeln!(out)?;
    for item in &detail.items {
        let what = match &item.scene {
            Some(scene) => format!(
                "{} · {} {} {}",
                scene.title,
                item.drama_title,
                output::episode(scene.season, scene.episode),
                output::span(scene.start, scene.end)
            ),
            None => format!("{} (the drama)", item.drama_title),
        };
        writeln!(out, "{:>3}. {what}", item.position)?;
        if !item.note.is_empty() {
            for line in item.note.lines() {
                writeln!(out, "     {line}")?;
            }
        }
    }
    Ok(())
}
