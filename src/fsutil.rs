//! Crash-safe file writes.
//!
//! Library state and exports are replaced atomically: the new content goes to a temporary file
//! in the same directory, is flushed to disk, and is renamed over the old file, and the
//! directory entry is synced. A crash or a kill at any moment leaves the old file or the new
//! one, never a truncated mix. A writer holds a lock on its temporary file until the rename;
//! the next write of the same file removes the temporaries no one holds, which killed writers
//! left behind.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Atomically replaces `path` with `bytes`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Atomically replaces `path` with what `write` writes (buffered), for content too large to
/// build in memory first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<&mut File>) -> io::Result<()>,
) -> io::Result<()> {
    let mut temporary = Temporary::beside(path)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, temporary.file());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    temporary.replace()
}

/// A temporary file beside a target, which [`Temporary::replace`] renames over the target
/// (after syncing it); dropped without that, it is removed.
pub struct Temporary {
    file: File,
    path: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Temporary {
    /// Creates the temporary file for `target` (removing those that killed writers of it
    /// left).
    pub fn beside(target: &Path) -> io::Result<Temporary> {
        let dir = parent_dir(target);
        let file_name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
        let prefix = format!(".{}.tmp-", file_name.to_string_lossy());
        remove_abandoned_temporaries(dir, &prefix);
        // Unique per process and per call, so concurrent writers never share a temporary file.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let sequence = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.join(format!("{prefix}{}-{sequence}", std::process::id()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Marks the temporary file as in use until the rename (the lock goes with the process
        // if it is killed). Where locks are unsupported, nothing is ever removed as abandoned.
        let _ = file.try_lock();
        Ok(Temporary {
            file,
            path,
            target: target.to_path_buf(),
            done: false,
        })
    }

    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Where the temporary file is, to read it back before it replaces the target.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Syncs the file and renames it over the target, then syncs the directory entry.
    pub fn replace(mut self) -> io::Result<()> {
        self.file.sync_all()?;
        fs::rename(&self.path, &self.target)?;
        self.done = true;
        sync_dir(parent_dir(&self.target))
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn parent_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Removes the temporary files that killed or crashed writers of `path` left (see
/// [`write_atomic`]). Best effort; files a running writer holds are kept.
pub fn remove_abandoned_temporaries_of(path: &Path) {
    if let Some(name) = path.file_name() {
        remove_abandoned_temporaries(
            parent_dir(path),
            &format!(".{}.tmp-", name.to_string_lossy()),
        );
    }
}

/// Removes the temporary files of earlier writes of one target (names starting with
/// `prefix`) that no writer holds locked: those a killed or crashed writer left. Best effort.
///
/// A writer locks its temporary file just after creating it; a removal between the two only
/// makes that write fail (its rename finds no file), never loses data.
fn remove_abandoned_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        // The rest of the name is "<pid>-<sequence>".
        let ours = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(pid, sequence)| {
                [pid, sequence]
                    .iter()
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            });
        if !ours {
            continue;
        }
        let path = entry.path();
        if let Ok(file) = File::open(&path)
            && file.try_lock().is_ok()
        {
            let _ = fs::remove_file(&path);
        }
    }
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

/// Removes a library file that may be absent.
pub fn remove_if_present(path: &Path) -> crate::error::Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => {
            Err(crate::error::LibraryError::Write {
                path: path.to_path_buf(),
                reason: crate::ingest::describe_io_error(&err),
            })
        }
        _ => Ok(()),
    }
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

    #[test]
    fn abandoned_temporaries_are_removed_and_those_in_use_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        // Left by a killed writer: no one holds it.
        let abandoned = dir.path().join(".notes.md.tmp-99999-0");
        fs::write(&abandoned, b"half a file").unwrap();
        // Being written by another writer, which holds its lock.
        let in_use = dir.path().join(".notes.md.tmp-99999-1");
        let writer = File::create(&in_use).unwrap();
        writer.try_lock().unwrap();
        // Temporary files of other targets.
        let other = dir.path().join(".other.md.tmp-99999-0");
        fs::write(&other, b"x").unwrap();
        let longer = dir.path().join(".notes.md.tmp-1.md.tmp-99999-0");
        fs::write(&longer, b"x").unwrap();

        write_atomic(&path, b"complete").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"complete");
        assert!(!abandoned.exists());
        assert!(in_use.exists());
        assert!(other.exists());
        assert!(longer.exists());
        drop(writer);
        write_atomic(&path, b"again").unwrap();
        assert!(!in_use.exists());
    }
}
