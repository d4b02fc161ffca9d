//! The coverage matrix: which article makes which claim, agreeing or contradicting, how
//! firmly, and on whose word.
//!
//! A reader following a story wants the whole picture at once: claims as rows, articles as
//! columns, each cell the article's stance towards the claim with its figures and certainty,
//! or nothing when the article does not make the claim. This module builds that matrix from
//! the library's claims and stored articles (figures and sourcing come from each article's
//! own analysis, never re-derived from text elsewhere), and offers what a claims overview
//! needs: how many independent original sources a claim rests on, and its figures in
//! publication order (who said $10 billion first, who later said $50 billion).

use std::collections::HashMap;

use serde::Serialize;

use crate::claims::Stance;
use crate::entities::Entity;
use crate::error::Result;
use crate::library::Library;
use crate::library::catalog::ArticleSummary;
use crate::library::index::StoredArticle;
use crate::library::links::{Claim, figures_in};
use crate::sourcing::{ArticleSourcing, Attribution, Certainty, Sourcing, independent_sources};

/// Claims as rows, articles as columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Every article of the library, oldest first (undated ones last, by title).
    pub articles: Vec<CoverageArticle>,
    /// Claims made by two or more articles, most sources first.
    pub rows: Vec<CoverageRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageArticle {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// One claim and the articles that make it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageRow {
    /// The claim's id, as in `crossread claims --json`.
    pub claim: String,
    pub summary: String,
    /// One cell per article that makes the claim, in the order of [`Coverage::articles`].
    pub cells: Vec<CoverageCell>,
    /// How many independent original sources the claim rests on: articles that all cite The
    /// Information count once (see [`independent_sources`]).
    #[serde(skip)]
    pub independent_sources: usize,
}

/// How one article makes a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageCell {
    pub article: String,
    /// `conflict` when any of the article's mentions contradicts the claim's figures or dates.
    pub stance: Stance,
    /// The figures and dates of the article's mentions with that stance, in text order.
    pub values: Vec<Figure>,
    /// The certainty of the first of those mentions: where the article states the claim.
    pub certainty: Certainty,
    /// Who those mentions attribute the claim to.
    #[serde(skip)]
    pub attribution: Vec<Attribution>,
}

/// A figure or date as the claims and coverage reports list it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// "MONEY", "PERCENT", "QUANTITY" or "DATE".
    pub kind: &'static str,
    pub text: String,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub normalized: Option<String>,
}

impl From<&Entity> for Figure {
    fn from(e: &Entity) -> Figure {
        Figure {
            kind: e.kind.label(),
            text: e.text.clone(),
            value: e.value,
            unit: e.unit.clone(),
            normalized: e.normalized.clone(),
        }
    }
}

impl Figure {
    fn is_date(&self) -> bool {
        self.kind == crate::entities::EntityKind::Date.label()
    }

    /// What the figure states, for comparison: its value and unit when known ("$50B" and
    /// "$50 billion" state the same), else its normalised date or its text.
    fn meaning(&self) -> String {
        match (self.value, &self.normalized) {
            (Some(value), _) => format!(
                "{} {value} {}",
                self.kind,
                self.unit.as_deref().unwrap_or("")
            ),
            (None, Some(date)) => format!("{} {date}", self.kind),
            (None, None) => format!("{} {}", self.kind, self.text.to_lowercase()),
        }
    }

    /// Whether two figures state the same thing.
    pub fn same_as(&self, other: &Figure) -> bool {
        self.meaning() == other.meaning()
    }
}

/// What one claim mention states, read from its article: the figures and dates of its
/// sentence, and its attribution and certainty.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionDetails {
    pub figures: Vec<Entity>,
    pub sourcing: Sourcing,
}

/// The stored articles that take part in `claims`, loaded once each.
pub fn load_claim_articles(
    library: &Library,
    claims: &[Claim],
) -> Result<HashMap<String, StoredArticle>> {
    let mut stored = HashMap::new();
    for claim in claims {
        for m in &claim.mentions {
            let id = &m.mention.key.article;
            if !stored.contains_key(id)
                && let Some(article) = library.article(id)?
            {
                stored.insert(id.clone(), article);
            }
        }
    }
    Ok(stored)
}

/// The details of every mention of every claim, in the claims' own order. A mention whose
/// article is missing from `stored` has no figures and no attribution, and is certain.
pub fn mention_details(
    claims: &[Claim],
    stored: &HashMap<String, StoredArticle>,
) -> Vec<Vec<MentionDetails>> {
    let sourcing: HashMap<&str, ArticleSourcing<'_>> = stored
        .iter()
        .map(|(id, article)| (id.as_str(), ArticleSourcing::new(article)))
        .collect();
    claims
        .iter()
        .map(|claim| {
            claim
                .mentions
                .iter()
                .map(|m| {
                    let (start, end) = (m.mention.start, m.mention.end);
                    let article = m.mention.key.article.as_str();
                    MentionDetails {
                        figures: stored
                            .get(article)
                            .map(|a| figures_in(&a.entities, start, end))
                            .unwrap_or_default(),
                        sourcing: sourcing.get(article).map_or_else(
                            || Sourcing {
                                attribution: Vec::new(),
                                certainty: Certainty::Certain,
                            },
                            |s| s.sentence(start, end),
                        ),
                    }
                })
                .collect()
        })
        .collect()
}

impl Coverage {
    /// The coverage matrix of a library.
    pub fn build(library: &Library) -> Result<Coverage> {
        let claims = library.links()?.claims();
        let stored = load_claim_articles(library, &claims)?;
        Ok(Coverage::from_claims(&library.list(), &claims, &stored))
    }

    /// The matrix of `claims` over `articles`, with figures and sourcing from `stored`.
    pub fn from_claims(
        articles: &[ArticleSummary],
        claims: &[Claim],
        stored: &HashMap<String, StoredArticle>,
    ) -> Coverage {
        let mut columns: Vec<CoverageArticle> = articles
            .iter()
            .map(|a| CoverageArticle {
                id: a.id.clone(),
                title: a.title.clone(),
                source: a.source.clone(),
                published: a.published.clone(),
            })
            .collect();
        columns.sort_by(|a, b| {
            (a.published.is_none(), &a.published, &a.title, &a.id).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.title,
                &b.id,
            ))
        });
        let column_of: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let details = mention_details(claims, stored);
        let rows = claims
            .iter()
            .zip(&details)
            .map(|(claim, details)| {
                let mut cells = row_cells(claim, details);
                cells.sort_by_key(|c| column_of.get(c.article.as_str()).copied());
                let publishers: Vec<String> = cells
                    .iter()
                    .map(|c| {
                        column_of
                            .get(c.article.as_str())
                            .and_then(|&i| columns[i].source.clone())
                            .unwrap_or_else(|| c.article.clone())
                    })
                    .collect();
                let independent = independent_sources(
                    publishers
                        .iter()
                        .zip(&cells)
                        .map(|(p, c)| (p.as_str(), c.attribution.as_slice())),
                );
                CoverageRow {
                    claim: claim.id.clone(),
                    summary: claim.summary.clone(),
                    cells,
                    independent_sources: independent,
                }
            })
            .collect();
        Coverage {
            articles: columns,
            rows,
        }
    }
}

/// One cell per article making the claim, in the order the claim lists them.
fn row_cells(claim: &Claim, details: &[MentionDetails]) -> Vec<CoverageCell> {
    let mut order: Vec<&str> = Vec::new();
    for m in &claim.mentions {
        let article = m.mention.key.article.as_str();
        if !order.contains(&article) {
            order.push(article);
        }
    }
    order
        .into_iter()
        .map(|article| {
            let mut mentions: Vec<(usize, Stance, &MentionDetails)> = claim
                .mentions
                .iter()
                .zip(details)
                .filter(|(m, _)| m.mention.key.article == article)
                .map(|(m, d)| (m.mention.start, m.stance, d))
                .collect();
            mentions.sort_by_key(|&(start, ..)| start);
            let stance = if mentions.iter().any(|&(_, s, _)| s == Stance::Conflict) {
                Stance::Conflict
            } else {
                Stance::Support
            };
            let stating: Vec<&MentionDetails> = mentions
                .iter()
                .filter(|&&(_, s, _)| s == stance)
                .map(|&(_, _, d)| d)
                .collect();
            let mut values: Vec<Figure> = Vec::new();
            let mut attribution: Vec<Attribution> = Vec::new();
            for d in &stating {
                for figure in d.figures.iter().map(Figure::from) {
                    if !values.iter().any(|v| v.same_as(&figure)) {
                        values.push(figure);
                    }
                }
                for a in &d.sourcing.attribution {
                    if !attribution.contains(a) {
                        attribution.push(a.clone());
                    }
                }
            }
            CoverageCell {
                article: article.to_string(),
                stance,
                values,
                certainty: stating
                    .first()
                    .map_or(Certainty::Certain, |d| d.sourcing.certainty),
                attribution,
            }
        })
        .collect()
}

/// One dated statement of a claim's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct DriftPoint<'a> {
    pub article: &'a CoverageArticle,
    pub cell: &'a CoverageCell,
    /// The cell's figures without its dates.
    pub figures: Vec<&'a Figure>,
}

impl CoverageRow {
    /// The claim's figures in publication order: each dated article's figures, oldest
    /// first, for articles whose figures differ from the statement before ("$10 billion"
    /// on the 28th, "$50 billion" on the 29th). Empty unless two dated articles disagree.
    pub fn drift<'a>(&'a self, articles: &'a [CoverageArticle]) -> Vec<DriftPoint<'a>> {
        let mut points: Vec<DriftPoint<'a>> = articles
            .iter()
            .filter(|a| a.published.is_some())
            .filter_map(|article| {
                let cell = self.cells.iter().find(|c| c.article == article.id)?;
                let figures: Vec<&Figure> = cell.values.iter().filter(|v| !v.is_date()).collect();
                (!figures.is_empty()).then_some(DriftPoint {
                    article,
                    cell,
                    figures,
                })
            })
            .collect();
        points.sort_by(|a, b| a.article.published.cmp(&b.article.published));
        let key =
            |p: &DriftPoint<'_>| -> Vec<String> { p.figures.iter().map(|f| f.meaning()).collect() };
        points.dedup_by(|later, earlier| key(later) == key(earlier));
        if points.len() < 2 {
            points.clear();
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::article::Article;
    use crate::library::links::{ClaimMention, LinkedMention, MentionKey};
    use crate::sourcing::Role;

    /// A one-sentence article as the library stores it.
    fn stored(id: &str, source: &str, published: Option<&str>, text: &str) -> StoredArticle {
        StoredArticle {
            article: Article {
                id: id.to_string(),
                title: text.to_string(),
                source: Some(source.to_string()),
                url: None,
                author: None,
                published: published.map(str::to_string),
                path: None,
                paragraphs: vec![text.to_string()],
            },
            sentences: vec![(0, text.len())],
            entities: crate::entities::recognize(text, published),
        }
    }

    fn mention(article: &StoredArticle, stance: Stance, position: u32) -> ClaimMention {
        let text = article.article.paragraphs[0].clone();
        ClaimMention {
            mention: Arc::new(LinkedMention {
                key: MentionKey {
                    article: article.article.id.clone(),
                    sentence: 0,
                },
                start: 0,
                end: text.len(),
                text,
                summary: "amazon, openai – invest".to_string(),
            }),
            position,
            stance,
            detail: None,
        }
    }

    fn story() -> (
        Vec<ArticleSummary>,
        Vec<Claim>,
        HashMap<String, StoredArticle>,
    ) {
        let articles = [
            stored(
                "blog",
                "A Blog",
                None,
                "Amazon will invest $50 billion in OpenAI.",
            ),
            stored(
                "cnbc",
                "CNBC",
                Some("2026-01-29"),
                "Amazon is in talks to invest $50 billion in OpenAI, according to The Information.",
            ),
            stored(
                "reuters",
                "Reuters",
                Some("2026-01-28"),
                "The Information reported that Amazon may invest $10 billion in OpenAI.",
            ),
        ];
        let claim = Claim {
            id: "c1".to_string(),
            summary: "amazon, openai – invest".to_string(),
            sources: 3,
            mentions: vec![
                mention(&articles[1], Stance::Support, 0),
                mention(&articles[0], Stance::Support, 1),
                mention(&articles[2], Stance::Conflict, 2),
            ],
        };
        let summaries = articles
            .iter()
            .map(|a| ArticleSummary::of(&a.article))
            .collect();
        let stored = articles
            .into_iter()
            .map(|a| (a.article.id.clone(), a))
            .collect();
        (summaries, vec![claim], stored)
    }

    #[test]
    fn columns_run_oldest_first_and_cells_follow_them() {
        let (articles, claims, stored) = story();
        let coverage = Coverage::from_claims(&articles, &claims, &stored);
        let columns: Vec<&str> = coverage.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(columns, ["reuters", "cnbc", "blog"]);
        let row = &coverage.rows[0];
        let cells: Vec<(&str, Stance, Certainty)> = row
            .cells
            .iter()
            .map(|c| (c.article.as_str(), c.stance, c.certainty))
            .collect();
        assert_eq!(
            cells,
            [
                ("reuters", Stance::Conflict, Certainty::Possible),
                ("cnbc", Stance::Support, Certainty::Possible),
                ("blog", Stance::Support, Certainty::Probable),
            ]
        );
        assert_eq!(row.cells[0].values[0].text, "$10 billion");
        assert_eq!(
            row.cells[0].attribution,
            [Attribution {
                source: "The Information".to_string(),
                role: Role::AccordingTo
            }]
        );
    }

    #[test]
    fn two_outlets_citing_the_information_are_one_independent_source() {
        let (articles, claims, stored) = story();
        let coverage = Coverage::from_claims(&articles, &claims, &stored);
        assert_eq!(coverage.rows[0].cells.len(), 3);
        assert_eq!(coverage.rows[0].independent_sources, 2);
    }

    #[test]
    fn figures_drift_in_publication_order() {
        let (articles, claims, stored) = story();
        let coverage = Coverage::from_claims(&articles, &claims, &stored);
        let drift = coverage.rows[0].drift(&coverage.articles);
        let steps: Vec<(&str, &str)> = drift
            .iter()
            .map(|p| (p.article.id.as_str(), p.figures[0].text.as_str()))
            .collect();
        assert_eq!(steps, [("reuters", "$10 billion"), ("cnbc", "$50 billion")]);
    }

    #[test]
    fn the_same_figure_written_twice_is_listed_once() {
        let a = Figure {
            kind: "MONEY",
            text: "$50 Billion".to_string(),
            value: Some(5e10),
            unit: Some("USD".to_string()),
            normalized: None,
        };
        let b = Figure {
            text: "$50B".to_string(),
            ..a.clone()
        };
        assert!(a.same_as(&b));
        assert!(!a.same_as(&Figure {
            value: Some(1e10),
            ..b
        }));
    }
}
