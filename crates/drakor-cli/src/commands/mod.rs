//! The commands, grouped by what they work on. Each takes its parsed
//! arguments and a [`Ctx`]: the open library, the clock and the output.

mod browse;
mod dramas;
mod exchange;
mod lists;
mod man_pages;
mod people;
mod scenes;
mod stats;
mod tmdb;
mod videos;
mod watching;

use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use drakor_core::{DramaFilter, Error, Library, Sort, paths};
use uuid::Uuid;

use crate::cli::{Cli, Command, SceneCommand};
use crate::error::{CliError, CliResult};

/// What every command works with.
pub struct Ctx<'a> {
    pub library: Library,
    /// The one reading of the clock for this run.
    pub now: DateTime<Utc>,
    pub out: &'a mut dyn Write,
    /// `--quiet`: confirmations are left out.
    pub quiet: bool,
}

impl Ctx<'_> {
    /// Writes a confirmation line unless `--quiet`.
    pub fn confirm(&mut self, line: std::fmt::Arguments<'_>) -> CliResult {
        if !self.quiet {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// Resolves a DRAMA argument: id, id prefix, title or a unique part of it.
    pub fn drama(&self, query: &str) -> CliResult<Uuid> {
        match self.library.find_drama(query) {
            Ok(id) => Ok(id),
            Err(Error::Ambiguous { query, candidates }) => Err(self
                .drama_choices(&query)
                .unwrap_or(CliError::Core(Error::Ambiguous { query, candidates }))),
            Err(other) => Err(other.into()),
        }
    }

    /// The dramas an ambiguous DRAMA could mean, with their whole ids: the
    /// core's message shows 8-character prefixes, which dramas added in the
    /// same minute share (UUIDv7 ids start with the time).
    fn drama_choices(&self, query: &str) -> Option<CliError> {
        let wanted = query.trim().to_lowercase();
        let dramas = self
            .library
            .list_dramas(&DramaFilter {
                sort: Sort::Title,
                ..DramaFilter::default()
            })
            .ok()?;
        let choices: Vec<String> = dramas
            .iter()
            .filter(|d| {
                d.title.to_lowercase().contains(&wanted)
                    || d.original_title
                        .as_deref()
                        .is_some_and(|o| o.to_lowercase().contains(&wanted))
                    || d.id.to_string().starts_with(&wanted)
            })
            .map(|d| format!("{}  {}", d.title, d.id))
            .collect();
        (choices.len() > 1).then(|| CliError::Choices {
            message: format!(
                "{:?} matches {} dramas; give more of the title, or the id:",
                query.trim(),
                choices.len()
            ),
            choices,
        })
    }
}

/// The library file: `--db`, else `DRAKOR_DB`, else the desktop app's.
pub fn library_path(db: Option<PathBuf>) -> CliResult<PathBuf> {
    db.filter(|p| !p.as_os_str().is_empty())
        .or_else(paths::library_path)
        .ok_or_else(|| {
            CliError::Refused(
                "found no home folder to keep the library in; give one with --db PATH \
                 or the DRAKOR_DB environment variable"
                    .into(),
            )
        })
}

/// Runs the command the user asked for.
pub fn run(cli: Cli, now: DateTime<Utc>, out: &mut dyn Write) -> CliResult {
    if let Command::ManPages { dir } = &cli.command {
        return man_pages::run(dir, out, cli.quiet);
    }
    let command = match cli.command {
        // A search needs no library: none is opened (or created).
        Command::Lookup(args) => return tmdb::lookup(args, out),
        other => other,
    };
    let path = library_path(cli.db)?;
    if let Command::Path = command {
        writeln!(out, "{}", path.display())?;
        return Ok(());
    }
    let library = Library::open_at(&path, now)?;
    let mut ctx = Ctx {
        library,
        now,
        out,
        quiet: cli.quiet,
    };
    match command {
        Command::Add(args) => dramas::add(&mut ctx, args),
        Command::Edit(args) => dramas::edit(&mut ctx, args),
        Command::Rm(args) => dramas::remove(&mut ctx, args),
        Command::List(args) => dramas::list(&mut ctx, args),
        Command::Show(args) => dramas::show(&mut ctx, args),
        Command::Watch(args) => watching::watch(&mut ctx, args),
        Command::Unwatch(args) => watching::unwatch(&mut ctx, args),
        Command::Episode(args) => watching::episode(&mut ctx, args),
        Command::Next(args) => watching::next(&mut ctx, args),
        Command::Scene(SceneCommand::Add(args)) => scenes::add(&mut ctx, args),
        Command::Scene(SceneCommand::Edit(args)) => scenes::edit(&mut ctx, args),
        Command::Scene(SceneCommand::Rm(args)) => scenes::remove(&mut ctx, args),
        Command::Scene(SceneCommand::List(args)) => scenes::list(&mut ctx, args),
        Command::Search(args) => browse::search(&mut ctx, args),
        Command::Tags(args) => browse::tags(&mut ctx, args),
        Command::Stats(args) => stats::stats(&mut ctx, args),
        Command::Export(args) => exchange::export(&mut ctx, args),
        Command::Import(args) => exchange::import(&mut ctx, args),
        Command::Backup(args) => exchange::backup(&mut ctx, args),
        Command::Link(args) => videos::link(&mut ctx, args),
        Command::Play(args) => videos::play(&mut ctx, args),
        Command::Now(args) => videos::now(&mut ctx, args),
        Command::Refresh(args) => tmdb::refresh(&mut ctx, args),
        Command::Lists(args) => lists::run(&mut ctx, args),
        Command::People(args) => people::run(&mut ctx, args),
        Command::Path | Command::ManPages { .. } | Command::Lookup(_) => Ok(()),
    }
}
