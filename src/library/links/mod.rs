//! Cross-source claim linking over the whole library, incrementally.
//!
//! When an article is indexed, each of its sentences that makes a claim becomes a [`Mention`]
//! with a claim signature, stored as a `sentence` document of the index. Linking a new article
//! updates the stories ([`stories`]: each article's nearest articles, kept exact as the library
//! grows) and judges the mentions of each new pair of neighbouring articles with the learned
//! scorer ([`candidates`]); an article has a bounded number of neighbours, so the cost grows
//! with the article, not with the library. Accepted links live in [`LinkStore`], which the
//! reader loads once so its side panel opens instantly; grouping links into claims happens on
//! demand. [`file`] keeps the links on disk, in a journal an add appends to.

pub(crate) mod candidates;
pub(crate) mod file;
pub mod stories;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::claims::{self, ClaimSignature, Stance};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::library::Layout;
use crate::library::index::StoredArticle;

/// A mention is identified by its article and the index of its sentence in that article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentionKey {
    pub article: String,
    pub sentence: usize,
}

impl MentionKey {
    /// A 64-bit id for the index (FNV-1a; at a million mentions the odds of any collision
    /// are about 1 in 30 million).
    pub fn id(&self) -> u64 {
        crate::text::stable_hash(&[self.article.as_bytes(), &self.sentence.to_le_bytes()])
    }
}

/// A sentence that makes a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub key: MentionKey,
    /// Byte range of the sentence in the article body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub signature: ClaimSignature,
}

/// What the link store keeps of a linked mention: enough to show it and to name its claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedMention {
    pub key: MentionKey,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The claim's short summary as this sentence states it.
    pub summary: String,
}

impl From<&Mention> for LinkedMention {
    fn from(m: &Mention) -> LinkedMention {
        LinkedMention {
            key: m.key.clone(),
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            summary: claims::summary(&m.signature),
        }
    }
}

/// A judged link between mentions of two different articles, by their positions in
/// [`LinkStore::mentions`] (`a` < `b`; removing mentions keeps that order). Stored as a JSON array `[a, b, score, stance, detail]`:
/// a large library has millions of links, and this is their bulk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "LinkRow", into = "LinkRow")]
pub struct Link {
    pub a: u32,
    pub b: u32,
    pub score: f32,
    pub stance: Stance,
    /// The conflicting figures, for a conflict (boxed: a large library holds a million links,
    /// and `Option<Box<str>>` is 8 bytes smaller than `Option<String>`).
    pub detail: Option<Box<str>>,
}

#[derive(Serialize, Deserialize)]
struct LinkRow(u32, u32, f32, Stance, #[serde(default)] Option<Box<str>>);

impl From<LinkRow> for Link {
    fn from(LinkRow(a, b, score, stance, detail): LinkRow) -> Link {
        Link {
            a,
            b,
            score,
            stance,
            detail,
        }
    }
}

impl From<Link> for LinkRow {
    fn from(l: Link) -> LinkRow {
        LinkRow(l.a, l.b, l.score, l.stance, l.detail)
    }
}

/// Figures and dates: what the claims report lists as a mention's `values`.
fn is_figure(e: &Entity) -> bool {
    matches!(
        e.kind,
        EntityKind::Money | EntityKind::Percent | EntityKind::Quantity | EntityKind::Date
    )
}

/// The figures and dates among an article's entities that lie inside `start..end` (a
/// mention's sentence): the link store keeps offsets only, and callers that show figures
/// take them from the stored article.
pub fn figures_in(entities: &[Entity], start: usize, end: usize) -> Vec<Entity> {
    entities
        .iter()
        .filter(|e| e.start >= start && e.end <= end && is_figure(e))
        .cloned()
        .collect()
}

/// The claim mentions of one article, as computed at indexing (none for an article that does
/// not read as English: [`claims::reads_as_english`]).
pub fn mentions_of(stored: &StoredArticle) -> Vec<Mention> {
    let body = stored.article.body();
    if !claims::reads_as_english(&body) {
        return Vec::new();
    }
    let published = stored.article.published.as_deref();
    // The article's lead names stand in for pronouns ("The company said ...").
    let context = claims::ArticleContext::new(&claims::article_participants(&stored.entities));
    let mut mentions = Vec::new();
    let mut entity_cursor = 0;
    for (index, &(start, end)) in stored.sentences.iter().enumerate() {
        while entity_cursor < stored.entities.len() && stored.entities[entity_cursor].end <= start {
            entity_cursor += 1;
        }
        let inside: Vec<&Entity> = stored.entities[entity_cursor..]
            .iter()
            .take_while(|e| e.start < end)
            .filter(|e| e.start >= start && e.end <= end)
            .collect();
        let relative: Vec<Entity> = inside
            .iter()
            .map(|e| Entity {
                start: e.start - start,
                end: e.end - start,
                ..(*e).clone()
            })
            .collect();
        let text = &body[start..end];
        let Some(mut signature) = claims::signature_with(text, &relative, published, &context)
        else {
            continue;
        };
        signature.position = index as u32;
        mentions.push(Mention {
            key: MentionKey {
                article: stored.article.id.clone(),
                sentence: index,
            },
            start,
            end,
            text: text.to_string(),
            signature,
        });
    }
    mentions
}

/// All accepted links, and the mentions they join. Links refer to mentions by position, so
/// a link costs a few bytes in memory and on disk however long the article ids are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkStore {
    #[serde(default)]
    format: u32,
    /// Mentions that take part in at least one link (shared with the claims built from them,
    /// so a large library holds each mention's text once).
    pub mentions: Vec<Arc<LinkedMention>>,
    pub links: Vec<Link>,
    /// Every article's nearest articles: which links are still candidates, and the story part
    /// of their probability.
    #[serde(default)]
    pub neighbours: crate::claims::neighbours::NeighbourLists,
    /// Position of each mention by key, and the linked pairs: only writers need them, so
    /// they are built on the first write (a reader of a large library never pays for them).
    #[serde(skip)]
    position: HashMap<MentionKey, u32>,
    #[serde(skip)]
    linked: HashSet<(u32, u32)>,
    #[serde(skip)]
    indexed: bool,
}

impl LinkStore {
    /// Reads `links.json` as libraries wrote it before the links journal ([`file`]); None
    /// when there is none.
    pub fn load_legacy(path: &Path) -> Result<Option<LinkStore>> {
        let Some(store) = crate::fsutil::load_json::<LinkStore>(path, "claim links")? else {
            return Ok(None);
        };
        let corrupt = |reason: String| crate::error::LibraryError::Corrupt {
            path: path.to_path_buf(),
            reason,
        };
        if store.format != Layout::LEGACY_LINKS_FORMAT {
            return Err(corrupt(format!(
                "links format {} is not the one this version reads ({}); run `crossread doctor --rebuild`",
                store.format,
                Layout::LEGACY_LINKS_FORMAT
            )));
        }
        let count = store.mentions.len() as u32;
        if let Some(bad) = store.links.iter().find(|l| l.a >= l.b || l.b >= count) {
            return Err(corrupt(format!(
                "link [{}, {}] does not join two of the {count} mentions in order; run `crossread doctor --rebuild`",
                bad.a, bad.b
            )));
        }
        Ok(Some(store))
    }

    /// A store of `mentions` and the `links` between them (by position, `a` < `b`).
    pub(crate) fn from_parts(mentions: Vec<Arc<LinkedMention>>, links: Vec<Link>) -> LinkStore {
        LinkStore {
            mentions,
            links,
            ..LinkStore::default()
        }
    }

    fn reindex(&mut self) {
        self.indexed = true;
        self.position = self
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.key.clone(), i as u32))
            .collect();
        self.linked = self.links.iter().map(|l| (l.a, l.b)).collect();
    }

    /// The mention a link end refers to.
    pub fn mention(&self, position: u32) -> &LinkedMention {
        &self.mentions[position as usize]
    }

    /// Drops every link that touches one of `articles` (they are being replaced or removed),
    /// and the mentions left without links.
    pub fn forget_articles(&mut self, articles: &HashSet<String>) {
        let gone = |m: &LinkedMention| articles.contains(&m.key.article);
        if !self.mentions.iter().any(|m| gone(m)) {
            return;
        }
        let links = std::mem::take(&mut self.links);
        let kept: Vec<Link> = links
            .into_iter()
            .filter(|l| !gone(self.mention(l.a)) && !gone(self.mention(l.b)))
            .collect();
        let mut used = vec![false; self.mentions.len()];
        for l in &kept {
            used[l.a as usize] = true;
            used[l.b as usize] = true;
        }
        let mut renumber = vec![u32::MAX; self.mentions.len()];
        let mut mentions = Vec::new();
        for (i, m) in std::mem::take(&mut self.mentions).into_iter().enumerate() {
            if used[i] {
                renumber[i] = mentions.len() as u32;
                mentions.push(m);
            }
        }
        self.mentions = mentions;
        self.links = kept
            .into_iter()
            .map(|l| Link {
                a: renumber[l.a as usize],
                b: renumber[l.b as usize],
                ..l
            })
            .collect();
        self.reindex();
    }

    fn intern(&mut self, m: &Mention) -> u32 {
        if !self.indexed {
            self.reindex();
        }
        if let Some(&i) = self.position.get(&m.key) {
            return i;
        }
        let i = self.mentions.len() as u32;
        self.mentions.push(Arc::new(LinkedMention::from(m)));
        self.position.insert(m.key.clone(), i);
        i
    }

    /// Adds a link unless the pair is already linked.
    pub fn insert(&mut self, a: &Mention, b: &Mention, judgement: claims::LinkJudgement) {
        let (x, y) = (self.intern(a), self.intern(b));
        let (a, b) = (x.min(y), x.max(y));
        // `intern` built the indexes.
        if !self.linked.insert((a, b)) {
            return;
        }
        self.links.push(Link {
            a,
            b,
            score: judgement.score,
            stance: judgement.stance,
            detail: judgement.detail.map(String::into_boxed_str),
        });
    }

    /// The probability that a link's two mentions state the same claim, given the library's
    /// nearest-neighbour lists as they are now; `None` when the two articles are no longer
    /// neighbours (only neighbours are candidates, so the result never depends on the order
    /// articles were added in).
    pub fn probability(&self, link: &Link) -> Option<f32> {
        let (a, b) = (
            &self.mention(link.a).key.article,
            &self.mention(link.b).key.article,
        );
        if !self.neighbours.near(a, b) {
            return None;
        }
        let story = self.neighbours.story_features(a, b);
        Some(claims::same_claim_probability(link.score, &story))
    }

    /// Groups the links into claims made by two or more articles: average linkage over the
    /// links' probabilities ([`claims::cluster::average_link`]) at the model's threshold.
    pub fn claims(&self) -> Vec<Claim> {
        // Grouping works in key order, so claims do not depend on the order links were found.
        let mut by_key: Vec<usize> = (0..self.mentions.len()).collect();
        by_key.sort_by(|&x, &y| self.mentions[x].key.cmp(&self.mentions[y].key));
        let mut rank = vec![0usize; by_key.len()];
        for (r, &position) in by_key.iter().enumerate() {
            rank[position] = r;
        }
        let mut article_numbers: HashMap<&str, u32> = HashMap::new();
        let article_of: Vec<u32> = by_key
            .iter()
            .map(|&i| {
                let next = article_numbers.len() as u32;
                *article_numbers
                    .entry(self.mentions[i].key.article.as_str())
                    .or_insert(next)
            })
            .collect();
        let threshold = claims::model::model().threshold;
        // Each link's probability, by link position (NaN: no longer candidates).
        let probabilities: Vec<f32> = self
            .links
            .iter()
            .map(|l| self.probability(l).unwrap_or(f32::NAN))
            .collect();
        let pairs: Vec<claims::cluster::ScoredPair> = self
            .links
            .iter()
            .zip(&probabilities)
            .filter(|(_, p)| !p.is_nan())
            .map(|(l, &p)| claims::cluster::ScoredPair {
                a: rank[l.a as usize] as u32,
                b: rank[l.b as usize] as u32,
                probability: p,
            })
            .collect();
        let groups: Vec<Vec<usize>> = claims::cluster::average_link(&article_of, &pairs, threshold)
            .into_iter()
            .map(|ranked| ranked.into_iter().map(|r| by_key[r as usize]).collect())
            .collect();
        // One pass over the links finds, for every mention, its number of links inside its
        // group, and its best link inside the group; a second pass its link to the group's
        // anchor. (Pairwise look-ups would be quadratic in the size of a group.)
        let mut group_of = vec![usize::MAX; self.mentions.len()];
        for (g, group) in groups.iter().enumerate() {
            for &i in group {
                group_of[i] = g;
            }
        }
        let inside = |l: &Link| {
            let g = group_of[l.a as usize];
            (g != usize::MAX && g == group_of[l.b as usize]).then_some(g)
        };
        let mut degree = vec![0u32; self.mentions.len()];
        // Best link by score; on a tie, the one to the later mention in key order.
        let mut best: Vec<Option<&Link>> = vec![None; self.mentions.len()];
        for (l, &p) in self.links.iter().zip(&probabilities) {
            if inside(l).is_none() || p.is_nan() {
                continue;
            }
            for (x, y) in [(l.a as usize, l.b as usize), (l.b as usize, l.a as usize)] {
                degree[x] += 1;
                let better = best[x].is_none_or(|current| {
                    let other = if current.a as usize == x {
                        current.b
                    } else {
                        current.a
                    } as usize;
                    l.score
                        .total_cmp(&current.score)
                        .then(rank[y].cmp(&rank[other]))
                        .is_gt()
                });
                if better {
                    best[x] = Some(l);
                }
            }
        }
        // The anchor is the mention with the most links inside the group.
        let anchors: Vec<usize> = groups
            .iter()
            .map(|group| {
                *group
                    .iter()
                    .max_by_key(|&&i| (degree[i], std::cmp::Reverse(&self.mentions[i].key)))
                    .unwrap_or(&group[0])
            })
            .collect();
        let mut to_anchor: Vec<Option<&Link>> = vec![None; self.mentions.len()];
        for l in &self.links {
            let Some(g) = inside(l) else { continue };
            let (a, b) = (l.a as usize, l.b as usize);
            if b == anchors[g] {
                to_anchor[a] = Some(l);
            } else if a == anchors[g] {
                to_anchor[b] = Some(l);
            }
        }
        let mut claims = Vec::new();
        for (group, &anchor) in groups.iter().zip(&anchors) {
            let articles: HashSet<&str> = group
                .iter()
                .map(|&i| self.mentions[i].key.article.as_str())
                .collect();
            if articles.len() < 2 {
                continue;
            }
            let mut mentions = Vec::with_capacity(group.len());
            for &i in group {
                let (stance, detail) = match to_anchor[i].or(best[i]) {
                    Some(l) if i != anchor => (l.stance, l.detail.clone()),
                    _ => (Stance::Support, None),
                };
                mentions.push(ClaimMention {
                    mention: self.mentions[i].clone(),
                    position: i as u32,
                    stance,
                    detail,
                });
            }
            let anchor_key = &self.mentions[anchor].key;
            mentions.sort_by(|x, y| {
                (x.mention.key != *anchor_key)
                    .cmp(&(y.mention.key != *anchor_key))
                    .then(x.mention.key.cmp(&y.mention.key))
            });
            let id = format!(
                "{:016x}",
                crate::text::stable_hash(&[
                    anchor_key.article.as_bytes(),
                    &anchor_key.sentence.to_le_bytes(),
                ])
            );
            claims.push(Claim {
                id,
                summary: self.mentions[anchor].summary.clone(),
                sources: articles.len(),
                mentions,
            });
        }
        claims.sort_by(|a, b| {
            b.sources
                .cmp(&a.sources)
                .then(b.has_conflict().cmp(&a.has_conflict()))
                .then(a.id.cmp(&b.id))
        });
        claims
    }
}

/// A claim made in two or more articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub summary: String,
    /// How many distinct articles make it.
    pub sources: usize,
    /// The anchor mention first, then the others.
    pub mentions: Vec<ClaimMention>,
}

impl Claim {
    pub fn has_conflict(&self) -> bool {
        self.mentions.iter().any(|m| m.stance == Stance::Conflict)
    }
}

/// A stance, with the conflicting figures when it is a conflict.
pub type StanceDetail = (Stance, Option<Box<str>>);

/// One article's mention of a claim, with its stance towards the claim's anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimMention {
    pub mention: Arc<LinkedMention>,
    /// Its position in the link store.
    pub position: u32,
    pub stance: Stance,
    pub detail: Option<Box<str>>,
}

/// Claims indexed by mention: the reader's side panel and the exporter look up a sentence's
/// claim here, and how another source's sentence stands towards it.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    pub claims: Vec<Claim>,
    /// Claim of each mention, by [`MentionKey::id`].
    by_mention: HashMap<u64, usize>,
    /// Number of shared claims per article id.
    pub per_article: HashMap<String, usize>,
    /// Judged links whose stance the claim's anchor does not already imply, by (smaller,
    /// larger) mention position: most links agree with what the anchor says, and a large
    /// library has millions of them.
    pairs: HashMap<(u32, u32), StanceDetail>,
}

/// How two mentions of one claim stand towards each other, from their stances towards the
/// claim's anchor: two that agree with the anchor agree with each other; one that agrees and
/// one that conflicts conflict when the agreeing one states the anchor's figure (see
/// [`inferred_conflict`]).
fn through_anchor(from: &ClaimMention, other: &ClaimMention) -> StanceDetail {
    match (from.stance, other.stance) {
        (Stance::Support, Stance::Support) => (Stance::Support, None),
        (Stance::Conflict, Stance::Conflict) => (Stance::Support, None),
        (Stance::Support, Stance::Conflict) => inferred_conflict(from, other),
        (Stance::Conflict, Stance::Support) => inferred_conflict(other, from),
    }
}

/// `agreeing` does not contradict the claim's anchor; `conflicting` gives another figure,
/// named with the anchor's in its detail ("$50 billion vs exceed $10 billion"). The two
/// contradict each other when `agreeing` states the anchor's figure (the side of the detail
/// that `conflicting` does not state); a sentence of the claim that gives no such figure
/// ("The investment would be part of a broader round") agrees. The link store keeps no
/// figures, so the figure is looked for in the sentence as written; when the detail cannot be
/// read that way the conflict stands.
fn inferred_conflict(agreeing: &ClaimMention, conflicting: &ClaimMention) -> StanceDetail {
    let conflict = (Stance::Conflict, conflicting.detail.clone());
    let Some(detail) = conflicting.detail.as_deref() else {
        return conflict;
    };
    let figures = detail
        .trim_end_matches(" (within that bound)")
        .to_lowercase();
    let sides: Vec<&str> = figures.split(" vs ").collect();
    let [x, y] = sides[..] else {
        return conflict;
    };
    let theirs = conflicting.mention.text.to_lowercase();
    let anchors = match (states(&theirs, x), states(&theirs, y)) {
        (true, false) => y,
        (false, true) => x,
        _ => return conflict,
    };
    if states(&agreeing.mention.text.to_lowercase(), anchors) {
        conflict
    } else {
        (Stance::Support, None)
    }
}

/// Whether `text` states `figure` as a whole ("$50 billion" is not in "$150 billion", nor
/// "15 countries" in "115 countries").
fn states(text: &str, figure: &str) -> bool {
    let part_of_number = |c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | '$');
    text.match_indices(figure).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + figure.len()..].chars().next();
        !before.is_some_and(part_of_number) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl ClaimIndex {
    pub fn new(store: &LinkStore) -> ClaimIndex {
        let claims = store.claims();
        let mut by_mention = HashMap::new();
        let mut per_article: HashMap<String, usize> = HashMap::new();
        let mut member: Vec<Option<&ClaimMention>> = vec![None; store.mentions.len()];
        for (index, claim) in claims.iter().enumerate() {
            let mut articles = HashSet::new();
            for m in &claim.mentions {
                by_mention.insert(m.mention.key.id(), index);
                member[m.position as usize] = Some(m);
                articles.insert(m.mention.key.article.as_str());
            }
            for article in articles {
                *per_article.entry(article.to_string()).or_default() += 1;
            }
        }
        let mut pairs = HashMap::new();
        for l in &store.links {
            let (Some(a), Some(b)) = (member[l.a as usize], member[l.b as usize]) else {
                continue;
            };
            let (stance, detail) = through_anchor(a, b);
            if stance != l.stance || detail.as_deref() != l.detail.as_deref() {
                pairs.insert((l.a, l.b), (l.stance, l.detail.clone()));
            }
        }
        drop(member);
        ClaimIndex {
            claims,
            by_mention,
            per_article,
            pairs,
        }
    }

    /// The claim a sentence takes part in, if other sources make it too.
    pub fn claim_of(&self, key: &MentionKey) -> Option<usize> {
        // Ids are 64-bit hashes; a collision among a library's mentions is about as likely
        // as one in 30 million at a million mentions, and checking the claim's member list
        // instead would cost the drawing of every line.
        self.by_mention.get(&key.id()).copied()
    }

    /// How `other` stands towards `from` within one claim: their own judged link when there
    /// is one, else through the claim's anchor.
    pub fn stance_between(&self, from: &ClaimMention, other: &ClaimMention) -> StanceDetail {
        let (a, b) = (from.position, other.position);
        match self.pairs.get(&(a.min(b), a.max(b))) {
            Some(direct) => direct.clone(),
            None => through_anchor(from, other),
        }
    }
}

#[cfg(test)]
mod stance_tests {
    use super::*;

    fn mention(text: &str, stance: Stance, detail: Option<&str>) -> ClaimMention {
        ClaimMention {
            mention: Arc::new(LinkedMention {
                key: MentionKey {
                    article: text.to_string(),
                    sentence: 0,
                },
                start: 0,
                end: text.len(),
                text: text.to_string(),
                summary: String::new(),
            }),
            position: 0,
            stance,
            detail: detail.map(Into::into),
        }
    }

    #[test]
    fn a_sentence_without_the_anchors_figure_does_not_inherit_its_conflict() {
        let low = mention(
            "OpenAI is in talks with Amazon about an investment that could exceed $10 billion.",
            Stance::Conflict,
            Some("$50 billion vs exceed $10 billion (within that bound)"),
        );
        let same = mention(
            "Amazon is negotiating a $50 billion investment in OpenAI.",
            Stance::Support,
            None,
        );
        let round = mention(
            "The investment would be part of a broader $100 billion funding round.",
            Stance::Support,
            None,
        );
        let larger = mention("Amazon may invest $150 billion.", Stance::Support, None);
        assert_eq!(through_anchor(&same, &low).0, Stance::Conflict);
        assert_eq!(through_anchor(&low, &same).0, Stance::Conflict);
        assert_eq!(through_anchor(&round, &low), (Stance::Support, None));
        assert_eq!(through_anchor(&larger, &low), (Stance::Support, None));
        assert_eq!(through_anchor(&same, &round), (Stance::Support, None));
    }
}
