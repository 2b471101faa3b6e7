//! Errors as types. Every failure the library can report is one variant of
//! [`Error`], and each variant has a stable [`Error::code`] that the desktop
//! app and the CLI branch on (never on the message text).

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with an input: where it is and why it is refused.
///
/// `field` is a field name for API input (`title`, `links[0].url`) and a
/// JSON path for an imported file (`dramas[2].scenes[0].start`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

/// The longest message a problem keeps whole.
const MAX_MESSAGE_CHARS: usize = 400;

/// `text` cut to its first and last `max / 2` characters around a `…`.
fn elided(text: String, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text;
    }
    let head: String = text.chars().take(max / 2).collect();
    let tail: String = text.chars().skip(count - max / 2).collect();
    format!("{head} … {tail}")
}

/// Every problem found in one input, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn one(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut problems = Self::new();
        problems.push(field, message);
        problems
    }

    /// Adds a problem. A message that quotes a huge value (a megabyte of
    /// text typed where a time goes) is cut in the middle, so it still
    /// says why and stays readable.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            field: field.into(),
            message: elided(message.into(), MAX_MESSAGE_CHARS),
        });
    }

    /// Adds `other`'s problems with `prefix` put in front of each field, so a
    /// scene's `start` becomes `dramas[2].scenes[0].start`.
    pub fn extend_prefixed(&mut self, prefix: &str, other: Problems) {
        for problem in other.0 {
            let field = match (prefix.is_empty(), problem.field.is_empty()) {
                (true, _) => problem.field,
                (false, true) => prefix.to_owned(),
                (false, false) if problem.field.starts_with('[') => {
                    format!("{prefix}{}", problem.field)
                }
                (false, false) => format!("{prefix}.{}", problem.field),
            };
            self.0.push(Problem {
                field,
                message: problem.message,
            });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing was found wrong, else the problems as an error.
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input was refused; nothing was written.
    #[error("{0}")]
    Invalid(Problems),

    /// An import file was refused as a whole; nothing was written.
    #[error("the file was not imported, nothing was changed: {0}")]
    ImportRefused(Problems),

    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },

    #[error("{query:?} matches more than one drama: {candidates}; use the id")]
    Ambiguous { query: String, candidates: String },

    #[error(
        "the library at {path} was written by a newer Drakor (schema version {found}, \
         this build knows up to {known}); it was left untouched, update Drakor to open it"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    /// A file is already where a new one was to be written, and the
    /// caller did not say it may be replaced; it was left as it is.
    #[error("{} already exists; it was left as it is", .path.display())]
    FileExists { path: PathBuf },

    #[error("cannot open the library at {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },

    /// SQLite failed. The message says what it means for the user (a full
    /// disk, a read-only file) where that is known.
    #[error("{}", describe_database(.0))]
    Database(#[from] rusqlite::Error),

    /// A file of no kind the importer knows: `looks_like` says what it
    /// seems to be ("a JSON list", "plain text"). Each front end says how
    /// to name the format (a flag, a picker).
    #[error(
        "cannot tell what kind of file this is ({looks_like}): expected a Drakor JSON export, \
         a Trakt export (ZIP, folder or JSON), a Yamtrack CSV or a Watcharr JSON"
    )]
    UnknownFormat { looks_like: String },

    #[error("{context}: {}", describe_io_in(.context, .source))]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// What went wrong when SQLite failed, in the user's words.
fn describe_database(error: &rusqlite::Error) -> String {
    match storage_failure(error) {
        Some(StorageFailure::DiskFull) => {
            "cannot write to the disk: it is full (free some space and try again)".into()
        }
        Some(StorageFailure::WriteFailed) => "cannot write to the disk: it is full or failing \
             (disk I/O error); free some space and try again"
            .into(),
        Some(StorageFailure::ReadOnly) => "cannot write the library: the file or its folder is \
             read-only (check its permissions)"
            .into(),
        None => format!("database error: {error}"),
    }
}

/// Why a library cannot be opened, for [`Error::CannotOpen`]: what SQLite
/// said, made specific by a look at the file and its folder (`path`, when
/// the library is a file) where the cause is access to them.
pub fn describe_open_failure(error: &Error, path: Option<&Path>) -> String {
    use rusqlite::ErrorCode;
    let code = match error {
        Error::Database(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
        _ => None,
    };
    match code {
        Some(ErrorCode::NotADatabase) => {
            return "it is not a Drakor library (not an SQLite database)".into();
        }
        Some(
            ErrorCode::ReadOnly
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
            | ErrorCode::SystemIoFailure,
        ) => {
            if let Some(why) = path.and_then(access_problem) {
                return why;
            }
            if matches!(code, Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)) {
                return "the file or its folder is read-only or missing".into();
            }
        }
        _ => {}
    }
    match error {
        Error::Database(e) => describe_database(e),
        other => other.to_string(),
    }
}

/// What keeps this process from using a library file at `path`, if
/// anything: a folder in its place, a folder or file it may not write.
fn access_problem(path: &Path) -> Option<String> {
    use std::fs::{self, OpenOptions};
    use std::io::ErrorKind;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let shown = fs::canonicalize(folder).unwrap_or_else(|_| folder.to_owned());
    let shown = shown.display();
    if path.is_dir() {
        return Some("it is a folder, not a library file".into());
    }
    if let Err(e) = fs::metadata(folder) {
        return Some(format!(
            "its folder {shown} cannot be reached ({})",
            describe_io(&e)
        ));
    }
    let exists = match fs::metadata(path) {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::NotFound => false,
        Err(e) => {
            return Some(format!(
                "its folder {shown} may not be opened ({})",
                describe_io(&e)
            ));
        }
    };
    if exists
        && let Err(e) = fs::File::open(path)
        && e.kind() == ErrorKind::PermissionDenied
    {
        return Some("the library file may not be read (permission denied)".into());
    }
    if !folder_is_writable(folder) {
        return Some(if exists {
            format!(
                "its folder {shown} is read-only, and Drakor needs to write beside the \
                 library (its -wal and -shm files): make the folder writable, or copy the \
                 library to a folder that is"
            )
        } else {
            format!("its folder {shown} is read-only, so a library cannot be created there")
        });
    }
    if exists
        && let Err(e) = OpenOptions::new().write(true).open(path)
        && matches!(
            e.kind(),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
        )
    {
        return Some("the library file is read-only (check its permissions)".into());
    }
    None
}

/// Whether a file can be created in `folder`, found by creating (and
/// removing) one: permission bits alone do not tell, for root or with ACLs
/// or a read-only mount.
fn folder_is_writable(folder: &Path) -> bool {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let probe = folder.join(format!(".drakor-write-test-{}-{nanos}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// An I/O error after `context` (`cannot write …`), in words
/// ([`crate::io_words`]): a refused write is said to be a read-only
/// folder, a missing one that the folder does not exist.
fn describe_io_in(context: &str, error: &std::io::Error) -> String {
    if context.starts_with("cannot write") || context.starts_with("cannot create") {
        return crate::io_words::io_words_writing(error);
    }
    describe_io(error)
}

fn describe_io(error: &std::io::Error) -> String {
    crate::io_words::io_words(error)
}

/// The ways storage refuses a write that a user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StorageFailure {
    /// SQLite reported a full disk (`SQLITE_FULL`).
    DiskFull,
    /// A write or sync failed at the OS level (`SQLITE_IOERR_WRITE` and
    /// kin): with a full disk or a file size limit SQLite reports this.
    WriteFailed,
    /// The file or its folder may not be written (`SQLITE_READONLY`).
    ReadOnly,
}

pub(crate) fn storage_failure(error: &rusqlite::Error) -> Option<StorageFailure> {
    use rusqlite::ffi;
    let rusqlite::Error::SqliteFailure(failure, _) = error else {
        return None;
    };
    match failure.code {
        rusqlite::ErrorCode::DiskFull => Some(StorageFailure::DiskFull),
        rusqlite::ErrorCode::ReadOnly => Some(StorageFailure::ReadOnly),
        rusqlite::ErrorCode::SystemIoFailure
            if matches!(
                failure.extended_code,
                ffi::SQLITE_IOERR_WRITE
                    | ffi::SQLITE_IOERR_FSYNC
                    | ffi::SQLITE_IOERR_DIR_FSYNC
                    | ffi::SQLITE_IOERR_TRUNCATE
                    | ffi::SQLITE_IOERR_SHMSIZE
                    | ffi::SQLITE_IOERR_SHMOPEN
                    | ffi::SQLITE_IOERR_SHMMAP
            ) =>
        {
            Some(StorageFailure::WriteFailed)
        }
        _ => None,
    }
}

impl Error {
    /// A stable, machine-readable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::ImportRefused(_) => "import_refused",
            Error::NotFound { .. } => "not_found",
            Error::Ambiguous { .. } => "ambiguous",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::CannotOpen { .. } => "cannot_open",
            Error::FileExists { .. } => "file_exists",
            Error::UnknownFormat { .. } => "unknown_format",
            Error::Database(e) => match storage_failure(e) {
                Some(StorageFailure::DiskFull | StorageFailure::WriteFailed) => "disk_full",
                Some(StorageFailure::ReadOnly) => "read_only",
                None => "database",
            },
            Error::Io { context, source } => match source.kind() {
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge => "disk_full",
                std::io::ErrorKind::ReadOnlyFilesystem => "read_only",
                std::io::ErrorKind::PermissionDenied if context.starts_with("cannot write") => {
                    "read_only"
                }
                _ => "io",
            },
        }
    }

    /// The per-field problems behind an `invalid` or `import_refused` error.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Error::Invalid(p) | Error::ImportRefused(p) => Some(p),
            _ => None,
        }
    }

    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid(Problems::one(field, message))
    }

    pub(crate) fn not_found(what: &'static str, key: impl fmt::Display) -> Self {
        Error::NotFound {
            what,
            key: elided(key.to_string(), 100),
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<Problems> for Error {
    fn from(problems: Problems) -> Self {
        Error::Invalid(problems)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_quoting_a_huge_value_is_cut_in_the_middle() {
        let mut problems = Problems::new();
        let huge = format!("\"{}\" is not a time", "9".repeat(100_000));
        problems.push("start", huge);
        let message = &problems.iter().next().expect("one problem").message;
        assert!(
            message.chars().count() < MAX_MESSAGE_CHARS + 10,
            "{message}"
        );
        assert!(message.ends_with("9\" is not a time"), "{message}");
        assert!(message.contains(" … "), "{message}");
    }

    #[test]
    fn a_full_disk_and_a_read_only_file_are_said_plainly() {
        let failure = |code: i32| {
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let full = failure(rusqlite::ffi::SQLITE_FULL);
        assert_eq!(full.code(), "disk_full");
        assert!(full.to_string().contains("the disk"), "{full}");
        let write = failure(rusqlite::ffi::SQLITE_IOERR_WRITE);
        assert_eq!(write.code(), "disk_full");
        let read_only = failure(rusqlite::ffi::SQLITE_READONLY);
        assert_eq!(read_only.code(), "read_only");
        assert!(read_only.to_string().contains("read-only"), "{read_only}");
        assert_eq!(failure(rusqlite::ffi::SQLITE_CORRUPT).code(), "database");
    }
}
