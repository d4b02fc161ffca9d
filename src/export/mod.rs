//! Export of highlights to Markdown that Obsidian, Logseq and static site tools accept.
//!
//! The library's highlights become an [`ExportDocument`]: one entry per highlighted article
//! (title, source, author, date, link), its highlights (quote, note, tags), and the other
//! articles that make the same claims, each listed once with its matching sentences and how
//! each stands towards ours. The document is rendered through a template: the built-in one
//! (`default.md.jinja`: YAML front matter, a section per article, "Also reported by" per
//! article) or the user's (`--template FILE`, Jinja syntax, see [`template`]). Article text is
//! escaped so it renders as written, never as Markdown syntax.

pub mod template;

use std::collections::HashMap;

use serde::Serialize;

use crate::claims::Stance;
use crate::entities::EntityKind;
use crate::error::LibraryError;
use crate::library::catalog::ArticleSummary;
use crate::library::highlights::Anchor;
use crate::library::links::{ClaimIndex, MentionKey};
use crate::library::{Library, LocatedHighlight};

/// Which highlights to export, and how.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only these articles (all when empty).
    pub articles: Vec<String>,
    /// Export date (YYYY-MM-DD) for the front matter; today when None.
    pub date: Option<String>,
    /// A template to render instead of the built-in layout.
    pub template: Option<template::Template>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Library(#[from] LibraryError),
    #[error("{0}")]
    Template(#[from] template::TemplateError),
}

/// Everything an export shows; templates see these fields.
#[derive(Debug, Clone, Serialize)]
pub struct ExportDocument {
    pub title: String,
    /// Export date, YYYY-MM-DD.
    pub date: String,
    /// "all highlights" when nothing was filtered out.
    pub query: Option<String>,
    /// Number of highlights exported (orphans included).
    pub highlight_count: usize,
    pub articles: Vec<ExportedArticle>,
    /// Highlights whose text is no longer in their article.
    pub orphans: Vec<ExportedOrphan>,
}

/// A highlighted article, its highlights and the other articles that report the same claims.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedArticle {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub author: Option<String>,
    /// As the article gives it.
    pub published: Option<String>,
    /// The first ten characters of `published` (YYYY-MM-DD for ISO dates).
    pub date: Option<String>,
    pub url: Option<String>,
    pub highlights: Vec<ExportedHighlight>,
    /// One entry per other article, in the order their first matching sentence appears.
    pub also_reported: Vec<OtherArticle>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedHighlight {
    pub id: String,
    /// The highlighted text as the article has it.
    pub text: String,
    /// The same text as escaped Markdown, names in italics, figures and dates in bold.
    pub markdown: String,
    pub note: Option<String>,
    pub tags: Vec<String>,
    /// When it was made (RFC 3339).
    pub created: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportedOrphan {
    pub id: String,
    pub article: String,
    pub text: String,
    pub note: Option<String>,
    pub tags: Vec<String>,
}

/// Another article making a claim of the highlighted text.
#[derive(Debug, Clone, Serialize)]
pub struct OtherArticle {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub sentences: Vec<OtherSentence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OtherSentence {
    pub text: String,
    /// "agrees" or "contradicts".
    pub stance: &'static str,
    /// The conflicting figures ("$50 billion vs $10 billion"), for a contradiction.
    pub detail: Option<String>,
}

/// Another article's sentence that makes the claim of a given sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherReport {
    pub article: String,
    pub sentence: usize,
    pub text: String,
    /// How it stands towards the given sentence.
    pub stance: Stance,
    pub detail: Option<Box<str>>,
}

/// Other articles' sentences making the claim of `key`, each with its stance towards `key`'s
/// sentence (not towards the claim's anchor). What the reader's side panel shows and what the
/// export lists under "Also reported by".
pub fn other_reports(claims: &ClaimIndex, key: &MentionKey) -> Vec<OtherReport> {
    let Some(claim) = claims.claim_of(key).and_then(|c| claims.claims.get(c)) else {
        return Vec::new();
    };
    let Some(here) = claim.mentions.iter().find(|m| m.mention.key == *key) else {
        return Vec::new();
    };
    claim
        .mentions
        .iter()
        .filter(|m| m.mention.key.article != key.article)
        .map(|m| {
            let (stance, detail) = claims.stance_between(here, m);
            OtherReport {
                article: m.mention.key.article.clone(),
                sentence: m.mention.key.sentence,
                text: m.mention.text.clone(),
                stance,
                detail,
            }
        })
        .collect()
}

fn date_of(published: &Option<String>) -> Option<String> {
    published
        .as_deref()
        .map(|p| crate::text::truncate_on_char_boundary(p, 10).to_string())
}

/// Collects the library's highlights into the document an export renders.
pub fn export_document(
    library: &Library,
    options: &ExportOptions,
) -> Result<ExportDocument, ExportError> {
    let highlights: Vec<LocatedHighlight> = library
        .highlights()?
        .into_iter()
        .filter(|h| options.articles.is_empty() || options.articles.contains(&h.highlight.article))
        .collect();
    let claims = ClaimIndex::new(library.links()?);
    let summaries: HashMap<String, ArticleSummary> = library
        .list()
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    // Articles in the order they were first highlighted.
    let mut order: Vec<&str> = Vec::new();
    for h in &highlights {
        if !order.contains(&h.highlight.article.as_str()) {
            order.push(&h.highlight.article);
        }
    }
    let mut document = ExportDocument {
        title: "crossread highlights".to_string(),
        date: options
            .date
            .clone()
            .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string()),
        query: options
            .articles
            .is_empty()
            .then(|| "all highlights".to_string()),
        highlight_count: highlights.len(),
        articles: Vec::new(),
        orphans: Vec::new(),
    };
    for id in order {
        let items = highlights.iter().filter(|h| h.highlight.article == id);
        let Some(stored) = library.article(id)? else {
            document.orphans.extend(items.map(orphan));
            continue;
        };
        let article = &stored.article;
        let body = article.body();
        let mut exported = ExportedArticle {
            id: id.to_string(),
            title: article.title.clone(),
            source: article.source.clone(),
            author: article.author.clone(),
            date: date_of(&article.published),
            published: article.published.clone(),
            url: article.url.clone(),
            highlights: Vec::new(),
            also_reported: Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for h in items {
            let Anchor::Found { start, end } = h.anchor else {
                document.orphans.push(orphan(h));
                continue;
            };
            exported.highlights.push(ExportedHighlight {
                id: h.highlight.id.clone(),
                text: body[start..end].to_string(),
                markdown: emphasised(&body, start, end, &stored.entities),
                note: h.highlight.note.clone(),
                tags: h.highlight.tags.clone(),
                created: h.highlight.created.clone(),
            });
            for (sentence, &(s, e)) in stored.sentences.iter().enumerate() {
                if e <= start || s >= end {
                    continue;
                }
                let key = MentionKey {
                    article: id.to_string(),
                    sentence,
                };
                for other in other_reports(&claims, &key) {
                    if !seen.insert((other.article.clone(), other.sentence)) {
                        continue;
                    }
                    add_report(&mut exported.also_reported, &summaries, other);
                }
            }
        }
        document.articles.push(exported);
    }
    Ok(document)
}

/// Files a report under its article's entry, adding the entry when it is the first.
fn add_report(
    also: &mut Vec<OtherArticle>,
    summaries: &HashMap<String, ArticleSummary>,
    report: OtherReport,
) {
    let position = match also.iter().position(|a| a.id == report.article) {
        Some(position) => position,
        None => {
            let summary = summaries.get(&report.article);
            also.push(OtherArticle {
                id: report.article.clone(),
                title: summary
                    .map(|s| s.title.clone())
                    .unwrap_or_else(|| report.article.clone()),
                source: summary.and_then(|s| s.source.clone()),
                url: summary.and_then(|s| s.url.clone()),
                date: summary.and_then(|s| date_of(&s.published)),
                sentences: Vec::new(),
            });
            also.len() - 1
        }
    };
    also[position].sentences.push(OtherSentence {
        text: report.text,
        stance: match report.stance {
            Stance::Support => "agrees",
            Stance::Conflict => "contradicts",
        },
        detail: report.detail.map(String::from),
    });
}

fn orphan(h: &LocatedHighlight) -> ExportedOrphan {
    ExportedOrphan {
        id: h.highlight.id.clone(),
        article: h.highlight.article.clone(),
        text: h.highlight.text.clone(),
        note: h.highlight.note.clone(),
        tags: h.highlight.tags.clone(),
    }
}

/// Renders the library's highlights as Markdown (or through the options' template).
pub fn export_markdown(library: &Library, options: &ExportOptions) -> Result<String, ExportError> {
    let document = export_document(library, options)?;
    let rendered = match &options.template {
        Some(user) => template::render(user, &document)?,
        None => template::render(&template::Template::built_in(), &document)?,
    };
    Ok(rendered)
}

/// The highlighted text with names in italics and figures and dates in bold.
fn emphasised(
    body: &str,
    start: usize,
    end: usize,
    entities: &[crate::entities::Entity],
) -> String {
    let mut out = String::new();
    let mut at = start;
    for e in entities.iter().filter(|e| e.start >= start && e.end <= end) {
        if e.start < at {
            continue;
        }
        out.push_str(&escape_inline(&body[at..e.start]));
        let marker = match e.kind {
            EntityKind::Money | EntityKind::Percent | EntityKind::Quantity | EntityKind::Date => {
                "**"
            }
            _ => "*",
        };
        out.push_str(marker);
        out.push_str(&escape_inline(&body[e.start..e.end]));
        out.push_str(marker);
        at = e.end;
    }
    out.push_str(&escape_inline(&body[at..end]));
    out
}

/// Quotes text line by line (a highlight may span paragraphs).
pub fn blockquote(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            if line.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes article text so it renders literally inside a paragraph or blockquote: every
/// ASCII punctuation character CommonMark gives meaning to is backslash-escaped, and a line
/// cannot start a list, heading or block.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let at_start = out.is_empty();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            // These only mean something at the start of a line (heading, list, setext rule).
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if !out.is_empty() && out.chars().all(|d| d.is_ascii_digit()) => {
                // "1." or "1)" at the start would begin an ordered list.
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown link whose target cannot break out of the parentheses.
pub fn link(label: &str, url: &str) -> String {
    let safe: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("[{}]({safe})", escape_inline(label))
}

pub fn tag(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '/' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A double-quoted YAML scalar.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markdown_syntax_literal() {
        assert_eq!(
            escape_inline("# not a *heading*"),
            "\\# not a \\*heading\\*"
        );
        assert_eq!(escape_inline("1. item"), "1\\. item");
        assert_eq!(escape_inline("[x](javascript:y)"), "\\[x\\](javascript:y)");
        assert_eq!(escape_inline("<script>"), "\\<script\\>");
    }

    #[test]
    fn links_cannot_break_out() {
        assert_eq!(
            link("link", "http://x.test/a)b c"),
            "[link](http://x.test/a%29bc)"
        );
    }
}
