//! `drakor`, the command line over a Drakor library: log episodes, bookmark
//! scenes, search, and move the library in and out as JSON.
//!
//! - `cli` holds the command line as clap types, `parse` the readers for
//!   flag values clap does not know;
//! - `commands` runs them against `drakor_core::Library`, one module per
//!   kind of thing;
//! - `output` formats for the terminal, `error` reports failures.
//!
//! The clock is read once, here, and passed down as `now`.

mod cli;
mod commands;
mod error;
mod output;
mod parse;

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::SubsecRound;
use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // Whole milliseconds: what the library stores, so an export's
    // `exported_at` has the same precision as every other instant in it.
    let now = chrono::Utc::now().trunc_subsecs(3);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = commands::run(cli, now, &mut out).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => ExitCode::from(error::report(&error)),
    }
}
