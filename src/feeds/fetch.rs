//! `crossread fetch`: every subscribed feed, fetched concurrently and added to the library.
//!
//! A few worker threads (std, bounded by [`FetchOptions::concurrency`]) take feeds from a
//! shared queue, make a conditional request, check that the body is a feed, optionally add
//! full text, and save it atomically to `<library>/feeds/<hash>.xml`. The calling thread adds
//! saved feeds to the open library it was given, in batches as they arrive, so indexing
//! overlaps the downloads, and reports progress after each feed. One failing feed never stops
//! the others; the report lists each feed's outcome. Validators (ETag, Last-Modified) are
//! stored only once a body is safely in the library, so a crash never leaves a feed "not
//! modified" but missing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::library::{AddEntry, AddReport, AddStatus, Layout, Library};
use serde::Serialize;

use super::FeedError;
use super::fulltext;
use super::http::{Client, FailureKind, FetchFailure, HttpConfig, Response, Validators};
use super::store::{FeedStore, Subscription};

/// Settings of a fetch run.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Feeds fetched at the same time.
    pub concurrency: usize,
    /// Per response (and per linked page), from DNS lookup to the last byte.
    pub timeout: Duration,
    /// Largest response accepted, counted after decompression.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Only feeds with one of these tags (all feeds when empty).
    pub tags: Vec<String>,
    /// Honour HTTP(S)_PROXY / NO_PROXY.
    pub env_proxy: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 4,
            timeout: Duration::from_secs(20),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            tags: Vec::new(),
            env_proxy: true,
        }
    }
}

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum FeedStatus {
    /// A new body was fetched and added (its entries may still all be unchanged).
    Fetched,
    /// The server answered 304 Not Modified.
    NotModified,
    Failed {
        kind: FailureKind,
        reason: String,
    },
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct FeedOutcome {
    pub url: String,
    pub title: Option<String>,
    #[serde(flatten)]
    pub status: FeedStatus,
    pub added: usize,
    pub updated: usize,
    pub warnings: Vec<String>,
}

/// Everything a fetch run did, feeds in subscription order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FetchReport {
    pub feeds: Vec<FeedOutcome>,
}

impl FetchReport {
    pub fn added(&self) -> usize {
        self.feeds.iter().map(|f| f.added).sum()
    }
    pub fn updated(&self) -> usize {
        self.feeds.iter().map(|f| f.updated).sum()
    }
    pub fn failures(&self) -> impl Iterator<Item = &FeedOutcome> {
        self.feeds
            .iter()
            .filter(|f| matches!(f.status, FeedStatus::Failed { .. }))
    }
    pub fn has_failures(&self) -> bool {
        self.failures().next().is_some()
    }
    pub fn outcome(&self, url: &str) -> Option<&FeedOutcome> {
        self.feeds.iter().find(|f| f.url == url)
    }
}

/// Progress of a running fetch, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub struct FetchProgress<'a> {
    pub done: usize,
    pub total: usize,
    pub articles_added: usize,
    /// The feed just finished (None for the first call, before any request).
    pub url: Option<&'a str>,
}

/// What a worker hands back for one feed.
struct Fetched {
    index: usize,
    result: Result<Saved, FetchFailure>,
}

struct Saved {
    /// The body on disk to add (also for 304, so a body saved by an interrupted run is added).
    path: Option<PathBuf>,
    not_modified: bool,
    etag: Option<String>,
    last_modified: Option<String>,
    title: Option<String>,
    warnings: Vec<String>,
}

/// What a feed's fetch changes in its subscription.
#[derive(Debug, Clone, Default)]
struct StateUpdate {
    attempted: bool,
    error: Option<String>,
    /// New validators, set when a new body is safely in the library.
    validators: Option<(Option<String>, Option<String>)>,
    title: Option<String>,
}

/// Fetches every subscribed feed (or those with one of `options.tags`) of the open
/// `library` into it. Errors only when the library or subscription list cannot be used (a
/// temporary library has neither).
pub fn fetch(
    library: &mut Library,
    options: &FetchOptions,
    progress: &mut dyn FnMut(FetchProgress<'_>),
) -> Result<FetchReport, FeedError> {
    let layout = library
        .layout()
        .cloned()
        .ok_or(FeedError::TemporaryLibrary)?;
    let store = FeedStore::load(layout.root())?;
    let subs: Vec<Subscription> = store
        .feeds
        .into_iter()
        .filter(|s| options.tags.is_empty() || s.tags.iter().any(|t| options.tags.contains(t)))
        .collect();
    let mut report = FetchReport {
        feeds: subs
            .iter()
            .map(|s| FeedOutcome {
                url: s.url.clone(),
                title: s.title.clone(),
                status: FeedStatus::NotModified,
                added: 0,
                updated: 0,
                warnings: Vec::new(),
            })
            .collect(),
    };
    let total = subs.len();
    progress(FetchProgress {
        done: 0,
        total,
        articles_added: 0,
        url: None,
    });
    if subs.is_empty() {
        return Ok(report);
    }
    let feeds_dir = layout.feed_bodies();
    std::fs::create_dir_all(&feeds_dir).map_err(|err| FeedError::Write {
        path: feeds_dir.clone(),
        reason: crate::ingest::describe_io_error(&err),
    })?;
    let client = Client::new(&HttpConfig {
        timeout: options.timeout,
        max_bytes: options.max_bytes,
        max_redirects: options.max_redirects,
        env_proxy: options.env_proxy,
    });
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<Fetched>();
    let mut results: Vec<StateUpdate> = vec![StateUpdate::default(); total];
    let outcome: Result<(), FeedError> = std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, total) {
            let sender = sender.clone();
            let (subs, next, stop, client, layout) = (&subs, &next, &stop, &client, &layout);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(sub) = subs.get(index) else { break };
                    let result = fetch_one(client, layout, sub);
                    if sender.send(Fetched { index, result }).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut done = 0;
        while let Ok(first) = receiver.recv() {
            let mut batch = vec![first];
            batch.extend(receiver.try_iter());
            let indices: Vec<usize> = batch.iter().map(|f| f.index).collect();
            if let Err(err) = add_batch(library, batch, &mut report, &mut results) {
                stop.store(true, Ordering::Relaxed);
                return Err(err);
            }
            for index in indices {
                done += 1;
                progress(FetchProgress {
                    done,
                    total,
                    articles_added: report.added(),
                    url: Some(&subs[index].url),
                });
            }
        }
        Ok(())
    });
    outcome?;
    save_state(&layout, &subs, &results)?;
    Ok(report)
}

/// Fetches one feed and saves its body; runs on a worker thread.
fn fetch_one(client: &Client, layout: &Layout, sub: &Subscription) -> Result<Saved, FetchFailure> {
    let path = layout.feed_body(&sub.url);
    let have_body = path.is_file();
    // Without the saved body a 304 would leave nothing to add: ask unconditionally then.
    let validators = if have_body {
        Validators {
            etag: sub.state.etag.as_deref(),
            last_modified: sub.state.last_modified.as_deref(),
        }
    } else {
        Validators::default()
    };
    let (bytes, etag, last_modified) = match client.get(&sub.url, validators)? {
        Response::NotModified => {
            return Ok(Saved {
                path: have_body.then_some(path),
                not_modified: true,
                etag: None,
                last_modified: None,
                title: None,
                warnings: Vec::new(),
            });
        }
        Response::Body {
            bytes,
            etag,
            last_modified,
        } => (bytes, etag, last_modified),
    };
    let feed = feed_rs::parser::parse(bytes.as_slice()).map_err(|err| {
        FetchFailure::new(
            FailureKind::Parse,
            crate::text::sanitize(&format!("not a feed: {err}")),
        )
    })?;
    let title = feed
        .title
        .as_ref()
        .and_then(|t| super::store::clean_label(&t.content));
    let mut warnings = Vec::new();
    let mut body = bytes;
    if sub.full_text {
        let cache = layout.feed_pages(&sub.url);
        let enriched = fulltext::enrich(client, &body, &cache);
        warnings.extend(enriched.warnings);
        if let Some(json) = enriched.body {
            body = json;
        }
    }
    crate::fsutil::write_atomic(&path, &body).map_err(|err| {
        FetchFailure::new(
            FailureKind::Local,
            format!(
                "cannot save {}: {}",
                path.display(),
                crate::ingest::describe_io_error(&err)
            ),
        )
    })?;
    Ok(Saved {
        path: Some(path),
        not_modified: false,
        etag,
        last_modified,
        title,
        warnings,
    })
}

/// Adds the saved bodies of a batch of finished feeds to the library and records outcomes.
fn add_batch(
    library: &mut Library,
    batch: Vec<Fetched>,
    report: &mut FetchReport,
    results: &mut [StateUpdate],
) -> Result<(), FeedError> {
    let paths: Vec<PathBuf> = batch
        .iter()
        .filter_map(|f| f.result.as_ref().ok().and_then(|s| s.path.clone()))
        .collect();
    let added = if paths.is_empty() {
        AddReport::default()
    } else {
        library.add(&paths, &mut |_| {})?
    };
    let mut by_path: HashMap<&str, Vec<&AddEntry>> = HashMap::new();
    for entry in &added.entries {
        by_path.entry(entry.path.as_str()).or_default().push(entry);
    }
    for fetched in batch {
        let outcome = &mut report.feeds[fetched.index];
        let update = &mut results[fetched.index];
        update.attempted = true;
        let saved = match fetched.result {
            Ok(saved) => saved,
            Err(failure) => {
                update.error = Some(failure.to_string());
                outcome.status = FeedStatus::Failed {
                    kind: failure.kind,
                    reason: failure.reason,
                };
                continue;
            }
        };
        outcome.status = if saved.not_modified {
            FeedStatus::NotModified
        } else {
            FeedStatus::Fetched
        };
        outcome.warnings = saved.warnings;
        if outcome.title.is_none() {
            outcome.title.clone_from(&saved.title);
        }
        update.title = saved.title;
        let mut failed = None;
        if let Some(path) = &saved.path {
            let shown = path.to_string_lossy();
            let prefix = format!("{shown}: ");
            outcome.warnings.extend(
                added
                    .warnings
                    .iter()
                    .filter_map(|w| w.strip_prefix(&prefix).map(str::to_string)),
            );
            for entry in by_path.get(shown.as_ref()).into_iter().flatten() {
                match entry.status {
                    AddStatus::Added => outcome.added += 1,
                    AddStatus::Updated => outcome.updated += 1,
                    AddStatus::Unchanged => {}
                    AddStatus::Skipped => outcome
                        .warnings
                        .push(entry.reason.clone().unwrap_or_default()),
                    AddStatus::Failed => failed = entry.reason.clone(),
                }
            }
        }
        if let Some(reason) = failed {
            update.error = Some(format!("parse: {reason}"));
            outcome.status = FeedStatus::Failed {
                kind: FailureKind::Parse,
                reason,
            };
        } else if !saved.not_modified {
            update.validators = Some((saved.etag, saved.last_modified));
        }
    }
    Ok(())
}

/// Merges the run's results into a freshly loaded subscription list and saves it.
fn save_state(
    layout: &Layout,
    subs: &[Subscription],
    results: &[StateUpdate],
) -> Result<(), FeedError> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let mut store = FeedStore::load(layout.root())?;
    for (sub, update) in subs.iter().zip(results) {
        if !update.attempted {
            continue;
        }
        let Some(current) = store.feeds.iter_mut().find(|f| f.url == sub.url) else {
            continue; // removed while fetching
        };
        current.state.last_checked = Some(now);
        current.state.last_error.clone_from(&update.error);
        if let Some((etag, last_modified)) = &update.validators {
            current.state.etag.clone_from(etag);
            current.state.last_modified.clone_from(last_modified);
        }
        if current.title.is_none() {
            current.title.clone_from(&update.title);
        }
    }
    store.save(layout.root())
}
