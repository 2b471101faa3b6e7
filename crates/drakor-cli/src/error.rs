//! What can go wrong in a command, and how it is told: one line on stderr
//! prefixed `drakor: ` (an error with several problems adds one indented
//! line per problem), then an exit code — 1 when the library or the data
//! refused, 2 for a command line that cannot work (clap uses 2 as well).

use std::io::{self, Write};

use drakor_core::{Error, Problem, Problems};

/// Exit code for refused data and failures (invalid input, not found,
/// ambiguous, a refused import, a library that cannot be opened, …).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code for command lines that cannot work, as clap's own.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug)]
pub enum CliError {
    /// The core refused or failed.
    Core(Error),
    /// Importing a file failed; the file is named before the reasons.
    Import { file: String, error: Error },
    /// A file the CLI reads or writes itself (not the library).
    File { context: String, source: io::Error },
    /// Writing to standard output failed.
    Output(io::Error),
    /// A refusal of the CLI's own, said in full.
    Refused(String),
    /// A name that fits several things: the message, then one line each.
    Choices {
        message: String,
        choices: Vec<String>,
    },
    /// A command line that parses but cannot work (`edit` without flags).
    Usage(String),
    /// TMDB could not be asked, or refused; nothing was changed.
    Tmdb(drakor_tmdb::TmdbError),
}

impl From<drakor_tmdb::TmdbError> for CliError {
    fn from(error: drakor_tmdb::TmdbError) -> Self {
        CliError::Tmdb(error)
    }
}

impl From<Error> for CliError {
    fn from(error: Error) -> Self {
        CliError::Core(error)
    }
}

impl From<Problems> for CliError {
    fn from(problems: Problems) -> Self {
        CliError::Core(Error::Invalid(problems))
    }
}

impl From<io::Error> for CliError {
    /// Plain `?` on a write is a write to standard output.
    fn from(error: io::Error) -> Self {
        CliError::Output(error)
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
            CliError::Usage(_) => EXIT_USAGE,
            _ => EXIT_FAILURE,
        }
    }

    /// The message: a first line, then any further lines (one per problem).
    pub fn lines(&self) -> Vec<String> {
        match self {
            CliError::Core(error) => core_lines(error),
            CliError::Import { file, error } => match error {
                Error::ImportRefused(problems) | Error::Invalid(problems) => {
                    let mut lines = vec![format!("{file} was not imported, nothing was changed:")];
                    lines.extend(problems.iter().map(|p| format!("  {p}")));
                    lines
                }
                other => {
                    let mut lines = core_lines(other);
                    if let Some(first) = lines.first_mut() {
                        *first = format!("cannot import {file}: {first}");
                    }
                    lines
                }
            },
            CliError::File { context, source } => vec![format!("{context}: {source}")],
            CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => Vec::new(),
            CliError::Output(e) => vec![format!("cannot write the output: {e}")],
            CliError::Refused(message) | CliError::Usage(message) => vec![message.clone()],
            CliError::Tmdb(error) => vec![format!("{error}; nothing was changed")],
            CliError::Choices { message, choices } => {
                let mut lines = vec![message.clone()];
                lines.extend(choices.iter().map(|c| format!("  {c}")));
                lines
            }
        }
    }
}

/// Prints the error to stderr and gives the exit code.
pub fn report(error: &CliError) -> u8 {
    let mut stderr = io::stderr().lock();
    let mut lines = error.lines().into_iter();
    if let Some(first) = lines.next() {
        // Nothing sensible is left to do if stderr itself is gone.
        let _ = writeln!(stderr, "drakor: {first}");
        for line in lines {
            let _ = writeln!(stderr, "{line}");
        }
    }
    error.exit_code()
}

fn core_lines(error: &Error) -> Vec<String> {
    match error {
        Error::Invalid(problems) if problems.len() == 1 => {
            problems.iter().map(problem_line).collect()
        }
        Error::Invalid(problems) => {
            let mut lines = vec![format!("{} problems, nothing was saved:", problems.len())];
            lines.extend(problems.iter().map(|p| format!("  {}", problem_line(p))));
            lines
        }
        Error::ImportRefused(problems) => {
            let mut lines = vec!["the file was not imported, nothing was changed:".to_owned()];
            lines.extend(problems.iter().map(|p| format!("  {p}")));
            lines
        }
        Error::NotFound { what: "drama", key } => {
            vec![format!("no drama matches {key:?} (see `drakor list`)")]
        }
        Error::NotFound { what: "list", key } => {
            vec![format!("no list is called {key:?} (see `drakor lists`)")]
        }
        Error::NotFound {
            what: "person",
            key,
        } => {
            vec![format!(
                "no one in a scene is called {key:?} (see `drakor people`)"
            )]
        }
        Error::NotFound { what: "alias", key } => {
            vec![format!("{key:?} is no alias (see `drakor people`)")]
        }
        Error::NotFound { what: "scene", key } => {
            vec![format!(
                "no scene has the id {key} (see `drakor scene list`)"
            )]
        }
        Error::UnknownFormat { .. } => vec![format!("{error}; name one with --from")],
        other => vec![other.to_string()],
    }
}

/// `field (--flag): message`, naming the flag where its name differs from
/// the field's, so `start: "12:75" is not a time` says to fix `--at`.
fn problem_line(problem: &Problem) -> String {
    match flag_of(&problem.field) {
        Some(flag) => format!("{} ({flag}): {}", problem.field, problem.message),
        None => problem.to_string(),
    }
}

/// The flag that sets a core field, where it is not `--<field>`.
fn flag_of(field: &str) -> Option<&'static str> {
    if field.starts_with("links[") {
        return Some("--link");
    }
    Some(match field {
        "original_title" => "--original",
        "total_episodes" => "--episodes",
        "started_on" => "--started",
        "finished_on" => "--finished",
        "rewatch_count" => "--rewatches",
        "tags" => "--tag",
        "external_ids.tmdb" => "--tmdb",
        "external_ids.imdb" => "--imdb",
        "external_ids.mdl" => "--mdl",
        "start" => "--at",
        "people" => "--person",
        "runtime_min" => "--runtime",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_problem_is_one_line_naming_field_and_flag() {
        let error = CliError::from(Problems::one("start", "\"12:75\" is not a time"));
        assert_eq!(
            error.lines(),
            vec!["start (--at): \"12:75\" is not a time".to_owned()]
        );
        assert_eq!(error.exit_code(), EXIT_FAILURE);
    }

    #[test]
    fn several_problems_take_one_line_each() {
        let mut problems = Problems::new();
        problems.push("title", "must not be empty");
        problems.push("links[0].url", "javascript: links are refused");
        let lines = CliError::from(problems).lines();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[1], "  title: must not be empty");
        assert_eq!(
            lines[2],
            "  links[0].url (--link): javascript: links are refused"
        );
    }

    #[test]
    fn a_refused_import_names_the_file_then_each_problem() {
        let error = CliError::Import {
            file: "bad.json".into(),
            error: Error::ImportRefused(Problems::one("dramas[0].scenes[0].start", "bad")),
        };
        assert_eq!(
            error.lines(),
            vec![
                "bad.json was not imported, nothing was changed:".to_owned(),
                "  dramas[0].scenes[0].start: bad".to_owned()
            ]
        );
    }

    #[test]
    fn a_closed_pipe_ends_quietly() {
        let error = CliError::Output(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(error.lines().is_empty());
        assert_eq!(error.exit_code(), 0);
    }
}
