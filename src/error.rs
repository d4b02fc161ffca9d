//! The library's error type: every failure a caller can act on, named with the path at fault.

use std::path::PathBuf;

/// Errors from opening, writing or querying a library.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("cannot use library directory {path}: {reason}")]
    Directory { path: PathBuf, reason: String },
    #[error(
        "the library at {path} is being written by another crossread process{}; wait for it to finish and try again",
        holder.as_ref().map(|pid| format!(" (pid {pid})")).unwrap_or_default()
    )]
    Busy {
        path: PathBuf,
        holder: Option<String>,
    },
    #[error(
        "the library index at {path} cannot be read: {reason}; run `crossread doctor` to see what is damaged and `crossread doctor --rebuild` to rebuild the library from its sources (nothing is deleted)"
    )]
    Corrupt { path: PathBuf, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;
