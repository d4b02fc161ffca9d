//! `crossread fetch`: every subscribed feed, fetched concurrently and added to the library.
//!
//! A few worker threads (std, bounded by [`FetchOptions::concurrency`], and by
//! [`FetchOptions::per_host`] for feeds of one host) take feeds from a shared
//! [`Schedule`](super::schedule::Schedule), make a conditional request and stream the body to
//! a temporary file beside `<library>/feeds/<hash>.xml`. The worker then reads it as the
//! library would (parsing and converting entries on every core), checks that it is a feed,
//! optionally adds full text, and renames it over the saved body. The calling thread adds the
//! parsed feeds to the open library it was given, in batches as they arrive, so analysis and
//! indexing overlap the downloads and parses of other feeds, and reports progress after each
//! feed. A server that answers 429 or 503 with `Retry-After` gets its feed retried when it
//! asked (if that is within [`FetchOptions::max_retry_wait`], other feeds going on meanwhile),
//! or the failure names the time, and later runs leave the feed alone until then. One failing
//! feed never stops the others; the report lists each feed's outcome. Validators (ETag,
//! Last-Modified) are stored only once a body is safely in the library, so a crash never
//! leaves a feed "not modified" but missing.

use std::collections::HashMap;
use std::io::Read as _;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::ingest::{self, FileOutcome, InputKind};
use crate::library::{AddEntry, AddReport, AddStatus, Layout, Library};
use serde::Serialize;

use super::FeedError;
use super::fulltext;
use super::http::{Client, FailureKind, FetchFailure, HttpConfig, Response, Validators};
use super::schedule::Schedule;
use super::store::{FeedStore, Subscription};

/// Requests made for one feed in a run (the first and two retries a server asked for).
const MAX_ATTEMPTS: u32 = 3;

/// Settings of a fetch run.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Feeds fetched at the same time.
    pub concurrency: usize,
    /// Feeds fetched at the same time from one host.
    pub per_host: usize,
    /// Per response (and per linked page), from DNS lookup to the last byte.
    pub timeout: Duration,
    /// Largest response accepted, counted after decompression: a guard against endless or
    /// runaway responses, well above the largest real feeds (10,000 full-text items are
    /// about 36 MB).
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Only feeds with one of these tags (all feeds when empty).
    pub tags: Vec<String>,
    /// Honour HTTP(S)_PROXY / NO_PROXY.
    pub env_proxy: bool,
    /// Longest wait for a server that answered 429 or 503 with `Retry-After`: within it, the
    /// feed is tried again in this run; beyond it, the failure says until when to wait.
    pub max_retry_wait: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 4,
            per_host: 2,
            timeout: Duration::from_secs(20),
            max_bytes: 100 * 1024 * 1024,
            max_redirects: 5,
            tags: Vec::new(),
            env_proxy: true,
            max_retry_wait: Duration::from_secs(30),
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
    /// Where the time went, for benchmarks (not part of the JSON report).
    #[serde(skip)]
    pub timings: FetchTimings,
}

/// Time spent by the phases of a fetch run. Downloads and parses run on the fetching threads
/// (summed over feeds), adding on the calling thread while they go on.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FetchTimings {
    /// Requests and bodies, to the last byte.
    pub download: Duration,
    /// Reading the saved bodies as feeds: parsing and converting entries (full text included).
    pub parse: Duration,
    /// Adding the parsed feeds to the library, by phase.
    pub add: crate::library::AddTimings,
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
    /// The saved body as read for the library (also for 304, so a body saved by an
    /// interrupted run is added).
    input: Option<FileOutcome>,
    not_modified: bool,
    etag: Option<String>,
    last_modified: Option<String>,
    title: Option<String>,
    warnings: Vec<String>,
    download: Duration,
    parse: Duration,
}

/// What a feed's fetch changes in its subscription.
#[derive(Debug, Clone, Default)]
struct StateUpdate {
    attempted: bool,
    error: Option<String>,
    /// New validators, set when a new body is safely in the library.
    validators: Option<(Option<String>, Option<String>)>,
    title: Option<String>,
    /// Unix time before which the server asked not to be asked again.
    retry_after: Option<u64>,
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
        timings: FetchTimings::default(),
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
    // A feed whose server asked (at an earlier fetch) to wait past now is left alone.
    let now = unix_now();
    let (deferred, order): (Vec<usize>, Vec<usize>) =
        (0..total).partition(|&i| subs[i].state.retry_after.is_some_and(|at| at > now));
    let mut done = 0;
    for &index in &deferred {
        let at = UNIX_EPOCH + Duration::from_secs(subs[index].state.retry_after.unwrap_or(now));
        report.feeds[index].status = FeedStatus::Failed {
            kind: FailureKind::Http,
            reason: format!(
                "not fetched: the server asked not to be asked again before {}",
                super::http::describe_time(at)
            ),
        };
        done += 1;
        progress(FetchProgress {
            done,
            total,
            articles_added: 0,
            url: Some(&subs[index].url),
        });
    }
    let known: Vec<Option<u64>> = subs
        .iter()
        .map(|s| library.input_fingerprint(&layout.feed_body(&s.url)))
        .collect();
    let urls: Vec<String> = subs.iter().map(|s| s.url.clone()).collect();
    let schedule = Schedule::new(&urls, order, options.per_host);
    let (sender, receiver) = mpsc::channel::<Fetched>();
    let mut results: Vec<StateUpdate> = vec![StateUpdate::default(); total];
    let outcome: Result<(), FeedError> = std::thread::scope(|scope| {
        for _ in 0..options.concurrency.clamp(1, total) {
            let sender = sender.clone();
            let (subs, known, schedule, client, layout) =
                (&subs, &known, &schedule, &client, &layout);
            scope.spawn(move || {
                while let Some(index) = schedule.next() {
                    let result = fetch_one(client, layout, &subs[index], known[index], options);
                    let retry_at = result.as_ref().err().and_then(|failure| {
                        let wait = failure
                            .retry_at?
                            .duration_since(SystemTime::now())
                            .unwrap_or_default();
                        (schedule.attempts(index) < MAX_ATTEMPTS && wait <= options.max_retry_wait)
                            .then(|| Instant::now() + wait)
                    });
                    schedule.finish(index, retry_at);
                    if retry_at.is_none() && sender.send(Fetched { index, result }).is_err() {
                        schedule.stop();
                        break;
                    }
                }
            });
        }
        drop(sender);
        while let Ok(first) = receiver.recv() {
            let mut batch = vec![first];
            batch.extend(receiver.try_iter());
            let indices: Vec<usize> = batch.iter().map(|f| f.index).collect();
            if let Err(err) = add_batch(library, batch, &mut report, &mut results) {
                schedule.stop();
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

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Fetches one feed into a temporary file, reads it as the library would and saves it;
/// runs on a worker thread.
fn fetch_one(
    client: &Client,
    layout: &Layout,
    sub: &Subscription,
    known: Option<u64>,
    options: &FetchOptions,
) -> Result<Saved, FetchFailure> {
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
    let local = |what: &str, err: std::io::Error| {
        FetchFailure::new(
            FailureKind::Local,
            format!(
                "cannot {what} {}: {}",
                path.display(),
                crate::ingest::describe_io_error(&err)
            ),
        )
    };
    let started = Instant::now();
    let mut download = crate::fsutil::Temporary::beside(&path).map_err(|err| local("save", err))?;
    let response = client.get_into(&sub.url, validators, download.file())?;
    let downloaded = started.elapsed();
    let (etag, last_modified) = match response {
        Response::NotModified => {
            let started = Instant::now();
            let input = have_body.then(|| ingest::read_file_if_changed(&path, known));
            return Ok(Saved {
                input,
                not_modified: true,
                etag: None,
                last_modified: None,
                title: None,
                warnings: Vec::new(),
                download: downloaded,
                parse: started.elapsed(),
            });
        }
        Response::Body {
            etag,
            last_modified,
            ..
        } => (etag, last_modified),
    };
    let started = Instant::now();
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(download.path())
        .and_then(|file| file.take(4096).read_to_end(&mut head))
        .map_err(|err| local("read", err))?;
    match ingest::detect_kind(&path, &head) {
        InputKind::Feed => {}
        other => {
            let what = match other {
                InputKind::Html => "an HTML page",
                InputKind::Markdown => "a Markdown document",
                _ => "plain text",
            };
            return Err(FetchFailure::new(
                FailureKind::Parse,
                format!("not a feed: the server sent {what}"),
            ));
        }
    }
    let mut warnings = Vec::new();
    if sub.full_text {
        let bytes = std::fs::read(download.path()).map_err(|err| local("read", err))?;
        let cache = layout.feed_pages(&sub.url);
        let enriched = fulltext::enrich(client, &bytes, &cache);
        warnings.extend(enriched.warnings);
        if let Some(json) = enriched.body {
            download = crate::fsutil::Temporary::beside(&path).map_err(|err| local("save", err))?;
            std::io::Write::write_all(download.file(), &json).map_err(|err| local("save", err))?;
        }
    }
    let limit = options.max_bytes.max(ingest::MAX_FEED_FILE_BYTES);
    let input = ingest::read_file_as(download.path(), &path, known, limit);
    let title = match &input {
        FileOutcome::Read(file) => file
            .articles
            .first()
            .and_then(|a| a.source.as_deref())
            .and_then(super::store::clean_label),
        FileOutcome::Unchanged { .. } => None,
        FileOutcome::Skipped { reason, .. } if reason == ingest::NO_ARTICLE_TEXT => None,
        FileOutcome::Skipped { reason, .. } | FileOutcome::Failed { reason, .. } => {
            return Err(FetchFailure::new(
                FailureKind::Parse,
                crate::text::sanitize(reason),
            ));
        }
    };
    download.replace().map_err(|err| local("save", err))?;
    Ok(Saved {
        input: Some(input),
        not_modified: false,
        etag,
        last_modified,
        title,
        warnings,
        download: downloaded,
        parse: started.elapsed(),
    })
}

/// Adds the saved bodies of a batch of finished feeds to the library and records outcomes.
fn add_batch(
    library: &mut Library,
    mut batch: Vec<Fetched>,
    report: &mut FetchReport,
    results: &mut [StateUpdate],
) -> Result<(), FeedError> {
    // Where each saved body is (the add reports its entries by that path).
    let mut paths = Vec::with_capacity(batch.len());
    let mut inputs = Vec::new();
    for fetched in &mut batch {
        let input = fetched.result.as_mut().ok().and_then(|s| s.input.take());
        paths.push(
            input
                .as_ref()
                .map(|i| i.path().to_string_lossy().into_owned()),
        );
        inputs.extend(input);
    }
    let added = if inputs.is_empty() {
        AddReport::default()
    } else {
        library.add_read(inputs, &mut |_| {})?
    };
    report.timings.add += added.timings;
    let mut by_path: HashMap<&str, Vec<&AddEntry>> = HashMap::new();
    for entry in &added.entries {
        by_path.entry(entry.path.as_str()).or_default().push(entry);
    }
    for (fetched, path) in batch.into_iter().zip(paths) {
        let outcome = &mut report.feeds[fetched.index];
        let update = &mut results[fetched.index];
        update.attempted = true;
        let saved = match fetched.result {
            Ok(saved) => saved,
            Err(failure) => {
                update.error = Some(failure.to_string());
                update.retry_after = failure
                    .retry_at
                    .and_then(|at| at.duration_since(UNIX_EPOCH).ok())
                    .map(|d| d.as_secs());
                outcome.status = FeedStatus::Failed {
                    kind: failure.kind,
                    reason: failure.reason,
                };
                continue;
            }
        };
        report.timings.download += saved.download;
        report.timings.parse += saved.parse;
        let outcome = &mut report.feeds[fetched.index];
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
        if let Some(shown) = &path {
            let prefix = format!("{shown}: ");
            outcome.warnings.extend(
                added
                    .warnings
                    .iter()
                    .filter_map(|w| w.strip_prefix(&prefix).map(str::to_string)),
            );
            for entry in by_path.get(shown.as_str()).into_iter().flatten() {
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
    let now = unix_now();
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
        current.state.retry_after = update.retry_after.filter(|&at| at > now);
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
