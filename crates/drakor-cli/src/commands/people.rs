//! `drakor people` and its subcommands: the people in scenes and their
//! aliases.

use drakor_core::PersonSummary;

use crate::cli::{PeopleArgs, PeopleCommand};
use crate::commands::Ctx;
use crate::error::CliResult;
use crate::output;

pub fn run(ctx: &mut Ctx<'_>, args: PeopleArgs) -> CliResult {
    match args.command {
        None => all(ctx, args.json),
        Some(PeopleCommand::Alias { name, alias }) => {
            let person = ctx.library.add_alias(&name, &alias)?;
            ctx.confirm(format_args!(
                "{alias:?} is another name of {:?} now; {}",
                person.name,
                summary(&person)
            ))
        }
        Some(PeopleCommand::Unalias { alias }) => {
            let person = ctx.library.remove_alias(&alias)?;
            ctx.confirm(format_args!(
                "{alias:?} is no longer another name of {:?}; {}",
                person.name,
                summary(&person)
            ))
        }
    }
}

fn all(ctx: &mut Ctx<'_>, json: bool) -> CliResult {
    let people = ctx.library.people()?;
    if json {
        return output::json(ctx.out, serde_json::to_string_pretty(&people));
    }
    if people.is_empty() {
        writeln!(
            ctx.out,
            "no people yet; name them in a scene with `drakor scene add … --person NAME`"
        )?;
        return Ok(());
    }
    output::people_table(ctx.out, &people)?;
    Ok(())
}

/// `3 scenes, also "Gong Yoo", "GY"`.
fn summary(person: &PersonSummary) -> String {
    let scenes = match person.scenes {
        1 => "1 scene".to_owned(),
        n => format!("{n} scenes"),
    };
    if person.aliases.is_empty() {
        return scenes;
    }
    let aliases: Vec<String> = person.aliases.iter().map(|a| format!("{a:?}")).collect();
    format!("{scenes}, also {}", aliases.join(", "))
}
