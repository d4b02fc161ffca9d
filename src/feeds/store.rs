//! The subscription list, `<library>/feeds.json`.
//!
//! Each subscription records what the user chose (URL, title, tags, full text) and what the
//! last fetch learnt (ETag / Last-Modified for conditional requests, the last error). The file
//! is replaced atomically; `fetch` merges its results into a freshly loaded copy so a
//! subscription added or removed while feeds were being fetched is not lost or resurrected.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FeedError;
use crate::library::Layout;
use crate::text::sanitize;

/// One feed the user follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub url: String,
    /// The user's title (from `--title`, OPML or newsboat's `~Title`), else the feed's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fetch the linked page of entries that carry only a summary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_text: bool,
    #[serde(default)]
    pub state: FeedState,
}

/// What the last fetches learnt about a feed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Unix time (seconds) of the last fetch attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_checked: Option<u64>,
    /// Reason of the last failure, cleared by a success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Unix time (seconds) before which the server asked not to be asked again (429 or 503
    /// with `Retry-After`): `fetch` leaves the feed alone until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl Subscription {
    pub fn new(url: String) -> Subscription {
        Subscription {
            url,
            title: None,
            tags: Vec::new(),
            full_text: false,
            state: FeedState::default(),
        }
    }
}

/// The subscription list as stored in `feeds.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedStore {
    pub version: u32,
    pub feeds: Vec<Subscription>,
}

impl Default for FeedStore {
    fn default() -> Self {
        FeedStore {
            version: Layout::FEEDS_FORMAT,
            feeds: Vec::new(),
        }
    }
}

/// Whether [`FeedStore::subscribe`] added a feed or updated one already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subscribed {
    Added,
    Updated,
    Unchanged,
}

impl FeedStore {
    pub fn path(library_dir: &Path) -> PathBuf {
        Layout::new(library_dir).subscriptions()
    }

    /// Loads the list; a library without one has no subscriptions.
    pub fn load(library_dir: &Path) -> Result<FeedStore, FeedError> {
        let store: Option<FeedStore> =
            crate::fsutil::load_json(&Self::path(library_dir), "feed subscriptions")?;
        Ok(store.unwrap_or_default())
    }

    pub fn save(&self, library_dir: &Path) -> Result<(), FeedError> {
        std::fs::create_dir_all(library_dir).map_err(|err| FeedError::Write {
            path: library_dir.to_path_buf(),
            reason: crate::ingest::describe_io_error(&err),
        })?;
        crate::fsutil::save_json(&Self::path(library_dir), self)?;
        Ok(())
    }

    pub fn get(&self, url: &str) -> Option<&Subscription> {
        self.feeds.iter().find(|f| f.url == url)
    }

    /// Adds `sub`, or merges its tags, title and full-text flag into the subscription with the
    /// same URL. The URL must already be validated.
    pub fn subscribe(&mut self, sub: Subscription) -> Subscribed {
        let Some(existing) = self.feeds.iter_mut().find(|f| f.url == sub.url) else {
            self.feeds.push(sub);
            return Subscribed::Added;
        };
        let before = existing.clone();
        for tag in sub.tags {
            if !existing.tags.contains(&tag) {
                existing.tags.push(tag);
            }
        }
        if sub.title.is_some() {
            existing.title = sub.title;
        }
        existing.full_text |= sub.full_text;
        if *existing == before {
            Subscribed::Unchanged
        } else {
            Subscribed::Updated
        }
    }

    /// Removes the subscription with this URL (validated the same way as when adding).
    pub fn unsubscribe(&mut self, url: &str) -> Result<Subscription, FeedError> {
        let url = validate_url(url).unwrap_or_else(|_| url.trim().to_string());
        let position = self
            .feeds
            .iter()
            .position(|f| f.url == url)
            .ok_or(FeedError::NotSubscribed(url))?;
        Ok(self.feeds.remove(position))
    }
}

/// Checks that `url` is an absolute http or https URL and returns it trimmed. Anything else
/// (file paths, `exec:`/`filter:` commands from newsboat lists, `javascript:`, `feed:` …) is
/// rejected: crossread only ever downloads, and never runs anything a list names.
pub fn validate_url(url: &str) -> Result<String, FeedError> {
    let trimmed = url.trim();
    let invalid = |reason: &str| FeedError::InvalidUrl {
        url: sanitize(trimmed),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(invalid("empty address"));
    }
    let scheme = trimmed
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .unwrap_or_default();
    match scheme.as_str() {
        "http" | "https" => {}
        "exec" | "filter" => {
            return Err(invalid(
                "newsboat's exec: and filter: feeds run commands; crossread never runs commands from a feed list",
            ));
        }
        "query" => return Err(invalid("newsboat query feeds are searches, not feeds")),
        "" => return Err(invalid("only http:// and https:// addresses are accepted")),
        other => {
            return Err(invalid(&format!(
                "{other}: addresses are not accepted, only http:// and https://"
            )));
        }
    }
    if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(
            "addresses cannot contain spaces or control characters",
        ));
    }
    let uri: ureq::http::Uri = trimmed
        .parse()
        .map_err(|err| invalid(&format!("not a valid URL ({err})")))?;
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid("the address has no host"));
    }
    Ok(trimmed.to_string())
}

/// Cleans a tag or title read from the command line or a subscription file.
pub fn clean_label(label: &str) -> Option<String> {
    let cleaned = crate::text::collapse_whitespace(&sanitize(label));
    Some(cleaned).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_http_and_https() {
        assert_eq!(
            validate_url(" https://example.com/feed.xml ").unwrap(),
            "https://example.com/feed.xml"
        );
        assert!(validate_url("HTTP://example.com/rss").is_ok());
        for bad in [
            "file:///etc/passwd",
            "exec:~/bin/feed.sh",
            "filter:~/f.sh:https://example.com/",
            "javascript:alert(1)",
            "ftp://example.com/feed",
            "example.com/feed",
            "https://",
            "https://exa mple.com/",
            "",
        ] {
            let err = validate_url(bad).unwrap_err().to_string();
            assert!(err.contains("not a feed address"), "{bad}: {err}");
        }
        assert!(
            validate_url("exec:ls")
                .unwrap_err()
                .to_string()
                .contains("never runs commands")
        );
    }

    #[test]
    fn subscribe_merges_and_persists() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = FeedStore::load(dir.path()).unwrap();
        let mut sub = Subscription::new("https://example.com/a".into());
        sub.tags.push("news".into());
        assert_eq!(store.subscribe(sub.clone()), Subscribed::Added);
        assert_eq!(store.subscribe(sub.clone()), Subscribed::Unchanged);
        sub.tags = vec!["tech".into()];
        assert_eq!(store.subscribe(sub), Subscribed::Updated);
        store.save(dir.path()).unwrap();
        let mut loaded = FeedStore::load(dir.path()).unwrap();
        assert_eq!(loaded.feeds[0].tags, ["news", "tech"]);
        assert!(loaded.unsubscribe("https://example.com/a").is_ok());
        assert!(matches!(
            loaded.unsubscribe("https://example.com/a"),
            Err(FeedError::NotSubscribed(_))
        ));
    }
}
