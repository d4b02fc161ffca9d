//! Crash-safe file writes.
//!
//! Library state and exports are replaced atomically: the new content goes to a temporary file
//! in the same directory, is flushed to disk, and is renamed over the old file, and the
//! directory entry is synced. A crash or a kill at any moment leaves the old file or the new
//! one, never a truncated mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Atomically replaces `path` with `bytes`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    // Unique per process and per call, so concurrent writers never share a temporary file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let sequence = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(
        ".{}.tmp-{}-{sequence}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Reads a JSON state file of the library; a missing file gives None. `what` names the content
/// in the error ("claim links", "highlights").
pub fn load_json<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &str,
) -> crate::error::Result<Option<T>> {
    use crate::error::LibraryError;
    // Parsed from a buffered reader rather than a slice: the library's link store can be
    // 100 MB at 100k articles, and holding the text besides the parsed value would double the
    // reader's peak memory.
    match std::fs::File::open(path) {
        Ok(file) => serde_json::from_reader(io::BufReader::with_capacity(1 << 16, file))
            .map(Some)
            .map_err(|err| LibraryError::Corrupt {
                path: path.to_path_buf(),
                reason: format!("{what} are not valid JSON: {err}"),
            }),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(LibraryError::Directory {
            path: path.to_path_buf(),
            reason: crate::ingest::describe_io_error(&err),
        }),
    }
}

/// Writes a JSON state file of the library atomically.
pub fn save_json<T: serde::Serialize>(path: &Path, value: &T) -> crate::error::Result<()> {
    use crate::error::LibraryError;
    let bytes = serde_json::to_vec(value).map_err(|err| LibraryError::Write {
        path: path.to_path_buf(),
        reason: err.to_string(),
    })?;
    write_atomic(path, &bytes).map_err(|err| LibraryError::Write {
        path: path.to_path_buf(),
        reason: crate::ingest::describe_io_error(&err),
    })
}

/// Atomically creates `path` with `bytes`, failing if it already exists.
pub fn create_new_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "file exists (use --force to overwrite)",
        ));
    }
    write_atomic(path, bytes)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(create_new_atomic(&path, b"three").is_err());
    }
}
