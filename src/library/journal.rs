//! Append-only journals: library state that grows by appending instead of being rewritten.
//!
//! The catalog and the claim links change a little at every commit of a long add; rewriting
//! them whole each time made saving grow with the library. A journal is a file of JSON lines:
//! a header naming what it holds, its format and its generation, then records, each commit
//! closed by a commit line. A commit appends its records and its commit line, then syncs the
//! file. A process killed part way leaves a tail after the last commit line, which readers
//! ignore and the next writer (holding the library's write lock) cuts off. Compaction writes
//! the live state as the next generation and renames it over the journal (atomically, like
//! every other state file), so a reader sees the old journal or the new one, never a mix.
//!
//! A reader that replayed a journal keeps a [`Mark`] (generation and committed length) and
//! can later read only what was appended since: that is how a writer brings an open
//! library's catalog up to date under the write lock.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{LibraryError, Result};

/// Every commit line starts with these bytes; records never do (they are other JSON values).
const COMMIT_PREFIX: &[u8] = b"{\"commit\":";
/// Records are written to the file once this many bytes are buffered (a commit may be large).
const FLUSH_BYTES: usize = 1 << 20;

#[derive(Serialize, Deserialize)]
struct Header {
    journal: String,
    format: u32,
    generation: u64,
}

#[derive(Serialize, Deserialize)]
struct CommitLine<C> {
    commit: C,
}

/// How far a journal was read: its generation and the length of its committed part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mark {
    pub generation: u64,
    pub end: u64,
}

/// One journal file: what it holds (`kind`, written in the header) and its format.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
    kind: &'static str,
    format: u32,
}

/// The committed part of a journal, opened for reading records in order.
pub struct Records<C> {
    reader: BufReader<File>,
    path: PathBuf,
    /// Where the next record starts, and where the committed part ends.
    offset: u64,
    end: u64,
    line: Vec<u8>,
    /// True when reading from the start (the caller replaces its state), false when reading
    /// only what was appended after an earlier mark.
    pub from_start: bool,
    pub mark: Mark,
    /// The last commit line's content.
    pub commit: C,
}

impl<C> Records<C> {
    /// The journal's path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The next record, or None at the end of the committed part.
    pub fn next_record<R: DeserializeOwned>(&mut self) -> Result<Option<R>> {
        loop {
            if self.offset >= self.end {
                return Ok(None);
            }
            self.line.clear();
            let read = self
                .reader
                .read_until(b'\n', &mut self.line)
                .map_err(|err| self.unreadable(err))?;
            let at = self.offset;
            self.offset += read as u64;
            if read == 0 || self.line.last() != Some(&b'\n') {
                return Err(self.corrupt(at, "the file ends inside a committed record"));
            }
            if self.line.starts_with(COMMIT_PREFIX) {
                continue;
            }
            return serde_json::from_slice(&self.line)
                .map(Some)
                .map_err(|err| self.corrupt(at, &err.to_string()));
        }
    }

    fn corrupt(&self, at: u64, reason: &str) -> LibraryError {
        LibraryError::Corrupt {
            path: self.path.clone(),
            reason: format!("the record at byte {at} is damaged ({reason})"),
        }
    }

    fn unreadable(&self, err: io::Error) -> LibraryError {
        LibraryError::Directory {
            path: self.path.clone(),
            reason: crate::ingest::describe_io_error(&err),
        }
    }
}

impl Journal {
    pub fn new(path: PathBuf, kind: &'static str, format: u32) -> Journal {
        Journal { path, kind, format }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn exists(&self) -> bool {
        self.path.is_file()
    }

    /// The committed part of the journal, from the start or, when `since` is still the
    /// journal's generation and within its committed part, from `since`. None when the file
    /// does not exist.
    pub fn read<C: DeserializeOwned>(&self, since: Option<Mark>) -> Result<Option<Records<C>>> {
        let Some((mut file, header_end, mark, commit)) = self.open()? else {
            return Ok(None);
        };
        let resume = since.filter(|s| s.generation == mark.generation && s.end <= mark.end);
        let offset = resume.map_or(header_end, |s| s.end);
        file.seek(SeekFrom::Start(offset))
            .map_err(|err| self.unreadable(err))?;
        Ok(Some(Records {
            reader: BufReader::with_capacity(1 << 16, file),
            path: self.path.clone(),
            offset,
            end: mark.end,
            line: Vec::new(),
            from_start: resume.is_none(),
            mark,
            commit,
        }))
    }

    /// The journal's mark and last commit line, without reading its records.
    pub fn tip<C: DeserializeOwned>(&self) -> Result<Option<(Mark, C)>> {
        Ok(self.open()?.map(|(_, _, mark, commit)| (mark, commit)))
    }

    /// The open file, where its header ends, its mark and its last commit line; None when
    /// there is no file.
    fn open<C: DeserializeOwned>(&self) -> Result<Option<(File, u64, Mark, C)>> {
        let mut file = match File::open(&self.path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(self.unreadable(err)),
        };
        let (generation, header_end) = self.read_header(&mut file)?;
        let (end, commit) = self.last_commit(&mut file, header_end)?;
        Ok(Some((file, header_end, Mark { generation, end }, commit)))
    }

    /// Opens the journal for appending after `mark` (its committed part): a tail left by a
    /// killed writer is cut off. The caller holds the library's write lock.
    pub fn append(&self, mark: Mark) -> Result<Appender> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.path)
            .map_err(|err| self.write_error(err))?;
        let length = file.metadata().map_err(|err| self.write_error(err))?.len();
        if length > mark.end {
            file.set_len(mark.end)
                .map_err(|err| self.write_error(err))?;
        }
        Ok(Appender {
            file,
            path: self.path.clone(),
            buffer: Vec::new(),
            end: mark.end,
            generation: mark.generation,
        })
    }

    /// Replaces the journal atomically by generation `generation`, whose records `write`
    /// writes; it returns the commit line's content, which closes the new journal.
    pub fn rewrite<C: Serialize>(
        &self,
        generation: u64,
        write: impl FnOnce(&mut Snapshot<'_>) -> Result<C>,
    ) -> Result<Mark> {
        let header = Header {
            journal: self.kind.to_string(),
            format: self.format,
            generation,
        };
        let mut failure = None;
        let mut end = 0;
        let written = crate::fsutil::write_atomic_with(&self.path, |file| {
            let mut snapshot = Snapshot {
                out: file,
                written: 0,
                path: &self.path,
            };
            snapshot.line(&header)?;
            match write(&mut snapshot) {
                Ok(commit) => {
                    snapshot.line(&CommitLine { commit })?;
                    end = snapshot.written;
                    Ok(())
                }
                Err(err) => {
                    failure = Some(err);
                    // Abandons the temporary file: the journal stays as it was.
                    Err(io::Error::other("snapshot abandoned"))
                }
            }
        });
        if let Some(err) = failure {
            return Err(err);
        }
        written.map_err(|err| self.write_error(err))?;
        Ok(Mark { generation, end })
    }

    fn read_header(&self, file: &mut File) -> Result<(u64, u64)> {
        let mut reader = BufReader::new(&mut *file);
        let mut line = Vec::new();
        reader
            .by_ref()
            .take(4096)
            .read_until(b'\n', &mut line)
            .map_err(|err| self.unreadable(err))?;
        let header: Header = line
            .strip_suffix(b"\n")
            .and_then(|l| serde_json::from_slice(l).ok())
            .ok_or_else(|| self.corrupt("it does not start with a crossread journal header"))?;
        if header.journal != self.kind {
            return Err(self.corrupt(&format!(
                "it holds {} instead of {}",
                header.journal, self.kind
            )));
        }
        if header.format != self.format {
            return Err(self.corrupt(&format!(
                "it was written by another version of crossread (format {}, this one reads {})",
                header.format, self.format
            )));
        }
        Ok((header.generation, line.len() as u64))
    }

    /// The end of the last complete commit line and its content. Scans backwards from the end
    /// of the file, so the cost is the length of an uncommitted tail, not of the journal.
    fn last_commit<C: DeserializeOwned>(
        &self,
        file: &mut File,
        header_end: u64,
    ) -> Result<(u64, C)> {
        const CHUNK: u64 = 1 << 16;
        let length = file.metadata().map_err(|err| self.unreadable(err))?.len();
        let mut pattern = b"\n".to_vec();
        pattern.extend_from_slice(COMMIT_PREFIX);
        // The header's newline begins the first commit line's pattern.
        let floor = header_end - 1;
        // The bytes from `start` to the end of the file.
        let mut start = length;
        let mut tail: Vec<u8> = Vec::new();
        while start > floor {
            let from = start.saturating_sub(CHUNK).max(floor);
            let mut chunk = vec![0; (start - from) as usize];
            file.seek(SeekFrom::Start(from))
                .and_then(|_| file.read_exact(&mut chunk))
                .map_err(|err| self.unreadable(err))?;
            let added = chunk.len();
            chunk.extend_from_slice(&tail);
            tail = chunk;
            start = from;
            // Patterns starting in the new bytes (they may end in the bytes read before).
            let mut upto = (added + pattern.len() - 1).min(tail.len());
            while let Some(at) = tail[..upto]
                .windows(pattern.len())
                .rposition(|w| w == pattern.as_slice())
            {
                let line = &tail[at + 1..];
                if let Some(length) = line.iter().position(|&b| b == b'\n')
                    && let Ok(commit) = serde_json::from_slice::<CommitLine<C>>(&line[..length])
                {
                    return Ok((start + (at + 1 + length + 1) as u64, commit.commit));
                }
                upto = at + pattern.len() - 1;
            }
        }
        Err(self.corrupt("it has no complete commit"))
    }

    fn corrupt(&self, reason: &str) -> LibraryError {
        LibraryError::Corrupt {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    fn unreadable(&self, err: io::Error) -> LibraryError {
        LibraryError::Directory {
            path: self.path.clone(),
            reason: crate::ingest::describe_io_error(&err),
        }
    }

    fn write_error(&self, err: io::Error) -> LibraryError {
        LibraryError::Write {
            path: self.path.clone(),
            reason: crate::ingest::describe_io_error(&err),
        }
    }
}

/// Appends records and commits them.
pub struct Appender {
    file: File,
    path: PathBuf,
    buffer: Vec<u8>,
    /// Length of the file once the buffer is written.
    end: u64,
    generation: u64,
}

impl Appender {
    /// Adds a record to the running commit.
    pub fn record<R: Serialize>(&mut self, record: &R) -> Result<()> {
        serde_json::to_writer(&mut self.buffer, record).map_err(|err| LibraryError::Write {
            path: self.path.clone(),
            reason: err.to_string(),
        })?;
        self.buffer.push(b'\n');
        if self.buffer.len() >= FLUSH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Closes the running commit with `commit` and syncs the file: once this returns, the
    /// commit's records survive a crash.
    pub fn commit<C: Serialize>(&mut self, commit: &C) -> Result<Mark> {
        serde_json::to_writer(&mut self.buffer, &CommitLine { commit }).map_err(|err| {
            LibraryError::Write {
                path: self.path.clone(),
                reason: err.to_string(),
            }
        })?;
        self.buffer.push(b'\n');
        self.flush()?;
        self.file.sync_data().map_err(|err| self.write_error(err))?;
        Ok(self.mark())
    }

    /// Where the journal ends once everything given so far is written.
    pub fn mark(&self) -> Mark {
        Mark {
            generation: self.generation,
            end: self.end + self.buffer.len() as u64,
        }
    }

    fn flush(&mut self) -> Result<()> {
        // Always at the end: opened at the committed length, and only this writer appends.
        self.file
            .seek(SeekFrom::Start(self.end))
            .and_then(|_| self.file.write_all(&self.buffer))
            .map_err(|err| self.write_error(err))?;
        self.end += self.buffer.len() as u64;
        self.buffer.clear();
        Ok(())
    }

    fn write_error(&self, err: io::Error) -> LibraryError {
        LibraryError::Write {
            path: self.path.clone(),
            reason: crate::ingest::describe_io_error(&err),
        }
    }
}

/// Writes the records of a new generation (see [`Journal::rewrite`]).
pub struct Snapshot<'a> {
    out: &'a mut dyn Write,
    written: u64,
    path: &'a Path,
}

impl Snapshot<'_> {
    pub fn record<R: Serialize>(&mut self, record: &R) -> Result<()> {
        self.line(record).map_err(|err| LibraryError::Write {
            path: self.path.to_path_buf(),
            reason: err.to_string(),
        })
    }

    /// Bytes written so far, header included.
    pub fn written(&self) -> u64 {
        self.written
    }

    fn line<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        let mut counted = Counted {
            out: &mut *self.out,
            count: 0,
        };
        serde_json::to_writer(&mut counted, value)?;
        counted.write_all(b"\n")?;
        self.written += counted.count;
        Ok(())
    }
}

/// A writer that counts the bytes it passes on.
struct Counted<'a> {
    out: &'a mut dyn Write,
    count: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.count += written as u64;
        Ok(written)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
    struct Count {
        records: u64,
    }

    fn journal(dir: &Path) -> Journal {
        Journal::new(dir.join("test.jsonl"), "test", 1)
    }

    fn all(journal: &Journal, since: Option<Mark>) -> (Vec<String>, Records<Count>) {
        let mut records = journal.read::<Count>(since).unwrap().unwrap();
        let mut out = Vec::new();
        while let Some(r) = records.next_record::<String>().unwrap() {
            out.push(r);
        }
        (out, records)
    }

    #[test]
    fn appends_commit_and_a_torn_tail_is_ignored_then_cut() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        assert!(j.read::<Count>(None).unwrap().is_none());
        let mark = j
            .rewrite(1, |s| {
                s.record(&"a")?;
                Ok(Count { records: 1 })
            })
            .unwrap();
        let mut appender = j.append(mark).unwrap();
        appender.record(&"b").unwrap();
        appender.record(&"c\nwith a newline").unwrap();
        let second = appender.commit(&Count { records: 3 }).unwrap();
        drop(appender);
        // A killed writer's records without their commit line.
        let mut file = OpenOptions::new().append(true).open(j.path()).unwrap();
        file.write_all(b"\"d\"\n{\"commit\":{\"rec").unwrap();
        drop(file);
        let (records, read) = all(&j, None);
        assert_eq!(records, ["a", "b", "c\nwith a newline"]);
        assert_eq!(read.commit, Count { records: 3 });
        assert_eq!(read.mark, second);
        // Reading on from the first commit gives only what came after it.
        let (tail, read) = all(&j, Some(mark));
        assert_eq!(tail, ["b", "c\nwith a newline"]);
        assert!(!read.from_start);
        // The next writer cuts the torn tail off before appending.
        let mut appender = j.append(second).unwrap();
        appender.record(&"e").unwrap();
        appender.commit(&Count { records: 4 }).unwrap();
        let (records, _) = all(&j, None);
        assert_eq!(records, ["a", "b", "c\nwith a newline", "e"]);
    }

    #[test]
    fn a_new_generation_is_read_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        let first = j.rewrite(1, |_| Ok(Count::default())).unwrap();
        let mut appender = j.append(first).unwrap();
        appender.record(&"old").unwrap();
        let old = appender.commit(&Count { records: 1 }).unwrap();
        j.rewrite(2, |s| {
            s.record(&"compacted")?;
            Ok(Count { records: 1 })
        })
        .unwrap();
        let (records, read) = all(&j, Some(old));
        assert_eq!(records, ["compacted"]);
        assert!(read.from_start);
        assert_eq!(read.mark.generation, 2);
    }

    #[test]
    fn commits_found_across_chunks_of_the_backward_scan() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        let mut mark = j.rewrite(1, |_| Ok(Count::default())).unwrap();
        let long = "x".repeat(70_000);
        for n in 1..=3 {
            let mut appender = j.append(mark).unwrap();
            appender.record(&long).unwrap();
            mark = appender.commit(&Count { records: n }).unwrap();
        }
        // A torn record longer than one chunk after the last commit.
        let mut file = OpenOptions::new().append(true).open(j.path()).unwrap();
        file.write_all(format!("\"{long}").as_bytes()).unwrap();
        drop(file);
        let (tip, commit) = j.tip::<Count>().unwrap().unwrap();
        assert_eq!(tip, mark);
        assert_eq!(commit, Count { records: 3 });
        assert_eq!(all(&j, None).0.len(), 3);
    }

    #[test]
    fn foreign_or_damaged_files_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        std::fs::write(j.path(), "<html>not ours</html>").unwrap();
        let err = j.read::<Count>(None).err().unwrap().to_string();
        assert!(
            err.contains("test.jsonl") && err.contains("header"),
            "{err}"
        );
        let other = Journal::new(j.path().to_path_buf(), "other", 1);
        other.rewrite(1, |_| Ok(Count::default())).unwrap();
        let err = j.read::<Count>(None).err().unwrap().to_string();
        assert!(err.contains("holds other"), "{err}");
        let newer = Journal::new(j.path().to_path_buf(), "test", 9);
        newer.rewrite(1, |_| Ok(Count::default())).unwrap();
        let err = j.read::<Count>(None).err().unwrap().to_string();
        assert!(err.contains("format 9"), "{err}");
        std::fs::write(
            j.path(),
            "{\"journal\":\"test\",\"format\":1,\"generation\":1}\n\"a\"\n",
        )
        .unwrap();
        let err = j.read::<Count>(None).err().unwrap().to_string();
        assert!(err.contains("no complete commit"), "{err}");
    }
}
