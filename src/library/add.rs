//! The add pipeline: files and folders in, articles indexed, claims linked, stores saved.
//!
//! Each input is read only when its fingerprint changed; its articles are analysed, written
//! to the index (an article document plus one sentence document per claim mention) and listed
//! in the catalog. A long add commits every [`BATCH_ARTICLES`] articles: the index is
//! committed, the batch's mentions are linked against the committed library, then the link
//! store and the catalog are saved, each atomically. A crash between steps leaves files the
//! next add repairs. Removing articles goes through the same commit.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::{IndexWriter, Term, doc};

use super::Library;
use super::catalog::{ArticleSummary, InputRecord};
use super::index::{KIND_ARTICLE, KIND_SENTENCE, StoredArticle};
use super::links::candidates::{ArticlePair, Linker};
use super::links::{Mention, mentions_of};
use crate::analysis::analyze;
use crate::claims::ArticleVector;
use crate::claims::neighbours::{NEIGHBOURS, VectorIndex};
use crate::error::{LibraryError, Result};
use crate::ingest::{self, Discovered, FileOutcome};
use std::collections::{BTreeMap, BTreeSet, HashSet};

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

/// Work of the running write: articles replaced or removed, and new claim mentions.
#[derive(Default)]
pub(super) struct PendingLinks {
    changed: std::collections::HashSet<String>,
    mentions: Vec<Mention>,
    /// Vectors of the written articles, by id.
    vectors: Vec<(String, ArticleVector)>,
}

impl Library {
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
        self.pending.vectors.push((
            stored.article.id.clone(),
            ArticleVector::new(&body, &stored.entities),
        ));
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
                    path: self.dir().map(Path::to_path_buf).unwrap_or_default(),
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
            let pairs = self.update_stories(&pending)?;
            self.link_pairs(&pending.mentions, &pairs)?;
        }
        // Later batches of this add find these among their candidates; keeping them saves a
        // document-store read each.
        self.earlier_in_add
            .extend(pending.mentions.into_iter().map(|m| (m.key.id(), m)));
        timings.link = clock.elapsed();
        let clock = std::time::Instant::now();
        if let Some(layout) = &self.layout {
            self.links()?.save(&layout.links())?;
            if let Some(vectors) = &self.vectors {
                crate::fsutil::write_atomic(&layout.stories(), &vectors.to_bytes()).map_err(
                    |err| LibraryError::Write {
                        path: layout.stories(),
                        reason: err.to_string(),
                    },
                )?;
            }
            self.catalog.save(&layout.catalog())?;
        }
        timings.save = clock.elapsed();
        Ok(timings)
    }

    /// The article vectors, read from disk on first use by a writer.
    fn vectors_mut(&mut self) -> Result<&mut VectorIndex> {
        if self.vectors.is_none() {
            let loaded = match &self.layout {
                Some(layout) => match std::fs::read(layout.stories()) {
                    Ok(bytes) => {
                        VectorIndex::from_bytes(&bytes).map_err(|reason| LibraryError::Corrupt {
                            path: layout.stories(),
                            reason,
                        })?
                    }
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                        VectorIndex::default()
                    }
                    Err(err) => {
                        return Err(LibraryError::Corrupt {
                            path: layout.stories(),
                            reason: err.to_string(),
                        });
                    }
                },
                None => VectorIndex::default(),
            };
            self.vectors = Some(loaded);
        }
        Ok(self.vectors.as_mut().expect("loaded just above"))
    }

    /// Brings the article vectors and every article's nearest-neighbour list up to date with
    /// the batch's changed articles, and returns the article pairs to judge: each new or
    /// changed article with its neighbours, and any pair that became neighbours because an
    /// article left. Lists are exact top-k over the library's vectors, so they do not depend
    /// on the order articles arrived in.
    fn update_stories(&mut self, pending: &PendingLinks) -> Result<Vec<ArticlePair>> {
        let mut lists = std::mem::take(&mut self.links_mut()?.neighbours);
        let vectors = self.vectors_mut()?;
        let mut changed: Vec<&String> = pending.changed.iter().collect();
        changed.sort();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for id in &changed {
            vectors.remove(id);
            touched.extend(lists.forget(id));
        }
        let mut new: Vec<&(String, ArticleVector)> = pending.vectors.iter().collect();
        new.sort_by(|a, b| a.0.cmp(&b.0));
        for (id, vector) in &new {
            vectors.insert(id, vector.clone());
        }
        let mut pairs: BTreeMap<(String, String), f32> = BTreeMap::new();
        let mut add_pair = |a: &str, b: &str, cosine: f32| {
            let key = if a < b {
                (a.to_string(), b.to_string())
            } else {
                (b.to_string(), a.to_string())
            };
            pairs.insert(key, cosine);
        };
        // Articles that lost a neighbour to a removal get their list again from the index; a
        // pair that becomes neighbours that way is judged like a new one.
        for id in &touched {
            if let Some(vector) = vectors.get(id) {
                let before: Vec<String> = lists.of(id).iter().map(|(n, _)| n.clone()).collect();
                let found = vectors.nearest(vector, id, NEIGHBOURS);
                for (n, cosine) in &found {
                    if !before.contains(n) {
                        add_pair(id, n, *cosine);
                    }
                }
                lists.set(id, found);
            }
        }
        for (id, vector) in &new {
            // Every article alike enough is offered the new one, and the new one every such
            // article: both lists end up exact.
            for (other, cosine) in vectors.nearest(vector, id, usize::MAX) {
                lists.offer(id, &other, cosine);
                lists.offer(&other, id, cosine);
            }
        }
        for (id, _) in &new {
            for (other, cosine) in lists.of(id) {
                add_pair(id, other, *cosine);
            }
        }
        // Articles that took a new article as a neighbour (when it is not one of theirs).
        let new_ids: HashSet<&str> = new.iter().map(|(id, _)| id.as_str()).collect();
        let mut reverse = Vec::new();
        for id in vectors.ids() {
            if new_ids.contains(id) {
                continue;
            }
            for (other, cosine) in lists.of(id) {
                if new_ids.contains(other.as_str()) {
                    reverse.push((id.to_string(), other.clone(), *cosine));
                }
            }
        }
        for (a, b, cosine) in reverse {
            add_pair(&a, &b, cosine);
        }
        self.links_mut()?.neighbours = lists;
        Ok(pairs
            .into_iter()
            .map(|((a, b), cosine)| ArticlePair { a, b, cosine })
            .collect())
    }

    /// Judges every mention pair of the given article pairs (see [`Linker::link_in_parallel`])
    /// and stores the kept candidates in pair order.
    fn link_pairs(&mut self, mentions: &[Mention], pairs: &[ArticlePair]) -> Result<()> {
        if pairs.is_empty() {
            return Ok(());
        }
        let searcher = self.reader.searcher();
        // Taken out while the links are stored, which needs `self` mutably.
        let earlier = std::mem::take(&mut self.earlier_in_add);
        let mut known: HashMap<&str, Vec<&Mention>> = HashMap::new();
        for m in mentions.iter().chain(earlier.values()) {
            known.entry(m.key.article.as_str()).or_default().push(m);
        }
        for list in known.values_mut() {
            list.sort_by(|x, y| x.key.cmp(&y.key));
        }
        let neighbours = std::mem::take(&mut self.links_mut()?.neighbours);
        let linker = Linker {
            searcher: &searcher,
            fields: self.fields,
            known: &known,
            neighbours: &neighbours,
        };
        let judged = linker.link_in_parallel(pairs);
        drop(known);
        let stored = self.links_mut().and_then(|store| {
            store.neighbours = neighbours;
            for (mention, candidate, judgement) in judged? {
                store.insert(&mention, &candidate, judgement);
            }
            Ok(())
        });
        self.earlier_in_add = earlier;
        stored
    }
}
