//! `drakor-dev`: tools for working on Drakor itself, not shipped.
//! `drakor-dev generate` writes a realistic library of any size (see
//! `drakor_testkit::generate`) for benchmarks, crash tests and trying the
//! app at scale. It needs no library: it only writes a file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};
use drakor_core::write_atomically;
use drakor_testkit::generate;

#[derive(Debug, Parser)]
#[command(
    name = "drakor-dev",
    version,
    about = "Tools for working on Drakor itself"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a generated library (an export file) of the size asked for
    #[command(after_help = "\
The same --seed and --base give the same file, byte for byte. Without
--episodes and --watches a drama has 20 episodes and 30 watch events on
average; the defaults make the heavy user's library (2,000 dramas, 40,000
episodes, 60,000 watch events, 100,000 scenes).

Examples:
  drakor-dev generate -o big.json
  drakor-dev generate --dramas 200 --scenes 10000 --seed 7 -o mid.json
  drakor --db /tmp/big.sqlite3 import big.json")]
    Generate(GenerateArgs),

    /// Serve the test fixtures as TMDB does, on 127.0.0.1, until stopped
    #[command(after_help = "\
Prints the two variables to point Drakor at it, e.g.
  drakor-dev fake-tmdb      # in one shell; then, in another:
  DRAKOR_TMDB_URL=http://127.0.0.1:PORT/3 DRAKOR_TMDB_TOKEN=drakor-test-token drakor lookup 도깨비")]
    FakeTmdb,
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// How many dramas
    #[arg(long, default_value_t = generate::Spec::HEAVY_USER.dramas)]
    dramas: usize,
    /// How many scenes, spread over the dramas with a skew
    #[arg(long, default_value_t = generate::Spec::HEAVY_USER.scenes)]
    scenes: usize,
    /// How many episodes in all [default: 20 per drama]
    #[arg(long)]
    episodes: Option<usize>,
    /// How many watch events in all [default: 30 per drama]
    #[arg(long)]
    watches: Option<usize>,
    /// The seed: the same seed gives the same library
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Every instant in the library lies before this one: YYYY-MM-DD or an
    /// RFC 3339 time [default: 2026-01-01]
    #[arg(long, value_name = "WHEN", value_parser = instant)]
    base: Option<DateTime<Utc>>,
    /// The file to write (- for standard output)
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// The default base instant: fixed, so a seed names one file for good.
const DEFAULT_BASE: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Command::Generate(args) => args,
        Command::FakeTmdb => {
            let server = drakor_testkit::tmdb::FakeTmdb::start();
            println!("DRAKOR_TMDB_URL={}", server.url());
            println!("DRAKOR_TMDB_TOKEN={}", drakor_testkit::tmdb::TOKEN);
            eprintln!("drakor-dev: serving the TMDB fixtures; stop with Ctrl+C");
            loop {
                std::thread::park();
            }
        }
    };
    match generate_library(args, cli.quiet) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("drakor-dev: {message}");
            ExitCode::FAILURE
        }
    }
}

fn generate_library(args: GenerateArgs, quiet: bool) -> Result<(), String> {
    let defaults = generate::Spec::new(args.dramas, args.scenes, args.seed);
    let spec = generate::Spec {
        episodes: args.episodes.unwrap_or(defaults.episodes),
        watch_events: args.watches.unwrap_or(defaults.watch_events),
        ..defaults
    };
    let base = match args.base {
        Some(base) => base,
        None => DateTime::from_timestamp(DEFAULT_BASE, 0)
            .ok_or("the default base instant is out of range")?,
    };
    let file = generate::library(&spec, base).map_err(|e| e.to_string())?;
    let mut json =
        serde_json::to_vec_pretty(&file).map_err(|e| format!("cannot write the library: {e}"))?;
    json.push(b'\n');
    if args.output.as_os_str() == "-" {
        return std::io::stdout()
            .write_all(&json)
            .map_err(|e| format!("cannot write to standard output: {e}"));
    }
    write_atomically(&args.output, &json).map_err(|e| e.to_string())?;
    if !quiet {
        let sizes = generate::Sizes::of(&file);
        println!("wrote {sizes} to {}", args.output.display());
    }
    Ok(())
}

/// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time.
fn instant(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day.and_time(chrono::NaiveTime::MIN).and_utc());
    }
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| format!("{text:?} is not YYYY-MM-DD nor an RFC 3339 time"))
}
