//! The background worker: owns the library so the UI thread never waits on disk or index.
//!
//! The UI sends [`Request`]s; the worker answers with [`AppEvent`]s on the same channel that
//! carries key presses, so the event loop has one queue (the gitui and bottom pattern).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

use crate::Library;
use crate::catalog::ArticleSummary;
use crate::claims::Stance;
use crate::index::StoredArticle;
use crate::linking::{Claim, ClaimMention, Link, MentionKey};
use crate::search::SearchResults;

/// Work for the worker.
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
}

/// Claims indexed for the reader: the side panel looks up the cursor's sentence here.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    pub claims: Vec<Claim>,
    pub by_mention: HashMap<MentionKey, usize>,
    /// Number of shared claims per article id.
    pub per_article: HashMap<String, usize>,
    /// Judged links by (smaller key, larger key): stance and conflicting figures.
    pub pairs: HashMap<(MentionKey, MentionKey), (Stance, Option<String>)>,
}

impl ClaimIndex {
    pub fn new(claims: Vec<Claim>, links: &[Link]) -> ClaimIndex {
        let mut by_mention = HashMap::new();
        let mut per_article: HashMap<String, usize> = HashMap::new();
        for (index, claim) in claims.iter().enumerate() {
            let mut articles = std::collections::HashSet::new();
            for m in &claim.mentions {
                by_mention.insert(m.mention.key.clone(), index);
                articles.insert(m.mention.key.article.clone());
            }
            for article in articles {
                *per_article.entry(article).or_default() += 1;
            }
        }
        let pairs = links
            .iter()
            .map(|l| ((l.a.clone(), l.b.clone()), (l.stance, l.detail.clone())))
            .collect();
        ClaimIndex {
            claims,
            by_mention,
            per_article,
            pairs,
        }
    }

    /// How `other` stands towards `from` within one claim: their own judged link when there
    /// is one, else through the claim's anchor (two mentions that agree with the anchor agree
    /// with each other; one that agrees and one that conflicts conflict).
    pub fn stance_between(
        &self,
        from: &ClaimMention,
        other: &ClaimMention,
    ) -> (Stance, Option<String>) {
        let (a, b) = (&from.mention.key, &other.mention.key);
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        if let Some(direct) = self.pairs.get(&key) {
            return direct.clone();
        }
        match (from.stance, other.stance) {
            (Stance::Support, Stance::Support) => (Stance::Support, None),
            (Stance::Conflict, Stance::Conflict) => (Stance::Support, None),
            (Stance::Support, Stance::Conflict) => (Stance::Conflict, other.detail.clone()),
            (Stance::Conflict, Stance::Support) => (Stance::Conflict, from.detail.clone()),
        }
    }
}

/// Everything that can happen to the reader.
pub enum AppEvent {
    Key(ratatui::crossterm::event::KeyEvent),
    Mouse(ratatui::crossterm::event::MouseEvent),
    Resize,
    /// Progress message while loading or adding.
    Progress(String),
    /// The library is open.
    Loaded {
        articles: Vec<ArticleSummary>,
        claims: ClaimIndex,
        notice: Option<String>,
    },
    Article(Box<StoredArticle>),
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
    if !send(loaded(&library, notice)) {
        return;
    }
    for request in requests {
        if !send(answer(&mut library, &startup.library_dir, request)) {
            return;
        }
    }
}

/// Does one request against the library.
pub fn answer(library: &mut Library, library_dir: &std::path::Path, request: Request) -> AppEvent {
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
        Request::Reload => match Library::open(library_dir) {
            Ok(reopened) => {
                *library = reopened;
                loaded(library, Some("Library reloaded.".to_string()))
            }
            Err(err) => AppEvent::Error(err.to_string()),
        },
    }
}

/// The event that hands a freshly opened library to the reader.
pub fn loaded(library: &Library, notice: Option<String>) -> AppEvent {
    AppEvent::Loaded {
        articles: library.list(),
        claims: ClaimIndex::new(library.links().claims(), &library.links().links),
        notice,
    }
}
