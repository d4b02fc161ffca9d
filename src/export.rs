//! Export of highlights to Markdown that Obsidian, Logseq and static site tools accept.
//!
//! The document opens with YAML front matter (title, export date, the articles included),
//! then one section per article (title, source, author, date, link), each highlight as a
//! blockquote with entities and figures emphasised and its note below, and, under a highlight
//! that makes a claim other sources share, "Also reported by" with each of them — contradicting
//! sources marked with their figure. Article text is escaped so it renders as written, never
//! as Markdown syntax.

use std::collections::BTreeMap;

use crate::claims::Stance;
use crate::entities::EntityKind;
use crate::error::Result;
use crate::library::highlights::Anchor;
use crate::library::links::{ClaimIndex, MentionKey};
use crate::library::{Library, LocatedHighlight};

/// Which highlights to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only these articles (all when empty).
    pub articles: Vec<String>,
    /// Export date (YYYY-MM-DD) for the front matter; today when None.
    pub date: Option<String>,
}

/// Renders the library's highlights as Markdown.
pub fn export_markdown(library: &Library, options: &ExportOptions) -> Result<String> {
    let highlights: Vec<LocatedHighlight> = library
        .highlights()?
        .into_iter()
        .filter(|h| options.articles.is_empty() || options.articles.contains(&h.highlight.article))
        .collect();
    let links = library.links()?;
    let claims = ClaimIndex::new(links);
    let summaries: std::collections::HashMap<String, crate::library::catalog::ArticleSummary> =
        library
            .list()
            .into_iter()
            .map(|a| (a.id.clone(), a))
            .collect();
    let date = options
        .date
        .clone()
        .unwrap_or_else(|| chrono::Utc::now().format("%Y-%m-%d").to_string());

    // Group by article, in the order articles were first highlighted.
    let mut order: Vec<String> = Vec::new();
    let mut by_article: BTreeMap<String, Vec<&LocatedHighlight>> = BTreeMap::new();
    for h in &highlights {
        if !by_article.contains_key(&h.highlight.article) {
            order.push(h.highlight.article.clone());
        }
        by_article
            .entry(h.highlight.article.clone())
            .or_default()
            .push(h);
    }

    let mut out = String::new();
    out.push_str("---\n");
    out.push_str("title: \"crossread highlights\"\n");
    out.push_str(&format!("date: {date}\n"));
    if options.articles.is_empty() {
        out.push_str("query: \"all highlights\"\n");
    }
    out.push_str("articles:\n");
    for id in &order {
        out.push_str(&format!("  - {}\n", yaml_string(id)));
    }
    out.push_str(&format!("highlights: {}\n", highlights.len()));
    out.push_str("tags: [crossread]\n");
    out.push_str("---\n\n");
    out.push_str("# Highlights\n");
    if highlights.is_empty() {
        out.push_str("\nNo highlights yet.\n");
    }

    let mut orphans: Vec<&LocatedHighlight> = Vec::new();
    for id in &order {
        let stored = library.article(id)?;
        let items = &by_article[id];
        let Some(stored) = stored else {
            orphans.extend(items.iter());
            continue;
        };
        let article = &stored.article;
        let body = article.body();
        out.push_str(&format!("\n## {}\n\n", escape_inline(&article.title)));
        let mut meta: Vec<String> = Vec::new();
        if let Some(source) = &article.source {
            meta.push(format!("*{}*", escape_inline(source)));
        }
        if let Some(author) = &article.author {
            meta.push(escape_inline(author));
        }
        if let Some(published) = &article.published {
            meta.push(escape_inline(&published[..published.len().min(10)]));
        }
        if let Some(url) = &article.url {
            meta.push(link("link", url));
        }
        if !meta.is_empty() {
            out.push_str(&meta.join(" · "));
            out.push_str("\n\n");
        }
        for h in items {
            let Anchor::Found { start, end } = h.anchor else {
                orphans.push(h);
                continue;
            };
            out.push_str(&blockquote(&emphasised(
                &body,
                start,
                end,
                &stored.entities,
            )));
            out.push('\n');
            if let Some(note) = &h.highlight.note {
                out.push_str(&format!("\n**Note:** {}\n", escape_inline(note)));
            }
            if !h.highlight.tags.is_empty() {
                let tags: Vec<String> = h
                    .highlight
                    .tags
                    .iter()
                    .map(|t| format!("#{}", tag(t)))
                    .collect();
                out.push_str(&format!("\n{}\n", tags.join(" ")));
            }
            also_reported(
                &mut out,
                &summaries,
                &claims,
                id,
                &stored.sentences,
                start,
                end,
            );
            out.push('\n');
        }
    }
    if !orphans.is_empty() {
        out.push_str("\n## Orphaned highlights\n\n");
        out.push_str("The text of these highlights is no longer in their article.\n\n");
        for h in orphans {
            out.push_str(&blockquote(&escape_inline(&h.highlight.text)));
            out.push_str(&format!(
                "\n\n*Article {}*",
                escape_inline(&h.highlight.article)
            ));
            if let Some(note) = &h.highlight.note {
                out.push_str(&format!(" · **Note:** {}", escape_inline(note)));
            }
            out.push_str("\n\n");
        }
    }
    Ok(out)
}

/// "Also reported by" for the claims made by the sentences the highlight covers.
fn also_reported(
    out: &mut String,
    summaries: &std::collections::HashMap<String, crate::library::catalog::ArticleSummary>,
    claims: &ClaimIndex,
    article: &str,
    sentences: &[(usize, usize)],
    start: usize,
    end: usize,
) {
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, &(s, e)) in sentences.iter().enumerate() {
        if e <= start || s >= end {
            continue;
        }
        let key = MentionKey {
            article: article.to_string(),
            sentence: index,
        };
        let Some(claim_index) = claims.claim_of(&key) else {
            continue;
        };
        let claim = &claims.claims[claim_index];
        let Some(here) = claim.mentions.iter().find(|m| m.mention.key == key) else {
            continue;
        };
        for other in claim
            .mentions
            .iter()
            .filter(|m| m.mention.key.article != article)
        {
            if !seen.insert(other.mention.key.clone()) {
                continue;
            }
            let (stance, detail) = claims.stance_between(here, other);
            let (title, source, url) = summaries
                .get(&other.mention.key.article)
                .map(|a| (a.title.clone(), a.source.clone(), a.url.clone()))
                .unwrap_or_else(|| (other.mention.key.article.clone(), None, None));
            let mut line = String::from("- ");
            if stance == Stance::Conflict {
                line.push_str("**Contradicts**");
                if let Some(detail) = &detail {
                    line.push_str(&format!(" ({})", escape_inline(detail)));
                }
                line.push_str(": ");
            }
            line.push_str(&format!("*{}*", escape_inline(&title)));
            if let Some(source) = source {
                line.push_str(&format!(", {}", escape_inline(&source)));
            }
            if let Some(url) = url {
                line.push_str(&format!(" ({})", link("link", &url)));
            }
            line.push_str(&format!(": “{}”", escape_inline(&other.mention.text)));
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        out.push_str("\nAlso reported by:\n\n");
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
    }
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
fn blockquote(text: &str) -> String {
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
fn link(label: &str, url: &str) -> String {
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

fn tag(text: &str) -> String {
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
fn yaml_string(text: &str) -> String {
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
