//! Importing subscription lists: OPML (from any feed reader) and newsboat's `urls` file.
//!
//! Every listed address goes through the same check as `feeds add` (http and https only), so
//! a list can never smuggle in a command (newsboat's `exec:` and `filter:` lines are refused
//! with their reason).

use std::path::Path;

use serde::Serialize;

use super::store::{FeedStore, Subscribed, Subscription, validate_url};
use super::{FeedError, newsboat, opml};

/// The outcome of an import, counted.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Entries not imported: (what the list said, why).
    pub rejected: Vec<(String, String)>,
}

/// Imports an OPML or newsboat `urls` file into the subscription list.
pub fn import_file(library_dir: &Path, file: &Path) -> Result<ImportReport, FeedError> {
    let bytes = std::fs::read(file).map_err(|err| FeedError::Read {
        path: file.to_path_buf(),
        reason: crate::ingest::describe_io_error(&err),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let mut report = ImportReport::default();
    let listed = if newsboat::looks_like_opml(&text) {
        opml::parse(&text).map_err(|reason| FeedError::Import {
            path: file.to_path_buf(),
            reason,
        })?
    } else {
        let (feeds, bad) = newsboat::parse(&text);
        for line in bad {
            report
                .rejected
                .push((format!("line {}", line.line), line.reason));
        }
        feeds
    };
    let mut store = FeedStore::load(library_dir)?;
    for feed in listed {
        let url = match validate_url(&feed.url) {
            Ok(url) => url,
            Err(FeedError::InvalidUrl { url, reason }) => {
                report.rejected.push((url, reason));
                continue;
            }
            Err(other) => return Err(other),
        };
        let mut sub = Subscription::new(url);
        sub.title = feed.title;
        sub.tags = feed.tags;
        match store.subscribe(sub) {
            Subscribed::Added => report.added += 1,
            Subscribed::Updated => report.updated += 1,
            Subscribed::Unchanged => report.unchanged += 1,
        }
    }
    store.save(library_dir)?;
    Ok(report)
}
