//! The library: a tantivy index plus a catalog, in a directory of the user's or in memory.
//!
//! Adding is incremental (unchanged files are skipped by fingerprint, changed ones replace
//! their articles), writing is serialised by a lock file that names the process holding it,
//! and readers never take the lock: they see the last committed state. A throwaway library
//! (`Library::temporary`) lives in memory so analysis commands never touch the user's data.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::schema::Value as _;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use crate::analysis::analyze;
use crate::catalog::{ArticleSummary, Catalog, InputRecord};
use crate::error::{LibraryError, Result};
use crate::highlights::{Anchor, Highlight, HighlightStore, find_text};
use crate::index::{
    Fields, KIND_ARTICLE, KIND_SENTENCE, SCHEMA_VERSION, StoredArticle, build_schema,
    register_tokenizers,
};
use crate::ingest::{self, Discovered, FileOutcome};
use crate::linking::{LinkStore, Mention, mentions_of};

const CATALOG_FILE: &str = "catalog.json";
const LINKS_FILE: &str = "links.json";
const HIGHLIGHTS_FILE: &str = "highlights.json";
const INDEX_DIR: &str = "index";
const LOCK_FILE: &str = "write.lock";
/// A long add commits and links after this many new or changed articles.
const BATCH_ARTICLES: usize = 5000;
/// Memory budget for tantivy's indexing buffers.
const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;

/// What happened to one input (or one article of a feed) during `add`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AddStatus {
    Added,
    Updated,
    Unchanged,
    Skipped,
    Failed,
}

/// One line of an add report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddEntry {
    pub path: String,
    pub status: AddStatus,
    pub id: Option<String>,
    pub title: Option<String>,
    /// Reason for a skip or failure.
    pub reason: Option<String>,
}

/// Everything `add` did, in input order, plus warnings about inputs that were read anyway.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AddReport {
    pub entries: Vec<AddEntry>,
    pub warnings: Vec<String>,
    /// Where the time went, for benchmarks (not part of the JSON report).
    #[serde(skip)]
    pub timings: AddTimings,
}

impl std::ops::AddAssign for AddTimings {
    fn add_assign(&mut self, other: AddTimings) {
        self.ingest += other.ingest;
        self.commit += other.commit;
        self.link += other.link;
        self.save += other.save;
    }
}

/// Wall time of the phases of one add.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AddTimings {
    /// Reading, extracting and analysing inputs, and handing documents to the index writer.
    pub ingest: std::time::Duration,
    /// Tantivy commit and merges.
    pub commit: std::time::Duration,
    /// Linking the new claim mentions against the library.
    pub link: std::time::Duration,
    /// Writing the link store and catalog.
    pub save: std::time::Duration,
}

impl AddReport {
    pub fn count(&self, status: AddStatus) -> usize {
        self.entries.iter().filter(|e| e.status == status).count()
    }
}

/// Progress of a running add, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct AddProgress<'a> {
    pub done: usize,
    pub total: usize,
    pub current: &'a Path,
}

/// An open library.
pub struct Library {
    dir: Option<PathBuf>,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    catalog: Catalog,
    /// Claim links, read from disk on first use: the reader shows the article list before
    /// this (possibly large) file is parsed.
    links: std::sync::OnceLock<LinkStore>,
    /// Highlights kept only in memory for a temporary library.
    memory_highlights: HighlightStore,
    /// Work of the running write: articles replaced or removed, and new claim mentions.
    pending: PendingLinks,
    /// Claim mentions committed by earlier batches of the running add, by id.
    earlier_in_add: HashMap<u64, Mention>,
}

#[derive(Default)]
struct PendingLinks {
    changed: std::collections::HashSet<String>,
    mentions: Vec<Mention>,
}

impl Library {
    /// Opens the library in `dir`, creating it when it does not exist.
    pub fn open(dir: &Path) -> Result<Library> {
        let dir_error = |reason: String| LibraryError::Directory {
            path: dir.to_path_buf(),
            reason,
        };
        fs::create_dir_all(dir.join(INDEX_DIR))
            .map_err(|err| dir_error(ingest::describe_io_error(&err)))?;
        let catalog_path = dir.join(CATALOG_FILE);
        let catalog = Catalog::load(&catalog_path)?;
        if catalog.schema_version != SCHEMA_VERSION {
            return Err(LibraryError::Corrupt {
                path: catalog_path,
                reason: format!(
                    "it was written by another version of crossread (format {}, this one reads {})",
                    catalog.schema_version, SCHEMA_VERSION
                ),
            });
        }
        let index_dir = dir.join(INDEX_DIR);
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
        Self::from_index(Some(dir.to_path_buf()), index, catalog, None)
    }

    /// A library in memory, gone when dropped: for commands that analyse inputs without
    /// touching the user's library.
    pub fn temporary() -> Result<Library> {
        let index = Index::create_in_ram(build_schema());
        let catalog = Catalog {
            schema_version: SCHEMA_VERSION,
            ..Catalog::default()
        };
        Self::from_index(None, index, catalog, Some(LinkStore::default()))
    }

    fn from_index(
        dir: Option<PathBuf>,
        index: Index,
        catalog: Catalog,
        links: Option<LinkStore>,
    ) -> Result<Library> {
        register_tokenizers(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(|err| LibraryError::Corrupt {
            path: dir.clone().unwrap_or_default().join(INDEX_DIR),
            reason: format!("unexpected index layout: {err}"),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Library {
            dir,
            index,
            reader,
            fields,
            catalog,
            links: links.map(std::sync::OnceLock::from).unwrap_or_default(),
            memory_highlights: HighlightStore::default(),
            pending: PendingLinks::default(),
            earlier_in_add: HashMap::new(),
        })
    }

    /// The claim links of the library (read from disk on first use).
    pub fn links(&self) -> Result<&LinkStore> {
        if let Some(links) = self.links.get() {
            return Ok(links);
        }
        let loaded = match &self.dir {
            Some(dir) => LinkStore::load(&dir.join(LINKS_FILE))?,
            None => LinkStore::default(),
        };
        Ok(self.links.get_or_init(|| loaded))
    }

    /// Drops the link store from memory; it is read again on next use. The reader calls this
    /// once it has built its claim index, which shares the mentions but not the links.
    pub fn release_links(&mut self) {
        if self.dir.is_some() {
            self.links = std::sync::OnceLock::new();
        }
    }

    fn links_mut(&mut self) -> Result<&mut LinkStore> {
        self.links()?;
        Ok(self.links.get_mut().expect("loaded just above"))
    }

    /// The directory, or None for a temporary library.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
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
        self.catalog.articles.values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.catalog.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.catalog.articles.is_empty()
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

    /// Adds files and folders. Unchanged inputs are skipped, changed ones replace their old
    /// articles; bad inputs are reported and never stop the rest.
    pub fn add(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(AddProgress<'_>),
    ) -> Result<AddReport> {
        let _lock = self.lock()?;
        let started = std::time::Instant::now();
        let mut writer = self.writer()?;
        let mut report = AddReport::default();
        let mut timings = AddTimings::default();
        let discovered = ingest::discover(paths);
        let total = discovered.len();
        for (done, item) in discovered.into_iter().enumerate() {
            match item {
                Discovered::Missing { path, reason } => report.entries.push(AddEntry {
                    path: path.to_string_lossy().into_owned(),
                    status: AddStatus::Failed,
                    id: None,
                    title: None,
                    reason: Some(reason),
                }),
                Discovered::File(path) => {
                    progress(AddProgress {
                        done,
                        total,
                        current: &path,
                    });
                    self.add_file(&mut writer, &path, &mut report)?;
                    if self.pending.changed.len() >= BATCH_ARTICLES {
                        let batch = self.commit_batch(&mut writer)?;
                        timings += batch;
                    }
                }
            }
        }
        let last = self.commit(writer)?;
        timings += last;
        timings.ingest = started.elapsed() - timings.commit - timings.link - timings.save;
        report.timings = timings;
        Ok(report)
    }

    fn add_file(
        &mut self,
        writer: &mut IndexWriter,
        path: &Path,
        report: &mut AddReport,
    ) -> Result<()> {
        let shown = path.to_string_lossy().into_owned();
        let origin = ingest::canonical_origin(path);
        let known = self.catalog.inputs.get(&origin).map(|r| r.fingerprint);
        let outcome = ingest::read_file_if_changed(path, known);
        let file = match outcome {
            FileOutcome::Unchanged { .. } => {
                let ids = self.catalog.inputs[&origin].article_ids.clone();
                for id in ids {
                    let title = self.catalog.articles.get(&id).map(|a| a.title.clone());
                    report.entries.push(AddEntry {
                        path: shown.clone(),
                        status: AddStatus::Unchanged,
                        id: Some(id),
                        title,
                        reason: None,
                    });
                }
                return Ok(());
            }
            FileOutcome::Skipped { reason, .. } => {
                report.entries.push(AddEntry {
                    path: shown,
                    status: AddStatus::Skipped,
                    id: None,
                    title: None,
                    reason: Some(reason),
                });
                return Ok(());
            }
            FileOutcome::Failed { reason, .. } => {
                report.entries.push(AddEntry {
                    path: shown,
                    status: AddStatus::Failed,
                    id: None,
                    title: None,
                    reason: Some(reason),
                });
                return Ok(());
            }
            FileOutcome::Read(file) => file,
        };
        report
            .warnings
            .extend(file.warnings.iter().map(|w| format!("{shown}: {w}")));
        let previous: Vec<String> = self
            .catalog
            .inputs
            .get(&origin)
            .map(|r| r.article_ids.clone())
            .unwrap_or_default();
        let mut ids = Vec::with_capacity(file.articles.len());
        for article in file.articles {
            let summary = ArticleSummary::of(&article);
            ids.push(article.id.clone());
            let status = match self.catalog.articles.get(&article.id) {
                Some(old) if old.content_hash == summary.content_hash => AddStatus::Unchanged,
                Some(_) => AddStatus::Updated,
                None => AddStatus::Added,
            };
            report.entries.push(AddEntry {
                path: shown.clone(),
                status,
                id: Some(article.id.clone()),
                title: Some(article.title.clone()),
                reason: None,
            });
            if status != AddStatus::Unchanged {
                self.write_article(writer, analyze(article))?;
                self.catalog.articles.insert(summary.id.clone(), summary);
            }
        }
        if file.kind == ingest::InputKind::Feed {
            // Feeds roll old entries off; the articles already read stay in the library.
            for id in previous {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        } else {
            for id in previous.iter().filter(|id| !ids.contains(id)) {
                self.delete_article(writer, id);
            }
        }
        self.catalog.inputs.insert(
            origin,
            InputRecord {
                fingerprint: file.fingerprint,
                article_ids: ids,
            },
        );
        Ok(())
    }

    fn write_article(&mut self, writer: &mut IndexWriter, stored: StoredArticle) -> Result<()> {
        let f = self.fields;
        writer.delete_term(Term::from_field_text(f.article_id, &stored.article.id));
        self.pending.changed.insert(stored.article.id.clone());
        for mention in mentions_of(&stored) {
            let terms = crate::claims::retrieval_terms(&mention.signature).join(" ");
            let record = serde_json::to_string(&mention).map_err(|err| LibraryError::Write {
                path: PathBuf::from(&stored.article.id),
                reason: err.to_string(),
            })?;
            writer.add_document(doc!(
                f.kind => KIND_SENTENCE,
                f.article_id => stored.article.id.as_str(),
                f.claim_terms => terms,
                f.sentence_record => record,
                f.mention_id => mention.key.id(),
            ))?;
            self.pending.mentions.push(mention);
        }
        let body = stored.article.body();
        let record = serde_json::to_string(&stored).map_err(|err| LibraryError::Write {
            path: PathBuf::from(&stored.article.id),
            reason: err.to_string(),
        })?;
        writer.add_document(doc!(
            f.kind => KIND_ARTICLE,
            f.article_id => stored.article.id.as_str(),
            f.title => stored.article.title.as_str(),
            f.source => stored.article.source.as_deref().unwrap_or(""),
            f.body => body,
            f.record => record,
        ))?;
        Ok(())
    }

    fn delete_article(&mut self, writer: &mut IndexWriter, id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.article_id, id));
        self.catalog.articles.remove(id);
        self.pending.changed.insert(id.to_string());
    }

    /// Removes articles by id. Returns the ids that were not in the library.
    pub fn remove(&mut self, ids: &[String]) -> Result<Vec<String>> {
        let _lock = self.lock()?;
        let mut writer = self.writer()?;
        let mut unknown = Vec::new();
        for id in ids {
            if self.catalog.articles.contains_key(id) {
                self.delete_article(&mut writer, id);
                for input in self.catalog.inputs.values_mut() {
                    input.article_ids.retain(|a| a != id);
                }
            } else {
                unknown.push(id.clone());
            }
        }
        self.catalog.inputs.retain(|_, r| !r.article_ids.is_empty());
        self.commit(writer)?;
        Ok(unknown)
    }

    fn writer(&self) -> Result<IndexWriter> {
        self.index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(_, _) => LibraryError::Busy {
                    path: self.dir.clone().unwrap_or_default(),
                    holder: None,
                },
                other => other.into(),
            })
    }

    /// Commits the index, links the new claim mentions against the committed library, then
    /// saves links and catalog (each atomically). A crash between steps leaves files that the
    /// next add repairs: the catalog lags, so the changed inputs are read and linked again.
    fn commit(&mut self, mut writer: IndexWriter) -> Result<AddTimings> {
        let mut timings = self.commit_batch(&mut writer)?;
        self.earlier_in_add = HashMap::new();
        let clock = std::time::Instant::now();
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        timings.commit += clock.elapsed();
        Ok(timings)
    }

    /// [`Self::commit`] without closing the writer: a long add commits every
    /// [`BATCH_ARTICLES`] articles, which bounds the memory its pending mentions take and
    /// keeps the work done so far if it is interrupted.
    fn commit_batch(&mut self, writer: &mut IndexWriter) -> Result<AddTimings> {
        let mut timings = AddTimings::default();
        let clock = std::time::Instant::now();
        writer.commit()?;
        self.reader.reload()?;
        timings.commit = clock.elapsed();
        let clock = std::time::Instant::now();
        let pending = std::mem::take(&mut self.pending);
        if !pending.changed.is_empty() {
            self.links_mut()?.forget_articles(&pending.changed);
            self.link_mentions(&pending.mentions)?;
        }
        // Later batches of this add find these among their candidates; keeping them saves a
        // document-store read each.
        self.earlier_in_add
            .extend(pending.mentions.into_iter().map(|m| (m.key.id(), m)));
        timings.link = clock.elapsed();
        let clock = std::time::Instant::now();
        if let Some(dir) = &self.dir {
            self.links()?.save(&dir.join(LINKS_FILE))?;
            self.catalog.save(&dir.join(CATALOG_FILE))?;
        }
        timings.save = clock.elapsed();
        Ok(timings)
    }

    /// Finds, for each mention, the candidate sentences of other articles through the index
    /// and keeps those the claim judge accepts. Queries and judging run on every core; the
    /// accepted links are then stored in mention order, so the result does not depend on
    /// the number of threads.
    fn link_mentions(&mut self, mentions: &[Mention]) -> Result<()> {
        if mentions.is_empty() {
            return Ok(());
        }
        let searcher = self.reader.searcher();
        // Taken out while the links are stored, which needs `self` mutably.
        let earlier = std::mem::take(&mut self.earlier_in_add);
        let batch: HashMap<u64, &Mention> = mentions.iter().map(|m| (m.key.id(), m)).collect();
        let linker = crate::linker::Linker {
            searcher: &searcher,
            fields: self.fields,
            batch: &batch,
            earlier: &earlier,
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = mentions.len().div_ceil(threads).max(1);
        let results: Vec<Result<Vec<crate::linker::Judged<'_>>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = mentions
                .chunks(chunk)
                .map(|part| scope.spawn(|| linker.link_all(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("linking thread panicked"))
                .collect()
        });
        let store = self.links_mut()?;
        let mut outcome = Ok(());
        for judged in results {
            match judged {
                Ok(judged) => {
                    for (mention, candidate, judgement) in judged {
                        store.insert(mention, &candidate, judgement);
                    }
                }
                Err(err) => {
                    outcome = Err(err);
                    break;
                }
            }
        }
        drop(batch);
        self.earlier_in_add = earlier;
        outcome
    }

    /// Takes the library's write lock, or says which process holds it.
    fn lock(&self) -> Result<Option<WriteLock>> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        let path = dir.join(LOCK_FILE);
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
                    path: dir.clone(),
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

/// Why a highlight could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MarkError {
    #[error("no article with id {0} in the library; `crossread list` shows the ids")]
    UnknownArticle(String),
    #[error("the text {text:?} is not in article {article}; quote it as the article shows it")]
    TextNotFound { article: String, text: String },
    #[error(transparent)]
    Library(#[from] LibraryError),
}

/// A highlight and where it is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedHighlight {
    #[serde(flatten)]
    pub highlight: Highlight,
    #[serde(flatten)]
    pub anchor: Anchor,
    pub orphaned: bool,
}

impl Library {
    fn highlights_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(HIGHLIGHTS_FILE))
    }

    fn load_highlights(&self) -> Result<HighlightStore> {
        match self.highlights_path() {
            Some(path) => HighlightStore::load(&path),
            None => Ok(self.memory_highlights.clone()),
        }
    }

    fn save_highlights(&mut self, store: HighlightStore) -> Result<()> {
        match self.highlights_path() {
            Some(path) => store.save(&path),
            None => {
                self.memory_highlights = store;
                Ok(())
            }
        }
    }

    /// Highlights `text` (found exactly, or ignoring case, spacing and typographic quotes) in
    /// an article, with an optional note and tags; stored atomically.
    pub fn mark_text(
        &mut self,
        article: &str,
        text: &str,
        note: Option<String>,
        tags: Vec<String>,
    ) -> std::result::Result<Highlight, MarkError> {
        let stored = self
            .article(article)?
            .ok_or_else(|| MarkError::UnknownArticle(article.to_string()))?;
        let body = stored.article.body();
        let (start, end) = find_text(&body, text).ok_or_else(|| MarkError::TextNotFound {
            article: article.to_string(),
            text: text.to_string(),
        })?;
        self.mark_range(article, &body, start, end, note, tags)
    }

    /// Highlights `body[start..end]` of an article whose body the caller already has.
    pub fn mark_range(
        &mut self,
        article: &str,
        body: &str,
        start: usize,
        end: usize,
        note: Option<String>,
        tags: Vec<String>,
    ) -> std::result::Result<Highlight, MarkError> {
        let highlight = Highlight::new(article, body, start, end, note, tags).ok_or_else(|| {
            MarkError::TextNotFound {
                article: article.to_string(),
                text: body.get(start..end).unwrap_or("").to_string(),
            }
        })?;
        let _lock = self.lock()?;
        let mut store = self.load_highlights()?;
        store.highlights.push(highlight.clone());
        self.save_highlights(store)?;
        Ok(highlight)
    }

    /// Removes a highlight by id; false when there was none.
    pub fn remove_highlight(&mut self, id: &str) -> Result<bool> {
        let _lock = self.lock()?;
        let mut store = self.load_highlights()?;
        let before = store.highlights.len();
        store.highlights.retain(|h| h.id != id);
        let removed = store.highlights.len() != before;
        if removed {
            self.save_highlights(store)?;
        }
        Ok(removed)
    }

    /// Every highlight, located in the current version of its article (orphaned when its
    /// text or its article is gone), in the order they were made.
    pub fn highlights(&self) -> Result<Vec<LocatedHighlight>> {
        let store = self.load_highlights()?;
        let mut bodies: std::collections::HashMap<String, Option<String>> = Default::default();
        let mut located = Vec::with_capacity(store.highlights.len());
        for highlight in store.highlights {
            if !bodies.contains_key(&highlight.article) {
                let body = self.article(&highlight.article)?.map(|s| s.article.body());
                bodies.insert(highlight.article.clone(), body);
            }
            let anchor = match &bodies[&highlight.article] {
                Some(body) => highlight.locate(body),
                None => Anchor::Orphaned,
            };
            located.push(LocatedHighlight {
                orphaned: anchor == Anchor::Orphaned,
                highlight,
                anchor,
            });
        }
        Ok(located)
    }
}

/// Held while writing; the OS releases the lock when the file closes, even on a crash.
struct WriteLock {
    #[allow(dead_code)]
    file: File,
}
