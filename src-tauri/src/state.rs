//! The library the window works on, opened once at start-up, and the one
//! way commands reach it: on a blocking thread, never the UI thread.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use drakor_core::Library;
use serde::Serialize;

/// The error a command returns across IPC: the UI branches on `code`
/// (never on `message`) and shows each of `problems` beside its field.
#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    pub problems: Vec<drakor_core::Problem>,
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: "internal",
            message: message.into(),
            problems: Vec::new(),
        }
    }
}

impl From<drakor_core::Error> for CommandError {
    fn from(err: drakor_core::Error) -> Self {
        CommandError {
            code: err.code(),
            problems: err
                .problems()
                .map(|p| p.iter().cloned().collect())
                .unwrap_or_default(),
            message: window_words(&err),
        }
    }
}

/// The core's message, said the window's way where the core's words are
/// for the command line: the window names a format with its Format picker,
/// not a flag.
fn window_words(err: &drakor_core::Error) -> String {
    match err {
        drakor_core::Error::UnknownFormat { looks_like } => format!(
            "Drakor cannot tell what kind of file this is ({looks_like}). Choose its format \
             under Format and try again."
        ),
        other => other.to_string(),
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

#[derive(Debug)]
pub struct AppState {
    library: Result<Arc<Mutex<Library>>, CommandError>,
    pub library_path: Option<PathBuf>,
}

impl AppState {
    /// Opens the library at `DRAKOR_DB`, else in the app's data folder. A
    /// library that can't be opened (say, one from a newer Drakor) is kept
    /// as an error the window shows, rather than a crash.
    pub fn open() -> Self {
        let library_path = drakor_core::paths::library_path();
        let library = match &library_path {
            Some(path) => Library::open_at(path, chrono::Utc::now())
                .map(|lib| Arc::new(Mutex::new(lib)))
                .map_err(CommandError::from),
            None => Err(CommandError::internal(
                "this system has no home folder to keep the library in; start Drakor with \
                 DRAKOR_DB set to the library file to use",
            )),
        };
        AppState {
            library,
            library_path,
        }
    }

    pub fn open_error(&self) -> Option<CommandError> {
        self.library.as_ref().err().cloned()
    }

    /// Runs `work` on the library on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> CommandResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> drakor_core::Result<T> + Send + 'static,
    {
        self.run_with(work).await
    }

    /// [`AppState::run`], for work whose errors are not the core's.
    pub async fn run_with<T, E, F>(&self, work: F) -> CommandResult<T>
    where
        T: Send + 'static,
        E: Into<CommandError>,
        F: FnOnce(&mut Library) -> Result<T, E> + Send + 'static,
    {
        let library = Arc::clone(self.library.as_ref().map_err(Clone::clone)?);
        tauri::async_runtime::spawn_blocking(move || {
            // A command that panicked (a bug, not an input: inputs are
            // refused as errors) poisons the lock. Its write transaction was
            // rolled back as the panic unwound, so the library is as the
            // last finished command left it: take the lock back rather than
            // fail every later command until a restart.
            let mut library = library.lock().unwrap_or_else(|poisoned| {
                library.clear_poison();
                poisoned.into_inner()
            });
            work(&mut library).map_err(Into::into)
        })
        .await
        .map_err(|e| CommandError::internal(format!("the library task failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_input_crosses_ipc_as_its_code_with_every_field_problem() {
        let mut problems = drakor_core::Problems::new();
        problems.push("start", "\"12:75\" is not a time");
        problems.push("links[0].url", "javascript: links are refused");
        let error = CommandError::from(drakor_core::Error::Invalid(problems));
        let json = serde_json::to_value(&error).expect("serializable");
        assert_eq!(json["code"], "invalid");
        assert_eq!(json["problems"][0]["field"], "start");
        assert_eq!(json["problems"][1]["field"], "links[0].url");
        assert!(
            json["message"]
                .as_str()
                .is_some_and(|m| m.contains("12:75"))
        );
    }

    #[test]
    fn a_file_of_no_known_kind_asks_for_its_format_in_window_words() {
        let error = CommandError::from(drakor_core::Error::UnknownFormat {
            looks_like: "it is empty".into(),
        });
        assert_eq!(error.code, "unknown_format");
        assert!(
            error.message.contains("Choose its format"),
            "{}",
            error.message
        );
        assert!(
            !error.message.contains("--"),
            "no CLI flag: {}",
            error.message
        );
    }

    #[test]
    fn an_os_error_reaches_the_window_in_words() {
        let error = CommandError::from(drakor_core::Error::Io {
            context: "cannot write /x/y/export.json".into(),
            source: std::io::Error::from_raw_os_error(2),
        });
        assert_eq!(
            error.message,
            "cannot write /x/y/export.json: its folder does not exist"
        );
    }

    #[test]
    fn a_missing_drama_is_not_found_without_problems() {
        let mut lib = Library::open_in_memory().expect("library");
        let err = lib
            .delete_drama(uuid::Uuid::nil())
            .expect_err("nothing to delete");
        let error = CommandError::from(err);
        assert_eq!(error.code, "not_found");
        assert!(error.problems.is_empty());
    }

    #[test]
    fn a_command_that_panicked_does_not_lock_out_the_next_one() {
        let library = Library::open_in_memory().expect("library");
        let state = AppState {
            library: Ok(Arc::new(Mutex::new(library))),
            library_path: None,
        };
        let panicked =
            tauri::async_runtime::block_on(state.run(|_lib| -> drakor_core::Result<()> {
                panic!("a bug in a command");
            }));
        assert_eq!(panicked.expect_err("it panicked").code, "internal");
        let next = tauri::async_runtime::block_on(state.run(|lib| lib.up_next()));
        assert!(next.is_ok(), "the next command runs: {next:?}");
    }

    #[test]
    fn a_library_that_cannot_open_is_reported_by_every_command() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("not-a-library.sqlite3");
        std::fs::write(&path, vec![b'x'; 4096]).expect("write");
        let state = AppState {
            library: Library::open(&path)
                .map(|l| Arc::new(Mutex::new(l)))
                .map_err(CommandError::from),
            library_path: Some(path),
        };
        assert_eq!(state.open_error().map(|e| e.code), Some("cannot_open"));
        let result = tauri::async_runtime::block_on(state.run(|lib| lib.up_next()));
        assert_eq!(result.expect_err("no library").code, "cannot_open");
    }
}
