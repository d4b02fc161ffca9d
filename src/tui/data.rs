//! What the reader knows about the library: the article list, the shared claims and the
//! highlights, as the background worker last sent them. Components read it; only the app
//! replaces it, when the worker answers.

use std::collections::HashMap;
use std::ops::Range;

use crate::library::LocatedHighlight;
use crate::library::catalog::ArticleSummary;
use crate::library::highlights::Anchor;

use super::claims_data::SharedClaims;

#[derive(Debug, Default)]
pub struct ReaderData {
    articles: Vec<ArticleSummary>,
    /// Position in `articles` by id: a library can hold 100,000 articles, too many to search
    /// on every drawn line.
    by_id: HashMap<String, usize>,
    pub claims: SharedClaims,
    pub highlights: Vec<LocatedHighlight>,
    /// What the worker is loading or adding, while it does.
    pub loading: Option<String>,
}

impl ReaderData {
    pub fn articles(&self) -> &[ArticleSummary] {
        &self.articles
    }

    pub fn set_articles(&mut self, articles: Vec<ArticleSummary>) {
        self.by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        self.articles = articles;
    }

    /// Position of an article in [`ReaderData::articles`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn summary_of(&self, id: &str) -> Option<&ArticleSummary> {
        self.index_of(id).map(|i| &self.articles[i])
    }

    /// What to call an article in a list of sources: its source, else its title.
    pub fn source_label(&self, id: &str) -> String {
        self.summary_of(id)
            .map(|s| s.source.clone().unwrap_or_else(|| s.title.clone()))
            .unwrap_or_else(|| id.to_string())
    }

    /// Byte ranges of an article's body that are highlighted.
    pub fn highlighted_ranges(&self, article: &str) -> Vec<Range<usize>> {
        self.highlights
            .iter()
            .filter(|h| h.highlight.article == article)
            .filter_map(|h| match h.anchor {
                Anchor::Found { start, end } => Some(start..end),
                Anchor::Orphaned => None,
            })
            .collect()
    }
}
