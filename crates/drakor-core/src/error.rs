//! Errors as types. Every failure the library can report is one variant of
//! [`Error`], and each variant has a stable [`Error::code`] that the desktop
//! app and the CLI branch on (never on the message text).

use std::fmt;
use std::path::PathBuf;

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

    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem {
            field: field.into(),
            message: message.into(),
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

    #[error("cannot open the library at {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
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
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
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
            key: key.to_string(),
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
