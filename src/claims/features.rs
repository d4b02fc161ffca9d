//! What the claim scorer looks at: the features of a pair of sentences and of their two
//! articles. Everything here is measured, not decided: [`super::model`] weighs the features
//! with weights learned from data, and [`super::contradiction`] compares the figures.
//!
//! A sentence is prepared once ([`Prepared`]: its words hashed and weighted by how rare they are
//! in a background corpus, its names weighted the same way); an article is reduced to the
//! [`ArticleVector`] of its most telling words and names, which finds its nearest neighbours
//! ([`super::neighbours`]). Pair features are split by when they can be computed: everything
//! about the two sentences and their articles' similarity is known when the pair is found
//! ([`PairFeatures`]); how the two articles sit among the library's other articles (shared
//! nearest neighbours) is known only when the library is read ([`StoryFeatures`]).

use super::ClaimSignature;
use super::lexicon::{is_attribution, is_stop, stem};
use super::names::same_name;
use super::vocab::{name_weight, stem_weight};
use crate::entities::{Entity, EntityKind};

fn hash(s: &str) -> u64 {
    crate::text::stable_hash(&[s.as_bytes()])
}

/// A sentence ready to be compared: built once per mention per linking batch.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub signature: &'a ClaimSignature,
    /// Content-word stems as (hash, weight), sorted by hash.
    terms: Vec<(u64, f32)>,
    /// Participant and place names with their weights.
    names: Vec<(&'a str, f32)>,
    /// Euclidean norm of the weighted words and names together.
    norm: f32,
}

impl<'a> Prepared<'a> {
    pub fn new(signature: &'a ClaimSignature) -> Prepared<'a> {
        let mut terms: Vec<(u64, f32)> = signature
            .terms
            .iter()
            .map(|t| (hash(t), stem_weight(t)))
            .collect();
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        let names: Vec<(&str, f32)> = signature
            .participants
            .iter()
            .chain(&signature.places)
            .map(|n| (n.as_str(), name_weight(n)))
            .collect();
        let norm = terms
            .iter()
            .map(|t| t.1 * t.1)
            .chain(names.iter().map(|n| n.1 * n.1))
            .sum::<f32>()
            .sqrt();
        Prepared {
            signature,
            terms,
            names,
            norm,
        }
    }
}

/// Features of two sentences (and of their articles' similarity) known when the pair is found.
/// The order of the fields is the order of [`PAIR_FEATURES`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PairFeatures {
    pub values: [f32; PAIR_FEATURES.len()],
}

/// Names of the pair features, as the model file and `explain` spell them.
pub const PAIR_FEATURES: [&str; 17] = [
    "article_cosine",
    "sentence_cosine",
    "article_x_sentence_cosine",
    "shared_word_weight",
    "shared_names",
    "shared_name_weight",
    "name_overlap",
    "unshared_names",
    "shared_event",
    "different_events",
    "different_people",
    "quote",
    "first_position",
    "last_position",
    "dates_agree",
    "dates_differ",
    "figures_agree",
];

/// Features of how two articles sit among the library's articles, known only when the library's
/// nearest-neighbour lists are (see [`super::neighbours`]). Order of [`STORY_FEATURES`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StoryFeatures {
    pub values: [f32; STORY_FEATURES.len()],
}

pub const STORY_FEATURES: [&str; 4] = [
    "shared_neighbours",
    "mutual_neighbours",
    "nearer_rank",
    "farther_rank",
];

/// Calls `each` with every pair of entries, one from each list, that have the same key; both
/// lists are sorted by `key` and hold each key once.
fn matching<T, K: Ord>(a: &[T], b: &[T], key: impl Fn(&T) -> K, mut each: impl FnMut(&T, &T)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                each(&a[i], &b[j]);
                i += 1;
                j += 1;
            }
        }
    }
}

fn absolute(d: &str) -> bool {
    d.len() >= 4 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// +1 the sentences' dates agree, -1 both give absolute dates that cannot be one day, else 0.
pub(super) fn date_agreement(a: &ClaimSignature, b: &ClaimSignature) -> i32 {
    let aa: Vec<&String> = a.dates.iter().filter(|d| absolute(d)).collect();
    let bb: Vec<&String> = b.dates.iter().filter(|d| absolute(d)).collect();
    if !aa.is_empty() && !bb.is_empty() {
        let agree = aa.iter().any(|x| {
            bb.iter()
                .any(|y| x.starts_with(y.as_str()) || y.starts_with(x.as_str()))
        });
        return if agree { 1 } else { -1 };
    }
    i32::from(a.dates.iter().any(|d| b.dates.contains(d)))
}

/// Some figure of one sentence equals (within 5%) a figure of the same kind in the other.
fn figures_agree(a: &ClaimSignature, b: &ClaimSignature) -> bool {
    a.values.iter().any(|x| {
        b.values.iter().any(|y| {
            x.kind == y.kind
                && (x.kind != "quantity" || x.unit == y.unit)
                && (x.value - y.value).abs() <= 0.05 * x.value.abs().max(y.value.abs())
        })
    })
}

/// A word shared by two sentences counts as evidence that they may state the same thing only
/// when it is at least this rare in the background corpus (in about one sentence in 90 or
/// fewer): "people" or "company" prove nothing, "restructuring" or "rehab" may.
pub const BLOCKING_WEIGHT: f32 = 4.5;

/// Whether two sentences share anything that could make them one claim: a name, an event
/// concept, an agreeing figure or a rare word. Only such pairs are candidates (blocking); two
/// sentences of one story that share nothing are never compared, however alike their articles.
pub fn share_evidence(a: &Prepared, b: &Prepared) -> bool {
    let (sa, sb) = (a.signature, b.signature);
    let mut found = false;
    matching(&sa.concepts, &sb.concepts, |c| *c, |_, _| found = true);
    if found || figures_agree(sa, sb) {
        return true;
    }
    let mut rare = false;
    matching(
        &a.terms,
        &b.terms,
        |t| t.0,
        |x, _| rare |= x.1 >= BLOCKING_WEIGHT,
    );
    rare || a
        .names
        .iter()
        .any(|(x, _)| b.names.iter().any(|(y, _)| same_name(x, y)))
}

/// The pair features of `a` and `b`, whose articles have cosine similarity `article_cosine`.
pub fn pair_features(a: &Prepared, b: &Prepared, article_cosine: f32) -> PairFeatures {
    let mut dot = 0.0;
    let mut shared_weight = 0.0;
    matching(
        &a.terms,
        &b.terms,
        |t| t.0,
        |x, y| {
            dot += x.1 * y.1;
            shared_weight += x.1;
        },
    );
    let mut shared = 0usize;
    let mut shared_name_weight = 0.0;
    for &(name, weight) in &a.names {
        if let Some(&(_, w)) = b.names.iter().find(|(other, _)| same_name(name, other)) {
            shared += 1;
            shared_name_weight += weight;
            if b.names.iter().any(|(other, _)| *other == name) {
                dot += weight * w;
            }
        }
    }
    let sentence_cosine = if a.norm > 0.0 && b.norm > 0.0 {
        (dot / (a.norm * b.norm)).min(1.0)
    } else {
        0.0
    };
    let (sa, sb) = (a.signature, b.signature);
    let mut shared_concept = false;
    matching(
        &sa.concepts,
        &sb.concepts,
        |c| *c,
        |_, _| shared_concept = true,
    );
    let both_events = !sa.concepts.is_empty() && !sb.concepts.is_empty();
    let different_people = !sa.persons.is_empty()
        && !sb.persons.is_empty()
        && !sa
            .persons
            .iter()
            .any(|x| sb.persons.iter().any(|y| same_name(x, y)));
    let dates = date_agreement(sa, sb);
    let (na, nb) = (a.names.len() as f32, b.names.len() as f32);
    let first = sa.position.min(sb.position) as f32;
    let last = sa.position.max(sb.position) as f32;
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    PairFeatures {
        values: [
            article_cosine,
            sentence_cosine,
            article_cosine * sentence_cosine,
            shared_weight,
            shared as f32,
            shared_name_weight,
            shared as f32 / (na * nb).max(1.0).sqrt(),
            na + nb - 2.0 * shared as f32,
            flag(shared_concept),
            flag(both_events && !shared_concept),
            flag(different_people),
            flag(sa.quote || sb.quote),
            first.ln_1p(),
            last.ln_1p(),
            flag(dates > 0),
            flag(dates < 0),
            flag(figures_agree(sa, sb)),
        ],
    }
}

/// How many of an article's most telling words and names its vector keeps.
pub const ARTICLE_TERMS: usize = 64;

/// An article reduced to its most telling words and names (hashed), weighted by frequency and
/// rarity, unit length: the cosine of two vectors says how alike two articles are.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleVector {
    /// (term hash, weight), sorted by hash.
    pub terms: Vec<(u64, f32)>,
}

fn is_named(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Person | EntityKind::Org | EntityKind::Product | EntityKind::Place
    )
}

impl ArticleVector {
    /// From an article body and its entities (sorted by start, as the recogniser returns them).
    pub fn new(body: &str, entities: &[Entity]) -> ArticleVector {
        use std::collections::HashMap;
        let mut counts: HashMap<String, (u32, f32)> = HashMap::new();
        let mut covered = entities.iter().peekable();
        let mut start = None;
        let push_word = |word: &str, counts: &mut HashMap<String, (u32, f32)>| {
            let lower = word.to_lowercase();
            if lower.len() < 3
                || !lower.chars().all(char::is_alphabetic)
                || is_stop(&lower)
                || is_attribution(&lower)
            {
                return;
            }
            let s = stem(&lower);
            let w = stem_weight(&s);
            counts.entry(s).or_insert((0, w)).0 += 1;
        };
        for (i, c) in body
            .char_indices()
            .chain(std::iter::once((body.len(), ' ')))
        {
            let inner = c.is_alphanumeric() || c == '\'' || c == '’';
            match (inner, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    start = None;
                    while covered.peek().is_some_and(|e| e.end <= s) {
                        covered.next();
                    }
                    if covered.peek().is_some_and(|e| e.start <= s) {
                        continue;
                    }
                    let word = body[s..i].trim_end_matches(['\'', '’']);
                    let word = word
                        .strip_suffix("'s")
                        .or_else(|| word.strip_suffix("’s"))
                        .unwrap_or(word);
                    push_word(word, &mut counts);
                }
                _ => {}
            }
        }
        for e in entities.iter().filter(|e| is_named(e.kind)) {
            let name = super::extract::normalize_name(&e.text);
            if name.len() >= 2 {
                let w = name_weight(&name);
                counts.entry(format!("n:{name}")).or_insert((0, w)).0 += 1;
            }
        }
        let mut weighted: Vec<(u64, f32, String)> = counts
            .into_iter()
            .map(|(term, (n, w))| (hash(&term), (1.0 + (n as f32).ln()) * w, term))
            .collect();
        // Heaviest first; ties by term so the kept set never depends on hash-map order.
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
        weighted.truncate(ARTICLE_TERMS);
        let norm = weighted.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        let mut terms: Vec<(u64, f32)> = weighted
            .into_iter()
            .map(|(h, w, _)| (h, if norm > 0.0 { w / norm } else { 0.0 }))
            .collect();
        terms.sort_by_key(|t| t.0);
        terms.dedup_by_key(|t| t.0);
        ArticleVector { terms }
    }
}
