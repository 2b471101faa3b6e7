//! `drakor man-pages DIR`, hidden from the help: writes the manual pages
//! from the command line's own definition (`make package` installs them
//! with the app). It needs no library.

use std::fs;
use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::error::{CliError, CliResult};

pub fn run(dir: &Path, out: &mut dyn Write, quiet: bool) -> CliResult {
    write_man_pages(dir)?;
    if !quiet {
        writeln!(out, "wrote the manual pages to {}", dir.display())?;
    }
    Ok(())
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
            !names.iter().any(|n| n.starts_with("drakor-man-pages")),
            "no page for the hidden man-pages command: {names:?}"
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
