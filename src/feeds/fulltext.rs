//! Full text for feeds whose entries carry only a summary and a link (opt-in per feed).
//!
//! The linked page is fetched with the same limits as feeds and its article extracted with
//! crossread's Readability-based [`extract_article`]; the feed is then saved as a JSON Feed
//! whose entries hold the extracted text, so the library ingests it like any feed (same entry
//! ids, so switching full text on updates articles instead of duplicating them). Extracted
//! pages are cached next to the feed body so each page is downloaded once, and at most
//! [`MAX_PAGES_PER_FETCH`] new pages are fetched per feed and run.
//!
//! [`extract_article`]: crate::ingest::html::extract_article

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::http::{Client, FailureKind, Response, Validators};
use super::store::validate_url;

/// New pages fetched per feed in one run; the rest wait for the next run.
pub const MAX_PAGES_PER_FETCH: usize = 20;
/// After this many pages that could not be reached (DNS, TLS, connection, timeout), the
/// feed's other pages wait for the next run, so a dead site costs a few timeouts, not twenty.
const MAX_UNREACHABLE: usize = 3;

/// Extracted pages of one feed, by link. A page that answered but gave no article (error
/// status, too large, no readable text) is cached with no paragraphs so it is not downloaded
/// again, and its entry keeps the summary; an unreachable page is retried next run.
#[derive(Debug, Default, Serialize, Deserialize)]
struct PageCache {
    pages: BTreeMap<String, Vec<String>>,
}

/// What [`enrich`] made of a feed body.
#[derive(Debug)]
pub struct Enriched {
    /// A JSON Feed with full text, or None when no entry needed it (keep the original).
    pub body: Option<Vec<u8>>,
    pub pages_fetched: usize,
    pub warnings: Vec<String>,
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    items: Vec<JsonItem>,
}

#[derive(Serialize)]
struct JsonItem {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
}

/// Replaces summary-only entries of `feed_bytes` by the article their link points to.
/// `cache_path` keeps extracted pages between runs. The body must already parse as a feed.
pub fn enrich(client: &Client, feed_bytes: &[u8], cache_path: &Path) -> Enriched {
    let mut result = Enriched {
        body: None,
        pages_fetched: 0,
        warnings: Vec::new(),
    };
    let Ok(feed) = feed_rs::parser::parse(feed_bytes) else {
        return result;
    };
    let needs_page = |entry: &feed_rs::model::Entry| {
        let has_content = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .is_some_and(|b| !b.trim().is_empty());
        !has_content && link_of(entry).is_some()
    };
    if !feed.entries.iter().any(needs_page) {
        return result;
    }
    let old: PageCache = std::fs::read(cache_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    // Only pages still linked from the feed are kept, so the cache stays the feed's size.
    let mut cache = PageCache::default();
    let mut items = Vec::with_capacity(feed.entries.len());
    let mut unreachable = 0;
    for entry in &feed.entries {
        let link = link_of(entry);
        let mut paragraphs = None;
        if needs_page(entry)
            && let Some(link) = &link
        {
            if let Some(cached) = old.pages.get(link) {
                paragraphs = Some(cached.clone());
            } else if result.pages_fetched < MAX_PAGES_PER_FETCH && unreachable < MAX_UNREACHABLE {
                result.pages_fetched += 1;
                match fetch_page(client, link) {
                    Ok(found) => paragraphs = Some(found),
                    Err(PageError { reason, transient }) => {
                        result.warnings.push(format!("{link}: {reason}"));
                        if transient {
                            unreachable += 1;
                        } else {
                            paragraphs = Some(Vec::new());
                        }
                    }
                }
            }
            if let Some(p) = &paragraphs {
                cache.pages.insert(link.clone(), p.clone());
            }
        }
        let content_html = match paragraphs.filter(|p| !p.is_empty()) {
            Some(p) => Some(
                p.iter()
                    .map(|para| format!("<p>{}</p>", escape_html(para)))
                    .collect::<String>(),
            ),
            None => entry.content.as_ref().and_then(|c| c.body.clone()),
        };
        items.push(JsonItem {
            id: entry.id.clone(),
            url: link,
            title: entry.title.as_ref().map(|t| t.content.clone()),
            content_html,
            summary: entry.summary.as_ref().map(|s| s.content.clone()),
            date_published: entry.published.map(|d| d.to_rfc3339()),
            date_modified: entry.updated.map(|d| d.to_rfc3339()),
            authors: entry
                .authors
                .iter()
                .filter_map(|a| a.name.clone())
                .map(|name| JsonAuthor { name })
                .collect(),
        });
    }
    let json = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title.as_ref().map(|t| t.content.as_str()),
        home_page_url: feed.links.first().map(|l| l.href.as_str()),
        items,
    };
    if let Ok(bytes) = serde_json::to_vec(&cache)
        && let Err(err) = crate::fsutil::write_atomic(cache_path, &bytes)
    {
        result.warnings.push(format!(
            "cannot save page cache {}: {}",
            cache_path.display(),
            crate::ingest::describe_io_error(&err)
        ));
    }
    result.body = serde_json::to_vec_pretty(&json).ok();
    result
}

fn link_of(entry: &feed_rs::model::Entry) -> Option<String> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))?;
    validate_url(&link.href).ok()
}

struct PageError {
    reason: String,
    /// The site could not be reached: worth retrying on a later run.
    transient: bool,
}

fn fetch_page(client: &Client, url: &str) -> Result<Vec<String>, PageError> {
    let permanent = |reason: String| PageError {
        reason,
        transient: false,
    };
    let bytes = match client.get(url, Validators::default()) {
        Ok(Response::Body { bytes, .. }) => bytes,
        Ok(Response::NotModified) => return Err(permanent("unexpected 304".to_string())),
        Err(failure) => {
            let transient = matches!(
                failure.kind,
                FailureKind::Dns | FailureKind::Tls | FailureKind::Connect | FailureKind::Timeout
            );
            return Err(PageError {
                reason: failure.to_string(),
                transient,
            });
        }
    };
    let html = String::from_utf8_lossy(&bytes);
    crate::ingest::html::extract_article(&html, Some(url))
        .map(|page| page.paragraphs)
        .map_err(|err| permanent(format!("no article text extracted: {err}")))
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}
