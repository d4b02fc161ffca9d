//! The one place the reader reads the library's shared claims.
//!
//! Panes and overlays never touch the link store's types: they ask [`SharedClaims`] whether a
//! sentence is shared, which other articles report it, how they stand towards it and on whose
//! word, for the rows of the claims overview and for the coverage matrix. When the claim
//! engine changes shape, this file (and [`crate::export::other_reports`], which both the side
//! panel and the export use) is where the reader follows it.
//!
//! Who a mention cites, how firmly it says so and which figures it gives need the mention's
//! article, so [`ClaimsReading`] works them out on the worker thread, only for what the reader
//! shows, and hands them over as [`ClaimsRead`] pieces: when an article opens, the sourcing of
//! its claims' other sources; for the claims the overview or the coverage matrix shows, their
//! coverage rows (cells, independent sources, figure drift), asked for with a
//! [`ClaimsRequest`]; and only when the overview is sorted by independent sources, every
//! claim's count, claim by claim in the background. A library of 100,000 articles is never
//! read whole unless that order is asked for.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::coverage::{Coverage, CoverageRow, load_claim_articles};
use crate::export::{OtherReport, other_reports};
use crate::library::Library;
use crate::library::catalog::ArticleSummary;
use crate::library::index::StoredArticle;
use crate::library::links::{Claim, ClaimIndex, MentionKey};
use crate::sourcing::{ArticleSourcing, Sourcing};

pub use crate::claims::Stance;

/// Coverage rows the reader keeps before it forgets those out of view.
const KEPT_ROWS: usize = 512;

/// The shared claims of the library, as the reader shows them.
#[derive(Debug, Default)]
pub struct SharedClaims {
    index: Arc<ClaimIndex>,
    /// Attribution and certainty of the mentions read so far, by [`MentionKey::id`].
    sourcing: HashMap<u64, Sourcing>,
    /// Independent sources and figure drift of the claims read so far, by claim.
    facts: Vec<Option<ClaimFacts>>,
    /// Claims whose facts are known, and whether every claim's were asked for.
    facts_known: usize,
    all_facts_asked: bool,
    /// Coverage rows read so far, by claim, and the claims asked for and not yet read.
    rows: HashMap<usize, CoverageRow>,
    requested: HashSet<usize>,
}

/// What a view shows of the claims, for [`SharedClaims::requests`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Claims in view (and about to be).
    pub claims: Vec<usize>,
    /// Their whole coverage rows (the matrix), not only their facts (the overview).
    pub rows: bool,
    /// Every claim's independent sources (the overview sorted by them).
    pub all_facts: bool,
}

/// What the reader asks the worker to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimsRequest {
    /// The coverage rows (and facts) of these claims.
    Rows(Vec<usize>),
    /// Every claim's facts, in the background.
    AllFacts,
}

/// One row of the claims overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow<'a> {
    pub summary: &'a str,
    /// Distinct articles that make the claim.
    pub sources: usize,
    /// Independent original sources (outlets that all cite one report count once), once read.
    pub independent: Option<usize>,
    pub conflict: bool,
}

/// The orders of the claims overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimOrder {
    /// Most articles first (the engine's order).
    Sources,
    /// Most independent original sources first, then most articles.
    IndependentSources,
    /// Contested claims first, then most articles.
    ConflictsFirst,
}

impl ClaimOrder {
    pub fn label(self) -> &'static str {
        match self {
            ClaimOrder::Sources => "sources",
            ClaimOrder::IndependentSources => "independent sources",
            ClaimOrder::ConflictsFirst => "conflicts first",
        }
    }

    /// The next order of the overview's sort key.
    pub fn next(self) -> ClaimOrder {
        match self {
            ClaimOrder::Sources => ClaimOrder::IndependentSources,
            ClaimOrder::IndependentSources => ClaimOrder::ConflictsFirst,
            ClaimOrder::ConflictsFirst => ClaimOrder::Sources,
        }
    }
}

/// What the overview shows of a claim beyond the claim index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFacts {
    pub independent: usize,
    /// The claim's figures in publication order, where dated articles changed them.
    pub drift: Vec<DriftStep>,
}

/// One dated statement of a claim's figures, ready to show ("$10 billion", "CNBC",
/// "2025-12-17").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriftStep {
    pub figures: String,
    /// The article's source, else its title.
    pub source: String,
    pub date: String,
}

/// A piece of what the worker read, for [`SharedClaims::receive`].
#[derive(Debug, Clone)]
pub enum ClaimsRead {
    /// The sourcing of some mentions (the other sources of an article just opened).
    Sourcing(Vec<(u64, Sourcing)>),
    /// Facts of claims `first..first + facts.len()`, read in the background.
    Facts {
        first: usize,
        facts: Vec<ClaimFacts>,
    },
    /// Coverage rows and facts, by claim.
    Rows(Vec<(usize, CoverageRow, ClaimFacts)>),
    /// An article could not be read (what, and which).
    Failed(String),
}

fn key(article: &str, sentence: usize) -> MentionKey {
    MentionKey {
        article: article.to_string(),
        sentence,
    }
}

impl SharedClaims {
    pub fn new(index: Arc<ClaimIndex>) -> SharedClaims {
        SharedClaims {
            index,
            ..SharedClaims::default()
        }
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

    /// Who a claim sentence cites and how firmly it says it, once the worker has read it.
    pub fn sourcing(&self, article: &str, sentence: usize) -> Option<&Sourcing> {
        self.sourcing.get(&key(article, sentence).id())
    }

    /// Takes what the worker read. Returns a message for the status line when an article
    /// could not be read.
    pub fn receive(&mut self, read: ClaimsRead) -> Option<String> {
        match read {
            ClaimsRead::Sourcing(sourcing) => self.sourcing.extend(sourcing),
            ClaimsRead::Facts { first, facts } => {
                for (claim, facts) in (first..).zip(facts) {
                    self.set_facts(claim, facts);
                }
            }
            ClaimsRead::Rows(rows) => {
                if self.rows.len() + rows.len() > KEPT_ROWS {
                    self.rows.clear();
                }
                for (claim, row, facts) in rows {
                    self.requested.remove(&claim);
                    // A row of claims since replaced (the library was reloaded) is dropped.
                    if self
                        .index
                        .claims
                        .get(claim)
                        .is_some_and(|c| c.id == row.claim)
                    {
                        self.rows.insert(claim, row);
                        self.set_facts(claim, facts);
                    }
                }
            }
            ClaimsRead::Failed(message) => return Some(message),
        }
        None
    }

    fn set_facts(&mut self, claim: usize, facts: ClaimFacts) {
        if claim >= self.len() {
            return;
        }
        if self.facts.is_empty() {
            self.facts = vec![None; self.len()];
        }
        if self.facts[claim].replace(facts).is_none() {
            self.facts_known += 1;
        }
    }

    fn facts_of(&self, claim: usize) -> Option<&ClaimFacts> {
        self.facts.get(claim)?.as_ref()
    }

    /// While every claim's facts are being read: how many are known, of how many.
    pub fn facts_progress(&self) -> Option<(usize, usize)> {
        (self.all_facts_asked && self.facts_known < self.len())
            .then_some((self.facts_known, self.len()))
    }

    /// Whether every claim's facts are known.
    pub fn all_facts_known(&self) -> bool {
        self.facts_known == self.len()
    }

    /// What to ask the worker for so that a view can show what it `wants`; what is asked for
    /// is not asked again.
    pub fn requests(&mut self, wanted: &Wanted) -> Vec<ClaimsRequest> {
        let mut requests = Vec::new();
        if wanted.all_facts && !self.all_facts_asked && !self.all_facts_known() {
            self.all_facts_asked = true;
            requests.push(ClaimsRequest::AllFacts);
        }
        let missing: Vec<usize> = wanted
            .claims
            .iter()
            .copied()
            .filter(|&c| c < self.len() && !self.requested.contains(&c))
            .filter(|&c| {
                if wanted.rows {
                    !self.rows.contains_key(&c)
                } else {
                    self.facts_of(c).is_none()
                }
            })
            .collect();
        if !missing.is_empty() {
            self.requested.extend(missing.iter().copied());
            requests.push(ClaimsRequest::Rows(missing));
        }
        requests
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
            independent: self.facts_of(claim).map(|f| f.independent),
            conflict: c.has_conflict(),
        })
    }

    /// A claim's figures in publication order ("$10 billion" on 2025-12-17, "$50 billion" on
    /// 2026-01-29); empty unless two dated articles disagree, or before its facts are read.
    pub fn drift(&self, claim: usize) -> &[DriftStep] {
        self.facts_of(claim).map_or(&[], |f| &f.drift)
    }

    /// Claims in overview order. By independent sources, claims whose count is not read yet
    /// come last, by sources.
    pub fn overview_order(&self, order: ClaimOrder) -> Vec<usize> {
        let claims = &self.index.claims;
        let mut positions: Vec<usize> = (0..claims.len()).collect();
        let most = |i: usize| std::cmp::Reverse(claims[i].sources);
        match order {
            ClaimOrder::Sources => {}
            ClaimOrder::IndependentSources => positions.sort_by_key(|&i| {
                let independent = self.facts_of(i).map(|f| f.independent);
                (
                    independent.is_none(),
                    std::cmp::Reverse(independent),
                    most(i),
                )
            }),
            ClaimOrder::ConflictsFirst => {
                positions.sort_by_key(|&i| (!claims[i].has_conflict(), most(i)));
            }
        }
        positions
    }

    /// Where a claim is first made: its anchor mention's article and sentence.
    pub fn first_mention(&self, claim: usize) -> Option<(String, usize)> {
        let mention = &self.index.claims.get(claim)?.mentions.first()?.mention;
        Some((mention.key.article.clone(), mention.key.sentence))
    }

    /// The articles that make a claim, each once.
    pub fn articles_of(&self, claim: usize) -> Vec<&str> {
        let mut articles: Vec<&str> = Vec::new();
        for m in self
            .index
            .claims
            .get(claim)
            .map_or(&[][..], |c| &c.mentions)
        {
            let article = m.mention.key.article.as_str();
            if !articles.contains(&article) {
                articles.push(article);
            }
        }
        articles
    }

    /// The coverage row of a claim (row `i` of the matrix is claim `i`), once read.
    pub fn coverage_row(&self, claim: usize) -> Option<&CoverageRow> {
        self.rows.get(&claim)
    }

    /// Where `article` makes claim `claim` as its coverage cell says: the first of its
    /// sentences with the cell's stance.
    pub fn cell_sentence(&self, claim: usize, article: &str) -> Option<(String, usize)> {
        let cell = self
            .coverage_row(claim)?
            .cells
            .iter()
            .find(|c| c.article == article)?;
        let mention = self
            .index
            .claims
            .get(claim)?
            .mentions
            .iter()
            .filter(|m| m.mention.key.article == article && m.stance == cell.stance)
            .min_by_key(|m| m.mention.start)?;
        Some((article.to_string(), mention.mention.key.sentence))
    }
}

/// Claims whose coverage rows are read together: their articles are held at once.
const CLAIMS_AT_ONCE: usize = 8;

/// The worker's side: reads, for the claims it was given, what the reader shows of their
/// mentions' figures and sourcing.
pub struct ClaimsReading {
    index: Arc<ClaimIndex>,
    /// The article whose other sources' sourcing is still to read, with its sentence count.
    partners_of: Option<(String, usize)>,
    /// Mentions whose sourcing was handed over already.
    sent: HashSet<u64>,
    /// The next claim whose facts are to read in the background, once asked for.
    next_fact: Option<usize>,
    /// The first article that could not be read, not yet reported.
    failure: Option<String>,
}

impl ClaimsReading {
    pub fn new(index: Arc<ClaimIndex>) -> ClaimsReading {
        ClaimsReading {
            index,
            partners_of: None,
            sent: HashSet::new(),
            next_fact: None,
            failure: None,
        }
    }

    /// An article of `sentences` sentences was opened: the sourcing of its claims' other
    /// sources comes next.
    pub fn opened(&mut self, article: &str, sentences: usize) {
        self.partners_of = Some((article.to_string(), sentences));
    }

    /// Whether [`ClaimsReading::step`] has work left.
    pub fn busy(&self) -> bool {
        self.failure.is_some()
            || self.partners_of.is_some()
            || self
                .next_fact
                .is_some_and(|next| next < self.index.claims.len())
    }

    /// Answers what the reader asked for. Every claim's facts are read by later
    /// [`ClaimsReading::step`]s; that request is answered with nothing.
    pub fn answer(&mut self, library: &Library, request: ClaimsRequest) -> ClaimsRead {
        match request {
            ClaimsRequest::Rows(claims) => ClaimsRead::Rows(self.rows(library, &claims)),
            ClaimsRequest::AllFacts => {
                self.next_fact.get_or_insert(0);
                ClaimsRead::Facts {
                    first: 0,
                    facts: Vec::new(),
                }
            }
        }
    }

    /// Does the next piece of background work, for about `budget`: a failure to report, the
    /// sourcing of the open article's other sources, then claims' facts when every claim's
    /// were asked for. `None` when there is nothing left to do.
    pub fn step(&mut self, library: &Library, budget: Duration) -> Option<ClaimsRead> {
        if let Some(failure) = self.failure.take() {
            return Some(ClaimsRead::Failed(failure));
        }
        if let Some((article, sentences)) = self.partners_of.take() {
            return Some(ClaimsRead::Sourcing(
                self.partners(library, &article, sentences),
            ));
        }
        let total = self.index.claims.len();
        let first = self.next_fact.filter(|&next| next < total)?;
        let started = Instant::now();
        let mut next = first;
        let mut facts = Vec::new();
        // One claim at least, however short the budget.
        while next < total && (facts.is_empty() || started.elapsed() < budget) {
            let row = self.rows(library, &[next]).pop();
            facts.push(row.map(|(_, _, facts)| facts).unwrap_or_default());
            next += 1;
        }
        self.next_fact = Some(next);
        Some(ClaimsRead::Facts { first, facts })
    }

    /// The sourcing of the mentions, in other articles, of the claims `article` makes.
    fn partners(
        &mut self,
        library: &Library,
        article: &str,
        sentences: usize,
    ) -> Vec<(u64, Sourcing)> {
        let index = self.index.clone();
        let claims: HashSet<usize> = (0..sentences)
            .filter_map(|s| index.claim_of(&key(article, s)))
            .collect();
        // Only the mentions still to read, so that only their articles are read.
        let claims: Vec<Claim> = claims
            .into_iter()
            .map(|c| {
                let mut claim = index.claims[c].clone();
                claim.mentions.retain(|m| {
                    m.mention.key.article != article && !self.sent.contains(&m.mention.key.id())
                });
                claim
            })
            .collect();
        let stored = self.load(library, &claims);
        let sourcing: HashMap<&str, ArticleSourcing<'_>> = stored
            .iter()
            .map(|(id, article)| (id.as_str(), ArticleSourcing::new(article)))
            .collect();
        let mut found = Vec::new();
        for m in claims.iter().flat_map(|c| &c.mentions) {
            let mention = &m.mention;
            let id = mention.key.id();
            if self.sent.contains(&id) {
                continue;
            }
            if let Some(other) = sourcing.get(mention.key.article.as_str()) {
                self.sent.insert(id);
                found.push((id, other.sentence(mention.start, mention.end)));
            }
        }
        found
    }

    /// The stored articles that make `claims`; none when the index cannot be read (the first
    /// such error is reported).
    fn load(&mut self, library: &Library, claims: &[Claim]) -> HashMap<String, StoredArticle> {
        load_claim_articles(library, claims).unwrap_or_else(|err| {
            self.failure
                .get_or_insert_with(|| format!("cannot read the articles of a claim: {err}"));
            HashMap::new()
        })
    }

    /// The coverage rows of `claims` over the articles that make them, with their facts, a
    /// few claims at a time (a row does not depend on the other claims), so that only a few
    /// claims' articles are held at once.
    fn rows(
        &mut self,
        library: &Library,
        claims: &[usize],
    ) -> Vec<(usize, CoverageRow, ClaimFacts)> {
        let claims: Vec<usize> = claims
            .iter()
            .copied()
            .filter(|&c| c < self.index.claims.len())
            .collect();
        claims
            .chunks(CLAIMS_AT_ONCE)
            .flat_map(|chunk| self.rows_together(library, chunk))
            .collect()
    }

    /// The coverage rows of `claims`, read together.
    fn rows_together(
        &mut self,
        library: &Library,
        claims: &[usize],
    ) -> Vec<(usize, CoverageRow, ClaimFacts)> {
        let chosen: Vec<Claim> = claims
            .iter()
            .map(|&c| self.index.claims[c].clone())
            .collect();
        let stored = self.load(library, &chosen);
        let articles: Vec<ArticleSummary> = stored
            .values()
            .map(|a| ArticleSummary::of(&a.article))
            .collect();
        let coverage = Coverage::from_claims(&articles, &chosen, &stored);
        let facts: Vec<ClaimFacts> = coverage
            .rows
            .iter()
            .map(|row| facts_of(&coverage, row))
            .collect();
        claims
            .iter()
            .copied()
            .zip(coverage.rows)
            .zip(facts)
            .map(|((claim, row), facts)| (claim, row, facts))
            .collect()
    }
}

/// A claim's overview facts from its coverage row.
fn facts_of(coverage: &Coverage, row: &CoverageRow) -> ClaimFacts {
    ClaimFacts {
        independent: row.independent_sources,
        drift: row
            .drift(&coverage.articles)
            .into_iter()
            .map(|point| DriftStep {
                figures: point
                    .figures
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                source: point
                    .article
                    .source
                    .clone()
                    .unwrap_or_else(|| point.article.title.clone()),
                date: point
                    .article
                    .published
                    .as_deref()
                    .map(|d| crate::text::truncate_on_char_boundary(d, 10).to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::links::{Link, LinkStore, LinkedMention};

    /// The sample articles in a temporary library, with their shared claims.
    fn sample() -> (Library, Arc<ClaimIndex>) {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        let mut library = Library::temporary().unwrap();
        library.add(&[seeds], &mut |_| {}).unwrap();
        let index = Arc::new(ClaimIndex::new(library.links().unwrap()));
        (library, index)
    }

    /// Two claims: one made by articles "a" and "b", one by "c" and "d" (which no library
    /// holds).
    fn two_stories() -> Arc<ClaimIndex> {
        let mention = |article: &str| {
            let text = format!("{article} says Amazon may invest $10 billion in OpenAI.");
            Arc::new(LinkedMention {
                key: key(article, 0),
                start: 0,
                end: text.len(),
                summary: "amazon, openai – invest".to_string(),
                text,
            })
        };
        let link = |a, b| Link {
            a,
            b,
            score: 1.0,
            stance: Stance::Support,
            detail: None,
        };
        let mut store = LinkStore::default();
        store.mentions = ["a", "b", "c", "d"].map(mention).to_vec();
        store.links = vec![link(0, 1), link(2, 3)];
        // Two stories of two articles each: a and b, c and d.
        for (x, y) in [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")] {
            store.neighbours.offer(x, y, 0.5);
        }
        Arc::new(ClaimIndex::new(&store))
    }

    #[test]
    fn opening_an_article_reads_the_sourcing_of_its_claims_other_sources_once() {
        let (library, index) = sample();
        let (claim, anchor) = (0, &index.claims[0].mentions[0].mention);
        let mut reading = ClaimsReading::new(index.clone());
        reading.opened(&anchor.key.article, anchor.key.sentence + 1);
        let Some(ClaimsRead::Sourcing(found)) = reading.step(&library, Duration::MAX) else {
            panic!("the open article's other sources come first");
        };
        let others: HashSet<u64> = index.claims[claim]
            .mentions
            .iter()
            .filter(|m| m.mention.key.article != anchor.key.article)
            .map(|m| m.mention.key.id())
            .collect();
        let found: HashSet<u64> = found.into_iter().map(|(id, _)| id).collect();
        assert!(others.is_subset(&found), "{others:?} {found:?}");
        assert!(
            !found.contains(&anchor.key.id()),
            "not the open article's own"
        );
        // Opened again: nothing new to read.
        reading.opened(&anchor.key.article, anchor.key.sentence + 1);
        let Some(ClaimsRead::Sourcing(again)) = reading.step(&library, Duration::MAX) else {
            panic!("a sourcing piece");
        };
        assert!(again.is_empty());
    }

    #[test]
    fn every_claims_facts_are_read_claim_by_claim_once_asked_for() {
        let (library, index) = sample();
        let total = index.claims.len();
        let mut reading = ClaimsReading::new(index.clone());
        let mut claims = SharedClaims::new(index.clone());
        // Nothing is read until a view asks.
        assert!(!reading.busy());
        assert!(reading.step(&library, Duration::MAX).is_none());
        let wanted = Wanted {
            all_facts: true,
            ..Wanted::default()
        };
        let requests = claims.requests(&wanted);
        assert_eq!(requests, [ClaimsRequest::AllFacts]);
        assert!(claims.requests(&wanted).is_empty(), "asked for once");
        for request in requests {
            claims.receive(reading.answer(&library, request));
        }
        assert_eq!(claims.facts_progress(), Some((0, total)));
        // A step reads one claim at least, however short its budget.
        let Some(ClaimsRead::Facts { first, facts }) = reading.step(&library, Duration::ZERO)
        else {
            panic!("facts");
        };
        assert_eq!((first, facts.len()), (0, 1));
        // The sample's most reported claim: every article is an independent source, none
        // citing another's report but the CNBC one (which cites CNBC and The Information).
        let articles = claims.articles_of(0).len();
        assert!(articles >= 4, "{articles}");
        assert_eq!(facts[0].independent, articles);
        claims.receive(ClaimsRead::Facts { first, facts });
        assert_eq!(claims.row(0).unwrap().independent, Some(articles));
        assert_eq!(claims.facts_progress(), Some((1, total)));
        while let Some(read) = reading.step(&library, Duration::MAX) {
            claims.receive(read);
        }
        assert!(!reading.busy());
        assert_eq!(claims.facts_progress(), None);
        assert!(claims.all_facts_known());
    }

    #[test]
    fn coverage_rows_are_asked_for_once_and_kept_for_their_claims_only() {
        let (library, index) = sample();
        let total = index.claims.len();
        let mut claims = SharedClaims::new(index.clone());
        let wanted = Wanted {
            claims: (0..100).collect(),
            rows: true,
            all_facts: false,
        };
        let requests = claims.requests(&wanted);
        assert_eq!(requests, [ClaimsRequest::Rows((0..total).collect())]);
        assert!(claims.requests(&wanted).is_empty(), "asked for already");
        let mut reading = ClaimsReading::new(index.clone());
        let articles = claims.articles_of(0).len();
        assert!(articles >= 4, "{articles}");
        let ClaimsRead::Rows(mut rows) =
            reading.answer(&library, ClaimsRequest::Rows((0..total).collect()))
        else {
            panic!("rows");
        };
        assert_eq!(rows.len(), total);
        // A row that does not belong to its claim (from claims since replaced) is dropped.
        rows[1].1.claim.push_str("-gone");
        claims.receive(ClaimsRead::Rows(rows));
        assert!(claims.coverage_row(0).is_some());
        assert!(claims.coverage_row(1).is_none());
        assert_eq!(
            claims.row(0).unwrap().independent,
            Some(articles),
            "rows bring facts"
        );
        assert_eq!(
            claims.requests(&wanted),
            [ClaimsRequest::Rows(vec![1])],
            "the dropped row is asked for again"
        );
        // The CNBC article's cell of the most reported claim contradicts it.
        let row = claims.coverage_row(0).unwrap();
        let conflict = row
            .cells
            .iter()
            .find(|c| c.stance == Stance::Conflict)
            .unwrap();
        let (article, sentence) = claims.cell_sentence(0, &conflict.article).unwrap();
        assert_eq!(claims.claim_of(&article, sentence), Some(0));
    }

    #[test]
    fn independent_sources_order_what_is_read_and_put_the_rest_last() {
        let mut claims = SharedClaims::new(two_stories());
        let facts = |first, independent| ClaimsRead::Facts {
            first,
            facts: vec![ClaimFacts {
                independent,
                drift: Vec::new(),
            }],
        };
        assert_eq!(
            claims.overview_order(ClaimOrder::IndependentSources),
            [0, 1]
        );
        claims.receive(facts(0, 1));
        assert_eq!(claims.row(1).unwrap().independent, None);
        assert_eq!(
            claims.overview_order(ClaimOrder::IndependentSources),
            [0, 1]
        );
        // Both claims have two articles; the second rests on two independent sources.
        claims.receive(facts(1, 2));
        assert_eq!(
            claims.overview_order(ClaimOrder::IndependentSources),
            [1, 0]
        );
        assert_eq!(claims.overview_order(ClaimOrder::Sources), [0, 1]);
    }
}
