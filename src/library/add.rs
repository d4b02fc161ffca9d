//! The add pipeline: files and folders in, articles indexed, claims linked, stores saved.
//!
//! Each input is read only when its fingerprint changed. Reading and analysis run on every
//! core (rayon): a window of [`READ_WINDOW_FILES`] files is read and parsed in parallel, then
//! the window's new and changed articles are analysed in parallel ([`ANALYSIS_CHUNK`] at a
//! time: sentences, entities, claim mentions and the serialised index documents). The calling
//! thread takes the results in input order, decides each article's status, hands the
//! documents to tantivy's indexing thread (which indexes while the next chunk is analysed) and
//! updates the catalog, so ids, statuses, commits and links never depend on the number of
//! threads, and memory holds a window, not the whole add.
//!
//! A long add commits every [`BATCH_ARTICLES`] articles ([`super::commit`]: the index, then the
//! batch's links, then the catalog). Removing articles goes through the same commit.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term, doc};

use super::Library;
use super::catalog::{ArticleSummary, InputRecord};
use super::commit::LinkSink;
use super::index::{Fields, KIND_ARTICLE, KIND_SENTENCE};
use super::links::{Mention, mentions_of};
use crate::analysis::analyze;
use crate::article::Article;
use crate::claims::ArticleVector;
use crate::error::{LibraryError, Result};
use crate::ingest::{self, Discovered, FileOutcome, InputKind};

/// A long add commits and links after this many new or changed articles.
pub(super) const BATCH_ARTICLES: usize = 5000;
/// Files read and parsed at once, in parallel.
const READ_WINDOW_FILES: usize = 64;
/// Articles analysed at once, in parallel, before they are handed to the index.
const ANALYSIS_CHUNK: usize = 256;

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

impl AddEntry {
    fn input(path: String, status: AddStatus, reason: String) -> AddEntry {
        AddEntry {
            path,
            status,
            id: None,
            title: None,
            reason: Some(reason),
        }
    }
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
        self.read += other.read;
        self.analysis += other.analysis;
        self.commit += other.commit;
        self.link += other.link;
        self.save += other.save;
    }
}

/// Wall time of the phases of one add.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AddTimings {
    /// Reading, extracting and analysing inputs, and handing documents to the index writer.
    pub ingest: Duration,
    /// Of `ingest`: reading and parsing files (on every core).
    pub read: Duration,
    /// Of `ingest`: sentences, entities, claim mentions and documents (on every core).
    pub analysis: Duration,
    /// Tantivy commit and merges.
    pub commit: Duration,
    /// Linking the new claim mentions against the library.
    pub link: Duration,
    /// Appending to the link and catalog journals (and rewriting them when due).
    pub save: Duration,
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

/// A file of the current window as read on a worker thread.
pub(super) enum ReadInput {
    /// Not read: the path is missing, or a link the walk did not follow.
    Unread {
        path: PathBuf,
        status: AddStatus,
        reason: String,
    },
    File {
        origin: String,
        outcome: FileOutcome,
    },
}

/// What remains to do for one file of the window once its new and changed articles are
/// written: drop the articles it no longer has, and record its fingerprint.
struct FilePlan {
    origin: String,
    fingerprint: u64,
    kind: InputKind,
    ids: Vec<String>,
    previous: Vec<String>,
}

/// An article to analyse, with its file's position in the window.
struct Queued {
    file: usize,
    status: AddStatus,
    article: Article,
}

/// An analysed article, ready for the index.
struct Prepared {
    file: usize,
    status: AddStatus,
    summary: ArticleSummary,
    documents: Vec<TantivyDocument>,
    mentions: Vec<Mention>,
    vector: ArticleVector,
}

/// State of one add across windows.
struct AddRun<'p> {
    report: AddReport,
    timings: AddTimings,
    /// Inputs read by this add, by canonical path: a path given twice, or two paths to one
    /// file, is read once.
    origins: HashSet<String>,
    progress: &'p mut dyn FnMut(AddProgress<'_>),
    done: usize,
    total: usize,
}

impl Library {
    /// Adds files and folders. Unchanged inputs are skipped, changed ones replace their old
    /// articles; bad inputs are reported and never stop the rest.
    pub fn add(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(AddProgress<'_>),
    ) -> Result<AddReport> {
        let discovered = ingest::discover(paths);
        let mut windows = discovered.chunks(READ_WINDOW_FILES);
        self.write_inputs(discovered.len(), progress, &mut |library, timings| {
            let window = windows.next()?;
            let clock = Instant::now();
            let read = library.read_window(window);
            timings.read += clock.elapsed();
            Some(read)
        })
    }

    /// Adds inputs that were read already, as [`ingest::read_file_if_changed`] gives them (a
    /// fetch reads each feed on its download thread while other feeds download). Unchanged
    /// outcomes report the articles the library has from that input.
    pub fn add_read(
        &mut self,
        outcomes: Vec<FileOutcome>,
        progress: &mut dyn FnMut(AddProgress<'_>),
    ) -> Result<AddReport> {
        let total = outcomes.len();
        let mut inputs = outcomes.into_iter().map(|outcome| ReadInput::File {
            origin: ingest::canonical_origin(outcome.path()),
            outcome,
        });
        self.write_inputs(total, progress, &mut |_, _| {
            let window: Vec<ReadInput> = inputs.by_ref().take(READ_WINDOW_FILES).collect();
            (!window.is_empty()).then_some(window)
        })
    }

    /// The part of an add after the inputs are found: under the write lock, takes windows of
    /// read inputs from `next_window` until it has none, then commits.
    fn write_inputs(
        &mut self,
        total: usize,
        progress: &mut dyn FnMut(AddProgress<'_>),
        next_window: &mut dyn FnMut(&Library, &mut AddTimings) -> Option<Vec<ReadInput>>,
    ) -> Result<AddReport> {
        let _lock = self.lock_for_write()?;
        let started = Instant::now();
        let mut writer = self.writer()?;
        let mut links = self.link_sink()?;
        let mut run = AddRun {
            report: AddReport::default(),
            timings: AddTimings::default(),
            origins: HashSet::new(),
            progress,
            done: 0,
            total,
        };
        while let Some(window) = next_window(self, &mut run.timings) {
            self.add_window(&mut writer, &mut links, window, &mut run)?;
        }
        let last = self.commit(writer, &mut links)?;
        run.timings += last;
        self.finish_write(links, &mut run.timings)?;
        let timings = &mut run.timings;
        timings.ingest = started.elapsed() - timings.commit - timings.link - timings.save;
        run.report.timings = run.timings;
        Ok(run.report)
    }

    /// Reads a window of found files in parallel (unchanged ones are only fingerprinted).
    fn read_window(&self, window: &[Discovered]) -> Vec<ReadInput> {
        let catalog = &self.catalog;
        window
            .par_iter()
            .map(|item| match item {
                Discovered::Missing { path, reason } => ReadInput::Unread {
                    path: path.clone(),
                    status: AddStatus::Failed,
                    reason: reason.clone(),
                },
                Discovered::Skipped { path, reason } => ReadInput::Unread {
                    path: path.clone(),
                    status: AddStatus::Skipped,
                    reason: reason.clone(),
                },
                Discovered::File(path) => {
                    let origin = ingest::canonical_origin(path);
                    let known = catalog.inputs().get(&origin).map(|r| r.fingerprint);
                    let outcome = ingest::read_file_if_changed(path, known);
                    ReadInput::File { origin, outcome }
                }
            })
            .collect()
    }

    /// The fingerprint the library has for the input file at `path`, if it read it: what
    /// [`ingest::read_file_if_changed`] compares with to skip an unchanged file.
    pub fn input_fingerprint(&self, path: &Path) -> Option<u64> {
        let origin = ingest::canonical_origin(path);
        self.catalog.inputs().get(&origin).map(|r| r.fingerprint)
    }

    /// Analyses the new and changed articles of a window of read files in parallel, and
    /// writes them in input order.
    fn add_window(
        &mut self,
        writer: &mut IndexWriter,
        links: &mut LinkSink,
        read: Vec<ReadInput>,
        run: &mut AddRun<'_>,
    ) -> Result<()> {
        let mut plans: Vec<(PathBuf, Option<FilePlan>)> = Vec::with_capacity(read.len());
        let mut queue: Vec<Queued> = Vec::new();
        for (slot, input) in read.into_iter().enumerate() {
            let path = match &input {
                ReadInput::Unread { path, .. } => path.clone(),
                ReadInput::File { outcome, .. } => outcome.path().to_path_buf(),
            };
            plans.push((path, self.plan_file(slot, input, &mut queue, run)));
        }
        let fields = self.fields;
        let mut finished = 0;
        let mut queue = queue.into_iter();
        loop {
            let chunk: Vec<Queued> = queue.by_ref().take(ANALYSIS_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let clock = Instant::now();
            let prepared: Vec<Result<Prepared>> = chunk
                .into_par_iter()
                .map(|queued| prepare(fields, queued))
                .collect();
            run.timings.analysis += clock.elapsed();
            for prepared in prepared {
                let prepared = prepared?;
                while finished < prepared.file {
                    let (path, plan) = &mut plans[finished];
                    self.finish_file(writer, links, path, plan.take(), run)?;
                    finished += 1;
                }
                self.write_article(writer, prepared)?;
            }
            if self.pending.changed.len() >= BATCH_ARTICLES {
                run.timings += self.commit_batch(writer, links)?;
            }
        }
        while finished < plans.len() {
            let (path, plan) = &mut plans[finished];
            self.finish_file(writer, links, path, plan.take(), run)?;
            finished += 1;
        }
        Ok(())
    }

    /// Reports a read file's outcome, queues its new and changed articles for analysis, and
    /// returns what to do once they are written (None when the file adds nothing).
    fn plan_file(
        &self,
        slot: usize,
        input: ReadInput,
        queue: &mut Vec<Queued>,
        run: &mut AddRun<'_>,
    ) -> Option<FilePlan> {
        let report = &mut run.report;
        let (origin, outcome) = match input {
            ReadInput::Unread {
                path,
                status,
                reason,
            } => {
                let shown = path.to_string_lossy().into_owned();
                report.entries.push(AddEntry::input(shown, status, reason));
                return None;
            }
            ReadInput::File { origin, outcome } => (origin, outcome),
        };
        let file = match outcome {
            FileOutcome::Unchanged { path } => {
                let shown = path.to_string_lossy();
                let ids = self
                    .catalog
                    .inputs()
                    .get(&origin)
                    .map(|r| r.article_ids.as_slice())
                    .unwrap_or_default();
                for id in ids {
                    let title = self.catalog.articles().get(id).map(|a| a.title.clone());
                    report.entries.push(AddEntry {
                        path: shown.to_string(),
                        status: AddStatus::Unchanged,
                        id: Some(id.clone()),
                        title,
                        reason: None,
                    });
                }
                run.origins.insert(origin);
                return None;
            }
            FileOutcome::Skipped { path, reason } => {
                let shown = path.to_string_lossy().into_owned();
                report
                    .entries
                    .push(AddEntry::input(shown, AddStatus::Skipped, reason));
                return None;
            }
            FileOutcome::Failed { path, reason } => {
                let shown = path.to_string_lossy().into_owned();
                report
                    .entries
                    .push(AddEntry::input(shown, AddStatus::Failed, reason));
                return None;
            }
            FileOutcome::Read(file) => file,
        };
        let shown = file.path.to_string_lossy().into_owned();
        if run.origins.contains(&origin) {
            report.entries.push(AddEntry {
                path: shown,
                status: AddStatus::Unchanged,
                id: None,
                title: None,
                reason: Some("the same file as an input read earlier in this add".to_string()),
            });
            return None;
        }
        report
            .warnings
            .extend(file.warnings.iter().map(|w| format!("{shown}: {w}")));
        let previous: Vec<String> = self
            .catalog
            .inputs()
            .get(&origin)
            .map(|r| r.article_ids.clone())
            .unwrap_or_default();
        let mut ids = Vec::with_capacity(file.articles.len());
        // Content of the articles this file already gave (a feed may repeat an entry).
        let mut earlier: HashMap<String, u64> = HashMap::new();
        for article in file.articles {
            let hash = article.content_hash();
            let known = earlier.get(&article.id).copied().or_else(|| {
                self.catalog
                    .articles()
                    .get(&article.id)
                    .map(|a| a.content_hash)
            });
            let status = match known {
                Some(old) if old == hash => AddStatus::Unchanged,
                Some(_) => AddStatus::Updated,
                None => AddStatus::Added,
            };
            earlier.insert(article.id.clone(), hash);
            report.entries.push(AddEntry {
                path: shown.clone(),
                status,
                id: Some(article.id.clone()),
                title: Some(article.title.clone()),
                reason: None,
            });
            ids.push(article.id.clone());
            if status != AddStatus::Unchanged {
                queue.push(Queued {
                    file: slot,
                    status,
                    article,
                });
            }
        }
        run.origins.insert(origin.clone());
        Some(FilePlan {
            origin,
            fingerprint: file.fingerprint,
            kind: file.kind,
            ids,
            previous,
        })
    }

    /// Once a file's articles are written: drops the articles it no longer has (a feed keeps
    /// the entries it rolled off), records its fingerprint, and commits when a batch is full.
    fn finish_file(
        &mut self,
        writer: &mut IndexWriter,
        links: &mut LinkSink,
        path: &Path,
        plan: Option<FilePlan>,
        run: &mut AddRun<'_>,
    ) -> Result<()> {
        run.done += 1;
        (run.progress)(AddProgress {
            done: run.done,
            total: run.total,
            current: path,
        });
        let Some(FilePlan {
            origin,
            fingerprint,
            kind,
            mut ids,
            previous,
        }) = plan
        else {
            return Ok(());
        };
        if kind == InputKind::Feed {
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
        self.catalog.put_input(
            origin,
            InputRecord {
                fingerprint,
                article_ids: ids,
            },
        );
        if self.pending.changed.len() >= BATCH_ARTICLES {
            run.timings += self.commit_batch(writer, links)?;
        }
        Ok(())
    }

    fn write_article(&mut self, writer: &mut IndexWriter, prepared: Prepared) -> Result<()> {
        let id = prepared.summary.id.clone();
        writer.delete_term(Term::from_field_text(self.fields.article_id, &id));
        for document in prepared.documents {
            writer.add_document(document)?;
        }
        if prepared.status == AddStatus::Updated {
            self.pending.replaced += 1;
        }
        self.pending.vectors.push((id.clone(), prepared.vector));
        self.pending.changed.insert(id);
        self.pending.mentions.extend(prepared.mentions);
        self.catalog.put_article(prepared.summary);
        Ok(())
    }
}

/// Analyses one article into its index documents (an article document, and one sentence
/// document per claim mention) and its claim mentions. Runs on the worker threads.
fn prepare(f: Fields, queued: Queued) -> Result<Prepared> {
    let Queued {
        file,
        status,
        article,
    } = queued;
    let summary = ArticleSummary::of(&article);
    let stored = analyze(article);
    let mentions = mentions_of(&stored);
    let vector = ArticleVector::new(&stored.article.body(), &stored.entities);
    let id = stored.article.id.as_str();
    let mut documents = Vec::with_capacity(mentions.len() + 1);
    for mention in &mentions {
        documents.push(doc!(
            f.kind => KIND_SENTENCE,
            f.article_id => id,
            f.sentence_record => to_json(mention, id)?,
        ));
    }
    documents.push(doc!(
        f.kind => KIND_ARTICLE,
        f.article_id => id,
        f.title => stored.article.title.as_str(),
        f.source => stored.article.source.as_deref().unwrap_or(""),
        f.body => stored.article.body(),
        f.record => to_json(&stored, id)?,
    ));
    Ok(Prepared {
        file,
        status,
        summary,
        documents,
        mentions,
        vector,
    })
}

fn to_json<T: Serialize>(value: &T, article: &str) -> Result<String> {
    serde_json::to_string(value).map_err(|err| LibraryError::Write {
        path: PathBuf::from(article),
        reason: err.to_string(),
    })
}
