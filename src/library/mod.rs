//! The library: a tantivy index plus a catalog, in a directory of the user's or in memory.
//!
//! Adding is incremental (unchanged files are skipped by fingerprint, changed ones replace
//! their articles), writing is serialised by a lock file that names the process holding it,
//! and readers never take the lock: they see the last committed state. A throwaway library
//! (`Library::temporary`) lives in memory so analysis commands never touch the user's data.
//!
//! Map: this module opens a library, locks it and reads articles; [`layout`] names every file
//! in its directory; [`add`] is the add pipeline (reading and analysis on every core,
//! indexing), `commit` its commits (index, linking, saving) and removal;
//! [`index`] is the tantivy schema, [`catalog`] the article list and input fingerprints,
//! [`links`] the claim mentions and judged links (with `links::candidates` finding and
//! judging candidates, and `links::file` keeping them on disk), `journal` the append-only
//! files the catalog and links are kept in, [`highlights`] the user's highlights; [`search`]
//! is full-text search and [`doctor`] checks and rebuilds a damaged library.
//!
//! An open library reads as the library was when it was opened (plus its own writes). A write
//! first takes the lock, then brings the catalog up to date with what other processes
//! committed meanwhile (reading only what they appended to its journal), so a process that
//! keeps a library open never writes over their work.

pub mod add;
pub mod catalog;
mod commit;
pub mod doctor;
pub mod highlights;
pub mod index;
pub(crate) mod journal;
pub mod layout;
pub mod links;
pub mod search;

use std::fs::{self, File};
use std::io::Write as _;
use std::path::Path;

use tantivy::schema::Value as _;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use crate::error::{LibraryError, Result};
use crate::ingest;
pub use add::{AddEntry, AddProgress, AddReport, AddStatus, AddTimings};
use catalog::{ArticleSummary, Catalog, CatalogFile};
use highlights::HighlightStore;
pub use highlights::{LocatedHighlight, MarkError};
use index::{Fields, KIND_ARTICLE, StoredArticle, build_schema, register_tokenizers};
pub use layout::Layout;
use links::LinkStore;

/// An open library.
pub struct Library {
    /// Where its files are, or None for a temporary library.
    layout: Option<Layout>,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    catalog: Catalog,
    /// The catalog's files, or None for a temporary library.
    catalog_file: Option<CatalogFile>,
    /// Claim links, read from disk on first use: the reader shows the article list before
    /// this (possibly large) file is parsed.
    links: std::sync::OnceLock<LinkStore>,
    /// Highlights kept only in memory for a temporary library.
    memory_highlights: HighlightStore,
    /// Work of the running write: articles replaced or removed, and new claim mentions.
    pending: commit::PendingLinks,
    /// Neighbour lists and article vectors (read on the first link step of a write).
    stories: Option<links::stories::Stories>,
}

impl Library {
    /// Opens the library in `dir`, creating it when it does not exist.
    pub fn open(dir: &Path) -> Result<Library> {
        let layout = Layout::new(dir);
        let index_dir = layout.index();
        fs::create_dir_all(&index_dir).map_err(|err| LibraryError::Directory {
            path: dir.to_path_buf(),
            reason: ingest::describe_io_error(&err),
        })?;
        let mut catalog_file = CatalogFile::new(&layout);
        let catalog = catalog_file.load()?;
        check_schema(&catalog, &catalog_file)?;
        let corrupt = |reason: String| LibraryError::Corrupt {
            path: index_dir.clone(),
            reason,
        };
        let directory = tantivy::directory::MmapDirectory::open(&index_dir)
            .map_err(|err| corrupt(err.to_string()))?;
        let index = if Index::exists(&directory).map_err(|err| corrupt(err.to_string()))? {
            Index::open(directory).map_err(|err| corrupt(err.to_string()))?
        } else {
            Index::create(directory, build_schema(), tantivy::IndexSettings::default())?
        };
        Self::from_index(Some(layout), index, catalog, None, Some(catalog_file))
    }

    /// A library in memory, gone when dropped: for commands that analyse inputs without
    /// touching the user's library.
    pub fn temporary() -> Result<Library> {
        let index = Index::create_in_ram(build_schema());
        Self::from_index(
            None,
            index,
            Catalog::empty(),
            Some(LinkStore::default()),
            None,
        )
    }

    fn from_index(
        layout: Option<Layout>,
        index: Index,
        catalog: Catalog,
        links: Option<LinkStore>,
        catalog_file: Option<CatalogFile>,
    ) -> Result<Library> {
        register_tokenizers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|err| LibraryError::Corrupt {
            path: layout.as_ref().map(Layout::index).unwrap_or_default(),
            reason: format!("unexpected index layout: {err}"),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Library {
            layout,
            index,
            reader,
            fields,
            catalog,
            catalog_file,
            links: links.map(std::sync::OnceLock::from).unwrap_or_default(),
            memory_highlights: HighlightStore::default(),
            pending: commit::PendingLinks::default(),
            stories: None,
        })
    }

    /// The claim links of the library (read from disk on first use).
    pub fn links(&self) -> Result<&LinkStore> {
        if let Some(links) = self.links.get() {
            return Ok(links);
        }
        let loaded = match &self.layout {
            Some(layout) => {
                let mut store = links::file::load(layout)?;
                store.neighbours = links::stories::load_lists(layout)?;
                store
            }
            None => LinkStore::default(),
        };
        Ok(self.links.get_or_init(|| loaded))
    }

    /// Drops the link store from memory; it is read again on next use. The reader calls this
    /// once it has built its claim index, which shares the mentions but not the links.
    pub fn release_links(&mut self) {
        if self.layout.is_some() {
            self.links = std::sync::OnceLock::new();
        }
    }

    fn links_mut(&mut self) -> Result<&mut LinkStore> {
        self.links()?;
        Ok(self.links.get_mut().expect("loaded just above"))
    }

    /// The directory, or None for a temporary library.
    pub fn dir(&self) -> Option<&Path> {
        self.layout.as_ref().map(Layout::root)
    }

    /// The paths inside the library's directory, or None for a temporary library.
    pub fn layout(&self) -> Option<&Layout> {
        self.layout.as_ref()
    }

    pub(crate) fn fields(&self) -> Fields {
        self.fields
    }

    pub(crate) fn index_handle(&self) -> &Index {
        &self.index
    }

    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Every article, in the catalog's id order.
    pub fn list(&self) -> Vec<ArticleSummary> {
        self.catalog.articles().values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.catalog.articles().len()
    }

    pub fn is_empty(&self) -> bool {
        self.catalog.articles().is_empty()
    }

    /// The stored article with its analysis.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.article_id, id),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let kind_query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.kind, KIND_ARTICLE),
            tantivy::schema::IndexRecordOption::Basic,
        );
        let both =
            tantivy::query::BooleanQuery::intersection(vec![Box::new(query), Box::new(kind_query)]);
        let hits = searcher.search(
            &both,
            &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some((_, address)) = hits.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        Ok(self.decode_record(&doc))
    }

    pub(crate) fn decode_record(&self, doc: &TantivyDocument) -> Option<StoredArticle> {
        let json = doc.get_first(self.fields.record)?.as_str()?;
        serde_json::from_str(json).ok()
    }

    /// Takes the write lock for an add or a removal, then brings the library up to date with
    /// what other processes committed since it was opened: the catalog (from its journal),
    /// the index reader, and the claim links (read again on next use). Converts files written
    /// before the journals.
    fn lock_for_write(&mut self) -> Result<Option<WriteLock>> {
        let lock = self.lock()?;
        self.pending = commit::PendingLinks::default();
        if let (Some(layout), Some(file)) = (&self.layout, &mut self.catalog_file) {
            // Journals are rewritten only now and then: clear what killed rewrites left.
            for journal in [layout.catalog(), layout.links()] {
                crate::fsutil::remove_abandoned_temporaries_of(&journal);
            }
            file.refresh(&mut self.catalog)?;
            check_schema(&self.catalog, file)?;
            links::file::prepare(layout)?;
            self.reader.reload()?;
            self.links = std::sync::OnceLock::new();
        }
        Ok(lock)
    }

    /// Takes the library's write lock, or says which process holds it.
    fn lock(&self) -> Result<Option<WriteLock>> {
        let Some(layout) = &self.layout else {
            return Ok(None);
        };
        let path = layout.write_lock();
        let write_error = |err: std::io::Error| LibraryError::Write {
            path: path.clone(),
            reason: ingest::describe_io_error(&err),
        };
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(write_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                return Err(LibraryError::Busy {
                    path: layout.root().to_path_buf(),
                    holder,
                });
            }
            Err(fs::TryLockError::Error(err)) => return Err(write_error(err)),
        }
        file.set_len(0).map_err(write_error)?;
        write!(file, "{}", std::process::id()).map_err(write_error)?;
        Ok(Some(WriteLock { file }))
    }
}

/// Refuses a catalog another version of crossread wrote.
fn check_schema(catalog: &Catalog, file: &CatalogFile) -> Result<()> {
    if catalog.schema_version == Layout::SCHEMA_VERSION {
        return Ok(());
    }
    Err(LibraryError::Corrupt {
        path: file.path(),
        reason: format!(
            "it was written by another version of crossread (format {}, this one reads {})",
            catalog.schema_version,
            Layout::SCHEMA_VERSION
        ),
    })
}

/// Held while writing; the OS releases the lock when the file closes, even on a crash.
struct WriteLock {
    #[allow(dead_code)]
    file: File,
}
