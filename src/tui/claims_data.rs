//! The one place the reader reads the library's shared claims.
//!
//! Panes and overlays never touch the link store's types: they ask this adapter whether a
//! sentence is shared, which other articles report it and how they stand towards it, and for
//! the rows of the claims overview. When the claim engine changes shape, this file (and
//! [`crate::export::other_reports`], which both the side panel and the export use) is where
//! the reader follows it.

use crate::export::{OtherReport, other_reports};
use crate::library::links::{ClaimIndex, MentionKey};

pub use crate::claims::Stance;

/// The shared claims of the library, as the reader shows them.
#[derive(Debug, Default)]
pub struct SharedClaims {
    index: ClaimIndex,
}

/// One row of the claims overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow<'a> {
    pub summary: &'a str,
    /// Distinct articles that make the claim.
    pub sources: usize,
    pub conflict: bool,
}

fn key(article: &str, sentence: usize) -> MentionKey {
    MentionKey {
        article: article.to_string(),
        sentence,
    }
}

impl SharedClaims {
    pub fn new(index: ClaimIndex) -> SharedClaims {
        SharedClaims { index }
    }

    /// Number of claims made by two or more articles.
    pub fn len(&self) -> usize {
        self.index.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.claims.is_empty()
    }

    /// The claim a sentence makes, when other articles make it too.
    pub fn claim_of(&self, article: &str, sentence: usize) -> Option<usize> {
        self.index.claim_of(&key(article, sentence))
    }

    /// Whether other articles make the claim of this sentence.
    pub fn is_shared(&self, article: &str, sentence: usize) -> bool {
        self.claim_of(article, sentence).is_some()
    }

    /// How many claims an article shares with others.
    pub fn shared_count(&self, article: &str) -> usize {
        self.index.per_article.get(article).copied().unwrap_or(0)
    }

    /// Other articles' sentences making the claim of this sentence, with their stance
    /// towards it.
    pub fn others(&self, article: &str, sentence: usize) -> Vec<OtherReport> {
        other_reports(&self.index, &key(article, sentence))
    }

    /// The summary of a claim (as its first mention states it).
    pub fn summary(&self, claim: usize) -> &str {
        self.index
            .claims
            .get(claim)
            .map(|c| c.summary.as_str())
            .unwrap_or("")
    }

    pub fn row(&self, claim: usize) -> Option<ClaimRow<'_>> {
        self.index.claims.get(claim).map(|c| ClaimRow {
            summary: &c.summary,
            sources: c.sources,
            conflict: c.has_conflict(),
        })
    }

    /// Claims in overview order: by number of sources (the engine's order), or with the
    /// contested ones first.
    pub fn overview_order(&self, conflicts_first: bool) -> Vec<usize> {
        let claims = &self.index.claims;
        let mut order: Vec<usize> = (0..claims.len()).collect();
        if conflicts_first {
            order.sort_by_key(|&i| {
                (
                    !claims[i].has_conflict(),
                    std::cmp::Reverse(claims[i].sources),
                )
            });
        }
        order
    }

    /// Where a claim is first made: its anchor mention's article and sentence.
    pub fn first_mention(&self, claim: usize) -> Option<(String, usize)> {
        let mention = &self.index.claims.get(claim)?.mentions.first()?.mention;
        Some((mention.key.article.clone(), mention.key.sentence))
    }
}
