//! `drakor dev`: tools for working on Drakor itself, hidden from the help.
//! `drakor dev generate` writes a realistic library of any size (see
//! `drakor_core::generate`) for benchmarks, crash tests and trying the app
//! at scale. It needs no library: it only writes a file. `drakor dev
//! man-pages` writes the manual pages from the command line's own
//! definition (`make package` installs them with the app).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, CommandFactory, Subcommand};
use drakor_core::{generate, write_atomically};

use crate::error::{CliError, CliResult};
use crate::parse;

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a generated library (an export file) of the size asked for
    #[command(after_help = "\
The same --seed and --base give the same file, byte for byte. Without
--episodes and --watches a drama has 20 episodes and 30 watch events on
average; the defaults make the heavy user's library (2,000 dramas, 40,000
episodes, 60,000 watch events, 100,000 scenes).

Examples:
  drakor dev generate -o big.json
  drakor dev generate --dramas 200 --scenes 10000 --seed 7 -o mid.json
  drakor --db /tmp/big.sqlite3 import big.json")]
    Generate(GenerateArgs),

    /// Write the manual pages: drakor.1 and one page per command
    #[command(after_help = "\
The pages are drakor.1, drakor-add.1, drakor-scene-add.1 and so on, in roff,
uncompressed; the hidden dev commands get none. Pages already in DIR with the
same names are replaced.

Example:
  drakor dev man-pages target/release/man && man -l target/release/man/drakor.1")]
    ManPages(ManPagesArgs),
}

#[derive(Debug, Args)]
pub struct ManPagesArgs {
    /// The folder to write the pages to (created if missing)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many dramas
    #[arg(long, default_value_t = generate::Spec::HEAVY_USER.dramas)]
    pub dramas: usize,
    /// How many scenes, spread over the dramas with a skew
    #[arg(long, default_value_t = generate::Spec::HEAVY_USER.scenes)]
    pub scenes: usize,
    /// How many episodes in all [default: 20 per drama]
    #[arg(long)]
    pub episodes: Option<usize>,
    /// How many watch events in all [default: 30 per drama]
    #[arg(long)]
    pub watches: Option<usize>,
    /// The seed: the same seed gives the same library
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Every instant in the library lies before this one: YYYY-MM-DD or an
    /// RFC 3339 time [default: 2026-01-01]
    #[arg(long, value_name = "WHEN", value_parser = parse::instant)]
    pub base: Option<DateTime<Utc>>,
    /// The file to write (- for standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// The default base instant: fixed, so a seed names one file for good.
const DEFAULT_BASE: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

pub fn run(command: DevCommand, out: &mut dyn Write, quiet: bool) -> CliResult {
    match command {
        DevCommand::Generate(args) => generate_library(args, out, quiet),
        DevCommand::ManPages(args) => {
            write_man_pages(&args.dir)?;
            if !quiet {
                writeln!(out, "wrote the manual pages to {}", args.dir.display())?;
            }
            Ok(())
        }
    }
}

/// Writes drakor.1 and a page for every visible command into `dir`.
fn write_man_pages(dir: &Path) -> CliResult {
    let failed = |context: String| move |source| CliError::File { context, source };
    fs::create_dir_all(dir).map_err(failed(format!("cannot create {}", dir.display())))?;
    clap_mangen::generate_to(crate::cli::Cli::command(), dir).map_err(failed(format!(
        "cannot write the manual pages to {}",
        dir.display()
    )))
}

fn generate_library(args: GenerateArgs, out: &mut dyn Write, quiet: bool) -> CliResult {
    let defaults = generate::Spec::new(args.dramas, args.scenes, args.seed);
    let spec = generate::Spec {
        episodes: args.episodes.unwrap_or(defaults.episodes),
        watch_events: args.watches.unwrap_or(defaults.watch_events),
        ..defaults
    };
    let base = match args.base {
        Some(base) => base,
        None => DateTime::from_timestamp(DEFAULT_BASE, 0)
            .ok_or_else(|| CliError::Refused("the default base instant is out of range".into()))?,
    };
    let file = generate::library(&spec, base)?;
    let mut json = serde_json::to_vec_pretty(&file)
        .map_err(|e| CliError::Refused(format!("cannot write the library: {e}")))?;
    json.push(b'\n');
    if args.output.as_os_str() == "-" {
        out.write_all(&json)?;
        return Ok(());
    }
    write_atomically(&args.output, &json)?;
    if !quiet {
        let episodes: usize = file.dramas.iter().map(|d| d.episodes.len()).sum();
        let watches: usize = file
            .dramas
            .iter()
            .flat_map(|d| &d.episodes)
            .map(|e| e.watched_at.len())
            .sum();
        let scenes: usize = file.dramas.iter().map(|d| d.scenes.len()).sum();
        writeln!(
            out,
            "wrote {} dramas, {episodes} episodes, {watches} watch events and {scenes} scenes to {}",
            file.dramas.len(),
            args.output.display()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_man_pages_cover_every_command_but_the_hidden_ones() -> CliResult {
        let dir = tempfile::tempdir()?;
        write_man_pages(dir.path())?;
        let mut names: Vec<String> = fs::read_dir(dir.path())?
            .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        names.sort();
        for page in [
            "drakor.1",
            "drakor-import.1",
            "drakor-scene-add.1",
            "drakor-watch.1",
        ] {
            assert!(names.iter().any(|n| n == page), "{page} in {names:?}");
        }
        assert!(
            !names.iter().any(|n| n.starts_with("drakor-dev")),
            "no page for the hidden dev commands: {names:?}"
        );
        let main = fs::read_to_string(dir.path().join("drakor.1"))?;
        assert!(main.starts_with(".ie"), "roff: {main:.40}");
        assert!(main.contains(".TH drakor 1"), "{main}");
        assert!(
            main.contains("drakor\\-import(1)"),
            "lists the commands' pages: {main}"
        );
        assert!(
            main.contains(env!("CARGO_PKG_VERSION")),
            "names the version: {main}"
        );
        Ok(())
    }
}
