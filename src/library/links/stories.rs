//! The library's stories on disk (`stories.bin`): every article's nearest-neighbour list, then
//! every article's vector. Readers need only the lists (the story part of each link's
//! probability) and stop reading after them; writers need the vectors too, to find the
//! neighbours of new articles.
//!
//! The file is small next to the index (at 100,000 articles about 25 MB of lists and 77 MB of
//! vectors) and is replaced atomically at each commit.

use std::io::{BufReader, Read};

use crate::claims::neighbours::{NeighbourLists, VectorIndex};
use crate::error::{LibraryError, Result};
use crate::library::Layout;

const MAGIC: &[u8; 8] = b"XRSTOR01";

/// Neighbour lists and article vectors, as a writer holds them.
#[derive(Debug, Default)]
pub struct Stories {
    pub lists: NeighbourLists,
    pub vectors: VectorIndex,
}

fn corrupt(layout: &Layout, reason: impl Into<String>) -> LibraryError {
    LibraryError::Corrupt {
        path: layout.stories(),
        reason: reason.into(),
    }
}

/// Opens the file, or `None` when the library has none yet.
fn open(layout: &Layout) -> Result<Option<BufReader<std::fs::File>>> {
    match std::fs::File::open(layout.stories()) {
        Ok(file) => Ok(Some(BufReader::new(file))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(corrupt(layout, crate::ingest::describe_io_error(&err))),
    }
}

fn read_lists(layout: &Layout, reader: &mut impl Read) -> Result<NeighbourLists> {
    let mut magic = [0u8; 8];
    reader
        .read_exact(&mut magic)
        .map_err(|_| corrupt(layout, "truncated"))?;
    if &magic != MAGIC {
        return Err(corrupt(layout, "not a crossread stories file"));
    }
    let mut length = [0u8; 8];
    reader
        .read_exact(&mut length)
        .map_err(|_| corrupt(layout, "truncated"))?;
    let mut bytes = vec![0u8; u64::from_le_bytes(length) as usize];
    reader
        .read_exact(&mut bytes)
        .map_err(|_| corrupt(layout, "truncated neighbour lists"))?;
    NeighbourLists::from_bytes(&bytes).map_err(|reason| corrupt(layout, reason))
}

/// The neighbour lists alone (what readers need); empty for a library without stories.
pub fn load_lists(layout: &Layout) -> Result<NeighbourLists> {
    match open(layout)? {
        Some(mut reader) => read_lists(layout, &mut reader),
        None => Ok(NeighbourLists::default()),
    }
}

impl Stories {
    /// Lists and vectors; empty for a library without stories.
    pub fn load(layout: &Layout) -> Result<Stories> {
        let Some(mut reader) = open(layout)? else {
            return Ok(Stories::default());
        };
        let lists = read_lists(layout, &mut reader)?;
        let mut rest = Vec::new();
        reader
            .read_to_end(&mut rest)
            .map_err(|err| corrupt(layout, err.to_string()))?;
        let vectors = VectorIndex::from_bytes(&rest).map_err(|reason| corrupt(layout, reason))?;
        Ok(Stories { lists, vectors })
    }

    /// Replaces the file atomically.
    pub fn save(&self, layout: &Layout) -> Result<()> {
        let lists = self.lists.to_bytes();
        let vectors = self.vectors.to_bytes();
        let mut bytes = Vec::with_capacity(16 + lists.len() + vectors.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(lists.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&lists);
        bytes.extend_from_slice(&vectors);
        crate::fsutil::write_atomic(&layout.stories(), &bytes).map_err(|err| LibraryError::Write {
            path: layout.stories(),
            reason: err.to_string(),
        })
    }
}
