//! The background worker: owns the library so the UI thread never waits on disk or index.
//!
//! The UI sends [`Request`]s; the worker answers with [`AppEvent`]s on the same channel that
//! carries key presses, so the event loop has one queue (the gitui and bottom pattern).
//! Between requests it reads what the reader shows of the claims' figures and sourcing
//! ([`ClaimsReading`]): the other sources of the article just opened, and every claim's
//! independent sources once the overview is sorted by them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::Duration;

use super::claims_data::{ClaimsRead, ClaimsReading, ClaimsRequest};
use crate::Library;
use crate::library::LocatedHighlight;
use crate::library::catalog::ArticleSummary;
use crate::library::index::StoredArticle;
use crate::library::links::ClaimIndex;
use crate::library::search::SearchResults;

/// Work for the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Load the article with this id.
    Open(String),
    /// Run a search; `seq` lets the UI drop answers to queries it has moved past.
    Search {
        query: String,
        seq: u64,
        limit: usize,
    },
    /// Re-read the library from disk (another process may have added articles).
    Reload,
    /// Highlight `start..end` of an article's body with an optional note.
    Mark {
        article: String,
        start: usize,
        end: usize,
        note: Option<String>,
    },
    /// Export every highlight to a new Markdown file in the current directory.
    Export,
    /// Read what a view shows of the shared claims (coverage rows, columns, every claim's
    /// independent sources).
    Claims(ClaimsRequest),
}

/// Everything that can happen to the reader.
pub enum AppEvent {
    Key(ratatui::crossterm::event::KeyEvent),
    Mouse(ratatui::crossterm::event::MouseEvent),
    Resize,
    /// Time passed (the event loop sends it when the app's deadline is reached).
    Tick(std::time::Instant),
    /// Progress message while loading or adding.
    Progress(String),
    /// The library is open.
    Loaded {
        articles: Vec<ArticleSummary>,
        highlights: Vec<LocatedHighlight>,
        claims: Arc<ClaimIndex>,
        notice: Option<String>,
    },
    Article(Box<StoredArticle>),
    /// The shared claims, computed after the list is shown.
    Claims(Arc<ClaimIndex>),
    /// What the worker read of the claims' figures and sourcing, after the claims.
    ClaimsRead(ClaimsRead),
    /// The current highlights, after loading or a change.
    Highlights {
        highlights: Vec<LocatedHighlight>,
        message: Option<String>,
    },
    SearchDone {
        seq: u64,
        results: SearchResults,
    },
    Error(String),
    /// SIGTERM, SIGHUP or SIGINT from outside.
    Terminate,
}

/// How the worker gets its library: open it, add the user's inputs, or seed the sample
/// corpus into an empty one.
pub struct Startup {
    pub library_dir: PathBuf,
    pub add: Vec<PathBuf>,
    /// Writes the bundled sample corpus and returns its folder; used when the library is empty.
    pub sample_corpus: Option<Box<dyn FnOnce() -> std::io::Result<PathBuf> + Send>>,
}

pub fn run(startup: Startup, requests: Receiver<Request>, events: Sender<AppEvent>) {
    let send = |event: AppEvent| events.send(event).is_ok();
    let mut library = match Library::open(&startup.library_dir) {
        Ok(library) => library,
        Err(err) => {
            send(AppEvent::Error(err.to_string()));
            return;
        }
    };
    let mut notice = None;
    let mut to_add = startup.add;
    if to_add.is_empty()
        && library.is_empty()
        && let Some(sample) = startup.sample_corpus
    {
        match sample() {
            Ok(dir) => {
                notice = Some("Empty library: showing the bundled sample corpus.".to_string());
                to_add.push(dir);
            }
            Err(err) => {
                send(AppEvent::Error(format!(
                    "cannot write the sample corpus: {err}"
                )));
            }
        }
    }
    if !to_add.is_empty() {
        let progress_events = events.clone();
        let result = library.add(&to_add, &mut |p| {
            let _ = progress_events.send(AppEvent::Progress(format!(
                "Adding {}/{}: {}",
                p.done + 1,
                p.total,
                crate::text::sanitize(&p.current.to_string_lossy())
            )));
        });
        match result {
            Ok(report) => {
                use crate::library::AddStatus;
                let failed = report.count(AddStatus::Failed);
                let added = report.count(AddStatus::Added) + report.count(AddStatus::Updated);
                if notice.is_none() {
                    notice = Some(format!(
                        "{added} article(s) added or updated, {failed} input(s) failed"
                    ));
                }
            }
            Err(err) => {
                send(AppEvent::Error(err.to_string()));
            }
        }
    }
    // The list first, the claims (which may take a while on a large library) right after.
    let list_first = AppEvent::Loaded {
        highlights: library.highlights().unwrap_or_default(),
        articles: library.list(),
        claims: Arc::default(),
        notice,
    };
    if !send(list_first) {
        return;
    }
    let mut worker = Worker::new(library, startup.library_dir);
    if !send(worker.claims()) {
        return;
    }
    // Requests first; between them, the claims' figures and sourcing are read in short steps.
    loop {
        let request = if worker.busy() {
            match requests.try_recv() {
                Ok(request) => Some(request),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match requests.recv() {
                Ok(request) => Some(request),
                Err(_) => return,
            }
        };
        let event = match request {
            Some(request) => Some(worker.answer(request)),
            None => worker.idle(IDLE_STEP),
        };
        if let Some(event) = event
            && !send(event)
        {
            return;
        }
    }
}

/// How long one step of background work may keep the worker from a request.
const IDLE_STEP: Duration = Duration::from_millis(15);

/// The library and the reading of its claims, as the worker thread holds them.
pub struct Worker {
    library: Library,
    dir: PathBuf,
    reading: Option<ClaimsReading>,
    /// The article last opened and its number of sentences: a new reading starts with the
    /// other sources of its claims.
    opened: Option<(String, usize)>,
}

impl Worker {
    pub fn new(library: Library, dir: impl Into<PathBuf>) -> Worker {
        Worker {
            library,
            dir: dir.into(),
            reading: None,
            opened: None,
        }
    }

    /// The library's shared claims, indexed for the side panel; reading their figures and
    /// sourcing starts.
    pub fn claims(&mut self) -> AppEvent {
        let event = claims_of(&self.library);
        // The reader keeps its own claim index; the store is read again if an export needs it.
        self.library.release_links();
        self.start_reading(&event);
        event
    }

    /// The event that hands the library, claims included, to the reader; reading the
    /// claims' figures and sourcing starts.
    pub fn loaded(&mut self, notice: Option<String>) -> AppEvent {
        let event = loaded(&self.library, notice);
        self.library.release_links();
        self.start_reading(&event);
        event
    }

    fn start_reading(&mut self, event: &AppEvent) {
        if let AppEvent::Claims(claims) | AppEvent::Loaded { claims, .. } = event {
            let mut reading = ClaimsReading::new(claims.clone());
            if let Some((article, sentences)) = &self.opened {
                reading.opened(article, *sentences);
            }
            self.reading = Some(reading);
        }
    }

    /// Does one request against the library.
    pub fn answer(&mut self, request: Request) -> AppEvent {
        if let Request::Claims(request) = request {
            return match &mut self.reading {
                Some(reading) => AppEvent::ClaimsRead(reading.answer(&self.library, request)),
                None => AppEvent::ClaimsRead(ClaimsRead::Rows(Vec::new())),
            };
        }
        let event = answer(&mut self.library, &self.dir, request);
        match &event {
            AppEvent::Article(stored) => {
                let (article, sentences) = (&stored.article.id, stored.sentences.len());
                if let Some(reading) = &mut self.reading {
                    reading.opened(article, sentences);
                }
                self.opened = Some((article.clone(), sentences));
            }
            AppEvent::Loaded { .. } => self.start_reading(&event),
            _ => {}
        }
        event
    }

    /// Whether there is background work between requests.
    pub fn busy(&self) -> bool {
        self.reading.as_ref().is_some_and(ClaimsReading::busy)
    }

    /// One step of background work (about `budget` long), or `None` when there is none.
    pub fn idle(&mut self, budget: Duration) -> Option<AppEvent> {
        let reading = self.reading.as_mut()?;
        reading
            .step(&self.library, budget)
            .map(AppEvent::ClaimsRead)
    }
}

/// Does one request against the library (the claims' readings aside).
fn answer(library: &mut Library, library_dir: &Path, request: Request) -> AppEvent {
    match request {
        Request::Open(id) => match library.article(&id) {
            Ok(Some(stored)) => AppEvent::Article(Box::new(stored)),
            Ok(None) => AppEvent::Error(format!("article {id} is no longer in the library")),
            Err(err) => AppEvent::Error(err.to_string()),
        },
        Request::Search { query, seq, limit } => match library.search(&query, limit) {
            Ok(results) => AppEvent::SearchDone { seq, results },
            Err(err) => AppEvent::Error(err.to_string()),
        },
        Request::Mark {
            article,
            start,
            end,
            note,
        } => {
            let marked = library
                .article(&article)
                .map_err(|e| e.to_string())
                .and_then(|stored| {
                    let stored = stored.ok_or_else(|| format!("article {article} is gone"))?;
                    library
                        .mark_range(
                            &article,
                            &stored.article.body(),
                            start,
                            end,
                            note,
                            Vec::new(),
                        )
                        .map_err(|e| e.to_string())
                });
            match marked.and_then(|_| library.highlights().map_err(|e| e.to_string())) {
                Ok(highlights) => AppEvent::Highlights {
                    highlights,
                    message: Some("Highlighted.".to_string()),
                },
                Err(err) => AppEvent::Error(err),
            }
        }
        Request::Export => AppEvent::Error(export_to_new_file(library)),
        // Answered by [`Worker::answer`], which holds the claims being read.
        Request::Claims(_) => AppEvent::ClaimsRead(ClaimsRead::Rows(Vec::new())),
        Request::Reload => {
            // Refresh: reopen the library to pick up what other processes added (the fetch
            // below writes on top of it), then fetch the subscribed feeds into it (on this
            // thread, so the reader keeps taking keys).
            if let Err(err) = reopen(library, library_dir) {
                return AppEvent::Error(err.to_string());
            }
            let mut message = "Library reloaded.".to_string();
            let subscribed = crate::feeds::FeedStore::load(library_dir)
                .map(|store| !store.feeds.is_empty())
                .unwrap_or(false);
            if subscribed {
                let fetched = crate::feeds::fetch(
                    library,
                    &crate::feeds::FetchOptions::default(),
                    &mut |_| {},
                );
                message = match fetched {
                    Ok(report) => format!(
                        "Fetched {} feed(s): {} new article(s), {} failed (see `crossread fetch`).",
                        report.feeds.len(),
                        report.added(),
                        report.failures().count()
                    ),
                    Err(err) => {
                        // A fetch that failed part way may leave the library in memory ahead
                        // of what was saved: read it again from disk.
                        if let Err(err) = reopen(library, library_dir) {
                            return AppEvent::Error(err.to_string());
                        }
                        format!("Fetching feeds failed: {err}")
                    }
                };
            }
            let event = loaded(library, Some(message));
            library.release_links();
            event
        }
    }
}

/// Replaces `library` by the library in `dir` as it is on disk now.
fn reopen(library: &mut Library, dir: &std::path::Path) -> crate::error::Result<()> {
    *library = Library::open(dir)?;
    Ok(())
}

/// Writes the highlights to `crossread-highlights-DATE.md` (or `-2`, `-3`... so nothing is
/// overwritten) in the current directory; returns the message for the status line.
fn export_to_new_file(library: &Library) -> String {
    let markdown = match crate::export::export_markdown(library, &Default::default()) {
        Ok(markdown) => markdown,
        Err(err) => return err.to_string(),
    };
    let date = chrono::Utc::now().format("%Y-%m-%d");
    for n in 1..1000 {
        let name = if n == 1 {
            format!("crossread-highlights-{date}.md")
        } else {
            format!("crossread-highlights-{date}-{n}.md")
        };
        let path = std::path::PathBuf::from(&name);
        match crate::fsutil::create_new_atomic(&path, markdown.as_bytes()) {
            Ok(()) => return format!("Exported highlights to {name}"),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(err) => return format!("Cannot write {name}: {err}"),
        }
    }
    "Cannot find a free file name for the export".to_string()
}

/// The event that hands a freshly opened library, claims included, to the reader.
pub fn loaded(library: &Library, notice: Option<String>) -> AppEvent {
    let claims = match claims_of(library) {
        AppEvent::Claims(claims) => claims,
        _ => Arc::default(),
    };
    AppEvent::Loaded {
        highlights: library.highlights().unwrap_or_default(),
        articles: library.list(),
        claims,
        notice,
    }
}

/// The library's shared claims, indexed for the side panel.
pub fn claims_of(library: &Library) -> AppEvent {
    match library.links() {
        Ok(links) => AppEvent::Claims(Arc::new(ClaimIndex::new(links))),
        Err(err) => AppEvent::Error(err.to_string()),
    }
}
