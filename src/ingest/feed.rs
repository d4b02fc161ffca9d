//! RSS 0.9x/1.0/2.0, Atom and JSON Feed files: one article per entry.
//!
//! Parsing is feed-rs's; this module maps entries to articles, turns their HTML into clean
//! paragraphs and sanitises every field, since feed content is as hostile as any web page.
//! Entries are converted on every core (a feed may have 10,000 of them), in feed order.

use rayon::prelude::*;

use crate::article::{Article, article_id};
use crate::ingest::clean::remove_junk;
use crate::ingest::html::html_to_paragraphs;
use crate::text::{collapse_whitespace, sanitize};

pub fn read_feed(bytes: &[u8], origin: &str) -> Result<Vec<Article>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|err| format!("malformed feed: {err}"))?;
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| clean_inline(&t.content))
        .filter(|t| !t.is_empty());
    let articles = feed
        .entries
        .into_par_iter()
        .enumerate()
        .filter_map(|(index, entry)| entry_article(entry, index, origin, feed_title.as_deref()))
        .collect();
    Ok(articles)
}

/// One entry as an article; None when it has neither text nor a title.
fn entry_article(
    entry: feed_rs::model::Entry,
    index: usize,
    origin: &str,
    feed_title: Option<&str>,
) -> Option<Article> {
    let html = entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default();
    let paragraphs: Vec<String> = remove_junk(
        html_to_paragraphs(&html)
            .iter()
            .map(|p| clean_inline(p))
            .filter(|p| !p.is_empty())
            .collect(),
    );
    let title = entry
        .title
        .as_ref()
        .map(|t| clean_inline(&html_to_paragraphs(&t.content).join(" ")))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| crate::ingest::plain::title_from_first_line(&paragraphs));
    if paragraphs.is_empty() && title == "Untitled" {
        return None;
    }
    let url = entry.links.first().map(|l| clean_inline(&l.href));
    // feed-rs invents an id when the feed has none; prefer the link then, which is stable.
    let entry_key = if entry.id.is_empty() {
        url.clone().unwrap_or_else(|| index.to_string())
    } else {
        entry.id.clone()
    };
    let author = entry
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref().map(clean_inline))
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
    Some(Article {
        id: article_id(origin, Some(&entry_key)),
        title,
        source: feed_title.map(str::to_string),
        url,
        author: Some(author).filter(|a| !a.is_empty()),
        published,
        path: None,
        paragraphs,
    })
}

fn clean_inline(s: &str) -> String {
    collapse_whitespace(&sanitize(s))
}
