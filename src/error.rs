//! Typed errors of the library. Every error carries the input it is about.

use std::path::PathBuf;

/// An error of the Dyad library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file was read but its content cannot be used.
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// A lexicon file is malformed.
    #[error("{path}:{line}: {reason}")]
    Lexicon {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// A data file (workspace) does not parse.
    #[error("{path}:{line}: {reason}")]
    Parse {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// A correction cannot be made (an actor merged with itself, an empty name).
    #[error("cannot make this correction: {reason}")]
    Correction { reason: String },
    /// An export could not be written.
    #[error("cannot export {path}: {reason}")]
    Export { path: PathBuf, reason: String },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
    pub fn bad_input(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
