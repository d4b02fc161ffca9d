//! Feed subscriptions: the list of feeds a user follows, importing and exporting it, and
//! fetching every feed into the library.
//!
//! Fetching reuses everything the library already does for feed files: each fetched body is
//! read as a feed file, saved (atomically) to `<library>/feeds/<hash of url>.xml` and handed
//! to [`Library::add_read`] of the library the caller holds open, which skips unchanged files
//! by fingerprint, keeps entries that rolled off the feed, links claims and indexes. The network side (bounded
//! concurrency, redirects, gzip, conditional requests, timeouts, size limits) lives in
//! [`http`] and [`fetch`]. Nothing read from a feed, an OPML file or a newsboat `urls` file is
//! ever run as a command: only http and https URLs are accepted.
//!
//! Map: [`store`] keeps `feeds.json`; [`opml`] and [`newsboat`] read and write subscription
//! lists; [`http`] makes one request and classifies failures; [`fetch`] fetches all feeds and
//! adds them to the library, with [`schedule`] choosing which feed a thread takes next (per
//! host limits, retries a server asked for); [`fulltext`] optionally replaces summary-only
//! entries by the linked article; [`import`] reads OPML and newsboat lists. The command line (`crossread feeds`, `crossread fetch`) lives in the binary's `cli::feeds`.
//!
//! [`Library::add_read`]: crate::Library::add_read

pub mod fetch;
pub mod fulltext;
pub mod http;
pub mod import;
pub mod newsboat;
pub mod opml;
pub mod schedule;
pub mod store;

use std::path::PathBuf;

pub use fetch::{
    FeedOutcome, FeedStatus, FetchOptions, FetchProgress, FetchReport, FetchTimings, fetch,
};
pub use http::{FailureKind, FetchFailure};
pub use store::{FeedStore, Subscription, validate_url};

/// Errors of the subscription commands and of `fetch` as a whole (one feed failing is not an
/// error: it is reported in [`FetchReport`]).
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{url:?} is not a feed address crossread accepts: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("not subscribed to {0}")]
    NotSubscribed(String),
    #[error("cannot read {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("{path} is not a subscription list crossread can read: {reason}")]
    Import { path: PathBuf, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("feeds are fetched into a library on disk, and this one is temporary")]
    TemporaryLibrary,
    #[error(transparent)]
    Library(#[from] crate::LibraryError),
}
