//! Cross-source claim linking over the whole library, incrementally.
//!
//! When an article is indexed, each of its sentences that makes a claim becomes a [`Mention`]
//! with a claim signature, stored as a `sentence` document whose `claim_terms` field holds the
//! signature's retrieval terms. Linking a new article asks the index for the best-matching
//! sentences of other articles (BM25 over those terms, top [`CANDIDATES_PER_MENTION`]) and
//! judges only those candidates, so the cost grows with the article, not with the library.
//! Accepted links live in [`LinkStore`] (`links.json`, replaced atomically), which the reader
//! loads once so its side panel opens instantly; grouping links into claims happens on demand.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claims::{self, ClaimSignature, Stance};
use crate::entities::{Entity, EntityKind};
use crate::error::Result;
use crate::index::StoredArticle;

/// How many candidate sentences the index returns per mention.
pub const CANDIDATES_PER_MENTION: usize = 40;

/// A mention is identified by its article and the index of its sentence in that article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentionKey {
    pub article: String,
    pub sentence: usize,
}

/// A sentence that makes a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub key: MentionKey,
    /// Byte range of the sentence in the article body.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Figures and dates in the sentence (offsets into the article body).
    pub values: Vec<Entity>,
    pub signature: ClaimSignature,
}

/// What the link store keeps of a linked mention: enough to show it and to name its claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkedMention {
    pub key: MentionKey,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub values: Vec<Entity>,
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
            values: m.values.clone(),
            summary: claims::summary(&m.signature),
        }
    }
}

/// A judged link between mentions of two different articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: MentionKey,
    pub b: MentionKey,
    pub score: f32,
    pub stance: Stance,
    /// The conflicting figures, for a conflict.
    pub detail: Option<String>,
}

/// The claim mentions of one article, as computed at indexing.
pub fn mentions_of(stored: &StoredArticle) -> Vec<Mention> {
    let body = stored.article.body();
    let published = stored.article.published.as_deref();
    // The article's lead names stand in for pronouns ("The company said ...").
    let participants = claims::article_participants(&stored.entities);
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
        let Some(signature) =
            claims::signature_in_context(text, &relative, published, &participants)
        else {
            continue;
        };
        let values = inside
            .into_iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EntityKind::Money
                        | EntityKind::Percent
                        | EntityKind::Quantity
                        | EntityKind::Date
                )
            })
            .cloned()
            .collect();
        mentions.push(Mention {
            key: MentionKey {
                article: stored.article.id.clone(),
                sentence: index,
            },
            start,
            end,
            text: text.to_string(),
            values,
            signature,
        });
    }
    mentions
}

/// All accepted links, and the mentions they join.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkStore {
    pub links: Vec<Link>,
    /// Mentions that take part in at least one link, by key.
    #[serde(with = "mention_map")]
    pub mentions: BTreeMap<MentionKey, LinkedMention>,
    /// Linked pairs, for constant-time duplicate checks; rebuilt after loading.
    #[serde(skip)]
    linked: HashSet<(MentionKey, MentionKey)>,
}

mod mention_map {
    //! JSON object keys must be strings; store the map as a list.
    use super::{LinkedMention as Mention, MentionKey};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<MentionKey, Mention>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        map.values().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<MentionKey, Mention>, D::Error> {
        let list = Vec::<Mention>::deserialize(d)?;
        Ok(list.into_iter().map(|m| (m.key.clone(), m)).collect())
    }
}

impl LinkStore {
    pub fn load(path: &Path) -> Result<LinkStore> {
        let mut store: LinkStore =
            crate::fsutil::load_json(path, "claim links")?.unwrap_or_default();
        store.linked = store
            .links
            .iter()
            .map(|l| (l.a.clone(), l.b.clone()))
            .collect();
        Ok(store)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        crate::fsutil::save_json(path, self)
    }

    /// Drops every link that touches one of `articles` (they are being replaced or removed).
    pub fn forget_articles(&mut self, articles: &HashSet<String>) {
        self.links
            .retain(|l| !articles.contains(&l.a.article) && !articles.contains(&l.b.article));
        self.linked
            .retain(|(a, b)| !articles.contains(&a.article) && !articles.contains(&b.article));
        let used: HashSet<&MentionKey> = self.links.iter().flat_map(|l| [&l.a, &l.b]).collect();
        self.mentions.retain(|key, _| used.contains(key));
    }

    /// Adds a link unless the pair is already linked.
    pub fn insert(&mut self, a: &Mention, b: &Mention, judgement: claims::LinkJudgement) {
        let (first, second) = if a.key <= b.key { (a, b) } else { (b, a) };
        if !self.linked.insert((first.key.clone(), second.key.clone())) {
            return;
        }
        self.links.push(Link {
            a: first.key.clone(),
            b: second.key.clone(),
            score: judgement.score,
            stance: judgement.stance,
            detail: judgement.detail,
        });
        for m in [first, second] {
            self.mentions
                .entry(m.key.clone())
                .or_insert_with(|| LinkedMention::from(m));
        }
    }

    /// Groups the links into claims made by two or more articles.
    pub fn claims(&self) -> Vec<Claim> {
        let keys: Vec<&MentionKey> = self.mentions.keys().collect();
        let position: HashMap<&MentionKey, usize> =
            keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let pairs: Vec<(usize, usize, f32)> = self
            .links
            .iter()
            .filter_map(|l| Some((*position.get(&l.a)?, *position.get(&l.b)?, l.score)))
            .collect();
        let mut link_of: HashMap<(usize, usize), &Link> = HashMap::new();
        for (link, &(a, b, _)) in self.links.iter().zip(&pairs) {
            link_of.insert((a.min(b), a.max(b)), link);
        }
        let mut claims = Vec::new();
        for group in claims::group_links(keys.len(), &pairs) {
            let articles: HashSet<&str> = group.iter().map(|&i| keys[i].article.as_str()).collect();
            if articles.len() < 2 {
                continue;
            }
            // The anchor is the mention with the most links inside the group.
            let degree = |i: usize| {
                group
                    .iter()
                    .filter(|&&j| link_of.contains_key(&(i.min(j), i.max(j))))
                    .count()
            };
            let anchor = *group
                .iter()
                .max_by_key(|&&i| (degree(i), std::cmp::Reverse(keys[i])))
                .unwrap_or(&group[0]);
            let mut mentions = Vec::with_capacity(group.len());
            for &i in &group {
                let direct = link_of.get(&(i.min(anchor), i.max(anchor)));
                let best = direct.copied().or_else(|| {
                    group
                        .iter()
                        .filter_map(|&j| link_of.get(&(i.min(j), i.max(j))).copied())
                        .max_by(|x, y| x.score.total_cmp(&y.score))
                });
                let stance = if i == anchor {
                    Stance::Support
                } else {
                    best.map(|l| l.stance).unwrap_or(Stance::Support)
                };
                let detail = if i == anchor {
                    None
                } else {
                    best.and_then(|l| l.detail.clone())
                };
                mentions.push(ClaimMention {
                    mention: self.mentions[keys[i]].clone(),
                    stance,
                    detail,
                });
            }
            mentions.sort_by(|x, y| {
                (x.mention.key != *keys[anchor])
                    .cmp(&(y.mention.key != *keys[anchor]))
                    .then(x.mention.key.cmp(&y.mention.key))
            });
            let anchor_mention = &self.mentions[keys[anchor]];
            let id = format!(
                "{:016x}",
                crate::text::stable_hash(&[
                    anchor_mention.key.article.as_bytes(),
                    &anchor_mention.key.sentence.to_le_bytes(),
                ])
            );
            claims.push(Claim {
                id,
                summary: anchor_mention.summary.clone(),
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

/// One article's mention of a claim, with its stance towards the claim's anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimMention {
    pub mention: LinkedMention,
    pub stance: Stance,
    pub detail: Option<String>,
}

/// Claims indexed by mention: the reader's side panel and the exporter look up a sentence's
/// claim here, and how another source's sentence stands towards it.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    pub claims: Vec<Claim>,
    pub by_mention: HashMap<MentionKey, usize>,
    /// Number of shared claims per article id.
    pub per_article: HashMap<String, usize>,
    /// Judged links by (smaller key, larger key): stance and conflicting figures.
    pub pairs: HashMap<(MentionKey, MentionKey), (Stance, Option<String>)>,
}

impl ClaimIndex {
    pub fn new(claims: Vec<Claim>, links: &[Link]) -> ClaimIndex {
        let mut by_mention = HashMap::new();
        let mut per_article: HashMap<String, usize> = HashMap::new();
        for (index, claim) in claims.iter().enumerate() {
            let mut articles = std::collections::HashSet::new();
            for m in &claim.mentions {
                by_mention.insert(m.mention.key.clone(), index);
                articles.insert(m.mention.key.article.clone());
            }
            for article in articles {
                *per_article.entry(article).or_default() += 1;
            }
        }
        let pairs = links
            .iter()
            .map(|l| ((l.a.clone(), l.b.clone()), (l.stance, l.detail.clone())))
            .collect();
        ClaimIndex {
            claims,
            by_mention,
            per_article,
            pairs,
        }
    }

    /// How `other` stands towards `from` within one claim: their own judged link when there
    /// is one, else through the claim's anchor (two mentions that agree with the anchor agree
    /// with each other; one that agrees and one that conflicts conflict).
    pub fn stance_between(
        &self,
        from: &ClaimMention,
        other: &ClaimMention,
    ) -> (Stance, Option<String>) {
        let (a, b) = (&from.mention.key, &other.mention.key);
        let key = if a <= b {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        if let Some(direct) = self.pairs.get(&key) {
            return direct.clone();
        }
        match (from.stance, other.stance) {
            (Stance::Support, Stance::Support) => (Stance::Support, None),
            (Stance::Conflict, Stance::Conflict) => (Stance::Support, None),
            (Stance::Support, Stance::Conflict) => (Stance::Conflict, other.detail.clone()),
            (Stance::Conflict, Stance::Support) => (Stance::Conflict, from.detail.clone()),
        }
    }
}
